"""To-scale models of the Yutu-2 rover and the Chang'e 4 lander, and rocks.

Facts from the fact sheet: the rover has a mass of 140 kg, a body about
1.5 m long, 1 m wide and 1.1 m high, six wheels, two solar panels and a dish
antenna (NASA NSSDC, facts.md [S1]); its PCAM cameras sit 1.5 m above the
ground, 270 mm apart (Xinhua 2019, [S23]). The TCAM camera stands 2.172 m up
in the lander's frame (its product label, data.md). Everything else, from
the wheels' size to the lander's legs and antennas, is estimated from
published pictures, good to perhaps 20 %; the table in
``docs/contribute/virtual-spacecraft.md`` lists each part and what it rests
on.
"""

from __future__ import annotations

import numpy as np

from ..camera import MAST_HEIGHT_M, STEREO_BASELINE_M, TCAM_HEIGHT_M
from .errors import SceneError
from .materials import (
    BLACK_FOIL,
    CELL_FRAME,
    GOLD_FOIL,
    GREY_PAINT,
    METAL,
    SILVER_FOIL,
    SOLAR_CELLS,
    WHITE_PAINT,
)
from .objects import Landmark, Material, Primitive, SceneObject, frame_along
from .tracks import TRACK_WIDTH_M

__all__ = [
    "LANDER_BODY_WIDTH_M",
    "ROVER_LENGTH_M",
    "WHEEL_RADIUS_M",
    "lander",
    "rock",
    "rover",
]

#: Camera lenses and other dark glass.
_LENS = Material((0.02, 0.02, 0.025), "metal", (0.05, 0.05, 0.05), 200.0)
#: Bright metal of the lander's footpads.
_FOOTPAD = Material((0.55, 0.55, 0.53), "metal", (0.3, 0.3, 0.29), 20.0)

#: Wheel radius of the rover model, metres (estimated from pictures).
WHEEL_RADIUS_M = 0.15
#: The rover's body length, metres (facts.md [S1]).
ROVER_LENGTH_M = 1.5
#: Width of the lander's gold body in the model, metres (estimated).
LANDER_BODY_WIDTH_M = 2.4

# Rover layout, in the rover's own frame (x right, y forward, z up), metres.
_WHEEL_Y = (0.55, 0.0, -0.55)  # front, middle, back
_WHEEL_HALF_WIDTH = 0.075
_BODY_LOW, _BODY_HIGH = 0.40, 0.85
_BODY_HALF = (0.40, ROVER_LENGTH_M / 2)
_ARM_X = 0.455  # the rocker-bogie arms run just outside the body
_MAST_Y = 0.45
_PCAM_HALF_BASELINE = STEREO_BASELINE_M / 2  # 270 mm apart [S23]
_HEAD_Z = MAST_HEIGHT_M  # the PCAMs' height above the ground [S23]
_ROVER_WING_TILT_DEG = {-1: 32.0, 1: 18.0}  # left, right
_ROVER_WING = (0.55, 1.3)  # out from the hinge, along the body

