#!/usr/bin/env python3
"""Lighthouse benchmark of a built site (issue 22, point 13): a benchmark, not a test.

Serves SITE compressed (gzip, as a static host does) on a free localhost port
in a thread, runs Lighthouse (mobile, the default form factor and simulated
throttling) on six pages — EN and FR home, search and one opportunity — and
prints the median scores and metrics per page.

    npm ci --prefix benchmarks/lighthouse --ignore-scripts      # once
    .venv/bin/python -m benchmarks.bench_lighthouse site --lighthouse benchmarks/lighthouse [--runs 3]
        [--opportunity ID] [--pages /,/search/] [--details] [--json OUT]
        [--min-performance 95]

Lighthouse: --lighthouse or $LIGHTHOUSE is either the lighthouse executable or
a folder where `npm install lighthouse` was run (its node_modules/.bin/
lighthouse is used); without either, `npx --no-install lighthouse` is run.
Chromium: $CHROME_PATH, else /usr/bin/chromium. Exit status 1 when
--min-performance is given and a page's median performance is below it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import posixpath
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (  # audit id, column, unit
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "ms"),
)
DETAIL_AUDITS = (
    "render-blocking-resources",
    "render-blocking-insight",
    "unused-css-rules",
    "unused-javascript",
    "unminified-css",
    "unminified-javascript",
    "uses-text-compression",
    "font-display",
    "font-display-insight",
    "layout-shifts",
    "cls-culprits-insight",
    "largest-contentful-paint-element",
    "lcp-discovery-insight",
    "lcp-phases-insight",
    "network-dependency-tree-insight",
    "total-byte-weight",
    "dom-size",
    "dom-size-insight",
    "bootup-time",
    "mainthread-work-breakdown",
)

# ---------------------------------------------------------------- the server
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/atom+xml",
    "application/manifest+json",
    "application/wasm",
)
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".xml": "application/xml",
    ".webmanifest": "application/manifest+json",
    ".ics": "text/calendar",
}


def make_server(root: str, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A static server over ROOT with gzip for text types (port 0: a free one)."""
    root = os.path.realpath(root)
    cache: dict[tuple[str, float], bytes] = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like a real host

        def log_message(self, fmt, *args):
            pass

        def do_HEAD(self):
            self._serve(head=True)

        def do_GET(self):
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            url = urllib.parse.urlsplit(self.path)
            parts = [
                p for p in posixpath.normpath(urllib.parse.unquote(url.path)).split("/") if p and p not in (".", "..")
            ]
            fs = os.path.join(root, *parts)
            status = HTTPStatus.OK
            if os.path.isdir(fs):
                if not url.path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", url.path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                fs = os.path.join(fs, "index.html")
            if not os.path.isfile(fs):
                status, fs = HTTPStatus.NOT_FOUND, os.path.join(root, "404.html")
                if not os.path.isfile(fs):
                    self.send_error(404)
                    return
            ext = os.path.splitext(fs)[1].lower()
            ctype = TYPES.get(ext) or mimetypes.guess_type(fs)[0] or "application/octet-stream"
            with open(fs, "rb") as fh:
                body = fh.read()
            gz = False
            if ctype.startswith(COMPRESSIBLE) and len(body) > 256 and "gzip" in self.headers.get("Accept-Encoding", ""):
                key = (fs, os.path.getmtime(fs))
                with lock:
                    packed = cache.get(key)
                if packed is None:
                    packed = gzip.compress(body, compresslevel=6, mtime=0)
                    with lock:
                        cache[key] = packed
                body, gz = packed, True
            if ctype.startswith("text/") or ctype in ("application/json", "image/svg+xml"):
                ctype += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if gz:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            if not head:
                self.wfile.write(body)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


# ---------------------------------------------------------------- lighthouse
def lighthouse_command(where: str | None) -> list[str]:
    if where:
        if os.path.isdir(where):
            exe = os.path.join(where, "node_modules", ".bin", "lighthouse")
            if os.path.exists(exe):
                return [exe]
            sys.exit(f"no node_modules/.bin/lighthouse under {where}")
        return [where]
    found = shutil.which("lighthouse")
    return [found] if found else ["npx", "--no-install", "lighthouse"]


