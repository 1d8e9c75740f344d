"""Benchmarks of issues 7 and 15: the docs build, clean and unchanged.

Budgets:

- the whole gallery in at most 60 s of the docs build on this 2-core machine
  (sphinx-gallery's junit file records how long each lesson ran inside the
  build, which is what is summed here);
- a clean build (``make html`` on a fresh clone: every lesson executed, in two
  worker processes) in at most 35 s of wall time;
- a rebuild with nothing changed in at most 2 s.

The site is built from a clean copy (no cached gallery outputs) with the
strict options of ``make html``, then built again unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GALLERY_BUDGET_S = 60.0
CLEAN_BUILD_BUDGET_S = 35.0
REBUILD_BUDGET_S = 2.0
_GENERATED = shutil.ignore_patterns(
    "_build", "_generated", "auto_examples", "sphinx-gallery-junit.xml", "*.md5"
)


def build(work: Path) -> float:
    """Build the site in ``work`` as ``make html`` does; return the wall time in s."""
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    env.pop("LUNAR_EDU_DOCS_ONLINE", None)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(work / "docs"), str(work / "html")],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def build_site(work: Path) -> float:
    """Copy the sources into ``work``, build them; return the wall time in s."""
    shutil.copytree(ROOT / "docs", work / "docs", ignore=_GENERATED)
    shutil.copytree(ROOT / "examples", work / "examples", ignore=_GENERATED)
    return build(work)


def run() -> int:
    """Print per-lesson build times and the build times; return budgets missed."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wall_s = build_site(work)
        suite = ET.parse(work / "sphinx-gallery-junit.xml").getroot()
        rebuild_s = min(build(work) for _ in range(3))
    cases = [
        (case.get("classname"), float(case.get("time")))
        for case in suite.iter("testcase")
    ]
    print(f"{'lesson (inside the docs build)':<45} {'seconds':>8}")
    for name, seconds in sorted(cases):
        print(f"{name:<45} {seconds:>8.2f}")
    total = sum(seconds for _, seconds in cases)
    missed = 0
    for what, seconds, budget in (
        (f"gallery: {len(cases)} lessons, summed", total, GALLERY_BUDGET_S),
        ("clean build (make html), wall", wall_s, CLEAN_BUILD_BUDGET_S),
        ("rebuild with nothing changed, best of 3", rebuild_s, REBUILD_BUDGET_S),
    ):
        over = seconds > budget
        missed += over
        print(
            f"{what:<45} {seconds:>6.1f} s (budget {budget:.0f} s, ratio "
            f"{seconds / budget:.2f}){'  OVER' if over else ''}"
        )
    return missed


if __name__ == "__main__":
    sys.exit(1 if run() else 0)
