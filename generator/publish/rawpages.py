"""A Markdown extension for the generated pages: each is one `<div
class="wil-page…">` of finished, escaped HTML (render/pages.py), which
Markdown would pass through unchanged, but only after parsing every tag of
it twice (Python-Markdown's raw-HTML block finder, then MkDocs' anchor
collector): half of MkDocs' time. This hands such a page to Markdown as one
stored raw block, so neither parses it. Hand-written pages (real Markdown)
do not start with that element and are left alone."""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

PAGE_START = '<div class="wil-page'


class _WholePage(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines).strip()
        if not (text.startswith(PAGE_START) and text.endswith("</div>")):
            return lines
        return [self.md.htmlStash.store(text)]


class GeneratedPages(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # Before MkDocs' anchor collector (21) and Markdown's raw-HTML blocks (20).
        md.preprocessors.register(_WholePage(md), "wil_generated_page", 25)


def makeExtension(**kwargs: object) -> GeneratedPages:  # noqa: N802 (Markdown's entry point)
    return GeneratedPages(**kwargs)
