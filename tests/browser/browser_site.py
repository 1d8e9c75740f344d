"""What the browser tests need besides the browser: the pages, a server, PDF text.

Kept free of Playwright imports: ``make test`` collects this folder (for
doctests) without the ``browser`` extra installed.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
INSTALL_HINT = "apt-get install chromium poppler-utils nodejs npm"
# Folders of the built site that hold assets and downloads, not pages.
_NOT_PAGES = {"_static", "_sources", "_downloads", "_images", "_generated"}


def site_root() -> Path:
    """Return the built HTML site the browser tests read.

    ``LUNAR_EDU_BROWSER_SITE`` points elsewhere; by default it is the output
    of ``make html``.
    """
    configured = os.environ.get("LUNAR_EDU_BROWSER_SITE")
    return Path(configured) if configured else ROOT / "docs" / "_build" / "html"


def chromium_path() -> str | None:
    """Return the Chromium executable (``CHROMIUM`` overrides), or None."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pages(root: Path) -> list[str]:
    """Return every HTML page of a built site as a path relative to its root.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     base = Path(folder)
    ...     for name in ("index.html", "a/b.html", "_static/x.html", "zh_CN/_static/y.html"):
    ...         (base / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (base / name).write_text("<p>")
    ...     pages(base)
    ['a/b.html', 'index.html']
    """
    found = []
    for path in root.rglob("*.html"):
        relative = path.relative_to(root)
        # Also inside an edition's folder: zh_CN/_static/ holds no pages.
        if not set(relative.parts[:-1]) & set(_NOT_PAGES):
            found.append(relative.as_posix())
    return sorted(found)


def lesson_pages(all_pages: list[str]) -> list[str]:
    """Return the lesson pages (``auto_examples/<topic>/plot_*.html``)."""
    return [
        page
        for page in all_pages
        if page.startswith("auto_examples/") and Path(page).name.startswith("plot_")
    ]


def worksheet_pages(all_pages: list[str]) -> list[str]:
    """Return the worksheet pages, without the worksheets' index page."""
    return [
        page
        for page in all_pages
        if page.startswith("worksheets/") and Path(page).name != "index.html"
    ]


def teacher_pages(all_pages: list[str]) -> list[str]:
    """Return the teacher pages (``teach/*.html``), their index included."""
    return [page for page in all_pages if page.startswith("teach/")]


def squash(text: str) -> str:
    """Return text as compared with a PDF's text: compatibility form, no spaces.

    Line breaks, page breaks and ligatures differ between a page and its
    PDF, and nothing else should.

    >>> squash("ﬁve  craters,\\n\\fthree")
    'fivecraters,three'
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return "".join(text.split())


def pdf_text(pdf: bytes, work: Path) -> tuple[str, int]:
    """Return the text of a PDF (``pdftotext``) and its number of pages.

    Parameters
    ----------
    pdf : bytes
        The PDF document.
    work : Path
        A folder for the temporary file pdftotext reads.

    Returns
    -------
    text : str
        The text, pages separated by form feeds.
    page_count : int
        The number of pages (pdftotext ends every page with a form feed).
    """
    path = work / "page.pdf"
    path.write_bytes(pdf)
    run = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    )
    text = run.stdout.decode("utf-8")
    return text, text.count("\f")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files quietly, noting every request that found nothing."""

    misses: list[str]

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            referer = self.headers.get("Referer") or "no page"
            self.misses.append(f"{self.path} (from {referer})")
        super().send_error(code, message, explain)


@dataclass
class Served:
    """A site served on 127.0.0.1: its address and the requests that failed."""

    url: str
    misses: list[str] = field(default_factory=list)


@contextmanager
def serve(root: Path) -> Iterator[Served]:
    """Serve a folder on 127.0.0.1 from a thread while the block runs.

    Port 0 lets the system choose a free port, so parallel runs never clash.
    Requests for missing files (a favicon, a picture) are listed in
    ``misses``, with the page that asked for them.
    """
    served = Served(url="")
    handler = functools.partial(
        type("Handler", (_Handler,), {"misses": served.misses}),
        directory=str(root),
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# Run in the page: the texts a complete print must end with. "exercise" is
# the last list item under the last heading that asks questions ("Your turn",
# "Questions"), "last" the page's last paragraph or list item; sphinx-gallery's
# download links, timing, tags and signature are not part of the text.
LAST_TEXTS_JS = """
() => {
  const article = document.querySelector("article.bd-article") || document.body;
  const boilerplate = ".sphx-glr-footer, .sphx-glr-signature, .sphx-glr-timing,"
    + " .sphx-glr-example-tags, .headerlink, .toctree-wrapper, script, style";
  const text = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
  };
  const blocks = [...article.querySelectorAll("p, li, dd")].filter(
    (el) => !el.closest(boilerplate) && text(el),
  );
  const asks = [...article.querySelectorAll("h2, h3")].filter((h) =>
    /your turn|questions/i.test(h.textContent),
  );
  let exercise = null;
  if (asks.length) {
    const section = asks[asks.length - 1].closest("section");
    const items = section ? [...section.querySelectorAll("li")] : [];
    if (items.length) exercise = text(items[items.length - 1]);
  }
  return {
    exercise,
    last: blocks.length ? text(blocks[blocks.length - 1]) : null,
  };
}
"""

# Run in the page: does the page itself scroll sideways, and which elements
# stick out of the screen (the outermost ones, not those inside a box that
# scrolls or clips on its own, such as a code block).
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let node = el.parentElement; node && node !== document.body;
         node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (el) => {
    const classes = [...el.classList].slice(0, 3).join(".");
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (classes ? "." + classes : "");
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || clipped(el)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.position === "fixed") continue;
    const parent = el.parentElement;
    if (parent && parent.getBoundingClientRect().right > width + 1
        && !clipped(parent)) continue;
    out.push(describe(el) + " (" + Math.round(box.right) + " px)");
  }
  // Boxes that scroll sideways inside themselves, which is allowed only
  // for code (a reader can still read an output block or a table that
  // wraps, but a line of code must not change).
  const scrollers = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
    const overflow = getComputedStyle(el).overflowX;
    if (overflow !== "auto" && overflow !== "scroll") continue;
    const code = el.matches("pre") && !el.closest(".sphx-glr-script-out")
      && el.closest("div[class*='highlight']");
    scrollers.push({ what: describe(el), code: Boolean(code),
      output: Boolean(el.closest(".sphx-glr-script-out")),
      hidden: el.scrollWidth - el.clientWidth });
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    offenders: out,
    scrollers,
  };
}
"""
