"""Where the Sun stands in the lunar sky, from latitude and local time.

The Moon's spin axis is tilted only about 1.5° (facts.md [S37]), so the Sun's
declination seen from the Moon stays within about ±1.5° all year, and the
Sun climbs at noon to about ``90° - |latitude|``. Near a pole it never gets
far above the horizon, which is why some polar crater floors never see it.

One lunar day, sunrise to sunrise, lasts about 29.5 Earth days (facts.md
[S19]): the Sun's hour angle grows by 360° in that time, about 12° per Earth
day. Angles are in degrees; azimuths are clockwise from north, as everywhere
in lunar_edu; latitudes are positive north, negative south.
"""

from __future__ import annotations

import math

import numpy as np

from .errors import LunarEduError
from .frame import Sun

__all__ = [
    "AXIAL_TILT_DEG",
    "CHANGE4_LATITUDE_DEG",
    "CHANGE4_LONGITUDE_DEG",
    "LUNAR_DAY_EARTH_DAYS",
    "SunlightError",
    "earth_days_after_noon",
    "noon_elevation_deg",
    "sun_path",
    "sun_position",
]

#: Tilt of the Moon's spin axis, degrees: "only about 1.5°" (facts.md [S37]).
AXIAL_TILT_DEG = 1.5
#: Length of one lunar day, sunrise to sunrise, in Earth days (facts.md [S19]).
LUNAR_DAY_EARTH_DAYS = 29.5
#: Latitude of the Chang'e 4 landing site, degrees: 45.4446° S (facts.md [S3]).
CHANGE4_LATITUDE_DEG = -45.4446
#: Longitude of the landing site, degrees east: 177.5991° E, as a Chang'e 4
#: TCAM label gives it (data.md s. 2.1); products of the virtual Chang'e 4
#: are placed here.
CHANGE4_LONGITUDE_DEG = 177.5991


class SunlightError(LunarEduError, ValueError):
    """A latitude, declination or hour angle outside what the Moon allows."""


