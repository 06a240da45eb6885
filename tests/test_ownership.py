"""Trust between institutions (issue 14): each test is an attack a hostile
contributor could try from another institution's folder, and what must hold.

The victim is the reference record, `ambrose-base-valid` in Ambrose's folder.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from conftest import DAY, make_region

from generator.contribute.review import open_pairs
from generator.merge.listing import build_listings
from generator.publish.pipeline import build
from generator.validate.region import validate_region

VICTIM = "opportunities/ambrose/ambrose-base-valid.yaml"


def _copy(root: Path, folder: str, name: str, *, id_: str | None = None, extra: str = "") -> Path:
    """The victim's file, copied into another folder as that institution's, with more fields filled in."""
    text = (root / VICTIM).read_text("utf-8")
    text = text.replace("id: ambrose-base-valid", f"id: {id_ or name}")
    text = text.replace("institution: ambrose", f"institution: {folder}").replace(
        "ambrose.example", f"{folder}.example"
    )
    text = text.replace(  # what the copier adds: its own words, which must never show on the victim's page
        "control room.", "control room. Apply through SAIT only."
    )
    text += "hours_per_week: 35\nsupports: [mentor]\nacademic_credit: optional\nlanguages: [en, fr]\n" + extra
    path = root / "opportunities" / folder / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _page(site: Path, id_: str) -> str:
    return (site / "opportunities" / id_ / "index.html").read_text("utf-8")


def _title(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return unescape(found.group(1)).strip() if found else ""


def _codes(root: Path, path: str) -> dict[str, str]:
    """Each problem of one file: code -> its English message."""
    return {p.code: p.text("en")[0] for p in validate_region(root, today=DAY).problems if p.path == path}


@pytest.mark.slow
@pytest.mark.parametrize("merged", [False, True], ids=["left-apart", "merged-by-same-as"])
def test_a_near_copy_from_another_institution_leaves_the_victims_page_unchanged(tmp_path: Path, merged: bool) -> None:
    root = make_region(tmp_path / "region")
    before = build(root, tmp_path / "before", DAY, build_dir=tmp_path / "b1", progress=lambda m: None).site
    assert before is not None
    victim = _page(before, "ambrose-base-valid")
    # SAIT copies Ambrose's listing and fills in more fields: the matcher finds them the same
    _copy(root, "sait", "sait-analyst-co-op", extra="same_as: ambrose-base-valid\n" if merged else "")
    _, result = build_listings(validate_region(root, today=DAY).opportunities, {})
    pair = ("ambrose-base-valid", "sait-analyst-co-op")
    # without SAIT's agreement: one row for readers, two pages, offered to review
    assert (pair in [(d.a, d.b) for d in result.row_links]) is not merged
    assert (pair in [(d.a, d.b) for d in result.merges]) is merged
    assert [(p.a, p.b, p.reason) for p in open_pairs(validate_region(root, today=DAY))] == (
        [] if merged else [(*pair, "row")]
    )
    after = build(root, tmp_path / "after", DAY, build_dir=tmp_path / "b2", progress=lambda m: None).site
    assert after is not None
    page = _page(after, "ambrose-base-valid")
    assert 'http-equiv="refresh"' not in page  # the address still shows Ambrose's own listing
    assert _title(page) == _title(victim) == "Data analyst co-op"
    assert "Apply through SAIT only" not in page
    assert "careers.ambrose.example.ca" in page
    copy = _page(after, "sait-analyst-co-op")
    if merged:  # SAIT agreed: its address leads to Ambrose's listing
        assert 'http-equiv="refresh"' in copy and "ambrose-base-valid" in copy
        # Search engines read an absolute canonical address; the refresh stays relative (any host).
        assert '<link rel="canonical" href="https://' in copy and 'url=../ambrose-base-valid/"' in copy
    else:
        assert _title(copy) == "Data analyst co-op" and "Apply through SAIT only" in copy


def test_a_copy_that_says_same_as_merges_into_the_victim_not_the_other_way(tmp_path: Path) -> None:
    """With `same_as` the copier agrees to be merged; the victim, which did not
    agree to anything, stays the listing's record whatever the copy fills in."""
    root = make_region(tmp_path / "region")
    _copy(root, "sait", "sait-analyst-co-op", extra="same_as: ambrose-base-valid\n")
    region = validate_region(root, today=DAY)
    assert not [p for p in region.problems if p.is_error]
    (listing,), _ = build_listings(region.opportunities, region.institutions)
    assert listing.id == "ambrose-base-valid" and listing.merged_ids == ["sait-analyst-co-op"]
    assert listing.record.title.en == "Data analyst co-op"
    # each institution's way in comes from its own file
    assert {o.institution.id: o.source for o in listing.offers} == {
        "ambrose": VICTIM,
        "sait": "opportunities/sait/sait-analyst-co-op.yaml",
    }


