"""The search filters, in one place: each group's id (the address parameter
and the facet table's column), how a listing's values for it are read, its
words, and its place on the page. The search page's form, the words and
group list sent to the browser (search and embed), and the facet table
(publish/facets.py) are all made from FILTERS; nothing else lists them.

A new filter is one entry here (and its words in the catalogues)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from generator import vocab
from generator.merge.listing import Listing

YES = "yes"


@dataclass(frozen=True, slots=True)
class Filter:
    """One group of the search's filters."""

    id: str
    read: Callable[[Listing], Any]  # its values (vocabulary ids); a yes/no filter: whether it is one
    legend: str  # ui.<legend>: its fieldset's title (yes/no filters may share one)
    kind: Literal["choices", "yes", "radio"] = "choices"  # checkboxes, one yes/no box, one of several
    vocabulary: str | None = None  # where its choices come from (None: see `choices` in pages.py)
    label: str | None = None  # ui.<label>: a yes/no filter's box
    # Shown open on the search page: the groups students use most. The others
    # fold behind their titles (a filter column of ~100 options is ~3,500 px on
    # a desktop) and open by themselves when the address picks one of theirs.
    opened: bool = False


def _eligible(listing: Listing, name: str) -> bool:
    eligibility = listing.record.eligibility
    return eligibility is not None and getattr(eligibility, name) is True


def _host(listing: Listing) -> tuple[bool, bool]:
    """(a small business, a first-time host)."""
    host = listing.record.host
    return vocab.small_host(host.size), host.first_time is True


# In the order of the search page's form. A yes/no filter reads whether the listing is one.
FILTERS: tuple[Filter, ...] = (
    Filter(
        "audience", lambda x: list(x.record.audience), "filter_audience", "radio", opened=True
    ),  # with "all": ui.audience_*
    Filter("type", lambda x: [x.record.wil_type], "filter_type", vocabulary="wil_types", opened=True),
    Filter("sector", lambda x: list(x.record.sectors), "filter_sector", vocabulary="sectors"),
    Filter("field", lambda x: list(x.record.study_fields or ()), "filter_field", vocabulary="study_fields"),
    Filter("institution", lambda x: sorted({o.institution.id for o in x.offers}), "filter_institution"),
    Filter("pay", lambda x: [x.record.compensation.type], "filter_pay", vocabulary="compensation", opened=True),
    Filter(
        "arrangement",
        lambda x: [x.record.work_arrangement],
        "filter_arrangement",
        vocabulary="work_arrangements",
        opened=True,
    ),
    Filter(
        "intl",
        lambda x: _eligible(x, "international_students"),
        "filter_eligibility",
        "yes",
        label="filter_international",
    ),
    Filter(
        "parttime", lambda x: _eligible(x, "part_time_students"), "filter_eligibility", "yes", label="filter_parttime"
    ),
    Filter("early", lambda x: _eligible(x, "early_years"), "filter_eligibility", "yes", label="filter_early"),
    Filter(
        "credit",
        lambda x: [x.record.academic_credit] if x.record.academic_credit else [],
        "filter_credit",
        vocabulary="academic_credit",
    ),
    Filter("supports", lambda x: list(x.record.supports or ()), "filter_supports", vocabulary="supports"),
    Filter("french", lambda x: "fr" in (x.record.languages or ()), "filter_language", "yes", label="filter_french"),
    Filter("small", lambda x: _host(x)[0], "filter_host", "yes", label="filter_small"),
    Filter("firsttime", lambda x: _host(x)[1], "filter_host", "yes", label="filter_firsttime"),
    Filter("equity", lambda x: list(x.record.equity_focus or ()), "filter_equity", vocabulary="equity_focus"),
)
GROUPS = tuple(f.id for f in FILTERS)
CHECKBOXES = tuple(f.id for f in FILTERS if f.kind != "radio")  # groups the address may name several times


def values(listing: Listing) -> dict[str, list[str]]:
    """A listing's values for every filter group (vocabulary ids, the same in
    every language; a yes/no group holds ["yes"] or nothing)."""
    return {f.id: _values(f, listing) for f in FILTERS}


def _values(f: Filter, listing: Listing) -> list[str]:
    found = f.read(listing)
    if f.kind == "yes":
        return [YES] if found else []
    return list(found)
