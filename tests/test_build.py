"""The real build of the sample region (real loader, real `mkdocs build`):
pages, merging, expiry, both languages, safety, determinism, failures."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import escape as html_text
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import feedparser
import pytest
from conftest import DAY, FIXTURES, PROJECT_ROOT, TODAY, make_region, read_case, rows_today, sample_region

from generator import paths
from generator.cli import main
from generator.i18n import t
from generator.merge.listing import build_listings, partition
from generator.models import Opportunity
from generator.publish import search_index
from generator.publish.config import configured_site_url
from generator.publish.engine import EngineError
from generator.publish.pipeline import build
from generator.validate.region import validate_region

pytestmark = pytest.mark.slow

# The sample region's duplicate groups, as written on purpose in the data.
GROUPS = {
    "ucalgary-calgary-climate-hackathon-2027": {"sait-climate-hackathon-2027"},
    "mru-nonprofit-governance-consulting": {"stmarys-nonprofit-board-consulting"},
    "mru-kestrel-robotics-bsi": {"ucalgary-kestrel-business-strategy-intern"},
    "bowvalley-food-bank-logistics-placement": {"sait-food-bank-warehouse-field-placement"},
    "auarts-public-art-mural-micro-internship": {"auarts-mural-micro-internship-east-village"},
}


@pytest.fixture
def site(sample_site: Path) -> Path:
    return sample_site


def _records() -> list[Opportunity]:
    return [f.record for f in sample_region().opportunities if isinstance(f.record, Opportunity)]


def _is_redirect(page: Path) -> bool:
    return 'http-equiv="refresh"' in page.read_text("utf-8")


def test_both_languages_with_their_own_html_lang(site: Path) -> None:
    assert '<html lang="en"' in (site / "index.html").read_text("utf-8")
    assert '<html lang="fr"' in (site / "fr" / "index.html").read_text("utf-8")
    for kind in (
        "types/co-op",
        "sectors/energy",
        "institutions/sait",
        "employers",
        "browse",
        "about",
        "contribute",
        "search",
        "chooser",
    ):
        assert (site / kind / "index.html").is_file(), kind
        assert (site / "fr" / kind / "index.html").is_file(), kind


def test_every_published_file_is_readable_by_the_web_server(site: Path) -> None:
    """A web server reads the site as another user: no file or folder may come
    out private (a file written through a temporary file once came out 0600)."""
    private = sorted(
        str(path.relative_to(site)) for path in site.rglob("*") if path.is_file() and path.stat().st_mode & 0o004 == 0
    )
    assert private == []
    closed = [str(p) for p in [site, *site.rglob("*")] if p.is_dir() and p.stat().st_mode & 0o005 != 0o005]
    assert closed == []


def test_every_open_distinct_opportunity_has_exactly_one_page(site: Path) -> None:
    """What is listed is what the one expiry rule (merge.listing.partition, from the model) says."""
    merged_away = {old for olds in GROUPS.values() for old in olds}
    region = sample_region()
    listings, _ = build_listings(region.opportunities, region.institutions)
    split = partition(listings, DAY)
    gone = {s.record.id for listing in split.expired for s in listing.sources}
    assert len(gone) >= 5 and split.hidden == []
    for record in _records():
        expired = record.id in gone
        assert expired == record.expired(DAY) or record.id in merged_away
        for root in (site, site / "fr"):
            page = root / "opportunities" / record.id / "index.html"
            if record.id in merged_away:
                assert _is_redirect(page), record.id
            elif expired:
                _assert_closed_page(page, "fr" if root.name == "fr" else "en", site)
            else:
                assert page.is_file() and not _is_redirect(page), record.id
    listed = {p.parent.name for p in (site / "opportunities").glob("*/index.html") if not _is_redirect(p)}
    assert listed.isdisjoint(merged_away)


def _assert_closed_page(page: Path, lang: str, site: Path) -> None:
    """A closed listing keeps its address: a page saying so, out of search engines
    and of the site's search, pointing at similar open listings that exist."""
    html = page.read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in html, page
    assert "data-pagefind-body" not in html, page
    assert html_text(t("ui.closed_title", lang)) in html and html_text(t("ui.similar_open", lang)) in html, page
    similar = re.findall(r'href="../([a-z0-9-]+)/"', html.split(html_text(t("ui.similar_open", lang)), 1)[1])
    assert similar, page
    for other in similar:
        target = page.parent.parent / other / "index.html"
        assert target.is_file() and "noindex" not in target.read_text("utf-8"), (page, other)


