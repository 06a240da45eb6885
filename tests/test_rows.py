"""One row per opportunity (issue 20): the listings the linkage finds to be one
opportunity listed by several institutions are one row in every list, count
once in every count, and each keeps its own page, which names the others.

Rendered without MkDocs, in English and French, on the sample region (its
row of Bow Valley College's and MRU's micro-internship: conftest.SAMPLE_ROW).
Expected counts come from the data: the listings the site lists and the
linkage's groups, never from the code that renders them."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from functools import cache

import feedparser
import pytest
from conftest import DAY, PROJECT_ROOT, SAMPLE_ROW, listed_today, rows_today, sample_region
from markupsafe import escape
from test_french import english_in

from generator import settings, vocab
from generator.export.feeds import feed_xml
from generator.export.records import record
from generator.i18n import t
from generator.layout import LANGUAGES, absolute
from generator.load.history import first_added
from generator.merge.dedupe import Result
from generator.merge.listing import Listing, build_listings, partition
from generator.publish.facets import table
from generator.publish.pipeline import date_publications
from generator.publish.report import build_report
from generator.render import pages, urls
from generator.render.site import SiteData

BOWVALLEY, MRU = SAMPLE_ROW
SITE_URL = "https://wil.example.org/"


@cache
def _site() -> SiteData:
    site = SiteData.build(list(listed_today()), sample_region().institutions, DAY, site_url=SITE_URL)
    site.region = settings.current()  # the shipped region's (conftest)
    return site


@cache
def _pages(lang: str) -> dict[str, str]:
    return {p.path: p.text for p in pages.render_language(_site(), lang)}


def _by_id() -> dict[str, Listing]:
    return {x.id: x for x in listed_today()}


def _grouped() -> list[list[Listing]]:
    """The rows of more than one listing, as the linkage (and the sample's row) make them."""
    return [row for row in rows_today() if len(row) > 1]


def _opportunities() -> int:
    """Open opportunities: listed listings, each group of them counted once."""
    return len(listed_today()) - sum(len(row) - 1 for row in _grouped())


def _items(text: str) -> list[str]:
    """The rows of a list page, as HTML."""
    return re.findall(r'<li class="wil-row[^"]*">\n.*?\n</li>\n(?=\n|</ol>)', text, re.S)


def _browse(lang: str) -> list[str]:
    """Every row of the list of every opportunity, page after page."""
    found = _pages(lang)
    return [item for path in sorted(found) if path.startswith("browse/") for item in _items(found[path])]


def _links(item: str) -> list[str]:
    """The opportunities a row links to, by id."""
    return re.findall(r'href="(?:\.\./)*opportunities/([a-z0-9-]+)/"', item)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_the_sample_has_a_row_of_two_institutions() -> None:
    by_id = _by_id()
    assert {BOWVALLEY, MRU} <= set(by_id)
    assert [sorted(x.id for x in row) for row in _grouped()] == [sorted(SAMPLE_ROW)]
    assert by_id[BOWVALLEY].also == [by_id[MRU]] and by_id[MRU].also == [by_id[BOWVALLEY]]
    assert _opportunities() == len(listed_today()) - 1 == len(rows_today())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_grouped_row_names_each_institution_with_its_page_and_deadline(lang: str) -> None:
    browse = _pages(lang)["browse/index.md"]
    items = [item for item in _browse(lang) if BOWVALLEY in _links(item)]
    assert len(items) == 1, "one row for the opportunity, not one per listing"
    (item,) = items
    assert 'class="wil-row wil-row--group"' in item
    assert set(_links(item)) == {BOWVALLEY, MRU}
    offers = re.findall(r"<li><a [^>]*>(.*?)</a> · (.*?)</li>", item)
    assert [name for name, _ in offers] == ["Bow Valley College", "MRU"]  # the lead (rolling, then by id) first
    for _, deadline in offers:  # both take applications on a rolling basis
        assert _text(deadline) == t("ui.rolling", lang)
    assert t("ui.offered_through", lang) in _text(item)
    assert t("ui.row_matched", lang, count=1, institutions="") not in _text(item)  # every listing is in the list
    # the title in the page's language: Bow Valley College's listing is in English only, MRU's in both
    title = re.search(r'class="wil-row__title" href="[^"]*opportunities/([a-z0-9-]+)/"', item).group(1)  # type: ignore[union-attr]
    assert title == (BOWVALLEY if lang == "en" else MRU)
    # every other listing is a row of its own
    assert len(_browse(lang)) == len(rows_today())
    assert [_links(item)[0] for item in _browse(lang)].count(MRU) == (lang == "fr")
    assert t("ui.results", lang, count=_opportunities()) in html.unescape(browse)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_list_shows_a_row_when_any_of_its_listings_belongs_there_and_says_which(lang: str) -> None:
    by_id = _by_id()
    sectors_of = {x: set(by_id[x].record.sectors) for x in SAMPLE_ROW}
    assert sectors_of[BOWVALLEY] < sectors_of[MRU], "the sample's listings differ in their sectors"
    for sector in sectors_of[MRU]:
        text = _pages(lang)[urls.sector(sector)]
        (item,) = [item for item in _items(text) if MRU in _links(item)]
        matched = _text(item)
        if sector in sectors_of[BOWVALLEY]:
            assert "wil-row__matched" not in item
        else:  # only MRU's listing is in this sector: the row says so
            assert t("ui.row_matched", lang, count=1, institutions="MRU") in matched
        expected = sum(1 for row in rows_today() if any(sector in x.record.sectors for x in row))
        assert f"({expected})</h2>" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_count_counts_opportunities(lang: str) -> None:
    rows = rows_today()
    home = _pages(lang)["index.md"]
    # The home page counts what the search page shows by default: rows open to students.
    students = [row for row in rows if any("students" in x.record.audience for x in row)]
    assert 0 < len(students) < _opportunities()  # the sample has calls for employers only
    assert f"<li><strong>{len(students)}</strong> {escape(t('ui.count_open', lang))}</li>" in home
    soon = DAY + dt.timedelta(days=30)
    ends = [[x.deadline for x in row if x.deadline is not None] for row in students]
    closing = sum(1 for dates in ends if dates and min(dates) <= soon)
    assert 0 < closing < len(students)
    assert f"<li><strong>{closing}</strong> {escape(t('ui.count_closing', lang))}</li>" in home
    by_type = Counter(t_ for row in rows for t_ in {x.record.wil_type for x in row})
    by_sector = Counter(s for row in rows for s in {s for x in row for s in x.record.sectors})
    assert by_type["micro-internship"] < sum(1 for x in listed_today() if x.record.wil_type == "micro-internship")
    types = _pages(lang)["types/index.md"]
    sectors = _pages(lang)["sectors/index.md"]
    for type_id in vocab.ids("wil_types"):
        assert f'<a href="{type_id}/">' in types
        count = t("ui.opportunities_count", lang, count=by_type[type_id])
        assert re.search(rf'<a href="{type_id}/">[^<]*</a> <span>\({re.escape(count)}\)</span>', types), type_id
        assert f"({by_type[type_id]})</h2>" in _pages(lang)[urls.wil_type(type_id)]
    for sector in vocab.ids("sectors"):
        count = t("ui.opportunities_count", lang, count=by_sector[sector])
        assert re.search(rf'<a href="{sector}/">[^<]*</a> <span>\({re.escape(count)}\)</span>', sectors), sector
    for type_id, n in by_type.items():  # the home page's chips
        assert re.search(rf'href="types/{type_id}/">[^<]*</a> <span>\({n}\)</span>', home), type_id
    # the regional picture
    picture = html.unescape(_pages(lang)["regional-picture.md"])
    total = {"en": f"{_opportunities()} open opportunities on", "fr": f"{_opportunities()} occasions ouvertes au"}
    assert total[lang] in picture


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_institution_lists_its_own_listing_and_names_the_others(lang: str) -> None:
    institutions = sample_region().institutions
    for own, other in ((BOWVALLEY, MRU), (MRU, BOWVALLEY)):
        inst = _by_id()[own].offers[0].institution
        text = _pages(lang)[urls.institution(inst.id)]
        (item,) = [item for item in _items(text) if own in _links(item)]
        assert 'class="wil-row"' in item and _links(item) == [own, other]
        other_inst = institutions[_by_id()[other].offers[0].institution.id]
        name = getattr(other_inst.name, lang)
        assert _text(item).count(t("ui.also_listed_by", lang, institutions=name)) == 1
        # its own listings, one row each
        expected = sum(1 for x in listed_today() if inst.id in {o.institution.id for o in x.offers})
        assert f"({expected})</h2>" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_of_the_row_says_also_listed_by_with_a_link(lang: str) -> None:
    institutions = sample_region().institutions
    for own, other in ((BOWVALLEY, MRU), (MRU, BOWVALLEY)):
        page = _pages(lang)[urls.opportunity(own)]
        notes = re.findall(r'<p class="wil-note wil-also"[^>]*>(.*?)</p>', page)
        assert len(notes) == 1, own
        name = getattr(institutions[_by_id()[other].offers[0].institution.id].name, lang)
        assert f'<a href="../{other}/">{html.escape(name)}</a>' in notes[0].replace("&#39;", "'")
        assert _text(notes[0]) == t("ui.also_listed_page", lang, institutions=name)
    # a listing no other institution lists says nothing of the kind
    alone = next(x for x in listed_today() if not x.also)
    assert "wil-also" not in _pages(lang)[urls.opportunity(alone.id)]


def test_what_rows_and_pages_say_of_each_other_is_french_in_french() -> None:
    """The words this adds (not the data's: names, titles) use no word only English uses."""
    names = tuple(name for inst in sample_region().institutions.values() for name in (inst.name.en, inst.shown_name))
    said = [
        *(item for item in _browse("fr") if "wil-row--group" in item),
        *_items(_pages("fr")[urls.sector("technology")]),
        *_items(_pages("fr")[urls.institution("mru")]),
        _pages("fr")[urls.opportunity(BOWVALLEY)],
    ]
    parts = [
        part
        for text in said
        for part in re.findall(
            r'class="(?:wil-row__through|wil-row__matched|wil-row__also|wil-note wil-also)"[^>]*>(.*?)</(?:span|p)>',
            text,
        )
    ]
    assert len(parts) >= 4
    for part in parts:
        assert english_in(_text(part), names) == set(), part


def test_open_data_says_each_records_row() -> None:
    for x in listed_today():
        data = record(x, SITE_URL)
        if x.id in SAMPLE_ROW:
            assert data.row == BOWVALLEY  # the lead: both rolling, then by id
            assert data.listed_with == [y for y in SAMPLE_ROW if y != x.id]
        else:
            assert data.row == x.id or x.also, x.id
            assert data.listed_with == sorted(y.id for y in x.also)


def test_the_regions_feed_has_one_entry_per_row_and_an_institutions_feed_its_own() -> None:
    site = _site()
    for lang in LANGUAGES:
        everything = feedparser.parse(feed_xml(site, lang, site.rows, "feeds/opportunities.xml", "all", "browse/"))
        pages_of = {e.id: e for e in everything.entries}
        mine = [e for e in everything.entries if any(x in e.id for x in SAMPLE_ROW)]
        assert len(mine) == 1, lang
        shown = BOWVALLEY if lang == "en" else MRU  # the title in the feed's language
        other = MRU if shown == BOWVALLEY else BOWVALLEY
        page = absolute(SITE_URL, lang, urls.page_url(urls.opportunity(shown)))
        assert mine[0].id == page
        assert [link.href for link in mine[0].links] == [page]
        # its content names the other institution, with a link to its page
        name = getattr(_by_id()[other].offers[0].institution.name, lang)
        other_page = absolute(SITE_URL, lang, urls.page_url(urls.opportunity(other)))
        also = t("ui.also_listed_by", lang, institutions=f'<a href="{other_page}">{html.escape(name)}</a>')
        assert f"<p>{also}</p>" in mine[0].content[0].value.replace("&#39;", "'")
        assert "Bow Valley College · MRU" in mine[0].summary
        assert len(pages_of) == min(50, len(rows_today()))
        for inst, own in (("bowvalley", BOWVALLEY), ("mru", MRU)):
            feed = feedparser.parse(
                feed_xml(site, lang, site.by_institution[inst], f"feeds/institutions/{inst}.xml", inst, "x/")
            )
            ids = {e.id for e in feed.entries}
            assert absolute(SITE_URL, lang, urls.page_url(urls.opportunity(own))) in ids
            assert not any(other in e for e in ids for other in SAMPLE_ROW if other != own)


def test_the_facet_table_says_which_pages_are_one_row() -> None:
    listed = sorted(listed_today(), key=lambda x: x.id)[::-1]  # any page order
    data, _ = table(listed, DAY, {})
    position = {x.id: n for n, x in enumerate(listed)}
    assert data["together"] == sorted(
        [[position[x.id] for x in row] for row in _grouped()], key=lambda members: members[0]
    )
    assert data["together"][0][0] == position[BOWVALLEY]  # the lead first


@cache
def _forced() -> tuple[list[Listing], Result, str, str]:
    """The sample's listings with a pair the linkage compared (and explained) made a
    row, whatever it decided: the report must show that row with its decision."""
    region = sample_region()
    listings, result = build_listings(region.opportunities, region.institutions)
    date_publications(listings, first_added(PROJECT_ROOT))
    listed = {x.id for x in partition(listings, DAY).listed}
    decision = next(d for d in [*result.row_links, *result.review] if d.evidence and d.a in listed and d.b in listed)
    rows = [*result.rows, [decision.a, decision.b]]
    forced = Result(groups=result.groups, review=[], merges=result.merges, rows=rows, row_links=[decision])
    return listings, forced, decision.a, decision.b


def test_the_report_lists_each_row_with_its_decision_and_evidence_in_both_languages() -> None:
    listings, result, a, b = _forced()
    split = partition(listings, DAY, result.rows)
    report = build_report(sample_region(), listings, split, result, DAY)
    assert report.totals.rows == len(split.rows) == len(split.listed) - sum(len(r) - 1 for r in split.rows)
    (row,) = [r for r in report.rows if a in r.ids]
    assert sorted(row.ids) == sorted([a, b])
    by_id = {x.id: x for x in listings}
    assert row.institutions == [[o.institution.id for o in by_id[key].offers] for key in row.ids]
    dumped = json.loads(report.to_json())
    assert dumped["totals"]["rows"] == report.totals.rows
    data = next(r for r in dumped["rows"] if a in r["ids"])
    assert data["lead"] == row.ids[0] and data["ids"] == row.ids and data["institutions"] == row.institutions
    (link,) = data["links"]
    assert (link["a"], link["b"]) == (a, b)
    decision = result.row_links[0]
    assert link["reason"] == decision.reason
    assert link["evidence"] == [
        {**e.as_dict(), "text": {lang: e.message().render(lang) for lang in LANGUAGES}} for e in decision.evidence
    ]
    assert link["why"] == {lang: t(f"dedupe.{decision.reason}", lang) for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coordination_page_shows_each_row_with_its_evidence(lang: str) -> None:
    listings, result, a, b = _forced()
    split = partition(listings, DAY, result.rows)
    report = build_report(sample_region(), listings, split, result, DAY)
    site = SiteData.build(split.listed, sample_region().institutions, DAY, report=report)
    text = next(p.text for p in pages.render_language(site, lang) if p.path == "coordination.md")
    section = text[text.index('<h2 id="grouped-rows">') :]
    section = section[: section.index("<h2>")]
    assert t("ui.grouped_rows", lang) in html.unescape(section)
    assert f'<a href="../opportunities/{a}/"><code>{a}</code></a>' in section
    assert f'<a href="../opportunities/{b}/"><code>{b}</code></a>' in section
    decision = result.row_links[0]
    shown = [
        (verdict, html.unescape(words))
        for verdict, words in re.findall(r'<li class="wil-evidence--(\w+)">(.*?)</li>', section)
    ]
    assert shown == [(e.verdict, e.message().render(lang)) for e in decision.evidence]
    assert t(f"dedupe.{decision.reason}", lang) in html.unescape(section)
    if lang == "fr":
        by_id = {x.id: x for x in listings}
        data = tuple(w for key in (a, b) for w in (by_id[key].record.host.name, by_id[key].record.title.en or ""))
        assert english_in(_text(section), (a, b, *data)) == set()


def test_a_row_sorts_by_its_earliest_deadline_and_is_new_when_its_first_listing_is() -> None:
    by_id = _by_id()
    site = _site()
    (row,) = [r for r in site.rows if r.grouped]
    assert row.deadline is None  # both rolling
    assert row.published == min(by_id[x].published for x in SAMPLE_ROW)  # type: ignore[type-var]
    assert row.new(DAY) == (0 <= (DAY - row.published).days <= 14)  # type: ignore[operator]
    order = [r.deadline or dt.date.max for r in site.rows]
    assert order == sorted(order)
