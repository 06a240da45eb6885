"""Rendering without MkDocs: safety of text from data files, links, pagination."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.render import urls
from generator.render.pages import _window
from generator.render.site import PAGE_SIZE, pages_of
from generator.render.text import ALLOWED_TAGS, description_html, title_text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = _Collector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        "![img](https://evil.example/x.png)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_descriptions_never_carry_markup_or_scripts(hostile: str) -> None:
    tags = _tags(str(description_html(f"Before {hostile} after")))
    for tag, attrs in tags:
        assert tag in ALLOWED_TAGS
        for name, value in attrs:
            assert name in ("href", "rel"), name
            if name == "href":
                assert (value or "").startswith(("http://", "https://", "mailto:")), value


def test_descriptions_keep_the_simple_markdown_subset() -> None:
    html = str(description_html("**Paid** and *remote*.\n\n- one\n- two\n\n[Apply](https://x.example/apply)"))
    assert "<strong>Paid</strong>" in html and "<em>remote</em>" in html and "<li>one</li>" in html
    assert '<a href="https://x.example/apply" rel="noopener nofollow ugc">Apply</a>' in html


def test_titles_cannot_open_tags_or_attributes() -> None:
    safe = title_text('</title><script>alert("x")</script> {{ config }}')
    assert "<" not in safe and ">" not in safe and '"' not in safe and "{{" not in safe


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/b", "A", "x" * 81, "..", "a..b", "ok-id/../../x", ""])
def test_slugs_never_leave_their_folder(bad: str) -> None:
    with pytest.raises(ValueError):
        urls.slug(bad)


def test_relative_links() -> None:
    assert urls.page_url("types/co-op.md") == "types/co-op/"
    assert urls.page_url("browse/index.md") == "browse/"
    assert urls.href("opportunities/x/", "types/co-op/") == "../../types/co-op/"
    assert urls.href("", "browse/") == "browse/"
    assert urls.href("browse/", "") == "../"


def test_pagination_keeps_pages_short() -> None:
    items = list(range(PAGE_SIZE * 2 + 1))
    chunks = pages_of(items)  # type: ignore[arg-type]
    assert [len(c) for c in chunks] == [PAGE_SIZE, PAGE_SIZE, 1]
    assert pages_of([]) == [[]]


@pytest.mark.parametrize(
    "number,total,shown",
    [
        (1, 1, [1]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
        (3, 10, [1, 2, 3, 4, 5, None, 10]),
        (200, 400, [1, None, 198, 199, 200, 201, 202, None, 400]),
    ],
)
def test_pager_shows_a_window_not_every_page(number: int, total: int, shown: list[int | None]) -> None:
    assert _window(number, total) == shown
