"""'Did you mean ...?' for near misses of field names and vocabulary values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII words: accents, punctuation and '&' no longer matter.

    The one normalisation for comparing what people typed: suggestions,
    spreadsheet headers and values, and duplicate detection all use it.
    """
    text = text.replace("&", " and ")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", text.lower()).strip()


def _fold(text: str) -> str:
    return fold(text).replace(" ", "")


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
