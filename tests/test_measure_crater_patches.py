"""crater_patches: a threshold row by row, then a paint bucket in each ring."""

import numpy as np
import pytest
from PIL import Image

from lunar_edu.measure import MeasureError, crater_patches

PLAIN = 200  # brightness of the synthetic plain (0 black, 255 white)


def _picture(gray):
    """A gray picture from an array of brightness, one value per pixel."""
    return Image.fromarray(np.asarray(gray, dtype=np.uint8), mode="L")


def _box(left, top, right, bottom):
    """A ring as the four corners of a box, (x, y) pixels."""
    return [(left, top), (right, top), (right, bottom), (left, bottom)]


def _plain_with(*dark_boxes, shape=(60, 100)):
    """A plain with dark rectangles (rows, columns slices) in it."""
    gray = np.full(shape, PLAIN)
    for rows, cols in dark_boxes:
        gray[rows, cols] = 30
    return gray


def test_a_dark_bowl_is_painted_whole_and_nothing_else():
    gray = _plain_with((slice(20, 30), slice(30, 60)))
    (patch,) = crater_patches(_picture(gray), [(45, 25)], [_box(28, 18, 62, 32)])
    assert patch.shape == gray.shape
    assert patch.dtype == bool
    # The blur softens the edges by at most two pixels; the core is all in.
    assert patch[22:28, 32:58].all()
    assert not patch[:17].any()
    assert not patch[33:].any()
    assert not patch[:, :27].any()
    assert not patch[:, 63:].any()


def test_the_paint_runs_on_beyond_the_ring():
    gray = _plain_with((slice(20, 30), slice(10, 90)))
    (patch,) = crater_patches(_picture(gray), [(50, 25)], [_box(40, 15, 60, 35)])
    assert patch[25, 12]
    assert patch[25, 88]


def test_a_ring_with_no_dark_pixels_gives_none():
    gray = _plain_with((slice(20, 30), slice(30, 60)))
    rings = [_box(28, 18, 62, 32), _box(70, 40, 95, 55)]
    patches = crater_patches(_picture(gray), [(45, 25), (82, 47)], rings)
    assert patches[0] is not None
    assert patches[1] is None


def test_a_crater_on_a_bigger_one_joins_it():
    gray = _plain_with((slice(20, 30), slice(20, 80)))
    rings = [_box(18, 18, 82, 32), _box(60, 20, 75, 30)]  # the small one inside
    big, small = crater_patches(_picture(gray), [(50, 25), (67, 25)], rings)
    assert big[25, 67]
    assert small is None


def test_the_paint_starts_at_the_dark_pixel_nearest_the_centre():
    gray = _plain_with((slice(20, 30), slice(10, 30)), (slice(20, 30), slice(60, 90)))
    ring = _box(5, 15, 95, 35)  # holds both dark boxes
    (near_right,) = crater_patches(_picture(gray), [(70, 25)], [ring])
    assert near_right[25, 75]
    assert not near_right[25, 20]
    (near_left,) = crater_patches(_picture(gray), [(35, 25)], [ring])
    assert near_left[25, 20]
    assert not near_left[25, 75]


def test_each_row_is_compared_with_the_plain_in_that_row():
    # The plain brightens from 100 at the top to 250 at the bottom: a patch
    # of 130 near the bottom is dark there, though brighter than the top.
    gray = np.repeat(np.linspace(100, 250, 80)[:, None], 100, axis=1)
    gray[60:70, 40:60] = 130
    (patch,) = crater_patches(_picture(gray), [(50, 65)], [_box(35, 55, 65, 75)])
    assert patch[62:68, 42:58].all()
    assert not patch[:50].any()


def test_a_lower_dark_fraction_asks_for_darker_pixels():
    gray = _plain_with((slice(20, 30), slice(30, 60)))
    gray[20:30, 30:60] = 100  # half as bright as the plain
    picture, centre, ring = _picture(gray), [(45, 25)], [_box(28, 18, 62, 32)]
    assert crater_patches(picture, centre, ring, 0.6)[0] is not None
    assert crater_patches(picture, centre, ring, 0.4)[0] is None


def test_a_colour_picture_gives_the_patch_of_its_gray_twin():
    gray = _plain_with((slice(20, 30), slice(30, 60)))
    colour = Image.fromarray(np.repeat(gray[..., None], 3, axis=2).astype(np.uint8))
    args = ([(45, 25)], [_box(28, 18, 62, 32)])
    before = np.asarray(colour).copy()
    (from_colour,) = crater_patches(colour, *args)
    (from_gray,) = crater_patches(_picture(gray), *args)
    np.testing.assert_array_equal(from_colour, from_gray)
    np.testing.assert_array_equal(np.asarray(colour), before)  # not modified


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"dark_fraction": 1.5}, "between 0 and 1"),
        ({"picture": np.zeros((10, 10))}, "Pillow image"),
        ({"centres_px": [(5, 5), (6, 6)]}, "one ring per centre"),
        ({"rings_px": [[(1, 1), (8, 8)]]}, "at least three"),
        ({"rings_px": [np.zeros((4, 3))]}, r"shape \(N, 2\)"),
    ],
)
def test_bad_input_says_what_was_expected(kwargs, words):
    args = {
        "picture": _picture(np.full((10, 10), PLAIN)),
        "centres_px": [(5, 5)],
        "rings_px": [_box(2, 2, 8, 8)],
    }
    with pytest.raises(MeasureError, match=words):
        crater_patches(**(args | kwargs))
