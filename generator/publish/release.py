"""The published site as whole versions, switched in one rename.

`site` is a symbolic link to one complete version in `.site.versions/`. A
build puts its new version together in a folder of its own (hard links to
build/'s files, which are never changed in place, so versions share every
unchanged file for free) and, only once it is complete, replaces the link
with one rename(2). A web server, a reader or the deploy step therefore sees
the whole old site or the whole new one, never a mix, whenever the build is
killed. The previous version is kept for `wil rollback`; older ones and any
left half made by a killed build go at the next build.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.tree import Source, publish

_COMPLETE = re.compile(r"v(\d{6})")
PREVIOUS = "previous"  # a link, in the versions folder, to the version before the current one
PARTIAL = ".partial"  # a version being put together: never linked, removed by the next build
KILL_AT = "WIL_TEST_KILL_AT"  # fault injection for tests: SIGKILL after this many publishing steps


class Steps:
    """Counts publishing steps (a file linked, a rename); under the test
    variable KILL_AT, the process kills itself at the given step so tests
    can stop a build at every point of publishing, as `kill -9` would."""

    def __init__(self) -> None:
        value = os.environ.get(KILL_AT, "")
        self.kill_at = int(value) if value.isdigit() else None
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


class Release:
    """The versions of one published site (`out`, the link readers use)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.versions = out.parent / f".{out.name}.versions"
        self.steps = Steps()

    def current(self) -> Path | None:
        """The complete version readers see now (an old-style plain folder too)."""
        return self.out if self.out.is_dir() else None

    def _complete(self) -> list[Path]:
        if not self.versions.is_dir():
            return []
        return sorted(p for p in self.versions.iterdir() if _COMPLETE.fullmatch(p.name) and p.is_dir())

    def _target(self) -> Path | None:
        """The version folder the link points at (None: no link, or not one of ours)."""
        if not self.out.is_symlink():
            return None
        target = (self.out.parent / os.readlink(self.out)).resolve()
        return target if target.parent == self.versions.resolve() else None

    def previous(self) -> Path | None:
        """The version readers saw before the current one (kept for rollback)."""
        link = self.versions / PREVIOUS
        if not link.is_symlink():
            return None
        target = (self.versions / os.readlink(link)).resolve()
        return target if target.is_dir() and target != self._target() else None

    def start(self) -> Path:
        """An empty folder for the next version. What killed builds left (a
        half-made version, a complete one never switched to) is removed:
        only the current and the previous versions are kept."""
        self.versions.mkdir(parents=True, exist_ok=True)
        keep = {self._target(), self.previous()}
        complete = self._complete()
        for path in self.versions.iterdir():
            if path.name.endswith(PARTIAL) or (path in complete and path.resolve() not in keep):
                shutil.rmtree(path, ignore_errors=True)
        numbers = [int(_COMPLETE.fullmatch(p.name).group(1)) for p in self._complete()]  # type: ignore[union-attr]
        folder = self.versions / f"v{max(numbers, default=0) + 1:06d}{PARTIAL}"
        folder.mkdir()
        return folder

    def abandon(self, folder: Path) -> None:
        """A version that will not be published (its build failed): removed,
        and the versions folder with it if it is left empty."""
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.versions.rmdir()

    def assemble(self, sources: Iterable[Source], folder: Path) -> None:
        """Link the sources' files into a version being put together."""
        publish(sources, folder, sweep_out=False, each=self.steps)

    def up_to_date(self, sources: Iterable[Source]) -> bool:
        """True if the site already holds exactly these files (the same files,
        or the same bytes where a tool rewrote one unchanged, as MkDocs does
        its 404 page): a build that changed nothing makes no new version."""
        current = self.current()
        if current is None or not self.out.is_symlink():
            return False
        expected = 0
        for source, prefix, skip in sources:
            root = str(source)
            for folder, _dirs, files in os.walk(root):
                rel_dir = os.path.relpath(folder, root).replace(os.sep, "/")
                rel_dir = "" if rel_dir == "." else rel_dir + "/"
                for name in files:
                    if not rel_dir and name in skip:
                        continue
                    expected += 1
                    try:
                        there = os.stat(os.path.join(current, prefix + rel_dir + name))
                    except FileNotFoundError:
                        return False
                    here = os.path.join(folder, name)
                    if not _same(os.stat(here), there, here, os.path.join(current, prefix + rel_dir + name)):
                        return False
        return expected == sum(len(files) for _folder, _dirs, files in os.walk(current))

    def switch(self, folder: Path) -> Path:
        """Make a complete version the one readers see, in one rename of the
        link; keep the version it replaces (for rollback), remove the rest."""
        version = folder.with_name(folder.name.removesuffix(PARTIAL))
        folder.rename(version)
        self.steps()
        previous = self._target() or self._take_over_plain_folder()
        if previous is not None:
            _link(self.versions / PREVIOUS, previous.name, self.steps)
        _link(self.out, os.path.relpath(version, self.out.parent), self.steps)  # the one step readers see
        for path in self._complete():
            if path.resolve() not in (version.resolve(), previous.resolve() if previous else None):
                shutil.rmtree(path, ignore_errors=True)
                self.steps()
        return version

    def rollback(self) -> Path | None:
        """Point the site back at the version before the current one (None:
        there is none). Only one step back: the version left goes at the next build."""
        previous = self.previous()
        if previous is None or self._target() is None:
            return None
        _link(self.out, os.path.relpath(previous, self.out.parent))
        (self.versions / PREVIOUS).unlink()
        return previous

    def _take_over_plain_folder(self) -> Path | None:
        """A site made before versions existed is a plain folder: it becomes
        the previous version (the one moment `out` is briefly missing, once)."""
        if self.out.is_symlink() or not self.out.is_dir():
            return None
        numbers = [int(_COMPLETE.fullmatch(p.name).group(1)) for p in self._complete()]  # type: ignore[union-attr]
        kept = self.versions / f"v{min(numbers, default=1) - 1:06d}"
        self.out.rename(kept)
        return kept


def _link(path: Path, target: str, step: Callable[[], None] | None = None) -> None:
    """`path` becomes a symbolic link to `target` in one rename (a new link
    beside it first): a reader finds the old link or the new one, never none."""
    temp = path.with_name(f".{path.name}.new-link")
    temp.unlink(missing_ok=True)
    os.symlink(target, temp)
    if step is not None:
        step()
    os.replace(temp, path)
    if step is not None:
        step()
    _sync(path.parent)


def _same(a: os.stat_result, b: os.stat_result, a_path: str, b_path: str) -> bool:
    if (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev):
        return True
    if a.st_size != b.st_size:
        return False
    with open(a_path, "rb") as left, open(b_path, "rb") as right:
        return left.read() == right.read()


def _sync(folder: Path) -> None:
    """The rename reaches the disk (a power cut after the build keeps it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
