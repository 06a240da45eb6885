"""The floor of each build stage: what the same files cost with nothing but
that stage's own work, to compare with `bench_build`'s stage times (see
benchmarks/README.md). Prints figures; asserts nothing.

    python -m benchmarks.bench_floors 5000

- validate: read every data file and parse its YAML (libyaml), nothing else;
- render: write the very Markdown files the build wrote, nothing else;
- MkDocs: `mkdocs build` of the same Markdown with the default theme, no
  plugins and no Markdown extensions (what any MkDocs site of that many
  pages costs), one language;
- search: Pagefind on the same search documents (this is the stage itself:
  the build gives Pagefind nothing but them).

The build runs first (the region and its Markdown come from it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.synth import write_region
from generator.publish.pipeline import build
from generator.publish.search_index import COMMAND

TODAY = dt.date(2026, 11, 22)


def _timed(label: str, seconds: float, count: int) -> None:
    print(f"   {label}: {seconds:.1f} s ({seconds / count * 1000:.2f} ms per opportunity)")


def main() -> int:
    parser = argparse.ArgumentParser(description="Floors per build stage.")
    parser.add_argument("count", nargs="?", type=int, default=5000)
    args = parser.parse_args()
    count = args.count
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = write_region(work / "region", count)
        started = time.perf_counter()
        result = build(root, work / "site", TODAY, build_dir=work / "build", use_cache=False)
        total = time.perf_counter() - started
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
        print(f"== {count} opportunities: the build, {total:.1f} s ({stages})")

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        started = time.perf_counter()
        for path in sorted((root / "opportunities").rglob("*.yaml")):
            yaml.load(path.read_bytes(), Loader=loader)
        _timed("validate floor (read + parse YAML)", time.perf_counter() - started, count)

        docs = work / "build" / "en" / "docs"
        copies = work / "copies"
        files = [p for p in docs.rglob("*") if p.is_file()]
        contents = [(p.relative_to(docs), p.read_bytes()) for p in files]
        started = time.perf_counter()
        for rel, data in contents:
            target = copies / "en" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _timed(
            f"render floor (write the {len(files)} Markdown files of one language)",
            time.perf_counter() - started,
            count,
        )

        plain = work / "plain"
        shutil.copytree(docs, plain / "docs", ignore=shutil.ignore_patterns("*.js", "*.css"))
        (plain / "mkdocs.yml").write_text("site_name: floor\nuse_directory_urls: true\nplugins: []\n", "utf-8")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(plain / "mkdocs.yml")], check=True
        )
        _timed(
            "MkDocs floor (same Markdown, default theme, no plugins, one language)",
            time.perf_counter() - started,
            count,
        )

        search = work / "build" / "en" / "search"
        started = time.perf_counter()
        command = [*COMMAND, "--site", str(search), "--output-path", str(work / "pf")]
        subprocess.run(command, check=True, capture_output=True)
        _timed("search floor (Pagefind on the search documents, one language)", time.perf_counter() - started, count)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
