"""`wil review`: a person decides, once, the pairs the duplicate finder could
not, and the decision is written into the data so every later build follows it.

Each open pair is shown side by side (what differs marked) with the
evidence; the answer writes `same_as: <other>` or adds the other id to
`distinct_from` in one of the two files (the institution's own with
`--institution`), editing only that line or adding one, so comments and
layout stay as they were. The edited file is checked again before it is
kept; a change that would not validate is not written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from generator import escape
from generator.files import write_if_changed
from generator.i18n import Msg, msg, t
from generator.load.yamlstrict import load_text
from generator.merge.listing import build_listings
from generator.models import Opportunity
from generator.problems import Problem, problem
from generator.render import facts
from generator.validate import fields
from generator.validate.region import Region, validate_region

Answer = str  # "same", "different", "skip" or "quit"
ANSWERS = ("same", "different", "skip", "quit")


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    paths: tuple[str, str]
    records: tuple[Opportunity, Opportunity]
    folders: tuple[str, str]
    reason: str
    evidence: tuple[Msg, ...]


def open_pairs(region: Region, institution: str | None = None) -> list[Pair]:
    """The pairs left for a person, the institution's own first if one is named."""
    source = {f.record.id: f for f in region.opportunities if isinstance(f.record, Opportunity)}
    _, result = build_listings(region.opportunities, region.institutions)
    pairs = []
    # Review pairs, then rows across institutions: readers already see a row as
    # one opportunity; the institutions say whether its pages merge (same_as)
    # or whether the row is wrong (distinct_from splits it).
    decisions = [*result.review, *(replace(d, reason="row") for d in result.row_links)]
    for d in decisions:
        fa, fb = source[d.a], source[d.b]
        if institution and institution not in (fa.folder, fb.folder):
            continue
        pairs.append(
            Pair(
                d.a,
                d.b,
                (fa.path, fb.path),
                (fa.record, fb.record),  # type: ignore[arg-type]
                (fa.folder, fb.folder),
                d.reason,
                tuple(e.message() for e in d.evidence),
            )
        )
    return pairs


# --- writing a decision into a file, keeping everything else -----------------------------


def add_link(text: str, path: str, other: str, answer: Answer) -> tuple[str | None, Problem | None]:
    """The file's new text with the decision written in, or a problem saying why not."""
    loaded = load_text(text, path)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    lines = text.splitlines(keepends=True)
    if answer == "same":
        current = data.get("same_as")
        if current == other:
            return text, None
        if current:
            return None, problem(
                path, loaded.position(("same_as",)), "review-same-as-taken", {"value": current, "other": other}
            )
        return (text if text.endswith("\n") else text + "\n") + f"same_as: {other}\n", None
    listed = data.get("distinct_from")
    if isinstance(listed, list) and other in listed:
        return text, None
    if not isinstance(listed, list) or not listed:
        return (text if text.endswith("\n") else text + "\n") + f"distinct_from: [{other}]\n", None
    line_no, _ = loaded.position(("distinct_from",), key=True)
    key_line = lines[line_no - 1]
    flow = re.match(r"^(\s*distinct_from:\s*\[)(.*)\](\s*(#.*)?)$", key_line.rstrip("\n"))
    if flow:
        lines[line_no - 1] = f"{flow.group(1)}{flow.group(2).rstrip()}, {other}]{flow.group(3)}\n"
        return "".join(lines), None
    last_line, last_col = loaded.position(("distinct_from", len(listed) - 1))
    indent = lines[last_line - 1][: max(0, last_col - 3)]  # the `- ` before the value
    lines.insert(last_line, f"{indent}- {other}\n")
    return "".join(lines), None


def record(root: Path, pair: Pair, answer: Answer, institution: str | None) -> tuple[str | None, Problem | None]:
    """Write the answer into the right file (its path, or the problem that stopped it)."""
    if answer not in ("same", "different"):
        return None, None
    side = 1 if institution and pair.folders[1] == institution and pair.folders[0] != institution else 0
    path, other = pair.paths[side], (pair.b, pair.a)[side]
    target = root / path
    text = target.read_text("utf-8")
    new, found = add_link(text, path, other, answer)
    if found is not None or new is None:
        return None, found
    loaded = load_text(new, path)
    checked = fields.check(Opportunity, loaded)[0] if loaded.data is not None and not loaded.problems else None
    if checked is None:
        return None, problem(path, (1, 1), "review-not-written", {"value": path})
    write_if_changed(target, new)
    return path, None


# --- the terminal conversation ---------------------------------------------------------


def _keys(lang: str) -> dict[str, Answer]:
    """The letters that answer, in the reader's language (and English)."""
    keys = {}
    for language in dict.fromkeys((lang, "en")):
        for letter, answer in zip(t("review.keys", language).split(","), ANSWERS, strict=True):
            keys.setdefault(letter.strip().lower(), answer)
    return keys


def show(pair: Pair, number: int, total: int, lang: str, institutions: dict[str, object]) -> str:
    rows = facts.pair_rows(pair.records[0], pair.records[1], pair.paths, lang, institutions)  # type: ignore[arg-type]
    width = max(len(t(f"ui.{row.key}", lang)) for row in rows)
    column = max(24, max(len(row.a) for row in rows[:-1]))
    out = [t("review.heading", lang, number=number, total=total, a=pair.a, b=pair.b), t(f"dedupe.{pair.reason}", lang)]
    for row in rows:
        mark = "≠" if row.differs else " "
        out.append(f"  {mark} {t(f'ui.{row.key}', lang).ljust(width)}  {row.a.ljust(column)}  {row.b}")
    out += [f"    · {e.render(lang)}" for e in pair.evidence]
    # Titles and names come from data files: each line stays one line, with no
    # control or direction-override character that would make it read otherwise.
    return "\n".join(escape.terminal(line) for line in out)


def review(
    root: Path,
    today: dt.date,
    lang: str,
    institution: str | None,
    answers: Iterable[str],
    say: Callable[[str], None],
) -> list[Problem]:
    """Walk the open pairs; return the problems met while writing decisions."""
    region = validate_region(root, today=today)
    pairs = open_pairs(region, institution)
    keys = _keys(lang)
    problems: list[Problem] = []
    if not pairs:
        say(t("review.none", lang))
        return problems
    answers_iter = iter(answers)
    written = 0
    for number, pair in enumerate(pairs, start=1):
        say(show(pair, number, len(pairs), lang, dict(region.institutions)))
        answer = None
        while answer is None:
            say(t("review.ask", lang))
            reply = next(answers_iter, "q").strip().lower()
            answer = keys.get(reply[:1]) if reply else "skip"
        if answer == "quit":
            break
        path, found = record(root, pair, answer, institution)
        if found is not None:
            problems.append(found)
        elif path is not None:
            written += 1
            key = "review.written-same" if answer == "same" else "review.written-different"
            say(t(key, lang, path=path))
    say(msg("review.done", written).render(lang))
    return problems
