"""The new search filters (issue 13: supports, academic credit, first- and
second-year students, small businesses, first-time hosts, working in French,
field of study) and the opportunity page's new blocks, in a real Chromium on
the built sample site: results and counts exactly as the data says, state in
the address, keyboard, "Something wrong with this listing?" links, axe at
360 px and on a desktop in both languages, no sideways scroll, screenshots."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import test_browser
from axe_playwright_python.sync_playwright import Axe
from conftest import PROJECT_ROOT, listed_today
from playwright.sync_api import Browser, Page, expect
from test_browser import (
    SCREENSHOTS,
    VALUES,
    _check_gives,
    _expected_counts,
    _for_students,
    _passes,
    _results,
    _status_count,
    _unfold,
    _wait_until_shown,
)

from generator import settings
from generator.i18n import t
from generator.merge.listing import Listing
from generator.publish.config import configured_site_url
from generator.render.filters import FILTERS
from generator.vocab import small_host

pytestmark = pytest.mark.slow
# the browser and the built sample site, shared with test_browser.py
base_url = test_browser.base_url
browser = test_browser.browser
page = test_browser.page
REPOSITORY = settings.load(PROJECT_ROOT).repository.rstrip("/")  # type: ignore[union-attr]  # region.yaml's
AXE_TAGS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

listed = listed_today


# group -> the values a listing has in it, read from the data (not from the facet table): test_browser's table
NEW: dict[str, Callable[[Listing], set[str]]] = {
    group: VALUES[group] for group in ("supports", "credit", "early", "small", "firsttime", "french", "field")
}
ALL = VALUES


def _ids(predicate: Callable[[Listing], bool]) -> set[str]:
    """The pages the results link to: every listing of each row with a listing that passes."""
    return test_browser._ids(predicate)


def _shown_counts(page: Page) -> dict[str, int]:
    pairs = page.eval_on_selector_all("[data-count-for]", "els => els.map(e => [e.dataset.countFor, e.textContent])")
    return {key: int(re.sub(r"\D", "", text)) for key, text in pairs}


def _query(chosen: dict[str, list[str]]) -> str:
    return "&".join(f"{group}={value}" for group, values in chosen.items() for value in values)


def test_the_sample_data_uses_every_new_filter() -> None:
    """Without listings that use them, the tests below would prove nothing."""
    for group, values_of in NEW.items():
        assert any(values_of(x) for x in listed() if _for_students(x)), group
    assert len({v for x in listed() for v in NEW["credit"](x)}) == 3  # yes, optional and no
    assert any(x.record.host.size and not small_host(x.record.host.size) for x in listed())


CASES = [
    ("", "supports", "accommodations"),
    ("", "supports", "mentor"),
    ("", "supports", "flexible-hours"),
    ("", "credit", "yes"),
    ("", "credit", "optional"),
    ("fr/", "credit", "no"),
    ("", "early", "yes"),
    ("", "small", "yes"),
    ("fr/", "firsttime", "yes"),
    ("", "french", "yes"),
    ("fr/", "french", "yes"),
    ("", "field", "computer-science"),
    ("fr/", "field", "business"),
    ("", "field", "health"),
]


@pytest.mark.parametrize("lang,group,value", CASES, ids=lambda v: str(v))
def test_each_new_filter_gives_exactly_what_the_data_says(
    page: Page, base_url: str, lang: str, group: str, value: str
) -> None:
    page.goto(f"{base_url}/{lang}search/?{group}={value}")
    expected = _ids(lambda x: value in NEW[group](x) and _for_students(x))
    assert _results(page) == expected
    assert _status_count(page) == test_browser._count(lambda x: value in NEW[group](x) and _for_students(x))
    assert page.is_checked(f"input[name={group}][value='{value}']")


COUNT_CASES = [
    ("", {}),
    ("", {"supports": ["mentor", "accommodations"], "pay": ["paid"]}),
    ("fr/", {"french": ["yes"]}),
    ("fr/", {"field": ["business", "computer-science"], "credit": ["yes", "optional"]}),
    ("", {"small": ["yes"], "early": ["yes"], "audience": ["all"]}),
    ("fr/", {"firsttime": ["yes"], "type": ["internship", "co-op"]}),
]


@pytest.mark.parametrize("lang,chosen", COUNT_CASES, ids=lambda v: str(v))
def test_every_count_beside_every_filter_is_what_the_data_says(
    page: Page, base_url: str, lang: str, chosen: dict[str, list[str]]
) -> None:
    page.goto(f"{base_url}/{lang}search/?{_query(chosen)}")
    shown = _results(page)
    assert shown == _ids(lambda x: all(_passes(x, g, chosen) for g in ALL))
    expected = _expected_counts(chosen)
    counts = _shown_counts(page)
    assert counts == {key: expected.get(key, 0) for key in counts}
    assert set(expected) <= set(counts), "every value the data has is offered"
    for group in NEW:
        assert any(key.startswith(f"{group}:") for key in counts), group
    # checking a box in a group not yet chosen (a new one when any has results) gives the count it showed
    free = [(k, v) for k, v in sorted(counts.items()) if v and k.split(":")[0] not in (*chosen, "audience", "deadline")]
    key, n = sorted(free, key=lambda kv: kv[0].split(":")[0] not in NEW)[0]
    _check_gives(page, key, n)


def test_the_address_restores_the_new_filters_and_back_works(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/fr/search/?field=business&french=yes")
    first = _results(page)
    assert first == _ids(lambda x: "business" in NEW["field"](x) and NEW["french"](x) and _for_students(x))
    assert page.is_checked("input[name=field][value=business]") and page.is_checked("input[name=french][value=yes]")
    # the chips name the filters in French
    chips = page.eval_on_selector_all("#wil-chips button", "bs => bs.map(b => b.getAttribute('aria-label'))")
    assert t("vocab.study_fields.business", "fr") in " ".join(c or "" for c in chips)
    assert t("ui.filter_french", "fr") in " ".join(c or "" for c in chips)
    _unfold(page, "supports")
    page.check("input[name=supports][value=mentor]")
    page.wait_for_url(re.compile(r"supports=mentor"))
    narrowed = _results(page)
    assert narrowed == _ids(
        lambda x: (
            "business" in NEW["field"](x) and NEW["french"](x) and "mentor" in NEW["supports"](x) and _for_students(x)
        )
    )
    shared = page.url
    page.go_back()
    page.wait_for_function("!document.querySelector('input[name=supports][value=mentor]').checked", polling=50)
    assert _results(page) == first
    page.goto(shared)
    assert page.is_checked("input[name=supports][value=mentor]") and _results(page) == narrowed
    # the language switch keeps them
    page.click("p.wil-lang a")
    page.wait_for_url(re.compile(r"/search/\?.*field=business"))
    assert page.get_attribute("html", "lang") == "en"
    assert page.is_checked("input[name=field][value=business]") and _results(page) == narrowed


def test_the_new_filters_work_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/")
    _results(page)
    # Its group is folded: the keyboard reaches the group's title, Enter opens it, Tab goes in.
    title = "details.wil-facet-group:has(input[name=french]) > summary"
    page.focus(title)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "french"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"french=yes"))
    assert _results(page) == _ids(lambda x: bool(NEW["french"](x)) and _for_students(x))
    # each new checkbox is named by its label (what a screen reader says)
    for group in ("early", "small", "firsttime", "french"):
        name = page.evaluate(
            f"document.querySelector('input[name={group}]').closest('label').querySelector('.wil-option__label').textContent"
        )
        assert name == t(f"ui.filter_{group}", "en")
        legend = page.evaluate(
            f"document.querySelector('input[name={group}]').closest('fieldset').querySelector('legend').textContent"
        )
        assert legend


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_filter_groups_fold_and_the_results_stay_in_view(browser: Browser, base_url: str, lang: str) -> None:
    """Issue 22, point 7: the groups students use most are open, the others
    fold; on a desktop the filter column fits the window and scrolls on its
    own, so a filter ticked low in it leaves the count and the first results
    in view; a group whose filter the address picks opens by itself and says
    how many; on a phone the same groups fold inside the filters' panel."""
    prefix = "fr/" if lang == "fr" else ""
    expected = {t(f"ui.{f.legend}", lang) for f in FILTERS if f.opened} | {t("ui.filter_deadline", lang)}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(f"{base_url}/{prefix}search/")
    _results(tab)
    titles = "details.wil-facet-group[open] > summary"
    assert set(tab.eval_on_selector_all(titles, "ss => ss.map(s => s.textContent.trim())")) == expected
    folded = tab.locator("details.wil-facet-group:not([open])")
    assert folded.count() >= 6
    box = tab.locator("#wil-filters").bounding_box()
    assert box and box["y"] + box["height"] <= 800 + 1  # the column fits the window
    last = tab.locator(f'details.wil-facet-group[data-groups="{folded.last.get_attribute("data-groups")}"]')
    last.locator("summary").click()
    option = last.locator("label.wil-option:not(.wil-option--empty) input").first
    group, value = option.get_attribute("name"), option.get_attribute("value")
    option.scroll_into_view_if_needed()
    option.check()
    tab.wait_for_url(re.compile(f"{group}={value}"))
    _results(tab)
    test_browser._wait_until_still(tab)  # the page's scroll back to the results, if it had to move, ended
    header = tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    for selector in ("#wil-search-status", "#wil-search-results > li >> nth=0"):  # in view, below the header
        shown = tab.locator(selector).bounding_box()
        assert shown and shown["y"] >= header - 1 and shown["y"] + min(shown["height"], 40) <= 800, (selector, shown)
    assert last.locator("summary").inner_text().strip().endswith("(1)")
    tab.goto(f"{base_url}/{prefix}search/?{group}={value}")  # from the address: open, with its count
    _results(tab)
    again = tab.locator(f"details.wil-facet-group:has(input[name={group}])")
    assert again.get_attribute("open") is not None and again.locator("summary").inner_text().strip().endswith("(1)")
    tab.screenshot(path=str(SCREENSHOTS / f"search-folded-groups-{lang}-desktop.png"))
    context.close()
    # On a phone: the panel's groups fold too; one unfolded, a box ticked, "show" gives the results.
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{base_url}/{prefix}search/")
    _results(tab)
    tab.click("#wil-filters-open")
    assert tab.locator("#wil-filters details.wil-facet-group:not([open])").count() >= 6
    _unfold(tab, "supports")
    tab.check("input[name=supports][value=mentor]")
    tab.click("#wil-filters-show")
    tab.wait_for_url(re.compile("supports=mentor"))
    assert _results(tab) == _ids(lambda x: "mentor" in NEW["supports"](x) and _for_students(x))
    tab.screenshot(path=str(SCREENSHOTS / f"search-folded-groups-{lang}-phone.png"))
    context.close()


