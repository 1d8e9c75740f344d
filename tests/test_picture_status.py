"""Every picture carries its status: a tag in its pixels and fields in its file."""

import base64
import io
import re
import sys
import types
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from sphinx_gallery.scrapers import ImagePathIterator

from lunar_edu import Source, develop, gallery, show
from lunar_edu.annotate import contrast_ratio, label
from lunar_edu.cli import main
from lunar_edu.frame import Camera, Frame
from lunar_edu.picture_file import (
    PictureFileError,
    read_picture_metadata,
    save_picture,
)
from lunar_edu.provenance import attach_source
from lunar_edu.stamp import stamp_status, status_tag_of

SIMULATED = Source("simulated", "lunar_edu contributors", "CC-BY-4.0", "test scene")
REAL = Source("real", "CNSA/CLEP", "CC-BY-4.0", "https://example.invalid/x")
DIAGRAM = Source("diagram", "lunar_edu contributors", "CC-BY-4.0")
# sphinx-gallery's default thumbnail_size.
THUMBNAIL_PX = (400, 280)


def noisy(size=(1176, 864), seed=0, level=110):
    """A gray, grainy picture like a developed regolith frame."""
    rng = np.random.default_rng(seed)
    pixels = np.clip(rng.normal(level, 25, size[::-1]), 0, 255).astype(np.uint8)
    return Image.fromarray(pixels)


def tag_colours(image, box):
    """Return (box colour, text colour) measured in the tag's pixels."""
    region = np.asarray(image.convert("RGB").crop(box)).reshape(-1, 3)
    colours, counts = np.unique(region, axis=0, return_counts=True)
    box_rgb = colours[counts.argmax()]
    text_rgb = region[region.sum(axis=1).argmax()]
    return tuple(int(v) for v in box_rgb), tuple(int(v) for v in text_rgb)


# --- the tag in the pixels --------------------------------------------------


def test_a_simulated_picture_gets_a_small_readable_tag_in_the_lower_right():
    picture = noisy()
    tagged = stamp_status(picture, SIMULATED)
    tag = status_tag_of(tagged)
    assert tag.text == "SIMULATED · lunar_edu"
    left, top, right, bottom = tag.box_px
    assert (right, bottom) == picture.size  # flush with the lower-right corner
    # Small: under a quarter of the width and 5 % of the height.
    assert (right - left) < 0.25 * picture.width
    assert (bottom - top) < 0.05 * picture.height
    box_rgb, text_rgb = tag_colours(tagged, tag.box_px)
    # WCAG contrast measured on the drawn pixels, not taken from the record.
    assert contrast_ratio(text_rgb, box_rgb) >= 4.5
    assert contrast_ratio(text_rgb, box_rgb) == pytest.approx(tag.contrast, rel=0.01)
    # Everything outside the tag is the picture as it was.
    outside = np.asarray(tagged)[: top - 1]
    assert np.array_equal(outside[..., 0], np.asarray(picture)[: top - 1])
    assert picture.mode == "L"  # the input is untouched


def test_the_tag_scales_with_the_picture():
    small = status_tag_of(stamp_status(noisy((1176, 864)), SIMULATED)).box_px
    large = status_tag_of(stamp_status(noisy((2352, 1728)), SIMULATED)).box_px
    ratio = (large[3] - large[1]) / (small[3] - small[1])
    assert 1.8 <= ratio <= 2.2
    width_ratio = (large[2] - large[0]) / (small[2] - small[0])
    assert 1.8 <= width_ratio <= 2.2


@pytest.mark.parametrize("level", [5, 110, 230])
def test_the_tag_survives_the_gallery_thumbnail(level):
    tagged = stamp_status(noisy(level=level), SIMULATED)
    left, top, right, bottom = status_tag_of(tagged).box_px
    thumb = tagged.convert("RGB")
    thumb.thumbnail(THUMBNAIL_PX, Image.Resampling.LANCZOS)
    scale = thumb.width / tagged.width
    pixels = np.asarray(thumb).astype(int)
    inner = pixels[
        round(top * scale) + 1 : round(bottom * scale) - 1,
        round(left * scale) + 1 : round(right * scale) - 1,
    ]
    beside = pixels[round(top * scale) + 1 :, : round(left * scale) - 2]
    assert inner.shape[0] >= 5
    assert inner.shape[1] >= 40
    # A chromatic (blue) box, distinct from gray ground, black sky and glare.
    blueness = inner[..., 2] - inner[..., 0]
    assert np.median(blueness) > 60
    assert np.abs(np.median(beside[..., 2] - beside[..., 0])) < 10