def test_duplicate_groups_render_as_one_page_naming_every_institution(site: Path) -> None:
    by_id = {r.id: r for r in _records()}
    for canonical, others in GROUPS.items():
        html = (site / "opportunities" / canonical / "index.html").read_text("utf-8")
        institutions = {o.institution for rid in {canonical, *others} for o in by_id[rid].institutions}
        for inst in institutions:
            assert f'href="../../institutions/{inst}/"' in html, (canonical, inst)
        for rid in {canonical, *others}:
            assert f"opportunities/{by_id[rid].institutions[0].institution}/{rid}.yaml" in html


@pytest.mark.parametrize(
    "pair",
    [
        ("bowvalley-francophone-settlement-internship", "ucalgary-stage-francisation-acfa"),
        # One college's two files of a practicum, each on its own page of the college's
        # board: the model weighs the two board pages against, so people decide.
        ("bowvalley-pharmacy-assistant-practicum", "bowvalley-pharmacy-assistant-practicum-winter"),
    ],
)
def test_probable_duplicate_is_not_merged_but_reported(site: Path, pair: tuple[str, str]) -> None:
    report = json.loads((site / "report.json").read_text("utf-8"))
    pairs = {(p["a"], p["b"]) for p in report["review"]}
    assert pair in pairs
    for rid in pair:
        assert not _is_redirect(site / "opportunities" / rid / "index.html")
    assert report["totals"]["expired"] >= 5 and report["totals"]["invalid"] == 0
    assert set(report["institutions"]) == {"ambrose", "auarts", "bowvalley", "mru", "sait", "stmarys", "ucalgary"}


def test_coordinators_page_shows_the_report(site: Path) -> None:
    report = json.loads((site / "report.json").read_text("utf-8"))
    html = (site / "coordination" / "index.html").read_text("utf-8")
    assert "ucalgary-stage-francisation-acfa" in html and report["stale"]
    for item in report["stale"]:
        assert item["path"] in html
    for owner, counts in report["institutions"].items():
        assert f"<td>{counts['listed']}</td>" in html, owner
    assert "Qualité des données" in (site / "fr" / "coordination" / "index.html").read_text("utf-8")


def test_language_switch_lands_on_the_same_page(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if "fr" not in p.relative_to(site).parts[:1]]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text("utf-8")
        if _is_redirect(page) or page.parent.name == "embed":  # the embed page has no header: it lives in a frame
            continue
        match = re.search(r'<a href="([^"]+)" hreflang="fr" lang="fr" class="md-select__link">', html)
        assert match, page
        target = (page.parent / match.group(1) / "index.html").resolve()
        assert target == (site / "fr" / page.parent.relative_to(site) / "index.html").resolve()
        assert target.is_file()


def test_french_page_shows_english_only_text_with_its_language(site: Path) -> None:
    html = (site / "fr" / "opportunities" / "mru-kestrel-robotics-bsi" / "index.html").read_text("utf-8")
    assert '<h1 lang="en">' in html and "Comment postuler" in html
    html = (site / "opportunities" / "ucalgary-stage-francisation-acfa" / "index.html").read_text("utf-8")
    assert '<h1 lang="fr">' in html and "How to apply" in html


