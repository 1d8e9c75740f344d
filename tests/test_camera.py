import dataclasses
import math

import numpy as np
import pytest

from lunar_edu import LunarEduError
from lunar_edu.camera import (
    LCAM,
    MAST_HEIGHT_M,
    PCAM,
    PCAM_PAN,
    STEREO_BASELINE_M,
    TCAM,
    camera_axes,
    field_of_view_deg,
    focal_length_px,
    ground_range_m,
    ground_sample_distance,
    height_from_shadow_m,
    pixel_to_ray,
    shadow_length_m,
    stereo_range_m,
    world_to_pixel,
)


def test_camera_models_match_the_reference_numbers():
    assert (PCAM.width_px, PCAM.height_px) == (2352, 1728)
    assert (PCAM_PAN.width_px, PCAM_PAN.height_px) == (1176, 864)
    assert (TCAM.focal_length_mm, TCAM.pixel_size_um) == (43.472, 7.4)
    assert (LCAM.width_px, LCAM.pixel_size_um, LCAM.pitch_deg) == (1024, 6.7, -90.0)
    assert MAST_HEIGHT_M == 1.5
    assert STEREO_BASELINE_M == 0.27
    assert PCAM.height_above_ground_m == MAST_HEIGHT_M


def test_focal_length_in_pixels_is_about_6757_for_pcam():
    assert focal_length_px(PCAM) == pytest.approx(50 / 0.0074)
    assert round(focal_length_px(PCAM)) == 6757
    # Binned panchromatic pixels are twice as large: half the focal length in px.
    assert focal_length_px(PCAM_PAN) == pytest.approx(focal_length_px(PCAM) / 2)


@pytest.mark.parametrize("field", ["focal_length_mm", "pixel_size_um"])
def test_focal_length_refuses_a_camera_without_size(field):
    with pytest.raises(LunarEduError, match=field):
        focal_length_px(dataclasses.replace(PCAM, **{field: 0.0}))


def test_pcam_field_of_view_is_19_7_by_14_5_degrees():
    horizontal, vertical = field_of_view_deg(PCAM)
    assert horizontal == pytest.approx(19.7, abs=0.1)
    assert vertical == pytest.approx(14.5, abs=0.1)
    # Binning does not change the field of view.
    assert field_of_view_deg(PCAM_PAN) == pytest.approx((horizontal, vertical))


def test_tcam_and_lcam_fields_of_view_match_the_computed_values():
    assert field_of_view_deg(TCAM) == pytest.approx((22.6, 16.7), abs=0.1)
    assert field_of_view_deg(LCAM)[0] == pytest.approx(43.7, abs=0.1)


def test_ground_sample_distance_follows_range_times_pixel_over_focal_length():
    # 6.7 µm pixels behind an 8.55 mm lens, 100 m away.
    assert ground_sample_distance(LCAM, 100.0) == pytest.approx(100 * 6.7e-6 / 8.55e-3)
    # data.md s. 3: PCAM at 3 m about 0.44 mm per pixel, at 10 m about 1.5 mm.
    assert ground_sample_distance(PCAM, 3.0) == pytest.approx(0.44e-3, abs=0.01e-3)
    assert ground_sample_distance(PCAM, 10.0) == pytest.approx(1.5e-3, abs=0.05e-3)


def test_ground_sample_distance_scales_linearly_with_range():
    near = ground_sample_distance(LCAM, 50.0)
    far = ground_sample_distance(LCAM, 150.0)
    assert far == pytest.approx(3 * near)


@pytest.mark.parametrize("bad_range", [0.0, -5.0, float("nan")])
def test_ground_sample_distance_refuses_impossible_ranges(bad_range):
    with pytest.raises(LunarEduError, match="range_m must be a positive"):
        ground_sample_distance(LCAM, bad_range)


def test_shadow_height_at_the_tcam_label_incidence():
    # data.md s. 3: i = 72.94°, so 1 m of shadow means about 0.31 m of height.
    elevation = 90 - 72.94
    assert height_from_shadow_m(1.0, elevation) == pytest.approx(0.3068, abs=1e-3)
    assert shadow_length_m(0.3068, elevation) == pytest.approx(1.0, abs=1e-3)


def test_shadow_and_height_are_inverse():
    for elevation in (1.5, 17.06, 45.0, 80.0):
        assert height_from_shadow_m(shadow_length_m(0.4, elevation), elevation) == (
            pytest.approx(0.4)
        )


@pytest.mark.parametrize("elevation", [0.0, 90.0, -3.0, float("nan")])
def test_shadows_need_a_sun_above_the_horizon_and_below_the_zenith(elevation):
    with pytest.raises(LunarEduError, match="sun_elevation_deg"):
        shadow_length_m(1.0, elevation)


def test_shadow_refuses_a_negative_height():
    with pytest.raises(LunarEduError, match="height_m"):
        shadow_length_m(-1.0, 30.0)


def test_stereo_range_is_1824_over_disparity_for_pcam():
    for disparity in (10.0, 91.2, 1824.0):
        assert stereo_range_m(disparity) == pytest.approx(1824.4 / disparity, rel=1e-3)
    # A wider baseline puts the same disparity further away.
    assert stereo_range_m(50.0, PCAM, 0.54) == pytest.approx(2 * stereo_range_m(50.0))


@pytest.mark.parametrize("disparity", [0.0, -2.0])
def test_stereo_range_refuses_a_disparity_that_is_not_positive(disparity):
    with pytest.raises(LunarEduError, match="disparity_px"):
        stereo_range_m(disparity)


