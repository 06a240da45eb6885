"""Index the built site with Pagefind (its binary ships in the `pagefind[bin]`
wheel; nothing is downloaded). One bundle at the site's root serves every
language: Pagefind keeps an index per `<html lang>`, with that language's
stemming, and only opportunity pages (marked `data-pagefind-body`) are
indexed, with their filters and sort keys."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.publish.tools import ToolError, start

COMMAND = (sys.executable, "-m", "pagefind", "--quiet")


class SearchIndexError(ToolError):
    """Pagefind failed; the message carries its output."""


def index_site(site: Path) -> None:
    try:
        proc = start("pagefind", [*COMMAND, "--site", str(site)])
    except ToolError as exc:
        raise SearchIndexError("pagefind", exc.output) from exc
    output, _ = proc.communicate()
    if proc.returncode != 0:
        raise SearchIndexError("pagefind", output)
