"""Where a built site's bytes and files go, per listing (issue 25: a
province must fit a static host's limits, e.g. GitHub Pages' 1 GB and
Cloudflare Pages' 20,000 files per deployment).

    python -m benchmarks.bench_size 5000 20000      # build synthetic regions, then measure
    python -m benchmarks.bench_size --site site/    # measure a site already built

Each file falls in the first kind whose pattern matches its path (the
language folder removed); the table gives files, bytes, gzip bytes (what a
host that compresses sends) and both per listing, largest first.
"""

from __future__ import annotations

import argparse
import gzip
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

KINDS: tuple[tuple[str, str], ...] = (
    ("opportunity page", r"^opportunities/[^/]+/index\.html$"),
    ("opportunity calendar", r"^opportunities/[^/]+/[^/]+\.ics$"),
    ("search fragment", r"^pagefind/fragment/"),
    ("search index", r"^pagefind/(index|filter)/"),
    ("search runtime", r"^pagefind/"),
    ("open data", r"^data/"),
    ("sitemap", r"^sitemap[^/]*\.xml(\.gz)?$"),
    ("feeds", r"^feeds/"),
    ("list calendars", r"^calendars/"),
    ("theme assets", r"^assets/"),
    ("report", r"^report\.json$"),
    ("list and other pages", r"\.html$"),
    ("other", r""),
)
LANGUAGE = re.compile(r"^(fr|[a-z]{2})/")


@dataclass
class Tally:
    files: int = 0
    size: int = 0
    gzipped: int = 0


def kind_of(relative: str) -> str:
    """The kind of a file from its path, a language's folder ignored."""
    path = LANGUAGE.sub("", relative, count=1)
    return next(name for name, pattern in KINDS if re.search(pattern, path))


def measure(site: Path) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        tally = tallies[kind_of(path.relative_to(site).as_posix())]
        tally.files += 1
        tally.size += len(data)
        tally.gzipped += len(gzip.compress(data, 6, mtime=0))
    return tallies


def report(site: Path, listings: int) -> None:
    tallies = measure(site)
    files = sum(t.files for t in tallies.values())
    size = sum(t.size for t in tallies.values())
    zipped = sum(t.gzipped for t in tallies.values())
    print(
        f"== {site}: {listings} listings, {files} files ({files / listings:.2f} per listing), "
        f"{size / 1e6:.1f} MB ({size / listings / 1024:.1f} KB per listing), gzip {zipped / 1e6:.1f} MB"
    )
    print(f"   {'kind':<22} {'files':>8} {'per listing':>11} {'MB':>8} {'KB/listing':>10} {'gzip MB':>8}")
    for name, t in sorted(tallies.items(), key=lambda item: -item[1].size):
        print(
            f"   {name:<22} {t.files:>8} {t.files / listings:>11.2f} {t.size / 1e6:>8.1f} "
            f"{t.size / listings / 1024:>10.2f} {t.gzipped / 1e6:>8.1f}"
        )
    pages = sorted(p.stat().st_size for p in site.glob("opportunities/*/index.html"))
    if pages:
        print(f"   opportunity page: median {pages[len(pages) // 2] / 1024:.1f} KB, largest {pages[-1] / 1024:.1f} KB")


def main() -> int:
    parser = argparse.ArgumentParser(description="Bytes and files of a built site, per listing.")
    parser.add_argument("sizes", nargs="*", type=int, default=[])
    parser.add_argument("--site", type=Path, help="a site already built (its listings are counted from its pages)")
    args = parser.parse_args()
    if args.site:
        report(args.site, max(1, len(list(args.site.glob("opportunities/*/index.html")))))
    if args.sizes:
        from benchmarks.bench_build import TODAY
        from benchmarks.synth import write_region
        from generator.publish.pipeline import build

        with tempfile.TemporaryDirectory() as tmp:
            for count in args.sizes:
                root = write_region(Path(tmp) / f"region-{count}", count)
                result = build(root, Path(tmp) / f"site-{count}", TODAY, progress=lambda message: None)
                assert result.site is not None
                report(result.site, result.report.totals.listed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
