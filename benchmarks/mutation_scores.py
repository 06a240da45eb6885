"""Per-module mutation scores of the last `mutmut run` (`make mutation`).

    python -m benchmarks.mutation_scores

Killed / (killed + survived + reached by no test + timed out), per module;
skipped and not-yet-checked mutants are counted apart. Equivalent mutants
judged by hand are listed in benchmarks/README.md, not subtracted here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^\s*(?P<name>[\w.]+?)\.x[_ǁ].*?: (?P<status>.+)$")


def scores(text: str) -> dict[str, Counter[str]]:
    """Each module's mutants by status, from `mutmut results --all true`."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for line in text.splitlines():
        found = LINE.match(line)
        if found:
            out[found["name"]][found["status"].strip()] += 1
    return out


def main() -> None:
    mutmut = Path(sys.executable).with_name("mutmut")
    text = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    print(f"{'module':<32} {'killed':>7} {'survived':>9} {'no tests':>9} {'timeout':>8} {'score':>7}")
    for module, counts in sorted(scores(text).items()):
        run = counts["killed"] + counts["survived"] + counts["no tests"] + counts["timeout"]
        score = f"{counts['killed'] / run:.1%}" if run else "not run"  # never a score nobody measured
        print(
            f"{module:<32} {counts['killed']:>7} {counts['survived']:>9} {counts['no tests']:>9} "
            f"{counts['timeout']:>8} {score:>7}"
        )


if __name__ == "__main__":
    main()
