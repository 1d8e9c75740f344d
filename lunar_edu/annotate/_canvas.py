"""What every annotation shares: the copy it draws on, sizes, checks and text boxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

from ..errors import LunarEduError
from ..translations import translate
from .fonts import TextBlock, layout_text
from .palette import MIN_TEXT_CONTRAST, best_text_colour, outline_for, worst_contrast

__all__ = ["AnnotationError", "DrawnText", "drawn_texts"]

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]

# Pillow copies ``Image.info`` through copy() and convert(), so the boxes of
# text drawn earlier travel with the picture through a chain of annotations.
_TEXTS_KEY = "lunar_edu.drawn_texts"
_MIN_TEXT_PX = 10


class AnnotationError(LunarEduError, ValueError):
    """An annotation was asked for with arguments that cannot be drawn."""


@dataclass(frozen=True)
class DrawnText:
    """One piece of text an annotation drew, and what it drew it on.

    Parameters
    ----------
    text : str
        The text.
    box_px : tuple of int
        Its box with halo or backing, ``(left, top, right, bottom)`` in
        pixels, right and bottom exclusive.
    text_rgb : tuple of int
        The text colour.
    backing_rgb : tuple of int
        The halo or box colour right behind the glyphs.
    contrast : float
        The lowest WCAG contrast between the text colour and the pixels it
        was drawn on (halo or box), measured when it was drawn.
    size_px : int
        Font size in pixels.
    bold : bool
        Whether the Latin runs are bold.
    pad_px : int
        Halo width or box margin around the text.
    source_text : str
        The English text the lesson asked for; ``text`` is its translation
        when ``LUNAR_EDU_LANG`` chooses another language
        (``lunar_edu.translations``), else the same.
    """

    text: str
    box_px: Box
    text_rgb: RGB
    backing_rgb: RGB
    contrast: float
    size_px: int = 0
    bold: bool = False
    pad_px: int = 0
    source_text: str = ""


def drawn_texts(image: Image.Image) -> tuple[DrawnText, ...]:
    """Return every piece of text lunar_edu.annotate drew on a picture.

    Parameters
    ----------
    image : PIL.Image.Image
        A picture returned by an annotation function.

    Returns
    -------
    tuple of DrawnText
        In drawing order; empty for a picture without annotations.
    """
    return tuple(image.info.get(_TEXTS_KEY, ()))


def text_size_px(size: tuple[int, int]) -> int:
    """Return a text height that reads the same at any picture size (2.6 %)."""
    return max(12, round(0.026 * max(size)))


def line_width_px(size: tuple[int, int]) -> int:
    """Return the width of lines and rings for a picture size (0.34 %).

    0.34 % gives whole pixels, 4 and 8, for the 1176- and 2352-pixel PCAM
    frames, so both look alike.
    """
    return max(2, round(0.0034 * max(size)))


def edge_margin_px(size: tuple[int, int]) -> int:
    """Return the gap kept between text and the picture's edge (0.8 %)."""
    return max(2, round(0.008 * max(size)))


def halo_px(text_px: int) -> int:
    """Return the halo width around text of a given size."""
    return max(3, round(text_px / 8))


@dataclass
class Canvas:
    """An RGB copy of a picture to draw on, and the text drawn on it so far."""

    image: Image.Image
    texts: list[DrawnText] = field(default_factory=list)

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        """Return a drawing context on the copy."""
        return ImageDraw.Draw(self.image)

    @property
    def text_px(self) -> int:
        """Return the text size for this picture."""
        return text_size_px(self.image.size)

    @property
    def line_px(self) -> int:
        """Return the line width for this picture."""
        return line_width_px(self.image.size)

    def finish(self) -> Image.Image:
        """Return the finished picture with its text boxes recorded."""
        self.image.info[_TEXTS_KEY] = tuple(self.texts)
        return self.image


def start(image: Image.Image) -> Canvas:
    """Return a canvas on an RGB copy of the picture (the input is never touched)."""
    if not isinstance(image, Image.Image):
        msg = (
            f"Annotations draw on a PIL image, got {type(image).__name__}; "
            "make one with lunar_edu.develop(frame)."
        )
        raise AnnotationError(msg)
    out = image.convert("RGB") if image.mode != "RGB" else image.copy()
    return Canvas(out, list(drawn_texts(image)))


def check_inside(size: tuple[int, int], xy: tuple[float, float], what: str) -> None:
    """Refuse a point outside the picture."""
    x, y = float(xy[0]), float(xy[1])
    if not (0 <= x <= size[0] - 1 and 0 <= y <= size[1] - 1):
        msg = (
            f"{what} {tuple(xy)} lies outside the {size[0]} x {size[1]} picture; "
            "give (x, y) = (column, row) inside it."
        )
        raise AnnotationError(msg)


