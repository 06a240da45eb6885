"""Rules about one record that a schema cannot say: dates in order, missing
translations, deadlines passed, stale verification, personal addresses,
template text left in place.

Rules read the file's values as loaded, not the validated record, so they
run even when a field elsewhere in the file is wrong: every problem of a
file appears at once (a wrong pay range never hides an end before the
start). A value a rule cannot read is skipped; its own error says why.
Each rule is a small function returning problems, so a new rule is one
function added to RULES.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.i18n import t
from generator.layout import LANGUAGES
from generator.load.yamlstrict import LoadedFile
from generator.models import STALE_MONTHS, Institution, Opportunity, ProjectProposal, listed_until, stale
from generator.privacy import looks_personal
from generator.problems import Loc, Problem, Severity, dotted, problem
from generator.validate.fields import field_ref
from generator.validate.suggest import closest

# The example text `wil new` writes; a file that still holds it is not ready.
PLACEHOLDERS = ("scaffold.placeholder.title", "scaffold.placeholder.description", "scaffold.placeholder.host")


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may need beyond the record: the date that counts as today."""

    today: dt.date


Rule = Callable[[dict[str, Any], LoadedFile, Context], Iterator[Problem]]


def _date(data: dict[str, Any], name: str) -> dt.date | None:
    value = data.get(name)
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _at(loaded: LoadedFile, loc: Loc, code: str, severity: Severity = Severity.ERROR, **params: Any) -> Problem:
    params.setdefault("field", field_ref(Opportunity, loc))
    return problem(loaded.path, loaded.position(loc), code, params, field_name=dotted(loc), severity=severity)


