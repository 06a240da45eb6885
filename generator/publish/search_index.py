"""The search index: Pagefind (its binary ships in the `pagefind[bin]`
wheel; nothing is downloaded) over each opportunity's search document.

Render writes, beside each language's docs, one small HTML document per
listed opportunity (`build/<lang>/search/`): the page's own content (the
`data-pagefind-body` part, byte for byte what MkDocs publishes) in an
`<html lang>` wrapper, at the page's own path, without what Pagefind
skips anyway. Pagefind reads those instead
of the built site, so it needs nothing from MkDocs and runs beside it, and
reads a quarter of the bytes. Each language's index is its own set of files
(`<lang>_<hash>` names, that language's stemming): each language is indexed
by its own Pagefind, side by side, and the bundles are put together with
one `pagefind-entry.json` listing the languages in LANGUAGES order."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import threading
from pathlib import Path

from generator.cache import code_version, digest
from generator.layout import LANGUAGES, prefix
from generator.publish.tools import Running, ToolError
from generator.publish.tree import Stamp

COMMAND = (sys.executable, "-m", "pagefind", "--quiet")
ENTRY = "pagefind-entry.json"


class SearchIndexError(ToolError):
    """Pagefind failed; the message carries its output."""


# Parts of a page Pagefind leaves out anyway (`data-pagefind-ignore` sections,
# the JSON-LD): the search document goes without them, which saves a quarter
# of Pagefind's time and changes nothing in the index (tested). The page is
# this program's own markup; text from the data in it is escaped.
_IGNORED = re.compile(
    r"<(section|footer)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1>|<script\b[^>]*>.*?</script>", re.S
)


def search_document(lang: str, body: str) -> str:
    """What Pagefind reads for one page: the page's content, in its language."""
    body = _IGNORED.sub("", body)
    return f'<!doctype html>\n<html lang="{lang}">\n<head><meta charset="utf-8"></head>\n<body>\n{body}\n</body>\n</html>\n'


def unstable(rel: str) -> bool:
    """Pagefind 1.5 writes its filter index in hash-map order, so those chunks
    (and the metadata and entry files naming them) differ from run to run;
    every other file of the bundle is byte-for-byte stable. `rel`: a path
    in the published site."""
    parts = rel.split("/")
    return (
        len(parts) > 1
        and parts[0] == "pagefind"
        and (parts[1] == "filter" or parts[1].endswith(".pf_meta") or parts[1] == ENTRY)
    )


class Indexing:
    """Pagefind indexing each language in the background into `store/<lang>`,
    kept there for the next build: a language none of whose search
    documents changed (not in `redo`) reuses its bundle if it was made by
    this same program and command. Languages run one after the other unless
    `together`: Pagefind holds its whole index in memory (about 70 KB per
    page), so on a big site two at once would double the peak."""

    def __init__(self, roots: dict[str, Path], store: Path, redo: set[str], *, together: bool = False) -> None:
        self.store = store
        self.state = digest("pagefind", code_version(), *COMMAND)
        self.stamps = {lang: Stamp(store / f"{lang}.state") for lang in LANGUAGES}
        self.fresh = {
            lang: store / f".new-{lang}"
            for lang in LANGUAGES
            if lang in redo or not self.stamps[lang].matches(self.state) or not (store / lang / ENTRY).is_file()
        }
        self.failures: list[str] = []
        self._running: list[Running] = []
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        commands = []
        for lang, output in self.fresh.items():
            self.stamps[lang].forget()
            shutil.rmtree(output, ignore_errors=True)
            command = [*COMMAND, "--site", str(roots[lang]), "--glob", f"{prefix(lang)}opportunities/*/index.html"]
            commands.append((lang, [*command, "--output-path", str(output)]))
        groups = [[c] for c in commands] if together else [commands]
        self._threads = [threading.Thread(target=self._run, args=(group,), daemon=True) for group in groups]
        for thread in self._threads:
            thread.start()

    def _run(self, commands: list[tuple[str, list[str]]]) -> None:
        for lang, command in commands:
            with self._lock:
                if self._stopped.is_set():
                    return
                try:
                    running = Running("pagefind", command)
                except ToolError as exc:
                    self.failures.append(f"[{lang}] {exc.output.strip()}")
                    return
                self._running.append(running)
            code, output = running.wait()
            if code != 0:
                self.failures.append(f"[{lang}] {output.strip()}")
                return

    def finish(self, site: Path) -> None:
        """Wait, then put the bundles together as site/pagefind. Raises SearchIndexError."""
        for thread in self._threads:
            thread.join()
        if self.failures:
            raise SearchIndexError("pagefind", "\n".join(self.failures))
        for lang, output in self.fresh.items():
            shutil.rmtree(self.store / lang, ignore_errors=True)
            os.replace(output, self.store / lang)
            self.stamps[lang].write(self.state)
        _merge([self.store / lang for lang in LANGUAGES], site / "pagefind")

    def stop(self) -> None:
        with self._lock:
            self._stopped.set()
            for running in self._running:
                if running.proc.poll() is None:
                    running.proc.kill()
        for thread in self._threads:
            thread.join()


def index_site(site: Path, output: Path) -> None:
    """A site without any search document (no listed opportunity): one Pagefind
    reads every page, so the search page still finds its bundle, empty."""
    running = Running("pagefind", [*COMMAND, "--site", str(site), "--output-path", str(output)])
    code, output = running.wait()
    if code != 0:
        raise SearchIndexError("pagefind", output.strip())


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
            try:
                os.link(path, target)  # the parts are kept for the next build
            except OSError:
                shutil.copyfile(path, target)
    entry = {"version": entries[0].pop("version"), "languages": languages, **entries[0]}
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
