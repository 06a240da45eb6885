"""`python -m generator.publish.mkdocs_main build ...`: MkDocs' own command,
with two changes that make its dirty rebuilds safe for this build, and one
that keeps its memory flat (3. below).

1. Every file it writes replaces the old one (written beside it, then
   renamed) instead of overwriting it in place: the published site shares
   its files with build/<lang>/site by hard links, so a rebuild must never
   change a file the published site still holds.
2. Its warning that a dirty build may leave navigation stale is dropped:
   here it cannot (the navigation lists fixed pages; the build removes the
   pages of deleted files itself and rebuilds clean whenever the
   configuration, the theme or this program changes), and `--strict` would
   turn it into a failure.
3. Pages outside the navigation (every opportunity and list page) are read
   just before they are built and forgotten once written, instead of all
   read first and all held to the end (populate_later, build_and_forget).
4. Material's navigation sidebar is rendered once per folder for pages
   outside the navigation, not once per page (nav_once): for those pages it
   marks nothing active and its links differ only with the folder, and
   rendering it was a quarter of MkDocs' time at 20,000 pages.
5. One Markdown converter per configuration, reset between pages
   (render_reusing), instead of a new one for every page: building it
   (loading and registering every extension) was an eighth of MkDocs'
   time. Python-Markdown supports reuse through `reset()`, and the page's
   own processors are registered anew under their names each time.

6. A built page carries its source's time as it was when read (_stamp), so
   a source the preview rewrote while the live server was building stays
   newer than its page and is built again at the next dirty rebuild.

`tests/test_mkdocs_main.py` checks that every page is byte for byte what
stock `mkdocs build` makes from the same configuration.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable
from typing import BinaryIO

import jinja2
import markdown
import mkdocs.commands.build
import mkdocs.structure.pages
import mkdocs.theme
import mkdocs.utils
from mkdocs.__main__ import cli
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from generator.files import replace_atomically

_populate_page = mkdocs.commands.build._populate_page
_get_env = mkdocs.theme.Theme.get_env
_build_page = mkdocs.commands.build._build_page

_DIRTY_WARNING = "A 'dirty' build is being performed"


def _replace(output_path: str, write: Callable[[BinaryIO], object]) -> None:
    folder = os.path.dirname(output_path) or "."
    os.makedirs(folder, exist_ok=True)
    replace_atomically(output_path, write)


def write_file(content: bytes, output_path: str) -> None:
    _replace(output_path, lambda out: out.write(content))


def copy_file(source_path: str, output_path: str) -> None:
    if os.path.isdir(output_path):
        output_path = os.path.join(output_path, os.path.basename(source_path))

    def copy(out: BinaryIO) -> None:
        with open(source_path, "rb") as source:
            shutil.copyfileobj(source, out)

    _replace(output_path, copy)


_later: dict[int, tuple[Files, bool]] = {}  # pages to read when they are built, by id()
_files: dict[int, Files] = {}  # every configuration's files, by id()


_nav: dict[int, set[str]] = {}


def _nav_sources(config: MkDocsConfig) -> set[str]:
    """The Markdown files the navigation names (its titles must be known before any page is built)."""
    if id(config) in _nav:
        return _nav[id(config)]
    found: set[str] = set()

    def walk(items: object) -> None:
        if isinstance(items, str):
            found.add(items)
        elif isinstance(items, dict):
            for value in items.values():
                walk(value)
        elif isinstance(items, list):
            for item in items:
                walk(item)

    walk(config.nav or [])
    _nav[id(config)] = found
    return found


_read_at: dict[int, int] = {}  # id(page) -> its source's mtime (ns) when it was read


def _read(page: Page, config: MkDocsConfig, files: Files, dirty: bool) -> None:
    """MkDocs' _populate_page, noting the source's time first (see _stamp)."""
    try:
        _read_at[id(page)] = os.stat(page.file.abs_src_path).st_mtime_ns  # type: ignore[arg-type]
    except (OSError, TypeError):
        _read_at.pop(id(page), None)
    _populate_page(page, config, files, dirty)
    if page.markdown is None:  # a dirty build skipped it: its page is not written again
        _read_at.pop(id(page), None)


def _stamp(page: Page) -> None:
    """Give a built page its source's time as it was when read, not the time it
    was written: a source changed while MkDocs was building (the preview writes
    while the live server rebuilds) stays newer than its page, so the next dirty
    rebuild builds it again instead of keeping the stale page for good."""
    read_at = _read_at.pop(id(page), None)
    dest = page.file.abs_dest_path
    if read_at is not None and dest and os.path.exists(dest):
        os.utime(dest, ns=(read_at, read_at))


def populate_later(page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
    """Pages outside the navigation are read and converted just before they are
    built (build_and_forget), not all at once: MkDocs would otherwise hold the
    Markdown and HTML of every page until the last one is written."""
    _files[id(config)] = files
    if page.file.src_uri in _nav_sources(config):
        _read(page, config, files, dirty)
    else:
        _later[id(page)] = (files, dirty)


def build_and_forget(page: Page, config: MkDocsConfig, *args: object, **kwargs: object) -> None:
    """Build one page, reading it first if it was put off, and drop its text once written."""
    later = _later.pop(id(page), None)
    if later is not None:
        _read(page, config, *later)  # type: ignore[arg-type]
    elif page.content is None and page.file.is_modified():
        # A dirty rebuild (`wil serve`) that found the page unchanged when it
        # read the pages and changed when it builds them (the preview was
        # still writing its Markdown): read it now, not build it empty.
        _read(page, config, _files[id(config)], False)
    _build_page(page, config, *args, **kwargs)  # type: ignore[arg-type]
    _stamp(page)
    if later is not None:
        page.markdown = None
        page.content = None
        page.toc = TableOfContents([])


_NAV_TEMPLATE = "partials/nav.html"


def nav_once(env: jinja2.Environment) -> None:
    """Render Material's navigation once per folder for pages outside it.

    Such a page is no nav item's ancestor or item, so the sidebar marks
    nothing active and only its relative links depend on the page: they are
    the same for every page of one folder unless the page's own address is a
    prefix of a navigation item's (then it is rendered as usual)."""
    template = env.get_template(_NAV_TEMPLATE)
    render = template.root_render_func
    rendered: dict[tuple[int, str], str] = {}

    def root(context: jinja2.runtime.Context):  # type: ignore[no-untyped-def]
        page, nav = context.get("page"), context.get("nav")
        key = _folder_key(page, nav)
        if key is None:
            yield from render(context)
            return
        if key not in rendered:
            rendered[key] = "".join(render(context))
        yield rendered[key]

    template.root_render_func = root  # type: ignore[method-assign]


