"""A cold build of one synthetic region with each site engine: CPU seconds
(the whole build, every process it started) and the peak memory of its
largest process. Prints figures; asserts nothing.

    python -m benchmarks.bench_engines            # 5,000 opportunities
    python -m benchmarks.bench_engines 1000 --engines mkdocs properdocs

Each build runs as its own `wil build` process with an empty build folder,
measured with wait4(2), which adds up the CPU time of the process and of
every process it waited for, and reports the largest resident size among
them. The engine's own share is the page stage's time, which `wil build`
prints.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synth import write_region
from generator.publish.engine import ENGINES

TODAY = dt.date(2026, 11, 22)


def measure(root: Path, work: Path, engine: str) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MB, exit code of one cold build."""
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--today", TODAY.isoformat()]
    command += ["--out", str(work / "site"), "--engine", engine]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description="Cold build with each site engine.")
    parser.add_argument("count", nargs="?", type=int, default=5000)
    parser.add_argument("--engines", nargs="*", default=sorted(ENGINES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = write_region(work / "region", args.count)
        print(f"== {args.count} opportunities, cold build, both languages")
        for engine in args.engines:
            # Each engine gets its own copy of the region (and so its own empty build folder).
            copy = shutil.copytree(root, work / engine / "region")
            wall, cpu, peak, code = measure(copy, work / engine, engine)
            print(f"   {engine:<11} wall {wall:6.1f} s   CPU {cpu:6.1f} s   peak {peak:6.0f} MB   exit {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
