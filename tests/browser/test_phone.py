"""On a phone (390 x 844) the page never scrolls sideways; only code blocks do.

Lesson output and tables wrap or scroll inside their own box, and every
picture shown smaller than its file is a link that opens it full size (the
lesson charts' labels are small at 390 px).
"""

from __future__ import annotations

import pytest

from .browser_site import OVERFLOW_JS

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
# Pictures whose file is this much wider than they are shown need a link to
# the full-size file.
ZOOM_NEEDED = 1.5

PICTURES_JS = """
() => [...document.querySelectorAll("article img")]
  .filter((img) => img.naturalWidth > 0 && !img.closest(".sphx-glr-thumbcontainer"))
  .map((img) => ({
    src: img.getAttribute("src"),
    zoom: img.naturalWidth / Math.max(1, img.getBoundingClientRect().width),
    link: img.closest("a") ? img.closest("a").getAttribute("href") : null,
  }))
"""


def test_no_page_scrolls_sideways_on_a_phone(reader, site_pages):
    phone = reader(**PHONE)
    problems = []
    for page_path in site_pages:
        page = phone.read(page_path)
        measured = page.evaluate(OVERFLOW_JS)
        if measured["scrollWidth"] > measured["width"]:
            problems.append(
                f"{page_path}: the page is {measured['scrollWidth']} px wide; "
                f"sticking out: {', '.join(measured['offenders'][:5])}"
            )
        for box in measured["scrollers"]:
            table = "table" in box["what"]
            if not box["code"] and not table:
                problems.append(
                    f"{page_path}: {box['what']} scrolls sideways "
                    f"({box['hidden']} px hidden)"
                )
    assert not problems, "\n".join(problems)


def test_pictures_shown_small_on_a_phone_open_full_size(reader, site_pages):
    phone = reader(**PHONE)
    problems = []
    for page_path in site_pages:
        page = phone.read(page_path)
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]')"
            ".forEach((img) => { img.loading = 'eager'; })"
        )
        page.wait_for_load_state("load")
        page.wait_for_function(
            "[...document.images].every((img) => img.complete)", timeout=10_000
        )
        for picture in page.evaluate(PICTURES_JS):
            if picture["zoom"] >= ZOOM_NEEDED and not picture["link"]:
                problems.append(f"{page_path}: {picture['src']} has no full-size link")
    assert not problems, "\n".join(problems)
