"""The virtual Yutu-2 and Chang'e 4 lander: their parts, materials and truth."""

import dataclasses

import numpy as np
import pytest

from lunar_edu.camera import PCAM, TCAM, focal_length_px
from lunar_edu.synth import render as render_module
from lunar_edu.synth.lighting import sun_vector
from lunar_edu.synth.materials import (
    GOLD_FOIL,
    METAL,
    SOLAR_CELLS,
    WHITE_PAINT,
    surface_radiance,
)
from lunar_edu.synth.models import LANDER_BODY_WIDTH_M, ROVER_LENGTH_M, lander, rover
from lunar_edu.synth.objects import intersect
from lunar_edu.synth.pipeline import scaled_camera
from lunar_edu.synth.testscene import flat_scene, render_flat_scene

ROVER_PARTS = {
    "wheel",
    "wheel bottom",
    "rocker",
    "bogie",
    "body",
    "solar panel",
    "mast camera",
    "PCAM pair",
    "dish antenna",
}
LANDER_PARTS = {
    "body (gold foil)",
    "top deck (black foil)",
    "landing leg",
    "footpad",
    "solar wing",
    "terrain camera (TCAM)",
    "ramp",
    "LFS antenna",
}


def tcam(binning=4, **pointing):
    pointing = {"pitch_deg": -10.0, "yaw_deg": 0.0, **pointing}
    return dataclasses.replace(scaled_camera(TCAM, binning), **pointing)


def rover_from_front_left():
    """A quarter-size TCAM frame of the rover 8 m away, seen from in front."""
    camera = tcam()
    yutu = rover((0.0, 8.0, 0.0), 210.0)
    return camera, render_flat_scene(
        flat_scene(camera, objects=[yutu], sun_elevation_deg=30.0)
    )


def assert_boxes_hold_their_parts(frame, kind):
    width, height = frame.camera.width_px, frame.camera.height_px
    for part in frame.truth.of_kind(kind):
        assert part.box_px is not None, part.name
        left, top, right, bottom = part.box_px
        assert 0 <= left <= right < width
        assert 0 <= top <= bottom < height
        x, y = part.xy_px
        # The labelled point lies on (or within a few pixels of) the part.
        assert left - 3 <= x <= right + 3, part.name
        assert top - 3 <= y <= bottom + 3, part.name


def test_every_rover_part_a_lesson_can_label_is_in_the_truth_with_its_box():
    _, frame = rover_from_front_left()
    names = {f.name for f in frame.truth.of_kind("rover-part")}
    assert names >= ROVER_PARTS - {"wheel bottom"}
    assert_boxes_hold_their_parts(frame, "rover-part")
    # Every wheel is its own part with its own box; from the front-left
    # the three left wheels and at least the front right one show.
    wheel_boxes = {f.box_px for f in frame.truth.named("wheel", kind="rover-part")}
    assert len(wheel_boxes) >= 4
    (rover_feature,) = frame.truth.of_kind("rover")
    for part in frame.truth.of_kind("rover-part"):
        left, top, right, bottom = part.box_px
        r_left, r_top, r_right, r_bottom = rover_feature.box_px
        assert r_left <= left
        assert right <= r_right
        assert r_top <= top
        assert bottom <= r_bottom


def test_the_rocker_and_bogie_show_from_the_side_and_hide_behind_a_wall():
    camera = tcam()
    side_on = rover((0.0, 8.0, 0.0), 90.0)  # facing east, its right side to us
    frame = render_flat_scene(flat_scene(camera, objects=[side_on]))
    for name in ("rocker", "bogie"):
        (near,) = [
            f for f in frame.truth.named(name, kind="rover-part") if f.distance_m < 8.0
        ]
        assert near.box_px is not None
    # Three wheels of the near side, each with its own box, left to right.
    near_wheels = sorted(
        (f for f in frame.truth.named("wheel") if f.distance_m < 8.2),
        key=lambda f: f.xy_px[0],
    )
    assert len(near_wheels) == 3
    assert near_wheels[0].box_px[2] < near_wheels[1].box_px[0]


