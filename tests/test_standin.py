import numpy as np
import pytest

from lunar_edu.camera import GeometryError
from lunar_edu.standin import descent_view


def test_same_seed_gives_the_same_pixels_and_another_seed_does_not():
    first = descent_view(size_px=128, seed=3)
    again = descent_view(size_px=128, seed=3)
    other = descent_view(size_px=128, seed=4)
    np.testing.assert_array_equal(first.pixels, again.pixels)
    assert np.mean(first.pixels != other.pixels) > 0.5


def test_frame_is_a_simulated_gray_lcam_frame_with_truth():
    frame = descent_view(size_px=256, seed=1)
    assert frame.layout == "gray"
    assert frame.pixels.dtype == np.uint8
    assert frame.pixels.shape == (256, 256)
    assert frame.source.kind == "simulated"
    assert frame.camera.name == "LCAM"
    assert frame.truth.range_m.shape == (256, 256)
    # The camera is 100 m up; terrain relief is small compared with that.
    assert np.all(np.abs(frame.truth.range_m - 100.0) < 5.0)
    craters = frame.truth.of_kind("crater")
    assert len(craters) > 50


def test_binning_keeps_the_field_of_view_of_the_real_camera():
    full = descent_view(size_px=1024, seed=0)
    binned = descent_view(size_px=256, seed=0)
    width_full = full.camera.width_px * full.camera.pixel_size_um
    width_binned = binned.camera.width_px * binned.camera.pixel_size_um
    assert width_binned == pytest.approx(width_full)


def test_a_lower_sun_casts_more_shadow():
    def shadow_fraction(elevation):
        frame = descent_view(size_px=256, seed=2, sun_elevation_deg=elevation)
        return np.mean(frame.pixels < 20)

    assert shadow_fraction(8.0) > shadow_fraction(30.0) > shadow_fraction(75.0)


def test_shadow_fills_the_sunward_side_of_the_big_crater():
    # Sun from the west (azimuth 270): the rim on the west side shades the
    # west half of the bowl, and the east inner wall faces the Sun.
    frame = descent_view(size_px=512, seed=5, sun_elevation_deg=20.0)
    crater = frame.truth.of_kind("crater")[0]
    metres_per_px = frame.camera.pixel_size_um * 1e-6 * 100.0 / 8.55e-3
    radius_px = crater.size_m / 2 / metres_per_px
    x, y = crater.xy_px
    row = frame.pixels[round(y)]
    west = row[round(x - 0.6 * radius_px)]
    east = row[round(x + 0.6 * radius_px)]
    assert west < 30
    assert east > 150


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sun_elevation_deg": 0.0}, "sun_elevation_deg"),
        ({"sun_elevation_deg": 95.0}, "sun_elevation_deg"),
        ({"altitude_m": -1.0}, "altitude_m"),
        ({"size_px": 8}, "size_px"),
    ],
)
def test_impossible_scenes_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(GeometryError, match=message):
        descent_view(**kwargs)
