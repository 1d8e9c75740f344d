"""Answer keys: what a lesson prints and records, and how teacher pages quote it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lunar_edu import answers
from lunar_edu.answers import AnswerError, check, format_value, record
from lunar_edu.errors import LunarEduError

ROOT = Path(__file__).parents[1]
EXT_DIR = ROOT / "docs" / "_ext"


@pytest.fixture
def answers_dir(monkeypatch, tmp_path):
    folder = tmp_path / "answers"
    monkeypatch.setenv(answers.ANSWERS_DIR_ENV, str(folder))
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "plot_09_sample.py")])
    monkeypatch.setattr(answers, "_RECORDED", {})
    return folder


@pytest.mark.parametrize(
    ("value", "unit", "digits", "expected"),
    [
        (0.9512, "m", 2, "0.95 m"),
        (np.float64(41.49), "%", 0, "41 %"),
        (20.4, "°", 0, "20°"),
        ([108, 104, 97], "px", None, "108, 104, 97 px"),
        (np.array([3, 5]), "", None, "3, 5"),
        (1613, "m", None, "1,613 m"),
        (-0.001, "m", 2, "0.00 m"),
        (-2.04, "", 2, "-2.04"),
    ],
)
def test_format_value_writes_numbers_as_lessons_print_them(
    value, unit, digits, expected
):
    assert format_value(value, unit, digits=digits) == expected


@pytest.mark.parametrize(
    ("value", "digits", "message"),
    [
        (0.5, None, "pass digits=N"),
        ("0.5", 1, "got the text"),
        ([], None, "empty"),
        ([1, None], None, "NoneType"),
        (1.0, -1, "0 or more"),
        (True, None, "bool"),
    ],
)
def test_format_value_rejects_what_it_cannot_print(value, digits, message):
    with pytest.raises(AnswerError, match=message) as caught:
        format_value(value, "m", digits=digits)
    assert isinstance(caught.value, LunarEduError)


def test_check_prints_the_answer_key_not_a_true_value(capsys, answers_dir):
    returned = check("track width", 0.9512, 0.85, "m", digits=2)
    printed = capsys.readouterr().out
    # None, so a check() that ends a gallery block is not echoed as a repr.
    assert returned is None
    assert printed == "Check: track width: measured 0.95 m, answer key 0.85 m\n"
    assert "true" not in printed


def test_check_can_give_the_real_value_beside_the_model(capsys, answers_dir):
    check("track width", 0.95, 0.85, "m", digits=2, real="body about 1 m wide [S1]")
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "  Real mission: body about 1 m wide [S1]"


def test_check_needs_a_unit_and_a_name(answers_dir):
    with pytest.raises(AnswerError, match="no unit"):
        check("width", 1.0, 1.0, "", digits=1)
    with pytest.raises(AnswerError, match="without backticks"):
        check("  ", 1.0, 1.0, "m", digits=1)


def test_check_and_record_write_one_json_file_per_lesson(capsys, answers_dir):
    check("track width", 0.95, 0.85, "m", digits=2)
    text = record("gaps", [108, 104], "px")
    record("share  in shadow", 41.2, "%", digits=0)
    assert text == "108, 104 px"
    document = json.loads((answers_dir / "plot_09_sample.json").read_text("utf-8"))
    assert document["lesson"] == "plot_09_sample"
    values = document["values"]
    assert values["track width"]["text"] == "0.95 m"
    assert values["track width (answer key)"]["value"] == 0.85
    assert values["track width"]["line"].endswith("answer key 0.85 m")
    assert values["gaps"] == {"value": [108, 104], "unit": "px", "text": "108, 104 px"}
    # Names are normalised the way the role normalises them.
    assert values["share in shadow"]["text"] == "41 %"
    assert not list(answers_dir.glob("*.tmp"))


def test_nothing_is_written_without_a_folder(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(answers.ANSWERS_DIR_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    check("width", 1.0, 1.0, "m", digits=1)
    assert list(tmp_path.iterdir()) == []


def test_the_role_lookup_names_the_missing_lesson_or_key(answers_dir, tmp_path):
    sys.path.insert(0, str(EXT_DIR))
    try:
        import answers as extension  # docs/_ext/answers.py
    finally:
        sys.path.remove(str(EXT_DIR))
    srcdir = tmp_path / "src"
    folder = extension.answers_folder(srcdir)
    folder.mkdir(parents=True)
    (folder / "plot_01_a.json").write_text(
        json.dumps(
            {"format": 1, "values": {"width": {"text": "1 m", "value": 1, "unit": "m"}}}
        ),
        encoding="utf-8",
    )
    entry, path = extension.lookup(srcdir, "plot_01_a: width")
    assert entry["text"] == "1 m"
    assert path == folder / "plot_01_a.json"
    with pytest.raises(LookupError, match=r"make clean html"):
        extension.lookup(srcdir, "plot_02_b:width")
    with pytest.raises(LookupError, match=r"recorded 'width'"):
        extension.lookup(srcdir, "plot_01_a:height")
    with pytest.raises(LookupError, match=r"lesson:name"):
        extension.lookup(srcdir, "width")


# --- a fixture build: one tiny lesson, one teacher page -------------------

CONF = f"""
import sys
sys.path.insert(0, {str(EXT_DIR)!r})
project = "answers fixture"
extensions = ["myst_parser", "sphinx_gallery.gen_gallery", "answers"]
exclude_patterns = ["_build"]
sphinx_gallery_conf = {{
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": "/plot_",
    "image_scrapers": ("lunar_edu.gallery.scraper",),
    "reset_modules": ("lunar_edu.gallery.reset",),
    "reset_modules_order": "before",
    "write_computation_times": False,
    "download_all_examples": False,
}}
"""

LESSON = '''"""
A tiny lesson
=============

