"""Open data in `site/data/`: every listed opportunity as JSON (with its
draft-07 schema) and as CSV, the institutions and the vocabularies.

Both languages' texts sit in one record, so one file serves every reader.
The CSV is for spreadsheets: one row per listing, one column per field,
lists joined with "; ", written with a byte-order mark so that Excel reads
the accents, and every cell a spreadsheet would run as a formula made inert.
"""

from __future__ import annotations

import csv
import io
import json
import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator import vocab
from generator.export.records import (
    Export,
    Record,
    Term,
    Texts,
    json_schema,
    licence_of,
    record,
    term,
)
from generator.i18n import has, t
from generator.layout import LANGUAGES, absolute
from generator.merge.listing import Listing
from generator.models import Institution
from generator.privacy import open_contact
from generator.render import urls
from generator.render.site import SiteData
from generator.tree import Folder

DATA_DIR = "data"
LIST_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")  # what Excel, LibreOffice and Sheets evaluate


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _plain(value: Any) -> Any:
    """Types inside Optional[...] and list[...], for walking a model's fields."""
    args = [a for a in typing.get_args(value) if a is not type(None)]
    origin = typing.get_origin(value)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _plain(args[0])
    return value


def _columns(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, tuple[str, ...]]]:
    """(column, path of field names) for every leaf of a model, in field order."""
    for name, info in model.model_fields.items():
        kind = _plain(info.annotation)
        column = f"{prefix}{name}"
        inner = _plain(typing.get_args(kind)[0]) if typing.get_origin(kind) is list else kind
        if inner is Texts:
            for lang in LANGUAGES:
                yield f"{column}_{lang}", (name, lang)
        elif inner is Term:
            yield column, (name, "id")
            for lang in LANGUAGES:
                yield f"{column}_{lang}", (name, "label", lang)
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            for sub, path in _columns(inner, f"{column}_"):
                yield sub, (name, *path)
        else:
            yield column, (name,)


def _get(data: Any, path: tuple[str, ...]) -> list[Any]:
    """Every value at a path, through lists (a listing's institutions, its sectors)."""
    found = [data]
    for name in path:
        step = []
        for item in found:
            if isinstance(item, list):
                step.extend(x.get(name) for x in item if x is not None)
            elif item is not None:
                step.append(item.get(name))
        found = step
    return [x for item in found for x in (item if isinstance(item, list) else [item]) if x is not None]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs ("=HYPERLINK(...)" and
    "  =1+2" become "'=HYPERLINK(...)" and "'  =1+2")."""
    return "'" + cell if cell.lstrip().startswith(_FORMULA_START) else cell  # some apps trim before evaluating


@cache
def _csv_columns() -> list[tuple[str, tuple[str, ...]]]:
    return list(_columns(Record))


def csv_row(data: dict[str, Any]) -> list[str]:
    """One opportunity of opportunities.json, as dumped, as a CSV row."""
    row = []
    for _, path in _csv_columns():
        values = [_cell(v) for v in _get(data, path)]
        row.append(inert(LIST_SEPARATOR.join(v for v in values if v)))
    return row


def csv_text(records: list[dict[str, Any]], rows: list[list[str]] | None = None) -> str:
    """`records`: the opportunities of opportunities.json, as dumped (`rows`:
    their rows, when already made)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in _csv_columns()])
    writer.writerows(rows if rows is not None else (csv_row(data) for data in records))
    return "\ufeff" + out.getvalue()


def institutions_data(institutions: dict[str, Institution], listings: list[Listing], site_url: str) -> list[Any]:
    counts = {inst_id: 0 for inst_id in institutions}
    for listing in listings:
        for offer in listing.offers:
            counts[offer.institution.id] = counts.get(offer.institution.id, 0) + 1
    out = []
    for inst_id, inst in sorted(institutions.items()):
        page = urls.page_url(urls.institution(inst_id))
        contact = inst.wil_contact
        email, phone = open_contact(contact.email, contact.phone, contact.consent)
        out.append(
            {
                "id": inst_id,
                "name": {lang: getattr(inst.name, lang, None) for lang in LANGUAGES},
                "short_name": inst.short_name,
                "kind": term("institution_kinds", inst.kind).model_dump(),
                "website": inst.website,
                "city": inst.city,
                "wil_contact": {
                    "office": {lang: getattr(contact.office, lang, None) for lang in LANGUAGES},
                    "email": email,
                    "phone": phone,
                    "url": contact.url,
                },
                "data_licence": licence_of(inst),
                "open_listings": counts.get(inst_id, 0),
                "url": {lang: absolute(site_url, lang, page) for lang in LANGUAGES},
            }
        )
    return out


def vocabularies_data() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, terms in vocab.vocabularies().items():
        if name == "host_profiles":  # the employers' chooser rules, not data values
            continue
        entries = []
        for entry in terms:
            item: dict[str, Any] = {"id": entry.id, "label": {lang: entry.label(lang) for lang in LANGUAGES}}
            if has(entry.key + ".definition", LANGUAGES[0]):
                item["definition"] = {lang: entry.definition(lang) for lang in LANGUAGES}
            if entry.family:
                item["family"] = entry.family
            if entry.naics:
                item["naics"] = list(entry.naics)
            entries.append(item)
        out[name] = entries
    return out


def dumped_export(site: SiteData) -> tuple[dict[str, Any], list[list[str]]]:
    """opportunities.json as data (what `Export(...).model_dump(mode="json")`
    gives) and its CSV rows, each record taken from the cache when its
    listing's files did not change."""
    records, rows = [], []
    for listing in sorted(site.listings, key=lambda x: x.id):
        key = site.page_key("data", listing) if site.cache is not None else ""
        found = site.cache.get("export", key) if site.cache is not None else None
        if not (isinstance(found, tuple) and len(found) == 2):
            data = record(listing, site.site_url).model_dump(mode="json")
            found = (data, csv_row(data))
            if site.cache is not None:
                site.cache.put("export", key, found)
        records.append(found[0])
        rows.append(found[1])
    note = {lang: t("data.licence_note", lang) for lang in LANGUAGES}
    head = Export(built_for=site.today, site_url=site.site_url, licence_note=Texts(**note), opportunities=[])
    return {**head.model_dump(mode="json"), "opportunities": records}, rows


def write_open_data(site_data: SiteData, out: Folder) -> int:
    """site/data/: opportunities.json (+ its schema), opportunities.csv,
    institutions.json, vocabularies.json. Returns how many records."""
    listings, institutions, site_url = site_data.listings, site_data.institutions, site_data.site_url
    dumped, rows = dumped_export(site_data)
    out.put(f"{DATA_DIR}/opportunities.json", _dump(dumped))
    schema = json.dumps(json_schema(Export), ensure_ascii=False, indent=2) + "\n"
    out.put(f"{DATA_DIR}/opportunities.schema.json", schema)
    out.put(f"{DATA_DIR}/opportunities.csv", csv_text(dumped["opportunities"], rows))
    out.put(f"{DATA_DIR}/institutions.json", _dump(institutions_data(institutions, listings, site_url)))
    out.put(f"{DATA_DIR}/vocabularies.json", _dump(vocabularies_data()))
    return len(dumped["opportunities"])
