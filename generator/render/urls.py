"""Where each page lives, and relative links between pages.

Pages are written as HTML inside Markdown, where MkDocs does not rewrite
links, so every link is computed here, relative to the page that holds it
(the site then works from any folder of any static host). Slugs come from
validated ids, and are checked again here so that no data can make a path
outside the output folder.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

_SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > 80:
        raise ValueError(f"unsafe slug: {value!r}")
    return value


def page_url(path: str) -> str:
    """`types/co-op.md` -> `types/co-op/`; `index.md` -> `` (directory URLs)."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


@lru_cache(maxsize=65536)
def href(from_url: str, to_url: str) -> str:
    """A relative link from one page URL to another (both site-relative)."""
    rel = posixpath.relpath("/" + to_url.rstrip("/"), "/" + from_url.rstrip("/") if from_url else "/")
    if to_url.endswith("/") or to_url == "":
        return "./" if rel == "." else rel + "/"
    return rel


def opportunity(id_: str) -> str:
    return f"opportunities/{slug(id_)}.md"


def wil_type(id_: str, page: int = 1) -> str:
    return f"types/{slug(id_)}.md" if page == 1 else f"types/{slug(id_)}/{page}.md"


def sector(id_: str, page: int = 1) -> str:
    return f"sectors/{slug(id_)}.md" if page == 1 else f"sectors/{slug(id_)}/{page}.md"


def institution(id_: str, page: int = 1) -> str:
    return f"institutions/{slug(id_)}.md" if page == 1 else f"institutions/{slug(id_)}/{page}.md"


# Feeds and calendars, per language: everything, or one list's listings.
FACETS = ("types", "sectors", "institutions")


def feed(facet: str | None = None, id_: str | None = None) -> str:
    """`feeds/opportunities.xml`, `feeds/types/co-op.xml` (from a language's root)."""
    return "feeds/opportunities.xml" if facet is None else f"feeds/{_facet(facet)}/{slug(id_ or '')}.xml"


def calendar(facet: str | None = None, id_: str | None = None) -> str:
    """`calendars/deadlines.ics`, `calendars/sectors/energy.ics` (from a language's root)."""
    return "calendars/deadlines.ics" if facet is None else f"calendars/{_facet(facet)}/{slug(id_ or '')}.ics"


def event(id_: str) -> str:
    """One listing's deadline as a calendar file, beside its page."""
    return f"opportunities/{slug(id_)}/{slug(id_)}.ics"


def _facet(facet: str) -> str:
    if facet not in FACETS:
        raise ValueError(f"unknown list: {facet!r}")
    return facet


def browse(page: int = 1) -> str:
    return "browse/index.md" if page == 1 else f"browse/{page}.md"