It measures one number.
"""

from lunar_edu.answers import check, record

seed = {seed}
check("stick length", 1.0 + seed / 10, 1.0, "m", digits=2)
record("marks", [seed, seed + 1])
'''

PAGE = """# Teacher notes

```{toctree}
auto_examples/index
```

The stick is {answer}`plot_01_tiny:stick length` long, answer key
{answer}`plot_01_tiny:stick length (answer key)`; marks: {answer}`plot_01_tiny:marks`.
The script prints {check}`plot_01_tiny:stick length`.
"""


def build(source: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    env.pop(answers.ANSWERS_DIR_ENV, None)
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b"]
    command += ["html", *extra, str(source), str(source / "_build")]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def page_text(source: Path) -> str:
    html = (source / "_build" / "index.html").read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("mini_site")
    source = site / "docs"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text(PAGE, encoding="utf-8")
    examples = site / "examples"
    examples.mkdir()
    (examples / "GALLERY_HEADER.rst").write_text("Lessons\n=======\n", "utf-8")
    (examples / "plot_01_tiny.py").write_text(LESSON.format(seed=2), "utf-8")
    first = build(source)
    assert first.returncode == 0, first.stderr
    return source, page_text(source)


@pytest.mark.docs
def test_the_teacher_page_quotes_the_lessons_own_run(mini_site):
    source, text = mini_site
    assert "The stick is 1.20 m long" in text
    assert "answer key 1.00 m;" in text
    assert "marks: 2, 3." in text
    assert "Check: stick length: measured 1.20 m, answer key 1.00 m" in text
    # The lesson process wrote the numbers beside the sources, not in memory.
    written = source / "_generated" / "answers" / "plot_01_tiny.json"
    assert json.loads(written.read_text("utf-8"))["lesson"] == "plot_01_tiny"


@pytest.mark.docs
def test_changing_the_lesson_changes_the_teacher_page(mini_site):
    source, _ = mini_site
    lesson = source.parent / "examples" / "plot_01_tiny.py"
    lesson.write_text(LESSON.format(seed=7), encoding="utf-8")
    # An incremental build: the changed lesson runs again and the unchanged
    # teacher page is re-read because the numbers it quotes changed.
    rebuilt = build(source)
    assert rebuilt.returncode == 0, rebuilt.stderr
    text = page_text(source)
    assert "The stick is 1.70 m long" in text
    assert "marks: 7, 8." in text
    # sphinx-gallery skips the unchanged lesson in the next build; the
    # numbers of its last run stay in place for the re-read page.
    (source / "index.md").write_text(PAGE + "\nRe-read.\n", encoding="utf-8")
    skipped = build(source)
    assert skipped.returncode == 0, skipped.stderr
    assert "The stick is 1.70 m long" in page_text(source)


@pytest.mark.docs
def test_a_missing_answer_fails_the_build_with_a_clear_message(mini_site):
    source, _ = mini_site
    page = source / "index.md"
    before = page.read_text(encoding="utf-8")
    page.write_text(
        PAGE.replace("plot_01_tiny:marks", "plot_01_tiny:stick width"), "utf-8"
    )
    try:
        failed = build(source)
    finally:
        page.write_text(before, encoding="utf-8")
    assert failed.returncode != 0
    assert "recorded no answer named 'stick width'" in failed.stderr
    assert "index.md" in failed.stderr


@pytest.mark.docs
def test_a_build_without_lessons_writes_a_note_instead_of_failing(tmp_path):
    # `make html-noplot` runs no lesson, so there are no numbers to quote.
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text(PAGE, encoding="utf-8")
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "GALLERY_HEADER.rst").write_text("Lessons\n=======\n", "utf-8")
    (examples / "plot_01_tiny.py").write_text(LESSON.format(seed=2), "utf-8")
    run = build(source, "-D", "plot_gallery=0")
    assert run.returncode == 0, run.stderr
    text = page_text(source)
    assert "The stick is (a number the lesson prints; build with make html)" in text
    assert not (source / "_generated" / "answers").exists()


def test_teacher_pages_quote_only_lessons_that_exist():
    # The docs build checks every name against the lesson's own run; this
    # catches a misspelt lesson without building.
    stems = {p.stem for p in (ROOT / "examples").rglob("plot_*.py")}
    quoted = []
    for page in sorted((ROOT / "docs" / "teach").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        quoted += re.findall(r"\{(?:answer|check)\}`([^`:]+):[^`]+`", text)
    assert quoted, "the teacher pages quote no lesson numbers"
    assert set(quoted) <= stems, set(quoted) - stems


def test_teacher_pages_type_no_check_lines_by_hand():
    for page in sorted((ROOT / "docs" / "teach").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"`Check: [^`]*measured", text), page.name
