"""Benchmark `wil validate` on synthetic regions. Prints figures; asserts nothing.

python -m benchmarks.bench_validate            # 1,000 and 5,000 files
python -m benchmarks.bench_validate 20000      # any sizes
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synth import write_region


def bench(count: int, workdir: Path) -> None:
    root = write_region(workdir / f"region-{count}", count)
    command = [
        sys.executable,
        "-m",
        "generator",
        "validate",
        "--root",
        str(root),
        "--format",
        "json",
        "--today",
        "2026-11-22",
    ]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - started)
    errors = result.stdout.count('"severity": "error"')
    print(
        f"validate {count:>6} files: {best:6.2f} s wall (best of 3, whole command), "
        f"{best / count * 1000:5.2f} ms/file, exit {result.returncode}, {errors} errors, "
        f"{os.cpu_count()} CPUs"
    )


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000]
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            bench(count, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
