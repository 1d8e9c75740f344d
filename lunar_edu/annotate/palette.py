"""Colours for marks and text: a colour-blind-safe palette and WCAG contrast."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = [
    "BLACK",
    "OKABE_ITO",
    "WHITE",
    "best_text_colour",
    "contrast_ratio",
    "outline_for",
    "relative_luminance",
    "worst_contrast",
]

RGB = tuple[int, int, int]

#: The eight colours of Okabe and Ito (2008), "Color Universal Design",
#: distinguishable with every common form of colour blindness.
OKABE_ITO: dict[str, RGB] = {
    "black": (0, 0, 0),
    "orange": (230, 159, 0),
    "sky_blue": (86, 180, 233),
    "bluish_green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "reddish_purple": (204, 121, 167),
}

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)

#: The minimum contrast for normal text in WCAG 2.x, success criterion 1.4.3.
MIN_TEXT_CONTRAST = 4.5


def relative_luminance(rgb: Iterable[float] | np.ndarray) -> np.ndarray:
    """Return the WCAG relative luminance of sRGB colours.

    Parameters
    ----------
    rgb : array_like, shape (..., 3)
        8-bit sRGB values, 0 to 255.

    Returns
    -------
    ndarray, shape (...)
        Luminance from 0 (black) to 1 (white).

    Notes
    -----
    WCAG 2.x: each channel ``c = v / 255`` is linearised as ``c / 12.92``
    when ``c <= 0.04045`` and ``((c + 0.055) / 1.055) ** 2.4`` otherwise;
    then ``L = 0.2126 R + 0.7152 G + 0.0722 B``.

    Examples
    --------
    >>> float(relative_luminance((255, 255, 255)))
    1.0
    """
    values = np.asarray(rgb)
    if values.dtype == np.uint8:
        # Whole pictures: look the 256 possible values up instead of raising
        # every pixel to the power 2.4.
        return _LINEAR_LUT[values] @ _WEIGHTS
    return _linear(values.astype(float) / 255.0) @ _WEIGHTS


def _linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


_WEIGHTS = np.array([0.2126, 0.7152, 0.0722])
_LINEAR_LUT = _linear(np.arange(256) / 255.0)


def contrast_ratio(rgb1: Iterable[float], rgb2: Iterable[float]) -> float:
    """Return the WCAG contrast ratio of two colours, from 1 to 21.

    Parameters
    ----------
    rgb1, rgb2 : tuple of int
        8-bit sRGB colours.

    Returns
    -------
    float
        ``(L1 + 0.05) / (L2 + 0.05)`` with ``L1`` the lighter luminance.
        Normal text needs at least 4.5 (WCAG 2.x, criterion 1.4.3).

    Examples
    --------
    >>> round(contrast_ratio((255, 255, 255), (0, 0, 0)), 1)
    21.0
    >>> round(contrast_ratio((128, 128, 128), (255, 255, 255)), 2)
    3.95
    """
    first = float(relative_luminance(tuple(rgb1)))
    second = float(relative_luminance(tuple(rgb2)))
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def worst_contrast(rgb: Iterable[float], pixels: np.ndarray) -> float:
    """Return the lowest contrast between one colour and many pixels.

    Parameters
    ----------
    rgb : tuple of int
        The colour, e.g. of text.
    pixels : ndarray, shape (..., 3)
        The pixels behind it, 8-bit sRGB.

    Returns
    -------
    float
        The smallest WCAG contrast ratio over the pixels.
    """
    return _low_contrast(tuple(rgb), pixels, 0.0)


def _low_contrast(rgb: Iterable[float], pixels: np.ndarray, percentile: float) -> float:
    own = float(relative_luminance(rgb))
    lum = relative_luminance(np.asarray(pixels).reshape(-1, 3))
    if lum.size == 0:
        return 21.0
    ratios = (np.maximum(lum, own) + 0.05) / (np.minimum(lum, own) + 0.05)
    return float(np.percentile(ratios, percentile))


def best_text_colour(pixels: np.ndarray, *, percentile: float = 5.0) -> RGB:
    """Return white or black, whichever contrasts more with nearly all pixels.

    A few odd pixels (a leader line, a star) must not decide, so the choice
    compares the contrast reached by all but ``percentile`` % of them; the
    halo or box drawn behind the text guarantees the rest.

    Parameters
    ----------
    pixels : ndarray, shape (..., 3)
        The pixels the text will sit on, 8-bit sRGB.
    percentile : float, optional
        The share of pixels, in percent, allowed to contrast less.

    Returns
    -------
    tuple of int
        ``(255, 255, 255)`` or ``(0, 0, 0)``.

    Examples
    --------
    >>> best_text_colour(np.full((2, 2, 3), 200))
    (0, 0, 0)
    """
    white = _low_contrast(WHITE, pixels, percentile)
    black = _low_contrast(BLACK, pixels, percentile)
    return WHITE if white >= black else BLACK


def outline_for(rgb: Iterable[float]) -> RGB:
    """Return black or white, whichever outlines a mark colour more strongly.

    Parameters
    ----------
    rgb : tuple of int
        The colour of a line or ring.

    Returns
    -------
    tuple of int
        ``(0, 0, 0)`` for light colours, ``(255, 255, 255)`` for dark ones.

    Examples
    --------
    >>> outline_for(OKABE_ITO["yellow"])
    (0, 0, 0)
    """
    colour = tuple(rgb)
    return (
        BLACK
        if contrast_ratio(colour, BLACK) >= contrast_ratio(colour, WHITE)
        else WHITE
    )
