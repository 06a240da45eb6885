"""The folders show the pipeline, and the imports keep to it: no stage imports
a later one (load → validate → merge → render → export → publish), and no
stage imports `contribute` (the ways in for staff, which may use any stage
before publishing). A type named only for a checker (`if TYPE_CHECKING:`) is
not an import at run time and is allowed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
ORDER = ("load", "validate", "merge", "render", "export", "publish")
SIDE = {"contribute": ORDER[:4]}  # a side entrance and the stages it may use


def _runtime_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every `generator.…` import outside `if TYPE_CHECKING:`."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            skip |= {id(child) for stmt in node.body for child in ast.walk(stmt)}
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        out += [(node.lineno, n) for n in names if n.startswith("generator.")]
    return out


def violations(package: Path = PACKAGE) -> list[str]:
    """Every import that goes against the pipeline's order, as `file:line → stage`."""
    stages = {*ORDER, *SIDE}
    found = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if len(parts) < 2 or parts[0] not in stages:
            continue
        mine = parts[0]
        allowed = set(SIDE[mine]) if mine in SIDE else set(ORDER[: ORDER.index(mine) + 1])
        allowed.add(mine)
        for line, module in _runtime_imports(ast.parse(path.read_text("utf-8"))):
            target = module.split(".")[1]
            if target in stages and target not in allowed:
                found.append(f"{path.relative_to(package.parent)}:{line} → generator.{target}")
    return sorted(set(found))


def test_no_stage_imports_a_later_one() -> None:
    assert violations() == []


@pytest.mark.parametrize(
    ("where", "line"),
    [
        ("render/backwards.py", "from generator.publish.pipeline import build\n"),
        ("load/backwards.py", "def f():\n    import generator.merge.dedupe\n"),
        ("validate/backwards.py", "from generator.contribute import review\n"),
    ],
)
def test_the_rule_finds_a_backward_import(tmp_path: Path, where: str, line: str) -> None:
    """The check itself, on a package with one backward import (even inside a function)."""
    for stage in (*ORDER, *SIDE):
        (tmp_path / "generator" / stage).mkdir(parents=True)
    (tmp_path / "generator" / where).write_text(line, "utf-8")
    (tmp_path / "generator" / "render" / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator.publish.report import BuildReport\n",
        "utf-8",
    )
    assert len(violations(tmp_path / "generator")) == 1
