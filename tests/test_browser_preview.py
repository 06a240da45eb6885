"""`wil serve` as staff use it (issue 22, point 3): the real command, its real
MkDocs servers behind one address, and Chromium. Both languages are
previewed at once; a file saved with an impossible date shows its problem on
the open page, in that page's language, on a phone and on a desktop, and the
language switch leads to the other language's preview; fixed, the page comes
back clean. The terminal never shows a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import test_browser
from conftest import TODAY, copy_sample
from playwright.sync_api import Browser, expect
from playwright.sync_api import Error as PlaywrightError

from generator.i18n import t, template
from generator.publish.config import configured_site_url
from generator.publish.languages_proxy import free_port

pytestmark = pytest.mark.slow
browser = test_browser.browser
SCREENSHOTS = test_browser.SCREENSHOTS

EDITED = "opportunities/mru/mru-accounting-co-op.yaml"
PAGE = "opportunities/mru-accounting-co-op/"


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} was not served within {seconds} s")


def _reads(cmdline: Path, needle: str) -> bool:
    try:
        return needle in cmdline.read_bytes().decode("utf-8", "replace")
    except OSError:  # the process ended meanwhile
        return False


def _wait_until_said(log: Path, words: str, times: int) -> None:
    deadline = time.monotonic() + 120
    while log.read_text("utf-8").count(words) < times:
        assert time.monotonic() < deadline, f"{words!r} not said {times} times"
        time.sleep(0.2)


def test_the_preview_shows_a_problem_on_the_open_page_in_both_languages(tmp_path: Path, browser: Browser) -> None:
    root = copy_sample(tmp_path / "region")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "generator", "serve", "--root", str(root), "--today", TODAY]
    server = subprocess.Popen([*command, "--dev-addr", f"127.0.0.1:{port}", "--lang", "fr"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}{urlsplit(configured_site_url()).path}"
    try:
        for prefix in ("", "fr/"):
            _wait_for(base + prefix + PAGE, 180)
        path = root / EDITED
        good = path.read_text("utf-8")
        tabs = {}  # each language on a phone and on a desktop
        for lang, prefix in (("en", ""), ("fr", "fr/")):
            for width, height in ((360, 780), (1280, 800)):
                context = browser.new_context(viewport={"width": width, "height": height})
                tab = context.new_page()
                tab.goto(base + prefix + PAGE)
                expect(tab.locator("h1")).to_be_visible()
                assert tab.locator(".wil-preview-problem").count() == 0
                tabs[lang, width] = tab
        line = next(n for n, x in enumerate(good.splitlines(), start=1) if x.startswith("application_deadline:"))
        path.write_text(good.replace(good.splitlines()[line - 1], "application_deadline: 2027-02-31"), "utf-8")
        for (lang, width), tab in tabs.items():  # each open page reloads by itself, with the problem on top
            banner = tab.locator(".wil-preview-problem")
            expect(banner).to_be_visible(timeout=60_000)
            text = banner.inner_text()
            assert t("ui.preview_problem", lang) in text and EDITED in text and f"{line}:" in text, text
            assert t("ui.preview_problem", "fr" if lang == "en" else "en") not in text
            assert "2027-02-31" in text
            assert banner.bounding_box()["width"] <= width  # type: ignore[index]  # on the page, not off its side
            tab.screenshot(path=str(SCREENSHOTS / f"preview-problem-{lang}-{width}.png"))
        # The language switch leads to the other language's preview, with its own banner.
        _wait_until_said(
            tmp_path / "serve.log", template("cli.serve.all-updated", "fr").split("{")[0], 1
        )  # whole pass done
        english = tabs["en", 360]
        switch = english.locator('a.md-select__link[hreflang="fr"]').get_attribute("href")
        assert switch
        for attempt in range(3):  # a live reload of the page as it leaves (MkDocs rebuilt it) aborts the visit
            try:
                english.goto(urljoin(english.url, switch))
                break
            except PlaywrightError as error:
                if "ERR_ABORTED" not in str(error) or attempt == 2:
                    raise
        expect(english.locator(".wil-preview-problem")).to_contain_text(t("ui.preview_problem", "fr"))
        assert english.evaluate("document.documentElement.lang").startswith("fr")
        path.write_text(good, "utf-8")  # fixed: the banner goes
        for key, tab in tabs.items():
            try:
                expect(tab.locator(".wil-preview-problem")).to_have_count(0, timeout=60_000)
            except AssertionError as error:  # say whether the preview is still running, and what it said
                said = (tmp_path / "serve.log").read_text("utf-8")[-1500:]
                raise AssertionError(
                    f"{key} {tab.url} still shows the problem; exit {server.poll()}\n{said}"
                ) from error
    finally:
        server.terminate()
        server.wait(timeout=120)  # a guard against a hang, not a speed: shutting down took over 30 s on a busy machine
        log.close()
    said = (tmp_path / "serve.log").read_text("utf-8")
    assert "Traceback" not in said, said[-3000:]
    # Stopped, it leaves no language server behind (they would hold their ports and memory).
    deadline = time.monotonic() + 120  # the language servers' own exit, after wil serve's (a guard, as above)
    while left := [p for p in Path("/proc").glob("[0-9]*/cmdline") if _reads(p, str(root))]:
        assert time.monotonic() < deadline, left
        time.sleep(0.2)
    assert base + "fr/" in said  # it said where to look, at the staff member's language
