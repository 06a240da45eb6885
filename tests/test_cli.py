"""The `validate` command as staff and CI use it: formats, exit codes,
subsets of files, French messages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, PROJECT_ROOT, TODAY, make_region, read_case, wil


def run(*args: str, env_lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    return wil(*args, cwd=PROJECT_ROOT, env={"PATH": "/usr/bin:/bin", "LANG": env_lang})


def _broken_region(tmp_path: Path) -> Path:
    return make_region(
        tmp_path / "region",
        read_case(FIXTURES / "invalid" / "wil-type_unknown.yaml"),
        read_case(FIXTURES / "invalid" / "key_duplicate.yaml"),
    )


def test_shipped_data_passes() -> None:
    result = run("validate", "--today", TODAY, "--errors-only")
    assert result.returncode == 0, result.stdout
    assert "0 errors and 0 warnings; all 94 files are valid." in result.stdout


def test_a_clean_region_reads_as_notices_not_warnings() -> None:
    """Issue 22, point 4: a listing in one language or past its deadline is how the
    file will show, allowed as it is: a notice. Warnings are kept for what the
    author should change (here, listings not verified for a year)."""
    for lang, level, end, line in (
        ("en", "notice", "0 errors, 4 warnings and 42 notices; all 94 files are valid.\n", "::notice file="),
        ("fr", "remarque", "0 erreur, 4 avertissements et 42 remarques; les 94 fichiers sont valides.\n", "::notice "),
    ):
        out = run("validate", "--today", TODAY, "--lang", lang).stdout
        assert out.endswith(end), out[-300:]
        assert out.count(f"  {level}  ") == 42 and out.count("[missing-french]") == 22
        assert all(f"  {level}  " in row for row in out.splitlines() if "[deadline-passed]" in row)
        assert all("  warning  " in row or "avertissement" in row for row in out.splitlines() if "[stale]" in row)
        github = run("validate", "--today", TODAY, "--lang", lang, "--format", "github").stdout
        assert github.count(line) == 42 and github.count("::warning ") == 4
        assert run("validate", "--today", TODAY, "--lang", lang, "--errors-only").stdout.count(level) == 0
    import json

    counts = json.loads(run("validate", "--today", TODAY, "--format", "json").stdout)
    assert (counts["errors"], counts["warnings"], counts["notices"]) == (0, 4, 42)


def test_text_report_says_where_what_and_how(tmp_path: Path) -> None:
    result = run("validate", "--root", str(_broken_region(tmp_path)), "--today", TODAY)
    assert result.returncode == 1
    out = result.stdout
    assert "opportunities/ucalgary/ucalgary-wil-type-unknown.yaml" in out
    assert (
        "16:11  error  `internshp` is not an allowed value for “Type of work-integrated learning” (`wil_type`)."
    ) in out
    assert "      -> Did you mean `internship`? Allowed values: `apprenticeship`, `co-op`," in out
    assert "17:1  error  `wil_type` appears twice in the same block (first on line 16)." in out
    assert out.endswith("2 errors and 0 warnings; 2 of 11 files need fixing.\n")
    assert "Traceback" not in out + result.stderr


def test_github_annotations_point_at_the_line(tmp_path: Path) -> None:
    result = run("validate", "--root", str(_broken_region(tmp_path)), "--today", TODAY, "--format", "github")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert (
        "::error file=opportunities/ucalgary/ucalgary-wil-type-unknown.yaml,line=16,col=11,title=unknown-value::"
        in lines[1]
    )
    assert all(re.match(r"^::error file=[^,]+,line=\d+,col=\d+,title=[a-z0-9-]+::\S", line) for line in lines)


def test_json_report(tmp_path: Path) -> None:
    result = run("validate", "--root", str(_broken_region(tmp_path)), "--today", TODAY, "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["errors"] == 2
    first = payload["problems"][0]
    assert set(first) >= {"path", "line", "column", "field", "code", "severity", "params", "message", "hint"}
    unknown = next(p for p in payload["problems"] if p["code"] == "unknown-value")
    assert unknown["params"]["value"] == "internshp" and unknown["params"]["best"] == "internship"
    assert unknown["params"]["field"] == {
        "key": "field.ref",
        "params": {"label": {"key": "field.Opportunity.wil_type", "params": {}}, "path": "wil_type"},
    }
    french = json.loads(
        run(
            "validate",
            "--root",
            str(_broken_region(tmp_path / "fr")),
            "--today",
            TODAY,
            "--format",
            "json",
            "--lang",
            "fr",
        ).stdout
    )
    assert french["problems"][1]["message"].startswith("`internshp` n'est pas une valeur permise")


def test_only_the_given_paths_are_reported(tmp_path: Path) -> None:
    root = _broken_region(tmp_path)
    clean = run("validate", "--root", str(root), "--today", TODAY, "opportunities/ambrose")
    assert clean.returncode == 0, clean.stdout
    broken = run(
        "validate",
        "--root",
        str(root),
        "--today",
        TODAY,
        str(root / "opportunities/ucalgary/ucalgary-key-duplicate.yaml"),
    )
    assert broken.returncode == 1 and "wil-type-unknown" not in broken.stdout


def test_french_messages(tmp_path: Path) -> None:
    result = run("validate", "--root", str(_broken_region(tmp_path)), "--today", TODAY, env_lang="fr_CA.UTF-8")
    out = result.stdout
    assert (
        "16:11  erreur  `internshp` n'est pas une valeur permise pour "
        "«\u00a0Type d'apprentissage intégré au travail\u00a0» (`wil_type`)."
    ) in out
    assert "      -> Vouliez-vous dire `internship`\u00a0? Valeurs permises\u00a0: `apprenticeship`," in out
    assert "17:1  erreur  `wil_type` apparaît deux fois dans le même bloc (d'abord à la ligne 16)." in out
    assert out.endswith("2 erreurs et 0 avertissement; 2 fichiers sur 11 à corriger.\n")
    explicit = run("validate", "--root", str(_broken_region(tmp_path / "again")), "--today", TODAY, "--lang", "fr")
    assert explicit.stdout == out


def test_schema_check_detects_drift(tmp_path: Path) -> None:
    """`wil schema --check` passes on the repository and fails, naming the file, once a copy drifts."""
    assert run("schema", "--check").returncode == 0
    shutil.copytree(PROJECT_ROOT / "schema", tmp_path / "schema")
    assert run("schema", "--check", "--root", str(tmp_path)).returncode == 0
    published = tmp_path / "schema" / "opportunity.schema.json"
    published.write_text(published.read_text("utf-8").replace('"Hours per week"', '"Hours a week"'), "utf-8")
    drift = run("schema", "--check", "--root", str(tmp_path))
    assert drift.returncode == 1
    assert f"{published} is out of date: run `wil schema` and commit the result." in drift.stderr
    (tmp_path / "schema" / "vocabularies.yaml").unlink()
    assert run("schema", "--check", "--root", str(tmp_path), "--lang", "fr").returncode == 1


def test_console_script_is_installed() -> None:
    wil = shutil.which("wil", path=str(Path(sys.executable).parent))
    assert wil, "the `wil` command is installed with the package"
    result = subprocess.run(
        [wil, "validate", "--today", TODAY, "--errors-only"],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0
