"""The classroom kit from a USB stick: unzipped, opened from ``file://``.

The kit is made by ``tools/make_bundle.py`` from the site ``make html``
built (the one the other browser tests read), and read in the run's one
headless Chromium, as a teacher would open it: no server, and no request may
leave the machine.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

# tests/test_bundle.py loads tools/make_bundle.py (not a package) once.
from test_bundle import make_bundle

from .browser_site import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kit(site, tmp_path_factory) -> Path:
    """The kit of the built site, unzipped; returns its top folder."""
    sources = make_bundle.Sources(
        site=site,
        gallery=ROOT / "docs" / "auto_examples",
        examples=ROOT / "examples",
        project=ROOT,
    )
    work = tmp_path_factory.mktemp("kit")
    target = make_bundle.write_bundle(sources, work / "dist")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / target.stem


@pytest.fixture
def kit_page(browser):
    """A page that records every request it makes and every script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    yield page, requests, errors
    context.close()


def _assert_stays_on_this_machine(requests: list[str]) -> None:
    # data: URLs are pictures inlined in CSS, not requests to anywhere.
    outside = [url for url in requests if not url.startswith(("file:", "data:"))]
    assert requests, "the page made no request at all"
    assert not outside, f"requests left the machine: {outside[:5]}"


def test_kit_opens_from_file_and_shows_its_pictures(kit, kit_page):
    page, requests, errors = kit_page
    page.goto((kit / "open-the-site.html").as_uri())
    page.wait_for_url("**/site/index.html")
    assert "Chang" in page.title()

    lesson = next((kit / "site" / "auto_examples").glob("01_*/plot_01_*.html"))
    page.goto(lesson.as_uri())
    assert page.locator("h1").first.inner_text().strip()
    # Lazy pictures load only near the viewport: load them all, then check
    # that each one decoded (a missing file rejects decode()).
    widths = page.evaluate(
        """Promise.all([...document.images].map(img => {
            img.loading = 'eager';
            return img.decode().then(() => img.naturalWidth, () => 0);
        }))"""
    )
    assert widths, "the lesson page has pictures"
    assert min(widths) > 0, f"pictures that did not load: {widths}"
    assert not errors, errors
    _assert_stays_on_this_machine(requests)


def test_kit_search_works_from_file(kit, kit_page):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page, requests, errors = kit_page
    page.goto((kit / "site" / "search.html").as_uri() + "?q=Yutu")
    hits = page.locator("#search-results ul.search li")
    try:
        hits.first.wait_for(timeout=15_000)
    except PlaywrightTimeout as error:
        message = f"the search page found nothing for Yutu; script errors: {errors}"
        raise AssertionError(message) from error
    # The hits appear one by one; the status line says when all are shown.
    page.wait_for_function(
        "document.querySelector('#search-results').innerText.includes('found')"
    )
    assert hits.count() >= 3
    assert not errors, errors
    _assert_stays_on_this_machine(requests)
