"""The directory as pages see it: open listings grouped every way a reader
browses (type, sector, institution), sorted closing-soon first."""

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


@dataclass(slots=True)
class SiteData:
    """Everything the renderers need, computed once for both languages."""

    today: dt.date
    institutions: dict[str, Institution]
    listings: list[Listing]  # open only, closing soon first
    by_type: dict[str, list[Listing]] = field(default_factory=dict)
    by_sector: dict[str, list[Listing]] = field(default_factory=dict)
    by_institution: dict[str, list[Listing]] = field(default_factory=dict)
    report: BuildReport | None = None  # the build report, for the coordinators' page
    closed: list[Listing] = field(default_factory=list)  # expired: a "closed" page keeps their address
    site_url: str = ""  # the published address, with a final slash (layout.absolute)
    cache: Cache | None = None  # what earlier builds rendered and wrote (see page_key)
    fingerprint: str = ""  # what every page depends on: code, day, address, institution files
    memo: dict[object, object] = field(default_factory=dict)  # rendered fragments shared by pages (View.row)
    # Whether an earlier build's files for a page (path in a language's docs folder) are still there.
    written: Callable[[str, str], bool] | None = None
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
        by_type: dict[str, list[Listing]] = defaultdict(list)
        by_sector: dict[str, list[Listing]] = defaultdict(list)
        by_institution: dict[str, list[Listing]] = defaultdict(list)
        for listing in ordered:
            by_type[listing.record.wil_type].append(listing)
            for sector in listing.record.sectors:
                by_sector[sector].append(listing)
            for offer in listing.offers:
                by_institution[offer.institution.id].append(listing)
        return cls(
            today=today,
            institutions=dict(sorted(institutions.items())),
            listings=ordered,
            by_type={t: by_type.get(t, []) for t in vocab.ids("wil_types")},
            by_sector={s: by_sector.get(s, []) for s in vocab.ids("sectors")},
            by_institution={i: by_institution.get(i, []) for i in sorted(institutions)},
            report=report,
            closed=sorted(closed or [], key=lambda listing: listing.id),
            site_url=site_url,
        )

    def page_key(self, lang: str, listing: Listing) -> str:
        """What an opportunity's page depends on: its own files and the site's fingerprint."""
        sources = [f"{s.path}:{s.digest}" for s in listing.sources]
        published = listing.published.isoformat() if listing.published else ""
        return digest("page", self.fingerprint, lang, *sources, published, *listing.merged_ids)

    def institutions_offering(self, type_id: str) -> list[str]:
        """Institutions with at least one open opportunity of a WIL type."""
        return sorted({offer.institution.id for listing in self.by_type[type_id] for offer in listing.offers})

    def open_count(self, type_id: str) -> int:
        """Open opportunities of a WIL type, for students and employers alike: the one
        count the chooser, the employers' guide and the type pages all show."""
        return len(self.by_type.get(type_id, []))

    def similar(self, listing: Listing, limit: int = 5) -> list[Listing]:
        """Open listings like a closed one: the same type, sharing a sector, closing soon first."""
        sectors = set(listing.record.sectors)
        same = [x for x in self.by_type.get(listing.record.wil_type, []) if sectors & set(x.record.sectors)]
        return (same or self.by_type.get(listing.record.wil_type, []))[:limit]

    def listed_ids(self) -> set[str]:
        return {listing.id for listing in self.listings}

    def closing_within(self, days: int) -> int:
        limit = self.today + dt.timedelta(days=days)
        return sum(1 for listing in self.listings if listing.deadline and listing.deadline <= limit)

    def for_employers(self) -> list[Listing]:
        return [listing for listing in self.listings if "employers" in listing.record.audience]

    def types_by_commitment(self) -> list[str]:
        """WIL types from the lightest commitment for a host to the deepest."""
        profiles = vocab.lookup("host_profiles")
        return sorted(vocab.ids("wil_types"), key=lambda t: profiles[t].details.get("rank", 99))


def pages_of(items: list[Listing], size: int = PAGE_SIZE) -> list[list[Listing]]:
    """Split a list into pages; an empty list still has one (empty) page."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]
