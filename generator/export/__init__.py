"""What the site publishes for other tools and habits, beside its pages:
open data, Atom feeds, calendars of deadlines, the sitemap and robots.txt.
Written from the same listings into build/extra/ (only the files whose
bytes changed: generator/tree.py), the languages' feeds and calendars side by
side (parallel.py)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from generator.export.calendars import write_calendars
from generator.export.feeds import updated, write_feeds
from generator.export.opendata import write_open_data
from generator.export.sitemap import write_sitemap
from generator.layout import LANGUAGES
from generator.parallel import side_by_side
from generator.render import urls
from generator.render.site import SiteData
from generator.tree import Folder


def _shared(folder: Path, site: SiteData, indexed: list[str]) -> set[str]:
    """What every language shares: the open data, the sitemap and robots.txt."""
    out = Folder(folder)
    modified: dict[str, dt.date] = {urls.page_url(urls.opportunity(x.id)): updated(x) for x in site.listings}
    write_open_data(site, out)
    write_sitemap(out, site.site_url, [(url, modified.get(url)) for url in indexed])
    if site.cache is not None:
        site.cache.flush()
    return out.kept


def _language(folder: Path, site: SiteData, lang: str) -> set[str]:
    out = Folder(folder)
    write_feeds(out, site, (lang,))
    write_calendars(out, site, (lang,))
    if site.cache is not None:
        site.cache.flush()
    return out.kept


def write_exports(folder: Path, site: SiteData, indexed: list[str]) -> set[str]:
    """Every export into `folder`; `indexed` lists the page URLs search engines
    may list. Returns the files written (paths from the site's root)."""
    tasks = [functools.partial(_shared, folder, site, indexed)]
    tasks += [functools.partial(_language, folder, site, lang) for lang in LANGUAGES]
    return set().union(*side_by_side(tasks, "export"))
