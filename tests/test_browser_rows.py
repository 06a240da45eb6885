"""One row per opportunity in a real Chromium, on the built sample site (issue
20): the micro-internship Bow Valley College and MRU both list
(conftest.SAMPLE_ROW) is one search result in English and French, naming
each institution with its own page and deadline, reaching each page; every
filter's count counts opportunities, and checking the box gives that many
rows; a row matched through one listing says which; both pages say "Also
listed by" with a link; the embed shows one row with each way to apply.
Screenshots at 360 px and 1280 px in both languages go to screenshots/, and
axe finds nothing serious on them."""

from __future__ import annotations

import re

import pytest
import test_browser
from axe_playwright_python.sync_playwright import Axe
from conftest import SAMPLE_ROW, listed_today, rows_today, sample_region
from playwright.sync_api import Browser, Page
from test_browser import (
    SCREENSHOTS,
    VALUES,
    _check_gives,
    _count,
    _expected_counts,
    _for_students,
    _results,
    _shown_counts,
    _shown_rows,
    _status_count,
)

from generator.i18n import t

pytestmark = pytest.mark.slow
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
# the browser and the built sample site, shared with test_browser.py
base_url = test_browser.base_url
browser = test_browser.browser
page = test_browser.page

BOWVALLEY, MRU = SAMPLE_ROW
LANGS = [("en", ""), ("fr", "fr/")]


def _listing(id_: str):  # type: ignore[no-untyped-def]
    return next(x for x in listed_today() if x.id == id_)


def _name(id_: str, lang: str) -> str:
    """The institution of a listing, as its page names it in a language."""
    inst = sample_region().institutions[_listing(id_).offers[0].institution.id]
    return str(getattr(inst.name, lang))


def _grouped_row(page: Page) -> dict[str, object]:
    """The results' row of several listings: its title, its offers (name, link, text), its note."""
    _results(page)
    rows = page.locator("#wil-search-results > li.wil-row--group")
    assert rows.count() == 1
    return rows.first.evaluate(
        """row => ({
          title: row.querySelector('a.wil-row__title').getAttribute('href'),
          through: (row.querySelector('.wil-row__through') || {}).textContent,
          offers: [...row.querySelectorAll('.wil-row__offers li')].map(li => [
            li.querySelector('a').textContent, li.querySelector('a').getAttribute('href'), li.textContent]),
          matched: (row.querySelector('.wil-row__matched') || {}).textContent || null,
          text: row.textContent,
        })"""
    )


