"""Text on pictures: labels, contrast, fonts (lunar_edu.annotate)."""

import inspect
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from lunar_edu.annotate import (
    AnnotationError,
    contrast_ratio,
    drawn_texts,
    label,
    relative_luminance,
    tag,
)
from lunar_edu.annotate.fonts import FONT_FILES, layout_text, text_mask, text_runs
from lunar_edu.errors import LunarEduError

BACKGROUNDS = {"black": 0, "mid-gray": 128, "white": 255}


def _dilate(mask, radius):
    """Binary dilation by a diamond: every pixel within |dx| + |dy| <= radius."""
    out = mask.copy()
    rows, cols = mask.shape
    for dy in range(-radius, radius + 1):
        for dx in range(-radius + abs(dy), radius - abs(dy) + 1):
            shifted = np.zeros_like(mask)
            shifted[max(dy, 0) : rows + min(dy, 0), max(dx, 0) : cols + min(dx, 0)] = (
                mask[max(-dy, 0) : rows + min(-dy, 0), max(-dx, 0) : cols + min(-dx, 0)]
            )
            out |= shifted
    return out


def _glyph_coverage(record):
    """Re-render a recorded text alone: 0 outside the glyphs, up to 255 inside."""
    left, top, right, bottom = record.box_px
    block = layout_text(
        record.text, record.size_px, bold=record.bold, pad_px=record.pad_px
    )
    canvas = Image.new("L", (right - left, bottom - top), 0)
    block.draw(ImageDraw.Draw(canvas), (0, 0), fill=255)
    return np.asarray(canvas)


def _measured_contrast(picture, record):
    """Contrast between a text's glyphs and the pixels right around them."""
    left, top, right, bottom = record.box_px
    pixels = np.asarray(picture)[top:bottom, left:right].astype(float)
    coverage = _glyph_coverage(record)
    # The colour actually drawn where a glyph covers a pixel most fully.
    text_rgb = np.median(pixels[coverage == coverage.max()], axis=0)
    # Tiny glyphs never cover a pixel fully, so allow some antialiasing.
    assert contrast_ratio(text_rgb, record.text_rgb) < 1.3
    # Skip the antialiased edge of each glyph: what lies 2 px out is what is
    # directly behind the text.
    ink = coverage > 0
    ring = _dilate(ink, 2) & ~_dilate(ink, 1)
    lum_text = float(relative_luminance(text_rgb))
    lum = relative_luminance(pixels[ring])
    ratios = (np.maximum(lum, lum_text) + 0.05) / (np.minimum(lum, lum_text) + 0.05)
    # The 2nd percentile: nearly every surrounding pixel must pass.
    return float(np.percentile(ratios, 2))


def _uniform(value, size=(600, 400)):
    return Image.new("RGB", size, (value, value, value))


# --- contrast ------------------------------------------------------------------


