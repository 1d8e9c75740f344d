"""Marks and measurements: arrows, rings, polylines, scale bars, measure."""

import dataclasses
import math

import numpy as np
import pytest
from PIL import Image

from lunar_edu.annotate import (
    AnnotationError,
    arrow,
    crater_outline_px,
    drawn_texts,
    format_length,
    ground_distance_m,
    measure,
    nice_length_m,
    polyline,
    ring,
    scale_bar,
)
from lunar_edu.camera import LCAM, PCAM, PCAM_PAN, ground_sample_distance
from lunar_edu.frame import Frame, Source, Truth

YELLOW = (240, 228, 66)
SIMULATED = Source(
    "simulated", "lunar_edu contributors (virtual Chang'e 4)", "CC-BY-4.0"
)


def _frame(camera, *, truth=None):
    pixels = np.full((camera.height_px, camera.width_px), 100, np.uint8)
    return Frame(pixels, "gray", 8, camera, SIMULATED, truth=truth)


def _picture(frame):
    return Image.new("RGB", (frame.camera.width_px, frame.camera.height_px), (90,) * 3)


def _longest_white_run(picture):
    white = (np.asarray(picture) == 255).all(axis=2)
    best = 0
    for row in white:
        padded = np.concatenate([[0], row.astype(int), [0]])
        edges = np.flatnonzero(np.diff(padded))
        if edges.size:
            best = max(best, int((edges[1::2] - edges[::2]).max()))
    return best


def _flat_ground_point(camera, x, y):
    """Independent ray-plane intersection, east-north-up, camera at its height."""
    yaw, pitch = math.radians(camera.yaw_deg), math.radians(camera.pitch_deg)
    forward = np.array(
        [
            math.sin(yaw) * math.cos(pitch),
            math.cos(yaw) * math.cos(pitch),
            math.sin(pitch),
        ]
    )
    right = np.array([math.cos(yaw), -math.sin(yaw), 0.0])
    down = np.cross(forward, right)
    f_px = camera.focal_length_mm / (camera.pixel_size_um * 1e-3)
    cx, cy = camera.centre_px
    ray = (x - cx) * right + (y - cy) * down + f_px * forward
    height = camera.height_above_ground_m
    return np.array([0.0, 0.0, height]) + ray * (height / -ray[2])


LCAM_100M = dataclasses.replace(LCAM, height_above_ground_m=100.0)


# --- nice lengths and formatting -------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(7.3, 5.0), (20.0, 20.0), (0.14, 0.1), (1.99, 1.0), (250.0, 200.0), (0.5, 0.5)],
)
def test_nice_length_is_the_longest_round_length_that_fits(limit, expected):
    assert nice_length_m(limit) == expected


@pytest.mark.parametrize("limit", [0.0, -3.0, float("nan")])
def test_nice_length_refuses_non_positive_limits(limit):
    with pytest.raises(AnnotationError, match="positive"):
        nice_length_m(limit)


def test_format_length_picks_a_readable_unit():
    assert [format_length(v) for v in (0.2, 1.0, 12.5, 2500.0)] == [
        "20 cm",
        "1 m",
        "12.5 m",
        "2.5 km",
    ]


# --- scale bars ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metres_per_px", "length_m", "expected_px"),
    [(0.05, 5.0, 100), (0.0784, 10.0, 128), (0.013, 1.0, 77)],
)
def test_scale_bar_for_a_known_gsd_has_the_right_length(
    metres_per_px, length_m, expected_px
):
    picture = Image.new("L", (600, 400), 128)
    out = scale_bar(picture, metres_per_px, length_m=length_m)
    assert abs(_longest_white_run(out) - expected_px) <= 1


def test_scale_bar_keeps_the_lesson_call_form_and_prints_the_note():
    picture = Image.new("L", (400, 300), 128)
    out = scale_bar(picture, 0.1, note="from 100 m up")  # 40 m wide picture
    assert abs(_longest_white_run(out) - 100) <= 1  # 10 m, a quarter of 40 m
    assert drawn_texts(out)[0].text == "10 m (from 100 m up)"


