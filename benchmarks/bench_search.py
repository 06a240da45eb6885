"""What a browser fetches for a first search on a large synthetic site.
Prints figures; asserts nothing.

    python -m benchmarks.bench_search            # 5,000 opportunities
    python -m benchmarks.bench_search 20000

The search page is opened with a query and a filter in its address; every
file fetched after the page's own HTML is counted until the first results
are on screen. A static host compresses text files, so each file is counted
at its gzip size (Pagefind's index files are already compressed and are
counted as they are). A file fetched a second time in the same visit (Pagefind
reads the page list that the facet table was aligned with) is revalidated by
the browser and answered "304 Not Modified" by any static host; it is counted
at 0 bytes and reported as revalidated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from benchmarks.synth import write_region
from generator.publish.pipeline import build

TODAY = dt.date(2026, 11, 22)
QUERIES = (
    "q=data",
    "q=analyst&type=internship",
    "q=solar+installation&pay=paid&intl=yes",
    "type=co-op&pay=paid",
    "sector=technology&arrangement=hybrid&pay=paid&sort=newest",
)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _wire_size(url: str, body: bytes) -> int:
    if url.split("?")[0].endswith((".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment", ".png", ".woff2")):
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def measure(site: Path, query: str) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/search/?{query}"
    fetched: list[tuple[str, int, int]] = []
    revalidated: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()

        def record(response: Any) -> None:
            if response.url.split("?")[0] == url.split("?")[0] or response.request.resource_type == "document":
                return  # the page itself
            try:
                body = response.body()
            except Exception:
                return
            if response.request.sizes()["responseBodySize"] <= 0:
                revalidated.append(response.url)  # 304: the browser already has it
                return
            fetched.append((response.url, len(body), _wire_size(response.url, body)))

        page.on("response", record)
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function("document.querySelectorAll('#wil-search-results > li').length > 0", polling=50)
        elapsed = time.perf_counter() - started
        status = page.text_content("#wil-search-status")
        browser.close()
    server.shutdown()
    raw = sum(f[1] for f in fetched)
    wire = sum(f[2] for f in fetched)
    search_only = sum(f[2] for f in fetched if "/pagefind/" in f[0])
    print(
        f"   first query `{query}`: {status}; {len(fetched)} files after the page, "
        f"{wire / 1024:.0f} KB over the wire ({raw / 1024:.0f} KB uncompressed), "
        f"of which the search index {search_only / 1024:.0f} KB; {len(revalidated)} revalidated (304); "
        f"{elapsed:.2f} s on localhost"
    )
    groups: dict[str, list[int]] = {}
    for name, _, size in fetched:
        path = name.split("/", 3)[-1].split("?")[0]
        kind = path.rsplit(".", 1)[-1] if "/pagefind/" in name else path
        groups.setdefault(kind, []).append(size)
    for kind, sizes in sorted(groups.items(), key=lambda g: -sum(g[1]))[:8]:
        print(f"      {sum(sizes) / 1024:6.1f} KB in {len(sizes):3} file(s): {kind}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Bytes fetched for a first search.")
    parser.add_argument("count", nargs="?", type=int, default=5000)
    parser.add_argument("--site", type=Path, default=None, help="measure an already built site instead")
    args = parser.parse_args()
    if args.site:
        for query in QUERIES:
            measure(args.site, query)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = write_region(Path(tmp) / "region", args.count)
        started = time.perf_counter()
        result = build(root, Path(tmp) / "site", TODAY, progress=lambda message: None)
        print(
            f"== {args.count} opportunities: full build with search index {time.perf_counter() - started:.1f} s "
            f"({', '.join(f'{k} {v:.1f} s' for k, v in result.timings.items())})"
        )
        assert result.site is not None
        for query in QUERIES:
            measure(result.site, query)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
