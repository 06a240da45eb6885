"""Index the built site with Pagefind (its binary ships in the `pagefind[bin]`
wheel; nothing is downloaded). One bundle at the site's root serves both
languages: Pagefind keeps an index per `<html lang>`, with that language's
stemming, and only opportunity pages (marked `data-pagefind-body`) are
indexed, with their filters and sort keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def index_site(site: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed:\n{result.stdout}{result.stderr}")
