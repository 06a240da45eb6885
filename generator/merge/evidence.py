"""What two listings have in common, field by field.

Each comparison returns Evidence: a kind, a verdict (for, against, neutral)
and the values that drove it, so a coordinator sees why two listings were
merged, sent to review or kept apart. Everything here is about one record
(`Prepared`, computed once) or one pair (`compare`); the decision and the
blocking live in dedupe.py.

Title words ignore what does not say what the opportunity is: case, accents,
brackets, years, seasons, the WIL type's own words ("co-op", "stage",
"internship"), the institution's and the host's names; abbreviations are
expanded, and French titles are also read through a small bilingual lexicon
(resources/dedupe/lexicon.yaml) so a listing and its twin in the other
language can be compared.

Descriptions are weak evidence by measurement: on the generated train split,
rapidfuzz's token-set ratio and a TF-IDF cosine both rank paraphrases of one
opportunity below two roles written from one employer's template (AUC 0.71
and 0.72 against such look-alikes), so a description can support a title
that is alike but never decides alone. Token-set ratio is used: it needs no
corpus statistics (C++, per pair) and keeps a higher floor on paraphrases
(0.54 against TF-IDF's 0.15).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from generator.i18n import Msg, msg, plain
from generator.load.yamlstrict import load_file
from generator.paths import RESOURCES
from generator.textnorm import fold

Verdict = Literal["for", "against", "neutral"]

_LEGAL = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "ltee",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "llc",
        "llp",
        "lp",
        "ulc",
        "society",
        "societe",
        "the",
        "plc",
    ]
)
_STOP = frozenset(
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
    ]
)
SPELLING = 88.0  # two title words this close are one word spelt two ways
DATE_TOLERANCE = {"start": 7, "end": 7, "deadline": 3}  # days apart that are still the same intake
DATE_CONFLICT = 45  # days apart that make another intake or edition


@dataclass(frozen=True, slots=True)
class Evidence:
    """One field's say on a pair; `dedupe.evidence.<kind>.<verdict>` phrases it."""

    kind: str
    verdict: Verdict
    params: tuple[tuple[str, Any], ...] = ()

    def message(self) -> Msg:
        params = dict(self.params)
        count = params.pop("count", None)
        return msg(f"dedupe.evidence.{self.kind}.{self.verdict}", count, **params)

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
def host_key(name: str) -> str:
    """`The Kestrel Robotics, Inc.` and `Kestrel Robotics` give the same key."""
    words = fold(name).split()
    while words and words[0] == "the":
        words.pop(0)
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    return " ".join(words)


def domain(url: str | None) -> str:
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if word.endswith("ship") and len(word) > 6:
        return word[:-4]
    if word.endswith("s") and len(word) > 4 and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _title_tokens(title: str, french: bool) -> frozenset[str]:
    """A title's words, folded, abbreviations expanded, French read in English,
    numbers and years dropped, stemmed (cached: titles repeat)."""
    lex = lexicon()
    translate = lex["french"] if french else {}
    short = lex["abbreviations"]
    words: list[str] = []
    for word in fold(title.replace("-", " ")).split():
        if word in translate:
            words += translate[word]
        elif word in short:
            words += short[word]
        elif not word.isdigit():
            words.append(word)
    return frozenset(map(_stem, words))


@lru_cache(maxsize=256)
def _dropped(wil_type: str) -> frozenset[str]:
    lex = lexicon()
    words = lex["type_words"].get(wil_type, frozenset()) | lex["noise"] | _STOP
    return frozenset(words | {_stem(w) for w in words})


def title_words(title: str | None, *, wil_type: str, ignore: frozenset[str], french: bool) -> frozenset[str] | None:
    """The words of a title that say what it is about (see the module's
    docstring); a title with nothing beyond its type and host ("Bissett Case
    Challenge") keeps its words, else two such titles would match anything."""
    if not title:
        return None
    words = _title_tokens(title, french)
    return (words - _dropped(wil_type) - ignore) or (words - _STOP)


def _matches(word: str, others: frozenset[str]) -> bool:
    if word in others:
        return True
    for other in others:
        if len(word) >= 4 and len(other) >= 4 and (other.startswith(word) or word.startswith(other)):
            return True
        if fuzz.ratio(word, other) >= SPELLING:
            return True
    return False


def title_match(a: frozenset[str], b: frozenset[str]) -> tuple[float, float, bool]:
    """(containment, overlap, level differs): the share of the shorter title's
    words found in the other, the share of all words shared, and whether one
    title names a level (senior, junior, II...) the other does not."""
    levels = lexicon()["levels"]
    level_differs = (a & levels) != (b & levels)
    a, b = a - levels, b - levels
    if not a or not b:
        return 0.0, 0.0, level_differs
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    found = sum(1 for w in small if _matches(w, large))
    return found / len(small), 2 * found / (len(a) + len(b)), level_differs


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


