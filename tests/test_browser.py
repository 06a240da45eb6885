"""The built sample site in a real headless Chromium (Debian's package, driven
by Playwright): search, filters against the data, URL state, language
switch, chooser, keyboard use, phones, no-JS (axe on every kind of page:
test_browser_axe.py)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DAY, PROJECT_ROOT, listed_today, make_region, rows_today
from playwright.sync_api import Browser, Page, expect, sync_playwright

from generator import vocab
from generator.i18n import t
from generator.merge.listing import Listing
from generator.publish.config import configured_site_url
from generator.publish.pipeline import build

pytestmark = pytest.mark.slow
SCREENSHOTS = PROJECT_ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(sample_site: Path) -> Iterator[str]:
    site = sample_site
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(chromium).exists(), "Debian's chromium is required: `make test` installs it"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield _on_the_build_day(instance)
        instance.close()


BUILD_NOON = dt.datetime.combine(
    DAY, dt.time(19, 0), tzinfo=dt.UTC
)  # noon in Calgary on the day the sample is built for


def _on_the_build_day(instance: Browser) -> Browser:
    """Every page the tests open sees the sample's build day as today: the
    pages count "closes in N days" and what is still open from the reader's
    day (dates.js, search.js), and the expectations here count from DAY.
    They also prefer reduced motion, which the theme honours (no transitions):
    what a test checks is painted at once (see `_wait_until_still`)."""
    new_context, new_page = instance.new_context, instance.new_page

    def context_on_the_day(**options: Any) -> Any:
        options.setdefault("reduced_motion", "reduce")
        context = new_context(**options)
        context.clock.set_fixed_time(BUILD_NOON)
        return context

    def page_on_the_day(**options: Any) -> Any:
        options.setdefault("reduced_motion", "reduce")
        tab = new_page(**options)
        tab.clock.set_fixed_time(BUILD_NOON)
        return tab

    instance.new_context = context_on_the_day  # type: ignore[method-assign]
    instance.new_page = page_on_the_day  # type: ignore[method-assign]
    return instance


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


listed = listed_today


def _matching(predicate: Callable[[Listing], bool]) -> list[list[Listing]]:
    """The opportunities a search shows, from the data: the rows (the listings of one
    opportunity that several institutions list are one row) with a listing that passes."""
    return [row for row in rows_today() if any(predicate(x) for x in row)]


def _ids(predicate: Callable[[Listing], bool]) -> set[str]:
    """The pages a search's results link to: every listing of each matching row."""
    return {x.id for row in _matching(predicate) for x in row}


def _count(predicate: Callable[[Listing], bool]) -> int:
    """How many results a search shows (opportunities, not pages)."""
    return len(_matching(predicate))


def _days(x: Listing) -> int | None:
    return (x.deadline - DAY).days if x.deadline else None


# facet -> value -> which listings the data says must match
EXPECTED: dict[str, Callable[[str], Callable[[Listing], bool]]] = {
    "type": lambda v: lambda x: x.record.wil_type == v,
    "sector": lambda v: lambda x: v in x.record.sectors,
    "institution": lambda v: lambda x: v in {o.institution.id for o in x.offers},
    "pay": lambda v: lambda x: x.record.compensation.type == v,
    "arrangement": lambda v: lambda x: x.record.work_arrangement == v,
    "audience": lambda v: lambda x: v in x.record.audience,
    "intl": lambda v: lambda x: bool(x.record.eligibility and x.record.eligibility.international_students),
    "parttime": lambda v: lambda x: bool(x.record.eligibility and x.record.eligibility.part_time_students),
    "equity": lambda v: lambda x: v in (x.record.equity_focus or []),
    "deadline": lambda v: (
        lambda x: (_days(x) is None) if v == "rolling" else (_days(x) is not None and _days(x) <= int(v))
    ),
}
CASES = [
    ("type", "co-op"),
    ("type", "internship"),
    ("type", "micro-internship"),
    ("type", "hackathon"),
    ("sector", "energy"),
    ("sector", "health"),
    ("sector", "arts-culture"),
    ("institution", "ucalgary"),
    ("institution", "sait"),
    ("institution", "stmarys"),
    ("pay", "paid"),
    ("pay", "stipend"),
    ("pay", "unpaid"),
    ("arrangement", "on-site"),
    ("arrangement", "hybrid"),
    ("arrangement", "remote"),
    ("audience", "students"),
    ("audience", "employers"),
    ("intl", "yes"),
    ("parttime", "yes"),
    ("equity", "indigenous"),
    ("equity", "newcomers"),
    ("deadline", "30"),
    ("deadline", "90"),
    ("deadline", "rolling"),
]


def _wait_until_shown(page: Page) -> None:
    """The latest search has a count and all its rows are in the list: the
    script holds aria-busy="true" on the list from the start of a search
    until its rows are appended, so waiting on a count alone can race."""
    page.wait_for_function(
        "() => { const s = document.getElementById('wil-search-status').textContent;"
        " const busy = document.getElementById('wil-search-results').getAttribute('aria-busy');"
        " return /\\d|No opportunity|Aucune/.test(s) && !/Loading|Chargement/.test(s) && busy === 'false'; }",
        polling=100,
    )


