"""The ``lesson-table`` directive: the curriculum at a glance, read from the lessons.

Used on the teachers' page as::

    ```{lesson-table}
    ```

It reads every gallery lesson (``examples/NN_topic/plot_*.py``) and writes
one table row per lesson, in gallery order and under a row naming its topic:
the lesson's title (linked to its page), its level and time as the lesson
states them, and its instrument and skill tags. The table is made from the lessons themselves, so
it never disagrees with them; the page is read again whenever a lesson
changes.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

_TITLE_RULE = re.compile(r"^=+$")
_LEVEL = re.compile(r"\*\*Level:\*\* (\w+)")
_TIME = re.compile(r"\*\*Time:\*\* about (\d+) minutes")
_TAGS = re.compile(r"^# sphinx_gallery_tags = (.+)$", re.MULTILINE)
_COLUMNS = ("Lesson", "Level", "Time", "Cameras", "Skills")


@dataclass(frozen=True)
class LessonInfo:
    """What the table shows of one lesson.

    Parameters
    ----------
    doc : str
        Its gallery document, e.g. ``"auto_examples/02_tracks/plot_01_track_width"``.
    topic : str
        The title of its topic folder.
    title : str
        The lesson's title.
    level : str
        ``"beginner"``, ``"intermediate"`` or ``"advanced"``.
    minutes : int
        How long it takes, as the lesson says.
    tags : tuple of str
        Its sphinx-gallery tags.
    """

    doc: str
    topic: str
    title: str
    level: str
    minutes: int
    tags: tuple[str, ...]

    def tagged(self, group: str) -> str:
        """Return the values of one tag group, e.g. ``"PCAM, TCAM"``."""
        prefix = f"{group}: "
        return ", ".join(t[len(prefix) :] for t in self.tags if t.startswith(prefix))


def read_lesson(path: Path, doc: str, topic: str) -> LessonInfo:
    """Read a lesson's title, level, time and tags from its source.

    Parameters
    ----------
    path : pathlib.Path
        The lesson script.
    doc : str
        Its gallery document name.
    topic : str
        The title of its topic.

    Returns
    -------
    LessonInfo
        What the table shows.

    Raises
    ------
    ValueError
        If the lesson lacks a title, level, time or tags (the lesson guide
        asks for all four).
    """
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text), clean=False) or ""
    lines = [line.strip() for line in docstring.strip().splitlines()]
    rule = next((i for i, line in enumerate(lines) if _TITLE_RULE.match(line)), None)
    level, minutes, tags = (
        _LEVEL.search(docstring),
        _TIME.search(docstring),
        _TAGS.search(text),
    )
    if not rule or not level or not minutes or not tags:
        msg = (
            f"{path.name} needs a title over a === line, '**Level:** ...', "
            "'**Time:** about N minutes' and a sphinx_gallery_tags line "
            "(see docs/contribute/lessons.md)."
        )
        raise ValueError(msg)
    return LessonInfo(
        doc=doc,
        topic=topic,
        title=lines[rule - 1],
        level=level.group(1),
        minutes=int(minutes.group(1)),
        tags=tuple(ast.literal_eval(tags.group(1))),
    )


def _topic_title(folder: Path) -> str:
    header = folder / "GALLERY_HEADER.rst"
    if header.is_file():
        for line in header.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith(".."):
                return line.strip()
    return folder.name


def lesson_files(env: Any) -> list[tuple[Path, str]]:
    """Return every gallery lesson and its document, noting each as a dependency.

    Parameters
    ----------
    env : sphinx.environment.BuildEnvironment
        The build environment (its ``sphinx_gallery_conf`` names the folders;
        a project without sphinx-gallery has no lessons).

    Returns
    -------
    list of (pathlib.Path, str)
        Each lesson script and its gallery document name
        (``"auto_examples/02_tracks/plot_01_track_width"``), in gallery order.
    """
    config = getattr(env.config, "sphinx_gallery_conf", None) or {}
    examples_dirs = config.get("examples_dirs", [])
    gallery_dirs = config.get("gallery_dirs", [])
    if isinstance(examples_dirs, str):
        examples_dirs, gallery_dirs = [examples_dirs], [gallery_dirs]
    found = []
    for examples, gallery in zip(examples_dirs, gallery_dirs, strict=False):
        root = Path(env.srcdir) / examples
        for path in sorted(root.glob("*/plot_*.py")):
            env.note_dependency(str(path))
            doc = Path(gallery, path.relative_to(root)).with_suffix("").as_posix()
            found.append((path, doc))
    return found


def gallery_lessons(env: Any) -> list[LessonInfo]:
    """Return every lesson of the gallery in order, with what the table shows.

    Parameters
    ----------
    env : sphinx.environment.BuildEnvironment
        The build environment.

    Returns
    -------
    list of LessonInfo
        Topics in folder order, lessons in file-name order.
    """
    return [
        read_lesson(path, doc, _topic_title(path.parent))
        for path, doc in lesson_files(env)
    ]


def _cell(
    *children: nodes.Node, source: tuple[str | None, int | None] | None = None
) -> nodes.entry:
    """Return a table cell; with ``source``, its text is translatable.

    Sphinx's gettext only extracts (and its zh_CN build only translates)
    text whose node knows the page and line it came from; a translation
    replaces the paragraph's content, so only plain text cells get one.
    """
    entry = nodes.entry()
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += child
    if source is not None:
        # gettext reads the message from rawsource.
        paragraph.source, paragraph.line = source
        paragraph.rawsource = paragraph.astext()
    entry += paragraph
    return entry


class LessonTable(SphinxDirective):
    """Write the table of all lessons."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Build the table."""
        try:
            lessons = gallery_lessons(self.env)
        except ValueError as err:
            return [self.state.document.reporter.error(str(err), line=self.lineno)]
        table = nodes.table(classes=["lunar-lesson-table"])
        group = nodes.tgroup(cols=len(_COLUMNS))
        table += group
        for width in (44, 14, 10, 12, 20):
            group += nodes.colspec(colwidth=width)
        where = self.get_source_info()
        head = nodes.thead()
        row = nodes.row()
        for name in _COLUMNS:
            row += _cell(nodes.Text(name), source=where)
        head += row
        group += head
        body = nodes.tbody()
        topic = None
        for lesson in lessons:
            if lesson.topic != topic:
                # A row across the table starts each topic.
                topic = lesson.topic
                heading = _cell(nodes.Text(topic), source=where)
                heading["morecols"] = len(_COLUMNS) - 1
                row = nodes.row(classes=["lunar-lesson-topic"])
                row += heading
                body += row
            # Not explicit: the link shows the lesson page's own title, which
            # is the translated one in the zh_CN edition.
            link = addnodes.pending_xref(
                "", refdomain="std", reftype="doc", reftarget=f"/{lesson.doc}",
                refexplicit=False,
            )  # fmt: skip
            link += nodes.inline(text=lesson.title)
            row = nodes.row()
            row += _cell(link)
            row += _cell(nodes.Text(lesson.level), source=where)
            row += _cell(nodes.Text(f"{lesson.minutes} min"), source=where)
            row += _cell(nodes.Text(lesson.tagged("instrument")), source=where)
            row += _cell(nodes.Text(lesson.tagged("skill")), source=where)
            body += row
        group += body
        return [table]


def setup(app: Any) -> dict[str, Any]:
    """Register the ``lesson-table`` directive."""
    app.add_directive("lesson-table", LessonTable)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
