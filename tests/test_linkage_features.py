"""What the linkage reads from one record (generator/merge/features.py):
employer names, apply links, titles, hours and levels, each at its boundary."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from generator.merge.dedupe import Candidate
from generator.merge.features import FULL_TIME_HOURS, division, employer, features, squashed, url


def _c(**kw: Any) -> Candidate:
    base: dict[str, Any] = {
        "key": "x",
        "title_en": "Data analyst",
        "title_fr": None,
        "host": "Acme",
        "wil_type": "co-op",
    }
    return Candidate(**{**base, **kw})


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The City of Calgary", "City of Calgary – Parks"),
        ("City of Calgary (Water Services)", "city of calgary"),
        ("Ville de Calgary", "City of Calgary"),
        ("Croix-Rouge canadienne", "Canadian Red Cross"),
        ("Services de santé de l'Alberta", "Alberta Health Services"),
        ("Kestrel Robotics, Inc.", "KESTREL ROBOTICS LTD"),
        ("Smith & Jones LLP", "Smith and Jones"),
    ],
)
def test_employer_forms_of_one_name_share_a_key(left: str, right: str) -> None:
    a, b = employer(left), employer(right)
    assert a is not None and b is not None and a[0] == b[0]


@pytest.mark.parametrize(("left", "right"), [("Kestrel Robotics", "Kestrel Coffee"), ("City of Calgary", "Calgary")])
def test_other_employers_keep_other_keys(left: str, right: str) -> None:
    assert employer(left)[0] != employer(right)[0]  # type: ignore[index]


def test_an_acronym_meets_its_full_name_through_initials() -> None:
    full, short = employer("Alberta Health Services"), employer("AHS")
    assert full is not None and short is not None
    assert full[1] == "ahs" == short[0]
    assert employer("Kestrel")[1] == "kestrel"  # type: ignore[index]  # one word: its own initials


def test_a_numbered_company_names_no_one() -> None:
    assert employer("2087654 Alberta Ltd.") is None
    assert employer("1234567 Canada Inc") is None
    assert employer("2087654 Alberta Kestrel Coffee") is not None  # a number and a name: a name


def test_a_division_is_kept_apart_from_the_name() -> None:
    assert division("City of Calgary – Parks") == ("parks",)
    assert division("City of Calgary (Water Services)") == ("services", "water")
    assert division("City of Calgary") is None


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://www.Riipen.com/projects/123/?utm_source=x&b=2&a=1",
            ("riipen.com/projects/123?a=1&b=2", "riipen.com"),
        ),
        ("http://riipen.com/projects/123#apply", ("riipen.com/projects/123", "riipen.com")),
        ("https://jobs.lever.co:443/acme/abc?lever-source=linkedin", ("jobs.lever.co/acme/abc", "jobs.lever.co")),
        (
            "https://boards.greenhouse.io/acme/jobs/42?gh_jid=42&gh_src=x",
            ("boards.greenhouse.io/acme/jobs/42?gh_jid=42", "boards.greenhouse.io"),
        ),
        ("https://www.indeed.ca/viewjob?jk=abc&from=serp", ("indeed.ca/viewjob?jk=abc", "indeed.ca")),
        ("not a link", None),
        (None, None),
    ],
)
def test_apply_links_lose_only_what_does_not_name_the_posting(link: str | None, expected: Any) -> None:
    assert url(link) == expected


def test_a_title_written_as_one_word_or_several_squashes_alike() -> None:
    assert squashed("HackTheHills 2027") == squashed("Hack the Hills") != ""
    assert squashed("Code the Bow") != squashed("Code the River")


def test_titles_in_both_languages_are_read_in_english_words() -> None:
    row = features(_c(title_en=None, title_fr="Analyste de données"))
    assert row["title"] == ["analyst", "data"]
    both = features(_c(title_en="Data analyst", title_fr="Analyste de données"))
    assert both["title"] == ["analyst", "data"]


def test_type_words_and_years_say_nothing_about_what_it_is() -> None:
    a = features(_c(title_en="Data Analyst Co-op (Summer 2027)"))
    b = features(_c(title_en="Internship – data analyst", wil_type="internship"))
    assert a["title"] == b["title"] == ["analyst", "data"]


@pytest.mark.parametrize(
    ("hours", "title", "band"),
    [
        (FULL_TIME_HOURS, "Data analyst", "full"),
        (FULL_TIME_HOURS - 0.5, "Data analyst", "part"),
        (37.5, "Part-time data analyst", "part"),  # the title wins over the hours
        (None, "Data analyst (part time)", "part"),
        (None, "Full-time data analyst", None),  # only hours or a part-time word set a band
        (None, "Data analyst", None),
        (20, "Temps partiel – analyste", "part"),
    ],
)
def test_hours_band(hours: float | None, title: str, band: str | None) -> None:
    assert features(_c(title_en=title, hours_per_week=hours))["hours"] == band


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Jr. Developer", "junior"),
        ("Senior developer", "senior"),
        ("Developer II", "ii"),
        ("Developer (Level 2)", "ii"),
        ("Développeur – niveau 1", "i"),
        ("Developer 2027", ""),
        ("Developer", ""),
    ],
)
def test_seniority_words(title: str, level: str) -> None:
    assert features(_c(title_en=title))["level"] == level


def test_remote_work_has_no_city_and_related_types_share_a_family() -> None:
    assert features(_c(city="Calgary", arrangement="remote"))["city"] is None
    assert features(_c(city="Calgary", arrangement="hybrid"))["city"] == "calgary"
    assert features(_c(wil_type="internship"))["family"] == features(_c(wil_type="co-op"))["family"]
    assert features(_c(wil_type="hackathon"))["family"] != features(_c(wil_type="co-op"))["family"]


def test_a_site_is_its_words_in_english_without_numbers_or_small_words() -> None:
    base = Candidate("a", "Data analyst", None, "Kestrel Robotics", "co-op", None)
    row = features(replace(base, place_details="Ville de Calgary – 800 Macleod Trail, 3e"))
    assert row["site"] == ["3e", "calgary", "city", "macleod", "trail"]
    assert features(replace(base, place_details="City of Calgary, 800 Macleod Trail"))["site"] == [
        "calgary",
        "city",
        "macleod",
        "trail",
    ]


def _titles(*titles: str, host: str = "Acme") -> list[list[str] | None]:
    """Each title's words as the model compares them, read with the others of the same region."""
    from generator.merge.linkage import region_titles

    return region_titles([features(_c(key=str(i), title_en=t, host=host)) for i, t in enumerate(titles)])


