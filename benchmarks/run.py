"""Time every lesson as a plain script (the way a teacher runs it) and report budgets.

Each lesson runs in a fresh interpreter, pictures saved to a temporary folder;
the best of a few runs is reported against the 3 s budget per lesson. Then every
``benchmarks/bench_*.py`` module runs: each has ``run() -> int``, which prints
its own table and returns how many of its budgets were exceeded.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_PER_LESSON_S = 3.0
REPEATS = 3


def time_script(script: Path, workdir: Path) -> float:
    env = {
        **os.environ,
        "LUNAR_EDU_SHOW": "save",
        "LUNAR_EDU_OUTPUT_DIR": str(workdir),
        "LUNAR_EDU_OFFLINE": "1",
    }
    env.pop("DISPLAY", None)
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(script)],
            cwd=workdir,
            env=env,
            check=True,
            capture_output=True,
        )
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    lessons = sorted((ROOT / "examples").rglob("plot_*.py"))
    baseline_cmd = [sys.executable, "-c", "import lunar_edu"]
    start = time.perf_counter()
    subprocess.run(baseline_cmd, check=True)
    import_s = time.perf_counter() - start
    print(f"python -c 'import lunar_edu': {import_s:.2f} s")
    print(f"{'lesson':<45} {'best of ' + str(REPEATS):>10} {'budget':>8} {'ratio':>6}")
    over = 0
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for lesson in lessons:
            seconds = time_script(lesson, Path(tmp))
            times.append(seconds)
            ratio = seconds / BUDGET_PER_LESSON_S
            over += ratio > 1
            print(
                f"{lesson.stem:<45} {seconds:>8.2f} s {BUDGET_PER_LESSON_S:>6.1f} s "
                f"{ratio:>6.2f}{'  OVER' if ratio > 1 else ''}"
            )
    print(
        f"{len(lessons)} lessons, {over} over budget; slowest {max(times):.2f} s, "
        f"all in a row {sum(times):.1f} s"
    )
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        print(f"\n== {path.stem} ==")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        over += module.run()
    print(f"\nbudgets exceeded: {over}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
