"""The data model: the one source of truth for what a file may say.

The JSON Schema files in schema/ are generated from these classes
(`wil schema`), and a test fails if they drift. Validation runs these models
(pydantic is fast: thousands of files per second) and uses the generated
schema only to phrase messages (titles, allowed values).
Titles and descriptions are written for institution staff: editors show them
as hover help.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from generator import vocab

# ----------------------------------------------------------------------------
# Building blocks
# ----------------------------------------------------------------------------

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][^\s<>\"]*)?$"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9 ().-]{7,25}( ?(x|ext\.?) ?[0-9]{1,6})?$"
HANDLE_PATTERN = r"^@?[A-Za-z0-9](-?[A-Za-z0-9]){0,38}(/[A-Za-z0-9._-]{1,100})?$"
PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")


def _vocab(name: str) -> Any:
    """A Literal of the vocabulary's ids: the schema gets an enum, errors name the value."""
    return Literal[vocab.ids(name)]  # type: ignore[valid-type]


def _real_date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("bad_date", "not a real calendar date") from None
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
    en: Text(3, 160, title="English", description="The title in English.") = None  # type: ignore[valid-type]
    fr: Text(3, 160, title="French", description="The title in French.") = None  # type: ignore[valid-type]


class LongText(_Localized):
    """A text in English, French or both. Simple Markdown (paragraphs, lists, **bold**, links) is allowed."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})
    en: Text(20, 5000, title="English", description="The text in English.") = None  # type: ignore[valid-type]
    fr: Text(20, 5000, title="French", description="The text in French.") = None  # type: ignore[valid-type]


class ShortText(_Localized):
    """A short note in English, French or both."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})
    en: Text(2, 400, title="English", description="The note in English.") = None  # type: ignore[valid-type]
    fr: Text(2, 400, title="French", description="The note in French.") = None  # type: ignore[valid-type]


# ----------------------------------------------------------------------------
# Opportunity
# ----------------------------------------------------------------------------


