"""Render every page of one language as Markdown files holding escaped HTML.

Templates are Jinja with autoescape on, so any text from a data file is
escaped unless it went through `text.description_html`. Each page gets a
front matter title made safe for the theme (see `text.title_text`) and a
link to the same page in the other language.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import settings, vocab
from generator.clock import REGION_TIMEZONE
from generator.i18n import Msg, Names, number, region_names, template
from generator.i18n import t as translate
from generator.layout import LANGUAGES, absolute, others, prefix, site_path
from generator.merge.evidence import Evidence
from generator.merge.listing import Listing
from generator.models import Opportunity
from generator.problems import Problem
from generator.render import facts, urls
from generator.render.facts import PairRow
from generator.render.filters import CHECKBOXES, FILTERS, YES, Filter
from generator.render.site import NEW_DAYS, Row, SiteData, pages_of
from generator.render.structured import script_json, structured_data
from generator.render.text import description_html, title_text

CLOSING_SOON = 14  # days: a deadline this close says "closes in N days"
LISTING_TOKEN = "zzlisting"  # every opportunity page carries it; the search page tells its script


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # relative to the docs folder, e.g. "types/co-op.md"
    text: str | bytes  # bytes for an image (the sharing card)
    indexed: bool = True  # listed in the sitemap (not a closed listing's page)
    kept: bool = False  # already written by an earlier build from the same inputs (no text)


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat of each one at every use
    )
    return env


def _words(key: str, lang: str) -> Markup:
    """Interface words without values, as `View.t` gives them."""
    return _words_named(key, lang, region_names())


@cache
def _words_named(key: str, lang: str, names: Names) -> Markup:  # names: the region's, in use (cache key)
    return Markup(escape(template(f"ui.{key}", lang))).format_map({})


@lru_cache(maxsize=4096)
def _time(iso: str | dt.date, lang: str) -> Markup:
    day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(iso)
    shown = format_date(day, "medium", locale=translate("language.locale", lang))
    return Markup('<time class="wil-date" datetime="{}">{}</time>').format(day.isoformat(), shown)


class View:
    """What a template may ask about the page it renders."""

    def __init__(self, site: SiteData, lang: str, path: str) -> None:
        self.site = site
        self.lang = lang
        self.others = others(lang)
        self.other = self.others[0]  # the first fallback for text missing in this language
        self.path = path
        self.url = urls.page_url(path)
        self.here = site_path(lang, self.url)  # this page's path from the site's root

    # --- words ---------------------------------------------------------
    def t(self, key: str, count: int | None = None, **values: Any) -> Markup:
        """Interface words (`ui.<key>`); values are escaped unless they are markup already."""
        if count is None and not values:
            return _words(key, self.lang)
        text = template(f"ui.{key}", self.lang, count)
        shown = {k: self._shown(v) for k, v in values.items()}
        if count is not None:
            shown.setdefault("count", self._shown(count))
        return Markup(escape(text)).format_map(shown)

    def _shown(self, value: Any) -> Any:
        if isinstance(value, Msg):
            return value.render(self.lang)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number(value, self.lang)
        return value

    def problem(self, found: Problem) -> Markup:
        """A problem as the reader's language says it: where, what, how to fix
        (`identifiers` as code, as the terminal shows them in backticks)."""
        message, hint = found.text(self.lang)
        where = found.place().render(self.lang)
        return self.t("problem_line", where=where, message=_code_spans(message), hint=_code_spans(hint))

    def code(self, text: str) -> Markup:
        return Markup("<code>{}</code>").format(text)

    def evidence(self, found: Evidence) -> str:
        return found.message().render(self.lang)

    def pair_rows(self, pair: Any) -> list[PairRow]:
        """A review pair's two listings, field by field, for reading side by side."""
        paths = (pair.a.path, pair.b.path)
        return facts.pair_rows(pair.a.record, pair.b.record, paths, self.lang, self.site.institutions)

    def words(self, key: str, **values: Any) -> str:
        """Any catalogue message, as plain text (escaped by the template)."""
        return translate(key, self.lang, **values)

    def label(self, vocabulary: str, id_: str) -> str:
        return vocab.lookup(vocabulary)[id_].label(self.lang)

    def definition(self, vocabulary: str, id_: str) -> str:
        return vocab.lookup(vocabulary)[id_].definition(self.lang)

    def term(self, vocabulary: str, id_: str) -> vocab.Term:
        return vocab.lookup(vocabulary)[id_]

    def detail(self, vocabulary: str, id_: str, key: str) -> str:
        return vocab.lookup(vocabulary)[id_].detail(key, self.lang)

    def terms(self, vocabulary: str) -> tuple[vocab.Term, ...]:
        return vocab.vocabularies()[vocabulary]

    def local(self, text: Any) -> Markup:
        """A localized field in this page's language, else the other one marked with its lang."""
        if text is None:
            return Markup("")
        own = getattr(text, self.lang, None)
        if own is not None:
            return Markup.escape(own)
        lang = next(x for x in self.others if getattr(text, x, None) is not None)
        return Markup('<span lang="{}">{}</span>').format(lang, getattr(text, lang))

    def description(self, record: Opportunity) -> Markup:
        own = getattr(record.description, self.lang, None)
        if own is not None:
            return description_html(own)
        lang = self.fallback_language(record.description)
        return Markup('<div lang="{}">{}</div>').format(lang, description_html(getattr(record.description, lang)))

    def fallback_language(self, text: Any) -> str:
        """The language a text is shown in here: this page's, else the first one it has."""
        return next(x for x in (self.lang, *self.others) if getattr(text, x, None) is not None)

    def is_fallback(self, record: Opportunity) -> bool:
        return getattr(record.title, self.lang, None) is None

    def in_language(self, text: Any) -> str:
        return str(getattr(text, self.fallback_language(text)))

    def time(self, iso: str | dt.date) -> Markup:
        """A date as the page's language writes it ("15 janv. 2027"), never
        broken across lines, with its machine-readable form."""
        return _time(iso, self.lang)

    def row(self, row: Row, macro: Any) -> Markup:
        """One opportunity's row in a list (the `row` macro): the same on every list
        page of a language but for its links, so rendered once, with a marker
        for each link to an opportunity (the id between NULs, which no
        validated text can hold), then kept in memory for this build and in
        the build cache for the next ones."""
        memo = self.site.memo
        key = (self.lang, row.key, row.own.id if row.own is not None else "", *(m.id for m in row.matched))
        if key not in memo:
            stored = self.site.row_key(self.lang, row) if self.site.cache is not None else ""
            text = self.site.cache.get("rows", stored) if self.site.cache is not None else None
            if not isinstance(text, str):
                text = str(macro(_RowView(self.site, self.lang, self.path), row))
                if self.site.cache is not None:
                    self.site.cache.put("rows", stored, text)
            memo[key] = text
        text = str(memo[key])
        if text.count(_HREF) == 2:  # one link: the usual row
            start, end = text.index(_HREF), text.rindex(_HREF)
            return Markup(text[:start] + self.opportunity(text[start + 1 : end]) + text[end + 1 :])
        return Markup(_LINK.sub(lambda found: self.opportunity(found.group(1)), text))

    def institution_names(self, listing: Listing) -> str:
        return ", ".join(o.institution.shown_name for o in listing.offers)

    def institutions_of(self, listings: Any) -> str:
        """The institutions offering some listings, as a row names them: `SAIT · MRU`."""
        return " · ".join(self.institution_names(x) for x in listings)

    def also_links(self, listings: Any) -> Markup:
        """Links to other listings of an opportunity, each named by its institutions
        in the page's language: "Also listed by …"."""
        links = [
            Markup('<a href="{}">{}</a>').format(
                self.opportunity(x.id),
                ", ".join(getattr(o.institution.name, self.lang, None) or o.institution.shown_name for o in x.offers),
            )
            for x in listings
        ]
        return Markup(" · ").join(links)

    def once(self, key: tuple[str, ...], macro: Any, *args: Any) -> Markup:
        """A fragment that is the same on every page of a language (an employer
        kit): rendered on its first page, then reused (it holds no link)."""
        memo = self.site.memo
        full = ("once", self.lang, *key)
        if full not in memo:
            memo[full] = str(macro(*args))
        return Markup(memo[full])

    zone = REGION_TIMEZONE  # the reader's day is counted there (search.js, dates.js)

    def live_dates(self, deadline: dt.date | None = None, new_until: dt.date | None = None) -> Markup:
        """Attributes that let dates.js redo "closes in N days" or hide "new"
        from the reader's day when the page is older than that day (a missed
        nightly build): the date, and the build's day it was counted from."""
        attrs = [f'data-wil-built="{self.site.today.isoformat()}"']
        if deadline is not None:
            attrs.append(f'data-wil-deadline="{deadline.isoformat()}"')
        if new_until is not None:
            attrs.append(f'data-wil-new-until="{new_until.isoformat()}"')
        return Markup(" ".join(attrs))

    def new_until(self, row: Any) -> dt.date | None:
        """The last day a row shows as new."""
        return row.published + dt.timedelta(days=NEW_DAYS) if row.published else None

    def closes_in(self, listing: Listing) -> str:
        """ "Closes in 4 days" within two weeks of the deadline, else nothing."""
        if listing.deadline is None:
            return ""
        days = (listing.deadline - self.site.today).days
        if not 0 <= days <= CLOSING_SOON:
            return ""
        return (
            translate("ui.closes_today", self.lang) if days == 0 else translate("ui.closes_in", self.lang, count=days)
        )

    def search_link(self, **facets: str) -> str:
        """The search page with facets preset: "filter these" on a list page."""
        query = "&".join(f"{k}={v}" for k, v in facets.items())
        return self.link("search.md") + (f"?{query}" if query else "")

    def number(self, value: float) -> str:
        return number(float(value), self.lang)

    def month(self, iso_month: str) -> str:
        """`2027-03` as the page's language names it: "March 2027", "mars 2027"."""
        return facts.month(iso_month, self.lang)

    def money(self, amount: float) -> str:
        return facts.money(amount, self.lang)

    def pay(self, record: Opportunity) -> str:
        return facts.pay(record, self.lang)

    # --- links ---------------------------------------------------------
    def link(self, path: str) -> str:
        return urls.href(self.url, urls.page_url(path))

    def site_root(self) -> str:
        """The site's root (where the search bundle lives), from this page."""
        return urls.href(self.here, "")

    def asset(self, file: str) -> str:
        """A file from this page: assets/ is copied into every language's root;
        anything else (the search bundle, report.json) is at the site's root."""
        return urls.href(self.here, (prefix(self.lang) if file.startswith("assets/") else "") + file)

    def index_words(self, listing: Listing) -> str:
        """Words search should find that the page shows in labelled lists (which are
        left out of the index, so that their repeated labels do not bloat it):
        type, sectors, pay, place, fields of study (free text, and the CIP titles in
        the page's language), institutions, supports, academic credit, and the token
        every opportunity shares, which lets a filter-only search load one small
        index chunk instead of all of them."""
        r = listing.record
        words = [
            LISTING_TOKEN,
            self.label("wil_types", r.wil_type),
            *(self.label("sectors", s) for s in r.sectors),
            self.label("compensation", r.compensation.type),
            self.label("work_arrangements", r.work_arrangement),
            r.location.city if r.location else "",
            *(r.fields_of_study or []),
            *(o.institution.shown_name for o in listing.offers),
            *(self.label("equity_focus", e) for e in r.equity_focus or []),
            *(self.label("study_fields", f) for f in r.study_fields or []),
            *(self.label("supports", x) for x in r.supports or []),
            # "credit" finds those that give it, not those that say "no credit"
            self.label("academic_credit", r.academic_credit) if r.academic_credit in ("yes", "optional") else "",
        ]
        return " · ".join(w for w in words if w)

    def apply_links(self, listing: Listing) -> str:
        """Each institution's way to apply, as JSON [[name, link], ...] for the
        embed page (an apply page, else an e-mail address)."""
        links = []
        for offer in listing.offers:
            o = offer.offering
            link = o.apply_url or (f"mailto:{o.contact_email}" if o.contact_email else None)
            if link:
                links.append([offer.institution.shown_name, link])
        return json.dumps(links, ensure_ascii=False, separators=(",", ":"))

    def other_language(self, lang: str | None = None) -> str:
        """The same page in another language (see layout: same paths, another prefix)."""
        return urls.href(self.here, site_path(lang or self.other, self.url))

    def opportunity(self, id_: str) -> str:
        return self.link(urls.opportunity(id_))

    def feed(self, follow: tuple[str | None, str | None]) -> str:
        """A list's Atom feed, from this page."""
        return urls.href(self.url, urls.feed(*follow))

    def calendar(self, follow: tuple[str | None, str | None]) -> str:
        """A list's calendar of deadlines, from this page."""
        return urls.href(self.url, urls.calendar(*follow))

    def event(self, id_: str) -> str:
        """A listing's own calendar file (its deadline), from this page."""
        return urls.href(self.url, urls.event(id_))

    def data(self, file: str) -> str:
        """An open-data file (site/data/, one for every language), from this page."""
        return urls.href(self.here, f"data/{file}")

    def absolute(self, path: str) -> str:
        """A page's full address (the embed snippet needs one)."""
        return absolute(self.site.site_url, self.lang, urls.page_url(path))

    def type_page(self, id_: str) -> str:
        return self.link(urls.wil_type(id_))

    def sector_page(self, id_: str) -> str:
        return self.link(urls.sector(id_))

    def institution_page(self, id_: str) -> str:
        return self.link(urls.institution(id_))

    # --- what a listing offers, and how to correct it (issue 13) -------------
    def local_list(self, text: Any) -> tuple[str | None, list[str]]:
        """A list of short items (`TextList`) in this page's language, else in the
        first other language it has: (that language when it is not this page's,
        for a `lang` attribute; the items)."""
        if text is None:
            return None, []
        lang = self.fallback_language(text)
        return (None if lang == self.lang else lang), list(getattr(text, lang))

    def small_host(self, size: str | None) -> bool:
        """Does the host's size band count as a small business (`small: true`)?"""
        return vocab.small_host(size)

    def field_search(self, id_: str) -> str:
        """The search page showing every listing in one field of study (CIP)."""
        return self.search_link(field=id_)

    def repository(self) -> str:
        """The repository's address on GitHub: region.yaml's, else the theme's default."""
        if self.site.region is not None:
            return self.site.region.repository.rstrip("/")
        return settings.theme_default("repository")

    def edit_links(self, listing: Listing) -> list[tuple[str, str]]:
        """Each of the listing's data files with its edit page on GitHub: [(path, url)]."""
        from urllib.parse import quote

        return [(s.path, f"{self.repository()}/edit/main/{quote(s.path)}") for s in listing.sources]

    def issue_link(self, listing: Listing) -> str:
        """A new GitHub issue about this listing, its title and body filled in this
        page's language: the listing's id, its address and its data files."""
        from urllib.parse import quote_plus, urlencode

        paths = ", ".join(s.path for s in listing.sources)
        address = self.absolute(urls.opportunity(listing.id))
        title = translate("ui.issue_title", self.lang, id=listing.id)
        body = translate("ui.issue_body", self.lang, id=listing.id, url=address, paths=paths)
        query = urlencode({"title": title, "body": body}, quote_via=quote_plus, safe="/:,")  # short, still exact
        return f"{self.repository()}/issues/new?{query}"