# --- the opportunity page ------------------------------------------------------------------


def _richest() -> Listing:
    """The listed opportunity that uses the most new fields (then the most sources)."""

    def score(x: Listing) -> tuple[int, int, str]:
        r = x.record
        used = [r.supports, r.skills, r.learning_outcomes, r.academic_credit, r.study_fields, r.host.size]
        return (sum(1 for u in used if u), len(x.sources), x.id)

    return max(listed(), key=score)


def _merged() -> Listing:
    return next(x for x in sorted(listed(), key=lambda x: x.id) if len(x.sources) > 1)


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_something_wrong_links_point_at_the_right_source_files(page: Page, base_url: str, lang: str) -> None:
    code = "fr" if lang else "en"
    for listing in (_merged(), _richest()):
        page.goto(f"{base_url}/{lang}opportunities/{listing.id}/")
        section = page.locator("section.wil-wrong")
        assert section.locator("h2").text_content() == t("ui.something_wrong", code)
        edits = section.locator("a.wil-edit-source")
        hrefs = [edits.nth(i).get_attribute("href") for i in range(edits.count())]
        paths = [s.path for s in listing.sources]
        assert hrefs == [f"{REPOSITORY}/edit/main/{p}" for p in paths]
        assert [edits.nth(i).text_content() for i in range(edits.count())] == [
            t("ui.edit_source", code, path=p) for p in paths
        ]
        assert all(p.startswith("opportunities/") and p.endswith(".yaml") for p in paths)
        issue = section.locator("a.wil-report-problem").get_attribute("href") or ""
        url = urlsplit(issue)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPOSITORY}/issues/new"
        query = parse_qs(url.query)
        assert query["title"] == [t("ui.issue_title", code, id=listing.id)]
        body = query["body"][0]
        address = f"{configured_site_url()}{lang}opportunities/{listing.id}/"
        assert body == t("ui.issue_body", code, id=listing.id, url=address, paths=", ".join(paths))
        assert listing.id in unquote(issue) and all(p in body for p in paths) and address in body


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_the_opportunity_page_shows_what_it_offers_in_the_pages_language(page: Page, base_url: str, lang: str) -> None:
    code = "fr" if lang else "en"
    listing = _richest()
    r = listing.record
    page.goto(f"{base_url}/{lang}opportunities/{listing.id}/")
    glance = page.locator("#glance + dl").inner_text()
    if r.academic_credit:
        assert t(f"vocab.academic_credit.{r.academic_credit}", code) in glance
    for field in r.study_fields or ():
        link = page.locator(f"#glance + dl a[href$='search/?field={field}']")
        assert link.text_content() == t(f"vocab.study_fields.{field}", code)
    if r.supports:
        supports = page.locator("#supports ~ ul.wil-supports li strong")
        assert supports.all_text_contents() == [t(f"vocab.supports.{s}", code) for s in r.supports]
    for key, text in (("skills", r.skills), ("learning_outcomes", r.learning_outcomes)):
        if not text:
            continue
        shown = getattr(text, code) or getattr(text, "en" if code == "fr" else "fr")
        heading = page.locator(f"#learn ~ h3:text-is('{t(f'ui.{key}', code)}')")
        items = heading.locator("xpath=following-sibling::ul[1]")
        assert items.locator("li").all_text_contents() == list(shown)
        marked = items.get_attribute("lang")
        assert marked == (None if getattr(text, code) else ("en" if code == "fr" else "fr"))


