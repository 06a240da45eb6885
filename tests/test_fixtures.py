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
