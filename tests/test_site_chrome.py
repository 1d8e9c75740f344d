"""The frame around every page: head tags, names for screen readers, unique ids.

Static checks of the built site (issue 16, items 3 and 5): what axe-core and
a link preview need that can be read from the HTML alone. Each page is
parsed once (``parsed``, a module-level cache). The unit tests at the end
check ``docs/_ext/site_chrome.py`` without the site, plus one tiny build with
``html_baseurl`` set (sitemap, og:url, the 404 page's base).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from html_checks import local_asset

ROOT = Path(__file__).parents[1]
EXT_DIR = ROOT / "docs" / "_ext"
FIRST_LESSON = "auto_examples/01_first_look/plot_01_descent_first_look.html"


@dataclass
class Link:
    href: str | None
    label: str
    text: str = ""
    alts: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join([self.label, self.text, *self.alts]).strip()


@dataclass
class Chrome(HTMLParser):
    """What a page's frame holds: head tags, ids, links, toggles."""

    html_attrs: dict = field(default_factory=dict)
    body_attrs: dict = field(default_factory=dict)
    metas: list[dict] = field(default_factory=list)
    head_links: list[dict] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    base: str | None = None

    def __post_init__(self):
        super().__init__(convert_charrefs=True)
        self._open_links: list[Link] = []
        self._summary: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "body":
            self.body_attrs = attrs
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "link":
            self.head_links.append(attrs)
        elif tag == "base":
            self.base = attrs.get("href")
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "a":
            self._open_links.append(
                Link(attrs.get("href"), attrs.get("aria-label", ""))
            )
        elif tag == "img" and self._open_links:
            self._open_links[-1].alts.append(attrs.get("alt", ""))
        elif tag == "summary":
            self._summary = [attrs.get("aria-label", "")]

    def handle_endtag(self, tag):
        if tag == "a" and self._open_links:
            self.links.append(self._open_links.pop())
        elif tag == "summary" and self._summary is not None:
            self.summaries.append(" ".join(self._summary).strip())
            self._summary = None

    def handle_data(self, data):
        for link in self._open_links:
            link.text += data
        if self._summary is not None:
            self._summary.append(data.strip())

    def meta(self, key: str) -> list[str]:
        return [
            m.get("content", "")
            for m in self.metas
            if key in (m.get("name"), m.get("property"))
        ]


@cache
def parsed(path: Path) -> Chrome:
    page = Chrome()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def html(built_site) -> Path:
    return (built_site / "html").resolve()


@pytest.fixture(scope="module")
def pages(html) -> dict[Path, Chrome]:
    paths = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    assert len(paths) >= 50
    return {path: parsed(path) for path in paths}


def by_page(problems: dict) -> dict:
    return {str(page.name): found for page, found in problems.items() if found}


# --- every page ----------------------------------------------------------------


def test_every_page_has_exactly_one_viewport_tag(pages):
    counts = {p: len(page.meta("viewport")) for p, page in pages.items()}
    assert by_page({p: n for p, n in counts.items() if n != 1}) == {}


def test_every_page_has_a_favicon_that_exists(pages):
    for path, page in pages.items():
        icons = [link for link in page.head_links if "icon" in link.get("rel", "")]
        assert len(icons) == 1, path
        assert local_asset(path, icons[0]["href"]) is not None, (path, icons)


def test_every_page_has_a_short_description_of_its_own_words(pages):
    descriptions = {}
    for path, page in pages.items():
        (description,) = page.meta("description")
        assert 40 <= len(description) <= 160, (path, description)
        # Source tags like [S19] are for readers of the page, not of a preview.
        assert "[S" not in description, (path, description)
        descriptions[path] = description
    # Most pages describe themselves, not the site's default.
    assert len(set(descriptions.values())) >= 0.8 * len(descriptions)


def test_no_page_repeats_an_id(pages):
    repeated = {
        p: sorted(i for i, n in Counter(page.ids).items() if n > 1)
        for p, page in pages.items()
    }
    assert by_page(repeated) == {}


def test_every_summary_toggle_has_a_name(pages):
    unnamed = {p: page.summaries.count("") for p, page in pages.items()}
    assert by_page(unnamed) == {}
    assert sum(len(page.summaries) for page in pages.values()) >= 100


def test_every_link_has_a_name(pages):
    unnamed = {
        p: [link.href for link in page.links if link.href is not None and not link.name]
        for p, page in pages.items()
    }
    assert by_page(unnamed) == {}


def test_the_site_name_links_to_the_home_page_from_every_page(pages, html):
    for path, page in pages.items():
        (logo,) = [link for link in page.links if link.text.strip() == "lunar_edu"]
        assert logo.href != "#", path
        assert local_asset(path, logo.href) == html / "index.html", path


def test_the_theme_starts_in_a_mode_its_script_accepts(pages):
    # Regression: an empty default mode made the theme's script log
    # "Got invalid theme mode" on every first visit.
    for path, page in pages.items():
        assert page.body_attrs.get("data-default-mode") in {"auto", "light", "dark"}, (
            path
        )


