"""The regional picture in a real Chromium, on the built sample site: what a
reader sees matches the data and report.json, the charts show without
JavaScript, axe finds nothing serious on a phone or a desktop, in English
and French, and the page never scrolls sideways."""

from __future__ import annotations

import json
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import listed_today, rows_today, sample_region
from playwright.sync_api import Browser
from test_browser import SCREENSHOTS, _wait_until_still, base_url, browser  # noqa: F401 (fixtures)
from test_picture import CHARTS, _expected, _labels, _number

from generator.i18n import t

pytestmark = pytest.mark.slow
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

_TABLES = """() => Object.fromEntries([...document.querySelectorAll('section.wil-chart')].map(s => [
  s.getAttribute('aria-labelledby'),
  [...s.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.textContent.trim())),
]))"""


@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_picture_reads_well_and_is_accessible(browser: Browser, base_url: str, lang: str, width: int) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 800 if width == 360 else 900})
    tab = context.new_page()
    tab.goto(f"{base_url}/{lang}regional-picture/")
    tab.wait_for_load_state("networkidle")
    _wait_until_still(tab)  # axe checks colours as painted
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    images = tab.locator("img.wil-chart__image")
    assert images.count() == len(CHARTS)
    for n in range(len(CHARTS)):
        image = images.nth(n)
        assert image.evaluate("i => i.complete && i.naturalWidth > 0")
        box = image.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    result = Axe().run(tab, options=WCAG)
    serious = [
        (v["id"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    name = (lang.strip("/") or "en") + f"-{width}"
    tab.screenshot(path=str(SCREENSHOTS / f"picture-{name}.png"))
    context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_the_reader_sees_is_the_data_and_the_report(browser: Browser, base_url: str, lang: str) -> None:  # noqa: F811
    rows = rows_today()  # opportunities: the listings of one opportunity several institutions list count once
    assert len(rows) < len(listed_today())
    expected = _expected(rows)
    context = browser.new_context(java_script_enabled=False)  # nothing on this page needs a script
    tab = context.new_page()
    tab.goto(f"{base_url}/{'' if lang == 'en' else 'fr/'}regional-picture/")
    tables = tab.evaluate(_TABLES)
    labels = _labels(lang, sample_region().institutions)
    assert list(tables) == list(CHARTS)
    for chart in ("types", "sectors", "institutions", "deadlines"):
        shown = {labels[chart][row[0]]: _number(row[1]) for row in tables[chart]}
        assert shown == expected[chart], chart
    for row in tables["shares"]:
        count, out_of = expected["shares"][labels["shares"][row[0]]]
        assert (_number(row[2]), _number(row[3])) == (count, out_of)
    assert t("ui.picture", lang) in tab.title()
    report = json.loads(urllib.request.urlopen(f"{base_url}/report.json").read())["picture"]
    assert report["by_type"] == expected["types"] and report["by_sector"] == expected["sectors"]
    assert report["by_institution"] == expected["institutions"]
    assert report["deadlines"]["months"] == expected["deadlines"]
    assert {k: (v["count"], v["out_of"]) for k, v in report["shares"].items()} == expected["shares"]
    context.close()
