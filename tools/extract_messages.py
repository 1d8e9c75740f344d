"""Collect lunar_edu's runtime messages into lunar_edu.pot and update each language's .po.

The runtime messages are the words lunar_edu writes itself, outside the docs'
own pages: the labels lessons draw with lunar_edu.annotate, the alt text and
captions lessons give to ``show``, the catalogue's titles, captions and alt
text, and the credit line's fixed wording (lunar_edu.provenance).

Lessons build many of their texts at run time (``f"{width_m:.2f} m"``), so
they cannot be read from the source: every lesson in ``examples/`` is run
(in English, pictures captured, nothing saved or opened) while
:func:`lunar_edu.translations.recording` notes every text handed to the
translator. A text with numbers becomes a template (``"{0} m"``), the form
:func:`lunar_edu.translations.translate` looks up.

Usage (``make translations`` runs it after Sphinx's gettext)::

    python tools/extract_messages.py            # every lesson
    python tools/extract_messages.py --no-lessons   # catalogue and fixed messages only

Writes ``lunar_edu/locale/lunar_edu.pot`` and merges it into
``lunar_edu/locale/<lang>/LC_MESSAGES/lunar_edu.po`` (kept translations
stay; new messages come in untranslated; gone ones become obsolete).
Needs babel (the docs extra), which lunar_edu itself does not.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import re
import runpy
import sys
import tempfile
from collections import OrderedDict
from pathlib import Path
from types import ModuleType

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import lunar_edu
from lunar_edu import gallery, provenance, translations
from lunar_edu.catalog import catalog

_LETTER = re.compile(r"[^\W\d_]")
LOCALE_DIR = ROOT / "lunar_edu" / "locale"
POT_PATH = LOCALE_DIR / "lunar_edu.pot"


def _docs_extension(name: str) -> ModuleType:
    """Import one of the docs' extensions (docs/_ext/<name>.py) by its path."""
    spec = importlib.util.spec_from_file_location(
        name, ROOT / "docs" / "_ext" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _catalog_page_messages() -> tuple[str, ...]:
    """Return the fixed words of the site's catalogue cards (docs/_ext/catalog_page.py)."""
    return tuple(_docs_extension("catalog_page").MESSAGES)


# (message, where it is used) of the messages lunar_edu's code writes itself.
FIXED_MESSAGES = (
    *(
        (text, "lunar_edu/provenance.py")
        for text in (
            provenance.SIMULATED_NOTE,
            provenance.DIAGRAM_NOTE,
            provenance.CREDIT,
            provenance.LICENCE,
        )
    ),
    *((text, "docs/_ext/catalog_page.py") for text in _catalog_page_messages()),
    # The labelled line at the top of every worksheet (docs/_ext/worksheets.py).
    *(
        (text, "docs/_ext/worksheets_content.py")
        for text in ("Name:", "Class:", "Date:")
    ),
)


def _add(messages: OrderedDict, text: str, where: str, *, fixed: bool = False) -> None:
    """Add a text as its msgid: itself, or its template when it has numbers."""
    if not text or not text.strip():
        return
    if fixed:
        msgid, example = text, ""
    elif not _LETTER.search(text):
        return  # a tick label such as "0.5": nothing to translate
    else:
        msgid, numbers = translations.template_of(text)
        example = " ".join(text.split()) if numbers else ""
    places, _first_example = messages.setdefault(msgid, ([], example))
    if where not in places:
        places.append(where)


def catalogue_messages(messages: OrderedDict) -> None:
    """Add the fixed credit wording and the catalogue's texts."""
    for text, where in FIXED_MESSAGES:
        _add(messages, text, where, fixed=True)
    for entry in catalog():
        where = f"lunar_edu/catalog.toml:{entry.id}"
        for text in (entry.title, entry.caption, entry.alt, entry.simulated_alt or ""):
            _add(messages, text, where)


def story_chart_messages(messages: OrderedDict) -> None:
    """Add the words of the story's odometer chart (docs/_ext/story_charts.py)."""
    module = _docs_extension("story_charts")
    points = module.read_odometer(ROOT / "docs" / module.ODOMETER_CSV)
    with translations.recording() as texts:
        module.draw_odometer_chart(points)
    for text in texts:
        _add(messages, text, "docs/_ext/story_charts.py")


def lesson_messages(messages: OrderedDict, lessons: list[Path]) -> None:
    """Run each lesson in English and add every text it drew or showed."""
    os.environ.pop(translations.LANG_ENV, None)
    os.environ.setdefault("MPLBACKEND", "Agg")
    for lesson in lessons:
        where = lesson.relative_to(ROOT).as_posix()
        print(f"running {where}", file=sys.stderr)
        with tempfile.TemporaryDirectory() as work, contextlib.chdir(work):
            gallery.reset({}, None)  # capture pictures, as in a docs build
            output = io.StringIO()
            try:
                with (
                    translations.recording() as texts,
                    contextlib.redirect_stdout(output),
                ):
                    runpy.run_path(str(lesson), run_name="__main__")
            finally:
                gallery._stop_capturing()
        fixed = {text for text, _where in FIXED_MESSAGES}
        for text in texts:
            _add(messages, text, where, fixed=text in fixed)


def write_catalogues(messages: OrderedDict) -> list[Path]:
    """Write the .pot and merge it into every language's .po; return the files."""
    template = Catalog(
        project="lunar_edu",
        version=str(lunar_edu.__version__),
        copyright_holder="lunar_edu contributors",
        msgid_bugs_address="",
        charset="utf-8",
        fuzzy=False,
    )
    for msgid, (places, example) in messages.items():
        comments = []
        if example:
            comments.append(f"Numbers are {{0}}, {{1}}, ...; e.g. {example}")
        elif "{" in msgid:
            comments.append("Keep the {name} fields as they are.")
        template.add(
            msgid,
            # No line numbers: they would change with every edit.
            locations=[(place, 0) for place in places],
            auto_comments=comments,
        )
    LOCALE_DIR.mkdir(parents=True, exist_ok=True)
    with POT_PATH.open("wb") as stream:
        write_po(stream, template, width=88, omit_header=False, include_lineno=False)
    written = [POT_PATH]
    for lang in translations.SUPPORTED_LANGUAGES:
        path = translations.catalogue_path(lang)
        if path.is_file():
            with path.open("rb") as stream:
                catalogue = read_po(stream, locale=lang)
        else:
            catalogue = Catalog(locale=lang, project="lunar_edu", fuzzy=False)
        # No fuzzy matching: a guessed translation of a changed label would
        # be published as if it were checked.
        catalogue.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            write_po(stream, catalogue, width=88, include_lineno=False)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Run the extraction; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-lessons", action="store_true", help="skip running the lessons"
    )
    parser.add_argument("lessons", nargs="*", type=Path, help="lessons to run")
    args = parser.parse_args(argv)
    messages: OrderedDict = OrderedDict()
    catalogue_messages(messages)
    story_chart_messages(messages)
    if not args.no_lessons:
        lessons = [p.resolve() for p in args.lessons] or sorted(
            (ROOT / "examples").glob("*/plot_*.py")
        )
        lesson_messages(messages, lessons)
    for path in write_catalogues(messages):
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"{len(messages)} messages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
