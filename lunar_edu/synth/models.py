"""Simple, to-scale models of the Yutu-2 rover, the Chang'e 4 lander and rocks.

Sizes: the rover body is about 1.5 m long, 1 m wide and 1.1 m high, with six
wheels, two solar panels and a dish antenna (NASA NSSDC, facts.md [S1]); the
PCAM cameras sit 1.5 m above the ground, 270 mm apart (Xinhua 2019). Wheel,
panel and lander dimensions are not in the fact sheet: they are estimates
read off published photographs (wheels about 30 cm across; the lander a box
about 2.4 m across standing about 1 m up on four legs, with two solar wings,
gold and black foil, the camera mast on top and a two-rail ramp), good to
perhaps 20 %.
"""

from __future__ import annotations

import numpy as np

from .errors import SceneError
from .objects import Landmark, Material, Primitive, SceneObject, frame_along
from .tracks import TRACK_WIDTH_M

__all__ = ["lander", "rock", "rover"]

GOLD_FOIL = Material((0.55, 0.36, 0.12), "foil")
BLACK_FOIL = Material((0.05, 0.05, 0.055), "foil")
SILVER = Material((0.55, 0.55, 0.56), "lambert")
SOLAR_CELLS = Material((0.035, 0.04, 0.065), "lambert")
WHEEL_METAL = Material((0.32, 0.31, 0.30), "lambert")
WHITE_PAINT = Material((0.7, 0.7, 0.68), "lambert")

#: Wheel radius of the rover model, metres (estimate, see the module docstring).
WHEEL_RADIUS_M = 0.15


def _heading_frame(heading_deg: float) -> np.ndarray:
    """Return rows right, forward, up for an object facing ``heading_deg``."""
    h = np.radians(heading_deg)
    return np.array(
        [[np.cos(h), -np.sin(h), 0.0], [np.sin(h), np.cos(h), 0.0], [0.0, 0.0, 1.0]]
    )


class _Builder:
    """Place parts given in an object's own frame (x right, y forward, z up)."""

    def __init__(self, position_m, heading_deg: float) -> None:
        self.origin = np.asarray(position_m, dtype=float)
        self.frame = _heading_frame(heading_deg)
        self.parts: list[Primitive] = []
        self.landmarks: list[Landmark] = []

    def world(self, local) -> np.ndarray:
        return self.origin + np.asarray(local, dtype=float) @ self.frame

    def add(self, shape, centre, half, material, axes=None) -> None:
        local_axes = np.eye(3) if axes is None else np.asarray(axes, dtype=float)
        self.parts.append(
            Primitive(
                shape,
                self.world(centre),
                np.asarray(half, dtype=float),
                local_axes @ self.frame,
                material,
            )
        )

    def mark(self, name: str, local, size_m: float) -> None:
        """Name a point of the object (given in its own frame) for the truth."""
        self.landmarks.append(Landmark(name, self.world(local), float(size_m)))

    def rod(self, start, end, radius, material) -> None:
        start, end = np.asarray(start, float), np.asarray(end, float)
        axis = end - start
        half = [radius, radius, np.linalg.norm(axis) / 2]
        self.add("cylinder", (start + end) / 2, half, material, frame_along(axis))

    def plate(self, centre, width, length, thickness, tilt_axes, material) -> None:
        half = [width / 2, length / 2, thickness / 2]
        self.add("box", centre, half, material, tilt_axes)


