"""Measure on pictures: smoothing a profile, finding shadows, filling a region.

Small tools the lessons share, each written so a teacher can explain it
in a sentence:

* :func:`running_mean` averages every value with its neighbours;
* :func:`shadow_mask` calls a pixel shadowed when it is much darker than
  the bright sunlit ground;
* :func:`flood_fill` does what the paint bucket of a drawing program does:
  starting from one pixel, it colours in every pixel joined to it;
* :func:`crater_patches` finds the pixels of each crater: those darker
  than the plain in their row, joined to a start inside the crater's ring.

Pure numpy and the standard library (Pillow only inside
:func:`crater_patches`, to blur and to fill a ring); no I/O.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import LunarEduError
from .frame import Frame

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "MeasureError",
    "crater_patches",
    "flood_fill",
    "running_mean",
    "shadow_mask",
]

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


def crater_patches(
    picture: Image.Image,
    centres_px: Sequence[tuple[float, float]],
    rings_px: Sequence[ArrayLike],
    dark_fraction: float = 0.6,
) -> list[NDArray[np.bool_] | None]:
    """Return the painted patch of each crater: its dark pixels, filled in.

    These are the steps of the lesson "Which pixels are craters?": a
    threshold row by row, then a paint bucket (:func:`flood_fill`) started
    inside each crater's ring.

    Parameters
    ----------
    picture : PIL.Image.Image
        The developed picture, in any mode; it is not modified.
    centres_px : sequence of (float, float)
        Where to look: each crater's middle as (x, y) = (column, row)
        pixels, largest crater first.
    rings_px : sequence of array_like, each shape (N, 2)
        Each crater's rim in the picture as (x, y) pixels, at least three
        points, in the order of ``centres_px``, for example from
        :func:`lunar_edu.annotate.crater_outline_px`.
    dark_fraction : float, optional
        A crater pixel is darker than this share of the plain in its row
        (0.6, 60 %, by default).

    Returns
    -------
    list of (numpy.ndarray of bool or None)
        One entry per crater: True for its painted pixels, rows x columns;
        None when no crater pixel lies inside its ring, or when its paint
        bucket would start in the patch of a crater listed before it.

    Raises
    ------
    MeasureError
        If ``dark_fraction`` is not between 0 and 1, the picture is not a
        Pillow image, there is not one ring per centre, or a ring is not a
        list of at least three (x, y) points.

    Notes
    -----
    The picture is turned to gray and blurred a little (a box of 5 x 5
    pixels), so single dark grains of soil do not count. The plain's level
    in each row is the brightness that three quarters of the row's pixels
    are darker than, smoothed over 41 rows with :func:`running_mean`. A
    pixel darker than ``dark_fraction`` of its row's level is a crater
    pixel. For each crater in turn, the crater pixel inside its ring that
    is nearest its centre starts a paint bucket, which colours in every
    crater pixel joined to it, also outside the ring. A crater whose start
    is already painted joins a bigger crater and gets no patch of its own.

    Examples
    --------
    A plain of brightness 200 with one dark bowl, 4 rows by 10 columns:

    >>> from PIL import Image
    >>> gray = np.full((20, 30), 200, dtype=np.uint8)
    >>> gray[8:12, 10:20] = 30
    >>> ring = [(8, 6), (22, 6), (22, 14), (8, 14)]
    >>> (patch,) = crater_patches(Image.fromarray(gray), [(15, 10)], [ring])
    >>> [int(patch.any(axis=1).sum()), int(patch.any(axis=0).sum())]  # rows, columns
    [4, 10]
    """
    from PIL import Image, ImageDraw, ImageFilter  # only this tool draws

    if not 0 < dark_fraction < 1:
        msg = f"dark_fraction must be between 0 and 1, got {dark_fraction!r}."
        raise MeasureError(msg)
    if not isinstance(picture, Image.Image):
        msg = (
            "crater_patches() needs the developed picture as a Pillow image, "
            f"got {type(picture).__name__}; pass le.develop(frame)."
        )
        raise MeasureError(msg)
    if len(centres_px) != len(rings_px):
        msg = (
            f"Give one ring per centre: got {len(centres_px)} centres and "
            f"{len(rings_px)} rings."
        )
        raise MeasureError(msg)
    rings = [np.asarray(ring, dtype=float) for ring in rings_px]
    for number, ring in enumerate(rings):
        if ring.ndim != 2 or ring.shape[1] != 2 or len(ring) < 3:
            msg = (
                f"Ring {number} must be at least three (x, y) points, an array "
                f"of shape (N, 2), got shape {ring.shape}."
            )
            raise MeasureError(msg)
    gray = picture.convert("L").filter(ImageFilter.BoxBlur(2))
    brightness = np.asarray(gray, dtype=float)
    plain_of_row = running_mean(np.percentile(brightness, 75, axis=1), 41)
    is_crater = brightness < dark_fraction * plain_of_row[:, None]
    taken = np.zeros(is_crater.shape, dtype=bool)  # painted by a crater
    patches: list[NDArray[np.bool_] | None] = []
    for (x_px, y_px), ring in zip(centres_px, rings, strict=True):
        inside = Image.new("1", picture.size)  # True inside the ring
        ImageDraw.Draw(inside).polygon([tuple(p) for p in ring], fill=1)
        rows, cols = np.nonzero(is_crater & np.asarray(inside))
        if len(rows) == 0:
            patches.append(None)  # not seen
            continue
        start = np.argmin((cols - x_px) ** 2 + (rows - y_px) ** 2)
        if taken[rows[start], cols[start]]:
            patches.append(None)  # joins a bigger crater
            continue
        patch = flood_fill(is_crater, (cols[start], rows[start]))
        taken |= patch
        patches.append(patch)
    return patches
