"""Read built HTML pages with the standard library's parser."""

from __future__ import annotations

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

    def __post_init__(self):
        super().__init__(convert_charrefs=True)
        self._figure: Figure | None = None
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
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def is_remote(url: str) -> bool:
    return any(
        part.strip().lower().startswith(("http:", "https:", "//"))
        for part in url.split(",")
    )