def test_contrast_ratio_matches_known_wcag_values():
    assert contrast_ratio((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast_ratio((50, 60, 70), (50, 60, 70)) == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" gray: 4.54:1.
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(
        4.54, abs=0.01
    )
    assert contrast_ratio((0, 0, 255), (255, 255, 0)) == pytest.approx(
        contrast_ratio((255, 255, 0), (0, 0, 255))
    )


def test_relative_luminance_uses_the_srgb_curve():
    # Below the 0.04045 knee the curve is linear: 10/255/12.92.
    assert float(relative_luminance((10, 10, 10))) == pytest.approx(10 / 255 / 12.92)
    assert float(relative_luminance((0, 255, 0))) == pytest.approx(0.7152)


# --- labels --------------------------------------------------------------------


def test_label_returns_a_new_picture_and_leaves_the_input_alone():
    picture = Image.new("L", (400, 300), 128)
    before = picture.tobytes()
    out = label(picture, "crater", (200, 150))
    assert picture.tobytes() == before
    assert out.size == picture.size
    assert out.mode == "RGB"
    assert np.any(np.asarray(out) != 128, axis=2).sum() > 100


def test_label_gives_identical_bytes_for_identical_calls():
    picture = _uniform(90)
    first = label(picture, "Yutu-2 玉兔二号", (100, 300), backing="box")
    second = label(picture, "Yutu-2 玉兔二号", (100, 300), backing="box")
    assert first.tobytes() == second.tobytes()


@pytest.mark.parametrize(
    "xy", [(0, 0), (599, 0), (0, 399), (599, 399), (300, 1), (598, 200)]
)
@pytest.mark.parametrize("backing", ["halo", "box"])
def test_label_text_box_lies_inside_the_picture_and_holds_the_ink(xy, backing):
    picture = _uniform(128)
    out = label(picture, "a fairly long label near an edge", xy, backing=backing)
    (record,) = drawn_texts(out)
    left, top, right, bottom = record.box_px
    assert 0 <= left < right <= 600
    assert 0 <= top < bottom <= 400
    inside = np.asarray(out)[top:bottom, left:right]
    assert (inside == record.text_rgb).all(axis=2).sum() > 50


def test_label_moves_its_text_off_the_point_it_labels():
    out = label(_uniform(128), "rock", (590, 10))
    left, top, right, bottom = drawn_texts(out)[0].box_px
    assert not (left <= 590 <= right and top <= 10 <= bottom)


@pytest.mark.parametrize("background", BACKGROUNDS)
@pytest.mark.parametrize("backing", ["halo", "box"])
def test_label_text_contrast_is_at_least_4_5_on_lunar_backgrounds(background, backing):
    picture = _uniform(BACKGROUNDS[background])
    out = label(picture, "Yutu-2 tracks", (200, 300), backing=backing)
    (record,) = drawn_texts(out)
    assert record.contrast >= 4.5
    assert _measured_contrast(out, record) >= 4.5


@pytest.mark.parametrize(
    ("level", "expected"), [(0, (255, 255, 255)), (255, (0, 0, 0))]
)
def test_label_text_takes_the_colour_that_suits_the_ground(level, expected):
    # Regression: the black outline of the label's own leader line, crossing
    # the text box, once made white text win on white ground.
    out = label(_uniform(level), "crater", (200, 300))
    assert drawn_texts(out)[0].text_rgb == expected


@pytest.mark.parametrize("text_rgb", [(255, 255, 255), (0, 0, 0)])
def test_forced_text_colour_gets_a_contrasting_halo_even_on_its_own_colour(text_rgb):
    # White text on a white picture is only readable thanks to its halo.
    picture = _uniform(text_rgb[0])
    out = label(picture, "lander", (300, 300), text_rgb=text_rgb)
    (record,) = drawn_texts(out)
    assert record.text_rgb == text_rgb
    assert _measured_contrast(out, record) >= 4.5


def test_box_backing_passes_on_a_noisy_half_black_half_white_ground():
    rng = np.random.default_rng(6)
    ground = rng.integers(0, 256, size=(400, 600, 1), dtype=np.uint8).repeat(3, axis=2)
    ground[:, :300] = 0  # black sky on the left half
    out = label(Image.fromarray(ground), "horizon", (300, 250), backing="box")
    (record,) = drawn_texts(out)
    assert _measured_contrast(out, record) >= 4.5


def test_label_looks_the_same_on_a_small_and_a_large_frame():
    small = label(_uniform(128, (1176, 864)), "crater", (500, 500))
    large = label(_uniform(128, (2352, 1728)), "crater", (1000, 1000))
    (s,), (big,) = drawn_texts(small), drawn_texts(large)
    for a, b, full in zip(s.box_px, big.box_px, (1176, 864) * 2, strict=True):
        assert b / 2 == pytest.approx(a, abs=0.01 * full)
    width_s, width_b = s.box_px[2] - s.box_px[0], big.box_px[2] - big.box_px[0]
    assert width_b / width_s == pytest.approx(2.0, rel=0.05)


def test_labels_accumulate_their_text_records():
    out = label(label(_uniform(60), "one", (100, 300)), "two", (400, 300))
    assert [r.text for r in drawn_texts(out)] == ["one", "two"]


def test_tag_sits_in_the_requested_corner():
    out = tag(_uniform(40), "Sun 10° high", corner="lower right")
    left, top, right, bottom = drawn_texts(out)[0].box_px
    assert right > 550
    assert bottom > 360
    assert left > 300
    assert top > 300


# --- fonts and Chinese -------------------------------------------------------------


def test_chinese_characters_render_as_distinct_real_glyphs():
    size = 32
    masks = [text_mask(char, size) for char in "嫦娥四号玉兔"]
    missing = text_mask("\U000f0000", size)  # a code point no font has: .notdef
    for i, mask in enumerate(masks):
        assert mask.max() > 0
        assert mask.shape != missing.shape or (mask != missing).any()
        for other in masks[i + 1 :]:
            assert mask.shape != other.shape or (mask != other).any()


def test_pillow_default_font_would_draw_tofu_which_is_why_fonts_ship():
    # Documents the problem the bundled CJK font solves (style.md rule 8).
    default = ImageFont.load_default(size=24)
    assert bytes(default.getmask("嫦")) == bytes(default.getmask("娥"))


def test_chinese_labels_differ_and_mixed_text_is_split_into_font_runs():
    picture = _uniform(128)
    first = np.asarray(label(picture, "嫦娥", (100, 300))).astype(int)
    second = np.asarray(label(picture, "玉兔", (100, 300))).astype(int)
    assert np.abs(first - second).sum() > 1000
    assert text_runs("PCAM 全景相机") == [("PCAM ", "latin"), ("全景相机", "cjk")]


def test_bundled_fonts_ship_with_their_licences_and_stay_small():
    folder = resources.files("lunar_edu").joinpath("fonts")
    names = {entry.name for entry in folder.iterdir()}
    assert set(FONT_FILES.values()) <= names
    assert {"LICENSE-DejaVu.txt", "LICENSE-Apache-2.0.txt", "README.txt"} <= names
    total = sum(folder.joinpath(n).stat().st_size for n in FONT_FILES.values())  # type: ignore[attr-defined]
    assert total < 6_000_000


# --- bad input -----------------------------------------------------------------


@pytest.mark.parametrize("xy", [(600, 10), (-1, 10), (10, 400), (10, -0.5)])
def test_label_outside_the_picture_is_refused(xy):
    with pytest.raises(AnnotationError, match="outside the 600 x 400 picture"):
        label(_uniform(0), "crater", xy)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"text": "  "}, "needs some text"),
        ({"backing": "glow"}, "backing must be"),
        ({"text": "x" * 400}, "does not fit"),
    ],
)
def test_label_bad_arguments_raise_a_lunar_edu_error(kwargs, match):
    arguments = {"text": "crater", **kwargs}
    with pytest.raises(AnnotationError, match=match) as caught:
        label(_uniform(128), xy=(100, 200), **arguments)
    assert isinstance(caught.value, LunarEduError)
    assert isinstance(caught.value, ValueError)


