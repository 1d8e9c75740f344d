"""Time every lesson as a plain script (the way a teacher runs it) and report budgets.

Each lesson runs in a fresh interpreter, pictures saved to a temporary folder;
the best of a few runs is reported against the 3 s budget per lesson. Then every
``benchmarks/bench_*.py`` module runs: each has ``run() -> int``, which prints
its own table and returns how many of its budgets were exceeded
(``bench_pages.py`` builds the site and measures page weights, then loads the
landing page and the heaviest lesson in headless Chromium with Lighthouse or
Playwright; without Chromium it says so and skips that part).

First, the start-up cost of ``import lunar_edu`` (issue 15: at most 60 ms above
a bare interpreter), as the best of many fresh interpreters.

``benchmarks/run.py NAME ...`` runs only some parts: ``import``, ``lessons``
and the bench modules by name (``gallery`` for ``bench_gallery.py``); ``make
bench BENCH="import products"`` passes them on.
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
IMPORT_BUDGET_S = 0.060
IMPORT_REPEATS = 21


def best_start_ups(*codes: str) -> list[float]:
    """Best wall time of ``python -c code`` in fresh interpreters, in seconds.

    The commands take turns, so a busy spell of the machine hits them alike.
    """
    best = [float("inf")] * len(codes)
    for _ in range(IMPORT_REPEATS):
        for index, code in enumerate(codes):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def bench_import() -> int:
    """Print what ``import lunar_edu`` costs above bare Python; 1 if over budget."""
    bare_s, import_s, catalog_s = best_start_ups(
        "pass", "import lunar_edu", "import lunar_edu; lunar_edu.catalog()"
    )
    # -X importtime: the package's own cumulative import time, in microseconds.
    report = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import lunar_edu"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr.splitlines()
    own_us = [
        int(line.split("|")[1]) for line in report if line.endswith("| lunar_edu")
    ]
    extra_s = import_s - bare_s
    print(f"start-up, best of {IMPORT_REPEATS} fresh interpreters:")
    print(f"  python -c pass                                  {bare_s * 1e3:6.1f} ms")
    print(f"  python -c 'import lunar_edu'                    {import_s * 1e3:6.1f} ms")
    print(
        f"  python -c 'import lunar_edu; lunar_edu.catalog()' {catalog_s * 1e3:4.1f} ms"
    )
    print(
        f"  import lunar_edu above bare Python: {extra_s * 1e3:.1f} ms (budget "
        f"{IMPORT_BUDGET_S * 1e3:.0f} ms, ratio {extra_s / IMPORT_BUDGET_S:.2f})"
        f"{'  OVER' if extra_s > IMPORT_BUDGET_S else ''}; -X importtime says "
        f"{own_us[-1] / 1e3 if own_us else float('nan'):.1f} ms"
    )
    return int(extra_s > IMPORT_BUDGET_S)


def bench_lessons() -> int:
    """Time every lesson as a script; print a table; return lessons over budget."""
    lessons = sorted((ROOT / "examples").rglob("plot_*.py"))
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
    return over


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


def main(names: list[str]) -> int:
    """Run the chosen parts (all by default); return 1 if a budget was exceeded."""
    modules = {
        path.stem.removeprefix("bench_"): path
        for path in sorted(Path(__file__).parent.glob("bench_*.py"))
    }
    known = ["import", "lessons", *modules]
    unknown = sorted(set(names) - set(known))
    if unknown:
        print(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(known)}")
        return 2
    chosen = names or known
    over = 0
    if "import" in chosen:
        over += bench_import()
    if "lessons" in chosen:
        print()
        over += bench_lessons()
    for name, path in modules.items():
        if name not in chosen:
            continue
        print(f"\n== {path.stem} ==")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        over += module.run()
    print(f"\nbudgets exceeded: {over}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
