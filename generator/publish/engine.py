"""The site engine: the one module that knows which program turns the
generated Markdown into pages, and how to run it.

Everything before it (data, pages as Markdown and HTML, search, exports)
is engine-neutral; the configuration it reads is MkDocs' `mkdocs.yml`,
which all three engines here accept (publish/config.py writes it).

- `mkdocs` (the default, as designed): MkDocs 1.6 through our entry point
  (mkdocs_main.py), whose accelerators change no byte (a test builds with
  stock `mkdocs build` and compares every page) and make dirty rebuilds
  safe for hard-linked versions.
- `properdocs`: the continuation of MkDocs 1.x by its former maintainers,
  stock. Its pages equal ours apart from the generator tag (tested).
- `zensical`: Material's successor, a canary: the pages it makes and how
  they differ are measured by a test (docs/engines.md).

A stock engine always builds clean: its dirty mode would write files in
place, and the published versions share build/'s files by hard links.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import Msg, msg
from generator.publish.tools import Running, ToolError

DEFAULT = "mkdocs"


@dataclass(frozen=True, slots=True)
class Engine:
    name: str
    module: str  # run as `python -m <module>`, so the engine is the one installed beside this program
    dirty: bool  # may rebuild only the pages that changed (writing every file by rename)
    serves: bool  # has a live-reload server for `wil serve`

    def build_command(self, config: Path, *, dirty: bool, strict: bool) -> list[str]:
        if self.name == "zensical":
            # Zensical keeps its own cache beside the configuration and has no quiet or dirty mode.
            return [sys.executable, "-m", self.module, "build", "-f", str(config), *(["--strict"] if strict else [])]
        mode = "--dirty" if dirty and self.dirty else "--clean"
        # MkDocs does not count the warnings it does not print: --quiet would
        # make --strict pass whatever it finds.
        quiet = [] if strict else ["--quiet"]
        return [sys.executable, "-m", self.module, "build", *quiet, mode, "-f", str(config)] + (
            ["--strict"] if strict else []
        )

    def serve_command(self, config: Path, dev_addr: str) -> list[str]:
        serving = self if self.serves else ENGINES[DEFAULT]
        dirty = ["--dirty"] if serving.dirty else []
        return [
            sys.executable,
            "-m",
            serving.module,
            "serve",
            *dirty,
            "--quiet",
            "-f",
            str(config),
            "--dev-addr",
            dev_addr,
        ]


ENGINES = {
    "mkdocs": Engine("mkdocs", "generator.publish.mkdocs_main", dirty=True, serves=True),
    "properdocs": Engine("properdocs", "properdocs", dirty=False, serves=True),
    "zensical": Engine("zensical", "zensical", dirty=False, serves=False),
}

# The one line of every page that names the program that made it.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def engine_named(name: str | None) -> Engine:
    """The engine of that name (None: the default); ValueError for an unknown one."""
    try:
        return ENGINES[name or DEFAULT]
    except KeyError:
        raise ValueError(name) from None


class EngineError(ToolError):
    """The engine failed; the message carries its own output."""


class Builds:
    """The engine's builds running, one process per language, side by side
    (the builds are independent, and a 2-core machine halves the wait)."""

    def __init__(
        self,
        configs: dict[str, Path],
        epoch: int,
        strict: bool,
        progress: Callable[[Msg], None],
        dirty: frozenset[str] = frozenset(),
        used: Engine | None = None,
    ) -> None:
        """Languages in `dirty` rebuild only the pages whose Markdown changed
        since their last build, where the engine allows it; the others start clean."""
        used = used or ENGINES[DEFAULT]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
        self.progress = progress
        self.started = time.perf_counter()
        self.running: dict[str, Running] = {}
        self.name = used.name
        for lang, config in configs.items():
            command = used.build_command(config, dirty=lang in dirty, strict=strict)
            try:
                self.running[lang] = Running(used.name, command, env=env, cwd=config.parent)
            except ToolError as exc:
                self.stop()
                raise EngineError(used.name, exc.output) from exc
            progress(msg("progress.mkdocs-started", language=msg(f"language.{lang}")))

    def wait(self, each: Callable[[str], None] | None = None) -> dict[str, float]:
        """Seconds per language, once all are done; `each` is called with each
        language that succeeded as soon as it is done (the first to finish
        need not wait for the others). Raises EngineError."""
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
            raise EngineError(self.name, "\n".join(sorted(failures)))
        return timings

    def stop(self) -> None:
        for running in self.running.values():
            running.stop()
        self.running = {}
