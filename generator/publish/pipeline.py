"""The build, top to bottom: load and validate, merge, split listed from
expired, report, render, configure, run MkDocs, index, swap the new site in.

A broken data file is left out and reported; everything valid is still
published. The site is built in a temporary folder next to the output and
only replaces it once complete, so a failed build (MkDocs or Pagefind
included) leaves the previous site as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from generator.export import write_exports
from generator.i18n import Msg, msg, t
from generator.layout import DEFAULT_LANGUAGE, LANGUAGES, output_dir
from generator.load.history import first_added
from generator.merge.listing import Listing, Partition, build_listings, partition
from generator.parallel import side_by_side
from generator.publish.config import configure, configured_site_url
from generator.publish.docs import handwritten_pages, write_docs
from generator.publish.facets import write_facets
from generator.publish.mkdocs_run import run_builds
from generator.publish.report import BuildReport, build_report
from generator.publish.search_index import index_site
from generator.render import urls
from generator.render.pages import render_language
from generator.render.site import SiteData
from generator.validate.region import validate_region

Progress = Callable[[Msg], None]


def _quiet(message: Msg) -> None:
    pass


@dataclass(slots=True)
class Generated:
    """Everything before MkDocs: the pages are written, the report is known."""

    build_dir: Path
    report: BuildReport
    split: Partition
    site: SiteData
    indexed: list[str] = field(default_factory=list)  # page URLs for the sitemap (the same in every language)
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class BuildResult:
    report: BuildReport
    timings: dict[str, float] = field(default_factory=dict)
    site: Path | None = None  # None when --strict refused invalid data

    @property
    def has_errors(self) -> bool:
        return self.report.totals.errors > 0


class _Clock:
    def __init__(self, progress: Progress) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress
        self.started = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.started
        self.progress(msg("progress.stage", stage=msg(f"stage.{stage}"), seconds=round(self.timings[stage], 2)))
        self.started = now


def generate(
    root: Path, build_dir: Path, today: dt.date, progress: Progress = _quiet, site_url: str | None = None
) -> Generated:
    """Every stage before MkDocs: validated, merged, split, reported, rendered."""
    site_url = (site_url or configured_site_url()).rstrip("/") + "/"
    clock = _Clock(progress)
    region = validate_region(root, today=today)
    clock.lap("validate")
    listings, dedupe = build_listings(region.opportunities, region.institutions)
    date_publications(listings, first_added(root))
    clock.lap("merge")
    split = partition(listings, today)
    report = build_report(region, listings, split, dedupe, today)
    site = SiteData.build(
        split.listed, region.institutions, today, report=report, closed=split.expired, site_url=site_url
    )
    clock.lap("expire")
    indexed: list[str] = []
    for lang, (count, urls_of_lang) in render_languages(site, build_dir).items():
        if lang == DEFAULT_LANGUAGE:
            indexed = urls_of_lang
        progress(msg("progress.rendered", count, language=msg(f"language.{lang}")))
    clock.lap("render")
    return Generated(build_dir, report, split, site, indexed, clock.timings)


def _render_one(site: SiteData, build_dir: Path, lang: str) -> tuple[int, list[str]]:
    """Render and write one language; its page count and the URLs search engines may list."""
    pages = render_language(site, lang)
    write_docs(build_dir / lang / "docs", lang, pages)
    written = [p.path for p in pages if p.indexed and p.path.endswith(".md")] + handwritten_pages(lang)
    return len(pages), [urls.page_url(path) for path in written]


def render_languages(site: SiteData, build_dir: Path) -> dict[str, tuple[int, list[str]]]:
    """Render and write every language's pages, side by side (parallel.py);
    return, for each, how many and the URLs of those search engines may list."""
    tasks = [functools.partial(_render_one, site, build_dir, lang) for lang in LANGUAGES]
    return dict(zip(LANGUAGES, side_by_side(tasks, "rendering"), strict=True))


def date_publications(listings: list[Listing], added: dict[str, dt.date]) -> None:
    """Each listing's first publication: the earliest of its files' (a file's
    `first_published`, else the day git added it; see load/history.py)."""
    for listing in listings:
        days = []
        for source in listing.sources:
            record = source.record
            own = getattr(record, "first_published", None)
            day = dt.date.fromisoformat(own) if own else added.get(source.path)
            if day is not None:
                days.append(day)
        listing.published = min(days) if days else None


def _redirects(site_dir: Path, listed: list[Listing]) -> None:
    """Old URLs of merged listings keep working: a tiny page pointing at the new one."""
    for lang in LANGUAGES:
        lang_root = output_dir(site_dir, lang)
        for listing in listed:
            for old in listing.merged_ids:
                target = lang_root / "opportunities" / urls.slug(old) / "index.html"
                if target.exists():
                    continue
                href = f"../{urls.slug(listing.id)}/"
                words = escape(t("ui.redirect", lang, href=href))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(
                    f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{listing.id}</title>'
                    f'<meta http-equiv="refresh" content="0; url={href}"><link rel="canonical" href="{href}">'
                    f'<meta name="robots" content="noindex"></head><body><p><a href="{href}">{words}</a></p></body></html>\n',
                    encoding="utf-8",
                )


def build(
    root: Path,
    out: Path,
    today: dt.date,
    *,
    strict: bool = False,
    build_dir: Path | None = None,
    site_url: str | None = None,
    progress: Progress = _quiet,
) -> BuildResult:
    """Build the whole multilingual site into `out`. Raises ToolError only if
    MkDocs or Pagefind fails; `out` is then left as it was."""
    build_dir = build_dir or root / "build"
    site_url = (site_url or configured_site_url()).rstrip("/") + "/"
    generated = generate(root, build_dir, today, progress, site_url)
    timings = generated.timings
    if strict and generated.report.totals.errors:
        return BuildResult(generated.report, timings, None)

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    try:
        # Each language builds on its own (MkDocs cleans its site_dir), then
        # moves into place under the default language's root.
        parts = {lang: staging / "parts" / lang for lang in LANGUAGES}
        configs = configure(build_dir.resolve(), parts, site_url=site_url)
        epoch = int(dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC).timestamp())
        started = time.perf_counter()
        run_builds(configs, epoch, strict, progress)
        timings["mkdocs"] = time.perf_counter() - started
        site = staging / "site"
        for lang in sorted(LANGUAGES, key=lambda x: x != DEFAULT_LANGUAGE):  # the root first
            target = output_dir(site, lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(parts[lang]), str(target))
            if lang != DEFAULT_LANGUAGE:
                # A static host serves only the root's 404.html (it speaks every
                # language); another root's copy would link as if it were the root.
                (target / "404.html").unlink(missing_ok=True)
        started = time.perf_counter()
        index_site(site, opportunities=bool(generated.split.listed))
        write_facets(
            site, generated.split.listed, today, {x.id: x.published for x in generated.split.listed if x.published}
        )
        timings["search"] = time.perf_counter() - started
        started = time.perf_counter()
        write_exports(site, generated.site, generated.indexed)
        timings["export"] = time.perf_counter() - started
        _redirects(site, generated.split.listed)
        (site / "report.json").write_text(generated.report.to_json(), encoding="utf-8")
        _swap(site, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(generated.report, timings, out)


def _swap(new: Path, out: Path) -> None:
    """Replace `out` with `new` in two renames, keeping the old site until the end."""
    old = out.with_name(f".{out.name}-previous")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
