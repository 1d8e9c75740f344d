"""The story pages: built strictly, reachable, sourced, accessible and correct.

One module-scoped build of the real site (without running the lessons, so it
stays fast) backs most tests; the odometer data and the build-time pictures
are also checked directly.
"""

import csv
import os
import pickle
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from html_checks import read_page
from PIL import Image

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
STORY = DOCS / "story"
ODOMETER_CSV = STORY / "yutu2_odometer.csv"
GENERATED = shutil.ignore_patterns(
    "_build",
    "_generated",
    "auto_examples",
    "sphinx-gallery-junit.xml",
    "__pycache__",
    "*.md5",
)
PLANNED_TOPICS = {
    "01_first_look",
    "02_tracks",
    "03_light_and_shadow",
    "04_craters",
    "05_colour",
    "06_lander",
    "07_water",
}
STORY_CHAPTERS = (
    "far-side",
    "journey",
    "landing-site",
    "yutu-2",
    "instruments",
    "science",
    "after-change-4",
    "water",
)
pytestmark = pytest.mark.docs

sys.path.insert(0, str(DOCS / "_ext"))
import story_charts


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("story_site")
    shutil.copytree(DOCS, work / "docs", ignore=GENERATED)
    shutil.copytree(ROOT / "examples", work / "examples", ignore=GENERATED)
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    env.pop("LUNAR_EDU_DOCS_ONLINE", None)
    # Strict like `make html`, but without running the lessons: the story
    # pages only need the gallery's pages and thumbnails to exist.
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html"]
    command += ["-D", "plot_gallery=0", "-d", str(work / "doctrees")]
    command += [str(work / "docs"), str(work / "html")]
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    return work


def page_text(path: Path) -> str:
    # Sphinx turns ' into a typographic apostrophe; compare plain text.
    text = " ".join(read_page(path).text)
    return re.sub(r"\s+", " ", text.replace("\u2019", "'"))


def content_pages(site) -> list[Path]:
    """The pages this issue owns: landing page, story, glossary, cite, credits."""
    html = site / "html"
    pages = [html / f"{name}.html" for name in ("index", "glossary", "cite", "credits")]
    return pages + sorted((html / "story").glob("*.html"))


# --- structure -----------------------------------------------------------


def test_every_page_is_reachable_from_the_landing_page_toctree(site):
    with (site / "doctrees" / "environment.pickle").open("rb") as stream:
        env = pickle.load(stream)
    reachable, todo = set(), ["index"]
    while todo:
        doc = todo.pop()
        if doc not in reachable:
            reachable.add(doc)
            todo.extend(env.toctree_includes.get(doc, ()))
    assert reachable == set(env.found_docs)
    for chapter in (*STORY_CHAPTERS, "index", "sources"):
        assert f"story/{chapter}" in reachable
    for page in ("glossary", "cite", "credits", "pictures", "auto_examples/index"):
        assert page in reachable
    # Every built page comes from one of those documents.
    html = site / "html"
    built = {
        p.relative_to(html).with_suffix("").as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).parts[0].startswith("_")
    }
    assert built - {"genindex", "search"} == reachable


def test_story_index_links_every_chapter(site):
    text = (site / "html" / "story" / "index.html").read_text(encoding="utf-8")
    for chapter in (*STORY_CHAPTERS, "sources"):
        assert f'href="{chapter}.html"' in text


