"""Flat rows to valid records, and records to the YAML files people edit.

Shared by the spreadsheet import and the issue form: a row is validated by
the same model and rules as every file, its problems are the validator's
own (same codes, same words in every language), placed on the row and
column (or form section) they came from; and a record is written in the
same layout as any file (schema line, field order of the model, multi-line
text as `|` blocks), so a file imported today and edited by hand tomorrow
looks like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.i18n import msg
from generator.load.yamlstrict import LoadedFile, load_file, load_text
from generator.models import Institution, Opportunity
from generator.paths import INSTITUTIONS_DIR
from generator.problems import Problem, Where, listing, problem
from generator.validate import fields, rules
from generator.validate.columns import COLUMNS, CellError, Column, columns_for_field, place, read_cell, slugify
from generator.validate.suggest import closest

OPPORTUNITY_SCHEMA_LINK = "../../schema/opportunity.schema.json"

# Where a column's problem is shown: (column number or line, the header or label as the person sees it).
Locate = Callable[[Column | None], tuple[int, str]]


@dataclass(slots=True)
class RowResult:
    """A row read into a record, or the problems that stop it."""

    number: int  # 1-based row (or form line) as the person sees it
    record: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.record is not None and not any(p.is_error for p in self.problems)


@dataclass(frozen=True, slots=True)
class Source:
    """Where rows come from, so problems point at the right cell."""

    path: str  # the sheet or form, as the person named it
    where: Where  # "row" for a spreadsheet, "section" for an issue form
    locate: Locate


# Problems about several fields at once, and the columns that answer them.
CODE_COLUMNS = {"missing-contact": ("apply_url", "contact_email")}
COLUMN = {column.key: column for column in COLUMNS}


def at_cell(source: Source, number: int, column: Column | None, code: str, params: dict[str, Any]) -> Problem:
    col, shown = source.locate(column)
    line = number if source.where == "row" else col
    return problem(source.path, (line, col), code, params, field_name=shown, where=source.where)


def read_cells(number: int, cells: dict[Column, str], source: Source) -> tuple[dict[str, Any], list[Problem]]:
    """A row's (or form's) non-empty cells placed in a record; each unreadable cell is a problem on it."""
    record: dict[str, Any] = {}
    problems: list[Problem] = []
    for column, raw in cells.items():
        if not raw or not raw.strip():
            continue
        try:
            place(record, column.path, read_cell(column, raw))
        except CellError as exc:
            problems.append(at_cell(source, number, column, exc.code, exc.params))
    return record, problems


def build_record(
    number: int,
    cells: dict[Column, str],
    institution: str,
    today: dt.date,
    source: Source,
    existing: dict[str, dict[str, Any]] | None = None,
) -> RowResult:
    """Read one row's cells, fill what the importer knows, validate like a file."""
    result = RowResult(number)
    record, result.problems = read_cells(number, cells, source)
    record.setdefault("institutions", [{}])[0]["institution"] = institution
    owned = f"{institution}-"
    if "id" in record and not str(record["id"]).startswith(owned):
        record["id"] = slugify(institution, str(record["id"]))
    if not str(record.get("id", "")).startswith(owned):  # none given, or nothing left of it (`..`)
        title = record.get("title", {})
        name = title.get("en") or title.get("fr") or ""
        record["id"] = slugify(institution, record.get("host", {}).get("name", ""), name)
    if "last_verified" not in record:
        previous = (existing or {}).get(record["id"], {})
        record["last_verified"] = previous.get("last_verified", today.isoformat())
    record.setdefault("host", {}).setdefault("kind", "employer")
    record.setdefault("audience", ["students"])
    if result.problems:
        return result
    # The same checks as `wil validate`: fields, then the rules across
    # fields (dates in order...), with the same codes and words.
    loaded = LoadedFile(path=source.path, data=record)
    model, problems = fields.check(Opportunity, loaded)
    problems += [p for p in rules.apply(record, loaded, rules.Context(today=today)) if p.is_error]
    for found in problems:
        columns = [COLUMN[key] for key in CODE_COLUMNS[found.code]] if found.code in CODE_COLUMNS else None
        columns = columns or columns_for_field(found.field)
        params = dict(found.params)
        if columns and source.where == "row":  # the hint names the sheet's own columns
            shown = [f"`{source.locate(column)[1]}`" for column in columns]
            params["column"] = shown[0].strip("`")
            params["columns"] = (
                msg("columns.or", first=shown[0], second=shown[1]) if len(shown) == 2 else ", ".join(shown)
            )
        result.problems.append(at_cell(source, number, columns[0] if columns else None, found.code, params))
    if model is None or result.problems:
        return result
    if not model.id.startswith(owned):  # the rule `wil validate` applies across files (id-not-owned)
        params = {"value": model.id, "prefix": owned}
        result.problems.append(at_cell(source, number, None, "id-not-owned", params))
        return result
    result.record = whole_numbers(model.model_dump(mode="json", exclude_none=True))
    return result


def whole_numbers(value: Any) -> Any:
    """16.0 -> 16: write numbers the way people typed them."""
    if isinstance(value, dict):
        return {k: whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_numbers(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, so descriptions stay readable in an editor."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def to_yaml(record: dict[str, Any], provenance: list[str], schema: str = OPPORTUNITY_SCHEMA_LINK) -> str:
    """The file text for a record (a model dump, so fields come in model
    order): schema line, where it came from (in every language), then the fields."""
    body = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    text = f"# yaml-language-server: $schema={schema}\n" + "".join(f"# {line}\n" for line in provenance) + body
    loaded = load_text(text, "generated.yaml")  # what we write must read back identically
    if loaded.problems or loaded.data != record:
        raise RuntimeError("internal error: the YAML writer produced a file that does not read back")
    return text


def known_institutions(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / INSTITUTIONS_DIR).glob("*.yaml") if p.is_file() and not p.is_symlink())


def institution_problem(root: Path, institution: str, path: str) -> Problem | None:
    """Every contributing command writes into an existing institution's folder only."""
    known = known_institutions(root)
    if institution in known:
        return None
    params = {"value": institution[:40], "best": closest(institution, known) or "", "allowed": listing(known)}
    return problem(path, (1, 1), "unknown-institution", params, where="file")


def institution_record(root: Path, institution: str) -> tuple[Institution | None, list[Problem]]:
    """An institution file read through its model, as `wil validate` reads it."""
    rel = f"{INSTITUTIONS_DIR}/{institution}.yaml"
    loaded = load_file(root / rel, display=rel)
    record, problems = fields.check(Institution, loaded) if loaded.data is not None else (None, [])
    if record is None:
        found = [p for p in [*loaded.problems, *problems] if p.is_error]
        return None, [problem(rel, (1, 1), "institution-file-invalid", {"value": rel}, where="file"), *found]
    return record, []
