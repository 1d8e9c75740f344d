"""Highlight a region of a picture: paint the pixels of a mask in a colour."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from PIL import Image

from ._canvas import RGB, AnnotationError
from .palette import OKABE_ITO

__all__ = ["highlight"]


def highlight(
    image: Image.Image,
    mask: ArrayLike,
    *,
    colour: RGB = OKABE_ITO["blue"],
    strength: float = 0.6,
) -> Image.Image:
    """Paint the pixels of a mask in a see-through colour.

    Each masked pixel becomes ``(1 - strength) * pixel + strength * colour``,
    so the ground under the colour still shows through; the other pixels
    are unchanged.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    mask : array_like of bool
        True for the pixels to paint; the picture's shape, rows x columns.
    colour : tuple of int, optional
        The colour (Okabe-Ito blue by default).
    strength : float, optional
        How much of the colour replaces the pixel, from 0 (none) to 1 (all).

    Returns
    -------
    PIL.Image.Image
        A new RGB picture, carrying the original picture's source.

    Raises
    ------
    AnnotationError
        If the mask's shape is not the picture's or ``strength`` is not
        between 0 and 1.

    Examples
    --------
    >>> import numpy as np
    >>> from PIL import Image
    >>> mask = np.zeros((2, 2), bool)
    >>> mask[0, 0] = True
    >>> out = highlight(Image.new("RGB", (2, 2)), mask, colour=(100, 0, 50))
    >>> out.getpixel((0, 0)), out.getpixel((1, 0))
    ((60, 0, 30), (0, 0, 0))
    """
    selected = np.asarray(mask, dtype=bool)
    if selected.shape != (image.height, image.width):
        msg = (
            f"The mask has shape {selected.shape} but the picture has "
            f"{image.height} rows and {image.width} columns; pass one "
            "True/False per pixel, rows x columns."
        )
        raise AnnotationError(msg)
    if not 0 <= strength <= 1:
        msg = f"strength must be between 0 and 1, got {strength!r}."
        raise AnnotationError(msg)
    rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
    rgb[selected] = (1 - strength) * rgb[selected] + strength * np.array(colour)
    # convert() makes a copy that keeps the picture's Image.info (its source).
    out = image.convert("RGB")
    out.paste(Image.fromarray(rgb.astype(np.uint8)))
    return out
