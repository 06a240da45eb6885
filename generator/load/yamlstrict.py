"""The one strict YAML loader every command uses.

Why not `yaml.safe_load`: it silently keeps the last of two duplicate keys,
turns `no` into False (the "Norway problem"), turns dates into objects,
expands aliases (a "billion laughs" file exhausts memory) and forgets where
each value came from. Staff need errors on the exact line, so this loader
composes the node tree with libyaml and builds plain values itself, keeping
the line and column of every key and value.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.i18n import Msg, msg
from generator.problems import Loc, Problem, dotted, field_path, problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NodeLoader(_Loader):  # type: ignore[misc,valid-type]
    """libyaml's composer without PyYAML's implicit typing.

    We type scalars ourselves (see _Builder._scalar), so the resolver's
    regular expressions, run on every scalar, would be wasted time.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return "?"


MAX_BYTES = 256 * 1024
MAX_DEPTH = 12

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLISH = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false"})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "binary", "value", "yaml")
)


@dataclass(slots=True)
class LoadedFile:
    """A file's values with where each came from, plus what went wrong."""

    path: str
    data: Any = None
    value_pos: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(p.is_error for p in self.problems)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Best known position for a path: the exact one, else the nearest parent."""
        table = self.key_pos if key else self.value_pos
        probe = tuple(loc)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_pos:
                return self.value_pos[probe]
            probe = probe[:-1]
        return self.value_pos.get((), (1, 1))


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _utf8_error_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, column


class _Builder:
    """Turns a composed node tree into plain values, recording positions."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded

    def report(self, pos: tuple[int, int], code: str, params: dict[str, Any] | None = None, loc: Loc = ()) -> None:
        self.loaded.problems.append(problem(self.loaded.path, pos, code, params, field_name=dotted(loc)))

    def build(self, node: Any, loc: Loc, depth: int) -> Any:
        pos = _mark(node.start_mark)
        self.loaded.value_pos[loc] = pos
        if depth > MAX_DEPTH:
            self.report(pos, "too-deep", {"limit": MAX_DEPTH}, loc)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, loc, pos)

    def _mapping(self, node: Any, loc: Loc, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_pos, "non-text-key", {}, loc)
                continue
            key = str(key_node.value)
            if key == "<<":
                self.report(key_pos, "anchor", {}, loc)
                continue
            child: Loc = (*loc, key)
            if child in self.loaded.key_pos:
                first = self.loaded.key_pos[child]
                self.report(
                    key_pos,
                    "duplicate-key",
                    {"field": field_path(child), "key": key, "first_line": first[0]},
                    child,
                )
                continue
            self.loaded.key_pos[child] = key_pos
            value = self.build(value_node, child, depth + 1)
            if value is not None or not _is_null(value_node):  # an empty value is reported, not kept
                out[key] = value
        return out

    def _scalar(self, node: Any, loc: Loc, pos: tuple[int, int]) -> Any:
        text: str = node.value
        if node.style:  # quoted or block text is always text (libyaml marks plain as '')
            return text
        if _is_null(node):  # `key:` or `-` with nothing after it
            self.report(pos, "empty-value", {"field": field_path(loc)}, loc)
            return None
        if text in ("true", "false"):
            return text == "true"
        if text.lower() in _BOOLISH:
            self.report(pos, "ambiguous-boolean", {"value": text}, loc)
            return text
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        return text


def _is_null(node: Any) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS


def _scan_events(text: str, loaded: LoadedFile) -> None:
    """Anchors, aliases and explicit tags are only visible in the event stream."""
    for event in yaml.parse(text, Loader=_Loader):
        pos = _mark(event.start_mark)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            loaded.problems.append(problem(loaded.path, pos, "anchor"))
            continue
        tag = getattr(event, "tag", None)
        explicit = isinstance(event, yaml.ScalarEvent) and event.implicit == (False, False)
        collection = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and not event.implicit
        if tag and (explicit or collection or tag not in _STANDARD_TAGS) and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            loaded.problems.append(problem(loaded.path, pos, "tag", {"tag": shown}))