def test_glossary_has_at_least_30_terms_and_every_used_term_exists(site):
    glossary = (site / "html" / "glossary.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<dt id="(term-[^"]+)"', glossary))
    assert len(ids) >= 30
    defined = _glossary_terms(DOCS / "glossary.md")
    assert len(defined) >= 30
    used = set()
    sources = [*DOCS.rglob("*.md"), *(ROOT / "examples").rglob("*.py")]
    for path in sources:
        if "_build" in path.parts or "auto_examples" in path.parts:
            continue
        for role in re.findall(r"\{term\}`([^`]+)`", path.read_text(encoding="utf-8")):
            target = re.search(r"<([^>]+)>\s*$", role)
            term = target.group(1) if target else role
            used.add(" ".join(term.split()).lower())
    assert len(used) >= 20
    assert used <= defined, used - defined
    # The pages really link to the glossary.
    yutu = (site / "html" / "story" / "yutu-2.html").read_text(encoding="utf-8")
    assert '../glossary.html#term-Lunar-day"' in yutu


def _glossary_terms(path: Path) -> set[str]:
    block = path.read_text(encoding="utf-8").split("```{glossary}", 1)[1]
    block = block.split("```", 1)[0]
    return {
        line.strip().lower()
        for line in block.splitlines()
        if line.strip() and not line.startswith((" ", ":"))
    }


def test_every_story_chapter_ends_with_a_minigallery_of_planned_topics(site):
    for chapter in STORY_CHAPTERS:
        source = (STORY / f"{chapter}.md").read_text(encoding="utf-8")
        tail = source.rsplit("## ", 1)[1]
        assert "```{eval-rst}\n.. minigallery::" in tail, chapter
        topics = re.findall(r"\.\./examples/([^/\s]+)/plot_\*\.py", tail)
        assert topics, chapter
        assert set(topics) <= PLANNED_TOPICS, chapter
    # A glob that matches a lesson shows its thumbnail; one that matches none
    # (a topic still to come) leaves the strict build clean.
    far_side = (site / "html" / "story" / "far-side.html").read_text(encoding="utf-8")
    assert "plot_01_descent_first_look.html" in far_side
    water = (site / "html" / "story" / "water.html").read_text(encoding="utf-8")
    if not list((ROOT / "examples").glob("0[37]_*/plot_*.py")):
        assert "sphx-glr-thumbcontainer" not in water


# --- pictures -------------------------------------------------------------


def test_every_image_has_alt_text_and_every_figure_credits_its_picture(site):
    figures = 0
    for page_path in content_pages(site):
        page = read_page(page_path)
        for figure in page.figures:
            figures += 1
            assert all(alt.strip() for alt in figure.alts), page_path.name
            assert "Credit:" in figure.caption, page_path.name
            assert "Licence:" in figure.caption, page_path.name
        for image in page.images_outside_figures:
            # sphinx-gallery thumbnails sit next to a titled link, so their
            # empty alt marks them as decorative.
            if re.search(r"sphx_glr_\w+_thumb\.\w+$", image.get("src") or ""):
                continue
            assert (image.get("alt") or "").strip(), (page_path.name, image)
    # The hero, the odometer chart and two diagrams.
    assert figures >= 4


def test_the_hero_picture_is_simulated_and_says_so(site):
    page = read_page(site / "html" / "index.html")
    (hero,) = [f for f in page.figures if "SIMULATED" in f.caption]
    (alt,) = hero.alts
    assert len(alt.split()) >= 8
    assert "lunar_edu contributors (virtual Chang'e 4)" in hero.caption.replace(
        "\u2019", "'"
    )
    assert "CC BY 4.0" in hero.caption
    with Image.open(site / "docs" / "_generated" / "hero.jpg") as image:
        pixels = np.asarray(image.convert("L"), dtype=float)
    assert image.width <= 1200
    # A lit lunar scene, not a blank frame.
    assert pixels.std() > 10


def test_the_odometer_chart_is_drawn_from_its_data_file(site):
    points = story_charts.read_odometer(ODOMETER_CSV)
    page = site / "html" / "story" / "yutu-2.html"
    text = page_text(page)
    # Every point, with its distance, is in the table under the chart.
    for point in points:
        assert f"{point.date_reported} {point.label}" in text
    last = points[-1]
    (chart,) = [f for f in read_page(page).figures if "odometer" in f.caption.lower()]
    assert last.label in chart.caption
    assert last.label in chart.alts[0]
    assert last.label in page_text(site / "html" / "index.html")
    with Image.open(site / "docs" / "_generated" / "yutu2_odometer.png") as image:
        rgb = np.asarray(image.convert("RGB")).astype(int)
    assert image.size == (1200, 660)
    # The data line is drawn in its own blue.
    blue = np.all(np.abs(rgb - np.array(story_charts._LINE)) < 8, axis=-1)
    assert blue.sum() > 2000


def test_every_odometer_point_has_a_source_that_the_sources_page_lists():
    lines = [
        line
        for line in ODOMETER_CSV.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines))
    assert len(rows) >= 10
    listed = set(
        re.findall(
            r"^\(source-(s\d+)\)=", (STORY / "sources.md").read_text(), re.MULTILINE
        )
    )
    for row in rows:
        tags = [t.strip() for t in row["sources"].split(";") if t.strip()]
        assert tags, row
        assert {t.lower() for t in tags} <= listed, row
        assert row["confidence"] in ("High", "Medium"), row
    # The latest figure is the latest verified one of the fact sheet: 1,613 m.
    assert float(rows[-1]["distance_m"]) == 1613


def test_a_point_without_a_source_is_refused(tmp_path):
    text = ODOMETER_CSV.read_text(encoding="utf-8")
    broken = tmp_path / "odometer.csv"
    broken.write_text(text.replace(",S19,High", ",,High", 1), encoding="utf-8")
    with pytest.raises(story_charts.OdometerDataError, match="no source"):
        story_charts.read_odometer(broken)
    low = tmp_path / "low.csv"
    low.write_text(text.replace(",S19,High", ",S19,Low", 1), encoding="utf-8")
    with pytest.raises(story_charts.OdometerDataError, match="Low"):
        story_charts.read_odometer(low)


def test_pictures_are_redrawn_only_when_their_inputs_change(tmp_path):
    (tmp_path / "story").mkdir()
    data = tmp_path / "story" / "yutu2_odometer.csv"
    shutil.copy(ODOMETER_CSV, data)
    app = types.SimpleNamespace(srcdir=str(tmp_path))
    story_charts.generate_story_pictures(app)
    out = tmp_path / "_generated"
    outputs = ["yutu2_odometer.png", "yutu2_odometer.myst", "hero.jpg", "hero.myst"]
    first = {name: (out / name).stat().st_mtime_ns for name in outputs}

    story_charts.generate_story_pictures(app)
    assert {name: (out / name).stat().st_mtime_ns for name in outputs} == first

    data.write_text(
        data.read_text(encoding="utf-8").replace("1613,no", "1614,no"),
        encoding="utf-8",
    )
    story_charts.generate_story_pictures(app)
    assert "1,614 m" in (out / "yutu2_odometer.myst").read_text(encoding="utf-8")
    assert (out / "hero.jpg").stat().st_mtime_ns == first["hero.jpg"]


# --- facts ----------------------------------------------------------------

NEGATION = re.compile(r"\b(not|no|none|never|wrong|misnomer|isn't)\b", re.IGNORECASE)
# Errors of the 2020 article (fact sheet, section 3) and how they would read.
ALWAYS_WRONG = {
    "rover driving above the surface": r"above the (lunar )?surface",
    "five payloads": r"\bfive (scientific )?payloads\b",
    "off-road camera": r"off-road camera",
    "at least 2 kg": r"at least 2 kg",
    "1.2-ton spacecraft": r"1\.2-ton",
    "Chang'e 7 launched": r"Chang'e[ -]7 (was )?(launched|lifted off)",
    "samples 'up to' the target": r"up to 2 kg",
}
# Claims that may appear only when the sentence denies them.
ONLY_DENIED = {
    "dark side": r"dark side",
    "landed at the south pole": r"\bland(ed|s|ing)? (at|on|near) the (lunar )?south pole",
    "water at the landing site": r"\b(water|ice)\b.*\b(landing site|Chang'e 4 site)",
    "distance record": r"(distance record|farthest[- ]driving)",
}


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def test_none_of_the_2020_articles_errors_appear(site):
    offending = []
    for page_path in content_pages(site):
        text = page_text(page_path)
        for name, pattern in ALWAYS_WRONG.items():
            if re.search(pattern, text, re.IGNORECASE):
                offending.append((page_path.name, name))
        for sentence in sentences(text):
            for name, pattern in ONLY_DENIED.items():
                if re.search(pattern, sentence, re.IGNORECASE) and not NEGATION.search(
                    sentence
                ):
                    offending.append((page_path.name, name, sentence))
    assert offending == []


def test_the_corrected_statements_are_there(site):
    html = site / "html" / "story"
    landing_site = page_text(html / "landing-site.html")
    assert "45.4° S" in landing_site
    assert "not land at the lunar south pole" in landing_site
    instruments = page_text(html / "instruments.html")
    assert "nine science instruments in total" in instruments
    assert "five of its instruments" in instruments
    after = page_text(html / "after-change-4.html")
    assert "1,731 g" in after
    assert "Status not confirmed" in after
    yutu = page_text(html / "yutu-2.html")
    assert "longest-working" in yutu
    assert "not confirmed" in yutu


def test_the_checks_would_catch_the_articles_errors():
    # The patterns above must match the article's wording, or the test
    # proves nothing.
    article = (
        "The rover drove a little over 350 meters above the surface. Data from "
        "five scientific payloads. The off-road camera is mounted on top. "
        "There could be water ice at the landing site. It landed at the south "
        "pole of the dark side."
    )
    hits = {n for n, p in ALWAYS_WRONG.items() if re.search(p, article, re.IGNORECASE)}
    assert {
        "rover driving above the surface",
        "five payloads",
        "off-road camera",
    } <= hits
    denied = {
        name
        for sentence in sentences(article)
        for name, pattern in ONLY_DENIED.items()
        if re.search(pattern, sentence, re.IGNORECASE) and not NEGATION.search(sentence)
    }
    assert {
        "dark side",
        "landed at the south pole",
        "water at the landing site",
    } <= denied


def test_every_cited_source_tag_is_on_the_sources_page():
    listed = set(
        re.findall(
            r"^\(source-s(\d+)\)=", (STORY / "sources.md").read_text(), re.MULTILINE
        )
    )
    cited = set()
    for path in [*STORY.glob("*.md"), *DOCS.glob("*.md")]:
        for group in re.findall(r"\{src\}`([^`]+)`", path.read_text(encoding="utf-8")):
            cited |= {tag.strip()[1:] for tag in group.split(",")}
    assert len(cited) >= 30
    assert cited <= listed


FIXTURE_LESSON = '''"""
Tracks for a fixture
====================

A lesson that exists only in this test.
"""

print("tracks")
'''


def test_a_new_lesson_appears_in_the_minigalleries_of_an_incremental_build(
    site, tmp_path
):
    shutil.copytree(DOCS, tmp_path / "docs", ignore=GENERATED)
    # The pictures are current (same inputs), so this build does not redraw them.
    shutil.copytree(site / "docs" / "_generated", tmp_path / "docs" / "_generated")
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=GENERATED)
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html"]
    command += ["-D", "plot_gallery=0", "-d", str(tmp_path / "doctrees")]
    command += [str(tmp_path / "docs"), str(tmp_path / "html")]
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1"}
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    yutu = tmp_path / "html" / "story" / "yutu-2.html"
    assert "plot_99_story_fixture" not in yutu.read_text(encoding="utf-8")

    topic = tmp_path / "examples" / "02_tracks"
    topic.mkdir(exist_ok=True)
    if not (topic / "GALLERY_HEADER.rst").exists():
        (topic / "GALLERY_HEADER.rst").write_text("Tracks\n------\n")
    (topic / "plot_99_story_fixture.py").write_text(FIXTURE_LESSON)
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    # Only the lessons changed, yet the chapter's mini-gallery shows the new one.
    assert "plot_99_story_fixture.html" in yutu.read_text(encoding="utf-8")
