"""The repository's own hygiene: every tracked Python file is linted, and
the tools that guard the workflows and the schemas run on what ships."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT

BIN = Path(sys.executable).parent


def _tracked_python() -> set[str]:
    out = subprocess.run(["git", "ls-files", "*.py"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_ruff_lints_every_tracked_python_file() -> None:
    """A default exclude (ruff skips any folder named `build`) once hid the whole pipeline package."""
    shown = subprocess.run(
        [str(BIN / "ruff"), "check", "--show-files", "."], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout.split()
    linted = {Path(p).resolve().relative_to(PROJECT_ROOT).as_posix() for p in shown if p.endswith(".py")}
    tracked = _tracked_python()
    assert len(tracked) > 50
    assert tracked - linted == set()


def test_schemas_compile_for_every_consumer() -> None:
    """Editors check files with ECMA-262 regular expressions (`u` flag):
    check-jsonschema's metaschema check compiles every pattern that way."""
    schemas = sorted(str(p) for p in (PROJECT_ROOT / "schema").glob("*.schema.json"))
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--check-metaschema", *schemas], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
