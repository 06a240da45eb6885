"""From valid records to listings: one per distinct opportunity, naming every
institution that offers it (each with its own way to apply) and every source
file it came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.merge.dedupe import Candidate, Result, deduplicate
from generator.models import Institution, Offering, Opportunity, stale
from generator.textnorm import fold
from generator.validate.region import SourceFile


@dataclass(frozen=True, slots=True)
class Offer:
    """One institution's way into a listing, with its own file's record (a
    merged listing shows each institution's own deadline, pay, eligibility...
    where they differ)."""

    institution: Institution
    offering: Offering
    source: str  # the file it came from
    record: Opportunity


# What can differ between the institutions offering one opportunity: shown
# once when every file agrees, else under each institution.
PER_INSTITUTION = {
    "deadline": lambda r: r.application_deadline,
    "dates": lambda r: (r.start_date, r.end_date),
    "pay": lambda r: r.compensation,
    "eligibility": lambda r: r.eligibility,
    "host_commitment": lambda r: r.host_commitment,
    "hours": lambda r: (r.hours_per_week, r.duration),
}


@dataclass(slots=True, eq=False)  # compared by identity: field-wise equality would compare whole records
class Listing:
    """One opportunity as the site shows it."""

    record: Opportunity  # the canonical record: its id is the page's URL
    sources: list[SourceFile]
    offers: list[Offer]
    merged_ids: list[str] = field(default_factory=list)  # other ids folded into this one
    published: dt.date | None = None  # first published (see load/history.py), the earliest of its files
    # Grouping for readers (set by `partition`): the other listed listings the linkage
    # found to be this same opportunity, shown with it as one row; each keeps its page.
    also: list[Listing] = field(default_factory=list)
    row: str = ""  # the row's key: the id of its lead listing ("" until partitioned)

    @property
    def row_members(self) -> list[Listing]:
        """Every listing of this listing's row, the lead first."""
        return sorted([self, *self.also], key=_row_order)

    @property
    def last_verified(self) -> dt.date:
        """The most recent check by any of its institutions."""
        return max(dt.date.fromisoformat(s.record.last_verified) for s in self.sources)  # type: ignore[union-attr]

    def stale(self, today: dt.date) -> bool:
        return stale(self.last_verified, today)

    def new(self, today: dt.date, days: int = 14) -> bool:
        """First published in the last two weeks."""
        return self.published is not None and 0 <= (today - self.published).days <= days

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def deadline(self) -> dt.date | None:
        """The last day anyone can still apply, over the sources not closed:
        none when one of them takes applications without a deadline, so a
        merged listing never shows another institution's passed date."""
        records = [s.record for s in self.sources]
        still = [r for r in records if r.status != "closed"] or records  # type: ignore[union-attr]
        dates = [r.application_deadline for r in still]  # type: ignore[union-attr]
        return None if None in dates else dt.date.fromisoformat(max(dates))  # type: ignore[type-var,arg-type]

    def varies(self, name: str) -> bool:
        """Do the institutions' own files say different things about this?"""
        get = PER_INSTITUTION[name]
        return len({repr(get(offer.record)) for offer in self.offers}) > 1

    def expired(self, today: dt.date) -> bool:
        """Closed, past its last deadline, or (with no deadline) already over."""
        return all(s.record.expired(today) for s in self.sources)  # type: ignore[union-attr]

    def sort_key(self) -> tuple[int, str, str]:
        """Closing soon first; rolling and undated ones after, by title."""
        deadline = self.deadline
        title = (self.record.title.en or self.record.title.fr or "").lower()
        return (0 if deadline else 1, deadline.isoformat() if deadline else "", title)


@dataclass(frozen=True)
class Partition:
    """Listings by what the site does with them, as of one day."""

    listed: list[Listing]  # open: every page, list, search entry and count
    expired: list[Listing]  # closed or past: reported, not shown
    hidden: list[Listing]  # valid records whose institutions are all unknown: reported, not shown
    rows: list[list[Listing]] = field(default_factory=list)  # listed, as readers see them: one row per opportunity


def partition(listings: list[Listing], today: dt.date, groups: list[list[str]] | None = None) -> Partition:
    """The one answer to "what does the site list today?": the build, the
    report and the tests all ask here. `groups` (ids the linkage found to be
    one opportunity, see `Result.rows`) become rows of the listed listings."""
    hidden = [listing for listing in listings if not listing.offers]
    expired = [listing for listing in listings if listing.offers and listing.expired(today)]
    listed = [listing for listing in listings if listing.offers and not listing.expired(today)]
    return Partition(listed=listed, expired=expired, hidden=hidden, rows=group_rows(listed, groups or []))


def group_rows(listed: list[Listing], groups: list[list[str]]) -> list[list[Listing]]:
    """Listed listings as rows: each group's listed members together (lead first:
    the one closing first, then by id), every other listing alone; rows in the
    listings' order. Sets each listing's `row` and `also`."""
    by_id = {listing.id: listing for listing in listed}
    for listing in listed:  # a merged page answers to its folded ids too
        for old in listing.merged_ids:
            by_id.setdefault(old, listing)
    row_of: dict[str, list[Listing]] = {}
    for keys in groups:
        members = sorted({id(x): x for x in (by_id[k] for k in keys if k in by_id)}.values(), key=_row_order)
        if len(members) > 1:
            for member in members:
                row_of[member.id] = members
    rows: list[list[Listing]] = []
    for listing in listed:
        members = row_of.get(listing.id, [listing])
        listing.row = members[0].id
        listing.also = [m for m in members if m is not listing]
        if members[0] is listing:
            rows.append(members)
    return rows


