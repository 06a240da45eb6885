"""Record linkage quality on labelled regions the model was not trained on.

The labelled region comes from tests/fixtures/linkage/jobboards.py (an
independent generator of postings as institutions write them on job boards);
its families are split by a hash: *tune* (two thirds: thresholds were chosen
there) and *heldout* (a third: scored only to report). The old labelled set
(tests/fixtures/dedupe/variations.py) is scored too. Each split is linked as
one region, blocking included, through the same `deduplicate` the build runs.

    python -m benchmarks.bench_linkage              # tune and old set
    python -m benchmarks.bench_linkage --heldout    # also the held-out split (the figure to quote)
    python -m benchmarks.bench_linkage --show 20    # print missed and wrong pairs with their waterfall

Figures: pairwise precision and recall of grouping; wrong groups (a group
holding two opportunities); true pairs neither grouped nor put up for review;
review pairs and the share of them that are true; rows a student sees per
real opportunity (mean, and share of opportunities shown as one row).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "linkage"))

from benchmarks.bench_dedupe import candidates as old_candidates  # noqa: E402
from benchmarks.bench_dedupe import institutions  # noqa: E402
from generator.merge import linkage  # noqa: E402
from generator.merge.dedupe import Candidate, Result, deduplicate  # noqa: E402
from generator.merge.features import features  # noqa: E402
from generator.merge.listing import candidate  # noqa: E402
from generator.models import Opportunity  # noqa: E402


@dataclass
class Quality:
    records: int
    opportunities: int
    true_pairs: int
    grouped: int
    grouped_true: int
    wrong_groups: int
    uncovered: int  # true pairs neither grouped nor for review
    reviews: int
    reviews_true: int
    rows_mean: float
    single_row: float

    @property
    def precision(self) -> float:
        return self.grouped_true / self.grouped if self.grouped else 1.0

    @property
    def recall(self) -> float:
        return self.grouped_true / self.true_pairs if self.true_pairs else 1.0

    def line(self, name: str) -> str:
        share = self.reviews_true / self.reviews if self.reviews else 1.0
        return (
            f"{name:>8}: {self.records} records, {self.opportunities} opportunities, {self.true_pairs} true pairs | "
            f"grouping precision {self.precision:.3f} recall {self.recall:.3f}, wrong groups {self.wrong_groups} | "
            f"review {self.reviews} pairs ({share:.0%} true), true pairs left out {self.uncovered} | "
            f"rows per opportunity {self.rows_mean:.3f}, shown as one row {self.single_row:.1%}"
        )


def measure(result: Result, cluster: dict[str, Any]) -> Quality:
    """Every figure from the linkage's groups and review pairs against the labels."""
    group = {key: i for i, g in enumerate(result.groups) for key in g}
    members: dict[Any, list[str]] = {}
    for key, c in cluster.items():
        members.setdefault(c, []).append(key)
    true_pairs = [(a, b) for keys in members.values() for i, a in enumerate(keys) for b in keys[i + 1 :]]
    grouped = [(a, b) for g in result.groups for i, a in enumerate(g) for b in g[i + 1 :]]
    grouped_true = sum(1 for a, b in grouped if cluster[a] == cluster[b])
    reviewed = {frozenset((group[d.a], group[d.b])) for d in result.review}
    uncovered = sum(
        1 for a, b in true_pairs if group[a] != group[b] and frozenset((group[a], group[b])) not in reviewed
    )
    rows = [len({group[k] for k in keys}) for keys in members.values()]
    return Quality(
        records=len(cluster),
        opportunities=len(members),
        true_pairs=len(true_pairs),
        grouped=len(grouped),
        grouped_true=grouped_true,
        wrong_groups=sum(1 for g in result.groups if len({cluster[k] for k in g}) > 1),
        uncovered=uncovered,
        reviews=len(result.review),
        reviews_true=sum(1 for d in result.review if cluster[d.a] == cluster[d.b]),
        rows_mean=sum(rows) / len(rows),
        single_row=sum(1 for r in rows if r == 1) / len(rows),
    )


def region_candidates(region: Any) -> tuple[list[Candidate], dict[str, str]]:
    known = institutions()
    out, cluster = [], {}
    for rec in region.records:
        out.append(candidate(Opportunity.model_validate(rec.data), known))
        cluster[rec.id] = rec.cluster
    return out, cluster


