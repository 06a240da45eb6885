"""How a long build says how far it is: a bar with counts in a terminal
(rich), plain lines in a CI log or a pipe, nothing in tests.

The pipeline speaks to one `Progress`: `say` a line, `start` a stage with a
count of items (or none when it cannot know), `advance` it, `finish` it.
Every word comes from the catalogues, in the reader's language.
"""

from __future__ import annotations

import contextvars
import multiprocessing as mp
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from generator.i18n import Msg, msg, number

Say = Callable[[Msg], None]


class Progress:
    """Lines only (through `say`); stages and counts are ignored. The base for the others."""

    def __init__(self, say: Say | None = None) -> None:
        self._say = say

    def __call__(self, message: Msg) -> None:
        if self._say is not None:
            self._say(message)

    def start(self, stage: Msg, total: int | None = None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass


def as_progress(progress: Progress | Say | None) -> Progress:
    """Any callable that takes a message (as tests pass) becomes a Progress."""
    return progress if isinstance(progress, Progress) else Progress(progress)


class Lines(Progress):
    """Plain lines for logs: a stage's start, a line per quarter of its count, its end."""

    def __init__(self, lang: str, stream: TextIO | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.stream = stream or sys.stderr
        self._stage: Msg | None = None
        self._total: int | None = None
        self._done = 0
        self._next = 0
        self._started = 0.0

    def __call__(self, message: Msg) -> None:
        print(message.render(self.lang), file=self.stream, flush=True)

    def start(self, stage: Msg, total: int | None = None) -> None:
        self._stage, self._total, self._done, self._started = stage, total, 0, time.perf_counter()
        self._next = (total or 0) // 4
        self(
            msg("progress.started", stage=stage, total=total or 0)
            if total
            else msg("progress.started-open", stage=stage)
        )

    def advance(self, count: int = 1) -> None:
        self._done += count
        if self._stage is not None and self._total and self._next and self._done >= self._next < self._total:
            self(msg("progress.count", stage=self._stage, done=self._done, total=self._total))
            self._next += self._total // 4

    def finish(self) -> None:
        if self._stage is not None:
            seconds = round(time.perf_counter() - self._started, 1)
            self(msg("progress.finished", stage=self._stage, seconds=seconds))
        self._stage = None


class Bars(Progress):
    """A live bar per stage in a terminal (rich): counts, elapsed time, what is left."""

    def __init__(self, lang: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress
        from rich.text import Text

        class Count(ProgressColumn):
            """ "120/5,000" for a stage with a known count, nothing for one without."""

            def render(self, task: Task) -> Text:
                if not task.fields.get("counted"):
                    return Text("")
                done, total = number(int(task.completed), lang), number(int(task.total or 0), lang)
                return Text(f"{done}/{total}", style="progress.download")

        super().__init__()
        self.lang = lang
        self.console = Console(stderr=True)
        self.bars = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            Count(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        self.bars.start()
        self._task: int | None = None

    def __call__(self, message: Msg) -> None:
        self.bars.console.print(message.render(self.lang), markup=False, highlight=False)

    def start(self, stage: Msg, total: int | None = None) -> None:
        self.finish()
        self._task = self.bars.add_task(stage.render(self.lang), total=total, counted=total is not None)

    def advance(self, count: int = 1) -> None:
        if self._task is not None:
            self.bars.advance(self._task, count)

    def finish(self) -> None:
        if self._task is not None:
            task = next(t for t in self.bars.tasks if t.id == self._task)
            done = task.total if task.total is not None else 1
            self.bars.update(self._task, total=done, completed=done)
            self._task = None

    def close(self) -> None:
        self.finish()
        self.bars.stop()


def for_terminal(lang: str, stream: TextIO | None = None) -> Progress:
    """Bars when the stream is an interactive terminal (not CI), lines otherwise."""
    stream = stream or sys.stderr
    interactive = stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
    return Bars(lang) if interactive else Lines(lang, stream)


class Relay:
    """Counts from forked processes, passed on to this process's `advance`
    (a forked copy cannot draw this process's bar). Use as a context
    manager; `tick` is what the forked work calls."""

    def __init__(self, advance: Callable[[int], None]) -> None:
        self._advance = advance
        self._receive, self._send = mp.Pipe(duplex=False)
        # in this build's context (its region's names): a new thread would start with none
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._run,), daemon=True)

    def tick(self, count: int = 1) -> None:
        self._send.send(count)

    def _run(self) -> None:
        while True:
            try:
                count = self._receive.recv()
            except (EOFError, OSError):
                return
            if count is None:
                return
            self._advance(count)

    def __enter__(self) -> Relay:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._send.send(None)
        self._thread.join()
        self._send.close()
        self._receive.close()
