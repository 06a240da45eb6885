"""The directory as pages see it: open listings grouped every way a reader
browses (type, sector, institution), sorted closing-soon first.

Readers see opportunities, not files: the listings the linkage found to be
one opportunity posted by several institutions (`Listing.also`, set by
`merge.listing.partition`) are one `Row` in every list and count once
everywhere. A list of one type or sector shows a row when any of its
listings belongs there, and says through which institution's listing when
only some do; an institution's own list keeps its own listings, each
noting the others."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator import vocab
from generator.cache import Cache, digest
from generator.merge.listing import Listing
from generator.models import Institution, ProjectProposal, RegionSettings

if TYPE_CHECKING:
    from generator.publish.report import BuildReport

PAGE_SIZE = 50  # rows per list page: a phone scrolls it, 20,000 listings still paginate
NEW_DAYS = 14  # "New": first published this many days ago or fewer (Listing.new)


@dataclass(frozen=True, slots=True, eq=False)
class Row:
    """One opportunity as a list shows it: its listings (`members`, the lead
    first: the one closing first), and the ones that put it in this list
    (`matched`: all of them on an unfiltered list; on a sector's list, those
    in the sector). On an institution's own list, `own` is that
    institution's listing: the row shows it, noting the others."""

    members: tuple[Listing, ...]
    matched: tuple[Listing, ...]
    own: Listing | None = None

    @property
    def lead(self) -> Listing:
        return self.members[0]

    @property
    def key(self) -> str:
        """The row's key: its lead's id (as `Listing.row` and the facet table say)."""
        return self.lead.id

    @property
    def grouped(self) -> bool:
        """Shown as one opportunity offered through several listings."""
        return self.own is None and len(self.members) > 1

    @property
    def partial(self) -> bool:
        """Only some of its listings put it in this list: the row says which."""
        return self.grouped and len(self.matched) < len(self.members)

    @property
    def shown(self) -> tuple[Listing, ...]:
        """The listings the row speaks for: its own listing on an institution's list, else all."""
        return (self.own,) if self.own is not None else self.members

    @property
    def others(self) -> tuple[Listing, ...]:
        """On an institution's list, the other listings of its opportunity ("also listed by")."""
        return tuple(m for m in self.members if m is not self.own) if self.own is not None else ()

    def headline(self, lang: str) -> Listing:
        """The listing whose title heads the row: its own, else the first with a title in
        the page's language (the lead's when it has one), else the lead."""
        if self.own is not None:
            return self.own
        return next((m for m in self.members if getattr(m.record.title, lang, None)), self.lead)

    @property
    def deadline(self) -> dt.date | None:
        """Its earliest open deadline (none when no listing has one)."""
        dates = [m.deadline for m in self.shown if m.deadline is not None]
        return min(dates) if dates else None

    @property
    def published(self) -> dt.date | None:
        """First published: the earliest of its listings'."""
        days = [m.published for m in self.shown if m.published is not None]
        return min(days) if days else None

    def new(self, today: dt.date, days: int = NEW_DAYS) -> bool:
        return self.published is not None and 0 <= (today - self.published).days <= days

    def stale(self, today: dt.date) -> bool:
        """Not verified for a year by any of its institutions."""
        return all(m.stale(today) for m in self.shown)

    def for_students(self) -> bool:
        return any("students" in m.record.audience for m in self.shown)

    def sort_key(self) -> tuple[int, str, str, str]:
        """Closing soon first (its earliest deadline), then by title and key."""
        deadline = self.deadline
        first = self.own or self.lead
        title = (first.record.title.en or first.record.title.fr or "").lower()
        return (0 if deadline else 1, deadline.isoformat() if deadline else "", title, first.id)


def rows_of(listings: list[Listing]) -> list[tuple[Listing, ...]]:
    """Listings as readers see them, one tuple per opportunity (the lead first:
    `Listing.row_members`), keeping only the given listings, in the order of
    each row's first listing."""
    present = {id(x) for x in listings}
    seen: set[int] = set()
    out: list[tuple[Listing, ...]] = []
    for listing in listings:
        if id(listing) in seen:
            continue
        members = tuple(m for m in listing.row_members if id(m) in present) if listing.also else (listing,)
        seen.update(id(m) for m in members)
        out.append(members)
    return out


def _matching(rows: list[Row], test: Callable[[Listing], bool]) -> list[Row]:
    """The rows with a listing that passes `test`, each with the listings that do."""
    found = []
    for row in rows:
        matched = tuple(m for m in row.members if test(m))
        if matched:
            found.append(row if len(matched) == len(row.members) else Row(row.members, matched))
    return found


def _grouped_by(rows: list[Row], values: Callable[[Listing], list[str]]) -> dict[str, list[Row]]:
    """Each value's rows (in the rows' order): a row is under every value any of
    its listings has, with the listings that have it."""
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if len(row.members) == 1:
            for value in dict.fromkeys(values(row.lead)):
                out[value].append(row)
            continue
        having: dict[str, list[Listing]] = defaultdict(list)
        for member in row.members:
            for value in dict.fromkeys(values(member)):
                having[value].append(member)
        for value, matched in having.items():
            out[value].append(row if len(matched) == len(row.members) else Row(row.members, tuple(matched)))
    return out


