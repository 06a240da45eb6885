"""Benchmark the full bilingual build on synthetic regions. Prints figures;
asserts nothing.

    python -m benchmarks.bench_build               # 1,000 and 5,000 opportunities
    python -m benchmarks.bench_build 20000         # any sizes
    python -m benchmarks.bench_build --dedupe 100000   # de-duplication alone
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import tempfile
import time
from pathlib import Path

from benchmarks.synth import records, write_region
from generator.build.pipeline import build
from generator.merge.dedupe import Candidate, deduplicate

TODAY = dt.date(2026, 11, 22)


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def bench_build(count: int, workdir: Path) -> None:
    root = write_region(workdir / f"region-{count}", count)
    out = workdir / f"site-{count}"
    started = time.perf_counter()
    result = build(root, out, TODAY, progress=lambda message: None)
    total = time.perf_counter() - started
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    files, size = _size(out)
    listed = result.report["totals"]["listed"]
    pages = sorted((out / "opportunities").glob("*/index.html"))
    page_sizes = sorted(p.stat().st_size for p in pages)
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
    print(f"== {count} opportunities ({listed} listed after merging and expiry), both languages")
    print(f"   total {total:.1f} s = {total / count * 1000:.1f} ms per opportunity; stages: {stages}")
    print(
        f"   peak memory: generator {self_mb:.0f} MB, largest mkdocs process {child_mb:.0f} MB "
        f"(two run at once: at most {self_mb + 2 * child_mb:.0f} MB together)"
    )
    print(
        f"   site: {files} files, {size / 1e6:.1f} MB; opportunity page HTML: "
        f"median {page_sizes[len(page_sizes) // 2] / 1024:.1f} KB, largest {page_sizes[-1] / 1024:.1f} KB"
    )


def bench_dedupe(count: int) -> None:
    data = records(count)
    candidates = [
        Candidate(
            r["id"],
            r["title"].get("en"),
            r["title"].get("fr"),
            r["host"]["name"],
            r["wil_type"],
            r.get("start_date"),
            r.get("end_date"),
            r.get("application_deadline"),
        )
        for r in data
    ]
    started = time.perf_counter()
    result = deduplicate(candidates)
    elapsed = time.perf_counter() - started
    merged = sum(len(g) - 1 for g in result.groups)
    print(
        f"== de-duplication of {count} records: {elapsed:.2f} s "
        f"({merged} merged, {len(result.probable)} pairs for review)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--dedupe", type=int, default=0, help="benchmark de-duplication of N records instead")
    args = parser.parse_args()
    if args.dedupe:
        bench_dedupe(args.dedupe)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            bench_build(count, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
