"""Benchmark of issue 15: how heavy and how fast the landing page and the heaviest lesson are.

Budgets (from the issue): every page at most 1.5 MB transferred, the median
lesson page at most 1.0 MB and the landing page at most 1.0 MB (checked on
the built site, like ``tests/test_docs_build.py``); and a mobile performance
score of at least 90 for the landing page and the heaviest lesson.

The site is built into a temporary folder (or taken from ``--site DIR`` /
``LUNAR_EDU_BENCH_SITE``), served from 127.0.0.1 by a small HTTP server that
gzips text files as a web host does, and loaded in headless Chromium
(``/usr/bin/chromium``, Debian's package; ``CHROMIUM`` overrides the path):

- with **Lighthouse** when it is installed (``lighthouse`` on the PATH or
  ``LIGHTHOUSE=/path/to/lighthouse``; ``npm install lighthouse``), mobile
  preset, which reports its own performance score;
- otherwise with **Playwright** (``pip install playwright``, driving the same
  Chromium) under Lighthouse's mobile throttling: 4x CPU slowdown, 150 ms
  round trip, 1.6 Mbit/s down, a 412 x 823 phone screen. It records bytes
  transferred, first contentful paint, largest contentful paint (a
  PerformanceObserver), total blocking time (long tasks) and layout shift,
  and scores them with Lighthouse 10's mobile curves and weights (speed
  index is not measured; its weight goes to FCP, whose curve is the nearest).

Without Chromium the page-weight part still runs and the browser part is
skipped with a message saying what to install. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from html_checks import page_weight_bytes

PAGE_BUDGET_BYTES = 1_500_000
LESSON_MEDIAN_BUDGET_BYTES = 1_000_000
LANDING_BUDGET_BYTES = 1_000_000
SCORE_BUDGET = 90
_TEXT_TYPES = (".html", ".css", ".js", ".svg", ".json", ".txt")
_GENERATED = shutil.ignore_patterns(
    "_build", "_generated", "auto_examples", "sphinx-gallery-junit.xml", "*.md5"
)
# Lighthouse's mobile preset ("simulated slow 4G" and a mid-range phone).
_RTT_MS = 150
_DOWN_BYTES_PER_S = 1.6e6 / 8
_UP_BYTES_PER_S = 750e3 / 8
_CPU_SLOWDOWN = 4
_VIEWPORT = {"width": 412, "height": 823}
# Lighthouse 10 mobile scoring: (p10, median) of each metric and its weight.
_CURVES = {
    "fcp_ms": (1800, 3000, 0.10 + 0.10),  # + speed index's weight
    "lcp_ms": (2500, 4000, 0.25),
    "tbt_ms": (200, 600, 0.30),
    "cls": (0.1, 0.25, 0.25),
}


def chromium_path() -> str | None:
    """Return the Chromium to use, or None when there is none."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def build_site(work: Path) -> Path:
    """Build the site into ``work`` with the strict options; return its html folder."""
    shutil.copytree(ROOT / "docs", work / "docs", ignore=_GENERATED)
    shutil.copytree(ROOT / "examples", work / "examples", ignore=_GENERATED)
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    env.pop("LUNAR_EDU_DOCS_ONLINE", None)
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(work / "docs"), str(work / "html")],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return work / "html"


def page_weights(html: Path) -> dict[str, tuple[int, int]]:
    """Return (gzip-transferred, uncompressed) bytes of every page."""
    pages = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    return {
        p.relative_to(html).as_posix(): (
            page_weight_bytes(p)[0],
            page_weight_bytes(p, compress_text=False)[0],
        )
        for p in pages
    }


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files, gzipping text as web hosts do; quiet."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in _TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, *args):
        del args


