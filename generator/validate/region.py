"""Validate a whole region: every file on its own, then the rules that span
files (unique ids, institutions that exist, folders that match).

A broken file never stops the others: each file gets its own result, and
later stages take only the valid records.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.cache import Cache, code_version, digest
from generator.load.yamlstrict import LoadedFile, load_file, read_regular
from generator.models import Institution, Opportunity, ProjectProposal, RegionSettings
from generator.parallel import side_by_side
from generator.paths import INSTITUTIONS_DIR, OPPORTUNITIES_DIR, PROPOSALS_DIR
from generator.problems import Problem, Severity, problem
from generator.validate import across, fields, rules

Kind = Literal["opportunity", "institution", "region", "proposal", "misplaced", "refused"]
# Why a path where data is expected is not read (`refused` files carry it as their folder).
_REFUSED_CODES = {"symlink": "symlink-refused", "folder": "folder-named-like-data", "special": "special-file-refused"}
REGION_FILE = "region.yaml"  # at the root: the region's name, contact, address, languages
DATA_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class SourceFile:
    """One data file and everything learned about it."""

    path: str  # relative to the region root, with forward slashes
    kind: Kind
    folder: str = ""  # for opportunities: the institution folder it sits in
    loaded: LoadedFile | None = None  # positions, while validating; dropped after
    record: Opportunity | Institution | RegionSettings | ProjectProposal | None = None
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # of the file's bytes: what pages and caches built from it depend on

    @property
    def valid(self) -> bool:
        return self.record is not None and not any(p.is_error for p in self.problems)


@dataclass(slots=True)
class Region:
    """All files of a region after validation."""

    root: Path
    files: list[SourceFile]

    @property
    def problems(self) -> list[Problem]:
        return sorted((p for f in self.files for p in f.problems), key=Problem.sort_key)

    @property
    def institutions(self) -> dict[str, Institution]:
        return {
            f.record.id: f.record
            for f in self.files
            if f.kind == "institution" and f.valid and isinstance(f.record, Institution)
        }

    @property
    def opportunities(self) -> list[SourceFile]:
        return [f for f in self.files if f.kind == "opportunity" and f.valid]

    @property
    def proposals(self) -> list[ProjectProposal]:
        """Projects proposed to the region, valid ones, by id."""
        found = [f.record for f in self.files if f.kind == "proposal" and f.valid]
        return sorted((p for p in found if isinstance(p, ProjectProposal)), key=lambda p: p.id)

    @property
    def settings(self) -> RegionSettings | None:
        """region.yaml's settings when the file is there and valid (else the build uses neutral defaults)."""
        for f in self.files:
            if f.kind == "region" and f.valid and isinstance(f.record, RegionSettings):
                return f.record
        return None


def discover(root: Path) -> list[tuple[str, Kind, str]]:
    """Every data file under the region, sorted so results are deterministic.

    Only what is really inside the repository is read: the walk never follows
    a link (a linked folder could lead anywhere on the machine), and a link,
    a folder or a special file (a FIFO would make a read hang) where data is
    expected is refused with its own problem instead of being skipped."""
    found: list[tuple[str, Kind, str]] = [(REGION_FILE, "region", "")]
    for base in (INSTITUTIONS_DIR, OPPORTUNITIES_DIR, PROPOSALS_DIR):
        top = root / base
        if top.is_symlink():
            found.append((base, "refused", "symlink"))
            continue
        if not top.is_dir():
            continue
        entries: list[tuple[str, str]] = []  # (path from the root, what it is)
        for folder, dirs, files in os.walk(top, followlinks=False):
            here = Path(folder)
            for name in dirs:
                path = here / name
                if path.is_symlink():
                    entries.append((path.relative_to(root).as_posix(), "symlink"))
                elif name.endswith(DATA_SUFFIXES):
                    entries.append((path.relative_to(root).as_posix(), "folder"))
            for name in files:
                entries.append(((here / name).relative_to(root).as_posix(), _file_kind(here / name)))
        for rel, what in sorted(entries):
            if what == "symlink" or what in ("folder", "special"):
                found.append((rel, "refused", what))
            elif rel.endswith(DATA_SUFFIXES):
                found.append(_classify(base, rel))
    return found


def _file_kind(path: Path) -> str:
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return "symlink"
    return "file" if stat.S_ISREG(info.st_mode) else "special"


def _classify(base: str, rel: str) -> tuple[str, Kind, str]:
    parts = rel.split("/")
    if base == INSTITUTIONS_DIR and len(parts) == 2 and rel.endswith(".yaml"):
        return rel, "institution", ""
    if base == OPPORTUNITIES_DIR and len(parts) == 3 and rel.endswith(".yaml"):
        return rel, "opportunity", parts[1]
    if base == PROPOSALS_DIR and len(parts) == 2 and rel.endswith(".yaml"):
        return rel, "proposal", ""
    return rel, "misplaced", ""


def _read_small(path: Path) -> bytes | None:
    """The bytes of a regular file within the size limit, else None (load_file says why)."""
    data = read_regular(path)
    return data if isinstance(data, bytes) else None


def _check_cached(root: Path, rel: str, kind: Kind, folder: str, ctx: rules.Context, cache: Cache | None) -> SourceFile:
    """One file's own checks, from the cache when the same bytes were checked
    the same way before (the rules that span files always run again)."""
    data = _read_small(root / rel) if kind not in ("misplaced", "refused") else folder.encode()
    if data is None:
        return _check_file(root, rel, kind, folder, ctx)
    key = digest("validate", code_version(), rel, kind, folder, ctx.today.isoformat(), data)
    found = cache.get("validate", key) if cache is not None else None
    if isinstance(found, SourceFile):
        return found
    source = _check_file(root, rel, kind, folder, ctx)
    source.digest = hashlib.sha256(data).hexdigest()
    if cache is not None:
        cache.put("validate", key, source)
    return source


