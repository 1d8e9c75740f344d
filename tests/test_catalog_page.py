"""The "Where the pictures come from" page, built alone in a tiny Sphinx project."""

from __future__ import annotations

import io
import re
import sys
import warnings
from html import unescape
from pathlib import Path

import numpy as np
import pytest
from html_checks import read_page
from PIL import Image
from sphinx.deprecation import RemovedInSphinx10Warning, RemovedInSphinx11Warning

import lunar_edu
from lunar_edu.camera import PCAM
from lunar_edu.catalog import catalog
from lunar_edu.frame import Frame, Source
from lunar_edu.picture_file import read_picture_metadata

ROOT = Path(__file__).parents[1]
EXT_DIR = ROOT / "docs" / "_ext"

CONF = f"""
import sys
sys.path.insert(0, {str(EXT_DIR)!r})
project = "catalog page test"
extensions = ["myst_parser", "catalog_page"]
language = "en"
"""


def fake_render(calls):
    def render_scene(recipe, *, size="full", **kwargs):
        calls.append((recipe, size))
        pixels = np.full((27, 36, 3), 110, dtype=np.uint8)
        return Frame(
            pixels=pixels,
            layout="rgb",
            bit_depth=8,
            camera=PCAM,
            source=Source(
                "simulated",
                "lunar_edu contributors (virtual Chang'e 4)",
                "CC-BY-4.0",
                origin=f"virtual Chang'e 4 scene '{recipe}', seed 0",
            ),
        )

    return render_scene


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sphinx.application import Sphinx

    work = tmp_path_factory.mktemp("catalog_page")
    src = work / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    # Source citations ({src}`S29`) and glossary terms ({term}`CNSA`) link to
    # pages this one-page project does not have; they become plain text here.
    page = (ROOT / "docs" / "pictures.md").read_text(encoding="utf-8")
    page = re.sub(r"\{src\}`([^`]*)`", r"(\1)", page)
    page = re.sub(r"\{(?:term|doc|ref)\}`([^`<]*?)\s*(?:<[^`]*>)?`", r"\1", page)
    (src / "pictures.md").write_text(page, encoding="utf-8")
    (src / "credits.md").write_text("# Credits\n", encoding="utf-8")
    (src / "index.md").write_text(
        "# Test\n\n```{toctree}\npictures\ncredits\n```\n", encoding="utf-8"
    )
    calls: list = []
    patch = pytest.MonkeyPatch()
    patch.setenv("LUNAR_EDU_OFFLINE", "1")
    patch.delenv("LUNAR_EDU_CATALOG", raising=False)
    # A stand-in that honours the render_scene contract keeps this build fast;
    # test_thumbnail_of_a_real_scene renders through the virtual Chang'e 4.
    patch.setattr(lunar_edu, "render_scene", fake_render(calls), raising=False)
    messages = io.StringIO()
    try:
        with warnings.catch_warnings():
            # Deprecation notices of other packages (myst-parser on Sphinx 9)
            # are not this page's business; Sphinx's own warnings still fail.
            warnings.filterwarnings("ignore", category=RemovedInSphinx10Warning)
            warnings.filterwarnings("ignore", category=RemovedInSphinx11Warning)
            app = Sphinx(
                src,
                src,
                work / "html",
                work / "doctrees",
                "html",
                status=io.StringIO(),
                warning=messages,
                freshenv=True,
                warningiserror=True,
            )
            app.build()
    finally:
        patch.undo()
        sys.path[:] = [p for p in sys.path if p != str(EXT_DIR)]
    assert messages.getvalue() == ""
    return work, calls


def test_every_entry_has_a_card_with_credit_and_licence(built):
    work, _ = built
    html = (work / "html" / "pictures.html").read_text(encoding="utf-8")
    for entry in catalog():
        start = html.index(f'id="catalog-{entry.id}"')
        card = html[start : html.find('id="catalog-', start + 10)]
        # Sphinx turns ' into a typographic apostrophe in text.
        card = unescape(card).replace("\u2019", "'")
        assert f"<h3>{entry.title}<" in card  # a heading to navigate by
        assert entry.caption.split(" ")[0] in card
        if entry.instrument == "illustration":
            # No real picture exists: the card says so instead of a credit.
            assert "an illustration, not a Chang'e 4 picture" in card
        else:
            assert entry.credit in card
        assert entry.licence in card
        assert "Simulated picture" in card
        for source in entry.downloads:
            assert f'href="{source.url}"' in card


def test_every_image_has_its_entry_alt_text(built):
    work, _ = built
    page = read_page(work / "html" / "pictures.html")
    alts = [alt for figure in page.figures for alt in figure.alts] + [
        img.get("alt") for img in page.images_outside_figures
    ]
    assert len(alts) == len(catalog())
    assert all(alt and alt.strip() for alt in alts)
    assert sorted(alts) == sorted(e.alt_for(simulated=True) for e in catalog())


def test_thumbnails_are_quarter_size_renders_one_per_scene(built):
    work, calls = built
    thumbnails = sorted((work / "src" / "_generated" / "catalog").glob("*.webp"))
    scenes = {e.scene for e in catalog()}
    assert {p.stem for p in thumbnails} == scenes
    copied = list((work / "html" / "_images").glob("*.webp"))
    assert len(copied) == len(scenes)
    assert sorted(calls) == sorted((scene, "quarter") for scene in scenes)


def import_extension():
    sys.path.insert(0, str(EXT_DIR))
    try:
        import catalog_page
    finally:
        sys.path.remove(str(EXT_DIR))
    return catalog_page


def test_thumbnail_of_a_real_scene(tmp_path):
    catalog_page = import_extension()
    png, source = catalog_page.render_thumbnail(
        "descent-view", tmp_path, alt="Craters seen from above.", title="Descent"
    )
    assert source.is_simulated
    assert "descent-view" in source.origin
    with Image.open(png) as picture:
        assert picture.format == "WEBP"
        # LCAM is 1024 x 1024; quarter size halves it twice.
        assert picture.size == (256, 256)
        values = np.asarray(picture.convert("L"))
        corner = np.asarray(picture.convert("RGB").crop((226, 248, 256, 256)))
    assert values.std() > 5  # a lit, cratered scene, not a blank square
    # The status tag's blue box sits in the lower-right corner.
    blue = corner[..., 2].astype(int) - corner[..., 0].astype(int)
    assert np.median(blue) > 80
    meta = read_picture_metadata(png)
    assert meta["status"] == "simulated"
    assert meta["alt"] == "Craters seen from above."
    assert meta["licence"] == source.licence
    assert png.stat().st_size < 60_000
    assert (tmp_path / "descent-view.fingerprint").is_file()


def test_a_wide_thumbnail_is_at_most_480_px_wide(tmp_path):
    catalog_page = import_extension()
    picture_path, _ = catalog_page.render_thumbnail("gray-moon", tmp_path)
    with Image.open(picture_path) as picture:
        # PCAM quarter size is 588 x 432; it is shrunk to 480 px wide.
        assert picture.size == (480, 353)


def test_thumbnails_are_not_redrawn_when_nothing_changed(built, monkeypatch):
    work, _ = built
    catalog_page = import_extension()

    def refuse(*args, **kwargs):
        msg = "redrawn"
        raise AssertionError(msg)

    monkeypatch.setattr(lunar_edu, "render_scene", refuse, raising=False)
    folder = work / "src" / "_generated" / "catalog"
    scene = catalog()[0].scene
    png, source = catalog_page.render_thumbnail(scene, folder)
    assert png.is_file()
    assert source.is_simulated
