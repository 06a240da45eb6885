"""French that is French everywhere: every message a French-speaking
coordinator or staff member reads (validator, import, issue form, build
summary, the /fr/ pages with the coordination page) is checked for words
that only the English catalogue uses. Words from the data files (hosts,
titles, programs) are the institutions' own and are set aside; identifiers
in `code` are what staff type and are the same in every language."""

from __future__ import annotations

import html.parser
import re
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from conftest import DAY, FIXTURES, PROJECT_ROOT, TODAY, cases, make_region, read_case, wil

from generator.i18n import catalogue_path
from generator.load.yamlstrict import load_file
from generator.publish.pipeline import build
from generator.reporters import files_summary, text
from generator.validate.region import validate_region

_WORD = re.compile(r"[\wÀ-ÿ]+(?:'[\wÀ-ÿ]+)?")
_CODE = re.compile(
    r"`[^`]*`|\{[a-z_]+\}|https?://\S+|\[[a-z0-9-]+\]|%\([a-z_]+\)[rs]|%s|<[^>]+>"
    r"|[\w.-]*/[\w./-]*|[\w.-]+\.(?:ya?ml|csv|md|json)\b|--[a-z-]+|\bwil [a-z-]+"  # paths, files, options, commands
)
# Names that are the same in both languages (products, formats, acronyms).
_NAMES = {
    "markdown",
    "github",
    "yaml",
    "csv",
    "html",
    "utf",
    "excel",
    "mkdocs",
    "pagefind",
    "json",
    "git",
    "vs",
    "code",
}
# French words that the English catalogue happens to use and the French one does not.
_FRENCH_TOO = {"application", "issue", "message"}


def _words(text: str) -> set[str]:
    """Words of a language: not numbers, not identifiers such as `apply_url` or `date_limite`."""
    found = _WORD.findall(_CODE.sub(" ", text))
    return {w.lower() for w in found if "_" not in w and not any(c.isdigit() for c in w)}


def _catalogue_words(lang: str) -> set[str]:
    with open(catalogue_path(lang), "rb") as handle:
        po = read_po(handle, locale=lang)
    out: set[str] = set()
    for message in po:
        if message.id:
            for text in [message.string] if isinstance(message.string, str) else list(message.string):
                out |= _words(text)
    return out


@cache
def english_only() -> frozenset[str]:
    """Words the English catalogue uses and the French one never does."""
    words = _catalogue_words("en") - _catalogue_words("fr") - _NAMES - _FRENCH_TOO
    assert {"the", "should", "allowed", "missing", "error", "warning", "files"} <= words
    return frozenset(w for w in words if len(w) > 1)


@cache
def _data_pattern(data: tuple[str, ...]) -> re.Pattern[str] | None:
    """The institutions' own texts as whole words (longest first), to set them aside."""
    if not data:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(value) for value in data) + r")(?!\w)")


def english_in(french: str, data: tuple[str, ...] = ()) -> set[str]:
    pattern = _data_pattern(data)
    if pattern is not None:
        french = pattern.sub(" ", french)
    return _words(french) & english_only()


# --- messages ---------------------------------------------------------------------

INVALID = cases("invalid")


@pytest.mark.parametrize("case", INVALID, ids=lambda c: c.name)
def test_every_invalid_fixture_is_explained_in_french(case: Any, tmp_path: Path) -> None:
    root = make_region(tmp_path / "region", case)
    region = validate_region(root, today=DAY)
    problems = [p for p in region.problems if p.path == case.place]
    assert problems
    report = text(problems, files_summary(problems, len(region.files)), "fr")
    body = "\n".join(line for line in report.splitlines() if line.startswith(" "))  # not the file's path
    assert english_in(body) == set(), report
    assert "erreur" in report


