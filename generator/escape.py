"""One escaping function per place a problem is written, so that nothing a
data file says (a key, a value, a file name) can change how that place reads
it: start a GitHub workflow command in a CI log, add Markdown to a job
summary, or move the cursor, recolour or rewrite a terminal. Every reporter
(reporters.py) passes data through the function of its output."""

from __future__ import annotations

import re

# C0 and C1 control characters (ESC starts terminal sequences; CR returns to
# the start of the line and overwrites it) and Unicode's invisible direction
# overrides, which can make a line read differently from what it holds.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:@])")


def terminal(text: str) -> str:
    """For a terminal or a plain log: line breaks and tabs become spaces (one
    problem stays one line, and no line of data can pass for a workflow
    command or another problem); every other control character is dropped."""
    return _CONTROL.sub(lambda m: " " if m.group() in "\n\r\t" else "", text)


def annotation_data(text: str) -> str:
    """The message of a GitHub workflow command (`::error ...::<data>`): `%`, CR
    and LF escaped as GitHub documents it (so the data cannot end the command
    and start another), other control characters dropped (the log is a terminal too)."""
    kept = _CONTROL.sub(lambda m: m.group() if m.group() in "\r\n" else "", text)
    return kept.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    """A property of a workflow command (`file=`, `title=`...): also `:` and `,`, which end it."""
    return annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def markdown(text: str) -> str:
    """Text that Markdown shows as it is, in a table cell: every character
    Markdown gives a meaning is escaped, HTML's are entities, line breaks are
    spaces (a table row is one line), and `@` is escaped so that no one is
    mentioned."""
    plain = terminal(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", plain)
