"""One scene under several Suns, and the truth a lesson measures against."""

import dataclasses
import math
import re

import numpy as np
import pytest

from lunar_edu.camera import PCAM, TCAM, focal_length_px, world_to_pixel
from lunar_edu.frame import Sun
from lunar_edu.synth import SceneError, render_scene, render_series
from lunar_edu.synth.models import lander, rock, rover
from lunar_edu.synth.pipeline import scaled_camera
from lunar_edu.synth.testscene import flat_scene, render_flat_scene

SUNS = [(6.0, 110.0), (25.0, 200.0), (60.0, 110.0)]


@pytest.mark.parametrize(
    ("recipe", "extra"),
    [
        ("smoother-high-sun", {}),
        ("rover-driving-away", {}),
        ("polar-shaded-crater", {}),
        ("nearby-crater", {"eye": "right"}),
    ],
)
def test_each_frame_of_a_series_is_the_single_render_pixel_for_pixel(recipe, extra):
    series = render_series(recipe, SUNS, size="quarter", seed=5, **extra)
    assert len(series) == len(SUNS)
    for frame, (elevation, azimuth) in zip(series, SUNS, strict=True):
        single = render_scene(
            recipe,
            sun_elevation=elevation,
            sun_azimuth=azimuth,
            size="quarter",
            seed=5,
            **extra,
        )
        assert np.array_equal(frame.pixels, single.pixels)
        assert np.array_equal(frame.truth.range_m, single.truth.range_m)
        assert frame.truth.features == single.truth.features
        assert frame.sun == single.sun == Sun(elevation, azimuth)
        assert frame.source == single.source
        assert frame.meta == single.meta


def test_a_series_shows_the_same_ground_in_other_light():
    low, high = render_series(
        "smoother-high-sun", [(5, 110), (60, 110)], size="quarter"
    )
    assert np.array_equal(low.truth.range_m, high.truth.range_m)
    assert not np.array_equal(low.pixels, high.pixels)
    # Rocks cast longer shadows under the low Sun.
    tips = {}
    for frame in (low, high):
        for feature in frame.truth.of_kind("rock"):
            if feature.shadow_tip_xy_px and feature.base_xy_px:
                tips.setdefault(feature.name, []).append(
                    math.dist(feature.base_xy_px, feature.shadow_tip_xy_px)
                )
    lengths = [pair for pair in tips.values() if len(pair) == 2]
    assert lengths
    assert all(long > short for long, short in lengths)


def test_suns_may_be_sun_objects_and_the_order_is_kept():
    frames = render_series(
        "descent-view", [Sun(40.0, 90.0), (10.0, 270.0)], size="quarter"
    )
    assert [f.sun.elevation_deg for f in frames] == [40.0, 10.0]


@pytest.mark.parametrize(
    ("suns", "words"),
    [
        ([], "at least one Sun"),
        ([(95.0, 0.0)], "suns[0] elevation"),
        ([(10.0, 0.0), (10.0, 900.0)], "suns[1] azimuth"),
        ([(10.0,)], "suns[0] must be a Sun"),
        (["high"], "suns[0] must be a Sun"),
    ],
)
def test_bad_suns_raise_a_scene_error_that_names_the_sun(suns, words):
    with pytest.raises(SceneError, match=re.escape(words)):
        render_series("gray-moon", suns, size="quarter")


def test_other_bad_parameters_are_checked_as_for_render_scene():
    with pytest.raises(SceneError, match="did you mean"):
        render_series("gray-mon", SUNS, size="quarter")
    with pytest.raises(SceneError, match="altitude_m applies only"):
        render_series("gray-moon", SUNS, size="quarter", altitude_m=100.0)


def tcam_looking_north(binning=4):
    return dataclasses.replace(
        scaled_camera(TCAM, binning), pitch_deg=-10.0, yaw_deg=0.0
    )


