"""Build the real site into a temporary folder, strictly, and check the HTML."""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from html_checks import is_remote, local_asset, page_weight_bytes, read_page
from PIL import Image
from sphinx_gallery.py_source_parser import extract_file_config

ROOT = Path(__file__).parents[1]
GENERATED = shutil.ignore_patterns(
    "_build",
    "_generated",
    "auto_examples",
    "sphinx-gallery-junit.xml",
    "__pycache__",
    "*.md5",
)
pytestmark = pytest.mark.docs
# The same strict options as `make html`.
SPHINX_OPTIONS = ("-W", "--keep-going", "-b", "html")


def sphinx_build(work: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    env.pop("LUNAR_EDU_DOCS_ONLINE", None)
    command = [sys.executable, "-m", "sphinx", *SPHINX_OPTIONS]
    command += ["-d", str(work / "doctrees"), str(work / "docs"), str(work / "html")]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def copy_site(work: Path, examples: Path = ROOT / "examples") -> None:
    shutil.copytree(ROOT / "docs", work / "docs", ignore=GENERATED)
    shutil.copytree(examples, work / "examples", ignore=GENERATED)


@pytest.fixture
def site(built_site):
    # The one strict build of the session, every lesson executed (conftest.py).
    return built_site


def html_pages(site):
    return sorted(
        p for p in (site / "html").rglob("*.html") if "_static" not in p.parts
    )


def lesson_pages(site):
    lessons = sorted((ROOT / "examples").rglob("plot_*.py"))
    return {
        lesson: site
        / "html"
        / "auto_examples"
        / lesson.parent.name
        / f"{lesson.stem}.html"
        for lesson in lessons
    }


def test_every_page_declares_its_language(site):
    pages = html_pages(site)
    assert len(pages) >= 6
    missing = [p.name for p in pages if not read_page(p).lang]
    assert missing == []


def test_no_page_loads_anything_from_another_host(site):
    remote = {}
    for page_path in html_pages(site):
        page = read_page(page_path)
        urls = [u for u in page.loads if is_remote(u)]
        urls += re.findall(
            r"url\(\s*['\"]?(?:https?:)?//[^)]*", "".join(page.inline_styles)
        )
        if urls:
            remote[page_path.name] = urls
    assert remote == {}


def test_no_stylesheet_imports_fonts_or_images_from_another_host(site):
    offenders = []
    for css in (site / "html" / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        if re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", text):
            offenders.append(css.name)
    assert offenders == []


def test_every_lesson_image_has_written_alt_text_and_a_credited_caption(site):
    for lesson, page_path in lesson_pages(site).items():
        page = read_page(page_path)
        assert page.figures, f"{lesson.name} shows no picture"
        images_dir = page_path.parents[2] / "_images"
        # Photographs as WebP, diagrams as PNG.
        saved = list(images_dir.glob(f"sphx_glr_{lesson.stem}_[0-9][0-9][0-9].*"))
        # Each picture appears exactly once on its page.
        assert len(page.figures) == len(saved)
        for figure in page.figures:
            (alt,) = figure.alts
            assert len(alt.split()) >= 4, f"{lesson.name}: alt text {alt!r} is too thin"
            assert "sphx glr" not in alt
            assert not alt.lower().endswith((".png", ".jpg"))
            assert lesson.stem.replace("_", " ") not in alt
            assert "Credit:" in figure.caption
            assert "Licence:" in figure.caption
        # Outside figures, only the decorative thumbnails may have empty alt.
        assert all(img.get("alt") for img in page.images_outside_figures)


def test_simulated_pictures_and_diagrams_say_so_in_their_caption(site):
    for page_path in lesson_pages(site).values():
        for figure in read_page(page_path).figures:
            assert (
                "Simulated picture" in figure.caption
                or "Diagram drawn by lunar_edu" in figure.caption
                or "Credit: CNSA" in figure.caption
            )


def test_no_pil_repr_leaks_onto_a_page(site):
    for page_path in lesson_pages(site).values():
        assert "PIL.Image" not in "".join(read_page(page_path).text)


def test_every_lesson_has_a_thumbnail_and_no_lesson_failed(site):
    for lesson in lesson_pages(site):
        thumbs = (
            site / "docs" / "auto_examples" / lesson.parent.name / "images" / "thumb"
        ).glob(f"sphx_glr_{lesson.stem}_thumb.*")  # fmt: skip
        # The thumbnail takes the format of the picture it is made from.
        assert [t.suffix for t in thumbs] in ([".webp"], [".png"])
    # conf.py writes the junit file next to the html/ output folder.
    suite = ET.parse(site / "sphinx-gallery-junit.xml").getroot()
    assert int(suite.get("tests")) == len(lesson_pages(site))
    assert int(suite.get("failures")) == 0
    assert int(suite.get("errors")) == 0
    cases = {c.get("classname"): c for c in suite.iter("testcase")}
    assert set(cases) == {lesson.stem for lesson in lesson_pages(site)}
    for name, case in cases.items():
        assert list(case) == [], f"{name} reported {[child.tag for child in case]}"
        assert float(case.get("time")) > 0


def lesson_tags(lesson: Path) -> list[str]:
    return extract_file_config(lesson.read_text(encoding="utf-8"))["tags"]


def test_the_gallery_can_be_filtered_by_every_lessons_tags(site):
    index = (site / "html" / "auto_examples" / "index.html").read_text("utf-8")
    # Our keyboard-friendly filter (docs/_static/gallery_tags.js), in place of
    # sphinx-gallery's sg-tags.js.
    assert "gallery_tags.js" in index
    assert "sg-tags.js" not in index
    thumbs = re.findall(r"data-sgtags='([^']*)'", index)
    assert len(thumbs) == len(lesson_pages(site))
    listed = sorted(tuple(sorted(json.loads(t))) for t in thumbs)
    expected = sorted(tuple(sorted(lesson_tags(p))) for p in lesson_pages(site))
    assert listed == expected
    for lesson, page_path in lesson_pages(site).items():
        text = " ".join(" ".join(read_page(page_path).text).split())
        assert "Tags: " + ", ".join(lesson_tags(lesson)) in text


def test_teacher_notes_link_to_every_lesson_and_the_lessons_link_back(site):
    teach = site / "html" / "teach"
    links = set()
    for page in teach.glob("*.html"):
        links |= set(
            re.findall(
                r'href="([^"#]*auto_examples/[^"#]+\.html)', page.read_text("utf-8")
            )
        )
    linked = {Path(link).stem for link in links}
    assert {lesson.stem for lesson in lesson_pages(site)} <= linked


FIXTURE_LESSON = '''
"""
Two pictures in three blocks
============================

A fixture lesson for the scraper.
"""

# %%
from PIL import Image

import lunar_edu as le

source = le.Source("simulated", "lunar_edu contributors", "CC-BY-4.0")
le.show(Image.new("L", (96, 64), 5), alt="A black rectangle.", caption="Dark.", source=source)

# %%
bright = Image.new("L", (96, 64), 250)
le.show(bright, alt="A white rectangle.", caption="Bright.", source=source)
bright

# %%
print("This block shows nothing.")

# sphinx_gallery_thumbnail_number = 2
'''

BROKEN_LESSON = '''
"""
A lesson that breaks
====================

It raises on purpose.
"""

# %%
raise RuntimeError("the fixture lesson failed on purpose")
'''


def _fixture_site(work: Path, lessons: dict[str, str]) -> Path:
    examples = work / "fixture_examples"
    topic = examples / "01_first_look"
    topic.mkdir(parents=True)
    (examples / "GALLERY_HEADER.rst").write_text("Fixture gallery\n===============\n")
    (topic / "GALLERY_HEADER.rst").write_text("Fixture topic\n-------------\n")
    for name, text in lessons.items():
        (topic / name).write_text(text)
    copy_site(work, examples)
    for page in (work / "docs").rglob("*.md"):
        page.unlink()
    (work / "docs" / "index.md").write_text(
        "# Fixture\n\n```{toctree}\nauto_examples/index\n```\n"
    )
    return work


def test_scraper_in_a_real_build_picks_the_thumbnail_and_emits_each_picture_once(
    tmp_path,
):
    work = _fixture_site(tmp_path, {"plot_01_two_pictures.py": FIXTURE_LESSON})
    run = sphinx_build(work)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    page = read_page(
        work / "html" / "auto_examples" / "01_first_look" / "plot_01_two_pictures.html"
    )
    assert [f.alts for f in page.figures] == [
        ["A black rectangle."],
        ["A white rectangle."],
    ]
    assert page.figures[1].caption.strip().startswith("Bright. Simulated picture")
    assert "PIL.Image" not in "".join(page.text)
    (thumb,) = (
        work / "docs" / "auto_examples" / "01_first_look" / "images" / "thumb"
    ).glob("sphx_glr_plot_01_two_pictures_thumb.*")  # fmt: skip
    # Simulated pictures go on the web as WebP, and so do their thumbnails.
    assert thumb.suffix == ".webp"
    with Image.open(thumb) as image:
        # sphinx_gallery_thumbnail_number = 2 chose the white picture.
        assert np.asarray(image.convert("L")).max() >= 240


def test_a_failing_lesson_fails_the_build_and_names_the_lesson(tmp_path):
    work = _fixture_site(tmp_path, {"plot_01_breaks.py": BROKEN_LESSON})
    run = sphinx_build(work)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "plot_01_breaks.py" in output
    assert "the fixture lesson failed on purpose" in output


def test_every_picture_card_links_to_the_lessons_that_teach_with_it(site):
    import lunar_edu as le

    page = (site / "html" / "pictures.html").read_text(encoding="utf-8")
    for entry in le.catalog():
        card = page.split(f'id="catalog-{entry.id}"', 1)[1].split('id="catalog-', 1)[0]
        assert "Lessons: " in card, entry.id
        assert re.search(r'href="auto_examples/\d\d_\w+/plot_\w+\.html"', card), (
            entry.id
        )


# --- light pages and pictures that carry their status (issues 13 and 15) ----
# Transferred bytes: the HTML and every asset it loads, each once; text files
# (HTML, CSS, JS) gzip-compressed as web servers send them, pictures as they are.
PAGE_BUDGET_BYTES = 1_500_000
LESSON_MEDIAN_BUDGET_BYTES = 1_000_000
LANDING_BUDGET_BYTES = 1_000_000


def test_every_page_fits_its_transfer_budget(site):
    weights = {page: page_weight_bytes(page)[0] for page in html_pages(site)}
    over = {
        page.name: size for page, size in weights.items() if size > PAGE_BUDGET_BYTES
    }
    assert over == {}
    lessons = sorted(weights[page] for page in lesson_pages(site).values())
    assert len(lessons) == len(lesson_pages(site))
    assert statistics.median(lessons) <= LESSON_MEDIAN_BUDGET_BYTES
    assert weights[site / "html" / "index.html"] <= LANDING_BUDGET_BYTES
    # The pictures themselves count: the catalogue page loads one per scene.
    _, assets = page_weight_bytes(site / "html" / "pictures.html")
    assert sum(1 for path in assets if path.suffix == ".webp") >= 10


def test_every_picture_has_its_size_and_all_but_the_first_load_lazily(site):
    checked = 0
    for page_path in html_pages(site):
        page = read_page(page_path)
        for index, (img, link) in enumerate(
            zip(page.images, page.image_links, strict=True)
        ):
            where = f"{page_path.name} {img.get('src')}"
            file = local_asset(page_path, img["src"])
            assert file is not None, where
            if file.suffix == ".svg":
                svg = file.read_text(encoding="utf-8")
                size = re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', svg)
                expected = size.groups()
            else:
                with Image.open(file) as picture:
                    expected = (str(picture.width), str(picture.height))
            assert (img.get("width"), img.get("height")) == expected, where
            assert img.get("decoding") == "async", where
            if index == 0:
                assert "loading" not in img, where
            else:
                assert img.get("loading") == "lazy", where
            if "_thumb." not in img["src"]:
                # A click opens the picture file itself, at full resolution.
                assert link is not None, where
                assert local_asset(page_path, link) == file, where
            checked += 1
    assert checked >= 60


def test_lesson_pictures_are_webp_photos_or_png_diagrams_with_status_inside(site):
    from lunar_edu.picture_file import read_picture_metadata

    kinds = set()
    for page_path in lesson_pages(site).values():
        page = read_page(page_path)
        for img in page.images:
            if "_thumb." in img["src"]:
                continue
            file = local_asset(page_path, img["src"])
            meta = read_picture_metadata(file)
            assert meta["alt"] == img["alt"], file.name
            assert "Credit:" in meta["caption"], file.name
            assert meta["licence"], file.name
            status = meta["status"]
            kinds.add(status)
            assert file.suffix == (".png" if status == "diagram" else ".webp")
            if status == "simulated":
                with Image.open(file) as picture:
                    rgb = np.asarray(picture.convert("RGB")).astype(int)
                # The status tag's blue box sits in one of the corners.
                corners = [rgb[:6, :30], rgb[:6, -30:], rgb[-6:, :30], rgb[-6:, -30:]]
                blue = [np.median(c[..., 2] - c[..., 0]) for c in corners]
                assert max(blue) > 80, file.name
    assert {"simulated", "diagram"} <= kinds


def test_gallery_thumbnails_carry_the_status_of_their_picture(site):
    from lunar_edu.picture_file import read_picture_metadata

    thumbs = sorted((site / "html" / "_images").glob("sphx_glr_*_thumb.*"))
    assert len(thumbs) >= len(lesson_pages(site))
    for thumb in thumbs:
        meta = read_picture_metadata(thumb)
        assert meta["status"] in ("simulated", "real", "diagram"), thumb.name
        assert meta["title"].startswith("Thumbnail: "), thumb.name
        assert meta["licence"], thumb.name