def _id(href: str) -> str:
    """The listing a link leads to: the last part of its address (`../x/`, `.../opportunities/x/`)."""
    return href.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_a_grouped_row_shows_each_institution_and_reaches_each_page(
    page: Page, base_url: str, lang: str, prefix: str
) -> None:
    page.goto(f"{base_url}/{prefix}search/?type=micro-internship")
    row = _grouped_row(page)
    assert row["through"] == t("ui.offered_through", lang)
    offers = row["offers"]
    assert [name for name, _, _ in offers] == ["Bow Valley College", "MRU"]  # type: ignore[union-attr]
    assert [_id(href) for _, href, _ in offers] == [BOWVALLEY, MRU]  # type: ignore[union-attr]
    for _, _, text in offers:  # type: ignore[union-attr]
        assert text.endswith(t("ui.rolling", lang))  # each one's own deadline: both take applications as they come
    # its title in the page's language: MRU's listing has a French title, Bow Valley College's has not
    assert _id(row["title"]) == (BOWVALLEY if lang == "en" else MRU)  # type: ignore[arg-type]
    assert row["matched"] is None  # both listings are micro-internships
    # the count is of opportunities: one for the two listings
    expected = _count(lambda x: x.record.wil_type == "micro-internship" and _for_students(x))
    listings = sum(1 for x in listed_today() if x.record.wil_type == "micro-internship" and _for_students(x))
    assert _status_count(page) == _shown_rows(page) == expected == listings - 1
    # each institution's link reaches its page, which names the other
    for n, (own, other) in enumerate(((BOWVALLEY, MRU), (MRU, BOWVALLEY))):
        if n:
            page.go_back()
            _results(page)
        page.locator("#wil-search-results li.wil-row--group .wil-row__offers a").nth(n).click()
        page.wait_for_url(re.compile(f"/{prefix}opportunities/{own}/$"))
        note = page.locator("p.wil-also")
        assert note.is_visible()
        assert t("ui.also_listed_page", lang, institutions=_name(other, lang)) == note.inner_text().strip()
        assert _id(note.locator("a").get_attribute("href") or "") == other


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_a_row_matched_through_one_listing_says_which(page: Page, base_url: str, lang: str, prefix: str) -> None:
    mru, bowvalley = _listing(MRU), _listing(BOWVALLEY)
    only = sorted(set(mru.record.sectors) - set(bowvalley.record.sectors))
    assert only, "the sample's two listings differ in their sectors"
    page.goto(f"{base_url}/{prefix}search/?sector={only[0]}")
    row = _grouped_row(page)
    assert row["matched"] == t("ui.row_matched", lang, count=1, institutions="MRU")
    assert {_id(href) for _, href, _ in row["offers"]} == {BOWVALLEY, MRU}  # type: ignore[union-attr]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("#wil-search-results > li.wil-row--group").screenshot(
        path=str(SCREENSHOTS / f"rows-matched-{lang}.png")
    )
    # and through Bow Valley College's listing alone: its own institution
    page.goto(f"{base_url}/{prefix}search/?institution=bowvalley&sector={bowvalley.record.sectors[0]}")
    row = _grouped_row(page)
    assert row["matched"] == t("ui.row_matched", lang, count=1, institutions="Bow Valley College")


COUNTS = [
    ("", {}),
    ("fr/", {}),
    ("", {"type": ["micro-internship"]}),
    ("fr/", {"sector": ["technology"]}),
    ("", {"institution": ["mru", "bowvalley"]}),
]


@pytest.mark.parametrize("prefix,chosen", COUNTS, ids=lambda v: str(v))
def test_the_filter_counts_count_opportunities(
    page: Page, base_url: str, prefix: str, chosen: dict[str, list[str]]
) -> None:
    query = "&".join(f"{group}={value}" for group, values in chosen.items() for value in values)
    page.goto(f"{base_url}/{prefix}search/?{query}")
    _results(page)
    counts = _shown_counts(page)
    expected = _expected_counts(chosen)
    assert counts == {key: expected.get(key, 0) for key in counts}
    # the row's listings count once where both are (its type), once for each institution
    if not chosen:
        assert counts["type:micro-internship"] == sum(
            1 for row in rows_today() if any(x.record.wil_type == "micro-internship" and _for_students(x) for x in row)
        )
        assert counts["type:micro-internship"] < sum(
            1 for x in listed_today() if x.record.wil_type == "micro-internship" and _for_students(x)
        )
        assert (
            _status_count(page)
            == _shown_rows(page)
            == _count(_for_students)
            == len(rows_today()) - sum(1 for row in rows_today() if not any(_for_students(x) for x in row))
        )
    # checking a box in each group not chosen yet gives exactly the rows it promised
    for group in ("institution", "type", "sector"):
        if group in chosen:
            continue
        values = [key for key, n in sorted(counts.items()) if n and key.startswith(f"{group}:")]
        row_key = next(
            (k for k in values if k.split(":")[1] in {"mru", "bowvalley", "micro-internship", "business"}), None
        )
        key = row_key or values[0]
        _check_gives(page, key, counts[key])
        page.goto(f"{base_url}/{prefix}search/?{query}")
        _results(page)
    assert set(VALUES) >= {k.split(":")[0] for k in counts}


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_also_listed_by_on_both_pages(page: Page, base_url: str, lang: str, prefix: str) -> None:
    for own, other in ((BOWVALLEY, MRU), (MRU, BOWVALLEY)):
        page.goto(f"{base_url}/{prefix}opportunities/{own}/")
        note = page.locator("p.wil-also")
        assert note.count() == 1 and note.is_visible()
        assert note.inner_text().strip() == t("ui.also_listed_page", lang, institutions=_name(other, lang))
        note.locator("a").click()
        page.wait_for_url(re.compile(f"/{prefix}opportunities/{other}/$"))
        assert page.locator("p.wil-also a").get_attribute("href") == f"../{own}/"
    # a page no other institution lists says nothing of the kind
    alone = next(x for x in listed_today() if not x.also)
    page.goto(f"{base_url}/{prefix}opportunities/{alone.id}/")
    assert page.locator("p.wil-also").count() == 0


