"""Make every picture on the site light to load: sizes, lazy loading, a full-size link.

For each page, at ``html-page-context``, every ``<img>`` of the page body
gets:

- ``width`` and ``height`` (the picture's pixel size, read from the file), so
  the browser reserves its space and the text does not jump while it loads
  (the site's CSS scales pictures to the column with ``height: auto``);
- ``decoding="async"``;
- ``loading="lazy"`` for every picture but the first of the page, which is
  the one a reader may see without scrolling (it gets
  ``fetchpriority="high"`` instead);
- a link around it to the picture file at full resolution, unless it already
  sits in a link (Sphinx links pictures shown smaller than their size) or is
  a sphinx-gallery thumbnail, whose card links to its lesson.

It also marks the page's scripts ``defer`` (all but
``documentation_options.js``, which the theme's inline scripts use at once),
so they no longer hold up the first paint on a slow phone; deferred scripts
still run in their order, before ``DOMContentLoaded``. The search scripts
the theme writes into every page's head (with the whole search index) are
deferred by a small ``layout.html`` in ``web_images_templates/``, added to
``templates_path``.

Pages that show nothing of sphinx-gallery's (no ``sphx-glr`` element: the
landing page, the story pages without a mini-gallery, the glossary...) do
not load its four stylesheets, which sphinx-gallery adds to every page:
each render-blocking file costs a phone on a slow connection a round trip
before the first paint.

When the build has finished, the sphinx-gallery thumbnails in ``_images``
(which sphinx-gallery makes itself, without metadata) get the title, alt
text, caption, credit, licence and status of the picture they were made from
(the lesson's ``sphinx_gallery_thumbnail_number``, 1 by default).

The extension keeps no state between pages, so it works with parallel
writing.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from PIL import Image

# An <img> tag, and the link that may open right before it.
_IMG = re.compile(r"(?P<link><a\b[^>]*>\s*)?<img\b(?P<attrs>[^>]*?)\s*/?>", re.DOTALL)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')


def _source_files(app: Any) -> dict[str, Path]:
    """Return each picture's file in the source folder by its name in ``_images``."""
    srcdir = Path(app.srcdir)
    names = {}
    for path, (_docs, unique) in app.env.images.items():
        names[unique] = srcdir / path
    return names


def _svg_size_px(path: Path) -> tuple[int, int] | None:
    """Return an SVG drawing's size from its ``width``/``height`` or ``viewBox``."""
    head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    root = re.search(r"<svg\b[^>]*>", head)
    if root is None:
        return None
    attrs = dict(_ATTR.findall(root.group(0)))
    try:
        return round(float(attrs["width"])), round(float(attrs["height"]))
    except (KeyError, ValueError):
        box = attrs.get("viewBox", "").replace(",", " ").split()
        if len(box) == 4:
            return round(float(box[2])), round(float(box[3]))
    return None


def _size_px(path: Path) -> tuple[int, int] | None:
    """Return a picture's size in pixels, or None when it cannot be read."""
    if path.suffix.lower() == ".svg":
        return _svg_size_px(path)
    try:
        with Image.open(path) as picture:
            return picture.size
    except (OSError, ValueError):
        return None


def rewrite_images(body: str, sizes: dict[str, tuple[int, int]]) -> str:
    """Add sizes, async decoding, lazy loading and a full-size link to ``<img>`` tags.

    Parameters
    ----------
    body : str
        HTML of a page body.
    sizes : dict of str to tuple of int
        Pixel size (width, height) of each picture by its file name.

    Returns
    -------
    str
        The body with every ``<img>`` rewritten.

    Examples
    --------
    >>> out = rewrite_images('<img alt="A" src="_images/a.webp" />', {"a.webp": (40, 30)})
    >>> print(out)  # doctest: +NORMALIZE_WHITESPACE
    <a class="reference internal image-reference lunar-edu-full" href="_images/a.webp"><img
    alt="A" src="_images/a.webp" width="40" height="30" decoding="async"
    fetchpriority="high" /></a>
    """
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        attrs = dict(_ATTR.findall(match.group("attrs")))
        src = html.unescape(attrs.get("src", ""))
        name = posixpath.basename(unquote(urlsplit(src).path))
        extra = {}
        size = sizes.get(name)
        if size is not None and "width" not in attrs and "height" not in attrs:
            extra["width"], extra["height"] = str(size[0]), str(size[1])
        extra.setdefault("decoding", "async")
        if count == 0:
            extra["fetchpriority"] = "high"
        elif "loading" not in attrs:
            extra["loading"] = "lazy"
        count += 1
        added = "".join(
            f' {key}="{value}"' for key, value in extra.items() if key not in attrs
        )
        tag = f"<img{match.group('attrs')}{added} />"
        if match.group("link"):
            return match.group("link") + tag
        if not src or "_thumb." in name or src.startswith("data:"):
            return tag
        href = html.escape(src, quote=True)
        return (
            '<a class="reference internal image-reference lunar-edu-full" '
            f'href="{href}">{tag}</a>'
        )

    return _IMG.sub(replace, body)