def check_alone(root: Path, rel: str, today: dt.date) -> SourceFile:
    """One opportunity file's own checks, without the rules that span files
    (`wil serve` previews an edited page with it before the whole pass)."""
    parts = rel.split("/")
    source = _check_file(root, rel, "opportunity", parts[1] if len(parts) == 3 else "", rules.Context(today=today))
    data = _read_small(root / rel)
    source.digest = hashlib.sha256(data).hexdigest() if data is not None else ""
    source.loaded = None
    return source


def check_region_file(root: Path, rel: str, today: dt.date) -> SourceFile:
    """region.yaml checked on its own: the build reads the region's settings before anything else."""
    return _check_file(root, rel, "region", "", rules.Context(today=today))


def _check_file(root: Path, rel: str, kind: Kind, folder: str, ctx: rules.Context) -> SourceFile:
    source = SourceFile(path=rel, kind=kind, folder=folder)
    if kind == "misplaced":
        source.problems.append(problem(rel, (1, 1), "misplaced-file"))
        return source
    if kind == "refused":
        source.folder = ""
        source.problems.append(problem(rel, (1, 1), _REFUSED_CODES[folder], {"value": rel}))
        return source
    if kind == "region" and not (root / rel).exists() and not (root / rel).is_symlink():
        source.problems.append(problem(rel, (1, 1), "region-file-missing", severity=Severity.WARNING))
        return source
    loaded = load_file(root / rel, display=rel)
    source.loaded = loaded
    source.problems.extend(loaded.problems)
    if loaded.data is None:
        return source
    model = {
        "opportunity": Opportunity,
        "institution": Institution,
        "region": RegionSettings,
        "proposal": ProjectProposal,
    }[kind]
    record, problems = fields.check(model, loaded)
    source.problems.extend(problems)
    if kind == "opportunity":  # on the values as loaded: every problem of the file at once
        source.problems.extend(rules.apply(loaded.data, loaded, ctx))
    elif kind == "institution" and isinstance(loaded.data, dict):
        source.problems.extend(rules.apply_institution(loaded.data, loaded))
    elif kind == "proposal" and isinstance(loaded.data, dict):
        source.problems.extend(rules.apply_proposal(loaded.data, loaded))
    source.record = record
    source.loaded = _slim(loaded)
    return source


_CROSS_FILE_KEYS = ("id", "institutions", "same_as", "distinct_from")


def _slim(loaded: LoadedFile) -> LoadedFile:
    """Only the positions the rules across files point at (ids, institutions,
    links): the whole file's positions are many small objects per file,
    and every later stage holds (or caches) this one."""

    def wanted(loc: tuple[str | int, ...]) -> bool:
        return not loc or (loc[0] in _CROSS_FILE_KEYS and len(loc) <= 3)

    return LoadedFile(
        loaded.path,
        value_pos={loc: pos for loc, pos in loaded.value_pos.items() if wanted(loc)},
        key_pos={loc: pos for loc, pos in loaded.key_pos.items() if wanted(loc)},
    )


WAVE = 2000  # files checked between two progress updates


def _check_some(
    root: Path, items: list[tuple[str, Kind, str]], ctx: rules.Context, cache: Cache | None
) -> list[SourceFile]:
    checked = [_check_cached(root, rel, kind, folder, ctx, cache) for rel, kind, folder in items]
    if cache is not None:
        cache.flush()
    return checked


def _check_wave(
    root: Path, items: list[tuple[str, Kind, str]], ctx: rules.Context, cache: Cache | None
) -> list[SourceFile]:
    """Files checked on every core, each share in a forked copy of this process
    (parallel.py): the parsers' scaffolding goes away with it, and only the
    results come back."""
    if len(items) < 200:
        return _check_some(root, items, ctx, cache)
    shares = max(2, os.cpu_count() or 1)
    size = -(-len(items) // shares)
    tasks = [functools.partial(_check_some, root, items[i : i + size], ctx, cache) for i in range(0, len(items), size)]
    return [source for share in side_by_side(tasks, "validating", all_forked=True) for source in share]


def validate_region(
    root: Path,
    today: dt.date | None = None,
    cache: Cache | None = None,
    *,
    found: list[tuple[str, Kind, str]] | None = None,
    tick: Callable[[int], None] | None = None,
) -> Region:
    """Load and check every file of the region (`found`: `discover`'s list, if
    already made); never raises on bad data. `tick` counts files done, for a
    progress bar. Positions in the files are kept only while checking
    (problems carry theirs)."""
    ctx = rules.Context(today=today or dt.date.today())
    # Thousands of small, long-lived objects: the cyclic garbage collector
    # would rescan them over and over while nothing here forms a cycle to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        files = []
        todo = discover(root) if found is None else found
        for start in range(0, len(todo), WAVE):
            wave = todo[start : start + WAVE]
            files += _check_wave(root, wave, ctx, cache)
            if tick is not None:
                tick(len(wave))
        across.apply(files)
        for f in files:
            f.loaded = None
    finally:
        if collecting:
            gc.enable()
    return Region(root=root, files=files)


def select(region: Region, only: Iterable[str]) -> list[Problem]:
    """Problems of the given files only (paths relative to the root or absolute)."""
    wanted = set()
    for item in only:
        path = Path(item)
        if path.is_absolute():
            try:
                path = path.resolve().relative_to(region.root.resolve())
            except ValueError:
                continue
        wanted.add(path.as_posix())  # Path has already dropped any leading "./"
    folders = {w.rstrip("/") + "/" for w in wanted}
    return [p for p in region.problems if p.path in wanted or any(p.path.startswith(d) for d in folders)]
