"""Reporters: the same problems shown as text for people, as GitHub
annotations for pull requests, as JSON for tools, or as a Markdown table
for a job summary, in the reader's language. Every way in (validate,
import, from-issue, new) answers through these."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from itertools import groupby

from generator import escape
from generator.i18n import Msg, msg, t
from generator.problems import Problem


def counts(problems: Sequence[Problem]) -> dict[str, int]:
    """How many problems of each severity (`{"errors": 2, "warnings": 1, "notices": 0}`)."""
    errors, warnings = sum(p.is_error for p in problems), sum(p.is_warning for p in problems)
    return {"errors": errors, "warnings": warnings, "notices": len(problems) - errors - warnings}


def files_summary(problems: Sequence[Problem], files: int) -> Msg:
    """`2 errors and 1 warning; 2 of 90 files need fixing.` (each command brings
    its own summary); notices are named only when there are some."""
    n = counts(problems)
    bad = len({p.path for p in problems if p.is_error})
    tail = msg("summary.need-fixing", bad, files=files) if n["errors"] else msg("summary.all-valid", files)
    words = {key: msg(f"summary.{key}", count) for key, count in n.items()}
    if not n["notices"]:
        del words["notices"]
    return msg("summary.line.notices" if "notices" in words else "summary.line", **words, tail=tail)


def text(problems: Sequence[Problem], summary: Msg, lang: str = "en") -> str:
    """yamllint-style: the file, then `where  level  message [code]` and the fix."""
    lines: list[str] = []
    safe = escape.terminal
    for path, group in groupby(problems, key=lambda p: p.path):
        lines.append(safe(path))
        for p in group:
            message, hint = p.text(lang)
            level = t(f"level.{p.severity.value}", lang)
            lines.append(f"  {safe(p.place().render(lang))}  {level}  {safe(message)}  [{p.code}]")
            if hint:
                lines.append(f"      -> {safe(hint)}")
        lines.append("")
    lines.append(summary.render(lang))
    return "\n".join(lines) + "\n"


def github(problems: Sequence[Problem], summary: Msg, lang: str = "en") -> str:
    """Workflow commands, so each problem shows on its line in the pull request."""
    lines = []
    for p in problems:
        message, hint = p.text(lang)
        props = ",".join(
            f"{k}={escape.annotation_property(v)}"
            for k, v in (("file", p.path), ("line", str(p.line)), ("col", str(p.column)), ("title", p.code))
        )
        body = escape.annotation_data(f"{message} {hint}".strip())
        lines.append(f"::{p.severity.value} {props}::{body}")
    lines.append(summary.render(lang))
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], summary: Msg, lang: str = "en") -> str:
    payload = {
        "summary": summary.render(lang),
        **counts(problems),
        "language": lang,
        "problems": [p.as_dict(lang) for p in problems],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def markdown(problems: Sequence[Problem], summary: Msg, lang: str = "en") -> str:
    """A table for a pull request's job summary."""
    out = [f"### {summary.render(lang)}", ""]
    if problems:
        heads = [t(f"summary.md.{key}", lang) for key in ("file", "where", "level", "problem", "fix")]
        out += ["| " + " | ".join(heads) + " |", "|---|---|---|---|---|"]
        for p in problems:
            message, hint = p.text(lang)
            cells = [p.path, p.place().render(lang), t(f"level.{p.severity.value}", lang), message, hint]
            out.append("| " + " | ".join(escape.markdown(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


Reporter = Callable[[Sequence[Problem], Msg, str], str]
REPORTERS: dict[str, Reporter] = {"text": text, "github": github, "json": as_json, "markdown": markdown}