@dataclass(slots=True)
class SiteData:
    """Everything the renderers need, computed once for both languages."""

    today: dt.date
    institutions: dict[str, Institution]
    listings: list[Listing]  # open only, closing soon first: one per page
    rows: list[Row] = field(default_factory=list)  # the same as readers see them: one per opportunity
    by_type: dict[str, list[Row]] = field(default_factory=dict)
    by_sector: dict[str, list[Row]] = field(default_factory=dict)
    by_institution: dict[str, list[Row]] = field(default_factory=dict)  # each institution's own listings
    report: BuildReport | None = None  # the build report, for the coordinators' page
    closed: list[Listing] = field(default_factory=list)  # expired: a "closed" page keeps their address
    site_url: str = ""  # the published address, with a final slash (layout.absolute)
    cache: Cache | None = None  # what earlier builds rendered and wrote (see page_key)
    fingerprint: str = ""  # what every page depends on: code, day, address, institution files
    memo: dict[object, object] = field(default_factory=dict)  # rendered fragments shared by pages (View.row)
    # Whether an earlier build's files for a page (path in a language's docs folder) are still there.
    written: Callable[[str, str], bool] | None = None
    # Pages a build leaves as they are, though no listing makes them now: `wil
    # serve` keeps the page of a file saved with a problem (with the problem on
    # top), never removing it for a moment while its live server reads the folder.
    preserved: frozenset[str] = frozenset()
    region: RegionSettings | None = None  # region.yaml: names, the regional contact (None: no file)
    proposals: list[ProjectProposal] = field(default_factory=list)  # open projects proposed to the region

    @classmethod
    def build(
        cls,
        listings: list[Listing],
        institutions: dict[str, Institution],
        today: dt.date,
        report: BuildReport | None = None,
        closed: list[Listing] | None = None,
        site_url: str = "",
    ) -> SiteData:
        ordered = sorted(listings, key=Listing.sort_key)
        grouped = rows_of(ordered)
        rows = sorted((Row(members, members) for members in grouped), key=Row.sort_key)
        row_of = {id(m): members for members in grouped for m in members}
        by_institution: dict[str, list[Row]] = defaultdict(list)
        for listing in ordered:
            for inst_id in dict.fromkeys(o.institution.id for o in listing.offers):
                by_institution[inst_id].append(Row(row_of[id(listing)], (listing,), own=listing))
        by_type = _grouped_by(rows, lambda x: [x.record.wil_type])
        by_sector = _grouped_by(rows, lambda x: x.record.sectors)
        return cls(
            today=today,
            institutions=dict(sorted(institutions.items())),
            listings=ordered,
            rows=rows,
            by_type={t: by_type.get(t, []) for t in vocab.ids("wil_types")},
            by_sector={s: by_sector.get(s, []) for s in vocab.ids("sectors")},
            by_institution={i: by_institution.get(i, []) for i in sorted(institutions)},
            report=report,
            closed=sorted(closed or [], key=lambda listing: listing.id),
            site_url=site_url,
        )

    def page_key(self, lang: str, listing: Listing) -> str:
        """What an opportunity's page depends on: its own files, the files of the
        other listings of its row ("also listed by"), and the site's fingerprint."""
        sources = [f"{s.path}:{s.digest}" for s in listing.sources]
        published = listing.published.isoformat() if listing.published else ""
        also = [f"{m.id}={s.path}:{s.digest}" for m in listing.also for s in m.sources]
        return digest("page", self.fingerprint, lang, *sources, published, *listing.merged_ids, *also)

    def row_key(self, lang: str, row: Row) -> str:
        """What a row in a list depends on: each of its listings' page, which ones
        matched the list, and whose list it is."""
        pages = [self.page_key(lang, m) for m in row.members]
        matched = ",".join(m.id for m in row.matched)
        return digest("row", lang, *pages, matched, row.own.id if row.own is not None else "")

    def institutions_offering(self, type_id: str) -> list[str]:
        """Institutions with at least one open opportunity of a WIL type."""
        return sorted({o.institution.id for row in self.by_type[type_id] for m in row.matched for o in m.offers})

    def open_count(self, type_id: str) -> int:
        """Open opportunities of a WIL type, for students and employers alike: the one
        count the chooser, the employers' guide and the type pages all show."""
        return len(self.by_type.get(type_id, []))

    def similar(self, listing: Listing, limit: int = 5) -> list[Row]:
        """Open opportunities like a closed one: the same type, sharing a sector, closing soon first."""
        sectors = set(listing.record.sectors)
        of_type = self.by_type.get(listing.record.wil_type, [])
        same = [row for row in of_type if any(sectors & set(m.record.sectors) for m in row.matched)]
        return (same or of_type)[:limit]

    def listed_ids(self) -> set[str]:
        return {listing.id for listing in self.listings}

    def for_students(self) -> list[Row]:
        """The rows the search page shows by default (audience: students): the
        home page counts these, so its numbers are the ones a student finds."""
        return [row for row in self.rows if row.for_students()]

    def closing_within(self, days: int) -> int:
        """Open opportunities for students whose earliest deadline is within `days`."""
        limit = self.today + dt.timedelta(days=days)
        return sum(1 for row in self.for_students() if row.deadline and row.deadline <= limit)

    def for_employers(self) -> list[Row]:
        return _matching(self.rows, lambda x: "employers" in x.record.audience)

    def types_by_commitment(self) -> list[str]:
        """WIL types from the lightest commitment for a host to the deepest."""
        profiles = vocab.lookup("host_profiles")
        return sorted(vocab.ids("wil_types"), key=lambda t: profiles[t].details.get("rank", 99))


def pages_of(items: list[Row], size: int = PAGE_SIZE) -> list[list[Row]]:
    """Split a list into pages; an empty list still has one (empty) page."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]
