"""The build, top to bottom: load and validate, merge, split listed from
expired, report, render, configure, run MkDocs, index, swap the new site in.

A broken data file is left out and reported; everything valid is still
published. The output is a link to one complete version of the site; a new
version replaces it in one rename once complete (release.py), so a failed or
killed build (MkDocs or Pagefind included) leaves the previous site as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from generator import settings
from generator.cache import CACHE_FILE, Cache, code_version, digest
from generator.export import write_exports
from generator.export.sitemap import MKDOCS_SITEMAPS
from generator.i18n import msg, t
from generator.layout import DEFAULT_LANGUAGE, LANGUAGES, absolute, prefix
from generator.load.history import first_added
from generator.merge.listing import Listing, Partition, build_listings, partition
from generator.models import RegionSettings
from generator.parallel import side_by_side
from generator.progress import Progress, Relay, Say, as_progress
from generator.publish.config import configure, configured_site_url
from generator.publish.docs import DocsChange, handwritten_pages, search_path, write_docs
from generator.publish.engine import Builds, Engine, engine_named
from generator.publish.facets import language_facets
from generator.publish.release import Release
from generator.publish.report import BuildReport, build_report
from generator.publish.search_index import Indexing, index_site
from generator.render import urls
from generator.render.pages import render_language
from generator.render.site import SiteData
from generator.tree import Folder, Source, Stamp
from generator.validate.region import Region, discover, validate_region


@dataclass(slots=True)
class Generated:
    """Everything before MkDocs: the pages are written, the report is known."""

    build_dir: Path
    report: BuildReport
    split: Partition
    site: SiteData
    indexed: list[str] = field(default_factory=list)  # page URLs for the sitemap (the same in every language)
    timings: dict[str, float] = field(default_factory=dict)
    docs: dict[str, DocsChange] = field(default_factory=dict)  # what changed in each language's docs folder


@dataclass(slots=True)
class BuildResult:
    report: BuildReport
    timings: dict[str, float] = field(default_factory=dict)
    site: Path | None = None  # None when --strict refused invalid data

    @property
    def has_errors(self) -> bool:
        return self.report.totals.errors > 0


class _Clock:
    """Each stage's seconds, and its start and end told to the progress display."""

    def __init__(self, progress: Progress) -> None:
        self.timings: dict[str, float] = {}
        self.progress = progress
        self.started = time.perf_counter()

    def start(self, stage: str, total: int | None = None) -> None:
        self.started = time.perf_counter()
        self.progress.start(msg(f"stage.{stage}"), total)

    def lap(self, stage: str) -> None:
        self.timings[stage] = time.perf_counter() - self.started
        self.progress.finish()


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What one build is about, passed down to each step instead of read from
    module globals: two builds in one process (tests, `wil serve`) never
    share anything but caches keyed by their inputs. The region's settings
    are also in use for messages while the build runs (settings.using)."""

    root: Path
    today: dt.date
    build_dir: Path
    site_url: str  # with a final slash
    progress: Progress
    region: RegionSettings | None = None
    use_cache: bool = True
    strict: bool = False


@contextmanager
def building(
    root: Path,
    today: dt.date,
    build_dir: Path,
    site_url: str | None = None,
    progress: Progress | Say | None = None,
    *,
    use_cache: bool = True,
    strict: bool = False,
) -> Iterator[BuildContext]:
    """A build's context, with its region's settings in use within the block."""
    with settings.using_root(root, today) as region:
        url = (site_url or configured_site_url()).rstrip("/") + "/"
        yield BuildContext(root, today, build_dir, url, as_progress(progress), region, use_cache, strict)


def generate(
    root: Path,
    build_dir: Path,
    today: dt.date,
    progress: Progress | Say | None = None,
    site_url: str | None = None,
    *,
    use_cache: bool = True,
    languages: tuple[str, ...] = LANGUAGES,
    preserve: frozenset[str] = frozenset(),
) -> Generated:
    """Every stage before MkDocs (see `generate_in`), in a context of its own."""
    with building(root, today, build_dir, site_url, progress, use_cache=use_cache) as ctx:
        return generate_in(ctx, languages, preserve)


def generate_in(
    ctx: BuildContext, languages: tuple[str, ...] = LANGUAGES, preserve: frozenset[str] = frozenset()
) -> Generated:
    """Every stage before MkDocs: validated, merged, split, reported, rendered
    (in `languages`; `wil serve` previews one). With `use_cache`, files
    checked and pages rendered by an earlier build from the same bytes come
    from `build/cache.sqlite` (cache.py)."""
    clock = _Clock(ctx.progress)
    cache = Cache(ctx.build_dir / CACHE_FILE) if ctx.use_cache else None
    region = _validate(ctx, clock, cache)
    clock.start("merge")
    listings, dedupe = build_listings(region.opportunities, region.institutions)
    date_publications(listings, first_added(ctx.root))
    clock.lap("merge")
    clock.start("expire")
    split = partition(listings, ctx.today, dedupe.rows)
    report = build_report(region, listings, split, dedupe, ctx.today)
    site = _site_data(ctx, region, split, report, cache, preserve)
    clock.lap("expire")
    clock.start("render", len(site.listings) + len(site.closed))
    changes = render_languages(site, ctx.build_dir, languages, ctx.progress.advance)
    clock.lap("render")
    for lang, change in changes.items():
        ctx.progress(msg("progress.rendered", change.pages, language=msg(f"language.{lang}")))
    indexed = [urls.page_url(path) for path in changes[languages[0]].indexed]
    return Generated(ctx.build_dir, report, split, site, indexed, clock.timings, changes)


def _validate(ctx: BuildContext, clock: _Clock, cache: Cache | None) -> Region:
    files = discover(ctx.root)
    clock.start("validate", len(files))
    region = validate_region(ctx.root, today=ctx.today, cache=cache, found=files, tick=ctx.progress.advance)
    if cache is not None:
        cache.flush()
    clock.lap("validate")
    return region


def _site_data(
    ctx: BuildContext,
    region: Region,
    split: Partition,
    report: BuildReport,
    cache: Cache | None,
    preserve: frozenset[str],
) -> SiteData:
    """What the pages are rendered from, with the fingerprint of everything
    every page depends on (the code, the day, the address, the institutions
    and the region file)."""
    site = SiteData.build(
        split.listed, region.institutions, ctx.today, report=report, closed=split.expired, site_url=ctx.site_url
    )
    site.cache = cache
    site.region = ctx.region
    site.proposals = [p for p in region.proposals if p.status == "open"]
    site.written = functools.partial(_still_written, ctx.build_dir)
    site.preserved = preserve
    institution_files = [f"{f.path}:{f.digest}" for f in region.files if f.kind == "institution"]
    region_file = [f"{f.path}:{f.digest}" for f in region.files if f.kind == "region"]  # names every page
    site.fingerprint = digest(code_version(), ctx.today.isoformat(), ctx.site_url, *institution_files, *region_file)
    return site


def _render_one(site: SiteData, build_dir: Path, lang: str, tick: Callable[[int], None] | None = None) -> DocsChange:
    """Render and write one language's docs folder; `tick` for each opportunity page."""
    docs, search = build_dir / lang / "docs", build_dir / lang / "search"
    change = write_docs(docs, lang, render_language(site, lang), search, tick, preserve=site.preserved)
    if site.cache is not None:
        site.cache.flush()
    change.indexed += handwritten_pages(lang)
    return change