class Offering(Strict):
    """One institution that offers the opportunity, with its own way in."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["apply_url"]}, {"required": ["contact_email"]}]}
    )
    institution: Id = Field(
        title="Institution",
        description="The id of the institution, as in institutions/<id>.yaml (for example `ucalgary`).",
        examples=["ucalgary", "sait"],
    )
    apply_url: Url = Field(
        None,
        title="How to apply",
        description="The page where students apply or employers sign up. Must start with https://.",
        examples=["https://careers.example.ca/co-op"],
    )
    contact_office: Text(2, 120) = Field(  # type: ignore[valid-type]
        None,
        title="Contact office",
        description="The office to contact (for example `Co-op and Career Centre`). An office, never a private person.",
    )
    contact_email: Email = Field(
        None,
        title="Contact email",
        description="The office's shared email address (for example `coop@example.ca`), never a personal one.",
    )
    contact_phone: Phone = Field(None, title="Contact phone", description="The office's phone number.")
    program: Text(2, 160) = Field(  # type: ignore[valid-type]
        None,
        title="Program",
        description="The institution's program or course this runs through (for example `Engineering Co-op`).",
    )

    @model_validator(mode="after")
    def _reachable(self) -> Offering:
        if self.apply_url is None and self.contact_email is None:
            raise PydanticCustomError("missing_contact", "needs apply_url or contact_email")
        return self


class Host(Strict):
    """Who hosts the student or sets the project."""

    name: Text(2, 160) = Field(  # type: ignore[valid-type]
        title="Host name",
        description="The organisation's name as it presents itself (for example `Prairie Grid Analytics Inc.`).",
    )
    kind: _vocab("host_kinds") = Field(
        title="Kind of host",
        description="employer, non-profit, public-body, or institution-program when the institution runs it itself.",
    )
    website: Url = Field(None, title="Host website", description="The host's public website.")


class Duration(Strict):
    """How long it lasts, as a number and a unit."""

    value: float = Field(gt=0, le=520, title="Amount", description="A number, for example 16.")
    unit: _vocab("duration_units") = Field(title="Unit", description="hours, days, weeks or months.")


class Compensation(Strict):
    """Whether the student is paid, and how much."""

    type: _vocab("compensation") = Field(
        title="Paid, stipend or unpaid",
        description="paid (a wage), stipend (a fixed amount, award or prize) or unpaid.",
    )
    amount_min: float = Field(
        None, ge=0, le=1_000_000, title="Amount (from)", description="The lowest amount, in Canadian dollars."
    )
    amount_max: float = Field(
        None, ge=0, le=1_000_000, title="Amount (up to)", description="The highest amount, in Canadian dollars."
    )
    period: _vocab("pay_periods") = Field(
        None, title="Per", description="What the amount is for: hour, week, month, term or total."
    )
    details: ShortText = Field(None, title="Pay details", description="Anything else about pay, in plain words.")

    @model_validator(mode="after")
    def _consistent(self) -> Compensation:
        if self.type == "unpaid" and (self.amount_min is not None or self.amount_max is not None):
            raise PydanticCustomError("amount_without_pay", "amount on unpaid")
        if self.amount_min is not None and self.amount_max is not None and self.amount_min > self.amount_max:
            raise PydanticCustomError("bad_range", "min above max")
        return self


class HostCommitment(Strict):
    """What the opportunity asks of a host employer: SMEs decide on this."""

    hours_total: float = Field(
        None,
        gt=0,
        le=5000,
        title="Host hours in total",
        description="About how many hours of the host's staff time it takes in all (supervision, meetings).",
    )
    cost: ShortText = Field(
        None,
        title="Cost to the host",
        description="What the host pays (wages, fees, materials), in plain words.",
    )
    time: ShortText = Field(
        None,
        title="Time asked of the host",
        description="What the host's staff do and when (for example `a 1-hour kickoff and a final presentation`).",
    )
    supervision: ShortText = Field(
        None, title="Supervision", description="Who supervises the student and what it involves."
    )


class Location(Strict):
    """Where the work happens (leave out for fully remote opportunities)."""

    city: Text(2, 80) = Field(title="City or town", description="For example `Calgary` or `Canmore`.")  # type: ignore[valid-type]
    province: Literal[PROVINCES] = Field(  # type: ignore[valid-type]
        "AB", title="Province or territory", description="Two-letter code, for example `AB`."
    )
    details: Text(2, 160) = Field(  # type: ignore[valid-type]
        None, title="Location details", description="A campus, neighbourhood or site, if useful."
    )


class Eligibility(Strict):
    """Who can take part. International students are excluded from some federally funded WIL: say so here."""

    study_levels: UniqueList(_vocab("study_levels"), 1, 4) = Field(
        None, title="Levels of study", description="certificate, diploma, undergraduate, graduate."
    )
    part_time_students: bool = Field(None, title="Open to part-time students", description="true or false.")
    international_students: bool = Field(
        None,
        title="Open to international students",
        description="true or false. Some federally funded placements are limited to citizens and permanent residents.",
    )
    requirements: ShortText = Field(
        None, title="Other requirements", description="Prerequisites, year of study, checks, in plain words."
    )


class Opportunity(Strict):
    """One work-integrated learning opportunity, as an institution lists it."""

    model_config = ConfigDict(title="WIL opportunity")

    id: Id = Field(
        title="Id",
        description="A short name made of lowercase letters, digits and hyphens. The file must be named <id>.yaml.",
        examples=["ucalgary-energy-data-co-op"],
    )
    title: Title = Field(
        title="Title of the opportunity", description="What it is, in a few words: `en:` and/or `fr:`."
    )
    description: LongText = Field(
        title="Description of the opportunity",
        description="What the student does and learns and what the host gets, in `en:` and/or `fr:`.",
    )
    institutions: list[Offering] = Field(
        min_length=1,
        max_length=12,
        title="Offering institutions",
        description="Each institution that offers it, with its apply link or office contact.",
    )
    host: Host = Field(title="Host organisation", description="The employer, organisation or program that hosts it.")
    wil_type: _vocab("wil_types") = Field(
        title="Type of work-integrated learning",
        description="One of the CEWIL types (co-op, internship...) or BHER's shorter formats (micro-internship, hackathon...).",
    )
    sectors: UniqueList(_vocab("sectors"), 1, 5) = Field(
        title="Sectors", description="One to five sectors the work belongs to."
    )
    fields_of_study: UniqueList(Text(2, 80), 0, 15) = Field(  # type: ignore[misc]
        None,
        title="Fields or programs of study",
        description="The programs or fields it suits, in plain words (for example `Software engineering`).",
    )
    start_date: IsoDate = Field(None, title="Start date", description="YEAR-MONTH-DAY, for example 2027-01-04.")
    end_date: IsoDate = Field(None, title="End date", description="YEAR-MONTH-DAY; not before the start date.")
    application_deadline: IsoDate = Field(
        None,
        title="Application deadline",
        description="YEAR-MONTH-DAY; the last day to apply. Past deadlines are not listed.",
    )
    duration: Duration = Field(None, title="How long", description="How long it lasts.")
    hours_per_week: float = Field(
        None, gt=0, le=60, title="Hours per week", description="Typical hours a week for the student."
    )
    intake_terms: UniqueList(_vocab("intake_terms"), 0, 5) = Field(
        None, title="Intake terms", description="When it starts: fall, winter, spring, summer or year-round."
    )
    compensation: Compensation = Field(title="Pay", description="Paid, stipend or unpaid, and how much.")
    host_commitment: HostCommitment = Field(
        None, title="What the host commits", description="Time, cost and supervision asked of a host employer."
    )
    subsidies: UniqueList(_vocab("subsidies"), 0, 6) = Field(
        None, title="Wage subsidies", description="Subsidies a host may claim, for example swpp or mitacs."
    )
    work_arrangement: _vocab("work_arrangements") = Field(
        title="Work arrangement", description="on-site, hybrid or remote."
    )
    location: Location = Field(None, title="Where", description="Where the work happens.")
    eligibility: Eligibility = Field(
        None,
        title="Who can take part",
        description="Study levels, part-time and international students, other requirements.",
    )
    equity_focus: UniqueList(_vocab("equity_focus"), 0, 7) = Field(
        None,
        title="Equity focus",
        description="Groups it is designed for or prioritises, for example indigenous or newcomers.",
    )
    audience: UniqueList(_vocab("audiences"), 1, 2) = Field(
        title="Audience", description="students, employers, or both."
    )
    languages: UniqueList(_vocab("languages"), 1, 10) = Field(
        None, title="Languages of work", description="Languages used on the job, for example en and fr."
    )
    same_as: Id = Field(
        None,
        title="Same opportunity as",
        description="The id of another institution's file that describes the same opportunity; the site merges them.",
    )
    status: _vocab("statuses") = Field("open", title="Status", description="open, rolling, upcoming or closed.")
    last_verified: IsoDate = Field(
        title="Last verified",
        description="The date someone last checked this is still offered (YEAR-MONTH-DAY).",
    )

    def listed_until(self) -> tuple[str, dt.date] | None:
        """The field and date after which this is no longer listed: the
        deadline, else the end date. The build's expiry and the validator's
        warning both ask here, so they can never disagree."""
        for name in ("application_deadline", "end_date"):
            value = getattr(self, name)
            if value:
                return name, dt.date.fromisoformat(value)
        return None

    def expired(self, today: dt.date) -> bool:
        until = self.listed_until()
        return self.status == "closed" or (until is not None and until[1] < today)


# ----------------------------------------------------------------------------
# Institution
# ----------------------------------------------------------------------------


class InstitutionName(Strict):
    """The institution's official name in both languages."""

    en: Text(3, 160) = Field(  # type: ignore[valid-type]
        title="English name", description="The official name in English, for example `Mount Royal University`."
    )
    fr: Text(3, 160) = Field(  # type: ignore[valid-type]
        title="French name", description="The official or usual name in French, for example `Université Mount Royal`."
    )


