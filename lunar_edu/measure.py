"""Measure on pictures: smoothing a profile, finding shadows, filling a region.

Three small tools the lessons share, each written so a teacher can explain
it in a sentence:

* :func:`running_mean` averages every value with its neighbours;
* :func:`shadow_mask` calls a pixel shadowed when it is much darker than
  the bright sunlit ground;
* :func:`flood_fill` does what the paint bucket of a drawing program does:
  starting from one pixel, it colours in every pixel joined to it.

Pure numpy and the standard library; no I/O.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import LunarEduError
from .frame import Frame

__all__ = ["MeasureError", "flood_fill", "running_mean", "shadow_mask"]

# The eight neighbours of a pixel as (row, column) steps: those beside it
# and those that meet it at a corner.
_NEIGHBOURS = tuple(
    (d_row, d_col)
    for d_row in (-1, 0, 1)
    for d_col in (-1, 0, 1)
    if (d_row, d_col) != (0, 0)
)


class MeasureError(LunarEduError, ValueError):
    """A measurement was asked for with input it cannot use."""


def running_mean(values: ArrayLike, width: int, axis: int = -1) -> NDArray[Any]:
    """Return the average of ``width`` neighbours around every value.

    Each value is replaced by the mean of the ``width`` values centred on
    it. At the ends the first and last values are repeated, so the result
    has the same length and its ends are not pulled towards zero.

    Parameters
    ----------
    values : array_like of float
        A profile (one dimension) or an image (several); it is not modified.
    width : int
        How many values to average: an odd number of at least 1.
    axis : int, optional
        The axis to average along (the last by default).

    Returns
    -------
    numpy.ndarray
        The averages, float, the shape of ``values``.

    Raises
    ------
    MeasureError
        If ``width`` is not an odd whole number of at least 1.

    Examples
    --------
    >>> running_mean([0.0, 0.0, 3.0, 0.0, 0.0], 3).tolist()
    [0.0, 1.0, 1.0, 1.0, 0.0]
    """
    if isinstance(width, bool) or not isinstance(width, int | np.integer):
        msg = f"width must be a whole number of values, got {width!r}."
        raise MeasureError(msg)
    if width < 1 or width % 2 == 0:
        msg = (
            f"width must be odd and at least 1 so the window has a middle, got {width}."
        )
        raise MeasureError(msg)
    # Running totals: the sum of a window is the total at its end minus the
    # total just before its start, so each average costs one subtraction.
    array = np.moveaxis(np.asarray(values, dtype=float), axis, -1)
    pad = [(0, 0)] * (array.ndim - 1) + [(width // 2, width // 2)]
    totals = np.cumsum(np.pad(array, pad, mode="edge"), axis=-1)
    totals = np.concatenate([np.zeros_like(totals[..., :1]), totals], axis=-1)
    means = (totals[..., width:] - totals[..., :-width]) / width
    return np.moveaxis(means, -1, axis)


def shadow_mask(frame: Frame, fraction: float = 0.2) -> NDArray[np.bool_]:
    """Return True for the pixels of a frame that lie in shadow.

    A pixel is in shadow when it is darker than ``fraction`` of the bright
    sunlit ground, taken as the brightness that 98 % of the pixels stay
    below. With the Sun below the horizon all the ground is in shadow.

    Parameters
    ----------
    frame : Frame
        The frame; a Bayer mosaic is developed to colour first.
    fraction : float, optional
        The share of the bright ground's brightness below which a pixel is
        shadowed (one fifth by default).

    Returns
    -------
    numpy.ndarray of bool
        One value per pixel, rows x columns.

    Raises
    ------
    MeasureError
        If ``fraction`` is not between 0 and 1.
    """
    if not 0 < fraction < 1:
        msg = f"fraction must be between 0 and 1, got {fraction!r}."
        raise MeasureError(msg)
    brightness = _brightness(frame)
    if frame.sun is not None and frame.sun.elevation_deg <= 0:
        return np.ones(brightness.shape, dtype=bool)
    bright_ground = np.percentile(brightness, 98)
    return np.asarray(brightness < fraction * bright_ground)


def _brightness(frame: Frame) -> NDArray[Any]:
    """Return the frame's brightness per pixel: the mean of its colours."""
    if frame.layout == "bayer_rggb":
        from .bayer import debayer  # the mosaic needs its colours back

        return np.asarray(debayer(frame.pixels).mean(axis=2))
    pixels = np.asarray(frame.pixels, dtype=float)
    return pixels.mean(axis=2) if pixels.ndim == 3 else pixels


def flood_fill(mask: ArrayLike, start_xy: tuple[int, int]) -> NDArray[np.bool_]:
    """Return the region of a mask joined to one pixel, like a paint bucket.

    Starting from ``start_xy``, the fill keeps a queue of pixels to visit:
    it takes the next one, and adds each of its eight neighbours (beside it
    or at a corner) that is True in ``mask`` and not painted yet. When the
    queue is empty, every pixel joined to the start is painted.

    Parameters
    ----------
    mask : array_like of bool
        True for the pixels that may be painted, rows x columns.
    start_xy : tuple of int
        The first pixel as (x, y) = (column, row), like every position in
        lunar_edu.

    Returns
    -------
    numpy.ndarray of bool
        True for the painted pixels; all False when the start is not in
        the mask.

    Raises
    ------
    MeasureError
        If the mask is not two-dimensional or the start lies outside it.

    Examples
    --------
    >>> mask = np.array([[1, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1]], bool)
    >>> flood_fill(mask, (3, 2)).astype(int).tolist()
    [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1]]
    """
    allowed = np.asarray(mask, dtype=bool)
    if allowed.ndim != 2:
        msg = f"flood_fill() needs a mask of rows x columns, got {allowed.ndim} dimension(s)."
        raise MeasureError(msg)
    rows, cols = allowed.shape
    col, row = (int(v) for v in start_xy)
    if not (0 <= row < rows and 0 <= col < cols):
        msg = (
            f"The start (row {row}, column {col}) is outside the "
            f"{rows} x {cols} mask; pick a pixel inside it."
        )
        raise MeasureError(msg)
    painted = np.zeros_like(allowed)
    if not allowed[row, col]:
        return painted
    painted[row, col] = True
    queue = deque([(row, col)])
    while queue:
        row, col = queue.popleft()
        for d_row, d_col in _NEIGHBOURS:
            r, c = row + d_row, col + d_col
            if 0 <= r < rows and 0 <= c < cols and allowed[r, c] and not painted[r, c]:
                painted[r, c] = True
                queue.append((r, c))
    return painted
