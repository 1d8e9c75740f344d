"""Benchmark of issue 7: how much of the docs build the gallery takes.

Budget: the whole gallery in at most 60 s of the docs build on this 2-core
machine. The site is built from a clean copy (no cached gallery outputs) with
the strict options of ``make html``; sphinx-gallery's junit file records how
long each lesson ran inside the build, which is what is summed here. The wall
time of the whole build is reported beside it.
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
_GENERATED = shutil.ignore_patterns(
    "_build", "_generated", "auto_examples", "sphinx-gallery-junit.xml", "*.md5"
)


def build_site(work: Path) -> float:
    """Build the site into ``work`` and return the wall time in seconds."""
    shutil.copytree(ROOT / "docs", work / "docs", ignore=_GENERATED)
    shutil.copytree(ROOT / "examples", work / "examples", ignore=_GENERATED)
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    env.pop("LUNAR_EDU_DOCS_ONLINE", None)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(work / "docs"), str(work / "html")],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def run() -> int:
    """Print per-lesson build times and the gallery total; return budgets missed."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wall_s = build_site(work)
        suite = ET.parse(work / "sphinx-gallery-junit.xml").getroot()
    cases = [
        (case.get("classname"), float(case.get("time")))
        for case in suite.iter("testcase")
    ]
    print(f"{'lesson (inside the docs build)':<45} {'seconds':>8}")
    for name, seconds in sorted(cases):
        print(f"{name:<45} {seconds:>8.2f}")
    total = sum(seconds for _, seconds in cases)
    missed = total > GALLERY_BUDGET_S
    print(
        f"gallery: {len(cases)} lessons, {total:.1f} s of the build "
        f"(budget {GALLERY_BUDGET_S:.0f} s, ratio {total / GALLERY_BUDGET_S:.2f})"
        f"{'  OVER' if missed else ''}; whole clean build {wall_s:.1f} s"
    )
    return int(missed)


if __name__ == "__main__":
    sys.exit(1 if run() else 0)