def test_the_rover_body_is_as_many_pixels_long_as_1_5_m_at_its_range():
    camera = tcam(binning=2, pitch_deg=-5.0)
    side_on = rover((0.0, 8.0, 0.0), 90.0)
    frame = render_flat_scene(flat_scene(camera, objects=[side_on]))
    (body,) = frame.truth.named("body", kind="rover-part")
    left, _, right, _ = body.box_px
    # The near side of the body is 0.4 m nearer than the rover's centre.
    expected_px = focal_length_px(camera) * ROVER_LENGTH_M / (8.0 - 0.41)
    assert right - left + 1 == pytest.approx(expected_px, rel=0.06)


def test_every_lander_part_is_in_the_truth_with_its_box():
    camera = dataclasses.replace(scaled_camera(PCAM, 4), pitch_deg=2.0, yaw_deg=0.0)
    frame = render_flat_scene(
        flat_scene(camera, objects=[lander((0.0, 22.0, 0.0), 200.0)])
    )
    names = {f.name for f in frame.truth.of_kind("lander-part")}
    assert names >= LANDER_PARTS
    assert_boxes_hold_their_parts(frame, "lander-part")
    assert len(frame.truth.named("LFS antenna")) == 3
    assert len(frame.truth.named("footpad")) >= 3
    # The body's box is its 2.4 m width seen from about 22 m.
    (body,) = frame.truth.named("body (gold foil)")[:1]
    left, _, right, _ = body.box_px
    width_px = focal_length_px(camera) * LANDER_BODY_WIDTH_M / 22.0
    assert right - left + 1 > 0.9 * width_px


def test_a_part_behind_the_body_is_left_out():
    camera = tcam()
    # The rover faces away: the PCAMs look forward, hidden behind the head.
    frame = render_flat_scene(flat_scene(camera, objects=[rover((0.0, 8.0, 0.0), 0.0)]))
    assert frame.truth.named("PCAM pair") == ()
    assert frame.truth.named("mast camera") != ()


def _patch(normal, count=4096):
    """Return points on a flat patch of foil, 0.6 m across, and its frame."""
    rng = np.random.default_rng(0)
    local = np.zeros((count, 3), np.float32)
    local[:, :2] = rng.uniform(-0.3, 0.3, (count, 2))
    local[:, 2] = 0.05
    normals = np.broadcast_to(np.asarray(normal, np.float32), (count, 3))
    axes = np.broadcast_to(np.eye(3, dtype=np.float32), (count, 3, 3))
    return local, normals, axes


def _radiance(material, sun, view, *, lit=True):
    local, normals, axes = _patch((0.0, 0.0, 1.0))
    n = len(local)
    return surface_radiance(
        material,
        normal=normals,
        view=np.broadcast_to(np.asarray(view, np.float32), (n, 3)),
        sun=np.asarray(sun, np.float32),
        lit=np.full(n, lit),
        ambient=0.02,
        local=local,
        local_axes=axes,
        half_size_m=np.full((n, 3), 0.3, np.float32),
        footprint_m=np.full(n, 0.002, np.float32),
        ground_rgb=np.array([0.05, 0.05, 0.045], np.float32),
    )


SUN = sun_vector(40.0, 180.0).astype(np.float32)
MIRROR = (SUN * np.array([-1, -1, 1])).astype(np.float32)  # the Sun's mirror image
ASIDE = sun_vector(40.0, 60.0).astype(np.float32)


def test_foil_glints_brighter_than_white_paint_in_the_same_light():
    foil = _radiance(GOLD_FOIL, SUN, MIRROR)
    paint = _radiance(WHITE_PAINT, SUN, MIRROR)
    # Paint is matte: the same everywhere on the patch, about albedo x cos i.
    assert np.ptp(paint[:, 1]) < 1e-6
    assert paint[0, 1] == pytest.approx(0.78 * SUN[2] + 0.78 * 0.02, rel=1e-3)
    # The crinkled foil shows glints far brighter than the paint, and dark
    # facets between them: not a colour pattern but a mirror.
    assert foil[:, 1].max() > 3 * paint[0, 1]
    assert np.percentile(foil[:, 1], 10) < 0.5 * paint[0, 1]
    # Gold: redder than it is blue.
    assert foil[:, 0].mean() > 2 * foil[:, 2].mean()


