"""What a listing offers (issue 13): the new search filters' values and facet
table, their words on the search page, the opportunity page's new facts in
English and French (a list in the other language marked with its `lang`),
JSON-LD skills, and "Something wrong with this listing?" links, on a small
throw-away region built for real (MkDocs and Pagefind)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import DAY, make_region
from test_facets import _decode  # one decoder of the facet codes, written apart from the code

from generator import vocab
from generator.i18n import t
from generator.merge.listing import Listing, build_listings, partition
from generator.publish import facets
from generator.publish.config import base_config, configured_site_url
from generator.publish.pipeline import build
from generator.textnorm import fold
from generator.validate.region import validate_region

pytestmark = pytest.mark.slow

REPOSITORY = str(base_config()["extra"]["repository"]).rstrip("/")

RICH = """\
id: ambrose-rich-analyst-internship
title:
  en: Data analyst internship with supports
  fr: Stage d'analyste de données avec soutiens
description:
  en: Clean sensor data and build dashboards for a small analytics firm in Calgary.
  fr: Nettoyer des données de capteurs et créer des tableaux de bord pour une petite firme de Calgary.
institutions:
  - institution: ambrose
    apply_url: https://careers.ambrose.example.ca/rich
host:
  name: Quartz Lane Analytics
  kind: employer
  size: small
  first_time: true
wil_type: internship
sectors: [technology]
fields_of_study: [Data analytics diploma]
study_fields: [computer-science, business]
skills:
  en: [Data cleaning, Dashboard design]
learning_outcomes:
  en: [Build a dashboard a client can use]
  fr: [Créer un tableau de bord utile à un client]
academic_credit: optional
supports: [accommodations, mentor]
application_deadline: 2027-02-15
compensation:
  type: paid
  amount_min: 22
  period: hour
work_arrangement: hybrid
location:
  city: Calgary
eligibility:
  early_years: true
languages: [en, fr]
audience: [students]
last_verified: 2026-11-02
"""

# A French-only listing, merged from two institutions' files (same_as).
MERGED = """\
id: {id}
title:
  fr: Stage en communication francophone
description:
  fr: Rédiger des communiqués et animer les réseaux sociaux d'un organisme francophone de Calgary.
institutions:
  - institution: {inst}
    contact_email: stages@{inst}.example.ca
host:
  name: Maison de la francophonie
  kind: non-profit
  size: large
  first_time: false
wil_type: internship
sectors: [arts-culture]
study_fields: [communication]
skills:
  fr: [Rédaction, Réseaux sociaux]
academic_credit: "no"
supports: [flexible-hours]
application_deadline: 2027-03-01
compensation:
  type: stipend
  amount_min: 1500
  period: total
work_arrangement: on-site
location:
  city: Calgary
eligibility:
  early_years: false
