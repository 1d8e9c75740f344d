"""Physics of the renderer checked against geometry worked out by hand."""

import dataclasses
import math

import numpy as np
import pytest

from lunar_edu.camera import (
    LCAM,
    PCAM,
    camera_axes,
    ground_range_m,
    ground_sample_distance,
    pixel_to_ray,
    shadow_length_m,
    stereo_range_m,
)
from lunar_edu.synth import SceneError, render_scene
from lunar_edu.synth.models import rock
from lunar_edu.synth.pipeline import scaled_camera
from lunar_edu.synth.testscene import flat_scene, render_flat_scene

ALTITUDE_M = 10.0


def nadir_camera(binning=4):
    return dataclasses.replace(
        scaled_camera(LCAM, binning), height_above_ground_m=ALTITUDE_M
    )


@pytest.mark.parametrize(
    ("elevation", "azimuth"), [(30.0, 270.0), (45.0, 270.0), (20.0, 90.0)]
)
def test_a_blocks_shadow_is_its_height_over_tan_elevation_long(elevation, azimuth):
    camera = nadir_camera()
    height_m, radius_m = 0.5, 0.2
    block = rock(
        "rock-1", (0.0, 0.0, 0.0), height_m=height_m, width_m=2 * radius_m,
        shape="block",
    )  # fmt: skip
    scene = flat_scene(
        camera, sun_elevation_deg=elevation, sun_azimuth_deg=azimuth, objects=[block]
    )
    frame = render_flat_scene(scene)
    metres_per_px = ground_sample_distance(camera, ALTITUDE_M)
    cx, cy = camera.centre_px
    row = frame.pixels[round(cy)].astype(float)
    # Walk away from the block, opposite the Sun, to where the shadow ends.
    step = 1 if azimuth == 270.0 else -1
    edge_col = cx + step * radius_m / metres_per_px
    dark = row < 0.4 * np.median(row)
    col = round(edge_col + step * 2)
    while dark[col + step]:
        col += step
    tip_col = col + step * 0.5  # the boundary lies half a pixel further
    measured_m = abs(tip_col - edge_col) * metres_per_px
    expected_m = shadow_length_m(height_m, elevation)
    assert measured_m == pytest.approx(expected_m, abs=1.5 * metres_per_px)
    # The truth says where the tip is, too.
    (truth,) = frame.truth.of_kind("rock")
    assert truth.size_m == height_m
    assert truth.shadow_tip_xy_px[0] == pytest.approx(tip_col, abs=1.5)
    assert truth.shadow_tip_xy_px[1] == pytest.approx(cy, abs=1.0)


def test_flat_ground_range_down_the_centre_column_is_the_analytic_one():
    camera = scaled_camera(dataclasses.replace(PCAM, pitch_deg=-10.0), 4)
    frame = render_flat_scene(flat_scene(camera))
    column = int(camera.centre_px[0])
    rows = np.arange(camera.height_px)
    expected = ground_range_m(camera, column, rows)
    got = frame.truth.range_m[:, column]
    assert np.all(np.isfinite(got))  # pitched 10 degrees down: all ground
    np.testing.assert_allclose(got, expected, rtol=2e-3)
    assert got[-1] == pytest.approx(1.5 / math.sin(math.radians(10 + 7.3)), rel=0.01)


def test_on_a_curved_moon_the_horizon_dips_below_level_as_it_should():
    camera = scaled_camera(dataclasses.replace(PCAM, pitch_deg=0.0), 4)
    frame = render_flat_scene(flat_scene(camera, curvature=True))
    column = frame.truth.range_m[:, int(camera.centre_px[0])]
    ground = np.isfinite(column)
    first_ground = int(np.argmax(ground))
    assert ground[first_ground:].all()
    assert not ground[:first_ground].any()
    # The horizon of a ball of radius R seen from H up lies sqrt(2 H / R)
    # below level, about 2.3 km away for H = 1.5 m.
    dip = math.sqrt(2 * 1.5 / 1_737_400.0)
    f_px = camera.focal_length_mm * 1e3 / camera.pixel_size_um
    horizon_row = camera.centre_px[1] + f_px * math.tan(dip)
    assert first_ground == pytest.approx(horizon_row, abs=1.0)
    assert column[first_ground] > 500.0


def test_a_rock_hides_the_ground_behind_it_and_has_the_right_range():
    camera = scaled_camera(PCAM, 4)
    boulder = rock("rock-1", (0.0, 8.0, 0.0), height_m=0.6, width_m=0.8)
    frame = render_flat_scene(flat_scene(camera, objects=[boulder]))
    (truth,) = frame.truth.of_kind("rock")
    x, y = truth.xy_px
    below_top = frame.truth.range_m[round(y) + 3, round(x)]
    assert 7.4 < below_top < 8.2  # the rock's face, not the ground 20 m away
    assert truth.distance_m == pytest.approx(math.hypot(8.0, 1.5 - 0.6), rel=1e-6)


