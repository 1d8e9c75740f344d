"""Every lesson follows the lesson guide (docs/contribute/lessons.md).

These checks read the scripts and the pages as text; running the lessons is
tests/test_examples.py and the docs build is tests/test_docs_build.py.
"""

import ast
import re
import statistics
from pathlib import Path

import pytest
from sphinx_gallery.py_source_parser import (
    extract_file_config,
    split_code_and_text_blocks,
)

import lunar_edu as le

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
LESSONS = sorted(EXAMPLES.rglob("plot_*.py"))
GUIDE = ROOT / "docs" / "contribute" / "lessons.md"
TEACH = ROOT / "docs" / "teach"
TOPIC_FOLDER = re.compile(r"^\d\d_[a-z_]+$")
TAG_GROUPS = ("level", "instrument", "skill", "topic")


def vocabulary() -> dict[str, set[str]]:
    """Return the tags the guide's "Tag vocabulary" section allows, by group."""
    text = GUIDE.read_text(encoding="utf-8").split("## Tag vocabulary", 1)[1]
    tags = re.findall(r"^- `([a-z]+: [^`]+)`", text, flags=re.MULTILINE)
    groups: dict[str, set[str]] = {group: set() for group in TAG_GROUPS}
    for tag in tags:
        groups[tag.split(":")[0]].add(tag)
    return groups


