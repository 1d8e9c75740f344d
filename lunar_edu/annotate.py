"""Draw teaching marks on pictures with Pillow: labels and scale bars.

Every function returns a new image and leaves its input untouched. Pixel
positions are Pillow-style ``xy = (x, y) = (column, row)``. Sizes scale with
the picture, so a 1024- and a 2048-pixel frame look the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from .errors import LunarEduError

__all__ = ["AnnotationError", "label", "nice_length_m", "scale_bar"]

_TEXT = (255, 255, 255)
_HALO = (0, 0, 0)
# Yellow from the Okabe-Ito colour-blind-safe palette.
_MARK = (240, 228, 66)


class AnnotationError(LunarEduError, ValueError):
    """An annotation was asked for with arguments that cannot be drawn."""


def _text_size_px(image: Image.Image) -> int:
    """Return a text height that reads well at any picture size (about 2.6 %)."""
    return max(12, round(0.026 * max(image.size)))


@dataclass(frozen=True)
class _Pen:
    """What every mark on one picture is drawn with, sized to that picture."""

    draw: ImageDraw.ImageDraw
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    size_px: int
    halo_px: int

    def text_box(self, text: str) -> tuple[float, float, float, float]:
        """Return the ink box (left, top, right, bottom) of text drawn at (0, 0)."""
        return self.draw.textbbox((0, 0), text, font=self.font)

    def write(self, top_left: tuple[float, float], text: str) -> None:
        """Write white text with a black halo whose ink starts at ``top_left``."""
        left, top, _, _ = self.text_box(text)
        self.draw.text(
            (top_left[0] - left, top_left[1] - top),
            text,
            font=self.font,
            fill=_TEXT,
            stroke_width=self.halo_px,
            stroke_fill=_HALO,
        )


def _start_drawing(image: Image.Image) -> tuple[Image.Image, _Pen]:
    """Return an RGB copy of the picture and a pen sized for it."""
    out = image.convert("RGB")
    size_px = _text_size_px(out)
    # Pillow's built-in font is the same on every machine, so pixels are too.
    font = ImageFont.load_default(size=size_px)
    return out, _Pen(ImageDraw.Draw(out), font, size_px, max(2, size_px // 8))


def _check_inside(image: Image.Image, xy: tuple[float, float], what: str) -> None:
    x, y = xy
    if not (0 <= x < image.width and 0 <= y < image.height):
        msg = (
            f"{what} {xy} lies outside the {image.width} x {image.height} picture; "
            "give (x, y) = (column, row) inside it."
        )
        raise AnnotationError(msg)


def label(
    image: Image.Image,
    text: str,
    xy: tuple[float, float],
    *,
    offset_px: tuple[float, float] | None = None,
) -> Image.Image:
    """Write a label with a leader line pointing at a place in the picture.

    White text with a black halo stays readable on black sky, gray regolith
    and bright sunlit slopes alike.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    text : str
        The label text.
    xy : tuple of float
        The point the label is about, as (x, y) = (column, row) pixels.
    offset_px : tuple of float, optional
        Where the text sits relative to ``xy``; by default up and to the
        right, about 6 % of the picture size away.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the label drawn.

    Raises
    ------
    AnnotationError
        If ``xy`` lies outside the picture or the text is empty.
    """
    if not text.strip():
        msg = "label() needs some text to write; got an empty string."
        raise AnnotationError(msg)
    _check_inside(image, xy, "The labelled point")
    out, pen = _start_drawing(image)
    halo = pen.halo_px
    if offset_px is None:
        offset_px = (0.06 * out.width, -0.06 * out.height)
    left, top, right, bottom = pen.text_box(text)
    text_w, text_h = right - left, bottom - top
    # Keep the whole text inside the picture, whichever way the offset points.
    tx = min(max(xy[0] + offset_px[0], halo), out.width - text_w - halo - 1)
    ty = min(max(xy[1] + offset_px[1] - text_h, halo), out.height - text_h - halo - 1)
    anchor = (tx if tx > xy[0] else tx + text_w, ty + text_h / 2)
    line_w = max(2, pen.size_px // 8)
    pen.draw.line([xy, anchor], fill=_HALO, width=line_w + 2 * halo)
    pen.draw.line([xy, anchor], fill=_MARK, width=line_w)
    pen.write((tx, ty), text)
    return out


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


def _format_length(length_m: float) -> str:
    if length_m >= 1000:
        return f"{length_m / 1000:g} km"
    if length_m >= 1:
        return f"{length_m:g} m"
    return f"{length_m * 100:g} cm"


def scale_bar(
    image: Image.Image,
    metres_per_px: float,
    *,
    length_m: float | None = None,
    note: str | None = None,
) -> Image.Image:
    """Draw a scale bar in the lower-left corner.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    metres_per_px : float
        Ground size of one pixel in metres where the bar is meant to apply.
    length_m : float, optional
        Bar length in metres; by default the longest round length that fits
        in a quarter of the picture width.
    note : str, optional
        The assumption behind the scale, printed after the length, e.g.
        ``"from 100 m up"``.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the bar drawn.

    Raises
    ------
    AnnotationError
        If ``metres_per_px`` is not positive or the bar would not fit.
    """
    if not metres_per_px > 0:
        msg = (
            f"metres_per_px must be a positive scale, got {metres_per_px!r}; "
            "compute it with lunar_edu.camera.ground_sample_distance()."
        )
        raise AnnotationError(msg)
    if length_m is None:
        length_m = nice_length_m(0.25 * image.width * metres_per_px)
    bar_px = round(length_m / metres_per_px)
    margin = round(0.04 * image.width)
    if not 1 <= bar_px <= image.width - 2 * margin:
        msg = (
            f"A {length_m} m bar is {bar_px} px long, which does not fit a "
            f"{image.width} px wide picture; choose a shorter length_m."
        )
        raise AnnotationError(msg)
    out, pen = _start_drawing(image)
    halo = pen.halo_px
    thickness = max(3, pen.size_px // 4)
    x0, y1 = margin, out.height - margin
    y0 = y1 - thickness
    bar_right = x0 + bar_px - 1
    pen.draw.rectangle([x0 - halo, y0 - halo, bar_right + halo, y1 + halo], fill=_HALO)
    pen.draw.rectangle([x0, y0, bar_right, y1], fill=_TEXT)
    text = _format_length(length_m) + (f" ({note})" if note else "")
    _, top, _, bottom = pen.text_box(text)
    pen.write((x0, y0 - 2 * halo - (bottom - top)), text)
    return out
