"""Find listings of the same opportunity: probabilistic record linkage
(merge/linkage.py: a Fellegi–Sunter model in Splink), then three outcomes per
pair, each with the match-weight waterfall that explains it:

- **group** (match weight at or above the model's group threshold): one
  opportunity. Shown to readers as one row; its pages merge only where every
  file agrees (merge/listing.py: `same_as`, or one institution's own files);
- **review** (at or above the review threshold): probable; a coordinator
  decides once, with `same_as` or `distinct_from` in the data;
- **distinct**: everything else.

Explicit links always win: `same_as` merges, `distinct_from` keeps apart,
whatever the weights. A group is joined only through pairs the model scored
above the group threshold, so every group carries its reasons.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.merge import linkage
from generator.merge.evidence import Evidence
from generator.merge.features import features

Outcome = Literal["merge", "review", "distinct"]
SAYS = 1.0  # bits: a comparison weighing less than this either way is shown as neutral

__all__ = ["Candidate", "Decision", "Result", "deduplicate"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """What de-duplication needs to know about one record."""

    key: str  # unique: the record's id
    title_en: str | None
    title_fr: str | None
    host: str
    wil_type: str
    start_date: str | None = None
    application_deadline: str | None = None
    same_as: str | None = None
    distinct_from: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    institution_words: frozenset[str] = frozenset()  # the offering institutions' names, folded
    host_website: str | None = None
    apply_urls: tuple[str, ...] = ()
    place_details: str | None = None  # where exactly (a site, a unit), as written
    hours_per_week: float | None = None
    pay_type: str | None = None
    pay_amount: float | None = None
    pay_period: str | None = None
    pay_text: str | None = None
    arrangement: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """One pair's outcome, its reason (a `dedupe.<reason>` message), its match
    weight and the waterfall: each comparison's level and weight, as Evidence."""

    a: str
    b: str
    outcome: Outcome
    reason: str
    weight: float | None = None  # total match weight in bits; None for a person's link
    evidence: tuple[Evidence, ...] = field(default=(), compare=False, repr=False)


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


def _evidence(scored: linkage.Scored) -> tuple[Evidence, ...]:
    """The waterfall as Evidence: the prior, then each comparison that moved the weight.

    A comparison weighing nothing (a field missing on one side) is left out: a
    coordinator reads what pushed, and the shown weights still add up."""
    out = [Evidence("prior", "neutral", (("weight", round(linkage.prior_weight(), 1)),))]
    for level in scored.levels:
        if round(level.weight, 1) == 0:
            continue
        verdict = "for" if level.weight >= SAYS else "against" if level.weight <= -SAYS else "neutral"
        out.append(Evidence(level.comparison, verdict, (("level", level.level), ("weight", round(level.weight, 1)))))
    return tuple(out)


def deduplicate(candidates: Sequence[Candidate]) -> Result:
    """Group candidates that are one opportunity; decide every scored pair."""
    # Tens of thousands of small objects and no cycles to free: the cyclic
    # garbage collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _deduplicate(candidates)
    finally:
        if collecting:
            gc.enable()


def _deduplicate(candidates: Sequence[Candidate]) -> Result:
    keys = {c.key for c in candidates}
    apart = {frozenset((c.key, other)) for c in candidates for other in c.distinct_from if other in keys}
    uf = _UnionFind(keys)

    def allowed(a: str, b: str) -> bool:
        """No join brings together two keys a person said are different opportunities."""
        if not apart:
            return True
        ga, gb = uf.members[uf.find(a)], uf.members[uf.find(b)]
        return not any(frozenset((x, y)) in apart for x in ga for y in gb)

    # 1. A person's links: `same_as` merges pages (unless a person also said distinct).
    merges: list[Decision] = []
    for c in sorted(candidates, key=lambda c: c.key):
        if c.same_as and c.same_as in keys and allowed(c.key, c.same_as):
            uf.union(c.key, c.same_as)
            merges.append(Decision(*sorted((c.key, c.same_as)), "merge", "linked"))  # type: ignore[call-arg]
    linked = {k: uf.find(k) for k in keys}

    # 2. The model: strongest pairs first, so a group grows from its surest links.
    group_at, _ = linkage.thresholds()
    scored = linkage.score([features(c) for c in candidates]) if len(candidates) > 1 else []
    decisions: list[Decision] = []
    for s in sorted(scored, key=lambda s: (-s.weight, s.a, s.b)):
        if frozenset((s.a, s.b)) in apart:
            continue
        same = uf.find(s.a) == uf.find(s.b)
        if s.weight >= group_at and (same or allowed(s.a, s.b)):
            decision = Decision(s.a, s.b, "merge", "model", s.weight, _evidence(s))
            if not same:
                uf.union(s.a, s.b)
            decisions.append(decision)
        else:
            decisions.append(Decision(s.a, s.b, "review", "probable", s.weight, _evidence(s)))

    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        groups[uf.find(key)].append(key)
    result_groups = sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
    group_of = {k: i for i, g in enumerate(result_groups) for k in g}
    # A model's merge inside a group already linked by people adds nothing to say;
    # a review pair inside one group is settled.
    for d in decisions:
        if d.outcome == "merge" and linked[d.a] != linked[d.b]:
            merges.append(d)
    review = [d for d in decisions if d.outcome == "review" and group_of[d.a] != group_of[d.b]]
    return Result(
        groups=result_groups,
        review=sorted(review, key=lambda d: (d.a, d.b)),
        merges=sorted(merges, key=lambda d: (d.a, d.b)),
        rows=[g for g in result_groups if len(g) > 1],
    )
