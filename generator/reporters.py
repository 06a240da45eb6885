"""Reporters: the same problems shown as text for people, as GitHub
annotations for pull requests, or as JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from itertools import groupby

from generator.messages import render
from generator.problems import Problem


def _localised(problem: Problem, lang: str) -> tuple[str, str]:
    if lang == "en":
        return problem.message, problem.hint
    return render(problem.code, problem.params, lang)


def _summary(problems: Sequence[Problem], files: int, lang: str) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    bad = len({p.path for p in problems if p.is_error})
    if lang == "fr":
        head = f"{errors} erreur(s) et {warnings} avertissement(s)"
        tail = f"{bad} fichier(s) sur {files} à corriger." if errors else f"{files} fichier(s) valides."
        return f"{head}; {tail}"
    head = f"{errors} error(s) and {warnings} warning(s)"
    tail = f"{bad} of {files} file(s) need fixing." if errors else f"all {files} file(s) are valid."
    return f"{head}; {tail}"


def text(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """yamllint-style: the file, then `line:col  level  message [code]` and the fix."""
    lines: list[str] = []
    labels = {"error": "erreur" if lang == "fr" else "error", "warning": "avertissement" if lang == "fr" else "warning"}
    for path, group in groupby(problems, key=lambda p: p.path):
        lines.append(path)
        for p in group:
            message, hint = _localised(p, lang)
            lines.append(f"  {p.line}:{p.column}  {labels[p.severity.value]}  {message}  [{p.code}]")
            if hint:
                lines.append(f"      -> {hint}")
        lines.append("")
    lines.append(_summary(problems, files, lang))
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """Workflow commands, so each problem shows on its line in the pull request."""
    lines = []
    for p in problems:
        message, hint = _localised(p, lang)
        props = ",".join(
            f"{k}={_escape_property(v)}"
            for k, v in (("file", p.path), ("line", str(p.line)), ("col", str(p.column)), ("title", p.code))
        )
        body = _escape_data(f"{message} {hint}".strip())
        lines.append(f"::{p.severity.value} {props}::{body}")
    lines.append(_summary(problems, files, lang))
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    errors = sum(p.is_error for p in problems)
    items = []
    for p in problems:
        data = p.as_dict()
        data["message"], data["hint"] = _localised(p, lang)
        items.append(data)
    payload = {"files": files, "errors": errors, "warnings": len(problems) - errors, "problems": items}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def markdown(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """A table for a pull request's job summary."""
    out = [f"### {_summary(problems, files, lang)}", ""]
    if problems:
        out += ["| File | Line | Level | Problem | How to fix |", "|---|---|---|---|---|"]
        for p in problems:
            message, hint = _localised(p, lang)
            cells = [p.path, f"{p.line}:{p.column}", p.severity.value, message, hint]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n"


REPORTERS: dict[str, Callable[[Sequence[Problem], int, str], str]] = {
    "text": text,
    "github": github,
    "json": as_json,
    "markdown": markdown,
}
