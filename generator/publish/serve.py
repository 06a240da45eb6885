"""`wil serve`: a live preview while staff edit data files.

MkDocs' own server watches the generated docs folder; this loop watches the
data files and regenerates pages when they change. Only changed pages are
rewritten, so one edit triggers one rebuild (no hooks: MkDocs-only setups
rebuild forever when a hook writes into the docs folder).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.paths import INSTITUTIONS_DIR, OPPORTUNITIES_DIR, PROJECT_ROOT
from generator.publish import config as mkconfig
from generator.publish.pipeline import generate

WATCHED = (INSTITUTIONS_DIR, OPPORTUNITIES_DIR)


def _snapshot(root: Path) -> dict[str, float]:
    files: dict[str, float] = {}
    for folder in [*(root / w for w in WATCHED), PROJECT_ROOT / "docs", PROJECT_ROOT / "schema"]:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    files[str(path)] = path.stat().st_mtime
    return files


def serve(root: Path, today: dt.date | None, lang: str, dev_addr: str) -> int:
    build_dir = root / "build"

    def regenerate() -> Path:
        configs, report, _, _ = generate(root, build_dir, today or dt.date.today(), progress=lambda m: None)
        errors = report["totals"]["errors"]
        print(f"pages regenerated ({errors} invalid file(s) left out; run `wil validate` for details)", file=sys.stderr)
        return configs[lang]

    config_path = regenerate()
    site_dir = Path(tempfile.mkdtemp(prefix="wil-serve-"))
    config = mkconfig.language_config(lang, (build_dir / lang / "docs").resolve(), site_dir)
    mkconfig.write_config(config_path, config)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config_path), "--dev-addr", dev_addr])
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