def _still_written(build_dir: Path, lang: str, page: str) -> bool:
    """Whether an earlier build's files for a page are still in place: its docs
    file and, for an opportunity, its search document."""
    docs = build_dir / lang / "docs" / page
    return docs.is_file() and (build_dir / lang / "search" / search_path(lang, page)).is_file()


def render_languages(
    site: SiteData,
    build_dir: Path,
    languages: tuple[str, ...] = LANGUAGES,
    tick: Callable[[int], None] | None = None,
) -> dict[str, DocsChange]:
    """Render and write each language's pages, side by side, each in a forked
    copy of this process (parallel.py): what rendering allocates (fragments,
    the templates' scratch) leaves with it. The first language's pages are
    the ones counted by `tick`."""
    with Relay(tick or (lambda count: None)) as relay:
        tasks = [
            functools.partial(_render_one, site, build_dir, lang, relay.tick if n == 0 and tick else None)
            for n, lang in enumerate(languages)
        ]
        results = side_by_side(tasks, "rendering", all_forked=True)
    return dict(zip(languages, results, strict=True))


def date_publications(listings: list[Listing], added: dict[str, dt.date]) -> None:
    """Each listing's first publication: the earliest of its owner's files' (a
    file's `first_published`, else the day git added it; see load/history.py).
    Another institution's file merged in by its own `same_as` cannot backdate
    the owner's listing."""
    for listing in listings:
        days = []
        owner = next((s.folder for s in listing.sources if s.record is listing.record), None)
        for source in listing.sources:
            if owner is not None and source.folder != owner:
                continue
            record = source.record
            own = getattr(record, "first_published", None)
            day = dt.date.fromisoformat(own) if own else added.get(source.path)
            if day is not None:
                days.append(day)
        listing.published = min(days) if days else None


