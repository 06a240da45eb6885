"""Text from data files, made safe to put in a page.

Nothing from a YAML file reaches a page as raw HTML: plain fields are
escaped by the templates (autoescape), and descriptions go through a small
Markdown subset with raw HTML disabled, then through nh3's allow-list, with
links limited to http, https and mailto.
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["paragraph", "list", "emphasis", "link", "backticks", "newline", "escape", "entity"])
    md.validateLink = lambda url: url.lower().startswith(("http://", "https://", "mailto:"))  # type: ignore[method-assign]
    return md


def description_html(text: str) -> Markup:
    """A description as sanitised HTML: the Markdown subset, then the allow-list."""
    rendered = _markdown().render(text)
    clean = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener nofollow ugc",
    )
    return Markup(clean)


_TITLE_UNSAFE = str.maketrans({"<": "‹", ">": "›", '"': "”", "\n": " ", "\r": " ", "`": "'", "{": "(", "}": ")"})


def title_text(text: str) -> str:
    """A title for theme templates that do not escape (MkDocs' Jinja has no
    autoescape): no character can open a tag, close an attribute or start a
    template expression."""
    return " ".join(text.translate(_TITLE_UNSAFE).split())
