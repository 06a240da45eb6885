"""Inputs a hostile or careless contributor can give (issue 14), each named
for the attack: data that tries to speak in CI's voice, links and special
files where data is expected, and sheets that used to end in a traceback or
a hang. Every command here must answer with a clear message within 5 s."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DAY, TODAY, make_region, wil

from generator import escape, reporters
from generator.files import write_if_changed
from generator.i18n import msg
from generator.problems import problem
from generator.validate.region import validate_region

WIL = [sys.executable, "-m", "generator"]


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A `wil` command, in this process (conftest.wil)."""
    return wil(*args, cwd=cwd)


def _spawn(*args: str) -> subprocess.CompletedProcess[str]:
    """A real `wil` process, for what could hang (a FIFO read): a hang fails
    the test instead of stalling the suite. The limit is far above the
    second it takes, so a busy machine never fails it."""
    return subprocess.run([*WIL, *args], capture_output=True, text=True, timeout=120)


def _hostile_key(root: Path) -> Path:
    """A file whose unknown key carries a line break, a workflow command and Markdown."""
    path = root / "opportunities/ucalgary/ucalgary-hostile.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    base = (root / "opportunities/ambrose/ambrose-base-valid.yaml").read_text("utf-8")
    text = base.replace("id: ambrose-base-valid", "id: ucalgary-hostile").replace("ambrose", "ucalgary")
    key = "x\\n::error file=README.md,line=1::pwned\\n| injected | *cell* |\\n@everyone\\u001b[2J"
    path.write_text(text + f'"{key}": 1\n', "utf-8")
    return path


# --- data never speaks in CI's voice ---------------------------------------------