def rover(position_m, heading_deg: float, *, name: str = "Yutu-2") -> SceneObject:
    """Return a model of the Yutu-2 rover standing on flat ground.

    Parameters
    ----------
    position_m : array_like, shape (3,)
        The ground point below the centre of the rover, east-north-up metres.
    heading_deg : float
        Direction the rover faces, degrees clockwise from north.
    name : str
        Name for the truth.

    Returns
    -------
    SceneObject
        ``kind="rover"``, ``size_m`` its 1.5 m body length.
    """
    b = _Builder(position_m, heading_deg)
    r = WHEEL_RADIUS_M
    wheel_axes = frame_along([1.0, 0.0, 0.0])
    for side in (-1, 1):
        x = side * TRACK_WIDTH_M / 2
        for y in (-0.55, 0.0, 0.55):
            b.add("cylinder", (x, y, r), (r, r, 0.075), WHEEL_METAL, wheel_axes)
        # Rocker-bogie arms joining the wheels to the body.
        b.rod((x, -0.55, r), (x, -0.1, 0.42), 0.025, SILVER)
        b.rod((x, 0.55, r), (x, 0.1, 0.42), 0.025, SILVER)
    b.add("box", (0.0, 0.0, 0.58), (0.34, 0.62, 0.18), GOLD_FOIL)
    b.add("box", (0.0, 0.0, 0.775), (0.36, 0.64, 0.015), WHITE_PAINT)
    # Two solar wings hinged at the top edges, tilted up and outwards.
    for side in (-1, 1):
        tilt = np.radians(25.0)
        axes = np.array(
            [[np.cos(tilt), 0.0, side * np.sin(tilt)], [0, 1, 0], [0, 0, 1]]
        )
        axes[2] = np.cross(axes[0], axes[1])
        centre = (side * (0.36 + 0.2 * np.cos(tilt)), 0.0, 0.8 + 0.2 * np.sin(tilt))
        b.plate(centre, 0.4, 1.1, 0.02, axes, SOLAR_CELLS)
    # Mast with the PCAM stereo head 1.5 m above the ground, and the dish.
    b.rod((0.0, 0.45, 0.78), (0.0, 0.45, 1.42), 0.03, WHITE_PAINT)
    b.add("box", (0.0, 0.45, 1.5), (0.2, 0.07, 0.07), WHITE_PAINT)
    b.rod((0.0, -0.45, 0.78), (0.0, -0.45, 1.05), 0.02, WHITE_PAINT)
    dish = frame_along([0.0, -0.6, 1.0])
    b.add("ellipsoid", (0.0, -0.5, 1.08), (0.12, 0.12, 0.025), SILVER, dish)
    _mark_rover_parts(b)
    top = b.world((0.0, 0.45, 1.57))
    return SceneObject(name, "rover", b.parts, 1.5, top, landmarks=b.landmarks)


def _mark_rover_parts(b: _Builder) -> None:
    """Name the rover's parts a lesson can point at (sizes from the model)."""
    r = WHEEL_RADIUS_M
    b.mark("mast camera", (0.0, 0.45, 1.5), 0.4)
    for side in (-1, 1):
        b.mark("solar panel", (side * (0.36 + 0.2 * np.cos(np.radians(25.0))), 0.0,
                               0.8 + 0.2 * np.sin(np.radians(25.0))), 1.1)  # fmt: skip
        # The tread of the front and back wheels, and the outer face of the
        # middle ones: whichever way the rover is seen, some are in view.
        for y in (-0.55 - r, 0.55 + r):
            b.mark("wheel", (side * TRACK_WIDTH_M / 2, y, r), 2 * r)
        b.mark("wheel", (side * (TRACK_WIDTH_M / 2 + 0.075), 0.0, r), 2 * r)
        # Where a back wheel touches the ground: the mast camera is 1.5 m above.
        b.mark("wheel bottom", (side * TRACK_WIDTH_M / 2, -0.55 - 0.2 * r, 0.02), 2 * r)
    b.mark("dish antenna", (0.0, -0.5, 1.1), 0.24)
    b.mark("body", (0.0, -0.62, 0.58), 1.24)
    b.mark("body", (0.0, 0.62, 0.58), 1.24)


