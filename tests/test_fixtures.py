"""Every fixture produces exactly the problems written in it: code, line and
column. Invalid fixtures also make `wil validate` exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DAY, FIXTURES, TODAY, Case, cases, make_region, read_case

from generator.cli import main
from generator.validate.region import validate_region

INVALID = cases("invalid")
WARNINGS = cases("valid_with_warnings")


def _found(root: Path, case: Case) -> tuple[set[tuple[str, int, int]], set[tuple[str, int, int]]]:
    region = validate_region(root, today=DAY)
    others = [p for p in region.problems if p.path != case.place]
    assert not others, f"problems outside the fixture: {others}"
    mine = [p for p in region.problems if p.path == case.place]
    errors = {(p.code, p.line, p.column) for p in mine if p.is_error}
    warnings = {(p.code, p.line, p.column) for p in mine if not p.is_error}
    return errors, warnings


def test_there_are_enough_cases() -> None:
    assert len(INVALID) >= 30
    assert all(case.errors for case in INVALID), "every invalid fixture must state the errors it produces"


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.name)
def test_invalid_fixture(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_region(tmp_path / "region", case)
    errors, warnings = _found(root, case)
    assert errors == case.errors
    assert warnings == case.warnings
    assert main(["validate", "--root", str(root), "--today", TODAY]) == 1
    out = capsys.readouterr().out
    for code, line, column in case.errors:
        assert f"{line}:{column}" in out and f"[{code}]" in out
    assert "Traceback" not in out and "<class" not in out


@pytest.mark.parametrize("case", WARNINGS, ids=lambda c: c.name)
def test_fixture_with_warnings_is_valid(case: Case, tmp_path: Path) -> None:
    root = make_region(tmp_path / "region", case)
    errors, warnings = _found(root, case)
    assert errors == set()
    assert warnings == case.warnings
    assert main(["validate", "--root", str(root), "--today", TODAY]) == 0


def test_reference_record_is_clean(region: Path) -> None:
    result = validate_region(region, today=DAY)
    assert result.problems == []
    assert [f.path for f in result.opportunities] == ["opportunities/ambrose/ambrose-base-valid.yaml"]


def test_broken_file_does_not_hide_others(tmp_path: Path) -> None:
    """A broken file is reported, and every other file is still valid."""
    root = make_region(tmp_path / "region", *INVALID[:5])
    result = validate_region(root, today=DAY)
    assert [f.path for f in result.opportunities] == ["opportunities/ambrose/ambrose-base-valid.yaml"]
    assert len(result.institutions) == 7
    assert {p.path for p in result.problems if p.is_error} == {c.place for c in INVALID[:5]}


def test_a_link_to_a_broken_file_stays_valid(tmp_path: Path) -> None:
    """`same_as` pointing at a file with a mistake is not a second error: only
    the broken file is left out, the one linking to it is still listed."""
    root = make_region(tmp_path / "region", read_case(FIXTURES / "invalid" / "wil-type_unknown.yaml"))
    linking = root / "opportunities/ambrose/ambrose-base-valid.yaml"
    linking.write_text(linking.read_text() + "same_as: ucalgary-wil-type-unknown\n", encoding="utf-8")
    result = validate_region(root, today=DAY)
    assert [f.path for f in result.opportunities] == ["opportunities/ambrose/ambrose-base-valid.yaml"]
    assert {p.path for p in result.problems} == {"opportunities/ucalgary/ucalgary-wil-type-unknown.yaml"}


MESSAGES = FIXTURES / "messages.tsv"


def _rendered(tmp_path: Path) -> str:
    """Every fixture's problems as a person reads them, in English and French:
    fixture, code, place, language, message, what to do."""
    lines = ["# fixture\tcode\tline:column\tlanguage\tmessage\twhat to do"]
    for case in [*INVALID, *WARNINGS]:
        root = make_region(tmp_path / case.name, case)
        mine = [p for p in validate_region(root, today=DAY).problems if p.path == case.place]
        for p in sorted(mine, key=lambda p: (p.line, p.column, p.code)):
            for lang in ("en", "fr"):
                message, hint = p.text(lang)
                lines.append("\t".join((case.name, p.code, f"{p.line}:{p.column}", lang, message, hint)))
    return "\n".join(lines) + "\n"


def test_every_fixture_message_reads_as_written_in_both_languages(tmp_path: Path) -> None:
    """The words, not only the codes: a message that loses a parameter ("ends
    before None"), falls back to English in French or changes its advice shows
    as a diff of tests/fixtures/messages.tsv. After reading the diff, rewrite
    it with WIL_WRITE_MESSAGES=1."""
    import os

    text = _rendered(tmp_path)
    if os.environ.get("WIL_WRITE_MESSAGES"):
        MESSAGES.write_text(text, "utf-8")
    assert text == MESSAGES.read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:]]
    for name, code, _, lang, message, hint in rows:
        assert message and hint, (name, code, lang)
        assert "None" not in message + hint and "{" not in message + hint, (name, code, lang, message)
    english = {(n, c, p): m + h for n, c, p, lang, m, h in rows if lang == "en"}
    french = {(n, c, p): m + h for n, c, p, lang, m, h in rows if lang == "fr"}
    assert english.keys() == french.keys()
    assert [k for k in english if english[k] == french[k]] == []  # nothing left untranslated