def _redirects(out: Folder, docs: dict[str, Path], listed: list[Listing], site_url: str) -> None:
    """Old URLs of merged listings keep working: a tiny page pointing at the new
    one (unless a page of its own is there: `docs`, each language's Markdown
    MkDocs builds the pages from). Its canonical address is absolute, as search
    engines read it; the refresh and the link stay relative (any host, any path)."""
    for lang in LANGUAGES:
        for listing in listed:
            for old in listing.merged_ids:
                rel = f"opportunities/{urls.slug(old)}/index.html"
                if (docs[lang] / urls.opportunity(old)).exists():
                    continue
                href = f"../{urls.slug(listing.id)}/"
                canonical = escape(absolute(site_url, lang, urls.page_url(urls.opportunity(listing.id))))
                words = escape(t("ui.redirect", lang, href=href))
                title = escape(t("ui.redirect_title", lang))
                out.put(
                    prefix(lang) + rel,
                    f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
                    f'<meta http-equiv="refresh" content="0; url={href}"><link rel="canonical" href="{canonical}">'
                    f'<meta name="robots" content="noindex"></head><body><main><h1>{title}</h1>'
                    f'<p><a href="{href}">{words}</a></p></main></body></html>\n',
                )


def build(
    root: Path,
    out: Path,
    today: dt.date,
    *,
    strict: bool = False,
    build_dir: Path | None = None,
    site_url: str | None = None,
    progress: Progress | Say | None = None,
    use_cache: bool = True,
    engine: str | None = None,
) -> BuildResult:
    """Build the whole multilingual site into `out`. Raises ToolError only if
    the engine or Pagefind fails; `out` is then left as it was.

    Every output lives in build/ between builds: MkDocs' pages per language
    (build/<lang>/site: the next build rebuilds only the pages whose Markdown
    changed, unless the configuration or this program changed, or
    `use_cache` is off), each language's search bundle (build/pagefind-parts,
    redone only when its search documents changed), what joins them into one
    bundle (build/pagefind: the entry file naming every language, the facet
    tables) and the exports (build/extra), each file replaced only when its
    bytes change. The engine (publish/engine.py: MkDocs unless `engine`
    names another), the exports and Pagefind run at the same time (on a big
    site Pagefind waits for the exports: see `_site_parts`). Each version of
    the site holds their files as hard links (generator/tree.py), and `out`
    is switched to a new complete version in one rename (release.py): a
    first build puts its version together as each part is ready; a later
    one once all are done, and not at all if nothing changed."""
    build_dir = (build_dir or root / "build").resolve()
    with building(root, today, build_dir, site_url, progress, use_cache=use_cache, strict=strict) as ctx:
        generated = generate_in(ctx)
        if strict and generated.report.totals.errors:
            return BuildResult(generated.report, generated.timings, None)
        out = out.parent.resolve() / out.name  # the link readers use, not the version it points at
        engine_run = _EngineRun.prepare(ctx, generated, engine_named(engine))
        with _Versions(Release(out), build_dir) as versions:
            started = time.perf_counter()
            ctx.progress.start(msg("stage.site"))
            indexing, facet_files = _site_parts(ctx, generated, engine_run, versions, started)
            engine_run.remember()
            search = _search_bundle(ctx, generated, engine_run, indexing, facet_files, versions.staging)
            generated.timings["search"] = time.perf_counter() - started
            ctx.progress.finish()
            ctx.progress.start(msg("stage.publish"))
            versions.publish(search, [*search, (build_dir / "extra", "", ()), *engine_run.outputs()])
            generated.timings["publish"] = time.perf_counter() - started
            ctx.progress.finish()
        if generated.site.cache is not None:
            generated.site.cache.flush()
            generated.site.cache.prune()
    return BuildResult(generated.report, generated.timings, out)


