"""When a listing counts as "new": its `first_published` field, else the day git
added its file; never a guess from a shallow clone."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from conftest import DAY, make_region

from generator.load.history import first_added
from generator.merge.listing import build_listings
from generator.publish.pipeline import date_publications
from generator.validate.region import validate_region

PLACE = "opportunities/ambrose/ambrose-base-valid.yaml"


def _git(root: Path, *args: str, day: str = "2026-11-15") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _repository(tmp_path: Path) -> Path:
    root = make_region(tmp_path / "region")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "first", day="2026-11-15")
    (root / PLACE).write_text((root / PLACE).read_text("utf-8") + "\n", "utf-8")
    _git(root, "commit", "-q", "-am", "an edit is not a publication", day="2026-11-20")
    return root


def _published(root: Path) -> dt.date | None:
    region = validate_region(root, today=DAY)
    listings, _ = build_listings(region.opportunities, region.institutions)
    date_publications(listings, first_added(root))
    (listing,) = [x for x in listings if x.id == "ambrose-base-valid"]
    return listing.published


def test_the_day_git_added_the_file_not_the_day_it_was_edited(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    assert first_added(root)[PLACE] == dt.date(2026, 11, 15)
    assert _published(root) == dt.date(2026, 11, 15)


def test_the_field_wins_over_git(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    text = (root / PLACE).read_text("utf-8")
    (root / PLACE).write_text(
        text.replace("\nid: ambrose-base-valid\n", "\nid: ambrose-base-valid\nfirst_published: 2026-10-01\n"), "utf-8"
    )
    assert _published(root) == dt.date(2026, 10, 1)


def test_a_shallow_clone_dates_nothing_rather_than_everything_today(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", root.as_uri(), str(clone)], check=True, capture_output=True)
    assert first_added(clone) == {}
    assert _published(clone) is None


def test_outside_git_there_is_no_date(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    assert first_added(root) == {} and _published(root) is None


def test_another_institutions_copy_cannot_backdate_the_owners_listing(tmp_path: Path) -> None:
    """SAIT's copy merges into Ambrose's listing by its own `same_as` and says it
    was published in 1990: the listing keeps the owner's date."""
    root = _repository(tmp_path)
    base = (root / PLACE).read_text("utf-8")
    copy = (
        base.replace("id: ambrose-base-valid", "id: sait-analyst-co-op")
        .replace("institution: ambrose", "institution: sait")
        .replace("careers.ambrose", "careers.sait")
    )
    (root / "opportunities/sait").mkdir()
    (root / "opportunities/sait/sait-analyst-co-op.yaml").write_text(
        copy + "same_as: ambrose-base-valid\nfirst_published: 1990-01-01\n", "utf-8"
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "SAIT's copy", day="2026-11-18")
    assert _published(root) == dt.date(2026, 11, 15)
