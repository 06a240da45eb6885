"""Write each language's docs folder: generated pages plus the hand-written
ones, touching only files whose content changed (so `mkdocs serve` does not
rebuild forever) and removing pages that no longer exist."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.files import write_if_changed
from generator.paths import PROJECT_ROOT
from generator.render.pages import Page

HANDWRITTEN = PROJECT_ROOT / "docs"


def _handwritten(lang: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for base, prefix in ((HANDWRITTEN / lang, ""), (HANDWRITTEN / "assets", "assets/")):
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    files[prefix + path.relative_to(base).as_posix()] = path.read_bytes()
    return files


def write_docs(folder: Path, lang: str, pages: Iterable[Page]) -> int:
    """Make `folder` hold exactly these pages; return how many files changed."""
    wanted = _handwritten(lang)
    for page in pages:
        if page.path in wanted:
            raise ValueError(f"generated page {page.path} would overwrite a hand-written one")
        wanted[page.path] = page.text.encode("utf-8")
    root = folder.resolve()
    changed = 0
    for rel, content in wanted.items():
        target = (root / rel).resolve()
        if not target.is_relative_to(root):  # ids are validated; this is the second lock
            raise ValueError(f"refusing to write outside {root}: {rel}")
        changed += write_if_changed(target, content) != "unchanged"
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
