"""The search filters, in one place: each group's id (the address parameter
and the facet table's column), how a listing's values for it are read, its
words, and its place on the page. The search page's form, the words and
group list sent to the browser (search and embed), and the facet table
(publish/facets.py) are all made from FILTERS; nothing else lists them.

A new filter is one entry here (and its words in the catalogues)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from generator import vocab
from generator.merge.listing import Listing

YES = "yes"


@dataclass(frozen=True, slots=True)
class Filter:
    """One group of the search's filters."""

    id: str
    read: Callable[[Listing], list[str]]  # the listing's values: vocabulary ids, or ["yes"]
    legend: str  # ui.<legend>: its fieldset's title (yes/no filters may share one)
    kind: Literal["choices", "yes", "radio"] = "choices"  # checkboxes, one yes/no box, one of several
    vocabulary: str | None = None  # where its choices come from (None: see `choices` in pages.py)
    label: str | None = None  # ui.<label>: a yes/no filter's box


def _yes(test: Callable[[Listing], object]) -> Callable[[Listing], list[str]]:
    return lambda listing: [YES] if test(listing) else []


def _eligible(name: str) -> Callable[[Listing], object]:
    return lambda x: x.record.eligibility is not None and getattr(x.record.eligibility, name)


# In the order of the search page's form.
FILTERS: tuple[Filter, ...] = (
    Filter("audience", lambda x: list(x.record.audience), "filter_audience", "radio"),  # with "all": ui.audience_*
    Filter("type", lambda x: [x.record.wil_type], "filter_type", vocabulary="wil_types"),
    Filter("sector", lambda x: list(x.record.sectors), "filter_sector", vocabulary="sectors"),
    Filter("field", lambda x: list(x.record.study_fields or ()), "filter_field", vocabulary="study_fields"),
    Filter("institution", lambda x: sorted({o.institution.id for o in x.offers}), "filter_institution"),
    Filter("pay", lambda x: [x.record.compensation.type], "filter_pay", vocabulary="compensation"),
    Filter("arrangement", lambda x: [x.record.work_arrangement], "filter_arrangement", vocabulary="work_arrangements"),
    Filter(
        "intl", _yes(_eligible("international_students")), "filter_eligibility", "yes", label="filter_international"
    ),
    Filter("parttime", _yes(_eligible("part_time_students")), "filter_eligibility", "yes", label="filter_parttime"),
    Filter("early", _yes(_eligible("early_years")), "filter_eligibility", "yes", label="filter_early"),
    Filter(
        "credit",
        lambda x: [x.record.academic_credit] if x.record.academic_credit else [],
        "filter_credit",
        vocabulary="academic_credit",
    ),
    Filter("supports", lambda x: list(x.record.supports or ()), "filter_supports", vocabulary="supports"),
    Filter(
        "french", _yes(lambda x: "fr" in (x.record.languages or ())), "filter_language", "yes", label="filter_french"
    ),
    Filter("small", _yes(lambda x: vocab.small_host(x.record.host.size)), "filter_host", "yes", label="filter_small"),
    Filter("firsttime", _yes(lambda x: x.record.host.first_time), "filter_host", "yes", label="filter_firsttime"),
    Filter("equity", lambda x: list(x.record.equity_focus or ()), "filter_equity", vocabulary="equity_focus"),
)
GROUPS = tuple(f.id for f in FILTERS)
CHECKBOXES = tuple(f.id for f in FILTERS if f.kind != "radio")  # groups the address may name several times


def values(listing: Listing) -> dict[str, list[str]]:
    """A listing's values for every filter group (vocabulary ids, the same in
    every language; a yes/no group holds ["yes"] or nothing)."""
    return {f.id: f.read(listing) for f in FILTERS}
