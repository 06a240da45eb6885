"""Each comparison of the linkage model at its boundaries, through the real
Splink scoring on DuckDB (generator/merge/linkage.py and its model file)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.merge import linkage
from generator.merge.dedupe import Candidate
from generator.merge.features import features

DAY = dt.date(2027, 5, 3)


def _row(key: str, **kw: Any) -> dict[str, Any]:
    base = Candidate(key, "Data analyst", None, "Kestrel Robotics", "co-op", DAY.isoformat())
    row = features(base)
    row.update(kw)
    return row


def _levels(a: dict[str, Any], b: dict[str, Any], *others: dict[str, Any]) -> dict[str, str]:
    scored = [s for s in linkage.score([a, b, *others], floor=-1e9) if {s.a, s.b} == {a["unique_id"], b["unique_id"]}]
    assert len(scored) == 1, "the pair was not brought together by the blocking rules"
    return {level.comparison: level.level for level in scored[0].levels}


@pytest.mark.parametrize(
    ("days", "level"),
    [
        (0, "same-week"),
        (7, "same-week"),
        (8, "same-month"),
        (31, "same-month"),
        (32, "same-season"),
        (92, "same-season"),
        (93, "else"),
        (299, "else"),
        (300, "next-year"),
        (430, "next-year"),
        (431, "else"),
    ],
)
def test_dates_apart(days: int, level: str) -> None:
    a = _row("a", start=DAY, deadline=DAY)
    b = _row("b", start=DAY + dt.timedelta(days=days), deadline=DAY - dt.timedelta(days=days))
    levels = _levels(a, b)
    assert levels["start"] == level and levels["deadline"] == level


def test_a_missing_date_says_nothing() -> None:
    assert _levels(_row("a", start=None), _row("b"))["start"] == "null"


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        (["analyst", "data"], ["analyst", "data"], "same"),
        (["analyst", "data"], ["analyst", "data", "energy"], "contained"),
        (["analyst", "data", "energy"], ["analyst", "data", "water"], "most"),
        (["a", "b", "c", "d", "e"], ["a", "b", "c", "x", "y"], "most"),  # 3 of 5: 0.6
        (["a", "b", "c", "d", "e"], ["a", "b", "x", "y", "z"], "some"),  # 2 of 5
        (["analyst"], ["engineer"], "else"),
    ],
)
def test_title_shares(left: list[str], right: list[str], level: str) -> None:
    """Two employers' postings, linked by their shared apply link."""
    link = {"url": "careers.example.ca/1", "domain": "careers.example.ca"}
    a = _row("a", title=left, squashed="x", **link)
    b = _row("b", title=right, squashed="y", employer="heron systems", initials="hs", employer_words=["heron"], **link)
    assert _levels(a, b)["title"] == level


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        (["analyst", "data", "energy"], ["analyst", "data", "water"], "most"),
        (["a", "b", "c", "d", "e"], ["a", "b", "x", "y", "z"], "some-same-employer"),
        (["analyst"], ["engineer"], "else-same-employer"),
    ],
)
def test_one_employers_two_roles_weigh_against(left: list[str], right: list[str], level: str) -> None:
    a, b = _row("a", title=left, squashed="x"), _row("b", title=right, squashed="y")
    assert _levels(a, b)["title"] == level


def test_a_title_run_together_is_the_same_title() -> None:
    a, b = _row("a", title=["hackthehills"], squashed="thehills"), _row("b", title=["hill"], squashed="thehills")
    assert _levels(a, b)["title"] == "same"


def test_types_that_institutions_name_differently_are_related_not_vetoed() -> None:
    assert _levels(_row("a"), _row("b", wil_type="internship", family="work-term"))["wil_type"] == "related"
    assert _levels(_row("a"), _row("b"))["wil_type"] == "same"


def test_a_link_shared_by_many_postings_is_not_rare() -> None:
    link = {"url": "board.example.ca/postings", "domain": "board.example.ca"}
    two = _levels(_row("a", **link), _row("b", **link))
    assert two["url"] == "same-rare"
    crowd = [_row(f"c{i}", employer=f"other {i}", initials=f"o{i}", **link) for i in range(2)]
    assert _levels(_row("a", **link), _row("b", **link), *crowd)["url"] == "same"  # four postings share it


