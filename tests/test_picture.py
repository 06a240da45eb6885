"""The regional picture: every chart's figures against the data, recomputed
here from the listings the build lists (never with picture.py's functions),
counted as opportunities (the listings of one opportunity that several
institutions list, one row, count once), the same figures in report.json,
a text equivalent for every chart, words in English and French, safe and
deterministic SVG."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import format_skeleton
from conftest import DAY, PROJECT_ROOT, make_region

from generator import vocab
from generator.i18n import t
from generator.merge.listing import Listing
from generator.publish.pipeline import generate
from generator.render.charts import BACKGROUND, BAR, TEXT, bar_chart

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = ("types", "sectors", "institutions", "shares", "deadlines")

# Throw-away opportunities beside the reference record, each a different
# mix of the fields the picture counts; `expired-one` is past its deadline.
EXTRA = {
    "sait": {
        "micro-hack": dict(
            title="Prairie water hackathon", host="Brook Labs", size="micro", first_time="true",
            wil_type="hackathon", sectors="[health]", deadline="2026-12-05", pay="unpaid",
            eligibility="{part_time_students: true}", equity="[indigenous, rural]",
        ),
        "small-intern": dict(
            title="Clinic scheduling internship", host="Foothills Clinic Group", size="small", first_time="false",
            wil_type="internship", sectors="[health, technology]", deadline="2027-11-30", pay="stipend",
            eligibility="{international_students: true, part_time_students: true}", equity=None,
        ),
        "expired-one": dict(
            title="Autumn harvest placement", host="Harvest Co-operative", size="micro", first_time="true",
            wil_type="field-placement", sectors="[agriculture]", deadline="2026-11-01", pay="paid",
            eligibility=None, equity=None,
        ),
    },
    "mru": {
        "large-rolling": dict(
            title="Rolling analytics internship", host="Bow River Energy Corporation", size="large", first_time=None,
            wil_type="internship", sectors="[energy]", deadline=None, pay="paid",
            eligibility="{international_students: false}", equity=None,
        ),
        "unsized-dec": dict(
            title="Community garden research project", host="Inglewood Gardens Society", size=None, first_time="true",
            wil_type="applied-research", sectors="[agriculture, clean-technology]", deadline="2026-12-20", pay="unpaid",
            eligibility=None, equity="[newcomers]",
        ),
        # the same internship as sait-small-intern, listed by MRU too: one row for readers
        "small-intern": dict(
            title="Clinic scheduling internship", host="Foothills Clinic Group", size="small", first_time=None,
            wil_type="internship", sectors="[health]", deadline="2027-11-30", pay="stipend",
            eligibility="{international_students: true}", equity=None,
        ),
        "medium-march": dict(
            title="Theatre lighting micro-internship", host="Stage West Productions", size="medium", first_time=None,
            wil_type="micro-internship", sectors="[arts-culture]", deadline="2027-03-31", pay="paid",
            eligibility=None, equity=None,
        ),
    },
}  # fmt: skip


def _opportunity(inst: str, id_: str, f: dict[str, str | None]) -> str:
    lines = [
        f"id: {id_}",
        f"title:\n  en: {f['title']}\n  fr: {f['title']} (FR)",
        "description:\n  en: A throw-away listing for the regional picture's tests, with enough words.",
        f"institutions:\n  - institution: {inst}\n    contact_email: wil@{inst}.example.ca",
        f"host:\n  name: {f['host']}\n  kind: employer",
    ]
    if f["size"]:
        lines.append(f"  size: {f['size']}")
    if f["first_time"]:
        lines.append(f"  first_time: {f['first_time']}")
    lines += [f"wil_type: {f['wil_type']}", f"sectors: {f['sectors']}"]
    lines.append(f"application_deadline: {f['deadline']}" if f["deadline"] else "status: rolling")
    lines += [f"compensation:\n  type: {f['pay']}", "work_arrangement: on-site", "location:\n  city: Calgary"]
    if f["eligibility"]:
        lines.append(f"eligibility: {f['eligibility']}")
    if f["equity"]:
        lines.append(f"equity_focus: {f['equity']}")
    lines += ["audience: [students]", "last_verified: 2026-11-02"]
    return "\n".join(lines) + "\n"


def _region(root: Path) -> Path:
    make_region(root)
    for inst, records in EXTRA.items():
        for id_, fields in records.items():
            owned = f"{inst}-{id_}"  # an id starts with its folder's institution
            path = root / "opportunities" / inst / f"{owned}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_opportunity(inst, owned, fields), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The throw-away region validated, merged and rendered (no MkDocs: the pages are Markdown files)."""
    base = tmp_path_factory.mktemp("picture")
    return generate(_region(base / "region"), base / "build", DAY, progress=lambda m: None)


