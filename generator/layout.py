"""The site's languages and where each language's pages live.

English is at the site's root and every other language in a folder named
after it (`/fr/`), with the same page paths in every language, so a
language switch only changes the prefix. Every module that builds a URL,
an output folder or a language list asks here. For publishing, a language
is one entry in LANGUAGES and one catalogue in locales/; the data model,
spreadsheet columns and several pages still assume English and French
(docs/third-language.md says precisely what a third language takes).
"""

from __future__ import annotations

from pathlib import Path

LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT_LANGUAGE = "en"


def prefix(lang: str) -> str:
    """The path from the site's root to a language's root: `` or `fr/`."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def site_path(lang: str, page_url: str) -> str:
    """A page's path from the site's root: `types/co-op/` in French is `fr/types/co-op/`."""
    return prefix(lang) + page_url


def absolute(site_url: str, lang: str, page_url: str) -> str:
    """A page's full address: feeds, calendars, sitemaps and search engines need one."""
    return site_url.rstrip("/") + "/" + site_path(lang, page_url)


def output_dir(site: Path, lang: str) -> Path:
    """Where a language's built pages go inside the site folder."""
    return site / prefix(lang) if prefix(lang) else site


def others(lang: str) -> tuple[str, ...]:
    """The other languages, the default one first (the first fallback for missing text)."""
    order = (DEFAULT_LANGUAGE, *LANGUAGES)
    return tuple(x for x in dict.fromkeys(order) if x != lang)
