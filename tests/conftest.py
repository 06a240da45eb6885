"""Shared helpers: build small throw-away regions from fixture files, so the
real loader and validator run on real files in real folders."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import paths, settings
from generator.load.history import first_added
from generator.merge.listing import Listing, Partition, build_listings, partition
from generator.publish.pipeline import build, date_publications
from generator.validate.region import Region, validate_region

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the repository checkout


FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2026-11-22"  # the date every test treats as today, so results never drift
DAY = dt.date.fromisoformat(TODAY)

_EXPECT = re.compile(rb"^# (expect|expect-warning): ([a-z0-9-]+) (\d+):(\d+)\s*$", re.MULTILINE)
_PLACE = re.compile(rb"^# place: (\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    """A fixture file and what it must produce."""

    source: Path
    place: str
    errors: frozenset[tuple[str, int, int]]
    warnings: frozenset[tuple[str, int, int]]

    @property
    def name(self) -> str:
        return self.source.stem


def read_case(path: Path) -> Case:
    raw = path.read_bytes()
    errors, warnings = set(), set()
    for kind, code, line, col in _EXPECT.findall(raw):
        (errors if kind == b"expect" else warnings).add((code.decode(), int(line), int(col)))
    place = _PLACE.search(raw)
    where = place.group(1).decode() if place else f"opportunities/ucalgary/ucalgary-{path.stem.replace('_', '-')}.yaml"
    return Case(path, where, frozenset(errors), frozenset(warnings))


def copy_sample(root: Path) -> Path:
    """A copy of this repository's sample region (institutions, opportunities, region file) to edit."""
    for folder in (paths.INSTITUTIONS_DIR, paths.OPPORTUNITIES_DIR):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    shutil.copyfile(PROJECT_ROOT / "region.yaml", root / "region.yaml")
    return root


def cases(folder: str) -> list[Case]:
    return [read_case(p) for p in sorted((FIXTURES / folder).iterdir()) if p.suffix in (".yaml", ".yml")]


def make_region(root: Path, *extra: Case) -> Path:
    """The region file, the seven real institutions, the reference record, and the given cases."""
    shutil.copytree(PROJECT_ROOT / "institutions", root / "institutions")
    shutil.copyfile(PROJECT_ROOT / "region.yaml", root / "region.yaml")
    base = read_case(FIXTURES / "valid" / "base-valid.yaml")
    for case in (base, *extra):
        target = root / case.place
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case.source, target)
    return root


@pytest.fixture
def region(tmp_path: Path) -> Path:
    return make_region(tmp_path / "region")


def wil(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str = ""
) -> subprocess.CompletedProcess[str]:
    """A `wil` command run in this process (`cli.main`, as click's CliRunner
    does): its standard streams captured, `cwd`, `env` and standard input as
    given for its length. The real command line, parser and exit codes, at a
    fraction of a new interpreter's cost; a few tests still spawn `wil` itself
    (installed-hook and hang tests)."""
    from generator import cli

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd, saved_stdin = dict(os.environ), Path.cwd(), sys.stdin
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = io.StringIO(input)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as stop:  # argparse: --help, a wrong argument
                code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["wil", *args], code, out.getvalue(), err.getvalue())


@functools.cache
def sample_region() -> Region:
    """The shipped region, validated once for every test that reads it."""
    return validate_region(PROJECT_ROOT, today=DAY)


# The sample's one opportunity that two institutions list without `same_as`:
# Bow Valley College and MRU post the same micro-internship, both linking to the
# credit union's own posting. The real linkage groups them (no test double): the
# build and browser tests read the row as readers see it.
SAMPLE_ROW = ("bowvalley-saddle-peak-member-research-micro-internship", "mru-credit-union-micro-internship")