# --- the data, recomputed here --------------------------------------------
def _expected(rows: list[list[Listing]]) -> dict[str, dict[str, int | tuple[int, int]]]:
    """Every chart's figures by id, straight from the records: an opportunity (a
    row) counts once under every value any of its listings has, and says yes
    to a share's question when any of its listings does."""
    types = Counter(t for row in rows for t in {x.record.wil_type for x in row})
    sectors = Counter(s for row in rows for s in {s for x in row for s in x.record.sectors})
    institutions = Counter(i for row in rows for i in {o.institution.id for x in row for o in x.offers})
    small = {t.id for t in vocab.vocabularies()["host_sizes"] if t.details.get("small")}
    assert small == {"micro", "small"}

    def said(row: list[Listing], get: object) -> bool | None:
        answers = [get(x) for x in row if get(x) is not None]  # type: ignore[operator]
        return any(answers) if answers else None

    def el(x: Listing, name: str) -> bool:
        return bool(x.record.eligibility and getattr(x.record.eligibility, name))

    sized = [said(row, lambda x: None if x.record.host.size is None else x.record.host.size in small) for row in rows]
    first = [said(row, lambda x: x.record.host.first_time) for row in rows]
    n = len(rows)
    shares = {
        "paid": (sum(any(x.record.compensation.type == "paid" for x in row) for row in rows), n),
        "international": (sum(any(el(x, "international_students") for x in row) for row in rows), n),
        "part_time": (sum(any(el(x, "part_time_students") for x in row) for row in rows), n),
        "equity": (sum(any(x.record.equity_focus for x in row) for row in rows), n),
        "small_host": (sum(1 for x in sized if x), sum(1 for x in sized if x is not None)),
        "first_time_host": (sum(1 for x in first if x), sum(1 for x in first if x is not None)),
    }
    months: Counter[str] = Counter()
    year, month = DAY.year, DAY.month
    ahead = []
    for _ in range(12):
        ahead.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for row in rows:
        first_day = _earliest(row)
        if first_day and first_day.isoformat()[:7] in ahead:
            months[first_day.isoformat()[:7]] += 1
    return {
        "types": {i: types[i] for i in vocab.ids("wil_types")},
        "sectors": {i: sectors[i] for i in vocab.ids("sectors")},
        "institutions": {i: institutions[i] for i in sorted(_INSTITUTIONS)},
        "shares": shares,
        "deadlines": {m: months[m] for m in ahead},
    }


_INSTITUTIONS = [p.stem for p in (PROJECT_ROOT / "institutions").glob("*.yaml")]


def _earliest(row: list[Listing]) -> dt.date | None:
    """An opportunity's deadline: the earliest of its listings'."""
    return min((x.deadline for x in row if x.deadline), default=None)


# --- reading the page back ---------------------------------------------------
class _Tables(HTMLParser):
    """Each chart section's table rows (label, cells) and its image's alt and src."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, dict[str, object]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("class") == "wil-chart":
            self.current = str(a["aria-labelledby"])
            self.sections[self.current] = {"rows": [], "img": None, "caption": None}
        elif self.current and tag == "img":
            self.sections[self.current]["img"] = a
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.row = []
        elif tag in ("th", "td", "caption") and self.current:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "caption" and self.cell is not None and self.current:
            self.sections[self.current]["caption"] = "".join(self.cell).strip()
            self.cell = None
        elif tag == "tr" and self.row is not None and self.current:
            self.sections[self.current]["rows"].append(self.row)  # type: ignore[union-attr]
            self.row = None
        elif tag == "tbody":
            self.in_body = False
        elif tag == "section":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _page(built: object, lang: str) -> str:
    return (built.build_dir / lang / "docs" / "regional-picture.md").read_text(encoding="utf-8")  # type: ignore[attr-defined]


def _svg(built: object, lang: str, chart: str) -> bytes:
    return (built.build_dir / lang / "docs" / "regional-picture" / f"{chart}.svg").read_bytes()  # type: ignore[attr-defined]


def _number(text: str) -> float:
    """`1 200`, `12,5 %`, `12.5%` back to a number (a share as 0 to 1)."""
    clean = re.sub(r"[\s\u00a0\u202f]", "", text)
    if clean.endswith("%"):
        return float(clean[:-1].replace(",", ".")) / 100
    return float(clean.replace(",", "").replace(".", "")) if clean else float("nan")


def _labels(lang: str, institutions: dict[str, object]) -> dict[str, dict[str, str]]:
    """Each chart's row label -> id, in a language."""
    ahead = list(_expected([])["deadlines"])
    locale = t("language.locale", lang)

    def month(m: str) -> str:
        return str(format_skeleton("yMMMM", dt.date.fromisoformat(m + "-01"), locale=locale))

    return {
        "types": {vocab.lookup("wil_types")[i].label(lang): i for i in vocab.ids("wil_types")},
        "sectors": {vocab.lookup("sectors")[i].label(lang): i for i in vocab.ids("sectors")},
        "institutions": {inst.shown_name: i for i, inst in institutions.items()},  # type: ignore[attr-defined]
        "shares": {
            t(f"ui.picture_share_{k}", lang): k
            for k in ("paid", "international", "part_time", "equity", "small_host", "first_time_host")
        },
        "deadlines": {month(m): m for m in ahead},
    }


