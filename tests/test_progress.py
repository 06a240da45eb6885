"""What a long build prints: plain lines in logs, in the reader's language."""

from __future__ import annotations

import io

import pytest

from generator.i18n import msg
from generator.progress import Bars, Lines, Progress, Relay, as_progress, for_terminal


def _run(progress: Progress) -> None:
    progress.start(msg("stage.validate"), 8)
    for _ in range(8):
        progress.advance()
    progress.finish()
    progress.start(msg("stage.mkdocs"))
    progress.finish()


def test_plain_lines_in_english() -> None:
    out = io.StringIO()
    _run(Lines("en", out))
    lines = out.getvalue().splitlines()
    assert lines[0] == "load and validate: 8 to do"
    assert lines[1:4] == ["load and validate: 2 of 8", "load and validate: 4 of 8", "load and validate: 6 of 8"]
    assert lines[4].startswith("load and validate: done in ") and lines[4].endswith(" s")
    assert lines[5] == "MkDocs…"
    assert lines[6].startswith("MkDocs: done in ")


def test_plain_lines_in_french() -> None:
    out = io.StringIO()
    _run(Lines("fr", out))
    lines = out.getvalue().splitlines()
    assert lines[0] == "lecture et validation\u00a0: 8 à traiter"
    assert lines[1] == "lecture et validation\u00a0: 2 sur 8"
    assert lines[4].startswith("lecture et validation\u00a0: terminé en ")


def test_a_pipe_or_ci_gets_lines_and_a_terminal_gets_bars(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(for_terminal("en", io.StringIO()), Lines)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    bars = for_terminal("en", Terminal())
    assert isinstance(bars, Bars)
    bars.start(msg("stage.render"), 3)
    bars.advance(3)
    bars.finish()
    assert [(t.description, t.completed, t.total) for t in bars.bars.tasks] == [("render", 3, 3)]
    bars.close()
    monkeypatch.setenv("CI", "true")
    assert isinstance(for_terminal("en", Terminal()), Lines)


def test_counts_from_forked_work_reach_the_bar() -> None:
    import multiprocessing as mp

    seen: list[int] = []
    with Relay(seen.append) as relay:
        child = mp.get_context("fork").Process(target=lambda: [relay.tick(1) for _ in range(5)])
        child.start()
        child.join()
    assert sum(seen) == 5


def test_a_plain_callable_still_receives_lines() -> None:
    said = []
    progress = as_progress(said.append)
    progress(msg("stage.merge"))
    progress.start(msg("stage.merge"), 2)
    assert [m.key for m in said] == ["stage.merge"]
