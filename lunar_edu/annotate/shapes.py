"""Marks on pictures: arrows, rings (circles or craters in perspective), polylines.

Every mark is drawn in a colour of the Okabe-Ito palette over a black or
white outline, so it stands out on black sky and bright regolith alike.
Positions are Pillow-style (x, y) = (column, row) pixels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PIL import Image

from ..camera import world_to_pixel
from ..frame import Frame
from ._canvas import RGB, AnnotationError, Canvas, check_inside, start
from .geometry import ground_point
from .palette import OKABE_ITO, outline_for

__all__ = ["arrow", "crater_outline_px", "polyline", "ring"]

_MARK = OKABE_ITO["yellow"]


def _outlined_line(
    canvas: Canvas, points: list[tuple[float, float]], colour: RGB, width: int
) -> None:
    """Draw a line in a colour over a contrasting outline."""
    outline = max(1, width // 2)
    draw = canvas.draw
    draw.line(
        points, fill=outline_for(colour), width=width + 2 * outline, joint="curve"
    )
    draw.line(points, fill=colour, width=width, joint="curve")


def _outlined_polygon(
    canvas: Canvas, points: list[tuple[float, float]], colour: RGB
) -> None:
    draw = canvas.draw
    draw.polygon(
        points,
        fill=colour,
        outline=outline_for(colour),
        width=max(1, canvas.line_px // 2),
    )


def arrow(
    image: Image.Image,
    start_xy: tuple[float, float],
    end_xy: tuple[float, float],
    *,
    colour: RGB = _MARK,
    both_ends: bool = False,
) -> Image.Image:
    """Draw an arrow from one point to another.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    start_xy, end_xy : tuple of float
        Tail and tip as (x, y) = (column, row) pixels inside the picture.
    colour : tuple of int, optional
        Arrow colour (Okabe-Ito yellow by default).
    both_ends : bool, optional
        Put a head at both ends, as on a ruler that shows a length: two
        arrows drawn from the middle outwards.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the arrow drawn.

    Raises
    ------
    AnnotationError
        If a point lies outside the picture or the two points coincide.

    Examples
    --------
    >>> from PIL import Image
    >>> out = arrow(Image.new("RGB", (100, 100)), (10, 10), (80, 60))
    >>> out.getpixel((45, 35))  # on the shaft: Okabe-Ito yellow
    (240, 228, 66)
    """
    if both_ends:
        middle_xy = (
            (start_xy[0] + end_xy[0]) / 2,
            (start_xy[1] + end_xy[1]) / 2,
        )
        one_way = arrow(image, middle_xy, start_xy, colour=colour)
        return arrow(one_way, middle_xy, end_xy, colour=colour)
    check_inside(image.size, start_xy, "The arrow's tail")
    check_inside(image.size, end_xy, "The arrow's tip")
    length = math.dist(start_xy, end_xy)
    if length < 1:
        msg = "An arrow needs two different points; start_xy and end_xy coincide."
        raise AnnotationError(msg)
    canvas = start(image)
    width = canvas.line_px
    head = min(length, 4.0 * width + 6)
    ux, uy = (end_xy[0] - start_xy[0]) / length, (end_xy[1] - start_xy[1]) / length
    base = (end_xy[0] - head * ux, end_xy[1] - head * uy)
    half = 0.55 * head
    tip = (float(end_xy[0]), float(end_xy[1]))
    wings = [
        tip,
        (base[0] - half * uy, base[1] + half * ux),
        (base[0] + half * uy, base[1] - half * ux),
    ]
    tail = (float(start_xy[0]), float(start_xy[1]))
    _outlined_line(canvas, [tail, base], colour, width)
    _outlined_polygon(canvas, wings, colour)
    return canvas.finish()


def polyline(
    image: Image.Image,
    points_xy: Sequence[tuple[float, float]],
    *,
    closed: bool = False,
    colour: RGB = _MARK,
) -> Image.Image:
    """Draw a line through several points, e.g. along a rover track.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    points_xy : sequence of tuple of float
        Two or more (x, y) = (column, row) pixels inside the picture.
    closed : bool, optional
        Join the last point back to the first.
    colour : tuple of int, optional
        Line colour (Okabe-Ito yellow by default).

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the line drawn.

    Raises
    ------
    AnnotationError
        If fewer than two points are given or one lies outside the picture.
    """
    points = [(float(x), float(y)) for x, y in points_xy]
    if len(points) < 2:
        msg = f"A polyline needs at least two points, got {len(points)}."
        raise AnnotationError(msg)
    for index, point in enumerate(points):
        check_inside(image.size, point, f"Point {index} of the polyline")
    canvas = start(image)
    _outlined_line(
        canvas, [*points, points[0]] if closed else points, colour, canvas.line_px
    )
    return canvas.finish()


def crater_outline_px(
    frame: Frame,
    centre_xy: tuple[float, float],
    diameter_m: float,
    *,
    image_size: tuple[int, int] | None = None,
    points: int = 72,
    centre_m: tuple[float, float, float] | None = None,
) -> np.ndarray:
    """Return the outline in the picture of a round crater on the ground.

    Parameters
    ----------
    frame : Frame
        The frame the picture was developed from (camera and range).
    centre_xy : tuple of float
        The crater's centre as (x, y) = (column, row) pixels.
    diameter_m : float
        The crater's rim diameter in metres.
    image_size : tuple of int, optional
        (width, height) of the picture, when it differs from the camera's.
    points : int, optional
        How many points along the rim.
    centre_m : tuple of float, optional
        The middle of the rim in metres (east, north, up), when known: a
        simulated crater's ``Feature.position_m``. Without it the centre
        pixel's ray is followed to the surface, which for a crater seen from
        the side lands on its far wall rather than at the rim's middle.

    Returns
    -------
    ndarray, shape (N, 2)
        (x, y) pixels of the rim, a perspective ellipse for an oblique view.

    Notes
    -----
    The centre pixel's ray is followed to the ground (true range, else flat
    ground) unless ``centre_m`` is given, a horizontal circle of the given
    diameter is laid there, and its rim is projected with
    :func:`lunar_edu.camera.world_to_pixel`.
    """
    if not diameter_m > 0:
        msg = f"diameter_m must be a positive size in metres, got {diameter_m!r}."
        raise AnnotationError(msg)
    if centre_m is not None:
        centre = np.asarray(centre_m, dtype=float)
        if centre.shape != (3,) or not np.isfinite(centre).all():
            msg = f"centre_m must be (east, north, up) in metres, got {centre_m!r}."
            raise AnnotationError(msg)
    else:
        centre = ground_point(frame, centre_xy, image_size=image_size).position_m
    angles = np.linspace(0.0, 2 * math.pi, points, endpoint=False)
    rim = centre + 0.5 * diameter_m * np.stack(
        [np.cos(angles), np.sin(angles), np.zeros_like(angles)], axis=-1
    )
    camera_px = world_to_pixel(frame.camera, rim)
    camera_px = camera_px[np.isfinite(camera_px).all(axis=1)]
    if len(camera_px) < 3:
        msg = "The crater's rim lies behind the camera; choose a point on the ground."
        raise AnnotationError(msg)
    width = (image_size or (frame.camera.width_px, frame.camera.height_px))[0]
    # The inverse of the picture-to-camera pixel mapping of ground_point.
    scale = width / frame.camera.width_px
    return (camera_px + 0.5) * scale - 0.5


def ring(
    image: Image.Image,
    centre_xy: tuple[float, float],
    radius_px: float | None = None,
    *,
    frame: Frame | None = None,
    diameter_m: float | None = None,
    centre_m: tuple[float, float, float] | None = None,
    colour: RGB = _MARK,
) -> Image.Image:
    """Draw a ring around a feature: a circle, or a crater rim in perspective.

    Give either ``radius_px`` for a circle, or ``frame`` and ``diameter_m``
    for the outline a round crater of that size has at that place in the
    picture, computed from the camera model and the range.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    centre_xy : tuple of float
        Centre as (x, y) = (column, row) pixels inside the picture.
    radius_px : float, optional
        Radius of a circle in pixels.
    frame : Frame, optional
        The frame the picture was developed from, for a crater outline.
    diameter_m : float, optional
        Crater diameter in metres, with ``frame``.
    centre_m : tuple of float, optional
        The middle of the crater's rim in metres, e.g. a simulated crater's
        ``Feature.position_m`` (see :func:`crater_outline_px`).
    colour : tuple of int, optional
        Ring colour (Okabe-Ito yellow by default).

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the ring drawn.

    Raises
    ------
    AnnotationError
        If the centre lies outside the picture, the radius or diameter is not
        positive, or the arguments mix the two forms.

    Examples
    --------
    >>> from PIL import Image
    >>> out = ring(Image.new("RGB", (100, 100)), (50, 50), 20)
    >>> out.getpixel((70, 50)) != (0, 0, 0)
    True
    """
    check_inside(image.size, centre_xy, "The ring's centre")
    if (radius_px is None) == (frame is None or diameter_m is None):
        msg = (
            "ring() needs either radius_px (a circle) or frame and diameter_m "
            "(a crater in perspective), not both and not neither."
        )
        raise AnnotationError(msg)
    if radius_px is not None and not radius_px > 0:
        msg = f"radius_px must be a positive number of pixels, got {radius_px!r}."
        raise AnnotationError(msg)
    canvas = start(image)
    if radius_px is not None:
        angles = np.linspace(0.0, 2 * math.pi, 97)
        outline = np.stack(
            [
                centre_xy[0] + radius_px * np.cos(angles),
                centre_xy[1] + radius_px * np.sin(angles),
            ],
            axis=-1,
        )
    else:
        # The check above leaves both given when radius_px is not.
        assert frame is not None
        assert diameter_m is not None
        outline = crater_outline_px(
            frame, centre_xy, diameter_m, image_size=image.size, centre_m=centre_m
        )
        outline = np.vstack([outline, outline[:1]])
    _outlined_line(canvas, [tuple(p) for p in outline.tolist()], colour, canvas.line_px)
    return canvas.finish()
