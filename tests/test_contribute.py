"""Contributing: workflows' safety properties, the pull-request validation step
run for real, CODEOWNERS, the issue form, spreadsheet import, scaffolding,
pre-commit."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DAY, FIXTURES, PROJECT_ROOT, TODAY, make_region, read_case, wil

from generator.contribute.codeowners import render as render_codeowners
from generator.contribute.issue_form import FORM_PATH, from_issue
from generator.contribute.scaffold import scaffold
from generator.contribute.spreadsheet import import_csv
from generator.layout import LANGUAGES
from generator.merge.listing import build_listings
from generator.validate.columns import COLUMNS
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
    # It uploads the complete version `site` links to, never the link's folder as it changes.
    steps = _steps(workflow)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    resolve = next(s for s in steps if s.get("id") == "site")
    assert "readlink -f site" in resolve["run"] and upload["with"]["path"] == "${{ steps.site.outputs.path }}"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_issue_workflow_passes_the_body_through_the_environment() -> None:
    workflow = _workflow("issue-to-pr.yml")
    steps = {step.get("name"): step for step in _steps(workflow)}
    convert = steps["Convert the form"]
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "$ISSUE_BODY" in convert["run"] and "wil from-issue" in convert["run"]


def test_issue_runs_wait_for_each_other_and_never_rewrite_a_reviewed_pull_request() -> None:
    workflow = _workflow("issue-to-pr.yml")
    assert workflow["concurrency"] == {
        "group": "issue-form-${{ github.event.issue.number }}",
        "cancel-in-progress": False,  # an "edited" run waits for the "opened" one instead of racing it
    }
    script = {step.get("name"): step for step in _steps(workflow)}["Open the pull request"]["run"]
    assert script.index("--json reviews") < script.index("git push")  # looked at before anything is pushed
    assert "wil comment --reviewed" in script and "exit 0" in script


def test_the_token_never_lands_in_the_git_configuration() -> None:
    workflow = _workflow("issue-to-pr.yml")
    runs = "\n".join(step.get("run", "") for step in _steps(workflow))
    assert "x-access-token" not in runs and "set-url" not in runs and "http.extraheader" not in runs
    assert "gh auth setup-git" in runs  # gh's credential helper answers git: nothing is written to .git/config
    checkout = next(step for step in _steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_the_bots_answer_quotes_the_submitters_text_safely(tmp_path: Path) -> None:
    from generator.contribute.comment import LIMIT, comment

    report = "body.md\n  section “title_en”  error  `@everyone ```` see [x](javascript:alert(1))`\n" * 5000
    body = comment(report, "https://github.com/o/r/actions/runs/1")
    assert len(body) <= LIMIT < 65536
    fence = re.search(r"^(`{3,})text$", body, re.M)
    assert fence is not None and len(fence.group(1)) > 4  # longer than any backtick run inside
    inside = body.split(fence.group(0), 1)[1].split("\n" + fence.group(1) + "\n", 1)[0]
    assert "@everyone" not in body and "@\u200beveryone" in inside
    assert body.rstrip().endswith("Journal complet\u00a0: https://github.com/o/r/actions/runs/1")
    assert body.startswith("This form cannot become a file yet.")
    workflow = {step.get("name"): step for step in _steps(_workflow("issue-to-pr.yml"))}
    assert "wil comment" in workflow["Explain what to fix"]["run"]


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout.strip()


def _cli(command: list[str], input: str = "") -> subprocess.CompletedProcess[str]:
    """`command` (`python -m generator ...`) run in this process (conftest.wil)."""
    assert command[1:3] == ["-m", "generator"]
    return wil(*command[3:], input=input)


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
        "::error file=opportunities/ucalgary/ucalgary-wil-type-unknown.yaml,line=16,col=11,title=unknown-value::"
        "`internshp` is not an allowed value for “Type of work-integrated learning” (`wil_type`). "
        "Did you mean `internship`? Allowed values: `apprenticeship`"
    ) in result.stdout


# --- owned folders, editor help, pre-commit -------------------------------------


def test_codeowners_is_generated_from_the_maintainers(tmp_path: Path) -> None:
    assert (PROJECT_ROOT / ".github" / "CODEOWNERS").read_text("utf-8") == render_codeowners(PROJECT_ROOT)[0]
    root = make_region(tmp_path / "region")
    path = root / "institutions" / "sait.yaml"
    path.write_text(path.read_text("utf-8").replace("@wil-directory/sait-maintainers", "@sait-wil-team"), "utf-8")
    assert "/opportunities/sait/ @sait-wil-team" in render_codeowners(root)[0]
    shutil.copytree(PROJECT_ROOT / ".github", root / ".github")
    check = wil("codeowners", "--check", "--root", str(root))
    assert check.returncode == 1 and "out of date" in check.stderr
    path.write_text(path.read_text("utf-8").replace("@sait-wil-team", "not a handle!"), "utf-8")
    broken = wil("codeowners", "--root", str(root))
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert "The institution file institutions/sait.yaml is not valid." in broken.stdout
    assert "`not a handle!` is not a valid" not in broken.stdout  # the handle's own problem is named below it
    assert "[bad-value]" in broken.stdout and "CODEOWNERS was not written" in broken.stdout


def test_every_data_file_points_editors_at_the_schema() -> None:
    settings = (PROJECT_ROOT / ".vscode" / "settings.json").read_text("utf-8")
    assert "./schema/opportunity.schema.json" in settings and "./schema/institution.schema.json" in settings
    for path in [*(PROJECT_ROOT / "opportunities").glob("*/*.yaml"), *(PROJECT_ROOT / "institutions").glob("*.yaml")]:
        first = path.read_text("utf-8").splitlines()[0]
        assert re.fullmatch(
            r"# yaml-language-server: \$schema=(\.\./)+schema/(opportunity|institution)\.schema\.json", first
        )


def test_new_writes_a_commented_file_whose_example_text_must_be_replaced(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    path, problems = scaffold(root, "mru", "Summer data analyst", DAY, "en")
    assert problems == [] and path == root / "opportunities" / "mru" / "mru-summer-data-analyst.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and f"last_verified: {TODAY}" in text
    assert "title:\n  en: Summer data analyst\n" in text  # --title fills the title, not only the file name
    assert text.count("#") > 20 and "# must equal the file name" in text
    rel = path.relative_to(root).as_posix()
    found = [p for p in validate_region(root, today=DAY).problems if p.path == rel and p.is_error]
    # An unfinished file is never published: the description and the host still hold the template's words.
    assert [(p.code, p.field) for p in found] == [
        ("placeholder-text", "description.en"),
        ("placeholder-text", "host.name"),
    ]
    assert found[1].text("en")[0] == (
        "“Host name” (`host.name`) still holds the example text of the template (`Replace with the host organisation`)."
    )
    # A long example is quoted to the end of its first sentence, never cut in a word (issue 22, point 4).
    assert found[0].text("en")[0] == (
        "“Description of the opportunity in English” (`description.en`) still holds the example text of the"
        " template (`Replace with what the student does and learns, and what the host gets…`)."
    )
    assert (
        found[0].text("fr")[0].endswith("(`Replace with what the student does and learns, and what the host gets…`).")
    )
    filled = text.replace("Replace with the host organisation", "Bow River Analytics")
    filled = filled.replace("Replace with what the student does and learns,", "Clean survey data and chart it,")
    path.write_text(filled, "utf-8")
    assert not [p for p in validate_region(root, today=DAY).problems if p.path == rel and p.is_error]


def test_new_speaks_french_and_refuses_clearly(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    command = [sys.executable, "-m", "generator", "new", "sait", "--root", str(root), "--today", TODAY, "--lang", "fr"]
    result = _cli(command)
    rel = f"opportunities/sait/sait-nouvelle-occasion-{TODAY}.yaml"
    assert result.returncode == 0 and f"Fichier {rel} écrit" in result.stdout
    text = (root / rel).read_text("utf-8")
    assert "# doit être identique au nom du fichier" in text and "  fr: Remplacez par le titre" in text
    assert "  # en: Replace with the title" in text  # the other language, ready to uncomment
    found = [p for p in validate_region(root, today=DAY).problems if p.path == rel and p.is_error]
    assert {p.code for p in found} == {"placeholder-text"} and len(found) == 3
    again = _cli(command)
    assert again.returncode == 1 and f"{rel} existe déjà." in again.stdout and "[file-exists]" in again.stdout
    unknown = _cli([*command[:4], "sayt", *command[5:]])
    assert unknown.returncode == 1 and "Aucun établissement n'a l'identifiant `sayt`." in unknown.stdout
    assert "Vouliez-vous dire `sait`\u00a0?" in unknown.stdout and "Aucun fichier n'a été écrit." in unknown.stdout


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
    staged = "opportunities/ucalgary/ucalgary-key-duplicate.yaml"
    bad = subprocess.run([*command, staged], cwd=root, capture_output=True, text=True)
    assert bad.returncode == 1 and "17:1" in bad.stdout
    good = subprocess.run(
        [*command, "opportunities/ambrose/ambrose-base-valid.yaml"], cwd=root, capture_output=True, text=True
    )
    assert good.returncode == 0


@pytest.mark.slow
def test_the_published_hook_works_from_an_installed_package_outside_the_repository(tmp_path: Path) -> None:
    """What `.pre-commit-hooks.yaml` promises another repository: `pip install`
    of this project (not editable) into a fresh environment validates a data
    folder that has nothing to do with this source tree, in both languages."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(PROJECT_ROOT),
        ],
        check=True,
        capture_output=True,
    )
    venv = tmp_path / "venv"
    subprocess.run([sys._base_executable, "-m", "venv", str(venv)], check=True)  # type: ignore[attr-defined]
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True
    ).stdout.strip()
    # The dependencies come from this environment's site-packages, added as a
    # plain path: its .pth files (among them the editable install of this
    # project) are not run, so `generator` can only come from the wheel.
    deps = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(deps + "\n", "utf-8")
    (wheel,) = wheels.glob("wil_directory-*.whl")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"], cwd=tmp_path, capture_output=True, text=True
    )
    assert where.stdout.strip().startswith(site), where.stdout + where.stderr

    outside = make_region(tmp_path / "elsewhere", read_case(FIXTURES / "invalid" / "key_duplicate.yaml"))
    hook = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    entry = [str(venv / "bin" / hook["entry"].split()[0]), *hook["entry"].split()[1:]]
    good = subprocess.run(
        [*entry, "opportunities/ambrose/ambrose-base-valid.yaml"], cwd=outside, capture_output=True, text=True
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run(
        [*entry, "opportunities/ucalgary/ucalgary-key-duplicate.yaml"],
        cwd=outside,
        capture_output=True,
        text=True,
        env={"LANG": "fr_CA.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "17:1  erreur  `wil_type` apparaît deux fois dans le même bloc" in bad.stdout
    # The theme and the hand-written pages ship too: the installed package builds a site.
    built = subprocess.run(
        [str(venv / "bin" / "wil"), "build", "--today", TODAY], cwd=outside, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    assert (outside / "site" / "fr" / "contribute" / "index.html").is_file()


# --- issue form -----------------------------------------------------------------


def test_issue_form_is_generated_and_uses_known_fields() -> None:
    form = yaml.safe_load((PROJECT_ROOT / FORM_PATH).read_text("utf-8"))
    ids = {item.get("id") for item in form["body"]} - {None}
    assert ids - {"institution", "consent"} <= {c.key for c in COLUMNS}
    assert "new-opportunity" in form["labels"]
    check = wil("issue-form", "--check", "--root", str(PROJECT_ROOT))
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("name", ["valid-english.md", "valid-french-minimal.md"])
def test_issue_form_bodies_become_valid_files(tmp_path: Path, name: str) -> None:
    root = make_region(tmp_path / "region")
    result = from_issue((FIXTURES / "issues" / name).read_text("utf-8"), root, DAY)
    assert result.problems == [] and result.path is not None and result.path.is_file()
    region = validate_region(root, today=DAY)
    rel = result.path.relative_to(root).as_posix()
    assert [f.path for f in region.opportunities if f.path == rel] == [rel]
    assert not [p for p in region.problems if p.path == rel and p.is_error]


# body -> (code, where it points, English words, French words): every refusal is a
# problem like the validator's, phrased in the reader's language.
HOSTILE = {
    "hostile-script.md": ("cell-html", "description_en", "The value contains HTML.", "La valeur contient du HTML."),
    "hostile-javascript-link.md": (
        "bad-url",
        "apply_url / lien_candidature",
        "`javascript:alert(document.cookie)` is not a web address this directory accepts for “How to apply”",
        "`javascript:alert(document.cookie)` n'est pas une adresse Web acceptée pour «\u00a0Comment postuler\u00a0»",
    ),
    "hostile-institution-path.md": (
        "unknown-institution",
        "institution / établissement",
        "No institution has the id `../../etc`.",
        "Aucun établissement n'a l'identifiant `../../etc`.",
    ),
    "hostile-no-consent.md": (
        "form-no-consent",
        "Confirmation",
        "The confirmation box is not ticked.",
        "La case de confirmation n'est pas cochée.",
    ),
    "hostile-unknown-section.md": (
        "form-unknown-section",
        "same_as: evil",
        "“same_as: evil” is not a field of the form.",
        "«\u00a0same_as: evil\u00a0» n'est pas un champ du formulaire.",
    ),
    "hostile-oversized.md": ("form-too-large", "", "The form is larger than 64 KB.", "Le formulaire dépasse 64 Ko."),
    "hostile-control-character.md": (
        "cell-control",
        "title_en / titre_en",
        "The value contains control characters",
        "La valeur contient des caractères de contrôle",
    ),
    # last_verified is the importer's to set: a submitter cannot backdate it
    "hostile-backdated.md": (
        "form-unknown-section",
        "last_verified / verifie_le",
        "“last_verified / verifie_le” is not a field of the form.",
        "«\u00a0last_verified / verifie_le\u00a0» n'est pas un champ du formulaire.",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_issue_bodies_are_refused_clearly(tmp_path: Path, name: str) -> None:
    code, section, english, french = HOSTILE[name]
    root = make_region(tmp_path / "region")
    before = sorted(p for p in root.rglob("*") if p.is_file())
    body = FIXTURES / "issues" / name
    command = [sys.executable, "-m", "generator", "from-issue", str(body), "--root", str(root)]
    result = _cli([*command, "--format", "json"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (found,) = json.loads(result.stdout)["problems"]
    assert (found["code"], found["field"]) == (code, section)
    assert found["message"].startswith(english)
    text = _cli([*command, "--lang", "fr"]).stdout
    assert french in text and f"[{code}]" in text and "Le formulaire ne peut pas devenir un fichier." in text
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
    second = _cli(command)
    assert second.returncode == 0 and "3 unchanged" in second.stdout
    assert _git(repo, "status", "--porcelain") == ""
    edited = _sheet(tmp_path / "sheet.csv", [ROWS[0].replace(",23,", ",25,"), *ROWS[1:]])
    third = import_csv(edited, "sait", repo, DAY)
    assert third.states["updated"] == ["opportunities/sait/sait-cad-co-op.yaml"]
    assert "amount_min: 25" in (repo / "opportunities/sait/sait-cad-co-op.yaml").read_text("utf-8")


def test_bad_rows_are_named_and_not_written(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    bad = [
        ROWS[0].replace(",co-op,", ",co-opp,"),  # row 2: unknown type
        ROWS[1],  # row 3: fine
        ROWS[2].replace("2026-10-20", "20/10/2026"),  # row 4: date
        ROWS[1]
        .replace("Social media micro-internship", "Newsletter micro-internship")
        .replace("https://careers.sait.example.ca/social", "ftp://example.org"),  # row 5: link
    ]
    sheet = str(_sheet(tmp_path / "bad.csv", bad))
    command = [sys.executable, "-m", "generator", "import", sheet, "--institution", "sait", "--root", str(repo)]
    command += ["--today", TODAY]
    result = _cli(command)
    assert result.returncode == 1
    out = result.stdout
    assert "  row 2, column wil_type  error  “co-opp” is not one of the allowed values.  [cell-unknown-value]" in out
    assert "      -> Did you mean `co-op`? Allowed values: `apprenticeship`, `co-op`," in out
    assert "  row 4, column last_verified  error  “20/10/2026” is not a date.  [cell-not-a-date]" in out
    assert "  row 5, column apply_url  error  `ftp://example.org` is not a web address" in out
    assert "row 3" not in out
    assert out.endswith("4 rows read: 1 created, 0 updated, 0 unchanged, 3 rejected (nothing written for them).\n")
    french = _cli([*command, "--lang", "fr", "--dry-run"]).stdout
    assert (
        "  ligne 2, colonne wil_type  erreur  «\u00a0co-opp\u00a0» ne fait pas partie des valeurs permises." in french
    )
    assert "      -> Vouliez-vous dire `co-op`\u00a0? Valeurs permises\u00a0: `apprenticeship`" in french
    assert "  ligne 4, colonne last_verified  erreur  «\u00a020/10/2026\u00a0» n'est pas une date." in french
    assert french.endswith(
        "4 lignes lues\u00a0: 0 créée(s), 0 mise(s) à jour, 1 inchangée(s), 3 refusée(s) (rien n'est écrit pour elles).\n"
    )
    written = sorted(p.name for p in (repo / "opportunities" / "sait").glob("*.yaml"))
    assert written == ["sait-sunnyside-bakery-social-media-micro-internship.yaml"]


FRENCH_HEADER = (
    "identifiant;titre_fr;description_fr;hote;type_ait;secteurs;remuneration;mode_travail;ville;lien_candidature"
)
FRENCH_ROW = (
    "atelier-lecture;Stage d'animation de lecture;Animer des ateliers de lecture en français pour des enfants.;"
    "Bibliothèque de Bridgeland;Stage pratique (placement sur le terrain);Éducation;Non rémunéré;Sur place;"
    "Calgary;https://careers.stmarys.example.ca/lecture"
)


def test_french_headers_and_semicolons(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    sheet = tmp_path / "feuille.csv"
    sheet.write_text(FRENCH_HEADER + "\n" + FRENCH_ROW + "\n", encoding="utf-8-sig")
    report = import_csv(sheet, "stmarys", repo, DAY)
    assert report.ok, report.text("en")
    text = (repo / "opportunities/stmarys/stmarys-atelier-lecture.yaml").read_text("utf-8")
    assert "wil_type: field-placement" in text and "compensation:\n  type: unpaid" in text
    assert f"last_verified: '{TODAY}'" in text or f"last_verified: {TODAY}" in text


def test_unknown_columns_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    report = import_csv(_sheet(tmp_path / "x.csv", ROWS, HEADER.replace("wil_type", "wil_typ")), "sait", repo, DAY)
    assert not report.ok
    assert "  row 1, column wil_typ  error  The column “wil_typ” is not a column this directory knows." in report.text(
        "en"
    )
    assert "Did you mean `wil_type`?" in report.text("en") and "Vouliez-vous dire `wil_type`\u00a0?" in report.text(
        "fr"
    )
    assert not (repo / "opportunities" / "sait").exists()


def test_rows_breaking_rules_across_fields_are_refused_like_files(tmp_path: Path) -> None:
    """An import applies the same checks as `wil validate`, not only the field types."""
    repo = make_region(tmp_path / "repo")
    header = HEADER + ",start_date,end_date"
    row = ROWS[0] + ",2027-05-03,2027-04-01"
    report = import_csv(_sheet(tmp_path / "dates.csv", [row], header), "sait", repo, DAY)
    assert not report.ok
    assert (
        "  row 2, column end_date  error  The end date 2027-04-01 is before the start date 2027-05-03."
        in report.text("en")
    )
    assert (
        "  ligne 2, colonne end_date  erreur  La date de fin 2027-04-01 précède la date de début 2027-05-03."
        in report.text("fr")
    )
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
    assert report.ok, report.text("en")
    (written,) = report.states["created"]
    assert "amount_min: 1000" in (repo / written).read_text("utf-8")


def test_odd_sheets_and_unknown_institutions_get_a_message_not_a_traceback(tmp_path: Path) -> None:
    repo = make_region(tmp_path / "repo")
    one_column = tmp_path / "one.csv"
    one_column.write_text("title_en\nA title only\n", encoding="utf-8")
    report = import_csv(one_column, "sait", repo, DAY)
    assert report.rows == 1 and not report.ok
    assert "  row 2, column host  error  The required field “Host name” (`host.name`) is missing." in report.text("en")
    result = wil("import", str(one_column), "--institution", "nosuch", "--root", str(repo))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "No institution has the id `nosuch`." in result.stdout
    assert not (repo / "opportunities" / "nosuch").exists()


# --- wil review --------------------------------------------------------------------------


def _sait_copy(tmp_path: Path, pay: str = "amount_min: 24") -> Path:
    """ambrose-base-valid (Ambrose) and SAIT's copy of it on SAIT's own board, its pay as given."""
    root = make_region(tmp_path / "region")
    base = (root / "opportunities/ambrose/ambrose-base-valid.yaml").read_text("utf-8")
    copy = (
        base.replace("id: ambrose-base-valid", "id: sait-analyst-co-op")
        .replace("institution: ambrose", "institution: sait")
        .replace("careers.ambrose", "careers.sait")
        .replace("amount_min: 24", pay)
        .replace(
            "# place: opportunities/ambrose/ambrose-base-valid.yaml\n", "# A SAIT listing, kept by SAIT's staff.\n"
        )
    )
    (root / "opportunities/sait").mkdir()
    (root / "opportunities/sait/sait-analyst-co-op.yaml").write_text(copy, "utf-8")
    return root


def _twin_region(tmp_path: Path) -> Path:
    """A near copy at SAIT the matcher can only send to review (pay differs)."""
    return _sait_copy(tmp_path, "amount_min: 27")


def _row_region(tmp_path: Path) -> Path:
    """SAIT posts Ambrose's co-op as it is: one row for readers."""
    return _sait_copy(tmp_path)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_review_shows_a_title_with_direction_overrides_as_written_on_one_line(tmp_path: Path, lang: str) -> None:
    """U+202E, U+2066 and U+200F in a title or a host name would make the terminal
    show the line in another order than it holds: they are not printed."""
    root = _row_region(tmp_path)
    path = root / "opportunities/sait/sait-analyst-co-op.yaml"
    text = path.read_text("utf-8").replace(
        "Prairie Pipeline Analytics Inc.", "Prairie \u202eInc. Analytics\u2066 Pipe\u200fline"
    )
    path.write_text(text.replace("careers.sait", "careers.ambrose"), "utf-8")
    command = [sys.executable, "-m", "generator", "review", "--root", str(root), "--today", TODAY, "--lang", lang]
    out = _cli(command, input="k\n").stdout
    assert ("Pair 1 of 1" if lang == "en" else "Paire 1 sur 1") in out
    assert "Prairie Inc. Analytics Pipeline" in out
    assert not any(c in out for c in "\u202e\u2066\u200f\x1b")


@pytest.mark.parametrize(
    ("lang", "answer", "words"),
    [
        ("en", "d", "shown to readers as one row; the pages stay apart until both files agree"),
        ("fr", "d", "une seule ligne pour les lecteurs; les pages restent séparées tant que les deux fichiers"),
    ],
)
def test_review_offers_a_row_and_a_different_answer_splits_it(
    tmp_path: Path, lang: str, answer: str, words: str
) -> None:
    root = _row_region(tmp_path)
    rows = build_listings(validate_region(root, today=DAY).opportunities, {})[1].rows
    assert rows == [["ambrose-base-valid", "sait-analyst-co-op"]]
    command = [sys.executable, "-m", "generator", "review", "--root", str(root), "--today", TODAY, "--lang", lang]
    result = _cli([*command, "--institution", "sait"], input=f"{answer}\n")
    assert result.returncode == 0, result.stderr
    assert words in result.stdout
    assert ("titles say the same (+" if lang == "en" else "les titres disent la même chose (+") in result.stdout
    text = (root / "opportunities/sait/sait-analyst-co-op.yaml").read_text("utf-8")
    assert text.endswith("distinct_from: [ambrose-base-valid]\n")
    assert build_listings(validate_region(root, today=DAY).opportunities, {})[1].rows == []


@pytest.mark.parametrize(
    "answer,line", [("d", "distinct_from: [ambrose-base-valid]"), ("s", "same_as: ambrose-base-valid")]
)
def test_review_writes_the_decision_into_the_institutions_file_and_keeps_its_comments(
    tmp_path: Path, answer: str, line: str
) -> None:
    root = _twin_region(tmp_path)
    path = root / "opportunities/sait/sait-analyst-co-op.yaml"
    before = path.read_text("utf-8")
    command = [sys.executable, "-m", "generator", "review", "--root", str(root), "--today", TODAY]
    result = _cli([*command, "--institution", "sait"], input=f"{answer}\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Pair 1 of 1: ambrose-base-valid ~ sait-analyst-co-op" in result.stdout
    assert "  ≠ Pay " in result.stdout and "Paid: $27 per hour" in result.stdout
    assert "· both paid, unpaid or with a stipend, amounts differ (+" in result.stdout
    assert "(+0)" not in result.stdout  # a field that weighed nothing is not read out
    after = path.read_text("utf-8")
    assert after == before + line + "\n"  # one line added; comments and layout untouched
    assert (root / "opportunities/ambrose/ambrose-base-valid.yaml").read_text("utf-8").startswith("# place:")
    region = validate_region(root, today=DAY)
    assert not [p for p in region.problems if p.is_error]
    again = _cli(command, input="d\n")
    assert "No pair is waiting for a decision." in again.stdout  # decided once, for good


def test_review_speaks_french_and_appends_to_an_existing_list(tmp_path: Path) -> None:
    root = _twin_region(tmp_path)
    path = root / "opportunities/sait/sait-analyst-co-op.yaml"
    path.write_text(
        path.read_text("utf-8") + "distinct_from:  # two look-alikes we know of\n  - ambrose-base-valid-old\n", "utf-8"
    )
    (root / "opportunities/ambrose/ambrose-base-valid-old.yaml").write_text(
        (root / "opportunities/ambrose/ambrose-base-valid.yaml")
        .read_text("utf-8")
        .replace("id: ambrose-base-valid", "id: ambrose-base-valid-old")
        .replace("2027-", "2029-"),
        "utf-8",
    )
    command = [sys.executable, "-m", "generator", "review", "--root", str(root), "--today", TODAY, "--lang", "fr"]
    result = _cli([*command, "--institution", "sait"], input="x\nd\n")
    assert "Paire 1 sur 1\u00a0: ambrose-base-valid ~ sait-analyst-co-op" in result.stdout
    assert "[m] même [d] différente [p] plus tard [q] quitter" in result.stdout
    assert "distinct_from écrit dans opportunities/sait/sait-analyst-co-op.yaml." in result.stdout
    assert path.read_text("utf-8").endswith(
        "distinct_from:  # two look-alikes we know of\n  - ambrose-base-valid-old\n  - ambrose-base-valid\n"
    )
    assert not [p for p in validate_region(root, today=DAY).problems if p.is_error]


def test_review_adds_to_a_list_written_on_one_line() -> None:
    from generator.contribute.review import add_link

    text = "id: x-one\ndistinct_from: [x-two]  # seen in March\nstatus: open\n"
    new, found = add_link(text, "x.yaml", "x-three", "different")
    assert found is None and new == "id: x-one\ndistinct_from: [x-two, x-three]  # seen in March\nstatus: open\n"
    taken, found = add_link("id: x-one\nsame_as: x-two\n", "x.yaml", "x-three", "same")
    assert taken is None and found is not None and found.code == "review-same-as-taken"


def test_sheets_carry_what_a_listing_offers_in_either_language(tmp_path: Path) -> None:
    """Issue 13's fields by their English and by their French headers, values as staff type them."""
    repo = make_region(tmp_path / "repo")
    english = _sheet(
        tmp_path / "sheet.csv",
        [
            ROWS[0] + ",small,yes,computer-science;business,CAD drafting;Shop safety,Dessin DAO,"
            "Produce a shop drawing set,yes,yes,mentor;flexible-hours"
        ],
        HEADER + ",host_size,first_time_host,study_fields,skills_en,skills_fr,learning_outcomes_en,"
        "academic_credit,early_years,supports",
    )
    assert import_csv(english, "sait", repo, DAY).ok
    record = yaml.safe_load((repo / "opportunities/sait/sait-cad-co-op.yaml").read_text("utf-8"))
    assert record["host"]["size"] == "small" and record["host"]["first_time"] is True
    assert record["study_fields"] == ["computer-science", "business"]
    assert record["skills"] == {"en": ["CAD drafting", "Shop safety"], "fr": ["Dessin DAO"]}
    assert record["learning_outcomes"] == {"en": ["Produce a shop drawing set"]}
    assert record["academic_credit"] == "yes" and record["eligibility"]["early_years"] is True
    assert record["supports"] == ["mentor", "flexible-hours"]
    assert not [p for p in validate_region(repo, today=DAY).problems if p.is_error]

    sheet = tmp_path / "feuille.csv"
    header = FRENCH_HEADER + ";taille_hote;credits;soutiens;premiere_deuxieme_annee"
    sheet.write_text(f"{header}\n{FRENCH_ROW};micro;Sans crédits;Horaire flexible;oui\n", encoding="utf-8-sig")
    report = import_csv(sheet, "stmarys", repo, DAY)
    assert report.ok, report.text("fr")
    record = yaml.safe_load((repo / "opportunities/stmarys/stmarys-atelier-lecture.yaml").read_text("utf-8"))
    assert record["host"]["size"] == "micro" and record["academic_credit"] == "no"
    assert record["supports"] == ["flexible-hours"] and record["eligibility"]["early_years"] is True

    wrong = _sheet(tmp_path / "wrong.csv", [ROWS[0] + ",tiny"], HEADER + ",host_size")
    french = import_csv(wrong, "sait", repo, DAY).text("fr")
    assert "  ligne 2, colonne host_size  erreur  «\u00a0tiny\u00a0» ne fait pas partie des valeurs permises." in french
    assert "      -> Valeurs permises\u00a0: `micro`, `small`, `medium`, `large`." in french


# --- project proposals (issue 13) ---------------------------------------------------


def test_propose_a_project_form_is_generated_and_becomes_a_proposal_file(tmp_path: Path) -> None:
    from generator.contribute.proposal import PROPOSAL_COLUMNS, PROPOSAL_FORM, from_proposal

    form = yaml.safe_load((PROJECT_ROOT / PROPOSAL_FORM.path).read_text("utf-8"))
    assert form["labels"] == ["project-proposal"] and form["name"] == "Propose a project / Proposer un projet"
    assert {item.get("id") for item in form["body"]} - {None, "consent"} == {c.key for c in PROPOSAL_COLUMNS}
    root = make_region(tmp_path / "region")
    body = (FIXTURES / "issues" / "proposal-valid.md").read_text("utf-8")
    result = from_proposal(body, root, DAY)
    assert result.problems == [] and result.path is not None
    assert result.path.relative_to(root).as_posix() == "proposals/sunnyside-bakery-online-order-tracking-dashboard.yaml"
    record = yaml.safe_load(result.path.read_text("utf-8"))
    assert record["organisation"] == "Sunnyside Bakery" and record["organisation_size"] == "micro"
    assert record["formats"] == ["micro-internship", "industry-project"] and record["hours_per_month"] == 6
    assert record["proposed"] == TODAY and record["status"] == "open"
    assert result.path.read_text("utf-8").startswith("# yaml-language-server: $schema=../schema/proposal.schema.json\n")
    region = validate_region(root, today=DAY)
    assert [p.id for p in region.proposals] == ["sunnyside-bakery-online-order-tracking-dashboard"]
    assert not [p for p in region.problems if p.path.startswith("proposals/")]


def test_a_proposal_without_a_contact_is_refused_in_both_languages(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    body = (FIXTURES / "issues" / "proposal-valid.md").read_text("utf-8")
    body = body.replace("operations@sunnyside-bakery.example.ca", "_No response_").replace("micro\n", "tiny\n")
    path = tmp_path / "body.md"
    path.write_text(body, "utf-8")
    command = [sys.executable, "-m", "generator", "from-issue", str(path), "--form", "project", "--root", str(root)]
    english = _cli(command)
    assert english.returncode == 1 and "Traceback" not in english.stderr
    assert "  section “host_size / taille_hote”  error  “tiny” is not one of the allowed values." in english.stdout
    french = _cli([*command, "--lang", "fr"]).stdout
    assert "«\u00a0tiny\u00a0» ne fait pas partie des valeurs permises." in french
    assert not (root / "proposals").exists()
    fixed = body.replace("tiny\n", "micro\n")
    path.write_text(fixed, "utf-8")
    french = _cli([*command, "--lang", "fr"]).stdout
    assert (
        "  section «\u00a0contact_email / courriel\u00a0»  erreur  Le champ obligatoire "
        "«\u00a0Courriel de contact\u00a0» (`contact_email`) est absent.  [missing-field]"
    ) in french


@pytest.mark.parametrize(
    ("vocabulary", "written", "id_"),
    [
        ("pay_periods", "heure", "hour"),
        ("pay_periods", "À l'heure", "hour"),
        ("wil_types", "stage coopératif", "co-op"),
        ("wil_types", "micro-stage", "micro-internship"),
        ("wil_types", "MICROSTAGE", "micro-internship"),
        ("wil_types", "Co op", "co-op"),
        ("sectors", "fabrication", "manufacturing"),
        ("sectors", "Santé", "health"),
        ("sectors", "sante", "health"),
        ("sectors", "Health and life sciences", "health"),
        ("work_arrangements", "télétravail", "remote"),
    ],
)
def test_a_sheet_may_write_a_vocabulary_entry_in_either_language(vocabulary: str, written: str, id_: str) -> None:
    from generator.validate.columns import _term

    assert _term(vocabulary, written) == id_


def test_no_word_a_sheet_may_write_means_two_entries() -> None:
    from generator import vocab
    from generator.validate.columns import _squash, accepted

    for name in vocab.vocabularies():
        meaning: dict[str, str] = {}
        for id_, words in accepted(name).items():
            for word in words:
                assert meaning.setdefault(_squash(word), id_) == id_, (name, word, id_, meaning[_squash(word)])


def test_a_french_sheet_written_as_the_guide_says_imports(tmp_path: Path) -> None:
    """French values for the type, sector, pay period and arrangement (issue 22)."""
    repo = make_region(tmp_path / "region")
    header = "id,titre_fr,description_fr,hote,type_ait,secteurs,remuneration,montant_min,periode_paie,mode_travail,lien_candidature"
    row = (
        "analyse,Stage coopératif en analyse,Nettoyer des données de capteurs pour une petite firme de Calgary.,"
        "Fab Côté,stage coopératif,fabrication; santé,rémunéré,22,heure,hybride,https://careers.sait.example.ca/a"
    )
    sheet = tmp_path / "feuille.csv"
    sheet.write_text(f"{header}\n{row}\n", "utf-8")
    command = [sys.executable, "-m", "generator", "import", str(sheet), "--institution", "sait", "--root", str(repo)]
    result = _cli([*command, "--today", TODAY, "--lang", "fr"])
    assert result.returncode == 0, result.stdout + result.stderr
    text = (repo / "opportunities/sait/sait-analyse.yaml").read_text("utf-8")
    for line in ("wil_type: co-op", "- manufacturing", "- health", "period: hour", "work_arrangement: hybrid"):
        assert line in text, line


def test_a_column_may_go_by_the_names_people_give_it(tmp_path: Path) -> None:
    """`derniere_verification` (and `Dernière vérification`) is the `verifie_le`
    column; a misspelt name gets a suggestion (issue 22, point 2)."""
    repo = make_region(tmp_path / "repo")
    for header in ("derniere_verification", "Dernière vérification", "Last checked"):
        sheet = tmp_path / "feuille.csv"
        sheet.write_text(f"{FRENCH_HEADER};{header}\n{FRENCH_ROW};2026-11-03\n", encoding="utf-8")
        report = import_csv(sheet, "stmarys", repo, DAY)
        assert report.ok, report.text("fr")
        text = (repo / "opportunities/stmarys/stmarys-atelier-lecture.yaml").read_text("utf-8")
        assert "last_verified: '2026-11-03'" in text or "last_verified: 2026-11-03" in text
    sheet.write_text(f"{FRENCH_HEADER};derniere_verificaton\n{FRENCH_ROW};2026-11-03\n", encoding="utf-8")
    report = import_csv(sheet, "stmarys", repo, DAY)
    assert "Vouliez-vous dire `derniere_verification`\u00a0?" in report.text("fr")
    assert "Did you mean `derniere_verification`?" in report.text("en")


def test_no_name_of_a_column_means_two_columns() -> None:
    from generator.i18n import has, t
    from generator.validate.columns import COLUMNS, _header_key

    owners: dict[str, set[str]] = {}
    for column in COLUMNS:
        for lang in LANGUAGES:
            names = [column.header(lang)]
            if has(f"column.{column.key}.also", lang):
                names += t(f"column.{column.key}.also", lang).split(",")
            for name in names:
                owners.setdefault(_header_key(name), set()).add(column.key)
    assert {name: keys for name, keys in owners.items() if len(keys) > 1} == {}


@pytest.mark.parametrize(
    ("lang", "header", "row", "expected"),
    [
        ("en", HEADER, ROWS[0], ("Fill in the column `host`", "Fill in `apply_url` or `contact_email`, or both")),
        (
            "fr",
            FRENCH_HEADER,
            FRENCH_ROW,
            ("Remplissez la colonne `hote`", "Remplissez `lien_candidature` ou `courriel`, ou les deux"),
        ),
    ],
)
def test_an_import_names_the_sheets_own_columns_in_what_to_change(
    tmp_path: Path, lang: str, header: str, row: str, expected: tuple[str, str]
) -> None:
    """A missing host or way to apply is told in the sheet's words, not as YAML keys (issue 22, point 2)."""
    sep = ";" if lang == "fr" else ","
    names = header.split(sep)
    cells = next(csv.reader([row], delimiter=sep))
    keep = [i for i, name in enumerate(names) if name not in ("host", "hote", "apply_url", "lien_candidature")]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        sep.join(names[i] for i in keep) + "\n" + sep.join(cells[i] for i in keep) + "\n", encoding="utf-8"
    )
    repo = make_region(tmp_path / "repo")
    text = import_csv(sheet, "stmarys", repo, DAY).text(lang)
    assert expected[0] in text and expected[1] in text, text
    assert "`name:`" not in text and "Add `apply_url`" not in text and "Ajoutez une ligne" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_lists_exactly_what_an_import_accepts(lang: str) -> None:
    """Issue 22, point 1: the contributor's guide shows, for every column with a
    list of answers, each answer's id, label and other words, generated from
    the vocabularies; every word it shows imports as that answer."""
    import html

    from generator.i18n import t
    from generator.publish.docs import _values_table
    from generator.validate.columns import accepted, read_cell

    text = _values_table(lang)
    for column in COLUMNS:
        if ":" not in column.kind:
            continue
        name = column.kind.split(":", 1)[1]
        blocks = [b for b in text.split("<details") if f"<code>{html.escape(column.header(lang))}</code>" in b]
        assert len(blocks) == 1, column.key  # one list per vocabulary, named by its columns
        for id_, words in accepted(name).items():
            row = re.search(rf"<tr><td><code>{re.escape(id_)}</code></td><td>(.*?)</td><td>(.*?)</td></tr>", blocks[0])
            assert row, (name, id_)
            cell = html.unescape(re.sub(r"<[^>]+>", "", row.group(2)))
            shown = {id_, html.unescape(row.group(1)), *(w for w in cell.split(" · ") if w)}
            assert shown == set(words), (name, id_)
            for word in shown:
                value = read_cell(column, word)
                assert value == ([id_] if column.kind.startswith("list:") else id_), (column.key, word, value)
    yes = t("input.yes", "fr").split(",")[0].strip()
    assert yes in text and t("input.no", "en").split(",")[0].strip() in text
