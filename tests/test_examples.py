"""Every lesson runs as a plain script, offline, the way a teacher runs it.

Each lesson runs twice: as it comes (simulated pictures), and with a
teacher's folder holding a "real" picture for every catalogue entry, which
the lesson must show in place of the simulated one and still run to the end.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from sphinx_gallery.py_source_parser import extract_file_config

import lunar_edu as le

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").rglob("plot_*.py"))
# "Check: rock height: measured 0.31 m, true 0.30 m"
CHECK = re.compile(
    r"^Check: (?P<what>[^:]+): measured (?P<measured>-?[\d.,]+) (?P<unit>\S+), "
    r"true (?P<true>-?[\d.,]+) (?P=unit)$",
    re.MULTILINE,
)
CREDIT = re.compile(r"Credit: [^.].*\. Licence: \S+\.$")


def run_lesson(script: Path, workdir: Path, **env_extra) -> subprocess.CompletedProcess:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "LUNAR_EDU_DATA_DIR")
    }
    env.update(
        LUNAR_EDU_SHOW="save",
        LUNAR_EDU_OUTPUT_DIR=str(workdir / "pictures"),
        LUNAR_EDU_OFFLINE="1",
        **env_extra,
    )
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_is_at_least_one_lesson():
    assert EXAMPLES


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.stem)
def test_lesson_runs_as_a_plain_script_and_its_checks_hold(script, tmp_path):
    run = run_lesson(script, tmp_path)
    assert run.returncode == 0, run.stderr
    announced = re.findall(r"Saved picture to (\S+)", run.stdout)
    saved = sorted((tmp_path / "pictures").glob("*.png"))
    assert announced
    assert sorted(announced) == [str(p) for p in saved]
    checks = list(CHECK.finditer(run.stdout))
    tags = extract_file_config(script.read_text(encoding="utf-8")).get("tags", [])
    if "skill: measuring" in tags:
        assert checks, f"{script.name} measures but prints no 'Check:' line"
    for check in checks:
        measured = float(check["measured"].replace(",", ""))
        true = float(check["true"].replace(",", ""))
        # A lesson's method is honest but rough; off by more than half is a bug.
        assert abs(measured - true) <= 0.5 * abs(true), check.group(0)


@pytest.fixture(scope="module")
def real_pictures(tmp_path_factory):
    """A teacher's folder with a plain picture named after every entry."""
    folder = tmp_path_factory.mktemp("teacher_pictures")
    for number, entry in enumerate(le.catalog()):
        gray = 60 + 5 * number
        Image.new("RGB", (640, 480), (gray, gray, gray)).save(
            folder / f"{entry.id}.png"
        )
    return folder


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.stem)
def test_lesson_shows_a_real_picture_when_the_catalogue_can_serve_one(
    script, tmp_path, real_pictures
):
    source = script.read_text(encoding="utf-8")
    run = run_lesson(script, tmp_path, LUNAR_EDU_DATA_DIR=str(real_pictures))
    assert run.returncode == 0, run.stderr
    captions = re.findall(r"^  Caption: (.*)$", run.stdout, flags=re.MULTILINE)
    assert captions
    assert all(CREDIT.search(c) for c in captions), captions
    made = ("Simulated picture (virtual Chang'e 4)", "Diagram drawn by lunar_edu")
    real = [c for c in captions if not any(m in c for m in made)]
    if "le.load(" in source:
        # The teacher's picture is shown, credited as the catalogue says.
        credits = {f"Credit: {e.credit}." for e in le.catalog()}
        assert real, captions
        assert all(any(credit in c for credit in credits) for c in real), real
