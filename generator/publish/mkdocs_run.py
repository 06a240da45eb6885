"""Run the real `mkdocs build`, one process per language, side by side (the
builds are independent, and a 2-core machine halves the wait)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator.i18n import Msg, msg
from generator.publish.tools import Running, ToolError


class MkDocsError(ToolError):
    """MkDocs failed; the message carries its own output."""


class Builds:
    """MkDocs builds running, one process per language."""

    def __init__(
        self,
        configs: dict[str, Path],
        epoch: int,
        strict: bool,
        progress: Callable[[Msg], None],
        dirty: frozenset[str] = frozenset(),
    ) -> None:
        """Languages in `dirty` rebuild only the pages whose Markdown changed
        since their last build (mkdocs_main.py makes that safe); the others start clean."""
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
        self.progress = progress
        self.started = time.perf_counter()
        self.running: dict[str, Running] = {}
        for lang, config in configs.items():
            mode = "--dirty" if lang in dirty else "--clean"
            command = [
                sys.executable,
                "-m",
                "generator.publish.mkdocs_main",
                "build",
                "--quiet",
                mode,
                "-f",
                str(config),
            ]
            if strict:
                command.append("--strict")
            try:
                self.running[lang] = Running("mkdocs", command, env=env)
            except ToolError as exc:
                self.stop()
                raise MkDocsError("mkdocs", exc.output) from exc
            progress(msg("progress.mkdocs-started", language=msg(f"language.{lang}")))

    def wait(self, each: Callable[[str], None] | None = None) -> dict[str, float]:
        """Seconds per language, once all are done; `each` is called with each
        language that succeeded as soon as it is done (the first to finish
        need not wait for the others). Raises MkDocsError."""
        timings: dict[str, float] = {}
        failures = []
        while self.running:
            done = [lang for lang, running in self.running.items() if running.proc.poll() is not None]
            if not done:
                time.sleep(0.1)
                continue
            for lang in done:
                code, output = self.running.pop(lang).wait()
                timings[lang] = time.perf_counter() - self.started
                seconds = round(timings[lang], 1)
                self.progress(msg("progress.mkdocs-finished", language=msg(f"language.{lang}"), seconds=seconds))
                if code != 0:
                    failures.append(f"[{lang}] {output.strip()}")
                elif each is not None and not failures:
                    each(lang)
        if failures:
            raise MkDocsError("mkdocs", "\n".join(sorted(failures)))
        return timings

    def stop(self) -> None:
        for running in self.running.values():
            running.stop()
        self.running = {}
