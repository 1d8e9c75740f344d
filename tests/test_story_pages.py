"""The story pages: built strictly, reachable, sourced, accessible and correct.

The session's one build of the real site (``built_site`` in conftest.py)
backs most tests; the odometer data and the build-time pictures are also
checked directly.
"""

import csv
import itertools
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

from lunar_edu.picture_file import read_picture_metadata

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


@pytest.fixture
def site(built_site):
    # The one strict build of the session (conftest.py): the story pages are
    # checked in the same site as the lessons, not in a second build.
    return built_site


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
    # The 404 page is shown for a missing address, never reached by a link.
    assert reachable == set(env.found_docs) - {"404"}
    for chapter in (*STORY_CHAPTERS, "index", "sources"):
        assert f"story/{chapter}" in reachable
    for page in ("glossary", "cite", "credits", "pictures", "auto_examples/index"):
        assert page in reachable
    # Every built page comes from one of those documents.
    html = site / "html"
    built = {
        p.relative_to(html).with_suffix("").as_posix()
        for p in html.rglob("*.html")
        # Assets, not pages (the API reference's pages live in _generated).
        if p.relative_to(html).parts[0] not in {"_static", "_images", "_downloads"}
    }
    assert built - {"genindex", "search", "404"} == reachable


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
        text = path.read_text(encoding="utf-8")
        # MyST pages use {term}, the lessons' reST uses :term:.
        for role in re.findall(r"(?:\{term\}|:term:)`([^`]+)`", text):
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
    hero_path = site / "docs" / "_generated" / "hero.webp"
    with Image.open(hero_path) as image:
        assert image.format == "WEBP"
        pixels = np.asarray(image.convert("L"), dtype=float)
        rgb = np.asarray(image.convert("RGB"), dtype=int)
    assert image.width <= 1200
    # The file and the pixels say it is simulated: the tag's blue box sits in
    # the lower-right corner.
    meta = read_picture_metadata(hero_path)
    assert meta["status"] == "simulated"
    assert meta["alt"] == alt.replace("\u2019", "'")
    # The file carries the SPDX id, as every other picture file does.
    assert meta["licence"] == "CC-BY-4.0"
    corner = rgb[-12:, -60:]
    assert np.median(corner[..., 2] - corner[..., 0]) > 80
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
    chart_path = site / "docs" / "_generated" / "yutu2_odometer.png"
    with Image.open(chart_path) as image:
        rgb = np.asarray(image.convert("RGB")).astype(int)
    assert image.size == (1200, 660)
    meta = read_picture_metadata(chart_path)
    assert meta["status"] == "diagram"
    assert meta["alt"] == chart.alts[0]
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
    outputs = ["yutu2_odometer.png", "yutu2_odometer.myst", "hero.webp", "hero.myst"]
    first = {name: (out / name).stat().st_mtime_ns for name in outputs}

    story_charts.generate_story_pictures(app)
    assert {name: (out / name).stat().st_mtime_ns for name in outputs} == first

    data.write_text(
        data.read_text(encoding="utf-8").replace("1613,no", "1614,no"),
        encoding="utf-8",
    )
    story_charts.generate_story_pictures(app)
    assert "1,614 m" in (out / "yutu2_odometer.myst").read_text(encoding="utf-8")
    assert (out / "hero.webp").stat().st_mtime_ns == first["hero.webp"]


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


# --- facts that were corrected (issue 13) --------------------------------
# Scanning the sources (MyST pages, lesson prose, catalogue text) is fast and
# also covers the lessons, which the module's site build does not run.


def fact_sources() -> list[Path]:
    """Every page, lesson, caption and the README where a fact can appear."""
    pages = [p for p in DOCS.rglob("*.md") if "_build" not in p.parts]
    pages = [p for p in pages if "auto_examples" not in p.parts]
    lessons = sorted((ROOT / "examples").rglob("*.py"))
    return [*pages, *lessons, ROOT / "lunar_edu" / "catalog.toml", ROOT / "README.md"]