# Lander layout, in its own frame (y along the ramp), metres.
_LANDER_HALF = LANDER_BODY_WIDTH_M / 2
_DECK_Z = 1.99
_FOOT_REACH = 2.1
_LEG_ANGLES = (45.0, 135.0, 225.0, 315.0)
_LANDER_WING_TILT_DEG = 40.0
_LANDER_WING = (1.5, 2.0)
_TCAM_AT = (0.5, 0.5, TCAM_HEIGHT_M)  # TCAM label height (data.md)
_RAMP_X = (-0.45, 0.45)
_RAMP_TOP = (1.22, 1.96)  # y, z at the deck's front edge
_RAMP_FOOT = (4.3, 0.05)
# Three long LFS monopoles from the back of the deck: (azimuth, tilt from up).
_LFS = ((150.0, 50.0), (210.0, 50.0), (0.0, 65.0))
_LFS_LENGTH_M = 5.0


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
        self.part = ""

    def world(self, local) -> np.ndarray:
        return self.origin + np.asarray(local, dtype=float) @ self.frame

    def add(self, shape, centre, half, material, axes=None, *, shadow=True) -> None:
        local_axes = np.eye(3) if axes is None else np.asarray(axes, dtype=float)
        self.parts.append(
            Primitive(
                shape,
                self.world(centre),
                np.asarray(half, dtype=float),
                local_axes @ self.frame,
                material,
                self.part,
                shadow,
            )
        )

    def mark(self, name: str, local, size_m: float, *alternates, **options) -> None:
        """Name the current part for the truth, at a point in the object's frame."""
        self.landmarks.append(
            Landmark(
                name,
                self.world(local),
                float(size_m),
                part=options.get("part", self.part),
                alternates_m=tuple(self.world(a) for a in alternates),
                fallback=options.get("fallback", True),
            )
        )

    def rod(self, start, end, radius, material) -> None:
        start, end = np.asarray(start, float), np.asarray(end, float)
        axis = end - start
        half = [radius, radius, np.linalg.norm(axis) / 2]
        self.add("cylinder", (start + end) / 2, half, material, frame_along(axis))

    def beam(self, start, end, width, height, material) -> None:
        """Add a box from ``start`` to ``end``, ``width`` across, ``height`` up."""
        start, end = np.asarray(start, float), np.asarray(end, float)
        along = (end - start) / np.linalg.norm(end - start)
        across = np.cross(along, [0.0, 0.0, 1.0])
        across /= np.linalg.norm(across)
        up = np.cross(across, along)
        half = [width / 2, np.linalg.norm(end - start) / 2, height / 2]
        self.add("box", (start + end) / 2, half, material, [across, along, up])

    def wing(self, hinge, side, tilt_deg, size, thickness) -> np.ndarray:
        """Add a solar wing hinged along y at ``hinge``; return its middle."""
        t = np.radians(tilt_deg)
        out = np.array([side * np.cos(t), 0.0, np.sin(t)])
        normal = np.array([-side * np.sin(t), 0.0, np.cos(t)])
        width, length = size
        centre = np.asarray(hinge, float) + out * (width / 2) + normal * thickness / 2
        # The cells face up (the wing's own +z), the frame and back do not.
        axes = [out, [0.0, 1.0, 0.0], normal]
        self.add(
            "box", centre, (width / 2, length / 2, thickness / 2), SOLAR_CELLS, axes
        )
        return centre


