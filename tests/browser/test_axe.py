"""axe-core on every page, in light and dark mode: no serious or critical violation."""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = pytest.mark.browser

# axe's impact levels; "moderate" and "minor" are reported by axe but are not
# part of the site's promise (issue 16).
BLOCKING = {"serious", "critical"}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(reader, site_pages, axe_script, mode):
    screen = reader(dark=mode == "dark")
    by_rule: Counter[str] = Counter()
    pages_by_rule: dict[str, list[str]] = {}
    for page_path in site_pages:
        page = screen.read(page_path)
        theme = page.evaluate("document.documentElement.dataset.theme")
        assert theme == mode, f"{page_path} shows the {theme!r} theme, not {mode!r}"
        page.add_script_tag(path=str(axe_script))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']}))"
            ".violations.map(v => ({id: v.id, impact: v.impact,"
            " nodes: v.nodes.length}))"
        )
        for violation in violations:
            if violation["impact"] in BLOCKING:
                rule = f"{violation['id']} ({violation['impact']})"
                by_rule[rule] += violation["nodes"]
                pages_by_rule.setdefault(rule, []).append(page_path)
    report = [
        f"{rule}: {count} elements on {len(pages_by_rule[rule])} pages, "
        f"e.g. {', '.join(pages_by_rule[rule][:3])}"
        for rule, count in by_rule.most_common()
    ]
    assert not by_rule, (
        f"{sum(by_rule.values())} serious or critical axe violations in {mode} "
        "mode:\n" + "\n".join(report)
    )
