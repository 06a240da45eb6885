"""`wil serve`: a live preview while staff edit data files.

MkDocs' own server (`--dirty`: it rebuilds only the pages whose Markdown
changed) watches the generated docs folder of each language, one server per
language behind one address (languages_proxy.py), so both languages are
previewed and the language switch works; this loop watches the data files.
When an opportunity file changes, its own pages are written at once from
that file alone (checked on its own first), so the page a staff member is
looking at reloads within seconds; then every language is regenerated from
the cache (lists, counts, cross-file rules) and only the pages whose text
changed are rewritten. The terminal says what is happening, in the staff
member's language, from the catalogues.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from generator import paths, settings
from generator.clock import resolve_today
from generator.files import write_if_changed
from generator.i18n import Msg, msg, t
from generator.layout import DEFAULT_LANGUAGE, LANGUAGES, prefix
from generator.merge.listing import Listing, build_listings
from generator.problems import Problem
from generator.publish.config import configure, configured_site_url
from generator.publish.engine import engine_named
from generator.publish.languages_proxy import LanguagesProxy, free_port
from generator.publish.pipeline import Generated, generate
from generator.render import urls
from generator.render.pages import opportunity_page
from generator.validate.region import check_alone, discover

POLL = 0.2  # seconds between two looks at the data files
CONFIG = "mkdocs-serve.yml"  # beside the build's own: `wil build` keeps its dirty state


def snapshot(root: Path) -> dict[str, tuple[float, int]]:
    """Every data file's modification time and size (a few ms for 5,000 files),
    found as the build finds them (never through a link)."""
    files: dict[str, tuple[float, int]] = {}
    for rel, _kind, _folder in discover(root):
        try:
            info = (root / rel).lstat()
        except OSError:
            continue
        files[rel] = (info.st_mtime, info.st_size)
    return files


class Preview:
    """Each language's docs folder, kept up to date with the data files."""

    def __init__(self, root: Path, build_dir: Path, today: dt.date, languages: tuple[str, ...] = LANGUAGES) -> None:
        self.root, self.build_dir, self.today, self.languages = root, build_dir, today, languages
        # Files saved with a problem: the listing as last built, shown with the problem on top.
        self.broken: dict[str, Listing] = {}
        self.generated: Generated = self.regenerate()

    def regenerate(self) -> Generated:
        """Every language again, from the cache: only changed pages are
        written. A file left out for a problem keeps its page in the preview,
        as last built, with the problem on top (never a page that silently
        stays old, nor one that disappears)."""
        kept = frozenset(urls.opportunity(listing.id) for listing in self.broken.values())
        self.generated = generate(self.root, self.build_dir, self.today, languages=self.languages, preserve=kept)
        for rel, listing in sorted(self.broken.items()):
            source = check_alone(self.root, rel, self.today)
            if source.valid:
                del self.broken[rel]
            else:
                self._show_problems(listing, source.problems)
        return self.generated

    def _show_problems(self, listing: Listing, problems: list[Problem]) -> bool:
        """Write a listing's pages as last built with the file's problems on top,
        each in its page's language; True if a page's text changed."""
        changed = [self._show_problems_in(lang, listing, problems) for lang in self.languages]
        return any(changed)

    def _show_problems_in(self, lang: str, listing: Listing, problems: list[Problem]) -> bool:
        items = "".join(
            f"<li><code>{escape(p.path)}</code> {escape(p.place().render(lang))}{escape(t('ui.colon', lang))}"
            f"{escape(p.message().render(lang))} {escape(p.hint().render(lang))}</li>"
            for p in problems
            if p.is_error
        )
        banner = (
            f'<div class="wil-preview-problem" role="alert"><p><strong>{escape(t("ui.preview_problem", lang))}'
            f"</strong></p><ul>{items}</ul></div>\n\n"
        )
        docs = self.build_dir / lang / "docs"
        page = opportunity_page(self.generated.site, lang, listing)
        head, sep, body = str(page.text).partition("\n---\n\n")  # after the front matter
        text = head + sep + banner + body if sep else banner + str(page.text)
        self._outside_the_cache(lang, page.path)
        return write_if_changed(docs / page.path, text.encode("utf-8")) != "unchanged"

    def _outside_the_cache(self, lang: str, path: str) -> None:
        """A page the preview writes itself is not the one the cache says it wrote
        (`SiteData.page_key`): the next whole pass must render it again, not keep
        a page with a problem on top once the file is fixed."""
        cache = self.generated.site.cache
        if cache is not None:
            cache.put("written", f"{lang}/{path}", "")
            cache.flush()

    def listing_of(self, rel: str) -> Listing | None:
        """The listing a file is part of, as last built."""
        site = self.generated.site
        for listing in (*site.listings, *site.closed):
            if any(source.path == rel for source in listing.sources):
                return listing
        return None

    def quick(self, rel: str) -> bool:
        """Write the page of the opportunity in file `rel` from that file alone
        (and the other files of its listing, as last built); True if its text
        changed. Nothing is written if the file is not valid on its own or
        its listing is not on the site: the whole pass that follows shows
        the file's problems."""
        site = self.generated.site
        before = self.broken.get(rel) or self.listing_of(rel)
        if before is None or not rel.startswith(paths.OPPORTUNITIES_DIR + "/"):
            return False
        source = check_alone(self.root, rel, self.today)
        if not source.valid:
            self.broken[rel] = self.broken.get(rel, before)
            return self._show_problems(self.broken[rel], source.problems)
        self.broken.pop(rel, None)
        files = [source if s.path == rel else s for s in before.sources]
        listings, _ = build_listings(files, site.institutions)
        after = next((x for x in listings if x.id == before.id), None)
        if after is None:
            return False
        after.published = before.published
        after.also, after.row = before.also, before.row  # its row, as last built ("also listed by")
        # Rendered now, not from the cache: the page on disk may be another
        # version (one with a problem on top) than the one these inputs last made.
        changed = False
        for lang in self.languages:
            page = opportunity_page(site, lang, after)
            docs = self.build_dir / lang / "docs"
            self._outside_the_cache(lang, page.path)
            changed |= write_if_changed(docs / page.path, str(page.text).encode("utf-8")) != "unchanged"
        return changed


