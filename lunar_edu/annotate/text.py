"""Text on pictures: labels with leader lines, and corner tags."""

from __future__ import annotations

import numpy as np
from PIL import Image

from ._canvas import (
    RGB,
    AnnotationError,
    Canvas,
    check_inside,
    check_text,
    clamp_top_left,
    edge_margin_px,
    fit_text,
    start,
    write,
)
from .fonts import TextBlock
from .palette import OKABE_ITO, best_text_colour, outline_for

__all__ = ["label", "tag"]

_CORNERS = ("upper left", "upper right", "lower left", "lower right")


def label(
    image: Image.Image,
    text: str,
    xy: tuple[float, float],
    *,
    offset_px: tuple[float, float] | None = None,
    backing: str = "halo",
    colour: RGB = OKABE_ITO["yellow"],
    text_rgb: RGB | None = None,
) -> Image.Image:
    r"""Write a label with a leader line pointing at a place in the picture.

    The text colour (white or black) is chosen from the pixels it will sit
    on, and a halo or box of the opposite colour keeps a contrast of at
    least 4.5:1 right behind every glyph, on black sky, gray regolith and
    sunlit slopes alike. Chinese text is drawn with the bundled CJK font.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    text : str
        The label text; ``\n`` starts a new line.
    xy : tuple of float
        The point the label is about, as (x, y) = (column, row) pixels.
    offset_px : tuple of float, optional
        Where the text sits relative to ``xy``, in pixels; by default up and
        to the right, 6 % of the picture size away. The text moves inside
        the picture, and to the other side of the point if it would cover it.
    backing : {"halo", "box"}, optional
        A halo around each glyph, or a translucent box behind the text.
    colour : tuple of int, optional
        Colour of the leader line (Okabe-Ito yellow by default).
    text_rgb : tuple of int, optional
        Force a text colour; the halo or box becomes its opposite.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the label drawn.

    Raises
    ------
    AnnotationError
        If ``xy`` lies outside the picture or the text is empty or too long.

    Examples
    --------
    >>> from PIL import Image
    >>> out = label(Image.new("L", (200, 100), 128), "crater", (50, 60))
    >>> out.size, out.mode
    ((200, 100), 'RGB')
    """
    check_text(text, "label()")
    check_inside(image.size, xy, "The labelled point")
    canvas = start(image)
    margin = edge_margin_px(canvas.image.size)
    block = fit_text(text, canvas.text_px, canvas.image.width - 2 * margin)
    if offset_px is None:
        offset_px = (0.06 * canvas.image.width, -0.06 * canvas.image.height)
    top_left = _place_beside(canvas, block, xy, offset_px)
    if text_rgb is None:
        # Chosen from the picture itself, before the leader line crosses it.
        box = (*top_left, top_left[0] + block.width_px, top_left[1] + block.height_px)
        text_rgb = best_text_colour(np.asarray(canvas.image.crop(box)))
    _leader(canvas, xy, top_left, (block.width_px, block.height_px), colour)
    write(canvas, text, block, top_left, backing=backing, text_rgb=text_rgb)
    return canvas.finish()


def _place_beside(
    canvas: Canvas,
    block: TextBlock,
    xy: tuple[float, float],
    offset_px: tuple[float, float],
) -> tuple[int, int]:
    """Return the text box's top-left corner, trying the four sides of ``xy``."""
    dx, dy = float(offset_px[0]), float(offset_px[1])
    tried: list[tuple[int, int]] = []
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        ox, oy = sx * dx, sy * dy
        # The box starts at the offset point and extends away from ``xy``.
        left = xy[0] + ox if ox >= 0 else xy[0] + ox - block.width_px
        top = xy[1] + oy - block.height_px if oy <= 0 else xy[1] + oy
        corner = clamp_top_left(canvas, block, left, top)
        if not _covers(corner, block, xy):
            return corner
        tried.append(corner)
    # Every side covers ``xy``: keep the first choice, below and to the right.
    return tried[0]


def _covers(corner: tuple[int, int], block: TextBlock, xy: tuple[float, float]) -> bool:
    left, top = corner
    return (
        left <= xy[0] <= left + block.width_px and top <= xy[1] <= top + block.height_px
    )


def _leader(
    canvas: Canvas,
    xy: tuple[float, float],
    corner: tuple[int, int],
    box_size: tuple[int, int],
    colour: RGB,
) -> None:
    """Draw an outlined line from the point to the nearest edge of the text box."""
    left, top = corner
    end = (
        min(max(xy[0], left), left + box_size[0] - 1),
        min(max(xy[1], top), top + box_size[1] - 1),
    )
    width = canvas.line_px
    outline = max(1, width // 2)
    draw, dark = canvas.draw, outline_for(colour)
    dot = 1.5 * width
    x, y = xy
    draw.line([xy, end], fill=dark, width=width + 2 * outline)
    draw.ellipse(
        [x - dot - outline, y - dot - outline, x + dot + outline, y + dot + outline],
        fill=dark,
    )
    draw.line([xy, end], fill=colour, width=width)
    draw.ellipse([x - dot, y - dot, x + dot, y + dot], fill=colour)


def tag(
    image: Image.Image,
    text: str,
    *,
    corner: str = "upper left",
    backing: str = "box",
) -> Image.Image:
    """Write a short tag in a corner of the picture, e.g. a panel name.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    text : str
        The tag text, e.g. ``"Sun 10° high"``.
    corner : {"upper left", "upper right", "lower left", "lower right"}
        Where the tag goes.
    backing : {"box", "halo"}, optional
        A translucent box (default) or a halo behind the text.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture with the tag drawn.

    Raises
    ------
    AnnotationError
        If the corner is unknown or the text is empty or too long.
    """
    check_text(text, "tag()")
    if corner not in _CORNERS:
        msg = f"corner must be one of {', '.join(_CORNERS)}; got {corner!r}."
        raise AnnotationError(msg)
    canvas = start(image)
    margin = edge_margin_px(canvas.image.size)
    pad = max(3, round(0.3 * canvas.text_px)) if backing == "box" else None
    block = fit_text(
        text, canvas.text_px, canvas.image.width - 2 * margin, bold=True, pad_px=pad
    )
    width, height = canvas.image.size
    left = margin if corner.endswith("left") else width - margin - block.width_px
    top = margin if corner.startswith("upper") else height - margin - block.height_px
    write(
        canvas, text, block, clamp_top_left(canvas, block, left, top), backing=backing
    )
    return canvas.finish()