def dates_in_order(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    start, end, deadline = _date(data, "start_date"), _date(data, "end_date"), _date(data, "application_deadline")
    if start and end and end < start:
        yield _at(loaded, ("end_date",), "end-before-start", start=str(start), end=str(end))
    if deadline and end and deadline > end:
        yield _at(loaded, ("application_deadline",), "deadline-after-end", deadline=str(deadline), end=str(end))


def translations(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    title = data.get("title")
    if not isinstance(title, dict) or not any(isinstance(title.get(lang), str) for lang in LANGUAGES):
        return  # missing or malformed: the field check says so
    for lang, code in (("fr", "missing-french"), ("en", "missing-english")):
        if title.get(lang) is None:
            where = loaded.position(("title",), key=True)
            field = field_ref(Opportunity, ("title",))
            yield problem(loaded.path, where, code, {"field": field}, field_name="title", severity=Severity.NOTICE)


def deadline_passed(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    """Tell what the build will show as closed (a notice: expiry is a listing's
    normal end; `status: closed` says it on purpose and is not mentioned)."""
    deadline, end = _date(data, "application_deadline"), _date(data, "end_date")
    until = listed_until(deadline and deadline.isoformat(), end and end.isoformat())
    if until and data.get("status") != "closed" and until[1] < ctx.today:
        name, date = until
        code = "deadline-passed" if name == "application_deadline" else "end-passed"
        yield _at(loaded, (name,), code, Severity.NOTICE, deadline=str(date))


def freshness(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    verified = _date(data, "last_verified")
    if verified is None:
        return
    if verified > ctx.today:
        yield _at(loaded, ("last_verified",), "future-verified", Severity.WARNING, value=str(verified))
    elif stale(verified, ctx.today):
        yield _at(loaded, ("last_verified",), "stale", Severity.WARNING, value=str(verified), months=STALE_MONTHS)


def published_not_in_the_future(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    """A first publication after the build's day would sort first under "newest"
    until that day comes, and be published as such in the open data."""
    published = _date(data, "first_published")
    if published is not None and published > ctx.today:
        yield _at(loaded, ("first_published",), "future-published", value=str(published), today=str(ctx.today))


# Direction overrides and isolates ("Trojan Source"): text that shows in another
# order than it holds. Marks (U+200E, U+200F) are left alone: right-to-left
# languages need them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _strings(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))


def no_direction_overrides(data: dict[str, Any], loaded: LoadedFile, ctx: Context | None = None) -> Iterator[Problem]:
    for loc, text in _strings(data):
        found = _BIDI.search(text)
        if found:
            code = f"U+{ord(found.group()):04X}"
            yield problem(
                loaded.path,
                loaded.position(loc),
                "bidi-control",
                {"value": code, "field": f"`{dotted(loc)}`"},
                field_name=dotted(loc),
                severity=Severity.WARNING,
            )


def office_contacts(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    offerings = data.get("institutions")
    for i, offering in enumerate(offerings if isinstance(offerings, list) else []):
        if isinstance(offering, dict):
            yield from _personal_contact(
                loaded, Opportunity, offering, ("institutions", i, "contact_email"), "contact_consent"
            )


@cache
def _placeholders() -> tuple[str, ...]:
    return tuple(" ".join(t(key, lang).split()) for key in PLACEHOLDERS for lang in LANGUAGES)


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))


def template_text(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    """A file made by `wil new` still holding its example text would publish it."""
    examples = _placeholders()
    for loc, text in _texts(data, ()):
        start = " ".join(text.split())
        if start.startswith(examples):
            yield _at(loaded, loc, "placeholder-text", value=_first_sentence(start))


def _first_sentence(text: str) -> str:
    """The example's first sentence, or its first words, never a word cut in two."""
    sentence = text.split(". ", 1)[0]
    if len(sentence) <= 80:
        return sentence + ("…" if len(sentence) < len(text) else "")
    return textwrap.shorten(sentence, 80, placeholder="…")


def _subsidy_terms() -> dict[str, Any]:
    from generator import vocab

    return vocab.lookup("subsidies")


def subsidy_eligibility(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    """A subsidy promises an employer money the listing's own terms rule out:
    a program that excludes international students on a listing open to
    them (the employer finds out when the claim is refused), or a wage
    subsidy on unpaid work."""
    subsidies = data.get("subsidies")
    if not isinstance(subsidies, list):
        return
    terms = _subsidy_terms()
    eligibility = data.get("eligibility")
    international = isinstance(eligibility, dict) and eligibility.get("international_students") is True
    compensation = data.get("compensation")
    unpaid = isinstance(compensation, dict) and compensation.get("type") == "unpaid"
    for i, subsidy in enumerate(subsidies):
        term = terms.get(subsidy) if isinstance(subsidy, str) else None
        if term is None:
            continue  # unknown or malformed: the field check says so
        if international and term.details.get("international") is False:
            yield _at(
                loaded, ("subsidies", i), "subsidy-excludes-international", Severity.WARNING,
                value=subsidy, subsidy=term.named(),
            )  # fmt: skip
        if unpaid and term.details.get("wage") is True:
            yield _at(
                loaded, ("subsidies", i), "wage-subsidy-unpaid", Severity.WARNING, value=subsidy, subsidy=term.named()
            )


def early_years_level(data: dict[str, Any], loaded: LoadedFile, ctx: Context) -> Iterator[Problem]:
    """Open to first- and second-year students, yet only graduate students may apply."""
    eligibility = data.get("eligibility")
    if not isinstance(eligibility, dict) or eligibility.get("early_years") is not True:
        return
    levels = eligibility.get("study_levels")
    if isinstance(levels, list) and levels and all(level == "graduate" for level in levels):
        yield _at(loaded, ("eligibility", "early_years"), "early-years-graduate", Severity.WARNING)


RULES: tuple[Rule, ...] = (
    dates_in_order,
    translations,
    deadline_passed,
    freshness,
    published_not_in_the_future,
    no_direction_overrides,
    office_contacts,
    template_text,
    subsidy_eligibility,
    early_years_level,
)


def apply(data: Any, loaded: LoadedFile, ctx: Context) -> list[Problem]:
    if not isinstance(data, dict):
        return []
    return [p for rule in RULES for p in rule(data, loaded, ctx)]


# --- an institution's file ---------------------------------------------------------


@cache
def _spdx() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


@cache
def _spdx_ids() -> tuple[str, ...]:
    """SPDX licence ids (not exceptions, not scancode's own LicenseRef- keys)."""
    keys = (str(k) for k in _spdx().known_symbols)
    return tuple(sorted(k for k in keys if not k.startswith("LicenseRef-") and not k.endswith("-exception")))


def _personal_contact(
    loaded: LoadedFile, model: type[BaseModel], block: dict[str, Any], loc: Loc, consent: str
) -> Iterator[Problem]:
    """A named person's address where a role inbox belongs (see generator.privacy),
    unless the file records that the person agreed to be listed."""
    email = block.get(str(loc[-1]))
    if isinstance(email, str) and looks_personal(email) and block.get(consent) is not True:
        field = field_ref(model, loc)
        params = {"value": email, "field": field, "consent": consent}
        yield problem(
            loaded.path,
            loaded.position(loc),
            "personal-email",
            params,
            field_name=dotted(loc),
            severity=Severity.WARNING,
        )


def institution_contact(data: dict[str, Any], loaded: LoadedFile) -> Iterator[Problem]:
    contact = data.get("wil_contact")
    if isinstance(contact, dict):
        yield from _personal_contact(loaded, Institution, contact, ("wil_contact", "email"), "consent")


def proposal_contact(data: dict[str, Any], loaded: LoadedFile) -> Iterator[Problem]:
    yield from _personal_contact(loaded, ProjectProposal, data, ("contact_email",), "contact_consent")


def licence_known(data: dict[str, Any], loaded: LoadedFile) -> Iterator[Problem]:
    """The licence an institution publishes its records under is one SPDX knows
    (the id tools read from data/institutions.json)."""
    value = data.get("data_licence")
    if not isinstance(value, str) or not _spdx().validate(value).errors:
        return
    loc = ("data_licence",)
    best = closest(value, _spdx_ids())
    params = {"value": value, "field": field_ref(Institution, loc), "best": best or ""}
    yield problem(loaded.path, loaded.position(loc), "unknown-licence", params, field_name="data_licence")


INSTITUTION_RULES: tuple[Callable[[dict[str, Any], LoadedFile], Iterator[Problem]], ...] = (
    licence_known,
    no_direction_overrides,
    institution_contact,
)
PROPOSAL_RULES: tuple[Callable[[dict[str, Any], LoadedFile], Iterator[Problem]], ...] = (
    no_direction_overrides,
    proposal_contact,
)


def apply_institution(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    return [p for rule in INSTITUTION_RULES for p in rule(data, loaded)]


def apply_proposal(data: dict[str, Any], loaded: LoadedFile) -> list[Problem]:
    return [p for rule in PROPOSAL_RULES for p in rule(data, loaded)]