_LIVERELOAD = re.compile(rb"livereload\(\d+, \d+\)")  # MkDocs' server numbers each response


def _fetch(url: str) -> bytes | None:
    """The served page, without the numbers MkDocs' live reload puts in every response."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return _LIVERELOAD.sub(b"", response.read())
    except (OSError, ValueError):
        return None


def _page_changed(url: str, before: bytes | None, limit: float) -> bool:
    """Poll the served page until it differs from `before` (MkDocs has rebuilt it)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        now = _fetch(url)
        if now is not None and now != before:
            return True
        time.sleep(0.1)
    return False


def _update(preview: Preview, changed: list[str], base: str, say: Callable[[Msg], None]) -> None:
    """One round of the preview: the edited pages first, then the whole pass."""
    started = time.perf_counter()
    for rel in changed:
        say(msg("cli.serve.changed", file=rel))
    for rel in changed[:5]:  # a few edited pages at once; a bigger change waits for the whole pass
        listing = preview.broken.get(rel) or preview.listing_of(rel)  # shown with a problem, or as built
        url = base + urls.page_url(urls.opportunity(listing.id)) if listing is not None else ""
        before = _fetch(url) if url else None
        if preview.quick(rel) and url and _page_changed(url, before, 10):
            seconds = round(time.perf_counter() - started, 1)
            say(msg("cli.serve.page-updated", url=url, seconds=seconds))
    say(msg("cli.serve.rebuilding"))
    report = preview.regenerate().report
    seconds = round(time.perf_counter() - started, 1)
    say(msg("cli.serve.regenerated", report.totals.errors))
    say(msg("cli.serve.all-updated", seconds=seconds))


def serve(root: Path, today: dt.date | None, lang: str, dev_addr: str) -> int:
    day = resolve_today(today)
    with settings.using_root(root, day):  # the region's names and address for the whole preview
        return _serve(root, day, lang, dev_addr)


def _serve(root: Path, day: dt.date, lang: str, dev_addr: str) -> int:
    build_dir = root / "build"

    def say(message: Msg) -> None:
        print(message.render(lang), file=sys.stderr, flush=True)

    # Stopped by a signal (a terminal closed, a supervisor, a test), it still
    # stops its language servers (the `finally` below), never leaving them behind.
    # The handler only raises a flag the loop reads: an exception raised from it
    # could land inside whatever the preview was doing and be lost there (seen:
    # a SIGTERM during an update left the preview running).
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    say(msg("cli.serve.starting"))
    preview = Preview(root, build_dir, day)
    say(msg("cli.serve.regenerated", preview.generated.report.totals.errors))
    site_path = urlsplit(configured_site_url()).path
    configs = configure(build_dir, {x: build_dir / "serve" / x for x in LANGUAGES}, config_name=CONFIG)
    backends = {x: ("127.0.0.1", free_port()) for x in LANGUAGES}
    engine = engine_named(None)
    servers = [subprocess.Popen(engine.serve_command(configs[x], "{}:{}".format(*backends[x]))) for x in LANGUAGES]
    host, _, port = dev_addr.rpartition(":")
    folders = {site_path + prefix(x): backends[x] for x in LANGUAGES if prefix(x)}
    proxy = LanguagesProxy((host or "127.0.0.1", int(port)), folders, backends[DEFAULT_LANGUAGE])
    proxy.start()
    base = f"http://{dev_addr}{site_path}{prefix(lang)}"
    say(msg("cli.serve.address", url=base))
    seen = snapshot(root)
    try:
        while not stop.is_set() and all(server.poll() is None for server in servers):
            if stop.wait(POLL):
                break
            now = snapshot(root)
            if now == seen:
                continue
            changed = sorted(rel for rel in now.keys() | seen.keys() if now.get(rel) != seen.get(rel))
            seen = now
            try:
                _update(preview, changed, base, say)
            except Exception as error:  # the preview goes on: a message, never a traceback
                say(msg("cli.serve.failed", error=f"{type(error).__name__}: {error}"))
    except KeyboardInterrupt:
        pass
    finally:
        proxy.shutdown()
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)
    return 0
