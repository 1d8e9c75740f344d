"""Printed pages are complete: each PDF ends with the page's last exercise.

Chromium prints (A4, the site's print.css) every lesson, every worksheet
and every teacher page; pdftotext reads the PDF back. A page is complete when
the text of its last exercise (the last list item under "Your turn" or
"Questions") and of its last paragraph are in the PDF: the theme's scrolling
article box used to cut most pages after their first printed page.
"""

from __future__ import annotations

import pytest

from .browser_site import (
    LAST_TEXTS_JS,
    lesson_pages,
    pdf_text,
    squash,
    teacher_pages,
    worksheet_pages,
)

pytestmark = pytest.mark.browser

# A worksheet is handed out on paper: at most two A4 sheets (issue 16).
WORKSHEET_MOST_PAGES = 2


def test_every_lesson_worksheet_and_teacher_page_prints_complete(
    reader, site_pages, pdftotext, tmp_path
):
    lessons = lesson_pages(site_pages)
    worksheets = worksheet_pages(site_pages)
    printed = lessons + worksheets + teacher_pages(site_pages)
    assert len(lessons) >= 17, f"expected every lesson, found {len(lessons)}"
    paper = reader()
    problems = []
    for page_path in printed:
        page = paper.read(page_path)
        wanted = page.evaluate(LAST_TEXTS_JS)
        text, page_count = pdf_text(page.pdf(format="A4"), tmp_path)
        found = squash(text)
        if page_path in lessons + worksheets and not wanted["exercise"]:
            problems.append(f"{page_path}: no exercise found on the page")
        for what in ("exercise", "last"):
            if wanted[what] and squash(wanted[what]) not in found:
                problems.append(
                    f"{page_path}: the printed {page_count} pages lack the {what} "
                    f"text {wanted[what][:70]!r}"
                )
        if page_path in worksheets and page_count > WORKSHEET_MOST_PAGES:
            problems.append(f"{page_path}: prints on {page_count} A4 pages")
    assert not problems, "\n".join(problems)


def test_print_check_notices_a_cut_page(reader, site_pages, pdftotext, tmp_path):
    # The check above must be able to fail: printed as the theme prints
    # without print.css (its scrolling article box), a lesson loses its end.
    lesson = lesson_pages(site_pages)[0]
    page = reader().read(lesson)
    page.evaluate(
        "document.querySelectorAll('link[media=print]').forEach(l => l.remove())"
    )
    wanted = page.evaluate(LAST_TEXTS_JS)
    text, _ = pdf_text(page.pdf(format="A4"), tmp_path)
    assert squash(wanted["exercise"]) not in squash(text)
