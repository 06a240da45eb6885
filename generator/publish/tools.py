"""The external tools the build runs (MkDocs, Pagefind) fail in one way:
a ToolError naming the tool and carrying its own output, which the command
line turns into a clear message; the previous site is never touched."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence


class ToolError(RuntimeError):
    """An external tool failed or could not be started."""

    def __init__(self, tool: str, output: str) -> None:
        super().__init__(f"{tool}: {output}")
        self.tool = tool
        self.output = output.strip()


def start(tool: str, command: Sequence[str], **options: object) -> subprocess.Popen[str]:
    """Start a tool; a missing program is a ToolError, not a traceback."""
    try:
        return subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **options)  # type: ignore[call-overload,no-any-return]
    except OSError as exc:
        raise ToolError(tool, str(exc)) from exc
