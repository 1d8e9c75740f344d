"""Every page loads cleanly: nothing from another host, no error, nothing missing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_every_page_loads_without_outside_requests_errors_or_404(
    reader, site_pages, served
):
    light = reader(first_visit=True)
    misses_before = len(served.misses)
    icons: dict[str, str] = {}
    for page_path in site_pages:
        page = light.read(page_path)
        # The icon a browser shows in the tab: Playwright's request routing
        # leaves the browser's own request for it out, so ask for it here.
        icons.setdefault(
            page.evaluate(
                "document.querySelector('link[rel~=icon]')?.href"
                " || new URL('/favicon.ico', location).href"
            ),
            page_path,
        )
    missing_icons = [
        f"{url} (for {page_path} and others)"
        for url, page_path in icons.items()
        if light.context.request.get(url).status != 200
    ]
    problems = (
        [f"request to another host: {line}" for line in light.outside]
        + [f"console error: {line}" for line in light.errors]
        + [f"failed response: {line}" for line in light.failed]
        + [f"404: {line}" for line in served.misses[misses_before:]]
        + [f"no icon: {line}" for line in missing_icons]
    )
    assert len(site_pages) > 40, "the site should have all its pages"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