@dataclass(slots=True)
class Prepared:
    """One record's comparable features, computed once."""

    key: str
    institutions: frozenset[str]
    host: str  # the normalised key
    host_name: str  # as written, for people
    domains: frozenset[str]
    wil_type: str
    dates: tuple[int | None, int | None, int | None]  # start, end, deadline as ordinal days
    titles: tuple[frozenset[str] | None, frozenset[str] | None]  # en, fr (French read in English words)
    raw_descriptions: tuple[str | None, str | None]
    pay: tuple[float, str] | None
    pay_type: str
    sectors: frozenset[str]
    arrangement: str
    city: str  # folded
    city_name: str
    same_as: str | None = None
    distinct_from: frozenset[str] = field(default_factory=frozenset)
    _descriptions: tuple[str | None, str | None] | None = None

    def first_date(self) -> int | None:
        start, end, deadline = self.dates
        return start if start is not None else deadline if deadline is not None else end

    @property
    def dated(self) -> bool:
        return self.dates != (None, None, None)

    def descriptions(self) -> tuple[str | None, str | None]:
        """Folded descriptions, only for records that are compared (they are long)."""
        if self._descriptions is None:
            self._descriptions = tuple(fold(x) if x else None for x in self.raw_descriptions)  # type: ignore[assignment]
        return self._descriptions  # type: ignore[return-value]


def _days(value: str | None) -> int | None:
    return dt.date.fromisoformat(value).toordinal() if value else None


@lru_cache(maxsize=4096)
def _place(city: str) -> str:
    return fold(city)


_DATE_NAMES = ("start", "end", "deadline")


def two_editions(a: Prepared, b: Prepared) -> bool:
    """Any date both have, far apart: another intake or edition (cheap: runs on every pair a block makes)."""
    for x, y in zip(a.dates, b.dates, strict=True):
        if x is not None and y is not None and (x - y >= DATE_CONFLICT or y - x >= DATE_CONFLICT):
            return True
    return False


def prepare(c: Any) -> Prepared:
    """Features of a Candidate (see dedupe.Candidate)."""
    host = host_key(c.host)
    ignore = frozenset(host.split()) | c.institution_words
    return Prepared(
        key=c.key,
        institutions=frozenset(c.institutions),
        host=host,
        host_name=c.host,
        domains=frozenset(d for d in (domain(c.host_website), *c.apply_domains) if d),
        wil_type=c.wil_type,
        dates=(_days(c.start_date), _days(c.end_date), _days(c.application_deadline)),
        titles=(
            title_words(c.title_en, wil_type=c.wil_type, ignore=ignore, french=False),
            title_words(c.title_fr, wil_type=c.wil_type, ignore=ignore, french=True),
        ),
        raw_descriptions=(c.description_en, c.description_fr),
        pay=pay_value(c.pay_amount, c.pay_period, c.pay_text),
        pay_type=c.pay_type or "",
        sectors=frozenset(c.sectors),
        arrangement=c.arrangement or "",
        city=_place(c.city) if c.city else "",
        city_name=c.city or "",
        same_as=c.same_as,
        distinct_from=frozenset(c.distinct_from),
    )


# --- comparing two records ---------------------------------------------------------------


