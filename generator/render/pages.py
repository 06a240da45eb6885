"""Render every page of one language as Markdown files holding escaped HTML.

Templates are Jinja with autoescape on, so any text from a data file is
escaped unless it went through `text.description_html`. Each page gets a
front matter title made safe for the theme (see `text.title_text`) and a
link to the same page in the other language.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import vocab
from generator.merge.listing import Listing
from generator.models import Opportunity
from generator.render import urls
from generator.render.i18n import LANGUAGES, t
from generator.render.site import SiteData, pages_of
from generator.render.text import description_html, title_text

LISTING_TOKEN = "zzlisting"  # every opportunity page carries it; the search page tells its script


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # relative to the docs folder, e.g. "types/co-op.md"
    text: str


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


class View:
    """What a template may ask about the page it renders."""

    def __init__(self, site: SiteData, lang: str, path: str) -> None:
        self.site = site
        self.lang = lang
        self.other = next(x for x in LANGUAGES if x != lang)
        self.path = path
        self.url = urls.page_url(path)
        self.here = ("fr/" if lang == "fr" else "") + self.url  # this page's path from the site's root

    # --- words ---------------------------------------------------------
    def t(self, key: str, **values: Any) -> str:
        return t(key, self.lang, **values)

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
        own = getattr(text, self.lang)
        if own is not None:
            return Markup.escape(own)
        return Markup('<span lang="{}">{}</span>').format(self.other, getattr(text, self.other))

    def description(self, record: Opportunity) -> Markup:
        own = getattr(record.description, self.lang)
        if own is not None:
            return description_html(own)
        other = getattr(record.description, self.other)
        return Markup('<div lang="{}">{}</div>').format(self.other, description_html(other))

    def is_fallback(self, record: Opportunity) -> bool:
        return getattr(record.title, self.lang) is None

    def number(self, value: float) -> str:
        text = str(int(value)) if float(value).is_integer() else f"{value:g}"
        return text.replace(".", ",") if self.lang == "fr" else text

    def money(self, amount: float) -> str:
        whole = int(amount) if float(amount).is_integer() else amount
        if self.lang == "fr":
            return f"{whole:,}".replace(",", "\u202f").replace(".", ",") + "\u00a0$"
        return f"${whole:,}"

    def pay(self, record: Opportunity) -> str:
        comp = record.compensation
        label = self.label("compensation", comp.type)
        amounts = [a for a in (comp.amount_min, comp.amount_max) if a is not None]
        if not amounts:
            return label
        span = "–".join(self.money(a) for a in dict.fromkeys(amounts))
        period = self.label("pay_periods", comp.period) if comp.period else ""
        return f"{label}: {span} {period}".strip()

    # --- links ---------------------------------------------------------
    def link(self, path: str) -> str:
        return urls.href(self.url, urls.page_url(path))

    def site_root(self) -> str:
        """The site's root (where the search bundle lives), from this page."""
        return urls.href(self.here, "")

    def asset(self, file: str) -> str:
        """A file at the site's root, shared by both languages (the search bundle, scripts)."""
        prefix = "fr/" if self.lang == "fr" and file.startswith("assets/") else ""
        return urls.href(self.here, prefix + file)

    def deadline_buckets(self, listing: Listing) -> list[str]:
        """Search filter values: cumulative windows, so one choice covers all sooner ones."""
        deadline = listing.deadline
        if deadline is None:
            return ["rolling"]
        days = (deadline - self.site.today).days
        return [str(n) for n in (14, 30, 90) if days <= n]

    def index_words(self, listing: Listing) -> str:
        """Words search should find that the page shows in labelled lists (which are
        left out of the index, so that their repeated labels do not bloat it):
        type, sectors, pay, place, fields of study, institutions, and the token
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
        ]
        return " · ".join(w for w in words if w)

    def yes_no(self, value: bool | None) -> str:
        return "unknown" if value is None else ("yes" if value else "no")

    def other_language(self) -> str:
        """The same page in the other language (English at the root, French under fr/)."""
        target = ("fr/" if self.other == "fr" else "") + self.url
        return urls.href(self.here, target)

    def opportunity(self, id_: str) -> str:
        return self.link(urls.opportunity(id_))

    def type_page(self, id_: str) -> str:
        return self.link(urls.wil_type(id_))

    def sector_page(self, id_: str) -> str:
        return self.link(urls.sector(id_))

    def institution_page(self, id_: str) -> str:
        return self.link(urls.institution(id_))


def _front_matter(title: str, lang: str, **extra: str) -> str:
    data = {"title": title_text(title), **extra}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _render(site: SiteData, lang: str, path: str, template: str, title: str, **context: Any) -> Page:
    view = View(site, lang, path)
    body = _env().get_template(template).render(v=view, **context)
    return Page(path, _front_matter(title, lang) + body)


def _paginated(
    site: SiteData, lang: str, items: list[Listing], path_of: Any, title: str, template: str, **context: Any
) -> Iterator[Page]:
    chunks = pages_of(items)
    paths = [path_of(n) for n in range(1, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        path = paths[number - 1]
        pager = {"number": number, "total": len(chunks), "pages": paths, "window": _window(number, len(chunks))}
        page_title = title if number == 1 else f"{title} ({t('page_n', lang, n=number, total=len(chunks))})"
        yield _render(site, lang, path, template, page_title, rows=chunk, pager=pager, count=len(items), **context)


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


def render_language(site: SiteData, lang: str) -> list[Page]:
    """Every generated page of one language."""
    pages: list[Page] = [
        _render(site, lang, "index.md", "home.md.j2", t("home_title", lang)),
        _render(site, lang, "employers.md", "employers.md.j2", t("employers_title", lang)),
        _render(site, lang, "types/index.md", "types.md.j2", t("types", lang)),
        _render(site, lang, "sectors/index.md", "sectors.md.j2", t("sectors", lang)),
        _render(site, lang, "institutions/index.md", "institutions.md.j2", t("institutions", lang)),
    ]
    pages.append(_render(site, lang, "search.md", "search.md.j2", t("search", lang), **_search_context(site, lang)))
    pages.append(_render(site, lang, "chooser.md", "chooser.md.j2", t("chooser", lang), data=_chooser_data(site, lang)))
    if site.report:
        pages.append(_render(site, lang, "coordination.md", "coordination.md.j2", t("coordination", lang)))
    pages += _paginated(site, lang, site.listings, urls.browse, t("browse", lang), "browse.md.j2")
    for type_id, items in site.by_type.items():
        title = vocab.lookup("wil_types")[type_id].label(lang)
        pages += _paginated(
            site, lang, items, lambda n, i=type_id: urls.wil_type(i, n), title, "type.md.j2", type_id=type_id
        )
    for sector_id, items in site.by_sector.items():
        title = vocab.lookup("sectors")[sector_id].label(lang)
        pages += _paginated(
            site, lang, items, lambda n, i=sector_id: urls.sector(i, n), title, "sector.md.j2", sector_id=sector_id
        )
    for inst_id, items in site.by_institution.items():
        inst = site.institutions[inst_id]
        title = inst.name.fr if lang == "fr" else inst.name.en
        pages += _paginated(
            site, lang, items, lambda n, i=inst_id: urls.institution(i, n), title, "institution.md.j2", inst=inst
        )
    for listing in site.listings:
        names = listing.record.title
        title = getattr(names, lang) or names.en or names.fr or ""  # one language at least is validated
        path = urls.opportunity(listing.id)
        pages.append(_render(site, lang, path, "opportunity.md.j2", title, listing=listing, r=listing.record))
    return pages


def _options(vocabulary: str, lang: str) -> list[tuple[str, str]]:
    return [(term.id, term.label(lang)) for term in vocab.vocabularies()[vocabulary]]


_SEARCH_STRINGS = ("results_count", "results_one", "results_none", "loading")


def _search_context(site: SiteData, lang: str) -> dict[str, Any]:
    institutions = [(i, inst.shown_name) for i, inst in site.institutions.items()]
    strings = {key: t(key, lang) for key in _SEARCH_STRINGS}
    return {
        "type_options": _options("wil_types", lang),
        "sector_options": _options("sectors", lang),
        "institution_options": institutions,
        "pay_options": _options("compensation", lang),
        "arrangement_options": _options("work_arrangements", lang),
        "audience_options": _options("audiences", lang),
        "equity_options": _options("equity_focus", lang),
        "strings": json.dumps(strings, ensure_ascii=False),
        "every_listing": LISTING_TOKEN,
    }


def _script_json(data: Any) -> Markup:
    """JSON that cannot close its <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _chooser_data(site: SiteData, lang: str) -> Markup:
    """What the chooser's script needs: each format's requirements, words and links."""
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
                "page": view.link(urls.wil_type(type_id)),
                "search": view.link("search.md") + f"?type={type_id}&audience=employers",
                "open_for_employers": sum(1 for x in site.by_type[type_id] if "employers" in x.record.audience),
            }
        )
    words = {
        key: t(key, lang)
        for key in (
            "time_1",
            "time_2",
            "time_3",
            "time_4",
            "cost_0",
            "cost_1",
            "cost_2",
            "lead_1",
            "lead_2",
            "lead_3",
            "why_time",
            "why_cost",
            "why_remote",
            "why_lead",
            "why_supervision",
            "see_open",
            "learn_more",
            "no_recommendation",
            "formats_fit",
        )
    }
    return _script_json({"formats": formats, "words": words, "contacts": "#contacts"})
