"""Folders of files kept up to date with as little writing as possible.

The build's outputs live in folders under build/ that persist between
builds (MkDocs' pages per language, the search bundle, the exports), each
file replaced only when its bytes change, by writing a new file and
renaming it into place: a file is never changed where it is. The published
site holds those same files as hard links, so publishing a build touches
only what changed, and a file the site still holds is never modified.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.files import write_if_changed

Source = tuple[Path, str, tuple[str, ...]]  # a folder, its place in the site, top-level names left out


class Stamp:
    """What an output kept in build/ was last made from, in a small file
    beside it: checked before the output is reused, removed while it is
    being redone (so a failed build never leaves a stamp on half an output)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def matches(self, state: str) -> bool:
        try:
            return self.path.read_text("utf-8") == state
        except OSError:
            return False

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)

    def write(self, state: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(state, "utf-8")


class Folder:
    """Files written into a folder only when their bytes change; the rest swept."""

    def __init__(self, folder: Path) -> None:
        self.root = folder.resolve()
        self.kept: set[str] = set()

    def put(self, rel: str, content: str | bytes) -> bool:
        """Write one file (path relative to the folder); True if it changed."""
        self.kept.add(inside(rel))
        return write_if_changed(self.root / rel, content) != "unchanged"

    def keep(self, rel: str) -> None:
        """A file left as an earlier build wrote it (the caller knows it is current)."""
        self.kept.add(inside(rel))

    def sweep(self) -> list[str]:
        """Remove every file not written since this Folder was made; return them."""
        return sweep(self.root, self.kept)


def inside(rel: str) -> str:
    """A relative path that stays inside its folder (ids are validated; this is
    the second lock), checked by its parts: no absolute path, no `..`."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"refusing to write outside the output folder: {rel!r}")
    return rel


def sweep(root: Path, kept: set[str]) -> list[str]:
    """Remove every file under `root` not in `kept` (paths relative to it), and
    folders left empty; return the files removed."""
    removed = []
    for folder, _dirs, files in os.walk(root, topdown=False):
        rel_dir = os.path.relpath(folder, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        for name in files:
            if rel_dir + name not in kept:
                os.unlink(os.path.join(folder, name))
                removed.append(rel_dir + name)
        if rel_dir and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(removed)


def mirror(source: Path, target: Path) -> None:
    """Make `target` hold exactly `source`'s files, moving them over (source is
    consumed): a file with the same bytes keeps the one already there."""
    kept: set[str] = set()
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(source).as_posix()
        kept.add(rel)
        there = target / rel
        if there.is_file() and there.stat().st_size == path.stat().st_size and there.read_bytes() == path.read_bytes():
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, there)
    sweep(target, kept)


def _place(source: Path, target: Path) -> None:
    """`target` becomes a hard link to `source` (a copy where links cannot be
    made), replacing what was there in one rename."""
    temp = target.with_name(f".wil-{target.name}.tmp")
    temp.unlink(missing_ok=True)
    try:
        os.link(source, temp)
    except OSError:
        shutil.copy2(source, temp)
    os.replace(temp, target)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return a.st_ino == b.st_ino and a.st_dev == b.st_dev


def publish(
    sources: Iterable[Source], out: Path, *, sweep_out: bool = True, each: Callable[[], None] | None = None
) -> int:
    """Make `out` hold exactly the sources' files (source folder, its prefix in
    `out`, top-level names to leave out), as hard links; return how many
    files changed. A file already linked to its source is left alone, a
    changed one replaced in one rename, a file no source has removed (unless
    not `sweep_out`: a new site assembled part by part, each part once it is
    ready), so a rebuild touches only what changed. An existing site is
    brought up to date only once every output is ready: a failed build
    never reaches it. `each` is called after every file placed."""
    expected: set[str] = set()
    changed = 0
    made: set[str] = set()  # folders known to exist in `out`
    base = str(out)
    for source, prefix, skip in sources:
        root = str(source)
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            rel_dir = os.path.relpath(folder, root).replace(os.sep, "/")
            rel_dir = "" if rel_dir == "." else rel_dir + "/"
            for name in sorted(files):
                if not rel_dir and name in skip:
                    continue
                rel = prefix + rel_dir + name
                expected.add(rel)
                here = os.path.join(folder, name)
                target = os.path.join(base, rel)
                stat = os.stat(here)
                try:
                    if _same_file(os.stat(target), stat):
                        continue
                except FileNotFoundError:
                    parent = os.path.dirname(target)
                    if parent not in made:
                        os.makedirs(parent, exist_ok=True)
                        made.add(parent)
                    try:
                        os.link(here, target)  # nothing there yet: no need to rename into place
                        changed += 1
                        if each is not None:
                            each()
                        continue
                    except OSError:
                        pass
                _place(Path(here), Path(target))
                changed += 1
                if each is not None:
                    each()
    return changed + (len(sweep(out, expected)) if sweep_out else 0)
