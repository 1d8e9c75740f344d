"""The site's frame around each page: names for screen readers, meta tags, a sitemap.

At ``html-page-context``, for every page:

- a ``<meta name="description">`` from the page's first paragraph (the site's
  default for pages without one), and Open Graph tags (``og:title``,
  ``og:description``, ``og:image`` = the landing page's hero picture, and
  ``og:url`` only when ``html_baseurl`` is set, since it must be absolute);
- docutils' own viewport tag is dropped (Sphinx's layout writes one);
- each toggle of the sidebar's navigation (``<summary>``) gets a name, "Show
  the pages under <section>", which the theme leaves empty;
- sphinx-gallery's tag list (``<div id='sg-tag-list'>``, written once per
  topic on the gallery page) keeps its id only once, as ids must be unique,
  and its tag script is replaced by ``_static/gallery_tags.js`` (buttons, a
  "no lesson has all these tags" message, empty topics hidden);
- the 404 page gets a ``<base href>`` of the hosted site, so its links and
  styles work at any depth of a missing address.

When the build has finished, with ``html_baseurl`` set (``LUNAR_EDU_BASEURL``
or Read the Docs' ``READTHEDOCS_CANONICAL_URL``), ``sitemap.xml`` lists every
page of the hosted site.

The extension keeps no state between pages, so it works with parallel
writing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docutils import nodes

DEFAULT_DESCRIPTION = (
    "Lessons and stories about Chang'e 4 on the far side of the Moon: make "
    "lunar pictures from camera frames, measure them, check your answers."
)
# The picture shared with a link to any page: the landing page's hero.
HERO_PICTURE = "_generated/hero.webp"
HERO_ALT = (
    "Simulated view from the Chang'e 4 lander's terrain camera: the Yutu-2 "
    "rover driving away from the lander."
)
# Search engines show about 155 characters of a description.
DESCRIPTION_LENGTH = 155
# Pages a reader never lands on from a search engine.
NOT_IN_SITEMAP = {"404", "search", "genindex"}
# Paragraphs in these are not a page's opening words.
_NOT_INTRO = (
    nodes.Admonition,
    nodes.caption,
    nodes.figure,
    nodes.footnote,
    nodes.sidebar,
    nodes.table,
    nodes.topic,
    nodes.field_list,
    nodes.definition_list,
)
# A section's link, then the toggle of its pages (the current section's link
# has more attributes).
_SUMMARY = re.compile(r"(<a [^>]*>((?:(?!</a>).)*)</a>\s*<details[^>]*>\s*)<summary>")
_TAG_LIST = "<div id='sg-tag-list' class='sphx-glr-tag-list'></div>"
_TAG_LIST_NO_ID = "<div class='sphx-glr-tag-list'></div>"
_THUMB_TITLE = '<div class="sphx-glr-thumbnail-title">'


def plain_text(text: str) -> str:
    """Return ``text`` on one line, without spaces before punctuation.

    Parameters
    ----------
    text : str
        Text taken from a document tree.

    Returns
    -------
    str
        The text with runs of white space made single spaces.

    Examples
    --------
    >>> plain_text("far side  of the Moon ,  up close .")
    'far side of the Moon, up close.'
    """
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ([.,;:!?)])", r"\1", text)


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """Return ``text`` cut at a word boundary to at most ``length`` characters.

    Parameters
    ----------
    text : str
        One line of text.
    length : int, optional
        The most characters to keep, the ellipsis included.

    Returns
    -------
    str
        ``text`` itself if short enough, otherwise its first words and "…".

    Examples
    --------
    >>> shorten("Meet a lunar camera frame and measure it", 20)
    'Meet a lunar camera…'
    """
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1] != " ":  # cut inside a word: drop the part word
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(" ,;:")
    return cut + "…"


def page_description(doctree: nodes.document | None) -> str:
    """Return a page's description: its first paragraph of prose, shortened.

    Source tags such as ``[S19]`` (the ``{src}`` role) are left out.

    Parameters
    ----------
    doctree : docutils.nodes.document or None
        The page's resolved document tree (None for generated pages).

    Returns
    -------
    str
        The description, or the site's default when the page has no prose.
    """
    if doctree is None:
        return DEFAULT_DESCRIPTION
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(parent, _NOT_INTRO) for parent in _ancestors(paragraph)):
            continue
        copy = paragraph.deepcopy()
        for cite in list(copy.findall(nodes.inline)):
            if "story-source" in cite["classes"] and cite.parent is not None:
                cite.parent.remove(cite)
        text = plain_text(copy.astext())
        # A line of links or a label ("Level: …") is not an introduction.
        if len(text) >= 40:
            return shorten(text)
    return DEFAULT_DESCRIPTION


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def name_summaries(toctree_html: str) -> str:
    """Give each ``<summary>`` toggle of a navigation tree a name.

    Parameters
    ----------
    toctree_html : str
        The theme's sidebar navigation.

    Returns
    -------
    str
        The same HTML, each toggle labelled after the link before it.

    Examples
    --------
    >>> name_summaries('<a class="reference internal" href="a.html">Craters</a>'
    ...                '<details><summary><span></span></summary>')  # doctest: +ELLIPSIS
    '...<summary aria-label="Show the pages under Craters"><span>...'
    """

    def label(match: re.Match) -> str:
        title = html.escape(html.unescape(re.sub(r"<[^>]+>", "", match[2])))
        return f'{match[1]}<summary aria-label="Show the pages under {title}">'

    return _SUMMARY.sub(label, str(toctree_html))


def unique_tag_list(body: str) -> str:
    """Keep sphinx-gallery's ``id='sg-tag-list'`` on the first tag list only.

    Parameters
    ----------
    body : str
        A page body.

    Returns
    -------
    str
        The body; later tag lists keep their class, not the id.

    Examples
    --------
    >>> unique_tag_list(_TAG_LIST * 2).count("id=")
    1
    """
    first = body.find(_TAG_LIST)
    if first < 0:
        return body
    start = first + len(_TAG_LIST)
    return body[:start] + body[start:].replace(_TAG_LIST, _TAG_LIST_NO_ID)


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{key}" content="{html.escape(value)}" />'


def _absolute(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path.lstrip("/")


def _head_tags(app: Any, pagename: str, context: dict, doctree: Any) -> str:
    base = app.config.html_baseurl
    title = plain_text(html.unescape(re.sub(r"<[^>]+>", "", context.get("title", ""))))
    description = page_description(doctree)
    tags = [
        _meta("name", "description", description),
        _meta("property", "og:type", "website"),
        _meta("property", "og:site_name", app.config.project),
        _meta("property", "og:title", title or app.config.project),
        _meta("property", "og:description", description),
    ]
    hero = app.env.images.get(HERO_PICTURE)
    if hero is not None:
        image = f"{app.builder.imagedir}/{hero[1]}"
        url = _absolute(base, image) if base else context["pathto"](image, 1)
        tags += [
            _meta("property", "og:image", url),
            _meta("property", "og:image:alt", HERO_ALT),
            _meta("name", "twitter:card", "summary_large_image"),
        ]
    if base:
        page = app.builder.get_target_uri(pagename)
        tags.append(_meta("property", "og:url", _absolute(base, page)))
        if pagename == "404":
            # A 404 page is served at the missing address, at any depth:
            # resolve its (root-relative) links against the site's root.
            tags.insert(0, f'<base href="{html.escape(base.rstrip("/") + "/")}" />')
    return "\n    ".join(tags)


def add_page_chrome(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Add meta tags, names and unique ids to a page (``html-page-context``).

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.
    pagename, templatename : str
        The page and its template (the template is unused).
    context : dict
        The page's template context, changed in place.
    doctree : docutils.nodes.document or None
        The page's document tree.
    """
    from sphinx.builders.html._assets import _JavaScript

    if app.builder.format != "html":
        return
    metatags = re.sub(
        r'<meta name="viewport"[^>]*>\s*', "", context.get("metatags", "")
    )
    context["metatags"] = _head_tags(app, pagename, context, doctree) + metatags
    toctree = context.get("generate_toctree_html")
    if toctree is not None:
        context["generate_toctree_html"] = lambda *args, **kwargs: name_summaries(
            toctree(*args, **kwargs)
        )
    # sphinx-gallery's own tag script is added to every page; ours replaces it
    # on the pages with a tag list.
    scripts = [
        script
        for script in context.get("script_files", [])
        if not str(getattr(script, "filename", script)).endswith("sg-tags.js")
    ]
    body = context.get("body", "")
    if _TAG_LIST in body:
        context["body"] = unique_tag_list(body)
        scripts.append(_JavaScript("_static/gallery_tags.js", defer="defer"))
    context["script_files"] = scripts
    if _THUMB_TITLE in body:
        # The card's link carries the lesson's title for screen readers
        # (lunar_edu.css shows it only to them); the visible title is the
        # same words, so they hear it once.
        context["body"] = context["body"].replace(
            _THUMB_TITLE, '<div class="sphx-glr-thumbnail-title" aria-hidden="true">'
        )