languages: [fr]
audience: [students]
last_verified: 2026-11-02
{extra}"""

RICH_ID = "ambrose-rich-analyst-internship"
MERGED_ID = "sait-francophone-communications"


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_region(tmp_path_factory.mktemp("new-filters") / "region")
    (root / f"opportunities/ambrose/{RICH_ID}.yaml").write_text(RICH, "utf-8")
    for folder, inst, id_, extra in (
        ("sait", "sait", MERGED_ID, ""),
        ("mru", "mru", "mru-francophone-communications", f"same_as: {MERGED_ID}\n"),
    ):
        (root / "opportunities" / folder).mkdir(parents=True, exist_ok=True)
        text = MERGED.format(id=id_, inst=inst, extra=extra)
        (root / "opportunities" / folder / f"{id_}.yaml").write_text(text, "utf-8")
    return root


@pytest.fixture(scope="module")
def listings(region: Path) -> dict[str, Listing]:
    checked = validate_region(region, today=DAY)
    invalid = [(f.path, [p.code for p in f.problems]) for f in checked.opportunities if not f.valid]
    assert invalid == []
    found, _ = build_listings(checked.opportunities, checked.institutions)
    return {x.id: x for x in partition(found, DAY).listed}


@pytest.fixture(scope="module")
def site(region: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("new-filters-site")
    result = build(region, work / "site", DAY, build_dir=work / "build", progress=lambda m: None)
    assert result.site is not None
    return result.site


def _page(site: Path, lang: str, path: str) -> str:
    return (site / ("fr/" if lang == "fr" else "") / path / "index.html").read_text("utf-8")


def _text(html: str) -> str:
    """The words as read: inline tags vanish, others separate words (a no-break space stays)."""
    html = re.sub(r"</?(a|strong|code|span|time)\b[^>]*>", "", html)
    return re.sub(r"[ \t\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _section(html: str, id_: str) -> str:
    start = html.index(">", html.index(f'id="{id_}"')) + 1
    end = html.find("</section>", start)
    return html[start:end]


# --- the facet values ------------------------------------------------------------


def test_each_listing_has_the_new_groups_values(listings: dict[str, Listing]) -> None:
    rich = facets.values(listings[RICH_ID])
    assert {g: rich[g] for g in ("supports", "credit", "early", "small", "firsttime", "french", "field")} == {
        "supports": ["accommodations", "mentor"],
        "credit": ["optional"],
        "early": ["yes"],
        "small": ["yes"],
        "firsttime": ["yes"],
        "french": ["yes"],
        "field": ["computer-science", "business"],
    }
    merged = facets.values(listings[MERGED_ID])
    assert {g: merged[g] for g in ("supports", "credit", "early", "small", "firsttime", "french", "field")} == {
        "supports": ["flexible-hours"],
        "credit": ["no"],
        "early": [],  # early_years: false
        "small": [],  # a large host
        "firsttime": [],
        "french": ["yes"],
        "field": ["communication"],
    }
    plain = facets.values(listings["ambrose-base-valid"])  # none of the new fields
    assert all(plain[g] == [] for g in ("supports", "credit", "early", "small", "firsttime", "french", "field"))


@pytest.mark.parametrize("size,small", [("micro", True), ("small", True), ("medium", False), ("large", False)])
def test_micro_and_small_hosts_are_small_businesses(size: str, small: bool) -> None:
    assert vocab.small_host(size) is small
    assert vocab.small_host(None) is False


def test_the_facet_table_carries_every_new_group_in_page_order(site: Path, listings: dict[str, Listing]) -> None:
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    for lang in ("en", "fr"):
        language_hash = entry["languages"][lang]["hash"]
        table = json.loads((bundle / f"wil-facets.{language_hash}.json").read_text("utf-8"))
        order = [facets._listing_id(bundle, page) for page in facets.page_order(bundle, language_hash)]
        assert sorted(order) == sorted(listings)
        for group in ("supports", "credit", "early", "small", "firsttime", "french", "field"):
            column = table["groups"][group]
            codes = [column["combos"][c] for c in _decode(column["codes"])]
            assert codes == [sorted(facets.values(listings[i])[group]) for i in order], (lang, group)


# --- the search page's words ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_search_page_offers_the_new_filters_in_its_language(site: Path, lang: str) -> None:
    html = _page(site, lang, "search")
    text = _text(html)
    for key in (
        "filter_field",
        "filter_credit",
        "filter_supports",
        "filter_early",
        "filter_host",
        "filter_small",
        "filter_firsttime",
        "filter_language",
        "filter_french",
    ):
        assert t(f"ui.{key}", lang) in text, key
    for vocabulary, group in (("supports", "supports"), ("academic_credit", "credit"), ("study_fields", "field")):
        for term in (
            ("accommodations", "mentor")
            if group == "supports"
            else ("optional",)
            if group == "credit"
            else (
                "computer-science",
                "communication",
            )
        ):
            label = t(f"vocab.{vocabulary}.{term}", lang)
            assert re.search(
                rf'name="{group}" value="{term}"><span class="wil-option__label">{re.escape(_esc(label))}</span>', html
            ), (group, term)
    for group in ("early", "small", "firsttime", "french"):
        assert f'name="{group}" value="yes"' in html and f'data-count-for="{group}:yes"' in html
    # the chips' words: every group's labels in the page's language
    groups = json.loads(unescape(re.search(r'data-groups="([^"]*)"', html).group(1)))  # type: ignore[union-attr]
    assert groups["field"]["business"] == t("vocab.study_fields.business", lang)
    assert groups["small"] == {"yes": t("ui.filter_small", lang)}
    assert groups["french"] == {"yes": t("ui.filter_french", lang)}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")


def test_fields_of_study_are_in_alphabetical_order_in_each_language(site: Path) -> None:
    for lang in ("en", "fr"):
        html = _page(site, lang, "search")
        shown = [
            unescape(x)
            for x in re.findall(r'name="field" value="[^"]+"><span class="wil-option__label">([^<]+)</span>', html)
        ]
        labels = [term.label(lang) for term in vocab.vocabularies()["study_fields"]]
        assert shown == sorted(labels, key=fold) and len(shown) == 24
    assert "Informatique, sciences de l'information et services de soutien connexes" in shown


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_search_words_carry_the_new_labels_in_the_pages_language(site: Path, lang: str) -> None:
    html = _page(site, lang, f"opportunities/{RICH_ID}")
    words = unescape(re.search(r'class="wil-visually-hidden" aria-hidden="true">([^<]*)<', html).group(1))  # type: ignore[union-attr]
    for key in ("vocab.study_fields.computer-science", "vocab.supports.mentor", "vocab.academic_credit.optional"):
        assert t(key, lang) in words, key
    merged = _page(site, lang, f"opportunities/{MERGED_ID}")
    words = unescape(re.search(r'class="wil-visually-hidden" aria-hidden="true">([^<]*)<', merged).group(1))  # type: ignore[union-attr]
    assert t("vocab.academic_credit.no", lang) not in words  # "credit" finds those that give it


# --- the opportunity page ----------------------------------------------------------------


def _glance(lang: str) -> list[str]:
    """What "at a glance" says about the rich listing, from the catalogue."""

    def w(key: str, **values: str) -> str:
        return t(key, lang, **values)

    fields = ", ".join(w(f"vocab.study_fields.{f}") for f in ("computer-science", "business"))
    return [
        f"{w('ui.academic_credit')} {w('vocab.academic_credit.optional')}",
        f"{w('ui.early_years')} {w('ui.yes')}",
        f"{w('ui.study_fields')} {fields}",
        f"{w('ui.host_size')} {w('vocab.host_sizes.small')} ({w('ui.small_business')})",
        f"{w('ui.first_time_host')} {w('ui.yes')}",
    ]


def test_the_english_page_shows_what_the_listing_offers(site: Path) -> None:
    html = _page(site, "en", f"opportunities/{RICH_ID}")
    glance = _text(_section(html, "glance"))
    for expected in [*_glance("en"), "Programs and specialties Data analytics diploma"]:
        assert expected in glance, (expected, glance)
    assert "First- and second-year students Yes" in glance and "First time hosting a student Yes" in glance
    assert '<a href="../../search/?field=computer-science">' in html
    learn = _section(html, "learn")
    assert _text(learn).strip() == (
        "What you will learn Skills you will develop Data cleaning Dashboard design "
        "By the end, you will be able to Build a dashboard a client can use"
    )
    assert "lang=" not in learn  # both lists are in English
    supports = _text(_section(html, "supports"))
    assert "Accommodations for disability: The host adapts tasks" in supports
    assert "A named mentor: One person at the host meets the student regularly." in supports


def test_the_french_page_says_it_in_french_and_marks_english_items(site: Path) -> None:
    html = _page(site, "fr", f"opportunities/{RICH_ID}")
    glance = _text(_section(html, "glance"))
    for expected in _glance("fr"):
        assert expected in glance, (expected, glance)
    assert "Domaines d'études Informatique, sciences de l'information et services de soutien connexes" in glance
    assert "Étudiants de première et de deuxième année Oui" in glance
    assert "Computer and Information" not in html
    learn = _section(html, "learn")
    # skills exist only in English: shown, marked lang="en"; outcomes have French
    assert re.search(r'<h3>Compétences que vous développerez</h3>\s*<ul class="wil-learn" lang="en">', learn)
    assert "<li>Data cleaning</li>" in learn
    assert re.search(r'<h3>À la fin, vous saurez</h3>\s*<ul class="wil-learn">\s*<li>Créer un tableau', learn)
    supports = unescape(_section(html, "supports"))
    assert "<strong>Un mentor désigné</strong>\u00a0: Une personne chez l'hôte" in supports
    # and the French-only listing on the English page: its skills marked lang="fr"
    english = _page(site, "en", f"opportunities/{MERGED_ID}")
    assert re.search(r'<ul class="wil-learn" lang="fr">\s*<li>Rédaction</li>', english)
    assert f"Academic credit {t('vocab.academic_credit.no', 'en')}" in _text(_section(english, "glance"))
    assert "First- and second-year students No" in _text(_section(english, "glance"))
    assert "(a small business)" not in english


def test_a_page_without_the_new_fields_shows_none_of_them(site: Path) -> None:
    for lang in ("en", "fr"):
        html = _page(site, lang, "opportunities/ambrose-base-valid")
        assert 'id="learn"' not in html and 'id="supports"' not in html
        for key in ("academic_credit", "early_years", "host_size", "first_time_host", "study_fields"):
            assert f"<dt>{t(f'ui.{key}', lang)}</dt>" not in html.replace("&#39;", "'"), key


def test_json_ld_carries_the_skills_in_the_pages_language(site: Path) -> None:
    for lang, skills in (("en", "Data cleaning, Dashboard design"), ("fr", "Data cleaning, Dashboard design")):
        html = _page(site, lang, f"opportunities/{RICH_ID}")
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
        assert data["@type"] == "JobPosting" and data["skills"] == skills
    html = _page(site, "en", f"opportunities/{MERGED_ID}")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert data["skills"] == "Rédaction, Réseaux sociaux"


# --- "Something wrong with this listing?" ----------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("id_", [RICH_ID, MERGED_ID, "ambrose-base-valid"])
def test_something_wrong_links_each_source_file_and_a_prefilled_issue(
    site: Path, listings: dict[str, Listing], lang: str, id_: str
) -> None:
    listing = listings[id_]
    html = _page(site, lang, f"opportunities/{id_}")
    wrong = _section(html, "wrong")
    assert t("ui.something_wrong", lang) in unescape(wrong)
    edits = re.findall(r'<a class="wil-edit-source" href="([^"]+)"[^>]*>(.*?)</a>', wrong)
    paths = [s.path for s in listing.sources]
    assert len(paths) == (2 if id_ == MERGED_ID else 1)
    assert [unescape(href) for href, _ in edits] == [f"{REPOSITORY}/edit/main/{p}" for p in paths]
    for (_, words), path in zip(edits, paths, strict=True):
        assert _text(words).strip() == t("ui.edit_source", lang, path=path)
    issue = unescape(re.search(r'<a class="wil-report-problem" href="([^"]+)"', wrong).group(1))  # type: ignore[union-attr]
    url = urlsplit(issue)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPOSITORY}/issues/new"
    query = parse_qs(url.query)
    assert query["title"] == [t("ui.issue_title", lang, id=id_)]
    body = query["body"][0]
    page = f"{configured_site_url()}{'fr/' if lang == 'fr' else ''}opportunities/{id_}/"
    assert body == t("ui.issue_body", lang, id=id_, url=page, paths=", ".join(paths))
    assert ("Qu'est-ce qui est faux" in body) is (lang == "fr")
    assert unquote(url.query).count(id_) >= 2  # in the title and the body