def run_lighthouse(cmd: list[str], url: str, out: str, chrome: str) -> dict:
    env = dict(os.environ, CHROME_PATH=chrome)
    proc = subprocess.run(
        [
            *cmd,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=" + ",".join(CATEGORIES),
            f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=45000",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 or not os.path.exists(out):
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-2000:]}")
    with open(out, encoding="utf-8") as fh:
        return json.load(fh)


def summarize(report: dict) -> dict:
    cats = report["categories"]
    row = {c: round((cats[c]["score"] or 0) * 100) for c in CATEGORIES if c in cats}
    for audit, col, _ in METRICS:
        row[col] = report["audits"][audit].get("numericValue")
    row["BI"] = report.get("environment", {}).get("benchmarkIndex")
    if report.get("runtimeError"):
        row["error"] = report["runtimeError"].get("message")
    return row


def details(report: dict) -> list[str]:
    """Failing or informative performance audits, one line each, with their items."""
    lines = []
    for aid in DETAIL_AUDITS:
        audit = report["audits"].get(aid)
        if not audit or audit.get("scoreDisplayMode") in ("notApplicable", "error"):
            continue
        if audit.get("score") == 1 and aid not in ("largest-contentful-paint-element", "total-byte-weight"):
            continue
        lines.append(f"  {aid}: {audit.get('displayValue', '')} (score {audit.get('score')})")
        det = audit.get("details") or {}
        items = det.get("items") or []
        for item in _flatten(items)[:8]:
            lines.append("      " + item)
    return lines


def _flatten(items) -> list[str]:
    out = []
    for it in items:
        if not isinstance(it, dict):
            continue
        if it.get("type") in ("table", "list") and "items" in it:
            out.extend(_flatten(it["items"]))
            continue
        node = it.get("node") or {}
        label = (
            it.get("url")
            or node.get("selector")
            or node.get("snippet")
            or it.get("label")
            or it.get("groupLabel")
            or it.get("phase")
            or ""
        )
        bits = [str(label)[:110]]
        for k in ("totalBytes", "transferSize", "wastedBytes", "wastedMs", "score", "duration", "timing", "percent"):
            if k in it and it[k] is not None:
                v = it[k]
                bits.append(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}")
        if node.get("snippet") and label != node.get("snippet"):
            bits.append(node["snippet"][:90])
        out.append(" ".join(bits))
    return out


def wait_idle(limit: float) -> float:
    """Wait (at most `limit` seconds) for the machine to be quiet; return the load average then.
    Lighthouse's simulated throttling scales what it observes: a busy CPU inflates TBT and LCP."""
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + limit
    while os.getloadavg()[0] > cores / 2 and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


def default_opportunity(site: str) -> str:
    base = os.path.join(site, "opportunities")
    for name in sorted(os.listdir(base)):
        en = os.path.join(base, name, "index.html")
        fr = os.path.join(site, "fr", "opportunities", name, "index.html")
        if os.path.isfile(en) and os.path.isfile(fr):
            with open(en, encoding="utf-8", errors="replace") as fh:
                if 'http-equiv="refresh"' in fh.read(2000):
                    continue  # an old address kept working, not a page
            return name
    sys.exit("no opportunity page found in both languages")


def fmt(col: str, v) -> str:
    if v is None:
        return "-"
    if col == "CLS":
        return f"{v:.3f}"
    if col in ("FCP", "LCP", "SI"):
        return f"{v / 1000:.2f}s"
    if col == "TBT":
        return f"{v:.0f}ms"
    return str(v)


