"""Our MkDocs entry point (generator/publish/mkdocs_main.py) changes how
pages are built, never what they say: every page it writes is the same,
byte for byte, as stock `mkdocs build` writes from the same configuration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_pages_match_stock_mkdocs(sample_site: Path, tmp_path: Path) -> None:
    config = sample_site.parent / "build" / "en" / "mkdocs.yml"
    assert config.is_file(), config
    stock = tmp_path / "stock"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(stock)],
        check=True,
        cwd=config.parent,
    )
    ours = sample_site.parent / "build" / "en" / "site"
    pages = sorted(p.relative_to(stock) for p in stock.rglob("*.html"))
    opportunities = [p for p in pages if p.parts[0] == "opportunities"]
    assert len(opportunities) > 20 and len(pages) > len(opportunities)
    differ = [str(p) for p in pages if (ours / p).read_bytes() != (stock / p).read_bytes()]
    assert differ == []
    # the sidebar was rendered once and reused: it is there, with links relative to each page
    page = (ours / opportunities[0]).read_text(encoding="utf-8")
    assert 'class="md-nav md-nav--primary"' in page and 'href="../../browse/"' in page
