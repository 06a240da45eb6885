"""The employer journey in a real Chromium: the chooser recommends nothing
before an answer and ignores what is not an answer, names the offices that
run each format, counts what the type pages count, and its one door writes
an e-mail to the region, in the page's language, from the answers and the
form. Axe on the guide, the chooser and the two employers' pages, on a
phone and a desktop, in both languages, with screenshots."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import test_browser
from axe_playwright_python.sync_playwright import Axe
from conftest import DAY, PROJECT_ROOT, rows_today
from playwright.sync_api import Browser, Page
from test_browser import SCREENSHOTS, listed

from generator import settings, vocab
from generator.i18n import t
from generator.render.pages import HOST_KINDS

pytestmark = pytest.mark.slow
# The browser tests' fixtures: the sample site served, one Chromium, a page failing on any script error.
base_url, browser, page = test_browser.base_url, test_browser.browser, test_browser.page

ALL_FORMATS = {"time": "4", "cost": "2", "place": "any", "lead": "3", "size": "3"}
ANSWERS = {"time": "2", "cost": "1", "place": "remote", "lead": "1", "size": "1"}
PREFIX = {"en": "", "fr": "fr/"}


def _region_email() -> str:
    region = settings.load(PROJECT_ROOT, DAY)
    assert region is not None
    return region.contact.email


def _formats(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "#wil-chooser-list > li, #wil-chooser-more-list > li", "items => items.map(i => i.dataset.format)"
    )


def _answer(page: Page, answers: dict[str, str]) -> None:
    for name, value in answers.items():
        page.check(f"input[name={name}][value='{value}']")


def _mailto(page: Page) -> tuple[str, str, str]:
    """The door's link: address, subject and body, decoded."""
    href = page.get_attribute("#wil-door-send", "href") or ""
    assert href.startswith("mailto:")
    parts = urlsplit(href)
    query = parse_qs(parts.query, strict_parsing=True)
    return unquote(parts.path), query["subject"][0], query["body"][0]