def test_two_words_another_title_writes_as_one_become_that_word() -> None:
    joined, split = _titles("Cybersecurity Analyst", "Cyber Security Analyst")
    assert joined == split == ["analyst", "cybersecurity"]
    alone = _titles("Cyber Security Analyst", "Data Analyst")[0]  # no one writes it as one word here
    assert alone == ["analyst", "cyber", "security"]


def test_an_acronym_in_capitals_reads_as_the_words_it_stands_for_in_the_region() -> None:
    short, full = _titles("MOA Field Placement", "Medical Office Assistant Placement")
    assert short == full == ["assistant", "medical", "office"]
    # in lower case it is a word, not an acronym
    assert _titles("Moa placement", "Medical Office Assistant Placement")[0] == ["moa"]
    # two runs of words with those initials: which one is meant is not known
    assert _titles("MOA Placement", "Medical Office Assistant", "Museum Outreach Associate")[0] == ["moa"]
    # "QA Analyst" does not spell out QA: only the other title does
    assert _titles("QA Analyst", "QA Analyst Co-op", "Quality Assurance Analyst")[0] == [
        "analyst",
        "assurance",
        "quality",
    ]
    assert _titles("QA Analyst", "QA Tester")[0] == ["analyst", "qa"]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Marketing Coordinator I", "Marketing Coordinator (Level 1)"),  # a level is the level column's
        ("Marketing Coordinator – Intern (4-month)", "Marketing Coordinator Intern"),  # how long: dates say it
        ("Ledgerlight Analytics Inc. – Marketing Coordinator", "Marketing Coordinator"),  # the employer's name
        ("YYC Founders Network – Graphic Designer", "Graphic Designer"),  # stemmed: "Founders"
    ],
)
def test_words_that_do_not_say_what_the_role_is_leave_the_title(left: str, right: str) -> None:
    host = left.split(" – ")[0] if " – " in left and "Marketing" not in left.split(" – ")[0] else "Acme"
    a, b = _titles(left, right, host=host)
    assert a == b
