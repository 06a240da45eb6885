"""The search page's facet table (publish/facets.py) from a real Pagefind
bundle of a few pages: rows in Pagefind's own page order, each group's codes
read back by a decoder written here, deadlines and first publications as days
from the build, and the rows of several pages. Fast: Pagefind indexes five
small pages in well under a second."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import DAY, listed_today, per_test_under_mutation

from generator.merge.listing import Listing
from generator.publish import facets
from generator.publish.search_index import index_site
from generator.render.filters import GROUPS, values

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _decode(text: str) -> list[int]:
    """One code a character, or `~` and two characters for 64 and more."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "~":
            out.append(ALPHABET.index(text[i + 1]) * 64 + ALPHABET.index(text[i + 2]))
            i += 3
        else:
            out.append(ALPHABET.index(text[i]))
            i += 1
    return out


@pytest.mark.parametrize(
    ("codes", "text"), [([0], "A"), ([63], "_"), ([64], "~BA"), ([65, 1], "~BBB"), ([4095], "~__"), ([], "")]
)
def test_codes_take_one_character_below_64_and_three_from_64(codes: list[int], text: str) -> None:
    assert facets._encode(codes) == text
    assert _decode(text) == codes


def _sample() -> list[Listing]:
    """Five listings of the sample with different deadlines (one without), one of them in a row of two."""
    listed = sorted(listed_today(), key=lambda x: x.id)
    grouped = next(x for x in listed if x.also)
    chosen = [grouped, *grouped.row_members, *[x for x in listed if x.deadline is None][:1]]
    chosen += [x for x in listed if x.deadline is not None and x not in chosen][: 5 - len(chosen)]
    return list(dict.fromkeys(chosen))


@pytest.fixture(scope=per_test_under_mutation)
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Listing]]:
    """A real Pagefind bundle of one small page per listing in each language."""
    site = tmp_path_factory.mktemp("site")
    chosen = _sample()
    for listing in chosen:
        for lang, root in (("en", site), ("fr", site / "fr")):
            page = root / "opportunities" / listing.id / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(
                f'<!doctype html><html lang="{lang}"><head><title>{listing.id}</title></head>'
                f"<body><main><h1>{listing.id}</h1><p>{lang} words for {listing.id}</p></main></body></html>",
                "utf-8",
            )
    out = tmp_path_factory.mktemp("bundle") / "pagefind"
    index_site(site, out)
    return out, chosen


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_facet_table_follows_pagefinds_page_order_with_each_listings_values(
    bundle: tuple[Path, list[Listing]], lang: str
) -> None:
    folder, chosen = bundle
    published = {chosen[0].id: DAY - dt.timedelta(days=3), chosen[1].id: DAY}
    files = facets.language_facets(folder, lang, chosen, DAY, published)
    language_hash = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))["languages"][lang]["hash"]
    assert sorted(files) == [f"wil-facets.{language_hash}.json", f"wil-published.{language_hash}.json"]
    data = json.loads(files[f"wil-facets.{language_hash}.json"])
    order = [facets._listing_id(folder, page) for page in facets.page_order(folder, language_hash)]
    assert sorted(order) == sorted(x.id for x in chosen)
    by_id = {x.id: x for x in chosen}
    rows = [by_id[i] for i in order]
    assert (data["language"], data["root"], data["rows"], data["today"]) == (
        lang,
        "/" if lang == "en" else "/fr/",
        len(chosen),
        DAY.isoformat(),
    )
    assert sorted(data["groups"]) == sorted(GROUPS)  # keys sorted in the file: the same text every build
    for group in GROUPS:
        column = data["groups"][group]
        assert [column["combos"][c] for c in _decode(column["codes"])] == [sorted(values(x)[group]) for x in rows]
        assert len(column["combos"]) == len({tuple(sorted(values(x)[group])) for x in rows})  # each combo once
    assert data["deadline"] == [(x.deadline - DAY).days if x.deadline else None for x in rows]
    assert None in data["deadline"] and any(d is not None for d in data["deadline"])
    days = json.loads(files[f"wil-published.{language_hash}.json"])
    assert days == [{chosen[0].id: -3, chosen[1].id: 0}.get(x.id) for x in rows]
    lead = next(x for x in rows if x.also and x.row == x.id)
    together = [[order.index(m.id) for m in lead.row_members if m.id in order]]
    assert data["together"] == together and together[0][0] == order.index(lead.id)  # the lead first


def test_a_language_the_bundle_does_not_hold_has_no_facet_files(bundle: tuple[Path, list[Listing]]) -> None:
    folder, chosen = bundle
    assert facets.language_facets(folder, "de", chosen, DAY, {}) == {}


def test_without_listings_the_table_is_empty(bundle: tuple[Path, list[Listing]]) -> None:
    folder, _ = bundle
    files = facets.language_facets(folder, "en", [], DAY, {})
    (name,) = [n for n in files if n.startswith("wil-facets.")]
    data = json.loads(files[name])
    assert (data["rows"], data["deadline"], data["together"]) == (0, [], [])
    assert all(column == {"combos": [], "codes": ""} for column in data["groups"].values())


def test_the_facet_files_are_compact_and_written_the_same_way_every_time(bundle: tuple[Path, list[Listing]]) -> None:
    """Keys sorted and no spaces: the same data gives the same bytes (a rebuild
    leaves the file as it was), and every byte counts in a first search."""
    folder, chosen = bundle
    files = facets.language_facets(folder, "fr", chosen, DAY, {chosen[0].id: DAY})
    for name, data in files.items():
        parsed = json.loads(data.decode("utf-8"))
        assert data.decode("utf-8") == json.dumps(parsed, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        assert b" " not in data, name
    assert files == facets.language_facets(folder, "fr", chosen, DAY, {chosen[0].id: DAY})


def test_together_gives_each_row_of_several_pages_once_its_lead_first() -> None:
    """`together` reads only a listing's row, its members and what else lists it:
    a row of three is one entry (not one per member), a row whose other pages
    are not in the table (closed) is no row of several, a page alone is none."""
    from types import SimpleNamespace

    from generator.publish.facets import together

    def page(id_: str, row: str) -> SimpleNamespace:
        return SimpleNamespace(id=id_, row=row, also=(), row_members=())

    a, x, b, c, d, e, f = (page(i, r) for i, r in (("a", "a"), ("x", "x"), ("b", "a"), ("c", "a"), ("d", "d"),
                                                     ("e", "d"), ("f", "f")))  # fmt: skip
    gone = page("g", "f")  # f's other page, closed: not in the table
    for members in ((a, b, c), (d, e), (f, gone)):
        for m in members:
            m.row_members = members
            m.also = tuple(o for o in members if o is not m)
    rows = [a, x, b, c, d, e, f]
    assert together(rows) == [[0, 2, 3], [4, 5]]  # type: ignore[arg-type]
