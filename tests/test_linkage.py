"""Record linkage (generator/merge/dedupe.py over merge/linkage.py): people's
links beat the model, every group carries its reasons, the messages read
right in both languages, and every labelled pair's decision is pinned in a
reviewable snapshot (tests/fixtures/linkage/decisions.tsv)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, make_region

from benchmarks import bench_linkage
from generator.merge import linkage
from generator.merge.dedupe import Candidate, deduplicate
from generator.merge.evidence import Evidence, pay_value
from generator.merge.features import features
from generator.merge.listing import build_listings
from generator.validate.region import validate_region

sys.path.insert(0, str(FIXTURES / "linkage"))


def _alike(key: str, **extra: Any) -> Candidate:
    base: dict[str, Any] = {
        "title_en": "Data Analyst Co-op",
        "title_fr": None,
        "host": "Kestrel Robotics Inc.",
        "wil_type": "co-op",
        "start_date": "2027-05-03",
        "application_deadline": "2027-03-01",
        "pay_type": "paid",
        "pay_amount": 24,
        "pay_period": "hour",
        "city": "Calgary",
        "hours_per_week": 37.5,
        "institutions": ("mru",),
        "apply_urls": ("https://careers.kestrel.example.com/jobs/4417?utm_source=" + key,),
    }
    return Candidate(key, **{**base, **extra})


def test_two_postings_of_one_opportunity_are_one_group_with_their_reasons() -> None:
    result = deduplicate([_alike("a"), _alike("b", institutions=("sait",))])
    assert result.groups == [["a", "b"]] and result.rows == [["a", "b"]]
    (decision,) = result.merges
    assert decision.reason == "model" and decision.weight is not None
    assert decision.weight >= linkage.thresholds()[0]
    kinds = [e.kind for e in decision.evidence]
    assert kinds[0] == "prior" and {"employer", "title", "deadline"} <= set(kinds)
    shown = sum(dict(e.params)["weight"] for e in decision.evidence)
    assert shown == pytest.approx(decision.weight, abs=0.05 * len(kinds))  # the waterfall adds up


def test_a_next_edition_a_part_time_version_and_another_employer_stay_apart() -> None:
    """Each look-alike has a posting of its own (its own link), as on a real job board."""
    a = _alike("a")
    own = {"apply_urls": ("https://careers.kestrel.example.com/jobs/5120",)}
    for other in (
        _alike("b", start_date="2028-05-03", application_deadline="2028-03-01", **own),
        _alike("b", title_en="Data Analyst Co-op (Part-time)", hours_per_week=15, **own),
        _alike("b", host="Chinook Robotics Inc.", apply_urls=("https://chinook.example.com/careers/99",)),
        _alike("b", title_en="Senior Data Analyst Co-op", **own),
    ):
        assert deduplicate([a, other]).rows == [], other


def test_explicit_link_always_merges() -> None:
    a = Candidate("a", "Hackathon", None, "One Org", "hackathon", "2027-03-06")
    b = Candidate("b", None, "Marathon", "Another Org", "hackathon", "2028-01-01", same_as="a")
    result = deduplicate([a, b])
    assert result.groups == [["a", "b"]]
    assert [(d.a, d.b, d.reason) for d in result.merges] == [("a", "b", "linked")]


def test_a_distinct_from_link_beats_the_model() -> None:
    assert deduplicate([_alike("a"), _alike("b")]).groups == [["a", "b"]]
    apart = deduplicate([_alike("a", distinct_from=("b",)), _alike("b")])
    assert apart.groups == [["a"], ["b"]] and apart.review == [] and apart.merges == []
    # nor through a third listing alike to both
    chain = deduplicate([_alike("a", distinct_from=("c",)), _alike("b"), _alike("c")])
    assert not any({"a", "c"} <= set(g) for g in chain.groups)


def test_a_pair_between_the_thresholds_goes_to_review() -> None:
    """An acronym, another title wording and another type label: probable, not certain."""
    group_at, review_at = linkage.thresholds()
    a = _alike("a")
    b = _alike("b", host="KR", title_en="Data Analytics Intern", wil_type="internship", apply_urls=(), pay_amount=None)
    result = deduplicate([a, b])
    (scored,) = linkage.score([features(c) for c in (a, b)], floor=-1e9)
    if review_at <= scored.weight < group_at:
        assert [(d.a, d.b, d.outcome) for d in result.review] == [("a", "b", "review")]
    else:  # the model moved: the boundary itself is pinned below
        assert result.review == [] or result.rows == []


@pytest.mark.parametrize("offset", [-0.05, 0.0, 0.05])
def test_the_group_and_review_thresholds_are_inclusive(monkeypatch: pytest.MonkeyPatch, offset: float) -> None:
    """A pair exactly at a threshold is on its upper side; just below, on its lower."""
    a, b = _alike("a"), _alike("b", institutions=("sait",))
    (scored,) = linkage.score([features(c) for c in (a, b)], floor=-1e9)
    monkeypatch.setattr(linkage, "thresholds", lambda: (scored.weight - offset, scored.weight - offset - 5))
    result = deduplicate([a, b])
    if offset >= 0:
        assert result.rows == [["a", "b"]] and result.review == []
    else:
        assert result.rows == [] and [d.outcome for d in result.review] == ["review"]
    monkeypatch.setattr(linkage, "thresholds", lambda: (scored.weight + 10, scored.weight - offset))
    result = deduplicate([a, b])
    assert result.rows == []
    assert [d.outcome for d in result.review] == (["review"] if offset >= 0 else [])


def test_every_group_is_joined_only_by_decisions_that_explain_it() -> None:
    cands, _ = bench_linkage.split("tune")
    result = deduplicate(cands)
    explained = {frozenset((d.a, d.b)) for d in result.merges}
    for group in result.groups:
        if len(group) < 2:
            continue
        reached, frontier = {group[0]}, [group[0]]
        while frontier:
            key = frontier.pop()
            for other in group:
                if other not in reached and frozenset((key, other)) in explained:
                    reached.add(other)
                    frontier.append(other)
        assert reached == set(group), group
    assert all(d.evidence for d in result.merges if d.reason == "model")


def test_evidence_reads_in_both_languages_with_its_weight() -> None:
    e = Evidence("employer", "for", (("level", "acronym"), ("weight", 4.5)))
    assert e.message().render("en") == "one employer name is the other's acronym (+4.5)"
    assert e.message().render("fr") == "un nom d'employeur est le sigle de l'autre (+4,5)"
    against = Evidence("start", "against", (("level", "next-year"), ("weight", -3.0)))
    assert against.message().render("en") == "start dates a year apart: another edition (−3)"
    assert against.message().render("fr") == "dates de début à un an d'écart : une autre édition (−3)"
    prior = Evidence("prior", "neutral", (("weight", -11.9),))
    assert prior.message().render("fr").startswith("avant tout champ")
    slight = Evidence("employer", "for", (("level", "acronym"), ("weight", 0.4)))  # under one bit: still for
    assert slight.message().render("en") == "one employer name is the other's acronym (+0.4)"


def test_evidence_for_tools_names_its_kind_verdict_and_parameters() -> None:
    """`report.json`'s `review[].evidence`: what a script reads."""
    e = Evidence("employer", "for", (("level", "acronym"), ("weight", 4.5)))
    assert e.as_dict() == {"kind": "employer", "verdict": "for", "params": {"level": "acronym", "weight": 4.5}}


