"""The bundled fonts, and text split into runs so Chinese never comes out as boxes.

Latin text uses DejaVu Sans; any character DejaVu Sans lacks (Chinese,
Japanese, Korean) is drawn with Droid Sans Fallback. Both fonts ship inside
the package (``lunar_edu/fonts``, licences beside them), and the basic
layout engine is used everywhere, so the same text gives the same pixels on
every machine.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = ["FONT_FILES", "TextBlock", "font", "layout_text", "text_mask", "text_runs"]

#: The bundled font files by role.
FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "cjk": "DroidSansFallback.ttf",
}

# A private-use code point no font here draws: its mask is the .notdef box.
_MISSING_CHAR = "\U000f0000"
_PROBE_SIZE_PX = 16


@cache
def _font_source(file_name: str) -> str | bytes:
    """Return a bundled font's path, or its bytes when installed in a zip."""
    resource = resources.files("lunar_edu").joinpath("fonts", file_name)
    if isinstance(resource, Path):
        # FreeType reads glyphs from the file on demand; bytes would be
        # copied into every font object, 3.4 MB each for the CJK font.
        return str(resource)
    return resource.read_bytes()


@lru_cache(maxsize=48)
def font(role: str, size_px: int) -> ImageFont.FreeTypeFont:
    """Return a bundled font at a pixel size.

    Parameters
    ----------
    role : {"regular", "bold", "cjk"}
        Which bundled font.
    size_px : int
        The font size in pixels (the em square).

    Returns
    -------
    PIL.ImageFont.FreeTypeFont
        The font, with Pillow's basic layout engine so that output does not
        depend on whether libraqm is installed.

    Examples
    --------
    >>> font("regular", 20).getname()
    ('DejaVu Sans', 'Book')
    """
    source = _font_source(FONT_FILES[role])
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    return ImageFont.truetype(data, size_px, layout_engine=ImageFont.Layout.BASIC)


def _glyph_signature(face: ImageFont.FreeTypeFont, char: str) -> tuple:
    mask = face.getmask(char)
    return (mask.size, bytes(mask))


@lru_cache(maxsize=8192)
def _latin_draws(char: str) -> bool:
    """Return True when DejaVu Sans has a real glyph for a character."""
    if char.isspace():
        return True
    face = font("regular", _PROBE_SIZE_PX)
    return _glyph_signature(face, char) != _glyph_signature(face, _MISSING_CHAR)


def text_runs(text: str) -> list[tuple[str, str]]:
    """Split one line of text into runs that one font can draw.

    Parameters
    ----------
    text : str
        One line of text.

    Returns
    -------
    list of (str, str)
        ``(run, role)`` pairs with role ``"latin"`` or ``"cjk"``; spaces
        belong to Latin runs.

    Examples
    --------
    >>> text_runs("Yutu-2 玉兔二号 rover")
    [('Yutu-2 ', 'latin'), ('玉兔二号', 'cjk'), (' rover', 'latin')]
    """
    runs: list[tuple[str, str]] = []
    for char in text:
        # Droid Sans Fallback has no space glyph, so spaces are always Latin.
        role = "latin" if _latin_draws(char) else "cjk"
        if runs and runs[-1][1] == role:
            runs[-1] = (runs[-1][0] + char, role)
        else:
            runs.append((char, role))
    return runs


@dataclass(frozen=True)
class _Run:
    text: str
    face: ImageFont.FreeTypeFont
    x_px: float


@dataclass(frozen=True)
class _Line:
    runs: tuple[_Run, ...]
    width_px: int


@dataclass(frozen=True)
class TextBlock:
    """Lines of text laid out with the bundled fonts, ready to draw.

    Sizes include ``pad_px`` on every side (room for a halo or box margin).
    Build one with :func:`layout_text`.
    """

    lines: tuple[_Line, ...]
    size_px: int
    line_height_px: int
    ascent_px: int
    pad_px: int
    bold: bool = False

    @property
    def width_px(self) -> int:
        """Return the full width, padding included."""
        return max(line.width_px for line in self.lines) + 2 * self.pad_px

    @property
    def height_px(self) -> int:
        """Return the full height, padding included."""
        return len(self.lines) * self.line_height_px + 2 * self.pad_px

    def draw(
        self,
        draw: ImageDraw.ImageDraw,
        top_left: tuple[float, float],
        *,
        fill: tuple[int, int, int],
        halo: tuple[int, int, int] | None = None,
    ) -> None:
        """Draw the block with its padded box's top-left corner at ``top_left``.

        Parameters
        ----------
        draw : PIL.ImageDraw.ImageDraw
            Where to draw.
        top_left : tuple of float
            (x, y) = (column, row) of the padded box.
        fill : tuple of int
            Text colour.
        halo : tuple of int, optional
            Colour of a halo ``pad_px`` wide around every glyph.
        """
        passes = [(halo, self.pad_px), (fill, 0)] if halo else [(fill, 0)]
        # All halos first, then all glyphs, so no halo covers a neighbour's ink.
        for colour, stroke_px in passes:
            for index, line in enumerate(self.lines):
                baseline = (
                    top_left[1]
                    + self.pad_px
                    + index * self.line_height_px
                    + self.ascent_px
                )
                for run in line.runs:
                    draw.text(
                        (top_left[0] + self.pad_px + run.x_px, baseline),
                        run.text,
                        font=run.face,
                        fill=colour,
                        anchor="ls",
                        stroke_width=stroke_px,
                        stroke_fill=colour,
                    )


def layout_text(
    text: str, size_px: int, *, bold: bool = False, pad_px: int = 0
) -> TextBlock:
    r"""Lay out text (``\n`` starts a new line) with the bundled fonts.

    Parameters
    ----------
    text : str
        The text; may contain Chinese.
    size_px : int
        Font size in pixels.
    bold : bool, optional
        Use DejaVu Sans Bold for the Latin runs.
    pad_px : int, optional
        Margin added around the text on every side.

    Returns
    -------
    TextBlock
        The laid-out text with its size.

    Examples
    --------
    >>> block = layout_text("Chang'e 4 嫦娥四号", 20)
    >>> block.width_px > block.height_px > 20
    True
    """
    latin = font("bold" if bold else "regular", size_px)
    cjk = font("cjk", size_px)
    ascent_px, descent_px = latin.getmetrics()
    lines = []
    for line_text in text.split("\n"):
        runs, x_px = [], 0.0
        for run_text, role in text_runs(line_text):
            face = latin if role == "latin" else cjk
            runs.append(_Run(run_text, face, x_px))
            x_px += face.getlength(run_text)
        lines.append(_Line(tuple(runs), int(np.ceil(x_px))))
    return TextBlock(
        tuple(lines), size_px, ascent_px + descent_px, ascent_px, pad_px, bold
    )


def text_mask(text: str, size_px: int) -> np.ndarray:
    """Return the glyph coverage of one line of text drawn with the bundled fonts.

    Parameters
    ----------
    text : str
        The text to render.
    size_px : int
        Font size in pixels.

    Returns
    -------
    ndarray of uint8, shape (rows, columns)
        0 where there is no ink, up to 255 inside glyphs.

    Examples
    --------
    >>> bool((text_mask("嫦", 24) != text_mask("娥", 24)).any())
    True
    """
    block = layout_text(text, size_px, pad_px=1)
    canvas = Image.new("L", (block.width_px, block.height_px), 0)
    block.draw(ImageDraw.Draw(canvas), (0, 0), fill=255)  # type: ignore[arg-type]
    return np.asarray(canvas)
