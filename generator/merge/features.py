"""What the record linkage compares, one record at a time: each field put in
the form people mean, so the model's comparisons are plain equalities and
overlaps (engine-neutral: the same columns feed DuckDB here or Spark for a
national linkage).

- **employer**: legal forms removed by `cleanco`, "The" and a division after a
  dash or in brackets dropped ("The City of Calgary" = "City of Calgary –
  Parks"), French organisation words read in English and the words sorted
  ("Ville de Calgary" = "City of Calgary"); its **initials** let an acronym
  meet its full name (AHS, Alberta Health Services). A numbered company
  ("2087654 Alberta Ltd.") says nothing about who it is: no employer, so the
  apply link and website speak instead.
- **url**: an apply link without its scheme, `www.`, trailing slash and
  tracking parameters, remaining parameters sorted; **domain** its host.
  How much a shared link or domain is worth is not decided here: the model's
  term-frequency adjustment weighs a board shared by many postings down.
- **title**: the words that say what the opportunity is (evidence.title_words:
  case, accents, years, seasons, every WIL type's own words, the employer's
  and institutions' names dropped; French read in English through the
  lexicon; CamelCase split), both languages together; **squashed** its letters
  run together, so "HackTheHills" = "Hack the Hills".
- **hours**: part-time when the title says so ("Part-time", "temps partiel")
  or under 30 h a week, full-time from 30 h; and apart from the hours, whether
  the title says part-time at all (a part-time version of a posting says so).
- **level**: seniority words of the title (junior, senior, II...).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any
from urllib.parse import parse_qsl, urlencode

from cleanco import basename

from generator.load.yamlstrict import load_file
from generator.merge.evidence import STOP, lexicon, pay_value, stem, title_sequence
from generator.paths import RESOURCES
from generator.textnorm import fold

FULL_TIME_HOURS = 30.0  # hours a week from which a placement is full-time
# The columns every record gives the model, in order (None: the record does not say).
COLUMNS = (
    "unique_id", "employer", "initials", "employer_words", "url", "domain", "website", "title", "squashed",
    "wil_type", "family", "start", "deadline", "hours", "level", "pay", "city",
    "division", "site", "institutions", "lead", "last", "part_time",
)  # fmt: skip
# WIL types that institutions use for the same thing (one school's internship is
# another's co-op): evidence for, not a veto between them.
FAMILIES = {
    "co-op": "work-term",
    "internship": "work-term",
    "work-experience": "work-term",
    "apprenticeship": "work-term",
    "field-placement": "placement",
    "mandatory-professional-practice": "placement",
    "service-learning": "placement",
    "industry-project": "project",
    "applied-research": "project",
    "consulting": "project",
    "micro-internship": "short-project",
    "online-project": "short-project",
    "hackathon": "event",
    "competition": "event",
    "incubator": "venture",
    "entrepreneurship": "venture",
}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DIVISION = re.compile(r"\s+[-–—|:]\s+.*$|\s*\(.*$")
_CAPITALS = re.compile(r"\b[A-Z]{2,5}\b")
_PART_TIME = frozenset({"part time", "parttime", "pt", "temps partiel", "mi temps"})


@cache
def names() -> dict[str, Any]:
    loaded = load_file(RESOURCES / "linkage" / "names.yaml")
    if not loaded.ok:
        raise RuntimeError(f"the linkage's name list is invalid: {[p.code for p in loaded.problems]}")
    data = loaded.data
    return {
        "french": {fold(k): fold(v) for k, v in data["french"].items()},
        "drop": frozenset(fold(" ".join(data["drop"])).split()),
        "numbered": frozenset(fold(" ".join(data["numbered"])).split()),
        "tracking": frozenset(x.lower() for x in data["tracking"]),
    }


@lru_cache(maxsize=65536)
def division(name: str) -> tuple[str, ...] | None:
    """The words of the unit a name adds after a dash or in brackets ("City of Calgary – Parks": parks)."""
    match = _DIVISION.search(name.strip())
    return tuple(sorted(set(_place_words(match.group(0))))) or None if match else None


def _place_words(text: str) -> list[str]:
    table = names()
    return [table["french"].get(w, w) for w in fold(text).split() if w not in table["drop"] and not w.isdigit()]


@lru_cache(maxsize=65536)
def ends(name: str) -> tuple[str, str] | None:
    """The first and last words of an employer name as written (legal form, "The"
    and a division dropped): "Riverwalk Contemporary" and "Riverwalk Contemporary
    Gallery Society" share the first, "YYC Youth Arts Collective" and "Youth Arts
    Collective" the last. Blocking keys only (with a title word: see linkage.table)."""
    table = names()
    base = _DIVISION.sub("", name.strip()) or name
    words = [w for w in fold(basename(base) or base).split() if w not in table["drop"]]
    return (words[0], words[-1]) if words else None


