"""Projects proposed to the region (proposals/*.yaml) on the site: every open
one, its words in the page's language, and for each format it could fit the
offices that run that format according to the listings, not all of them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import test_browser
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import PROJECT_ROOT, listed_today
from playwright.sync_api import Browser

from generator.i18n import t, template

pytestmark = pytest.mark.slow


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _proposals() -> list[dict]:
    found = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((PROJECT_ROOT / "proposals").glob("*.yaml"))]
    return [p for p in found if p.get("status", "open") == "open"]


def _offices(wil_type: str) -> list[str]:
    """Short names of the institutions with an open listing of this type, from the listings themselves."""
    names = {
        o.institution.id: o.institution.shown_name
        for x in listed_today()
        if x.record.wil_type == wil_type
        for o in x.offers
    }
    return [names[i] for i in sorted(names)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_open_proposal_is_shown_with_the_offices_that_run_its_formats(sample_site: Path, lang: str) -> None:
    prefix = "" if lang == "en" else "fr/"
    html = (sample_site / prefix / "proposals" / "index.html").read_text("utf-8")
    proposals = _proposals()
    assert proposals, "the sample region proposes projects"
    count = len(proposals)
    assert t("ui.proposals_count", lang, count=count) in _text(html)
    for proposal in proposals:
        block = html[html.index(f'id="{proposal["id"]}"') :]
        block = block[: block.find("</li>\n<li id=") if "</li>\n<li id=" in block else len(block)]
        text = _text(block)
        title = proposal["title"].get(lang) or next(iter(proposal["title"].values()))
        assert title in text and proposal["organisation"] in text
        assert f'href="mailto:{proposal["contact_email"]}"' in block
        for wil_type in proposal.get("formats", []):
            label = t(f"vocab.wil_types.{wil_type}", lang)
            offices = _offices(wil_type)
            # the label links to the type's page; the offices follow it
            expected = (
                f"{label}</a>{template('ui.colon', lang)}{', '.join(offices)}</li>" if offices else f"{label}</a></li>"
            )
            assert expected in unescape(block), (expected, block)
        if proposal.get("weeks"):
            assert t("ui.proposal_weeks", lang, count=proposal["weeks"]) in text
        if proposal.get("hours_per_month"):
            hours = proposal["hours_per_month"]
            assert t("ui.hours_per_month_value", lang, count=int(hours), hours=hours) in text
        shown_in_other = lang not in proposal["description"]
        assert (t("ui.proposal_other_language", lang) in text) == shown_in_other
    french = (sample_site / "fr" / "proposals" / "index.html").read_text("utf-8")
    assert "à partir de mars 2027, 8 semaines" in _text(french)
    english = (sample_site / "proposals" / "index.html").read_text("utf-8")
    assert "from March 2027, 8 weeks" in _text(english)


def test_institutions_find_the_proposals_from_their_page(sample_site: Path) -> None:
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        html = (sample_site / prefix / "for-institutions" / "index.html").read_text("utf-8")
        assert f'href="../proposals/">{t("ui.proposals_title", lang)}</a> ({len(_proposals())})' in html


base_url, browser = test_browser.base_url, test_browser.browser


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("width", "height"), [(360, 780), (1280, 900)])
def test_the_proposals_page_is_accessible_and_fits_a_phone(
    browser: Browser, base_url: str, lang: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500)
    tab = context.new_page()
    for path in ("proposals/", "for-institutions/"):
        tab.goto(f"{base_url}/{'' if lang == 'en' else 'fr/'}{path}")
        tab.wait_for_load_state("networkidle")
        test_browser._wait_until_still(tab)  # axe checks colours as painted
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
        result = Axe().run(tab, options={"runOnly": {"type": "tag", "values": tags}})
        serious = [v["id"] for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, serious)
        width_used, window = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width_used <= window, path
    context.close()
