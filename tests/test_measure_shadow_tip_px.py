"""shadow_tip_px: walk from a rock's foot away from the Sun to the shadow's tip.

Each test draws a synthetic shadow on flat, evenly lit ground, seen through a
small PCAM, so where the shadow ends is known by construction.
"""

import math

import numpy as np
import pytest
from PIL import Image

from lunar_edu.annotate import ground_distance_m
from lunar_edu.camera import PCAM, scaled_camera, world_to_pixel
from lunar_edu.frame import Frame, Source, Sun
from lunar_edu.measure import MeasureError, shadow_tip_px

CAMERA = scaled_camera(PCAM, 8)  # 294 x 216 pixels, looking north
FOOT_M = np.array([0.3, 6.0, 0.0])  # the rock's foot: 6 m north, on the ground
LIT, DARK = 180.0, 20.0
EAST_LOW = Sun(6.0, 90.0)  # the Sun 6° high in the east


def _frame(sun):
    pixels = np.zeros((CAMERA.height_px, CAMERA.width_px), np.uint16)
    return Frame(
        pixels,
        "gray",
        10,
        CAMERA,
        Source("simulated", "lunar_edu", "CC-BY-4.0"),
        sun=sun,
    )


def _ground_xy(distance_m, sun):
    """The pixel of the ground ``distance_m`` from the foot, away from ``sun``."""
    away = math.radians(sun.azimuth_deg + 180.0)
    point = FOOT_M + distance_m * np.array([math.sin(away), math.cos(away), 0.0])
    x, y = world_to_pixel(CAMERA, point)
    return float(x), float(y)


def _picture(sun, *dark_spans_m):
    """Lit ground with the walk's pixels dark over each (start, end) in metres."""
    gray = np.full((CAMERA.height_px, CAMERA.width_px), LIT)
    for start_m, end_m in dark_spans_m:
        for d in np.arange(start_m, end_m + 1e-9, 0.001):
            x, y = _ground_xy(d, sun)
            gray[round(y), round(x)] = DARK
    return gray


@pytest.mark.parametrize("azimuth_deg", [90.0, 270.0, 120.0])
def test_the_tip_is_where_the_drawn_shadow_ends(azimuth_deg):
    sun = Sun(6.0, azimuth_deg)
    frame, foot_xy = _frame(sun), _ground_xy(0.0, sun)
    tip_xy = shadow_tip_px(frame, _picture(sun, (0.0, 0.6)), foot_xy)
    assert math.dist(tip_xy, _ground_xy(0.6, sun)) < 1.5
    shadow_m, _ = ground_distance_m(frame, foot_xy, tip_xy, assume="flat ground")
    assert shadow_m == pytest.approx(0.6, abs=0.015)


def test_a_short_sunlit_gap_is_bridged_unless_lit_stretch_is_shorter():
    sun = EAST_LOW
    frame, foot_xy = _frame(sun), _ground_xy(0.0, sun)
    # 5 cm of sunlit ground (10 steps of 5 mm) inside a 0.8 m shadow.
    gray = _picture(sun, (0.0, 0.5), (0.55, 0.8))
    whole = shadow_tip_px(frame, gray, foot_xy)  # 20 steps: 10 cm
    assert math.dist(whole, _ground_xy(0.8, sun)) < 1.5
    cut = shadow_tip_px(frame, gray, foot_xy, lit_stretch=5)
    assert math.dist(cut, _ground_xy(0.5, sun)) < 1.5


def test_a_picture_and_its_gray_values_give_the_same_tip_and_nothing_changes():
    sun = EAST_LOW
    frame, foot_xy = _frame(sun), _ground_xy(0.0, sun)
    gray = _picture(sun, (0.0, 0.4))
    before = gray.copy()
    picture = Image.fromarray(gray.astype(np.uint8), "L").convert("RGB")
    tip_xy = shadow_tip_px(frame, gray, foot_xy)
    assert shadow_tip_px(frame, picture, foot_xy) == tip_xy
    assert shadow_tip_px(frame, gray, foot_xy) == tip_xy
    np.testing.assert_array_equal(gray, before)
    assert all(type(v) is float for v in tip_xy)


def test_with_no_shadow_the_tip_is_one_step_beyond_the_foot():
    sun = EAST_LOW
    frame, foot_xy = _frame(sun), _ground_xy(0.0, sun)
    tip_xy = shadow_tip_px(frame, _picture(sun), foot_xy)
    shadow_m, _ = ground_distance_m(frame, foot_xy, tip_xy, assume="flat ground")
    assert shadow_m == pytest.approx(0.005, abs=1e-6)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"sun": None}, "above the horizon"),
        ({"sun": Sun(-2.0, 90.0)}, "above the horizon"),
        ({"lit_stretch": 0}, "at least 1"),
        ({"lit_stretch": 2.5}, "whole number"),
        ({"lit_stretch": True}, "whole number"),
        ({"assume": "round ground"}, "assume must be one of"),
        ({"picture": np.zeros((10, 10))}, "developed from this frame"),
        ({"foot": (-5.0, 100.0)}, "outside the 294 x 216 picture"),
        ({"foot": (0.0, 200.0), "sun": EAST_LOW}, "leaves the picture at once"),
    ],
)
def test_bad_input_is_refused_with_a_message_that_says_what_to_do(change, match):
    sun = change.get("sun", EAST_LOW)
    frame = _frame(sun)
    picture = change.get("picture", _picture(EAST_LOW, (0.0, 0.3)))
    foot = change.get("foot", _ground_xy(0.0, EAST_LOW))
    options = {k: v for k, v in change.items() if k in ("lit_stretch", "assume")}
    with pytest.raises(MeasureError, match=match):
        shadow_tip_px(frame, picture, foot, **options)