#: The other edition of the site: where it lives from the English site's root,
#: its link text (in its own language) and its ``hreflang``.
_OTHER_EDITION = {
    "en": ("zh_CN/", "中文", "zh-CN"),
    "zh_CN": ("../", "English", "en"),
}


def language_switch(pagename: str, language: str, suffix: str = ".html") -> dict:
    """Return the link to the same page in the site's other language.

    The English site is the root and the Chinese edition lives in its
    ``zh_CN/`` folder, both built from the same sources, so every page has a
    twin at the same path. The link is relative, so it works from
    ``file://``, in the classroom zip and on any host.

    Parameters
    ----------
    pagename : str
        The page, e.g. ``"story/index"``.
    language : str
        The build's language, ``"en"`` or ``"zh_CN"``.
    suffix : str, optional
        The pages' file suffix.

    Returns
    -------
    dict
        ``href``, ``text`` (the other language's name in that language) and
        ``hreflang``.

    Examples
    --------
    >>> language_switch("story/index", "en")["href"]
    '../zh_CN/story/index.html'
    >>> language_switch("index", "zh_CN")["href"]
    '../index.html'
    """
    folder, text, hreflang = _OTHER_EDITION.get(language, _OTHER_EDITION["en"])
    up = "../" * pagename.count("/")
    return {
        "href": f"{up}{folder}{pagename}{suffix}",
        "text": text,
        "hreflang": hreflang,
    }