def test_a_newline_carrying_key_cannot_start_a_workflow_command(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    _hostile_key(root)
    out = _run("validate", "--root", str(root), "--today", TODAY, "--format", "github").stdout
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=opportunities/ucalgary/ucalgary-hostile.yaml,")
    assert "%0A::error file=README.md" in commands[0]  # the data's line break is escaped, not obeyed
    assert all(not line.startswith("::") or line.startswith("::error file=opportunities/") for line in lines)
    assert "\x1b" not in out


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_build_summary_cannot_start_a_workflow_command(tmp_path: Path, lang: str) -> None:
    """`wil build --strict` lists what it left out: the key is named on one line."""
    root = make_region(tmp_path / "region")
    _hostile_key(root)
    key = "x\\n::add-mask::secret\\n::error file=README.md,line=1,title=FORGED::pwned"
    (root / "opportunities/ucalgary/ucalgary-hostile.yaml").write_text(
        (root / "opportunities/ucalgary/ucalgary-hostile.yaml").read_text("utf-8") + f'"{key}": 2\n', "utf-8"
    )
    result = subprocess.run(
        [
            *WIL,
            "build",
            "--strict",
            "--root",
            str(root),
            "--today",
            TODAY,
            "--lang",
            lang,
            "--out",
            str(tmp_path / "s"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1
    printed = (result.stdout + result.stderr).splitlines()
    assert [line for line in printed if line.lstrip().startswith("::")] == []
    left_out = [line for line in printed if "ucalgary-hostile.yaml" in line]
    assert left_out and any("::add-mask::secret ::error file=README.md" in line for line in left_out)
    assert "\x1b" not in result.stdout + result.stderr


def test_a_newline_carrying_key_cannot_add_markdown_to_a_summary(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    _hostile_key(root)
    out = _run("validate", "--root", str(root), "--today", TODAY, "--format", "markdown").stdout
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) == 3  # the header, its rule and the one problem: the data added no row
    assert "\\| injected \\|" in rows[2] and "\\*cell\\*" in rows[2] and "\\@everyone" in rows[2]
    assert "\x1b" not in out and "<" not in rows[2]


def test_the_terminal_shows_data_on_one_line_without_control_characters(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    _hostile_key(root)
    out = _run("validate", "--root", str(root), "--today", TODAY).stdout
    assert "\x1b" not in out
    assert not any(line.startswith("::") for line in out.splitlines())


def test_each_output_has_its_own_escaping() -> None:
    data = "50% done,\r\nline: two\t\x1b[31m<b>@team</b>\u202e"
    assert escape.annotation_data(data) == "50%25 done,%0D%0Aline: two[31m<b>@team</b>"
    assert escape.annotation_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape.terminal(data) == "50% done,  line: two [31m<b>@team</b>"
    assert escape.markdown("# *x* | `y` <i>@z</i>") == "\\# \\*x\\* \\| \\`y\\` &lt;i&gt;\\@z&lt;/i&gt;"
    found = problem("a\nb.yaml", (1, 1), "misplaced-file")
    text = reporters.text([found], msg("summary.all-valid", 1), "en")
    assert text.splitlines()[0] == "a b.yaml"


# --- only regular files inside the repository are read ---------------------------


def test_a_symlink_to_a_file_outside_the_repository_is_refused(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: ucalgary-secret\npassword: hunter2\n", "utf-8")
    (root / "opportunities/ucalgary").mkdir(parents=True)
    (root / "opportunities/ucalgary/ucalgary-secret.yaml").symlink_to(secret)
    (root / "opportunities/leak").symlink_to(tmp_path, target_is_directory=True)  # a linked folder
    result = _run("validate", "--root", str(root), "--today", TODAY, "--format", "json")
    assert result.returncode == 1 and "hunter2" not in result.stdout
    found = {p.path: p.code for p in validate_region(root, today=DAY).problems}
    assert found == {
        "opportunities/ucalgary/ucalgary-secret.yaml": "symlink-refused",
        "opportunities/leak": "symlink-refused",
    }
    (refused,) = [p for p in validate_region(root, today=DAY).problems if p.path.endswith("secret.yaml")]
    assert refused.text("en")[0].startswith("`opportunities/ucalgary/ucalgary-secret.yaml` is a link.")
    assert refused.text("fr")[0].startswith("`opportunities/ucalgary/ucalgary-secret.yaml` est un lien.")


def test_folders_and_fifos_named_like_data_are_refused_without_hanging(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    (root / "opportunities/ucalgary/ucalgary-folder.yaml").mkdir(parents=True)
    os.mkfifo(root / "opportunities/ucalgary/ucalgary-pipe.yaml")
    os.mkfifo(root / "institutions/pipe.yaml")
    result = _spawn("validate", "--root", str(root), "--today", TODAY)
    assert result.returncode == 1
    assert "ucalgary-folder.yaml  error" not in result.stdout  # the place is the file's, not a line's
    found = {p.path: p.code for p in validate_region(root, today=DAY).problems}
    assert found == {
        "opportunities/ucalgary/ucalgary-folder.yaml": "folder-named-like-data",
        "opportunities/ucalgary/ucalgary-pipe.yaml": "special-file-refused",
        "institutions/pipe.yaml": "special-file-refused",
    }
    assert _spawn("codeowners", "--root", str(root), "--check").returncode in (0, 1)  # answers, never hangs


# --- imports end with a message, never a traceback or a hang ---------------------

HEADER = "id,title_en,description_en,host,wil_type,sectors,compensation,work_arrangement,apply_url"
ROW = "cad,Design co-op,Design brackets and jigs for a small fabrication shop.,Foothills Fab,co-op,manufacturing,paid,on-site,https://careers.sait.example.ca/cad"


def _import(root: Path, sheet: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return _run("import", str(sheet), "--institution", "sait", "--root", str(root), "--today", TODAY, "--lang", lang)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("crlf.csv", f"{HEADER}\r\n{ROW}\r\n".encode()),
        ("cr-only.csv", f"{HEADER}\r{ROW}\r".encode()),  # classic Mac line ends
        ("utf16.csv", f"{HEADER}\n{ROW}\n".encode("utf-16")),  # Excel's "Unicode text", with its BOM
    ],
)
def test_sheets_in_every_format_a_spreadsheet_writes_are_read(tmp_path: Path, name: str, content: bytes) -> None:
    root = make_region(tmp_path / "region")
    sheet = tmp_path / name
    sheet.write_bytes(content)
    result = _import(root, sheet)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "opportunities/sait/sait-cad.yaml").is_file()


def test_bytes_no_encoding_reads_are_refused_with_their_row_column_and_offset(tmp_path: Path) -> None:
    """Not Windows-1252 either (0x81, 0x8D, 0x90 are undefined there): refused,
    never replaced by a character nobody wrote, and nothing is written."""
    root = make_region(tmp_path / "region")
    sheet = tmp_path / "legacy.csv"
    row = ROW.replace("Foothills Fab", "Foothills Ware\x81\x8d\x90house")
    content = f"{HEADER}\n{row}\n".encode("latin-1")
    sheet.write_bytes(content)
    offset = content.index(b"\x81")
    result = _import(root, sheet)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"row 2, column host  error  A byte in this cell (code 0x81, {offset} bytes from the start" in result.stdout
    assert 'Export the sheet again as "CSV UTF-8"' in result.stdout
    french = _import(root, sheet, "fr").stdout
    assert f"ligne 2, colonne host  erreur  Un octet de cette cellule (code 0x81, à {offset} octets du début" in french
    assert "Exportez de nouveau la feuille en « CSV UTF-8 »" in french
    assert not (root / "opportunities/sait").exists()


def test_a_windows_1252_sheet_keeps_its_accents(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    sheet = tmp_path / "excel.csv"
    sheet.write_bytes(f"{HEADER}\n{ROW.replace('Foothills Fab', 'Fabrication Côté')}\n".encode("cp1252"))
    assert _import(root, sheet).returncode == 0
    assert "host:\n  name: Fabrication Côté" in (root / "opportunities/sait/sait-cad.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("given", "written_id"),
    [("..", "sait-foothills-fab-design-co-op"), ("-", "sait-foothills-fab-design-co-op"), ("mru", "sait-mru")],
)
def test_an_import_never_writes_an_id_validate_refuses(tmp_path: Path, given: str, written_id: str) -> None:
    """An id with nothing left once made safe takes the host and title instead:
    the written file passes `wil validate`, the id its institution's."""
    root = make_region(tmp_path / "region")
    sheet = tmp_path / "ids.csv"
    sheet.write_text(f"{HEADER}\n{ROW.replace('cad,', given + ',', 1)}\n", "utf-8")
    result = _import(root, sheet)
    assert result.returncode == 0, result.stdout + result.stderr
    (written,) = (root / "opportunities/sait").glob("*.yaml")
    assert written.name == f"{written_id}.yaml"
    assert f"id: {written_id}\n" in written.read_text("utf-8")
    assert _run("validate", "--root", str(root), "--today", TODAY).returncode == 0


def test_a_very_long_cell_is_a_problem_on_its_row_and_column(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    sheet = tmp_path / "long.csv"
    long_row = ROW.replace("Design brackets", "x" * 300_000)
    length = len(long_row.split(",")[2])
    sheet.write_text(f"{HEADER}\n{long_row}\n", "utf-8")
    result = _import(root, sheet)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"  row 2, column description_en  error  This cell holds {length} characters; no field takes more than 20000."
        in result.stdout
    )
    french = _import(root, sheet, "fr").stdout
    assert f"ligne 2, colonne description_en  erreur  Cette cellule contient {length} caractères\u00a0;" in french


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_sheet_that_is_not_a_file_gets_a_message(tmp_path: Path, kind: str) -> None:
    root = make_region(tmp_path / "region")
    sheet = tmp_path / "sheet.csv"
    os.mkfifo(sheet) if kind == "fifo" else sheet.mkdir()
    result = _import(root, sheet)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "`sheet.csv` is not an ordinary file (a folder, a link or a special file)" in result.stdout


@pytest.mark.parametrize("kind", ["fifo", "folder", "link"])
def test_the_import_never_writes_over_something_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    root = make_region(tmp_path / "region")
    target = root / "opportunities/sait/sait-cad.yaml"
    target.parent.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", "utf-8")
    {"fifo": lambda: os.mkfifo(target), "folder": target.mkdir, "link": lambda: target.symlink_to(outside)}[kind]()
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"{HEADER}\n{ROW}\n", "utf-8")
    result = _import(root, sheet)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "`opportunities/sait/sait-cad.yaml` exists but is not an ordinary file" in result.stdout
    assert outside.read_text("utf-8") == "keep me"


def test_an_issue_body_that_is_not_a_file_gets_a_message(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    body = tmp_path / "body.md"
    os.mkfifo(body)
    result = _run("from-issue", str(body), "--root", str(root))
    assert result.returncode == 1 and "`body.md` is not an ordinary file" in result.stdout


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_codeowners_answers_when_its_target_is_not_a_file(tmp_path: Path, kind: str) -> None:
    root = make_region(tmp_path / "region")
    target = root / ".github/CODEOWNERS"
    target.parent.mkdir(parents=True)
    os.mkfifo(target) if kind == "fifo" else target.mkdir()
    result = _run("codeowners", "--root", str(root), "--lang", "fr")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "n'est pas un fichier ordinaire" in result.stderr + result.stdout


def test_a_rewritten_file_keeps_its_mode_and_a_new_one_is_not_private(tmp_path: Path) -> None:
    """Files are written through a private temporary file: what lands must
    keep the mode staff gave a data file, and a new file must be readable by
    a web server running as another user."""
    kept = tmp_path / "data.yaml"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o640)
    assert write_if_changed(kept, "new\n") == "updated"
    assert kept.stat().st_mode & 0o777 == 0o640
    assert kept.read_text(encoding="utf-8") == "new\n"
    fresh = tmp_path / "site" / "page.html"
    assert write_if_changed(fresh, "<p>hi</p>") == "created"
    umask = os.umask(0o022)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    assert not [p for p in fresh.parent.iterdir() if p.name.startswith(".tmp-")]


def test_a_direction_override_in_any_text_field_is_flagged(tmp_path: Path) -> None:
    """Trojan-Source-style text: the file stays valid (a warning), each field named."""
    root = make_region(tmp_path / "region")
    path = root / "opportunities/ambrose/ambrose-base-valid.yaml"
    text = path.read_text("utf-8")
    text = text.replace("  en: Data analyst co-op", "  en: Data analyst \u202eco-op").replace(
        "name: Prairie Pipeline Analytics Inc.", "name: Prairie \u2066Pipeline Analytics Inc."
    )
    path.write_text(text.replace("  fr: Stage", "  fr: \u200fStage"), "utf-8")  # a mark: fine
    found = [p for p in validate_region(root, today=DAY).problems if p.path.endswith("ambrose-base-valid.yaml")]
    assert [(p.code, p.field, p.is_error) for p in found] == [
        ("bidi-control", "title.en", False),
        ("bidi-control", "host.name", False),
    ]
    assert found[0].text("en")[0] == (
        "`title.en` holds an invisible character (U+202E) that changes the direction of the text: "
        "it can show in another order than it is written."
    )
    assert found[1].text("fr")[0].startswith("`host.name` contient un caractère invisible (U+2066)")
