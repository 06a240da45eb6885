"""Writing files the way every command needs it: only when the content
changed (unchanged files keep their timestamps, so `mkdocs serve` and
`git status` stay quiet) and atomically (a crash never leaves half a file)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Literal

State = Literal["created", "updated", "unchanged"]


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
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return state
