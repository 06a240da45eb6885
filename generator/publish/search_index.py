"""Index the built site with Pagefind (its binary ships in the `pagefind[bin]`
wheel; nothing is downloaded). One bundle at the site's root serves every
language: Pagefind keeps an index per `<html lang>`, with that language's
stemming, and only opportunity pages (marked `data-pagefind-body`) are
indexed, with their filters and sort keys.

Pagefind leaves out every page without `data-pagefind-body` once one page
has it, so only the opportunity folders are read (list pages, redirects and
the rest are never parsed). And as each language's index is its own set of
files (`<lang>_<hash>` names), each language is indexed by its own Pagefind,
side by side, into its own folder; the folders are then put together, with
one `pagefind-entry.json` listing the languages in LANGUAGES order."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from generator.layout import LANGUAGES, prefix
from generator.publish.tools import ToolError, start

COMMAND = (sys.executable, "-m", "pagefind", "--quiet")
ENTRY = "pagefind-entry.json"


class SearchIndexError(ToolError):
    """Pagefind failed; the message carries its output."""


def index_site(site: Path, *, opportunities: bool = True) -> None:
    """Write site/pagefind. Without any opportunity page (`opportunities`
    false) nothing carries `data-pagefind-body`: one Pagefind reads every page."""
    if not opportunities:
        _run({"all": [*COMMAND, "--site", str(site)]})
        return
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site.parent) as tmp:
        parts = {lang: Path(tmp) / lang for lang in LANGUAGES}
        _run(
            {
                lang: [*COMMAND, "--site", str(site), "--glob", f"{prefix(lang)}opportunities/*/index.html",
                       "--output-path", str(part)]
                for lang, part in parts.items()
            }
        )  # fmt: skip
        _merge(list(parts.values()), site / "pagefind")


def _run(commands: dict[str, list[str]]) -> None:
    procs = {}
    try:
        for name, command in commands.items():
            procs[name] = start("pagefind", command)
    except ToolError as exc:
        for proc in procs.values():
            proc.kill()
            proc.communicate()
        raise SearchIndexError("pagefind", exc.output) from exc
    failures = []
    for name, proc in procs.items():
        output, _ = proc.communicate()
        if proc.returncode != 0:
            failures.append(output.strip() if len(procs) == 1 else f"[{name}] {output.strip()}")
    if failures:
        raise SearchIndexError("pagefind", "\n".join(failures))


def _merge(parts: list[Path], bundle: Path) -> None:
    """One bundle from each language's: its own files, the shared ones (the
    scripts, identical in each) once, and the languages of every entry file."""
    entries = [json.loads((part / ENTRY).read_text(encoding="utf-8")) for part in parts]
    languages = {}
    for entry in entries:
        languages.update(entry.pop("languages"))
        if entry != entries[0]:
            raise SearchIndexError("pagefind", f"the languages' bundles disagree: {entry} != {entries[0]}")
    for part in parts:
        for path in sorted(part.rglob("*")):
            if not path.is_file() or path.name == ENTRY:
                continue
            target = bundle / path.relative_to(part)
            if target.exists():
                if target.read_bytes() != path.read_bytes():
                    raise SearchIndexError("pagefind", f"{target.name} differs between the languages' bundles")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    entry = {"version": entries[0].pop("version"), "languages": languages, **entries[0]}
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
