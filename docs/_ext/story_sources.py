"""A ``{src}`` role that cites the mission fact sheet's sources on story pages.

Every number on a story page carries a source tag such as ``[S19]``, the tags
of the project's fact sheet. Write ``{src}`S19``` or ``{src}`S1, S7``` in
MyST; the role renders ``[S1, S7]`` with each tag linked to its entry on the
sources page (``docs/story/sources.md``, targets ``source-s1`` ...). An
unknown tag is a broken reference, which the strict build (``-W``) rejects.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

_TAG = re.compile(r"^S[1-9][0-9]*$")


def source_label(tag: str) -> str:
    """Return the reference target of a source tag on the sources page.

    Parameters
    ----------
    tag : str
        A fact-sheet source tag such as ``"S19"``.

    Returns
    -------
    str
        The label, for example ``"source-s19"``.

    Examples
    --------
    >>> source_label("S19")
    'source-s19'
    """
    return f"source-{tag.lower()}"


def source_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Render ``S1, S7`` as ``[S1, S7]``, each tag linked to its source entry.

    Parameters
    ----------
    name, rawtext, text, lineno, inliner, options, content
        The docutils role interface; ``text`` holds comma-separated tags.

    Returns
    -------
    tuple of (list of docutils.nodes.Node, list of docutils.nodes.system_message)
        The rendered citation, and error messages for malformed tags.
    """
    tags = [tag.strip() for tag in text.split(",") if tag.strip()]
    bad = [tag for tag in tags if not _TAG.match(tag)]
    if not tags or bad:
        msg = (
            f"{{src}} expects fact-sheet source tags such as 'S19' or 'S1, S7', "
            f"got {text!r}."
        )
        error = inliner.reporter.error(msg, line=lineno)
        problem = inliner.problematic(rawtext, rawtext, error)
        return [problem], [error]
    docname = inliner.document.settings.env.docname
    cite = nodes.inline(classes=["story-source"])
    cite += nodes.Text("[")
    for index, tag in enumerate(tags):
        if index:
            cite += nodes.Text(", ")
        xref = addnodes.pending_xref(
            "",
            nodes.inline(tag, tag),
            refdomain="std",
            reftype="ref",
            reftarget=source_label(tag),
            refexplicit=True,
            refwarn=True,
            refdoc=docname,
        )
        cite += xref
    cite += nodes.Text("]")
    return [cite], []


def setup(app):
    """Register the ``src`` role.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    app.add_role("src", source_role)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
