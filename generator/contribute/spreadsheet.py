"""`wil import`: a spreadsheet export (CSV) for one institution becomes one
YAML file per row.

Idempotent: the same sheet twice changes nothing (files are only written
when their text changes, and ids are stable: the `id` column, or the
institution, host and title). Every bad row is reported with its row number
and column, and nothing is written for it; good rows are still imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.contribute.columns import Column, header_column, header_suggestion
from generator.contribute.records import RowResult, build_record, require_institution, to_yaml
from generator.files import write_if_changed
from generator.load.yamlstrict import load_file
from generator.paths import OPPORTUNITIES_DIR

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(slots=True)
class ImportReport:
    rows: int = 0
    states: dict[str, list[str]] = field(default_factory=lambda: {"created": [], "updated": [], "unchanged": []})
    rejected: list[RowResult] = field(default_factory=list)
    header_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.header_errors

    def text(self) -> str:
        lines = [f"  header: {e}" for e in self.header_errors]
        for row in self.rejected:
            for column, message in row.errors:
                lines.append(f"  row {row.number}, column {column}: {message}")
        counts = ", ".join(f"{len(v)} {k}" for k, v in self.states.items())
        lines.append(f"{self.rows} row(s) read: {counts}, {len(self.rejected)} rejected (nothing written for them).")
        return "\n".join(lines) + "\n"


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{path} is larger than {MAX_BYTES // 1024 // 1024} MB; split it.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel's default on Windows; accents survive
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # one column, or nothing to tell from: the plain comma format
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if len(rows) > MAX_ROWS + 1:
        raise ValueError(f"{path} has more than {MAX_ROWS} rows; split it.")
    return rows


def _existing(folder: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            loaded = load_file(path)
            if isinstance(loaded.data, dict) and isinstance(loaded.data.get("id"), str):
                out[loaded.data["id"]] = loaded.data
    return out


def import_csv(path: Path, institution: str, root: Path, today: dt.date, dry_run: bool = False) -> ImportReport:
    report = ImportReport()
    require_institution(root, institution)
    rows = _read_csv(path)
    if not rows:
        report.header_errors.append("the file is empty")
        return report
    columns: list[Column | None] = []
    seen: set[str] = set()
    for index, header in enumerate(rows[0], start=1):
        column = header_column(header) if header.strip() else None
        if header.strip() and column is None:
            hint = header_suggestion(header)
            report.header_errors.append(
                f"column {index} '{header}' is not a known column" + (f" (did you mean '{hint}'?)" if hint else "")
            )
        if column and column.key in seen:
            report.header_errors.append(f"column {index} '{header}' repeats column '{column.key}'")
        if column:
            seen.add(column.key)
        columns.append(column)
    if report.header_errors:
        return report
    folder = root / OPPORTUNITIES_DIR / institution
    existing = _existing(folder)
    ids: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        report.rows += 1
        cells = {c: (row[i] if i < len(row) else "") for i, c in enumerate(columns) if c is not None}
        result = build_record(number, cells, institution, today, existing)
        if result.ok and result.record is not None:
            first = ids.setdefault(result.record["id"], number)
            if first != number:
                result.errors.append(("id", f"the same id as row {first}; give each row its own id or title"))
        if not result.ok or result.record is None:
            report.rejected.append(result)
            continue
        text = to_yaml(result.record, "Imported from a spreadsheet with `wil import`; edit here or re-import.")
        target = folder / f"{result.record['id']}.yaml"
        state = write_if_changed(target, text, dry_run=dry_run)
        report.states[state].append(str(target.relative_to(root)))
    return report