def add_image_attributes(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Rewrite the ``<img>`` tags of a page's body (``html-page-context``).

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.
    pagename, templatename : str
        The page and its template (unused).
    context : dict
        The template context; its ``body`` is rewritten.
    doctree : docutils.nodes.document or None
        The page's doctree (unused).
    """
    body = context.get("body")
    if not body or "<img" not in body:
        return
    files = _source_files(app)
    sizes = {}
    for name in {
        posixpath.basename(unquote(urlsplit(html.unescape(src)).path))
        for src in re.findall(r'<img\b[^>]*?\ssrc="([^"]*)"', body)
    }:
        path = files.get(name)
        size = _size_px(path) if path is not None else None
        if size is not None:
            sizes[name] = size
    context["body"] = rewrite_images(body, sizes)


# Scripts that inline scripts of the theme read while the page is parsed.
_KEEP_BLOCKING = ("documentation_options.js",)


def drop_unused_gallery_css(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Leave sphinx-gallery's stylesheets out of pages without its elements.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application (unused).
    pagename, templatename : str
        The page and its template (unused).
    context : dict
        The template context; sphinx-gallery's files leave its ``css_files``
        when the page body has no ``sphx-glr`` element.
    doctree : docutils.nodes.document or None
        The page's doctree (unused).
    """
    if "sphx-glr" in context.get("body", ""):
        return
    # In place: the list is the builder's own (restored after the page), and
    # an extension that adds a file to this page later appends to it.
    css_files = context.get("css_files", [])
    css_files[:] = [
        css
        for css in css_files
        if not posixpath.basename(str(getattr(css, "filename", css))).startswith(
            "sg_gallery"
        )
    ]


def defer_scripts(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Mark the page's script files ``defer`` (``html-page-context``).

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application (unused).
    pagename, templatename : str
        The page and its template (unused).
    context : dict
        The template context; its ``script_files`` are replaced.
    doctree : docutils.nodes.document or None
        The page's doctree (unused).
    """
    from sphinx.builders.html._assets import _JavaScript

    scripts = []
    for script in context.get("script_files", ()):
        attributes = getattr(script, "attributes", None)
        if (
            isinstance(script, _JavaScript)
            and script.filename
            and attributes is not None
            and not {"async", "defer", "type"} & set(attributes)
            and not str(script.filename).endswith(_KEEP_BLOCKING)
        ):
            script = _JavaScript(
                script.filename,
                priority=script.priority,
                **{**attributes, "defer": "defer"},
            )
        scripts.append(script)
    context["script_files"] = scripts


def _thumbnail_number(lesson: Path) -> int:
    """Return which picture of a lesson sphinx-gallery made its thumbnail from."""
    from sphinx_gallery.py_source_parser import extract_file_config

    config = extract_file_config(lesson.read_text(encoding="utf-8"))
    number = config.get("thumbnail_number", 1)
    return number if isinstance(number, int) else 1


def label_thumbnails(app: Any, exception: Exception | None) -> None:
    """Write the metadata of each thumbnail's picture into the thumbnail file.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application (``build-finished``).
    exception : Exception or None
        Set when the build failed; then nothing is done.
    """
    if exception is not None or app.builder.format != "html":
        return
    from lunar_edu.frame import Source
    from lunar_edu.picture_file import (
        encode_picture,
        picture_metadata,
        read_picture_metadata,
    )

    images = Path(app.outdir) / "_images"
    lessons = {p.stem: p for p in Path(app.srcdir).rglob("plot_*.py")}
    for thumb in sorted(images.glob("sphx_glr_*_thumb.*")):
        stem = thumb.name[len("sphx_glr_") : -len("_thumb" + thumb.suffix)]
        if stem not in lessons or read_picture_metadata(thumb):
            continue
        pictures = sorted(images.glob(f"sphx_glr_{stem}_[0-9][0-9][0-9].*"))
        number = _thumbnail_number(lessons[stem])
        index = number - 1 if number > 0 else len(pictures) + number
        if not 0 <= index < len(pictures):
            continue
        meta = read_picture_metadata(pictures[index])
        if not {"alt", "status", "credit", "licence"} <= set(meta):
            continue
        source = Source(meta["status"], meta["credit"], meta["licence"])
        fields = picture_metadata(
            alt=meta["alt"],
            caption=meta.get("caption", ""),
            title=f"Thumbnail: {meta.get('title', '')}",
            source=source,
        )
        with Image.open(thumb) as picture:
            picture.load()
            fmt = picture.format
        if fmt in ("PNG", "WEBP", "JPEG"):
            thumb.write_bytes(encode_picture(picture, fmt, fields))


def _add_templates(app: Any, config: Any) -> None:
    """Put this extension's ``layout.html`` after the project's own templates."""
    folder = str(Path(__file__).parent / "web_images_templates")
    if folder not in config.templates_path:
        config.templates_path = [*config.templates_path, folder]


def setup(app: Any) -> dict[str, Any]:
    """Connect the ``<img>`` rewriter.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", add_image_attributes)
    app.connect("html-page-context", defer_scripts)
    app.connect("html-page-context", drop_unused_gallery_css)
    app.connect("build-finished", label_thumbnails)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
