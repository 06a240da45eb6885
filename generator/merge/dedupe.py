"""Find listings of the same opportunity: merge only when certain, flag the rest.

A false merge hides a real opportunity, so automatic merging needs every one
of: the same employer (after removing legal suffixes, case and accents), the
same WIL type, dates that agree (at least one shared and none conflicting, or
none at all on either side) and titles in a shared language where every word
of the shorter one is in the longer one. Anything close but not
certain is returned as a *probable* pair for a person to review.

Blocking keeps this linear: records are only compared inside small blocks
(same type and employer for merges; same type and first date for probable
pairs, where employer names are compared in bulk by rapidfuzz's C++ `cdist`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from generator.textnorm import fold

_LEGAL = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
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
    ]
)

SPELLING_MIN = 90.0  # two words this close are spelling variants (visualization / visualisation)
PROBABLE_HOST_MIN = 85.0  # employer names this close are worth a person's look


@dataclass(frozen=True, slots=True)
class Candidate:
    """What de-duplication needs to know about one record."""

    key: str  # unique: the record's id
    title_en: str | None
    title_fr: str | None
    host: str
    wil_type: str
    start_date: str | None = None
    end_date: str | None = None
    application_deadline: str | None = None
    same_as: str | None = None


@dataclass(slots=True)
class Result:
    """Groups of keys that are one opportunity, and pairs left for review."""

    groups: list[list[str]]
    probable: list[tuple[str, str, str]] = field(default_factory=list)  # (a, b, reason: a `dedupe.<reason>` message)


@lru_cache(maxsize=65536)
def host_key(name: str) -> str:
    """`The Kestrel Robotics, Inc.` and `Kestrel Robotics` give the same key."""
    words = fold(name).split()
    while words and words[0] == "the":
        words.pop(0)
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    return " ".join(words)


_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "1er": "premier", "2e": "deuxieme"}
_NOISE = frozenset(["reposted", "repost", "new", "updated", "update", "edition"])
_JOINED = ((re.compile(r"\bco op\b"), "coop"), (re.compile(r"\bnon profit\b"), "nonprofit"))


def _stem(word: str) -> str:
    """Just enough stemming for titles: internship = intern, archives = archive."""
    word = _ORDINALS.get(word, word)
    if word.endswith("ship") and len(word) > 6:
        word = word[:-4]
    elif word.endswith("s") and len(word) > 4 and not word.endswith("ss"):
        word = word[:-1]
    return word


def _title_words(title: str | None, host: str) -> frozenset[str] | None:
    """The words that say what a title is about: no stop words, no employer, no years."""
    if not title:
        return None
    text = fold(title)
    for pattern, joined in _JOINED:
        text = pattern.sub(joined, text)
    host_words = set(host.split())
    words = {
        _stem(w) for w in text.split() if w not in _STOP and w not in host_words and w not in _NOISE and not w.isdigit()
    }
    return frozenset(words) or frozenset(text.split())


def _matches(word: str, others: frozenset[str]) -> bool:
    return word in others or any(fuzz.ratio(word, o) >= SPELLING_MIN for o in others)


def _title_relation(a: frozenset[str], b: frozenset[str]) -> str:
    """'same' when every word of the shorter title is in the longer one (allowing
    spelling variants), 'similar' when at least half is, else 'different'.

    A word swapped for another (hydrology / hydrogeology) is not an addition,
    so such titles are never 'same'.
    """
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    found = sum(1 for w in small if _matches(w, large))
    if found == len(small) and (len(small) >= 2 or small == large):
        return "same"
    return "similar" if found * 2 >= len(small) else "different"


class _Prepared:
    __slots__ = ("dates", "host", "key", "same_as", "titles", "wil_type")

    def __init__(self, c: Candidate) -> None:
        self.key = c.key
        self.host = host_key(c.host)
        self.wil_type = c.wil_type
        self.dates = (c.start_date, c.end_date, c.application_deadline)
        self.titles = {"en": _title_words(c.title_en, self.host), "fr": _title_words(c.title_fr, self.host)}
        self.same_as = c.same_as


def _dates_agree(a: _Prepared, b: _Prepared) -> bool | None:
    """True: a shared date and no conflict; False: a conflict; None: nothing shared."""
    shared = False
    for x, y in zip(a.dates, b.dates, strict=True):
        if x and y:
            if x != y:
                return False
            shared = True
    return True if shared else None


def _titles(a: _Prepared, b: _Prepared) -> str | None:
    """The best relation between titles in a language both have; None if none shared."""
    best = None
    for lang in ("en", "fr"):
        x, y = a.titles[lang], b.titles[lang]
        if x and y:
            relation = _title_relation(x, y)
            if best is None or _RANK[relation] > _RANK[best]:
                best = relation
    return best


_RANK = {"different": 0, "similar": 1, "same": 2}


def judge(a: _Prepared, b: _Prepared) -> tuple[str, str]:
    """('same' | 'probable' | 'different', reason) for two records; the reason is a
    message key (`dedupe.<reason>`), phrased by whoever shows it."""
    if a.wil_type != b.wil_type:
        return "different", "different-type"
    dates = _dates_agree(a, b)
    if dates is False:
        return "different", "different-dates"
    undated = not any(a.dates) and not any(b.dates)
    host_same = a.host == b.host and bool(a.host)
    title = _titles(a, b)
    if host_same and (dates or undated) and title == "same":
        return "same", "same"
    host_close = host_same or fuzz.ratio(a.host, b.host) >= PROBABLE_HOST_MIN
    if host_close and title != "different":
        if title is None:
            why = "titles-in-other-languages"
        elif not host_same:
            why = "similar-host"
        elif dates is None and not undated:
            why = "one-dated"
        else:
            why = "similar-title"
        return "probable", why
    return "different", "different"


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _pairs_in(block: Sequence[_Prepared]) -> Iterable[tuple[_Prepared, _Prepared]]:
    for i, a in enumerate(block):
        for b in block[i + 1 :]:
            yield a, b


def deduplicate(candidates: Sequence[Candidate], max_block: int = 400) -> Result:
    """Group candidates that are certainly the same; list probable pairs.

    `max_block` bounds the work in a pathological block (hundreds of records
    with the same employer and type): beyond it, only records that share a
    start date or deadline are compared.
    """
    prepared = [_Prepared(c) for c in candidates]
    by_key = {p.key: p for p in prepared}
    uf = _UnionFind(by_key)

    # 1. Explicit links always merge.
    for p in prepared:
        if p.same_as and p.same_as in by_key:
            uf.union(p.key, p.same_as)

    # 2. Certain matches: same employer and type, then compare dates and titles.
    probable: dict[tuple[str, str], str] = {}
    blocks: dict[tuple[str, str], list[_Prepared]] = defaultdict(list)
    for p in prepared:
        blocks[(p.wil_type, p.host)].append(p)
    for block in blocks.values():
        if len(block) < 2:
            continue
        for sub in _split(block, max_block):
            for a, b in _pairs_in(sub):
                verdict, why = judge(a, b)
                if verdict == "same":
                    uf.union(a.key, b.key)
                elif verdict == "probable":
                    probable[_pair(a, b)] = why

    # 3. Probable matches across employer spellings: same type and first date,
    #    employer names compared in bulk by
    #    rapidfuzz (one C++ call per record).
    dated: dict[tuple[str, str], list[_Prepared]] = defaultdict(list)
    for p in prepared:
        first = next((d for d in p.dates if d), None)
        if first:
            dated[(p.wil_type, first)].append(p)
    for block in dated.values():
        if len(block) < 2:
            continue
        for sub in _split(block, max_block):
            hosts = [p.host for p in sub]
            for i, a in enumerate(sub[:-1]):
                later = hosts[i + 1 :]
                for _, _, offset in process.extract(
                    a.host, later, scorer=fuzz.ratio, score_cutoff=PROBABLE_HOST_MIN, limit=None
                ):
                    b = sub[i + 1 + offset]
                    if a.host == b.host:
                        continue  # already judged in step 2
                    verdict, why = judge(a, b)
                    if verdict == "probable":
                        probable[_pair(a, b)] = why

    groups: dict[str, list[str]] = defaultdict(list)
    for p in prepared:
        groups[uf.find(p.key)].append(p.key)
    result_groups = sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
    group_of = {k: i for i, g in enumerate(result_groups) for k in g}
    review = sorted((a, b, why) for (a, b), why in probable.items() if group_of[a] != group_of[b])
    return Result(groups=result_groups, probable=review)


def _pair(a: _Prepared, b: _Prepared) -> tuple[str, str]:
    return (a.key, b.key) if a.key < b.key else (b.key, a.key)


def _split(block: list[_Prepared], limit: int) -> list[list[_Prepared]]:
    """A block small enough to compare all pairs, or sub-blocks by date."""
    if len(block) <= limit:
        return [block]
    by_date: dict[str | None, list[_Prepared]] = defaultdict(list)
    for p in block:
        by_date[next((d for d in p.dates if d), None)].append(p)
    return [sub[:limit] if len(sub) > limit else sub for sub in by_date.values() if len(sub) > 1]
