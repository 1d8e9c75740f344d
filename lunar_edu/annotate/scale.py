"""Scale bars and measurements computed from the camera and the range."""

from __future__ import annotations

import math

from PIL import Image

from ..camera import focal_length_px
from ..frame import Frame
from ._canvas import (
    RGB,
    AnnotationError,
    check_inside,
    clamp_top_left,
    edge_margin_px,
    fit_text,
    start,
    write,
)
from .geometry import ground_distance_m, metres_per_px_at
from .palette import BLACK, OKABE_ITO, WHITE
from .shapes import _outlined_line

__all__ = ["format_length", "measure", "nice_length_m", "scale_bar"]


def nice_length_m(max_length_m: float) -> float:
    """Return the longest round length (1, 2 or 5 x 10**n metres) not above a limit.

    Parameters
    ----------
    max_length_m : float
        The longest the bar may be, in metres.

    Returns
    -------
    float
        A length such as 0.5, 1, 2, 5, 10 or 20 metres.

    Raises
    ------
    AnnotationError
        If the limit is not a positive length.

    Examples
    --------
    >>> nice_length_m(7.3), nice_length_m(20.0), nice_length_m(0.14)
    (5.0, 20.0, 0.1)
    """
    if not max_length_m > 0:
        msg = f"max_length_m must be a positive length in metres, got {max_length_m!r}."
        raise AnnotationError(msg)
    exponent = math.floor(math.log10(max_length_m))
    # 1 x 10**exponent never exceeds the limit, so it is the fallback.
    fitting = [
        step * 10.0**exponent
        for step in (5.0, 2.0)
        if step * 10.0**exponent <= max_length_m * (1 + 1e-9)
    ]
    return float(f"{(fitting[0] if fitting else 10.0**exponent):.12g}")


def format_length(length_m: float) -> str:
    """Return a length in the unit a reader expects: cm, m or km.

    Parameters
    ----------
    length_m : float
        A length in metres.

    Returns
    -------
    str
        Two or three significant figures with a unit.

    Examples
    --------
    >>> format_length(0.5), format_length(2.345), format_length(20.0), format_length(1500)
    ('50 cm', '2.35 m', '20 m', '1.5 km')
    """
    if length_m >= 1000:
        return f"{length_m / 1000:.3g} km"
    if length_m >= 1:
        return f"{length_m:.3g} m"
    return f"{length_m * 100:.3g} cm"


def _format_distance(range_m: float) -> str:
    return f"{range_m:.1f} m" if range_m < 10 else f"{range_m:.0f} m"


def _bar_scale(
    image: Image.Image, frame: Frame, bar_xy: tuple[float, float], assume: str
) -> tuple[float, str]:
    """Return metres per picture pixel at the bar and the note saying why."""
    metres_per_px, point = metres_per_px_at(
        frame, bar_xy, image_size=image.size, assume=assume
    )
    camera = frame.camera
    if camera.pitch_deg <= -89.0:
        # Looking straight down, the distance that sets the scale is the
        # height above the ground, not the slant range to the bar's corner.
        depth_m = (
            metres_per_px * image.width / camera.width_px * focal_length_px(camera)
        )
        return metres_per_px, f"from {_format_distance(depth_m)} up"
    return metres_per_px, f"at {_format_distance(point.range_m)}"


def scale_bar(
    image: Image.Image,
    metres_per_px: float | Frame | None = None,
    *,
    frame: Frame | None = None,
    length_m: float | None = None,
    note: str | None = None,
    corner: str = "lower left",
    assume: str = "auto",
) -> Image.Image:
    """Draw a scale bar with its length and the assumption behind it.

    Give the scale directly (``metres_per_px``) or a ``frame`` to compute it
    from: the range at the bar's place in the picture (the frame's true
    range when it has one, flat ground at the camera's height otherwise)
    gives the size of a pixel there, and the distance is printed beside the
    bar ("at 8.6 m", or "from 100 m up" for a camera looking straight down).

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    metres_per_px : float or Frame, optional
        Ground size of one pixel in metres where the bar is meant to apply;
        a Frame here is taken as ``frame``.
    frame : Frame, optional
        The frame the picture was developed from.
    length_m : float, optional
        Bar length in metres; by default the longest round length that fits
        in a quarter of the picture width.
    note : str, optional
        The assumption printed after the length, e.g. ``"from 100 m up"``;
        computed from the frame when not given.
    corner : {"lower left", "lower right"}, optional
        Where the bar goes.
    assume : {"auto", "flat ground", "true range"}
        How the range at the bar is found from ``frame``
        (``lunar_edu.annotate.geometry.ASSUMPTIONS``).

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the bar drawn.

    Raises
    ------
    AnnotationError
        If the scale is not positive, the frame has no geometry or the bar's
        place looks at the sky, or the bar would not fit.

    Notes
    -----
    For a camera looking obliquely, the scale holds across the picture at
    the bar's distance only: nearer ground is larger, farther ground smaller.

    Examples
    --------
    >>> from PIL import Image
    >>> out = scale_bar(Image.new("L", (400, 300), 128), 0.05, length_m=5.0)
    >>> out.getpixel((20, 284))
    (255, 255, 255)
    """
    if isinstance(metres_per_px, Frame):
        frame, metres_per_px = metres_per_px, None
    if corner not in ("lower left", "lower right"):
        msg = f"corner must be 'lower left' or 'lower right', got {corner!r}."
        raise AnnotationError(msg)
    margin = round(0.04 * image.width)
    if metres_per_px is None:
        if frame is None:
            msg = "scale_bar() needs metres_per_px or a frame to compute it from."
            raise AnnotationError(msg)
        bar_y = image.height - margin
        centre_x = margin + 0.125 * image.width
        if corner == "lower right":
            centre_x = image.width - 1 - centre_x
        metres_per_px, frame_note = _bar_scale(image, frame, (centre_x, bar_y), assume)
        note = frame_note if note is None else note
    if not (isinstance(metres_per_px, (int, float)) and metres_per_px > 0):
        msg = (
            f"metres_per_px must be a positive scale, got {metres_per_px!r}; "
            "compute it with lunar_edu.camera.ground_sample_distance()."
        )
        raise AnnotationError(msg)
    if length_m is None:
        length_m = nice_length_m(0.25 * image.width * metres_per_px)
    bar_px = round(length_m / metres_per_px)
    if not 1 <= bar_px <= image.width - 2 * margin:
        msg = (
            f"A {length_m} m bar is {bar_px} px long, which does not fit a "
            f"{image.width} px wide picture; choose a shorter length_m."
        )
        raise AnnotationError(msg)
    return _draw_bar(image, bar_px, length_m, note, corner, margin)