def add_language_switch(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Put the other language's link into the page's context (``html-page-context``).

    Connected before the theme's own handler (priority 500), which drops
    navbar templates that render empty: ``language-switch.html`` needs the
    link by then.
    """
    if app.builder.format == "html":
        context["lunar_language_switch"] = language_switch(
            pagename, app.config.language or "en", app.builder.out_suffix
        )


def sitemap_xml(base: str, uris: list[str]) -> str:
    """Return a sitemap listing the pages at ``uris`` under ``base``.

    Parameters
    ----------
    base : str
        The hosted site's address, such as ``https://lunar-edu.readthedocs.io/en/latest/``.
    uris : list of str
        The pages' addresses relative to ``base``.

    Returns
    -------
    str
        The sitemap (sitemaps.org protocol 0.9).

    Examples
    --------
    >>> print(sitemap_xml("https://example.org/", ["index.html"]))  # doctest: +ELLIPSIS
    <?xml ...
      <url><loc>https://example.org/index.html</loc></url>
    </urlset>
    """
    rows = [
        f"  <url><loc>{xml_escape(_absolute(base, uri))}</loc></url>" for uri in uris
    ]
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            *rows,
            "</urlset>",
        ]
    )


def write_sitemap(app: Any, exception: Exception | None) -> None:
    """Write ``sitemap.xml`` when the site has an address (``build-finished``).

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.
    exception : Exception or None
        Set when the build failed; then nothing is written.
    """
    base = app.config.html_baseurl
    if exception is not None or not base or app.builder.format != "html":
        return
    uris = [
        app.builder.get_target_uri(doc)
        for doc in sorted(app.env.found_docs)
        if doc not in NOT_IN_SITEMAP
    ]
    Path(app.outdir, "sitemap.xml").write_text(
        sitemap_xml(base, uris), encoding="utf-8"
    )


def setup(app: Any) -> dict[str, Any]:
    """Connect the page chrome and the sitemap.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    # After the theme has put its navigation functions into the context.
    app.connect("html-page-context", add_language_switch, priority=400)
    app.connect("html-page-context", add_page_chrome, priority=900)
    app.connect("build-finished", write_sitemap)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
