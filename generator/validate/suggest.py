"""'Did you mean ...?' for near misses of field names and vocabulary values."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from generator.textnorm import fold


def _squash(text: str) -> str:
    return fold(text).replace(" ", "")


def closest(value: str, choices: Iterable[str], cutoff: float = 72.0) -> str | None:
    """The allowed value nearest to what was typed, if one is close enough.

    Comparison ignores case, spaces and punctuation so `Co op`, `CO-OP` and
    `coop` all lead to `co-op`.
    """
    options = list(choices)
    if not options or not isinstance(value, str):
        return None
    folded = _squash(value)
    for option in options:
        if _squash(option) == folded:
            return option
    match = process.extractOne(folded, {o: _squash(o) for o in options}, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[2] if match else None
