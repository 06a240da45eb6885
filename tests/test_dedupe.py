"""De-duplication on a labelled set of tricky pairs: automatic merges must be
certain (precision 1.0); what is not merged but alike goes to review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, make_region

from generator.merge.dedupe import Candidate, deduplicate, host_key
from generator.merge.listing import build_listings
from generator.validate.region import validate_region

PAIRS: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "dedupe" / "pairs.yaml").read_text("utf-8"))["pairs"]


def _candidate(key: str, data: dict[str, Any]) -> Candidate:
    return Candidate(
        key=key,
        title_en=data["title_en"],
        title_fr=data["title_fr"],
        host=data["host"],
        wil_type=data["wil_type"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        application_deadline=data["application_deadline"],
    )


def _verdicts() -> list[tuple[dict[str, Any], str]]:
    """Each pair judged on its own: 'merged', 'review' or 'apart'."""
    out = []
    for pair in PAIRS:
        result = deduplicate([_candidate("a", pair["a"]), _candidate("b", pair["b"])])
        if len(result.groups) == 1:
            out.append((pair, "merged"))
        elif result.probable:
            out.append((pair, "review"))
        else:
            out.append((pair, "apart"))
    return out


def test_the_labelled_set_is_large_and_balanced() -> None:
    labels = [p["label"] for p in PAIRS]
    assert len(PAIRS) >= 40
    assert labels.count("same") >= 15 and labels.count("different") >= 15


def test_automatic_merges_are_certain_and_find_most_duplicates() -> None:
    verdicts = _verdicts()
    merged = [p for p, v in verdicts if v == "merged"]
    true_merges = [p for p in merged if p["label"] == "same"]
    same = [p for p in PAIRS if p["label"] == "same"]
    wrong = [p["why"] for p in merged if p["label"] != "same"]
    assert wrong == [], f"false merges: {wrong}"
    precision = len(true_merges) / len(merged)
    recall = len(true_merges) / len(same)
    assert precision == 1.0
    assert recall >= 0.6, f"recall {recall:.2f}"
    # nothing that is really the same slips through unseen: merged or sent to review
    unseen = [p["why"] for p, v in verdicts if p["label"] == "same" and v == "apart"]
    assert len(unseen) <= len(same) * 0.1, unseen


def test_different_opportunities_are_rarely_sent_to_review() -> None:
    flagged = [p["why"] for p, v in _verdicts() if p["label"] == "different" and v == "review"]
    assert len(flagged) <= len([p for p in PAIRS if p["label"] == "different"]) * 0.35, flagged


def test_explicit_link_always_merges() -> None:
    a = Candidate("a", "Hackathon", None, "One Org", "hackathon", "2027-03-06")
    b = Candidate("b", None, "Marathon", "Another Org", "hackathon", "2028-01-01", same_as="a")
    assert deduplicate([a, b]).groups == [["a", "b"]]


@pytest.mark.parametrize(
    "left,right",
    [
        ("Kestrel Robotics Inc.", "kestrel robotics"),
        ("The Calgary Community Food Bank Society", "Calgary Community Food Bank"),
        ("Café Élan Ltd.", "Cafe Elan"),
        ("Smith & Sons Corp.", "Smith and Sons"),
    ],
)
def test_employer_name_variants_share_a_key(left: str, right: str) -> None:
    assert host_key(left) == host_key(right)


def test_blocking_never_merges_across_types_or_dates(tmp_path: Path) -> None:
    base = dict(title_en="Data analyst intern", title_fr=None, host="Acme", wil_type="internship")
    records = [
        Candidate(key=f"r{i}", start_date=f"2027-0{1 + i % 9}-01", **base)  # type: ignore[arg-type]
        for i in range(9)
    ]
    assert len(deduplicate(records).groups) == 9


def test_a_merged_listing_never_shows_a_passed_deadline(tmp_path: Path) -> None:
    """One institution's deadline has passed, the other takes applications
    without one: the listing stays open and shows no deadline at all."""
    root = make_region(tmp_path / "region")
    base = (root / "opportunities/ambrose/base-valid.yaml").read_text(encoding="utf-8")
    rolling = (
        base.replace("id: base-valid", "id: base-rolling")
        .replace("application_deadline: 2027-02-15\n", "")
        .replace("  - institution: ambrose\n    apply_url: https://careers.ambrose.example.ca/co-op\n", "")
    )
    (root / "opportunities/ucalgary").mkdir()
    (root / "opportunities/ucalgary/base-rolling.yaml").write_text(rolling + "same_as: base-valid\n", encoding="utf-8")
    region = validate_region(root, today=dt.date(2027, 1, 1))
    assert not [p for p in region.problems if p.is_error]
    (listing,), _ = build_listings(region.opportunities, region.institutions)
    assert len(listing.sources) == 2
    after = dt.date(2027, 3, 1)  # past base-valid's deadline, before the end date
    assert not listing.expired(after)
    assert listing.deadline is None