@lru_cache(maxsize=65536)
def employer(name: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(key, initials, words) of an employer name, or None for a numbered company
    or a name with no words left."""
    table = names()
    base = _DIVISION.sub("", name.strip()) or name
    words = fold(basename(base) or base).split()
    if words and words[0].isdigit() and all(w in table["numbered"] for w in words[1:]):
        return None
    kept = [table["french"].get(w, w) for w in words if w not in table["drop"]]
    if not kept:
        return None
    initials = "".join(w[0] for w in kept) if len(kept) > 1 else kept[0]
    return " ".join(sorted(kept)), initials, tuple(sorted(set(kept)))


_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?([^/?#:]+)(?::\d*)?([^?#]*)(?:\?([^#]*))?")


@lru_cache(maxsize=4096)
def url(link: str | None) -> tuple[str, str] | None:
    """(normalised link, domain) of an apply link or website: no scheme, `www.`,
    port, fragment, trailing slash or tracking parameter; parameters sorted."""
    match = _URL.match(link.strip()) if link else None
    if match is None:
        return None
    host = match.group(1).lower().removeprefix("www.")
    path = match.group(2).rstrip("/")
    query = match.group(3)
    if query:
        tracking = names()["tracking"]
        kept = sorted((k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k.lower() not in tracking)
        path += "?" + urlencode(kept) if kept else ""
    return host + path, host


@dataclass(frozen=True, slots=True)
class _Title:
    """What one title says, read once (titles repeat: cached)."""

    words: frozenset[str]  # every word but stop words
    kept: frozenset[str]  # the words that say what the opportunity is
    sequence: tuple[str, ...]  # every word, in order (for compounds and acronyms: see linkage.table)
    capitals: frozenset[str]  # words written in capitals, folded ("MOA", "PTA": perhaps an acronym)
    squashed: str  # its letters run together: "HackTheHills" = "Hack the Hills"
    part_time: bool
    levels: frozenset[str]  # seniority words


@lru_cache(maxsize=65536)
def _read(title: str, french: bool) -> _Title:
    folded = fold(_CAMEL.sub(" ", title).replace("-", " "))
    words = folded.split()
    sequence = title_sequence(words, french)
    tokens = frozenset(sequence)
    drop = _all_type_words()
    padded = f" {folded} "
    return _Title(
        words=tokens - STOP,
        kept=tokens - _dropped(),
        sequence=tuple(sequence),
        capitals=frozenset(fold(w) for w in _CAPITALS.findall(title)),
        squashed="".join(w for w in words if not w.isdigit() and w not in drop),
        part_time=any(f" {w} " in padded for w in _PART_TIME),
        levels=_levels(words),
    )


_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}


def _levels(words: list[str]) -> frozenset[str]:
    """Seniority words: `Jr.` is junior, `Level 2` and `Niveau II` are ii."""
    short = lexicon()["abbreviations"]
    found = {short.get(w, [w])[0] for w in words}
    found |= {_ROMAN[n] for w, n in pairwise(words) if w in ("level", "niveau") and n in _ROMAN}
    return frozenset(found) & lexicon()["levels"]


@cache
def _dropped() -> frozenset[str]:
    words = _all_type_words() | STOP
    return frozenset(words | {stem(w) for w in words})


@cache
def _all_type_words() -> frozenset[str]:
    lex = lexicon()
    return frozenset().union(*lex["type_words"].values()) | lex["noise"]


def squashed(title: str) -> str:
    """A title's letters run together, years and every WIL type's words dropped."""
    return _read(title, False).squashed


def _band(hours: float) -> str:
    return "full" if hours >= FULL_TIME_HOURS else "part"


def _ends(host: str | None) -> dict[str, str | None]:
    found = ends(host) if host else None
    return {"lead": found[0], "last": found[1]} if found else {"lead": None, "last": None}


def _pay(c: Any) -> str | None:
    if not c.pay_type:
        return None
    value = pay_value(c.pay_amount, c.pay_period, c.pay_text)
    return c.pay_type if value is None else f"{c.pay_type} {value[0]:g}/{value[1]}"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@lru_cache(maxsize=65536)
def _host_words(host: str) -> frozenset[str]:
    """The words of the employer's name as a title would carry them (stemmed,
    French read in English, a numbered company's too): a title that names its
    employer ("YYC Founders Network – Graphic Design Co-op") says no more about
    the role than one that does not."""
    words = fold(_CAMEL.sub(" ", host).replace("-", " ")).split()
    return frozenset(words) | frozenset(title_sequence(words, True)) | frozenset(title_sequence(words, False))


def features(c: Any) -> dict[str, Any]:
    """The model's columns for one Candidate (see dedupe.Candidate)."""
    emp = employer(c.host) if c.host else None
    ignore = _host_words(c.host) | c.institution_words if c.host else c.institution_words
    titles = [_read(t, french) for t, french in ((c.title_en, False), (c.title_fr, True)) if t]
    chosen = [(t.kept - ignore) or t.words for t in titles]
    words = frozenset().union(*chosen)
    link = next((u for u in map(url, c.apply_urls) if u), None)
    site = url(c.host_website)
    part_time = any(t.part_time for t in titles)
    hours = "part" if part_time else _band(c.hours_per_week) if c.hours_per_week is not None else None
    return {
        "unique_id": c.key,
        "employer": emp[0] if emp else None,
        "initials": emp[1] if emp else None,
        "employer_words": list(emp[2]) if emp else None,
        "url": link[0] if link else None,
        "domain": link[1] if link else None,
        "website": site[1] if site else None,
        "title": sorted(words) or None,
        "squashed": titles[0].squashed or None if titles else None,
        "wil_type": c.wil_type,
        "family": FAMILIES.get(c.wil_type, c.wil_type),
        "start": _day(c.start_date),
        "deadline": _day(c.application_deadline),
        "hours": hours,
        "level": " ".join(sorted(frozenset().union(*(t.levels for t in titles)))),
        "pay": _pay(c),
        "city": fold(c.city) if c.city and c.arrangement != "remote" else None,
        "division": list(division(c.host) or ()) or None if c.host else None,
        "site": sorted(set(_place_words(c.place_details))) or None if c.place_details else None,
        "institutions": sorted(c.institutions) or None,
        **_ends(c.host),
        "part_time": "yes" if part_time else "no",
        # not columns: what linkage.table reads across the region to rewrite `title`
        "phrases": [tuple(w for w in t.sequence if w in kept) for t, kept in zip(titles, chosen, strict=True)],
        "capitals": sorted(frozenset().union(*(t.capitals for t in titles)) & words),
    }