def _draw_bar(
    image: Image.Image,
    bar_px: int,
    length_m: float,
    note: str | None,
    corner: str,
    margin: int,
) -> Image.Image:
    canvas = start(image)
    outline = max(1, canvas.line_px // 2 + 1)
    thickness = max(3, canvas.text_px // 4)
    x0 = margin if corner == "lower left" else canvas.image.width - margin - bar_px
    y1 = canvas.image.height - margin
    y0 = y1 - thickness
    bar_right = x0 + bar_px - 1
    draw = canvas.draw
    draw.rectangle(
        [x0 - outline, y0 - outline, bar_right + outline, y1 + outline], fill=BLACK
    )
    draw.rectangle([x0, y0, bar_right, y1], fill=WHITE)
    text = format_length(length_m) + (f" ({note})" if note else "")
    block = fit_text(
        text, canvas.text_px, canvas.image.width - 2 * edge_margin_px(image.size)
    )
    left = x0 if corner == "lower left" else bar_right + 1 - block.width_px
    top = y0 - outline - block.height_px
    write(canvas, text, block, clamp_top_left(canvas, block, left, top))
    return canvas.finish()


def measure(
    image: Image.Image,
    frame: Frame,
    start_xy: tuple[float, float],
    end_xy: tuple[float, float],
    *,
    colour: RGB = OKABE_ITO["yellow"],
    note: str | None = None,
    assume: str = "auto",
) -> Image.Image:
    """Draw a line between two pixels and write its length on the ground.

    Each pixel's ray is followed to the surface: for the frame's true range
    when it has one (simulated frames), otherwise until it meets flat ground
    at the camera's height. The length is the straight line between the two
    surface points, so on a slope or a rock the flat-ground value is only an
    estimate.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture developed from ``frame``; it is not modified.
    frame : Frame
        The frame with the camera model (and ground truth, if simulated).
    start_xy, end_xy : tuple of float
        The two ends as (x, y) = (column, row) pixels inside the picture.
    colour : tuple of int, optional
        Line colour (Okabe-Ito yellow by default).
    note : str, optional
        Text added after the length in brackets, e.g. ``"flat ground"``.
    assume : {"auto", "flat ground", "true range"}
        How to follow each pixel to the surface
        (``lunar_edu.annotate.geometry.ASSUMPTIONS``): ``"flat ground"``
        measures a simulated frame the way a real one can be measured.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the measured line and its length.

    Raises
    ------
    AnnotationError
        If a point lies outside the picture or at the sky, the two points
        coincide, or the frame has no geometry.

    See Also
    --------
    lunar_edu.annotate.ground_distance_m : the number alone.
    """
    check_inside(image.size, start_xy, "The measurement's start")
    check_inside(image.size, end_xy, "The measurement's end")
    pixel_length = math.dist(start_xy, end_xy)
    if pixel_length < 1:
        msg = "A measurement needs two different points; start_xy and end_xy coincide."
        raise AnnotationError(msg)
    distance_m, _ = ground_distance_m(
        frame, start_xy, end_xy, image_size=image.size, assume=assume
    )
    canvas = start(image)
    width = canvas.line_px
    ux = (end_xy[0] - start_xy[0]) / pixel_length
    uy = (end_xy[1] - start_xy[1]) / pixel_length
    tick = 3.0 * width
    (x0, y0), (x1, y1) = start_xy, end_xy
    _outlined_line(canvas, [(x0, y0), (x1, y1)], colour, width)
    for x, y in (start_xy, end_xy):
        ends = [(x - tick * uy, y + tick * ux), (x + tick * uy, y - tick * ux)]
        _outlined_line(canvas, ends, colour, width)
    text = format_length(distance_m) + (f" ({note})" if note else "")
    block = fit_text(
        text, canvas.text_px, canvas.image.width - 2 * edge_margin_px(image.size)
    )
    # The length sits beside the middle of the line, on its upper side.
    normal = (uy, -ux) if -ux <= 0 else (-uy, ux)
    gap = 0.6 * block.height_px + tick
    mid = ((start_xy[0] + end_xy[0]) / 2, (start_xy[1] + end_xy[1]) / 2)
    centre = (mid[0] + gap * normal[0], mid[1] + gap * normal[1])
    left, top = centre[0] - block.width_px / 2, centre[1] - block.height_px / 2
    write(canvas, text, block, clamp_top_left(canvas, block, left, top))
    return canvas.finish()
