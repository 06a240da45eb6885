"""The controlled vocabularies: ids and structure from
resources/schema/vocabularies.yaml, words from the catalogues.

Validation, schema generation and page rendering all go through this module
so a new sector or WIL type is added in one place (plus its words in each
language's catalogue).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from generator.i18n import Msg, msg, t
from generator.load.yamlstrict import load_file
from generator.paths import VOCABULARIES


@dataclass(frozen=True, slots=True)
class Term:
    vocabulary: str
    id: str
    family: str = ""
    naics: tuple[str, ...] = ()
    # any other keys, typed as in the file, e.g. a host profile's time_level
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def key(self) -> str:
        return f"vocab.{self.vocabulary}.{self.id}"

    def label(self, lang: str) -> str:
        return _label(self.key, lang)

    def definition(self, lang: str) -> str:
        return t(self.key + ".definition", lang)

    def detail(self, name: str, lang: str) -> str:
        """A longer word of the entry, such as a host profile's `length` or `time`."""
        return t(f"{self.key}.{name}", lang)

    def named(self) -> Msg:
        """The label as a message, for parameters rendered later in the reader's language."""
        return msg(self.key)


@cache
def _label(key: str, lang: str) -> str:
    return t(key, lang)


@cache
def vocabularies() -> dict[str, tuple[Term, ...]]:
    """All vocabularies by name; fails loudly, since the app cannot run without them."""
    loaded = load_file(VOCABULARIES)
    if not loaded.ok:
        details = "; ".join(f"{p.line}:{p.column} {p.code}" for p in loaded.problems)
        raise RuntimeError(f"{VOCABULARIES} is invalid: {details}")
    out: dict[str, tuple[Term, ...]] = {}
    for name, entries in loaded.data.items():
        terms = []
        for entry in entries:
            entry = dict(entry)
            known = {"id": entry.pop("id"), "family": entry.pop("family", ""), "naics": tuple(entry.pop("naics", ()))}
            terms.append(Term(vocabulary=name, **known, details=MappingProxyType(dict(sorted(entry.items())))))
        ids = [term.id for term in terms]
        if len(ids) != len(set(ids)):
            raise RuntimeError(f"{VOCABULARIES}: repeated id in {name}")
        out[name] = tuple(terms)
    return out


def ids(name: str) -> tuple[str, ...]:
    return tuple(term.id for term in vocabularies()[name])


@cache
def lookup(name: str) -> dict[str, Term]:
    return {term.id: term for term in vocabularies()[name]}


def small_host(size: str | None) -> bool:
    """Does a host size band count as a small business (`small: true` in the vocabulary)?"""
    return size is not None and bool(lookup("host_sizes")[size].details.get("small"))