@dataclass(slots=True)
class Comparison:
    """The numbers a decision reads; `evidence()` phrases them only for pairs
    that are merged or reviewed (most compared pairs are told apart early)."""

    a: Prepared
    b: Prepared
    host: float = 0.0  # 1.0: same host (name or website); else name similarity
    shared_domain: str = ""
    dates: Verdict = "neutral"
    date_detail: tuple[str, int, int] = ("", 0, 0)  # worst field, its days apart, dates shared
    title: float = 0.0  # containment, in a language both have or through the lexicon
    title_overlap: float = 0.0
    cross_language: bool = False
    level_differs: bool = False
    _description: float | None = None
    _described: bool = False
    pay: Verdict = "neutral"
    city: Verdict = "neutral"

    @property
    def description(self) -> float | None:
        """Token-set ratio of the descriptions in a language both have (computed
        only when a decision asks: descriptions are long)."""
        if not self._described:
            da, db = self.a.descriptions(), self.b.descriptions()
            scores = [fuzz.token_set_ratio(x, y) / 100 for x, y in zip(da, db, strict=True) if x and y]
            self._description = max(scores) if scores else None
            self._described = True
        return self._description

    @property
    def date_conflict(self) -> bool:
        return self.dates == "against"

    @property
    def against(self) -> list[str]:
        """Fields other than host and title that say these are two opportunities."""
        return [kind for kind, verdict in (("pay", self.pay), ("city", self.city)) if verdict == "against"]

    def evidence(self) -> tuple[Evidence, ...]:
        """What each field said, as messages (`dedupe.evidence.<kind>.<verdict>`)."""
        a, b = self.a, self.b
        out: list[Evidence] = []

        def say(kind: str, verdict: Verdict, **params: Any) -> None:
            out.append(Evidence(kind, verdict, tuple(sorted(params.items()))))

        if self.shared_domain:
            say("website", "for", website=self.shared_domain)
        elif self.host >= 1.0:
            say("host", "for", name=a.host_name)
        else:
            verdict: Verdict = "neutral" if self.host >= 0.8 else "against"
            say("host", verdict, a=a.host_name, b=b.host_name, score=round(self.host, 2))
        field_name, days, shared = self.date_detail
        if not shared:
            say("undated", "neutral")
        elif days == 0:
            say("same-dates", "for")
        else:
            say("dates", self.dates, field=msg(f"dedupe.date.{field_name}"), count=days)
        title_verdict: Verdict = "for" if self.title >= 0.8 else "against" if self.title < 0.4 else "neutral"
        say("title", title_verdict, score=round(self.title, 2))
        if self.cross_language:
            say("languages", "neutral")
        if self.level_differs:
            say("level", "against")
        if self.description is not None:
            say("description", "for" if self.description >= 0.85 else "neutral", score=round(self.description, 2))
        if a.pay and b.pay:
            say("pay", self.pay, a=_pay_words(a.pay), b=_pay_words(b.pay))
        elif self.pay == "against":
            say("paid", "against", a=msg(f"vocab.compensation.{a.pay_type}"), b=msg(f"vocab.compensation.{b.pay_type}"))
        if a.city and b.city:
            say("city", self.city, a=a.city_name, b=b.city_name)
        if a.arrangement and b.arrangement and a.arrangement != b.arrangement:
            arrangements = (msg(f"vocab.work_arrangements.{x.arrangement}") for x in (a, b))
            say("arrangement", "neutral", **dict(zip(("a", "b"), arrangements, strict=True)))
        if a.sectors and b.sectors:
            say("sectors", "for" if a.sectors & b.sectors else "neutral", count=len(a.sectors & b.sectors))
        return tuple(out)


def _pay_words(pay: tuple[float, str]) -> Msg:
    return msg("dedupe.pay", amount=pay[0], period=msg(f"vocab.pay_periods.{pay[1]}"))


def dates_of(a: Prepared, b: Prepared, out: Comparison) -> None:
    worst = ("", 0, 0.0)
    shared = 0
    close = True
    for name, x, y in zip(_DATE_NAMES, a.dates, b.dates, strict=True):
        if x is None or y is None:
            continue
        shared += 1
        days = abs(x - y)
        if days > DATE_TOLERANCE[name]:
            close = False
        weight = days / DATE_TOLERANCE[name]
        if weight >= worst[2]:
            worst = (name, days, weight)
    out.date_detail = (worst[0], worst[1], shared)
    if shared:
        out.dates = "against" if worst[1] >= DATE_CONFLICT else "for" if close else "neutral"


def titles_of(a: Prepared, b: Prepared, out: Comparison) -> None:
    best: tuple[float, float, bool] | None = None
    for x, y in zip(a.titles, b.titles, strict=True):
        if x is not None and y is not None:
            score = title_match(x, y)
            if best is None or score[:2] > best[:2]:
                best = score
    if best is None:  # no language in common: compare through the lexicon
        x = a.titles[0] if a.titles[0] is not None else a.titles[1]
        y = b.titles[0] if b.titles[0] is not None else b.titles[1]
        if x is None or y is None:
            return
        best = title_match(x, y)
        out.cross_language = True
    out.title, out.title_overlap, out.level_differs = best


def compare(a: Prepared, b: Prepared) -> Comparison:
    """Every field's numbers for a pair; stops early at another host or at
    dates that say another edition (the most common verdicts)."""
    out = Comparison(a, b)
    shared_domains = a.domains & b.domains
    if a.host and a.host == b.host:
        out.host = 1.0
    elif shared_domains:
        out.host, out.shared_domain = 1.0, sorted(shared_domains)[0]
    else:
        out.host = fuzz.token_sort_ratio(a.host, b.host) / 100
        if out.host < 0.8:
            return out  # another host: nothing else can make them one opportunity
    dates_of(a, b, out)
    if out.date_conflict:
        return out
    titles_of(a, b, out)
    if a.pay and b.pay:
        same = a.pay[1] == b.pay[1] and abs(a.pay[0] - b.pay[0]) <= 0.05 * max(a.pay[0], b.pay[0])
        out.pay = "for" if same else "against"
    elif a.pay_type and b.pay_type and a.pay_type != b.pay_type:
        out.pay = "against"
    if a.city and b.city:
        out.city = "for" if a.city == b.city else "against"
    return out
