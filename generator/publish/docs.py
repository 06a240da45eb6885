"""Write each language's docs folder: generated pages plus the hand-written
ones, touching only files whose content changed (so `mkdocs serve` does not
rebuild forever) and removing pages that no longer exist.

Hand-written pages (resources/pages/<lang>/) may hold a few `{{ name }}`
markers for what must not be copied by hand: the repository's links and the
table of spreadsheet columns, made from the column table and the catalogue
so the guide can never disagree with what `wil import` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from generator import paths, reporters
from generator.contribute.columns import COLUMNS
from generator.files import write_if_changed
from generator.i18n import t
from generator.layout import LANGUAGES, prefix
from generator.load.yamlstrict import load_text
from generator.models import Opportunity
from generator.problems import dotted
from generator.publish.config import base_config
from generator.render.pages import Page
from generator.validate import fields

_MARKER = re.compile(r"\{\{ ([a-z_]+) \}\}")

# A file with one typo, validated for real to show the guide's example error
# exactly as `wil validate` prints it, in the page's language.
_EXAMPLE_PATH = "opportunities/ucalgary/ucalgary-data-co-op.yaml"
_EXAMPLE = """\
id: ucalgary-data-co-op
title:
  en: Data analyst co-op
description:
  en: Clean sensor data and build dashboards for a pipeline operator.
institutions:
  - institution: ucalgary
    contact_email: coop@ucalgary.example.ca
host:
  name: Prairie Pipeline Analytics Inc.
  kind: employer
sectors: [energy, technology]
compensation: {type: paid}
work_arrangement: hybrid
audience: [students]
wil_type: internshp
last_verified: 2026-11-02
"""


def _columns_table(lang: str) -> str:
    heads = [
        t("ui.col_field", lang),
        *(t("ui.col_column", lang, language=t(f"language.{x}", lang)) for x in LANGUAGES),
        t("ui.col_meaning", lang),
    ]
    rows = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for column in COLUMNS:
        cells = [f"`{dotted(column.path)}`", *(f"`{column.header(x)}`" for x in LANGUAGES), column.help(lang)]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _error_example(lang: str) -> str:
    loaded = load_text(_EXAMPLE, _EXAMPLE_PATH)
    _, problems = fields.check(Opportunity, loaded)
    report = reporters.text(problems, reporters.files_summary(problems, 1), lang)
    return "\n".join(report.splitlines()[:3])


def markers(lang: str) -> dict[str, Callable[[], str]]:
    repository = str(base_config().get("extra", {}).get("repository", "")).rstrip("/")
    return {
        "repository": lambda: repository,
        "issue_form": lambda: f"{repository}/issues/new?template=new-opportunity.yml",
        "schema": lambda: f"{repository}/blob/main/schema/opportunity.schema.json",
        "columns_table": lambda: _columns_table(lang),
        "error_example": lambda: _error_example(lang),
        # from a hand-written page (one folder deep: about/) to the site's root
        "root": lambda: "../" * (1 + prefix(lang).count("/")),
    }


def _fill(text: str, lang: str) -> str:
    values = markers(lang)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(f"unknown marker {{{{ {name} }}}} in a hand-written page")
        return values[name]()

    return _MARKER.sub(replace, text)


def _handwritten(lang: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for base, folder in ((paths.PAGES / lang, ""), (paths.PAGES / "assets", "assets/")):
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    data = path.read_bytes()
                    if path.suffix == ".md":
                        data = _fill(data.decode("utf-8"), lang).encode("utf-8")
                    files[folder + path.relative_to(base).as_posix()] = data
    return files


def handwritten_pages(lang: str) -> list[str]:
    """The hand-written pages' paths in a language's docs folder (`about.md`)."""
    return sorted(path for path in _handwritten(lang) if path.endswith(".md"))


def write_docs(folder: Path, lang: str, pages: Iterable[Page]) -> int:
    """Make `folder` hold exactly these pages; return how many files changed."""
    wanted = _handwritten(lang)
    for page in pages:
        if page.path in wanted:
            raise ValueError(f"generated page {page.path} would overwrite a hand-written one")
        wanted[page.path] = page.text.encode("utf-8")
    root = folder.resolve()
    changed = 0
    for rel, content in wanted.items():
        target = (root / rel).resolve()
        if not target.is_relative_to(root):  # ids are validated; this is the second lock
            raise ValueError(f"refusing to write outside {root}: {rel}")
        changed += write_if_changed(target, content) != "unchanged"
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