@dataclass(slots=True)
class _EngineRun:
    """The engine's part of a build: its configuration per language, and
    whether each language's earlier pages can be rebuilt in place (`dirty`)."""

    ctx: BuildContext
    used: Engine
    configs: dict[str, Path]
    parts: dict[str, Path]  # build/<lang>/site: each language's pages as built
    epoch: int
    states: dict[str, str]
    stamps: dict[str, Stamp]
    dirty: frozenset[str]

    @classmethod
    def prepare(cls, ctx: BuildContext, generated: Generated, used: Engine) -> _EngineRun:
        """A dirty rebuild only where the same engine, configuration and program
        built the pages before; what it built from docs now gone is removed."""
        parts = {lang: ctx.build_dir / lang / "site" for lang in LANGUAGES}
        configs = configure(ctx.build_dir, parts, site_url=ctx.site_url)
        epoch = int(dt.datetime.combine(ctx.today, dt.time(), tzinfo=dt.UTC).timestamp())
        states = {lang: _engine_state(used.name, configs[lang], epoch, ctx.strict) for lang in LANGUAGES}
        stamps = {lang: Stamp(ctx.build_dir / lang / ".wil-build-state") for lang in LANGUAGES}
        dirty = frozenset(
            lang for lang in LANGUAGES if ctx.use_cache and parts[lang].is_dir() and stamps[lang].matches(states[lang])
        )
        for lang in LANGUAGES:
            stamps[lang].forget()  # until this build of it succeeds
            if lang in dirty:
                _remove_outputs(parts[lang], generated.docs[lang].removed)
        return cls(ctx, used, configs, parts, epoch, states, stamps, dirty)

    def start(self) -> Builds:
        return Builds(self.configs, self.epoch, self.ctx.strict, self.ctx.progress, self.dirty, self.used)

    def remember(self) -> None:
        """Each language's pages are complete: the next build may rebuild them in place."""
        for lang in LANGUAGES:
            self.stamps[lang].write(self.states[lang])

    def output(self, lang: str) -> Source:
        return _site_part(self.parts, lang)

    def outputs(self) -> list[Source]:
        return [self.output(lang) for lang in LANGUAGES]


class _Versions:
    """The new version of the site, put together as parts are ready where
    there is no site yet, else at the end unless nothing changed; published
    in one rename once complete (release.py). A failed build leaves no half
    version and no staging folder behind."""

    def __init__(self, release: Release, build_dir: Path) -> None:
        self.release = release
        self.build_dir = build_dir
        self.staging = build_dir  # a folder of its own on entry
        self.assembling: Path | None = None  # the version being put together, if any

    def __enter__(self) -> _Versions:
        self.staging = Path(tempfile.mkdtemp(prefix=".building-", dir=self.build_dir))
        self.assembling = self.release.start() if self.release.current() is None else None
        return self

    def ready(self, sources: list[Source]) -> None:
        """Parts complete: into a first version at once."""
        if self.assembling is not None:
            self.release.assemble(sources, self.assembling)

    def publish(self, last: list[Source], everything: list[Source]) -> None:
        """The `last` parts into a first version, or `everything` into a new
        one if anything changed; then the switch."""
        if self.assembling is not None:
            self.ready(last)
        elif not self.release.up_to_date(everything):
            self.assembling = self.release.start()
            self.ready(everything)
        if self.assembling is not None:
            self.release.switch(self.assembling)
            self.assembling = None

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.assembling is not None:  # a failed build leaves no half version
            self.release.abandon(self.assembling)


