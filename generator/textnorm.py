"""Normalising what people typed, so that comparisons ignore what does not
matter: case, accents, punctuation and `&`. Validation (suggestions,
spreadsheet headers and cells) and merging (duplicate detection) use the
same folding, so a near miss is judged the same way everywhere."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII words: `Société d'Énergie & Co.` -> `societe d energie and co`."""
    text = text.replace("&", " and ")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", text.lower()).strip()
