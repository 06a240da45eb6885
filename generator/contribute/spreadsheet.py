"""`wil import`: a spreadsheet export (CSV) for one institution becomes one
YAML file per row.

Idempotent: the same sheet twice changes nothing (files are only written
when their text changes, and ids are stable: the `id` column, or the
institution, host and title). Every bad cell is reported as a problem on its
row and column, with the validator's own codes and words, and nothing is
written for that row; good rows are still imported.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import reporters
from generator.contribute.records import RowResult, Source, at_cell, build_record, institution_problem, to_yaml
from generator.files import NotAFileError, State, write_if_changed
from generator.i18n import Msg, msg, t
from generator.layout import DEFAULT_LANGUAGE, LANGUAGES
from generator.load.yamlstrict import load_file, read_regular
from generator.paths import OPPORTUNITIES_DIR
from generator.problems import Problem, problem
from generator.validate.columns import Column, header_column, header_suggestion

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(slots=True)
class ImportReport:
    rows: int = 0
    states: dict[State, list[str]] = field(default_factory=lambda: {"created": [], "updated": [], "unchanged": []})
    rejected: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the sheet's own, then each rejected row's

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def text(self, lang: str) -> str:
        """The import as `wil import` prints it."""
        return reporters.text(sorted(self.problems, key=Problem.sort_key), self.summary(), lang)

    def summary(self) -> Msg:
        return msg(
            "cli.import.summary",
            self.rows,
            created=len(self.states["created"]),
            updated=len(self.states["updated"]),
            unchanged=len(self.states["unchanged"]),
            rejected=len(self.rejected),
        )


class SheetError(ValueError):
    """The sheet as a whole cannot be read: one problem says why."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


MAX_CELL = 20_000  # characters: far above any field's own limit, far below what would slow a row down


