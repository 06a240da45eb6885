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
by its own Pagefind, and the site holds each language's stored bundle as
it is (the scripts every language shares, once) with one
`pagefind-entry.json` listing the languages in LANGUAGES order."""

from __future__ import annotations

import contextvars
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
from generator.tree import Folder, Source, Stamp, mirror

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
        self._done = {lang: threading.Event() for lang in self.fresh}
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
        self._threads = [  # in this build's context (its region's names): a new thread would start with none
            threading.Thread(target=contextvars.copy_context().run, args=(self._run, group), daemon=True)
            for group in groups
        ]
        for thread in self._threads:
            thread.start()

    def _run(self, commands: list[tuple[str, list[str]]]) -> None:
        try:
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
                self._done[lang].set()
        finally:
            for lang, _ in commands:  # after a failure too: nobody waits forever
                self._done[lang].set()

    def wait(self, lang: str) -> Path:
        """Wait for one language's index; return the folder holding its bundle
        (so the next step can start on it while the next language is indexed).
        Raises SearchIndexError."""
        if lang in self._done:
            self._done[lang].wait()
        if self.failures:
            raise SearchIndexError("pagefind", "\n".join(self.failures))
        return self.fresh.get(lang, self.store / lang)

    def finish(self, head: Folder) -> list[Source]:
        """Wait, keep each fresh bundle for the next build, and write the entry
        file naming every language into `head`. Returns what makes up
        site/pagefind, for publishing: each language's stored bundle as it
        is (the files every language shares, once) and `head`. Nothing is
        copied: the site links the stored files. Raises SearchIndexError."""
        for thread in self._threads:
            thread.join()
        if self.failures:
            raise SearchIndexError("pagefind", "\n".join(self.failures))
        for lang, output in self.fresh.items():
            kept = self.store / lang
            if kept.is_dir():  # a file with the same bytes stays the same file: the site keeps its link
                mirror(output, kept)
                shutil.rmtree(output)
            else:
                os.replace(output, kept)
            self.stamps[lang].write(self.state)
        return _bundle([self.store / lang for lang in LANGUAGES], head)

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


def _bundle(parts: list[Path], head: Folder) -> list[Source]:
    """One bundle from each language's: its own files, the shared ones (the
    scripts, identical in each) from the first, and one entry file naming
    every language, written to `head`."""
    entries = [json.loads((part / ENTRY).read_text(encoding="utf-8")) for part in parts]
    languages = {}
    for entry in entries:
        languages.update(entry.pop("languages"))
        if entry != entries[0]:
            raise SearchIndexError("pagefind", f"the languages' bundles disagree: {entry} != {entries[0]}")
    seen: dict[str, Path] = {}
    shared: set[str] = set()
    for part in parts:
        for folder, _dirs, files in os.walk(part):
            for name in files:
                path = Path(folder, name)
                rel = path.relative_to(part).as_posix()
                if rel == ENTRY:
                    continue
                if rel in seen:
                    if "/" in rel or seen[rel].read_bytes() != path.read_bytes():
                        raise SearchIndexError("pagefind", f"{rel} differs between the languages' bundles")
                    shared.add(rel)
                else:
                    seen[rel] = path
    entry = {"version": entries[0].pop("version"), "languages": languages, **entries[0]}
    head.put(ENTRY, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    sources: list[Source] = [(parts[0], "pagefind/", (ENTRY,))]
    sources += [(part, "pagefind/", (ENTRY, *sorted(shared))) for part in parts[1:]]
    return [*sources, (head.root, "pagefind/", ())]
