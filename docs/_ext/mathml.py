"""Formulas as MathML, written into the page: no script, no download.

The docstrings of ``lunar_edu.contrast`` and ``lunar_edu.bayer`` give their
formulas with ``.. math::``. Sphinx's default renderer, MathJax, loads a
script from a CDN on every page with a formula, which breaks the site's
offline promise (classroom, USB stick) and costs a request. Docutils already
converts LaTeX to MathML, which every current browser draws natively and
screen readers read, so this extension registers that conversion as Sphinx's
HTML math renderer (``html_math_renderer = "mathml"`` in ``conf.py``).
"""

from __future__ import annotations

from docutils import nodes
from docutils.utils.math import latex2mathml
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _mathml(self, latex: str, *, block: bool, node: nodes.Node) -> str:
    """Return the MathML of a LaTeX formula, or the LaTeX itself with a warning."""
    try:
        return latex2mathml.tex2mathml(latex, as_block=block)
    except SyntaxError as error:
        logger.warning(
            "cannot convert the formula %r to MathML: %s", latex, error, location=node
        )
        return self.encode(latex)


def visit_math(self, node: nodes.math) -> None:
    """Write an inline formula as ``<math>`` inside a span."""
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_mathml(self, node.astext(), block=False, node=node))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    """Write a displayed formula as ``<math display="block">`` inside a div."""
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    for part in (p for p in node.astext().split("\n\n") if p.strip()):
        self.body.append(_mathml(self, part, block=True, node=node))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app):
    """Register the MathML renderer.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
