"""The data model: the one source of truth for what a file may say.

The JSON Schema files are generated from these classes (`wil schema`), and
a test fails if they drift. Validation runs these models (pydantic is fast:
thousands of files per second) and uses the generated schema only to phrase
messages (allowed values). Each field's title and help text are written for
institution staff (editors show them as hover help); like every word, they
live in the catalogues (`field.<Model>.<name>`), in English for the schema
and in every language for messages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from generator import vocab
from generator.i18n import t
from generator.layout import DEFAULT_LANGUAGE

# ----------------------------------------------------------------------------
# Building blocks
# ----------------------------------------------------------------------------

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Secure links only (students type personal data on apply pages). Every
# pattern must also be a valid ECMA-262 expression with the `u` flag, which
# editors use to check files against the schema (no `\"`-style escapes).
URL_PATTERN = r'^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][^\s<>"]*)?$'
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9 ().-]{7,25}( ?(x|ext\.?) ?[0-9]{1,6})?$"
HANDLE_PATTERN = r"^@?[A-Za-z0-9](-?[A-Za-z0-9]){0,38}(/[A-Za-z0-9._-]{1,100})?$"
LICENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.+-]{1,40}$"  # an SPDX licence id, such as CC-BY-4.0
PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")


def _vocab(name: str) -> Any:
    """A Literal of the vocabulary's ids: the schema gets an enum, errors name the value."""
    return Literal[vocab.ids(name)]  # type: ignore[valid-type]


def doc(key: str) -> dict[str, str]:
    """A field's title and help text for the schema, from the English catalogue."""
    return {"title": t(f"field.{key}", DEFAULT_LANGUAGE), "description": t(f"field.{key}.help", DEFAULT_LANGUAGE)}


def _real_date(value: str) -> str:
    """Digits in the right places but no such day: say which part is wrong."""
    year, month, day = (int(part) for part in value.split("-"))
    if not 1 <= month <= 12:
        raise PydanticCustomError("bad_month", "no such month", {"month": month})
    try:
        dt.date(year, month, day)
    except ValueError:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day if year > 0 else 31
        raise PydanticCustomError("bad_day", "no such day", {"year": year, "month": month, "days": last}) from None
    return value


def _unique(values: list[Any]) -> list[Any]:
    if len(values) != len(set(values)):
        raise PydanticCustomError("duplicate_item", "the same value is listed twice")
    return values


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value: str) -> str:
    if _CONTROL.search(value):
        raise PydanticCustomError("bad_text", "control character")
    return value


def Text(min_length: int, max_length: int, **kwargs: Any) -> Any:  # noqa: N802 - reads as a type
    return Annotated[str, Field(min_length=min_length, max_length=max_length, **kwargs), AfterValidator(_clean_text)]


Id = Annotated[str, Field(min_length=3, max_length=80, pattern=ID_PATTERN)]
IsoDate = Annotated[
    str,
    Field(max_length=10, pattern=DATE_PATTERN, json_schema_extra={"format": "date"}, examples=["2027-01-15"]),
    AfterValidator(_real_date),
]
Url = Annotated[
    str,
    Field(max_length=500, pattern=URL_PATTERN, json_schema_extra={"format": "uri"}),
]
Email = Annotated[str, Field(max_length=254, pattern=EMAIL_PATTERN, json_schema_extra={"format": "email"})]
Phone = Annotated[str, Field(max_length=40, pattern=PHONE_PATTERN, examples=["+1 403-555-0100"])]


def UniqueList(item: Any, min_length: int = 0, max_length: int = 20) -> Any:  # noqa: N802
    return Annotated[
        list[item],
        Field(min_length=min_length, max_length=max_length, json_schema_extra={"uniqueItems": True}),
        AfterValidator(_unique),
    ]


