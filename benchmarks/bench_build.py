"""Benchmark the full bilingual build on synthetic regions. Prints figures;
asserts nothing.

    python -m benchmarks.bench_build               # 1,000 and 5,000 opportunities
    python -m benchmarks.bench_build 20000         # any sizes
    python -m benchmarks.bench_build --dedupe 100000   # de-duplication alone
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.synth import records, write_region
from generator.merge.dedupe import deduplicate
from generator.merge.listing import candidate
from generator.models import Opportunity
from generator.publish.pipeline import build

TODAY = dt.date(2026, 11, 22)


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _cpu() -> float:
    """User and system seconds of this process and every child it has waited
    for (the forks, MkDocs, Pagefind): steadier than wall time on a shared
    machine, for comparing two versions."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _pss(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each,
    so the sum over processes is the memory they really occupy together
    (the resident sizes of forked processes count their shared pages twice)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeMemory:
    """Samples the memory of this process and all its descendants (forked
    renderers, MkDocs and Pagefind, several at once), every 50 ms, and keeps
    the peak of the sum: proportional where it matters, and, for comparison,
    resident (RSS, shared pages counted in every process).

    `peak` counts this process and its forks by their proportional set size
    (PSS: a page the forks share copy-on-write counts 1/n in each) and the
    programs it starts (MkDocs, Pagefind: they share nothing with it but
    libraries) by their resident size, which overstates them by those
    libraries: an upper bound. PSS costs the kernel a walk of the page
    tables (10 ms for a 1.3 GB process); reading it for every process every
    50 ms took some 40 s of CPU at 20,000 listings and slowed the build it
    measured by some 20 s. So it is read only for the forks, only when the
    cheap bound (all resident sizes) exceeds the peak so far, and the
    sampling thread runs at the lowest priority. `cpu` is its own CPU time,
    printed so the cost of measuring shows."""

    def __init__(self) -> None:
        self.peak = 0
        self.peak_rss = 0
        self.cpu = 0.0
        self._forks: dict[int, bool] = {}
        self._me = _cmdline(os.getpid())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _tree() -> dict[int, int]:
        """Resident size of this process and each of its descendants."""
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(entry)
            parents[pid] = int(fields[1])
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        me = os.getpid()
        mine = {}
        for pid in rss:
            walker = pid
            while walker not in (0, 1, me) and walker in parents:
                walker = parents[walker]
            if walker == me:
                mine[pid] = rss[pid]
        return mine

    def _is_fork(self, pid: int) -> bool:
        if pid not in self._forks:
            self._forks[pid] = _cmdline(pid) == self._me
        return self._forks[pid]

    def _run(self) -> None:
        # Lowest priority for this thread alone (Linux schedules threads one by
        # one; the forks come from the main thread and keep its priority): it
        # samples on idle time and takes a sliver of a busy machine.
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        while not self._stop.is_set():
            resident = self._tree()
            total = sum(resident.values())
            self.peak_rss = max(self.peak_rss, total)
            if total > self.peak:  # otherwise the sum cannot be a new peak
                self.peak = max(
                    self.peak, sum(_pss(pid) if self._is_fork(pid) else rss for pid, rss in resident.items())
                )
            self._stop.wait(0.05)
        self.cpu = time.thread_time()

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench_build(count: int, workdir: Path) -> None:
    root = write_region(workdir / f"region-{count}", count)
    out = workdir / f"site-{count}"
    cpu_before = _cpu()
    started = time.perf_counter()
    with TreeMemory() as memory:
        result = build(root, out, TODAY, progress=lambda message: None)
    total = time.perf_counter() - started
    cpu = _cpu() - cpu_before
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    files, size = _size(out)
    listed = result.report.totals.listed
    pages = sorted((out / "opportunities").glob("*/index.html"))
    page_sizes = sorted(p.stat().st_size for p in pages)
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
    print(f"== {count} opportunities ({listed} listed after merging and expiry), both languages")
    print(f"   total {total:.1f} s = {total / count * 1000:.1f} ms per opportunity; stages: {stages}")
    print(
        f"   peak memory, all processes together (generator and its forks, MkDocs, Pagefind): "
        f"{memory.peak / 2**20:.0f} MB (PSS of the generator and its forks, resident size of the others), "
        f"{memory.peak_rss / 2**20:.0f} MB summing resident sizes; "
        f"generator alone {self_mb:.0f} MB (sampling them cost {memory.cpu:.1f} s of CPU)"
    )
    print(
        f"   CPU time of every process, the sampler's left out: {cpu - memory.cpu:.1f} s "
        f"(on {os.cpu_count()} cores, for {total:.1f} s of wall time)"
    )
    print(
        f"   site: {files} files, {size / 1e6:.1f} MB; opportunity page HTML: "
        f"median {page_sizes[len(page_sizes) // 2] / 1024:.1f} KB, largest {page_sizes[-1] / 1024:.1f} KB"
    )


def bench_dedupe(count: int) -> None:
    """Every field the matcher compares, from real records (the model, then
    `merge.listing.candidate`); only `deduplicate` is timed."""
    data = records(count)
    candidates = [candidate(Opportunity.model_validate(r)) for r in data]
    del data
    cpu = time.process_time()
    started = time.perf_counter()
    result = deduplicate(candidates)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    grouped = sum(len(g) - 1 for g in result.groups)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"== linkage of {count} records: {elapsed:.2f} s wall, {cpu:.2f} s CPU, peak memory {peak:.0f} MB "
        f"(whole process, records included); {grouped} grouped, {len(result.review)} pairs for review "
        f"({len(result.review) / count:.2%} of records)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--dedupe", type=int, default=0, help="benchmark de-duplication of N records instead")
    args = parser.parse_args()
    if args.dedupe:
        bench_dedupe(args.dedupe)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.sizes:
            bench_build(count, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