def test_camera_axes_are_orthonormal_and_forward_follows_yaw_and_pitch():
    camera = dataclasses.replace(PCAM, yaw_deg=90.0, pitch_deg=-30.0)
    axes = camera_axes(camera)
    np.testing.assert_allclose(axes @ axes.T, np.eye(3), atol=1e-12)
    right, down, forward = axes
    # Yaw 90 looks east; pitch -30 looks down.
    np.testing.assert_allclose(
        forward, [math.cos(math.radians(30)), 0, -0.5], atol=1e-12
    )
    np.testing.assert_allclose(np.cross(right, down), forward, atol=1e-12)
    assert down[2] < 0


def test_pixel_to_ray_centre_corners_and_lcam_orientation():
    centre = pixel_to_ray(PCAM, *PCAM.centre_px)
    np.testing.assert_allclose(centre, camera_axes(PCAM)[2], atol=1e-12)
    # The left and right edges are half the horizontal field of view apart.
    left = pixel_to_ray(PCAM, -0.5, PCAM.centre_px[1])
    right = pixel_to_ray(PCAM, PCAM.width_px - 0.5, PCAM.centre_px[1])
    angle = math.degrees(math.acos(float(left @ right)))
    assert angle == pytest.approx(field_of_view_deg(PCAM)[0], abs=1e-6)
    # LCAM looks straight down with north at the top of the picture.
    assert pixel_to_ray(LCAM, *LCAM.centre_px)[2] == pytest.approx(-1.0)
    top = pixel_to_ray(LCAM, LCAM.centre_px[0], 0.0)
    assert top[1] > 0
    rays = pixel_to_ray(PCAM, np.array([0.0, 100.0]), np.array([0.0, 200.0]))
    np.testing.assert_allclose(np.linalg.norm(rays, axis=-1), 1.0)


def test_ground_range_along_the_centre_column_of_a_tilted_mast_camera():
    camera = dataclasses.replace(PCAM, pitch_deg=-20.0)
    cx, cy = camera.centre_px
    rows = np.array([cy - 500, cy, cy + 500, camera.height_px - 1.0])
    ranges = ground_range_m(camera, np.full(rows.shape, cx), rows)
    # A row below the centre looks further down: depression = 20° + atan(dy / f).
    depression = np.radians(20.0) + np.arctan((rows - cy) / focal_length_px(camera))
    np.testing.assert_allclose(ranges, 1.5 / np.sin(depression), rtol=1e-9)
    assert ranges[1] == pytest.approx(1.5 / math.sin(math.radians(20)))
    assert np.all(np.diff(ranges) < 0)  # nearer towards the bottom


def test_ground_range_is_infinite_above_the_horizon():
    level = dataclasses.replace(PCAM, pitch_deg=5.0)
    assert np.isinf(ground_range_m(level, *level.centre_px))


def test_ground_range_needs_a_camera_height():
    with pytest.raises(LunarEduError, match="height_above_ground_m"):
        ground_range_m(LCAM, 0.0, 0.0)


def test_world_to_pixel_inverts_pixel_to_ray():
    camera = dataclasses.replace(
        TCAM, yaw_deg=123.0, principal_point_px=(1170.0, 870.0)
    )
    xs, ys = np.meshgrid([0.0, 700.0, 2351.0], [0.0, 900.0, 1727.0])
    rays = pixel_to_ray(camera, xs, ys)
    points = np.array([0.0, 0.0, camera.height_above_ground_m]) + 7.5 * rays
    expected = np.stack([xs, ys], -1)
    np.testing.assert_allclose(world_to_pixel(camera, points), expected, atol=1e-9)


def test_world_to_pixel_gives_nan_behind_the_camera():
    behind = np.array([0.0, -5.0, MAST_HEIGHT_M])  # PCAM looks north
    assert np.isnan(world_to_pixel(PCAM, behind)).all()


def test_scaled_camera_keeps_the_field_of_view_with_fewer_larger_pixels():
    from lunar_edu.camera import PCAM_PAN, scaled_camera

    assert scaled_camera(PCAM, 1) is PCAM
    assert scaled_camera(PCAM, 2) == PCAM_PAN
    assert (PCAM_PAN.width_px, PCAM_PAN.height_px) == (1176, 864)
    for a, b in zip(
        field_of_view_deg(PCAM), field_of_view_deg(scaled_camera(PCAM, 4)), strict=True
    ):
        assert a == pytest.approx(b, rel=2e-3)
    offset = dataclasses.replace(PCAM, principal_point_px=(1175.5, 863.5))
    assert scaled_camera(offset, 2).principal_point_px == (587.5, 431.5)


@pytest.mark.parametrize("binning", [0, -2, 1.5, True, "2"])
def test_scaled_camera_refuses_a_binning_that_is_not_a_whole_positive_number(binning):
    from lunar_edu.camera import GeometryError, scaled_camera

    with pytest.raises(GeometryError, match="binning must be a whole number"):
        scaled_camera(PCAM, binning)


def test_the_instrument_table_is_what_the_renderer_and_products_use(tmp_path):
    from lunar_edu.camera import INSTRUMENTS
    from lunar_edu.frame import Frame, simulated_source
    from lunar_edu.products import write_product
    from lunar_edu.synth.exposure import SENSORS

    for name, instrument in INSTRUMENTS.items():
        assert instrument.camera.name == name
        assert (SENSORS[name].layout, SENSORS[name].bit_depth) == (
            instrument.layout,
            instrument.bit_depth,
        )
        shape = (8, 8, 3) if instrument.layout == "rgb" else (8, 8)
        dtype = np.uint16 if instrument.bit_depth > 8 else np.uint8
        frame = Frame(
            pixels=np.zeros(shape, dtype=dtype),
            layout=instrument.layout,
            bit_depth=instrument.bit_depth,
            camera=instrument.camera,
            source=simulated_source("test"),
        )
        label = write_product(frame, tmp_path / name)
        assert label.suffix == f".{instrument.product_level}L"
