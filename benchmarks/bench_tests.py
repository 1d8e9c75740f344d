"""Benchmark of issue 15: how long the two test targets take.

Budgets, on the 2-core CI machine with the venv ready:

- ``make test`` (ruff, then every test on both cores, one real docs build,
  every lesson) in at most 90 s;
- ``make test-quick`` (no docs build, no lessons; the edit loop) in at most
  20 s.

Each target runs once, as a developer runs it; the tests themselves never
time anything.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGETS_S = {"test-quick": 20.0, "test": 90.0}


def run() -> int:
    """Time each make target; print a table; return the budgets missed."""
    missed = 0
    for target, budget in BUDGETS_S.items():
        start = time.perf_counter()
        result = subprocess.run(
            ["make", "-C", str(ROOT), target],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
        over = seconds > budget or result.returncode != 0
        missed += over
        print(
            f"make {target:<11} {seconds:6.1f} s (budget {budget:.0f} s, ratio "
            f"{seconds / budget:.2f}){'  OVER' if seconds > budget else ''}"
            f"{'' if result.returncode == 0 else '  FAILED'}: {summary}"
        )
    return missed


if __name__ == "__main__":
    sys.exit(1 if run() else 0)