def test_the_header_links_every_section_in_one_short_row(pages, html):
    page = parsed(html / "story" / "yutu-2.html")
    nav = [link for link in page.links if link.text.strip() in {"Story", "Lessons"}]
    assert {link.text.strip() for link in nav} == {"Story", "Lessons"}
    for label, target in [
        ("Story", "story/index.html"),
        ("Lessons", "auto_examples/index.html"),
        ("Teach", "teach/index.html"),
        ("Worksheets", "worksheets/index.html"),
        ("Glossary", "glossary.html"),
    ]:
        hrefs = {link.href for link in page.links if link.text.strip() == label}
        assert any(local_asset(html / "story" / "x", h) == html / target for h in hrefs)


# --- the landing page ------------------------------------------------------


def test_the_landing_page_shares_a_title_a_description_and_the_hero(html):
    page = parsed(html / "index.html")
    # Sphinx's smart quotes turn the title's apostrophe into U+2019.
    title = "Chang\u2019e 4: the far side of the Moon, up close"
    assert page.meta("og:title") == [title]
    assert page.meta("og:description") == page.meta("description")
    (image,) = page.meta("og:image")
    assert local_asset(html / "index.html", image).name.startswith("hero")
    assert page.meta("og:image:alt")[0]
    # og:url must be absolute: only written for a site with an address.
    assert page.meta("og:url") == []


def test_the_landing_page_starts_students_and_teachers_first(html):
    page = parsed(html / "index.html")
    text = " ".join(link.text for link in page.links)
    main = [link for link in page.links if link.href and not link.href.startswith("#")]
    # The first links of the article, before "About this site".
    targets = [local_asset(html / "index.html", link.href) for link in main]
    expected = [
        html / "story" / "index.html",
        html / FIRST_LESSON,
        html / "teach" / "index.html",
        html / "worksheets" / "index.html",
    ]
    for target in expected:
        assert target in targets, (target, text)
    source = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert source.index("Students: start here") < source.index("## About this site")
    assert source.index("Teachers: start here") < source.index("## About this site")


# --- the gallery's tag filter ----------------------------------------------------


def test_the_gallery_loads_our_tag_filter_and_not_sphinx_gallerys(pages, html):
    gallery = html / "auto_examples" / "index.html"
    scripts = parsed(gallery).scripts
    ours = [s for s in scripts if "gallery_tags.js" in s]
    assert len(ours) == 1
    assert local_asset(gallery, ours[0]) is not None
    for path, page in pages.items():
        assert not any("sg-tags.js" in s for s in page.scripts), path
    source = (ROOT / "docs" / "_static" / "gallery_tags.js").read_text("utf-8")
    assert "No lesson has all these tags." in source
    assert 'type: "button"' in source


# --- the 404 page ---------------------------------------------------------------


def test_the_search_scripts_run_in_order_after_the_scripts_they_need(html):
    # docs/_ext/web_images.py defers the page's scripts; a search script that
    # is not deferred runs before doctools.js defines _ready() and search
    # finds nothing ("_ready is not defined").
    page = (html / "search.html").read_text(encoding="utf-8")
    tags = re.findall(r"<script\b[^>]*>", page)
    sourced = [tag for tag in tags if "src=" in tag]
    assert any("searchtools.js" in tag for tag in sourced)
    assert any("doctools.js" in tag for tag in sourced)
    not_deferred = [tag for tag in sourced if "defer" not in tag]
    assert not not_deferred, not_deferred


def test_only_the_search_page_loads_the_search_index(pages, html):
    # The theme loads it on every page for a search-as-you-type box we do
    # not use; it is the largest script of the site (web_images' layout.html).
    loading = [
        path
        for path, page in pages.items()
        if any(src.split("?")[0].endswith("searchindex.js") for src in page.scripts)
    ]
    assert loading == [html / "search.html"]


def test_stylesheets_load_where_their_elements_are(pages):
    # docs/_ext/worksheets.py adds worksheets.css to pages with worksheet
    # parts, web_images.py drops sphinx-gallery's from pages without its
    # elements; one must not undo the other.
    def styles(page):
        return [
            link.get("href", "").split("?")[0].rsplit("/", 1)[-1]
            for link in page.head_links
            if link.get("rel") == "stylesheet"
        ]

    sheets = [path for path in pages if path.parent.name == "worksheets"]
    sheets = [path for path in sheets if path.name.startswith("plot_")]
    assert sheets
    for path in sheets:
        assert "worksheets.css" in styles(pages[path]), path.name
        assert styles(pages[path])[-1] == "worksheets.css", path.name
    landing = sheets[0].parents[1] / "index.html"
    assert "worksheets.css" not in styles(pages[landing])
    assert not [s for s in styles(pages[landing]) if s.startswith("sg_gallery")]
    gallery = sheets[0].parents[1] / "auto_examples" / "index.html"
    assert "sg_gallery.css" in styles(pages[gallery])


