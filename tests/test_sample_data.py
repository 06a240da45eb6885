"""The sample region shipped in the repository is valid and varied enough to
exercise every part of the directory."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from conftest import DAY, PROJECT_ROOT, sample_region

from generator import vocab
from generator.models import Opportunity
from generator.validate.region import Region


@pytest.fixture(scope="module")
def sample() -> Region:
    return sample_region()


def _records(region: Region) -> list[Opportunity]:
    return [f.record for f in region.opportunities if isinstance(f.record, Opportunity)]


def test_shipped_data_has_no_errors(sample: Region) -> None:
    errors = [p for p in sample.problems if p.is_error]
    assert errors == []
    assert all(f.valid for f in sample.files)


def test_seven_calgary_institutions(sample: Region) -> None:
    assert sorted(sample.institutions) == ["ambrose", "auarts", "bowvalley", "mru", "sait", "stmarys", "ucalgary"]


def test_size_and_variety(sample: Region) -> None:
    records = _records(sample)
    assert len(records) >= 80
    assert {r.wil_type for r in records} == set(vocab.ids("wil_types"))
    assert len({s for r in records for s in r.sectors}) >= 12
    assert {a for r in records for a in r.audience} == {"students", "employers"}
    assert sum(1 for r in records if r.audience == ["employers"]) >= 3
    assert len({r.compensation.type for r in records}) == 3
    assert len({r.work_arrangement for r in records}) == 3
    assert sum(1 for r in records if r.equity_focus) >= 5


def test_languages(sample: Region) -> None:
    records = _records(sample)
    french_only = [r for r in records if r.title.en is None]
    bilingual = [r for r in records if r.title.en and r.title.fr]
    english_only = [r for r in records if r.title.fr is None]
    assert len(french_only) >= 5 and len(bilingual) >= 30 and len(english_only) >= 10


def test_some_deadlines_have_passed(sample: Region) -> None:
    today = DAY
    passed = [
        r for r in _records(sample) if r.application_deadline and dt.date.fromisoformat(r.application_deadline) < today
    ]
    assert len(passed) >= 5


def test_duplicates_for_the_merge_stage(sample: Region) -> None:
    records = _records(sample)
    assert sum(1 for r in records if r.same_as) >= 2, "explicit same_as links"
    assert sum(1 for r in records if len(r.institutions) > 1) >= 1, "one file offered by several institutions"
    hosts = Counter((r.wil_type, r.start_date) for r in records if r.start_date)
    assert sum(1 for n in hosts.values() if n > 1) >= 4, "unlinked listings of the same opportunity"


def test_every_file_says_it_is_sample_data() -> None:
    files = sorted((PROJECT_ROOT / "opportunities").glob("*/*.yaml")) + sorted(
        (PROJECT_ROOT / "institutions").glob("*.yaml")
    )
    for path in files:
        head = path.read_text("utf-8").splitlines()[:3]
        assert head[0].startswith("# yaml-language-server: $schema="), path
        assert any("SAMPLE DATA" in line for line in head), path


def test_contacts_are_offices_on_example_domains(sample: Region) -> None:
    for record in _records(sample):
        for offering in record.institutions:
            if offering.contact_email:
                assert offering.contact_email.endswith(".example.ca"), offering.contact_email
    assert not [p for p in sample.problems if p.code == "personal-email"]