_HREF = "\x00"  # around the id of an opportunity a row links to (View.row)
_LINK = re.compile("\x00([^\x00]*)\x00")


class _RowView(View):
    """A view whose links to opportunities are the marker View.row replaces."""

    def opportunity(self, id_: str) -> str:
        return Markup(_HREF + id_ + _HREF)


_BACKTICKS = re.compile(r"`([^`]+)`")


def _code_spans(text: str) -> Markup:
    """Escaped text with its `backticked` parts as <code>."""
    return Markup(_BACKTICKS.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


def _front_matter(title: str, meta: dict[str, Any]) -> str:
    """The page's title (made safe for the theme) and what the theme reads:
    `noindex` (overrides/main.html), `hide` (Material), `lightweight` (no theme script)."""
    data = {"title": title_text(title), **meta}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _render(
    site: SiteData, lang: str, path: str, template: str, title: str, meta: dict[str, Any] | None = None, **context: Any
) -> Page:
    view = View(site, lang, path)
    body = _env().get_template(template).render(v=view, **context)
    meta = meta or {}
    return Page(path, _front_matter(title, meta) + body, indexed=not meta.get("noindex"))


def _paginated(
    site: SiteData,
    lang: str,
    items: list[Row],
    path_of: Any,
    title: str,
    template: str,
    follow: tuple[str | None, str | None] = (None, None),
    **context: Any,
) -> Iterator[Page]:
    """A list's pages; `follow` names its feed and calendar (facet, id)."""
    chunks = pages_of(items)
    paths = [path_of(n) for n in range(1, len(chunks) + 1)]
    feed_title = translate("feed.title", lang, site=translate("ui.site_name", lang), list=title)
    meta = {"feed": urls.feed(*follow), "feed_title": title_text(feed_title)}
    for n, chunk in enumerate(chunks, start=1):
        path = paths[n - 1]
        pager = {"number": n, "total": len(chunks), "pages": paths, "window": _window(n, len(chunks))}
        page_title = title if n == 1 else translate("ui.page_title_n", lang, title=title, n=n, total=len(chunks))
        yield _render(
            site, lang, path, template, page_title, meta, rows=chunk, pager=pager, count=len(items), follow=follow,
            **context,
        )  # fmt: skip


def _window(number: int, total: int, span: int = 2) -> list[int | None]:
    """Page numbers a pager shows: first, last and a few around this one;
    None marks a gap. Keeps each list page small at 20,000 listings (400 pages)."""
    keep = sorted({1, total, *range(max(1, number - span), min(total, number + span) + 1)})
    shown: list[int | None] = []
    for n in keep:
        if shown and n - (shown[-1] or 0) > 1:
            shown.append(None)
        shown.append(n)
    return shown


def render_language(site: SiteData, lang: str) -> Iterator[Page]:
    """Every generated page of one language, one at a time (they are written as
    they come, never all held). An opportunity's page depends only on its own
    files, the institutions and the day: with a cache (`site.cache`) it is
    rendered again only when one of those changed."""
    yield _render(site, lang, "index.md", "home.md.j2", translate("ui.home_title", lang))
    yield _render(site, lang, "employers.md", "employers.md.j2", translate("ui.employers_title", lang))
    yield _render(site, lang, "types/index.md", "types.md.j2", translate("ui.types", lang))
    yield _render(site, lang, "sectors/index.md", "sectors.md.j2", translate("ui.sectors", lang))
    yield _render(site, lang, "institutions/index.md", "institutions.md.j2", translate("ui.institutions", lang))
    search_title = translate("ui.search", lang)
    search_meta = {"hide": ["navigation", "toc"], "lightweight": True}
    yield _render(site, lang, "search.md", "search.md.j2", search_title, search_meta, **_search_context(site, lang))
    yield _embed(site, lang)
    yield _for_institutions(site, lang)
    title = translate("ui.proposals_title", lang)
    yield _render(site, lang, "proposals.md", "proposals.md.j2", title, proposals=site.proposals)
    chooser = _chooser_data(site, lang)
    yield _render(site, lang, "chooser.md", "chooser.md.j2", translate("ui.chooser", lang), data=chooser)
    if site.report is not None:
        title = translate("ui.coordination", lang)
        yield _render(site, lang, "coordination.md", "coordination.md.j2", title)
    yield from _picture(site, lang)
    yield _card(lang)
    yield from _paginated(site, lang, site.rows, urls.browse, translate("ui.browse", lang), "browse.md.j2")
    for type_id, items in site.by_type.items():
        title = vocab.lookup("wil_types")[type_id].label(lang)
        yield from _paginated(
            site, lang, items, lambda n, i=type_id: urls.wil_type(i, n), title, "type.md.j2", ("types", type_id),
            type_id=type_id,
        )  # fmt: skip
    for sector_id, items in site.by_sector.items():
        title = vocab.lookup("sectors")[sector_id].label(lang)
        yield from _paginated(
            site, lang, items, lambda n, i=sector_id: urls.sector(i, n), title, "sector.md.j2", ("sectors", sector_id),
            sector_id=sector_id,
        )  # fmt: skip
    for inst_id, items in site.by_institution.items():
        inst = site.institutions[inst_id]
        title = getattr(inst.name, lang, None) or inst.name.en
        yield from _paginated(
            site, lang, items, lambda n, i=inst_id: urls.institution(i, n), title, "institution.md.j2",
            ("institutions", inst_id), inst=inst,
        )  # fmt: skip
    for listing in site.listings:
        yield from opportunity_pages(site, lang, listing)
    for listing in site.closed:  # its address keeps working, out of search engines
        path = urls.opportunity(listing.id)
        title = facts.title(listing.record, lang)
        meta = {"noindex": True, "description": title_text(facts.closed_summary(listing, lang))}
        yield _render(site, lang, path, "closed.md.j2", title, meta, listing=listing)


def opportunity_pages(site: SiteData, lang: str, listing: Listing) -> Iterator[Page]:
    """An open listing's page: what depends on the listing's files alone.
    With a cache, a page an earlier build wrote from the same inputs
    (`SiteData.page_key`) is not rendered again, only marked kept, as long
    as its files are still there. (Its calendar file is an export.)"""
    path = urls.opportunity(listing.id)
    key = site.page_key(lang, listing) if site.cache is not None else ""
    stored = f"{lang}/{path}"
    if key and site.written is not None and site.cache.get("written", stored) == key and site.written(lang, path):  # type: ignore[union-attr]
        yield Page(path, "", kept=True)
        return
    yield opportunity_page(site, lang, listing)
    if key:  # once written (the consumer writes each page before asking for the next)
        site.cache.put("written", stored, key)  # type: ignore[union-attr]


def opportunity_page(site: SiteData, lang: str, listing: Listing) -> Page:
    """An open listing's page, rendered now (no cache: the preview shows it with a problem on top)."""
    path = urls.opportunity(listing.id)
    meta = {"description": title_text(facts.summary(listing, lang))}
    data = Markup(script_json(structured_data(site, listing, lang)))  # escaped by script_json
    title = facts.title(listing.record, lang)
    return _render(site, lang, path, "opportunity.md.j2", title, meta, listing=listing, r=listing.record, jsonld=data)


def _options(vocabulary: str, lang: str) -> list[tuple[str, str]]:
    return [(term.id, term.label(lang)) for term in vocab.vocabularies()[vocabulary]]


# The words search.js writes; plural messages come with both forms and the
# browser picks one with Intl.PluralRules, in the page's language.
_SEARCH_STRINGS = (
    "results_none", "loading", "show_results", "remove_filter", "empty_remove", "empty_words",
    "new", "badge_employers", "stale_note", "closes_today", "rolling", "no_deadline", "deadline", "colon",
    "clear_filters", "empty_clear", "offered_through",
)  # fmt: skip
_SEARCH_PLURALS = ("results_found", "closes_in", "show_results_n", "row_matched")


# The words embed.js writes.
_EMBED_STRINGS = (
    "embed_none", "loading", "rolling", "no_deadline", "deadline", "colon", "closes_today", "new",
    "badge_employers", "apply_at", "new_tab", "failed", "offered_through",
)  # fmt: skip
_EMBED_PLURALS = ("results_found", "closes_in")


def _embed(site: SiteData, lang: str) -> Page:
    """The embed page: a whole HTML document of its own (no theme), copied as is by MkDocs."""
    view = View(site, lang, "embed/index.md")
    strings: dict[str, Any] = {key: template(f"ui.{key}", lang) for key in _EMBED_STRINGS}
    strings |= {key: _plural_forms(key, lang) for key in _EMBED_PLURALS}
    html = (
        _env()
        .get_template("embed.html.j2")
        .render(
            v=view,
            strings=json.dumps(strings, ensure_ascii=False, sort_keys=True),
            filters=json.dumps(list(CHECKBOXES)),
            locale=_locale_tag(lang),
            address=absolute(site.site_url, lang, "embed/"),
            card=absolute(site.site_url, lang, "assets/images/card.png"),
            og_locale=translate("language.locale", lang),
        )
    )
    return Page("embed/index.html", html, indexed=False)


def _locale_tag(lang: str) -> str:
    """`en-CA` for the browser's Intl (the catalogue says `en_CA`)."""
    return translate("language.locale", lang).replace("_", "-")


EMBED_HEIGHT = 560  # px: about five rows; the list scrolls inside the frame beyond that


def embed_snippet(site_url: str, lang: str, title: str, params: dict[str, str] | None = None) -> str:
    """The one line of HTML an institution pastes (snippet.js writes the same)."""
    query = "?" + "&".join(f"{k}={v}" for k, v in (params or {}).items()) if params else ""
    src = absolute(site_url, lang, "embed/") + query
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" height="{EMBED_HEIGHT}" '
        'style="border:0;width:100%" loading="lazy"></iframe>'
    )


