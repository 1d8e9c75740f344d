"""Where a pixel of a developed picture lies on the ground, from its Frame.

A pixel's ray (:func:`lunar_edu.camera.pixel_to_ray`) is followed for the
frame's true range when a simulated frame carries one (``frame.truth.range_m``),
otherwise until it meets flat ground at the camera's height
(:func:`lunar_edu.camera.ground_range_m`). Picture pixels are mapped to
camera pixels by scale, so a picture developed at a smaller size works too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..camera import camera_axes, focal_length_px, ground_range_m, pixel_to_ray
from ..frame import Camera, Frame
from ._canvas import AnnotationError

__all__ = [
    "ASSUMPTIONS",
    "GroundPoint",
    "ground_distance_m",
    "ground_point",
    "metres_per_px_at",
]

#: How a pixel's ray is followed to the surface: ``"auto"`` uses the frame's
#: true range when it has one (a simulated frame's answer key) and flat
#: ground otherwise; ``"flat ground"`` always assumes level ground at the
#: camera's height, which is what a measurement on a real picture can do;
#: ``"true range"`` insists on the answer key.
ASSUMPTIONS = ("auto", "flat ground", "true range")


@dataclass(frozen=True)
class GroundPoint:
    """A picture pixel followed out to the surface.

    Parameters
    ----------
    position_m : ndarray, shape (3,)
        East, north, up in metres; the camera stands at (0, 0, its height).
    range_m : float
        Distance from the camera along the pixel's ray, in metres.
    assumption : {"true range", "flat ground"}
        Where the range came from.
    """

    position_m: np.ndarray
    range_m: float
    assumption: str


def _frame_of(frame: object) -> Frame:
    if not isinstance(frame, Frame):
        msg = (
            f"Expected a lunar_edu Frame with camera geometry, got "
            f"{type(frame).__name__}; pass the frame the picture was developed from."
        )
        raise AnnotationError(msg)
    return frame


def _camera_xy(
    frame: Frame, xy: tuple[float, float], image_size: tuple[int, int] | None
) -> tuple[float, float]:
    """Map a picture pixel (x, y) to the camera's detector pixel."""
    camera = frame.camera
    width, height = image_size or (camera.width_px, camera.height_px)
    if abs(width / height - camera.width_px / camera.height_px) > 0.01:
        msg = (
            f"The {width} x {height} picture does not have the shape of the "
            f"{camera.width_px} x {camera.height_px} {camera.name} frame; "
            "annotate the picture developed from this frame."
        )
        raise AnnotationError(msg)
    scale = camera.width_px / width
    return ((xy[0] + 0.5) * scale - 0.5, (xy[1] + 0.5) * scale - 0.5)


def _true_range_m(
    frame: Frame, xy: tuple[float, float], image_size: tuple[int, int] | None
) -> float | None:
    truth = frame.truth
    if truth is None or truth.range_m is None:
        return None
    rows, cols = np.shape(truth.range_m)[:2]
    width, height = image_size or (frame.camera.width_px, frame.camera.height_px)
    col = min(max(round((xy[0] + 0.5) * cols / width - 0.5), 0), cols - 1)
    row = min(max(round((xy[1] + 0.5) * rows / height - 0.5), 0), rows - 1)
    return float(truth.range_m[row, col])


def _check_assumption(assume: str) -> str:
    if assume not in ASSUMPTIONS:
        msg = f"assume must be one of {', '.join(map(repr, ASSUMPTIONS))}, got {assume!r}."
        raise AnnotationError(msg)
    return assume