def test_the_404_page_is_no_dead_end(site: Path) -> None:
    """Every link and form on the not-found pages reaches a real page, in both
    languages (a static host serves a 404 page for any unknown address, at
    any depth); each language has one, its own language first, one <h1>."""
    for lang, page in (("en", site / "404.html"), ("fr", site / "fr" / "404.html")):
        html = page.read_text("utf-8")
        text = unescape(html)
        assert t("ui.not_found_title", "en") in text and t("ui.not_found_title", "fr") in text
        assert html.count("<h1") == 1 and f'<div class="wil-lost" lang="{lang}">\n    <h1>' in html
        assert f'<html lang="{lang}"' in html
        root = urlsplit(configured_site_url()).path  # a host serves it for any address, so its links start there
        targets = [t.removeprefix(root.rstrip("/")) for t in re.findall(r'(?:href|action)="(/[^"#]*)"', html)]
        assert len(targets) > 15 and not re.search(r'(?:href|action)="(?:http:)?//(?!squidfunk)', html), page
        for target in targets:
            path = os.path.normpath(target.split("?")[0].rstrip(".")).lstrip("/")
            assert (site / path).is_file() or (site / path / "index.html").is_file(), (page, target)
        assert re.search(rf'<form[^>]*action="{root}search/"', html) and re.search(
            rf'<form[^>]*action="{root}fr/search/"', html
        )
    # Only the root's page (the one a single-404 host serves) swaps in another language's.
    assert "DOMParser" in (site / "404.html").read_text("utf-8")
    assert "DOMParser" not in (site / "fr" / "404.html").read_text("utf-8")


def test_opportunity_pages_stay_small_and_out_of_the_navigation(site: Path) -> None:
    pages = [p for p in (site / "opportunities").glob("*/index.html") if not _is_redirect(p)]
    # 20 KB until issue 13 added what a listing offers, the employer kit of its
    # subsidies and the links to report a problem (the largest sample page,
    # with all of them and a long bilingual text, is about 24 KB)
    assert max(p.stat().st_size for p in pages) <= 26 * 1024
    html = pages[0].read_text("utf-8")
    assert html.count('href="../../opportunities/') < 5  # no list of every opportunity in the nav


def test_lists_are_sorted_closing_soon_first(site: Path) -> None:
    html = (site / "browse" / "index.html").read_text("utf-8")
    dates = re.findall(r'<time class="wil-date" datetime="(\d{4}-\d{2}-\d{2})">', html)
    assert len(dates) > 10 and dates == sorted(dates)
    assert all(d >= TODAY for d in dates)


def test_type_pages_state_the_time_asked_of_the_host(site: Path) -> None:
    """Under "Time asked of the host" the hours, not the format's tagline."""
    html = (site / "types" / "hackathon" / "index.html").read_text("utf-8")
    assert "<dt>Time asked of the host</dt><dd>4 to 10 hours for a mentor, plus setting the problem</dd>" in html
    assert "A weekend challenge</dd>" not in html
    french = (site / "fr" / "types" / "hackathon" / "index.html").read_text("utf-8")
    assert (
        "<dt>Temps demandé à l&#39;hôte</dt><dd>4 à 10 heures de mentorat, plus la préparation du défi</dd>" in french
    )


def test_the_contributor_guide_links_where_staff_go(site: Path) -> None:
    for lang in ("", "fr/"):
        html = (site / lang / "contribute" / "index.html").read_text("utf-8")
        for href in (
            "https://github.com/wil-directory/wil-directory",
            "https://github.com/wil-directory/wil-directory/issues/new?template=new-opportunity.yml",
            "https://github.com/wil-directory/wil-directory/blob/main/schema/opportunity.schema.json",
        ):
            assert f'href="{href}"' in html, (lang, href)
        assert "<code>date_limite</code>" in html and "{{" not in html
    french = (site / "fr" / "contribute" / "index.html").read_text("utf-8")
    assert "erreur  `internshp` n&#39;est pas une valeur permise" in french or "n'est pas une valeur permise" in french