def load_text(text: str, path: str) -> LoadedFile:
    """Parse YAML text held in memory (used for files and for tests)."""
    loaded = LoadedFile(path=path)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "&" in text or "*" in text or "!" in text:
        # a syntax error here is reported, with its position, by the composer below
        with contextlib.suppress(yaml.YAMLError):
            _scan_events(text, loaded)
        if loaded.problems:
            return loaded
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _mark(mark) if mark else (1, 1)
        several = isinstance(exc, yaml.composer.ComposerError) and "single document" in str(exc.context or "")
        code = "multiple-documents" if several else "yaml-syntax"
        loaded.problems.append(problem(path, pos, code, {"detail": _detail(exc, text)}))
        return loaded
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position too
        line, column = _reader_position(exc, text)
        loaded.problems.append(problem(path, (line, column), "yaml-syntax", {"detail": _detail(exc, text)}))
        return loaded
    finally:
        loader.dispose()
    if node is None:
        loaded.problems.append(problem(path, (1, 1), "empty-file"))
        return loaded
    if not isinstance(node, yaml.MappingNode):
        found = msg("found.list") if isinstance(node, yaml.SequenceNode) else msg("found.single-value")
        loaded.problems.append(problem(path, _mark(node.start_mark), "not-a-mapping", {"found": found}))
        return loaded
    loaded.data = _Builder(loaded).build(node, (), 0)
    return loaded


def _reader_position(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    position = getattr(exc, "position", None)
    if position is None:
        return (1, 1)
    before = text[:position]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# libyaml's own words, mapped to messages staff can read in their language
# (its text is English and speaks of tokens and scalars).
_YAML_DETAILS = (
    ("mapping values are not allowed", "yaml.mapping-not-allowed"),
    ("could not find expected ':'", "yaml.expected-colon"),
    ("did not find expected '-' indicator", "yaml.list-item"),
    ("block sequence entries are not allowed", "yaml.list-item"),
    ("did not find expected key", "yaml.indentation"),
    ("expected <block end>", "yaml.indentation"),
    ("while scanning a quoted scalar", "yaml.unclosed-quote"),
    ("cannot start any token", "yaml.bad-start"),
    ("while parsing a flow", "yaml.unclosed-bracket"),
    ("did not find expected ',' or", "yaml.unclosed-bracket"),
)


def _detail(exc: yaml.YAMLError, source: str) -> Msg:
    """What libyaml could not read, as one of our messages (never its English text)."""
    if isinstance(exc, yaml.reader.ReaderError):
        return msg("yaml.control-character")
    mark = getattr(exc, "problem_mark", None)
    if mark is not None and 0 <= mark.index < len(source) and source[mark.index] == "\t":
        return msg("yaml.tab")  # libyaml only says "found character that cannot start any token"
    text = " ".join(str(part or "") for part in (getattr(exc, "context", ""), getattr(exc, "problem", ""), str(exc)))
    for needle, key in _YAML_DETAILS:
        if needle in text:
            return msg(key)
    return msg("yaml.unexpected")


def load_file(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> LoadedFile:
    """Read one data file: refuse anything but a regular file (a link could
    lead out of the repository, a FIFO would hang) and oversized files before
    parsing, demand UTF-8. The file is opened without following a link and
    without blocking, and checked on the open handle, so it cannot be swapped
    for a link between the check and the read."""
    name = display or str(path)
    raw = read_regular(path, max_bytes)
    if isinstance(raw, str):
        loaded = LoadedFile(path=name)
        params = {"size": path.lstat().st_size, "limit": max_bytes} if raw == "file-too-large" else {}
        loaded.problems.append(problem(name, (1, 1), raw, params))
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        loaded = LoadedFile(path=name)
        loaded.problems.append(problem(name, _utf8_error_position(raw, exc.start), "not-utf8"))
        return loaded
    return load_text(text, name)


def read_regular(path: Path, max_bytes: int = MAX_BYTES) -> bytes | str:
    """A regular file's bytes, or the problem code that refuses it
    (`not-a-regular-file`: a link, a folder, a FIFO...; `file-too-large`)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return "not-a-regular-file"  # a link (ELOOP), gone, or unreadable
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):  # a folder, a FIFO, a device: checked on the handle itself
        os.close(handle)
        return "not-a-regular-file"
    with os.fdopen(handle, "rb") as stream:
        if info.st_size > max_bytes:
            return "file-too-large"
        data = stream.read(max_bytes + 1)
    return "file-too-large" if len(data) > max_bytes else data
