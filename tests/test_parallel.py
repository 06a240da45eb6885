"""side_by_side (generator/parallel.py): pieces in forked copies, results in
order, and every piece in this process when WIL_SERIAL asks for it."""

from __future__ import annotations

import os

import pytest

from generator.parallel import side_by_side


def _pid() -> int:
    return os.getpid()


@pytest.mark.parametrize("all_forked", [False, True])
def test_pieces_run_in_forked_copies_and_come_back_in_order(all_forked: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIL_SERIAL", raising=False)
    pids = side_by_side([_pid, _pid, _pid], all_forked=all_forked)
    here = os.getpid()
    assert (pids[0] == here) is not all_forked  # the first piece runs here unless all are forked
    assert all(pid != here for pid in pids[1:])
    assert side_by_side([lambda: 1, lambda: 2, lambda: 3], all_forked=all_forked) == [1, 2, 3]


def test_with_wil_serial_every_piece_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIL_SERIAL", "1")
    assert side_by_side([_pid, _pid], all_forked=True) == [os.getpid(), os.getpid()]
