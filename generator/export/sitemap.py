"""sitemap.xml with both languages' pages, each naming its other-language
version (hreflang), and robots.txt pointing at it.

MkDocs writes one sitemap per language build; they are replaced by one for
the whole site, without the pages search engines should not list (closed
listings, the not-found page, the embed page).
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import quoteattr

from generator.layout import DEFAULT_LANGUAGE, LANGUAGES, absolute
from generator.tree import Folder

MKDOCS_SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")  # one per language build, replaced by this one
SITEMAP_SIZE = 40_000  # URLs per file (the protocol allows 50,000); beyond it, an index of sitemaps
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _entry(site_url: str, lang: str, url: str, modified: dt.date | None) -> str:
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{x}" href={quoteattr(absolute(site_url, x, url))}/>' for x in LANGUAGES
    )
    links += f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(absolute(site_url, DEFAULT_LANGUAGE, url))}/>'
    when = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
    loc = absolute(site_url, lang, url).replace("&", "&amp;")
    return f"<url><loc>{loc}</loc>{when}{links}</url>\n"


def write_sitemap(out: Folder, site_url: str, pages: list[tuple[str, dt.date | None]]) -> int:
    """`pages`: every indexable page URL (the same in each language), with the
    day its content last changed when known. Returns the number of URLs.
    (MkDocs' own sitemaps, one per language, are left out when the site is
    put together: MKDOCS_SITEMAPS.)"""
    entries = [_entry(site_url, lang, url, modified) for url, modified in sorted(pages) for lang in LANGUAGES]
    chunks = [entries[i : i + SITEMAP_SIZE] for i in range(0, len(entries), SITEMAP_SIZE)] or [[]]
    if len(chunks) == 1:
        out.put("sitemap.xml", _HEAD + "".join(chunks[0]) + "</urlset>\n")
    else:
        index = [
            '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        ]
        for n, chunk in enumerate(chunks, start=1):
            out.put(f"sitemap-{n}.xml", _HEAD + "".join(chunk) + "</urlset>\n")
            index.append(f"<sitemap><loc>{site_url}sitemap-{n}.xml</loc></sitemap>\n")
        out.put("sitemap.xml", "".join(index) + "</sitemapindex>\n")
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"
    out.put("robots.txt", robots)
    return len(entries)
