"""The Sun in the lunar sky: standard spherical astronomy, checked by hand."""

import math

import pytest

from lunar_edu.errors import LunarEduError
from lunar_edu.sunlight import (
    AXIAL_TILT_DEG,
    CHANGE4_LATITUDE_DEG,
    SunlightError,
    earth_days_after_noon,
    noon_elevation_deg,
    sun_path,
    sun_position,
)


@pytest.mark.parametrize("latitude", [-89.0, -45.4446, -10.0, 0.0, 30.0, 80.0])
@pytest.mark.parametrize("declination", [-1.5, 0.0, 1.5])
def test_noon_is_the_highest_sun_and_matches_the_noon_formula(latitude, declination):
    noon = sun_position(latitude, 0.0, declination)
    assert noon.elevation_deg == pytest.approx(
        noon_elevation_deg(latitude, declination), abs=1e-9
    )
    for hour in (-150.0, -60.0, -5.0, 5.0, 60.0, 150.0):
        assert sun_position(latitude, hour, declination).elevation_deg < (
            noon.elevation_deg
        )


def test_the_sun_rises_in_the_east_stands_north_at_noon_in_the_south_and_sets_west():
    lat = CHANGE4_LATITUDE_DEG
    assert sun_position(lat, 0.0).azimuth_deg == pytest.approx(0.0, abs=1e-9)
    assert sun_position(lat, -90.0).azimuth_deg == pytest.approx(90.0)
    assert sun_position(lat, 90.0).azimuth_deg == pytest.approx(270.0)
    # North of the equator the noon Sun stands in the south.
    assert sun_position(40.0, 0.0).azimuth_deg == pytest.approx(180.0)


def test_morning_and_afternoon_mirror_each_other():
    for hour in (10.0, 45.0, 80.0, 120.0):
        am, pm = sun_position(-60.0, -hour, 1.0), sun_position(-60.0, hour, 1.0)
        assert am.elevation_deg == pytest.approx(pm.elevation_deg)
        assert am.azimuth_deg == pytest.approx(360.0 - pm.azimuth_deg)


def test_at_the_pole_the_sun_circles_at_the_height_of_its_declination():
    for hour in (-170.0, -90.0, 0.0, 45.0, 135.0):
        sun = sun_position(-90.0, hour, -1.2)
        assert sun.elevation_deg == pytest.approx(1.2, abs=1e-9)
    # With the Sun over the other hemisphere it never rises there.
    assert sun_position(-90.0, 0.0, 1.2).elevation_deg == pytest.approx(-1.2)


def test_the_elevation_matches_the_dot_product_of_two_directions():
    # The Sun's direction at hour angle H and the local vertical at latitude
    # phi, both in the Moon's frame: their angle is 90 degrees minus elevation.
    phi, dec, hour = math.radians(-45.4), math.radians(1.1), math.radians(37.0)
    sun = (
        math.cos(dec) * math.cos(hour),
        math.cos(dec) * math.sin(hour),
        math.sin(dec),
    )
    up = (math.cos(phi), 0.0, math.sin(phi))
    expected = math.degrees(math.asin(sum(a * b for a, b in zip(sun, up, strict=True))))
    assert sun_position(-45.4, 37.0, 1.1).elevation_deg == pytest.approx(expected)


def test_a_lunar_day_at_the_site_has_daylight_half_the_time():
    path = sun_path(CHANGE4_LATITUDE_DEG, steps=48)
    # The Sun is up from hour angle -90 to 90 (not counting the horizon).
    assert len(path) == 23
    assert max(s.elevation_deg for s in path) == pytest.approx(
        90.0 - abs(CHANGE4_LATITUDE_DEG)
    )
    everything = sun_path(CHANGE4_LATITUDE_DEG, steps=48, daylight_only=False)
    assert len(everything) == 48
    assert min(s.elevation_deg for s in everything) < 0


def test_near_the_pole_the_noon_sun_stays_within_the_tilt_of_the_horizon():
    best = noon_elevation_deg(-89.5, declination_deg=-AXIAL_TILT_DEG)
    assert best == pytest.approx(2.0)
    assert noon_elevation_deg(-45.4) > 20 * best


def test_a_lunar_day_is_about_29_and_a_half_earth_days():
    assert earth_days_after_noon(360.0) == pytest.approx(29.5)
    assert earth_days_after_noon(-90.0) == pytest.approx(-29.5 / 4)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: sun_position(91.0, 0.0), "latitude_deg"),
        (lambda: sun_position(0.0, 200.0), "hour_angle_deg"),
        (lambda: sun_position(0.0, 0.0, 5.0), "declination_deg"),
        (lambda: noon_elevation_deg("south"), "latitude_deg"),
        (lambda: sun_position(math.nan, 0.0), "latitude_deg"),
        (lambda: sun_path(-45.0, steps=0), "steps"),
        (lambda: sun_path(-45.0, steps=2.5), "steps"),
    ],
)
def test_impossible_angles_raise_a_clear_error(call, words):
    with pytest.raises(SunlightError, match=words) as caught:
        call()
    assert isinstance(caught.value, LunarEduError)