def test_every_level_of_the_model_has_words_in_both_languages() -> None:
    from generator.i18n import has

    for comparison in linkage.model()["settings"]["comparisons"]:
        for level in comparison["comparison_levels"]:
            key = f"linkage.{comparison['output_column_name']}.{level['label_for_charts']}"
            assert has(key, "en") and has(key, "fr"), key


def test_a_merged_listing_never_shows_a_passed_deadline(tmp_path: Path) -> None:
    """One institution's deadline has passed, the other takes applications
    without one: the listing stays open and shows no deadline at all."""
    root = make_region(tmp_path / "region")
    base = (root / "opportunities/ambrose/ambrose-base-valid.yaml").read_text(encoding="utf-8")
    rolling = (
        base.replace("id: ambrose-base-valid", "id: ucalgary-base-rolling")
        .replace("application_deadline: 2027-02-15\n", "")
        .replace(
            "institution: ambrose\n    apply_url: https://careers.ambrose",
            "institution: ucalgary\n    apply_url: https://careers.ucalgary",
        )
        .replace("coop@ambrose.example.ca", "coop@ucalgary.example.ca")
    )
    (root / "opportunities/ucalgary").mkdir()
    (root / "opportunities/ucalgary/ucalgary-base-rolling.yaml").write_text(
        rolling + "same_as: ambrose-base-valid\n", encoding="utf-8"
    )
    region = validate_region(root, today=dt.date(2027, 1, 1))
    assert not [p for p in region.problems if p.is_error]
    (listing,), _ = build_listings(region.opportunities, region.institutions)
    assert len(listing.sources) == 2
    after = dt.date(2027, 3, 1)  # past ambrose-base-valid's deadline, before the end date
    assert not listing.expired(after)
    assert listing.deadline is None


# --- the labelled region made by an independent generator -------------------------------


def test_the_tune_split_groups_nothing_wrong_and_leaves_people_a_short_list() -> None:
    """The figures the thresholds were chosen on (`python -m benchmarks.bench_linkage`)."""
    cands, cluster = bench_linkage.split("tune")
    q = bench_linkage.measure(deduplicate(cands), cluster)
    assert q.true_pairs >= 500 and q.wrong_groups == 0 and q.precision == 1.0
    assert q.rows_mean <= 1.45
    assert q.reviews_true / q.reviews >= 0.6


def test_the_generator_knows_nothing_of_the_model() -> None:
    source = (FIXTURES / "linkage" / "jobboards.py").read_text("utf-8")
    assert "from generator" not in source and "import generator" not in source