def rover(position_m, heading_deg: float, *, name: str = "Yutu-2") -> SceneObject:
    """Return a model of the Yutu-2 rover standing on flat ground.

    The body is wrapped in gold foil under a silver-foil deck; two solar
    wings of dark cells are hinged to the deck's sides and tilted up; the
    mast at the front carries the camera head with the PCAM stereo pair and
    the navigation cameras; a white dish antenna stands on the back of the
    deck; six wheels with grousers hang on a rocker and a bogie on each
    side; the radar antennas sit under the back.

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
    _rover_wheels(b)
    _rover_suspension(b)
    _rover_body(b)
    _rover_mast(b)
    top = b.world((0.0, _MAST_Y, _HEAD_Z + 0.06))
    return SceneObject(
        name, "rover", b.parts, ROVER_LENGTH_M, top, landmarks=b.landmarks
    )


def _rover_wheels(b: _Builder) -> None:
    """Add six wheels with grousers, each its own named part."""
    r = WHEEL_RADIUS_M
    axle = frame_along([1.0, 0.0, 0.0])
    number = 0
    for side in (-1, 1):
        x = side * TRACK_WIDTH_M / 2
        for y in _WHEEL_Y:
            number += 1
            b.part = f"wheel-{number}"
            b.add("cylinder", (x, y, r), (r, r, _WHEEL_HALF_WIDTH), METAL, axle)
            hub_x = x + side * _WHEEL_HALF_WIDTH
            b.add("cylinder", (hub_x, y, r), (0.05, 0.05, 0.015), SILVER_FOIL, axle)
            # Grousers: cleats across the tread that grip the soil.
            for k in range(12):
                a = 2 * np.pi * (k + 0.5) / 12
                radial = np.array([0.0, np.sin(a), np.cos(a)])
                tangent = np.array([0.0, np.cos(a), -np.sin(a)])
                centre = np.array([x, y, r]) + radial * (r + 0.004)
                axes = [[1.0, 0.0, 0.0], tangent, radial]
                b.add(
                    "box", centre, (_WHEEL_HALF_WIDTH, 0.008, 0.012), METAL, axes,
                    shadow=False,
                )  # fmt: skip
            if y == _WHEEL_Y[1]:
                # The outer face of a middle wheel shows from either side.
                b.mark("wheel", (x + side * _WHEEL_HALF_WIDTH, y, r), 2 * r)
            else:
                tread_y = y + np.sign(y) * r
                b.mark("wheel", (x, tread_y, r), 2 * r,
                       (x + side * _WHEEL_HALF_WIDTH, y, r), (x, y - np.sign(y) * r, r))  # fmt: skip
            if y == _WHEEL_Y[2]:
                # Where a back wheel touches the ground: the mast camera is
                # 1.5 m above it. Only this point itself will do.
                b.mark("wheel bottom", (x, y - 0.2 * r, 0.02), 2 * r, fallback=False)


def _rover_suspension(b: _Builder) -> None:
    """Add a rocker and a bogie on each side, with legs down to the axles."""
    r = WHEEL_RADIUS_M
    for side in (-1, 1):
        x = side * _ARM_X
        pivot = (x, 0.12, 0.47)
        bogie_pivot = (x, -0.27, 0.38)
        front_top = (x, _WHEEL_Y[0], 0.36)
        label = "left" if side < 0 else "right"
        b.part = f"rocker-{label}"
        b.rod(pivot, front_top, 0.022, METAL)
        b.rod(pivot, bogie_pivot, 0.022, METAL)
        b.add("cylinder", pivot, (0.04, 0.04, 0.03), METAL, frame_along([1.0, 0, 0]))
        b.mark("rocker", (x + side * 0.02, 0.32, 0.42), 0.7, (x, -0.07, 0.43))
        b.part = f"bogie-{label}"
        for y in _WHEEL_Y[1:]:
            b.rod(bogie_pivot, (x, y, 0.35), 0.02, METAL)
        b.add(
            "cylinder",
            bogie_pivot,
            (0.035, 0.035, 0.03),
            METAL,
            frame_along([1.0, 0, 0]),
        )
        b.mark("bogie", (x + side * 0.02, -0.27, 0.38), 0.55, (x, -0.45, 0.36))
        # Each wheel's leg (the corner wheels' steering columns): from the
        # arm down to the axle on the wheel's inner side.
        inner = side * (TRACK_WIDTH_M / 2 - _WHEEL_HALF_WIDTH - 0.02)
        for y in _WHEEL_Y:
            b.part = f"rocker-{label}" if y == _WHEEL_Y[0] else f"bogie-{label}"
            b.rod((x, y, 0.36), (inner, y, r), 0.018, METAL)


def _rover_body(b: _Builder) -> None:
    """Add the foil-wrapped body, deck, wings, dish and radar antennas."""
    half_x, half_y = _BODY_HALF
    height = _BODY_HIGH - _BODY_LOW
    b.part = "body"
    b.add(
        "box",
        (0.0, 0.0, _BODY_LOW + height / 2),
        (half_x, half_y, height / 2),
        GOLD_FOIL,
    )
    b.add(
        "box",
        (0.0, 0.0, _BODY_HIGH + 0.01),
        (half_x + 0.01, half_y + 0.01, 0.01),
        GREY_PAINT,
    )
    mid_z = _BODY_LOW + height / 2
    b.mark("body", (0.0, half_y, mid_z), ROVER_LENGTH_M, (0.0, -half_y, mid_z),
           (half_x, 0.0, mid_z), (-half_x, 0.0, mid_z))  # fmt: skip
    # Hazard-avoidance cameras low on the front face.
    b.part = "hazard cameras"
    for x in (-0.14, 0.14):
        b.add("box", (x, half_y + 0.03, 0.5), (0.04, 0.03, 0.035), WHITE_PAINT)
        b.add("cylinder", (x, half_y + 0.065, 0.5), (0.018, 0.018, 0.006), _LENS,
              frame_along([0.0, 1.0, 0.0]))  # fmt: skip
    b.mark("hazard cameras", (0.14, half_y + 0.07, 0.5), 0.28)
    # Two solar wings hinged at the deck's long edges, tilted up.
    for side in (-1, 1):
        b.part = "solar panel left" if side < 0 else "solar panel right"
        hinge = (side * (half_x + 0.01), 0.0, _BODY_HIGH + 0.02)
        centre = b.wing(hinge, side, _ROVER_WING_TILT_DEG[side], _ROVER_WING, 0.025)
        edge = np.add(centre, (0.0, _ROVER_WING[1] / 2 - 0.01, 0.0))
        b.mark(
            "solar panel",
            centre,
            _ROVER_WING[1],
            edge,
            edge - [0.0, _ROVER_WING[1] - 0.02, 0.0],
        )
        b.rod(
            hinge - np.array([0, half_y - 0.1, 0]),
            hinge + np.array([0, half_y - 0.1, 0]),
            0.015,
            CELL_FRAME,
        )
    # The directional antenna: a white dish on a short boom at the back.
    b.part = "dish antenna"
    foot = np.array([-0.16, -0.52, _BODY_HIGH + 0.02])
    b.rod(foot, np.add(foot, (0.0, 0.0, 0.24)), 0.02, WHITE_PAINT)
    facing = np.array([0.0, -0.55, 1.0])
    facing /= np.linalg.norm(facing)
    dish_centre = np.add(foot, (0.0, -0.02, 0.30))
    b.add(
        "ellipsoid", dish_centre, (0.16, 0.16, 0.03), WHITE_PAINT, frame_along(facing)
    )
    b.rod(dish_centre, dish_centre + 0.13 * facing, 0.008, WHITE_PAINT)
    b.add(
        "cylinder",
        dish_centre + 0.14 * facing,
        (0.02, 0.02, 0.015),
        WHITE_PAINT,
        frame_along(facing),
    )
    b.mark(
        "dish antenna", dish_centre + 0.03 * facing, 0.32, dish_centre - 0.03 * facing
    )
    # The radar antennas under the back of the body.
    b.part = "radar antennas"
    for x in (-0.17, 0.17):
        b.add("box", (x, -0.6, _BODY_LOW - 0.025), (0.12, 0.1, 0.02), SILVER_FOIL)
    b.mark(
        "radar antennas",
        (0.17, -0.7, _BODY_LOW - 0.03),
        0.5,
        (-0.17, -0.7, _BODY_LOW - 0.03),
    )


def _rover_mast(b: _Builder) -> None:
    """Add the folding mast at the front and its camera head."""
    b.part = "mast"
    # A lower and an upper section with the folding hinge between them.
    b.rod((0.0, _MAST_Y, _BODY_HIGH + 0.02), (0.0, _MAST_Y, 1.17), 0.032, WHITE_PAINT)
    hinge = frame_along([1.0, 0, 0])
    b.add("cylinder", (0.0, _MAST_Y, 1.19), (0.045, 0.045, 0.04), METAL, hinge)
    b.rod((0.0, _MAST_Y, 1.21), (0.0, _MAST_Y, _HEAD_Z - 0.05), 0.026, WHITE_PAINT)
    # The pan-tilt joint under the head.
    b.add("cylinder", (0.0, _MAST_Y, _HEAD_Z - 0.06), (0.05, 0.05, 0.02), METAL)
    b.part = "mast head"
    b.add("box", (0.0, _MAST_Y, _HEAD_Z), (0.19, 0.055, 0.05), WHITE_PAINT)
    # Where the lessons measure from: the PCAMs' height, 1.5 m [S23].
    b.mark("mast camera", (0.0, _MAST_Y, _HEAD_Z), 0.38, (0.0, _MAST_Y + 0.055, _HEAD_Z),
           (0.0, _MAST_Y - 0.055, _HEAD_Z))  # fmt: skip
    forward = frame_along([0.0, 1.0, 0.0])
    b.part = "PCAM pair"
    for x in (-_PCAM_HALF_BASELINE, _PCAM_HALF_BASELINE):
        b.add("box", (x, _MAST_Y + 0.07, _HEAD_Z), (0.035, 0.03, 0.035), WHITE_PAINT)
        b.add(
            "cylinder",
            (x, _MAST_Y + 0.105, _HEAD_Z),
            (0.022, 0.022, 0.008),
            _LENS,
            forward,
        )
    b.mark("PCAM pair", (_PCAM_HALF_BASELINE, _MAST_Y + 0.1, _HEAD_Z), 2 * _PCAM_HALF_BASELINE,
           (-_PCAM_HALF_BASELINE, _MAST_Y + 0.1, _HEAD_Z),
           (_PCAM_HALF_BASELINE, _MAST_Y + 0.04, _HEAD_Z + 0.035))  # fmt: skip
    b.part = "navigation cameras"
    for x in (-0.06, 0.06):
        b.add(
            "cylinder",
            (x, _MAST_Y + 0.06, _HEAD_Z - 0.02),
            (0.016, 0.016, 0.01),
            _LENS,
            forward,
        )
    b.mark("navigation cameras", (0.06, _MAST_Y + 0.07, _HEAD_Z - 0.02), 0.12)


def lander(position_m, heading_deg: float, *, name: str = "Chang'e 4") -> SceneObject:
    """Return a model of the Chang'e 4 lander, its ramp pointing ``heading_deg``.

    A body in gold foil under a black-foil top deck stands on four legs with
    struts and round footpads; two solar wings are deployed on its sides;
    the terrain camera (TCAM) stands on a mast on the deck; the two-rail
    ramp runs from the deck's front edge down to the ground; three long
    monopole antennas of the low-frequency spectrometer (LFS) reach out from
    the back of the deck.

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
    h = _LANDER_HALF
    b.part = "body"
    b.add("box", (0.0, 0.0, 1.35), (h, h, 0.38), GOLD_FOIL)
    # Equipment boxes and the engine under the body.
    b.add("box", (-0.7, h + 0.06, 1.25), (0.3, 0.06, 0.2), SILVER_FOIL)
    b.add("box", (h + 0.05, -0.5, 1.2), (0.05, 0.35, 0.18), SILVER_FOIL)
    b.add("cylinder", (0.0, 0.0, 0.86), (0.28, 0.28, 0.12), METAL)
    b.mark("body (gold foil)", (0.0, h, 1.35), LANDER_BODY_WIDTH_M, (0.0, -h, 1.35),
           (h, 0.0, 1.35), (-h, 0.0, 1.35))  # fmt: skip
    b.part = "top deck"
    b.add("box", (0.0, 0.0, 1.86), (h - 0.05, h - 0.05, 0.13), BLACK_FOIL)
    b.add("box", (0.0, 0.0, _DECK_Z + 0.01), (h - 0.02, h - 0.02, 0.01), SILVER_FOIL)
    b.add("box", (-0.6, -0.5, 2.2), (0.25, 0.25, 0.2), BLACK_FOIL)
    b.mark("top deck (black foil)", (0.0, h - 0.05, 1.86), LANDER_BODY_WIDTH_M - 0.1,
           (0.0, -(h - 0.05), 1.86))  # fmt: skip
    _lander_legs(b)
    for side in (-1, 1):
        b.part = "solar wing left" if side < 0 else "solar wing right"
        hinge = (side * h, 0.0, _DECK_Z - 0.01)
        centre = b.wing(hinge, side, _LANDER_WING_TILT_DEG, _LANDER_WING, 0.03)
        half_length = _LANDER_WING[1] / 2 - 0.03
        # A wing seen end-on from the front (or back) shows its edge.
        b.mark("solar wing", np.add(centre, (0.0, half_length, 0.0)), _LANDER_WING[1],
               centre - [0.0, half_length, 0.0], centre)  # fmt: skip
    _lander_mast_and_antennas(b)
    _lander_ramp(b)
    top = b.world((0.0, 0.0, _DECK_Z))
    return SceneObject(
        name, "lander", b.parts, LANDER_BODY_WIDTH_M, top, landmarks=b.landmarks
    )


