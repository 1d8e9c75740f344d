"""Every lesson runs offline, in the docs build and as a plain script.

Each lesson runs twice per test run: as it comes (simulated pictures) in the
one docs build of the session (``built_site``; its ``Check:`` lines are read
from what it printed there), and as a plain script, the way a teacher runs
it, with a teacher's folder holding a "real" picture for every catalogue
entry, which the lesson must show in place of the simulated one, save and
announce, and still run to the end. The script run reads the scenes the
site build rendered (its render cache), so no scene is rendered twice.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RENDER_CACHE
from PIL import Image
from sphinx_gallery.py_source_parser import extract_file_config

import lunar_edu as le

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").rglob("plot_*.py"))
# "Check: rock height: measured 0.31 m, answer key 0.30 m" (lunar_edu.answers)
CHECK = re.compile(
    r"^Check: (?P<what>[^:]+): measured (?P<measured>-?[\d.,]+) ?(?P<unit>\S+), "
    r"answer key (?P<key>-?[\d.,]+) ?(?P=unit)$",
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
def test_lesson_checks_hold_in_the_docs_build(script, lesson_outputs):
    # The lesson ran in the site build (test_docs_build checks it did not
    # fail); this reads what it printed there.
    output = lesson_outputs[script.stem]
    checks = list(CHECK.finditer(output))
    tags = extract_file_config(script.read_text(encoding="utf-8")).get("tags", [])
    if "skill: measuring" in tags:
        assert checks, f"{script.name} measures but prints no 'Check:' line"
    for check in checks:
        measured = float(check["measured"].replace(",", ""))
        key = float(check["key"].replace(",", ""))
        # A lesson's method is honest but rough; off by more than half is a bug.
        assert abs(measured - key) <= 0.5 * abs(key), check.group(0)
    # Every "Check:" line has the answer-key form, so none is skipped above.
    assert len(checks) == output.count("Check: "), output


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.stem)
def test_lesson_pages_do_not_echo_a_check_line_as_a_python_value(script, built_site):
    # A function that returned its line would be shown again as "'Check: ...'"
    # when its call ends a code block.
    pages = list((built_site / "docs" / "auto_examples").rglob(f"{script.stem}.rst"))
    assert pages, script.name
    assert "'Check:" not in pages[0].read_text(encoding="utf-8"), script.name


@pytest.fixture(scope="session")
def real_pictures(tmp_path_factory):
    """A teacher's folder with a plain picture named after every entry."""
    folder = tmp_path_factory.mktemp("teacher_pictures")
    for number, entry in enumerate(le.catalog()):
        gray = 60 + 5 * number
        Image.new("RGB", (640, 480), (gray, gray, gray)).save(
            folder / f"{entry.id}.png"
        )
    return folder


@pytest.mark.lessons
@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.stem)
def test_lesson_shows_a_real_picture_when_the_catalogue_can_serve_one(
    script, tmp_path, real_pictures, built_site
):
    source = script.read_text(encoding="utf-8")
    # The scenes were rendered once, by this lesson in the site build; this
    # run tests the real-picture path and reads those frames back.
    cache = built_site.parent / RENDER_CACHE
    run = run_lesson(
        script,
        tmp_path,
        LUNAR_EDU_DATA_DIR=str(real_pictures),
        LUNAR_EDU_RENDER_CACHE=str(cache),
    )
    assert run.returncode == 0, run.stderr
    # As a script, every picture is saved and its path printed.
    announced = re.findall(r"Saved picture to (\S+)", run.stdout)
    saved = sorted((tmp_path / "pictures").glob("*.png"))
    assert announced
    assert sorted(announced) == [str(p) for p in saved]
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
