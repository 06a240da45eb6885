"""Seconds from one edited data file to the changed page: `wil build` again,
and `wil serve` showing it. Prints figures; asserts nothing.

    python -m benchmarks.bench_incremental            # 5,000 opportunities
    python -m benchmarks.bench_incremental 20000

A synthetic region is built once in full (timed too), then one opportunity's
description is edited and the site rebuilt: the cached build, then a build
with the cache deleted, compared file by file. Then `wil serve` runs on the
same region; the script edits the file again and polls the served page
until the new words appear.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.synth import write_region
from generator.publish.config import configured_site_url
from generator.publish.languages_proxy import free_port
from generator.publish.pipeline import build
from generator.publish.search_index import unstable

TODAY = dt.date(2026, 11, 22)


def _edit(path: Path, words: str) -> None:
    text = path.read_text("utf-8")
    marker = "description:\n  en: "
    assert marker in text, path
    path.write_text(text.replace(marker, f"{marker}{words} ", 1), "utf-8")


def _timed(root: Path, out: Path, build_dir: Path, **kwargs: object) -> float:
    started = time.perf_counter()
    result = build(root, out, TODAY, build_dir=build_dir, progress=lambda m: None, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
    print(f"      ({stages})")
    return elapsed


def _same(a: Path, b: Path) -> tuple[int, list[str]]:
    """Files compared byte for byte, and those that differ (Pagefind's unstable ones left out)."""
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and not unstable(p.relative_to(a).as_posix()))
    other = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and not unstable(p.relative_to(b).as_posix()))
    differ = [str(p) for p in files if p in set(other) and not filecmp.cmp(a / p, b / p, shallow=False)]
    return len(files), differ + [str(p) for p in set(files) ^ set(other)]


def _serve_latency(root: Path, target: Path, listing_id: str) -> float | None:
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", "--root", str(root), "--today", TODAY.isoformat()]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    path = urlsplit(configured_site_url()).path
    url = f"http://127.0.0.1:{port}{path}opportunities/{listing_id}/"
    try:
        deadline = time.time() + 600
        while time.time() < deadline:  # the first full preview
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(2)
        words = f"Served edit {time.time_ns()}"
        _edit(target, words)
        started = time.perf_counter()
        while time.perf_counter() - started < 120:
            try:
                if words in urllib.request.urlopen(url, timeout=2).read().decode("utf-8"):
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.05)
        return None
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description="One edited file: rebuild and preview times.")
    parser.add_argument("count", nargs="?", type=int, default=5000)
    parser.add_argument("--no-serve", action="store_true", help="skip the `wil serve` measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = write_region(work / "region", args.count)
        target = sorted((root / "opportunities").rglob("*.yaml"))[
            len(list((root / "opportunities").rglob("*.yaml"))) // 2
        ]
        print(f"== {args.count} opportunities; the edited file: {target.relative_to(root)}")
        print(f"   full build, empty cache: {_timed(root, work / 'site', work / 'build'):.1f} s")
        print(f"   again, nothing changed: {_timed(root, work / 'site', work / 'build'):.1f} s")
        _edit(target, "Edited for the benchmark.")
        print(f"   after one edited file, with the cache: {_timed(root, work / 'site', work / 'build'):.1f} s")
        clean = _timed(root, work / "clean-site", work / "clean-build")
        print(f"   the same data, cache deleted: {clean:.1f} s")
        count, differ = _same(work / "site", work / "clean-site")
        print(f"   cached site vs clean site: {count} files, {len(differ)} differ {differ[:5]}")
        shutil.rmtree(work / "clean-build")
        if not args.no_serve:
            latency = _serve_latency(root, target, target.stem)
            shown = f"{latency:.2f} s" if latency is not None else "not within 120 s"
            print(f"   `wil serve`: the edited page served with the new words after {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
