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
from pathlib import Path
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
from generator.render import urls

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


def _columns(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, tuple[str, ...], str]]:
    """(column, path of field names, kind) for every leaf of a model, in field order."""
    for name, info in model.model_fields.items():
        kind = _plain(info.annotation)
        column = f"{prefix}{name}"
        many = typing.get_origin(kind) is list
        inner = _plain(typing.get_args(kind)[0]) if many else kind
        if inner is Texts:
            for lang in LANGUAGES:
                yield f"{column}_{lang}", (name, lang), "many" if many else "one"
        elif inner is Term:
            yield column, (name, "id"), "many" if many else "one"
            for lang in LANGUAGES:
                yield f"{column}_{lang}", (name, "label", lang), "many" if many else "one"
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            for sub, path, sub_kind in _columns(inner, f"{column}_"):
                yield sub, (name, *path), "many" if many else sub_kind
        else:
            yield column, (name,), "many" if many else "one"


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
    """A cell a spreadsheet shows as text, never runs ("=HYPERLINK(...)" becomes "'=HYPERLINK(...)")."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def csv_text(records: list[dict[str, Any]]) -> str:
    """`records`: the opportunities of opportunities.json, as dumped."""
    columns = list(_columns(Record))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in columns])
    for data in records:
        row = []
        for _, path, _kind in columns:
            values = [_cell(v) for v in _get(data, path)]
            row.append(inert(LIST_SEPARATOR.join(v for v in values if v)))
        writer.writerow(row)
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
                    "email": contact.email,
                    "phone": contact.phone,
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


def export(listings: list[Listing], site_url: str, today: Any) -> Export:
    note = Texts(**{lang: t("data.licence_note", lang) for lang in LANGUAGES})
    ordered = sorted(listings, key=lambda listing: listing.id)
    return Export(
        built_for=today, site_url=site_url, licence_note=note, opportunities=[record(x, site_url) for x in ordered]
    )


def write_open_data(
    site: Path, listings: list[Listing], institutions: dict[str, Institution], site_url: str, today: Any
) -> Export:
    """site/data/: opportunities.json (+ its schema), opportunities.csv, institutions.json, vocabularies.json."""
    folder = site / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    data = export(listings, site_url, today)
    dumped = data.model_dump(mode="json")
    (folder / "opportunities.json").write_text(_dump(dumped), "utf-8")
    schema = json.dumps(json_schema(Export), ensure_ascii=False, indent=2) + "\n"
    (folder / "opportunities.schema.json").write_text(schema, "utf-8")
    (folder / "opportunities.csv").write_text(csv_text(dumped["opportunities"]), "utf-8", newline="")
    (folder / "institutions.json").write_text(_dump(institutions_data(institutions, listings, site_url)), "utf-8")
    (folder / "vocabularies.json").write_text(_dump(vocabularies_data()), "utf-8")
    return data