def frame_title(lang: str, institution: str | None = None) -> str:
    if institution is None:
        return translate("ui.embed_frame_title_all", lang)
    return translate("ui.embed_frame_title", lang, institution=institution)


def _for_institutions(site: SiteData, lang: str) -> Page:
    """Tools for career offices: the embed snippet, feeds, calendars, open data."""
    institutions = [(i, inst.shown_name) for i, inst in site.institutions.items()]
    titles = {x: {"": frame_title(x), **{i: frame_title(x, name) for i, name in institutions}} for x in LANGUAGES}
    title = translate("ui.for_institutions_title", lang)
    here = View(site, lang, "for-institutions.md").here
    previews = {x: urls.href(here, site_path(x, "embed/")) for x in LANGUAGES}
    return _render(
        site, lang, "for-institutions.md", "for_institutions.md.j2", title,
        institutions=institutions, types=_options("wil_types", lang),
        languages=[(x, translate("language.autonym", x)) for x in LANGUAGES],
        snippet=embed_snippet(site.site_url, lang, frame_title(lang)),
        preview=previews[lang],
        previews=json.dumps(previews, sort_keys=True),
        prefixes=json.dumps({x: prefix(x) for x in LANGUAGES}, sort_keys=True),
        frame_title=frame_title(lang),
        frame_titles=json.dumps(titles, ensure_ascii=False, sort_keys=True),
    )  # fmt: skip


