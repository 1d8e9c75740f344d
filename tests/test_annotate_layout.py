"""Caption bands with the SIMULATED badge, panels, and the Sun compass."""

import dataclasses
import inspect

import numpy as np
import pytest
from PIL import Image

from lunar_edu.annotate import (
    AnnotationError,
    caption_band,
    contrast_ratio,
    drawn_texts,
    grid,
    label,
    side_by_side,
    sun_compass,
    wrap_text,
)
from lunar_edu.annotate.fonts import layout_text
from lunar_edu.camera import LCAM, PCAM_PAN
from lunar_edu.frame import Frame, Source, Sun
from lunar_edu.provenance import attach_source, source_of

ORANGE = (230, 159, 0)
SIMULATED = Source(
    "simulated", "lunar_edu contributors (virtual Chang'e 4)", "CC-BY-4.0"
)
REAL = Source("real", "CNSA/CLEP", "CC-BY-4.0", origin="iau1901a")


def _picture(source=None, size=(600, 400), value=70):
    picture = Image.new("RGB", size, (value,) * 3)
    return attach_source(picture, source) if source else picture


def _texts(image):
    return [t.text for t in drawn_texts(image)]


def _assert_all_text_inside(image):
    assert drawn_texts(image)
    for record in drawn_texts(image):
        left, top, right, bottom = record.box_px
        assert 0 <= left < right <= image.width, record
        assert 0 <= top < bottom <= image.height, record
        assert record.contrast >= 4.5, record


def _badge_pixels(image, top=0):
    return int((np.asarray(image)[top:] == ORANGE).all(axis=2).sum())


# --- caption band -----------------------------------------------------------------


def test_caption_band_on_a_simulated_picture_carries_the_badge_and_credit():
    out = caption_band(_picture(SIMULATED), title="Descent view", caption="Craters.")
    assert out.width == 600
    assert out.height > 400
    assert "SIMULATED" in _texts(out)
    assert _badge_pixels(out, top=400) > 500
    credit = _texts(out)[-1].replace("\n", " ")
    assert "Simulated picture" in credit
    assert "Licence: CC-BY-4.0." in credit
    assert source_of(out) == SIMULATED
    _assert_all_text_inside(out)


def test_caption_band_on_a_real_picture_has_no_badge():
    out = caption_band(_picture(REAL), title="Panorama")
    assert "SIMULATED" not in _texts(out)
    assert _badge_pixels(out) == 0
    assert "Credit: CNSA/CLEP." in _texts(out)[-1].replace("\n", " ")


def test_simulated_badge_cannot_be_suppressed_by_claiming_a_real_source():
    # The image says simulated; a caller passing a real source must not hide it.
    out = caption_band(_picture(SIMULATED), title="Tracks", source=REAL)
    assert "SIMULATED" in _texts(out)
    assert source_of(out).is_simulated
    # And there is no switch to turn the badge off.
    names = set(inspect.signature(caption_band).parameters)
    assert names == {"image", "title", "caption", "source"}


def test_simulated_source_passed_for_an_unmarked_picture_gets_the_badge():
    pixels = np.zeros((LCAM.height_px, LCAM.width_px), np.uint8)
    frame = Frame(pixels, "gray", 8, LCAM, SIMULATED)
    out = caption_band(_picture(size=(1024, 1024)), title="Descent", source=frame)
    assert "SIMULATED" in _texts(out)


def test_caption_band_refuses_a_picture_nobody_credits():
    with pytest.raises(AnnotationError, match="whose picture"):
        caption_band(_picture(), title="Mystery")
    with pytest.raises(AnnotationError, match="title"):
        caption_band(_picture(SIMULATED), title=" ")


def test_caption_band_keeps_the_picture_and_its_earlier_text():
    picture = label(_picture(SIMULATED), "crater", (300, 200))
    out = caption_band(picture, title="One crater")
    assert np.array_equal(np.asarray(out)[:400], np.asarray(picture))
    assert _texts(out)[0] == "crater"