@functools.cache
def sample_partition() -> Partition:
    """What the sample site lists on the tests' day, by the rule the build uses,
    with the rows readers see (the linkage's groups: `Listing.also`)."""
    region = sample_region()
    listings, result = build_listings(region.opportunities, region.institutions)
    date_publications(listings, first_added(PROJECT_ROOT))
    return partition(listings, DAY, result.rows)


def listed_today() -> tuple[Listing, ...]:
    """What the sample site lists on the tests' day (every page)."""
    return tuple(sample_partition().listed)


def rows_today() -> list[list[Listing]]:
    """The same as readers see it: one row per opportunity, its lead first."""
    return sample_partition().rows


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped region built once (real MkDocs and Pagefind) for the build and browser tests."""
    work = tmp_path_factory.mktemp("sample")
    result = build(PROJECT_ROOT, work / "site", DAY, build_dir=work / "build", progress=lambda m: None)
    assert result.site is not None
    return result.site


def pytest_configure(config: pytest.Config) -> None:
    """Under mutation testing (mutmut's runs set MUTANT_UNDER_TEST, its first
    clean run to an empty value), the build's forked pieces (exports,
    rendering, validation waves) run in this process: mutmut traces which
    tests reach which code here only. Set per session, not at import: mutmut
    runs several sessions in one process and imports this file once."""
    if "MUTANT_UNDER_TEST" in os.environ:
        os.environ["WIL_SERIAL"] = "1"


# Under mutation, the small tests that state the rules run first: mutmut stops a
# mutant's run at its first failing test, in the order given here.
_RULES_FIRST = (
    "test_region_file.py",
    "test_rule_boundaries.py",
    "test_cross_file_rules.py",
    "test_fields_units.py",
    "test_columns_units.py",
    "test_exports.py",
    "test_facets.py",
    "test_fixtures.py",
    "test_listing_units.py",
    "test_linkage_features.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("MUTANT_UNDER_TEST"):
        rank = {name: i for i, name in enumerate(_RULES_FIRST)}
        items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def per_test_under_mutation(fixture_name: str, config: pytest.Config) -> str:
    """A fixture's scope: shared normally, each test's own in mutmut's tracing
    run (MUTANT_UNDER_TEST=stats). mutmut credits what a shared fixture runs
    to the one test that first asked for it, so the tests that reuse it would
    never be run on those mutants. A mutant's own run shares it again: within
    it every call is the mutant's."""
    return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else "session"


@pytest.fixture(scope="session", autouse=True)
def _the_sample_region_in_use() -> Iterator[None]:
    """Every test reads the shipped region's names and address, as a build of
    this repository would (settings.using); a test of another region opens
    its own `with settings.using_root(...)` block, which ends with it."""
    with settings.using_root(PROJECT_ROOT, DAY):
        yield


_CACHES_EMPTIED_FOR: list[str] = []


@pytest.fixture(autouse=True)
def _fresh_merge_caches() -> None:
    """Under mutation testing (mutmut sets MUTANT_UNDER_TEST), each mutant's
    run starts with the caches of the code under mutation empty: a worker
    forked after the first run would otherwise reuse what the unmutated code
    computed, and no mutant behind a cache could ever be killed. Once per
    mutant, not per test: what the mutant's own first test caches is the
    mutant's result (and re-validating the sample for every test made a
    surviving mutant of the validator cost a minute). A normal run keeps them
    (they hold the same)."""
    mutant = os.environ.get("MUTANT_UNDER_TEST")
    if not mutant or (mutant != "stats" and [mutant] == _CACHES_EMPTIED_FOR):
        return  # mutmut's tracing run ("stats") empties them before every test: see per_test_under_mutation
    _CACHES_EMPTIED_FOR[:] = [mutant]
    mutated = ("generator.merge.", "generator.validate.", "generator.export", "generator.publish.facets")
    for name, module in list(sys.modules.items()):
        if name.startswith(mutated):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    for cached in (sample_region, sample_partition):  # validated and merged by the code under test, again
        cached.cache_clear()
