"""Run the real `mkdocs build`, one process per language, side by side (the
builds are independent, and a 2-core machine halves the wait)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator.i18n import Msg, msg
from generator.publish.tools import ToolError, start


class MkDocsError(ToolError):
    """MkDocs failed; the message carries its own output."""


def run_builds(configs: dict[str, Path], epoch: int, strict: bool, progress: Callable[[Msg], None]) -> dict[str, float]:
    """Build every config; return seconds per language. Raises MkDocsError."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    procs = {}
    for lang, config in configs.items():
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config)]
        if strict:
            command.append("--strict")
        try:
            procs[lang] = start("mkdocs", command, env=env)
        except ToolError as exc:
            raise MkDocsError("mkdocs", exc.output) from exc
        progress(msg("progress.mkdocs-started", language=msg(f"language.{lang}")))
    timings: dict[str, float] = {}
    failures = []
    for lang, proc in procs.items():
        output, _ = proc.communicate()
        timings[lang] = time.perf_counter() - started
        progress(msg("progress.mkdocs-finished", language=msg(f"language.{lang}"), seconds=round(timings[lang], 1)))
        if proc.returncode != 0:
            failures.append(f"[{lang}] {output.strip()}")
    if failures:
        raise MkDocsError("mkdocs", "\n".join(failures))
    return timings