_STILL = """width => {
  const e = document.documentElement;
  const now = [scrollX, scrollY, innerWidth, innerHeight, e.scrollWidth, e.scrollHeight].join();
  const same = window.__wilStill === now;
  window.__wilStill = now;
  return same && (width === null || innerWidth === width)
    && document.getAnimations().every((a) => a.playState !== "running");
}"""


def _wait_until_still(page: Page, width: int | None = None) -> None:
    """Nothing moves any more, so a check (axe's colours, a scroll position,
    a box) sees the page as painted: the window's scroll and size and the
    page's extent are the same in two successive animation frames, no
    animation runs (the theme's transitions do not run at all: every context
    prefers reduced motion) and, if given, the window is `width` wide."""
    page.evaluate("() => { window.__wilStill = null; }")
    page.wait_for_function(_STILL, arg=width)


def _results(page: Page) -> set[str]:
    """Every result of the current search (pressing "show more" as needed)."""
    _wait_until_shown(page)
    more = page.locator("#wil-search-more")
    while more.is_visible():
        more.click()
        _wait_until_shown(page)
    hrefs = page.eval_on_selector_all("#wil-search-results a", "links => links.map(a => a.getAttribute('href'))")
    return {re.search(r"opportunities/([^/]+)/", href).group(1) for href in hrefs}  # type: ignore[union-attr]


def _shown_rows(page: Page) -> int:
    """How many results the list holds (call after `_results`)."""
    return page.locator("#wil-search-results > li").count()


def _status_count(page: Page) -> int:
    text = page.text_content("#wil-search-status") or ""
    match = re.search(r"\d+", text)
    return int(match.group()) if match else 0


