"""Make MyST's throwaway documents cheap: the Chinese build is a third faster.

MyST-Parser 5 starts every parse with
``options.get("document", make_document())``: Python evaluates the default
even when a document is given, so each parse builds a fresh set of docutils
default settings (an ``optparse`` parser with about 80 options) and throws
it away. A page is parsed once, but a translated page parses every
translated message on its own (Sphinx's i18n transform): the Chinese edition
made 2,851 such documents, and their settings took 4.6 of the build's 38
profiled seconds (about 3 s of 22 s without the profiler).

This extension computes the default settings once per parser class and
hands each new document its own deep copy, so no document can change
another's. It changes only ``make_document`` in
``myst_parser.mdit_to_docutils.base`` and leaves MyST as it is when that
function is missing (a later MyST may not have it).

Each parse also builds a new Markdown parser (``create_md_parser``: the
markdown-it rules and plugins, and a renderer that lists its ~60 methods),
about 0.3 ms each, 0.8 s of the Chinese build. The parser and its renderer
keep nothing from one document to the next (the renderer's
``setup_render`` starts each document afresh), so a parse that is not
inside another one reuses the one made for the same configuration; a parse
inside a parse (a directive parsing Markdown of its own) gets a new one, as
before.
"""

from __future__ import annotations

import copy
import functools
import threading
from typing import Any

from docutils import frontend
from docutils.utils import new_document


@functools.cache
def _default_settings(parser_cls: type) -> Any:
    return frontend.get_default_settings(parser_cls)


def make_document(source_path: str = "notset", parser_cls: Any = None) -> Any:
    """Return a new docutils document with the parser's default settings.

    Parameters
    ----------
    source_path : str, optional
        The document's source path.
    parser_cls : type, optional
        The parser whose settings the document gets; MyST's default, the
        reStructuredText parser, when not given.

    Returns
    -------
    docutils.nodes.document
        A new document with its own copy of the default settings.
    """
    if parser_cls is None:
        from docutils.parsers.rst import Parser as RSTParser

        parser_cls = RSTParser
    settings = copy.deepcopy(_default_settings(parser_cls))
    return new_document(source_path, settings=settings)


class _ParserReuse(threading.local):
    """Per thread: how deep parses are nested, and the last parser made."""

    depth = 0
    config: Any = None
    renderer: Any = None
    parser: Any = None


def _reusing(create_md_parser: Any, parse: Any) -> tuple[Any, Any]:
    """Wrap MyST's ``create_md_parser`` and ``MystParser.parse`` to reuse parsers."""
    reuse = _ParserReuse()

    @functools.wraps(create_md_parser)
    def create(config: Any, renderer: Any) -> Any:
        if reuse.depth != 1:  # a parse inside a parse: its own parser
            return create_md_parser(config, renderer)
        if not (reuse.config is config and reuse.renderer is renderer):
            reuse.parser = create_md_parser(config, renderer)
            reuse.config, reuse.renderer = config, renderer
        return reuse.parser

    @functools.wraps(parse)
    def counted_parse(self: Any, inputstring: str, document: Any) -> None:
        reuse.depth += 1
        try:
            parse(self, inputstring, document)
        finally:
            reuse.depth -= 1

    return create, counted_parse


def setup(app: Any) -> dict[str, Any]:
    """Put the cheaper ``make_document`` and parser reuse in MyST's modules."""
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import sphinx_

    if callable(getattr(base, "make_document", None)):
        base.make_document = make_document
    create = getattr(sphinx_, "create_md_parser", None)
    parse = getattr(sphinx_.MystParser, "parse", None)
    # Once per process, though Sphinx may set the extension up more than once.
    if callable(create) and callable(parse) and not hasattr(parse, "__wrapped__"):
        sphinx_.create_md_parser, sphinx_.MystParser.parse = _reusing(create, parse)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
