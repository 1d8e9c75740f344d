"""Benchmarks of issues 4 and 14: how fast the virtual Chang'e 4 renders PCAM.

Budgets, for a PCAM recipe:
- a full ``-C`` colour frame (2352 x 1728 Bayer) in at most 3 s, with a peak
  memory of at most 1.5 GB (child process ``ru_maxrss``, which includes the
  interpreter and numpy);
- a ``-Q`` panchromatic frame (1176 x 864, the same scene 2 x 2 binned) and a
  ``size="preview"`` colour picture (1176 x 864 Bayer, for lessons) in at most
  1 s each.

Each timing is the best of a few runs in a fresh process, so one-off imports
are not counted; wall time and CPU time (all threads) are both printed. On a
shared machine the wall times are inflated and the CPU times much less so:
with two cores, a render that keeps both busy has a wall time of about half
its CPU time when the machine is otherwise idle.
"""

from __future__ import annotations

import json
import subprocess
import sys

FULL_BUDGET_S = 3.0
SMALL_BUDGET_S = 1.0
MEMORY_BUDGET_MB = 1500.0
REPEATS = 3
RECIPES = ("long-shadows-low-sun", "rover-tracks")
#: (label, render_scene keywords, budget in seconds)
CASES = (
    ("-C full", {"size": "full", "mode": "C"}, FULL_BUDGET_S),
    ("-Q", {"size": "full", "mode": "Q"}, SMALL_BUDGET_S),
    ("preview", {"size": "preview"}, SMALL_BUDGET_S),
)

_CHILD = """
import json, resource, sys, time
from lunar_edu.synth import render_scene
recipe, options, repeats = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
render_scene(recipe, size="quarter")  # warm up imports and caches
best, best_cpu = float("inf"), float("inf")
for seed in range(repeats):
    start, start_cpu = time.perf_counter(), time.process_time()
    render_scene(recipe, seed=seed, **options)
    best = min(best, time.perf_counter() - start)
    best_cpu = min(best_cpu, time.process_time() - start_cpu)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": best, "cpu_seconds": best_cpu, "peak_mb": peak_mb}))
"""


def measure(recipe: str, options: dict) -> dict:
    """Return the best render time, CPU time and peak memory of a recipe."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, recipe, json.dumps(options), str(REPEATS)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> int:
    """Print a table of render times against the budgets; return budgets missed."""
    over = 0
    print(
        f"{'recipe':<24} {'case':<8} {'wall':>8} {'cpu':>8} {'budget':>8} "
        f"{'wall/budget':>11} {'peak MB':>8}"
    )
    for recipe in RECIPES:
        for label, options, budget in CASES:
            result = measure(recipe, options)
            seconds, peak = result["seconds"], result["peak_mb"]
            missed = seconds > budget or peak > MEMORY_BUDGET_MB
            over += missed
            print(
                f"{recipe:<24} {label:<8} {seconds:>6.2f} s {result['cpu_seconds']:>6.2f} s "
                f"{budget:>6.1f} s {seconds / budget:>11.2f} {peak:>8.0f}"
                f"{'  OVER' if missed else ''}"
            )
    return over


if __name__ == "__main__":
    sys.exit(1 if run() else 0)
