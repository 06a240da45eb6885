"""A content-addressed cache in `build/cache.sqlite`, so a rebuild after one
edited file redoes only what that file touches.

An entry's key is a hash of everything its value depends on, always
including `code_version()` (this program's own files and the versions of
the libraries that shape its output), so a stale entry is never read: it is
simply never asked for again, and entries no build has used for a while
are dropped (`prune`). Deleting the file changes nothing but time; a damaged
file or entry counts as missing. One SQLite file rather than a file per
entry: a 5,000-listing build stores some 40,000 entries, and one
transaction writes them faster than 40,000 small files. Each process (the
build forks) opens its own connection and writes its entries in one
transaction when it is done (`flush`). The cache is the builder's own,
under build/: values are pickles and must never come from anyone else.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sqlite3
import time
from functools import cache
from pathlib import Path
from typing import Any

from generator import paths

CACHE_FILE = "cache.sqlite"
KEEP_BUILDS = 3  # entries unused by this many builds in a row are dropped
FLUSH_BYTES = 32 * 2**20  # pending values stored once they pass this size
_LIBRARIES = (
    "pydantic",
    "pyyaml",
    "jinja2",
    "markdown-it-py",
    "nh3",
    "babel",
    "mkdocs",
    "mkdocs-material",
    "icalendar",
    "pagefind",
)
_CODE_SUFFIXES = (".py", ".j2", ".po", ".yaml", ".yml", ".json", ".js", ".css", ".html", ".md")
_SCHEMA = """
create table if not exists entries (
    namespace text not null, key text not null, value blob not null, used integer not null,
    primary key (namespace, key)
) without rowid;
create table if not exists builds (number integer primary key);
"""


def digest(*parts: str | bytes) -> str:
    """A key from parts: each is length-prefixed, so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@cache
def code_version() -> str:
    """This program's source, templates, catalogues and resources, and its libraries' versions."""
    parts: list[str | bytes] = []
    for path in sorted(paths.PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            parts += [path.relative_to(paths.PACKAGE).as_posix(), path.read_bytes()]
    for name in _LIBRARIES:
        try:
            parts += [name, importlib.metadata.version(name)]
        except importlib.metadata.PackageNotFoundError:
            parts += [name, "?"]
    return digest(*parts)


class Cache:
    """Pickled values by namespace and key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        self.build = 0
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._new: dict[tuple[str, str], bytes] = {}
        self._used: set[tuple[str, str]] = set()
        self._pending = 0  # bytes in _new
        db = self._connect()
        if db is not None:
            try:
                with db:
                    db.execute("insert into builds (number) values (null)")
                    self.build = int(db.execute("select max(number) from builds").fetchone()[0])
            except sqlite3.Error:
                self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        """This process's connection (a forked process opens its own)."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._new, self._used, self._pending = {}, set(), 0
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                self._db.execute("pragma journal_mode=wal")
                self._db.executescript(_SCHEMA)
            except sqlite3.Error:
                self._db = None
        return self._db

    def get(self, namespace: str, key: str) -> Any | None:
        db = self._connect()
        pending = self._new.get((namespace, key))
        row = (pending,) if pending is not None else None
        if row is None and db is not None:
            try:
                row = db.execute(
                    "select value from entries where namespace = ? and key = ?", (namespace, key)
                ).fetchone()
            except sqlite3.Error:
                row = None
        if row is None:
            self.misses += 1
            return None
        try:
            value = pickle.loads(row[0])
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        self._used.add((namespace, key))
        return value

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Keep a value; stored at the next flush, which comes by itself once
        the pending values pass FLUSH_BYTES (memory stays flat at any size)."""
        self._connect()
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._new[(namespace, key)] = data
        self._pending += len(data)
        if self._pending > FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Store this process's new entries, and mark those it used, in one transaction."""
        db = self._connect()
        if db is None or not (self._new or self._used):
            return
        new = [(ns, key, value, self.build) for (ns, key), value in self._new.items()]
        used = [(self.build, ns, key) for ns, key in self._used]
        for attempt in range(5):
            try:
                with db:
                    db.execute("begin immediate")
                    db.executemany("insert or replace into entries values (?, ?, ?, ?)", new)
                    db.executemany("update entries set used = ? where namespace = ? and key = ?", used)
                break
            except sqlite3.OperationalError:  # another process of this build holds the lock
                time.sleep(0.2 * (attempt + 1))
        self._new, self._used, self._pending = {}, set(), 0

    def prune(self) -> None:
        """Drop entries no build has used in the last KEEP_BUILDS builds."""
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                db.execute("delete from entries where used <= ?", (self.build - KEEP_BUILDS,))
                db.execute("delete from builds where number < ?", (self.build,))
        except sqlite3.Error:
            pass
