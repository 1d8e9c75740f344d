"""Worksheets and answer sheets: generated from the lessons, never drifting.

The parsing is tested on the real lessons (fast, no build); the pages on the
session's one site build (``built_site``); and "a changed exercise changes
the worksheet" in a small fixture build with one tiny lesson.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from html_checks import read_page
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

ROOT = Path(__file__).parents[1]
EXT_DIR = ROOT / "docs" / "_ext"
LESSONS = sorted((ROOT / "examples").rglob("plot_*.py"))

sys.path.insert(0, str(EXT_DIR))
try:
    import worksheets_content as content  # docs/_ext/worksheets_content.py
finally:
    sys.path.remove(str(EXT_DIR))


def exercises_of(lesson: Path) -> list[str]:
    """The lesson's numbered "Your turn" items, read independently of the extension."""
    _, blocks = split_code_and_text_blocks(str(lesson))
    last = [text for kind, text, _ in blocks if kind == "text"][-1]
    return re.findall(r"^\d\. (.+)$", last, flags=re.MULTILINE)


def words(html_text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html_text).split())


# --- reading the lessons (no build) ---------------------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_worksheet_asks_exactly_the_lessons_exercises(lesson):
    read = content.read_lesson(lesson)
    firsts = [exercise.splitlines()[0] for exercise in read.exercises]
    assert firsts == exercises_of(lesson)
    assert read.goals
    assert read.title
    assert read.label.startswith("lesson-")
    page = content.worksheet_rst(
        read, [], topic="T", lesson_doc="auto_examples/x", source="x.py"
    )
    # No code on paper: no code block, no doctest, no literal block.
    assert not re.search(r"^\s*\.\. (code-block|code|sourcecode)::", page, re.MULTILINE)
    assert "::\n" not in page.replace(".. ruled-lines::", "")
    assert ">>>" not in page
    assert page.count(".. ruled-lines::") == len(read.exercises) + 1


def test_numbered_items_end_where_the_list_ends():
    items, rest = content.numbered_items(
        "1. First\n   line two.\n\n2. Second.\n\nSources: S1.\n\n3. Not an item."
    )
    assert items == [(1, "First\nline two."), (2, "Second.")]
    assert rest.startswith("Sources: S1.")


def test_key_figures_are_the_first_picture_and_the_thumbnail():
    figures = [content.Figure(n, f"/i_{n:03}.png", "alt", "cap") for n in (1, 2, 3)]
    assert [f.number for f in content.key_figures(figures, 3)] == [1, 3]
    assert [f.number for f in content.key_figures(figures, -2)] == [1, 2]
    assert content.key_figures([], 2) == []


def test_figures_are_read_with_alt_text_and_caption_as_the_scraper_writes_them():
    from lunar_edu.gallery import figure_rst

    rst = "Text.\n" + figure_rst(
        "/auto_examples/t/images/sphx_glr_plot_01_x_002.webp",
        alt="A crater.",
        caption="Look here. Credit: CNSA. Licence: CC-BY-4.0.",
    )
    (figure,) = content.lesson_figures(rst)
    assert (figure.number, figure.alt) == (2, "A crater.")
    assert "Licence\\: CC\\-BY\\-4\\.0\\." in figure.caption


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_the_teacher_notes_answer_every_exercise(lesson):
    read = content.read_lesson(lesson)
    pages = [p.read_text("utf-8") for p in sorted((ROOT / "docs/teach").glob("*.md"))]
    answers = next(
        a for a in (content.teacher_answers(t, read.label) for t in pages) if a
    )
    page = content.answer_sheet_md(read, answers, teacher_doc="teach/x")
    assert len(re.findall(r"^\d\. ```\{eval-rst\}", page, re.MULTILINE)) == len(
        read.exercises
    )
    assert page.count("**Answer.**") == len(read.exercises)


def test_an_answer_sheet_with_a_missing_answer_is_an_error():
    read = content.read_lesson(LESSONS[0])
    with pytest.raises(ValueError, match="answer 1 of the"):
        content.answer_sheet_md(read, ["Only one."], teacher_doc="teach/x")


# --- the real site (the session's one build) -------------------------------


def test_every_lesson_has_a_worksheet_with_its_pictures_and_questions(built_site):
    html = built_site / "html"
    index = (html / "worksheets" / "index.html").read_text("utf-8")
    for lesson in LESSONS:
        assert f'href="{lesson.stem}.html"' in index, lesson.stem
        path = html / "worksheets" / f"{lesson.stem}.html"
        text = path.read_text("utf-8")
        page = read_page(path)
        # Questions with room to write, and no code.
        assert text.count('class="lunar-ws-line"') >= 4 * len(exercises_of(lesson))
        assert "highlight-python" not in text, lesson.stem
        assert "<pre" not in text, lesson.stem
        questions = re.search(
            r'<ol class="[^"]*lunar-ws-questions.*?</ol>', text, re.DOTALL
        )
        assert questions, lesson.stem
        assert questions.group(0).count("<li>") == len(exercises_of(lesson))
        # Pictures: 1-2, each with alt text and a caption with credit and licence.
        assert 1 <= len(page.figures) <= 2, lesson.stem
        for figure in page.figures:
            assert all(len(alt) > 20 for alt in figure.alts), lesson.stem
            assert "Credit:" in figure.caption
            assert "Licence:" in figure.caption
        assert page.images_outside_figures == [], lesson.stem