def flat_text(path: Path) -> str:
    # Join wrapped lines (and the comment marks of lesson prose and the line
    # continuations of the catalogue) so a phrase split over two lines matches.
    text = path.read_text(encoding="utf-8").replace("\u2019", "'")
    text = re.sub(r"\\\n", " ", text)
    text = re.sub(r"\n\s*(#\s?)?", " ", text)
    return re.sub(r"\s+", " ", text)


# Wrong or outdated statements that must not appear anywhere.
NEWLY_WRONG = {
    "'the only other Statio' in the present": r"only other \"?Statio\"? on the Moon is",
    "Earth seen from the L2 point itself": r"away from Earth, from which both Earth",
    "ILRS agreement dated March 2021": r"agreement was signed in March 2021",
    "Von Kármán's floor 186 km across": r"(floor|Kármán's floor),? (about )?186 km",
    "the ionosphere blocks the whole LFS band": r"0\.1–40 MHz, which Earth's ionosphere",
    "DLR's 60 µSv/h next to the daily dose": r"\b60 µSv",
    "27 days from launch to landing": r"3 January 2019: 27 days",
    "the Sun always in the northern half of the sky": r"always stands in the northern",
    "regolith keeps prints because it is like flour": r"like flour|finger into flour",
    "the gallery subjects as pictures China released": r"pictures that China released",
    "the 2020 gallery as an anniversary release": r"anniversary release",
    "the descent light as if it were the real one": r"on a lunar afternoon\. The result",
    "no crater wall in sight, without saying simulated": r"Yet from the mast camera",
}
# Corrected statements, each on the page (or lesson) that must carry it.
CORRECTED = {
    "docs/story/landing-site.md": [
        'At the time, the only other "Statio"',
        "Statio Tianchuan",
        "Statio Shiv Shakti",
        "from rim to rim",
        "Right under the lander the basalt is buried",
    ],
    "docs/glossary.md": ["From the point itself Earth is hidden behind the Moon"],
    "docs/story/far-side.md": [
        "From the L2 point itself Earth is hidden",
        "only the low part of that band",
    ],
    "docs/story/after-change-4.md": [
        "memorandum of understanding in March 2021",
        "signed in November 2022",
        "ratified by Russia in June 2024",
        "Chang'e 7 (status unconfirmed)",
    ],
    "docs/story/instruments.md": ["blocks the low part of that band"],
    "docs/story/science.md": [
        "about 1,369 µSv per day",
        "about 57 µSv per hour",
        "first *active* measurement",
        "mission team's reading of the echoes",
        "buried under tens of metres of ejecta",
    ],
    "docs/story/journey.md": ["26 days and 8 hours"],
    "docs/teach/first-look.md": [
        "Except within about 2° of east or west",
        "not a recreation of the light during the real descent",
    ],
    "docs/teach/tracks.md": ["except within about 2° of east or west", "cohesive"],
    "examples/01_first_look/plot_01_descent_first_look.py": [
        "not a recreation of the light during the real descent"
    ],
    "examples/02_tracks/plot_03_tread_marks.py": ["cohesive"],
    "examples/05_colour/plot_02_desolate_wide_view.py": [
        "Yet in this simulated view",
        "from rim to rim",
    ],
    "docs/pictures.md": ["news gallery of Chang'e 4 images"],
    "lunar_edu/catalog.toml": ["news gallery", "from rim to rim"],
}


def newly_wrong_in(text: str) -> list[str]:
    return [
        name
        for name, pattern in NEWLY_WRONG.items()
        if re.search(pattern, text, re.IGNORECASE)
    ]


def test_none_of_the_corrected_errors_appear_anywhere():
    offending = []
    for path in fact_sources():
        raw = path.read_text(encoding="utf-8").replace("\u2019", "'")
        for name in newly_wrong_in(flat_text(path)) + newly_wrong_in(raw):
            offending.append((path.relative_to(ROOT).as_posix(), name))
    assert sorted(set(offending)) == []


