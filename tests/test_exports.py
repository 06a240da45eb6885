"""What the site publishes for other tools, read back with real parsers:
open data (jsonschema, csv), feeds (feedparser), calendars (icalendar),
search engines' markup (extruct), sitemap and robots.txt (ElementTree).
Every expectation is computed from the data, not written down."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import extruct
import feedparser
import icalendar
import jsonschema
import pytest
from conftest import (
    DAY,
    PROJECT_ROOT,
    SAMPLE_ROW,
    copy_sample,
    listed_today,
    per_test_under_mutation,
    rows_today,
    sample_partition,
    sample_region,
)

from benchmarks import synth
from generator import models, vocab
from generator.export import calendars, write_exports
from generator.export.feeds import FEED_SIZE, updated
from generator.export.opendata import csv_text, inert
from generator.export.records import Export, Record
from generator.export.records import record as export_record
from generator.layout import absolute
from generator.merge.listing import Listing, build_listings
from generator.models import Opportunity
from generator.publish.config import configured_site_url
from generator.publish.pipeline import generate
from generator.render import urls
from generator.render.pages import embed_snippet
from generator.render.site import SiteData
from generator.render.structured import JOB_TYPES, script_json
from generator.validate.region import SourceFile

SITE_URL = configured_site_url()


listed = listed_today


def _members(facet: str, key: str) -> list[Listing]:
    """The listings of a feed's or a calendar's list, from the data (facet: its folder)."""
    return [
        x
        for x in listed()
        if facet in ("feeds", "calendars")
        or (facet == "types" and x.record.wil_type == key)
        or (facet == "sectors" and key in x.record.sectors)
        or (facet == "institutions" and key in {o.institution.id for o in x.offers})
    ]


def _entries(facet: str, key: str, lang: str) -> dict[str, dt.date]:
    """A feed's entries from the data, by address, with their `updated` day: an
    institution's feed holds its own listings; every other feed one entry per
    opportunity (row), at its first listing with a title in the feed's language,
    updated when any of its listings was."""
    if facet == "institutions":
        return {_page(x.id, lang): updated(x) for x in _members(facet, key)}
    members = {x.id for x in _members(facet, key)}
    out = {}
    for row in rows_today():
        if any(x.id in members for x in row):
            shown = next((x for x in row if getattr(x.record.title, lang)), row[0])
            out[_page(shown.id, lang)] = max(updated(x) for x in row)
    return out


def _page(listing_id: str, lang: str = "en") -> str:
    return absolute(SITE_URL, lang, urls.page_url(urls.opportunity(listing_id)))


# --- fast: the pieces that make the outputs safe ---------------------------------------


def test_a_spreadsheet_never_runs_a_cell() -> None:
    for dangerous in ('=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert inert(dangerous) == "'" + dangerous
    assert inert("Calgary") == "Calgary" and inert("") == ""


def test_a_formula_after_leading_spaces_is_not_run_either() -> None:
    """Some spreadsheet applications trim a cell before evaluating it."""
    for dangerous in ("  =1+2", " +SUM(A1)", "\u00a0@cmd", "   -2+3"):
        assert inert(dangerous) == "'" + dangerous
    assert inert("  Calgary") == "  Calgary"


def test_json_ld_can_never_close_its_script() -> None:
    text = script_json({"name": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!-- & \u2028"}


def test_the_embed_snippet_escapes_what_it_quotes() -> None:
    line = embed_snippet("https://x.example/", "fr", 'A "quoted" <title>', {"institution": "sait", "type": "co-op"})
    assert line.startswith('<iframe src="https://x.example/fr/embed/?institution=sait&amp;type=co-op"')
    assert 'title="A &#34;quoted&#34; &lt;title&gt;"' in line and "<title>" not in line


# --- the exports, as the build writes them (fast: no engine, no search index) -------------


@pytest.fixture(scope=per_test_under_mutation)
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's exports written by the build's own steps (`generate`, then
    `write_exports` into build/extra, whose layout is the site's), without the
    engine and Pagefind: what open data, feeds and calendars say is read here
    in a fast test. The site publishes build/extra as it is (release.py), and
    the slow tests below read the built site's pages."""
    work = tmp_path_factory.mktemp("exports")
    generated = generate(PROJECT_ROOT, work / "build", DAY, progress=lambda m: None)
    write_exports(work / "extra", generated.site, generated.indexed)
    return work / "extra"


def _text(value: object) -> dict[str, object] | None:
    """A YAML text field as open data writes it: both languages, None where absent."""
    if value is None:
        return None
    return {"en": value, "fr": None} if isinstance(value, str) else {"en": value.get("en"), "fr": value.get("fr")}  # type: ignore[union-attr]