def lander(position_m, heading_deg: float, *, name: str = "Chang'e 4") -> SceneObject:
    """Return a model of the Chang'e 4 lander, its ramp pointing ``heading_deg``.

    Parameters
    ----------
    position_m : array_like, shape (3,)
        The ground point below the lander's centre, east-north-up metres.
    heading_deg : float
        Direction the ramp points, degrees clockwise from north.
    name : str
        Name for the truth.

    Returns
    -------
    SceneObject
        ``kind="lander"``, ``size_m`` the width of its body (estimate).
    """
    b = _Builder(position_m, heading_deg)
    b.add("box", (0.0, 0.0, 1.35), (1.2, 1.2, 0.38), GOLD_FOIL)
    b.add("box", (0.0, 0.0, 1.86), (1.15, 1.15, 0.13), BLACK_FOIL)
    b.add("box", (0.0, 0.0, 2.0), (1.18, 1.18, 0.01), SILVER)
    # Four legs from the lower corners out to round footpads.
    for angle in (45.0, 135.0, 225.0, 315.0):
        a = np.radians(angle)
        corner = (1.05 * np.sin(a), 1.05 * np.cos(a), 1.0)
        foot = (2.1 * np.sin(a), 2.1 * np.cos(a), 0.08)
        b.rod(corner, foot, 0.05, SILVER)
        b.rod((0.6 * corner[0], 0.6 * corner[1], 0.98), foot, 0.03, SILVER)
        b.add("ellipsoid", (foot[0], foot[1], 0.04), (0.22, 0.22, 0.06), SILVER)
    # Solar wings on the east and west sides, raised about 40 degrees.
    for side in (-1, 1):
        tilt = np.radians(40.0)
        axes = np.array(
            [[np.cos(tilt), 0.0, side * np.sin(tilt)], [0, 1, 0], [0, 0, 1]]
        )
        axes[2] = np.cross(axes[0], axes[1])
        centre = (side * (1.2 + 0.75 * np.cos(tilt)), 0.0, 1.98 + 0.75 * np.sin(tilt))
        b.plate(centre, 1.5, 2.0, 0.03, axes, SOLAR_CELLS)
    # The terrain camera mast and a radioisotope-heater fin stack.
    b.rod((0.5, 0.5, 2.0), (0.5, 0.5, 2.12), 0.05, WHITE_PAINT)
    b.add("box", (0.5, 0.5, 2.17), (0.09, 0.09, 0.06), WHITE_PAINT)
    b.add("box", (-0.6, -0.5, 2.2), (0.25, 0.25, 0.2), BLACK_FOIL)
    # The ramp: two rails from the front edge down to the ground.
    for x in (-0.45, 0.45):
        b.rod((x, 1.2, 0.98), (x, 3.4, 0.04), 0.04, SILVER)
    b.rod((-0.45, 3.4, 0.04), (0.45, 3.4, 0.04), 0.03, SILVER)
    _mark_lander_parts(b)
    top = b.world((0.0, 0.0, 2.0))
    return SceneObject(name, "lander", b.parts, 2.4, top, landmarks=b.landmarks)


def _mark_lander_parts(b: _Builder) -> None:
    """Name the lander's parts a lesson can label (sizes from the model)."""
    b.mark("body (gold foil)", (0.0, 1.2, 1.35), 2.4)
    b.mark("body (gold foil)", (0.0, -1.2, 1.35), 2.4)
    b.mark("top deck (black foil)", (0.0, 1.15, 1.86), 2.3)
    b.mark("terrain camera (TCAM)", (0.5, 0.5, 2.17), 0.18)
    for side in (-1, 1):
        tilt = np.radians(40.0)
        # The middle of each wing's front and back edges: a wing seen end-on
        # from the front (or back) shows its edge, not its middle.
        for edge_y in (-0.97, 0.97):
            b.mark("solar wing", (side * (1.2 + 0.75 * np.cos(tilt)), edge_y,
                                  1.98 + 0.75 * np.sin(tilt)), 2.0)  # fmt: skip
    for angle in (45.0, 135.0, 225.0, 315.0):
        a = np.radians(angle)
        corner = np.array((1.05 * np.sin(a), 1.05 * np.cos(a), 1.0))
        foot = np.array((2.1 * np.sin(a), 2.1 * np.cos(a), 0.08))
        b.mark("landing leg", (corner + foot) / 2, float(np.linalg.norm(foot - corner)))
        b.mark("footpad", (foot[0], foot[1], 0.1), 0.44)
    for x in (-0.45, 0.45):
        b.mark("ramp", (x, 2.3, 0.51), 2.4)


