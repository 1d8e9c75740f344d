"""Minimal scenes with known answers: flat ground and a few chosen objects.

They let a test (or a curious student) check the renderer against geometry
worked out by hand, e.g. that a block 0.5 m tall under a Sun 30° high casts
a shadow 0.5 / tan(30°) = 0.87 m long.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..frame import Camera, Frame, Sun
from .errors import SceneError
from .objects import SceneObject
from .pipeline import frame_of
from .render import Scene
from .terrain import Level, Terrain

__all__ = ["flat_scene", "render_flat_scene"]


def flat_scene(
    camera: Camera,
    *,
    sun_elevation_deg: float = 30.0,
    sun_azimuth_deg: float = 270.0,
    objects: Sequence[SceneObject] = (),
    curvature: bool = False,
    extent_m: float = 20000.0,
) -> Scene:
    """Return a scene of perfectly flat, uniform ground with chosen objects.

    Parameters
    ----------
    camera : Camera
        The camera, at east = north = 0 and ``height_above_ground_m`` up.
    sun_elevation_deg, sun_azimuth_deg : float
        The Sun's elevation (-90 to 90) and azimuth in degrees.
    objects : sequence of SceneObject
        Things on the ground, e.g. from :func:`lunar_edu.synth.models.rock`.
    curvature : bool
        Whether the flat ground follows the Moon's curvature.
    extent_m : float
        Side of the square of ground in metres.

    Returns
    -------
    Scene
        Ready for :func:`render_flat_scene` or
        :func:`lunar_edu.synth.render.render`.

    Raises
    ------
    SceneError
        If the camera has no positive height or the Sun is out of range.
    """
    height = camera.height_above_ground_m
    if height is None or not height > 0:
        msg = (
            f"The camera needs a positive height_above_ground_m in metres to "
            f"look at the ground, got {height!r}."
        )
        raise SceneError(msg)
    if not (math.isfinite(sun_elevation_deg) and -90 <= sun_elevation_deg <= 90):
        msg = (
            f"sun_elevation_deg must be from -90 to 90 degrees, got "
            f"{sun_elevation_deg!r}."
        )
        raise SceneError(msg)
    level = Level.around((0.0, 0.0), extent_m, 64, fades=False)
    terrain = Terrain([level], curvature=curvature)
    sun = Sun(elevation_deg=sun_elevation_deg, azimuth_deg=sun_azimuth_deg % 360.0)
    return Scene(camera=camera, sun=sun, terrain=terrain, objects=list(objects))


def render_flat_scene(scene: Scene, *, seed: int = 0) -> Frame:
    """Render a flat test scene into a simulated frame of its camera.

    Parameters
    ----------
    scene : Scene
        From :func:`flat_scene`; the camera's name (PCAM, TCAM or LCAM)
        chooses how the pixels are stored.
    seed : int
        Seed of the sensor noise.

    Returns
    -------
    Frame
        A simulated frame with truth.

    Examples
    --------
    >>> from lunar_edu.camera import LCAM
    >>> from lunar_edu.synth.models import rock
    >>> from lunar_edu.camera import scaled_camera
    >>> camera = scaled_camera(LCAM, 8)
    >>> camera = Camera(**{**camera.__dict__, "height_above_ground_m": 10.0})
    >>> block = rock("rock-1", (0, 0, 0), height_m=0.5, width_m=0.4,
    ...              shape="block")
    >>> frame = render_flat_scene(flat_scene(camera, objects=[block]))
    >>> frame.truth.of_kind("rock")[0].size_m
    0.5
    """
    return frame_of(
        scene,
        origin="virtual Chang'e 4 test scene: flat ground",
        meta={"recipe": "flat-test-scene", "seed": int(seed)},
        rng=np.random.default_rng(seed),
    )