def serve(html: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the site on a free local port; return the server and base URL."""
    handler = functools.partial(_GzipHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse_command() -> list[str] | None:
    """Return the Lighthouse command line, or None when it is not installed."""
    configured = os.environ.get("LIGHTHOUSE")
    if configured and Path(configured).is_file():
        return [configured]
    found = shutil.which("lighthouse")
    return [found] if found else None


def run_lighthouse(command: list[str], url: str, chromium: str) -> dict:
    """Run Lighthouse (mobile preset, performance only) on one URL."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": chromium}
        subprocess.run(
            [*command, url, "--only-categories=performance", "--output=json",
             f"--output-path={report}", "--quiet",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            check=True, env=env, capture_output=True, timeout=300,
        )  # fmt: skip
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "tool": "Lighthouse " + data.get("lighthouseVersion", "?"),
        "score": round(100 * data["categories"]["performance"]["score"]),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def _log_normal_score(value: float, p10: float, median: float) -> float:
    """Lighthouse's score curve: 0.9 at p10, 0.5 at the median."""
    if value <= 0:
        return 1.0
    # Complementary log-normal CDF whose 10th percentile maps to 0.9.
    sigma = (math.log(median) - math.log(p10)) / 1.2815515655446004
    z = (math.log(value) - math.log(median)) / (sigma * math.sqrt(2))
    return max(0.0, min(1.0, 0.5 * math.erfc(z)))


def score(metrics: dict) -> int:
    """Return a Lighthouse-10-style mobile performance score from the metrics."""
    total = sum(
        weight * _log_normal_score(metrics[name], p10, median)
        for name, (p10, median, weight) in _CURVES.items()
    )
    return round(100 * total / sum(w for *_, w in _CURVES.values()))


_OBSERVE = """
window.__lcp = 0; window.__cls = 0; window.__tbt = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries())
  if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries())
  window.__tbt += Math.max(0, e.duration - 50); })
  .observe({type: 'longtask', buffered: true});
"""


def run_playwright(url: str, chromium: str) -> dict:
    """Load one URL in throttled headless Chromium and measure it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            viewport=_VIEWPORT, device_scale_factor=1.75, is_mobile=True
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": _RTT_MS,
                "downloadThroughput": _DOWN_BYTES_PER_S,
                "uploadThroughput": _UP_BYTES_PER_S,
            },
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": _CPU_SLOWDOWN})
        transferred = []
        cdp.on(
            "Network.loadingFinished",
            lambda event: transferred.append(event["encodedDataLength"]),
        )
        page.add_init_script(_OBSERVE)
        page.goto(url, wait_until="load", timeout=180_000)
        page.wait_for_timeout(1500)  # let the LCP and long-task observers report
        measured = page.evaluate(
            "() => ({lcp: window.__lcp, cls: window.__cls, tbt: window.__tbt,"
            " fcp: (performance.getEntriesByName('first-contentful-paint')[0]"
            " || {startTime: 0}).startTime})"
        )
        browser.close()
    metrics = {
        "tool": "Playwright + Chromium (Lighthouse-10-style score, no speed index)",
        "fcp_ms": measured["fcp"],
        "lcp_ms": measured["lcp"],
        "tbt_ms": measured["tbt"],
        "cls": measured["cls"],
        "bytes": sum(transferred),
    }
    metrics["score"] = score(metrics)
    return metrics


def browser_run(html: Path, pages: list[str]) -> int:
    """Measure pages in headless Chromium; return how many missed the score."""
    chromium = chromium_path()
    if chromium is None:
        print(
            "SKIPPED the browser measurement: no Chromium found. Install it with "
            "'apt-get install -y chromium' (or set CHROMIUM=/path/to/chrome)."
        )
        return 0
    lighthouse = lighthouse_command()
    if lighthouse is None:
        try:
            import playwright  # noqa: F401
        except ImportError:
            print(
                "SKIPPED the browser measurement: neither Lighthouse ('npm install "
                "lighthouse', or LIGHTHOUSE=path) nor Playwright ('pip install "
                "playwright') is installed."
            )
            return 0
    server, base = serve(html)
    missed = 0
    try:
        for name in pages:
            url = base + name
            if lighthouse is not None:
                metrics = run_lighthouse(lighthouse, url, chromium)
            else:
                metrics = run_playwright(url, chromium)
            low = metrics["score"] < SCORE_BUDGET
            missed += low
            print(
                f"{name:<55} score {metrics['score']:>3} (budget >= {SCORE_BUDGET})"
                f"{'  LOW' if low else ''}; FCP {metrics['fcp_ms'] / 1000:.2f} s, "
                f"LCP {metrics['lcp_ms'] / 1000:.2f} s, TBT {metrics['tbt_ms']:.0f} ms, "
                f"CLS {metrics['cls']:.3f}, {metrics['bytes'] / 1e6:.2f} MB on the wire"
            )
        print(f"measured with {metrics['tool']}, mobile throttling")
    finally:
        server.shutdown()
    return missed


def run(site: Path | None = None) -> int:
    """Print page weights and browser measurements; return budgets missed."""
    configured = os.environ.get("LUNAR_EDU_BENCH_SITE")
    site = site or (Path(configured) if configured else None)
    with tempfile.TemporaryDirectory() as tmp:
        html = site if site is not None else build_site(Path(tmp))
        weights = page_weights(html)
        lessons = {k: v for k, v in weights.items() if "/plot_" in k}
        heaviest = max(lessons, key=lambda k: lessons[k][0])
        median = statistics.median(v[0] for v in lessons.values())
        heaviest_page = max(weights, key=lambda k: weights[k][0])
        print(f"{'page (gzip text + pictures)':<55} {'MB':>6} {'raw MB':>7}")
        for name in ("index.html", "pictures.html", heaviest):
            print(
                f"{name:<55} {weights[name][0] / 1e6:>6.2f} {weights[name][1] / 1e6:>7.2f}"
            )
        print(
            f"heaviest page {heaviest_page} {weights[heaviest_page][0] / 1e6:.2f} MB "
            f"(budget {PAGE_BUDGET_BYTES / 1e6:.1f}); lesson median {median / 1e6:.2f} MB "
            f"(budget {LESSON_MEDIAN_BUDGET_BYTES / 1e6:.1f}); landing "
            f"{weights['index.html'][0] / 1e6:.2f} MB (budget "
            f"{LANDING_BUDGET_BYTES / 1e6:.1f})"
        )
        missed = int(weights[heaviest_page][0] > PAGE_BUDGET_BYTES)
        missed += int(median > LESSON_MEDIAN_BUDGET_BYTES)
        missed += int(weights["index.html"][0] > LANDING_BUDGET_BYTES)
        missed += browser_run(html, ["index.html", heaviest])
    return missed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built html folder")
    arguments = parser.parse_args()
    sys.exit(1 if run(arguments.site) else 0)
