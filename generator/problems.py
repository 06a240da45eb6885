"""Problems as data: every way in (validator, spreadsheet import, issue
form, `wil new`) reports into the same record, and only reporters turn a
problem into words, in the reader's language.

A problem names its code and parameters; its message and hint are the
catalogue's `problem.<code>` and `problem.<code>.hint`. Parameters that
are words (a field's label, a type name) are messages themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Literal

from generator.i18n import Msg, Param, has, msg, plain

Loc = tuple[str | int, ...]
Where = Literal["line", "row", "section", "file", "form"]


class Severity(StrEnum):
    """Error: the file cannot be published as written. Warning: probably a
    mistake the author should fix. Notice: how the file will show, which is
    allowed as it is (one language only, a deadline that has passed), so a
    clean region's check does not read as dozens of things to fix."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file, located as precisely as we can.

    `where` says what `line`, `column` and `field` mean: a line and column
    in a YAML file; a row and column header in a spreadsheet; a section
    label in an issue form.
    """

    path: str
    line: int
    column: int
    code: str
    field: str = ""
    severity: Severity = Severity.ERROR
    params: dict[str, Param] = dc_field(default_factory=dict, compare=False, hash=False)
    where: Where = "line"
    count: int | None = None  # chooses the plural form of the message, when it has one

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def message(self) -> Msg:
        return msg(f"problem.{self.code}", self.count, **self._words())

    def hint(self) -> Msg:
        """What to change; in a spreadsheet's words where the catalogue has them
        (`problem.<code>.hint.row` names the sheet's columns, not YAML keys)."""
        key = f"problem.{self.code}.hint"
        if self.where != "line" and has(f"{key}.{self.where}", "en"):
            key = f"{key}.{self.where}"
        return msg(key, self.count, **self._words())

    def text(self, lang: str) -> tuple[str, str]:
        """(message, hint) in a language."""
        return self.message().render(lang), self.hint().render(lang)

    def place(self) -> Msg:
        """Where it is, in words: `16:11`, `row 4, column date_debut`..."""
        return msg(f"where.{self.where}", line=self.line, column=self.column, field=self.field)

    def _words(self) -> dict[str, Param]:
        words = dict(self.params)
        best = words.get("best")
        words["suggestion"] = msg("did-you-mean", best=best) if best else ""
        return words

    def as_dict(self, lang: str) -> dict[str, object]:
        """For tools (JSON): the code and its parameters, and the words in a language."""
        message, hint = self.text(lang)
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "where": self.where,
            "field": self.field,
            "code": self.code,
            "severity": self.severity.value,
            "params": {k: plain(v) for k, v in sorted(self.params.items())},
            "message": message,
            "hint": hint,
        }


def problem(
    path: str,
    pos: tuple[int, int],
    code: str,
    params: dict[str, Param] | None = None,
    *,
    field_name: str = "",
    severity: Severity = Severity.ERROR,
    where: Where = "line",
    count: int | None = None,
) -> Problem:
    """A problem at a line and column (or a row and column, with `where`)."""
    return Problem(
        path=path,
        line=pos[0],
        column=pos[1],
        code=code,
        field=field_name,
        severity=severity,
        params=dict(params or {}),
        where=where,
        count=count,
    )


def dotted(loc: Loc) -> str:
    """`institutions[0].apply_url`: how staff see a field's path."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def field_path(loc: Loc) -> Msg:
    """A field known only by where it is (the loader knows no model)."""
    return msg("field.path", path=dotted(loc))


def listing(choices: Iterable[str], limit: int = 16) -> str:
    """Allowed values as staff type them: ids in backticks, the same in every language."""
    items = [f"`{c}`" for c in choices]
    if len(items) > limit:
        items = [*items[:limit], "..."]
    return ", ".join(items)