def test_caption_band_writes_chinese_titles_with_real_glyphs():
    first = caption_band(_picture(SIMULATED), title="嫦娥四号")
    second = caption_band(_picture(SIMULATED), title="玉兔二号")
    band_a = np.asarray(first)[400:].astype(int)
    band_b = np.asarray(second)[400:].astype(int)
    assert np.abs(band_a - band_b).sum() > 1000


def test_caption_band_wraps_a_long_caption_inside_the_picture_width():
    caption = "The rover's wheels leave two parallel tracks in the soft regolith. " * 4
    out = caption_band(_picture(SIMULATED), title="Tracks", caption=caption)
    assert any(text.count("\n") >= 2 for text in _texts(out))
    _assert_all_text_inside(out)


def test_caption_band_scales_with_the_picture():
    small = caption_band(_picture(SIMULATED, (1176, 864)), title="T", caption="C")
    large = caption_band(_picture(SIMULATED, (2352, 1728)), title="T", caption="C")
    assert (large.height - 1728) / (small.height - 864) == pytest.approx(2.0, rel=0.06)


def test_caption_band_is_deterministic():
    first = caption_band(_picture(SIMULATED), title="月球背面", caption="Far side.")
    second = caption_band(_picture(SIMULATED), title="月球背面", caption="Far side.")
    assert first.tobytes() == second.tobytes()


# --- wrapping ------------------------------------------------------------------------


def test_wrap_text_keeps_every_line_within_the_width():
    text = "Chang'e 4 landed in Von Kármán crater 嫦娥四号着陆于冯·卡门撞击坑内"
    wrapped = wrap_text(text, 20, 200)
    lines = wrapped.split("\n")
    assert len(lines) >= 3
    assert all(layout_text(line, 20).width_px <= 200 for line in lines)
    assert "".join(wrapped.split()) == "".join(text.split())


# --- panels -------------------------------------------------------------------------


def test_side_by_side_puts_labelled_panels_in_one_row():
    panels = [_picture(SIMULATED, value=v) for v in (30, 120, 220)]
    row = side_by_side(panels, labels=["Sun 5°", "Sun 30°", "Sun 60°"])
    assert row.height == 400
    assert row.width >= 1800
    assert _texts(row) == ["Sun 5°", "Sun 30°", "Sun 60°"]
    lefts = [t.box_px[0] for t in drawn_texts(row)]
    assert lefts == sorted(lefts)
    assert lefts[1] > 600
    assert lefts[2] > 1200
    assert source_of(row) == SIMULATED
    _assert_all_text_inside(row)


def test_side_by_side_scales_panels_to_the_smallest_height():
    row = side_by_side([_picture(REAL, (600, 400)), _picture(REAL, (300, 200))])
    assert row.height == 200


def test_mixed_real_and_simulated_panels_each_say_which_is_simulated():
    row = side_by_side([_picture(REAL), _picture(SIMULATED)], labels=["real", "sim"])
    records = drawn_texts(row)
    badges = [r for r in records if r.text == "SIMULATED"]
    assert len(badges) == 1
    assert badges[0].box_px[0] > 600
    orange = (np.asarray(row) == ORANGE).all(axis=2)
    assert orange[:, 600:].sum() > 200
    assert orange[:, :600].sum() == 0
    assert source_of(row).is_simulated
    assert "SIMULATED" in _texts(caption_band(row, title="Real and simulated"))


def test_grid_wraps_panels_into_rows():
    panels = [_picture(REAL, (300, 200)) for _ in range(3)]
    out = grid(panels, columns=2, labels=["a", "b", "c"])
    gap = max(2, round(0.01 * 200))
    assert out.size == (600 + gap, 400 + gap)
    assert [t.box_px[1] > 200 for t in drawn_texts(out)] == [False, False, True]


