"""The search page's facets: every listing's filter values, in the order of
Pagefind's own page list, so the browser filters, counts and sorts the
results of a word search itself.

Why not Pagefind's filters: a filter only returns counts for the groups
whose data it has loaded, and loading every group's page lists costs 90 KB
at 5,000 listings and 360 KB at 20,000, more than a whole first search may
fetch. This file carries the same facts in a few bits per listing (a code
per group, one character each, and the deadline as days from the build
date), and no page ids at all: its rows follow the order of the page list in
Pagefind's metadata, which the browser has already downloaded for the search
itself. It is written next to that metadata with the same hash in its name,
so it always matches the index it was made for.

    pagefind/wil-facets.<lang>_<hash>.json     groups, value ids, codes, deadlines, rows
    pagefind/wil-published.<lang>_<hash>.json  first-publication days (loaded only to sort by newest)

Readers see opportunities, not pages: the pages the linkage found to be one
opportunity listed by several institutions are one row of results
(`Listing.row`, see merge/listing.py). The table says which, as each page's
row key with no ids either: `together` lists, for every row of more than
one page, its pages' positions in the table, its lead first (the row's key
is its lead's page); every other page is a row of its own. The browser
counts rows, and a row matches when any of its pages matches.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cbor2

from generator.layout import prefix
from generator.merge.listing import Listing
from generator.render.filters import GROUPS, values

# The groups the search page filters by, and each listing's values: render/filters.py.
_CODES = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"  # 64 codes per character
_MAGIC = b"pagefind_dcd"


def _days(day: dt.date | None, today: dt.date) -> int | None:
    return None if day is None else (day - today).days


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    return data[len(_MAGIC) :] if data.startswith(_MAGIC) else data


def page_order(bundle: Path, language_hash: str) -> list[str]:
    """Pagefind's pages in its own order: the page ids the browser's index numbers."""
    meta = cbor2.loads(_read(bundle / f"pagefind.{language_hash}.pf_meta"))
    return [page[0] for page in meta[1]]


def _listing_id(bundle: Path, page: str) -> str:
    url = json.loads(_read(bundle / "fragment" / f"{page}.pf_fragment"))["url"]
    return str(url.rstrip("/").rsplit("/", 1)[-1])


def _encode(codes: Iterable[int]) -> str:
    out = []
    for code in codes:
        out.append(_CODES[code] if code < 64 else "~" + _CODES[code // 64] + _CODES[code % 64])
    return "".join(out)


def table(
    rows: list[Listing], today: dt.date, published: dict[str, dt.date]
) -> tuple[dict[str, Any], list[int | None]]:
    """The facet table of rows in page order, and their first-publication days."""
    groups: dict[str, dict[str, Any]] = {}
    per_row = [values(listing) for listing in rows]
    for group in GROUPS:
        combos: dict[tuple[str, ...], int] = {}
        codes = [combos.setdefault(tuple(sorted(v[group])), len(combos)) for v in per_row]
        groups[group] = {"combos": [list(c) for c in combos], "codes": _encode(codes)}
    deadlines = [_days(listing.deadline, today) for listing in rows]
    data = {
        "version": 1,
        "today": today.isoformat(),
        "rows": len(rows),
        "groups": groups,
        "deadline": deadlines,
        "together": together(rows),
    }
    return data, [_days(published.get(listing.id), today) for listing in rows]


def together(rows: list[Listing]) -> list[list[int]]:
    """The table's positions of the pages of each row of several pages, its lead
    first, in the order of their leads; pages of one row missing from the
    table (none should be) are left out."""
    position = {id(listing): n for n, listing in enumerate(rows)}
    out = []
    for listing in rows:
        if listing.also and listing.row == listing.id:
            members = [position[id(m)] for m in listing.row_members if id(m) in position]
            if len(members) > 1:
                out.append(members)
    return sorted(out, key=lambda members: members[0])


def language_facets(
    bundle: Path, lang: str, listings: list[Listing], today: dt.date, published: dict[str, dt.date]
) -> dict[str, bytes]:
    """One language's facet files, by name, from a Pagefind bundle holding that
    language. Called for each language as soon as its index is done, while
    the next one is still being made."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    language = entry["languages"].get(lang)
    if language is None:
        return {}
    by_id = {listing.id: listing for listing in listings}
    # Without a listing, Pagefind read the site's other pages (index_site): no rows.
    pages = page_order(bundle, language["hash"]) if listings else []
    rows = [by_id[_listing_id(bundle, page)] for page in pages]
    data, days = table(rows, today, published)
    data["language"] = lang
    data["root"] = "/" + prefix(lang)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {
        f"wil-facets.{language['hash']}.json": text.encode("utf-8"),
        f"wil-published.{language['hash']}.json": json.dumps(days, separators=(",", ":")).encode("utf-8"),
    }