def test_the_404_page_exists_and_leads_home_to_the_lessons_and_to_search(html):
    path = html / "404.html"
    page = parsed(path)
    targets = {local_asset(path, link.href) for link in page.links if link.href}
    assert {html / "index.html", html / "auto_examples" / "index.html"} <= targets
    assert html / "search.html" in targets
    # Without an address the site has no base; see the baseurl build below.
    assert page.base is None


# --- docs/_ext/site_chrome.py without the site ---------------------------------


def import_extension():
    sys.path.insert(0, str(EXT_DIR))
    try:
        import site_chrome
    finally:
        sys.path.remove(str(EXT_DIR))
    return site_chrome


def test_descriptions_skip_source_tags_and_cut_at_a_word():
    from docutils import nodes

    site_chrome = import_extension()
    document = nodes.document(None, None)
    caption = nodes.figure("", nodes.caption("", "A caption, long enough to be prose."))
    paragraph = nodes.paragraph("", "Yutu-2 drove 1,613 m by September 2024 ")
    paragraph += nodes.inline("", "[S19]", classes=["story-source"])
    paragraph += nodes.Text(". " + "It kept going for years. " * 10)
    document += [caption, paragraph]
    description = site_chrome.page_description(document)
    assert description.startswith("Yutu-2 drove 1,613 m by September 2024. It kept")
    assert "[S19]" not in description
    assert len(description) <= site_chrome.DESCRIPTION_LENGTH
    assert description.endswith("going…")
    assert site_chrome.page_description(None) == site_chrome.DEFAULT_DESCRIPTION


def test_every_sidebar_toggle_is_named_after_its_section():
    site_chrome = import_extension()
    sidebar = (
        '<li><a class="reference internal" href="a.html">Craters &amp; rocks</a>'
        "<details><summary><span></span></summary></details></li>"
        '<li><a aria-current="page" class="current reference internal" href="#">'
        'Tracks</a><details open="open"><summary><span></span></summary></details>'
    )
    named = site_chrome.name_summaries(sidebar)
    assert named.count("<summary>") == 0
    assert 'aria-label="Show the pages under Craters &amp; rocks"' in named
    assert 'aria-label="Show the pages under Tracks"' in named


def test_only_the_first_tag_list_keeps_its_id():
    site_chrome = import_extension()
    body = "<p>a</p>" + site_chrome._TAG_LIST * 3
    fixed = site_chrome.unique_tag_list(body)
    assert fixed.count("id='sg-tag-list'") == 1
    assert fixed.count("sphx-glr-tag-list") == 3
    assert site_chrome.unique_tag_list("<p>none</p>") == "<p>none</p>"


SMALL_CONF = """
import sys
sys.path.insert(0, {ext!r})
extensions = ["myst_parser", "site_chrome"]
project = "tiny"
html_baseurl = "https://example.org/tiny/"
"""


@pytest.fixture(scope="module")
def hosted_build(tmp_path_factory) -> Path:
    """A two-page site with an address, built with the extension."""
    src = tmp_path_factory.mktemp("hosted")
    (src / "conf.py").write_text(SMALL_CONF.format(ext=str(EXT_DIR)), encoding="utf-8")
    (src / "index.md").write_text(
        "# Home\n\nA home page with enough words to describe itself.\n\n"
        "```{toctree}\nother\n```\n",
        encoding="utf-8",
    )
    (src / "other.md").write_text("# Other\n\nAnother page.\n", encoding="utf-8")
    (src / "404.md").write_text(
        "---\norphan: true\n---\n# Not found\n\n[Home](index.md)\n", encoding="utf-8"
    )
    out = src / "_build"
    env = {k: v for k, v in os.environ.items() if k != "LUNAR_EDU_BASEURL"}
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(out)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return out


def test_a_hosted_site_gets_a_sitemap_of_its_pages(hosted_build):
    tree = ET.parse(hosted_build / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = sorted(loc.text for loc in tree.getroot().findall("s:url/s:loc", ns))
    assert locs == [
        "https://example.org/tiny/index.html",
        "https://example.org/tiny/other.html",
    ]


def test_a_hosted_404_page_resolves_its_links_from_the_sites_root(hosted_build):
    page = Chrome()
    page.feed((hosted_build / "404.html").read_text(encoding="utf-8"))
    assert page.base == "https://example.org/tiny/"
    assert page.meta("og:url") == ["https://example.org/tiny/404.html"]
    home = Chrome()
    home.feed((hosted_build / "index.html").read_text(encoding="utf-8"))
    assert home.base is None
    assert home.meta("og:url") == ["https://example.org/tiny/index.html"]
    assert home.meta("description") == [
        "A home page with enough words to describe itself."
    ]


def test_a_local_site_gets_no_sitemap(tmp_path):
    site_chrome = import_extension()

    from types import SimpleNamespace

    app = SimpleNamespace(config=SimpleNamespace(html_baseurl=""), outdir=str(tmp_path))
    site_chrome.write_sitemap(app, None)
    assert not (tmp_path / "sitemap.xml").exists()
    assert textwrap.dedent(site_chrome.sitemap_xml("https://a.b/", [])).startswith(
        "<?xml"
    )