def main() -> int:
    ap = argparse.ArgumentParser(description="Lighthouse scores of a built site, served compressed.")
    ap.add_argument("site")
    ap.add_argument(
        "--lighthouse",
        default=os.environ.get("LIGHTHOUSE"),
        help="lighthouse executable, or the folder of a local npm install",
    )
    ap.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--opportunity", help="opportunity id (default: the first in both languages)")
    ap.add_argument("--pages", help="comma-separated paths instead of the six default pages")
    ap.add_argument("--details", action="store_true", help="print the median run's diagnostics")
    ap.add_argument("--json", help="write every run's summary here")
    ap.add_argument("--keep", help="keep the raw reports in this folder")
    ap.add_argument("--min-performance", type=int)
    ap.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each run, wait up to this long for the 1-minute load average to fall below half the cores",
    )
    args = ap.parse_args()

    site = os.path.realpath(args.site)
    if args.pages:
        pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    else:
        opp = args.opportunity or default_opportunity(site)
        pages = ["/", "/search/", f"/opportunities/{opp}/", "/fr/", "/fr/search/", f"/fr/opportunities/{opp}/"]
    cmd = lighthouse_command(args.lighthouse)
    server = make_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}"
    outdir = args.keep or tempfile.mkdtemp(prefix="lh-")
    os.makedirs(outdir, exist_ok=True)

    results: dict[str, list[dict]] = {}
    medians: dict[str, dict] = {}
    median_reports: dict[str, dict] = {}
    try:
        for page in pages:
            runs, reports = [], []
            for i in range(args.runs):
                out = os.path.join(outdir, page.strip("/").replace("/", "_") or "home")
                load = wait_idle(args.wait_idle) if args.wait_idle else os.getloadavg()[0]
                report = run_lighthouse(cmd, origin + page, f"{out}.{i}.json", args.chrome)
                runs.append(summarize(report))
                runs[-1]["load"] = round(load, 2)
                reports.append(report)
                print(
                    f"  {page} run {i + 1}: perf {runs[-1].get('performance')} "
                    f"(benchmarkIndex {runs[-1].get('BI')}, load {load:.1f})",
                    file=sys.stderr,
                    flush=True,
                )
            results[page] = runs
            med = {}
            for key in runs[0]:
                vals = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
                med[key] = statistics.median(vals) if vals else runs[0].get(key)
            medians[page] = med
            # the run whose performance score is the median one, for the details
            order = sorted(range(len(runs)), key=lambda k: runs[k].get("performance", 0))
            median_reports[page] = reports[order[len(order) // 2]]
    finally:
        server.shutdown()

    version = next(iter(median_reports.values())).get("lighthouseVersion", "?")
    print(
        f"Lighthouse {version}, mobile, {args.runs} run(s) per page, medians (min: the worst run's "
        f"performance; BI: Lighthouse's benchmarkIndex, lower = busier CPU; load: 1-min load average); site {site}"
    )
    busy = [p for p in pages if any(r.get("load", 0) > (os.cpu_count() or 1) for r in results[p])]
    if busy:
        print(f"warning: the machine was busy (load average above {os.cpu_count()}) during runs of {', '.join(busy)}")
    cols = ["performance", "accessibility", "best-practices", "seo"] + [m[1] for m in METRICS] + ["min", "BI", "load"]
    heads = ["perf", "a11y", "bp", "seo"] + [m[1] for m in METRICS] + ["min", "BI", "load"]
    width = max(len(p) for p in pages)
    print(f"{'page':<{width}}  " + "  ".join(f"{h:>6}" for h in heads))
    for page in pages:
        med = dict(medians[page])
        med["min"] = min(r.get("performance", 0) for r in results[page])  # the worst run
        med["BI"] = round(med["BI"]) if med.get("BI") else None
        cells = []
        for c in cols:
            v = med.get(c)
            cells.append(f"{fmt(c, v):>6}" if c in [m[1] for m in METRICS] else f"{(v if v is not None else '-'):>6}")
        print(f"{page:<{width}}  " + "  ".join(cells))
    if args.details:
        for page in pages:
            print(f"\n{page}")
            print("\n".join(details(median_reports[page])))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"lighthouse": version, "runs": results, "medians": medians}, fh, indent=1)
    if args.min_performance is not None:
        low = [p for p in pages if (medians[p].get("performance") or 0) < args.min_performance]
        if low:
            print(f"below {args.min_performance}: {', '.join(low)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