def _lander_legs(b: _Builder) -> None:
    """Add four legs: a main strut, two side struts and a round footpad each."""
    for number, angle in enumerate(_LEG_ANGLES, start=1):
        a = np.radians(angle)
        along = np.array([np.sin(a), np.cos(a), 0.0])
        sideways = np.array([np.cos(a), -np.sin(a), 0.0])
        corner = 1.05 * along + [0.0, 0.0, 1.3]
        foot = _FOOT_REACH * along + [0.0, 0.0, 0.16]
        b.part = f"leg-{number}"
        b.rod(corner, foot, 0.055, METAL)
        for s in (-1, 1):
            b.rod(0.75 * along + 0.45 * s * sideways + [0, 0, 0.98], foot, 0.025, METAL)
        b.mark("landing leg", (corner + foot) / 2, float(np.linalg.norm(foot - corner)))
        b.part = f"footpad-{number}"
        b.add(
            "cylinder",
            _FOOT_REACH * along + [0.0, 0.0, 0.05],
            (0.24, 0.24, 0.05),
            _FOOTPAD,
        )
        b.add(
            "cylinder",
            _FOOT_REACH * along + [0.0, 0.0, 0.12],
            (0.07, 0.07, 0.04),
            METAL,
        )
        b.mark("footpad", _FOOT_REACH * along + [0.0, 0.0, 0.1], 0.48,
               _FOOT_REACH * along - 0.2 * along + [0.0, 0.0, 0.08])  # fmt: skip