def _folder_key(page: object, nav: object) -> tuple[int, str] | None:
    if not isinstance(page, Page) or nav is None or page.url is None:
        return None
    if any(page is item for item in getattr(nav, "pages", ())):
        return None
    url = page.url
    if not url or any(
        (item.url or "").startswith(url)
        for item in nav.pages  # type: ignore[attr-defined]
    ):
        return None
    return id(nav), url.rstrip("/").rpartition("/")[0]


_converters: dict[int, markdown.Markdown] = {}


def render_reusing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs' Page.render (1.6), with one converter per configuration, reset
    before each page, instead of a new one for every page."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = _converters.get(id(config))
    if md is None:
        md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        _converters[id(config)] = md
    md.reset()
    pages = mkdocs.structure.pages
    raw_html_ext = pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors


def _theme_env(theme: mkdocs.theme.Theme) -> jinja2.Environment:
    env = _get_env(theme)
    env.auto_reload = False  # the theme does not change during a build: no stat of each partial at every include
    nav_once(env)
    return env


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


def main() -> None:
    mkdocs.commands.build._populate_page = populate_later  # type: ignore[assignment]
    mkdocs.commands.build._build_page = build_and_forget  # type: ignore[assignment]
    mkdocs.theme.Theme.get_env = _theme_env  # type: ignore[method-assign]
    Page.render = render_reusing  # type: ignore[method-assign]
    mkdocs.utils.write_file = write_file  # type: ignore[assignment]
    mkdocs.utils.copy_file = copy_file  # type: ignore[assignment]
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    sys.exit(cli())


if __name__ == "__main__":
    main()