class Strict(BaseModel):
    """No unknown fields, no silent type conversions (a quoted "10" is not 10)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Localized(Strict):
    @model_validator(mode="after")
    def _one_language(self) -> _Localized:
        if self.en is None and self.fr is None:  # type: ignore[attr-defined]
            raise PydanticCustomError("missing_language", "needs en or fr")
        return self


class Title(_Localized):
    """A title in English, French or both."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})
    en: Text(3, 160, **doc("Title.en")) = None  # type: ignore[valid-type]
    fr: Text(3, 160, **doc("Title.fr")) = None  # type: ignore[valid-type]


class LongText(_Localized):
    """A text in English, French or both. Simple Markdown (paragraphs, lists, **bold**, links) is allowed."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})
    en: Text(20, 5000, **doc("LongText.en")) = None  # type: ignore[valid-type]
    fr: Text(20, 5000, **doc("LongText.fr")) = None  # type: ignore[valid-type]


class TextList(_Localized):
    """Short items (a few words each) in English, French or both."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})
    en: UniqueList(Text(2, 160), 1, 12) = Field(None, **doc("TextList.en"))  # type: ignore[valid-type]
    fr: UniqueList(Text(2, 160), 1, 12) = Field(None, **doc("TextList.fr"))  # type: ignore[valid-type]


class ShortText(_Localized):
    """A short note in English, French or both."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})
    en: Text(2, 400, **doc("ShortText.en")) = None  # type: ignore[valid-type]
    fr: Text(2, 400, **doc("ShortText.fr")) = None  # type: ignore[valid-type]


# ----------------------------------------------------------------------------
# Opportunity
# ----------------------------------------------------------------------------


class Offering(Strict):
    """One institution that offers the opportunity, with its own way in."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["apply_url"]}, {"required": ["contact_email"]}]}
    )
    institution: Id = Field(**doc("Offering.institution"), examples=["ucalgary", "sait"])
    apply_url: Url = Field(None, **doc("Offering.apply_url"), examples=["https://careers.example.ca/co-op"])
    contact_office: Text(2, 120) = Field(  # type: ignore[valid-type]
        None, **doc("Offering.contact_office")
    )
    contact_email: Email = Field(None, **doc("Offering.contact_email"))
    contact_phone: Phone = Field(None, **doc("Offering.contact_phone"))
    contact_consent: bool = Field(None, **doc("Offering.contact_consent"))
    program: Text(2, 160) = Field(  # type: ignore[valid-type]
        None, **doc("Offering.program")
    )

    @model_validator(mode="after")
    def _reachable(self) -> Offering:
        if self.apply_url is None and self.contact_email is None:
            raise PydanticCustomError("missing_contact", "needs apply_url or contact_email")
        return self


class Host(Strict):
    """Who hosts the student or sets the project."""

    name: Text(2, 160) = Field(  # type: ignore[valid-type]
        **doc("Host.name")
    )
    kind: _vocab("host_kinds") = Field(**doc("Host.kind"))
    website: Url = Field(None, **doc("Host.website"))
    size: _vocab("host_sizes") = Field(None, **doc("Host.size"))
    first_time: bool = Field(None, **doc("Host.first_time"))


class Duration(Strict):
    """How long it lasts, as a number and a unit."""

    value: float = Field(gt=0, le=520, **doc("Duration.value"))
    unit: _vocab("duration_units") = Field(**doc("Duration.unit"))


class Compensation(Strict):
    """Whether the student is paid, and how much."""

    type: _vocab("compensation") = Field(**doc("Compensation.type"))
    amount_min: float = Field(None, ge=0, le=1_000_000, **doc("Compensation.amount_min"))
    amount_max: float = Field(None, ge=0, le=1_000_000, **doc("Compensation.amount_max"))
    period: _vocab("pay_periods") = Field(None, **doc("Compensation.period"))
    details: ShortText = Field(None, **doc("Compensation.details"))

    @model_validator(mode="after")
    def _consistent(self) -> Compensation:
        if self.type == "unpaid" and (self.amount_min is not None or self.amount_max is not None):
            raise PydanticCustomError("amount_without_pay", "amount on unpaid")
        if self.amount_min is not None and self.amount_max is not None and self.amount_min > self.amount_max:
            raise PydanticCustomError("bad_range", "min above max")
        return self