def test_chinese_labels_bring_the_chinese_words_into_the_tag():
    labelled = label(noisy().convert("RGB"), "着陆器 lander", (300, 300))
    assert status_tag_of(stamp_status(labelled, SIMULATED)).text == (
        "SIMULATED 模拟图像 · lunar_edu"
    )
    plain = stamp_status(noisy(), SIMULATED, chinese=True)
    assert "模拟图像" in status_tag_of(plain).text


def test_a_tag_moves_away_from_a_label_in_the_lower_right():
    labelled = label(noisy().convert("RGB"), "rock", (1100, 850), offset_px=(-10, -5))
    tag = status_tag_of(stamp_status(labelled, SIMULATED))
    assert tag.box_px[0] == 0 or tag.box_px[1] == 0


def test_real_pictures_get_a_credit_tag_and_diagrams_none():
    real = status_tag_of(stamp_status(noisy(), REAL))
    assert real.text == "CNSA/CLEP · CC BY 4.0"
    terms = Source("real", "CNSA/CLEP", "CLEP data policy")
    assert status_tag_of(stamp_status(noisy(), terms)).text == "© CNSA/CLEP"
    diagram = noisy()
    out = stamp_status(diagram, DIAGRAM)
    assert status_tag_of(out) is None
    assert out.tobytes() == diagram.tobytes()


def test_stamping_twice_draws_one_tag():
    once = stamp_status(noisy(), SIMULATED)
    twice = stamp_status(once, SIMULATED)
    assert twice.tobytes() == once.tobytes()
    assert status_tag_of(twice) == status_tag_of(once)


def test_develop_itself_adds_no_tag(gray_frame):
    big = Frame(
        np.asarray(noisy()),
        "gray",
        8,
        Camera("TEST", 10.0, 10.0, 1176, 864),
        SIMULATED,
    )
    picture = develop(big)
    assert status_tag_of(picture) is None
    corner = np.asarray(picture)[-20:, -200:]
    assert corner.std() > 10  # grain, not a flat tag box
    assert status_tag_of(develop(gray_frame)) is None


# --- the fields in the file -------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".webp", ".jpg"])
def test_every_format_carries_title_alt_caption_credit_licence_status(tmp_path, suffix):
    path = save_picture(
        stamp_status(noisy(), SIMULATED),
        tmp_path / f"p{suffix}",
        alt="Gray ground with <small> rocks & grain.",
        caption="Look at the grain. Simulated picture.",
        title="Regolith",
        source=SIMULATED,
    )
    assert read_picture_metadata(path) == {
        "title": "Regolith",
        "alt": "Gray ground with <small> rocks & grain.",
        "caption": "Look at the grain. Simulated picture.",
        "credit": "lunar_edu contributors",
        "licence": "CC-BY-4.0",
        "status": "simulated",
    }
    with Image.open(path) as picture:
        if suffix == ".png":
            assert picture.text["Description"].startswith("Gray ground")
            assert picture.text["Status"] == "simulated"
        else:
            # A well-formed XMP packet with Dublin Core and IPTC fields.
            root = ET.fromstring(picture.info["xmp"])
            text = ET.tostring(root, encoding="unicode")
            assert "algorithmicMedia" in text
            assert "AltTextAccessibility" in text


def test_an_unknown_suffix_is_a_clear_error(tmp_path):
    with pytest.raises(PictureFileError, match=r"\.gif.*\.png"):
        save_picture(noisy(), tmp_path / "p.gif", alt="Gray.", source=SIMULATED)


def test_webp_is_much_smaller_than_png_for_a_noisy_render(tmp_path):
    picture = stamp_status(noisy(), SIMULATED)
    png = save_picture(picture, tmp_path / "a.png", alt="Gray.", source=SIMULATED)
    webp = save_picture(picture, tmp_path / "a.webp", alt="Gray.", source=SIMULATED)
    assert webp.stat().st_size < png.stat().st_size / 2


# --- every path: save, viewer, notebook, scraper, CLI -------------------------


def sourced(picture, source=SIMULATED):
    return attach_source(picture, source)


def test_script_mode_saves_a_tagged_png_with_its_fields(tmp_path, capsys):
    show(sourced(noisy()), alt="Gray ground.", caption="Look at the grain.")
    (path,) = (tmp_path / "pictures").glob("*.png")
    meta = read_picture_metadata(path)
    assert meta["status"] == "simulated"
    assert meta["alt"] == "Gray ground."
    assert meta["caption"].startswith("Look at the grain. Simulated picture")
    with Image.open(path) as picture:
        assert tag_colours(picture, (1100, 850, 1176, 864))[0] == (0, 84, 147)
    out = capsys.readouterr().out
    assert f"Saved picture to {path}" in out
    assert "Caption: Look at the grain. Simulated picture" in out


