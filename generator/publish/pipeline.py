"""The build, top to bottom: load and validate, merge, drop expired, render,
run MkDocs, swap the new site in.

A broken data file is left out and reported; everything valid is still
published. The site is built in a temporary folder next to the output and
only replaces it once complete, so a failed build leaves the previous site
as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.merge.listing import Listing, build_listings
from generator.publish import config as mkconfig
from generator.publish.docs import write_docs
from generator.publish.mkdocs_run import run_builds
from generator.publish.report import build_report, report_json, summary
from generator.publish.search_index import index_site
from generator.render import urls
from generator.render.i18n import LANGUAGES
from generator.render.pages import render_language
from generator.render.site import SiteData
from generator.validate.region import validate_region


@dataclass(slots=True)
class BuildResult:
    report: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    site: Path | None = None

    @property
    def has_errors(self) -> bool:
        return self.report["totals"]["errors"] > 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Clock:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress
        self.started = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.started
        self.progress(f"[{stage}] {self.timings[stage]:.2f} s")
        self.started = now


def generate(
    root: Path, build_dir: Path, today: dt.date, progress: Callable[[str], None] = _stderr
) -> tuple[dict[str, Path], dict[str, Any], list[Listing], dict[str, float]]:
    """Every stage before MkDocs: returns the configs to build and the report."""
    clock = _Clock(progress)
    region = validate_region(root, today=today)
    clock.lap("load+validate")
    listings, dedupe = build_listings(region.opportunities, region.institutions)
    clock.lap("merge")
    hidden = [listing for listing in listings if not listing.offers]  # every institution file invalid
    expired = [listing for listing in listings if listing.offers and listing.expired(today)]
    listed = [listing for listing in listings if listing.offers and not listing.expired(today)]
    report = build_report(region, listings, listed, expired, dedupe, hidden, today)
    site = SiteData.build(listed, region.institutions, today, report=report)
    clock.lap("expire")
    configs: dict[str, Path] = {}
    for lang in LANGUAGES:
        pages = render_language(site, lang)
        write_docs(build_dir / lang / "docs", lang, pages)
        config_path = build_dir / lang / "mkdocs.yml"
        configs[lang] = config_path
        progress(f"  {len(pages)} pages rendered ({lang})")
    clock.lap("render")
    return configs, report, listed, clock.timings


def _redirects(site_dir: Path, listed: list[Listing]) -> None:
    """Old URLs of merged listings keep working: a tiny page pointing at the new one."""
    for lang, lang_root in (("en", site_dir), ("fr", site_dir / "fr")):
        for listing in listed:
            for old in listing.merged_ids:
                target = lang_root / "opportunities" / urls.slug(old) / "index.html"
                if target.exists():
                    continue
                href = f"../{urls.slug(listing.id)}/"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(
                    f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{listing.id}</title>'
                    f'<meta http-equiv="refresh" content="0; url={href}"><link rel="canonical" href="{href}">'
                    f'</head><body><p><a href="{href}">{href}</a></p></body></html>\n',
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
    progress: Callable[[str], None] = _stderr,
) -> BuildResult:
    """Build the whole bilingual site into `out`. Raises only if the site cannot be built."""
    build_dir = build_dir or root / "build"
    configs, report, listed, timings = generate(root, build_dir, today, progress)
    if strict and report["totals"]["errors"]:
        progress(summary(report, timings))
        return BuildResult(report, timings, None)

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    try:
        for lang, config_path in configs.items():
            site_dir = staging / "en" if lang == "en" else staging / "fr"
            config = mkconfig.language_config(lang, build_dir.resolve() / lang / "docs", site_dir, site_url=site_url)
            mkconfig.write_config(config_path, config)
        epoch = int(dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC).timestamp())
        started = time.perf_counter()
        run_builds(configs, epoch, strict, progress)
        timings["mkdocs"] = time.perf_counter() - started
        site = staging / "en"
        shutil.move(str(staging / "fr"), str(site / "fr"))
        started = time.perf_counter()
        index_site(site)
        timings["search index"] = time.perf_counter() - started
        _redirects(site, listed)
        (site / "report.json").write_text(report_json(report), encoding="utf-8")
        _swap(site, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress(summary(report, timings))
    return BuildResult(report, timings, out)


def _swap(new: Path, out: Path) -> None:
    """Replace `out` with `new` in two renames, keeping the old site until the end."""
    old = out.with_name(f".{out.name}-previous")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