def ground_point(
    frame: Frame,
    xy: tuple[float, float],
    *,
    image_size: tuple[int, int] | None = None,
    assume: str = "auto",
) -> GroundPoint:
    """Follow a picture pixel's ray out to the surface.

    Parameters
    ----------
    frame : Frame
        The frame the picture was developed from.
    xy : tuple of float
        The pixel as (x, y) = (column, row) in the picture.
    image_size : tuple of int, optional
        (width, height) of the picture, when it differs from the camera's.
    assume : {"auto", "flat ground", "true range"}
        How to find the range (see :data:`ASSUMPTIONS`).

    Returns
    -------
    GroundPoint
        Its position, range and the assumption used.

    Raises
    ------
    AnnotationError
        If the frame has neither a true range nor a camera height (or lacks
        the one ``assume`` asks for), or the ray points at the sky.

    Examples
    --------
    >>> from lunar_edu.camera import PCAM
    >>> from lunar_edu.frame import Frame, Source
    >>> import numpy as np
    >>> frame = Frame(np.zeros((1728, 2352), np.uint16), "bayer_rggb", 10, PCAM,
    ...               Source("simulated", "lunar_edu", "CC-BY-4.0"))
    >>> point = ground_point(frame, PCAM.centre_px)
    >>> round(point.range_m, 2), point.assumption
    (8.64, 'flat ground')
    """
    frame = _frame_of(frame)
    _check_assumption(assume)
    camera = frame.camera
    cx, cy = _camera_xy(frame, xy, image_size)
    ray = pixel_to_ray(camera, cx, cy)
    range_m = None if assume == "flat ground" else _true_range_m(frame, xy, image_size)
    assumption = "true range"
    if range_m is None and assume == "true range":
        msg = (
            "assume='true range' needs a simulated frame with ground truth; "
            "this frame has none, so measure with assume='flat ground'."
        )
        raise AnnotationError(msg)
    if range_m is None:
        if camera.height_above_ground_m is None:
            msg = (
                f"This {camera.name} frame has no geometry to measure with: no "
                "true range and no camera height_above_ground_m; pass "
                "metres_per_px instead, or a frame whose camera has a height."
            )
            raise AnnotationError(msg)
        range_m = float(ground_range_m(camera, cx, cy))
        assumption = "flat ground"
    if not (math.isfinite(range_m) and range_m > 0):
        msg = (
            f"The pixel {tuple(xy)} looks at the sky or has no valid range "
            f"({range_m}); choose a point on the ground."
        )
        raise AnnotationError(msg)
    origin = np.array([0.0, 0.0, camera.height_above_ground_m or 0.0])
    return GroundPoint(origin + range_m * ray, range_m, assumption)


def metres_per_px_at(
    frame: Frame,
    xy: tuple[float, float],
    *,
    image_size: tuple[int, int] | None = None,
    assume: str = "auto",
) -> tuple[float, GroundPoint]:
    """Return the size of one picture pixel, across the picture, at a pixel.

    Parameters
    ----------
    frame : Frame
        The frame the picture was developed from.
    xy : tuple of float
        Where the scale applies, as (x, y) = (column, row) in the picture.
    image_size : tuple of int, optional
        (width, height) of the picture, when it differs from the camera's.
    assume : {"auto", "flat ground", "true range"}
        How to find the range (see :data:`ASSUMPTIONS`).

    Returns
    -------
    metres_per_px : float
        Metres per picture pixel for lengths along a row, at that distance.
    point : GroundPoint
        The ground point behind the pixel.

    Notes
    -----
    ``depth / f_px`` with ``depth`` the distance along the optical axis
    (pinhole camera). Lengths along a row are exact for a camera without
    roll; lengths down the picture are foreshortened when it looks obliquely.
    """
    point = ground_point(frame, xy, image_size=image_size, assume=assume)
    camera: Camera = frame.camera
    cx, cy = _camera_xy(frame, xy, image_size)
    ray = pixel_to_ray(camera, cx, cy)
    forward = camera_axes(camera)[2]
    depth_m = point.range_m * float(ray @ forward)
    width = (image_size or (camera.width_px, camera.height_px))[0]
    return depth_m / focal_length_px(camera) * camera.width_px / width, point


def ground_distance_m(
    frame: Frame,
    start_xy: tuple[float, float],
    end_xy: tuple[float, float],
    *,
    image_size: tuple[int, int] | None = None,
    assume: str = "auto",
) -> tuple[float, str]:
    """Return the distance on the ground between two picture pixels.

    Parameters
    ----------
    frame : Frame
        The frame the picture was developed from.
    start_xy, end_xy : tuple of float
        The two pixels as (x, y) = (column, row) in the picture.
    image_size : tuple of int, optional
        (width, height) of the picture, when it differs from the camera's.
    assume : {"auto", "flat ground", "true range"}
        How to find the ranges (see :data:`ASSUMPTIONS`).

    Returns
    -------
    distance_m : float
        Straight-line distance in metres between the two surface points.
    assumption : str
        ``"true range"`` when the frame's ground truth gave both ranges,
        otherwise ``"flat ground"``.

    Examples
    --------
    >>> from lunar_edu.synth import render_scene
    >>> frame = render_scene("rover-tracks", size="quarter")
    >>> true_m, _ = ground_distance_m(frame, (100, 400), (500, 400))
    >>> flat_m, how = ground_distance_m(
    ...     frame, (100, 400), (500, 400), assume="flat ground"
    ... )
    >>> how, abs(flat_m - true_m) < 0.2 * true_m
    ('flat ground', True)
    """
    first = ground_point(frame, start_xy, image_size=image_size, assume=assume)
    second = ground_point(frame, end_xy, image_size=image_size, assume=assume)
    distance = float(np.linalg.norm(second.position_m - first.position_m))
    return distance, first.assumption
