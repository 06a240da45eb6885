"""`wil serve`: a live preview while staff edit data files.

MkDocs' own server watches the generated docs folder; this loop watches the
data files and regenerates pages when they change. Only changed pages are
rewritten, so one edit triggers one rebuild (no hooks: MkDocs-only setups
rebuild forever when a hook writes into the docs folder). The preview is
configured by the build's own configuration step.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator import paths
from generator.clock import resolve_today
from generator.i18n import msg
from generator.publish.config import configure
from generator.publish.pipeline import generate

WATCHED = (paths.INSTITUTIONS_DIR, paths.OPPORTUNITIES_DIR)


def _snapshot(root: Path) -> dict[str, float]:
    files: dict[str, float] = {}
    for folder in [*(root / w for w in WATCHED), paths.PAGES, paths.SCHEMA_DIR, paths.LOCALES]:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    files[str(path)] = path.stat().st_mtime
    return files


def serve(root: Path, today: dt.date | None, lang: str, dev_addr: str) -> int:
    build_dir = root / "build"

    def regenerate() -> None:
        report = generate(root, build_dir, resolve_today(today)).report
        errors = report.totals.errors
        print(msg("cli.serve.regenerated", errors).render(lang), file=sys.stderr)

    regenerate()
    site_dir = Path(tempfile.mkdtemp(prefix="wil-serve-"))
    config_path = configure(build_dir, {lang: site_dir})[lang]
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_path), "--dev-addr", dev_addr]
    server = subprocess.Popen(command)
    seen = _snapshot(root)
    try:
        while server.poll() is None:
            time.sleep(1.0)
            now = _snapshot(root)
            if now != seen:
                seen = now
                regenerate()
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