def test_a_highlight_stays_near_the_mirror_direction():
    for material in (GOLD_FOIL, SOLAR_CELLS, METAL):
        towards = _radiance(material, SUN, MIRROR)[:, 1].mean()
        away = _radiance(material, SUN, ASIDE)[:, 1].mean()
        assert towards > 1.5 * away, material.law
    # Paint looks the same from everywhere.
    assert _radiance(WHITE_PAINT, SUN, MIRROR)[0, 1] == pytest.approx(
        _radiance(WHITE_PAINT, SUN, ASIDE)[0, 1]
    )
    # Solar cells away from the glint are dark, far darker than paint.
    cells = _radiance(SOLAR_CELLS, SUN, ASIDE)
    assert np.median(cells[:, 1]) < 0.15 * _radiance(WHITE_PAINT, SUN, ASIDE)[0, 1]


def test_foil_in_shadow_still_mirrors_the_sunlit_ground():
    # Looking up at a downward-facing patch: the mirror sees the ground.
    local, _, axes = _patch((0.0, 0.0, -1.0))
    n = len(local)
    down = np.broadcast_to(np.array([0.0, 0.0, -1.0], np.float32), (n, 3))
    shaded = surface_radiance(
        GOLD_FOIL, normal=down, view=-down, sun=SUN, lit=np.zeros(n, bool),
        ambient=0.0, local=local, local_axes=axes,
        half_size_m=np.full((n, 3), 0.3, np.float32),
        footprint_m=np.full(n, 0.002, np.float32),
        ground_rgb=np.array([0.05, 0.05, 0.045], np.float32),
    )  # fmt: skip
    assert shaded[:, 0].mean() > 0.02


def test_materials_are_pure_and_seeded():
    first = _radiance(GOLD_FOIL, SUN, MIRROR)
    assert np.array_equal(first, _radiance(GOLD_FOIL, SUN, MIRROR))
    reseeded = dataclasses.replace(GOLD_FOIL, seed=GOLD_FOIL.seed + 1)
    assert not np.array_equal(first, _radiance(reseeded, SUN, MIRROR))


@pytest.mark.fresh_renders
def test_the_same_seed_renders_the_same_spacecraft_pixels():
    _, first = rover_from_front_left()
    _, again = rover_from_front_left()
    assert np.array_equal(first.pixels, again.pixels)
    assert first.truth.features == again.truth.features


@pytest.mark.fresh_renders
def test_tight_pixel_lists_find_every_pixel_a_whole_box_would(monkeypatch):
    camera = tcam()
    scene = flat_scene(
        camera,
        objects=[rover((0.5, 7.0, 0.0), 140.0), lander((-3.0, 16.0, 0.0), 30.0)],
    )
    tight = render_module.trace(scene)

    def whole_box(camera, corners, margin_px=1.5):
        box = render_module._screen_box(camera, corners)
        if box is None:
            return None
        r0, r1, c0, c1 = box
        rows = np.arange(r0, r1)[:, None] * camera.width_px
        return (rows + np.arange(c0, c1)[None, :]).ravel()

    monkeypatch.setattr(render_module, "_screen_pixels", whole_box)
    boxed = render_module.trace(scene)
    assert (tight.object_index >= 0).sum() > 1000
    assert np.array_equal(tight.object_index, boxed.object_index)
    assert np.array_equal(tight.range_m, boxed.range_m)


def test_spacecraft_shadows_are_those_of_every_shape():
    camera = tcam(binning=8)
    scene = flat_scene(
        camera, objects=[rover((0.0, 6.0, 0.0), 120.0)], sun_elevation_deg=15.0
    )
    geometry = render_module.trace(scene)
    sun = sun_vector(15.0, 270.0).astype(np.float32)
    lifted = geometry.points + geometry.normal * render_module._SHADOW_OFFSET_M
    shadow = np.zeros(geometry.hit.shape, bool)
    render_module._cast_object_shadows(scene, sun, lifted, geometry.hit, shadow)
    # Brute force: every seen point against every shape that casts a shadow.
    points = lifted[geometry.hit]
    blocked = np.zeros(len(points), bool)
    for prim in scene.objects[0].primitives:
        if prim.casts_shadow:
            t, _ = intersect(prim, points, np.broadcast_to(sun, (len(points), 3)))
            blocked |= np.isfinite(t)
    assert blocked.sum() > 300
    assert np.array_equal(shadow[geometry.hit], blocked)