def docstring_of(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")), clean=False)


def file_config(path: Path) -> dict:
    return extract_file_config(path.read_text(encoding="utf-8"))


def text_blocks(path: Path) -> list[str]:
    _, blocks = split_code_and_text_blocks(str(path))
    return [content for kind, content, _ in blocks if kind == "text"]


def lesson_label(path: Path) -> str:
    match = re.search(r"^\.\. _(lesson-[a-z0-9-]+):$", docstring_of(path), re.MULTILINE)
    assert match, f"{path.name} has no '.. _lesson-...:' label"
    return match.group(1)


def test_the_gallery_has_a_curriculum_of_topics_with_headers():
    topics = sorted(
        p
        for p in EXAMPLES.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_"))
    )
    assert len(topics) >= 7
    for topic in topics:
        assert TOPIC_FOLDER.match(topic.name), topic.name
        assert (topic / "GALLERY_HEADER.rst").is_file(), topic.name
        assert list(topic.glob("plot_*.py")), f"{topic.name} has no lesson"


def test_lesson_file_names_and_labels_are_unique():
    names = [p.name for p in LESSONS]
    assert len(names) == len(set(names))
    labels = [lesson_label(p) for p in LESSONS]
    assert len(labels) == len(set(labels))


def test_the_vocabulary_has_every_group():
    groups = vocabulary()
    assert all(groups[g] for g in TAG_GROUPS), groups


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_docstring_has_title_why_level_time_and_goals(lesson):
    doc = docstring_of(lesson)
    lines = doc.strip().splitlines()
    title_at = next(i for i, line in enumerate(lines) if re.fullmatch(r"=+", line))
    title = lines[title_at - 1]
    assert len(lines[title_at]) >= len(title), f"{lesson.name}: title underline"
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    why = next(p for p in paragraphs if "=" * 5 not in p and not p.startswith(".."))
    assert len(why.split()) >= 40, f"{lesson.name}: the 'why' paragraph is too short"
    level = re.search(r"\*\*Level:\*\* (\w+)", doc)
    assert level, f"{lesson.name} states no level"
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", doc), lesson.name
    assert f"level: {level.group(1)}" in file_config(lesson)["tags"]
    goals = doc.split("**Learning goals.**", 1)[1].split("\n\n.. ", 1)[0]
    bullets = re.findall(r"^\* ", goals, flags=re.MULTILINE)
    assert 2 <= len(bullets) <= 4, f"{lesson.name} has {len(bullets)} learning goals"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_states_prerequisites_and_keywords(lesson):
    doc = docstring_of(lesson)
    level_at = doc.index("**Level:**")
    goals_at = doc.index("**Learning goals.**")
    prerequisites = re.search(
        r"^\*\*Prerequisites:\*\* (.+?)\n\n", doc, re.MULTILINE | re.DOTALL
    )
    keywords = re.search(r"^\*\*Keywords:\*\* (.+?)\n\n", doc, re.MULTILINE | re.DOTALL)
    assert prerequisites, f"{lesson.name} states no prerequisites"
    assert keywords, f"{lesson.name} states no keywords"
    # Both sit between the level line and the learning goals, as the guide says.
    assert level_at < prerequisites.start() < keywords.start() < goals_at
    words = [w.strip() for w in keywords.group(1).rstrip(".").split(",")]
    assert len(words) >= 3, f"{lesson.name}: give at least three keywords"
    assert all(words), f"{lesson.name}: an empty keyword"
    # A prerequisite lesson is linked, so a reader can go back to it.
    for label in re.findall(r":ref:`(lesson-[a-z0-9-]+)`", prerequisites.group(1)):
        assert label in {lesson_label(p) for p in LESSONS}, (lesson.name, label)
        assert label != lesson_label(lesson), f"{lesson.name} requires itself"


def level_of(lesson: Path) -> str:
    return re.search(r"\*\*Level:\*\* (\w+)", docstring_of(lesson)).group(1)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_a_lesson_with_formulas_or_statistics_is_not_beginner(lesson):
    # The guide's "beginner": no formula, no statistics, no angle functions.
    code = "\n".join(
        line
        for line in lesson.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    tags = file_config(lesson)["tags"]
    mathematical = (
        re.search(r"np\.(arc)?(sin|cos|tan|polyfit|hypot|percentile|mean)", code)
        or "skill: statistics" in tags
        or re.search(r"\b\w+_(m|px|deg)\s*[*/]\s*\w", code)
    )
    if mathematical:
        assert level_of(lesson) != "beginner", f"{lesson.name} uses formulas"


def test_the_little_craters_lesson_is_advanced():
    # It builds its own crater finder from several steps (the guide's
    # definition of "advanced").
    assert level_of(EXAMPLES / "04_craters" / "plot_01_little_craters.py") == (
        "advanced"
    )


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_sums_up_what_was_learned_before_the_exercises(lesson):
    blocks = text_blocks(lesson)[1:]
    headings = [block.strip().splitlines()[0].strip() for block in blocks]
    assert headings[-2:] == ["What you learned", "Your turn"], (
        f"{lesson.name} needs 'What you learned' just before 'Your turn'"
    )
    bullets = re.findall(r"^\* ", blocks[-2], flags=re.MULTILINE)
    assert 2 <= len(bullets) <= 5, f"{lesson.name}: {len(bullets)} summary points"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_teacher_notes_state_the_lessons_level_and_time(lesson):
    doc = docstring_of(lesson)
    time = re.search(r"\*\*Time:\*\* about (\d+) minutes", doc).group(1)
    label = lesson_label(lesson)
    pages = "\n".join(p.read_text(encoding="utf-8") for p in TEACH.rglob("*.md"))
    stated = re.search(rf"\{{ref\}}`{label}` \((\w+), about (\d+) minutes\)", pages)
    assert stated, f"no teacher page gives {label}'s level and time"
    assert stated.groups() == (level_of(lesson), time), label


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_steps_have_headings_and_it_ends_with_an_exercise(lesson):
    blocks = text_blocks(lesson)[1:]  # after the docstring
    assert len(blocks) >= 4, f"{lesson.name} has only {len(blocks)} steps"
    headings = []
    for block in blocks:
        lines = [line for line in block.strip().splitlines() if line.strip()]
        assert len(lines) >= 3, f"{lesson.name}: a step needs a heading and prose"
        assert re.fullmatch(r"-{3,}", lines[1].strip()), (lesson.name, lines[:2])
        headings.append(lines[0].strip())
    assert headings[-1] == "Your turn", f"{lesson.name} does not end with 'Your turn'"
    exercises = re.findall(r"^\d\. ", blocks[-1], flags=re.MULTILINE)
    assert 2 <= len(exercises) <= 4, f"{lesson.name} has {len(exercises)} exercises"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_keeps_answers_out_of_the_script(lesson):
    text = lesson.read_text(encoding="utf-8").lower()
    assert ".. dropdown::" not in text
    assert "answer:" not in text
    assert ":class: toggle" not in text


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_tags_come_from_the_vocabulary_and_cover_every_group(lesson):
    config = file_config(lesson)
    tags = config.get("tags")
    assert isinstance(tags, list), f"{lesson.name} has no sphinx_gallery_tags list"
    groups = vocabulary()
    allowed = set().union(*groups.values())
    assert set(tags) <= allowed, f"{lesson.name}: {set(tags) - allowed}"
    counts = {g: sum(t.startswith(f"{g}:") for t in tags) for g in TAG_GROUPS}
    assert counts["level"] == 1
    assert all(counts[g] >= 1 for g in TAG_GROUPS), (lesson.name, counts)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_picks_its_thumbnail(lesson):
    config = file_config(lesson)
    assert "thumbnail_number" in config or "thumbnail_path" in config
    shows = len(re.findall(r"\ble\.show\(", lesson.read_text(encoding="utf-8")))
    number = config.get("thumbnail_number", 1)
    assert -shows <= number <= shows
    assert number != 0


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_cites_facts_with_known_source_tags(lesson):
    sources = (ROOT / "docs" / "story" / "sources.md").read_text(encoding="utf-8")
    known = set(re.findall(r"^\(source-(s\d+)\)=$", sources, flags=re.MULTILINE))
    text = "\n".join(text_blocks(lesson))
    cited = re.findall(r":src:`([^`]+)`", text)
    assert cited, f"{lesson.name} cites no source"
    for group in cited:
        for tag in group.split(","):
            assert tag.strip().lower() in known, (lesson.name, tag)
    # Plain "[S19]" would not be checked by the build; use the role.
    assert not re.search(r"\[S\d+\]", text), f"{lesson.name}: use :src:`S..`"


# A simulated number is the answer key of the virtual Chang'e 4, never "true".
MODEL_AS_TRUE = re.compile(
    r"\btrue (\d|\{|D\b)|, true\b|\btrue values?\b|\bmeasured [^,`]+, true",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "page",
    [*LESSONS, *sorted(TEACH.glob("*.md"))],
    ids=lambda p: p.stem,
)
def test_no_lesson_or_teacher_page_calls_a_model_value_true(page):
    text = page.read_text(encoding="utf-8")
    # Python's True (a flag) is not a claim about the Moon.
    offending = [
        line.strip()
        for line in text.splitlines()
        if MODEL_AS_TRUE.search(line.replace("True", ""))
    ]
    assert offending == [], f"{page.name}: say 'answer key', not 'true'"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lessons_print_checks_with_the_answers_helper(lesson):
    # Hand-written "Check:" lines drift from the wording the tests and the
    # teacher pages expect; lunar_edu.answers.check writes them.
    code = lesson.read_text(encoding="utf-8")
    assert not re.search(r"print\([^)]*Check:", code, re.DOTALL), lesson.name


def test_every_catalogue_entry_appears_in_a_lesson():
    ids = {entry.id for entry in le.catalog()}
    used: set[str] = set()
    for lesson in LESSONS:
        tree = ast.parse(lesson.read_text(encoding="utf-8"))
        used |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
    assert ids - used == set()


def test_lessons_load_only_catalogue_entries_that_exist():
    ids = {entry.id for entry in le.catalog()}
    for lesson in LESSONS:
        loaded = re.findall(r"le\.load\(\s*\"([^\"]+)\"", lesson.read_text("utf-8"))
        assert set(loaded) <= ids, (lesson.name, set(loaded) - ids)


def test_every_lesson_has_teacher_notes_with_answers():
    pages = {p: p.read_text(encoding="utf-8") for p in TEACH.rglob("*.md")}
    for lesson in LESSONS:
        label = lesson_label(lesson)
        holding = [p for p, text in pages.items() if f"{{ref}}`{label}`" in text]
        assert holding, f"no teacher page links to {label}"
        text = pages[holding[0]]
        section = text.split(f"{{ref}}`{label}`", 1)[1].split("\n## ", 1)[0]
        exercises = len(
            re.findall(r"^\d\. ", "\n".join(text_blocks(lesson)[-1:]), re.MULTILINE)
        )
        answers = len(re.findall(r"^\d\. ", section, flags=re.MULTILINE))
        assert answers >= exercises, (
            f"{label}: {answers} answers, {exercises} exercises"
        )


def test_the_farewell_lessons_odometer_is_the_story_pages_data():
    # Two copies of Yutu-2's odometer must not drift apart: the story page
    # charts docs/story/yutu2_odometer.csv, the lesson keeps a table of its own.
    import csv
    import datetime as dt

    lesson = (
        EXAMPLES / "01_first_look" / "plot_03_farewell_rover_error_with_distance.py"
    )
    table = ast.literal_eval(
        re.search(
            r"^odometer = (\(\n.*?\n\))$",
            lesson.read_text("utf-8"),
            re.DOTALL | re.MULTILINE,
        ).group(1)
    )
    rows = [
        row
        for row in csv.DictReader(
            line
            for line in (ROOT / "docs/story/yutu2_odometer.csv")
            .read_text("utf-8")
            .splitlines()
            if line.strip() and not line.startswith("#")
        )
    ]
    assert [(dt.date(*date), metres, rounded) for date, metres, rounded in table] == [
        (
            dt.date.fromisoformat(row["plot_date"]),
            float(row["distance_m"]),
            row["approximate"] == "yes",
        )
        for row in rows
    ]


def test_lessons_are_short():
    # A lesson a class reads in one sitting: long topics are split into
    # lessons that each teach one thing (docs/contribute/lessons.md).
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in LESSONS}
    too_long = {name: n for name, n in lengths.items() if n > 350}
    assert too_long == {}, f"lessons over 350 lines: {too_long}"
    assert statistics.median(lengths.values()) <= 250, sorted(lengths.values())
