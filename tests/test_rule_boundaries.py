"""The date rules of `generator/validate/rules.py` at their boundaries, as fast
unit tests on real loaded text (issue 21: a one-day event, a deadline on the
last day, a file verified today or exactly a year ago must not change
severity by a day's error), and the institution's licence rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DAY, make_region

from generator.load.yamlstrict import load_text
from generator.problems import Severity
from generator.validate import rules
from generator.validate.region import validate_region

TODAY = dt.date(2026, 11, 22)


def _found(rule: rules.Rule, text: str, today: dt.date = TODAY) -> list[tuple[str, Severity, str]]:
    loaded = load_text(text, "opportunities/x/x.yaml")
    assert isinstance(loaded.data, dict)
    return [(p.code, p.severity, p.text("en")[0]) for p in rule(loaded.data, loaded, rules.Context(today=today))]


@pytest.mark.parametrize(
    ("start", "end", "deadline", "codes"),
    [
        ("2027-05-03", "2027-05-03", "2027-05-03", []),  # a one-day event, applications to the day itself
        ("2027-05-03", "2027-05-02", None, ["end-before-start"]),
        ("2027-05-03", "2027-05-04", "2027-05-05", ["deadline-after-end"]),
        ("2027-05-03", "2027-05-04", "2027-05-04", []),
        (None, "2027-05-04", "2027-06-01", ["deadline-after-end"]),
        ("2027-05-03", None, "2027-06-01", []),  # no end: nothing to compare the deadline with
    ],
)
def test_dates_in_order(start: str | None, end: str | None, deadline: str | None, codes: list[str]) -> None:
    lines = [
        f"{k}: {v}" for k, v in (("start_date", start), ("end_date", end), ("application_deadline", deadline)) if v
    ]
    found = _found(rules.dates_in_order, "\n".join(lines) + "\n")
    assert [code for code, _, _ in found] == codes
    assert all(severity is Severity.ERROR for _, severity, _ in found)
    if codes == ["end-before-start"]:
        assert found[0][2] == "The end date 2027-05-02 is before the start date 2027-05-03."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("application_deadline: 2026-11-22\n", None),  # the last day: still open today
        ("application_deadline: 2026-11-21\n", "deadline-passed"),
        ("application_deadline: 2026-11-21\nstatus: closed\n", None),  # closed on purpose: nothing to tell
        ("end_date: 2026-11-22\n", None),
        ("end_date: 2026-11-21\n", "end-passed"),
        ("application_deadline: 2026-12-01\nend_date: 2026-11-01\n", None),  # the deadline decides, not the end
        ("start_date: 2026-01-01\n", None),
    ],
)
def test_a_passed_deadline_is_a_notice_from_the_day_after(text: str, code: str | None) -> None:
    found = _found(rules.deadline_passed, text)
    assert [c for c, _, _ in found] == ([code] if code else [])
    assert all(severity is Severity.NOTICE for _, severity, _ in found)


@pytest.mark.parametrize(
    ("verified", "code"),
    [
        ("2026-11-22", None),  # today
        ("2026-11-23", "future-verified"),
        ("2025-11-22", None),  # a year ago to the day: 365 days, under 12 × 30.5
        ("2025-11-21", None),  # 366 days
        ("2025-11-20", "stale"),  # 367 days: over 366
    ],
)
def test_freshness_at_its_edges(verified: str, code: str | None) -> None:
    found = _found(rules.freshness, f"last_verified: {verified}\n")
    assert [c for c, _, _ in found] == ([code] if code else [])
    assert all(severity is Severity.WARNING for _, severity, _ in found)


EIGHTY = "An example sentence of exactly eighty characters, written to sit on the boundary"
EIGHTY_ONE = "An example sentence of exactly eighty-one characters, written to sit just past it"


@pytest.mark.parametrize(
    ("example", "quoted"),
    [
        ("Replace with the title.", "Replace with the title."),  # one sentence, nothing after: no "…"
        ("Say what the student does. Then what they learn.", "Say what the student does…"),
        ("Say what the student does.", "Say what the student does."),  # ". " never seen: all of it
        ("First. Second. Third.", "First…"),  # the first sentence, not all but the last
        (EIGHTY + ". More.", EIGHTY + "…"),  # 80 characters: whole
        (EIGHTY, EIGHTY),
        (EIGHTY_ONE, "An example sentence of exactly eighty-one characters, written to sit just past…"),
    ],
)
def test_the_placeholder_message_quotes_the_first_sentence_never_a_cut_word(example: str, quoted: str) -> None:
    """`_first_sentence`: up to ". ", with "…" when something follows; a sentence over
    80 characters is shortened at a word, never inside one."""
    from generator.validate.rules import _first_sentence

    assert (len(EIGHTY), len(EIGHTY_ONE)) == (80, 81)
    assert _first_sentence(example) == quoted


@pytest.mark.parametrize(("published", "refused"), [("2026-11-21", False), ("2026-11-22", False), ("2026-11-23", True)])
def test_a_first_publication_today_is_allowed_tomorrow_is_not(published: str, refused: bool) -> None:
    found = _found(rules.published_not_in_the_future, f"first_published: {published}\n")
    assert [code for code, _, _ in found] == (["future-published"] if refused else [])


def _problems(rule: rules.Rule, text: str) -> list[object]:
    loaded = load_text(text, "opportunities/x/x.yaml")
    assert isinstance(loaded.data, dict)
    return list(rule(loaded.data, loaded, rules.Context(today=TODAY)))


def test_a_direction_override_is_found_deep_in_lists_and_mappings_at_its_place() -> None:
    """Text that shows in another order than it holds ("Trojan Source"), wherever it sits."""
    text = 'institutions:\n  - institution: sait\n    notes:\n      en: ok\n  - institution: mru\n    notes:\n      fr: "a\u202eb"\n'
    (found,) = _problems(rules.no_direction_overrides, text)
    assert (found.code, found.line, found.column, found.field) == ("bidi-control", 7, 11, "institutions[1].notes.fr")  # type: ignore[attr-defined]
    assert found.text("fr")[0].startswith("`institutions[1].notes.fr` contient un caractère invisible (U+202E)")  # type: ignore[attr-defined]


def test_a_problem_names_its_field_for_tools() -> None:
    """The dotted field tools read (JSON, annotations), for a rule's problem and a missing translation."""
    (found,) = _problems(rules.dates_in_order, "start_date: 2027-05-03\nend_date: 2027-05-02\n")
    assert found.field == "end_date"  # type: ignore[attr-defined]
    (missing,) = _problems(rules.translations, "title:\n  en: Data analyst\n")
    assert (missing.code, missing.field) == ("missing-french", "title")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("given", "english", "french"),
    [
        (
            "CC-BY-4",
            "Did you mean `CC-BY-4.0`? Use an SPDX id",
            "Vouliez-vous dire `CC-BY-4.0`\u00a0? Utilisez un identifiant SPDX",
        ),
        ("NOT-A-LICENCE", "Use an SPDX id such as `CC-BY-4.0`", "Utilisez un identifiant SPDX comme `CC-BY-4.0`"),
    ],
)
def test_a_licence_spdx_does_not_know_is_refused(tmp_path: Path, given: str, english: str, french: str) -> None:
    """What data/institutions.json publishes as each institution's licence is an id tools can read."""
    root = make_region(tmp_path / "region")
    path = root / "institutions/sait.yaml"
    path.write_text(path.read_text("utf-8") + f"data_licence: {given}\n", "utf-8")
    (found,) = [p for p in validate_region(root, today=DAY).problems if p.path == "institutions/sait.yaml"]
    assert found.code == "unknown-licence" and found.is_error
    assert found.text("en")[0].startswith(f"`{given}` is not a licence id SPDX knows")
    assert found.text("en")[1].startswith(english) and found.text("fr")[1].startswith(french)
    assert found.text("fr")[0].startswith(f"`{given}` n'est pas un identifiant de licence connu de SPDX")
    path.write_text(path.read_text("utf-8").replace(f"data_licence: {given}", "data_licence: cc0-1.0"), "utf-8")
    assert [p for p in validate_region(root, today=DAY).problems if p.path == "institutions/sait.yaml"] == []