def test_a_domain_shared_by_five_postings_is_rare_and_by_six_common() -> None:
    def on(key: str, n: int) -> dict[str, Any]:
        return _row(
            key, employer=f"firm {key}", initials=f"f{key}", url=f"board.example.ca/{key}", domain="board.example.ca"
        )

    others = [
        _row(f"o{i}", employer=f"other {i}", initials=f"q{i}", url=f"board.example.ca/o{i}", domain="board.example.ca")
        for i in range(4)
    ]
    assert _levels(on("a", 0), on("b", 0), *others[:3])["url"] == "same-domain-rare"
    assert _levels(on("a", 0), on("b", 0), *others)["url"] == "same-domain"


def test_an_employers_own_career_site_is_its_own_level() -> None:
    site = {"domain": "careers.kestrel.example"}
    a, b = _row("a", url="careers.kestrel.example/1", **site), _row("b", url="careers.kestrel.example/2", **site)
    assert _levels(a, b)["url"] == "same-domain-same-employer"


def test_an_acronym_meets_the_full_name() -> None:
    full = _row(
        "a", employer="alberta health services", initials="ahs", employer_words=["alberta", "health", "services"]
    )
    short = _row("b", employer="ahs", initials="ahs", employer_words=["ahs"])
    assert _levels(full, short)["employer"] == "acronym"


def test_one_institutions_placement_and_anothers() -> None:
    placement = {"wil_type": "field-placement", "family": "placement"}
    a = _row("a", institutions=["sait"], **placement)
    assert _levels(a, _row("b", institutions=["bowvalley"], **placement))["institutions"] == "other-placement"
    assert _levels(a, _row("b", institutions=["sait"], **placement))["institutions"] == "same"
    assert _levels(_row("a", institutions=["sait"]), _row("b", institutions=["mru"]))["institutions"] == "else"


def test_the_waterfall_adds_up_to_the_match_weight() -> None:
    a, b = _row("a", institutions=["sait"]), _row("b", institutions=["mru"])
    (scored,) = linkage.score([a, b], floor=-1e9)
    total = linkage.prior_weight() + sum(level.weight for level in scored.levels)
    assert scored.weight == pytest.approx(total, abs=1e-6)


def test_a_term_frequency_level_is_in_the_waterfall_too() -> None:
    """The model file may use Splink's own term-frequency adjustment on a level
    (benchmarks/train_linkage.py `_level(..., tf=...)`): its share of the weight
    is read with the level's, so the waterfall still adds up."""
    import copy

    settings = copy.deepcopy(linkage.model()["settings"])
    (url,) = [c for c in settings["comparisons"] if c["output_column_name"] == "url"]
    for level in url["comparison_levels"]:
        if level.get("label_for_charts") == "same-rare":
            level["tf_adjustment_column"], level["tf_adjustment_weight"] = "url", 1.0
    link = {"url": "board.example.ca/postings/1", "domain": "board.example.ca"}
    rows = [_row("a", **link), _row("b", **link), *(_row(f"c{i}", url=f"board.example.ca/{i}") for i in range(6))]
    (scored,) = [s for s in linkage.score(rows, settings, floor=-1e9) if {s.a, s.b} == {"a", "b"}]
    (plain,) = [s for s in linkage.score(rows, floor=-1e9) if {s.a, s.b} == {"a", "b"}]
    total = linkage.prior_weight() + sum(level.weight for level in scored.levels)
    assert scored.weight == pytest.approx(total, abs=1e-6)
    assert scored.weight != pytest.approx(plain.weight)  # the adjustment moved it, and the waterfall shows it


def test_a_name_key_shared_by_forty_postings_blocks_and_by_forty_one_does_not() -> None:
    def keys(count: int) -> list[str | None]:
        rows = [_row(f"r{i}", lead="kestrel", last="robotics", title=["analyst"]) for i in range(count)]
        return linkage.table(rows).column("lead_key").to_pylist()

    assert keys(linkage.KEY_BLOCK)[0] is not None
    assert set(keys(linkage.KEY_BLOCK + 1)) == {None}
    lone = _row("x", lead=None, title=["analyst"])
    assert linkage.table([lone, _row("y")]).column("lead_key").to_pylist()[0] is None
    untitled = _row("z", title=None)
    assert linkage.table([untitled, _row("y")]).column("last_key").to_pylist()[0] is None


def test_a_missing_value_has_no_count() -> None:
    data = linkage.table([_row("a", url=None), _row("b", url=None), _row("c", url="board.example.ca/1")])
    assert data.column("url_n").to_pylist() == [None, None, 1]
    assert data.column("employer_n").to_pylist() == [3, 3, 3]
