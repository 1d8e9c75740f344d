"""Read built HTML pages with the standard library's parser."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Attributes through which a page loads something (not links a reader clicks).
_LOADING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "track": ("src",),
    "object": ("data",),
    "input": ("src",),
}
_LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}


@dataclass
class Figure:
    alts: list[str] = field(default_factory=list)
    caption: str = ""


@dataclass
class Page(HTMLParser):
    lang: str | None = None
    loads: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    images_outside_figures: list[dict] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    # Every <img> in page order, with the href of the link around it (or None).
    images: list[dict] = field(default_factory=list)
    image_links: list[str | None] = field(default_factory=list)

    def __post_init__(self):
        super().__init__(convert_charrefs=True)
        self._figure: Figure | None = None
        self._links: list[str | None] = []
        self._in_caption = False
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        for name in _LOADING.get(tag, ()):
            if attrs.get(name):
                self.loads.append(attrs[name])
        rels = set((attrs.get("rel") or "").split())
        if tag == "link" and rels & _LOADING_LINK_RELS and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag == "a":
            self._links.append(attrs.get("href"))
        if tag == "img":
            self.images.append(attrs)
            self.image_links.append(self._links[-1] if self._links else None)
        if tag == "figure":
            self._figure = Figure()
        elif tag == "figcaption":
            self._in_caption = True
        elif tag == "img":
            if self._figure is not None:
                self._figure.alts.append(attrs.get("alt") or "")
            else:
                self.images_outside_figures.append(attrs)
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "a" and self._links:
            self._links.pop()
        if tag == "figure" and self._figure is not None:
            self.figures.append(self._figure)
            self._figure = None
        elif tag == "figcaption":
            self._in_caption = False
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_caption and self._figure is not None:
            self._figure.caption += data
        if self._in_style:
            self.inline_styles.append(data)


def read_page(path) -> Page:
    """Return a built page, parsed (once per version of the file; read-only)."""
    stat = path.stat()
    return _read_page(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=1024)
def _read_page(path: str, size: int, mtime_ns: int) -> Page:
    from pathlib import Path

    page = Page()
    page.feed(Path(path).read_text(encoding="utf-8"))
    page.close()
    return page


def is_remote(url: str) -> bool:
    return any(
        part.strip().lower().startswith(("http:", "https:", "//"))
        for part in url.split(",")
    )


def local_asset(page_path, url: str):
    """Return the file a page-relative URL points to, or None for remote/data URLs."""
    from pathlib import Path
    from urllib.parse import unquote, urlsplit

    if is_remote(url) or url.startswith(("data:", "#", "mailto:")):
        return None
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    target = (Path(page_path).parent / path).resolve()
    return target if target.is_file() else None


# What a web server compresses on the way (gzip): text, not pictures.
_TEXT_SUFFIXES = {".html", ".css", ".js", ".svg", ".json", ".txt", ".map"}


def transfer_bytes(path, *, compress_text: bool = True) -> int:
    """Return the bytes a file takes on the wire: gzip level 6 for text files."""
    from pathlib import Path

    stat = Path(path).stat()
    # Every page loads the same stylesheets and scripts: each version of a
    # file is compressed once per run.
    return _transfer_bytes(str(path), stat.st_size, stat.st_mtime_ns, compress_text)


@functools.lru_cache(maxsize=4096)
def _transfer_bytes(path: str, size: int, mtime_ns: int, compress_text: bool) -> int:
    import gzip
    from pathlib import Path

    data = Path(path).read_bytes()
    if compress_text and Path(path).suffix.lower() in _TEXT_SUFFIXES:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def page_weight_bytes(page_path, *, compress_text: bool = True) -> tuple[int, dict]:
    """Return what a page transfers: its HTML plus each asset it loads, once.

    Assets are the images (``src`` and every ``srcset`` candidate), scripts,
    stylesheets, preloads and icons the HTML names; each file counts once per
    page however often it is referenced. Text files (HTML, CSS, JS, SVG)
    count gzip-compressed, as every common web server sends them, unless
    ``compress_text`` is False; pictures count as they are.
    """
    from pathlib import Path

    page = read_page(Path(page_path))
    files = {}
    for url in page.loads:
        for candidate in url.split(","):
            target = local_asset(page_path, candidate.strip().split(" ")[0])
            if target is not None:
                files[target] = transfer_bytes(target, compress_text=compress_text)
    own = transfer_bytes(page_path, compress_text=compress_text)
    return own + sum(files.values()), files
