"""The built sample site in a real headless Chromium (Debian's package, driven
by Playwright): search, filters against the data, URL state, language
switch, chooser, keyboard use, accessibility (axe-core), phones, no-JS."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DAY, PROJECT_ROOT, sample_region
from playwright.sync_api import Browser, Page, sync_playwright

from generator.merge.listing import Listing, build_listings, partition

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
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@functools.cache
def listed() -> tuple[Listing, ...]:
    """What the site lists, by the same rule the build uses."""
    region = sample_region()
    listings, _ = build_listings(region.opportunities, region.institutions)
    return tuple(partition(listings, DAY).listed)


def _ids(predicate: Callable[[Listing], bool]) -> set[str]:
    return {x.id for x in listed() if predicate(x)}


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


def _results(page: Page) -> set[str]:
    """Every result of the current search (pressing "show more" as needed)."""
    _wait_until_shown(page)
    more = page.locator("#wil-search-more")
    while more.is_visible():
        more.click()
        _wait_until_shown(page)
    hrefs = page.eval_on_selector_all("#wil-search-results a", "links => links.map(a => a.getAttribute('href'))")
    return {re.search(r"opportunities/([^/]+)/", href).group(1) for href in hrefs}  # type: ignore[union-attr]


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


@pytest.mark.parametrize("facet,value", CASES, ids=lambda v: str(v))
def test_each_filter_gives_exactly_what_the_data_says(page: Page, base_url: str, facet: str, value: str) -> None:
    page.goto(f"{base_url}/search/?{facet}={value}")
    expected = _ids(EXPECTED[facet](value))
    assert _results(page) == expected
    assert _status_count(page) == len(expected)


def test_filters_combine_and_values_add_up(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?type=co-op&type=internship&pay=paid")
    expected = _ids(lambda x: x.record.wil_type in ("co-op", "internship") and x.record.compensation.type == "paid")
    assert expected and _results(page) == expected


def test_the_url_restores_the_state_and_back_works(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/?type=internship")
    first = _results(page)
    assert page.is_checked("input[name=type][value=internship]")
    page.check("input[name=pay][value=paid]")
    page.wait_for_url(re.compile(r"pay=paid"))
    narrowed = _results(page)
    assert narrowed == _ids(lambda x: x.record.wil_type == "internship" and x.record.compensation.type == "paid")
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
    formats = page.eval_on_selector_all("#wil-chooser-list > li", "items => items.map(i => i.dataset.format)")
    if expected == "all":
        assert len(formats) == 16
    else:
        assert formats == expected
    assert page.is_visible("#wil-chooser-list .wil-why li") and "?" in page.url
    first = page.locator("#wil-chooser-list > li a").first.get_attribute("href")
    assert first and first.startswith("../types/")
    page.reload()  # the answers survive in the URL
    assert page.eval_on_selector_all("#wil-chooser-list > li", "items => items.map(i => i.dataset.format)") == formats


def test_filters_and_chooser_work_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/search/")
    _results(page)
    page.focus("input[name=type][value=apprenticeship]")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    assert page.evaluate("document.activeElement.value") == "co-op"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"type=co-op"))
    assert _results(page) == _ids(lambda x: x.record.wil_type == "co-op")
    page.goto(f"{base_url}/chooser/")
    page.focus("input[name=time][value='1']")
    page.keyboard.press("Space")
    page.focus("#wil-chooser-form button[type=submit]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wil-chooser-results"


AXE_PAGES = [
    "",
    "types/co-op/",
    "sectors/energy/",
    "institutions/sait/",
    "opportunities/mru-kestrel-robotics-bsi/",
    "employers/",
    "search/?type=internship&pay=paid",
    "chooser/",
    "browse/",
]


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_no_serious_accessibility_violation(browser: Browser, base_url: str, lang: str) -> None:
    axe = Axe()
    context = browser.new_context()
    tab = context.new_page()
    problems = []
    for path in AXE_PAGES:
        tab.goto(f"{base_url}/{lang}{path}")
        if path.startswith("search/"):
            _results(tab)
        if path == "chooser/":
            tab.click("#wil-chooser-form button[type=submit]")
        tab.wait_for_load_state("networkidle")
        tab.wait_for_timeout(400)  # let the theme's transitions end: axe checks colours as painted
        result = axe.run(
            tab,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}},
        )
        for violation in result.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append((lang + path, violation["id"], [n["target"] for n in violation["nodes"][:3]]))
    context.close()
    assert problems == []


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
            assert not tab.is_visible("input[name=pay][value=paid]")  # folded away on a phone
            tab.click("#wil-filters > summary")  # and usable once opened
            tab.check("input[name=pay][value=paid]")
            tab.wait_for_url(re.compile(r"pay=paid"))
            assert _results(tab) == _ids(lambda x: x.record.compensation.type == "paid")
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
