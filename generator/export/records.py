"""The open-data record of a listing: what other tools read.

One record per listing as the site shows it (after merging), with both
languages' texts side by side, vocabulary ids with their labels, every
institution's own way to apply, the listing's addresses, and the row it is
shown in (other institutions' listings of the same opportunity). These models
are the export's contract: `opportunities.schema.json` (draft-07) is
generated from them, and the tests read every exported record back into
them. Every field of the data model is exported or named in NOT_EXPORTED
with its reason (a test holds the two together). Change SCHEMA_VERSION when a
field is added, changes meaning or goes away, and say so in CHANGES below.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from generator import models, vocab
from generator.layout import LANGUAGES, absolute
from generator.merge.listing import Listing
from generator.models import Institution, LongText, Offering, ShortText, TextList, Title
from generator.privacy import open_contact
from generator.render import urls

SCHEMA_VERSION = "1.2"
# What each schema version changed, newest first (also in the schema's description).
CHANGES = (
    (
        "1.2",
        "contact_email and contact_phone (of an offer, and of an institution's wil_contact) are left out when the "
        "address is a named person's who has not agreed to be listed; an office's inbox is always given.",
    ),
    (
        "1.1",
        "Added every field of the data model the export lacked: study_fields, skills, learning_outcomes, "
        "academic_credit, supports, host.size, host.first_time, eligibility.early_years; row and listed_with "
        "(other institutions' listings of the same opportunity, shown as one row).",
    ),
    ("1.0", "First version."),
)
DEFAULT_LICENCE = "CC-BY-4.0"
# Fields of the data model (generator/models.py, as "Model.field") the open data
# leaves out, each with its reason. Any other field must be exported.
NOT_EXPORTED = {
    "Opportunity.same_as": "a link between two files, for the build: the merged listing says merged_ids",
    "Opportunity.distinct_from": "a decision for the linkage, not about the opportunity",
    "Offering.contact_consent": "decides whether contact_email and contact_phone are given (see generator.privacy)",
}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Texts(_Out):
    """One text in each language; null where the institution wrote none."""

    en: str | None = None
    fr: str | None = None


class Term(_Out):
    """A vocabulary entry: its stable id (what filters and tools use) and its labels."""

    id: str
    label: Texts


class Offer(_Out):
    """One institution's way in: apply link or contact, and its own file's dates."""

    institution: str = Field(description="Institution id (see institutions.json)")
    institution_name: Texts
    apply_url: str | None = None
    contact_office: str | None = None
    contact_email: str | None = Field(
        None, description="The office's inbox; a named person's address only if they agreed to be listed"
    )
    contact_phone: str | None = Field(None, description="Left out with a named person's address they did not agree to")
    program: str | None = None
    application_deadline: dt.date | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    source_file: str = Field(description="The data file, relative to the repository")
    licence: str = Field(description="SPDX id of the licence the institution publishes this record under")


class TextLists(_Out):
    """A list of short texts in each language; null where the institution wrote none."""

    en: list[str] | None = None
    fr: list[str] | None = None


class Host(_Out):
    name: str
    kind: Term
    website: str | None = None
    size: Term | None = Field(None, description="The host's size (a small business, …)")
    first_time: bool | None = Field(None, description="Whether this is the host's first WIL student")


class Pay(_Out):
    type: Term
    amount_min: float | None = None
    amount_max: float | None = None
    currency: str = "CAD"
    period: Term | None = None
    details: Texts | None = None


class Duration(_Out):
    value: float
    unit: Term


class Place(_Out):
    city: str
    province: str
    details: str | None = None


class Eligibility(_Out):
    study_levels: list[Term] = []
    part_time_students: bool | None = None
    international_students: bool | None = None
    early_years: bool | None = Field(None, description="Open to students in their first or second year")
    requirements: Texts | None = None


class HostCommitment(_Out):
    hours_total: float | None = None
    cost: Texts | None = None
    time: Texts | None = None
    supervision: Texts | None = None


class Record(_Out):
    """One listing."""

    id: str = Field(description="Stable id; also the last part of the listing's address")
    url: Texts = Field(description="The listing's page in each language")
    title: Texts
    description: Texts = Field(description="Markdown, as written by the institution")
    wil_type: Term
    sectors: list[Term]
    fields_of_study: list[str] = []
    study_fields: list[Term] = []
    skills: TextLists | None = None
    learning_outcomes: TextLists | None = None
    academic_credit: Term | None = None
    supports: list[Term] = Field([], description="Supports the host offers (a mentor, accommodations, …)")
    host: Host
    institutions: list[Offer]
    compensation: Pay
    work_arrangement: Term
    location: Place | None = None
    application_deadline: dt.date | None = Field(None, description="The last day anyone can still apply")
    status: Term
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    duration: Duration | None = None
    hours_per_week: float | None = None
    intake_terms: list[Term] = []
    host_commitment: HostCommitment | None = None
    subsidies: list[Term] = []
    eligibility: Eligibility | None = None
    equity_focus: list[Term] = []
    audience: list[Term]
    languages: list[Term] = []
    first_published: dt.date | None = None
    last_verified: dt.date
    merged_ids: list[str] = Field([], description="Ids of other institutions' files shown as this one listing")
    row: str = Field(
        "",
        description="The opportunity this listing is part of, as readers see it: the id of the row's lead listing "
        "(this listing's own id unless other institutions list the same opportunity)",
    )
    listed_with: list[str] = Field(
        [], description="Ids of other listings of the same opportunity (other institutions' pages, shown in one row)"
    )


class Export(_Out):
    """opportunities.json"""

    model_config = ConfigDict(extra="forbid", title="WIL directory open data")

    schema_version: str = Field(
        SCHEMA_VERSION, description="Changes: " + " ".join(f"{version}: {what}" for version, what in CHANGES)
    )
    built_for: dt.date = Field(description="The day the site was built for: what was open then")
    site_url: str
    licence_note: Texts
    opportunities: list[Record]


def texts(value: Title | LongText | ShortText | None) -> Texts | None:
    return None if value is None else Texts(**{lang: getattr(value, lang, None) for lang in LANGUAGES})


def text_lists(value: TextList | None) -> TextLists | None:
    return None if value is None else TextLists(**{lang: getattr(value, lang, None) for lang in LANGUAGES})


@cache
def term(vocabulary: str, id_: str) -> Term:
    entry = vocab.lookup(vocabulary)[id_]
    return Term(id=id_, label=Texts(**{lang: entry.label(lang) for lang in LANGUAGES}))


def _terms(vocabulary: str, ids: list[str] | None) -> list[Term]:
    return [term(vocabulary, x) for x in ids or []]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def licence_of(institution: Institution) -> str:
    return getattr(institution, "data_licence", None) or DEFAULT_LICENCE


def _contact(offering: Offering) -> dict[str, str | None]:
    """An office's inbox and phone; a named person's only with their consent (generator.privacy)."""
    email, phone = open_contact(offering.contact_email, offering.contact_phone, offering.contact_consent)
    return {"contact_email": email, "contact_phone": phone}


def record(listing: Listing, site_url: str) -> Record:
    """A listing as open data."""
    r = listing.record
    page = urls.page_url(urls.opportunity(listing.id))
    pay = r.compensation
    offers = [
        Offer(
            institution=o.institution.id,
            institution_name=Texts(**{lang: getattr(o.institution.name, lang, None) for lang in LANGUAGES}),
            apply_url=o.offering.apply_url,
            contact_office=o.offering.contact_office,
            **_contact(o.offering),
            program=o.offering.program,
            application_deadline=_day(o.record.application_deadline),
            start_date=_day(o.record.start_date),
            end_date=_day(o.record.end_date),
            source_file=o.source,
            licence=licence_of(o.institution),
        )
        for o in listing.offers
    ]
    eligibility = r.eligibility
    commitment = r.host_commitment
    return Record(
        id=listing.id,
        url=Texts(**{lang: absolute(site_url, lang, page) for lang in LANGUAGES}),
        title=texts(r.title),  # type: ignore[arg-type]
        description=texts(r.description),  # type: ignore[arg-type]
        wil_type=term("wil_types", r.wil_type),
        sectors=_terms("sectors", r.sectors),
        fields_of_study=list(r.fields_of_study or []),
        study_fields=_terms("study_fields", r.study_fields),
        skills=text_lists(r.skills),
        learning_outcomes=text_lists(r.learning_outcomes),
        academic_credit=term("academic_credit", r.academic_credit) if r.academic_credit else None,
        supports=_terms("supports", r.supports),
        host=Host(
            name=r.host.name,
            kind=term("host_kinds", r.host.kind),
            website=r.host.website,
            size=term("host_sizes", r.host.size) if r.host.size else None,
            first_time=r.host.first_time,
        ),
        institutions=offers,
        compensation=Pay(
            type=term("compensation", pay.type),
            amount_min=pay.amount_min,
            amount_max=pay.amount_max,
            period=term("pay_periods", pay.period) if pay.period else None,
            details=texts(pay.details),
        ),
        work_arrangement=term("work_arrangements", r.work_arrangement),
        location=Place(city=r.location.city, province=r.location.province, details=r.location.details)
        if r.location
        else None,
        application_deadline=listing.deadline,
        status=term("statuses", r.status),
        start_date=_day(r.start_date),
        end_date=_day(r.end_date),
        duration=Duration(value=r.duration.value, unit=term("duration_units", r.duration.unit)) if r.duration else None,
        hours_per_week=r.hours_per_week,
        intake_terms=_terms("intake_terms", r.intake_terms),
        host_commitment=HostCommitment(
            hours_total=commitment.hours_total,
            cost=texts(commitment.cost),
            time=texts(commitment.time),
            supervision=texts(commitment.supervision),
        )
        if commitment
        else None,
        subsidies=_terms("subsidies", r.subsidies),
        eligibility=Eligibility(
            study_levels=_terms("study_levels", eligibility.study_levels),
            part_time_students=eligibility.part_time_students,
            international_students=eligibility.international_students,
            early_years=eligibility.early_years,
            requirements=texts(eligibility.requirements),
        )
        if eligibility
        else None,
        equity_focus=_terms("equity_focus", r.equity_focus),
        audience=_terms("audiences", r.audience),
        languages=_terms("languages", r.languages),
        first_published=listing.published,
        last_verified=listing.last_verified,
        merged_ids=sorted(listing.merged_ids),
        row=listing.row or listing.id,
        listed_with=sorted(x.id for x in listing.also),
    )


# Each part of the data model and the export model that carries it, field for field.
EXPORTED_AS: dict[type[BaseModel], type[BaseModel]] = {
    models.Opportunity: Record,
    models.Offering: Offer,
    models.Host: Host,
    models.Compensation: Pay,
    models.Duration: Duration,
    models.HostCommitment: HostCommitment,
    models.Location: Place,
    models.Eligibility: Eligibility,
}


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A draft-07 JSON Schema of an export model (pydantic writes 2020-12's `$defs`)."""
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    schema["definitions"] = schema.pop("$defs", {})
    return {"$schema": "http://json-schema.org/draft-07/schema#", **schema}
