"""De-duplication quality on labelled data the matcher was not written from.

The labelled region comes from tests/fixtures/dedupe/variations.py (an
independent generator of realistic variations and hard look-alikes); the
records go through the real model and `merge.listing.candidate`, and the
whole split is de-duplicated at once, blocking included, so chains and
cross-cluster merges count. A third of the clusters is the validation
split: tune on `train`, quote `validation`.

    python -m benchmarks.bench_dedupe            # train and validation
    python -m benchmarks.bench_dedupe --pairs    # also the hand-written tests/fixtures/dedupe/pairs.yaml
    python -m benchmarks.bench_dedupe --show 20  # print missed and false pairs with their evidence
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.load.yamlstrict import load_file
from generator.merge.dedupe import Candidate, Result, deduplicate
from generator.merge.listing import candidate
from generator.models import Institution, Opportunity
from generator.validate.fields import check

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dedupe"))
from variations import LabelledRegion, generate  # noqa: E402


@dataclass
class Score:
    true_pairs: int
    merged: int
    merged_true: int
    covered: int  # true pairs merged or put in front of a person
    lookalikes: int
    lookalikes_merged: int
    reviews: int

    @property
    def precision(self) -> float:
        return self.merged_true / self.merged if self.merged else 1.0

    @property
    def recall(self) -> float:
        return self.merged_true / self.true_pairs if self.true_pairs else 1.0

    def line(self, name: str) -> str:
        missed = self.true_pairs - self.covered
        return (
            f"{name:>10}: {self.true_pairs} true pairs; merged {self.merged} "
            f"(precision {self.precision:.2f}, recall {self.recall:.2f}); "
            f"{self.covered - self.merged_true} more for review, {missed} neither; "
            f"{self.lookalikes_merged} of {self.lookalikes} look-alikes merged; {self.reviews} review entries"
        )


def institutions() -> dict[str, Institution]:
    out = {}
    for path in sorted((ROOT / "institutions").glob("*.yaml")):
        record, _ = check(Institution, load_file(path))
        if record is not None:
            out[record.id] = record
    return out


def candidates(region: LabelledRegion, split: str) -> tuple[list[Candidate], dict[str, int]]:
    known = institutions()
    out, cluster = [], {}
    for rec in region.subset(split):
        model = Opportunity.model_validate(rec.data)
        out.append(candidate(model, known))
        cluster[rec.id] = rec.cluster
    return out, cluster


def score(result: Result, cluster: dict[str, int], lookalikes: list[tuple[str, str, str]]) -> Score:
    group = {key: i for i, g in enumerate(result.groups) for key in g}
    reviewed = {frozenset((group[d.a], group[d.b])) for d in result.review}
    by_cluster: dict[int, list[str]] = {}
    for key, c in cluster.items():
        by_cluster.setdefault(c, []).append(key)
    true_pairs = [(a, b) for keys in by_cluster.values() for i, a in enumerate(keys) for b in keys[i + 1 :]]
    merged_pairs = [(a, b) for g in result.groups for i, a in enumerate(g) for b in g[i + 1 :]]
    merged_true = sum(1 for a, b in merged_pairs if cluster[a] == cluster[b])
    covered = sum(1 for a, b in true_pairs if group[a] == group[b] or frozenset((group[a], group[b])) in reviewed)
    looks_merged = sum(1 for a, b, _ in lookalikes if group[a] == group[b])
    return Score(
        len(true_pairs), len(merged_pairs), merged_true, covered, len(lookalikes), looks_merged, len(result.review)
    )


def show(result: Result, cluster: dict[str, int], region: LabelledRegion, limit: int) -> None:
    group = {key: i for i, g in enumerate(result.groups) for key in g}
    reviewed = {frozenset((d.a, d.b)): d for d in result.review}
    data = {r.id: r.data for r in region.records}
    shown = 0
    for keys in [[k for k, c in cluster.items() if c == n] for n in sorted(set(cluster.values()))]:
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if group[a] != group[b] and shown < limit:
                    shown += 1
                    d = reviewed.get(frozenset((a, b)))
                    print(f"  not merged ({d.reason if d else 'unseen'}): {data[a]['title']} / {data[b]['title']}")
                    print(f"     hosts {data[a]['host']['name']!r} / {data[b]['host']['name']!r}")
                    if d:
                        print("     " + "; ".join(f"{e.kind} {e.verdict} {dict(e.params)}" for e in d.evidence))
    for g in result.groups:
        if len({cluster[k] for k in g}) > 1:
            print("  FALSE MERGE:", [(data[k]["title"], data[k]["host"]["name"]) for k in g])


def old_pairs() -> str:
    pairs: list[dict[str, Any]] = yaml.safe_load((ROOT / "tests/fixtures/dedupe/pairs.yaml").read_text("utf-8"))[
        "pairs"
    ]
    merged = merged_true = covered = 0
    same = sum(1 for p in pairs if p["label"] == "same")
    for p in pairs:
        cands = [
            Candidate(
                key,
                x["title_en"],
                x["title_fr"],
                x["host"],
                x["wil_type"],
                x["start_date"],
                x["end_date"],
                x["application_deadline"],
            )
            for key, x in (("a", p["a"]), ("b", p["b"]))
        ]
        result = deduplicate(cands)
        together = len(result.groups) == 1
        merged += together
        merged_true += together and p["label"] == "same"
        covered += p["label"] == "same" and (together or bool(result.review))
    precision = merged_true / merged if merged else 1.0
    return (
        f"pairs.yaml: {len(pairs)} hand-written pairs, {same} same; merged {merged} "
        f"(precision {precision:.2f}, recall {merged_true / same:.2f}); {covered - merged_true} more for review, "
        f"{same - covered} neither"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", action="store_true", help="also score the hand-written pairs.yaml")
    parser.add_argument("--show", type=int, default=0, help="print this many missed pairs of the train split")
    parser.add_argument("--split", default="train,validation")
    args = parser.parse_args()
    region = generate()
    for split in args.split.split(","):
        cands, cluster = candidates(region, split)
        result = deduplicate(cands)
        print(score(result, cluster, region.lookalikes_in(split)).line(split))
        if args.show and split == "train":
            show(result, cluster, region, args.show)
    if args.pairs:
        print(old_pairs())


if __name__ == "__main__":
    main()