def test_a_rocks_base_is_below_its_top_and_its_box_holds_its_pixels():
    camera = dataclasses.replace(scaled_camera(PCAM, 2), pitch_deg=-10.0)
    stone = rock("rock-1", (0.0, 6.0, 0.0), height_m=0.3, width_m=0.4)
    frame = render_flat_scene(
        flat_scene(camera, objects=[stone], sun_elevation_deg=20.0)
    )
    (feature,) = frame.truth.of_kind("rock")
    (top_x, top_y), (base_x, base_y) = feature.xy_px, feature.base_xy_px
    assert base_x == pytest.approx(top_x, abs=0.5)
    # The foot is lower in the picture by the rock's height seen from 6 m.
    expected_px = 0.3 * focal_length_px(camera) / 6.0
    assert base_y - top_y == pytest.approx(expected_px, rel=0.1)
    left, top, right, bottom = feature.box_px
    assert left <= top_x <= right
    assert top <= top_y + 1
    assert bottom >= base_y - 2
    # The box is the rock's apparent width: 0.4 m at about 6 m.
    width_px = right - left + 1
    assert width_px == pytest.approx(0.4 * focal_length_px(camera) / 6.0, rel=0.2)


def test_the_rover_and_its_parts_are_in_the_truth_where_they_are_seen():
    camera = tcam_looking_north()
    yutu = rover((0.0, 8.0, 0.0), 0.0)
    frame = render_flat_scene(flat_scene(camera, objects=[yutu]))
    (seen,) = frame.truth.of_kind("rover")
    parts = {f.name for f in frame.truth.features if f.kind == "rover-part"}
    assert {"mast camera", "solar panel", "wheel", "wheel bottom"} <= parts
    (mast,) = frame.truth.named("mast camera")
    bottoms = frame.truth.named("wheel bottom", kind="rover-part")
    assert len(bottoms) == 2
    # Each part is where the camera model puts its point on the rover: the
    # mast camera 1.5 m up at the front, the back wheels' contact points.
    expected = world_to_pixel(
        camera, np.array([[0.0, 8.45, 1.5], [-0.425, 7.42, 0.02], [0.425, 7.42, 0.02]])
    )
    assert mast.xy_px == pytest.approx(tuple(expected[0]), abs=0.01)
    assert sorted(b.xy_px for b in bottoms) == [
        pytest.approx(tuple(xy), abs=0.01) for xy in sorted(map(tuple, expected[1:]))
    ]
    # Seen from behind and above, the front of the rover looks higher than
    # f * 1.5 m / distance: a lesson's estimate errs on the near side.
    height_px = bottoms[0].xy_px[1] - mast.xy_px[1]
    simple_px = focal_length_px(camera) * 1.5 / mast.distance_m
    assert simple_px < height_px < 1.3 * simple_px
    left, top, right, _ = seen.box_px
    assert left <= mast.xy_px[0] <= right
    assert top <= mast.xy_px[1]


def test_a_part_hidden_behind_something_nearer_is_left_out():
    camera = tcam_looking_north()
    # The rover faces away: its front body face is hidden by the body itself.
    frame = render_flat_scene(flat_scene(camera, objects=[rover((0.0, 8.0, 0.0), 0.0)]))
    bodies = frame.truth.named("body", kind="rover-part")
    assert len(bodies) == 1
    assert bodies[0].distance_m < 8.0  # the back face, nearer the camera
    # A block in front of the rover hides the parts behind it.
    wall = rock("rock-1", (0.0, 5.0, 0.0), height_m=2.5, width_m=4.0, shape="block")
    hidden = render_flat_scene(
        flat_scene(camera, objects=[wall, rover((0.0, 8.0, 0.0), 0.0)])
    )
    assert hidden.truth.named("mast camera") == ()


def test_the_landers_parts_face_the_rover_that_sees_them():
    camera = dataclasses.replace(scaled_camera(PCAM, 4), pitch_deg=-2.0)
    frame = render_flat_scene(
        flat_scene(camera, objects=[lander((0.0, 14.0, 0.0), 180.0)])
    )
    names = {f.name for f in frame.truth.features if f.kind == "lander-part"}
    assert {"ramp", "landing leg", "footpad", "body (gold foil)", "solar wing"} <= names
    ramps = frame.truth.named("ramp")
    # The ramp comes down towards the camera, nearer than the lander's centre.
    (whole,) = frame.truth.of_kind("lander")
    assert all(r.distance_m < whole.distance_m for r in ramps)
    # Its two rails sit either side of the middle of the picture.
    xs = sorted(r.xy_px[0] for r in ramps)
    middle = (camera.width_px - 1) / 2
    assert xs[0] < middle < xs[1]


