"""'Did you mean ...?' for near misses of field names and vocabulary values."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

_FOLD = re.compile(r"[^a-z0-9]")


def _fold(text: str) -> str:
    return _FOLD.sub("", text.lower())


def closest(value: str, choices: Iterable[str], cutoff: float = 72.0) -> str | None:
    """The allowed value nearest to what was typed, if one is close enough.

    Comparison ignores case, spaces and punctuation so `Co op`, `CO-OP` and
    `coop` all lead to `co-op`.
    """
    options = list(choices)
    if not options or not isinstance(value, str):
        return None
    folded = _fold(value)
    for option in options:
        if _fold(option) == folded:
            return option
    match = process.extractOne(folded, {o: _fold(o) for o in options}, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[2] if match else None


def listing(choices: Iterable[str], limit: int = 16) -> str:
    items = [f"`{c}`" for c in choices]
    if len(items) > limit:
        items = [*items[:limit], "..."]
    return ", ".join(items)