def _lander_mast_and_antennas(b: _Builder) -> None:
    """Add the terrain camera on its mast and the three LFS monopoles."""
    x, y, z = _TCAM_AT
    b.part = "TCAM"
    b.rod((x, y, _DECK_Z + 0.02), (x, y, z - 0.06), 0.04, WHITE_PAINT)
    b.add("box", (x, y, z), (0.09, 0.09, 0.06), WHITE_PAINT)
    b.add(
        "cylinder",
        (x, y + 0.1, z),
        (0.035, 0.035, 0.015),
        _LENS,
        frame_along([0.0, 1.0, 0.0]),
    )
    b.mark("terrain camera (TCAM)", (x, y + 0.09, z), 0.18, (x, y, z + 0.06))
    for number, (azimuth, tilt) in enumerate(_LFS, start=1):
        az, t = np.radians(azimuth), np.radians(tilt)
        direction = np.array(
            [np.sin(t) * np.sin(az), np.sin(t) * np.cos(az), np.cos(t)]
        )
        base = np.array([0.9 * np.sin(az), 0.9 * np.cos(az), _DECK_Z + 0.02])
        base[:2] = np.clip(base[:2], -_LANDER_HALF + 0.1, _LANDER_HALF - 0.1)
        b.part = f"LFS antenna-{number}"
        b.add("cylinder", base, (0.05, 0.05, 0.04), WHITE_PAINT)
        b.rod(base, base + _LFS_LENGTH_M * direction, 0.012, METAL)
        b.mark("LFS antenna", base + 0.8 * direction, _LFS_LENGTH_M, base + 2.0 * direction,
               base + 3.5 * direction)  # fmt: skip