def test_a_verification_date_in_the_future_is_named_in_the_message() -> None:
    ((code, severity, message),) = _found(rules.freshness, "last_verified: 2026-12-01\n")
    assert (code, severity) == ("future-verified", Severity.WARNING) and "2026-12-01" in message


def test_a_direction_override_is_a_warning_in_its_own_file() -> None:
    (found,) = _problems(rules.no_direction_overrides, 'title:\n  en: "a\u202eb"\n')
    assert (found.path, found.severity) == ("opportunities/x/x.yaml", Severity.WARNING)  # type: ignore[attr-defined]


def test_a_subsidy_after_an_unknown_one_is_still_checked() -> None:
    text = "subsidies: [no-such-program, swpp]\neligibility:\n  international_students: true\n"
    found = _problems(rules.subsidy_eligibility, text)
    assert [(p.code, p.field) for p in found] == [("subsidy-excludes-international", "subsidies[1]")]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("levels", "warned"),
    [("[graduate]", True), ("[undergraduate, graduate]", False), ("[]", False), ("graduate", False)],
)
def test_early_years_for_graduates_only_is_flagged(levels: str, warned: bool) -> None:
    text = f"eligibility:\n  early_years: true\n  study_levels: {levels}\n"
    found = [code for code, _, _ in _found(rules.early_years_level, text)]
    assert found == (["early-years-graduate"] if warned else [])


@pytest.mark.parametrize(
    ("rule", "text", "field", "english", "french"),
    [
        (rules.office_contacts, "institutions:\n  - institution: sait\n    contact_email: jane.doe@sait.example.ca\n",
         "institutions[0].contact_email", "“Contact email” (`institutions[0].contact_email`)",
         "«\u00a0Courriel de la personne-ressource\u00a0» (`institutions[0].contact_email`)"),
        (lambda data, loaded, ctx: rules.proposal_contact(data, loaded), "contact_email: jane.doe@sait.example.ca\n",
         "contact_email", "“Contact email” (`contact_email`)", "«\u00a0Courriel de contact\u00a0» (`contact_email`)"),
    ],
)  # fmt: skip
def test_a_personal_address_is_named_by_its_field(
    rule: rules.Rule, text: str, field: str, english: str, french: str
) -> None:
    """Each model names the field in its own words (an offering's contact, a proposal's)."""
    loaded = load_text(text, "proposals/x.yaml")
    assert isinstance(loaded.data, dict)
    (found,) = list(rule(loaded.data, loaded, rules.Context(today=TODAY)))
    assert (found.code, found.field, found.severity) == ("personal-email", field, Severity.WARNING)
    tail = ": `jane.doe@sait.example.ca` looks like a named person's address."
    assert found.text("en")[0] == english + tail
    assert (
        found.text("fr")[0]
        == french + "\u00a0: `jane.doe@sait.example.ca` ressemble à l'adresse d'une personne nommée."
    )