# --- accessibility, phones, screenshots ---------------------------------------------------


def _axe(tab: Page) -> list[tuple[str, list[object]]]:
    result = Axe().run(tab, options=AXE_TAGS)
    return [
        (v["id"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_new_blocks_and_filters_are_accessible_on_phones_and_desktops(
    browser: Browser, base_url: str, lang: str
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    name = "fr-" if lang else "en-"
    problems = []
    for width, height in ((360, 800), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        tab = context.new_page()
        for listing in (_richest(), _merged()):
            tab.goto(f"{base_url}/{lang}opportunities/{listing.id}/")
            tab.wait_for_load_state("networkidle")
            test_browser._wait_until_still(tab)  # axe checks colours as painted
            problems += [(width, listing.id, *p) for p in _axe(tab)]
            scroll = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert scroll[0] <= scroll[1], (lang, width, listing.id, scroll)
        tab.goto(f"{base_url}/{lang}opportunities/{_richest().id}/")
        tab.screenshot(path=str(SCREENSHOTS / f"new-opportunity-{name}{width}.png"), full_page=True)
        tab.goto(f"{base_url}/{lang}search/?supports=mentor&french=yes&field=business")
        _wait_until_shown(tab)
        if width == 360:
            tab.click("#wil-filters-open")
            expect(tab.locator("#wil-filters")).to_be_visible()
        test_browser._wait_until_still(tab)
        problems += [(width, "search", *p) for p in _axe(tab)]
        scroll = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll[0] <= scroll[1], (lang, width, "search", scroll)
        if width == 360:  # the panel scrolled to the new filters
            _unfold(tab, "supports")
            tab.locator("input[name=supports]").first.scroll_into_view_if_needed()
        tab.screenshot(path=str(SCREENSHOTS / f"new-search-filters-{name}{width}.png"), full_page=width > 360)
        context.close()
    assert problems == []
