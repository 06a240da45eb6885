"""`wil serve`: a live preview while staff edit data files.

MkDocs' own server (`--dirty`: it rebuilds only the pages whose Markdown
changed) watches the generated docs folder of one language; this loop
watches the data files. When an opportunity file changes, its own page is
written at once from that file alone (checked on its own first), so the
page a staff member is looking at reloads within seconds; then the whole
language is regenerated from the cache (lists, counts, cross-file rules) and
only the pages whose text changed are rewritten. The terminal says what is
happening, in the staff member's language, from the catalogues.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
import urllib.request
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from generator import paths
from generator.clock import resolve_today
from generator.files import write_if_changed
from generator.i18n import Msg, msg, t
from generator.layout import prefix
from generator.merge.listing import Listing, build_listings
from generator.problems import Problem
from generator.publish.config import configure, configured_site_url
from generator.publish.engine import engine_named
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
    """One language's docs folder, kept up to date with the data files."""

    def __init__(self, root: Path, build_dir: Path, today: dt.date, lang: str) -> None:
        self.root, self.build_dir, self.today, self.lang = root, build_dir, today, lang
        # Files saved with a problem: the listing as last built, shown with the problem on top.
        self.broken: dict[str, Listing] = {}
        self.generated: Generated = self.regenerate()

    def regenerate(self) -> Generated:
        """The whole language again, from the cache: only changed pages are
        written. A file left out for a problem keeps its page in the preview,
        as last built, with the problem on top (never a page that silently
        stays old, nor one that disappears)."""
        self.generated = generate(self.root, self.build_dir, self.today, languages=(self.lang,))
        for rel, listing in sorted(self.broken.items()):
            source = check_alone(self.root, rel, self.today)
            if source.valid:
                del self.broken[rel]
            else:
                self._show_problems(listing, source.problems)
        return self.generated

    def _show_problems(self, listing: Listing, problems: list[Problem]) -> bool:
        """Write a listing's pages as last built with the file's problems on top,
        in the preview's language; True if a page's text changed."""
        lang = self.lang
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
        head, sep, body = page.text.partition("\n---\n\n")  # after the front matter
        text = head + sep + banner + body if sep else banner + page.text
        return write_if_changed(docs / page.path, text.encode("utf-8")) != "unchanged"

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
        page = opportunity_page(site, self.lang, after)
        docs = self.build_dir / self.lang / "docs"
        return write_if_changed(docs / page.path, page.text.encode("utf-8")) != "unchanged"


_LIVERELOAD = re.compile(rb"livereload\(\d+, \d+\)")  # MkDocs' server numbers each response


def _fetch(url: str) -> bytes | None:
    """The served page, without the numbers MkDocs' live reload puts in every response."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return _LIVERELOAD.sub(b"", response.read())
    except OSError:
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


def serve(root: Path, today: dt.date | None, lang: str, dev_addr: str) -> int:
    build_dir = root / "build"
    day = resolve_today(today)

    def say(message: Msg) -> None:
        print(message.render(lang), file=sys.stderr, flush=True)

    say(msg("cli.serve.starting"))
    preview = Preview(root, build_dir, day, lang)
    say(msg("cli.serve.regenerated", preview.generated.report.totals.errors))
    site_url = configured_site_url()
    config_path = configure(build_dir, {lang: build_dir / "serve" / lang}, config_name=CONFIG)[lang]
    server = subprocess.Popen(engine_named(None).serve_command(config_path, dev_addr))
    base = f"http://{dev_addr}{urlsplit(site_url).path}{prefix(lang)}"
    say(msg("cli.serve.address", url=base))
    seen = snapshot(root)
    try:
        while server.poll() is None:
            time.sleep(POLL)
            now = snapshot(root)
            if now == seen:
                continue
            changed = sorted(rel for rel in now.keys() | seen.keys() if now.get(rel) != seen.get(rel))
            seen = now
            started = time.perf_counter()
            for rel in changed:
                say(msg("cli.serve.changed", file=rel))
            for rel in changed[:5]:  # a few edited pages at once; a bigger change waits for the whole pass
                listing = preview.listing_of(rel)
                url = base + urls.page_url(urls.opportunity(listing.id)) if listing is not None else ""
                before = _fetch(url) if url else None
                if preview.quick(rel) and _page_changed(url, before, 10):
                    seconds = round(time.perf_counter() - started, 1)
                    say(msg("cli.serve.page-updated", url=url, seconds=seconds))
            say(msg("cli.serve.rebuilding"))
            report = preview.regenerate().report
            seconds = round(time.perf_counter() - started, 1)
            say(msg("cli.serve.regenerated", report.totals.errors))
            say(msg("cli.serve.all-updated", seconds=seconds))
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