def test_scale_bar_from_a_nadir_frame_uses_the_altitude():
    frame = _frame(LCAM_100M)
    out = scale_bar(_picture(frame), frame)
    gsd = ground_sample_distance(LCAM, 100.0)  # 7.8 cm per pixel
    # The range at the bar, off the image centre, is a little longer than
    # the altitude; the scale stays within 2 % of the nadir GSD.
    assert abs(_longest_white_run(out) - 20.0 / gsd) <= 0.02 * 20.0 / gsd
    assert drawn_texts(out)[0].text == "20 m (from 100 m up)"


def test_scale_bar_from_an_oblique_frame_matches_flat_ground_geometry():
    camera = dataclasses.replace(PCAM_PAN, yaw_deg=40.0)
    frame = _frame(camera)
    out = scale_bar(_picture(frame), frame=frame, length_m=0.5)
    white = (np.asarray(out) == 255).all(axis=2)
    # The bar is the block of rows with the most white; the text above it
    # has less.
    counts = white.sum(axis=1)
    row = int(np.flatnonzero(counts == counts.max()).mean())
    cols = np.flatnonzero(white[row])
    # The bar's two ends, followed to flat ground, are 0.5 m apart.
    start = _flat_ground_point(camera, cols[0], row)
    end = _flat_ground_point(camera, cols[-1] + 1, row)
    assert np.linalg.norm(end - start) == pytest.approx(0.5, rel=0.01)
    assert drawn_texts(out)[0].text.startswith("50 cm (at ")


def test_scale_bar_uses_the_true_range_when_the_frame_has_one():
    camera = dataclasses.replace(PCAM_PAN, height_above_ground_m=None)
    truth = Truth(range_m=np.full((camera.height_px, camera.width_px), 5.0))
    frame = _frame(camera, truth=truth)
    out = scale_bar(_picture(frame), frame, length_m=0.2)
    assert "(at 5.0 m)" in drawn_texts(out)[0].text
    # Across the picture at 5 m: 0.2 m is about 0.2 / (5 p / f) pixels.
    expected_px = 0.2 / ground_sample_distance(camera, 5.0)
    assert abs(_longest_white_run(out) - expected_px) <= 0.01 * expected_px + 1


def test_scale_bar_is_deterministic_and_leaves_its_input_alone():
    picture = Image.new("RGB", (500, 300), (30, 30, 30))
    before = picture.tobytes()
    first = scale_bar(picture, 0.02)
    assert picture.tobytes() == before
    assert first.tobytes() == scale_bar(picture, 0.02).tobytes()


def test_scale_bar_looks_the_same_on_a_small_and_a_large_frame():
    small = scale_bar(Image.new("RGB", (1176, 864)), 0.01)
    large = scale_bar(Image.new("RGB", (2352, 1728)), 0.005)
    assert _longest_white_run(large) == pytest.approx(
        2 * _longest_white_run(small), abs=1
    )
    (s,), (big,) = drawn_texts(small), drawn_texts(large)
    assert (big.box_px[3] - big.box_px[1]) / (
        s.box_px[3] - s.box_px[1]
    ) == pytest.approx(2.0, rel=0.06)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((0.0,), {}, "ground_sample_distance"),
        ((-0.1,), {}, "positive scale"),
        ((0.01,), {"length_m": 100.0}, "does not fit"),
        ((), {}, "needs metres_per_px or a frame"),
        ((0.01,), {"corner": "top"}, "corner"),
    ],
)
def test_scale_bar_refuses_bad_arguments(args, kwargs, match):
    with pytest.raises(AnnotationError, match=match):
        scale_bar(Image.new("L", (400, 300)), *args, **kwargs)


def test_scale_bar_refuses_a_frame_without_geometry():
    frame = _frame(LCAM)  # no altitude and no true range
    with pytest.raises(AnnotationError, match="no geometry"):
        scale_bar(_picture(frame), frame)


def test_scale_bar_refuses_a_frame_whose_bar_would_sit_on_the_sky():
    frame = _frame(dataclasses.replace(PCAM_PAN, pitch_deg=30.0))
    with pytest.raises(AnnotationError, match="sky"):
        scale_bar(_picture(frame), frame)


def test_scale_bar_refuses_a_picture_of_another_shape_than_the_frame():
    frame = _frame(PCAM_PAN)
    with pytest.raises(AnnotationError, match="shape"):
        scale_bar(Image.new("RGB", (500, 500)), frame)


