"""Writing files the way every command needs it: only when the content
changed (unchanged files keep their timestamps, so `mkdocs serve` and
`git status` stay quiet) and atomically (a crash never leaves half a file)."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Literal

State = Literal["created", "updated", "unchanged"]

# The process's umask, read once (reading it means setting it), so that a new
# file gets the mode any program would give it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


class NotAFileError(OSError):
    """Something that is not an ordinary file (a folder, a link, a FIFO) is
    where a file is to be written: it is never written through or replaced."""


def write_if_changed(path: Path, content: str | bytes, *, dry_run: bool = False) -> State:
    """Write `content` to `path` unless it already holds it; say what happened
    (or, with `dry_run`, what would happen)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise NotAFileError(path)
    exists = info is not None
    if exists and info.st_size == len(data) and path.read_bytes() == data:  # type: ignore[union-attr]
        return "unchanged"
    state: State = "updated" if exists else "created"
    if dry_run:
        return state
    if not exists:
        path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda out: out.write(data), stat.S_IMODE(info.st_mode) if info is not None else None)
    return state


def replace_atomically(
    path: str | os.PathLike[str], write: Callable[[BinaryIO], object], mode: int | None = None
) -> None:
    """Write `path` through a temporary file beside it, renamed into place, so
    no reader ever sees half a file. The result has `mode` (a replaced
    file's own) or, by default, the mode any new file gets: the temporary
    file starts private (0600), and a web server reads the site as another
    user."""
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path) or ".")
    try:
        os.fchmod(handle, 0o666 & ~_UMASK if mode is None else mode)
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
