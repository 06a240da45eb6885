"""The bot's comment on a submitted issue form: what to fix, in every
language, safe to post. The answer repeats what the submitter wrote (values
in the problems), so it goes inside a code block that no backtick run in it
can close, with `@` neutralised (no one is mentioned, no team pinged), and
capped below GitHub's comment limit with a link to the full log."""

from __future__ import annotations

import re

from generator.i18n import t
from generator.layout import LANGUAGES

LIMIT = 60_000  # characters: GitHub refuses comments over 65,536
_MENTION = re.compile(r"@(?=\w)")


def comment(report: str, log_url: str) -> str:
    """The comment's Markdown from the plain-text report (`wil from-issue` in each language)."""
    text = _MENTION.sub("@\u200b", report.replace("\r", ""))  # a zero-width space after @: shown, never a mention
    intro = "\n\n".join(t("comment.intro", lang) for lang in LANGUAGES)
    link = " / ".join(dict.fromkeys(t("comment.full-log", lang, url=log_url) for lang in LANGUAGES))
    room = LIMIT - len(intro) - len(link) - 200
    if len(text) > room:
        text = text[:room].rstrip() + "\n…"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{intro}\n\n{fence}text\n{text}\n{fence}\n\n{link}\n"


def reviewed_comment(log_url: str) -> str:
    """Why an edit of the issue was not applied: its pull request has a review."""
    text = "\n\n".join(t("comment.reviewed", lang) for lang in LANGUAGES)
    link = " / ".join(dict.fromkeys(t("comment.full-log", lang, url=log_url) for lang in LANGUAGES))
    return f"{text}\n\n{link}\n"