# --- measure ----------------------------------------------------------------------


def test_measure_reads_ground_distance_from_a_nadir_frame():
    frame = _frame(LCAM_100M)
    cx, cy = LCAM.centre_px
    start, end = (cx - 50, cy), (cx + 50, cy)
    out = measure(_picture(frame), frame, start, end)
    expected = np.linalg.norm(
        _flat_ground_point(LCAM_100M, *end) - _flat_ground_point(LCAM_100M, *start)
    )
    distance, assumption = ground_distance_m(frame, start, end)
    assert distance == pytest.approx(expected, rel=1e-6)
    assert distance == pytest.approx(
        100 * ground_sample_distance(LCAM, 100.0), rel=0.01
    )
    assert assumption == "flat ground"
    assert drawn_texts(out)[-1].text == format_length(distance)


def test_measure_follows_the_true_range_on_a_simulated_frame():
    truth = Truth(range_m=np.full((LCAM.height_px, LCAM.width_px), 50.0))
    frame = _frame(LCAM_100M, truth=truth)
    cx, cy = LCAM.centre_px
    distance, assumption = ground_distance_m(frame, (cx - 50, cy), (cx + 50, cy))
    assert assumption == "true range"
    assert distance == pytest.approx(100 * ground_sample_distance(LCAM, 50.0), rel=0.01)


def test_measure_on_a_half_size_picture_gives_the_same_length():
    frame = _frame(LCAM_100M)
    full, _ = ground_distance_m(frame, (300, 512), (700, 512))
    half, _ = ground_distance_m(frame, (150, 256), (350, 256), image_size=(512, 512))
    assert half == pytest.approx(full, rel=0.01)


def test_measure_refuses_bad_arguments():
    frame = _frame(LCAM_100M)
    picture = _picture(frame)
    with pytest.raises(AnnotationError, match="outside"):
        measure(picture, frame, (10, 10), (2000, 10))
    with pytest.raises(AnnotationError, match="coincide"):
        measure(picture, frame, (10, 10), (10, 10))
    with pytest.raises(AnnotationError, match="no geometry"):
        measure(picture, _frame(LCAM), (10, 10), (100, 10))
    with pytest.raises(AnnotationError, match="Frame"):
        measure(picture, "not a frame", (10, 10), (100, 10))


# --- rings, arrows, polylines ---------------------------------------------------------


def test_ring_draws_a_circle_of_the_given_radius():
    out = np.asarray(ring(Image.new("RGB", (200, 200)), (100, 100), 40))
    assert tuple(out[100, 140]) == YELLOW
    assert tuple(out[60, 100]) == YELLOW
    assert tuple(out[100, 100]) == (0, 0, 0)  # the inside stays untouched


@pytest.mark.parametrize("radius", [-5, 0])
def test_ring_refuses_a_radius_that_is_not_positive(radius):
    with pytest.raises(AnnotationError, match="radius_px must be a positive"):
        ring(Image.new("RGB", (200, 200)), (100, 100), radius)


def test_ring_needs_exactly_one_form():
    frame = _frame(LCAM_100M)
    with pytest.raises(AnnotationError, match="either radius_px"):
        ring(_picture(frame), (100, 100), 10, frame=frame, diameter_m=5.0)
    with pytest.raises(AnnotationError, match="either radius_px"):
        ring(_picture(frame), (100, 100))
    with pytest.raises(AnnotationError, match="outside"):
        ring(_picture(frame), (-3, 100), 10)


def test_crater_seen_from_straight_above_is_a_circle_of_the_right_size():
    frame = _frame(LCAM_100M)
    outline = crater_outline_px(frame, LCAM.centre_px, 20.0)
    radii = np.hypot(*(outline - np.array(LCAM.centre_px)).T)
    expected = 10.0 / ground_sample_distance(LCAM, 100.0)  # 128 px
    assert radii == pytest.approx(expected, rel=0.01)


