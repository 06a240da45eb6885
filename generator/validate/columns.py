"""The flat form of an opportunity: one column (or issue-form field) per value.

Spreadsheet imports and the no-git issue form both arrive as flat
`name -> text` pairs; this table says where each goes in a record and how
to read it. A column's header and help text in each language are in the
catalogues (`column.<key>`, `column.<key>.help`), so a sheet may use the
English or the French headers, and a column documented for the spreadsheet
works in the issue form too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator import vocab
from generator.i18n import has, t
from generator.layout import LANGUAGES
from generator.problems import Loc, dotted, listing
from generator.textnorm import fold
from generator.validate.suggest import closest

# How a cell is read. "vocab:NAME" and "list:NAME" use the vocabularies.
TEXT, LONG, DATE, NUMBER, BOOL, URL, EMAIL, LIST_TEXT, DURATION = (
    "text",
    "long",
    "date",
    "number",
    "bool",
    "url",
    "email",
    "texts",
    "duration",
)


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the English header, also the issue form field id
    path: Loc  # where the value goes in the record
    kind: str

    def header(self, lang: str) -> str:
        return t(f"column.{self.key}", lang)

    def help(self, lang: str) -> str:
        return t(f"column.{self.key}.help", lang)


COLUMNS: tuple[Column, ...] = (
    Column("id", ("id",), TEXT),
    Column("title_en", ("title", "en"), TEXT),
    Column("title_fr", ("title", "fr"), TEXT),
    Column("description_en", ("description", "en"), LONG),
    Column("description_fr", ("description", "fr"), LONG),
    Column("host", ("host", "name"), TEXT),
    Column("host_kind", ("host", "kind"), "vocab:host_kinds"),
    Column("host_website", ("host", "website"), URL),
    Column("host_size", ("host", "size"), "vocab:host_sizes"),
    Column("first_time_host", ("host", "first_time"), BOOL),
    Column("wil_type", ("wil_type",), "vocab:wil_types"),
    Column("sectors", ("sectors",), "list:sectors"),
    Column("fields_of_study", ("fields_of_study",), LIST_TEXT),
    Column("study_fields", ("study_fields",), "list:study_fields"),
    Column("skills_en", ("skills", "en"), LIST_TEXT),
    Column("skills_fr", ("skills", "fr"), LIST_TEXT),
    Column("learning_outcomes_en", ("learning_outcomes", "en"), LIST_TEXT),
    Column("learning_outcomes_fr", ("learning_outcomes", "fr"), LIST_TEXT),
    Column("academic_credit", ("academic_credit",), "vocab:academic_credit"),
    Column("start_date", ("start_date",), DATE),
    Column("end_date", ("end_date",), DATE),
    Column("application_deadline", ("application_deadline",), DATE),
    Column("duration", ("duration",), DURATION),
    Column("hours_per_week", ("hours_per_week",), NUMBER),
    Column("intake_terms", ("intake_terms",), "list:intake_terms"),
    Column("compensation", ("compensation", "type"), "vocab:compensation"),
    Column("amount_min", ("compensation", "amount_min"), NUMBER),
    Column("amount_max", ("compensation", "amount_max"), NUMBER),
    Column("pay_period", ("compensation", "period"), "vocab:pay_periods"),
    Column("host_hours", ("host_commitment", "hours_total"), NUMBER),
    Column("host_cost_en", ("host_commitment", "cost", "en"), TEXT),
    Column("host_cost_fr", ("host_commitment", "cost", "fr"), TEXT),
    Column("subsidies", ("subsidies",), "list:subsidies"),
    Column("work_arrangement", ("work_arrangement",), "vocab:work_arrangements"),
    Column("city", ("location", "city"), TEXT),
    Column("province", ("location", "province"), TEXT),
    Column("study_levels", ("eligibility", "study_levels"), "list:study_levels"),
    Column("part_time_students", ("eligibility", "part_time_students"), BOOL),
    Column("international_students", ("eligibility", "international_students"), BOOL),
    Column("early_years", ("eligibility", "early_years"), BOOL),
    Column("equity_focus", ("equity_focus",), "list:equity_focus"),
    Column("supports", ("supports",), "list:supports"),
    Column("audience", ("audience",), "list:audiences"),
    Column("languages", ("languages",), "list:languages"),
    Column("apply_url", ("institutions", 0, "apply_url"), URL),
    Column("contact_office", ("institutions", 0, "contact_office"), TEXT),
    Column("contact_email", ("institutions", 0, "contact_email"), EMAIL),
    Column("contact_phone", ("institutions", 0, "contact_phone"), TEXT),
    Column("program", ("institutions", 0, "program"), TEXT),
    Column("same_as", ("same_as",), TEXT),
    Column("distinct_from", ("distinct_from",), LIST_TEXT),
    Column("status", ("status",), "vocab:statuses"),
    Column("last_verified", ("last_verified",), DATE),
    Column("first_published", ("first_published",), DATE),
)


@cache
def _by_header() -> dict[str, Column]:
    """Every header in every language, folded, so `Date limite` finds
    `date_limite`, and the other names people give a column
    (`column.<key>.also` in the catalogues: `Dernière vérification` finds
    `verifie_le`). No name may mean two columns (a test checks)."""
    found: dict[str, Column] = {}
    for column in COLUMNS:
        for lang in LANGUAGES:
            names = [column.header(lang)]
            if has(f"column.{column.key}.also", lang):
                names += [n for n in t(f"column.{column.key}.also", lang).split(",") if n.strip()]
            for name in names:
                found.setdefault(_header_key(name), column)
    return found


def _header_key(header: str) -> str:
    return re.sub(r"[\s_()'-]+", "_", fold(header).strip()).strip("_")


_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEPARATOR = re.compile(r"[;\n]")


class CellError(ValueError):
    """A value that cannot be read: a problem code and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def header_column(header: str, columns: tuple[Column, ...] | None = None) -> Column | None:
    """The column a header names (in any language), among `columns` (default: an opportunity's)."""
    if columns is None:
        return _by_header().get(_header_key(header))
    wanted = _header_key(header)
    return next((c for c in columns for lang in LANGUAGES if _header_key(c.header(lang)) == wanted), None)


