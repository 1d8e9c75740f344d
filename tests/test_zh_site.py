"""The Chinese edition as built: strict, zh-CN, linked to its English twin, facts kept.

The run's one English site build (``built_site``) already ran every lesson;
the Chinese build here reuses its outputs instead of running them again: it
starts from a copy of that build's sources, generated lesson pages and
pictures included, so sphinx-gallery finds every lesson current and runs
none, and Sphinx translates the pages with docs/locale/zh_CN. It costs
one Sphinx build without lessons (about 15 s of CPU). Its lesson pictures
therefore keep their English labels; lessons drawing Chinese labels are
checked in tests/test_translations.py (one lesson run in Chinese), and
``make html`` runs the lessons in Chinese for the published site.

Built once per test run under a file lock, like ``built_site``, so
pytest-xdist workers share it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import docs_build_env, zh_build_command
from html_checks import read_page
from test_translations import CJK, fact_problems

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock
    fcntl = None

pytestmark = pytest.mark.docs
# Pages that are not translated: the API reference stays English (code
# names), the index and search pages are Sphinx's own.
UNTRANSLATED = re.compile(r"^(_generated/|contribute/api\.html|genindex|search)")
LICENCE = re.compile(r"CC[- ]BY|CC0|licen[cs]e|许可|授权|©", re.IGNORECASE)


@pytest.fixture(scope="session")
def zh_site(built_site, tmp_path_factory) -> Path:
    """Wait for the Chinese edition built from the English build; return its folder.

    The run's background builder makes it right after the English site
    (tests/conftest.py, ``start_site_build``), so no lesson runs again.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    work = shared / "zh_site"
    lock = os.open(shared / "zh_site.lock", os.O_CREAT | os.O_RDWR)
    try:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held by the builder until it is done
    finally:
        os.close(lock)
    if not (work / "build.returncode").is_file():  # pragma: no cover - no flock
        shutil.copytree(built_site / "docs", work / "docs", symlinks=True)
        shutil.copytree(built_site / "examples", work / "examples", symlinks=True)
        env = {**docs_build_env(), "LUNAR_EDU_LANG": "zh_CN"}
        with (work / "build.log").open("w") as log:
            run = subprocess.run(
                zh_build_command(work), check=False, env=env, stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        (work / "build.returncode").write_text(str(run.returncode))
    log = (work / "build.log").read_text(encoding="utf-8")
    assert (work / "build.returncode").read_text() == "0", log[-8000:]
    return work


# Folders of a built site that hold files, not pages (the theme's
# webpack-macros.html is a template).
NOT_PAGES = ("zh_CN/", "_static/", "_images/", "_downloads/", "_sources/")


def _pages(root: Path) -> dict[str, Path]:
    """Return the site's pages by their path from the site's root."""
    pages = {page.relative_to(root).as_posix(): page for page in root.rglob("*.html")}
    return {
        name: page for name, page in pages.items() if not name.startswith(NOT_PAGES)
    }


def _switch_href(page: Path) -> str:
    found = re.search(
        r'<a [^>]*class="[^"]*lunar-language-switch[^"]*"[^>]*href="([^"]*)"',
        page.read_text(encoding="utf-8"),
    )
    assert found, f"{page.name} has no language switch"
    return found.group(1)


def test_the_zh_build_is_strict_and_every_page_is_zh_cn(zh_site):
    log = (zh_site / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log
    assert "build succeeded" in log
    pages = _pages(zh_site / "html" / "zh_CN")
    assert len(pages) > 50
    wrong = [name for name, page in pages.items() if read_page(page).lang != "zh-CN"]
    assert not wrong


def test_every_page_links_its_twin_in_the_other_language(built_site, zh_site):
    english_root, chinese_root = built_site / "html", zh_site / "html" / "zh_CN"
    english, chinese = _pages(english_root), _pages(chinese_root)
    assert set(english) == set(chinese)
    for name in english:
        if name == "404.html":
            continue  # its <base href> points at the hosted site
        to_chinese = os.path.normpath(Path(name).parent / _switch_href(english[name]))
        assert to_chinese == os.path.normpath(f"zh_CN/{name}"), name
        to_english = os.path.normpath(
            Path("zh_CN") / Path(name).parent / _switch_href(chinese[name])
        )
        assert to_english == os.path.normpath(name), name


def test_pictures_on_chinese_pages_have_chinese_alt_text_and_a_credited_caption(
    zh_site,
):
    problems = []
    for name, page in _pages(zh_site / "html" / "zh_CN").items():
        # Lesson pictures (on lesson and worksheet pages) here are the
        # English build's (see the docstring).
        if UNTRANSLATED.match(name) or name.startswith(
            ("auto_examples/", "worksheets/")
        ):
            continue
        for figure in read_page(page).figures:
            for alt in figure.alts:
                if alt and not CJK.search(alt):
                    problems.append(f"{name}: English alt text {alt[:50]!r}")
            if figure.alts and not (
                CJK.search(figure.caption) and LICENCE.search(figure.caption)
            ):
                problems.append(f"{name}: caption without Chinese credit and licence")
    assert not problems, "\n".join(problems)


class _Paragraphs(HTMLParser):
    """The text of each <p> inside the page's article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self._in_article = True
        if tag == "p" and self._in_article:
            self._depth += 1
            if self._depth == 1:
                self.paragraphs.append("")

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False
        if tag == "p" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.paragraphs[-1] += data


def _paragraphs(page: Path) -> list[str]:
    parser = _Paragraphs()
    parser.feed(page.read_text(encoding="utf-8"))
    return [" ".join(p.split()) for p in parser.paragraphs]


def _definitions(page: Path) -> dict[str, str]:
    """The text of each glossary definition, by the anchor of its term."""
    html = page.read_text(encoding="utf-8")
    found, term = {}, None
    for match in re.finditer(r'<dt id="([^"]+)"|<dd>(.*?)</dd>', html, re.DOTALL):
        if match.group(1):
            term = match.group(1)
        elif term:
            found[term] = " ".join(re.sub(r"<[^>]+>", "", match.group(2)).split())
    return found


def test_chinese_pages_keep_the_facts_of_the_english_paragraph_by_paragraph(
    built_site, zh_site
):
    """Numbers, dates and source tags of each translated paragraph match."""
    english = _pages(built_site / "html")
    problems = []
    for name, page in _pages(zh_site / "html" / "zh_CN").items():
        if UNTRANSLATED.match(name):
            continue
        if name == "glossary.html":
            # Sorted by the Chinese terms: definitions pair up by their anchor.
            theirs, ours = _definitions(english[name]), _definitions(page)
            assert theirs.keys() == ours.keys(), name
            for term, en in theirs.items():
                problems += [
                    f"{name}#{term}: {p}" for p in fact_problems(en, ours[term])
                ]
            continue
        theirs, ours = _paragraphs(english[name]), _paragraphs(page)
        if len(theirs) != len(ours):
            problems.append(
                f"{name}: {len(ours)} paragraphs, English has {len(theirs)}"
            )
            continue
        for en, zh in zip(theirs, ours, strict=True):
            if en != zh:
                problems += [f"{name}: {p}: {en[:60]!r}" for p in fact_problems(en, zh)]
    assert not problems, "\n".join(problems[:50])


def test_a_chinese_worksheet_has_chinese_fields_to_fill_in(zh_site):
    sheet = zh_site / "html" / "zh_CN" / "worksheets" / "plot_01_track_width.html"
    fields = re.findall(r'class="lunar-ws-field">([^<]*)<', sheet.read_text("utf-8"))
    assert fields == ["姓名：", "班级：", "日期："]  # noqa: RUF001 - Chinese colons
