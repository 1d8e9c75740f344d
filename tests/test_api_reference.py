"""The API reference: every public name documented, lessons linked to it."""

from __future__ import annotations

import html
import re

import lunar_edu


def test_every_public_name_has_a_page_with_its_docstring(built_site):
    api = built_site / "html" / "_generated" / "api"
    for name in sorted(set(lunar_edu.__all__) - {"__version__"}):
        page = api / f"lunar_edu.{name}.html"
        assert page.is_file(), f"no API page for lunar_edu.{name}"
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        first_line = (getattr(lunar_edu, name).__doc__ or "").strip().splitlines()[0]
        # The summary line, as the page shows it (quotes and code marks aside).
        quotes = "[`'\"\u2018\u2019\u201c\u201d]"
        words = re.sub(quotes, "", first_line).split()[:4]
        assert " ".join(words) in " ".join(re.sub(quotes, "", text).split()), name


def test_the_reference_is_in_the_navigation(built_site):
    contribute = (built_site / "html" / "contribute" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="api.html"' in contribute


def test_a_lessons_function_reference_links_to_the_reference(built_site):
    lesson = built_site / "html" / "auto_examples" / "02_tracks"
    page = (lesson / "plot_01_track_width.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*_generated/api/lunar_edu\.load\.html[^"]*)"', page)
    assert links, "the lesson's :func:`lunar_edu.load` is not a link"


def test_formulas_are_mathml_in_the_page_not_a_script(built_site):
    page = built_site / "html" / "_generated" / "api" / "lunar_edu.contrast.html"
    text = page.read_text(encoding="utf-8")
    # The stretch formula, drawn by the browser: a fraction with subscripts.
    assert re.search(
        r'<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">', text
    )
    assert "<mfrac>" in text
    assert "mathjax" not in text.lower()