def _lander_ramp(b: _Builder) -> None:
    """Add the two-rail ramp Yutu-2 rolled down, from the deck to the ground."""
    top_y, top_z = _RAMP_TOP
    foot_y, foot_z = _RAMP_FOOT
    length = float(np.hypot(foot_y - top_y, top_z - foot_z))
    for number, x in enumerate(_RAMP_X, start=1):
        b.part = f"ramp-{number}"
        b.beam((x, top_y, top_z), (x, foot_y, foot_z), 0.1, 0.06, METAL)
        # The rails' raised outer edges guide the wheels.
        edge = x + np.sign(x) * 0.055
        b.beam(
            (edge, top_y, top_z + 0.04),
            (edge, foot_y, foot_z + 0.04),
            0.02,
            0.08,
            SILVER_FOIL,
        )
        mid_y, mid_z = (top_y + foot_y) / 2, (top_z + foot_z) / 2
        b.mark("ramp", (x, mid_y, mid_z + 0.04), length,
               (x, top_y + 0.8, top_z - 0.5), (x, foot_y - 0.4, foot_z + 0.3))  # fmt: skip
    b.part = "ramp-1"
    for f in (0.15, 0.55, 0.95):
        y, z = top_y + f * (foot_y - top_y), top_z + f * (foot_z - top_z)
        b.rod((_RAMP_X[0], y, z), (_RAMP_X[1], y, z), 0.02, METAL)


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
