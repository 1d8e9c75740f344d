"""Small insets drawn in a corner of a picture: the Sun compass and a magnifier."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from ..camera import field_of_view_deg
from ..frame import Frame, Sun
from ._canvas import (
    AnnotationError,
    Canvas,
    clamp_top_left,
    edge_margin_px,
    fit_text,
    start,
    write,
)
from .palette import BLACK, OKABE_ITO, WHITE

__all__ = ["magnifier", "sun_compass"]

_CORNERS = ("upper left", "upper right", "lower left", "lower right")


def _resolve_sun(sun: Sun | None, frame: Frame | None) -> Sun:
    if sun is None and frame is not None:
        sun = frame.sun
    if not isinstance(sun, Sun):
        msg = (
            "sun_compass() needs the Sun's position: pass sun=Sun(elevation_deg, "
            "azimuth_deg) or a frame that has one."
        )
        raise AnnotationError(msg)
    if not -90 <= sun.elevation_deg <= 90:
        msg = f"Sun elevation must be -90 to 90 degrees, got {sun.elevation_deg!r}."
        raise AnnotationError(msg)
    return sun


def sun_compass(
    image: Image.Image,
    sun: Sun | None = None,
    *,
    frame: Frame | None = None,
    corner: str = "upper right",
) -> Image.Image:
    """Draw the Sun's elevation and azimuth as a small sky-map inset.

    The disc is the sky seen from below: its rim is the horizon, its centre
    the zenith, north at the top and azimuth clockwise; the Sun's dot sits
    nearer the rim the lower it stands. For a camera looking straight down
    the disc turns so that its north matches the picture's. For a camera
    looking sideways, two blue lines show which way the picture looks.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    sun : Sun, optional
        Where the Sun stands; by default ``frame.sun``.
    frame : Frame, optional
        The frame the picture was developed from (Sun and camera pointing).
    corner : {"upper right", "upper left", "lower left", "lower right"}
        Where the inset goes.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the inset drawn.

    Raises
    ------
    AnnotationError
        If no Sun position is known or the corner is unknown.

    Examples
    --------
    >>> from PIL import Image
    >>> from lunar_edu.frame import Sun
    >>> out = sun_compass(Image.new("RGB", (600, 400), (90, 90, 90)), Sun(20, 270))
    >>> out.size
    (600, 400)
    """
    sun = _resolve_sun(sun, frame)
    if corner not in _CORNERS:
        msg = f"corner must be one of {', '.join(_CORNERS)}; got {corner!r}."
        raise AnnotationError(msg)
    canvas = start(image)
    width, height = canvas.image.size
    margin = edge_margin_px(canvas.image.size)
    radius = max(20, round(0.05 * max(width, height)))
    # A Sun a few degrees up is the point of a polar scene: keep a decimal.
    elevation_text = (
        f"{sun.elevation_deg:.1f}"
        if abs(sun.elevation_deg) < 9.95
        else (f"{sun.elevation_deg:.0f}")
    )
    caption = f"Sun {elevation_text}° high\nazimuth {sun.azimuth_deg:.0f}°"
    block = fit_text(caption, max(10, round(0.8 * canvas.text_px)), width - 2 * margin)
    inset_w = max(2 * radius, block.width_px)
    inset_h = 2 * radius + block.height_px
    left = margin if corner.endswith("left") else width - margin - inset_w
    top = margin if corner.startswith("upper") else height - margin - inset_h
    centre = (left + inset_w / 2, top + radius)
    up_azimuth_deg = 0.0
    if frame is not None and frame.camera.pitch_deg <= -89.0:
        up_azimuth_deg = frame.camera.yaw_deg
    _sky_disc(canvas, centre, radius, sun, up_azimuth_deg, frame)
    text_left = centre[0] - block.width_px / 2
    corner_xy = clamp_top_left(canvas, block, text_left, top + 2 * radius)
    write(canvas, caption, block, corner_xy, backing="box", text_rgb=WHITE)
    return canvas.finish()


def _point(
    centre: tuple[float, float], radius: float, azimuth_deg: float
) -> tuple[float, float]:
    """Return the inset point at a distance from the centre toward an azimuth."""
    angle = math.radians(azimuth_deg)
    return (centre[0] + radius * math.sin(angle), centre[1] - radius * math.cos(angle))


def _sky_disc(
    canvas: Canvas,
    centre: tuple[float, float],
    radius: int,
    sun: Sun,
    up_azimuth_deg: float,
    frame: Frame | None,
) -> None:
    cx, cy = centre
    bounds = [cx - radius, cy - radius, cx + radius, cy + radius]
    # A mostly opaque dark disc keeps the marks readable on any ground.
    # Only the disc's bounding square is blended, not the whole picture.
    left, top = math.floor(cx - radius), math.floor(cy - radius)
    side = 2 * radius + 2
    shade = Image.new("L", (side, side), 0)
    ImageDraw.Draw(shade).ellipse(
        [b - o for b, o in zip(bounds, (left, top, left, top), strict=True)], fill=200
    )
    canvas.image.paste(Image.new("RGB", (side, side), BLACK), (left, top), shade)
    draw, line = canvas.draw, max(1, canvas.line_px // 2)
    draw.ellipse(bounds, outline=WHITE, width=line)
    if frame is not None and frame.camera.pitch_deg > -89.0:
        half_fov = field_of_view_deg(frame.camera)[0] / 2
        for side in (-1, 1):
            rim = _point(
                centre, radius, frame.camera.yaw_deg + side * half_fov - up_azimuth_deg
            )
            draw.line([centre, rim], fill=OKABE_ITO["sky_blue"], width=line)
    # A tick at the rim toward north, and the letter just inside it.
    tick = [_point(centre, r, -up_azimuth_deg) for r in (0.75 * radius, radius)]
    draw.line(tick, fill=WHITE, width=line)
    letter = fit_text("N", max(10, round(0.35 * radius)), radius)
    nx, ny = _point(centre, 0.45 * radius, -up_azimuth_deg)
    corner_xy = clamp_top_left(
        canvas, letter, nx - letter.width_px / 2, ny - letter.height_px / 2
    )
    write(canvas, "N", letter, corner_xy, text_rgb=WHITE)
    rho = radius * (90.0 - float(np.clip(sun.elevation_deg, 0, 90))) / 90.0
    sx, sy = _point(centre, rho, sun.azimuth_deg - up_azimuth_deg)
    dot = max(3, round(0.14 * radius))
    draw.ellipse(
        [sx - dot, sy - dot, sx + dot, sy + dot],
        fill=OKABE_ITO["yellow"],
        outline=BLACK,
        width=max(1, dot // 3),
    )


def magnifier(
    image: Image.Image,
    box_px: tuple[float, float, float, float],
    *,
    zoom: int | None = None,
    corner: str = "upper right",
    label: str | None = None,
) -> Image.Image:
    """Show a small part of a picture enlarged in a corner, pixels kept square.

    The region is outlined where it is, and its enlargement (nearest
    neighbour, so every pixel of the original stays a sharp square) is drawn
    in a corner with the zoom factor: a far-away rover, or the single red,
    green and blue squares of a Bayer mosaic, become visible.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    box_px : tuple of float
        The region as (left, top, right, bottom) pixels.
    zoom : int, optional
        Whole-number enlargement; by default the largest that keeps the
        inset within about 40 % of the picture's width and height.
    corner : {"upper right", "upper left", "lower left", "lower right"}
        Where the enlargement goes.
    label : str, optional
        Text under the inset; ``"× zoom"`` when not given.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the outline and the inset.

    Raises
    ------
    AnnotationError
        If the region is empty or outside the picture, the zoom is not a
        whole number of at least 2 that fits, or the corner is unknown.

    Examples
    --------
    >>> from PIL import Image
    >>> out = magnifier(Image.new("RGB", (600, 400), (90, 90, 90)), (10, 10, 40, 30))
    >>> out.size
    (600, 400)
    """
    if corner not in _CORNERS:
        msg = f"corner must be one of {', '.join(_CORNERS)}; got {corner!r}."
        raise AnnotationError(msg)
    canvas = start(image)
    width, height = canvas.image.size
    left, top, right, bottom = (round(float(v)) for v in box_px)
    left, top = max(left, 0), max(top, 0)
    right, bottom = min(right, width), min(bottom, height)
    if right - left < 2 or bottom - top < 2:
        msg = (
            f"magnifier() needs a region at least 2 x 2 pixels inside the "
            f"{width} x {height} picture, got {tuple(box_px)}."
        )
        raise AnnotationError(msg)
    region_w, region_h = right - left, bottom - top
    margin = edge_margin_px(canvas.image.size)
    largest = int(min(0.4 * width / region_w, 0.4 * height / region_h))
    if zoom is None:
        zoom = largest
    if isinstance(zoom, bool) or not isinstance(zoom, (int, np.integer)):
        msg = f"zoom must be a whole number, got {zoom!r}."
        raise AnnotationError(msg)
    if (
        zoom < 2
        or zoom * region_w > width - 2 * margin
        or zoom * region_h > 0.8 * height
    ):
        msg = (
            f"A {region_w} x {region_h} pixel region cannot be enlarged {zoom} times "
            f"inside a {width} x {height} picture; use a smaller region or zoom."
        )
        raise AnnotationError(msg)
    line = max(2, canvas.line_px)
    colour = OKABE_ITO["yellow"]
    enlarged = canvas.image.crop((left, top, right, bottom)).resize(
        (region_w * zoom, region_h * zoom), Image.Resampling.NEAREST
    )
    inset_left = margin if corner.endswith("left") else width - margin - enlarged.width
    inset_top = (
        margin if corner.startswith("upper") else height - margin - enlarged.height
    )
    text = label or f"× {zoom}"
    block = fit_text(text, max(10, round(0.8 * canvas.text_px)), enlarged.width)
    if corner.startswith("lower"):
        inset_top -= block.height_px + line
    draw = canvas.draw
    draw.rectangle([left - line, top - line, right + line - 1, bottom + line - 1],
                   outline=colour, width=line)  # fmt: skip
    canvas.image.paste(enlarged, (inset_left, inset_top))
    draw.rectangle(
        [inset_left - line, inset_top - line,
         inset_left + enlarged.width + line - 1, inset_top + enlarged.height + line - 1],
        outline=colour, width=line,
    )  # fmt: skip
    text_xy = clamp_top_left(
        canvas, block, inset_left, inset_top + enlarged.height + line
    )
    write(canvas, text, block, text_xy, backing="box")
    return canvas.finish()
