"""Problems as data: every stage reports into the same record so that any
reporter (terminal, GitHub annotations, JSON) can show any problem."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file, located as precisely as we can.

    `message` and `hint` are already in plain language; `code` is stable so
    tests and tools can match on it without parsing prose.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    field: str = ""
    severity: Severity = Severity.ERROR
    params: dict[str, str] = dc_field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data.pop("params", None)
        return data
