"""Printable worksheets and answer sheets, generated from the lessons every build.

For each gallery lesson this extension writes, when the build starts and
after sphinx-gallery has run the lessons (``builder-inited``, priority 600;
sphinx-gallery's is 500):

``docs/worksheets/<lesson>.rst``
    the student worksheet: the lesson's title, what it is about, its learning
    goals, its first picture and its thumbnail (the figures the scraper wrote,
    with their alt text and credited captions), and the "Your turn" questions
    with ruled lines to write on. No code.
``docs/teach/answer-sheets/<lesson>.md``
    the answer sheet: each question with the answer from the teacher notes
    (``docs/teach/*.md``), whose ``{answer}`` roles quote the numbers the
    lesson printed in this build.

Both are git-ignored and rewritten only when their text changes, so an
incremental build re-reads exactly the sheets whose lesson, pictures or
answers changed. They are written only when their section page exists
(``docs/worksheets/index.md``, ``docs/teach/answer-sheets.md``); a generated
file (first line: :data:`worksheets_content.MARKER`) that no lesson needs any
more is removed.

Directives:

``ruled-lines``
    ``N`` ruled lines to write on (``:labels: Name, Class`` for labelled ones).
``worksheet-list``
    the sheets by topic, with an optional topic folder (``02_tracks``) and
    the ``:answers:`` flag to link the answer sheets too; without a topic it
    also adds the sheets to the navigation (a hidden toctree, gallery order).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from worksheets_content import (
    MARKER,
    answer_sheet_md,
    key_figures,
    lesson_figures,
    read_lesson,
    teacher_answers,
    worksheet_rst,
)

logger = logging.getLogger(__name__)

WORKSHEETS_DIR = "worksheets"
ANSWER_SHEETS_DIR = "teach/answer-sheets"
# The section pages whose toctrees hold the generated sheets.
WORKSHEETS_INDEX = "worksheets/index.md"
ANSWER_SHEETS_INDEX = "teach/answer-sheets.md"


def _topic_title(folder: Path) -> str:
    header = folder / "GALLERY_HEADER.rst"
    if header.is_file():
        for line in header.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith(".."):
                return line.strip()
    return folder.name


def gallery_lessons(srcdir: Path, gallery_conf: dict[str, Any]) -> list[dict]:
    """Return every lesson with its topic and generated page, in gallery order.

    Parameters
    ----------
    srcdir : pathlib.Path
        The Sphinx source folder.
    gallery_conf : dict
        sphinx-gallery's configuration (``examples_dirs``, ``gallery_dirs``).

    Returns
    -------
    list of dict
        ``path`` (the script), ``doc`` (its gallery document), ``topic``
        (the topic's title) and ``generated`` (the reST sphinx-gallery wrote).
    """
    examples_dirs = gallery_conf.get("examples_dirs", [])
    gallery_dirs = gallery_conf.get("gallery_dirs", [])
    if isinstance(examples_dirs, str):
        examples_dirs, gallery_dirs = [examples_dirs], [gallery_dirs]
    found = []
    for examples, gallery in zip(examples_dirs, gallery_dirs, strict=False):
        root = (srcdir / examples).resolve()
        for path in sorted(root.glob("*/plot_*.py")):
            relative = path.relative_to(root)
            found.append(
                {
                    "path": path,
                    "doc": Path(gallery, relative).with_suffix("").as_posix(),
                    "topic": _topic_title(path.parent),
                    "topic_dir": path.parent.name,
                    "generated": srcdir / gallery / relative.with_suffix(".rst"),
                }
            )
    return found


def _write_if_changed(path: Path, text: str) -> None:
    # An unchanged file keeps its time stamp, so Sphinx does not re-read it.
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _remove_stale(folder: Path, pattern: str, keep: set[Path]) -> None:
    for path in folder.glob(pattern):
        if path in keep:
            continue
        with path.open(encoding="utf-8") as file:
            first = file.readline()
        if MARKER in first:
            path.unlink()


def _teacher_pages(srcdir: Path) -> dict[str, str]:
    folder = srcdir / "teach"
    return {
        f"teach/{page.stem}": page.read_text(encoding="utf-8")
        for page in sorted(folder.glob("*.md"))
    }


def _answers_for(pages: dict[str, str], label: str) -> tuple[str, list[str]]:
    for doc, text in pages.items():
        answers = teacher_answers(text, label)
        if answers:
            return doc, answers
    return "", []


def generate_sheets(app: Any) -> None:
    """Write the worksheet and answer sheet of every lesson (``builder-inited``).

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application; sphinx-gallery has written its pages.
    """
    srcdir = Path(app.srcdir)
    gallery_conf = getattr(app.config, "sphinx_gallery_conf", None) or {}
    lessons = gallery_lessons(srcdir, gallery_conf)
    sheets, answer_sheets = set(), set()
    with_sheets = (srcdir / WORKSHEETS_INDEX).is_file()
    with_answers = (srcdir / ANSWER_SHEETS_INDEX).is_file()
    teacher_pages = _teacher_pages(srcdir) if with_answers else {}
    for found in lessons:
        try:
            lesson = read_lesson(found["path"])
        except ValueError as err:
            # Not a lesson of the guide (a test's fixture script): no sheet.
            # tests/test_lessons.py holds every real lesson to the guide, and
            # tests/test_worksheets.py checks that each one has its sheets.
            logger.info("No worksheet: %s", err)
            continue
        if with_sheets:
            generated = found["generated"]
            text = generated.read_text(encoding="utf-8") if generated.is_file() else ""
            page = worksheet_rst(
                lesson,
                key_figures(lesson_figures(text), lesson.thumbnail),
                topic=found["topic"],
                lesson_doc=found["doc"],
                source=f"examples/{found['topic_dir']}/{found['path'].name}",
            )
            target = srcdir / WORKSHEETS_DIR / f"{lesson.stem}.rst"
            _write_if_changed(target, page)
            sheets.add(target)
        teacher_doc, answers = _answers_for(teacher_pages, lesson.label)
        if with_answers and teacher_doc:
            page = answer_sheet_md(lesson, answers, teacher_doc=teacher_doc)
            target = srcdir / ANSWER_SHEETS_DIR / f"{lesson.stem}.md"
            _write_if_changed(target, page)
            answer_sheets.add(target)
    _remove_stale(srcdir / WORKSHEETS_DIR, "plot_*.rst", sheets)
    _remove_stale(srcdir / ANSWER_SHEETS_DIR, "plot_*.md", answer_sheets)


class ruled_lines(nodes.General, nodes.Element):
    """Lines to write on: ``count`` lines, or one labelled line per label."""


def visit_ruled_lines_html(self: Any, node: ruled_lines) -> None:
    """Write the lines as empty boxes with a bottom border (borders print)."""
    # Hidden from screen readers: they are room on paper, not content.
    self.body.append('<div class="lunar-ws-lines" aria-hidden="true">')
    if node["labels"]:
        # In the language of the edition being built (LUNAR_EDU_LANG).
        from lunar_edu.translations import translate

        self.body.append('<div class="lunar-ws-line lunar-ws-labelled">')
        for label in node["labels"]:
            field = translate(f"{label}:")
            self.body.append(
                f'<span class="lunar-ws-field">{self.encode(field)}</span>'
            )
        self.body.append("</div>")
    else:
        self.body.extend(['<div class="lunar-ws-line"></div>'] * node["count"])
    self.body.append("</div>")
    raise nodes.SkipNode


def skip_node(self: Any, node: nodes.Node) -> None:
    """Leave the node out of builders that cannot print on it."""
    raise nodes.SkipNode


class RuledLines(SphinxDirective):
    """``.. ruled-lines:: 5``: room to write an answer."""

    required_arguments = 1
    option_spec = {"labels": directives.unchanged}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        """Return one ruled-lines node."""
        labels = [
            item.strip()
            for item in self.options.get("labels", "").split(",")
            if item.strip()
        ]
        return [ruled_lines(count=int(self.arguments[0]), labels=labels)]


class WorksheetList(SphinxDirective):
    """The worksheets by topic (``:answers:`` adds the answer sheets)."""

    optional_arguments = 1
    option_spec = {"answers": directives.flag}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        """Return a bullet list of links under one heading-like line per topic."""
        gallery_conf = self.config.sphinx_gallery_conf
        lessons = gallery_lessons(Path(self.env.srcdir), gallery_conf)
        wanted = self.arguments[0] if self.arguments else None
        result: list[nodes.Node] = []
        topic, items = None, None
        for found in lessons:
            if wanted and found["topic_dir"] != wanted:
                continue
            self.env.note_dependency(str(found["path"]))
            if found["topic"] != topic and not wanted:
                topic = found["topic"]
                result.append(
                    nodes.paragraph(
                        "", "", nodes.strong(text=topic), classes=["lunar-ws-topic"]
                    )
                )
                items = None
            if items is None:
                items = nodes.bullet_list(classes=["lunar-ws-list"])
                result.append(items)
            item = self._item(found)
            if item is not None:
                items += item
        if not wanted:
            result += self._toctree([found["path"].stem for found in lessons])
        return result

    def _toctree(self, stems: list[str]) -> list[nodes.Node]:
        # A hidden toctree in gallery order (a glob would sort by file name,
        # mixing the topics) puts the sheets in the site's navigation. Made
        # as Sphinx's toctree directive makes it: text parsed here would be
        # read as MyST on a Markdown page.
        folder = ANSWER_SHEETS_DIR if "answers" in self.options else WORKSHEETS_DIR
        docs = [f"{folder}/{stem}" for stem in stems]
        docs = [doc for doc in docs if doc in self.env.found_docs]
        toctree = addnodes.toctree(
            parent=self.env.docname, entries=[(None, doc) for doc in docs],
            includefiles=docs, maxdepth=1, hidden=True, glob=False,
            titlesonly=False, caption=None, numbered=0, includehidden=False,
        )  # fmt: skip
        self.set_source_info(toctree)
        return [nodes.compound("", toctree, classes=["toctree-wrapper"])]

    def _item(self, found: dict) -> nodes.list_item | None:
        stem = found["path"].stem
        try:
            title = read_lesson(found["path"]).title
        except ValueError:
            return None  # no sheet was written for it (see generate_sheets)
        paragraph = nodes.paragraph()
        paragraph += self._link(f"/{WORKSHEETS_DIR}/{stem}", title)
        if "answers" in self.options:
            paragraph += nodes.Text(" · ")
            paragraph += self._link(f"/{ANSWER_SHEETS_DIR}/{stem}", "answer sheet")
        return nodes.list_item("", paragraph)

    @staticmethod
    def _link(target: str, text: str) -> nodes.Node:
        link = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", reftarget=target, refexplicit=True
        )
        link += nodes.inline(text=text)
        return link


def add_worksheet_css(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Load ``worksheets.css`` on the pages that show worksheet parts only.

    Every other page is spared one render-blocking request, which a phone on
    a slow connection pays for with a round trip before anything is drawn.
    The sheets' print rules must win over ``print.css``, so the file comes
    after the ``html_css_files`` (priority 800).
    """
    if "lunar-ws-" in context.get("body", ""):
        app.add_css_file("worksheets.css", priority=900)


def setup(app: Any) -> dict[str, Any]:
    """Generate the sheets after sphinx-gallery and register the directives.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata.
    """
    app.connect("builder-inited", generate_sheets, priority=600)
    app.connect("html-page-context", add_worksheet_css)
    skip = (skip_node, None)
    app.add_node(
        ruled_lines,
        html=(visit_ruled_lines_html, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_directive("ruled-lines", RuledLines)
    app.add_directive("worksheet-list", WorksheetList)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
