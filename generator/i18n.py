"""Every word a person reads, from one gettext catalogue per language.

The catalogues are `locales/<lang>/LC_MESSAGES/wil.po`, the format that
translators' tools (Poedit, Weblate, Crowdin) and Babel's `pybabel update`
work with; msgids are stable keys (`problem.unknown-value`,
`ui.search`), so the English catalogue is a translation like any other and
a third language's words are one more file (its data fields are more:
docs/third-language.md). Plural forms follow each language's own
rule (French says "0 erreur", English "0 errors").

Code never assembles a sentence: it names a message (`Msg`) with its
parameters, and parameters that are words are messages themselves (a type
name, a field's label, a vocabulary label), rendered in the reader's
language only when a reporter or a page shows them.
"""

from __future__ import annotations

import gettext
import io
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Union

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.layout import DEFAULT_LANGUAGE, LANGUAGES
from generator.paths import LOCALES

DOMAIN = "wil"
_SPACES = re.compile(r" {2,}")  # an empty parameter ("did you mean" with no suggestion) leaves two

Param = Union[str, int, float, "Msg"]


@dataclass(frozen=True, slots=True)
class Msg:
    """A message by key, with its parameters, not yet in any language."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()
    count: int | None = None  # selects the plural form when the message has one

    def render(self, lang: str) -> str:
        return _render(self, lang)

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "params": {k: plain(v) for k, v in self.params}}


def msg(key: str, /, count: int | None = None, **params: Param) -> Msg:
    return Msg(key, tuple(sorted(params.items())), count)


def plain(value: Param) -> object:
    """A parameter as data for tools (JSON): messages stay keys with parameters."""
    return value.as_dict() if isinstance(value, Msg) else value


def catalogue_path(lang: str) -> str:
    return str(LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po")


@cache
def catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of a language (compiled in memory: no .mo file to keep in step)."""
    with open(catalogue_path(lang), "rb") as handle:
        po = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, po, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def template(key: str, lang: str, count: int | None = None) -> str:
    """A message's text with its `{placeholders}` left in (for scripts and pages that fill them)."""
    return _lookup(key, lang, count)


# The region's names (region.yaml), which messages name as `{region}` ("Calgary
# region") and `{region_in}` ("in the Calgary region"): filled in every message
# of every language, so that no word about a particular region is in the code.
# They belong to the build being run, not to the process: a context variable
# set for the length of a `with region_named(...)` block (settings.using), so
# two builds in one process (tests, `wil serve`) never see each other's names,
# and what one leaves behind is nothing.
Names = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # hashable: a cache key
_NAMES: ContextVar[Names] = ContextVar("region_names", default=())


@contextmanager
def region_named(names: Mapping[str, Mapping[str, str]] | None) -> Iterator[None]:
    """Name the region in every message within the block (None: the neutral defaults)."""
    frozen = tuple(sorted((key, tuple(sorted(by_lang.items()))) for key, by_lang in (names or {}).items()))
    token = _NAMES.set(frozen)
    try:
        yield
    finally:
        _NAMES.reset(token)


def region_names() -> Names:
    """The region's names in use (hashable), for caches of rendered words."""
    return _NAMES.get()


def _region_word(key: str, lang: str, names: Names) -> str:
    found = dict(dict(names).get(key, ()))
    if found.get(lang):
        return found[lang]
    return _raw(f"region.default_{key}", lang, None)


def _lookup(key: str, lang: str, count: int | None) -> str:
    return _lookup_named(key, lang, count, _NAMES.get())


@cache
def _lookup_named(key: str, lang: str, count: int | None, names: Names) -> str:
    text = _raw(key, lang, count)
    for name in ("region", "region_in"):
        if "{" + name + "}" in text:
            text = text.replace("{" + name + "}", _region_word(name, lang, names))
    return text


def _raw(key: str, lang: str, count: int | None) -> str:
    for language in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
        translations = catalogue(language)
        entries = translations._catalog  # type: ignore[attr-defined]
        if key in entries:  # no plural forms: one text whatever the count
            return entries[key]  # type: ignore[no-any-return]
        if (key, 0) in entries:  # a plural message named without a count reads as one
            return translations.ngettext(key, key, 1 if count is None else count)
    raise KeyError(f"no message {key!r} in the catalogues")


def has(key: str, lang: str) -> bool:
    entries = catalogue(lang)._catalog  # type: ignore[attr-defined]
    return key in entries or (key, 0) in entries


class _Values(dict[str, str]):
    """Parameters rendered on demand; a missing one renders as nothing rather than crash."""

    def __init__(self, params: Mapping[str, Param], lang: str) -> None:
        super().__init__()
        self.params = params
        self.lang = lang

    def __missing__(self, key: str) -> str:
        value = self.params.get(key, "")
        text = value.render(self.lang) if isinstance(value, Msg) else number(value, self.lang)
        self[key] = text
        return text


def number(value: object, lang: str) -> str:
    """16.0 -> 16 (staff wrote 16); 22.5 -> 22,5 in French."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:g}"
        return text.replace(".", ",") if lang == "fr" else text
    return str(value)


def _render(message: Msg, lang: str) -> str:
    template = _lookup(message.key, lang, message.count)
    params = dict(message.params)
    if message.count is not None:
        params.setdefault("count", message.count)
    return _SPACES.sub(" ", template.format_map(_Values(params, lang))).strip()


def t(key: str, lang: str, /, count: int | None = None, **params: Param) -> str:
    """One message in one language."""
    return _render(msg(key, count, **params), lang)


def language_from_environment(explicit: str | None = None) -> str:
    """The language asked for by flag, else by the usual locale variables, else English."""
    candidates = (
        [explicit] if explicit else [os.environ.get(v, "") for v in ("WIL_LANG", "LC_ALL", "LC_MESSAGES", "LANG")]
    )
    for value in candidates:
        if value:
            code = value.lower().replace("-", "_").split("_")[0].split(".")[0]
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE
