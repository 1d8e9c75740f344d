"""Every lesson runs as a plain script, offline, the way a teacher runs it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").rglob("plot_*.py"))


def test_there_is_at_least_one_lesson():
    assert EXAMPLES


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.stem)
def test_lesson_runs_as_a_plain_script(script, tmp_path):
    env = {
        **os.environ,
        "LUNAR_EDU_SHOW": "save",
        "LUNAR_EDU_OUTPUT_DIR": str(tmp_path / "pictures"),
        "LUNAR_EDU_OFFLINE": "1",
    }
    env.pop("DISPLAY", None)
    run = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    announced = re.findall(r"Saved picture to (\S+)", run.stdout)
    saved = sorted((tmp_path / "pictures").glob("*.png"))
    assert announced
    assert sorted(announced) == [str(p) for p in saved]
