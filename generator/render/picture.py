"""The regional picture: what the open opportunities offer, across the
region, as figures for coordinators and funders.

Pure functions from listings to numbers, with no words: the page (in each
language, with its charts) and report.json both read the same `Picture`,
computed from the same open listings as the site (after merging and past
deadlines), so a chart can never disagree with the lists or the report.
Every figure counts opportunities as readers see them: the listings of one
opportunity that several institutions post (one row: `Listing.also`) count
once, under each value any of them has (a sector, a type), like the lists.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator import vocab
from generator.merge.listing import Listing
from generator.render.site import rows_of

Opportunity = Sequence[Listing]  # one row: its listings, the lead first

MONTHS_AHEAD = 12  # deadlines per month: this month and the eleven after it

# The shares, in the order the page shows them. Each is a question asked of
# one listing: True (counts), False (does not), None (the listing does not
# say: left out of that share's base, and counted as not stated).
SHARES = ("paid", "international", "part_time", "equity", "small_host", "first_time_host")


@dataclass(frozen=True, slots=True)
class Count:
    """How many open listings fall in one group (a vocabulary id, an institution id, a month)."""

    id: str
    count: int


@dataclass(frozen=True, slots=True)
class Share:
    """How many of the listings that answer a question answer yes.

    `out_of` is the base: every open listing for what each listing always
    says (pay) or where silence means no (eligibility, equity focus); only
    the listings that say for an optional field that may be left out (host
    size, first-time host), so silence is not read as "no". `not_stated`
    counts those left out of the base."""

    id: str
    count: int
    out_of: int
    not_stated: int = 0

    @property
    def share(self) -> float | None:
        """The share (0 to 1), None when no listing answers (nothing to divide by)."""
        return self.count / self.out_of if self.out_of else None


@dataclass(frozen=True, slots=True)
class Picture:
    """Every figure of the regional picture, for one day."""

    today: dt.date
    listings: int  # open listings (pages)
    opportunities: int  # open opportunities (rows): what every other figure counts
    by_type: tuple[Count, ...]
    by_sector: tuple[Count, ...]
    by_institution: tuple[Count, ...]
    shares: tuple[Share, ...]
    deadlines: tuple[Count, ...]  # ids are months, `2026-11`
    deadlines_later: int  # after the last month shown
    no_deadline: int  # rolling or undated: nothing to count in a month

    def as_dict(self) -> dict[str, Any]:
        """The figures as report.json holds them (ids, never words)."""
        return {
            "today": self.today.isoformat(),
            "listings": self.listings,
            "opportunities": self.opportunities,
            "by_type": {c.id: c.count for c in self.by_type},
            "by_sector": {c.id: c.count for c in self.by_sector},
            "by_institution": {c.id: c.count for c in self.by_institution},
            "shares": {
                s.id: {"count": s.count, "out_of": s.out_of, "not_stated": s.not_stated, "share": s.share}
                for s in self.shares
            },
            "deadlines": {
                "months": {c.id: c.count for c in self.deadlines},
                "later": self.deadlines_later,
                "none": self.no_deadline,
            },
        }


def _counts(ids: Iterable[str], found: Counter[str]) -> tuple[Count, ...]:
    """Every id, zeros included: a gap (no open hackathon) is news to a coordinator."""
    return tuple(Count(i, found[i]) for i in ids)


def by_type(rows: Sequence[Opportunity]) -> tuple[Count, ...]:
    """Open opportunities per WIL type, in the vocabulary's order (one type
    each, unless its institutions file it under different types)."""
    return _counts(vocab.ids("wil_types"), Counter(t for row in rows for t in {x.record.wil_type for x in row}))


def by_sector(rows: Sequence[Opportunity]) -> tuple[Count, ...]:
    """Open opportunities per sector: one counts once in each sector it names,
    so the counts add up to more than the opportunities."""
    return _counts(vocab.ids("sectors"), Counter(s for row in rows for s in {s for x in row for s in x.record.sectors}))


def by_institution(rows: Sequence[Opportunity], institutions: Iterable[str]) -> tuple[Count, ...]:
    """Open opportunities per institution: one offered by several institutions
    counts once for each of them (what each institution contributes)."""
    found = Counter(i for row in rows for i in {o.institution.id for x in row for o in x.offers})
    return _counts(sorted(institutions), found)


def small_host(size: str | None) -> bool | None:
    """Is the host a small business (a size band marked `small` in the
    vocabulary)? None when the listing does not say."""
    return None if size is None else vocab.small_host(size)


def _answers(listing: Listing) -> dict[str, bool | None]:
    """One listing's answer to each share's question."""
    r = listing.record
    eligibility = r.eligibility
    return {
        "paid": r.compensation.type == "paid",  # a wage; a stipend is not pay
        "international": bool(eligibility and eligibility.international_students),
        "part_time": bool(eligibility and eligibility.part_time_students),
        "equity": bool(r.equity_focus),
        "small_host": small_host(r.host.size),
        "first_time_host": r.host.first_time,
    }


def _row_answers(row: Opportunity) -> dict[str, bool | None]:
    """An opportunity's answers: yes when any of its listings says yes (as a
    filter finds it), no when one says no, else not stated."""
    each = [_answers(x) for x in row]
    out: dict[str, bool | None] = {}
    for key in SHARES:
        said = [a[key] for a in each if a[key] is not None]
        out[key] = any(said) if said else None
    return out


def shares(rows: Sequence[Opportunity]) -> tuple[Share, ...]:
    """The share of open opportunities that are paid, open to international or
    part-time students, with an equity focus, and hosted by a small business
    or a first-time host (these two among the opportunities that say)."""
    answers = [_row_answers(row) for row in rows]
    out = []
    for key in SHARES:
        said = [a[key] for a in answers if a[key] is not None]
        out.append(Share(key, sum(1 for x in said if x), len(said), len(answers) - len(said)))
    return tuple(out)


def months_ahead(today: dt.date, count: int = MONTHS_AHEAD) -> tuple[dt.date, ...]:
    """The first day of this month and of the months after it."""
    firsts = []
    year, month = today.year, today.month
    for _ in range(count):
        firsts.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(firsts)


def deadlines(rows: Sequence[Opportunity], today: dt.date) -> tuple[tuple[Count, ...], int, int]:
    """Deadlines per month for the months ahead (when applications close,
    so offices can plan their calls), then how many close later and how
    many have no deadline (rolling or undated). An opportunity's deadline
    is the earliest of its listings' (each today or later: see
    `Listing.deadline` and `partition`)."""
    months = [m.isoformat()[:7] for m in months_ahead(today)]
    found: Counter[str] = Counter()
    later = none = 0
    for row in rows:
        days = [x.deadline for x in row if x.deadline is not None]
        if not days:
            none += 1
            continue
        day = min(days)
        if day.isoformat()[:7] in months:
            found[day.isoformat()[:7]] += 1
        else:
            later += 1
    return _counts(months, found), later, none


def picture(listings: Sequence[Listing], institutions: Iterable[str], today: dt.date) -> Picture:
    """The regional picture of these open listings on a day, counted as
    opportunities (`Listing.also`: see merge/listing.py `partition`)."""
    rows = rows_of(list(listings))
    months, later, none = deadlines(rows, today)
    return Picture(
        today=today,
        listings=len(listings),
        opportunities=len(rows),
        by_type=by_type(rows),
        by_sector=by_sector(rows),
        by_institution=by_institution(rows, institutions),
        shares=shares(rows),
        deadlines=months,
        deadlines_later=later,
        no_deadline=none,
    )