def test_showing_the_same_picture_twice_tags_each_copy_once(tmp_path):
    picture = sourced(noisy())
    show(picture, alt="Gray ground.")
    show(picture, alt="Gray ground.")
    first, second = sorted((tmp_path / "pictures").glob("*.png"))
    with Image.open(first) as a, Image.open(second) as b:
        assert a.tobytes() == b.tobytes()
    assert status_tag_of(picture) is None  # the lesson's own picture is untouched


def test_the_viewer_gets_the_tagged_picture(monkeypatch):
    opened = []
    monkeypatch.setenv("LUNAR_EDU_SHOW", "viewer")
    monkeypatch.setattr(
        gallery.ImageShow, "show", lambda image, title=None: opened.append(image) or 1
    )
    show(sourced(noisy(), REAL), alt="Gray ground.")
    (image,) = opened
    assert status_tag_of(image).text == "CNSA/CLEP · CC BY 4.0"


def test_the_notebook_figure_embeds_a_tagged_webp_with_its_fields(monkeypatch):
    displayed = []
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: object()
    display_module = types.ModuleType("IPython.display")
    display_module.display = displayed.append
    display_module.HTML = str
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    show(sourced(noisy()), alt="Gray ground.", caption="Grain.")
    (html,) = displayed
    payload = re.search(r'src="data:image/webp;base64,([^"]+)"', html).group(1)
    with Image.open(io.BytesIO(base64.b64decode(payload))) as picture:
        assert picture.format == "WEBP"
        assert b"<lunaredu:status>simulated</lunaredu:status>" in picture.info["xmp"]
        corner = np.asarray(picture.convert("RGB"))[-8:, -100:].astype(int)
    assert np.median(corner[..., 2] - corner[..., 0]) > 80
    assert "<figcaption>Grain. Simulated picture" in html


def scrape(tmp_path):
    paths = ImagePathIterator(str(tmp_path / "sphx_glr_plot_x_{0:03}.png"))
    return gallery.scraper(
        ("code", "", 1), {"image_path_iterator": paths}, {"src_dir": str(tmp_path)}
    )


def test_the_scraper_writes_photos_as_tagged_webp_and_diagrams_as_png(tmp_path):
    gallery.reset({}, "plot_x.py")
    show(sourced(noisy()), alt="Gray ground.", caption="Grain.")
    chart = sourced(Image.new("RGB", (600, 400), "white"), DIAGRAM)
    show(chart, alt="A white chart.")
    rst = scrape(tmp_path)
    photo, diagram = (
        tmp_path / "sphx_glr_plot_x_001.webp",
        tmp_path / "sphx_glr_plot_x_002.png",
    )
    assert "/sphx_glr_plot_x_001.webp" in rst
    assert "/sphx_glr_plot_x_002.png" in rst
    assert read_picture_metadata(photo)["status"] == "simulated"
    assert read_picture_metadata(photo)["caption"].startswith("Grain. Simulated")
    assert read_picture_metadata(diagram)["status"] == "diagram"
    with Image.open(diagram) as picture:
        # Diagrams keep what they have: no tag, every pixel white.
        assert np.asarray(picture).min() == 255


def test_cli_scene_and_show_write_tagged_files_with_fields(tmp_path):
    scene = tmp_path / "scene.png"
    assert main(["scene", "gray-moon", "--size", "quarter", "-o", str(scene)]) == 0
    shown = tmp_path / "shown.png"
    assert (
        main(
            [
                "show",
                "gray-moon",
                "--source",
                "simulated",
                "--size",
                "quarter",
                "-o",
                str(shown),
            ]
        )
        == 0
    )
    for path in (scene, shown):
        meta = read_picture_metadata(path)
        assert meta["status"] == "simulated", path
        assert len(meta["alt"].split()) >= 4
        with Image.open(path) as picture:
            rgb = np.asarray(picture.convert("RGB")).astype(int)
        corner = rgb[-6:, -40:]
        assert np.median(corner[..., 2] - corner[..., 0]) > 80, path


def test_a_gray_picture_keeps_its_gray_outside_the_tag():
    picture = noisy()
    tagged = np.asarray(stamp_status(picture, SIMULATED)).astype(int)
    top = tagged[:800]
    # RGB now, for the blue tag, but still gray everywhere above it.
    assert np.array_equal(top[..., 0], top[..., 2])
    assert np.array_equal(top[..., 1], np.asarray(picture)[:800])