def test_right_eye_moves_parts_with_their_objects():
    left = render_scene("lander-from-rover", size="quarter")
    right = render_scene("lander-from-rover", size="quarter", eye="right")
    for name in ("ramp", "footpad"):
        lx = min(f.xy_px[0] for f in left.truth.named(name))
        rx = min(f.xy_px[0] for f in right.truth.named(name))
        # Seen from 270 mm further right, everything moves left in the picture.
        assert rx < lx


def test_the_truth_says_which_pixels_get_direct_sunlight():
    low, high = render_series(
        "smoother-high-sun", [(4, 110), (44, 110)], size="quarter"
    )
    for frame in (low, high):
        sunlit = frame.truth.sunlit
        assert sunlit.shape == frame.truth.range_m.shape
        assert sunlit.dtype == bool
        assert not sunlit[~np.isfinite(frame.truth.range_m)].any()  # the sky
    assert (~low.truth.sunlit).sum() > 3 * (~high.truth.sunlit).sum()
    # Shadowed soil is darker than lit soil in the stored mosaic.
    pixels = low.pixels.astype(float)
    assert pixels[~low.truth.sunlit].mean() < 0.5 * pixels[low.truth.sunlit].mean()


def test_a_blocks_shadow_is_not_sunlit_and_the_ground_beside_it_is():
    camera = dataclasses.replace(scaled_camera(PCAM, 2), pitch_deg=-10.0)
    block = rock("rock-1", (0.0, 6.0, 0.0), height_m=0.4, width_m=0.4, shape="block")
    frame = render_flat_scene(
        flat_scene(
            camera, objects=[block], sun_elevation_deg=35.0, sun_azimuth_deg=270.0
        )
    )
    (stone,) = frame.truth.of_kind("rock")
    base_x, base_y = stone.base_xy_px
    tip_x, tip_y = stone.shadow_tip_xy_px
    # Far along the shadow, east of the block, there is no sunlight...
    assert 0 < tip_x < camera.width_px
    far = (
        round(base_x + 0.8 * (tip_x - base_x)),
        round(base_y + 0.8 * (tip_y - base_y)),
    )
    assert not frame.truth.sunlit[far[1], far[0]]
    # ...while the ground on the sunny side, west of the block, is lit.
    sunny = (round(base_x - (tip_x - base_x)), round(base_y))
    assert frame.truth.sunlit[sunny[1], sunny[0]]


def test_a_crater_is_placed_at_the_middle_of_its_rim_not_its_hidden_floor():
    from lunar_edu.annotate import crater_outline_px

    frame = render_scene("nearby-crater", size="quarter")
    (crater,) = [c for c in frame.truth.of_kind("crater") if c.size_m == 7.0]
    assert crater.distance_m == pytest.approx(10.5, abs=0.5)
    east, north, up = crater.position_m
    # The rim of a fresh crater stands above the plain: its middle is at
    # about the rim's height, and the pixel is where that point projects.
    assert up > -0.5
    assert world_to_pixel(frame.camera, np.array([crater.position_m]))[0] == (
        pytest.approx(crater.xy_px, abs=0.01)
    )
    floor = world_to_pixel(frame.camera, np.array([[east, north, up - 1.2]]))[0]
    assert floor[1] > crater.xy_px[1]  # the floor would look nearer, lower down
    outline = crater_outline_px(
        frame, crater.xy_px, crater.size_m, centre_m=crater.position_m
    )
    top, bottom = outline[:, 1].min(), outline[:, 1].max()
    # Seen from the side the rim is a flat ellipse around the rim's middle.
    assert top < crater.xy_px[1] < bottom
    assert (bottom - top) < 0.3 * (outline[:, 0].max() - outline[:, 0].min())