def check_text(text: str, what: str) -> str:
    """Refuse empty text."""
    if not isinstance(text, str) or not text.strip():
        msg = f"{what} needs some text to write; got {text!r}."
        raise AnnotationError(msg)
    return text


def fit_text(
    text: str,
    size_px: int,
    max_width_px: float,
    *,
    bold: bool = False,
    pad_px: int | None = None,
) -> TextBlock:
    """Lay out text in lunar_edu's language, shrinking it until it fits a width.

    The text is translated here (and again, identically, by :func:`write`),
    because every annotation lays its text out through this function.

    Raises
    ------
    AnnotationError
        If the text does not fit even at the smallest readable size.
    """
    text = translate(text)
    size = size_px
    while True:
        pad = halo_px(size) if pad_px is None else pad_px
        block = layout_text(text, size, bold=bold, pad_px=pad)
        if block.width_px <= max_width_px:
            return block
        if size <= _MIN_TEXT_PX:
            msg = (
                f"The text {text!r} is {block.width_px} px wide even at {size} px "
                f"and does not fit in {max_width_px:.0f} px; shorten it or break "
                "it with '\\n'."
            )
            raise AnnotationError(msg)
        size = max(_MIN_TEXT_PX, int(size * 0.9))


def clamp_top_left(
    canvas: Canvas, block: TextBlock, left: float, top: float
) -> tuple[int, int]:
    """Move a text box's top-left corner so the whole box lies in the picture.

    A small margin keeps text off the very edge, where it is easily cropped.
    """
    width, height = canvas.image.size
    margin = edge_margin_px(canvas.image.size)
    if block.width_px + 2 * margin > width or block.height_px + 2 * margin > height:
        msg = (
            f"A {block.width_px} x {block.height_px} px text box does not fit the "
            f"{width} x {height} picture; use shorter text."
        )
        raise AnnotationError(msg)
    x = min(max(round(left), margin), width - block.width_px - margin)
    y = min(max(round(top), margin), height - block.height_px - margin)
    return x, y


def _rgb(colour: Sequence[int]) -> RGB:
    """Return a colour given as any three numbers as an (r, g, b) tuple."""
    red, green, blue = colour
    return (int(red), int(green), int(blue))


def write(
    canvas: Canvas,
    text: str,
    block: TextBlock,
    top_left: tuple[int, int],
    *,
    backing: str = "halo",
    text_rgb: RGB | None = None,
    backing_rgb: RGB | None = None,
) -> DrawnText:
    """Draw a text block so it keeps a contrast of 4.5:1 with what is behind it.

    The colours are chosen from the actual pixels under the box: the text
    colour contrasts most with the worst of them, and the halo or box behind
    the glyphs is the opposite of the text colour. A translucent box is made
    more opaque until every blended pixel passes.
    """
    if backing not in ("halo", "box"):
        msg = f"backing must be 'halo' or 'box', got {backing!r}."
        raise AnnotationError(msg)
    left, top = top_left
    box = (left, top, left + block.width_px, top + block.height_px)
    under = np.asarray(canvas.image.crop(box))
    ink: RGB = best_text_colour(under) if text_rgb is None else _rgb(text_rgb)
    behind: RGB = outline_for(ink) if backing_rgb is None else _rgb(backing_rgb)
    text_rgb, backing_rgb = ink, behind
    if backing == "halo":
        block.draw(canvas.draw, (left, top), fill=text_rgb, halo=backing_rgb)
        contrast = worst_contrast(text_rgb, np.array([backing_rgb]))
    else:
        blended, contrast = _translucent_box(under, text_rgb, backing_rgb)
        canvas.image.paste(Image.fromarray(blended), box[:2])
        block.draw(canvas.draw, (left, top), fill=text_rgb)
    if contrast < MIN_TEXT_CONTRAST:
        msg = (
            f"Text colour {text_rgb} on {backing_rgb} has a contrast of only "
            f"{contrast:.2f}:1, below 4.5:1; choose another colour."
        )
        raise AnnotationError(msg)
    record = DrawnText(
        translate(text),
        box,
        text_rgb,
        backing_rgb,
        round(contrast, 3),
        block.size_px,
        block.bold,
        block.pad_px,
        source_text=text,
    )
    canvas.texts.append(record)
    return record


def _translucent_box(
    under: np.ndarray, text_rgb: RGB, box_rgb: RGB
) -> tuple[np.ndarray, float]:
    """Blend a box over the pixels, just opaque enough for the text to pass."""
    colour = np.array(box_rgb, dtype=float)
    under = under.astype(float)
    for opacity in (0.6, 0.7, 0.8, 0.9, 1.0):
        blended = np.rint(opacity * colour + (1 - opacity) * under).astype(np.uint8)
        contrast = worst_contrast(text_rgb, blended)
        if contrast >= MIN_TEXT_CONTRAST:
            break
    return blended, contrast