class WilContact(Strict):
    """The single front door for employers at this institution."""

    office: ShortText = Field(title="Office", description="The office's name, in `en:` and/or `fr:`.")
    email: Email = Field(title="Email", description="The office's shared email address.")
    phone: Phone = Field(None, title="Phone", description="The office's phone number.")
    url: Url = Field(None, title="Web page", description="The office's page for employers.")


class Institution(Strict):
    """A postsecondary institution that contributes opportunities."""

    model_config = ConfigDict(title="WIL institution")

    id: Id = Field(
        title="Id",
        description="Short lowercase name; the file is institutions/<id>.yaml and its folder opportunities/<id>/.",
        examples=["ucalgary"],
    )
    name: InstitutionName = Field(title="Name", description="Official name in `en:` and `fr:`.")
    short_name: Text(2, 30) = Field(  # type: ignore[valid-type]
        None, title="Short name", description="The name people use, for example `SAIT`."
    )
    kind: _vocab("institution_kinds") = Field(
        title="Kind", description="university, polytechnic, college or arts-university."
    )
    website: Url = Field(title="Website", description="The institution's public website.")
    city: Text(2, 80) = Field(None, title="City", description="Main campus city.")  # type: ignore[valid-type]
    wil_contact: WilContact = Field(
        title="WIL contact for employers", description="The one office employers should contact."
    )
    maintainers: UniqueList(Annotated[str, Field(pattern=HANDLE_PATTERN, max_length=140)], 1, 20) = Field(
        title="Maintainers",
        description="GitHub accounts or teams (`@org/team`) who own this institution's folder and review its changes.",
    )

    @property
    def shown_name(self) -> str:
        """The short name people use in lists (`SAIT`), else the id."""
        return self.short_name or self.id
