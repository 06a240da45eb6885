"""From records to listings and rows, on small regions written here (fast,
and no cache shared between tests): which listings are listed, closed or
hidden; whose record a merged page shows; which pages merge and which only
share a row; how a row is ordered and what each member knows of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DAY, PROJECT_ROOT

from generator.merge.listing import Listing, build_listings, candidate, group_rows, owned_groups, partition
from generator.validate.region import Region, validate_region


def _record(id_: str, institution: str, **changes: Any) -> dict[str, Any]:
    """A valid co-op posting of one institution; `changes` replace its fields."""
    data: dict[str, Any] = {
        "id": id_,
        "title": {"en": "Data analyst co-op", "fr": "Stage coopératif en analyse de données"},
        "description": {"en": "Clean sensor data and build dashboards for a pipeline operator's control room."},
        "institutions": [{"institution": institution, "apply_url": f"https://careers.{institution}.example.ca/{id_}"}],
        "host": {"name": "Prairie Pipeline Analytics Inc.", "kind": "employer"},
        "wil_type": "co-op",
        "sectors": ["energy"],
        "start_date": "2027-05-03",
        "end_date": "2027-08-27",
        "application_deadline": "2027-02-15",
        "compensation": {"type": "paid", "amount_min": 24, "period": "hour"},
        "work_arrangement": "on-site",
        "location": {"city": "Calgary"},
        "audience": ["students"],
        "last_verified": "2026-11-02",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}  # None: the field left out


def _region(tmp_path: Path, *records: dict[str, Any], co_offers: dict[str, list[str]] | None = None) -> Region:
    root = tmp_path / "region"
    root.mkdir()
    (root / "region.yaml").write_bytes((PROJECT_ROOT / "region.yaml").read_bytes())
    (root / "institutions").mkdir()
    for path in (PROJECT_ROOT / "institutions").glob("*.yaml"):
        text = path.read_text("utf-8")
        agreed = (co_offers or {}).get(path.stem)
        if agreed:  # the institution agrees to offer another's listings (its own file says so)
            text += "co_offers:\n" + "".join(f"  - {x}\n" for x in agreed)
        (root / "institutions" / path.name).write_text(text, "utf-8")
    for data in records:
        folder = root / "opportunities" / data["institutions"][0]["institution"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    region = validate_region(root, today=DAY)
    assert [p.code for p in region.problems if p.is_error] == []
    return region


def _listings(region: Region, drop: tuple[str, ...] = ()) -> tuple[list[Listing], Any]:
    known = {k: v for k, v in region.institutions.items() if k not in drop}
    return build_listings(region.opportunities, known)


def test_listed_closed_and_hidden_are_told_apart(tmp_path: Path) -> None:
    region = _region(
        tmp_path,
        _record("sait-open", "sait"),
        _record("sait-closed", "sait", title={"en": "Welding apprentice"}, status="closed"),
        _record("sait-past", "sait", title={"en": "Pipefitter helper"}, application_deadline="2026-11-10"),
        _record("mru-unknown", "mru", title={"en": "Library assistant"}),
    )
    listings, _ = _listings(region, drop=("mru",))
    split = partition(listings, DAY)
    assert [x.id for x in split.listed] == ["sait-open"]
    assert sorted(x.id for x in split.expired) == ["sait-closed", "sait-past"]
    assert [x.id for x in split.hidden] == ["mru-unknown"]
    assert [[x.id for x in row] for row in split.rows] == [["sait-open"]]


@pytest.mark.parametrize(("deadline", "listed"), [("2026-11-22", True), ("2026-11-21", False)])
def test_a_deadline_today_is_still_open(tmp_path: Path, deadline: str, listed: bool) -> None:
    region = _region(tmp_path, _record("sait-one", "sait", application_deadline=deadline))
    split = partition(_listings(region)[0], DAY)
    assert (split.listed != []) is listed and (split.expired != []) is not listed


def test_an_unknown_institution_loses_its_way_in_and_the_others_keep_theirs(tmp_path: Path) -> None:
    offers = [{"institution": i, "apply_url": f"https://careers.{i}.example.ca/x"} for i in ("mru", "sait", "auarts")]
    shared = ["mru-shared"]
    region = _region(
        tmp_path, _record("mru-shared", "mru", institutions=offers), co_offers={"sait": shared, "auarts": shared}
    )
    (listing,), _ = _listings(region, drop=("mru",))
    assert [o.institution.id for o in listing.offers] == ["sait", "auarts"]


def test_the_candidate_knows_each_institutions_names(tmp_path: Path) -> None:
    region = _region(tmp_path, _record("sait-one", "sait"))
    record = region.opportunities[0].record
    words = candidate(record, dict(region.institutions)).institution_words  # type: ignore[arg-type]
    assert {"sait", "southern", "alberta"} <= words
    assert candidate(record).institution_words == {"sait"}  # type: ignore[arg-type]


def _three_records(**sait: Any) -> list[dict[str, Any]]:
    """Ambrose's posting, SAIT's copy of it (more complete) and MRU's copy."""
    return [
        _record("ambrose-a", "ambrose"),
        _record("sait-b", "sait", hours_per_week=37.5, supports=["mentor"], **sait),
        _record("mru-c", "mru"),
    ]


