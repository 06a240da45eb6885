"""Every problem code has a message and a fix in English and French, and no
message leaks Python internals."""

from __future__ import annotations

import ast

import pytest

from generator.messages import CATALOGUE, render
from generator.paths import PROJECT_ROOT

# where each helper that creates a problem takes its code
_CODE_ARGUMENT = {"problem": 2, "at": 0, "add": 1}


def _codes_used_in_source() -> set[str]:
    """Codes passed literally to the functions that create problems."""
    used = set()
    for path in (PROJECT_ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CODE_ARGUMENT:
                index = _CODE_ARGUMENT[node.func.id]
                if len(node.args) > index and isinstance(node.args[index], ast.Constant):
                    used.add(node.args[index].value)
    return {u for u in used if isinstance(u, str)}


def test_every_code_used_has_a_message() -> None:
    used = _codes_used_in_source()
    assert len(used) > 20
    assert used <= set(CATALOGUE), used - set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_messages_render_without_parameters(code: str, lang: str) -> None:
    message, hint = render(code, {}, lang)
    assert message and hint is not None
    for text in (message, hint):
        assert "{" not in text and "Error(" not in text and "\\d" not in text and "^[" not in text