def _plural_forms(key: str, lang: str) -> dict[str, str]:
    return {"one": template(f"ui.{key}", lang, 1), "other": template(f"ui.{key}", lang, 2)}


def _choices(f: Filter, site: SiteData, lang: str) -> list[tuple[str, str]]:
    """A filter's choices as (value, words) in the page's language."""
    from generator.textnorm import fold

    if f.kind == "yes":
        return [(YES, translate(f"ui.{f.label}", lang))]
    if f.id == "institution":
        return [(i, inst.shown_name) for i, inst in site.institutions.items()]
    if f.id == "audience":
        return [(x, translate(f"ui.audience_{x}", lang)) for x in ("students", "employers", "all")]
    assert f.vocabulary is not None, f.id
    choices = _options(f.vocabulary, lang)
    # 24 fields of study: alphabetical in the page's language, accents aside
    return sorted(choices, key=lambda choice: fold(choice[1])) if f.id == "field" else choices


def _search_context(site: SiteData, lang: str) -> dict[str, Any]:
    """The search page's form and the words and groups search.js reads, from
    the one list of filters (render/filters.py)."""
    strings: dict[str, Any] = {key: template(f"ui.{key}", lang) for key in _SEARCH_STRINGS}
    strings |= {key: _plural_forms(key, lang) for key in _SEARCH_PLURALS}
    choices = {f.id: _choices(f, site, lang) for f in FILTERS}
    fieldsets: list[dict[str, Any]] = []  # consecutive filters with one legend share a fieldset
    for f in FILTERS:
        if not fieldsets or fieldsets[-1]["key"] != f.legend:
            legend = translate(f"ui.{f.legend}", lang)
            fieldsets.append({"key": f.legend, "legend": legend, "filters": [], "open": False})
        kind = "radio" if f.kind == "radio" else "checkbox"
        fieldsets[-1]["filters"].append({"id": f.id, "kind": kind, "choices": choices[f.id]})
        fieldsets[-1]["open"] |= f.opened
    labels = {group: dict(values) for group, values in choices.items()}
    labels["deadline"] = {x: translate(f"ui.deadline_{x}", lang) for x in ("14", "30", "90", "rolling")}
    return {
        "fieldsets": fieldsets,
        "strings": json.dumps(strings, ensure_ascii=False, sort_keys=True),
        "groups": json.dumps(labels, ensure_ascii=False, sort_keys=True),
        "filters": json.dumps(list(CHECKBOXES)),
        "locale": translate("language.locale", lang).replace("_", "-"),
        "every_listing": LISTING_TOKEN,
    }