class HostCommitment(Strict):
    """What the opportunity asks of a host employer: SMEs decide on this."""

    hours_total: float = Field(None, gt=0, le=5000, **doc("HostCommitment.hours_total"))
    cost: ShortText = Field(None, **doc("HostCommitment.cost"))
    time: ShortText = Field(None, **doc("HostCommitment.time"))
    supervision: ShortText = Field(None, **doc("HostCommitment.supervision"))


class Location(Strict):
    """Where the work happens (leave out for fully remote opportunities)."""

    city: Text(2, 80) = Field(**doc("Location.city"))  # type: ignore[valid-type]
    province: Literal[PROVINCES] = Field(  # type: ignore[valid-type]
        "AB", **doc("Location.province")
    )
    details: Text(2, 160) = Field(  # type: ignore[valid-type]
        None, **doc("Location.details")
    )


class Eligibility(Strict):
    """Who can take part. International students are excluded from some federally funded WIL: say so here."""

    study_levels: UniqueList(_vocab("study_levels"), 1, 4) = Field(None, **doc("Eligibility.study_levels"))
    part_time_students: bool = Field(None, **doc("Eligibility.part_time_students"))
    international_students: bool = Field(None, **doc("Eligibility.international_students"))
    early_years: bool = Field(None, **doc("Eligibility.early_years"))
    requirements: ShortText = Field(None, **doc("Eligibility.requirements"))


class Opportunity(Strict):
    """One work-integrated learning opportunity, as an institution lists it."""

    model_config = ConfigDict(title="WIL opportunity")

    id: Id = Field(**doc("Opportunity.id"), examples=["ucalgary-energy-data-co-op"])
    title: Title = Field(**doc("Opportunity.title"))
    description: LongText = Field(**doc("Opportunity.description"))
    institutions: list[Offering] = Field(min_length=1, max_length=12, **doc("Opportunity.institutions"))
    host: Host = Field(**doc("Opportunity.host"))
    wil_type: _vocab("wil_types") = Field(**doc("Opportunity.wil_type"))
    sectors: UniqueList(_vocab("sectors"), 1, 5) = Field(**doc("Opportunity.sectors"))
    fields_of_study: UniqueList(Text(2, 80), 0, 15) = Field(  # type: ignore[misc]
        None, **doc("Opportunity.fields_of_study")
    )
    study_fields: UniqueList(_vocab("study_fields"), 0, 6) = Field(None, **doc("Opportunity.study_fields"))
    skills: TextList = Field(None, **doc("Opportunity.skills"))
    learning_outcomes: TextList = Field(None, **doc("Opportunity.learning_outcomes"))
    academic_credit: _vocab("academic_credit") = Field(None, **doc("Opportunity.academic_credit"))
    supports: UniqueList(_vocab("supports"), 0, 10) = Field(None, **doc("Opportunity.supports"))
    start_date: IsoDate = Field(None, **doc("Opportunity.start_date"))
    end_date: IsoDate = Field(None, **doc("Opportunity.end_date"))
    application_deadline: IsoDate = Field(None, **doc("Opportunity.application_deadline"))
    duration: Duration = Field(None, **doc("Opportunity.duration"))
    hours_per_week: float = Field(None, gt=0, le=60, **doc("Opportunity.hours_per_week"))
    intake_terms: UniqueList(_vocab("intake_terms"), 0, 5) = Field(None, **doc("Opportunity.intake_terms"))
    compensation: Compensation = Field(**doc("Opportunity.compensation"))
    host_commitment: HostCommitment = Field(None, **doc("Opportunity.host_commitment"))
    subsidies: UniqueList(_vocab("subsidies"), 0, 6) = Field(None, **doc("Opportunity.subsidies"))
    work_arrangement: _vocab("work_arrangements") = Field(**doc("Opportunity.work_arrangement"))
    location: Location = Field(None, **doc("Opportunity.location"))
    eligibility: Eligibility = Field(None, **doc("Opportunity.eligibility"))
    equity_focus: UniqueList(_vocab("equity_focus"), 0, 7) = Field(None, **doc("Opportunity.equity_focus"))
    audience: UniqueList(_vocab("audiences"), 1, 2) = Field(**doc("Opportunity.audience"))
    languages: UniqueList(_vocab("languages"), 1, 10) = Field(None, **doc("Opportunity.languages"))
    same_as: Id = Field(None, **doc("Opportunity.same_as"))
    distinct_from: UniqueList(Id, 0, 20) = Field(None, **doc("Opportunity.distinct_from"))  # type: ignore[valid-type]
    status: _vocab("statuses") = Field("open", **doc("Opportunity.status"))
    last_verified: IsoDate = Field(**doc("Opportunity.last_verified"))
    first_published: IsoDate = Field(None, **doc("Opportunity.first_published"))

    def listed_until(self) -> tuple[str, dt.date] | None:
        """The field and date after which this is no longer listed (see `listed_until`)."""
        return listed_until(self.application_deadline, self.end_date)

    def expired(self, today: dt.date) -> bool:
        until = self.listed_until()
        return self.status == "closed" or (until is not None and until[1] < today)