def _read_csv(path: Path, name: str) -> list[list[str]]:
    """The sheet's rows, or a SheetError saying why it cannot be read: not a
    file (a folder, a FIFO, which would hang a plain read), too large, in an
    encoding no spreadsheet writes, or broken CSV (with its line)."""
    raw = read_regular(path, MAX_BYTES)
    if raw == "file-too-large":
        raise SheetError(problem(name, (1, 1), "csv-too-large", {"limit": MAX_BYTES // 1024 // 1024}, where="file"))
    if isinstance(raw, str):
        raise SheetError(problem(name, (1, 1), "csv-not-a-file", {"value": name}, where="file"))
    text = _decode(raw, name)
    if "\x00" in text:
        raise SheetError(problem(name, (1, 1), "csv-encoding", where="file"))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # one column, or nothing to tell from: the plain comma format
        dialect = csv.excel
    # newline="": the reader itself splits rows on CRLF, LF or a lone CR (old Mac
    # exports), and keeps line breaks inside quoted cells.
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[list[str]] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_BYTES)
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise SheetError(problem(name, (1, 1), "csv-too-many-rows", {"limit": MAX_ROWS}, where="file"))
    except csv.Error:
        line = reader.line_num or 1
        raise SheetError(problem(name, (line, 1), "csv-broken", where="row")) from None
    finally:
        csv.field_size_limit(limit)
    return rows


def _decode(raw: bytes, name: str = "") -> str:
    """UTF-8 (with or without Excel's BOM), UTF-16 (what Excel's "Unicode text"
    writes, told by its BOM), else Windows-1252 (Excel's default on Windows).
    Bytes none of them reads are refused with their row, column and offset:
    a character silently replaced would be published as written."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return "\x00"  # refused by the caller as an unknown encoding
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # accents survive
    except UnicodeDecodeError as exc:
        raise SheetError(_undecodable(raw, exc.start, name)) from None


def _undecodable(raw: bytes, offset: int, name: str) -> Problem:
    """Where the first byte no encoding reads sits: its row, its column's
    header (or number), and its offset in bytes from the start of the file."""
    text = raw.decode("cp1252", errors="replace")  # one character per byte: offsets agree
    start = text.rfind("\n", 0, offset) + 1
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    row = text.count("\n", 0, offset) + 1
    index = text[start:offset].count(delimiter)
    header = next(csv.reader([text.split("\n", 1)[0].strip("\r\ufeff")], delimiter=delimiter), [])
    column = header[index].strip() if row > 1 and index < len(header) and header[index].strip() else str(index + 1)
    return problem(
        name,
        (row, 1),
        "csv-undecodable",
        {"byte": f"0x{raw[offset]:02X}", "offset": offset},
        field_name=column,
        where="row",
    )


def _existing(folder: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            loaded = load_file(path)
            if isinstance(loaded.data, dict) and isinstance(loaded.data.get("id"), str):
                out[loaded.data["id"]] = loaded.data
    return out


def _sheet_language(headers: list[str]) -> str:
    """The language most headers are written in, to name columns the sheet lacks."""
    votes: Counter[str] = Counter()
    for header in headers:
        column = header_column(header)
        for lang in LANGUAGES:
            if column is not None and column.header(lang) == header.strip():
                votes[lang] += 1
    return votes.most_common(1)[0][0] if votes else DEFAULT_LANGUAGE


def _columns(headers: list[str], name: str) -> tuple[list[Column | None], list[Problem]]:
    columns: list[Column | None] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for index, header in enumerate(headers, start=1):
        column = header_column(header) if header.strip() else None
        if header.strip() and column is None:
            params = {"value": header[:80], "best": header_suggestion(header)}
            problems.append(
                problem(name, (1, index), "csv-unknown-column", params, field_name=header[:80], where="row")
            )
        if column and column.key in seen:
            params = {"value": header, "other": seen[column.key]}
            problems.append(problem(name, (1, index), "csv-repeated-column", params, field_name=header, where="row"))
        if column:
            seen.setdefault(column.key, header)
        columns.append(column)
    return columns, problems


def import_csv(path: Path, institution: str, root: Path, today: dt.date, dry_run: bool = False) -> ImportReport:
    report = ImportReport()
    name = path.name
    wrong = institution_problem(root, institution, name)
    if wrong is not None:
        report.problems.append(wrong)
        return report
    try:
        rows = _read_csv(path, name)
    except SheetError as exc:
        report.problems.append(exc.problem)
        return report
    if not rows:
        report.problems.append(problem(name, (1, 1), "csv-empty", where="file"))
        return report
    headers = rows[0]
    columns, problems = _columns(headers, name)
    if problems:
        report.problems += problems
        return report
    sheet_lang = _sheet_language(headers)
    number_of = {c: i for i, c in enumerate(columns, start=1) if c is not None}

    def locate(column: Column | None) -> tuple[int, str]:
        if column is None:
            return 0, ""
        if column in number_of:
            return number_of[column], headers[number_of[column] - 1].strip()
        return 0, column.header(sheet_lang)  # a column the sheet lacks (a required field)

    source = Source(name, "row", locate)
    folder = root / OPPORTUNITIES_DIR / institution
    existing = _existing(folder)
    ids: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        report.rows += 1
        cells = {c: (row[i] if i < len(row) else "") for i, c in enumerate(columns) if c is not None}
        too_long = [c for c, text in cells.items() if len(text) > MAX_CELL]
        if too_long:
            result = RowResult(number)
            for column in too_long:
                params = {"length": len(cells[column]), "limit": MAX_CELL}
                result.problems.append(at_cell(source, number, column, "cell-too-long", params))
            report.rejected.append(result)
            report.problems += result.problems
            continue
        result = build_record(number, cells, institution, today, source, existing)
        if result.ok and result.record is not None:
            first = ids.setdefault(result.record["id"], number)
            if first != number:
                id_column = next((c for c in number_of if c.key == "id"), None)
                col, shown = locate(id_column)
                params = {"first_row": first}
                result.problems.append(
                    problem(name, (number, col), "row-duplicate-id", params, field_name=shown, where="row")
                )
        if not result.ok or result.record is None:
            report.rejected.append(result)
            report.problems += result.problems
            continue
        text = to_yaml(result.record, [t("import.provenance", lang) for lang in LANGUAGES])
        target = folder / f"{result.record['id']}.yaml"
        try:
            state = write_if_changed(target, text, dry_run=dry_run)
        except NotAFileError:
            rel = target.relative_to(root).as_posix()
            result.problems.append(problem(name, (number, 0), "target-not-a-file", {"value": rel}, where="row"))
            report.rejected.append(result)
            report.problems += result.problems
            continue
        report.states[state].append(target.relative_to(root).as_posix())
    return report