def test_crater_seen_obliquely_is_a_flattened_ellipse():
    frame = _frame(PCAM)
    outline = crater_outline_px(frame, (1176, 1500), 1.0)
    width = np.ptp(outline[:, 0])
    height = np.ptp(outline[:, 1])
    # Seen at a low angle a round crater is much wider than it is tall; the
    # ratio is about the sine of the angle below the horizon.
    depression = math.asin(
        PCAM.height_above_ground_m
        / np.linalg.norm(
            _flat_ground_point(PCAM, 1176, 1500)
            - np.array([0, 0, PCAM.height_above_ground_m])
        )
    )
    assert height / width == pytest.approx(math.sin(depression), rel=0.1)
    drawn = np.asarray(ring(_picture(frame), (1176, 1500), frame=frame, diameter_m=1.0))
    assert (drawn == YELLOW).all(axis=2).sum() > 200


def test_crater_diameter_must_be_positive():
    with pytest.raises(AnnotationError, match="diameter_m"):
        crater_outline_px(_frame(PCAM), (1176, 1500), -1.0)


def test_arrow_shaft_has_the_mark_colour():
    out = np.asarray(arrow(Image.new("RGB", (100, 100)), (10, 10), (80, 60)))
    assert tuple(out[35, 45]) == YELLOW


def test_arrow_refuses_bad_points():
    with pytest.raises(AnnotationError, match="coincide"):
        arrow(Image.new("RGB", (100, 100)), (10, 10), (10, 10))
    with pytest.raises(AnnotationError, match="tip"):
        arrow(Image.new("RGB", (100, 100)), (10, 10), (10, 100))


def test_polyline_closed_joins_the_last_point_to_the_first():
    points = [(20, 20), (80, 20), (80, 80)]
    open_line = np.asarray(polyline(Image.new("RGB", (100, 100)), points))
    closed = np.asarray(polyline(Image.new("RGB", (100, 100)), points, closed=True))
    assert tuple(open_line[50, 50]) == (0, 0, 0)
    assert tuple(closed[50, 50]) == YELLOW


def test_polyline_refuses_too_few_or_outside_points():
    with pytest.raises(AnnotationError, match="at least two"):
        polyline(Image.new("RGB", (100, 100)), [(5, 5)])
    with pytest.raises(AnnotationError, match="Point 1"):
        polyline(Image.new("RGB", (100, 100)), [(5, 5), (105, 5)])


def test_rings_look_the_same_on_a_small_and_a_large_frame():
    small = ring(Image.new("RGB", (1176, 864)), (588, 432), 100)
    large = ring(Image.new("RGB", (2352, 1728)), (1176, 864), 200)
    count = [int((np.asarray(p) == YELLOW).all(axis=2).sum()) for p in (small, large)]
    # Twice the perimeter drawn twice as wide: four times the ink.
    assert count[1] / count[0] == pytest.approx(4.0, rel=0.1)


def test_marks_are_outlined_so_they_show_on_white_ground():
    out = np.asarray(
        ring(Image.new("RGB", (200, 200), (255, 255, 255)), (100, 100), 40)
    )
    # Yellow on white is faint (1.2:1), so a black outline runs beside it.
    assert (out == (0, 0, 0)).all(axis=2).sum() > 100


def test_measuring_can_assume_flat_ground_even_on_a_simulated_frame():
    from lunar_edu.annotate import ground_point
    from lunar_edu.synth import render_scene

    frame = render_scene("rover-tracks", size="quarter")
    xy = (300.0, 400.0)
    true = ground_point(frame, xy)
    flat = ground_point(frame, xy, assume="flat ground")
    assert true.assumption == "true range"
    assert flat.assumption == "flat ground"
    row, col = round(xy[1]), round(xy[0])
    assert true.range_m == pytest.approx(float(frame.truth.range_m[row, col]))
    # Flat ground at the camera's height: the pixel's ray meets z = 0.
    assert flat.position_m[2] == pytest.approx(0.0, abs=1e-9)
    assert flat.range_m != pytest.approx(true.range_m, rel=1e-4)
    _, how = ground_distance_m(frame, xy, (500.0, 400.0), assume="flat ground")
    assert how == "flat ground"
    with pytest.raises(AnnotationError, match="assume must be one of"):
        ground_point(frame, xy, assume="guess")
    real = dataclasses.replace(frame, truth=None, source=Source("real", "CNSA", "x"))
    with pytest.raises(AnnotationError, match="needs a simulated frame"):
        ground_point(real, xy, assume="true range")
