"""The external tools the build runs (MkDocs, Pagefind) fail in one way:
a ToolError naming the tool and carrying its own output, which the command
line turns into a clear message; the previous site is never touched."""

from __future__ import annotations

import subprocess
import tempfile
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


class Running:
    """A tool running in the background while the build does other work; its
    output goes to a temporary file (a pipe nobody reads could fill and stall it)."""

    def __init__(self, tool: str, command: Sequence[str], **options: object) -> None:
        self.tool = tool
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in wait()
        try:
            self.proc = subprocess.Popen(list(command), stdout=self.log, stderr=subprocess.STDOUT, text=True, **options)  # type: ignore[call-overload]
        except OSError as exc:
            self.log.close()
            raise ToolError(tool, str(exc)) from exc

    def wait(self) -> tuple[int, str]:
        """Its exit code and everything it printed."""
        code = self.proc.wait()
        self.log.seek(0)
        output = self.log.read()
        self.log.close()
        return code, output

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.wait()