def split(name: str) -> tuple[list[Candidate], dict[str, str]]:
    from jobboards import generate

    return region_candidates(generate().subset(name))


def show(result: Result, cands: list[Candidate], cluster: dict[str, str], limit: int) -> None:
    by_key = {c.key: c for c in cands}
    group = {key: i for i, g in enumerate(result.groups) for key in g}
    decisions = {frozenset((d.a, d.b)): d for d in [*result.review, *result.merges]}

    def say(kind: str, a: str, b: str) -> None:
        x, y = by_key[a], by_key[b]
        d = decisions.get(frozenset((a, b)))
        weight = f"{d.weight:.1f}" if d and d.weight is not None else "unscored"
        print(
            f"  {kind} [{weight}] {x.title_en or x.title_fr!r} @ {x.host!r} / {y.title_en or y.title_fr!r} @ {y.host!r}"
        )
        if d:
            print(
                "     "
                + "; ".join(
                    f"{e.kind}={dict(e.params).get('level')} {dict(e.params).get('weight')}" for e in d.evidence
                )
            )

    shown = 0
    keys = sorted(cluster)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if cluster[a] == cluster[b] and group[a] != group[b] and shown < limit:
                shown += 1
                say("MISSED", a, b)
    for g in result.groups:
        if len({cluster[k] for k in g}) > 1:
            for i, a in enumerate(g):
                for b in g[i + 1 :]:
                    if cluster[a] != cluster[b]:
                        say("WRONG", a, b)


SNAPSHOT = ROOT / "tests" / "fixtures" / "linkage" / "decisions.tsv"


def snapshot() -> str:
    """Every labelled pair's decision and its waterfall, one line each (both
    splits, each linked as its own region): tests/fixtures/linkage/decisions.tsv,
    so a change in the model or the features shows as a reviewable diff."""
    from jobboards import generate

    region = generate()
    lines = ["# a\tb\tlabel\tkind\tsplit\toutcome\tweight\twaterfall (comparison=level:weight)"]
    for name in ("tune", "heldout"):
        part = region.subset(name)
        cands, _ = region_candidates(part)
        result = deduplicate(cands)
        group = {key: i for i, g in enumerate(result.groups) for key in g}
        reviewed = {frozenset((group[d.a], group[d.b])) for d in result.review}
        decided = {frozenset((d.a, d.b)): d for d in [*result.merges, *result.review]}
        scored = {frozenset((s.a, s.b)): s for s in linkage.score([features(c) for c in cands], floor=-1e9)}
        for pair in sorted(part.pairs, key=lambda p: (p.a, p.b)):
            if group[pair.a] == group[pair.b]:
                outcome = "grouped"
            elif frozenset((group[pair.a], group[pair.b])) in reviewed:
                outcome = "review"
            else:
                outcome = "apart"
            s = scored.get(frozenset((pair.a, pair.b)))
            d = decided.get(frozenset((pair.a, pair.b)))
            weight = f"{s.weight:.2f}" if s else "unscored"
            waterfall = " ".join(f"{x.comparison}={x.level}:{x.weight:.2f}" for x in s.levels) if s else ""
            if d is None and outcome != "apart":
                outcome += "-through-others"
            label = "same" if pair.same else "diff"
            lines.append("\t".join((pair.a, pair.b, label, pair.kind, name, outcome, weight, waterfall)))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="also score the held-out split")
    parser.add_argument("--show", type=int, default=0, help="print this many missed pairs per split, and wrong ones")
    parser.add_argument(
        "--snapshot", action="store_true", help=f"write every labelled pair's decision to {SNAPSHOT.name}"
    )
    args = parser.parse_args(argv)
    if args.snapshot:
        SNAPSHOT.write_text(snapshot(), "utf-8")
        print(f"wrote {SNAPSHOT}")
        return
    names = ["tune", "heldout"] if args.heldout else ["tune"]
    for name in names:
        cands, cluster = split(name)
        result = deduplicate(cands)
        print(measure(result, cluster).line(name))
        if args.show:
            show(result, cands, cluster, args.show)
    from variations import generate as old_generate

    old = old_generate()
    for name in ("train", "validation"):
        cands, cluster = old_candidates(old, name)
        result = deduplicate(cands)
        print(measure(result, {k: str(v) for k, v in cluster.items()}).line(f"old-{name[:5]}"))


if __name__ == "__main__":
    main()