def header_suggestion(header: str) -> str:
    return closest(_header_key(header), list(_by_header())) or ""


def field_for_header(name: str) -> Loc | None:
    """Where a column's value goes, when a field in a file is named like a
    column (`date_limite:` -> `application_deadline`)."""
    column = header_column(name)
    return column.path if column else None


@cache
def _words(key: str) -> frozenset[str]:
    """Words people may type for one answer, in every language (`input.yes`: yes, oui...)."""
    return frozenset(fold(w) for lang in LANGUAGES for w in t(key, lang).split(",") if w.strip())


def _squash(text: str) -> str:
    return fold(text).replace(" ", "").replace("-", "")


@cache
def accepted(name: str) -> dict[str, tuple[str, ...]]:
    """Everything a sheet may write for each entry of a vocabulary: its id, its
    label in every language, and the words people use for it in every language
    (`input.vocab.<vocabulary>.<id>` in the catalogues: `stage coopératif`,
    `micro-stage`, `heure`). Case, accents, spaces and hyphens do not matter.
    The contributor's guide lists the same."""
    out = {}
    for term in vocab.vocabularies()[name]:
        words = [term.id, *(term.label(lang) for lang in LANGUAGES)]
        words += [w for lang in LANGUAGES for w in input_words(term, lang)]
        out[term.id] = tuple(dict.fromkeys(words))
    return out


def input_words(term: vocab.Term, lang: str) -> list[str]:
    """The words people write for a vocabulary entry in one language, besides
    its id and label (`input.<vocabulary>.<id>`; none for most vocabularies)."""
    try:
        return [w.strip() for w in t(f"input.{term.key}", lang).split(",") if w.strip()]
    except KeyError:
        return []


