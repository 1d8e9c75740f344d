"""Benchmarks of issue 4: how fast the virtual Chang'e 4 renders a PCAM frame.

Budgets (from the issue), for a PCAM recipe:
- half size (1176 x 864) in at most 1 s;
- full size (2352 x 1728) in at most 3 s, with a peak memory of at most 1.5 GB
  (child process ``ru_maxrss``, which includes the interpreter and numpy).

Each timing is the best of a few runs in a fresh process, so one-off imports
are not counted; on a shared machine the numbers are inflated.
"""

from __future__ import annotations

import json
import subprocess
import sys

HALF_BUDGET_S = 1.0
FULL_BUDGET_S = 3.0
MEMORY_BUDGET_MB = 1500.0
REPEATS = 3
RECIPES = ("long-shadows-low-sun", "rover-tracks")

_CHILD = """
import json, resource, sys, time
from lunar_edu.synth import render_scene
recipe, size, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
render_scene(recipe, size="quarter")  # warm up imports and caches
best = float("inf")
for seed in range(repeats):
    start = time.perf_counter()
    render_scene(recipe, size=size, seed=seed)
    best = min(best, time.perf_counter() - start)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": best, "peak_mb": peak_mb}))
"""


def measure(recipe: str, size: str) -> dict:
    """Return the best render time and peak memory of a recipe at a size."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, recipe, size, str(REPEATS)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> int:
    """Print a table of render times against the budgets; return budgets missed."""
    over = 0
    print(f"{'recipe':<24} {'size':<6} {'best':>8} {'budget':>8} {'peak MB':>9}")
    for recipe in RECIPES:
        for size, budget in (("half", HALF_BUDGET_S), ("full", FULL_BUDGET_S)):
            result = measure(recipe, size)
            seconds, peak = result["seconds"], result["peak_mb"]
            missed = seconds > budget or (size == "full" and peak > MEMORY_BUDGET_MB)
            over += missed
            print(
                f"{recipe:<24} {size:<6} {seconds:>6.2f} s {budget:>6.1f} s "
                f"{peak:>9.0f}{'  OVER' if missed else ''}"
            )
    return over


if __name__ == "__main__":
    sys.exit(1 if run() else 0)