def _three(tmp_path: Path, **sait: Any) -> Region:
    return _region(tmp_path, *_three_records(**sait))


def test_a_file_that_agrees_merges_and_the_one_that_did_not_shares_only_the_row(tmp_path: Path) -> None:
    region = _three(tmp_path, same_as="ambrose-a")
    listings, result = _listings(region)
    by_id = {x.id: x for x in listings}
    assert sorted(by_id) == ["ambrose-a", "mru-c"]  # SAIT's page shows Ambrose's record
    assert by_id["ambrose-a"].merged_ids == ["sait-b"]
    assert by_id["ambrose-a"].record.hours_per_week is None  # the record pointed at, not the fuller one
    assert [(d.a, d.b) for d in result.merges] == [("ambrose-a", "sait-b")]
    assert {(d.a, d.b) for d in result.row_links} <= {("ambrose-a", "mru-c"), ("mru-c", "sait-b")}
    assert result.row_links and result.groups == [["ambrose-a", "sait-b"], ["mru-c"]]
    assert result.rows == [["ambrose-a", "mru-c", "sait-b"]]
    split = partition(listings, DAY, result.rows)
    assert [[x.id for x in row] for row in split.rows] == [["ambrose-a", "mru-c"]]
    assert by_id["mru-c"].row == by_id["ambrose-a"].row == "ambrose-a"
    assert by_id["mru-c"].also == [by_id["ambrose-a"]] and by_id["ambrose-a"].also == [by_id["mru-c"]]


def test_without_agreement_every_institution_keeps_its_page(tmp_path: Path) -> None:
    listings, result = _listings(_three(tmp_path))
    assert sorted(x.id for x in listings) == ["ambrose-a", "mru-c", "sait-b"]
    assert result.merges == [] and len(result.row_links) >= 2
    assert all(len(x.sources) == 1 for x in listings)


def test_one_institutions_two_files_merge_into_the_fuller_record(tmp_path: Path) -> None:
    region = _region(
        tmp_path,
        _record("sait-a", "sait", apply_url=None)
        | {"institutions": [{"institution": "sait", "apply_url": "https://careers.sait.example.ca/post/77"}]},
        _record("sait-b", "sait", hours_per_week=37.5, supports=["mentor"])
        | {
            "institutions": [
                {"institution": "sait", "apply_url": "https://careers.sait.example.ca/post/77?utm_source=x"}
            ]
        },
    )
    (listing,), result = _listings(region)
    assert listing.id == "sait-b" and listing.merged_ids == ["sait-a"]  # the more complete file
    assert [d.reason for d in result.merges] == ["model"] and result.row_links == []
    assert [s.path for s in listing.sources] == sorted(s.path for s in listing.sources)


def test_owned_groups_ranks_the_linked_record_first_then_the_fuller(tmp_path: Path) -> None:
    region = _three(tmp_path)
    files = {f.record.id: f for f in region.opportunities}  # type: ignore[union-attr]
    members = [files["ambrose-a"], files["sait-b"], files["mru-c"]]
    parts = owned_groups(members, linked=set())
    assert [(main.record.id, [m.record.id for m in kept]) for main, kept in parts] == [  # type: ignore[union-attr]
        ("sait-b", ["sait-b"]),
        ("ambrose-a", ["ambrose-a"]),
        ("mru-c", ["mru-c"]),
    ]
    linked = owned_groups(members, linked={"mru-c"})
    assert linked[0][0].record.id == "mru-c"  # type: ignore[union-attr]


def _dated(tmp_path: Path) -> list[Listing]:
    region = _region(
        tmp_path,
        _record("sait-late", "sait", title={"en": "apiary assistant"}, application_deadline="2027-03-01"),
        _record("mru-soon", "mru", title={"en": "Zoo keeper"}, application_deadline="2027-02-01"),
        _record("auarts-rolling", "auarts", title={"en": "apiary guide"}, application_deadline=None),
        _record("ambrose-rolling", "ambrose", title={"en": "Zoo guide"}, application_deadline=None),
    )
    return _listings(region)[0]


def test_closing_soon_first_then_rolling_by_title_whatever_its_case(tmp_path: Path) -> None:
    listings = sorted(_dated(tmp_path), key=Listing.sort_key)
    assert [x.id for x in listings] == ["mru-soon", "sait-late", "auarts-rolling", "ambrose-rolling"]