@pytest.mark.parametrize("lang,prefix", LANGS)
def test_the_embed_shows_one_row_with_each_way_to_apply(
    browser: Browser, base_url: str, lang: str, prefix: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 700})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{base_url}/{prefix}embed/?type=micro-internship&limit=50")
    tab.locator("#wil-embed-list > li").first.wait_for()
    rows = tab.locator("#wil-embed-list > li")
    expected = _count(lambda x: x.record.wil_type == "micro-internship" and _for_students(x))
    assert rows.count() == expected
    assert re.search(r"\d+", tab.text_content("#wil-embed-status") or "").group() == str(expected)  # type: ignore[union-attr]
    grouped = [rows.nth(n) for n in range(rows.count()) if rows.nth(n).locator(".wil-embed__offers").count()]
    assert len(grouped) == 1
    offers = grouped[0].locator(".wil-embed__offers a")
    assert [_id(offers.nth(n).get_attribute("href") or "") for n in range(offers.count())] == [BOWVALLEY, MRU]
    applies = grouped[0].locator(".wil-embed__apply a")
    hrefs = [applies.nth(n).get_attribute("href") for n in range(applies.count())]
    assert hrefs == [_listing(x).offers[0].offering.apply_url for x in SAMPLE_ROW]
    # an institution's own embed keeps its own listing, one row
    tab.goto(f"{base_url}/{prefix}embed/?institution=mru&type=micro-internship&limit=50")
    tab.locator("#wil-embed-list > li").first.wait_for()
    titles = tab.locator("#wil-embed-list .wil-embed__title")
    assert MRU in {_id(titles.nth(n).get_attribute("href") or "") for n in range(titles.count())}
    assert tab.locator("#wil-embed-list .wil-embed__offers").count() == 0
    context.close()
    assert errors == []


@pytest.mark.parametrize("lang,prefix", LANGS)
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_grouped_row_and_its_page(
    browser: Browser, base_url: str, lang: str, prefix: str, width: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
    tab = context.new_page()
    tab.goto(f"{base_url}/{prefix}search/?type=micro-internship")
    _results(tab)
    row = tab.locator("#wil-search-results > li.wil-row--group")
    row.scroll_into_view_if_needed()
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    box = row.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    tab.screenshot(path=str(SCREENSHOTS / f"rows-search-{lang}-{width}.png"))
    problems = _serious(tab)
    tab.goto(f"{base_url}/{prefix}opportunities/{MRU}/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    tab.screenshot(path=str(SCREENSHOTS / f"rows-page-{lang}-{width}.png"))
    problems += _serious(tab)
    tab.goto(f"{base_url}/{prefix}sectors/technology/")
    problems += _serious(tab)
    context.close()
    assert problems == []


def _serious(tab: Page) -> list[tuple[str, list[object]]]:
    """What axe finds serious or critical on the page as painted."""
    tab.wait_for_load_state("networkidle")
    test_browser._wait_until_still(tab)  # axe checks colours as painted
    result = Axe().run(tab, options=WCAG)
    return [
        (v["id"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