def test_search_finds_a_known_opportunity(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?q=Kestrel")
    assert _results(page) == {"mru-kestrel-robotics-bsi"}
    assert _status_count(page) == 1


def test_word_forms_are_found_in_each_language(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?q=internships")
    english = _results(page)
    assert "mru-kestrel-robotics-bsi" in english  # its text says "internship"
    page.goto(f"{base_url}/fr/search/?q=infirmières")
    french = _results(page)
    assert french, "French stemming finds 'infirmier/infirmière' forms"
    assert all(re.match(r"[a-z0-9-]+$", x) for x in french)


def _for_students(x: Listing) -> bool:
    """Students' search shows students' opportunities unless another audience is chosen."""
    return "students" in x.record.audience


@pytest.mark.parametrize("facet,value", CASES, ids=lambda v: str(v))
def test_each_filter_gives_exactly_what_the_data_says(page: Page, base_url: str, facet: str, value: str) -> None:
    page.goto(f"{base_url}/search/?{facet}={value}")
    audience = (lambda x: True) if facet == "audience" else _for_students
    expected = _ids(lambda x: EXPECTED[facet](value)(x) and audience(x))
    assert _results(page) == expected
    assert _status_count(page) == _shown_rows(page) == _count(lambda x: EXPECTED[facet](value)(x) and audience(x))


def test_filters_combine_and_values_add_up(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?type=co-op&type=internship&pay=paid")
    expected = _ids(
        lambda x: (
            x.record.wil_type in ("co-op", "internship") and x.record.compensation.type == "paid" and _for_students(x)
        )
    )
    assert expected and _results(page) == expected


def test_the_url_restores_the_state_and_back_works(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?type=internship")
    first = _results(page)
    assert page.is_checked("input[name=type][value=internship]")
    page.check("input[name=pay][value=paid]")
    page.wait_for_url(re.compile(r"pay=paid"))
    narrowed = _results(page)
    assert narrowed == _ids(
        lambda x: x.record.wil_type == "internship" and x.record.compensation.type == "paid" and _for_students(x)
    )
    shared = page.url
    page.go_back()
    page.wait_for_url(re.compile(r"type=internship$"))
    # the URL changes before "popstate" runs: wait for the form to follow it
    page.wait_for_function("!document.querySelector('input[name=pay][value=paid]').checked", polling=50)
    assert _results(page) == first
    page.goto(shared)
    assert page.is_checked("input[name=pay][value=paid]") and _results(page) == narrowed


def test_header_search_box_leads_to_the_same_search(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/fr/")
    page.fill("#wil-header-q", "Kestrel")
    page.press("#wil-header-q", "Enter")
    page.wait_for_url(re.compile(r"/fr/search/\?q=Kestrel"))
    assert _results(page) == {"mru-kestrel-robotics-bsi"}


def test_language_switch_lands_on_the_same_page(page: Page, base_url: str) -> None:
    for path in ("/opportunities/mru-kestrel-robotics-bsi/", "/types/co-op/", "/search/", "/chooser/", "/"):
        page.goto(base_url + path)
        page.click("p.wil-lang a")
        assert page.url == f"{base_url}/fr{path}"
        assert page.get_attribute("html", "lang") == "fr"
        page.hover(".md-header .md-select")
        page.click(".md-select__link[hreflang=en]")
        assert page.url == base_url + path


CHOOSER = [
    ({"time": "1", "cost": "0", "place": "remote", "lead": "1", "size": "1"}, ["competition", "hackathon"]),
    (
        {"time": "2", "cost": "1", "place": "any", "lead": "1", "size": "2"},
        ["competition", "hackathon", "micro-internship", "online-project"],
    ),
    (
        {"time": "3", "cost": "0", "place": "onsite", "lead": "2", "size": "1"},
        [
            "competition",
            "hackathon",
            "consulting",
            "industry-project",
            "service-learning",
            "field-placement",
            "entrepreneurship",
        ],
    ),
    ({"time": "4", "cost": "2", "place": "any", "lead": "3", "size": "3"}, "all"),
]


@pytest.mark.parametrize("answers,expected", CHOOSER)
def test_chooser_recommendations(page: Page, base_url: str, answers: dict[str, str], expected: Any) -> None:
    page.goto(f"{base_url}/chooser/")
    for name, value in answers.items():
        page.check(f"input[name={name}][value='{value}']")
    page.click("#wil-chooser-form button[type=submit]")
    formats = page.eval_on_selector_all(
        "#wil-chooser-list > li, #wil-chooser-more-list > li", "items => items.map(i => i.dataset.format)"
    )
    if expected == "all":
        assert len(formats) == 16
    else:
        assert formats == expected
    assert page.is_visible("#wil-chooser-list .wil-why li") and "?" in page.url
    first = page.locator("#wil-chooser-list > li a").first.get_attribute("href")
    assert first and first.startswith("../types/")
    page.reload()  # the answers survive in the URL
    assert (
        page.eval_on_selector_all(
            "#wil-chooser-list > li, #wil-chooser-more-list > li", "items => items.map(i => i.dataset.format)"
        )
        == formats
    )


def test_filters_and_chooser_work_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/")
    _results(page)
    page.focus("input[name=type][value=apprenticeship]")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    assert page.evaluate("document.activeElement.value") == "co-op"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"type=co-op"))
    assert _results(page) == _ids(lambda x: x.record.wil_type == "co-op" and _for_students(x))
    page.goto(f"{base_url}/chooser/")
    page.focus("input[name=time][value='1']")
    page.keyboard.press("Space")
    page.focus("#wil-chooser-form button[type=submit]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wil-chooser-results"


def _shot_name(path: str) -> str:
    """A file name for a page's screenshot: `fr/search/?q=x` -> `fr_search__q-x`."""
    return path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "home"


PHONE_PAGES = [
    "",
    "search/",
    "chooser/",
    "opportunities/mru-kestrel-robotics-bsi/",
    "employers/",
    "browse/",
    "coordination/",
    "contribute/",
]


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_no_horizontal_scroll_on_a_phone(browser: Browser, base_url: str, lang: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=1, is_mobile=True)
    tab = context.new_page()
    for path in PHONE_PAGES:
        tab.goto(f"{base_url}/{lang}{path}")
        if path.startswith("search"):
            _results(tab)
            assert not tab.is_visible("input[name=pay][value=paid]")  # the results come first on a phone
            tab.click("#wil-filters-open")  # the filters open in a panel
            tab.check("input[name=pay][value=paid]")
            tab.wait_for_url(re.compile(r"pay=paid"))
            tab.click("#wil-filters-show")
            assert _results(tab) == _ids(lambda x: x.record.compensation.type == "paid" and _for_students(x))
        width = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (lang + path, width)
        tab.screenshot(path=str(SCREENSHOTS / f"phone-{_shot_name(lang + path)}.png"), full_page=True)
    context.close()


def test_desktop_screenshots(page: Page, base_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for path in (
        "",
        "search/?type=internship",
        "chooser/",
        "employers/",
        "opportunities/mru-kestrel-robotics-bsi/",
        "fr/",
        "fr/search/?q=stage",
    ):
        page.goto(f"{base_url}/{path}")
        if "search" in path:
            _results(page)
        page.screenshot(path=str(SCREENSHOTS / f"desktop-{_shot_name(path)}.png"), full_page=True)
    assert len(list(SCREENSHOTS.glob("desktop-*.png"))) >= 7


def test_every_opportunity_is_reachable_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    found: set[str] = set()
    url: str | None = f"{base_url}/browse/"
    while url:
        tab.goto(url)
        hrefs = tab.eval_on_selector_all(".wil-list a", "links => links.map(a => a.href)")
        found |= {re.search(r"opportunities/([^/]+)/", h).group(1) for h in hrefs}  # type: ignore[union-attr]
        nxt = tab.query_selector(".wil-pager a[rel=next]")
        url = nxt.evaluate("a => a.href") if nxt else None
    tab.goto(f"{base_url}/search/")
    assert tab.is_visible("noscript") or "JavaScript" in (tab.content())
    context.close()
    assert found == {x.id for x in listed()}


# --- counts, chips, sorting, the empty state, phones (the search page) --------------------


def _days_left(x: Listing) -> int | None:
    return (x.deadline - DAY).days if x.deadline else None


_SMALL_SIZES = {term.id for term in vocab.vocabularies()["host_sizes"] if term.details["small"]}  # micro, small

# group -> the values a listing has in it, read from the data (not from the facet table)
VALUES: dict[str, Callable[[Listing], set[str]]] = {
    "type": lambda x: {x.record.wil_type},
    "sector": lambda x: set(x.record.sectors),
    "institution": lambda x: {o.institution.id for o in x.offers},
    "pay": lambda x: {x.record.compensation.type},
    "arrangement": lambda x: {x.record.work_arrangement},
    "intl": lambda x: {"yes"} if x.record.eligibility and x.record.eligibility.international_students else set(),
    "parttime": lambda x: {"yes"} if x.record.eligibility and x.record.eligibility.part_time_students else set(),
    "equity": lambda x: set(x.record.equity_focus or ()),
    "audience": lambda x: {*x.record.audience, "all"},
    "deadline": lambda x: (
        {""} | ({"rolling"} if _days_left(x) is None else {n for n in ("14", "30", "90") if _days_left(x) <= int(n)})
    ),  # type: ignore[operator]
    # what a listing offers (issue 13)
    "supports": lambda x: set(x.record.supports or ()),
    "credit": lambda x: {x.record.academic_credit} if x.record.academic_credit else set(),
    "early": lambda x: {"yes"} if x.record.eligibility and x.record.eligibility.early_years else set(),
    "small": lambda x: {"yes"} if x.record.host.size in _SMALL_SIZES else set(),
    "firsttime": lambda x: {"yes"} if x.record.host.first_time else set(),
    "french": lambda x: {"yes"} if "fr" in (x.record.languages or ()) else set(),
    "field": lambda x: set(x.record.study_fields or ()),
}


def _passes(x: Listing, group: str, chosen: dict[str, list[str]]) -> bool:
    if group == "audience":
        return chosen.get("audience", ["students"])[0] in VALUES["audience"](x)
    if group == "deadline":
        return chosen.get("deadline", [""])[0] in VALUES["deadline"](x)
    return group not in chosen or bool(set(chosen[group]) & VALUES[group](x))


def _expected_counts(chosen: dict[str, list[str]]) -> dict[str, int]:
    """What each checkbox would give: ignoring its own group's choice, respecting the
    others'; in opportunities: a row counts once for a value when any of its
    listings has it and passes the other groups."""
    counts: dict[str, int] = {}
    for group, values_of in VALUES.items():
        for row in rows_today():
            pool = [x for x in row if all(_passes(x, g, chosen) for g in VALUES if g != group)]
            for value in {v for x in pool for v in values_of(x)}:
                counts[f"{group}:{value}"] = counts.get(f"{group}:{value}", 0) + 1
    return counts


def _passing(chosen: dict[str, list[str]]) -> set[str]:
    """The pages the results of these choices link to: each row with a listing passing them all."""
    return _ids(lambda x: all(_passes(x, g, chosen) for g in VALUES))


def _shown_counts(page: Page) -> dict[str, int]:
    pairs = page.eval_on_selector_all("[data-count-for]", "els => els.map(e => [e.dataset.countFor, e.textContent])")
    return {key: int(re.sub(r"\D", "", text)) for key, text in pairs}


COUNT_CASES = [
    ("", {"type": ["internship"]}),
    ("", {"type": ["co-op"], "pay": ["paid"]}),
    ("", {"sector": ["technology"], "arrangement": ["hybrid", "on-site"], "pay": ["paid"]}),
    ("fr/", {"pay": ["unpaid"]}),
    ("fr/", {"institution": ["sait"], "type": ["co-op", "internship"]}),
    ("fr/", {"audience": ["all"], "intl": ["yes"], "deadline": ["90"]}),
]


@pytest.mark.parametrize("lang,chosen", COUNT_CASES, ids=lambda v: str(v))
def test_every_count_is_what_checking_that_box_would_give(
    page: Page, base_url: str, lang: str, chosen: dict[str, list[str]]
) -> None:
    query = "&".join(f"{group}={value}" for group, values in chosen.items() for value in values)
    page.goto(f"{base_url}/{lang}search/?{query}")
    shown = _results(page)
    assert shown == _passing(chosen)
    expected = _expected_counts(chosen)
    counts = _shown_counts(page)
    assert len(counts) > 40
    assert counts == {key: expected.get(key, 0) for key in counts}
    assert set(expected) <= set(counts), "every value the data has is offered"
    # and checking a box in a group not yet used really gives the count it showed
    key, n = next(
        (k, v)
        for k, v in sorted(counts.items())
        if v
        and k.split(":")[0] in ("sector", "pay", "arrangement", "type", "institution")
        and k.split(":")[0] not in chosen
    )
    _check_gives(page, key, n)


def _unfold(page: Page, name: str) -> None:
    """Open the filter group holding the inputs `name` as a reader does, with a
    click on its title, when it is folded (render/filters.py: `opened`)."""
    group = page.locator(f"details.wil-facet-group:has(input[name={name}])")
    if group.get_attribute("open") is None:
        group.locator("summary").click()


def _check_gives(page: Page, key: str, n: int) -> None:
    """Checking the box `group:value` gives the number of results it showed beside it."""
    group, value = key.split(":")
    _unfold(page, group)
    page.check(f"input[name={group}][value='{value}']")
    page.wait_for_url(re.compile(f"{group}={value}"))
    _results(page)
    assert _status_count(page) == _shown_rows(page) == n


def test_chips_remove_their_filter(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?type=co-op&pay=paid")
    _results(page)
    chips = page.eval_on_selector_all(
        "#wil-chips button", "bs => bs.map(b => b.getAttribute('aria-label') || b.textContent)"
    )
    assert chips == ["Remove filter: Co-operative education", "Remove filter: Paid", "Clear all"]
    page.click("#wil-chips button[aria-label='Remove filter: Paid']")
    page.wait_for_url(re.compile(r"type=co-op$"))
    assert _results(page) == _ids(lambda x: x.record.wil_type == "co-op" and _for_students(x))
    page.click("#wil-chips button >> text=Co-operative education")
    page.wait_for_url(re.compile(r"/search/$"))
    assert _status_count(page) == _count(_for_students)
    assert page.is_hidden("#wil-chips")


def _order(page: Page) -> list[str]:
    _results(page)
    hrefs = page.eval_on_selector_all(
        "#wil-search-results a.wil-row__title", "ls => ls.map(a => a.getAttribute('href'))"
    )
    return [re.search(r"opportunities/([^/]+)/", h).group(1) for h in hrefs]  # type: ignore[union-attr]


def test_sort_orders_follow_the_data(page: Page, base_url: str) -> None:
    row_of = {x.id: row for row in rows_today() for x in row}  # a row sorts by its earliest deadline

    def deadline(i: str) -> int:
        days = [x.deadline.toordinal() for x in row_of[i] if x.deadline]
        return min(days) if days else 10**9

    def published(i: str) -> int:  # and by its first publication
        days = [x.published.toordinal() for x in row_of[i] if x.published]
        return min(days) if days else -1

    page.goto(f"{base_url}/search/")
    _results(page)
    assert page.input_value("#wil-sort") == "deadline"  # closing soon, without words
    deadlines = [deadline(i) for i in _order(page)]
    assert len(deadlines) == _count(_for_students) and deadlines == sorted(deadlines)
    page.select_option("#wil-sort", "newest")
    page.wait_for_url(re.compile(r"sort=newest"))
    days = [published(i) for i in _order(page)]
    assert days == sorted(days, reverse=True) and len(set(days)) > 3
    page.goto(f"{base_url}/search/?q=data")
    _results(page)
    assert page.input_value("#wil-sort") == "relevance"  # best match, with words


def test_the_empty_state_offers_a_way_out_that_keeps_its_promise(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?q=data&arrangement=remote&type=apprenticeship")
    assert _results(page) == set()
    suggestion = page.text_content("#wil-empty-remove a") or ""
    match = re.fullmatch(r"Remove “(.+)” to see (\d+)", suggestion)
    assert match, suggestion
    page.click("#wil-empty-remove a")
    _wait_until_shown(page)
    _results(page)
    assert _status_count(page) == int(match.group(2)) == _shown_rows(page)
    page.goto(f"{base_url}/fr/search/?type=hackathon&arrangement=remote&pay=unpaid")
    assert _results(page) == set()
    text = page.text_content("#wil-empty-remove a") or ""
    promised = int(re.search(r"\d+", text).group())  # type: ignore[union-attr]
    assert text.startswith("Retirez tous les filtres pour en voir")
    page.click("#wil-empty-remove a")
    _wait_until_shown(page)
    assert _status_count(page) == promised == _count(_for_students)


def test_on_a_phone_the_results_come_first(browser: Browser, base_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for lang in ("", "fr/"):
        context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=1, is_mobile=True)
        tab = context.new_page()
        tab.goto(f"{base_url}/{lang}search/?type=internship&pay=paid&arrangement=hybrid")
        assert _results(tab)
        status = tab.locator("#wil-search-status").bounding_box()
        first = tab.locator("#wil-search-results > li").first.bounding_box()
        assert status and first and status["y"] + status["height"] <= 780 and first["y"] + 40 <= 780, (status, first)
        tab.screenshot(path=str(SCREENSHOTS / f"phone-{_shot_name(lang + 'search-three-filters')}.png"))
        tab.click("#wil-filters-open")
        assert tab.evaluate("document.getElementById('wil-filters').matches(':modal')")
        shown = tab.text_content("#wil-filters-show") or ""
        assert re.search(r"\d+", shown).group() == str(_status_count(tab))  # type: ignore[union-attr]
        tab.screenshot(path=str(SCREENSHOTS / f"phone-{_shot_name(lang + 'search-filters-open')}.png"))
        tab.keyboard.press("Escape")
        assert not tab.evaluate("document.getElementById('wil-filters').open")
        context.close()


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_the_search_page_is_accessible_open_and_closed_on_phones_and_desktops(
    browser: Browser, base_url: str, lang: str
) -> None:
    axe = Axe()
    problems = []
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        tab = context.new_page()
        tab.goto(f"{base_url}/{lang}search/?type=internship&pay=paid")
        _results(tab)
        states = ["closed", "open"] if width == 360 else ["beside"]
        for state in states:
            if state == "open":
                tab.click("#wil-filters-open")
                expect(tab.locator("#wil-filters")).to_be_visible()
            _wait_until_still(tab)
            result = axe.run(
                tab,
                options={
                    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
                },
            )
            for violation in result.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    problems.append((width, state, violation["id"], [n["target"] for n in violation["nodes"][:3]]))
        context.close()
    assert problems == []


def test_switching_language_keeps_the_search(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?q=stage&pay=paid")
    _results(page)
    page.click("p.wil-lang a")
    page.wait_for_url(re.compile(r"/fr/search/\?q=stage&pay=paid$"))
    assert page.input_value("#wil-search-q") == "stage" and page.is_checked("input[name=pay][value=paid]")


def test_rows_say_when_it_closes_in_the_pages_language(page: Page, base_url: str) -> None:
    soon = sorted(
        (x for x in listed() if _for_students(x) and _days_left(x) is not None and _days_left(x) <= 14),
        key=lambda x: x.deadline,
    )  # type: ignore[arg-type, return-value]
    assert soon, "the sample region has deadlines within two weeks"
    page.goto(f"{base_url}/fr/search/?deadline=14")
    _results(page)
    rows = page.eval_on_selector_all(
        "#wil-search-results > li",
        "ls => ls.flatMap(l => l.querySelector('.wil-row__offers')"
        " ? [...l.querySelectorAll('.wil-row__offers li')].map(o => [o.querySelector('a').getAttribute('href'), o.textContent])"
        " : [[l.querySelector('a').getAttribute('href'), l.querySelector('.wil-row__deadline').textContent]])",
    )  # a row of several listings says each one's deadline
    by_id = {re.search(r"opportunities/([^/]+)/", href).group(1): text for href, text in rows}  # type: ignore[union-attr]
    assert {x.id for x in soon} <= set(by_id) == _ids(lambda x: x in soon)
    for x in soon:
        days = _days_left(x)
        words = "Se termine aujourd'hui" if days == 0 else f"Se termine dans {days} jour" + ("s" if days > 1 else "")  # type: ignore[operator]
        assert words in by_id[x.id]
        assert re.search(r"\d{1,2} [a-zéû]+\.? \d{4}", by_id[x.id]), by_id[x.id]  # "4 déc. 2026", not 2026-12-04


# --- the embed page, on another website (another origin) ---------------------------------


@pytest.fixture
def host_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Another website: a page with nothing but the pasted snippet, on another port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", tmp_path
    server.shutdown()


def _snippet(page: Page, base_url: str, institution: str, wil_type: str) -> str:
    """The snippet as the "for institutions" page writes it, pointed at this test's server."""
    page.goto(f"{base_url}/fr/for-institutions/")
    page.select_option("#wil-snippet-institution", institution)
    page.select_option("#wil-snippet-type", wil_type)
    page.fill("#wil-snippet-limit", "3")
    page.dispatch_event("#wil-snippet-limit", "input")
    code = page.input_value("#wil-snippet-code")
    site_url = page.get_attribute("#wil-snippet", "data-site-url") or ""
    assert code.startswith(
        f'<iframe src="{site_url}fr/embed/?institution={institution}&amp;type={wil_type}&amp;limit=3"'
    )
    preview = page.get_attribute("#wil-snippet-preview", "src") or ""
    assert preview.endswith(f"embed/?institution={institution}&type={wil_type}&limit=3")
    return code.replace(site_url, f"{base_url}/")


def test_the_embed_works_on_another_website(
    browser: Browser, page: Page, base_url: str, host_site: tuple[str, Path]
) -> None:
    members = sorted(
        (
            x
            for x in listed()
            if x.record.wil_type == "internship" and "sait" in {o.institution.id for o in x.offers} and _for_students(x)
        ),
        key=lambda x: (x.deadline or DAY.replace(year=9999), x.id),
    )
    assert len(members) >= 2
    snippet = _snippet(page, base_url, "sait", "internship")
    host, folder = host_site
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>Career office</title><main><h1>Jobs</h1>{snippet}</main></html>',
        "utf-8",
    )
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{host}/")
    frame = tab.frame_locator("iframe")
    frame.locator("#wil-embed-list > li").first.wait_for()
    status = frame.locator("#wil-embed-status").text_content() or ""
    assert re.fullmatch(rf"{len(members)} occasions? trouvées?", status.replace("\u202f", " ")), status
    rows = frame.locator("#wil-embed-list > li")
    assert rows.count() == min(3, len(members))
    for n, listing in enumerate(members[:3]):
        row = rows.nth(n)
        assert (row.locator(".wil-embed__title").get_attribute("href") or "").endswith(
            f"/fr/opportunities/{listing.id}/"
        )
        applies = row.locator(".wil-embed__apply a")
        expected = [o.offering.apply_url or f"mailto:{o.offering.contact_email}" for o in listing.offers]
        assert [applies.nth(i).get_attribute("href") for i in range(applies.count())] == expected
        assert row.locator(".wil-embed__title").get_attribute("target") == "_blank"
    # the host page holds our frame and nothing else of ours
    assert tab.evaluate("document.scripts.length") == 0
    assert tab.evaluate("location.origin") != base_url
    assert errors == []
    embed = next(f for f in tab.frames if "/embed/" in f.url)
    assert embed.evaluate("document.documentElement.lang") == "fr"
    tab.close()


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_the_embed_page_is_accessible(browser: Browser, base_url: str, lang: str) -> None:
    axe = Axe()
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 700})
        tab = context.new_page()
        tab.goto(f"{base_url}/{lang}embed/?institution=ucalgary&limit=5")
        tab.locator("#wil-embed-list > li").first.wait_for()
        result = axe.run(
            tab,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}},
        )
        serious = [v["id"] for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (lang, width, serious)
        tab.goto(f"{base_url}/{lang}for-institutions/")
        result = axe.run(
            tab,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}},
        )
        serious = [v["id"] for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (lang, width, serious)
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        context.close()


def test_a_region_with_nothing_open_says_so_in_each_language(browser: Browser, tmp_path: Path) -> None:
    """With no listing open, the search bundle holds the site's other pages
    (Pagefind refuses an empty site); the search page must show none of
    them, and say there is nothing, in the page's language."""
    root = make_region(tmp_path / "region")
    site = tmp_path / "site"
    build(root, site, DAY.replace(year=DAY.year + 5), build_dir=tmp_path / "build", progress=lambda m: None)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 360, "height": 780})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for lang, path in (("en", "search/"), ("en", "search/?q=entrepreneurship"), ("fr", "fr/search/?q=stage")):
            tab.goto(f"http://127.0.0.1:{server.server_port}/{path}")
            _wait_until_shown(tab)
            assert tab.inner_text("#wil-search-status").strip() == t("ui.results_none", lang), path
            assert tab.locator("#wil-search-results li").count() == 0, path
    finally:
        context.close()
        server.shutdown()
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_home_numbers_are_what_the_search_page_finds(page: Page, base_url: str, lang: str) -> None:
    """The home page's "open" and "closing in 30 days" are the search page's
    own counts, without and with the 30-day deadline filter (issue 22, point 9)."""
    root = f"{base_url}/{'' if lang == 'en' else 'fr/'}"
    page.goto(root)
    numbers = page.eval_on_selector_all(".wil-numbers strong", "ss => ss.map(s => Number(s.textContent))")
    page.goto(f"{root}search/")
    _results(page)
    open_now = _status_count(page)
    page.goto(f"{root}search/?deadline=30")
    _results(page)
    assert numbers[:2] == [open_now, _status_count(page)]
    assert numbers[0] == _count(_for_students) and 0 < numbers[1] < numbers[0]


class _PagesLike(_Quiet):
    """A host like GitHub Pages: the site under its path, one 404 page (the root's) for any unknown address."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        prefix = urlsplit(configured_site_url()).path
        return super().translate_path("/" + path.removeprefix(prefix) if path.startswith(prefix) else "/no-such-page")


@pytest.mark.parametrize("width", [360, 1280])
def test_an_unknown_french_address_shows_the_french_not_found_page(
    browser: Browser, sample_site: Path, width: int
) -> None:
    """One 404 page for the whole site (as GitHub Pages serves it): at a French
    address it becomes the French page (header, title, sections, one <h1>);
    elsewhere it stays English first. The address the reader typed is kept."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_PagesLike, directory=str(sample_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}{urlsplit(configured_site_url()).path}"
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{base}fr/opportunities/nulle-part/")
        page.wait_for_function("document.documentElement.lang === 'fr'")
        assert page.url == f"{base}fr/opportunities/nulle-part/"
        assert page.locator("h1").all_text_contents() == [t("ui.not_found_title", "fr")]
        assert t("ui.site_name", "fr") in page.title()
        assert page.locator(".wil-lost").first.get_attribute("lang") == "fr"
        page.screenshot(path=str(PROJECT_ROOT / "screenshots" / f"404-fr-{width}.png"), full_page=True)
        page.locator(".wil-lost[lang=fr] a", has_text=t("ui.browse", "fr")).click()
        page.wait_for_url(f"{base}fr/browse/")
        page.goto(f"{base}nowhere/")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").all_text_contents() == [t("ui.not_found_title", "en")]
        page.screenshot(path=str(PROJECT_ROOT / "screenshots" / f"404-en-{width}.png"), full_page=True)
    finally:
        context.close()
        server.shutdown()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_words_typed_on_the_search_page_sort_by_best_match_as_the_header_box_does(
    page: Page, base_url: str, lang: str
) -> None:
    """ "Closing soon" shown as the default without words is no choice: typing
    words gives best match (as the header's box does); an order the reader
    chose stays (issue 22, point 7)."""
    root = f"{base_url}/{'' if lang == 'en' else 'fr/'}search/"
    page.goto(root)
    _results(page)
    assert page.input_value("#wil-sort") == "deadline"
    page.fill("#wil-search-q", "data")
    page.wait_for_url(re.compile(r"\?q=data$"))
    _results(page)
    assert page.input_value("#wil-sort") == "relevance"
    page.goto(f"{root}?q=data")  # the header box's address gives the same
    _results(page)
    assert page.input_value("#wil-sort") == "relevance"
    page.goto(root)
    _results(page)
    page.select_option("#wil-sort", "newest")  # chosen: it stays when words are typed
    page.wait_for_url(re.compile(r"sort=newest"))
    page.fill("#wil-search-q", "data")
    page.wait_for_url(re.compile(r"q=data"))
    _results(page)
    assert page.input_value("#wil-sort") == "newest" and "sort=newest" in page.url


LATER = 20  # days between the build and the reader's clock in the tests below


def _reader_clock(browser: Browser, days: int, width: int = 1280) -> Any:
    """A browser whose clock says noon in Calgary `days` after the build."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    when = dt.datetime.combine(DAY + dt.timedelta(days=days), dt.time(19, 0), tzinfo=dt.UTC)
    page.clock.set_fixed_time(when)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    context.on("close", lambda _: _no_errors(errors))
    return context, page


def _no_errors(errors: list[str]) -> None:
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_page_older_than_the_readers_day_counts_the_days_from_that_day(
    browser: Browser, base_url: str, lang: str
) -> None:
    """Every "closes in N days" and "New" on the list pages is recounted from
    the reader's day when the build is older (issue 22, point 8)."""
    context, page = _reader_clock(browser, LATER)
    today = DAY + dt.timedelta(days=LATER)
    seen = 0
    try:
        page.goto(f"{base_url}/{'' if lang == 'en' else 'fr/'}browse/")
        while True:
            page.wait_for_load_state("load")
            shown = page.eval_on_selector_all(
                "[data-wil-deadline]",
                "es => es.map(e => [e.dataset.wilDeadline, e.hidden ? null : e.textContent.trim()])",
            )
            for deadline, text in shown:
                left = (dt.date.fromisoformat(deadline) - today).days
                if left < 0:
                    expected = t("ui.deadline_passed", lang)
                elif left == 0:
                    expected = t("ui.closes_today", lang)
                elif left <= 14:
                    expected = t("ui.closes_in", lang, count=left)
                else:
                    expected = None
                assert text == expected, (deadline, text, expected)
                seen += 1
            badges = page.eval_on_selector_all(
                "[data-wil-new-until]", "es => es.map(e => [e.dataset.wilNewUntil, e.hidden])"
            )
            for until, hidden in badges:
                assert hidden == (today > dt.date.fromisoformat(until)), until
            following = page.locator("a[rel=next]")
            if not following.count():
                break
            page.goto(following.first.evaluate("a => a.href"))
        passed = [d for d in {x.deadline for x in listed_today()} if d and d < today]
        assert seen > 20 and passed, "the sample must have deadlines on both sides of the reader's day"
    finally:
        context.close()


def test_the_search_leaves_out_what_closed_since_the_build(browser: Browser, base_url: str) -> None:
    """A missed nightly build: the search counts and shows only what is still open on the reader's day."""
    context, page = _reader_clock(browser, LATER)
    today = DAY + dt.timedelta(days=LATER)

    def still_open(x: Listing) -> bool:
        return _for_students(x) and (x.deadline is None or x.deadline >= today)

    try:
        page.goto(f"{base_url}/search/")
        found = _results(page)
        assert found == _ids(still_open)
        assert _status_count(page) == _count(still_open) < _count(_for_students)
        soon = page.eval_on_selector_all("#wil-search-results .wil-soon", "es => es.map(e => e.textContent)")
        assert t("ui.closes_today", "en") in soon or any("Closes in" in s for s in soon)
    finally:
        context.close()