def test_each_offer_host_commitment_and_place_is_its_source_file(exports: Path) -> None:
    """Read back against the YAML each offer names (PyYAML, not the loader): an
    institution's own office, program, dates and licence; the host's
    commitment and the place of a listing one file describes."""
    import yaml

    data = json.loads((exports / "data" / "opportunities.json").read_text("utf-8"))
    names = {
        p.stem: yaml.safe_load(p.read_text("utf-8"))["name"] for p in (PROJECT_ROOT / "institutions").glob("*.yaml")
    }
    seen = 0
    for record in data["opportunities"]:
        for offer in record["institutions"]:
            source = yaml.safe_load((PROJECT_ROOT / offer["source_file"]).read_text("utf-8"))
            (mine,) = [o for o in source["institutions"] if o["institution"] == offer["institution"]]
            assert offer["institution_name"] == names[offer["institution"]]
            assert (offer["contact_office"], offer["program"]) == (mine.get("contact_office"), mine.get("program"))
            for day in ("application_deadline", "start_date", "end_date"):
                assert offer[day] == (str(source[day]) if source.get(day) else None), (record["id"], day)
            assert offer["licence"] == "CC-BY-4.0"
        if len(record["institutions"]) == 1:
            commitment = source.get("host_commitment") or {}
            if commitment:
                seen += 1
                assert record["host_commitment"]["hours_total"] == commitment.get("hours_total")
                for key in ("cost", "time", "supervision"):
                    assert record["host_commitment"][key] == _text(commitment.get(key)), (record["id"], key)
            for day in ("start_date", "end_date"):
                assert record[day] == (str(source[day]) if source.get(day) else None), (record["id"], day)
            duration = source.get("duration")
            assert (record["duration"] and (record["duration"]["value"], record["duration"]["unit"]["id"])) == (
                duration and (duration["value"], duration["unit"])
            ), record["id"]
            assert record["fields_of_study"] == (source.get("fields_of_study") or [])
            for vocabulary in ("intake_terms", "subsidies", "equity_focus", "languages"):
                assert [x["id"] for x in record[vocabulary]] == (source.get(vocabulary) or []), (
                    record["id"],
                    vocabulary,
                )
            assert record["host"]["website"] == source["host"].get("website")
            place = source.get("location")
            assert record["location"] == (
                None if place is None else {"city": place.get("city"), "province": place.get("province", "AB"),
                                            "details": place.get("details")}
            ), record["id"]  # fmt: skip
    assert seen > 10
    published = {x.id: x.published and x.published.isoformat() for x in listed()}  # None outside a git checkout
    assert [r["first_published"] for r in data["opportunities"]] == [published[r["id"]] for r in data["opportunities"]]
    # a merged page names the other files it took in: real files, never itself
    files = {p.stem for p in (PROJECT_ROOT / "opportunities").rglob("*.yaml")}
    merged = [(r["id"], m) for r in data["opportunities"] for m in r["merged_ids"]]
    assert merged and all(m in files and m != id_ for id_, m in merged)