def _svg_rows(svg: bytes) -> list[tuple[str, str]]:
    """The chart's (label, value) pairs, as drawn: Matplotlib writes each text
    (a label of one or more lines, a value) as a group `text_<n>`, in order."""
    root = ET.fromstring(svg)
    groups = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("text_")]
    texts = [" ".join("".join(e.itertext()) for e in g.iter(f"{SVG}text")) for g in groups]
    assert len(texts) % 2 == 0
    return [(texts[i], texts[i + 1]) for i in range(0, len(texts), 2)]


# --- the tests ---------------------------------------------------------------
def test_the_region_has_what_the_picture_counts(built: object) -> None:
    listed = built.split.listed  # type: ignore[attr-defined]
    ids = {x.id for x in listed}
    assert "sait-expired-one" not in ids and {"sait-micro-hack", "mru-large-rolling", "mru-unsized-dec"} <= ids
    # one opportunity, two institutions' pages: one row, and its listings differ in what the picture counts
    rows = built.split.rows  # type: ignore[attr-defined]
    assert [sorted(x.id for x in row) for row in rows if len(row) > 1] == [["mru-small-intern", "sait-small-intern"]]
    assert len(rows) == len(listed) - 1
    expected = _expected(rows)
    assert expected["shares"]["small_host"][1] < len(rows)  # some listings don't state a size


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chart_and_table_shows_the_datas_figures(built: object, lang: str) -> None:
    expected = _expected(built.split.rows)  # type: ignore[attr-defined]
    labels = _labels(lang, built.site.institutions)  # type: ignore[attr-defined]
    parser = _Tables()
    parser.feed(_page(built, lang))
    assert list(parser.sections) == list(CHARTS)
    for chart in CHARTS:
        rows = parser.sections[chart]["rows"]
        table = {labels[chart][row[0]]: row[1:] for row in rows}  # type: ignore[union-attr,index]
        assert set(table) == set(expected[chart]), chart
        drawn = _svg_rows(_svg(built, lang, chart))
        assert [label for label, _ in drawn] == [row[0] for row in rows]  # type: ignore[union-attr,index]
        assert [value for _, value in drawn] == [row[1] for row in rows]  # type: ignore[union-attr,index]
        for key, want in expected[chart].items():
            cells = table[key]
            if chart == "shares":
                count, out_of = want  # type: ignore[misc]
                assert (_number(cells[1]), _number(cells[2])) == (count, out_of), key
                if out_of:
                    assert _number(cells[0]) == pytest.approx(count / out_of, abs=0.0005), key
                else:
                    assert cells[0] == "—"
            else:
                assert _number(cells[0]) == want, (chart, key)


def test_the_totals_and_notes_add_up(built: object) -> None:
    rows = built.split.rows  # type: ignore[attr-defined]
    later = sum(1 for row in rows if _earliest(row) and _earliest(row) > dt.date(2027, 10, 31))  # type: ignore[operator]
    none = sum(1 for row in rows if _earliest(row) is None)
    unsized = sum(1 for row in rows if all(x.record.host.size is None for x in row))
    unsaid = sum(1 for row in rows if all(x.record.host.first_time is None for x in row))
    assert later and none and unsized and unsaid
    page = html.unescape(_page(built, "en"))
    assert t("ui.picture_later", "en", count=later) in page
    assert t("ui.picture_no_deadline", "en", count=none) in page
    assert t("ui.picture_size_unstated", "en", count=unsized) in page
    assert t("ui.picture_first_unstated", "en", count=unsaid) in page
    assert f"{len(rows)} open opportunities on" in page
    fr = html.unescape(_page(built, "fr"))
    assert f"{len(rows)} occasions ouvertes au" in fr


