"""Run the real `mkdocs build`, one process per language, side by side (the
two builds are independent, and a 2-core machine halves the wait)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


class MkDocsError(RuntimeError):
    """MkDocs failed; the message carries its own output."""


def run_builds(configs: dict[str, Path], epoch: int, strict: bool, progress: Callable[[str], None]) -> dict[str, float]:
    """Build every config; return seconds per language. Raises MkDocsError."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    procs = {}
    for lang, config in configs.items():
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config)]
        if strict:
            command.append("--strict")
        procs[lang] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        progress(f"  mkdocs build ({lang}) started")
    timings: dict[str, float] = {}
    failures = []
    for lang, proc in procs.items():
        output, _ = proc.communicate()
        timings[lang] = time.perf_counter() - started
        progress(f"  mkdocs build ({lang}) finished in {timings[lang]:.1f} s")
        if proc.returncode != 0:
            failures.append(f"mkdocs build ({lang}) failed:\n{output.strip()}")
    if failures:
        raise MkDocsError("\n".join(failures))
    return timings