def test_a_row_is_led_by_the_listing_closing_first(tmp_path: Path) -> None:
    listings = _dated(tmp_path)
    by_id = {x.id: x for x in listings}
    rows = group_rows(listings, [["sait-late", "mru-soon"], ["auarts-rolling", "gone-elsewhere"]])
    # rows in the listings' order (by id here), each at its lead's place; a group
    # with one listed member is a row of one
    assert [[x.id for x in row] for row in rows] == [["ambrose-rolling"], ["auarts-rolling"], ["mru-soon", "sait-late"]]
    assert by_id["sait-late"].row == "mru-soon" and by_id["sait-late"].also == [by_id["mru-soon"]]
    assert by_id["mru-soon"].row == "mru-soon" and by_id["mru-soon"].also == [by_id["sait-late"]]
    assert by_id["auarts-rolling"].row == "auarts-rolling" and by_id["auarts-rolling"].also == []
    assert by_id["mru-soon"].row_members == [by_id["mru-soon"], by_id["sait-late"]]


def test_a_merged_page_answers_for_its_folded_ids_in_a_row(tmp_path: Path) -> None:
    listings = _dated(tmp_path)
    by_id = {x.id: x for x in listings}
    by_id["sait-late"].merged_ids = ["bowvalley-old"]
    rows = group_rows(listings, [["bowvalley-old", "auarts-rolling"]])
    assert ["sait-late", "auarts-rolling"] in [[x.id for x in row] for row in rows]


def test_only_what_differs_between_institutions_is_shown_per_institution(tmp_path: Path) -> None:
    offers = [{"institution": "sait", "apply_url": "https://careers.sait.example.ca/x"}]
    region = _region(
        tmp_path,
        _record("ambrose-a", "ambrose"),
        _record("sait-b", "sait", same_as="ambrose-a", application_deadline="2027-03-01", institutions=offers),
    )
    (listing,), _ = _listings(region)
    assert listing.varies("deadline") and not listing.varies("pay") and not listing.varies("dates")
    assert listing.deadline == dt.date(2027, 3, 1)  # the last day anyone can still apply


def test_each_way_in_is_the_institutions_own_once(tmp_path: Path) -> None:
    """Two files of one institution merged: SAIT is offered once, from the main file."""
    link = {"institutions": [{"institution": "sait", "apply_url": "https://careers.sait.example.ca/post/77"}]}
    region = _region(tmp_path, _record("sait-a", "sait") | link, _record("sait-b", "sait", hours_per_week=37.5) | link)
    (listing,), _ = _listings(region)
    assert [(o.institution.id, o.offering.apply_url, o.source) for o in listing.offers] == [
        ("sait", "https://careers.sait.example.ca/post/77", "opportunities/sait/sait-b.yaml")
    ]


def test_the_candidate_carries_what_people_decided_and_the_pay_given(tmp_path: Path) -> None:
    region = _region(
        tmp_path,
        _record(
            "sait-a",
            "sait",
            distinct_from=["sait-b"],
            compensation={"type": "paid", "amount_max": 30, "period": "hour"},
        ),
        _record("sait-b", "sait", title={"en": "Welding apprentice"}),
    )
    by_id = {f.record.id: f.record for f in region.opportunities}  # type: ignore[union-attr]
    c = candidate(by_id["sait-a"])  # type: ignore[arg-type]
    assert c.distinct_from == ("sait-b",) and c.pay_amount == 30 and c.pay_period == "hour"
    assert candidate(by_id["sait-b"]).pay_amount == 24  # type: ignore[arg-type]


def test_a_split_group_keeps_the_pairs_left_for_review(tmp_path: Path) -> None:
    """Pages split by ownership: the review list is the matcher's, untouched."""
    region_more = _region(
        tmp_path,
        *_three_records(same_as="ambrose-a"),
        _record(
            "stmarys-d",
            "stmarys",
            compensation={"type": "paid", "amount_min": 27, "period": "hour"},
            work_arrangement="hybrid",
        ),
    )
    _, result = _listings(region_more)
    from generator.merge.dedupe import deduplicate

    raw = deduplicate([candidate(f.record, dict(region_more.institutions)) for f in region_more.opportunities])  # type: ignore[arg-type]
    assert result.review == raw.review != []


@pytest.mark.parametrize(("days_ago", "new"), [(None, False), (-1, False), (0, True), (14, True), (15, False)])
def test_new_means_first_published_in_the_last_fourteen_days(tmp_path: Path, days_ago: int | None, new: bool) -> None:
    (listing,), _ = _listings(_region(tmp_path, _record("sait-one", "sait")))
    listing.published = None if days_ago is None else DAY - dt.timedelta(days=days_ago)
    assert listing.new(DAY) is new


def test_a_remote_postings_city_says_nothing_to_the_linkage(tmp_path: Path) -> None:
    from generator.merge.features import features

    region = _region(tmp_path, _record("sait-a", "sait", work_arrangement="remote"), _record("sait-b", "sait"))
    by_id = {f.record.id: f.record for f in region.opportunities}  # type: ignore[union-attr]
    assert features(candidate(by_id["sait-a"]))["city"] is None  # type: ignore[arg-type]
    assert features(candidate(by_id["sait-b"]))["city"] == "calgary"  # type: ignore[arg-type]