STALE_MONTHS = 12


def stale(last_verified: dt.date, today: dt.date) -> bool:
    """Not verified for 12 months: the validator warns, the site says so."""
    return (today - last_verified).days > STALE_MONTHS * 30.5


def listed_until(deadline: str | None, end: str | None) -> tuple[str, dt.date] | None:
    """The deadline, else the end date: the day after which an opportunity
    is no longer listed. The build's expiry and the validator's warning both
    ask here, so they can never disagree."""
    for name, value in (("application_deadline", deadline), ("end_date", end)):
        if value:
            return name, dt.date.fromisoformat(value)
    return None


# ----------------------------------------------------------------------------
# Institution
# ----------------------------------------------------------------------------


class InstitutionName(Strict):
    """The institution's official name in both languages."""

    en: Text(3, 160) = Field(  # type: ignore[valid-type]
        **doc("InstitutionName.en")
    )
    fr: Text(3, 160) = Field(  # type: ignore[valid-type]
        **doc("InstitutionName.fr"),
    )


class WilContact(Strict):
    """The single front door for employers at this institution."""

    office: ShortText = Field(**doc("WilContact.office"))
    email: Email = Field(**doc("WilContact.email"))
    phone: Phone = Field(None, **doc("WilContact.phone"))
    consent: bool = Field(None, **doc("WilContact.consent"))
    url: Url = Field(None, **doc("WilContact.url"))


class Institution(Strict):
    """A postsecondary institution that contributes opportunities."""

    model_config = ConfigDict(title="WIL institution")

    id: Id = Field(**doc("Institution.id"), examples=["ucalgary"])
    name: InstitutionName = Field(**doc("Institution.name"))
    short_name: Text(2, 30) = Field(  # type: ignore[valid-type]
        None, **doc("Institution.short_name")
    )
    kind: _vocab("institution_kinds") = Field(**doc("Institution.kind"))
    website: Url = Field(**doc("Institution.website"))
    city: Text(2, 80) = Field(None, **doc("Institution.city"))  # type: ignore[valid-type]
    wil_contact: WilContact = Field(**doc("Institution.wil_contact"))
    maintainers: UniqueList(Annotated[str, Field(pattern=HANDLE_PATTERN, max_length=140)], 1, 20) = Field(
        **doc("Institution.maintainers")
    )
    co_offers: UniqueList(Id, 0, 500) = Field(None, **doc("Institution.co_offers"))  # type: ignore[valid-type]
    data_licence: str = Field(
        "CC-BY-4.0",
        pattern=LICENCE_PATTERN,
        max_length=41,
        **doc("Institution.data_licence"),
        examples=["CC-BY-4.0", "CC0-1.0"],
    )

    @property
    def shown_name(self) -> str:
        """The short name people use in lists (`SAIT`), else the id."""
        return self.short_name or self.id