def test_grid_refuses_bad_arguments():
    with pytest.raises(AnnotationError, match="non-empty"):
        grid([], columns=2)
    with pytest.raises(AnnotationError, match="columns"):
        grid([_picture()], columns=0)
    with pytest.raises(AnnotationError, match="one per picture"):
        grid([_picture(), _picture()], columns=2, labels=["only one"])
    with pytest.raises(AnnotationError, match="gap_px"):
        grid([_picture(), _picture()], columns=2, gap_px=-4)


# --- Sun compass ----------------------------------------------------------------


def _sun_dot_x(picture):
    yellow = (np.asarray(picture) == (240, 228, 66)).all(axis=2)
    return float(np.flatnonzero(yellow.any(axis=0)).mean())


def test_sun_compass_puts_the_sun_on_the_side_it_shines_from():
    east = sun_compass(_picture(value=120), Sun(10.0, 90.0))
    west = sun_compass(_picture(value=120), Sun(10.0, 270.0))
    overhead = sun_compass(_picture(value=120), Sun(89.0, 90.0))
    assert _sun_dot_x(east) > _sun_dot_x(overhead) > _sun_dot_x(west)
    assert "Sun 10° high\nazimuth 90°" in _texts(east)
    _assert_all_text_inside(east)
    # A grazing polar Sun keeps its decimal: "0°" would say it had set.
    polar = sun_compass(_picture(value=120), Sun(0.5, 180.0), corner="lower left")
    assert "Sun 0.5° high\nazimuth 180°" in _texts(polar)
    _assert_all_text_inside(polar)


def test_sun_compass_turns_with_a_camera_looking_straight_down():
    pixels = np.zeros((LCAM.height_px, LCAM.width_px), np.uint8)
    camera = dataclasses.replace(LCAM, yaw_deg=90.0)
    frame = Frame(pixels, "gray", 8, camera, SIMULATED, sun=Sun(10.0, 90.0))
    # With the picture's top toward the east, an eastern Sun sits at the top
    # of the disc and north (N) on its left.
    out = sun_compass(Image.new("RGB", (1024, 1024)), frame=frame)
    yellow = (np.asarray(out) == (240, 228, 66)).all(axis=2)
    rows, cols = np.nonzero(yellow)
    n_box = next(t for t in drawn_texts(out) if t.text == "N").box_px
    assert rows.mean() < n_box[1] - 10
    assert cols.mean() > n_box[2] + 5


def test_sun_compass_shows_the_view_of_an_oblique_camera():
    pixels = np.zeros((PCAM_PAN.height_px, PCAM_PAN.width_px), np.uint8)
    frame = Frame(pixels, "gray", 8, PCAM_PAN, SIMULATED, sun=Sun(30.0, 200.0))
    out = np.asarray(sun_compass(Image.new("RGB", (1176, 864)), frame=frame))
    assert (out == (86, 180, 233)).all(axis=2).sum() > 20


def test_sun_compass_looks_the_same_on_a_small_and_a_large_frame():
    small = sun_compass(_picture(size=(1176, 864)), Sun(20, 270))
    large = sun_compass(_picture(size=(2352, 1728)), Sun(20, 270))
    a = drawn_texts(small)[-1].box_px
    b = drawn_texts(large)[-1].box_px
    assert (b[2] - b[0]) / (a[2] - a[0]) == pytest.approx(2.0, rel=0.08)
    assert b[0] / 2 == pytest.approx(a[0], abs=12)


def test_sun_compass_needs_a_sun():
    with pytest.raises(AnnotationError, match="Sun's position"):
        sun_compass(_picture())
    with pytest.raises(AnnotationError, match="corner"):
        sun_compass(_picture(), Sun(10, 10), corner="middle")


def test_sun_compass_text_is_white_on_a_dark_disc():
    out = sun_compass(_picture(value=250), Sun(45, 180))
    for record in drawn_texts(out):
        assert record.text_rgb == (255, 255, 255)
        assert contrast_ratio(record.text_rgb, record.backing_rgb) >= 4.5