def _term(name: str, value: str) -> str:
    wanted = _squash(value)
    for id_, words in accepted(name).items():
        if wanted in {_squash(w) for w in words}:
            return id_
    id_of = {w: id_ for id_, words in accepted(name).items() for w in words}
    nearest = closest(value, list(id_of))
    best = id_of[nearest] if nearest else None  # suggested as the id the allowed list shows
    raise CellError("cell-unknown-value", value=value, allowed=listing(vocab.ids(name)), best=best or "")


# YYYY-MM-DD (or with slashes), as the guide says, with a spreadsheet's time of
# day after it at most ("2026-10-20 00:00:00"): no other form Python's
# fromisoformat would take (20261020, 2026-W43-2), no words after it.
_DAY = re.compile(r"\s*(\d{4})[-/](\d{2})[-/](\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?\s*")


def _date(value: str) -> str:
    match = _DAY.fullmatch(value)
    try:
        return dt.date(*map(int, match.groups())).isoformat() if match else _refuse_date(value)
    except ValueError:
        return _refuse_date(value)


def _refuse_date(value: str) -> str:
    raise CellError("cell-not-a-date", value=value)


_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,000 or 12,500.50
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}")  # 22,50 (French)


def _number(value: str) -> int | float:
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("$", "")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # also refuses "nan" and "inf", which float() accepts
        raise CellError("cell-not-a-number", value=value)
    return int(number) if number.is_integer() else number


def _duration(value: str) -> dict[str, Any]:
    match = re.fullmatch(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*(\w+)\s*", value)
    unit = None
    if match:
        word = fold(match.group(2))
        unit = next((u for u in vocab.ids("duration_units") if word in _words(f"input.{u}")), None)
    if not match or not unit:
        raise CellError("cell-bad-duration", value=value)
    return {"value": _number(match.group(1)), "unit": unit}


def read_cell(column: Column, raw: str) -> Any:
    """One cell's text as the value the record needs (raises CellError)."""
    value = raw.strip()
    if _CONTROL.search(value):
        raise CellError("cell-control")
    if _TAG.search(value):
        raise CellError("cell-html")
    kind = column.kind
    if kind in (TEXT, LONG, URL, EMAIL):
        return value.replace("\r\n", "\n") if kind == LONG else " ".join(value.split())
    if kind == DATE:
        return _date(value)
    if kind == NUMBER:
        return _number(value)
    if kind == BOOL:
        if fold(value) in _words("input.yes"):
            return True
        if fold(value) in _words("input.no"):
            return False
        raise CellError("cell-not-yes-no", value=value)
    if kind == LIST_TEXT:
        return [" ".join(part.split()) for part in _SEPARATOR.split(value) if part.strip()]
    if kind.startswith("vocab:"):
        return _term(kind[6:], value)
    if kind.startswith("list:"):
        return [_term(kind[5:], part.strip()) for part in _SEPARATOR.split(value) if part.strip()]
    if kind == DURATION:
        return _duration(value)
    raise ValueError(f"unknown column kind {kind}")  # a programming error, not a data problem


def place(record: dict[str, Any], path: Loc, value: Any) -> None:
    """Put a value at a path, creating the blocks (and the one-item list) on the way."""
    node: Any = record
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(part, int):
            while len(node) <= part:
                node.append({})
            node = node[part]
        else:
            node = node.setdefault(part, [] if isinstance(nxt, int) else {})
    node[path[-1]] = value


def slugify(*parts: str) -> str:
    words = fold(" ".join(parts)).split()
    slug = "-".join(words)[:80].strip("-")
    return slug if re.match(r"^[a-z]", slug or "") else f"o-{slug}"[:80].strip("-")


def columns_for_field(name: str, columns: tuple[Column, ...] = COLUMNS) -> list[Column]:
    """The column(s) a validation problem points at: `institutions[0].apply_url`
    -> apply_url; a missing `title` -> title_en and title_fr."""
    matches = [
        column
        for column in columns
        if name == dotted(column.path) or name.startswith((dotted(column.path) + ".", dotted(column.path) + "["))
    ]
    if matches:
        return [max(matches, key=lambda column: len(column.path))]
    return [column for column in columns if dotted(column.path).startswith(name + ".")] if name else []
