"""Independent pieces of work side by side, on every core the machine has.

The build's languages (render, export) do not depend on each other. Where
the platform forks, every piece but the first runs in a forked copy of this
process, which shares the parent's data as it is (nothing is pickled but
the results), while the first runs here; elsewhere they run one after the
other. On two cores this halves the wait for two languages.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")


def _child(send: Connection, task: Callable[[], Any]) -> None:
    try:
        send.send((True, task()))
    except BaseException:  # the parent raises it
        send.send((False, traceback.format_exc()))
    finally:
        send.close()


def side_by_side(tasks: Sequence[Callable[[], T]], what: str = "work", *, all_forked: bool = False) -> list[T]:
    """Every task's result, in order; a failure anywhere is raised here with its
    traceback. With `all_forked`, the first task runs in a forked copy too:
    whatever it allocates on the way (parsers' trees, temporary strings) is
    gone with that copy, instead of fragmenting this process's memory.
    With WIL_SERIAL set, every task runs here, one after the other: a
    debugger, a profiler or a tracer (mutation testing's) sees all of them."""
    if os.environ.get("WIL_SERIAL") or "fork" not in mp.get_all_start_methods() or (len(tasks) < 2 and not all_forked):
        return [task() for task in tasks]
    context = mp.get_context("fork")
    gc.freeze()  # the children inherit the data: no collector pass copies it page by page
    children = []
    forked = tasks if all_forked else tasks[1:]
    try:
        for task in forked:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(send, task), daemon=not all_forked)  # may fork again
            child.start()
            send.close()
            children.append((child, receive))
    finally:
        gc.unfreeze()
    results: list[Any] = [] if all_forked else [tasks[0]()]
    failures = []
    for n, (child, receive) in enumerate(children, start=len(results)):
        try:
            ok, value = receive.recv()
        except EOFError:
            ok, value = False, f"the process ended with code {child.exitcode}"
        child.join()
        if ok:
            results.append(value)
        else:
            failures.append(f"[{what} {n}] {value}")
    if failures:
        raise RuntimeError(f"{what} failed:\n" + "\n".join(failures))
    return results
