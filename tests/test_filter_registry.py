"""One list of filter groups (render/filters.py) and everything made from it:
the search page's form and the groups it sends to the browser, the embed's
groups, the facet table's columns, each group's words in both catalogues,
and each listing's values checked against a computation from the records
written here, apart from the registry. No script lists a group by name."""

from __future__ import annotations

import json
import re
from functools import cache
from html import unescape
from pathlib import Path

import pytest
from conftest import DAY, PROJECT_ROOT, listed_today, rows_today, sample_region

from generator import settings, vocab
from generator.i18n import t
from generator.publish.config import configured_site_url
from generator.publish.facets import table
from generator.render import pages
from generator.render.filters import CHECKBOXES, FILTERS, GROUPS, values
from generator.render.site import SiteData

SCRIPTS = PROJECT_ROOT / "generator" / "resources" / "pages" / "assets" / "javascripts"


@cache
def _pages(lang: str) -> dict[str, str]:
    site = SiteData.build(list(listed_today()), sample_region().institutions, DAY, site_url=configured_site_url())
    site.region = settings.current()  # the shipped region's (conftest)
    return {p.path: p.text for p in pages.render_language(site, lang)}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_search_form_offers_every_group_in_the_registrys_order(lang: str) -> None:
    html = _pages(lang)["search.md"]
    names = list(dict.fromkeys(re.findall(r'<input type="(?:checkbox|radio)" name="(\w+)"', html)))
    assert names == [*GROUPS, "deadline"]
    assert json.loads(unescape(re.search(r'data-filters="([^"]*)"', html).group(1))) == list(CHECKBOXES)  # type: ignore[union-attr]
    labels = json.loads(unescape(re.search(r'data-groups="([^"]*)"', html).group(1)))  # type: ignore[union-attr]
    assert set(labels) == {*GROUPS, "deadline"}
    for f in FILTERS:
        legend = t(f"ui.{f.legend}", lang)
        page = html.replace("&#39;", "'")
        # its group's title, and the fieldset's name for screen readers
        assert f"<summary>{legend}<span" in page and f'<legend class="wil-visually-hidden">{legend}</legend>' in page, (
            f.id
        )
        if f.vocabulary:
            terms = vocab.lookup(f.vocabulary)
            assert labels[f.id] == {k: terms[k].label(lang) for k in terms}, f.id
        if f.kind == "yes":
            assert labels[f.id] == {"yes": t(f"ui.{f.label}", lang)}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_embed_filters_by_the_same_groups(lang: str) -> None:
    html = _pages(lang)["embed/index.html"]
    assert json.loads(unescape(re.search(r'data-filters="([^"]*)"', html).group(1))) == list(CHECKBOXES)  # type: ignore[union-attr]


def test_the_facet_table_has_a_column_for_every_group() -> None:
    rows = [x for row in rows_today() for x in row]
    data, _ = table(rows, DAY, {})
    assert list(data["groups"]) == list(GROUPS)


@pytest.mark.parametrize("script", ["facets.js", "search.js", "embed.js"])
def test_no_script_lists_a_filter_group_by_name(script: str) -> None:
    """The scripts read the groups from the page; only the two radio groups
    with their own rules (audience, deadline) are named."""
    text = (SCRIPTS / script).read_text("utf-8")
    named = {g for g in CHECKBOXES if re.search(rf"""["'`]{g}["'`]""", text)}
    assert named == set()


def _expected(listing: object) -> dict[str, list[str]]:
    """Each group's values, written out from the record here, apart from the registry."""
    r = listing.record  # type: ignore[attr-defined]
    e = r.eligibility
    size = r.host.size
    return {
        "audience": list(r.audience),
        "type": [r.wil_type],
        "sector": list(r.sectors),
        "field": list(r.study_fields or []),
        "institution": sorted(o.institution.id for o in listing.offers),  # type: ignore[attr-defined]
        "pay": [r.compensation.type],
        "arrangement": [r.work_arrangement],
        "intl": ["yes"] if e is not None and e.international_students is True else [],
        "parttime": ["yes"] if e is not None and e.part_time_students is True else [],
        "early": ["yes"] if e is not None and e.early_years is True else [],
        "credit": [r.academic_credit] if r.academic_credit is not None else [],
        "supports": list(r.supports or []),
        "french": ["yes"] if "fr" in (r.languages or []) else [],
        "small": ["yes"] if size in ("micro", "small") else [],
        "firsttime": ["yes"] if r.host.first_time is True else [],
        "equity": list(r.equity_focus or []),
    }


def test_each_listings_values_are_what_its_record_says() -> None:
    seen = dict.fromkeys(GROUPS, 0)
    for listing in listed_today():
        got, want = values(listing), _expected(listing)
        assert got == want, listing.id
        for group in GROUPS:
            seen[group] += bool(got[group])
    assert all(seen.values()), seen  # the sample has a listing in every group
    assert seen["intl"] < len(listed_today())  # and not every listing in the yes/no ones


def test_a_group_added_to_the_registry_alone_would_reach_every_place() -> None:
    """What a new group needs besides its entry: its words in both catalogues."""
    for f in FILTERS:
        for lang in ("en", "fr"):
            assert t(f"ui.{f.legend}", lang)
            if f.label:
                assert t(f"ui.{f.label}", lang) != t(f"ui.{f.label}", "fr" if lang == "en" else "en")


def test_the_registry_lists_each_group_once() -> None:
    assert len(set(GROUPS)) == len(GROUPS) and "deadline" not in GROUPS
    assert Path(pages.__file__).read_text("utf-8").count('"parttime"') == 0