def test_import_issue_form_and_new_answer_in_french(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    sheet = tmp_path / "feuille.csv"
    sheet.write_text(
        "titre_fr;type_ait;secteurs;date_debut;date_fin;remuneration;montant_min;lien_candidature;colonne_inconnue\n"
        "Stage;stage;énergie;2027-05-01;2027-04-01;payé;beaucoup;http://x.example.ca;x\n",
        encoding="utf-8",
    )
    outputs = []
    for command in (
        ["import", str(sheet), "--institution", "sait"],
        ["import", str(sheet.with_name("absent.csv")), "--institution", "nulle-part"],
        ["from-issue", str(FIXTURES / "issues" / "hostile-javascript-link.md")],
        ["from-issue", str(FIXTURES / "issues" / "hostile-no-consent.md")],
        ["new", "nulle-part"],
        ["new", "sait"],
        ["new", "sait"],
        ["validate", "opportunities/sait"],
        ["codeowners", "--check"],
        ["build", "--strict", "--out", str(tmp_path / "site")],
    ):
        result = wil(*command, "--root", str(root), "--today", TODAY, "--lang", "fr")
        assert "Traceback" not in result.stderr, (command, result.stderr)
        outputs.append(result.stdout + result.stderr)
    everything = "\n".join(outputs)
    data = tuple(sorted({str(root), str(tmp_path), "feuille.csv", "absent.csv"}, key=len, reverse=True))
    assert english_in(everything, data) == set(), everything
    for expected in ("colonne", "n'est pas", "Aucun établissement", "existe déjà", "Occasions affichées"):
        assert expected in everything


def test_unknown_argument_and_help_are_in_french() -> None:
    result = wil("validate", "--format", "pdf", "--lang", "fr")
    assert result.returncode == 2 and "erreur\u00a0: argument --format\u00a0: choix invalide" in result.stderr
    helped = wil("import", "--help", "--lang", "fr")
    assert "utilisation\u00a0:" in helped.stdout and "créer ou mettre à jour un fichier par ligne" in helped.stdout
    assert english_in(helped.stdout) == set(), helped.stdout


# --- the French site -------------------------------------------------------------


class _Text(html.parser.HTMLParser):
    """Visible text of a page, minus what is marked as another language, code
    or untranslatable, and minus scripts and the search index's hidden data."""

    SKIP = frozenset({"script", "style", "code", "pre", "svg", "template"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = (
            tag in self.SKIP
            or (values.get("lang") or "fr").split("-")[0] != "fr"
            or values.get("translate") == "no"
            or "hidden" in values
        )
        if tag in ("meta", "link", "br", "img", "input", "hr", "wbr", "source"):
            if not (self.stack and self.stack[-1]) and tag == "input" and values.get("placeholder"):
                self.attributes.append(values["placeholder"] or "")
            return
        self.stack.append(skip or bool(self.stack and self.stack[-1]))
        if not self.stack[-1]:
            for name in ("aria-label", "title", "alt", "placeholder"):
                if values.get(name):
                    self.attributes.append(values[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("meta", "link", "br", "img", "input", "hr", "wbr", "source") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def _visible(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text("utf-8"))
    return " ".join(parser.parts + parser.attributes)


def _data_strings(root: Path) -> tuple[str, ...]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in [*root.glob("opportunities/*/*.yaml"), *root.glob("institutions/*.yaml")]:
        walk(load_file(path).data)
    return tuple(sorted((s for s in found if s), key=len, reverse=True))


@pytest.mark.slow
def test_french_pages_have_no_english_words(tmp_path: Path) -> None:
    """The sample region plus broken files and duplicates to review, so the
    coordination page shows files left out and review pairs, in French."""
    root = tmp_path / "region"
    shutil.copytree(PROJECT_ROOT / "institutions", root / "institutions")
    shutil.copyfile(PROJECT_ROOT / "region.yaml", root / "region.yaml")
    shutil.copytree(PROJECT_ROOT / "opportunities", root / "opportunities")
    for name in (
        "wil-type_unknown.yaml",
        "start-date_no-month.yaml",
        "hours-per-week_text.yaml",
        "file_syntax-error.yaml",
    ):
        case = read_case(FIXTURES / "invalid" / name)
        (root / case.place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case.source, root / case.place)
    result = build(root, tmp_path / "site", DAY, build_dir=tmp_path / "build")
    assert result.site is not None and result.report.review and len(result.report.invalid_files) == 4
    data = _data_strings(root)
    pages = sorted((result.site / "fr").rglob("index.html"))
    assert len(pages) > 100
    found = {}
    for page in pages:
        words = english_in(_visible(page), data)
        if words:
            found[page.relative_to(result.site).as_posix()] = sorted(words)
    assert found == {}
    coordination = _visible(result.site / "fr" / "coordination" / "index.html")
    assert "n'est pas une valeur permise" in coordination and "il n'y a pas de mois 13" in coordination
    assert "titres dans des langues différentes" in coordination or "même employeur" in coordination
