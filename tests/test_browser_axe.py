"""axe-core on every kind of page of the built sample site (issue 22, point 11):
both languages, on a phone (360 px) and a desktop (1280 px), every rule axe
runs by default (WCAG and best practices, every impact): zero violations.

The site is served under its published path with the root's 404 page for
unknown addresses, as GitHub Pages serves it (test_browser._PagesLike; the 404
page links its styles from the site's root). Every folder of the built site that holds a page must appear
below, so a new kind of page cannot go unchecked."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import test_browser
import test_browser_employers
from axe_playwright_python.sync_playwright import Axe
from conftest import SAMPLE_ROW, sample_partition
from playwright.sync_api import Browser, Page

from generator.publish.config import configured_site_url

pytestmark = pytest.mark.slow
browser = test_browser.browser
SITE_PATH = urlsplit(configured_site_url()).path  # "/wil-directory/"


def _kinds(site: Path) -> dict[str, str]:
    """A name for each kind of page, and the address of one of them (from the site's root)."""
    partition = sample_partition()
    closed = next(x.id for x in partition.expired if (site / "opportunities" / x.id / "index.html").is_file())
    merged = next(x.id for x in partition.listed if x.merged_ids)
    redirect = next(
        p.parent.name
        for p in sorted((site / "opportunities").glob("*/index.html"))
        if "http-equiv" in p.read_text("utf-8")
    )
    french_only = next(x.id for x in partition.listed if x.record.title.en is None)
    return {
        "home": "",
        "search": "search/",
        "search with words": "search/?q=software",
        "search with filters": "search/?type=internship&pay=paid",
        "opportunity": "opportunities/mru-kestrel-robotics-bsi/",
        "opportunity listed by two institutions": f"opportunities/{SAMPLE_ROW[0]}/",
        "opportunity merged from two files": f"opportunities/{merged}/",
        "opportunity in one language": f"opportunities/{french_only}/",
        "closed opportunity": f"opportunities/{closed}/",
        "redirect of a merged file": f"opportunities/{redirect}/",
        "types": "types/",
        "type": "types/co-op/",
        "sectors": "sectors/",
        "sector": "sectors/energy/",
        "institutions": "institutions/",
        "institution": "institutions/sait/",
        "browse": "browse/",
        "browse, page 2": "browse/2/",
        "employers": "employers/",
        "chooser": "chooser/",
        "chooser answered": "chooser/#answered",
        "supervising": "supervising/",
        "inclusive": "inclusive/",
        "for institutions": "for-institutions/",
        "contribute": "contribute/",
        "coordination": "coordination/",
        "regional picture": "regional-picture/",
        "proposals": "proposals/",
        "embed": "embed/?institution=ucalgary&limit=5",
        "about": "about/",
        "privacy": "privacy/",
        "not found": "no-such-page/",
    }


@pytest.fixture(scope="module")
def host(sample_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(test_browser._PagesLike, directory=str(sample_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{SITE_PATH}"
    server.shutdown()


def test_every_folder_of_the_site_with_pages_is_a_kind_checked_here(sample_site: Path) -> None:
    kinds = _kinds(sample_site)
    checked = {path.split("/")[0] for path in kinds.values()}
    folders = {
        p.parent.relative_to(sample_site).parts[0] for p in sample_site.rglob("index.html") if p.parent != sample_site
    }
    folders -= {"fr"}
    assert folders <= checked | {""}, sorted(folders - checked)


def _settle(tab: Page, path: str) -> None:
    if path.startswith("search/"):
        test_browser._wait_until_shown(tab)
    if path.endswith("#answered"):
        test_browser_employers._answer(tab, test_browser_employers.ANSWERS)
        tab.click("#wil-chooser-form button[type=submit]")
        tab.wait_for_selector("#wil-chooser-list li")
    if path.startswith("embed/"):
        tab.wait_for_selector(".wil-embed__status:not(:empty)")
    test_browser._wait_until_still(tab)  # axe checks colours as painted


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_axe_finds_nothing_on_any_kind_of_page(browser: Browser, host: str, sample_site: Path, lang: str) -> None:
    axe = Axe()
    prefix = "fr/" if lang == "fr" else ""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    found = []
    for kind, path in _kinds(sample_site).items():
        url = host + prefix + path
        if kind.startswith("redirect"):  # checked as it is, not the page it sends readers to
            tab.set_content(
                (sample_site / prefix / path / "index.html").read_text("utf-8").replace("http-equiv", "data-x")
            )
        else:
            tab.goto(url)
        _settle(tab, path)
        for width in (360, 1280):
            tab.set_viewport_size({"width": width, "height": 800})
            test_browser._wait_until_still(tab, width)  # the layout of the new width
            result = axe.run(tab, options={"resultTypes": ["violations"]})
            for violation in result.response["violations"]:
                targets = [n["target"] for n in violation["nodes"][:3]]
                found.append((kind, width, violation["id"], violation["impact"], targets))
        tab.set_viewport_size({"width": 360, "height": 800})
    context.close()
    assert found == []