def titles(path: Path) -> list[str]:
    """The headings, tab and card titles of a MyST page or a lesson."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if path.suffix == ".md":
        marks = re.compile(r"^(#{1,6}\s|:{3,}\{(tab-item|grid-item-card)\})")
        return [line for line in lines if marks.match(line)]
    # reST titles in lesson prose: a line underlined with = or -.
    stripped = [line.lstrip("# ").rstrip() for line in lines]
    return [
        above
        for above, below in itertools.pairwise(stripped)
        if above and re.fullmatch(r"[=-]{3,}", below)
    ]


def test_no_title_calls_change_7_delayed(tmp_path):
    # Its status is not confirmed by an official source (fact sheet 2.3).
    found = [
        (path.name, title)
        for path in fact_sources()
        if path.suffix in (".md", ".py")
        for title in titles(path)
        if re.search(r"delay", title, re.IGNORECASE)
    ]
    assert found == []
    tabs = titles(STORY / "after-change-4.md")
    assert ":::{tab-item} Chang'e 7 (status unconfirmed)" in tabs
    # The check sees titles of both kinds of file.
    page = tmp_path / "page.md"
    page.write_text(":::{tab-item} Chang'e 7 (delayed)\n## Launch delayed\n")
    lesson = tmp_path / "lesson.py"
    lesson.write_text('"""\nDelayed\n=======\n"""\n# %%\n# Late\n# ----\n')
    assert len(titles(page)) == 2
    assert titles(lesson) == ["Delayed", "Late"]


def test_the_newly_corrected_statements_are_there():
    missing = []
    for relative, phrases in CORRECTED.items():
        text = flat_text(ROOT / relative)
        missing += [(relative, p) for p in phrases if p not in text]
    assert missing == []


def test_the_new_checks_would_catch_the_old_wording():
    # The old wording of each corrected statement, as it stood before issue 13.
    old = [
        'The only other "Statio" on the Moon is Apollo 11\'s Statio Tranquillitatis.',
        (
            "The Lagrange point beyond the Moon on the side away from Earth, "
            "from which both Earth and the far side can be seen."
        ),
        "the agreement was signed in March 2021 and ratified by Russia in 2024.",
        "Then make the scale vivid: Von Kármán's floor, about 186 km across.",
        "Listens to radio waves at about 0.1–40 MHz, which Earth's ionosphere blocks.",
        "about 60 µSv per hour",
        "From 7 December 2018 to 3 January 2019: 27 days.",
        "It always stands in the northern half of the sky.",
        "Fine, loose regolith, like flour, takes the shape of the wheel.",
        "the subjects of the pictures that China released in January 2020",
        "The fourteen subjects of the January 2020 anniversary release",
        "as it stands at the landing site on a lunar afternoon. The result is a",
        "Yet from the mast camera, 1.5 m above the ground, not one of the walls.",
    ]
    caught = {name for sentence in old for name in newly_wrong_in(sentence)}
    assert caught == set(NEWLY_WRONG)


# --- jargon ---------------------------------------------------------------
# Words a 13-18-year-old may not know. Each is a glossary term, and every page
# or lesson whose prose uses it links it to the glossary ({term} in MyST,
# :term: in the lessons' reST), so a reader can look it up.
JARGON = {
    "UTC": r"\bUTC\b",
    "Ionosphere": r"\bionosphere\b",
    "MHz": r"\bMHz\b",
    "kHz": r"\bkHz\b",
    "NCLE": r"\bNCLE\b",
    "Spectrometer": r"\bspectrometer\b",
    "Solar wind": r"\bsolar[- ]wind\b",
    "µGy": r"µGy",
    "µSv": r"µSv",
    "Gabbro": r"\bgabbro\b",
    "Volatiles": r"\bvolatiles\b",
    "Azimuth": r"\bazimuth\b",
    "Declination": r"\bdeclination\b",
    "Kelvin": r"\b\d+ K\b",
    "LPI": r"\bLPI\b",
    "NSSDC": r"\bNSSDC\b",
    "CAS": r"\bCAS\b",
    "DLR": r"\bDLR\b",
    "NSSC": r"\bNSSC\b",
    "ASTRON": r"\bASTRON\b",
    "IRF": r"\bIRF\b",
    "CNSA": r"\bCNSA\b",
    "CLEP": r"\bCLEP\b",
    "GRAS": r"\bGRAS\b",
    "IAU": r"\bIAU\b",
    "LRO": r"\bLRO\b",
    "ISS": r"\bISS\b",
}
# Acronyms of agencies and programmes are checked on the reading pages; the
# lessons name CNSA/CLEP only in credit lines, which link the credits page.
PAGE_ONLY = {"LPI", "NSSDC", "CAS", "DLR", "NSSC", "ASTRON", "IRF", "CNSA", "CLEP"}
PAGE_ONLY |= {"GRAS", "IAU", "LRO", "ISS"}
# In the lessons and teacher pages "seed" is always the random seed; on the
# story pages it is also a cotton seed, so it is checked only there.
LESSON_ONLY = {"Random seed": r"\bseeds?\b"}
# The names of the mission and its places, with their meanings in the glossary.
NAMES = ["Chang'e", "Yutu", "Queqiao", "Tianhe", "Zhinyu", "Hegu", "Tianjin"]


def reading_pages() -> list[Path]:
    story = [p for p in sorted(STORY.glob("*.md")) if p.name != "sources.md"]
    own = ["index.md", "pictures.md", "credits.md", "cite.md"]
    return [DOCS / name for name in own] + story


def lesson_prose(path: Path) -> str:
    # The docstring and the comment blocks: what the gallery shows as text.
    text = path.read_text(encoding="utf-8")
    docstring = text.split('"""', 2)[1] if text.startswith('"""') else ""
    comments = [
        line.lstrip()[1:]
        for line in text.splitlines()
        if line.lstrip().startswith("#") and "sphinx_gallery_" not in line
    ]
    return docstring + "\n" + "\n".join(comments)


def linked_terms(text: str) -> set[str]:
    roles = re.findall(r"(?:\{term\}|:term:)`([^`]+)`", text)
    terms = set()
    for role in roles:
        target = re.search(r"<([^>]+)>\s*$", role)
        terms.add(" ".join((target.group(1) if target else role).split()).lower())
    return terms


# Other names of the same glossary entry that a link may use.
ALIASES = {"Random seed": {"seed"}, "Kelvin": {"k"}, "MHz": {"hz", "hertz"}}


def unlinked_jargon(text: str, jargon: dict[str, str]) -> list[str]:
    # Ignore the text of roles ({src}`S1`, :term:`...`); inline code such as
    # ``seed`` still counts, since the reader meets the word there.
    prose = re.sub(r"(\{\w+\}|:[\w:]+:)`[^`]*`", " ", text)
    links = linked_terms(text)
    return [
        term
        for term, pattern in jargon.items()
        if re.search(pattern, prose, re.IGNORECASE if term[0].islower() else 0)
        and not ({term.lower()} | ALIASES.get(term, set())) & links
    ]


def test_every_jargon_word_and_name_is_a_glossary_term():
    defined = _glossary_terms(DOCS / "glossary.md")
    wanted = {t.lower() for t in [*JARGON, *LESSON_ONLY, *NAMES]}
    assert wanted - defined == set()


def test_every_page_and_lesson_links_the_jargon_it_uses():
    everywhere = {k: v for k, v in JARGON.items() if k not in PAGE_ONLY}
    # Lesson-level words are case-sensitive only for acronyms.
    case_free = {k: f"(?i:{v})" for k, v in everywhere.items() if not k.isupper()}
    everywhere.update(case_free)
    offending = []
    for page in reading_pages():
        text = page.read_text(encoding="utf-8")
        jargon = {**everywhere, **{k: JARGON[k] for k in PAGE_ONLY}}
        offending += [(page.name, t) for t in unlinked_jargon(text, jargon)]
    lesson_jargon = {**everywhere, **LESSON_ONLY}
    for lesson in sorted((ROOT / "examples").rglob("plot_*.py")):
        text = lesson_prose(lesson)
        offending += [(lesson.name, t) for t in unlinked_jargon(text, lesson_jargon)]
    for teach in sorted((DOCS / "teach").glob("*.md")):
        text = teach.read_text(encoding="utf-8")
        offending += [(teach.name, t) for t in unlinked_jargon(text, lesson_jargon)]
    assert offending == []


def test_the_jargon_check_would_catch_an_unlinked_word():
    text = "Times are in UTC. The Sun's azimuth is 90°, in {term}`MHz`."
    assert unlinked_jargon(text, JARGON) == ["UTC", "Azimuth"]
    linked = "Times are in {term}`UTC`. The Sun's :term:`azimuth <Azimuth>` is 90°."
    assert unlinked_jargon(linked, JARGON) == []
    assert unlinked_jargon("Change ``seed`` to 3.", LESSON_ONLY) == ["Random seed"]


def test_the_story_says_what_the_names_mean():
    story = " ".join(
        flat_text(page) for page in [DOCS / "index.md", *STORY.glob("*.md")]
    )
    for meaning in ("goddess of the Moon", "Jade Rabbit", "Magpie Bridge"):
        assert meaning in story, meaning
    assert "Milky Way" in flat_text(STORY / "landing-site.md")
    glossary = flat_text(DOCS / "glossary.md")
    for meaning in ('"Jade Rabbit"', '"Magpie Bridge"', "Weaver Girl"):
        assert meaning in glossary, meaning


FIXTURE_LESSON = '''"""
{title}
{underline}

