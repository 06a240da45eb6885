"""The words the linkage reads and the evidence it gives.

Evidence is one comparison's say on a pair: its level and its weight in bits
(the match-weight waterfall of merge/linkage.py), phrased for people by
`linkage.<comparison>.<level>` messages in every language.

Title words ignore what does not say what the opportunity is: case, accents,
brackets, years, seasons, the WIL types' own words ("co-op", "stage",
"internship"), the institution's and the host's names; abbreviations are
expanded, and French titles are also read through a small bilingual lexicon
(resources/dedupe/lexicon.yaml) so a listing and its twin in the other
language can be compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

from generator.i18n import Msg, msg, plain
from generator.load.yamlstrict import load_file
from generator.paths import RESOURCES
from generator.textnorm import fold

Verdict = Literal["for", "against", "neutral"]

STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "for",
        "in",
        "of",
        "on",
        "the",
        "to",
        "with",
        "by",
        "as",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "en",
        "et",
        "chez",
        "au",
        "aux",
        "pour",
        "avec",
        "un",
        "une",
        "sur",
        "aupres",
        "dans",
        "par",
    ]
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One field's say on a pair; `dedupe.evidence.<kind>.<verdict>` phrases it."""

    kind: str
    verdict: Verdict
    params: tuple[tuple[str, Any], ...] = ()

    def message(self) -> Msg:
        """`employer names: one is the other's acronym (+4.1)`: the level in words, its weight signed."""
        params = dict(self.params)
        level = params.pop("level", None)
        weight = params.pop("weight", 0.0)
        key = f"linkage.{self.kind}" if level is None else f"linkage.{self.kind}.{level}"
        direction = "against" if weight < 0 else "for"
        return msg(f"linkage.weighed.{direction}", what=msg(key, **params), weight=abs(weight))

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "verdict": self.verdict, "params": {k: plain(v) for k, v in self.params}}


@cache
def lexicon() -> dict[str, Any]:
    loaded = load_file(RESOURCES / "dedupe" / "lexicon.yaml")
    if not loaded.ok:
        raise RuntimeError(f"the duplicate finder's lexicon is invalid: {[p.code for p in loaded.problems]}")
    data: dict[str, Any] = loaded.data
    return {
        "type_words": {k: frozenset(fold(" ".join(v)).split()) for k, v in data["type_words"].items()},
        "noise": frozenset(fold(" ".join(data["noise"])).split()),
        "levels": frozenset(fold(" ".join(data["levels"])).split()),
        "abbreviations": {fold(k): fold(v).split() for k, v in data["abbreviations"].items()},
        "french": {fold(k): fold(v).split() for k, v in data["french"].items()},
    }


@lru_cache(maxsize=65536)
def domain(url: str | None) -> str:
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word.endswith("ship") and len(word) > 6:
        return word[:-4]
    if word.endswith("s") and len(word) > 4 and not word.endswith("ss"):
        return word[:-1]
    return word


def title_sequence(folded: list[str], french: bool) -> list[str]:
    """A title's folded words in order, abbreviations expanded, French read in
    English, numbers and years dropped, stemmed."""
    lex = lexicon()
    translate = lex["french"] if french else {}
    short = lex["abbreviations"]
    words: list[str] = []
    for word in folded:
        if word in translate:
            words += translate[word]
        elif word in short:
            words += short[word]
        elif not word.isdigit():
            words.append(word)
    return [stem(w) for w in words]


_PAY = re.compile(
    r"(\d+(?:[.,]\d{1,2})?)\s*\$?\s*(?:/\s*)?(?:[a-zé']+\s+){0,3}?"
    r"(?:l')?(h|hr|hrs|hour|hours|heure|heures|week|weeks|semaine|wk|month|months|mois|term|session|total)\b"
)
_PERIODS = {
    "h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "hours": "hour", "heure": "hour", "heures": "hour",
    "week": "week", "weeks": "week", "semaine": "week", "wk": "week", "month": "month", "months": "month",
    "mois": "month", "term": "term", "session": "term", "total": "total",
}  # fmt: skip


def pay_value(amount: float | None, period: str | None, text: str | None) -> tuple[float, str] | None:
    """Pay as (amount, period): `$24/h`, `$24 per hour`, `24 $/h` and 24 + hour are one value."""
    if amount is not None and period:
        return float(amount), period
    if text:
        match = _PAY.search(text.lower().replace("\u00a0", " "))
        if match:
            return float(match.group(1).replace(",", ".")), _PERIODS[match.group(2)]
    return None
