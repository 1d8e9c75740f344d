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

__all__ = [
    "MeasureError",
    "flood_fill",
    "follow_tracks",
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


# How follow_tracks() reads a groove: smooth over 9 x 9 pixels, compare with
# the 201 pixels around in the row, start 8 rows above the bottom (clear of
# the smoothing's edge), climb 2 rows a step, steady x over 7 points.
_GROOVE_SMOOTH_PX = 9
_GROOVE_BACKGROUND_PX = 201
_GROOVE_START_ABOVE_BOTTOM_PX = 8
_GROOVE_STEP_PX = 2
_GROOVE_STEADY_POINTS = 7


def follow_tracks(
    image: ArrayLike,
    top_row_px: int = 0,
    *,
    count: int = 2,
    reach_px: int = 25,
    darker_than: float = -3.0,
    apart_px: int = 100,
) -> list[NDArray[np.float64]]:
    """Return the pixel paths of wheel tracks, followed up a picture as dark grooves.

    Parameters
    ----------
    image : array_like
        The picture, rows x columns (gray) or rows x columns x colours,
        with brightness from 0 to 255 (a developed picture works as it is);
        it is not modified.
    top_row_px : int, optional
        The row the paths stop below, such as the horizon's row (0, the
        top of the picture, by default).
    count : int, optional
        How many tracks to follow (two, one per wheel, by default).
    reach_px : int, optional
        How far left or right, in pixels, a track may move from one step to
        the next.
    darker_than : float, optional
        How much darker than the ground around it, in brightness levels out
        of 255, a groove must be to go on following it (a negative number).
    apart_px : int, optional
        How far apart, in pixels, the tracks start in the bottom row at
        least: around each track found there, this many columns on either
        side are skipped before looking for the next.

    Returns
    -------
    list of numpy.ndarray
        One path per track, ordered left to right by where it starts. Each
        is an array of (x, y) pixel points, float, one per step from the
        bottom up; it is empty (shape 0 x 2) when the groove is not darker
        than ``darker_than`` where it starts.

    Raises
    ------
    MeasureError
        If the image is not rows x columns (x colours), is too short to
        climb, ``top_row_px`` is not above the starting row, ``count`` or
        ``reach_px`` is not a whole number of at least 1, or the bottom row
        is too narrow to hold ``count`` tracks ``apart_px`` apart.

    Notes
    -----
    A track is a dark groove: in each row it is darker than the ground
    around it. The picture is made gray and smoothed over 9 x 9 pixels,
    and each pixel is compared with the average of the 201 pixels around
    it in its row: that difference is the groove's *contrast*. The tracks
    start at the darkest columns of the row 8 pixels above the bottom.
    Each path then climbs two rows at a time, each time moving to the
    darkest spot within ``reach_px`` of the last one, until the groove is
    no longer darker than ``darker_than``, reaches the left or right edge,
    or reaches ``top_row_px``. Last, a running mean over 7 points steadies
    the x of each path, which noise makes wobble by a pixel or two.

    Examples
    --------
    >>> x_px = np.arange(300)
    >>> groove = 30 * np.exp(-(((x_px - 60) / 4) ** 2))  # a dark line at x = 60
    >>> image = np.tile(100 - groove, (40, 1))  # 40 rows, the line straight up
    >>> (path,) = follow_tracks(image, count=1)
    >>> path[:3].tolist()
    [[60.0, 32.0], [60.0, 30.0], [60.0, 28.0]]
    """
    gray = np.asarray(image, dtype=float)
    if gray.ndim == 3:
        gray = gray.mean(axis=2)
    if gray.ndim != 2:
        msg = (
            "follow_tracks() needs a picture of rows x columns (x colours), "
            f"got {gray.ndim} dimension(s)."
        )
        raise MeasureError(msg)
    for name, value in (
        ("count", count),
        ("reach_px", reach_px),
        ("apart_px", apart_px),
    ):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | np.integer)
            or value < 1
        ):
            msg = f"{name} must be a whole number of at least 1, got {value!r}."
            raise MeasureError(msg)
    height, width = gray.shape
    start_row = height - _GROOVE_START_ABOVE_BOTTOM_PX
    if start_row < 1:
        msg = (
            f"The picture is {height} rows high; follow_tracks() starts "
            f"{_GROOVE_START_ABOVE_BOTTOM_PX} rows above the bottom, so give it "
            "a taller picture."
        )
        raise MeasureError(msg)
    whole = isinstance(top_row_px, int | np.integer) and not isinstance(
        top_row_px, bool
    )
    if not whole or not 0 <= top_row_px < start_row:
        msg = (
            f"top_row_px must be a whole row from 0 to {start_row - 1}, above "
            f"the starting row {start_row}, got {top_row_px!r}."
        )
        raise MeasureError(msg)

    smooth = running_mean(
        running_mean(gray, _GROOVE_SMOOTH_PX, axis=0), _GROOVE_SMOOTH_PX, axis=1
    )
    contrast = smooth - running_mean(smooth, _GROOVE_BACKGROUND_PX, axis=1)

    bottom = contrast[start_row].copy()
    starts = []
    for _ in range(count):
        if np.isinf(bottom).all():
            msg = (
                f"The bottom row, {width} pixels wide, has no room for "
                f"{count} tracks {apart_px} pixels apart; ask for fewer "
                "tracks or a smaller apart_px."
            )
            raise MeasureError(msg)
        x_px = int(np.argmin(bottom))
        starts.append(x_px)
        # Hide this groove and its rut, then look for the next track.
        bottom[max(x_px - apart_px, 0) : x_px + apart_px] = np.inf

    paths = []
    for x_px in sorted(starts):
        points = []
        for y_px in range(start_row, top_row_px, -_GROOVE_STEP_PX):
            left = max(x_px - reach_px, 0)
            window = contrast[y_px, left : x_px + reach_px + 1]
            darkest = int(np.argmin(window))
            at_edge = left + darkest in (0, width - 1)
            if window[darkest] > darker_than or at_edge:
                break
            x_px = left + darkest
            points.append((x_px, y_px))
        path = np.array(points, dtype=float).reshape(-1, 2)
        if len(path):
            path[:, 0] = running_mean(path[:, 0], _GROOVE_STEADY_POINTS, axis=0)
        paths.append(path)
    return paths