def rock(
    name: str,
    position_m,
    *,
    height_m: float,
    width_m: float,
    length_m: float | None = None,
    heading_deg: float = 0.0,
    albedo: float = 0.14,
    shape: str = "ellipsoid",
    tilt_deg: tuple[float, float] = (0.0, 0.0),
    lump_fraction: float = 0.0,
) -> SceneObject:
    """Return a rock standing ``height_m`` above the ground at ``position_m``.

    Parameters
    ----------
    name : str
        Name for the truth, e.g. ``"rock-1"``.
    position_m : array_like, shape (3,)
        Ground point below its centre, east-north-up metres.
    height_m, width_m : float
        Height above the ground and width in metres.
    length_m : float, optional
        Length in metres (the width when not given).
    heading_deg : float
        Direction of its long axis, degrees clockwise from north.
    albedo : float
        Reflectance; rocks are a little brighter than mature soil.
    shape : {"ellipsoid", "block"}
        A half-buried ellipsoid (boulder) or an upright cylinder (a block
        with a flat top, handy for testing shadow lengths).
    tilt_deg : tuple of float
        Tilt of a boulder about its own width and length axes, degrees.
    lump_fraction : float
        Size of a second, smaller lump at one end of a boulder relative to
        the main one (0 for none), which makes it look less regular.

    Returns
    -------
    SceneObject
        ``kind="rock"`` with ``size_m`` its height above the ground and
        ``top_m`` its highest point.

    Raises
    ------
    SceneError
        If a size is not a positive number or the shape is unknown.
    """
    length_m = width_m if length_m is None else length_m
    for label, value in (
        ("height_m", height_m),
        ("width_m", width_m),
        ("length_m", length_m),
    ):
        if not (np.isfinite(value) and value > 0):
            msg = f"A rock's {label} must be a positive size in metres, got {value!r}."
            raise SceneError(msg)
    if shape not in ("ellipsoid", "block"):
        msg = f"A rock's shape must be 'ellipsoid' or 'block', got {shape!r}."
        raise SceneError(msg)
    base = np.asarray(position_m, dtype=float)
    frame = _heading_frame(heading_deg)
    material = Material((albedo * 1.04, albedo, albedo * 0.93), "rock")
    if shape == "block":
        half = np.array([width_m / 2, width_m / 2, height_m / 2])
        centre = base + np.array([0.0, 0.0, height_m / 2])
        prim = Primitive("cylinder", centre, half, frame, material)
    else:
        # Boulders sit partly buried, a little tilted, some with a second lump.
        axes = _tilted(frame, *tilt_deg)
        half = np.array([width_m / 2, length_m / 2, height_m / 0.7])
        reach_up = float(np.sqrt(np.sum((half * axes[:, 2]) ** 2)))
        centre = base + np.array([0.0, 0.0, height_m - reach_up])
        prims = [Primitive("ellipsoid", centre, half, axes, material)]
        if lump_fraction > 0:
            small = half * lump_fraction
            along = axes[1] * (half[1] * 0.7)
            small_up = float(np.sqrt(np.sum((small * axes[:, 2]) ** 2)))
            lump_centre = base + along + np.array([0, 0, 0.8 * height_m - small_up])
            prims.append(Primitive("ellipsoid", lump_centre, small, axes, material))
    if shape == "block":
        prims = [prim]
    top = base + np.array([0.0, 0.0, height_m])
    info = {"shape": shape, "width_m": width_m}
    return SceneObject(name, "rock", prims, float(height_m), top, info)


def _tilted(frame: np.ndarray, tilt_x_deg: float, tilt_y_deg: float) -> np.ndarray:
    """Return ``frame`` (rows = axes) turned about its own x and then y axis."""
    a, b = np.radians(tilt_x_deg), np.radians(tilt_y_deg)
    about_x = np.array(
        [[1, 0, 0], [0, np.cos(a), np.sin(a)], [0, -np.sin(a), np.cos(a)]]
    )
    about_y = np.array(
        [[np.cos(b), 0, -np.sin(b)], [0, 1, 0], [np.sin(b), 0, np.cos(b)]]
    )
    return about_y @ about_x @ frame
