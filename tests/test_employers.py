"""The employer journey without a browser: one count of open opportunities
everywhere, the offices that run each format, the chooser with nothing
chosen in advance, the one door to the region, the employer kit (subsidies)
and the two hand-written pages for employers, in both languages."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache

import pytest
from conftest import DAY, listed_today, rows_today, sample_region
from test_french import english_in

from generator import settings, vocab
from generator.i18n import t
from generator.layout import LANGUAGES
from generator.paths import PAGES
from generator.publish.config import NAV
from generator.render import pages
from generator.render.site import SiteData

KIT = ("students", "employers", "covers", "claim")


@cache
def _site() -> SiteData:
    site = SiteData.build(list(listed_today()), sample_region().institutions, DAY)
    site.region = settings.current()  # the shipped region's (conftest)
    return site


@cache
def _pages(lang: str) -> dict[str, str]:
    wanted = re.compile(r"^(index|employers|chooser|types/[a-z-]+|opportunities/[a-z0-9-]+)\.md$")
    return {p.path: p.text for p in pages.render_language(_site(), lang) if wanted.match(p.path)}


def _chooser_json(lang: str) -> dict:
    text = _pages(lang)["chooser.md"]
    found = re.search(r'<script type="application/json" id="wil-chooser-data">(.*?)</script>', text, re.S)
    assert found
    return json.loads(found.group(1))


def _by_type() -> Counter[str]:
    """Open opportunities per WIL type, straight from the listings the site shows: the
    listings of one opportunity that several institutions list (one row) count once."""
    return Counter(t for row in rows_today() for t in {x.record.wil_type for x in row})


def _offering(type_id: str) -> list[str]:
    return sorted({o.institution.id for x in listed_today() if x.record.wil_type == type_id for o in x.offers})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_count_of_open_opportunities_everywhere(lang: str) -> None:
    counts = _by_type()
    site = _site()
    chooser = {f["id"]: f["open"] for f in _chooser_json(lang)["formats"]}
    guide = dict(
        re.findall(r'<li id="format-([a-z-]+)">.*?data-open-count="(\d+)"', _pages(lang)["employers.md"], re.S)
    )
    for type_id in vocab.ids("wil_types"):
        expected = counts.get(type_id, 0)
        assert site.open_count(type_id) == expected, type_id
        assert chooser[type_id] == expected, type_id
        assert int(guide[type_id]) == expected, type_id
        type_page = _pages(lang)[f"types/{type_id}.md"]
        label = t("ui.open_opportunities", lang)
        assert f"<h2>{label} ({expected})</h2>" in type_page, type_id
    # one type per opportunity (its institutions agree on it), and fewer opportunities than pages
    assert sum(counts.values()) == len(rows_today()) < len(listed_today())
    assert any(
        counts[x]
        and counts[x] != sum(1 for y in site.for_employers() if any(m.record.wil_type == x for m in y.matched))
        for x in counts
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_format_names_the_offices_that_run_it(lang: str) -> None:
    formats = _chooser_json(lang)["formats"]
    assert [f["id"] for f in formats] == _site().types_by_commitment()
    institutions = sample_region().institutions
    some_but_not_all = 0
    for f in formats:
        ids = [o["id"] for o in f["offices"]]
        assert ids == _offering(f["id"]), f["id"]
        for office in f["offices"]:
            inst = institutions[office["id"]]
            assert office["email"] == inst.wil_contact.email
            assert office["name"] == getattr(inst.name, lang)
        some_but_not_all += 0 < len(ids) < len(institutions)
    assert some_but_not_all >= 3  # the sample region does not give all seven to every format


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chooser_chooses_nothing_in_advance(lang: str) -> None:
    text = _pages(lang)["chooser.md"]
    assert 'type="radio"' in text and "checked" not in text
    assert t("ui.chooser_answer_first", lang) in text.replace("&#39;", "'")
    for key in ("time_1", "time_2", "time_3", "time_4"):  # the time answers say their units
        assert re.search(r"\d", t(f"ui.{key}", lang)), key
    assert "heures" in t("ui.time_3", "fr") and "hours" in t("ui.time_3", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_door_writes_to_the_region_from_the_guide_and_the_chooser(lang: str) -> None:
    region = _site().region
    assert region is not None
    for path in ("employers.md", "chooser.md"):
        text = _pages(lang)[path]
        assert 'id="tell-the-region"' in text and 'id="wil-door-form"' in text, path
        assert f'href="mailto:{region.contact.email}?subject=' in text, path
        data = json.loads(re.search(r'id="wil-door-data">(.*?)</script>', text, re.S).group(1))  # type: ignore[union-attr]
        assert data["email"] == region.contact.email
        assert data["words"]["what"] == t("ui.door_body_what", lang, value="{value}")
        assert "{amount}" in data["words"]["time"] and "{unit}" in data["words"]["time"]
        if lang == "fr":
            assert english_in(" ".join(data["words"].values())) == set()
    chooser = _pages(lang)["chooser.md"]
    assert chooser.index('id="wil-chooser-results"') < chooser.index('id="tell-the-region"')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_journey_leads_employers_to_the_chooser_and_the_contacts(lang: str) -> None:
    home = _pages(lang)["index.md"]
    card = home[home.index('<div class="wil-doors">') :]
    card = card[card.index("</section>") + len("</section>") :]  # the second door: employers
    card = card[: card.index("</section>")]
    assert 'href="chooser/"' in card.split("</h2>")[0]
    guide = _pages(lang)["employers.md"]
    top = guide[: guide.index('id="formats"')]
    assert 'href="../chooser/"' in top
    assert 'href="#contacts"' in top and 'id="contacts"' in top  # contacts before every format
    for anchor in ("tell-the-region", "contacts", "formats", "subsidies", "hosting-well", "open-calls"):
        assert f'href="#{anchor}"' in guide and f'id="{anchor}"' in guide, anchor
    assert 'href="../supervising/"' in guide and 'href="../inclusive/"' in guide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_employer_kit_says_who_qualifies_and_how_to_claim(lang: str) -> None:
    guide = _pages(lang)["employers.md"]
    for term in vocab.vocabularies()["subsidies"]:
        url = term.details.get("url", "")
        assert url.startswith("https://"), term.id
        section = guide[guide.index(f'id="subsidy-{term.id}"') :]
        section = section[: section.index("</section>")]
        assert f'<h3 id="subsidy-{term.id}-heading">' in section
        assert f'href="{url}"' in section
        for detail in KIT:
            words = term.detail(detail, lang)
            assert len(words) > 30, (term.id, detail)
            if lang == "fr":
                assert english_in(words, ("ECO Canada", "BioTalent Canada")) == set(), (term.id, detail)
    swpp = vocab.lookup("subsidies")["swpp"].detail("students", lang)
    assert ("International students are not" if lang == "en" else "étudiants étrangers ne sont pas") in swpp
    credit = vocab.lookup("subsidies")["coop-tax-credit"].detail("employers", lang)
    assert "Alberta" in credit


@pytest.mark.parametrize("lang", LANGUAGES)
def test_listings_show_the_kit_of_their_subsidies(lang: str) -> None:
    with_subsidies = [x for x in listed_today() if x.record.subsidies]
    assert with_subsidies
    for listing in with_subsidies:
        text = _pages(lang)[f"opportunities/{listing.id}.md"]
        for subsidy in listing.record.subsidies:
            assert f'data-subsidy="{subsidy}"' in text, (listing.id, subsidy)
            term = vocab.lookup("subsidies")[subsidy]
            assert term.detail("claim", lang).replace("'", "&#39;") in text
        assert "employers/#subsidies" in text


@pytest.mark.parametrize("name", ["supervising", "inclusive"])
def test_the_employers_pages_are_short_plain_and_in_both_languages(name: str) -> None:
    assert (f"ui.{name}_page", f"{name}.md") in NAV
    for lang in LANGUAGES:
        text = (PAGES / lang / f"{name}.md").read_text("utf-8")
        words = len(re.findall(r"[\wÀ-ÿ'’-]+", re.sub(r"\(([^)]*\.md[^)]*)\)", "", text)))
        assert 300 <= words <= 560, (lang, words)
        assert text.startswith(f"# {t(f'ui.{name}_page', lang)}\n")
        assert "employers.md#contacts" in text
        assert not re.search(r"\d+ ?%", text)  # no statistics
        if lang == "fr":
            assert english_in(re.sub(r"\([^)]*\.md[^)]*\)", "", text)) == set()
            assert not re.search(r"\w [:;?!]", text)  # non-breaking spaces before French punctuation
