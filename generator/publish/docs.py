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
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from generator import paths, reporters, vocab
from generator.i18n import t
from generator.layout import LANGUAGES, prefix
from generator.load.yamlstrict import load_text
from generator.models import Opportunity
from generator.problems import dotted
from generator.publish.config import base_config
from generator.publish.search_index import search_document
from generator.render.pages import Page
from generator.render.urls import page_url
from generator.tree import Folder
from generator.validate import fields
from generator.validate.columns import COLUMNS, accepted, input_words

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


_CODE = re.compile(r"`([^`]+)`")


def _inline(text: str) -> str:
    """A help text's `code` spans as <code>, the rest escaped."""
    return _CODE.sub(r"<code>\1</code>", escape(text, quote=False))


def _columns_table(lang: str) -> str:
    """Every field with its spreadsheet columns, in a box that scrolls on its
    own and is reachable by keyboard (axe: scrollable-region-focusable)."""
    heads = [
        t("ui.col_field", lang),
        *(t("ui.col_column", lang, language=t(f"language.{x}", lang)) for x in LANGUAGES),
        t("ui.col_meaning", lang),
    ]
    rows = []
    for column in COLUMNS:
        cells = [dotted(column.path), *(column.header(x) for x in LANGUAGES)]
        coded = "".join(f"<td><code>{escape(cell)}</code></td>" for cell in cells)
        rows.append(f"<tr>{coded}<td>{_inline(column.help(lang))}</td></tr>")
    label = escape(t("ui.columns_table_label", lang))
    return (
        f'<div class="wil-table-scroll" tabindex="0" role="region" aria-label="{label}">'
        '<table class="wil-table wil-columns__table"><thead><tr>'
        + "".join(f'<th scope="col">{escape(head)}</th>' for head in heads)
        + "</tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )


def _values_table(lang: str) -> str:
    """What a sheet may write in each column with a list of answers, made
    from the vocabularies and the catalogues (validate/columns.accepted), so
    the guide and the import cannot disagree: each entry's id, its label, and
    every other word accepted for it, in either language."""
    out: list[str] = []
    seen: set[str] = set()
    for column in COLUMNS:
        if ":" not in column.kind:
            continue
        name = column.kind.split(":", 1)[1]
        if name in seen:
            continue
        seen.add(name)
        headers = " / ".join(f"<code>{escape(column.header(x))}</code>" for x in LANGUAGES)
        rows = []
        for term in vocab.vocabularies()[name]:
            label = term.label(lang)
            words = accepted(name)[term.id]
            shown = {term.id, label}
            others = []  # each word marked with its language (a screen reader says it right)
            for other in LANGUAGES:
                mine = [term.label(other), *input_words(term, other)]
                for word in dict.fromkeys(mine):
                    if word in words and word not in shown:
                        shown.add(word)
                        others.append(f'<span lang="{other}">{escape(word)}</span>')
            others += [escape(w) for w in words if w not in shown]
            rows.append(
                f"<tr><td><code>{escape(term.id)}</code></td><td>{escape(label)}</td><td>{' · '.join(others)}</td></tr>"
            )
        heads = "".join(
            f'<th scope="col">{escape(t(key, lang))}</th>' for key in ("ui.col_value", "ui.col_label", "ui.col_also")
        )
        out.append(
            f'<details class="wil-values"><summary>{headers}</summary>\n'
            f'<div class="wil-table-scroll" tabindex="0" role="region" aria-label="{escape(column.header(lang))}">'
            f'<table class="wil-table wil-values__table"><thead><tr>{heads}</tr></thead><tbody>\n'
            + "\n".join(rows)
            + "\n</tbody></table></div></details>"
        )
    yes = ", ".join(sorted({w.strip() for x in LANGUAGES for w in t("input.yes", x).split(",") if w.strip()}))
    no = ", ".join(sorted({w.strip() for x in LANGUAGES for w in t("input.no", x).split(",") if w.strip()}))
    out.append(f"<p>{escape(t('ui.values_yes_no', lang, yes=yes, no=no))}</p>")
    return "\n\n".join(out)


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
        "values_table": lambda: _values_table(lang),
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


@dataclass(slots=True)
class DocsChange:
    """What writing a docs folder changed (paths relative to it)."""

    pages: int = 0  # generated pages written or kept
    indexed: list[str] = field(default_factory=list)  # generated pages search engines may list
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    searched: bool = False  # a search document was written or removed: the index must be rebuilt


def search_path(lang: str, page: str) -> str:
    """Where a page's search document goes in the search folder: its address from the site's root."""
    return prefix(lang) + page_url(page) + "index.html"


def write_docs(
    folder: Path,
    lang: str,
    pages: Iterable[Page],
    search: Path | None = None,
    tick: Callable[[int], None] | None = None,
    preserve: frozenset[str] = frozenset(),
) -> DocsChange:
    """Make `folder` hold exactly the hand-written files and these pages,
    writing each page as it comes (never all at once) and only if its text
    changed, so MkDocs' dirty rebuild and `wil serve` see only real changes.
    With `search`, also each listed opportunity's search document there
    (search_index.py), at the page's path from the site's root. `tick`
    counts opportunity pages, for a progress bar. Pages in `preserve` that no
    listing makes stay as they are (the preview's pages of broken files)."""
    docs = Folder(folder)
    documents = Folder(search) if search is not None else None
    handwritten = _handwritten(lang)
    change = DocsChange()
    for rel, content in handwritten.items():
        if docs.put(rel, content):
            change.changed.append(rel)
    for page in pages:
        if page.path in handwritten:
            raise ValueError(f"generated page {page.path} would overwrite a hand-written one")
        if page.kept:
            docs.keep(page.path)
        elif docs.put(page.path, page.text if isinstance(page.text, bytes) else page.text.encode("utf-8")):
            change.changed.append(page.path)
        change.pages += 1
        if tick is not None and page.path.startswith("opportunities/") and page.path.endswith(".md"):
            tick(1)
        if page.indexed and page.path.endswith(".md"):
            change.indexed.append(page.path)
            if documents is not None and page.path.startswith("opportunities/"):
                target = search_path(lang, page.path)
                if page.kept:
                    documents.keep(target)
                else:
                    body = str(page.text).split("\n---\n", 1)[1].strip()
                    change.searched |= documents.put(target, search_document(lang, body).encode("utf-8"))
    for rel in preserve:
        if (folder / rel).is_file():
            docs.keep(rel)
    change.removed = docs.sweep()
    if documents is not None:
        change.searched |= bool(documents.sweep())
    return change