def test_report_json_has_the_same_figures(built: object) -> None:
    listed = built.split.listed  # type: ignore[attr-defined]
    rows = built.split.rows  # type: ignore[attr-defined]
    expected = _expected(rows)
    data = json.loads(built.report.to_json())["picture"]  # type: ignore[attr-defined]
    assert data["listings"] == len(listed) and data["today"] == DAY.isoformat()
    assert data["opportunities"] == len(rows) < len(listed)
    assert data["by_type"] == expected["types"]
    assert data["by_sector"] == expected["sectors"]
    assert data["by_institution"] == expected["institutions"]
    assert data["deadlines"]["months"] == expected["deadlines"]
    assert data["deadlines"]["none"] == sum(1 for row in rows if _earliest(row) is None)
    assert sum(data["deadlines"]["months"].values()) + data["deadlines"]["later"] + data["deadlines"]["none"] == len(
        rows
    )
    for key, (count, out_of) in expected["shares"].items():
        share = data["shares"][key]
        assert (share["count"], share["out_of"], share["not_stated"]) == (count, out_of, len(rows) - out_of)
        assert share["share"] == (count / out_of if out_of else None)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chart_has_a_text_equivalent(built: object, lang: str) -> None:
    parser = _Tables()
    parser.feed(_page(built, lang))
    for chart in CHARTS:
        section = parser.sections[chart]
        img = section["img"]
        title = section["caption"]
        assert img["src"] == f"{chart}.svg"  # type: ignore[index]
        assert img["alt"] == t("ui.picture_chart_alt", lang, title=title)  # type: ignore[index]
        assert section["rows"], chart
        svg = ET.fromstring(_svg(built, lang, chart))
        assert svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text == img["alt"]  # type: ignore[union-attr,index]
    page = _page(built, lang)
    assert page.count('<th scope="col">') >= 2 * len(CHARTS) and page.count("<caption") == len(CHARTS)


def test_the_pages_words_are_in_their_language(built: object) -> None:
    en, fr = html.unescape(_page(built, "en")), html.unescape(_page(built, "fr"))
    assert "Regional picture" in en and "Open opportunities by sector" in en and "Paid (a wage)" in en
    assert "Portrait régional" in fr and "Occasions ouvertes par secteur" in fr and "Rémunérées (un salaire)" in fr
    assert "décembre 2026" in fr and "December 2026" in en
    for english in ("Open opportunities", "Hosted by", "Share", "Month", "Bar chart", "Deadlines"):
        assert english not in fr
    fr_svg = b"".join(_svg(built, "fr", c) for c in CHARTS).decode("utf-8")
    assert "Marathon de programmation" in fr_svg and "Hackathon" not in fr_svg
    assert re.search(r"\d+,\d\u00a0%", fr_svg) and re.search(r"\d+\.\d%", _svg(built, "en", "shares").decode())


def test_the_coordination_page_and_navigation_link_the_picture(built: object) -> None:
    from generator.publish.config import NAV

    assert ("ui.picture", "regional-picture.md") in NAV
    coordination = html.unescape((built.build_dir / "fr" / "docs" / "coordination.md").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert 'href="../regional-picture/"' in coordination and t("ui.picture_link", "fr") in coordination


def test_the_svg_is_the_same_from_one_build_to_the_next(tmp_path: Path, built: object) -> None:
    again = generate(_region(tmp_path / "region"), tmp_path / "build", DAY, progress=lambda m: None)
    for lang in ("en", "fr"):
        for chart in CHARTS:
            assert _svg(again, lang, chart) == _svg(built, lang, chart), (lang, chart)
    first = _svg(built, "en", "types").decode()
    assert "<dc:date>" not in first and "Matplotlib v" not in first


def test_chart_labels_are_escaped_and_never_script() -> None:
    svg = bar_chart([("<script>alert(1)</script> & $x^2$", "1", 1), ("Zero", "0", 0)], 'A "title" <b>')
    root = ET.fromstring(svg)  # well-formed
    assert not list(root.iter(f"{SVG}script")) and "<script" not in svg and "onload" not in svg
    texts = ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]
    assert texts[0] == "<script>alert(1)</script> & $x^2$"  # as text, math text off
    assert root.find(f"{SVG}title").text == 'A "title" <b>'  # type: ignore[union-attr]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_colours_pass_contrast() -> None:
    assert _contrast(TEXT, BACKGROUND) >= 7
    assert _contrast(BAR, BACKGROUND) >= 4.5  # bars need 3:1; the values beside them are text