def test_every_labelled_pair_decides_as_in_the_snapshot() -> None:
    """A change in the model or the features shows here as a diff of
    tests/fixtures/linkage/decisions.tsv: review it, then rewrite it with
    `python -m benchmarks.bench_linkage --snapshot` (or UPDATE_SNAPSHOT=1)."""
    current = bench_linkage.snapshot()
    if os.environ.get("UPDATE_SNAPSHOT"):
        bench_linkage.SNAPSHOT.write_text(current, "utf-8")
    expected = bench_linkage.SNAPSHOT.read_text("utf-8")
    changed = [(old, new) for old, new in zip(expected.splitlines(), current.splitlines(), strict=False) if old != new]
    assert not changed and len(expected.splitlines()) == len(current.splitlines()), changed[:5]


@pytest.mark.parametrize(
    "text,value",
    [
        ("$24/h", (24.0, "hour")),
        ("$24 per hour", (24.0, "hour")),
        ("24 $/h", (24.0, "hour")),
        ("22,50 $ de l'heure", (22.5, "hour")),
        ("a $500 stipend in total", (500.0, "total")),
    ],
)
def test_pay_written_three_ways_is_one_value(text: str, value: tuple[float, str]) -> None:
    assert pay_value(None, None, text) == value


@pytest.mark.parametrize(
    ("weight", "verdict", "shown"),
    [
        (1.0, "for", True),
        (0.99, "neutral", True),
        (0.05, "neutral", True),  # rounds to 0.1: moved the weight, shown
        (0.04, "neutral", False),  # rounds to 0.0: weighed nothing, left out
        (-0.04, "neutral", False),
        (-0.99, "neutral", True),
        (-1.0, "against", True),
    ],
)
def test_each_comparison_says_for_or_against_from_one_bit(weight: float, verdict: str, shown: bool) -> None:
    from generator.merge.dedupe import _evidence

    scored = linkage.Scored("a", "b", weight, (linkage.Level("title", "same", weight),))
    prior, *rest = _evidence(scored)
    assert prior.kind == "prior" and prior.verdict == "neutral"
    assert dict(prior.params)["weight"] == round(linkage.prior_weight(), 1) != round(linkage.prior_weight(), 2)
    assert [(e.kind, e.verdict, dict(e.params)) for e in rest] == (
        [("title", verdict, {"level": "same", "weight": round(weight, 1)})] if shown else []
    )


# --- what people decided, and the order the model's links are made in --------------


def test_distinct_from_keeps_two_apart_even_through_a_third() -> None:
    """a and c are one opportunity by every field, but a person said they are not:
    b, like both, joins a (the first pair), and b–c is left for people."""
    result = deduplicate([_alike("a", distinct_from=("c",)), _alike("b"), _alike("c")])
    assert result.groups == [["a", "b"], ["c"]]
    assert [(d.a, d.b, d.reason) for d in result.review] == [("b", "c", "probable")]
    (review,) = result.review
    assert review.weight is not None and review.weight >= linkage.thresholds()[0]  # sure, but kept apart
    assert [e.kind for e in review.evidence][:2] == ["prior", "employer"]


def test_the_strongest_link_is_made_first() -> None:
    """b is a's twin; c differs from both by its pay. With c kept apart from a, the
    stronger a–b link decides the group, not the order of the ids."""
    a, b = _alike("a", distinct_from=("c",)), _alike("b")
    c = _alike("c", pay_amount=25)
    weights = {(s.a, s.b): s.weight for s in linkage.score([features(x) for x in (a, b, c)], floor=-1e9)}
    assert weights[("a", "b")] > weights[("b", "c")] >= linkage.thresholds()[0]
    assert deduplicate([c, b, a]).groups == [["a", "b"], ["c"]]


def test_same_as_links_pages_unless_a_person_also_said_apart() -> None:
    other = {"title_en": "Welding apprentice", "host": "Foothills Fab", "apply_urls": ("https://fab.example.com/1",)}
    result = deduplicate(
        [
            _alike("a"),
            _alike("b", same_as="x", **other),  # names an id that is not here: nothing to link
            _alike("c", same_as="d", **other),
            _alike("d", **other | {"apply_urls": ("https://fab.example.com/2",)}),
            _alike("e", same_as="a", distinct_from=("a",), **other),
        ]
    )
    assert [(d.a, d.b, d.outcome, d.reason) for d in result.merges if d.reason == "linked"] == [
        ("c", "d", "merge", "linked")
    ]
    group = {k: n for n, g in enumerate(result.groups) for k in g}
    assert group["c"] == group["d"] and group["b"] != group["x" if "x" in group else "a"] and group["e"] != group["a"]


def test_linking_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    deduplicate([_alike("a"), _alike("b")])
    assert gc.isenabled()
    gc.disable()
    try:
        deduplicate([_alike("a"), _alike("b")])
        assert not gc.isenabled()
    finally:
        gc.enable()