A lesson that exists only in this test.
"""

print("tracks")
'''

# A small site with the real mini-gallery extension: a story page whose
# mini-gallery lists a topic folder by file glob, and that folder's lessons.
MINI_CONF = f"""
import sys
sys.path.insert(0, {str(DOCS / "_ext")!r})
project = "mini-gallery fixture"
extensions = ["myst_parser", "sphinx_gallery.gen_gallery", "story_lessons"]
exclude_patterns = ["_build"]
sphinx_gallery_conf = {{
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": "/plot_",
    "image_scrapers": ("lunar_edu.gallery.scraper",),
    "reset_modules": ("lunar_edu.gallery.reset",),
    "write_computation_times": False,
    "download_all_examples": False,
}}
"""
MINI_INDEX = """# Fixture

```{toctree}
story/yutu-2
auto_examples/index
```
"""
MINI_STORY = """# Yutu-2

```{eval-rst}
.. minigallery:: ../examples/02_tracks/plot_*.py
```
"""


def write_lesson(folder: Path, stem: str, title: str) -> None:
    text = FIXTURE_LESSON.format(title=title, underline="=" * len(title))
    (folder / f"{stem}.py").write_text(text, encoding="utf-8")


def test_a_new_lesson_appears_in_the_minigalleries_of_an_incremental_build(tmp_path):
    docs = tmp_path / "docs"
    (docs / "story").mkdir(parents=True)
    (docs / "conf.py").write_text(MINI_CONF, encoding="utf-8")
    (docs / "index.md").write_text(MINI_INDEX, encoding="utf-8")
    (docs / "story" / "yutu-2.md").write_text(MINI_STORY, encoding="utf-8")
    topic = tmp_path / "examples" / "02_tracks"
    topic.mkdir(parents=True)
    (tmp_path / "examples" / "GALLERY_HEADER.rst").write_text("Lessons\n=======\n")
    (topic / "GALLERY_HEADER.rst").write_text("Tracks\n------\n")
    write_lesson(topic, "plot_01_first_tracks", "First tracks")
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b"]
    command += [
        "html",
        "-d",
        str(tmp_path / "doctrees"),
        str(docs),
        str(tmp_path / "html"),
    ]
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    yutu = tmp_path / "html" / "story" / "yutu-2.html"
    assert "plot_01_first_tracks.html" in yutu.read_text(encoding="utf-8")
    assert "plot_99_story_fixture" not in yutu.read_text(encoding="utf-8")

    write_lesson(topic, "plot_99_story_fixture", "Tracks for a fixture")
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    # Only the lessons changed, yet the chapter's mini-gallery shows the new one.
    assert "plot_99_story_fixture.html" in yutu.read_text(encoding="utf-8")
