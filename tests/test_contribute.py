"""Contributing: workflows' safety properties, the pull-request validation step
run for real, CODEOWNERS, the issue form, spreadsheet import, scaffolding,
pre-commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DAY, FIXTURES, TODAY, make_region, read_case

from generator.contribute.codeowners import render as render_codeowners
from generator.contribute.columns import COLUMNS
from generator.contribute.issue_form import FORM_PATH, from_issue
from generator.contribute.scaffold import scaffold
from generator.contribute.spreadsheet import import_csv
from generator.paths import PROJECT_ROOT
from generator.validate.region import validate_region

WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def _workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


# --- workflows ----------------------------------------------------------------


def test_there_are_the_three_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "deploy.yml", "issue-to-pr.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_untrusted_text_stays_out_of_scripts(path: Path) -> None:
    workflow = _workflow(path.name)
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}, "read-only by default; jobs ask for more"
    for step in _steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        script = step.get("run", "")
        for untrusted in (
            "github.event.issue",
            "github.event.pull_request.title",
            "github.event.pull_request.body",
            "github.head_ref",
            "github.event.comment",
            "github.event.review",
        ):
            assert untrusted not in script, f"{path.name}: {untrusted} interpolated into a script"
        assert "${{" not in script, f"{path.name}: expressions belong in env:, not in run:"


def test_pull_request_workflow() -> None:
    workflow = _workflow("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    runs = "\n".join(step.get("run", "") for step in _steps(workflow))
    assert "wil validate --format github" in runs and "$GITHUB_STEP_SUMMARY" in runs
    assert "wil build --strict" in runs and "make test" in runs and "wil codeowners --check" in runs
    for job in workflow["jobs"].values():
        assert "permissions" not in job or job["permissions"] == {"contents": "read"}


def test_deploy_workflow_publishes_to_pages_and_rebuilds_nightly() -> None:
    workflow = _workflow("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"] and workflow["on"]["schedule"]
    uses = [step.get("uses", "") for step in _steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_issue_workflow_passes_the_body_through_the_environment() -> None:
    workflow = _workflow("issue-to-pr.yml")
    steps = {step.get("name"): step for step in _steps(workflow)}
    convert = steps["Convert the form"]
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "$ISSUE_BODY" in convert["run"] and "wil from-issue" in convert["run"]


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout.strip()


def test_the_pull_request_validation_step_annotates_the_broken_line(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD")
    _git(repo, "switch", "-q", "-c", "broken")
    case = read_case(FIXTURES / "invalid" / "wil-type_unknown.yaml")
    (repo / case.place).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case.source, repo / case.place)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "add a broken file")
    step = next(s for s in _steps(_workflow("pull-request.yml")) if s.get("name") == "Validate changed data")
    env = {**os.environ, "BASE_SHA": base, "RUNNER_TEMP": str(tmp_path), "PATH": f"{BIN}:{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert (
        "::error file=opportunities/ucalgary/wil-type-unknown.yaml,line=16,col=11,title=unknown-value::"
        "`internshp` is not an allowed value for `wil_type`. Did you mean `internship`?"
    ) in result.stdout


# --- owned folders, editor help, pre-commit -------------------------------------


def test_codeowners_is_generated_from_the_maintainers(tmp_path: Path) -> None:
    assert (PROJECT_ROOT / ".github" / "CODEOWNERS").read_text("utf-8") == render_codeowners(PROJECT_ROOT)
    root = make_region(tmp_path / "region")
    path = root / "institutions" / "sait.yaml"
    path.write_text(path.read_text("utf-8").replace("@wil-directory/sait-maintainers", "@sait-wil-team"), "utf-8")
    assert "/opportunities/sait/ @sait-wil-team" in render_codeowners(root)
    shutil.copytree(PROJECT_ROOT / ".github", root / ".github")
    check = subprocess.run(
        [sys.executable, "-m", "generator", "codeowners", "--check", "--root", str(root)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "out of date" in check.stderr
    path.write_text(path.read_text("utf-8").replace("@sait-wil-team", "not a handle!"), "utf-8")
    broken = subprocess.run(
        [sys.executable, "-m", "generator", "codeowners", "--root", str(root)], capture_output=True, text=True
    )
    assert broken.returncode == 1 and "sait.yaml is not valid" in broken.stderr and "Traceback" not in broken.stderr


def test_every_data_file_points_editors_at_the_schema() -> None:
    settings = (PROJECT_ROOT / ".vscode" / "settings.json").read_text("utf-8")
    assert "./schema/opportunity.schema.json" in settings and "./schema/institution.schema.json" in settings
    for path in [*(PROJECT_ROOT / "opportunities").glob("*/*.yaml"), *(PROJECT_ROOT / "institutions").glob("*.yaml")]:
        first = path.read_text("utf-8").splitlines()[0]
        assert re.fullmatch(
            r"# yaml-language-server: \$schema=(\.\./)+schema/(opportunity|institution)\.schema\.json", first
        )


def test_new_scaffolds_a_valid_commented_file(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    path = scaffold(root, "mru", "Summer data analyst", DAY)
    assert path == root / "opportunities" / "mru" / "mru-summer-data-analyst.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and f"last_verified: {TODAY}" in text
    assert text.count("#") > 20
    region = validate_region(root, today=DAY)
    assert not [p for p in region.problems if p.path.endswith(path.name) and p.is_error]
    with pytest.raises(ValueError):
        scaffold(root, "no-such-school", None, DAY)


def test_pre_commit_hook_validates_staged_data(tmp_path: Path) -> None:
    hooks = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hooks[0]["id"] == hook["id"] == "wil-validate"
    pattern = re.compile(hook["files"])
    assert pattern.search("opportunities/sait/x.yaml") and pattern.search("institutions/sait.yaml")
    assert not pattern.search("docs/en/about.md")
    root = make_region(tmp_path / "region", read_case(FIXTURES / "invalid" / "key_duplicate.yaml"))
    command = hook["entry"].replace("python", sys.executable, 1).split()
    staged = "opportunities/ucalgary/key-duplicate.yaml"
    bad = subprocess.run([*command, staged], cwd=root, capture_output=True, text=True)
    assert bad.returncode == 1 and "17:1" in bad.stdout
    good = subprocess.run([*command, "opportunities/ambrose/base-valid.yaml"], cwd=root, capture_output=True, text=True)
    assert good.returncode == 0


# --- issue form -----------------------------------------------------------------


def test_issue_form_is_generated_and_uses_known_fields() -> None:
    form = yaml.safe_load((PROJECT_ROOT / FORM_PATH).read_text("utf-8"))
    ids = {item.get("id") for item in form["body"]} - {None}
    assert ids - {"institution", "consent"} <= {c.key for c in COLUMNS}
    assert "new-opportunity" in form["labels"]
    check = subprocess.run(
        [sys.executable, "-m", "generator", "issue-form", "--check", "--root", str(PROJECT_ROOT)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("name", ["valid-english.md", "valid-french-minimal.md"])
def test_issue_form_bodies_become_valid_files(tmp_path: Path, name: str) -> None:
    root = make_region(tmp_path / "region")
    result = from_issue((FIXTURES / "issues" / name).read_text("utf-8"), root, DAY)
    assert result.errors == [] and result.path is not None and result.path.is_file()
    region = validate_region(root, today=DAY)
    rel = result.path.relative_to(root).as_posix()
    assert [f.path for f in region.opportunities if f.path == rel] == [rel]
    assert not [p for p in region.problems if p.path == rel and p.is_error]


HOSTILE = {
    "hostile-script.md": "HTML is not allowed",
    "hostile-javascript-link.md": "apply_url",
    "hostile-institution-path.md": "is not an institution",
    "hostile-no-consent.md": "personal data",
    "hostile-unknown-section.md": "is not a field of the form",
    "hostile-oversized.md": "larger than 64 KB",
    "hostile-control-character.md": "control characters",
    "hostile-backdated.md": "is not a field of the form",  # last_verified is the importer's to set
}


@pytest.mark.parametrize("name,reason", HOSTILE.items())
def test_hostile_issue_bodies_are_refused_clearly(tmp_path: Path, name: str, reason: str) -> None:
    root = make_region(tmp_path / "region")
    before = sorted(p for p in root.rglob("*") if p.is_file())
    body = FIXTURES / "issues" / name
    result = subprocess.run(
        [sys.executable, "-m", "generator", "from-issue", str(body), "--root", str(root)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and reason in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p for p in root.rglob("*") if p.is_file()) == before


# --- spreadsheet import -----------------------------------------------------------

HEADER = "id,title_en,title_fr,description_en,host,wil_type,sectors,compensation,amount_min,pay_period,work_arrangement,city,international_students,apply_url,last_verified"
ROWS = [
    "cad-co-op,Mechanical design co-op,Stage coopératif en conception mécanique,Design brackets and jigs for a small fabrication shop and learn production drawing.,Foothills Fabrication Ltd.,co-op,manufacturing;construction,paid,23,hour,on-site,Calgary,yes,https://careers.sait.example.ca/cad,2026-11-01",
    ",Social media micro-internship,,Plan two weeks of posts for a neighbourhood bakery and measure what works.,Sunnyside Bakery,micro-internship,retail,stipend,400,total,remote,,no,https://careers.sait.example.ca/social,2026-11-02",
    "welding-apprentice,Welding apprenticeship,Apprentissage en soudage,Earn while you learn welding in a structural steel shop; first-period technical training at SAIT.,Prairie Steelworks,apprenticeship,construction,paid,21,hour,on-site,Airdrie,no,https://careers.sait.example.ca/welding,2026-10-20",
]


def _sheet(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_importing_the_same_sheet_twice_changes_nothing(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    sheet = _sheet(tmp_path / "sheet.csv", ROWS)
    first = import_csv(sheet, "sait", repo, DAY)
    assert first.ok and len(first.states["created"]) == 3
    assert not [p for p in validate_region(repo, today=DAY).problems if p.is_error]
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "first import")
    command = [
        sys.executable,
        "-m",
        "generator",
        "import",
        str(sheet),
        "--institution",
        "sait",
        "--root",
        str(repo),
        "--today",
        "2027-03-01",
    ]
    second = subprocess.run(command, capture_output=True, text=True)
    assert second.returncode == 0 and "3 unchanged" in second.stdout
    assert _git(repo, "status", "--porcelain") == ""
    edited = _sheet(tmp_path / "sheet.csv", [ROWS[0].replace(",23,", ",25,"), *ROWS[1:]])
    third = import_csv(edited, "sait", repo, DAY)
    assert third.states["updated"] == ["opportunities/sait/sait-cad-co-op.yaml"]
    assert "amount_min: 25" in (repo / "opportunities/sait/sait-cad-co-op.yaml").read_text("utf-8")


def test_bad_rows_are_named_and_not_written(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    bad = [
        ROWS[0].replace(",co-op,", ",coop,"),  # row 2: unknown type
        ROWS[1],  # row 3: fine
        ROWS[2].replace("2026-10-20", "20/10/2026"),  # row 4: date
        ROWS[1]
        .replace("Social media micro-internship", "Newsletter micro-internship")
        .replace("https://careers.sait.example.ca/social", "ftp://example.org"),  # row 5: link
    ]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "import",
            str(_sheet(tmp_path / "bad.csv", bad)),
            "--institution",
            "sait",
            "--root",
            str(repo),
            "--today",
            TODAY,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "row 2, column wil_type:" in result.stdout and "Did you mean 'co-op'?" in result.stdout
    assert "row 4, column last_verified:" in result.stdout
    assert "row 5, column apply_url:" in result.stdout
    assert "row 3" not in result.stdout
    written = sorted(p.name for p in (repo / "opportunities" / "sait").glob("*.yaml"))
    assert written == ["sait-sunnyside-bakery-social-media-micro-internship.yaml"]


def test_french_headers_and_semicolons(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    sheet = tmp_path / "feuille.csv"
    sheet.write_text(
        "identifiant;titre_fr;description_fr;hote;type_ait;secteurs;remuneration;mode_travail;ville;lien_candidature\n"
        "atelier-lecture;Stage d'animation de lecture;Animer des ateliers de lecture en français pour des enfants.;"
        "Bibliothèque de Bridgeland;Stage pratique (placement sur le terrain);Éducation;Non rémunéré;Sur place;"
        "Calgary;https://careers.stmarys.example.ca/lecture\n",
        encoding="utf-8-sig",
    )
    report = import_csv(sheet, "stmarys", repo, DAY)
    assert report.ok, report.text()
    text = (repo / "opportunities/stmarys/stmarys-atelier-lecture.yaml").read_text("utf-8")
    assert "wil_type: field-placement" in text and "compensation:\n  type: unpaid" in text
    assert f"last_verified: '{TODAY}'" in text or f"last_verified: {TODAY}" in text


def test_unknown_columns_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    report = import_csv(_sheet(tmp_path / "x.csv", ROWS, HEADER.replace("wil_type", "wil_typ")), "sait", repo, DAY)
    assert not report.ok and "did you mean 'wil_type'" in report.text()
    assert not (repo / "opportunities" / "sait").exists()


def test_rows_breaking_rules_across_fields_are_refused_like_files(tmp_path: Path) -> None:
    """An import applies the same checks as `wil validate`, not only the field types."""
    repo = make_region(tmp_path / "repo")
    header = HEADER + ",start_date,end_date"
    row = ROWS[0] + ",2027-05-03,2027-04-01"
    report = import_csv(_sheet(tmp_path / "dates.csv", [row], header), "sait", repo, DAY)
    assert not report.ok and "row 2, column end_date: The end date 2027-04-01 is before" in report.text()
    assert not (repo / "opportunities" / "sait").exists()


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    import_csv(_sheet(tmp_path / "sheet.csv", ROWS), "sait", repo, DAY)
    target = repo / "opportunities/sait/sait-cad-co-op.yaml"
    before = target.read_text("utf-8")
    edited = _sheet(tmp_path / "sheet.csv", [ROWS[0].replace(",23,", ",25,"), *ROWS[1:]])
    dry = import_csv(edited, "sait", repo, DAY, dry_run=True)
    assert dry.states["updated"] == ["opportunities/sait/sait-cad-co-op.yaml"] and dry.states["created"] == []
    assert len(dry.states["unchanged"]) == 2 and target.read_text("utf-8") == before


def test_amounts_with_thousands_separators(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    row = ROWS[1].replace(",stipend,400,", ',stipend,"1,000",')
    report = import_csv(_sheet(tmp_path / "sheet.csv", [row]), "sait", repo, DAY)
    assert report.ok, report.text()
    (written,) = report.states["created"]
    assert "amount_min: 1000" in (repo / written).read_text("utf-8")


def test_odd_sheets_and_unknown_institutions_get_a_message_not_a_traceback(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    one_column = tmp_path / "one.csv"
    one_column.write_text("title_en\nA title only\n", encoding="utf-8")
    report = import_csv(one_column, "sait", repo, DAY)
    assert report.rows == 1 and not report.ok and "row 2" in report.text()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "import", str(one_column), "--institution", "nosuch", "--root", str(repo)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "no institution 'nosuch'" in result.stderr and "Traceback" not in result.stderr
    assert not (repo / "opportunities" / "nosuch").exists()