def _site_parts(
    ctx: BuildContext, generated: Generated, engine_run: _EngineRun, versions: _Versions, started: float
) -> tuple[Indexing | None, dict[str, bytes]]:
    """The engine's pages, the exports and (with the exports) the search index,
    side by side. Pagefind holds its whole index in memory (1.3 GB for one
    language of 18,000 pages): on a big site it starts once the exports are
    done, one language at a time; on a small one, at once, all together."""
    build_dir, timings = ctx.build_dir, generated.timings
    builds = engine_run.start()
    search_roots = {lang: build_dir / lang / "search" for lang in LANGUAGES}
    listed = generated.split.listed
    small = len(listed) <= SMALL_SITE
    redo = {lang for lang in LANGUAGES if not ctx.use_cache or generated.docs[lang].searched}
    index = functools.partial(Indexing, search_roots, build_dir / "pagefind-parts", redo)
    indexing = index(together=True) if listed and small else None
    try:
        # The exports in a forked copy: what they allocate leaves with it.
        export = functools.partial(write_exports, build_dir / "extra", generated.site, generated.indexed)
        written = side_by_side([export], "exports", all_forked=True)[0]
        timings["export"] = time.perf_counter() - started
        if listed and not small:
            indexing = index()
        _extra(ctx, generated, written)
        versions.ready([(build_dir / "extra", "", ())])
        # Each language's facet table as soon as its index is done (while the next one is indexed).
        facet_files: dict[str, bytes] = {}
        if indexing is not None:
            published = _published(listed)
            for lang in LANGUAGES:
                facet_files |= language_facets(indexing.wait(lang), lang, listed, ctx.today, published)
        builds.wait(each=lambda lang: versions.ready([engine_run.output(lang)]))
        timings["mkdocs"] = time.perf_counter() - started
    except BaseException:
        builds.stop()
        if indexing is not None:
            indexing.stop()
        raise
    return indexing, facet_files


def _published(listed: list[Listing]) -> dict[str, dt.date]:
    return {x.id: x.published for x in listed if x.published}


def _extra(ctx: BuildContext, generated: Generated, written: set[str]) -> None:
    """What the site needs besides the engine's pages and the exports: the
    redirects of merged listings and the build report (build/extra)."""
    extra = Folder(ctx.build_dir / "extra")
    extra.kept |= written
    docs = {lang: ctx.build_dir / lang / "docs" for lang in LANGUAGES}
    _redirects(extra, docs, generated.split.listed, ctx.site_url)
    extra.put("report.json", generated.report.to_json())
    extra.sweep()


def _search_bundle(
    ctx: BuildContext,
    generated: Generated,
    engine_run: _EngineRun,
    indexing: Indexing | None,
    facet_files: dict[str, bytes],
    staging: Path,
) -> list[Source]:
    """build/pagefind: the entry file and the facet tables (the languages'
    bundles are published from build/pagefind-parts as they are). With no
    listing, the engine's pages of the default language are indexed."""
    head = Folder(ctx.build_dir / "pagefind")
    if indexing is not None:
        search = indexing.finish(head)
    else:
        bundle = staging / "pagefind"
        index_site(engine_run.parts[DEFAULT_LANGUAGE], bundle)
        listed = generated.split.listed
        for lang in LANGUAGES:
            facet_files |= language_facets(bundle, lang, listed, ctx.today, _published(listed))
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                head.put(path.relative_to(bundle).as_posix(), path.read_bytes())
        search = [(head.root, "pagefind/", ())]
    for name, data in facet_files.items():
        head.put(name, data)
    head.sweep()
    return search


def _site_part(parts: dict[str, Path], lang: str) -> Source:
    """One language's pages, as the engine built them, for publishing (each
    language has its own 404 page; a host that serves one for the whole site
    serves the root's, which shows the reader's language: 404.html)."""
    return parts[lang], prefix(lang), MKDOCS_SITEMAPS


SMALL_SITE = 8000  # listings up to which Pagefind indexes every language at once (memory stays under 1 GB)


def _engine_state(name: str, config: Path, epoch: int, strict: bool) -> str:
    """A dirty rebuild is exact only with the same engine, configuration, theme and program."""
    return digest(name, code_version(), config.read_bytes(), str(epoch), str(strict))


def _remove_outputs(folder: Path, removed_docs: list[str]) -> None:
    """What MkDocs built from docs that are gone (a dirty build never deletes)."""
    for rel in removed_docs:
        output = folder / (urls.page_url(rel) + "index.html" if rel.endswith(".md") else rel)
        output.unlink(missing_ok=True)
        parent = output.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