def test_home_counts_are_live(site: Path) -> None:
    """The home page counts opportunities: the listings of one opportunity that several
    institutions list (one row) count once."""
    totals = json.loads((site / "report.json").read_text("utf-8"))["totals"]
    rows = sum(1 for row in rows_today())
    assert totals["rows"] == rows == totals["listed"] - sum(len(row) - 1 for row in rows_today()) < totals["listed"]
    # The home page's first number is what the search shows by default: the rows open to students.
    students = sum(1 for row in rows_today() if any("students" in x.record.audience for x in row))
    assert 0 < students < rows
    assert f"<strong>{students}</strong> open opportunities for students" in (site / "index.html").read_text("utf-8")
    assert f"<strong>{students}</strong> occasions ouvertes aux étudiants" in (site / "fr" / "index.html").read_text(
        "utf-8"
    )


def _unstable(path: Path) -> bool:
    return search_index.unstable(path.as_posix())


def test_the_same_data_builds_the_same_site(tmp_path: Path, site: Path) -> None:
    again = build(PROJECT_ROOT, tmp_path / "site", DAY, build_dir=tmp_path / "build", progress=lambda m: None).site
    assert again is not None
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    stable_first = {k for k in first if not _unstable(k)}
    assert stable_first == {k for k in second if not _unstable(k)}
    assert [k for k in stable_first if first[k] != second[k]] == []
    assert len(first) == len(second) and any(_unstable(k) for k in first)
    exports = [
        k
        for k in stable_first
        if k.parts[0] in ("data", "feeds", "calendars", "fr") and k.suffix in (".json", ".csv", ".xml", ".ics")
    ]
    assert len(exports) > 100 and all(first[k] == second[k] for k in exports)


HOSTILE = """\
id: ucalgary-hostile-record
title:
  en: "</title><script>alert('title')</script> Evil \\" onmouseover=\\"alert(1)"
  fr: "{{ config.site_name }} {% raw %} <img src=x onerror=alert(2)>"
description:
  en: |
    <script>alert('description')</script>
    [click me](javascript:alert(3)) <iframe src="https://evil.example"></iframe>
institutions:
  - institution: ucalgary
    apply_url: "https://careers.ucalgary.example.ca/x?a='onmouseover=alert(4)//&b=1"
    contact_office: "<b onmouseover=alert(5)>Office</b>"
    contact_email: coop@ucalgary.example.ca
    program: "[program](javascript:alert(6))"
host:
  name: "<svg onload=alert(7)>Evil Corp"
  kind: employer
wil_type: internship
sectors: [technology]
fields_of_study: ["<script>alert(8)</script>"]
compensation:
  type: paid
  details:
    en: "<script>alert(9)</script>"
work_arrangement: on-site
location:
  city: "<script>alert(10)</script>"
audience: [students]
last_verified: 2026-11-01
"""


