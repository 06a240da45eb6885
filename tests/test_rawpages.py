"""The Markdown extension for generated pages changes how fast MkDocs reads
them, never what it makes of them: every generated page of the sample region,
in every language, converts to the same HTML with it as without it."""

from __future__ import annotations

import markdown
from conftest import DAY, sample_region

from generator.layout import LANGUAGES
from generator.merge.listing import build_listings, partition
from generator.publish.rawpages import PAGE_START
from generator.publish.report import build_report
from generator.render.pages import render_language
from generator.render.site import SiteData

EXTENSIONS = ["attr_list", "admonition", "toc"]  # as resources/theme/mkdocs.yml


def _body(text: str) -> str:
    return text.split("\n---\n", 1)[1]  # after the front matter


def test_generated_pages_convert_the_same_with_and_without_the_extension() -> None:
    region = sample_region()
    listings, dedupe = build_listings(region.opportunities, region.institutions)
    split = partition(listings, DAY)
    report = build_report(region, listings, split, dedupe, DAY)
    site = SiteData.build(split.listed, region.institutions, DAY, report=report, closed=split.expired)
    for lang in LANGUAGES:
        for page in render_language(site, lang):
            if not page.path.endswith(".md"):  # the embed page: HTML MkDocs copies as is
                continue
            body = _body(page.text)
            assert body.strip().startswith(PAGE_START), page.path
            plain = markdown.Markdown(extensions=EXTENSIONS).convert(body)
            fast = markdown.Markdown(extensions=["generator.publish.rawpages", *EXTENSIONS]).convert(body)
            assert fast == plain, page.path
