"""A listing's facts as plain text in a language: money, pay, place, and two
listings field by field. Pages (through View) and the terminal (`wil review`)
say them the same way."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import parse_pattern

from generator import vocab
from generator.i18n import msg, t
from generator.layout import LANGUAGES
from generator.models import Institution, Opportunity

if TYPE_CHECKING:
    from generator.merge.listing import Listing


@lru_cache(maxsize=4096, typed=True)
def money(amount: float, lang: str) -> str:
    """Canadian dollars as written in the language: `$1,200`, `1 200 $`, `$22.50`."""
    locale = Locale.parse(t("language.locale", lang))
    pattern = copy.copy(parse_pattern(locale.currency_formats["standard"]))
    pattern.frac_prec = (0, 0) if float(amount).is_integer() else (2, 2)
    return str(pattern.apply(amount, locale, currency="CAD", currency_digits=False))


def pay(record: Opportunity, lang: str) -> str:
    comp = record.compensation
    label = vocab.lookup("compensation")[comp.type].label(lang)
    amounts = [a for a in (comp.amount_min, comp.amount_max) if a is not None]
    if not amounts:
        return label
    span = "–".join(money(a, lang) for a in dict.fromkeys(amounts))
    period = msg(f"vocab.pay_periods.{comp.period}") if comp.period else ""
    key = "ui.pay_per" if comp.period else "ui.pay_amount"
    return t(key, lang, label=label, amount=span, period=period)


def place(record: Opportunity, lang: str) -> str:
    arrangement = vocab.lookup("work_arrangements")[record.work_arrangement].label(lang)
    if record.location:
        return t("ui.label_value", lang, label=arrangement, value=record.location.city)
    return arrangement


def day(value: dt.date, lang: str) -> str:
    """A date as the language writes it: `Jan 15, 2027`, `15 janv. 2027`."""
    return str(format_date(value, "medium", locale=t("language.locale", lang)))


def month(iso_month: str, lang: str) -> str:
    """A month as the language writes it on its own: `March 2027`, `mars 2027`."""
    first = dt.date.fromisoformat(iso_month + "-01")
    return str(format_date(first, "LLLL y", locale=t("language.locale", lang)))


def institutions(listing: Listing) -> str:
    """The institutions offering a listing, by their short names: `SAIT, UCalgary`."""
    return ", ".join(o.institution.shown_name for o in listing.offers)


def summary(listing: Listing, lang: str, names: str | None = None) -> str:
    """One line a feed reader, a calendar or a search engine shows under the title
    (`names`: the institutions to name, when others list it too)."""
    r = listing.record
    parts = [
        r.host.name,
        names or institutions(listing),
        vocab.lookup("wil_types")[r.wil_type].label(lang),
        pay(r, lang),
        place(r, lang),
    ]
    if listing.deadline:
        parts.append(t("ui.label_value", lang, label=t("ui.deadline", lang), value=day(listing.deadline, lang)))
    elif r.status == "rolling":
        parts.append(t("ui.rolling", lang))
    return " · ".join(p for p in parts if p)


def closed_summary(listing: Listing, lang: str) -> str:
    """What a search engine or a shared link shows for a closed listing: that it
    closed, whose it was, and that similar ones are open (not its old deadline)."""
    r = listing.record
    kind = vocab.lookup("wil_types")[r.wil_type].label(lang)
    return t("ui.closed_description", lang, host=r.host.name, names=institutions(listing), type=kind)


def title(record: Opportunity, lang: str) -> str:
    names = record.title
    return str(getattr(names, lang, None) or next(getattr(names, x) for x in LANGUAGES if getattr(names, x, None)))


@dataclass(frozen=True, slots=True)
class PairRow:
    key: str  # the field's `ui.<key>` label
    a: str
    b: str
    differs: bool


def pair_rows(
    a: Opportunity, b: Opportunity, paths: tuple[str, str], lang: str, institutions: dict[str, Institution]
) -> list[PairRow]:
    """Two listings field by field, what differs marked."""

    def offered(record: Opportunity) -> str:
        return ", ".join(
            institutions[o.institution].shown_name if o.institution in institutions else o.institution
            for o in record.institutions
        )

    shown: tuple[tuple[str, Any], ...] = (
        ("title", lambda r: title(r, lang)),
        ("host", lambda r: r.host.name),
        ("type", lambda r: vocab.lookup("wil_types")[r.wil_type].label(lang)),
        ("dates", lambda r: " – ".join(x for x in (r.start_date, r.end_date) if x) or "—"),
        ("deadline", lambda r: r.application_deadline or "—"),
        ("pay", lambda r: pay(r, lang)),
        ("work_arrangement", lambda r: place(r, lang)),
        ("institution", offered),
    )
    rows = [PairRow(key, show(a), show(b), show(a) != show(b)) for key, show in shown]
    rows.append(PairRow("sources", paths[0], paths[1], False))
    return rows