def _check(name: str, value: float, limit: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not (math.isfinite(number) and -limit <= number <= limit):
        msg = f"{name} must be a number of degrees from {-limit:g} to {limit:g}, got {value!r}."
        raise SunlightError(msg)
    return number


def sun_position(
    latitude_deg: float, hour_angle_deg: float, declination_deg: float = 0.0
) -> Sun:
    """Return the Sun's elevation and azimuth seen from a place on the Moon.

    Parameters
    ----------
    latitude_deg : float
        Latitude of the place, -90 (south pole) to 90.
    hour_angle_deg : float
        How far the Sun has moved past local noon, -180 to 180: negative in
        the morning, 0 at noon, positive in the afternoon.
    declination_deg : float
        The Sun's declination, within ±:data:`AXIAL_TILT_DEG` on the Moon
        (positive: the Sun over the northern hemisphere).

    Returns
    -------
    Sun
        Elevation above the horizon (negative at night) and azimuth.

    Raises
    ------
    SunlightError
        If an angle is out of range.

    Notes
    -----
    The standard spherical-astronomy formulas, for latitude φ, declination δ
    and hour angle H:

    ``sin(e) = sin φ sin δ + cos φ cos δ cos H`` and
    ``A = atan2(-sin H cos δ, sin δ cos φ - cos δ sin φ cos H)``.

    Examples
    --------
    >>> noon = sun_position(-45.4, 0.0)
    >>> round(noon.elevation_deg, 1), round(noon.azimuth_deg, 1)
    (44.6, 0.0)
    >>> round(sun_position(-45.4, -90.0).azimuth_deg)  # sunrise, due east
    90
    """
    lat = math.radians(_check("latitude_deg", latitude_deg, 90.0))
    hour = math.radians(_check("hour_angle_deg", hour_angle_deg, 180.0))
    dec = math.radians(_check("declination_deg", declination_deg, AXIAL_TILT_DEG))
    sin_e = math.sin(lat) * math.sin(dec) + math.cos(lat) * math.cos(dec) * math.cos(
        hour
    )
    elevation = math.degrees(math.asin(max(-1.0, min(1.0, sin_e))))
    east = -math.sin(hour) * math.cos(dec)
    north = math.sin(dec) * math.cos(lat) - math.cos(dec) * math.sin(lat) * math.cos(
        hour
    )
    azimuth = (
        0.0 if abs(east) < 1e-12 and abs(north) < 1e-12 else math.atan2(east, north)
    )
    return Sun(elevation_deg=elevation, azimuth_deg=math.degrees(azimuth) % 360.0)


def noon_elevation_deg(latitude_deg: float, declination_deg: float = 0.0) -> float:
    """Return how high the Sun stands at local noon, in degrees.

    Parameters
    ----------
    latitude_deg : float
        Latitude, -90 to 90.
    declination_deg : float
        The Sun's declination, within ±:data:`AXIAL_TILT_DEG`.

    Returns
    -------
    float
        ``90 - |latitude - declination|``: the highest the Sun gets that day.

    Examples
    --------
    >>> noon_elevation_deg(-45.4)
    44.6
    >>> noon_elevation_deg(-89.0, declination_deg=-1.5)  # best case near the pole
    2.5
    """
    lat = _check("latitude_deg", latitude_deg, 90.0)
    dec = _check("declination_deg", declination_deg, AXIAL_TILT_DEG)
    return round(90.0 - abs(lat - dec), 10)


def earth_days_after_noon(hour_angle_deg: float) -> float:
    """Return how many Earth days after local noon an hour angle is.

    Parameters
    ----------
    hour_angle_deg : float
        The Sun's hour angle, degrees (negative before noon).

    Returns
    -------
    float
        Earth days (negative before noon): 360° is one lunar day of
        :data:`LUNAR_DAY_EARTH_DAYS`.

    Examples
    --------
    >>> round(earth_days_after_noon(90.0), 2)  # noon to sunset at the equator
    7.38
    """
    return float(hour_angle_deg) / 360.0 * LUNAR_DAY_EARTH_DAYS


def sun_path(
    latitude_deg: float,
    *,
    declination_deg: float = 0.0,
    steps: int = 24,
    daylight_only: bool = True,
) -> tuple[Sun, ...]:
    """Return the Sun's positions through one lunar day, at even steps of time.

    Parameters
    ----------
    latitude_deg : float
        Latitude, -90 to 90.
    declination_deg : float
        The Sun's declination, within ±:data:`AXIAL_TILT_DEG`.
    steps : int
        How many moments, evenly spread over the whole lunar day (hour
        angles from -180° up to, not including, 180°).
    daylight_only : bool
        Keep only the moments when the Sun is above the horizon.

    Returns
    -------
    tuple of Sun
        The positions in time order, from the first after midnight.

    Raises
    ------
    SunlightError
        If ``steps`` is not a whole number from 1 to 10,000, or an angle is
        out of range.

    Examples
    --------
    >>> path = sun_path(-45.4, steps=12)
    >>> len(path), round(max(s.elevation_deg for s in path), 1)
    (5, 44.6)
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        msg = f"steps must be a whole number from 1 to 10000, got {steps!r}."
        raise SunlightError(msg)
    if not 1 <= int(steps) <= 10_000:
        msg = f"steps must be a whole number from 1 to 10000, got {steps!r}."
        raise SunlightError(msg)
    hours = -180.0 + 360.0 * np.arange(int(steps)) / int(steps)
    suns = [sun_position(latitude_deg, float(h), declination_deg) for h in hours]
    if daylight_only:
        # Sunrise and sunset themselves (elevation 0 up to rounding) are not day.
        suns = [s for s in suns if s.elevation_deg > 1e-9]
    return tuple(suns)