def test_a_mid_gray_text_colour_still_gets_a_passing_halo():
    out = label(_uniform(128), "crater", (100, 200), text_rgb=(128, 128, 128))
    record = drawn_texts(out)[0]
    assert record.backing_rgb == (0, 0, 0)  # 5.3:1, better than white's 3.9:1
    assert _measured_contrast(out, record) >= 4.5


def test_label_keeps_its_documented_call_form():
    parameters = inspect.signature(label).parameters
    assert list(parameters)[:3] == ["image", "text", "xy"]
    assert parameters["offset_px"].kind is inspect.Parameter.KEYWORD_ONLY


# --- properties ----------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    x=st.integers(0, 479),
    y=st.integers(0, 319),
    level=st.integers(0, 255),
    text=st.text(
        alphabet=st.sampled_from("abcXYZ 0129°-嫦娥四号玉兔"), min_size=1, max_size=24
    ).filter(str.strip),
    backing=st.sampled_from(["halo", "box"]),
)
def test_any_label_stays_inside_and_readable(x, y, level, text, backing):
    out = label(_uniform(level, (480, 320)), text, (x, y), backing=backing)
    (record,) = drawn_texts(out)
    left, top, right, bottom = record.box_px
    assert 0 <= left < right <= 480
    assert 0 <= top < bottom <= 320
    assert record.contrast >= 4.5
    assert _measured_contrast(out, record) >= 4.5
