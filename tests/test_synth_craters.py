"""Natural craters in an oblique PCAM view: lit walls, shadows, rims."""

import dataclasses
import math

import numpy as np
import pytest

from lunar_edu.camera import PCAM, pixel_to_ray, scaled_camera
from lunar_edu.frame import Sun
from lunar_edu.synth.craters import Crater, carve_crater
from lunar_edu.synth.exposure import SENSORS
from lunar_edu.synth.pipeline import frame_of
from lunar_edu.synth.render import Scene
from lunar_edu.synth.terrain import Level, Terrain

SUN_ELEVATION_DEG = 25.0
SUN_AZIMUTH_DEG = 90.0  # from the east, across the camera's view to the north
DIAMETER_M = 1.0
CENTRE_XY_M = (0.0, 2.7)
# A fresh simple crater: a paraboloid bowl one fifth as deep as it is wide,
# its rim 4 % of the diameter above the plain (carve_crater's docstring).
DEPTH_M = 0.2 * DIAMETER_M
RIM_M = 0.04 * DIAMETER_M


@pytest.fixture(scope="module")
def crater_view():
    """Return the frame and the ground point of every pixel of a lone crater."""
    camera = dataclasses.replace(scaled_camera(PCAM, 2), pitch_deg=-30.0, yaw_deg=0.0)
    plain = Level.around((0.0, 0.0), 4000.0, 64, fades=False)
    near = Level.around(CENTRE_XY_M, 4.0, 512, fades=True)
    crater = Crater(*CENTRE_XY_M, DIAMETER_M, freshness=1.0)
    carve_crater(near, crater)
    scene = Scene(
        camera=camera,
        sun=Sun(SUN_ELEVATION_DEG, SUN_AZIMUTH_DEG),
        terrain=Terrain([plain, near], curvature=False),
        craters=[crater],
    )
    frame = frame_of(scene, origin="test: one fresh crater")
    rows, cols = frame.pixels.shape
    ys, xs = np.mgrid[0:rows, 0:cols]
    rays = pixel_to_ray(camera, xs, ys)
    points = (
        np.array([0.0, 0.0, camera.height_above_ground_m])
        + rays
        * np.where(np.isfinite(frame.truth.range_m), frame.truth.range_m, 0.0)[
            ..., None
        ]
    )
    return frame, points


def predicted_shadow(east_m, north_m):
    """Return True where the bowl's own wall hides a point from the Sun.

    On the bowl ``z = k r**2 - depth`` the line towards the Sun from a point
    runs below the bowl beyond ``t = (tan e - 2 k q.u) / k`` (``q`` the
    point's offset from the centre, ``u`` the Sun's horizontal direction).
    The point is shadowed when that happens before the line clears the rim:
    ``t <= 0`` (the wall faces away from the Sun) or the line meets the bowl
    again inside the rim.
    """
    radius = DIAMETER_M / 2
    k = (RIM_M + DEPTH_M) / radius**2
    az = math.radians(SUN_AZIMUTH_DEG)
    u = np.array([math.sin(az), math.cos(az)])
    qx, qy = east_m - CENTRE_XY_M[0], north_m - CENTRE_XY_M[1]
    t = (
        math.tan(math.radians(SUN_ELEVATION_DEG)) - 2 * k * (qx * u[0] + qy * u[1])
    ) / k
    hx, hy = qx + t * u[0], qy + t * u[1]
    return (t <= 0) | (np.hypot(hx, hy) <= radius)


def regions(points):
    """Return radius over crater radius and the east offset of every pixel."""
    east = points[..., 0] - CENTRE_XY_M[0]
    north = points[..., 1] - CENTRE_XY_M[1]
    return np.hypot(east, north) / (DIAMETER_M / 2), east


def far_wall(points):
    """Return the steep upper part of the wall facing the Sun (the west one)."""
    r, east = regions(points)
    west = east < -math.cos(math.radians(45.0)) * r * DIAMETER_M / 2
    return (r > 0.75) & (r < 0.95) & west


def test_the_sunward_wall_is_shadowed_as_far_as_geometry_predicts(crater_view):
    frame, points = crater_view
    green = frame.pixels[0::2, 1::2].astype(float)
    p = points[0::2, 1::2]
    r, east = regions(p)
    plain = np.median(green[(r > 1.8) & (r < 2.6)])
    inside = r < 0.97
    assert inside.sum() > 2000
    dark = green < 0.3 * plain
    expected = predicted_shadow(p[..., 0], p[..., 1])
    assert 0.1 < expected[inside].mean() < 0.6
    assert dark[inside].mean() == pytest.approx(expected[inside].mean(), rel=0.1)
    # The shadow lies on the wall nearest the Sun (the eastern one) only.
    assert np.mean(east[inside & dark] > 0) > 0.95


def test_the_wall_facing_the_sun_is_brighter_than_the_plain(crater_view):
    frame, points = crater_view
    green = frame.pixels[0::2, 1::2].astype(float)
    r, _ = regions(points[0::2, 1::2])
    plain = np.median(green[(r > 1.8) & (r < 2.6)])
    wall = far_wall(points[0::2, 1::2])
    assert wall.sum() > 200
    assert np.median(green[wall]) > 1.1 * plain


def test_no_bright_line_along_the_rim(crater_view):
    frame, points = crater_view
    green = frame.pixels[0::2, 1::2].astype(float)
    p = points[0::2, 1::2]
    r, east = regions(p)
    wall = far_wall(p)
    # The rim all round, but where it tops the wall facing the Sun (there
    # it is the steepest, brightest part of that wall).
    facing_sun = east < -math.cos(math.radians(45.0)) * r * DIAMETER_M / 2
    rim = (r > 0.95) & (r < 1.1) & ~facing_sun
    assert rim.sum() > 500
    level = np.median(green[wall])
    sensor = SENSORS["PCAM"]
    noise = math.sqrt(
        sensor.read_noise_dn**2 + (level - sensor.dark_dn) / sensor.electrons_per_dn
    )
    # 4 sigma: the largest of some thousands of noisy pixels.
    assert green[rim].max() <= level + 4 * noise