def test_a_stolen_id_fails_validation_naming_both_files(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    thief = _copy(root, "sait", "ambrose-base-valid")  # SAIT's folder, Ambrose's id and file name
    rel = thief.relative_to(root).as_posix()
    found = _codes(root, rel)
    assert found["id-not-owned"] == (
        "The id `ambrose-base-valid` does not start with `sait-`: an opportunity's id belongs to the institution "
        "whose folder holds it."
    )
    assert found["duplicate-id"] == f"The id `ambrose-base-valid` is also used by {VICTIM}."
    french = {p.code: p.text("fr")[0] for p in validate_region(root, today=DAY).problems if p.path == rel}
    assert french["duplicate-id"] == f"L'identifiant `ambrose-base-valid` est aussi utilisé par {VICTIM}."
    # the rightful file is told, and stays listed
    victim = [p for p in validate_region(root, today=DAY).problems if p.path == VICTIM]
    assert [(p.code, p.is_error) for p in victim] == [("id-claimed-elsewhere", False)]
    assert rel in victim[0].text("en")[0]
    region = validate_region(root, today=DAY)
    assert [f.path for f in region.opportunities] == [VICTIM]


@pytest.mark.parametrize("name", ["aaa-first", "ambrose-zzz"])
def test_a_misnamed_copy_cannot_hide_the_real_file(tmp_path: Path, name: str) -> None:
    """A copy in the victim's own folder under another file name, sorting before or after it."""
    root = make_region(tmp_path / "region")
    copy = _copy(root, "ambrose", name, id_="ambrose-base-valid")
    region = validate_region(root, today=DAY)
    assert [f.path for f in region.opportunities] == [VICTIM]
    codes = _codes(root, copy.relative_to(root).as_posix())
    assert {"filename-mismatch", "duplicate-id"} <= set(codes)
    listings, _ = build_listings(region.opportunities, region.institutions)
    assert [x.record.title.en for x in listings] == ["Data analyst co-op"]


def test_a_file_cannot_speak_for_another_institution(tmp_path: Path) -> None:
    """SAIT's file names Ambrose among the institutions offering it: refused
    until Ambrose's own file (`co_offers`) agrees."""
    root = make_region(tmp_path / "region")
    path = _copy(root, "sait", "sait-joint-co-op")
    text = path.read_text("utf-8").replace(
        "institutions:\n", "institutions:\n  - institution: ambrose\n    apply_url: https://evil.example.com/apply\n"
    )
    path.write_text(text, "utf-8")
    rel = path.relative_to(root).as_posix()
    (problem,) = [p for p in validate_region(root, today=DAY).problems if p.path == rel]
    assert (problem.code, problem.line, problem.column) == ("offering-not-agreed", 10, 18)
    assert problem.text("en")[0] == (
        "This file lists `ambrose` as offering it, but `institutions/ambrose.yaml` does not agree: "
        "its `co_offers` does not name `sait-joint-co-op`."
    )
    assert problem.text("fr")[0].startswith("Ce fichier indique que `ambrose` l'offre, mais")
    ambrose = root / "institutions/ambrose.yaml"
    text = ambrose.read_text("utf-8")
    assert "\nco_offers:\n" in text  # Ambrose already co-offers one of MRU's
    ambrose.write_text(text.replace("\nco_offers:\n", "\nco_offers:\n  - sait-joint-co-op\n"), "utf-8")
    assert not [p for p in validate_region(root, today=DAY).problems if p.path == rel]