def _script_json(data: Any) -> Markup:
    """JSON that cannot close its <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _picture(site: SiteData, lang: str) -> Iterator[Page]:
    """The regional picture (render/picture.py): its page, then each chart as
    an SVG file in the page's folder, drawn in the page's language."""
    from generator.render import charts, picture, picture_view  # the page's own modules

    figures = picture.picture(site.listings, site.institutions, site.today)
    shown = picture_view.charts(figures, site.institutions, lang)
    title = translate("ui.picture", lang)
    yield _render(
        site, lang, picture_view.PAGE, "picture.md.j2", title,
        charts=shown, total=figures.opportunities, today=figures.today, chart_width=charts.WIDTH,
    )  # fmt: skip
    for chart in shown:
        yield Page(f"{picture_view.FOLDER}/{chart.file}", chart.svg(lang), indexed=False)


def _card(lang: str) -> Page:
    """The picture shown beside a shared link (render/card.py), in the page's language."""
    from generator.render import card

    words = (translate("ui.site_name", lang), translate("ui.site_description", lang), translate("ui.card_footer", lang))
    return Page(card.PATH, card.png(*words), indexed=False)


def _chooser_data(site: SiteData, lang: str) -> Markup:
    """What the chooser's script needs: each format's requirements, what it asks
    of a host, the offices that run it (institutions with open listings of that
    type), its count of open opportunities (`SiteData.open_count`, the one the
    guide and the type pages show), and the words, in the page's language."""
    view = View(site, lang, "chooser.md")
    formats = []
    for type_id in site.types_by_commitment():
        profile = vocab.lookup("host_profiles")[type_id].details
        formats.append(
            {
                "id": type_id,
                "label": view.label("wil_types", type_id),
                "summary": view.label("host_profiles", type_id),
                "definition": view.definition("host_profiles", type_id),
                "time": profile["time_level"],
                "cost": profile["cost_level"],
                "remote": profile["remote_ok"],
                "lead": profile["lead_level"],
                "supervision": profile["supervision_level"],
                "hosts": list(profile.get("hosts", HOST_KINDS)),
                "time_text": view.detail("host_profiles", type_id, "time"),
                "cost_text": view.detail("host_profiles", type_id, "cost"),
                "page": view.link(urls.wil_type(type_id)),
                "guide": view.link("employers.md") + f"#format-{type_id}",
                "open": site.open_count(type_id),
                "offices": _offices(site, view, type_id),
            }
        )
    words = {key: template(f"ui.{key}", lang) for key in _CHOOSER_STRINGS}
    words |= {key: _plural_forms(key, lang) for key in _CHOOSER_PLURALS}
    return _script_json({"formats": formats, "words": words, "contacts": "#contacts", "locale": _locale_tag(lang)})


# The kinds of organisation the chooser asks about; a format is open to all unless
# its host profile names some (schema/vocabularies.yaml).
HOST_KINDS = ("business", "non-profit", "public-body", "indigenous")

# The words chooser.js writes (the one door's words come with its form: _door.j2).
_CHOOSER_STRINGS = (
    "lead_1", "lead_2", "lead_3", "why_time", "why_cost", "why_remote", "why_lead", "why_supervision",
    "learn_more", "no_recommendation", "chooser_answer_first", "open_opportunities", "label_value", "run_by",
    "run_by_none", "colon",
)  # fmt: skip
_CHOOSER_PLURALS = ("more_formats_n", "formats_fit_n", "formats_fit_partial_n")


def _offices(site: SiteData, view: View, type_id: str) -> list[dict[str, str]]:
    """The offices that run a WIL type: each institution with an open listing of it."""
    out = []
    for inst_id in site.institutions_offering(type_id):
        inst = site.institutions[inst_id]
        contact = inst.wil_contact
        out.append(
            {
                "id": inst_id,
                "name": view.in_language(inst.name),
                "office": view.in_language(contact.office),
                "email": contact.email,
                "page": view.institution_page(inst_id),
            }
        )
    return out
