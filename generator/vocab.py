"""The controlled vocabularies, read once from schema/vocabularies.yaml.

Validation, schema generation and page rendering all go through this module
so a new sector or WIL type is added in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from generator.load.yamlstrict import load_file
from generator.paths import VOCABULARIES


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    en: str
    fr: str
    definition_en: str
    definition_fr: str
    family: str = ""
    naics: tuple[str, ...] = ()
    # any other keys, typed as in the file, e.g. a host profile's length_en or time_level
    details: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def detail(self, key: str, lang: str) -> str:
        return str(self.details.get(f"{key}_{lang}", ""))

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def definition(self, lang: str) -> str:
        return self.definition_fr if lang == "fr" else self.definition_en


@cache
def vocabularies() -> dict[str, tuple[Term, ...]]:
    """All vocabularies by name; fails loudly, since the app cannot run without them."""
    loaded = load_file(VOCABULARIES)
    if not loaded.ok:
        details = "; ".join(f"{p.line}:{p.column} {p.message}" for p in loaded.problems)
        raise RuntimeError(f"{VOCABULARIES} is invalid: {details}")
    out: dict[str, tuple[Term, ...]] = {}
    for name, entries in loaded.data.items():
        terms = []
        for entry in entries:
            entry = dict(entry)
            entry["naics"] = tuple(entry.get("naics", ()))
            known = {k: entry.pop(k) for k in list(entry) if k in Term.__slots__}
            terms.append(Term(**known, details=MappingProxyType(dict(sorted(entry.items())))))
        ids = [t.id for t in terms]
        if len(ids) != len(set(ids)):
            raise RuntimeError(f"{VOCABULARIES}: repeated id in {name}")
        out[name] = tuple(terms)
    return out


def ids(name: str) -> tuple[str, ...]:
    return tuple(t.id for t in vocabularies()[name])


@cache
def lookup(name: str) -> dict[str, Term]:
    return {t.id: t for t in vocabularies()[name]}
