"""Atom feeds, in each language: the newest and most recently updated
opportunities, and one feed per WIL type, sector and institution.

An opportunity that several institutions list (one row: render/site.py)
is one entry in the region's feeds, naming them all, its content linking to
each other institution's page ("Also listed by ..."); an institution's own
feed keeps its own listings.

An entry's id is its listing's address and its `updated` comes from the data
(the latest of its first publication and its last verification), never from
the build clock, so an unchanged listing never comes back to the top of a
reader. Every list has a feed even when empty, so a subscription never
breaks when a list empties for a while.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from feedgen.feed import FeedGenerator
from lxml import etree
from markupsafe import Markup, escape

from generator import vocab
from generator.i18n import t, template
from generator.layout import LANGUAGES, absolute, prefix
from generator.merge.listing import Listing
from generator.render import facts, urls
from generator.render.site import Row, SiteData
from generator.render.text import description_html
from generator.tree import Folder

FEED_SIZE = 50  # entries per feed: the newest; the lists and the open data have the rest


def updated(listing: Listing) -> dt.date:
    """When the data last said something new about a listing."""
    return max(d for d in (listing.published, listing.last_verified) if d is not None)


def row_updated(row: Row) -> dt.date:
    """When the data last said something new about any listing of a row."""
    return max(updated(x) for x in row.shown)


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def newest(rows: Iterable[Row], size: int = FEED_SIZE) -> list[Row]:
    return sorted(rows, key=lambda x: (-row_updated(x).toordinal(), (x.own or x.lead).id))[:size]


def _texts(site: SiteData, listing: Listing, lang: str, members: tuple[Listing, ...] = ()) -> tuple[str, str]:
    """An entry's summary and content (the description as safe HTML), naming
    the other listings of its opportunity (`members`, its row) when other
    institutions list it."""
    r = listing.record
    text = getattr(r.description, lang, None) or next(
        getattr(r.description, x) for x in LANGUAGES if getattr(r.description, x, None)
    )
    content = str(description_html(text))
    written = _written_in(r.description, lang)
    if written:  # the other language's description: said so, for readers and screen readers
        content = f'<div lang="{written}">{content}</div>'
    names = None
    others = [x for x in members if x is not listing]
    if others:
        names = " · ".join(facts.institutions(x) for x in members)
        links = Markup(" · ").join(
            Markup('<a href="{}">{}</a>').format(
                _url(site, lang, x),
                ", ".join(getattr(o.institution.name, lang, None) or o.institution.shown_name for o in x.offers),
            )
            for x in others
        )
        content += str(
            Markup("<p>{}</p>").format(Markup(escape(template("ui.also_listed_by", lang))).format(institutions=links))
        )
    return facts.summary(listing, lang, names), content


def feed_xml(
    site: SiteData,
    lang: str,
    rows: list[Row],
    path: str,
    title: str,
    page: str,
    cache: dict[str, tuple[str, str]] | None = None,
) -> bytes:
    """One feed: `path` is where it is published, `page` the list it follows;
    `cache` keeps each entry's texts for the other feeds it appears in."""
    cache = {} if cache is None else cache
    fg = FeedGenerator()
    fg.id(absolute(site.site_url, lang, path))
    fg.title(t("feed.title", lang, site=t("ui.site_name", lang), list=title))
    fg.subtitle(t("feed.subtitle", lang))
    fg.author({"name": t("ui.site_name", lang)})
    fg.link(href=absolute(site.site_url, lang, path), rel="self")
    fg.link(href=absolute(site.site_url, lang, page), rel="alternate")
    fg.language(lang)
    fg.rights(t("data.licence_short", lang))
    entries = newest(rows)
    other: list[str | None] = []  # each entry's title language, where not the feed's
    fg.updated(_moment(max((row_updated(x) for x in entries), default=site.today)))
    for row in entries:
        listing = row.headline(lang)
        url = _url(site, lang, listing)
        r = listing.record
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(facts.title(r, lang))
        entry.link(href=url, rel="alternate")
        members = row.members if row.grouped else ()
        entry.updated(_moment(row_updated(row)))
        if row.published:
            entry.published(_moment(row.published))
        key = " ".join((listing.id, *(x.id for x in members)))
        if key not in cache:
            cache[key] = _texts(site, listing, lang, members)
        summary, content = cache[key]
        entry.summary(summary)
        entry.content(content, type="html")
        other.append(_written_in(r.title, lang))
        for wil_type in dict.fromkeys(x.record.wil_type for x in row.shown):
            entry.category(term=wil_type, label=vocab.lookup("wil_types")[wil_type].label(lang))
        for sector in dict.fromkeys(s for x in row.shown for s in x.record.sectors):
            entry.category(term=sector, label=vocab.lookup("sectors")[sector].label(lang))
    return _mark_languages(bytes(fg.atom_str(pretty=True)), other)


def _written_in(texts: object, lang: str) -> str | None:
    """The language a text is shown in when the feed's own is missing (None: the feed's)."""
    if getattr(texts, lang, None):
        return None
    return next((x for x in LANGUAGES if getattr(texts, x, None)), None)


def _mark_languages(xml: bytes, other: list[str | None]) -> bytes:
    """`xml:lang` on an entry's title written in the other language (a French
    title in the English feed), so readers and screen readers say it right (the
    content says it with an HTML `lang`). feedgen has no per-element language,
    hence this pass over its output."""
    if not any(other):
        return xml
    root = etree.fromstring(xml)
    for entry, lang in zip(root.iterfind(f"{{{_ATOM}}}entry"), other, strict=True):
        title = entry.find(f"{{{_ATOM}}}title")
        if lang and title is not None:
            title.set(_XML_LANG, lang)
    return bytes(etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))


_ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _url(site: SiteData, lang: str, listing: Listing) -> str:
    return absolute(site.site_url, lang, urls.page_url(urls.opportunity(listing.id)))


def lists(site: SiteData, lang: str) -> Iterable[tuple[str | None, str | None, str, list[Row]]]:
    """(facet, id, title, rows) for every list that has a feed and a calendar."""
    yield None, None, t("feed.all", lang), site.rows
    for type_id, items in site.by_type.items():
        yield "types", type_id, vocab.lookup("wil_types")[type_id].label(lang), items
    for sector_id, items in site.by_sector.items():
        yield "sectors", sector_id, vocab.lookup("sectors")[sector_id].label(lang), items
    for inst_id, items in site.by_institution.items():
        inst = site.institutions[inst_id]
        yield "institutions", inst_id, getattr(inst.name, lang, None) or inst.name.en, items


def list_page(facet: str | None, id_: str | None) -> str:
    """The page a feed or calendar follows."""
    if facet is None:
        return urls.page_url(urls.browse())
    page = {"types": urls.wil_type, "sectors": urls.sector, "institutions": urls.institution}[facet]
    return urls.page_url(page(id_ or ""))


def write_feeds(out: Folder, site: SiteData, languages: tuple[str, ...] = LANGUAGES) -> int:
    """Every feed of these languages; returns how many were written."""
    written = 0
    for lang in languages:
        cache: dict[str, tuple[str, str]] = {}
        for facet, id_, title, items in lists(site, lang):
            path = urls.feed(facet, id_)
            out.put(prefix(lang) + path, feed_xml(site, lang, items, path, title, list_page(facet, id_), cache))
            written += 1
    return written
