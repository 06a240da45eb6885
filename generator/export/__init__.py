"""What the site publishes for other tools and habits, beside its pages:
open data, Atom feeds, calendars of deadlines, the sitemap and robots.txt.
Written into the built site after MkDocs, from the same listings; the
languages' feeds and calendars are written side by side (parallel.py)."""

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


def _shared(site_dir: Path, site: SiteData, indexed: list[str]) -> dict[str, int]:
    """What every language shares: the open data, the sitemap and robots.txt."""
    modified: dict[str, dt.date] = {urls.page_url(urls.opportunity(x.id)): updated(x) for x in site.listings}
    data = write_open_data(site_dir, site.listings, site.institutions, site.site_url, site.today)
    pages = write_sitemap(site_dir, site.site_url, [(url, modified.get(url)) for url in indexed])
    return {"records": len(data.opportunities), "sitemap": pages}


def _language(site_dir: Path, site: SiteData, lang: str) -> dict[str, int]:
    return {"feeds": write_feeds(site_dir, site, (lang,)), "calendars": write_calendars(site_dir, site, (lang,))}


def write_exports(site_dir: Path, site: SiteData, indexed: list[str]) -> dict[str, int]:
    """Every export; `indexed` lists the page URLs search engines may list. Returns counts."""
    tasks = [functools.partial(_shared, site_dir, site, indexed)]
    tasks += [functools.partial(_language, site_dir, site, lang) for lang in LANGUAGES]
    totals: dict[str, int] = {}
    for counts in side_by_side(tasks, "export"):
        for key, n in counts.items():
            totals[key] = totals.get(key, 0) + n
    return totals
