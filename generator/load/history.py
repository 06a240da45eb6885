"""When each data file was first published: the date of the commit that added it.

A listing's first publication is known in two ways, the first that answers
wins: its `first_published` field (set by hand, or kept when files move
between repositories), else the date of the commit that added its file
here (one `git log` for the whole region). A file git cannot date (not yet
committed, renamed, or a shallow clone, whose history starts at its newest
commit and would make every listing look new) has no date: it is never
marked "new" and sorts last among the newest.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from generator.paths import OPPORTUNITIES_DIR


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def first_added(root: Path) -> dict[str, dt.date]:
    """Path (relative to the root, as validation names it) -> the day its file was added."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return {}
    top = _git(root, "rev-parse", "--show-toplevel")
    log = _git(
        root,
        "-c",
        "core.quotepath=off",
        "log",
        "--diff-filter=A",
        "--name-only",
        "--format=%x00%cs",
        "--",
        OPPORTUNITIES_DIR,
    )
    if top is None or log is None:
        return {}
    prefix = root.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    added: dict[str, dt.date] = {}
    for entry in log.split("\x00"):
        lines = [line for line in entry.splitlines() if line.strip()]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0].strip())
        for name in lines[1:]:
            path = name.strip().removeprefix(prefix)
            added[path] = min(day, added.get(path, day))  # newest commits come first: keep the earliest
    return added
