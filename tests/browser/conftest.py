"""The browser tests: the built site in headless Chromium, as readers meet it.

Run them with ``make test-browser``: it builds the site (``make html``),
installs axe-core (``npm ci`` here) and runs ``pytest -m browser``. They are
not part of ``make test`` (every test here is marked ``browser``, and a run
whose ``-m`` does not ask for ``browser`` leaves them out), so the everyday
suite keeps its time budget.

Needs Debian's Chromium (``/usr/bin/chromium``; ``CHROMIUM`` overrides),
``pdftotext`` (poppler-utils), Node's axe-core and the ``browser`` extra
(Python Playwright, which drives that Chromium: no ``playwright install``).
Without one of them the tests that need it report a skip naming it.

One browser serves the whole run, each page check reuses one browser context,
and the site is served from a thread on 127.0.0.1; every request to another
host is blocked and reported.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browser_site import (
    AXE_SCRIPT,
    INSTALL_HINT,
    chromium_path,
    pages,
    serve,
    site_root,
)


def pytest_collection_modifyitems(config, items):
    # Leave the browser tests out of any run that does not ask for them
    # (make test, make test-quick): deselected, not skipped, so nothing
    # reports a pass it did not earn. (The doctests of browser_site.py need
    # no browser and stay in every run.)
    if "browser" in (config.getoption("markexpr") or ""):
        return
    ours = [item for item in items if item.get_closest_marker("browser")]
    if ours:
        config.hook.pytest_deselected(items=ours)
        items[:] = [item for item in items if item not in ours]


@pytest.fixture(scope="session")
def site() -> Path:
    """Return the built site's folder (``make html`` makes it)."""
    root = site_root()
    if not (root / "index.html").is_file():
        pytest.fail(
            f"No built site in {root}: run `make html` first "
            "(or set LUNAR_EDU_BROWSER_SITE to a built site)."
        )
    return root


@pytest.fixture(scope="session")
def site_pages(site) -> list[str]:
    """Return every page of the built site, relative to its root."""
    return pages(site)


@pytest.fixture(scope="session")
def served(site):
    """Serve the built site on 127.0.0.1 for the whole run."""
    with serve(site) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Start one headless Chromium for the whole run."""
    executable = chromium_path()
    if executable is None:
        pytest.skip(f"Chromium is not installed ({INSTALL_HINT}).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Python Playwright is not installed (pip install -e '.[browser]').")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """Return axe-core's script, installed by ``npm ci`` in this folder."""
    if not AXE_SCRIPT.is_file():
        hint = "run `make test-browser`, which runs `npm ci` in tests/browser"
        if shutil.which("npm") is None:
            hint = f"Node.js and npm are not installed ({INSTALL_HINT})"
        pytest.skip(f"axe-core is not installed: {hint}.")
    return AXE_SCRIPT


@pytest.fixture(scope="session")
def pdftotext() -> str:
    """Return the ``pdftotext`` program, which reads the printed pages."""
    found = shutil.which("pdftotext")
    if found is None:
        pytest.skip(f"pdftotext is not installed ({INSTALL_HINT}).")
    return found


class Reader:
    """One browser context (a screen size, a colour mode) that reads pages.

    It blocks and notes every request to a host other than 127.0.0.1, and
    notes console errors, uncaught script errors and failed responses, each
    with the page being read.
    """

    def __init__(
        self,
        browser,
        base_url: str,
        *,
        dark: bool = False,
        first_visit: bool = False,
        **options,
    ):
        self.base_url = base_url
        self.context = browser.new_context(
            color_scheme="dark" if dark else "light", **options
        )
        if dark:
            # The theme reads the reader's choice from localStorage before
            # the page is drawn; "dark" is what its switch button stores.
            self.context.add_init_script(
                "try { localStorage.setItem('mode', 'dark');"
                " localStorage.setItem('theme', 'dark'); } catch (error) {}"
            )
        if first_visit:
            # Every page read as by a reader who has never been to the site
            # (nothing stored), as the theme's start-up errors show then.
            # (about:blank, the first page of a context, has no storage.)
            self.context.add_init_script(
                "try { localStorage.clear(); } catch (error) {}"
            )
        self.current = ""
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self._route)
        self.context.on("console", self._console)
        self.context.on("weberror", self._web_error)
        self.context.on("response", self._response)
        self.page = self.context.new_page()

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(f"{self.current}: {route.request.url}")
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"{self.current}: {message.text}")

    def _web_error(self, error):
        self.errors.append(f"{self.current}: {error.error}")

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{self.current}: {response.status} {response.url}")

    def read(self, page_path: str):
        """Open a page of the site and wait until it has loaded."""
        self.current = page_path
        response = self.page.goto(self.base_url + page_path, wait_until="load")
        assert response is not None
        return self.page

    def close(self) -> None:
        """Close the context and its page."""
        self.context.close()


@pytest.fixture
def reader(browser, served):
    """Make readers (browser contexts) that share the run's browser and server."""
    made = []

    def make(**options) -> Reader:
        made.append(Reader(browser, served.url, **options))
        return made[-1]

    yield make
    for one in made:
        one.close()