def test_every_answer_sheet_quotes_the_builds_numbers(built_site):
    html = built_site / "html" / "teach" / "answer-sheets"
    for lesson in LESSONS:
        text = (html / f"{lesson.stem}.html").read_text("utf-8")
        assert words(text).count("Answer.") == len(exercises_of(lesson)), lesson.stem
        # No role left unresolved, no "build with make html" placeholder.
        assert "{answer}" not in text
        assert "a number the lesson prints" not in text
    track = (html / "plot_01_track_width.html").read_text("utf-8")
    assert 'class="lunar-answer"' in track


# --- a fixture build: one tiny lesson, changed -----------------------------

CONF = f"""
import sys
sys.path.insert(0, {str(EXT_DIR)!r})
project = "worksheets fixture"
extensions = ["myst_parser", "sphinx_gallery.gen_gallery", "answers",
              "story_sources", "worksheets"]
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
.. _lesson-tiny:

A tiny lesson
=============

It shows one picture of a gray square and asks one or two questions about
it, so that the worksheet generator has something small to read.

**Level:** beginner · **Time:** about 5 minutes

**Learning goals.** After this lesson you can:

* look at a square;
* say its colour.
"""
# %%
# Show it
# -------
# A square.

import lunar_edu as le
from PIL import Image
from lunar_edu.frame import Source

square = Image.new("L", (32, 32), 128)
le.show(square, alt="A plain gray square.", caption="Gray.",
        source=Source("diagram", "fixture", "CC-BY-4.0"))

# %%
# Your turn
# ---------
# 1. {first}
# 2. What colour is it?
#
# Sources: none.

# sphinx_gallery_thumbnail_number = 1
'''

TEACH = """# Teacher notes

Lesson: {ref}`lesson-tiny` (beginner, about 5 minutes).

1. It is a square.
2. Gray.
"""

INDEX = """# Fixture

```{toctree}
auto_examples/index
worksheets/index
teach/tiny
teach/answer-sheets
```
"""


def build(source: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b"]
    command += ["html", *extra, str(source), str(source / "_build")]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def make_site(site: Path) -> Path:
    source = site / "docs"
    (source / "worksheets").mkdir(parents=True)
    (source / "teach").mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text(INDEX, encoding="utf-8")
    (source / "worksheets" / "index.md").write_text(
        "# Worksheets\n\n```{worksheet-list}\n```\n", encoding="utf-8"
    )
    (source / "teach" / "answer-sheets.md").write_text(
        "# Answer sheets\n\n```{worksheet-list}\n:answers:\n```\n", encoding="utf-8"
    )
    (source / "teach" / "tiny.md").write_text(TEACH, encoding="utf-8")
    topic = site / "examples" / "01_topic"
    topic.mkdir(parents=True)
    (site / "examples" / "GALLERY_HEADER.rst").write_text("Lessons\n=======\n")
    (topic / "GALLERY_HEADER.rst").write_text("A topic\n-------\n")
    (topic / "plot_01_tiny.py").write_text(LESSON.replace("{first}", "How big?"))
    return source


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    source = make_site(tmp_path_factory.mktemp("worksheet_site"))
    first = build(source)
    assert first.returncode == 0, first.stderr
    return source


@pytest.mark.docs
def test_a_build_without_running_lessons_says_where_the_pictures_are(tmp_path):
    source = make_site(tmp_path)
    run = build(source, "-D", "plot_gallery=0")
    assert run.returncode == 0, run.stderr
    text = worksheet_words(source)
    assert "pictures appear here when the site is built" in text
    assert "How big?" in text


def worksheet_words(source: Path) -> str:
    return words((source / "_build/worksheets/plot_01_tiny.html").read_text("utf-8"))


@pytest.mark.docs
def test_the_fixture_worksheet_has_the_lessons_question_and_picture(mini_site):
    text = worksheet_words(mini_site)
    assert "Worksheet: A tiny lesson" in text
    assert "How big?" in text
    assert "What colour is it?" in text
    assert "Gray. Diagram drawn by lunar_edu" in text
    answers = words(
        (mini_site / "_build/teach/answer-sheets/plot_01_tiny.html").read_text("utf-8")
    )
    assert "How big? Answer. It is a square." in answers


@pytest.mark.docs
def test_changing_the_exercise_changes_the_worksheet(mini_site):
    lesson = mini_site.parent / "examples" / "01_topic" / "plot_01_tiny.py"
    lesson.write_text(LESSON.replace("{first}", "How many corners has it?"))
    rebuilt = build(mini_site)
    assert rebuilt.returncode == 0, rebuilt.stderr
    text = worksheet_words(mini_site)
    assert "How many corners has it?" in text
    assert "How big?" not in text


@pytest.mark.docs
def test_a_generated_sheet_no_lesson_needs_is_removed(mini_site):
    stale = mini_site / "worksheets" / "plot_09_gone.rst"
    stale.write_text(f".. {content.MARKER}\n\nGone\n====\n", encoding="utf-8")
    kept = mini_site / "worksheets" / "plot_09_mine.rst"
    kept.write_text(":orphan:\n\nMine\n====\n", encoding="utf-8")
    rebuilt = build(mini_site)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not stale.exists()
    assert kept.exists()  # a hand-written page is never removed
    kept.unlink()
