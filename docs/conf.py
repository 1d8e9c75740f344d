"""Sphinx configuration of the lunar_edu site.

The build must work offline and from a zip: no asset may come from another
host, and intersphinx is only switched on for the online build
(``LUNAR_EDU_DOCS_ONLINE=1``), because it downloads inventories.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib.metadata import version as _package_version
from pathlib import Path

from lunar_edu.translations import LANG_ENV
from lunar_edu.translations import language as _language

# Local extensions that generate pages and charts from project data at build
# time live in docs/_ext; each module there is loaded.
_EXT_DIR = Path(__file__).parent / "_ext"
sys.path.insert(0, str(_EXT_DIR))

project = "lunar_edu"
author = "lunar_edu contributors"
copyright = "2026, lunar_edu contributors (text and code: BSD-3-Clause; pictures: CC-BY-4.0 unless credited otherwise)"
release = version = _package_version("lunar_edu")
# The zh_CN edition (make html builds it under _build/html/zh_CN): the English
# text is the source; docs/locale/zh_CN/LC_MESSAGES holds one .po per page,
# kept in step by `make translations` (sphinx gettext + sphinx-intl update).
# The language comes from LUNAR_EDU_LANG (tools/zh_build.py sets it), the
# variable that also makes the lessons draw Chinese labels
# (lunar_edu.translations), so the pages and the pictures always agree.
language = _language()
ZH = language == "zh_CN"
# Pages say things to one edition only with ```{only} lang_zh_CN``` (the API
# reference, which stays English, says so in Chinese).
tags.add(f"lang_{language}")  # noqa: F821 - Sphinx provides ``tags`` to conf.py
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
# Line numbers in the catalogues would change with every edit of a page.
gettext_location = False

extensions = [
    "myst_parser",
    # The API reference (docs/contribute/api.md): the numpydoc docstrings,
    # read by Sphinx's own autodoc and napoleon, offline.
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx_design",
    "sphinx_gallery.gen_gallery",
    *sorted(path.stem for path in _EXT_DIR.glob("*.py") if path.stem != "__init__"),
]

# --- API reference -----------------------------------------------------------
# Stub pages are generated into the git-ignored docs/_generated/api.
autosummary_generate = True
napoleon_google_docstring = False
napoleon_numpy_docstring = True
# Types are written in the docstrings' Parameters, in words a student reads.
autodoc_typehints = "none"
autodoc_member_order = "bysource"
# Strict about our own names (a lesson's :func:`lunar_edu.x` must resolve);
# the words of numpydoc types ("optional", "ndarray") are not targets.
nitpicky = True
nitpick_ignore_regex = [(r"py:.*", r"(?!lunar_edu\b).*")]
# No Python module index page: the API reference lists the modules, and the
# index page would be one more page outside the navigation.
html_domain_indices = False

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "auto_examples/**/*.ipynb"]
root_doc = "index"

# --- MyST -----------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "substitution", "attrs_inline"]
# Heading anchors avoid MyST's xref_missing warnings, which -W turns into errors.
myst_heading_anchors = 3
myst_substitutions = {
    "landing_date": "2019年1月3日" if ZH else "3 January 2019",
    "site_latitude": "南纬约45.4°" if ZH else "about 45.4° S",
    # A translated paragraph of a MyST page is read as MyST, where the reST
    # |release| is not replaced; the zh_CN text writes {{ release }}.
    "release": release,
}

# --- sphinx-gallery -------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    # Topic folders and lessons are numbered, so their names set the order of
    # the curriculum; strings keep the config picklable, so Sphinx can cache
    # it and rebuild only what changed.
    "subsection_order": [
        f"../examples/{path.name}"
        for path in sorted((Path(__file__).parent / "../examples").glob("[0-9][0-9]_*"))
    ]
    + ["*"],
    "within_subsection_order": "FileNameSortKey",
    # Our Pillow scraper: one figure per show() with written alt text and a
    # caption with credit. Names, not objects, keep the config picklable.
    "image_scrapers": ("lunar_edu.gallery.scraper",),
    "reset_modules": ("lunar_edu.gallery.reset",),
    "reset_modules_order": "before",
    # A bare PIL image at the end of a block would print "<PIL.Image... at 0x..>".
    "ignore_repr_types": r"PIL\.",
    "remove_config_comments": True,
    # Next to the site, not in it; the Chinese edition's site is zh_CN/
    # inside the English one, so its record goes two folders up.
    "junit": "../../sphinx-gallery-junit-zh_CN.xml"
    if ZH
    else "../sphinx-gallery-junit.xml",
    # File-glob mini-galleries on the story pages need a backreferences folder;
    # it is generated, so it lives under the git-ignored docs/_generated.
    "backreferences_dir": "_generated/backreferences",
    "doc_module": ("lunar_edu",),
    # The timing pages load DataTables and jQuery from CDNs; the site must work
    # offline, and the junit file above records the same timings.
    "write_computation_times": False,
    "show_memory": False,
    "download_all_examples": True,
    "min_reported_time": 0,
    # Lessons run in worker processes (joblib, sphinx-gallery's optional
    # dependency for this option), one per core of the 2-core CI machine;
    # each runs its lesson, the scraper and the resetter in that worker, so
    # lunar_edu.gallery's per-process queue of pictures stays the lesson's own.
    # _use_workers_for_stale_lessons (below) turns them off when fewer than
    # two lessons will run. LUNAR_EDU_DOCS_JOBS=1 runs lessons one after
    # another in the Sphinx process (to debug a lesson).
    "parallel": int(os.environ.get("LUNAR_EDU_DOCS_JOBS", "2")),
}


def _lessons_to_run(srcdir: Path) -> int:
    """Count the lessons sphinx-gallery will execute: changed since they last ran.

    Its rule: a lesson is current when the MD5 of its text matches the
    ``.md5`` file it wrote next to its copy in ``auto_examples`` after it ran.
    """
    count = 0
    for source in (srcdir / "../examples").glob("*/plot_*.py"):
        text = source.read_text(errors="surrogateescape", encoding="utf-8")
        digest = hashlib.md5(text.encode(errors="surrogateescape", encoding="utf-8"))
        stamp = srcdir / "auto_examples" / source.parent.name / f"{source.name}.md5"
        current = stamp.is_file() and stamp.read_text() == digest.hexdigest()
        count += not current
    return count


def _use_workers_for_stale_lessons(app) -> None:
    # Starting the worker processes takes a few seconds; a rebuild that runs
    # no lesson, or one, is faster without them. Decided when the builder
    # starts, after it has fingerprinted the configuration: a value changed
    # at config-inited would differ from the last build's and make Sphinx
    # write every page again. (Before sphinx-gallery runs, priority 500.)
    gallery_conf = app.config.sphinx_gallery_conf
    if not gallery_conf["plot_gallery"] or _lessons_to_run(Path(app.srcdir)) < 2:
        gallery_conf["parallel"] = False


def _lessons_in_the_build_language(app, config) -> None:
    # A build started with -D language=zh_CN still runs its lessons in that
    # language: the worker processes inherit this environment.
    if config.language == "zh_CN":
        os.environ[LANG_ENV] = "zh_CN"
    else:
        os.environ.pop(LANG_ENV, None)


def setup(app):
    app.connect("builder-inited", _use_workers_for_stale_lessons, priority=300)
    app.connect("config-inited", _lessons_in_the_build_language)


# --- HTML -----------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
# Formulas as MathML in the page (docs/_ext/mathml.py), not MathJax from a CDN.
html_math_renderer = "mathml"
html_title = (
    "lunar_edu：嫦娥四号在月球背面"  # noqa: RUF001 - a Chinese colon
    if ZH
    else "lunar_edu: Chang'e 4 on the far side of the Moon"
)
html_static_path = ["_static"]
# Each with its priority written out: Sphinx adds a missing one to the
# attribute dict in place, which makes the configuration read as changed on
# the next build, and every page would be rewritten.
html_css_files = [
    ("lunar_edu.css", {"priority": 800}),
    # Paper: every page complete, no navigation, code wrapped; after
    # lunar_edu.css, so its rules win on paper.
    ("print.css", {"media": "print", "priority": 801}),
    # (worksheets.css is added by docs/_ext/worksheets.py to the pages that
    # show a worksheet, after these, so their own print rules win.)
]
html_show_sourcelink = False
html_favicon = "_static/favicon.svg"
# docs/_templates overrides theme templates (docs/_templates/*.html say why);
# docs/_ext is there too, so our layout.html can extend web_images' one.
templates_path = ["_templates", "_ext"]
# The hosted site's address, for og:url, the 404 page's links and
# sitemap.xml (docs/_ext/site_chrome.py); empty for a local or zipped site.
# Read the Docs sets READTHEDOCS_CANONICAL_URL in every build.
html_baseurl = os.environ.get("LUNAR_EDU_BASEURL") or os.environ.get(
    "READTHEDOCS_CANONICAL_URL", ""
)
if ZH and html_baseurl:
    # The Chinese edition is published under zh_CN/ of the English site.
    html_baseurl = html_baseurl.rstrip("/") + "/zh_CN/"
html_context = {
    # The theme's script rejects its empty default ("Got invalid theme mode")
    # on every first visit; "auto" follows the reader's system setting.
    "default_mode": "auto",
    # The header's links (docs/_templates/lunar-nav.html): short names, so
    # the header is one row; the other pages are linked from the footer.
    "lunar_nav_links": [
        ("story/index", "故事" if ZH else "Story"),
        ("auto_examples/index", "课程" if ZH else "Lessons"),
        ("teach/index", "教学" if ZH else "Teach"),
        ("worksheets/index", "练习单" if ZH else "Worksheets"),
        ("glossary", "术语表" if ZH else "Glossary"),
        ("contribute/index", "参与贡献" if ZH else "Contribute"),
    ],
    "lunar_footer_links": [
        ("pictures", "图片从哪里来" if ZH else "Where the pictures come from"),
        ("cite", "引用本站" if ZH else "Cite this site"),
        ("credits", "致谢" if ZH else "Credits"),
        ("search", "搜索" if ZH else "Search"),
    ],
}
html_theme_options = {
    "logo": {"text": "lunar_edu"},
    "navigation_with_keys": False,
    "navbar_center": ["lunar-nav"],
    # The link to the same page in the other language (docs/_ext/site_chrome.py).
    "navbar_end": ["language-switch", "theme-switcher", "navbar-icon-links"],
    # Written out (the theme adds it in place otherwise, and the changed
    # configuration would make every page be rewritten on the next build).
    "icon_links": [],
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright", "footer-links"],
    "footer_end": ["sphinx-version"],
}

# Read the Docs builds the two editions one after the other (.readthedocs.yaml)
# and cannot set variables in its config file: the render cache is turned on
# here, in the checkout, for both (lunar_edu/synth/render_cache.py).
if os.environ.get("READTHEDOCS_REPOSITORY_PATH"):
    os.environ.setdefault(
        "LUNAR_EDU_RENDER_CACHE",
        str(
            Path(os.environ["READTHEDOCS_REPOSITORY_PATH"]) / "docs/_build/render-cache"
        ),
    )

if os.environ.get("LUNAR_EDU_DOCS_ONLINE") == "1":
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "PIL": ("https://pillow.readthedocs.io/en/stable", None),
        "numpy": ("https://numpy.org/doc/stable", None),
    }