def _fits(answers: dict[str, str]) -> list[str]:
    """The formats the data says fit the answers, lightest first."""
    size_supervision = {"1": 2, "2": 3, "3": 3}
    profiles = vocab.lookup("host_profiles")
    out = []
    for type_id in sorted(profiles, key=lambda x: profiles[x].details["rank"]):
        p = profiles[type_id].details
        if (
            ("kind" not in answers or answers["kind"] in p.get("hosts", HOST_KINDS))
            and ("time" not in answers or p["time_level"] <= int(answers["time"]))
            and ("cost" not in answers or p["cost_level"] <= int(answers["cost"]))
            and ("lead" not in answers or p["lead_level"] <= int(answers["lead"]))
            and ("size" not in answers or p["supervision_level"] <= size_supervision[answers["size"]])
            and (answers.get("place") != "remote" or p["remote_ok"])
        ):
            out.append(type_id)
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_nothing_is_recommended_before_an_answer(page: Page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/{PREFIX[lang]}chooser/")
    assert page.eval_on_selector_all("#wil-chooser-form input:checked", "xs => xs.length") == 0
    assert _formats(page) == []
    assert page.text_content("#wil-chooser-status") == t("ui.chooser_answer_first", lang)
    page.check("input[name=place][value=remote]")  # one answer: the formats that fit it
    assert _formats(page) == _fits({"place": "remote"})
    partial = page.text_content("#wil-chooser-status") or ""
    assert str(len(_fits({"place": "remote"}))) in partial
    _answer(page, ANSWERS)
    page.click("#wil-chooser-form button[type=submit]")
    assert _formats(page) == _fits(ANSWERS)
    assert page.evaluate("document.activeElement.id") == "wil-chooser-results"


def test_unknown_parameters_and_bad_values_are_ignored(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/chooser/?utm_source=x&time=9&cost=%22%5D%27&x%22%5D=1&place=remote&size=&lead=1")
    checked = page.eval_on_selector_all("#wil-chooser-form input:checked", "xs => xs.map(x => [x.name, x.value])")
    assert checked == [["place", "remote"], ["lead", "1"]]
    assert _formats(page) == _fits({"place": "remote", "lead": "1"})
    page.goto(f"{base_url}/chooser/?cost=<script>&time=")  # nothing valid: nothing recommended
    assert _formats(page) == []
    page.goto(f"{base_url}/chooser/?{'&'.join(f'{k}={v}' for k, v in ANSWERS.items())}")
    assert _formats(page) == _fits(ANSWERS)  # a shared recommendation comes back


def test_each_format_names_the_offices_that_run_it_and_counts_like_the_type_pages(page: Page, base_url: str) -> None:
    shown = list(listed())
    # open opportunities: the listings of one opportunity that several institutions list count once
    counts = Counter(t_ for row in rows_today() for t_ in {x.record.wil_type for x in row})
    assert sum(counts.values()) < len(shown)
    offering = {
        type_id: sorted({o.institution.id for x in shown if x.record.wil_type == type_id for o in x.offers})
        for type_id in vocab.ids("wil_types")
    }
    page.goto(f"{base_url}/chooser/")
    _answer(page, ALL_FORMATS)
    assert len(_formats(page)) == len(vocab.ids("wil_types"))
    cards = page.eval_on_selector_all(
        "#wil-chooser-list > li",
        """items => items.map(i => [i.dataset.format,
            [...i.querySelectorAll('.wil-offices li')].map(x => x.dataset.institution),
            Number(i.querySelector('[data-open-count]').dataset.openCount)])""",
    )
    for type_id, offices, count in cards:
        assert sorted(offices) == offering[type_id], type_id
        assert count == counts.get(type_id, 0), type_id
    assert any(0 < len(offices) < 7 for _, offices, _ in cards)
    page.goto(f"{base_url}/employers/")
    guide = dict(
        page.eval_on_selector_all(
            "[id^=format-]",
            "items => items.map(i => [i.id.slice(7), Number(i.querySelector('[data-open-count]').dataset.openCount)])",
        )
    )
    for type_id in vocab.ids("wil_types"):
        assert guide[type_id] == counts.get(type_id, 0), type_id
    for type_id in ("consulting", "co-op", "hackathon", "apprenticeship"):
        page.goto(f"{base_url}/types/{type_id}/")
        heading = page.locator("h2", has_text=t("ui.open_opportunities", "en")).last.text_content() or ""
        assert heading.endswith(f"({counts.get(type_id, 0)})"), (type_id, heading)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_door_writes_the_answers_into_an_email_to_the_region(page: Page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/{PREFIX[lang]}chooser/")
    _answer(page, ANSWERS)
    page.click("#wil-chooser-form button[type=submit]")
    what = "Rendre notre inventaire lisible & «propre»" if lang == "fr" else "Make our inventory readable & tidy?"
    page.fill("#wil-door-org", "Boulangerie Sunnyside")
    page.fill("#wil-door-person", "Dana Ortiz")
    page.fill("#wil-door-phone", "403-555-0199")
    page.fill("#wil-door-what", what)
    page.fill("#wil-door-when", "mai 2027" if lang == "fr" else "May 2027")
    page.fill("#wil-door-amount", "6")
    page.select_option("#wil-door-unit", "hours-month")
    page.select_option("#wil-door-sector", "retail")
    address, subject, body = _mailto(page)
    assert address == _region_email()
    sector = vocab.lookup("sectors")["retail"].label(lang)
    assert subject == t("ui.door_subject_sector", lang, sector=sector) + " – Boulangerie Sunnyside"
    expected = [
        t("ui.door_body_hello", lang),
        t("ui.door_body_org", lang, value="Boulangerie Sunnyside"),
        t("ui.door_body_person", lang, value="Dana Ortiz"),
        t("ui.door_body_phone", lang, value="403-555-0199"),
        t("ui.door_body_what", lang, value=what),
        t("ui.door_body_when", lang, value="mai 2027" if lang == "fr" else "May 2027"),
        t("ui.door_body_time", lang, amount="6", unit=t("ui.door_unit_hours_month", lang)),
        t("ui.door_body_sector", lang, value=sector),
        t("ui.door_body_answers", lang),
        t("ui.time_2", lang),
        t("ui.cost_1", lang),
        t("ui.place_remote", lang),
        t("ui.lead_1", lang),
        t("ui.size_1", lang),
        t("ui.door_body_fits", lang, value=", ".join(vocab.lookup("wil_types")[x].label(lang) for x in _fits(ANSWERS))),
    ]
    for line in expected:
        assert line in body, (line, body)
    assert body.count("\r\n") > 10
    other = "fr" if lang == "en" else "en"
    assert t("ui.door_body_hello", other) not in body.split("\r\n")
    assert "?time=2" in body  # the shared recommendation, for the region's office


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_guide_leads_to_the_chooser_the_contacts_and_the_door(browser: Browser, base_url: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{base_url}/{PREFIX[lang]}")
    tab.click(".wil-doors section:nth-child(2) h2 a")
    assert tab.url.endswith(f"/{PREFIX[lang]}chooser/")
    tab.goto(f"{base_url}/{PREFIX[lang]}employers/")
    first = tab.locator(".wil-page a.wil-button").first
    assert first.get_attribute("href") == "../chooser/" and first.is_visible()
    link = tab.locator(".wil-toc a[href='#contacts']")
    assert link.bounding_box()["y"] < 2 * 800  # type: ignore[index]  # within two screens on a phone
    link.click()
    tab.wait_for_url("**#contacts")
    test_browser._wait_until_still(tab)  # the scroll to the contacts ended
    top = tab.evaluate("document.getElementById('contacts').getBoundingClientRect().top")
    assert 0 <= top < 800
    tab.fill("#wil-door-what", "x")
    tab.select_option("#wil-door-sector", "energy")
    address, subject, body = _mailto(tab)
    assert address == _region_email() and vocab.lookup("sectors")["energy"].label(lang) in subject
    assert t("ui.door_body_answers", lang) not in body  # no chooser on the guide
    context.close()


KIT_PAGES = ["employers/", "chooser/", "supervising/", "inclusive/"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("width,height", [(360, 800), (1280, 900)])
def test_the_employers_pages_are_accessible_and_fit_a_phone(
    browser: Browser, base_url: str, lang: str, width: int, height: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    problems: list[Any] = []
    for path in KIT_PAGES:
        tab.goto(f"{base_url}/{PREFIX[lang]}{path}")
        if path == "chooser/":
            _answer(tab, ANSWERS)
            tab.click("#wil-chooser-form button[type=submit]")
            tab.mouse.move(0, 0)  # no hover colour (the theme's accent) on the card now under the pointer
        tab.wait_for_load_state("networkidle")
        test_browser._wait_until_still(tab)  # axe checks colours as painted
        result = axe.run(
            tab,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}},
        )
        for violation in result.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(
                    (path, violation["id"], [(n["target"], n.get("failureSummary")) for n in violation["nodes"][:3]])
                )
        scroll = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll[0] <= scroll[1], (path, scroll)
        name = f"employers-{width}-{lang}-{path.strip('/')}.png"
        tab.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    context.close()
    for problem in problems:
        print(problem)
    assert problems == []
    assert errors == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_empty_door_says_nothing_it_was_not_told_and_a_project_can_go_to_the_whole_region(
    page: Page, base_url: str, lang: str
) -> None:
    """Issue 22, point 6: an empty form adds no "not yet specified" lines; the
    offices are for those who already work with one; "propose a project" is
    where employers look (home, guide, the chooser's result)."""
    page.goto(f"{base_url}/{PREFIX[lang]}employers/")
    _, subject, body = _mailto(page)
    assert subject == t("ui.door_subject", lang)
    lines = [line for line in body.split("\r\n") if line]
    assert lines == [
        t("ui.door_body_hello", lang),
        t("ui.door_body_intro", lang),
        t("ui.door_body_ask", lang),
        t("ui.door_body_from", lang, value=page.url),
    ]
    assert page.text_content("#contacts") == t("ui.contacts", lang)
    for path in ("", "employers/", "chooser/"):
        page.goto(f"{base_url}/{PREFIX[lang]}{path}")
        if path == "chooser/":
            _answer(page, ANSWERS)
            page.click("#wil-chooser-form button[type=submit]")
        words = t("ui.propose_home" if path == "" else "ui.propose_link", lang)  # the home page says what "it" is
        link = page.locator("a", has_text=words).first
        assert link.is_visible(), path
        link.click()
        page.wait_for_url(f"{base_url}/{PREFIX[lang]}proposals/")
        assert page.locator("h1").text_content() == t("ui.proposals_title", lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_chooser_asks_what_kind_of_organisation_and_puts_the_best_first(
    page: Page, base_url: str, lang: str
) -> None:
    """Issue 22, point 5: a 1-9 person business with a few hours is not offered
    service learning (students serve a community organisation); the three
    lightest formats that fit come first, each with why, the rest behind
    "N more formats also fit"; a non-profit with the same answers is offered it."""
    small = {"kind": "business", "time": "2", "size": "1"}
    page.goto(f"{base_url}/{PREFIX[lang]}chooser/")
    _answer(page, small)
    page.click("#wil-chooser-form button[type=submit]")
    expected = _fits(small)
    assert "service-learning" not in expected and len(expected) > 3
    first = page.eval_on_selector_all("#wil-chooser-list > li", "items => items.map(i => i.dataset.format)")
    assert first == expected[:3]
    assert page.locator("#wil-chooser-list > li").nth(0).locator(".wil-why li").count() >= 3
    more = page.locator("#wil-chooser-more")
    assert more.is_visible() and more.get_attribute("open") is None  # the rest, closed
    summary = page.text_content("#wil-chooser-more-summary")
    assert summary == t("ui.more_formats_n", lang, count=len(expected) - 3)
    page.click("#wil-chooser-more-summary")
    assert _formats(page) == expected and page.is_visible("#wil-chooser-more-list > li")
    assert t("ui.formats_fit_partial_n", lang, count=len(expected)) == page.text_content("#wil-chooser-status")
    _answer(page, {"kind": "non-profit"})
    assert "service-learning" in _formats(page) == _fits({**small, "kind": "non-profit"})
    _, _, body = _mailto(page)
    assert t("ui.kind_non_profit", lang) in body  # the door tells the region what kind of organisation