def test_open_data_from_the_cache_is_what_a_fresh_export_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild takes each unchanged listing's record from the cache and makes
    the edited one again: its files are byte for byte those of a build
    without a cache."""
    monkeypatch.setenv("WIL_SERIAL", "1")  # the exports in this process, where the cache counts its hits
    root = copy_sample(tmp_path / "region")
    first = generate(root, tmp_path / "build", DAY, progress=lambda m: None)
    write_exports(tmp_path / "one", first.site, first.indexed)
    edited = next((root / "opportunities" / "sait").glob("*.yaml"))
    text = edited.read_text("utf-8")
    edited.write_text(text.replace("\ntitle:\n  en: ", "\ntitle:\n  en: Renamed ", 1), "utf-8")
    again = generate(root, tmp_path / "build", DAY, progress=lambda m: None)
    assert again.site.cache is not None
    hits = again.site.cache.hits
    write_exports(tmp_path / "two", again.site, again.indexed)
    assert again.site.cache.hits - hits >= len(again.site.listings) - 1  # all but the edited one
    fresh = generate(root, tmp_path / "fresh", DAY, progress=lambda m: None, use_cache=False)
    assert fresh.site.cache is None
    write_exports(tmp_path / "three", fresh.site, fresh.indexed)
    for name in ("opportunities.json", "opportunities.csv"):
        two, three = (tmp_path / "two" / "data" / name).read_bytes(), (tmp_path / "three" / "data" / name).read_bytes()
        assert two == three and two != (tmp_path / "one" / "data" / name).read_bytes()
        assert b"Renamed " in two


# --- slow: the built sample site ----------------------------------------------------------


@pytest.fixture
def site(sample_site: Path) -> Path:
    return sample_site


def test_open_data_json_follows_its_schema_and_round_trips(exports: Path) -> None:
    raw = (exports / "data" / "opportunities.json").read_bytes()
    # compact, with accents as UTF-8 (not \\u escapes): the largest file a province publishes (issue 25)
    assert b'": ' not in raw and b'", "' not in raw and b"\\u00e9" not in raw and "é".encode() in raw
    assert raw.endswith(b"}\n")
    data = json.loads(raw.decode("utf-8"))
    schema = json.loads((exports / "data" / "opportunities.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["schema_version"] == "1.2" and data["built_for"] == DAY.isoformat()
    assert schema["properties"]["schema_version"]["description"].startswith(
        "Changes: 1.2: contact_email and contact_phone"
    )
    assert Export.model_validate(data).model_dump(mode="json") == data
    by_id = {x.id: x for x in listed()}
    assert [r["id"] for r in data["opportunities"]] == sorted(by_id)
    for record in data["opportunities"]:
        assert Record.model_validate(record).model_dump(mode="json") == record
        listing = by_id[record["id"]]
        r = listing.record
        assert record["title"] == {"en": r.title.en, "fr": r.title.fr}
        assert record["url"] == {"en": _page(listing.id), "fr": _page(listing.id, "fr")}
        assert record["wil_type"]["id"] == r.wil_type
        assert record["wil_type"]["label"]["fr"] == vocab.lookup("wil_types")[r.wil_type].label("fr")
        assert [o["institution"] for o in record["institutions"]] == [o.institution.id for o in listing.offers]
        assert [o["apply_url"] for o in record["institutions"]] == [o.offering.apply_url for o in listing.offers]
        assert record["application_deadline"] == (listing.deadline.isoformat() if listing.deadline else None)
        assert all(o["licence"] == "CC-BY-4.0" for o in record["institutions"])
    assert any(len(r["institutions"]) > 1 for r in data["opportunities"]), "a merged listing names each institution"


def test_open_data_csv_has_one_row_per_listing(exports: Path) -> None:
    raw = (exports / "data" / "opportunities.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads the accents
    assert raw.count(b"\r\n") == len(listed()) + 1  # RFC 4180: each record ends in CRLF, a cell's own lines do not
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    by_id = {x.id: x for x in listed()}
    assert len(rows) == len(by_id) and {row["id"] for row in rows} == set(by_id)
    for row in rows:
        r = by_id[row["id"]].record
        assert row["title_fr"] == (r.title.fr or "")
        assert row["sectors"] == "; ".join(r.sectors)
        assert row["sectors_fr"] == "; ".join(vocab.lookup("sectors")[s].label("fr") for s in r.sectors)
        assert row["institutions_institution"] == "; ".join(o.institution.id for o in by_id[row["id"]].offers)
        assert row["description_en"] == (r.description.en or "")
    data = json.loads((exports / "data" / "opportunities.json").read_text("utf-8"))
    assert csv_text(data["opportunities"]) == raw.decode("utf-8")


def test_institutions_and_vocabularies_are_published(exports: Path) -> None:
    institutions = json.loads((exports / "data" / "institutions.json").read_text("utf-8"))
    region = sample_region()
    assert [i["id"] for i in institutions] == sorted(region.institutions)
    for item in institutions:
        expected = sum(1 for x in listed() if item["id"] in {o.institution.id for o in x.offers})
        assert item["open_listings"] == expected and item["data_licence"] == "CC-BY-4.0"
    sait = next(item for item in institutions if item["id"] == "sait")
    assert {k: sait[k] for k in ("name", "short_name", "kind", "website", "city")} == {
        "name": {"en": "Southern Alberta Institute of Technology", "fr": "Institut de technologie du Sud de l'Alberta"},
        "short_name": "SAIT",
        "kind": {"id": "polytechnic", "label": {"en": "Polytechnic", "fr": "Polytechnique"}},
        "website": "https://www.sait.ca",
        "city": "Calgary",
    }
    assert sait["wil_contact"]["office"] == {
        "en": "Work-Integrated Learning and Employer Partnerships",
        "fr": "Apprentissage intégré au travail et partenariats avec les employeurs",
    }
    vocabularies = json.loads((exports / "data" / "vocabularies.json").read_text("utf-8"))
    # every vocabulary a record's value comes from; the employers' chooser rules are not values
    assert set(vocabularies) == set(vocab.vocabularies()) - {"host_profiles"}
    for name, entries in vocabularies.items():
        assert [e["id"] for e in entries] == list(vocab.ids(name))
        assert all(e["label"]["en"] and e["label"]["fr"] for e in entries)
    types = {e["id"]: e for e in vocabularies["wil_types"]}
    assert types["co-op"]["family"] == "traditional"
    assert types["co-op"]["definition"]["fr"].startswith("Les sessions d'études alternent avec des stages rémunérés")
    assert types["co-op"]["definition"]["en"] and "naics" not in types["co-op"]
    sectors = {e["id"]: e for e in vocabularies["sectors"]}
    assert sectors["agriculture"]["naics"] == ["11", "31-33"] and sectors["energy"]["naics"] == ["21", "22"]
    assert "family" not in sectors["energy"]


@pytest.mark.parametrize(
    ("lang", "title", "subtitle", "site_name", "also"),
    [
        ("en", "WIL Directory – Calgary region: all opportunities", "New and updated work-integrated learning opportunities.",
         "WIL Directory – Calgary region", "<p>Also listed by <a href=\"{url}opportunities/{other}/\">{name}</a></p>"),
        ("fr", "Répertoire AIT – région de Calgary\u00a0: toutes les occasions",
         "Occasions d'apprentissage intégré au travail nouvelles ou mises à jour.", "Répertoire AIT – région de Calgary",
         "<p>Également publiée par <a href=\"{url}fr/opportunities/{other}/\">{name}</a></p>"),
    ],
)  # fmt: skip
def test_the_regions_feed_names_itself_and_each_row_names_its_other_pages(
    exports: Path, lang: str, title: str, subtitle: str, site_name: str, also: str
) -> None:
    """What a feed reader shows above the entries, in the feed's language, and the
    "Also listed by" line of an opportunity two institutions list."""
    path = "feeds/opportunities.xml"
    parsed = feedparser.parse((exports / ("fr/" if lang == "fr" else "") / path).read_bytes())
    here = SITE_URL + ("fr/" if lang == "fr" else "") + path
    assert (parsed.feed.title, parsed.feed.subtitle, parsed.feed.author, parsed.feed.id) == (
        title,
        subtitle,
        site_name,
        here,
    )
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": here,
        "alternate": SITE_URL + ("fr/" if lang == "fr" else "") + "browse/",
    }
    entries = {e.id: e.content[0].value for e in parsed.entries}
    one, other = SAMPLE_ROW
    names = {
        "en": {one: "Bow Valley College", other: "Mount Royal University"},
        "fr": {one: "Collège Bow Valley", other: "Université Mount Royal"},
    }
    shown = [(this, that) for this, that in ((one, other), (other, one)) if _page(this, lang) in entries]
    assert len(shown) == 1  # one entry for the row, its lead's
    ((this, that),) = shown
    content = entries[_page(this, lang)]
    assert content.startswith("<p>") and content.count("<p>") == 2  # the description, then the other page
    assert content.endswith(also.format(url=SITE_URL, other=that, name=names[lang][that]))


@pytest.mark.parametrize(
    ("lang", "site_name", "name"),
    [
        ("en", "WIL Directory – Calgary region", "WIL Directory – Calgary region: deadlines, all opportunities"),
        ("fr", "Répertoire AIT – région de Calgary",
         "Répertoire AIT – région de Calgary\u00a0: dates limites, toutes les occasions"),
    ],
)  # fmt: skip
def test_a_calendar_names_itself_and_says_how_often_to_look_again(
    exports: Path, lang: str, site_name: str, name: str
) -> None:
    """What a calendar application shows and does with a subscription: its name
    in the reader's language, a daily refresh; one listing's file is imported
    once, so it has neither."""
    here = exports / ("fr" if lang == "fr" else "")
    cal = icalendar.Calendar.from_ical((here / "calendars" / "deadlines.ics").read_bytes())
    assert (str(cal["PRODID"]), str(cal["VERSION"]), str(cal["CALSCALE"])) == (
        f"-//{site_name}//{lang.upper()}",
        "2.0",
        "GREGORIAN",
    )
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == name
    assert cal["REFRESH-INTERVAL"].dt == dt.timedelta(days=1) and cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(cal["X-PUBLISHED-TTL"]) == "PT12H"
    (one,) = [p for p in (here / "opportunities").rglob("*.ics")][:1]
    single = icalendar.Calendar.from_ical(one.read_bytes())
    assert str(single["VERSION"]) == "2.0" and "NAME" not in single and "REFRESH-INTERVAL" not in single


def _feeds(site: Path) -> list[tuple[str, Path]]:
    return [
        (lang, path) for lang, root in (("en", site), ("fr", site / "fr")) for path in (root / "feeds").rglob("*.xml")
    ]


def test_every_feed_parses_and_follows_its_list(exports: Path) -> None:
    feeds = _feeds(exports)
    lists = 1 + len(vocab.ids("wil_types")) + len(vocab.ids("sectors")) + len(sample_region().institutions)
    assert len(feeds) == 2 * lists
    for lang, path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        by_url = _entries(path.parent.name, path.stem, lang)
        assert len(parsed.entries) == min(FEED_SIZE, len(by_url)), path
        for entry in parsed.entries:
            assert entry.id in by_url and entry.link == entry.id, path
            assert entry.updated.startswith(by_url[entry.id].isoformat())
        if parsed.entries:
            assert parsed.feed.updated.startswith(max(by_url[e.id] for e in parsed.entries).isoformat())
        assert parsed.feed.language == lang
    co_op = feedparser.parse((exports / "fr" / "feeds" / "types" / "co-op.xml").read_bytes())
    assert co_op.feed.title.endswith("Enseignement coopératif")


def test_a_title_or_description_in_the_other_language_says_so_in_the_feed(exports: Path) -> None:
    """Issue 22, point 12: a French-only listing in the English feed (and the
    reverse) carries xml:lang on its title and lang on its description, as an
    external parser (feedparser) reads them."""
    checked = 0
    for lang, other, root in (("en", "fr", exports), ("fr", "en", exports / "fr")):
        parsed = feedparser.parse((root / "feeds" / "opportunities.xml").read_bytes())
        by_url = {_page(x.id, lang): x for x in listed()}
        for entry in parsed.entries:
            r = by_url[entry.id].record
            own_title = getattr(r.title, lang) is not None
            assert entry.title_detail.language == (lang if own_title else other), entry.id
            own_text = getattr(r.description, lang) is not None
            assert entry.content[0].value.startswith(f'<div lang="{other}">') is not own_text, entry.id
            checked += not own_title
    assert checked >= 3  # the sample has listings in one language only, each way


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.slow
def test_a_shared_link_shows_the_regions_card_and_a_description_of_its_own(site: Path) -> None:
    """Issue 22, point 12: every page names a picture drawn at build time in its
    language (1200×630, the same bytes from the same words), the embed page has
    its own description and Open Graph, and a closed listing says it closed."""
    from generator.render import card

    for lang, root, name in (("en", site, "WIL Directory"), ("fr", site / "fr", "Répertoire AIT")):
        image = root / "assets" / "images" / "card.png"
        assert _png_size(image.read_bytes()) == (1200, 630)
        url = SITE_URL + ("fr/" if lang == "fr" else "") + "assets/images/card.png"
        for page in ("index.html", "search/index.html", "opportunities/sait-climate-hackathon-2027/index.html"):
            head = (root / page).read_text("utf-8").split("</head>", 1)[0]
            if "http-equiv" in head:
                continue  # a redirect page
            assert f'<meta property="og:image" content="{url}">' in head, page
            assert '<meta name="twitter:card" content="summary_large_image">' in head
            assert f'<meta property="og:image:alt" content="{name}' in head
        embed = (root / "embed" / "index.html").read_text("utf-8").split("</head>", 1)[0]
        assert f'<meta property="og:image" content="{url}">' in embed
        assert f'<meta property="og:url" content="{SITE_URL}{"fr/" if lang == "fr" else ""}embed/">' in embed
        described = re.search(r'<meta name="description" content="([^"]+)">', embed)
        assert described and described.group(1).startswith(
            ("The open opportunities of the WIL", "Les occasions ouvertes du")
        )
    assert card.png.__wrapped__("A", "b", "c") == card.png.__wrapped__("A", "b", "c")
    closed = [x for x in sample_partition().expired if (site / "opportunities" / x.id / "index.html").is_file()]
    assert closed
    for listing in closed:
        for root, start in (
            (site, "This opportunity has closed: "),
            (site / "fr", "Cette occasion est terminée : "),  # meta text: spaces made plain (text.title_text)
        ):
            html = (root / "opportunities" / listing.id / "index.html").read_text("utf-8")
            described = re.search(r'<meta name="description" content="([^"]+)">', html)
            assert described and html_unescape(described.group(1)).startswith(start + listing.record.host.name), (
                listing.id
            )
            assert 'content="noindex' in html


def _calendars(site: Path) -> list[Path]:
    return [p for root in (site, site / "fr") for p in (root / "calendars").rglob("*.ics")]


def test_every_calendar_parses_with_one_event_per_deadline(exports: Path) -> None:
    for path in _calendars(exports):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        members = _members(path.parent.name, path.stem)
        events = cal.walk("VEVENT")
        deadlines = [e for e in events if str(e["UID"]).startswith("deadline-")]
        assert len(deadlines) == sum(1 for x in members if x.deadline), path
        assert len({str(e["UID"]) for e in events}) == len(events)
        by_uid = {f"deadline-{x.id}": x for x in members}
        for event in deadlines:
            # The UID does not name the site's host: a subscribed calendar keeps its events when the site moves.
            assert str(event["UID"]).endswith("@wil-directory")
            listing = by_uid[str(event["UID"]).split("@")[0]]
            assert event.decoded("DTSTART") == listing.deadline
            assert str(event["URL"]).endswith(f"/opportunities/{listing.id}/")
            assert event.walk("VALARM"), "a reminder before the deadline"
        assert str(cal["X-WR-CALNAME"])
    hackathons = [x for x in listed() if x.record.wil_type in ("hackathon", "competition") and x.record.start_date]
    assert hackathons, "the sample region has events with dates"
    cal = icalendar.Calendar.from_ical((exports / "calendars" / "deadlines.ics").read_bytes())
    starts = {str(e["UID"]).split("@")[0]: e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    for x in hackathons:
        assert starts[f"event-{x.id}"] == dt.date.fromisoformat(x.record.start_date)  # type: ignore[arg-type]


@pytest.mark.slow
def test_each_listing_with_a_deadline_has_its_own_calendar_file(site: Path) -> None:
    for listing in listed():
        for lang, root in (("en", site), ("fr", site / "fr")):
            path = root / urls.event(listing.id)
            page = (root / "opportunities" / listing.id / "index.html").read_text("utf-8")
            if listing.deadline is None:
                assert not path.exists() and f'href="{listing.id}.ics"' not in page
                continue
            assert f'href="{listing.id}.ics"' in page
            cal = icalendar.Calendar.from_ical(path.read_bytes())
            (deadline,) = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("deadline-")]
            assert deadline.decoded("DTSTART") == listing.deadline
            assert str(deadline["URL"]) == _page(listing.id, lang)


REQUIRED = {
    "JobPosting": {"title", "description", "datePosted", "hiringOrganization", "employmentType", "directApply"},
    "Event": {"name", "startDate", "location", "description", "eventAttendanceMode"},
    "WebPage": {"name", "url", "description"},
}


@pytest.mark.slow
def test_every_opportunity_page_describes_itself_to_search_engines(site: Path) -> None:
    types = set()
    for listing in listed():
        for lang, root in (("en", site), ("fr", site / "fr")):
            html = (root / "opportunities" / listing.id / "index.html").read_text("utf-8")
            (item,) = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
            kind = item["@type"]
            types.add(kind)
            assert REQUIRED[kind] <= set(item), (listing.id, kind)
            assert item["url"] == _page(listing.id, lang)
            r = listing.record
            if r.wil_type in JOB_TYPES:
                assert kind == "JobPosting" and item["employmentType"] == "INTERN" and item["directApply"] is False
                assert item["hiringOrganization"]["name"] == r.host.name
                assert "jobLocation" in item or item["jobLocationType"] == "TELECOMMUTE"
                assert item.get("validThrough") == (listing.deadline.isoformat() if listing.deadline else None)
                paid = r.compensation.type == "paid" and r.compensation.period in ("hour", "week", "month")
                assert ("baseSalary" in item) == (paid and r.compensation.amount_min is not None)
            head = html.split("</head>", 1)[0]
            assert f'<link rel="canonical" href="{_page(listing.id, lang)}">' in head
            for other in ("en", "fr"):
                assert f'<link rel="alternate" hreflang="{other}" href="{_page(listing.id, other)}">' in head
            assert f'<link rel="alternate" hreflang="x-default" href="{_page(listing.id)}">' in head
            assert re.search(r'<meta property="og:title" content="[^"]+">', head)
            assert re.search(r'<meta name="description" content="[^"]+">', head)
    assert {"JobPosting", "Event", "WebPage"} <= types


@pytest.mark.slow
def test_list_pages_announce_their_feed(site: Path) -> None:
    for lang, root in (("en", site), ("fr", site / "fr")):
        for page in ("types/co-op", "sectors/energy", "institutions/sait", "browse"):
            html = (root / page / "index.html").read_text("utf-8")
            found = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)
            assert found, (lang, page)
            target = found.group(1).removeprefix(SITE_URL)
            assert (site / target).is_file(), target
            links = re.findall(r'<a href="([^"]+)" type="(application/atom\+xml|text/calendar)">', html)
            assert {kind for _, kind in links} == {"application/atom+xml", "text/calendar"}
            for href, _ in links:
                assert (root / page / href).resolve().is_file(), (page, href)


@pytest.mark.slow
def test_the_sitemap_lists_both_languages_and_robots_points_at_it(site: Path) -> None:
    assert (site / "robots.txt").read_text("utf-8").endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")
    assert not (site / "fr" / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [u.findtext("s:loc", namespaces=ns) or "" for u in root.findall("s:url", ns)]
    assert len(locs) == len(set(locs))
    for loc in locs:
        path = loc.removeprefix(SITE_URL)
        assert (site / path / "index.html").is_file() or (site / path).is_file(), loc
    for listing in listed():
        assert _page(listing.id) in locs and _page(listing.id, "fr") in locs
    closed = [p.parent.name for p in (site / "opportunities").glob("*/index.html") if "noindex" in p.read_text("utf-8")]
    assert closed and not any(f"/opportunities/{c}/" in loc for c in closed for loc in locs)
    first = root.find("s:url", ns)
    assert first is not None and {x.get("hreflang") for x in first.findall("x:link", ns)} == {"en", "fr", "x-default"}


@pytest.mark.slow
def test_the_about_and_coordination_pages_link_the_open_data(site: Path) -> None:
    for root in (site, site / "fr"):
        for page in ("about", "coordination", "for-institutions"):
            html = (root / page / "index.html").read_text("utf-8")
            hrefs = re.findall(r'href="([^"]*data/opportunities\.(?:json|csv))"', html)
            assert len(hrefs) >= 2, (root, page)
            for href in hrefs:
                assert (root / page / href).resolve().is_file(), href
            assert "CC BY 4.0" in html or "CC-BY-4.0" in html


def test_calendar_events_written_line_by_line_are_what_icalendar_writes() -> None:
    """The calendars write each listing's events line by line (speed); the same
    events built as icalendar components are the reference, byte for byte:
    the sample's listings and synthetic ones (benchmarks/synth.py) whose
    titles carry what iCalendar must escape or fold (commas, semicolons,
    backslashes, accents, emoji, long lines)."""
    region = sample_region()
    records = synth.records(400, seed=11)
    one_day = records[0]  # an event with a start and no end: a day long
    one_day.update(wil_type=sorted(calendars.EVENT_TYPES)[0], start_date="2027-03-06")
    one_day.pop("end_date", None)
    one_day.pop("duration", None)
    tricky = ", with; a \\ backslash – été 🎓"
    for n, record in enumerate(records):
        for lang in record["title"]:
            record["title"][lang] = (record["title"][lang] + tricky * (n % 3))[:160]
    files = [
        SourceFile(
            f"opportunities/{r['id'].split('-')[0]}/{r['id']}.yaml", "opportunity", record=Opportunity.model_validate(r)
        )
        for r in records
    ]
    listings, _ = build_listings(files, region.institutions)
    every = [*listed_today(), *listings]
    assert any(x.record.wil_type in calendars.EVENT_TYPES and x.record.start_date for x in every)
    assert any(not x.deadline for x in every) and sum(1 for x in every if x.deadline) > 300
    site = SiteData.build(every, region.institutions, DAY, site_url=configured_site_url())
    for lang in ("en", "fr"):
        for listing in every:
            reference = b"".join(bytes(event.to_ical()) for event in calendars.events(site, lang, listing))
            assert calendars.event_lines(site, lang, listing) == reference, (lang, listing.id)
    (day,) = [x for x in listings if x.id == one_day["id"]]
    (event,) = [e for e in calendars.events(site, "en", day) if str(e["UID"]).startswith("event-")]
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (dt.date(2027, 3, 6), dt.date(2027, 3, 7))


def test_the_open_data_carries_every_field_of_the_data_model_or_says_why_not() -> None:
    """A field added to generator/models.py must reach opportunities.json (and the
    CSV, made from the same model) or be named in NOT_EXPORTED with its reason."""
    from generator.export import records

    missing = [
        f"{model.__name__}.{name}"
        for model, exported in records.EXPORTED_AS.items()
        for name in model.model_fields
        if name not in exported.model_fields and f"{model.__name__}.{name}" not in records.NOT_EXPORTED
    ]
    assert missing == []
    stale = [k for k in records.NOT_EXPORTED if k.split(".")[1] not in getattr(models, k.split(".")[0]).model_fields]
    assert stale == []
    assert records.CHANGES[0][0] == records.SCHEMA_VERSION


def test_each_sample_listings_added_fields_arrive_with_their_labels() -> None:
    """The fields added in schema 1.1, value for value, from the records themselves."""
    seen = {"supports": 0, "size": 0, "early_years": 0, "skills": 0}
    for listing in listed():
        r, out = listing.record, export_record(listing, SITE_URL)
        assert [t.id for t in out.supports] == list(r.supports or [])
        assert [t.id for t in out.study_fields] == list(r.study_fields or [])
        assert (out.academic_credit.id if out.academic_credit else None) == r.academic_credit
        assert (out.host.size.id if out.host.size else None) == r.host.size
        assert out.host.first_time == r.host.first_time
        early = r.eligibility.early_years if r.eligibility else None
        assert (out.eligibility.early_years if out.eligibility else None) == early
        assert (out.skills.en if out.skills else None) == (r.skills.en if r.skills else None)
        assert (out.learning_outcomes.fr if out.learning_outcomes else None) == (
            r.learning_outcomes.fr if r.learning_outcomes else None
        )
        for t in out.supports:
            assert t.label.en == vocab.lookup("supports")[t.id].label("en")
            assert t.label.fr == vocab.lookup("supports")[t.id].label("fr") != t.label.en
        seen["supports"] += bool(out.supports)
        seen["size"] += out.host.size is not None
        seen["early_years"] += bool(early)
        seen["skills"] += out.skills is not None
    assert min(seen.values()) > 0, seen  # the sample states each of them somewhere


def test_the_exported_sitemap_lists_each_open_listing_in_both_languages(exports: Path) -> None:
    """The sitemap the build writes (the engine's own are dropped): every open
    listing in each language, each naming its other-language version, and no
    closed one; robots.txt points at it."""
    assert (exports / "robots.txt").read_text("utf-8") == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(exports / "sitemap.xml").getroot()
    urls_ = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    for listing in listed():
        for lang in ("en", "fr"):
            entry = urls_[_page(listing.id, lang)]
            alternates = {x.get("hreflang"): x.get("href") for x in entry.findall("x:link", ns)}
            assert alternates == {
                "en": _page(listing.id),
                "fr": _page(listing.id, "fr"),
                "x-default": _page(listing.id),
            }
    closed = {x.id for x in sample_partition().expired}
    assert closed and not [loc for loc in urls_ if any(f"/opportunities/{c}/" in loc for c in closed)]
    dated = [loc for loc, u in urls_.items() if "/opportunities/" in loc and u.findtext("s:lastmod", namespaces=ns)]
    assert len(dated) == 2 * len(listed())  # each listing says when it last changed
    assert not _stray_text(root)


@pytest.mark.parametrize(("pages", "files"), [(0, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_a_sitemap_past_its_size_becomes_an_index_of_sitemaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: int, files: int
) -> None:
    """At most SITEMAP_SIZE addresses a file (two per page: one per language); beyond, an index."""
    from generator.export import sitemap
    from generator.tree import Folder

    monkeypatch.setattr(sitemap, "SITEMAP_SIZE", 4)
    out = Folder(tmp_path)
    listed_pages = [(f"p{n}/", dt.date(2026, 11, n + 1)) for n in range(pages)]
    assert sitemap.write_sitemap(out, "https://wil.example.org/", listed_pages) == 2 * pages
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    top = ET.parse(tmp_path / "sitemap.xml").getroot()
    if files == 1:
        assert not list(tmp_path.glob("sitemap-*.xml"))
        parts = [top]
    else:
        assert [x.findtext("s:loc", namespaces=ns) for x in top.findall("s:sitemap", ns)] == [
            f"https://wil.example.org/sitemap-{n}.xml" for n in range(1, files + 1)
        ]
        parts = [ET.parse(tmp_path / f"sitemap-{n}.xml").getroot() for n in range(1, files + 1)]
    locs = [u.findtext("s:loc", namespaces=ns) for part in parts for u in part.findall("s:url", ns)]
    assert all(len(part.findall("s:url", ns)) <= 4 for part in parts)
    assert locs == [
        f"https://wil.example.org/{prefix}p{n}/" for n in sorted(range(pages), key=str) for prefix in ("", "fr/")
    ]
    lastmods = [u.findtext("s:lastmod", namespaces=ns) for part in parts for u in part.findall("s:url", ns)]
    assert lastmods == [dt.date(2026, 11, n + 1).isoformat() for n in sorted(range(pages), key=str) for _ in "ab"]
    assert not _stray_text(top) and not any(_stray_text(part) for part in parts)


def _stray_text(root: ET.Element) -> list[str]:
    """Text outside the elements meant to hold it (a sitemap reader may refuse the file)."""
    leaves = {"loc", "lastmod"}
    return [
        text
        for el in root.iter()
        for text in ((el.tail or "").strip(), "" if el.tag.rsplit("}", 1)[-1] in leaves else (el.text or "").strip())
        if text
    ]


def test_a_page_with_no_date_has_no_lastmod(tmp_path: Path) -> None:
    from generator.export import sitemap
    from generator.tree import Folder

    sitemap.write_sitemap(Folder(tmp_path), "https://wil.example.org/", [("a/", None), ("b/", dt.date(2026, 11, 2))])
    root = ET.parse(tmp_path / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert [u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns)] == [
        None,
        None,
        "2026-11-02",
        "2026-11-02",
    ]
    assert not _stray_text(root)


def _flat(value: Any, column: str, out: dict[str, list[str]]) -> None:
    """Every leaf of a JSON record under the column a spreadsheet would give it,
    written here from the record's shape, not from the exporter's column list:
    nested names joined by "_", a vocabulary term as its id plus a label per
    language, a list's values (or its items' values) in order."""
    if isinstance(value, dict) and set(value) == {"id", "label"}:
        _flat(value["id"], column, out)
        for lang, label in value["label"].items():
            _flat(label, f"{column}_{lang}", out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _flat(item, f"{column}_{key}" if column else key, out)
    elif isinstance(value, list):
        for item in value:
            _flat(item, column, out)
    elif value is not None:
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        out.setdefault(column, []).append(str(int(value)) if isinstance(value, float) and value.is_integer() else text)


def test_each_csv_cell_is_the_records_value_at_its_place(exports: Path) -> None:
    """The CSV holds exactly the JSON's leaves, one column per leaf (lists joined
    by "; "), each cell the record's own value, made inert if a spreadsheet would run it."""
    records = json.loads((exports / "data" / "opportunities.json").read_text("utf-8"))["opportunities"]
    raw = (exports / "data" / "opportunities.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    header = list(rows[0])
    for record, row in zip(records, rows, strict=True):
        leaves: dict[str, list[str]] = {}
        _flat(record, "", leaves)
        assert set(leaves) <= set(header), sorted(set(leaves) - set(header))
        for column in header:
            assert row[column] == inert("; ".join(leaves.get(column, []))), (record["id"], column)
    assert any(";" in row["sectors"] for row in rows) and any(row["hours_per_week"] for row in rows)