def _row_order(listing: Listing) -> tuple[tuple[int, str, str], str]:
    return listing.sort_key(), listing.id


def candidate(record: Opportunity, institutions: dict[str, Institution] | None = None) -> Candidate:
    """Everything the duplicate finder compares, from one record."""
    names: set[str] = set()
    for offering in record.institutions:
        names.add(offering.institution)
        inst = (institutions or {}).get(offering.institution)
        if inst is not None:
            names.update(x for x in (inst.short_name, inst.name.en, inst.name.fr) if x)
    pay = record.compensation
    details = pay.details.en or pay.details.fr if pay.details else None
    return Candidate(
        key=record.id,
        title_en=record.title.en,
        title_fr=record.title.fr,
        host=record.host.name,
        wil_type=record.wil_type,
        start_date=record.start_date,
        application_deadline=record.application_deadline,
        same_as=record.same_as,
        distinct_from=tuple(record.distinct_from or ()),
        institutions=tuple(o.institution for o in record.institutions),
        institution_words=frozenset(fold(" ".join(names)).split()),
        host_website=record.host.website,
        apply_urls=tuple(o.apply_url for o in record.institutions if o.apply_url),
        hours_per_week=record.hours_per_week,
        pay_type=pay.type,
        pay_amount=pay.amount_min if pay.amount_min is not None else pay.amount_max,
        pay_period=pay.period,
        pay_text=details,
        arrangement=record.work_arrangement,
        city=record.location.city if record.location else None,
        place_details=record.location.details if record.location else None,
    )


def _score(f: SourceFile, linked: set[str]) -> tuple[int, int, str]:
    """The record others point at, else the most complete, else the first id."""
    record = f.record
    assert isinstance(record, Opportunity)
    filled = len(record.model_dump(exclude_none=True))
    return (0 if record.id in linked else 1, -filled, record.id)


def _agrees(member: SourceFile, main: SourceFile, ids: set[str]) -> bool:
    """Whether a file agrees that its address shows `main`'s record: it is
    `main`, it is in the same institution's folder, or it links into the group
    itself (`same_as`). Another institution's file never decides it alone."""
    same_as = member.record.same_as  # type: ignore[union-attr]
    return member is main or member.folder == main.folder or same_as in ids


def owned_groups(members: list[SourceFile], linked: set[str]) -> list[tuple[SourceFile, list[SourceFile]]]:
    """A duplicate group as listings, each (main file, files): merged only as
    far as every file agrees to show the main record at its address; a file
    that did not agree keeps its own listing (and the pair goes to review)."""
    ids = {m.record.id for m in members}  # type: ignore[union-attr]
    ranked = sorted(members, key=lambda f: _score(f, linked))
    for main in ranked:
        if all(_agrees(x, main, ids) for x in members):
            return [(main, members)]
    main = ranked[0]
    kept = [x for x in members if _agrees(x, main, ids)]
    rest = [x for x in members if not _agrees(x, main, ids)]
    return [(main, kept), *owned_groups(rest, linked)]


def _apart(result: Result, parts: list[list[str]]) -> Result:
    """The matcher's result once groups are split by ownership: pages merge
    only where every file agrees; the parts of one group stay one row for
    readers (`rows`), with the decisions that joined them (`row_links`)."""
    part_of = {key: i for i, part in enumerate(parts) for key in part}
    merges, links = [], list(result.row_links)
    for d in result.merges:
        (merges if part_of[d.a] == part_of[d.b] else links).append(d)
    groups = sorted((sorted(p) for p in parts), key=lambda g: g[0])
    return Result(
        groups=groups,
        review=result.review,
        merges=merges,
        rows=result.rows,
        row_links=sorted(links, key=lambda d: (d.a, d.b)),
    )


def build_listings(
    opportunities: list[SourceFile], institutions: dict[str, Institution]
) -> tuple[list[Listing], Result]:
    """Merge valid opportunity files into listings (expired ones included)."""
    by_id = {f.record.id: f for f in opportunities if isinstance(f.record, Opportunity)}
    result = deduplicate([candidate(f.record, institutions) for f in by_id.values()])  # type: ignore[arg-type]
    linked = {f.record.same_as for f in by_id.values() if f.record.same_as}  # type: ignore[union-attr]
    parts = [part for group in result.groups for part in owned_groups([by_id[key] for key in group], linked)]
    if len(parts) != len(result.groups):
        result = _apart(result, [[m.record.id for m in members] for _, members in parts])  # type: ignore[union-attr]
    listings = []
    for main, members in parts:
        offers: list[Offer] = []
        seen: set[str] = set()
        for member in [main, *[m for m in members if m is not main]]:
            for offering in member.record.institutions:  # type: ignore[union-attr]
                if offering.institution in seen or offering.institution not in institutions:
                    continue  # one way in per institution; unknown ones were reported
                seen.add(offering.institution)
                offers.append(Offer(institutions[offering.institution], offering, member.path, member.record))  # type: ignore[arg-type]
        record = main.record
        assert isinstance(record, Opportunity)
        listings.append(
            Listing(
                record=record,
                sources=sorted(members, key=lambda m: m.path),
                offers=offers,
                merged_ids=sorted(m.record.id for m in members if m is not main),  # type: ignore[union-attr]
            )
        )
    listings.sort(key=lambda listing: listing.id)
    return listings, result
