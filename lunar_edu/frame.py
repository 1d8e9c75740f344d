"""The Frame: one camera picture plus everything needed to teach with it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from .errors import LunarEduError

__all__ = [
    "SIMULATED_CREDIT",
    "SIMULATED_LICENCE",
    "Camera",
    "Feature",
    "Frame",
    "FrameError",
    "Source",
    "Sun",
    "Truth",
    "simulated_source",
]

Layout = Literal["bayer_rggb", "rgb", "gray"]
SourceKind = Literal["real", "simulated", "diagram"]
_SOURCE_KINDS = ("real", "simulated", "diagram")

_LAYOUT_NDIM = {"bayer_rggb": 2, "gray": 2, "rgb": 3}


class FrameError(LunarEduError, ValueError):
    """A Frame was built from pixels and metadata that do not fit together."""


@dataclass(frozen=True)
class Camera:
    """A camera model: the optics and where the camera sits.

    Parameters
    ----------
    name : str
        Instrument name, e.g. ``"PCAM"``, ``"TCAM"`` or ``"LCAM"``.
    focal_length_mm : float
        Focal length in millimetres.
    pixel_size_um : float
        Pixel pitch on the detector in micrometres.
    width_px, height_px : int
        Detector size in pixels (columns, rows).
    principal_point_px : tuple of float, optional
        Where the optical axis meets the detector, as (x, y) = (column, row)
        in pixels; the detector centre when not given.
    height_above_ground_m : float, optional
        Height of the camera above the ground in metres: the mast height for
        the rover cameras, the altitude for the descent camera.
    pitch_deg, yaw_deg : float
        Pointing of the camera in degrees; pitch is negative below the horizon.
    """

    name: str
    focal_length_mm: float
    pixel_size_um: float
    width_px: int
    height_px: int
    principal_point_px: tuple[float, float] | None = None
    height_above_ground_m: float | None = None
    pitch_deg: float = 0.0
    yaw_deg: float = 0.0

    @property
    def centre_px(self) -> tuple[float, float]:
        """Return the principal point, or the detector centre, as (x, y) pixels."""
        if self.principal_point_px is not None:
            return self.principal_point_px
        return ((self.width_px - 1) / 2.0, (self.height_px - 1) / 2.0)


@dataclass(frozen=True)
class Sun:
    """Where the Sun stands, seen from the scene.

    Parameters
    ----------
    elevation_deg : float
        Height of the Sun above the horizon in degrees (90 = overhead).
    azimuth_deg : float
        Direction of the Sun in degrees, clockwise from north.
    """

    elevation_deg: float
    azimuth_deg: float

    @property
    def incidence_deg(self) -> float:
        """Return the solar incidence angle (90 - elevation) in degrees."""
        return 90.0 - self.elevation_deg


@dataclass(frozen=True)
class Source:
    """Where a picture came from, whose it is and how it may be used.

    Parameters
    ----------
    kind : {"real", "simulated", "diagram"}
        A real spacecraft image, a picture rendered by the virtual Chang'e 4,
        or a diagram (a chart or drawing computed by lunar_edu, never a
        camera picture).
    credit : str
        The credit line to show next to the picture, e.g. ``"CNSA/CLEP"``.
    licence : str
        An SPDX licence id such as ``"CC-BY-4.0"``, or the name of the terms.
    origin : str
        What produced it: a URL, a product file name or a scene recipe.
    product_id : str, optional
        The CLEP product id, when there is one.
    entry_id : str, optional
        The catalogue entry the picture was loaded for (set by
        :func:`lunar_edu.load`), so :func:`lunar_edu.show` can take its alt
        text and caption from the catalogue. Two sources that differ only
        here are equal: it says which lesson picture this is, not whose.
    """

    kind: SourceKind
    credit: str
    licence: str
    origin: str = ""
    product_id: str | None = None
    entry_id: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        """Refuse a source that does not say whose picture it is."""
        if self.kind not in _SOURCE_KINDS:
            msg = (
                f"Source kind must be one of {', '.join(_SOURCE_KINDS)}, "
                f"got {self.kind!r}."
            )
            raise FrameError(msg)
        for name in ("credit", "licence"):
            if not str(getattr(self, name)).strip():
                msg = f"Source {name} is empty; every picture needs a {name} line."
                raise FrameError(msg)

    @property
    def is_simulated(self) -> bool:
        """Return True when the picture was rendered, not photographed."""
        return self.kind == "simulated"

    @property
    def is_diagram(self) -> bool:
        """Return True for a chart or drawing, which no camera took."""
        return self.kind == "diagram"


#: Credit line of every picture of the virtual Chang'e 4 (the one place it is
#: written; the renderer, the product reader and the story charts use it).
SIMULATED_CREDIT = "lunar_edu contributors (virtual Chang'e 4)"
#: Licence of every picture of the virtual Chang'e 4, as an SPDX id.
SIMULATED_LICENCE = "CC-BY-4.0"


def simulated_source(origin: str = "", product_id: str | None = None) -> Source:
    """Return the source of a picture of the virtual Chang'e 4.

    Parameters
    ----------
    origin : str, optional
        What produced it, e.g. the scene recipe.
    product_id : str, optional
        The product id, when there is one.

    Returns
    -------
    Source
        Kind ``"simulated"`` with :data:`SIMULATED_CREDIT` and
        :data:`SIMULATED_LICENCE`.

    Examples
    --------
    >>> simulated_source("gray-moon").credit
    "lunar_edu contributors (virtual Chang'e 4)"
    """
    return Source("simulated", SIMULATED_CREDIT, SIMULATED_LICENCE, origin, product_id)


@dataclass(frozen=True)
class Feature:
    """A named thing in a simulated scene with its true size.

    Parameters
    ----------
    name : str
        A name a lesson can refer to, e.g. ``"crater-1"``.
    kind : str
        What it is: ``"crater"``, ``"rock"``, ``"rover"``, ``"lander"``...
    xy_px : tuple of float
        Its centre in the picture as (x, y) = (column, row) pixels (for a
        crater: the middle of its rim, not the hidden bottom of its bowl).
    size_m : float
        Its true size in metres: a crater's rim diameter, a rock's height.
    distance_m : float, optional
        Distance from the camera to the feature (a rock's top, a crater's
        centre) in metres, when known.
    shadow_tip_xy_px : tuple of float, optional
        Where the far end of the feature's shadow falls in the picture, as
        (x, y) pixels, when it casts one on flat ground.
    base_xy_px : tuple of float, optional
        Where the ground directly below ``xy_px`` is in the picture, as
        (x, y) pixels: the foot of a rock, the ground under the rover.
    box_px : tuple of int, optional
        The smallest box holding every pixel that shows the object, as
        (left, top, right, bottom) pixels, right and bottom included: its
        apparent size in the picture.
    position_m : tuple of float, optional
        Where the point at ``xy_px`` is, east, north and up in metres from
        the ground below the camera: a rock's top, a part, a crater's centre
        at the height of its rim.
    """

    name: str
    kind: str
    xy_px: tuple[float, float]
    size_m: float
    distance_m: float | None = None
    shadow_tip_xy_px: tuple[float, float] | None = None
    base_xy_px: tuple[float, float] | None = None
    box_px: tuple[int, int, int, int] | None = None
    position_m: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class Truth:
    """Ground truth that comes with a simulated frame.

    Parameters
    ----------
    features : tuple of Feature
        Named features with their true sizes and pixel positions: craters,
        rocks, the rover and the lander, and the parts of the rover and the
        lander that are in view (kinds ``"rover-part"``, ``"lander-part"``).
    range_m : ndarray of float, optional
        Per-pixel distance from the camera to the surface in metres, with the
        same rows and columns as the picture.
    sunlit : ndarray of bool, optional
        Per-pixel: True where the surface seen gets direct sunlight (it faces
        the Sun and nothing stands in the way), False in shadow and for sky.
    """

    features: tuple[Feature, ...] = ()
    range_m: np.ndarray | None = None
    sunlit: np.ndarray | None = None

    def of_kind(self, kind: str) -> tuple[Feature, ...]:
        """Return the features of one kind, largest first."""
        chosen = (f for f in self.features if f.kind == kind)
        return tuple(sorted(chosen, key=lambda f: f.size_m, reverse=True))

    def named(self, name: str, kind: str | None = None) -> tuple[Feature, ...]:
        """Return the features with a name (and kind), nearest the camera first.

        Parameters
        ----------
        name : str
            E.g. ``"ramp"`` or ``"Yutu-2"``.
        kind : str, optional
            Only features of this kind, e.g. ``"lander-part"``.

        Returns
        -------
        tuple of Feature
            Possibly empty; the parts of an object share names (two wheels).
        """
        chosen = [f for f in self.features if f.name == name and kind in (None, f.kind)]
        return tuple(
            sorted(
                chosen, key=lambda f: math.inf if f.distance_m is None else f.distance_m
            )
        )


@dataclass(frozen=True)
class Frame:
    """One camera frame: pixels as stored plus what is needed to teach with them.

    Parameters
    ----------
    pixels : ndarray
        The picture as stored: uint8 or uint16, shape (rows, columns) for
        ``"gray"`` and ``"bayer_rggb"``, (rows, columns, 3) for ``"rgb"``.
    layout : {"bayer_rggb", "rgb", "gray"}
        How the pixels are arranged.
    bit_depth : int
        Number of meaningful bits per value (8 for uint8, 10 for PCAM).
    camera : Camera
        The camera model that took (or rendered) the frame.
    source : Source
        Real or simulated, with credit and licence.
    sun : Sun, optional
        The Sun's position when the frame was taken, when known.
    meta : dict
        Every label field, as read.
    truth : Truth, optional
        Ground truth; simulated frames only.
    """

    pixels: np.ndarray
    layout: Layout
    bit_depth: int
    camera: Camera
    source: Source
    sun: Sun | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    truth: Truth | None = None

    def __post_init__(self) -> None:
        """Check that the pixels match the layout and the bit depth."""
        expected_ndim = _LAYOUT_NDIM.get(self.layout)
        if expected_ndim is None:
            msg = (
                f"Unknown frame layout {self.layout!r}; expected one of "
                f"{', '.join(sorted(_LAYOUT_NDIM))}."
            )
            raise FrameError(msg)
        if self.pixels.ndim != expected_ndim or (
            self.layout == "rgb" and self.pixels.shape[2] != 3
        ):
            msg = (
                f"A {self.layout!r} frame needs {expected_ndim}-D pixels"
                f"{' with 3 bands' if self.layout == 'rgb' else ''}, "
                f"got shape {self.pixels.shape}."
            )
            raise FrameError(msg)
        if self.pixels.dtype not in (np.uint8, np.uint16):
            msg = f"Frame pixels must be uint8 or uint16, got {self.pixels.dtype}."
            raise FrameError(msg)
        container_bits = self.pixels.dtype.itemsize * 8
        if not 1 <= self.bit_depth <= container_bits:
            msg = (
                f"bit_depth {self.bit_depth} does not fit {self.pixels.dtype} "
                f"pixels; use a value from 1 to {container_bits}."
            )
            raise FrameError(msg)
        if self.source.is_diagram:
            msg = (
                "A Frame is a camera picture, so its source must be 'real' or "
                "'simulated', not 'diagram'."
            )
            raise FrameError(msg)
        if self.truth is not None and not self.source.is_simulated:
            msg = "Only simulated frames carry ground truth; real frames have none."
            raise FrameError(msg)

    @property
    def shape_px(self) -> tuple[int, int]:
        """Return the picture size as (rows, columns)."""
        return (int(self.pixels.shape[0]), int(self.pixels.shape[1]))