def test_flat_ground_is_brighter_looking_down_sun_as_lunar_soil_is():
    camera = nadir_camera()
    frame = render_flat_scene(
        flat_scene(camera, sun_elevation_deg=10.0, sun_azimuth_deg=270.0)
    )
    pixels = frame.pixels.astype(float)
    # No shadows on flat ground...
    assert pixels.min() > 0.5 * np.median(pixels)
    # ... but with the Sun in the west, the east half (seen at a smaller
    # phase angle) is brighter: regolith is not a Lambert surface.
    assert pixels[:, -32:].mean() > 1.1 * pixels[:, :32].mean()


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"height_m": -0.2, "width_m": 0.3}, "height_m"),
        ({"height_m": 0.2, "width_m": 0.0}, "width_m"),
        ({"height_m": 0.2, "width_m": 0.3, "shape": "cube"}, "shape"),
    ],
)
def test_impossible_rocks_are_refused(kwargs, words):
    with pytest.raises(SceneError, match=words):
        rock("rock-1", (0.0, 0.0, 0.0), **kwargs)


def test_a_camera_without_height_cannot_see_the_ground():
    with pytest.raises(SceneError, match="height_above_ground_m"):
        flat_scene(dataclasses.replace(LCAM, height_above_ground_m=None))


def test_the_right_stereo_camera_sees_rocks_shifted_by_the_expected_disparity():
    left = render_scene("long-shadows-low-sun", size="quarter", eye="left")
    right = render_scene("long-shadows-low-sun", size="quarter", eye="right")
    assert right.source.product_id.startswith("CE4_SIM_PCAMR-C_")
    assert left.meta["eye"] == "left"
    assert right.meta["eye"] == "right"
    in_right = {f.name: f for f in right.truth.of_kind("rock")}
    camera = left.camera
    forward = camera_axes(camera)[2]
    checked = 0
    for rock_left in left.truth.of_kind("rock"):
        rock_right = in_right.get(rock_left.name)
        if rock_right is None:
            continue
        disparity_px = rock_left.xy_px[0] - rock_right.xy_px[0]
        assert rock_left.xy_px[1] == pytest.approx(rock_right.xy_px[1], abs=0.05)
        # Depth along the optical axis from the disparity, Z = f B / d.
        depth_m = stereo_range_m(disparity_px, camera)
        # The rock's top, seen from the left camera.
        top_depth = rock_left.distance_m * _cos_off_axis(camera, rock_left.xy_px)
        assert depth_m == pytest.approx(top_depth, rel=1e-3)
        checked += 1
    assert checked > 5
    assert forward[2] < 0  # looking slightly down, as the recipe says


def _cos_off_axis(camera, xy_px):
    """Return the cosine between a pixel's ray and the optical axis."""
    ray = pixel_to_ray(camera, *xy_px)
    return float(ray @ camera_axes(camera)[2])


def test_only_pcam_has_a_right_eye():
    with pytest.raises(SceneError, match="Only PCAM"):
        render_scene("descent-view", size="quarter", eye="right")
    with pytest.raises(SceneError, match="eye must be"):
        render_scene("gray-moon", size="quarter", eye="middle")


def test_descent_camera_ranges_meet_the_ground_even_far_above_the_nadir():
    # Regression: a 5 % cap on each refinement step kept the flat-ground
    # range wherever the ground stood more than ~90 m above the point below
    # the camera, so the polar crater's rim and plains were out by ~115 m.
    from lunar_edu.synth import render
    from lunar_edu.synth.pipeline import _checked_recipe, _plan

    chosen, mode = _checked_recipe(
        "polar-shaded-crater", 0, "quarter", None, "left", None
    )
    plan = _plan(
        chosen, 1.5, 0.0, seed=0, size="quarter", altitude_m=None, eye="left", mode=mode
    )
    geometry = render.trace(plan.scene)
    height = plan.scene.camera.height_above_ground_m
    rays, t = geometry.rays, geometry.range_m
    x, y = (rays[..., 0] * t).ravel(), (rays[..., 1] * t).ravel()
    ground = plan.scene.terrain.height_m(x, y).reshape(t.shape)
    assert ground.max() - ground.min() > 100  # the rim stands high above the floor
    residual = np.abs(height + rays[..., 2] * t - ground)
    assert np.percentile(residual, 99.9) < 0.05


def test_grouser_marks_fade_where_the_grid_is_too_coarse_to_draw_them():
    # Regression: 8 cm grousers on a 5 cm grid came out as stripes 15 cm
    # apart, which a lesson measuring tracks would have believed.
    from lunar_edu.synth.tracks import GROUSER_SPACING_M, grouser_weight

    assert grouser_weight(GROUSER_SPACING_M / 6) == 1.0
    assert grouser_weight(GROUSER_SPACING_M / 2) == 0.0
    assert 0.0 < grouser_weight(GROUSER_SPACING_M / 3.2) < 1.0