# ----------------------------------------------------------------------------
# Project proposal
# ----------------------------------------------------------------------------


class ProjectProposal(Strict):
    """A project an employer (or an intermediary on its behalf) offers the whole
    region, before any institution has taken it on: institutions' staff see it
    on the site and contact the organisation."""

    model_config = ConfigDict(title="WIL project proposal")

    id: Id = Field(**doc("ProjectProposal.id"))
    title: Title = Field(**doc("ProjectProposal.title"))
    description: LongText = Field(**doc("ProjectProposal.description"))
    organisation: Text(2, 160) = Field(**doc("ProjectProposal.organisation"))  # type: ignore[valid-type]
    organisation_size: _vocab("host_sizes") = Field(None, **doc("ProjectProposal.organisation_size"))
    sectors: UniqueList(_vocab("sectors"), 1, 5) = Field(**doc("ProjectProposal.sectors"))
    formats: UniqueList(_vocab("wil_types"), 0, 6) = Field(None, **doc("ProjectProposal.formats"))
    work_arrangement: _vocab("work_arrangements") = Field(None, **doc("ProjectProposal.work_arrangement"))
    start_month: Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", max_length=7, examples=["2027-03"])] = (
        Field(None, **doc("ProjectProposal.start_month"))
    )
    weeks: int = Field(None, gt=0, le=104, **doc("ProjectProposal.weeks"))
    hours_per_month: float = Field(None, gt=0, le=400, **doc("ProjectProposal.hours_per_month"))
    contact_office: Text(2, 120) = Field(None, **doc("ProjectProposal.contact_office"))  # type: ignore[valid-type]
    contact_email: Email = Field(**doc("ProjectProposal.contact_email"))
    contact_consent: bool = Field(None, **doc("ProjectProposal.contact_consent"))
    intermediary: Text(2, 160) = Field(None, **doc("ProjectProposal.intermediary"))  # type: ignore[valid-type]
    status: Literal["open", "taken", "closed"] = Field("open", **doc("ProjectProposal.status"))
    proposed: IsoDate = Field(**doc("ProjectProposal.proposed"))


# ----------------------------------------------------------------------------
# Region
# ----------------------------------------------------------------------------


class RegionName(Strict):
    """A name in both languages, as it reads inside a sentence."""

    en: Text(2, 80) = Field(**doc("RegionName.en"))  # type: ignore[valid-type]
    fr: Text(2, 80) = Field(**doc("RegionName.fr"))  # type: ignore[valid-type]


class RegionContact(Strict):
    """The region's one door for employers: an office, never a person."""

    office: InstitutionName = Field(**doc("RegionContact.office"))
    email: Email = Field(**doc("RegionContact.email"))
    phone: Phone = Field(None, **doc("RegionContact.phone"))
    url: Url = Field(None, **doc("RegionContact.url"))


class RegionSettings(Strict):
    """What the whole directory says about its region (region.yaml at the repository's root)."""

    model_config = ConfigDict(title="WIL region")

    name: RegionName = Field(**doc("RegionSettings.name"))
    name_in: RegionName = Field(**doc("RegionSettings.name_in"))
    contact: RegionContact = Field(**doc("RegionSettings.contact"))
    site_url: Url = Field(**doc("RegionSettings.site_url"))
    repository: Url = Field(**doc("RegionSettings.repository"))
    languages: UniqueList(_vocab("languages"), 1, 10) = Field(**doc("RegionSettings.languages"))

    @model_validator(mode="after")
    def _published_languages(self) -> RegionSettings:
        from generator.layout import LANGUAGES

        if sorted(self.languages) != sorted(LANGUAGES):
            raise PydanticCustomError("unsupported_languages", "languages", {"expected": ", ".join(LANGUAGES)})
        return self
