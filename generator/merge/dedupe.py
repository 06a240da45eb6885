"""Find listings of the same opportunity: three outcomes, each with its evidence.

- **merge** (certain): the same host (name after normalising, or website),
  the same WIL type, dates that agree within a few days, a title that says
  the same thing (in a language both have, or through the bilingual lexicon)
  and nothing against it (pay, city, a senior/junior level);
- **review** (probable): close but not certain; a coordinator decides once,
  with `same_as` or `distinct_from` in the data;
- **distinct**: everything else, including a different type, another
  edition (dates a year apart) and any pair a person called distinct.

A false merge hides a real opportunity, so merging asks for agreement on
every field that speaks, while a review only asks for a close host and a
title or description that could be the same. Explicit links always win:
`same_as` merges, `distinct_from` keeps apart, whatever the evidence.

Blocking keeps this linear: pairs are only judged inside small blocks
within one WIL type (the same normalised host; the same host website; a
host spelt another way, with its first letters alike, and first dates a few
days apart), and a pair whose dates say "another edition" is set aside with
one integer comparison before any text is compared.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from generator.merge.evidence import (
    DATE_CONFLICT,
    Comparison,
    Evidence,
    Prepared,
    compare,
    host_key,
    prepare,
    two_editions,
)

Outcome = Literal["merge", "review", "distinct"]
HOST_SAME = 0.92  # host names this close are one host (spelling, punctuation)
HOST_CLOSE = 80.0  # host names this close are worth a person's look
TITLE_SAME = 0.8  # share of the shorter title's words found in the other
TITLE_CLOSE = 0.5
TITLE_NOTHING = 0.25  # below this, two titles of one host name two roles
COMMON_DOMAIN = 5  # a domain on more listings than this is a job board, not a host's site
DATE_BUCKET = 4  # days: records whose first dates fall within a bucket or the next are compared
HOST_PREFIX = 3  # letters of each of the host's first two words a spelling variant must share to be compared

__all__ = ["Candidate", "Decision", "Result", "deduplicate", "host_key"]


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
    distinct_from: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    institution_words: frozenset[str] = frozenset()  # the offering institutions' names, folded
    description_en: str | None = None
    description_fr: str | None = None
    host_website: str | None = None
    apply_domains: tuple[str, ...] = ()
    pay_type: str | None = None
    pay_amount: float | None = None
    pay_period: str | None = None
    pay_text: str | None = None
    sectors: tuple[str, ...] = ()
    arrangement: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """One pair's outcome, its reason (a `dedupe.<reason>` message) and the
    evidence (phrased from the comparison when asked: most pairs never are)."""

    a: str
    b: str
    outcome: Outcome
    reason: str
    comparison: Comparison | None = field(default=None, compare=False, repr=False)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return self.comparison.evidence() if self.comparison is not None else ()


@dataclass(slots=True)
class Result:
    """Groups of keys that are one opportunity, and the decisions behind them."""

    groups: list[list[str]]  # pages: keys merged into one listing
    review: list[Decision] = field(default_factory=list)  # probable pairs left for a person
    merges: list[Decision] = field(default_factory=list)  # why each automatic or explicit merge happened
    rows: list[list[str]] = field(default_factory=list)  # for readers: keys shown as one row (each keeps its page)
    row_links: list[Decision] = field(default_factory=list)  # why rows hold more than one page

    @property
    def probable(self) -> list[tuple[str, str, str]]:
        return [(d.a, d.b, d.reason) for d in self.review]


def judge(a: Prepared, b: Prepared) -> Decision:
    """Merge, review or distinct for two records; merges and reviews carry the evidence."""
    if b.key in a.distinct_from or a.key in b.distinct_from:
        return Decision(a.key, b.key, "distinct", "marked-distinct")
    if a.wil_type != b.wil_type:
        return Decision(a.key, b.key, "distinct", "different-type")
    c = compare(a, b)
    if c.host * 100 < HOST_CLOSE:
        return Decision(a.key, b.key, "distinct", "different")
    if c.date_conflict:
        return Decision(a.key, b.key, "distinct", "different-dates")

    def decide(outcome: Outcome, reason: str) -> Decision:
        return Decision(a.key, b.key, outcome, reason, c if outcome != "distinct" else None)

    if c.title < TITLE_NOTHING and not c.cross_language:
        return Decision(a.key, b.key, "distinct", "different")  # one host's two roles: nothing in common
    same_host = c.host >= HOST_SAME
    close_host = c.host * 100 >= HOST_CLOSE
    undated = not a.dated and not b.dated

    def described_alike() -> bool:
        return c.description is not None and c.description >= 0.85

    title_same = c.title >= TITLE_SAME and (c.title_overlap >= 0.5 or described_alike())
    against = c.against
    if same_host and (c.dates == "for" or undated) and title_same and not c.level_differs and not against:
        if not c.cross_language:
            return decide("merge", "same")
        # A listing and its twin in the other language: the neutral fields agree, and so does
        # the title read through the lexicon; never on neutral fields alone.
        if c.dates == "for" and c.title_overlap >= 0.5:
            return decide("merge", "twins")
    if not close_host:
        return decide("distinct", "different")
    if c.level_differs:
        return decide("review", "level-differs")
    if against:
        if c.title >= TITLE_CLOSE:
            return decide("review", f"{against[0]}-differs")
        return decide("distinct", "different")
    if c.cross_language:  # the same host in the other language: a person reads both
        return decide("review", "titles-in-other-languages")
    if c.title >= TITLE_CLOSE or described_alike():
        if not same_host:
            return decide("review", "similar-host")
        if c.dates == "neutral" and not undated:
            return decide("review", "one-dated")
        return decide("review", "similar-title")
    return decide("distinct", "different")


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}
        self.members: dict[str, set[str]] = {k: {k} for k in self.parent}

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
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            self.members[keep] |= self.members.pop(gone)


def _pairs(block: Sequence[Prepared], limit: int) -> Iterator[tuple[Prepared, Prepared]]:
    """Pairs of a block, skipping those whose start dates alone already say
    "another edition" (sorted by start, a window of DATE_CONFLICT days)."""
    for sub in _split(list(block), limit):
        dated = sorted((p for p in sub if p.dates[0] is not None), key=lambda p: p.dates[0])  # type: ignore[arg-type,return-value]
        undated = [p for p in sub if p.dates[0] is None]
        for i, a in enumerate(dated):
            start = a.dates[0]
            for b in dated[i + 1 :]:
                if b.dates[0] - start >= DATE_CONFLICT:  # type: ignore[operator]
                    break
                yield a, b
        for i, a in enumerate(undated):
            for b in [*undated[i + 1 :], *dated]:
                yield a, b


def _split(block: list[Prepared], limit: int) -> list[list[Prepared]]:
    """A block small enough to compare all pairs, or sub-blocks by type and date."""
    if len(block) <= limit:
        return [block]
    by_date: dict[tuple[str, int | None], list[Prepared]] = defaultdict(list)
    for p in block:
        first = p.first_date()
        by_date[(p.wil_type, None if first is None else first // DATE_BUCKET)].append(p)
    return [sub[:limit] for sub in by_date.values() if len(sub) > 1]


def _initials(host: str) -> str:
    """`kestrel robotics` -> `kes rob`: what a spelling variant of a host keeps."""
    return " ".join(word[:HOST_PREFIX] for word in host.split()[:2])


def _candidate_pairs(prepared: list[Prepared], limit: int) -> Iterator[tuple[Prepared, Prepared]]:
    """Pairs worth judging: the same host (normalised name or website), or a
    host spelt another way (the first letters of its first two words alike) with first dates a few
    days apart. Every block is within one WIL type: different types are never
    the same opportunity."""
    by_host: dict[tuple[str, str], list[Prepared]] = defaultdict(list)
    by_domain: dict[tuple[str, str], list[Prepared]] = defaultdict(list)
    by_date: dict[tuple[str, int, str], list[Prepared]] = defaultdict(list)
    for p in prepared:
        if p.host:
            by_host[(p.wil_type, p.host)].append(p)
        for d in p.domains:
            by_domain[(p.wil_type, d)].append(p)
        first = p.first_date()
        if first is not None:
            by_date[(p.wil_type, first // DATE_BUCKET, _initials(p.host))].append(p)
    for block in [*by_host.values(), *by_domain.values()]:
        if len(block) > 1:
            yield from _pairs(block, limit)
    for (wil_type, bucket, prefix), block in by_date.items():
        later = by_date.get((wil_type, bucket + 1, prefix), [])
        for i, a in enumerate(block[:limit]):
            for b in [*block[i + 1 : limit], *later[:limit]]:
                # the same host was judged above; another host must be a spelling away
                if a.host != b.host and fuzz.token_sort_ratio(a.host, b.host) >= HOST_CLOSE:
                    yield a, b


def deduplicate(candidates: Sequence[Candidate], max_block: int = 400) -> Result:
    """Group candidates that are certainly one opportunity; decide every close pair.

    `max_block` bounds the work in a pathological block (hundreds of records
    with the same host): beyond it, only records of the same type with first
    dates a few days apart are compared.
    """
    # Tens of thousands of small objects and no cycles to free: the cyclic
    # garbage collector would only rescan them (a third of the time at 100,000).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _deduplicate(candidates, max_block)
    finally:
        if collecting:
            gc.enable()


def _deduplicate(candidates: Sequence[Candidate], max_block: int) -> Result:
    prepared = [prepare(c) for c in candidates]
    # A web domain on many listings is a job board or an institution's career
    # site, not one employer's: it says nothing about two listings being one.
    seen = Counter(d for p in prepared for d in p.domains)
    for p in prepared:
        p.domains = frozenset(d for d in p.domains if seen[d] <= COMMON_DOMAIN)
    by_key = {p.key: p for p in prepared}
    uf = _UnionFind(by_key)
    apart = {frozenset((p.key, other)) for p in prepared for other in p.distinct_from if other in by_key}
    merges: list[Decision] = []

    def allowed(a: str, b: str) -> bool:
        """No merge joins two groups a person said hold different opportunities."""
        ga, gb = uf.members[uf.find(a)], uf.members[uf.find(b)]
        return not any(frozenset((x, y)) in apart for x in ga for y in gb) if apart else True

    # 1. Explicit links always merge (unless a person also said distinct).
    for p in prepared:
        if p.same_as and p.same_as in by_key and allowed(p.key, p.same_as):
            uf.union(p.key, p.same_as)
            merges.append(Decision(*sorted((p.key, p.same_as)), "merge", "linked"))  # type: ignore[call-arg]

    # 2. Every pair a block brings together, judged once.
    decisions: dict[tuple[str, str], Decision] = {}
    for a, b in _candidate_pairs(prepared, max_block):
        if two_editions(a, b):  # the usual verdict inside a block, decided without the full comparison
            continue
        pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        if pair in decisions or uf.find(a.key) == uf.find(b.key):
            continue
        x, y = by_key[pair[0]], by_key[pair[1]]
        decision = judge(x, y)
        decisions[pair] = decision
        if decision.outcome == "merge" and allowed(*pair):
            uf.union(*pair)
            merges.append(decision)

    groups: dict[str, list[str]] = defaultdict(list)
    for p in prepared:
        groups[uf.find(p.key)].append(p.key)
    result_groups = sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
    group_of = {k: i for i, g in enumerate(result_groups) for k in g}
    review = sorted(
        (d for pair, d in decisions.items() if d.outcome != "distinct" and group_of[pair[0]] != group_of[pair[1]]),
        key=lambda d: (d.a, d.b),
    )
    review = [d if d.outcome == "review" else Decision(d.a, d.b, "review", "kept-apart", d.comparison) for d in review]
    return Result(
        groups=result_groups,
        review=review,
        merges=sorted(merges, key=lambda d: (d.a, d.b)),
        rows=[g for g in result_groups if len(g) > 1],
    )
