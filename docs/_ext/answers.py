"""Teacher pages quote the answer-key numbers the lessons printed in this build.

A lesson records its numbers with :mod:`lunar_edu.answers` (``check`` and
``record``). This extension sets ``LUNAR_EDU_ANSWERS_DIR`` when the
configuration is read, before sphinx-gallery runs the lessons at
``builder-inited``; each lesson's own process (also a parallel worker, which
inherits the environment) then writes ``_generated/answers/<lesson>.json``.
The teacher pages, read afterwards, quote those files with two MyST roles:

``{answer}`plot_01_track_width:track width```
    the formatted value with its unit, e.g. ``0.95 m``;
``{check}`plot_01_track_width:track width```
    the whole printed line, ``Check: track width: measured 0.95 m, answer
    key 0.85 m``, as code.

A name the lesson did not record is an error with the file and line, so the
strict build (``-W``) fails instead of printing a wrong number. When
sphinx-gallery skips an unchanged lesson, the file from its last run stays in
place; a page is re-read whenever a file it quotes changes. A build that runs
no lesson at all (``make html-noplot``, ``-D plot_gallery=0``) quotes the
numbers it has and writes a short note in place of the missing ones.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from docutils import nodes

from lunar_edu.answers import ANSWERS_DIR_ENV, FORMAT_VERSION

#: Where the answer files go, relative to the Sphinx source folder.
ANSWERS_SUBDIR = "_generated/answers"
_CACHE: dict[str, tuple[int, dict[str, Any]]] = {}


def answers_folder(srcdir: str | os.PathLike[str]) -> Path:
    """Return the folder of the lessons' answer files for a Sphinx source folder.

    Parameters
    ----------
    srcdir : str or os.PathLike
        The Sphinx source folder (``app.srcdir``).

    Returns
    -------
    pathlib.Path
        ``<srcdir>/_generated/answers``.
    """
    return Path(srcdir) / ANSWERS_SUBDIR


def _point_lessons_at_the_folder(app: Any, config: Any) -> None:
    # Set before builder-inited, when sphinx-gallery runs the lessons; worker
    # processes started later inherit the environment.
    os.environ[ANSWERS_DIR_ENV] = str(answers_folder(app.srcdir))


def _read(path: Path) -> dict[str, Any] | None:
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        return None
    cached = _CACHE.get(str(path))
    if cached and cached[0] == mtime_ns:
        return cached[1]
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("format") != FORMAT_VERSION:
        return None
    _CACHE[str(path)] = (mtime_ns, document)
    return document


def lookup(srcdir: str | os.PathLike[str], text: str) -> tuple[dict[str, Any], Path]:
    """Return the recorded entry named by ``lesson:name`` and its file.

    Parameters
    ----------
    srcdir : str or os.PathLike
        The Sphinx source folder.
    text : str
        The role's text, e.g. ``"plot_01_track_width:track width"``.

    Returns
    -------
    tuple of (dict, pathlib.Path)
        The entry (``value``, ``unit``, ``text`` and, for checks, ``line``)
        and the answer file it came from.

    Raises
    ------
    LookupError
        With a one-sentence message when the text, the file or the name is
        wrong or missing.
    """
    lesson, colon, name = text.partition(":")
    lesson, name = lesson.strip(), " ".join(name.split())
    if not colon or not lesson or not name:
        msg = (
            f"{text!r} is not 'lesson:name'; write e.g. "
            "{answer}`plot_01_track_width:track width`."
        )
        raise LookupError(msg)
    path = answers_folder(srcdir) / f"{lesson}.json"
    document = _read(path)
    if document is None:
        msg = (
            f"No answers from the lesson {lesson!r} in this build ({path} is "
            "missing or from an older version): check the lesson's file name, "
            "and rebuild with `make clean html` so every lesson runs."
        )
        raise LookupError(msg)
    values = document.get("values", {})
    if name not in values:
        known = ", ".join(repr(key) for key in sorted(values)) or "none"
        msg = (
            f"The lesson {lesson!r} recorded no answer named {name!r} (it recorded "
            f"{known}); fix the name, or add check()/record() to the lesson and "
            "rebuild with `make clean html`."
        )
        raise LookupError(msg)
    return values[name], path


def _lessons_run(env: Any) -> bool:
    """Return False in a build that runs no lesson (``-D plot_gallery=0``)."""
    gallery_conf = getattr(env.config, "sphinx_gallery_conf", None) or {}
    return bool(gallery_conf.get("plot_gallery", True))


def _role(kind: str):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        env = inliner.document.settings.env
        try:
            entry, path = lookup(env.srcdir, text)
            if kind == "check" and "line" not in entry:
                msg = (
                    f"{text!r} was recorded with record(), not check(), so there "
                    "is no Check line; use {answer} instead."
                )
                raise LookupError(msg)
        except LookupError as err:
            if not _lessons_run(env):
                # `make html-noplot` runs no lesson, so it has no numbers to
                # quote; say where they come from instead of failing.
                text = "(a number the lesson prints; build with make html)"
                return [nodes.emphasis(text, text, classes=["lunar-answer"])], []
            error = inliner.reporter.error(str(err), line=lineno)
            return [inliner.problematic(rawtext, rawtext, error)], [error]
        # Re-read this page whenever the lesson writes new numbers.
        env.note_dependency(str(path))
        if kind == "check":
            node = nodes.literal(entry["line"], entry["line"], classes=["lunar-check"])
        else:
            node = nodes.inline(entry["text"], entry["text"], classes=["lunar-answer"])
        return [node], []

    role.__doc__ = f"Render a lesson's recorded {kind} from this build's answer files."
    return role


def setup(app: Any) -> dict[str, Any]:
    """Register the ``answer`` and ``check`` roles and point lessons at their folder.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata.
    """
    app.connect("config-inited", _point_lessons_at_the_folder)
    app.add_role("answer", _role("answer"))
    app.add_role("check", _role("check"))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
