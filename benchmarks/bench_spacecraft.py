"""Benchmark of issue 14: what the rover and lander models cost a render.

Budgets: a full frame of a recipe showing a spacecraft in at most 3 s (as
for every PCAM frame, ``bench_synth.py``), peak memory at most 1.5 GB. The
cost of the spacecraft themselves is shown apart: the same scene is rendered
again without the rover and lander, and the difference is theirs (tracing
their few hundred shapes, their shadows and their materials).

Each timing is the best of a few runs in a fresh process; wall time and CPU
time (all threads) are printed. On a shared machine wall times are inflated,
CPU times much less.
"""

from __future__ import annotations

import json
import subprocess
import sys

FULL_BUDGET_S = 3.0
MEMORY_BUDGET_MB = 1500.0
REPEATS = 3
RECIPES = ("rover-driving-away", "lander-from-rover", "rover-tracks")

_CHILD = """
import json, resource, sys, time
from lunar_edu.synth import pipeline
from lunar_edu.synth.render import shade, trace
recipe, repeats = sys.argv[1], int(sys.argv[2])
without_craft = sys.argv[3] == "1"
original = pipeline._plan

def plan(*args, **kwargs):
    made = original(*args, **kwargs)
    if without_craft:
        made.scene.objects = [
            o for o in made.scene.objects if o.kind not in ("rover", "lander")
        ]
    return made

pipeline._plan = plan
pipeline.render_scene(recipe, size="quarter")  # warm up imports and caches
best, best_cpu = float("inf"), float("inf")
for _ in range(repeats):
    start, start_cpu = time.perf_counter(), time.process_time()
    pipeline.render_scene(recipe, size="full")
    best = min(best, time.perf_counter() - start)
    best_cpu = min(best_cpu, time.process_time() - start_cpu)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": best, "cpu_seconds": best_cpu, "peak_mb": peak_mb}))
"""


def measure(recipe: str, *, without_craft: bool = False) -> dict:
    """Return the best full-frame time, CPU time and peak memory of a recipe."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, recipe, str(REPEATS), str(int(without_craft))],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> int:
    """Print render times with and without the spacecraft; return budgets missed."""
    over = 0
    print(
        f"{'recipe':<20} {'wall':>8} {'cpu':>8} {'no craft':>9} {'craft cpu':>10} "
        f"{'peak MB':>8}"
    )
    for recipe in RECIPES:
        whole = measure(recipe)
        bare = measure(recipe, without_craft=True)
        missed = whole["seconds"] > FULL_BUDGET_S or whole["peak_mb"] > MEMORY_BUDGET_MB
        over += missed
        print(
            f"{recipe:<20} {whole['seconds']:>6.2f} s {whole['cpu_seconds']:>6.2f} s "
            f"{bare['cpu_seconds']:>7.2f} s "
            f"{whole['cpu_seconds'] - bare['cpu_seconds']:>8.2f} s "
            f"{whole['peak_mb']:>8.0f}{'  OVER' if missed else ''}"
        )
    return over


if __name__ == "__main__":
    sys.exit(1 if run() else 0)
