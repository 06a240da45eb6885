"""What the site publishes for other tools and habits, beside its pages:
open data, Atom feeds, calendars of deadlines, the sitemap and robots.txt.
Written into the built site after MkDocs, from the same listings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.export.calendars import write_calendars
from generator.export.feeds import updated, write_feeds
from generator.export.opendata import write_open_data
from generator.export.sitemap import write_sitemap
from generator.render import urls
from generator.render.site import SiteData


def write_exports(site_dir: Path, site: SiteData, indexed: list[str]) -> dict[str, int]:
    """Every export; `indexed` lists the page URLs search engines may list. Returns counts."""
    modified: dict[str, dt.date] = {urls.page_url(urls.opportunity(x.id)): updated(x) for x in site.listings}
    write_open_data(site_dir, site.listings, site.institutions, site.site_url, site.today)
    return {
        "feeds": write_feeds(site_dir, site),
        "calendars": write_calendars(site_dir, site),
        "sitemap": write_sitemap(site_dir, site.site_url, [(url, modified.get(url)) for url in indexed]),
    }
