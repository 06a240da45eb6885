"""Rules about one record that a schema cannot say: dates in order, missing
translations, deadlines passed, stale verification, personal addresses.

Each rule is a small function returning problems, so a new rule is one
function added to RULES.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.load.yamlstrict import LoadedFile, problem
from generator.models import Opportunity
from generator.problems import Problem, Severity

STALE_MONTHS = 12
_PERSONAL = re.compile(r"^[a-z]+[._][a-z]+@", re.IGNORECASE)
_OFFICE_WORDS = (
    "career",
    "coop",
    "co-op",
    "wil",
    "intern",
    "office",
    "info",
    "employ",
    "placement",
    "practicum",
    "stage",
)


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may need beyond the record: the date that counts as today."""

    today: dt.date


Rule = Callable[[Opportunity, LoadedFile, Context], Iterator[Problem]]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def dates_in_order(record: Opportunity, loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    start, end, deadline = _date(record.start_date), _date(record.end_date), _date(record.application_deadline)
    if start and end and end < start:
        yield problem(
            loaded.path,
            loaded.position(("end_date",)),
            "end-before-start",
            {"start": str(start), "end": str(end)},
            field_name="end_date",
        )
    if deadline and end and deadline > end:
        yield problem(
            loaded.path,
            loaded.position(("application_deadline",)),
            "deadline-after-end",
            {"deadline": str(deadline), "end": str(end)},
            field_name="application_deadline",
        )


def translations(record: Opportunity, loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    for lang, code in (("fr", "missing-french"), ("en", "missing-english")):
        if getattr(record.title, lang) is None:
            yield problem(
                loaded.path,
                loaded.position(("title",), key=True),
                code,
                {"field": "title"},
                field_name="title",
                severity=Severity.WARNING,
            )


def deadline_passed(record: Opportunity, loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    """Warn about what the build will hide as expired (a closed one is hidden on purpose)."""
    until = record.listed_until()
    if until and record.status != "closed" and record.expired(ctx.today):
        name, date = until
        yield problem(
            loaded.path,
            loaded.position((name,)),
            "deadline-passed" if name == "application_deadline" else "end-passed",
            {"deadline": str(date)},
            field_name=name,
            severity=Severity.WARNING,
        )


def freshness(record: Opportunity, loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    verified = dt.date.fromisoformat(record.last_verified)
    if verified > ctx.today:
        yield problem(
            loaded.path,
            loaded.position(("last_verified",)),
            "future-verified",
            {"value": str(verified)},
            field_name="last_verified",
            severity=Severity.WARNING,
        )
    elif (ctx.today - verified).days > STALE_MONTHS * 30.5:
        yield problem(
            loaded.path,
            loaded.position(("last_verified",)),
            "stale",
            {"value": str(verified), "months": str(STALE_MONTHS)},
            field_name="last_verified",
            severity=Severity.WARNING,
        )


def office_contacts(record: Opportunity, loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    for i, offering in enumerate(record.institutions):
        email = offering.contact_email
        if email and _PERSONAL.match(email) and not any(w in email.lower() for w in _OFFICE_WORDS):
            loc = ("institutions", i, "contact_email")
            yield problem(
                loaded.path,
                loaded.position(loc),
                "personal-email",
                {"value": email},
                field_name=f"institutions[{i}].contact_email",
                severity=Severity.WARNING,
            )


RULES: tuple[Rule, ...] = (dates_in_order, translations, deadline_passed, freshness, office_contacts)


def apply(record: Opportunity, loaded: LoadedFile, ctx: Context) -> list[Problem]:
    return [p for rule in RULES for p in rule(record, loaded, ctx)]