class _Tags(HTMLParser):
    """Every element and attribute as a browser parses them."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]


def _event_handlers(html: str) -> list[str]:
    tags = _Tags()
    tags.feed(html)
    return tags.handlers


def test_hostile_data_cannot_inject_html(tmp_path: Path) -> None:
    root = make_region(tmp_path / "region")
    (root / "opportunities" / "ucalgary").mkdir(parents=True)
    (root / "opportunities" / "ucalgary" / "ucalgary-hostile-record.yaml").write_text(HOSTILE, encoding="utf-8")
    region = validate_region(root, today=DAY)
    assert [f.path for f in region.opportunities if f.record.id == "ucalgary-hostile-record"]  # it is valid data
    out = build(root, tmp_path / "site", DAY, build_dir=tmp_path / "build", progress=lambda m: None).site
    assert out is not None
    for page in out.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not re.search(r"<(script|img|svg|iframe)[^>]*(alert|onerror|onload)", html), page
        assert _event_handlers(html) == [], page
        assert 'href="javascript' not in html.lower()
    page = (out / "opportunities" / "ucalgary-hostile-record" / "index.html").read_text("utf-8")
    assert "<title>‹/title›‹script›" in page
    # search engines' markup keeps the text as data and cannot end its <script>
    (item,) = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert item["title"].startswith("</title><script>alert('title')</script>")
    assert page.count("<script") == page.count("</script>") and page.count("application/ld+json") == 1
    # feeds, calendars and open data carry it as text too
    for feed in (out / "feeds" / "opportunities.xml", out / "fr" / "feeds" / "types" / "internship.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo and any(e.title.startswith("</title>") or "{{" in e.title for e in parsed.entries)
    data = json.loads((out / "data" / "opportunities.json").read_text("utf-8"))
    (hostile,) = [r for r in data["opportunities"] if r["id"] == "ucalgary-hostile-record"]
    assert hostile["host"]["name"] == "<svg onload=alert(7)>Evil Corp"


def test_broken_files_never_stop_the_region(tmp_path: Path) -> None:
    bad = [read_case(FIXTURES / "invalid" / name) for name in ("key_duplicate.yaml", "wil-type_unknown.yaml")]
    root = make_region(tmp_path / "region", *bad)
    result = build(root, tmp_path / "site", DAY, build_dir=tmp_path / "build", progress=lambda m: None)
    assert result.site is not None
    assert (result.site / "opportunities" / "ambrose-base-valid" / "index.html").is_file()
    report = json.loads((result.site / "report.json").read_text("utf-8"))
    assert report["totals"]["invalid"] == 2
    left_out = {f["path"] for f in report["institutions"]["ucalgary"]["invalid_files"]}
    assert left_out == {c.place for c in bad}
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--root",
        str(root),
        "--today",
        TODAY,
        "--strict",
        "--out",
        str(tmp_path / "strict-site"),
    ]
    strict = subprocess.run(command, capture_output=True, text=True, check=False)
    assert strict.returncode == 1 and not (tmp_path / "strict-site").exists()
    assert "key-duplicate.yaml:17:1" in strict.stderr


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_region(tmp_path / "region")
    out = tmp_path / "site"
    assert build(root, out, DAY, build_dir=tmp_path / "build", progress=lambda m: None).site
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "mkdocs.yml"
    broken.write_text("site_name: x\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    monkeypatch.setattr(paths, "BASE_CONFIG", broken)  # a real config MkDocs refuses
    with pytest.raises(EngineError):
        build(root, out, DAY, build_dir=tmp_path / "build", progress=lambda m: None)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.versions", "build", "mkdocs.yml", "region", "site"]
    assert [p.name for p in (tmp_path / ".site.versions").iterdir()] == ["v000001"]  # nothing half made


def test_a_region_with_nothing_open_still_has_a_search_bundle(tmp_path: Path) -> None:
    """With no listing open, one Pagefind reads every page, so the search page
    still finds a bundle, and each language it names has its facet table."""
    root = make_region(tmp_path / "region")
    later = DAY.replace(year=DAY.year + 5)  # the reference record has closed by then
    result = build(root, tmp_path / "site", later, build_dir=tmp_path / "build", progress=lambda m: None)
    assert result.report.totals.listed == 0
    bundle = tmp_path / "site" / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]
    for language in entry["languages"].values():
        table = json.loads((bundle / f"wil-facets.{language['hash']}.json").read_text("utf-8"))
        assert table["rows"] == 0


def test_a_failed_first_build_leaves_no_half_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no site yet, the new one is assembled beside it part by
    part: a failure must leave neither a site nor the parts."""
    root = make_region(tmp_path / "region")
    broken = tmp_path / "mkdocs.yml"
    broken.write_text("site_name: x\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    monkeypatch.setattr(paths, "BASE_CONFIG", broken)
    with pytest.raises(EngineError):
        build(root, tmp_path / "site", DAY, build_dir=tmp_path / "build", progress=lambda m: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "mkdocs.yml", "region"]


def test_a_search_index_failure_is_a_clear_message_and_leaves_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real Pagefind binary, given an option it refuses: no traceback, the old site stays."""
    root = make_region(tmp_path / "region")
    out = tmp_path / "site"
    assert build(root, out, DAY, build_dir=tmp_path / "build", progress=lambda m: None).site
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(search_index, "COMMAND", (*search_index.COMMAND, "--no-such-option"))
    command = ["build", "--root", str(root), "--out", str(out), "--today", TODAY]
    assert main([*command, "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "pagefind a échoué; le site précédent, s'il existe, n'a pas été modifié." in err
    assert "Traceback" not in err and "--no-such-option" in err
    assert main(command) == 2
    assert (
        "pagefind failed; the previous site, if any, was left untouched. What pagefind said:" in capsys.readouterr().err
    )
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.versions", "build", "region", "site"]
    assert [p.name for p in (tmp_path / ".site.versions").iterdir()] == ["v000001"]  # nothing half made


def test_build_command_from_the_readme(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "institutions", tmp_path / "institutions")
    shutil.copyfile(PROJECT_ROOT / "region.yaml", tmp_path / "region.yaml")
    shutil.copytree(PROJECT_ROOT / "opportunities", tmp_path / "opportunities")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(tmp_path), "--today", TODAY],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Opportunities listed: " in result.stderr and (tmp_path / "site" / "fr" / "index.html").is_file()
    assert (
        "Site written to " in result.stderr
        and "  English: /\n" in result.stderr
        and "  Français\u00a0: /fr/" in result.stderr
    )


def test_the_coordination_page_shows_a_review_pair_side_by_side(site: Path) -> None:
    for lang, words in (
        (
            "",
            (
                "What each field says",
                "If they are the same opportunity, add",
                "distinct_from: [ucalgary-stage-francisation-acfa]",
            ),
        ),
        (
            "fr/",
            (
                "Ce que dit chaque champ",
                "S&#39;il s&#39;agit de la même occasion, ajoutez",
                "same_as: ucalgary-stage-francisation-acfa",
            ),
        ),
    ):
        html = (site / lang / "coordination" / "index.html").read_text("utf-8")
        sections = [s.split("</section>")[0] for s in html.split('<section class="wil-pair"')[1:]]
        (section,) = [s for s in sections if "ucalgary-stage-francisation-acfa" in s]
        for word in words:
            assert word in section, (lang, word)
        # the two listings' values side by side, what differs marked
        assert "<mark>Hybrid" in section or "<mark>Hybride" in section
        assert "<td>ACFA régionale de Calgary</td><td>ACFA régionale de Calgary</td>" in section
    report = json.loads((site / "report.json").read_text("utf-8"))
    (pair,) = [p for p in report["review"] if p["b"] == "ucalgary-stage-francisation-acfa"]
    assert pair["decide"]["same"] == {
        "file": "opportunities/bowvalley/bowvalley-francophone-settlement-internship.yaml",
        "add": "same_as: ucalgary-stage-francisation-acfa",
    }
    texts = {e["kind"]: e["text"] for e in pair["evidence"]}
    assert texts["prior"]["en"].startswith("before any field: two postings picked at random")
    assert texts["prior"]["fr"].startswith("avant tout champ : deux offres prises au hasard")
    assert texts["title"] == {  # "francisation" reads as "French": the English title holds the French one's words
        "en": "one title's words are all in the other (+0.8)",
        "fr": "tous les mots d'un titre sont dans l'autre (+0,8)",
    }
    assert all(group["reasons"] for group in report["merged"])
    assert all(row["links"] and row["links"][0]["evidence"] for row in report["rows"])  # no row without reasons


MERGED_A = """\
id: ambrose-shared-analyst-co-op
title:
  en: Data analyst co-op
description:
  en: Clean sensor data and build dashboards for a pipeline operator's control room.
institutions:
  - institution: ambrose
    apply_url: https://careers.ambrose.example.ca/co-op
    program: Ambrose Business Co-op
host:
  name: Prairie Pipeline Analytics Inc.
  kind: employer
  website: https://prairiepipeline.example.ca
wil_type: co-op
sectors: [energy]
start_date: 2027-05-03
end_date: 2027-08-27
application_deadline: 2027-02-15
compensation:
  type: paid
  amount_min: 24
  period: hour
host_commitment:
  hours_total: 40
work_arrangement: hybrid
eligibility:
  requirements:
    en: Third- or fourth-year business student.
audience: [students]
last_verified: 2026-11-02
"""


def test_a_merged_listing_shows_each_institutions_own_facts(tmp_path: Path) -> None:
    """Two institutions list one co-op with their own deadline, pay details,
    requirement, program, contact and host hours: each institution's block
    shows its own, "at a glance" says they vary, nothing is dropped."""
    root = make_region(tmp_path / "region")
    (root / "opportunities/ambrose/ambrose-base-valid.yaml").unlink()
    (root / "opportunities/ambrose/ambrose-shared-analyst-co-op.yaml").write_text(MERGED_A, "utf-8")
    other = (
        MERGED_A.replace("id: ambrose-shared-analyst-co-op", "id: sait-analyst-co-op")
        .replace("institution: ambrose", "institution: sait")
        .replace("careers.ambrose.example.ca/co-op", "careers.sait.example.ca/analyst")
        .replace("Ambrose Business Co-op", "SAIT Data Analytics Diploma")
        .replace("application_deadline: 2027-02-15", "application_deadline: 2027-03-01")
        .replace(
            "  period: hour\n",
            "  period: hour\n  details:\n    en: Paid through the SAIT work-integrated learning fund.\n",
        )
        .replace("hours_total: 40", "hours_total: 60")
        .replace("Third- or fourth-year business student.", "Second-year data analytics student.")
        + "same_as: ambrose-shared-analyst-co-op\n"
    )
    (root / "opportunities/sait").mkdir()
    (root / "opportunities/sait/sait-analyst-co-op.yaml").write_text(other, "utf-8")
    out = build(root, tmp_path / "site", DAY, build_dir=tmp_path / "build", progress=lambda m: None).site
    assert out is not None
    html = (out / "opportunities" / "ambrose-shared-analyst-co-op" / "index.html").read_text("utf-8")
    glance = html[html.index('id="glance"') : html.index('id="apply"')]
    apply = html[html.index('id="apply"') : html.index('id="about"')]
    ambrose = apply[apply.index("Ambrose University") : apply.index("Southern Alberta Institute")]
    sait = apply[apply.index("Southern Alberta Institute") :]
    assert "Varies by institution" in glance and "Third- or fourth-year" not in glance
    for field, mine, theirs in (
        ("requirement", "Third- or fourth-year business student.", "Second-year data analytics student."),
        ("deadline", "2027-02-15", "2027-03-01"),
        ("program", "Ambrose Business Co-op", "SAIT Data Analytics Diploma"),
        ("apply link", "careers.ambrose.example.ca/co-op", "careers.sait.example.ca/analyst"),
        ("pay details", "$24 per hour</dd>", "Paid through the SAIT work-integrated learning fund."),
    ):
        assert mine in ambrose and theirs not in ambrose, field
        assert theirs in sait and mine not in sait, field
    host = html[html.index('id="host"') :]
    assert "About 40 hours of staff time in all" in host and "About 60 hours of staff time in all" in host
    french = (out / "fr" / "opportunities" / "ambrose-shared-analyst-co-op" / "index.html").read_text("utf-8")
    assert "Selon l&#39;établissement" in french
