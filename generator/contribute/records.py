"""Flat rows to valid records, and records to the YAML files people edit.

Shared by the spreadsheet import and the issue form: a row is validated by
the same model as every file, and written in the same layout (schema line,
field order of the model, multi-line text as `|` blocks), so a file imported
today and edited by hand tomorrow looks like any other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.contribute.columns import CellError, Column, column_for_field, place, read_cell, slugify
from generator.load.yamlstrict import LoadedFile, load_file, load_text
from generator.models import Institution, Opportunity
from generator.paths import INSTITUTIONS_DIR
from generator.validate import fields, rules

HEADER = "# yaml-language-server: $schema=../../schema/opportunity.schema.json\n"


@dataclass(slots=True)
class RowResult:
    """A row read into a record, or the reasons it could not be."""

    number: int  # 1-based row or form number as the person sees it
    record: dict[str, Any] | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column header, message)

    @property
    def ok(self) -> bool:
        return self.record is not None and not self.errors


def build_record(
    number: int,
    cells: dict[Column, str],
    institution: str,
    today: dt.date,
    existing: dict[str, dict[str, Any]] | None = None,
) -> RowResult:
    """Read one row's cells, fill what the importer knows, validate with the model."""
    result = RowResult(number)
    record: dict[str, Any] = {}
    for column, raw in cells.items():
        if not raw or not raw.strip():
            continue
        try:
            place(record, column.path, read_cell(column, raw))
        except CellError as exc:
            result.errors.append((column.key, str(exc)))
    record.setdefault("institutions", [{}])[0]["institution"] = institution
    if "id" not in record:
        title = record.get("title", {})
        name = title.get("en") or title.get("fr") or ""
        record["id"] = slugify(institution, record.get("host", {}).get("name", ""), name)
    elif not str(record["id"]).startswith(f"{institution}-"):
        record["id"] = slugify(institution, str(record["id"]))
    if "last_verified" not in record:
        previous = (existing or {}).get(record["id"], {})
        record["last_verified"] = previous.get("last_verified", today.isoformat())
    record.setdefault("host", {}).setdefault("kind", "employer")
    record.setdefault("audience", ["students"])
    if result.errors:
        return result
    # The same checks as `wil validate`: field rules, then the rules across
    # fields (dates in order...), with the same messages.
    loaded = LoadedFile(path=f"row {number}", data=record)
    model, problems = fields.check(Opportunity, loaded)
    if model is not None:
        problems = [p for p in rules.apply(model, loaded, rules.Context(today=today)) if p.is_error]
    for problem in problems:
        result.errors.append((column_for_field(problem.field), f"{problem.message} {problem.hint}"))
    if model is None or result.errors:
        return result
    result.record = _whole_numbers(model.model_dump(mode="json", exclude_none=True))
    return result


def _whole_numbers(value: Any) -> Any:
    """16.0 -> 16: write numbers the way people typed them."""
    if isinstance(value, dict):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
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


def to_yaml(record: dict[str, Any], source: str) -> str:
    """The file text for a record (a model dump, so fields come in model
    order): schema line, provenance, then the fields."""
    body = yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    text = HEADER + f"# {source}\n" + body
    loaded = load_text(text, "generated.yaml")  # what we write must read back identically
    if loaded.problems or loaded.data != record:
        raise RuntimeError("internal error: the YAML writer produced a file that does not read back")
    return text


def known_institutions(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / INSTITUTIONS_DIR).glob("*.yaml"))


def require_institution(root: Path, institution: str) -> None:
    """Every contributing command writes into an existing institution's folder only."""
    known = known_institutions(root)
    if institution not in known:
        raise ValueError(f"no institution '{institution[:40]}'; known: {', '.join(known)}")


def institution_record(path: Path) -> Institution:
    """An institution file read through its model, as `wil validate` reads it."""
    record, problems = fields.check(Institution, load_file(path))
    if record is None:
        first = problems[0] if problems else None
        where = f" (line {first.line}: {first.message})" if first else ""
        raise ValueError(f"{path.name} is not valid{where}; run `wil validate {path}`")
    return record
