"""Turn a Frame's stored pixels into a picture for display (pure computation, no I/O).

The steps, each a function of its own so a lesson can show them one at a time:

1. :func:`debayer` fills in the two missing colours of every pixel of a Bayer
   mosaic by bilinear interpolation;
2. :func:`levels_of` picks the black and white levels: the label statistics
   when the frame has them, else the full range of its bit depth;
3. :func:`gray_world_gains` balances the colours so that the average is gray;
4. :func:`stretch_limits` finds the values to show as black and white from
   percentiles, and :func:`apply_stretch` applies them;
5. :func:`apply_gamma` lifts the mid-tones for a display.

:func:`develop` chains them for any frame and returns a Pillow image that
carries the frame's source (real or simulated, credit and licence).
"""

from __future__ import annotations

import mmap
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from PIL import Image

from .errors import LunarEduError
from .frame import Frame
from .provenance import attach_source

__all__ = [
    "BAYER_PATTERNS",
    "DevelopError",
    "DevelopedStrips",
    "UnsupportedLayoutError",
    "apply_gamma",
    "apply_stretch",
    "debayer",
    "develop",
    "develop_strips",
    "gray_world_gains",
    "levels_of",
    "stretch_limits",
    "to_uint8",
]

#: The four Bayer phases, named by the colours of the top-left 2 x 2 cell read
#: row by row. Chang'e 4 PCAM colour frames are read as RGGB by all community
#: code (data.md s. 2.2; no official statement is known).
BAYER_PATTERNS = ("RGGB", "BGGR", "GRBG", "GBRG")

_CHANNEL = {"R": 0, "G": 1, "B": 2}
_EDGES = ("mirror", "reflect")
# Rows developed at a time: strips keep the float32 working copies to a few
# megabytes whatever the frame size, so developing a PCAM frame needs little
# more memory than the finished 8-bit picture.
_STRIP_ROWS = 64
# Rows interpolated at a time inside a strip; even, so each starts on the
# same Bayer phase, and small enough for the working set to stay in cache.
_CACHE_ROWS = 64
# numpy releases the GIL in its loops, so strips can be worked on in threads;
# each thread writes its own rows, so the result does not depend on timing.
_WORKERS = max(1, min(4, os.cpu_count() or 1))
# Statistics (white balance, stretch) are estimated from a preview of about
# this many pixels: plenty for channel means and percentiles, and cheap.
_PREVIEW_PIXELS = 100_000
# Where a real product's label statistics land in ``Frame.meta``.
_STATISTICS_KEYS = ("object_statistics.minimum", "object_statistics.maximum")
# Default options per layout. Raw Bayer frames are dark and tinted, so they get
# white balance and a stretch; gray and RGB frames are already finished
# pictures and are shown linearly, as stored.
_DEFAULTS = {
    "bayer_rggb": {"white_balance": True, "stretch": (0.5, 99.5)},
    "rgb": {"white_balance": False, "stretch": None},
    "gray": {"white_balance": False, "stretch": None},
}


class DevelopError(LunarEduError, ValueError):
    """A development option has a value that cannot be used."""


class UnsupportedLayoutError(DevelopError):
    """A frame's pixel layout cannot be developed by this version of lunar_edu."""


def to_uint8(values: np.ndarray, bit_depth: int) -> np.ndarray:
    """Scale integer values of a given bit depth linearly to 0-255.

    Parameters
    ----------
    values : ndarray of uint8 or uint16
        Stored values, at most ``2**bit_depth - 1``.
    bit_depth : int
        Number of meaningful bits per value.

    Returns
    -------
    ndarray of uint8
        The same shape, rounded to the nearest display level.

    Examples
    --------
    >>> to_uint8(np.array([0, 512, 1023], dtype=np.uint16), 10)
    array([  0, 128, 255], dtype=uint8)
    """
    if bit_depth == 8 and values.dtype == np.uint8:
        return values
    full_scale = float(2**bit_depth - 1)
    scaled = np.clip(values.astype(np.float32) * (255.0 / full_scale), 0, 255)
    return np.rint(scaled).astype(np.uint8)


# --- debayer -----------------------------------------------------------------


def _check_pattern(pattern: str) -> np.ndarray:
    """Return the 2 x 2 channel indices (0 R, 1 G, 2 B) of a Bayer pattern."""
    upper = str(pattern).upper()
    if upper not in BAYER_PATTERNS:
        msg = (
            f"Unknown Bayer pattern {pattern!r}; use one of "
            f"{', '.join(BAYER_PATTERNS)} (Chang'e 4 PCAM frames are RGGB)."
        )
        raise DevelopError(msg)
    return np.array([_CHANNEL[c] for c in upper]).reshape(2, 2)


def _fold(index: np.ndarray, size: int, edges: str) -> np.ndarray:
    """Map indices outside ``0..size-1`` back inside, by the edge rule."""
    # "mirror" reflects about the edge pixel (-1 -> 1), which keeps the Bayer
    # phase; "reflect" repeats it (-1 -> 0), like scipy.ndimage's default.
    shift = 0 if edges == "mirror" else 1
    index = np.where(index < 0, -index - shift, index)
    return np.where(index >= size, 2 * size - 2 - index + shift, index)


def _padded_strip(
    mosaic: np.ndarray, start: int, stop: int, dtype: type = np.float32
) -> np.ndarray:
    """Return rows ``start-1 .. stop`` of the mosaic, mirror-padded, as ``dtype``."""
    rows, cols = mosaic.shape
    row_index = _fold(np.arange(start - 1, stop + 1), rows, "mirror")
    padded = np.empty((stop - start + 2, cols + 2), dtype)
    body = mosaic[max(start - 1, 0) : min(stop + 1, rows)]
    first = 1 if start == 0 else 0
    padded[first : first + body.shape[0], 1:-1] = body
    if start == 0:
        padded[0, 1:-1] = mosaic[row_index[0]]
    if stop == rows:
        padded[-1, 1:-1] = mosaic[row_index[-1]]
    padded[:, 0] = padded[:, 2]
    padded[:, -1] = padded[:, -3]
    return padded


def _interpolate(padded: np.ndarray, colours: np.ndarray, out: np.ndarray) -> None:
    """Fill ``out`` (rows, cols, 3) bilinearly from a mirror-padded strip.

    The sums of each pixel's left and right and of its upper and lower
    neighbours are two whole-strip additions; every missing colour is then one
    of them (or their sum, or a sum of two vertical sums for the diagonal
    neighbours) on one of the four Bayer phases, scaled straight into the
    output. The zeros of the textbook masked convolution are never computed.
    """
    rows, cols = out.shape[:2]
    horizontal = padded[1:-1, :-2] + padded[1:-1, 2:]
    vertical_all = padded[:-2, :] + padded[2:, :]
    vertical = vertical_all[:, 1:-1]
    for py in range(min(2, rows)):
        for px in range(min(2, cols)):
            site = colours[py, px]
            target = out[py::2, px::2]
            across = horizontal[py::2, px::2]
            along = vertical[py::2, px::2]
            target[..., site] = padded[1 + py : rows + 1 : 2, 1 + px : cols + 1 : 2]
            if site == _CHANNEL["G"]:
                # A green site: its row neighbours carry one of the other
                # colours, its column neighbours the other.
                np.multiply(across, 0.5, out=target[..., colours[py, 1 - px]])
                np.multiply(along, 0.5, out=target[..., colours[1 - py, px]])
            else:
                cross = across + along
                np.multiply(cross, 0.25, out=target[..., 1])
                # Diagonal neighbours: the vertical sums one column left and
                # one column right.
                end = px + 2 * cross.shape[1] - 1
                left = vertical_all[py::2, px:end:2]
                right = vertical_all[py::2, px + 2 : end + 2 : 2]
                diagonal = np.add(left, right, out=cross)
                np.multiply(diagonal, 0.25, out=target[..., colours[1 - py, 1 - px]])


def _interpolate_codes(
    padded: np.ndarray,
    colours: np.ndarray,
    tables: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]],
    out: np.ndarray,
) -> None:
    """Fill ``out`` (rows, cols, 3) with display levels, like :func:`_interpolate`.

    The same sums as :func:`_interpolate`, but of the integer values: a
    sampled value, the sum of a pair or the sum of four neighbours. Each is
    turned into its display level by a table lookup (``tables`` holds, per
    channel, the levels of values, of pair sums and of four-sums), so the
    whole chain from stored value to display level is one lookup per value
    (``take``, which is faster than indexing with an array).
    """
    singles, pairs, quads = tables
    rows, cols = out.shape[:2]
    horizontal = padded[1:-1, :-2] + padded[1:-1, 2:]
    vertical_all = padded[:-2, :] + padded[2:, :]
    vertical = vertical_all[:, 1:-1]
    for py in range(min(2, rows)):
        for px in range(min(2, cols)):
            site = colours[py, px]
            target = out[py::2, px::2]
            across = horizontal[py::2, px::2]
            along = vertical[py::2, px::2]
            own = padded[1 + py : rows + 1 : 2, 1 + px : cols + 1 : 2]
            target[..., site] = singles[site].take(own)
            if site == _CHANNEL["G"]:
                row_colour, column_colour = colours[py, 1 - px], colours[1 - py, px]
                target[..., row_colour] = pairs[row_colour].take(across)
                target[..., column_colour] = pairs[column_colour].take(along)
            else:
                target[..., 1] = quads[1].take(across + along)
                end = px + 2 * across.shape[1] - 1
                left = vertical_all[py::2, px:end:2]
                right = vertical_all[py::2, px + 2 : end + 2 : 2]
                diagonal = colours[1 - py, 1 - px]
                target[..., diagonal] = quads[diagonal].take(left + right)


_KERNELS = (
    np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], np.float32) / 4,
    np.array([[0, 1, 0], [1, 4, 1], [0, 1, 0]], np.float32) / 4,
    np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], np.float32) / 4,
)


def _reflect_block(
    mosaic: np.ndarray, rows: range, cols: range, colours: np.ndarray
) -> np.ndarray:
    """Return the ``edges="reflect"`` values of a small block of pixels.

    The textbook form: each channel is zero off its own sites, padded by
    repeating the edge pixel, then convolved with the bilinear kernel. Only the
    one-pixel border needs it: inside, both edge rules give the same values.
    """
    height, width = mosaic.shape
    row_index = _fold(np.arange(rows.start - 1, rows.stop + 1), height, "reflect")
    col_index = _fold(np.arange(cols.start - 1, cols.stop + 1), width, "reflect")
    values = mosaic[np.ix_(row_index, col_index)].astype(np.float32)
    channel_of = colours[np.ix_(row_index % 2, col_index % 2)]
    out = np.zeros((len(rows), len(cols), 3), np.float32)
    for channel, kernel in enumerate(_KERNELS):
        masked = np.where(channel_of == channel, values, np.float32(0))
        for dy, dx in zip(*np.nonzero(kernel), strict=True):
            out[..., channel] += (
                kernel[dy, dx] * masked[dy : dy + len(rows), dx : dx + len(cols)]
            )
    return out


_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def _in_threads(
    function: Callable[[_Item], _Result], items: Iterable[_Item]
) -> Iterator[_Result]:
    """Yield ``function(item)`` in order, at most a few computed at a time."""
    items = list(items)
    if _WORKERS == 1 or len(items) < 2:
        yield from map(function, items)
        return
    with ThreadPoolExecutor(_WORKERS) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(function, item))
            # Bounded: finished strips wait for the caller, not the whole frame.
            if len(pending) > _WORKERS:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _debayer_rows(
    mosaic: np.ndarray,
    start: int,
    stop: int,
    colours: np.ndarray,
    edges: str,
    *,
    threads: bool = False,
) -> np.ndarray:
    """Return rows ``start..stop-1`` of the debayered picture as float32."""
    height, width = mosaic.shape
    out = np.empty((stop - start, width, 3), np.float32)

    def fill(first: int) -> None:
        # Cache-sized sub-strips: about twice as fast as one pass over the frame.
        last = min(first + _CACHE_ROWS, stop)
        padded = _padded_strip(mosaic, first, last)
        _interpolate(padded, colours, out[first - start : last - start])

    firsts = range(start, stop, _CACHE_ROWS)
    for _ in _in_threads(fill, firsts) if threads else map(fill, firsts):
        pass
    if edges == "reflect":
        strip = range(start, stop)
        out[:, :1] = _reflect_block(mosaic, strip, range(1), colours)
        out[:, -1:] = _reflect_block(mosaic, strip, range(width - 1, width), colours)
        if start == 0:
            out[:1] = _reflect_block(mosaic, range(1), range(width), colours)
        if stop == height:
            out[-1:] = _reflect_block(
                mosaic, range(height - 1, height), range(width), colours
            )
    return out


def _check_mosaic(mosaic: np.ndarray, edges: str) -> None:
    if edges not in _EDGES:
        msg = f"Unknown edges rule {edges!r}; use 'mirror' or 'reflect'."
        raise DevelopError(msg)
    if mosaic.ndim != 2 or min(mosaic.shape) < 2:
        msg = (
            f"A Bayer mosaic must be a 2-D array of at least 2 x 2 values, got "
            f"shape {mosaic.shape}."
        )
        raise DevelopError(msg)


def debayer(
    mosaic: np.ndarray, pattern: str = "RGGB", *, edges: str = "mirror"
) -> np.ndarray:
    """Return the full-colour picture of a Bayer mosaic, by bilinear interpolation.

    Each pixel of a Bayer sensor sees one colour. The two missing colours of a
    pixel are the mean of its nearest neighbours that saw them: the left and
    right (or upper and lower) pair, the four side neighbours for green, or the
    four diagonal neighbours (Losson, Macaire & Yang 2010, "Comparison of
    color demosaicing methods", the method ``colour-demosaicing`` calls
    bilinear).

    Parameters
    ----------
    mosaic : ndarray, shape (rows, cols)
        The raw values, any real dtype; at least 2 x 2.
    pattern : {"RGGB", "BGGR", "GRBG", "GBRG"}
        The colours of the top-left 2 x 2 cell, row by row (the phase).
    edges : {"mirror", "reflect"}
        How neighbours outside the frame are found. ``"mirror"`` (default)
        reflects about the edge pixel, which keeps the Bayer phase, so a flat
        field stays flat up to the border. ``"reflect"`` repeats the edge
        pixel, as ``scipy.ndimage.convolve`` does by default and so as
        ``colour_demosaicing.demosaicing_CFA_Bayer_bilinear``; its border
        values are not true interpolations (up to 1.5 times too bright).

    Returns
    -------
    ndarray of float32, shape (rows, cols, 3)
        Red, green and blue in the units of the input. The sampled colour of
        every pixel keeps its value.

    Raises
    ------
    DevelopError
        For an unknown pattern or edge rule, or a mosaic that is not 2-D.

    Notes
    -----
    Computed in float32 on the four phase sub-images with array slices and
    additions only, in cache-sized strips of rows shared between a few
    threads. On a 1728 x 2352 PCAM frame it is about ten times faster than
    ``colour-demosaicing``'s bilinear and equal to it within 1e-7 on a 0..1
    scale with ``edges="reflect"`` (``benchmarks/bench_products.py``).

    Examples
    --------
    >>> mosaic = np.array([[8, 4], [4, 2]])  # R G / G B
    >>> debayer(mosaic)[0, 0].tolist()
    [8.0, 4.0, 2.0]
    """
    colours = _check_pattern(pattern)
    _check_mosaic(mosaic, edges)
    return _debayer_rows(mosaic, 0, mosaic.shape[0], colours, edges, threads=True)


# --- levels, white balance, stretch, gamma ----------------------------------


def levels_of(frame: Frame) -> tuple[float, float]:
    """Return the black and white levels of a frame's stored values.

    Parameters
    ----------
    frame : Frame
        The frame. When its ``meta`` holds the label's ``Object_Statistics``
        (keys ``object_statistics.minimum`` and ``object_statistics.maximum``,
        as :func:`lunar_edu.read_product` stores them), those are used: a
        PCAM frame's 10-bit container may hold a smaller range (data.md
        s. 2.2). Otherwise the full range of the bit depth, ``0`` to
        ``2**bit_depth - 1``.

    Returns
    -------
    tuple of float
        ``(black, white)``, white above black.

    Examples
    --------
    >>> from lunar_edu.camera import LCAM
    >>> from lunar_edu.frame import Source
    >>> src = Source("simulated", "lunar_edu contributors", "CC-BY-4.0")
    >>> frame = Frame(np.zeros((2, 2), np.uint16), "gray", 10, LCAM, src)
    >>> levels_of(frame)
    (0.0, 1023.0)
    """
    low, high = (frame.meta.get(key) for key in _STATISTICS_KEYS)
    if _is_number(low) and _is_number(high) and float(high) > float(low) >= 0:
        return float(low), float(high)
    return 0.0, float(2**frame.bit_depth - 1)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and np.isfinite(value)
    )


def gray_world_gains(rgb: np.ndarray, *, neutral_tolerance: float = 0.2) -> np.ndarray:
    """Return per-channel gains that make the average colour gray.

    The gray-world assumption: the scene averages to a neutral gray, so each
    channel is scaled to the mean of green (Buchsbaum 1980). The lunar
    regolith is close to neutral, which makes it a fair assumption here, but
    a large coloured object (the lander's gold foil filling half the view)
    would pull every other colour away from it. So the first estimate is the
    median colour of the lit pixels, and the average is then taken over the
    pixels that this estimate finds nearly neutral: the robust variant of
    Huo et al. (2006, IEEE Trans. Consumer Electronics 52(2)).

    Parameters
    ----------
    rgb : ndarray, shape (..., 3)
        Linear colour values, black level already removed.
    neutral_tolerance : float, optional
        How far from gray a pixel may be, as the largest channel difference
        from its mean over that mean, to count as neutral (0.2 = 20 %).

    Returns
    -------
    ndarray of float32, shape (3,)
        Gains for red, green (always 1) and blue; 1 for a channel whose mean
        is not positive.

    Examples
    --------
    >>> gray_world_gains(np.array([[2.0, 4.0, 8.0]])).tolist()
    [2.0, 1.0, 0.5]
    """
    # One contiguous row per channel: the per-pixel sums and maxima over
    # three channels are then whole-row operations, and picking pixels is a
    # ``take`` of their indices, each several times faster than working
    # along a length-3 axis or with a boolean mask.
    planes = np.ascontiguousarray(np.asarray(rgb, np.float64).reshape(-1, 3).T)
    count = planes.shape[1]
    gains = _gains_to_green(planes.mean(axis=1))
    brightness = (planes[0] + planes[1] + planes[2]) / 3
    # Black sky and deep shadow carry no colour, only noise.
    lit = (brightness > 0.1 * brightness.max(initial=0.0)) & (planes > 0).all(axis=0)
    if lit.any():
        # Start from the most common colour, which the ground usually is.
        lit_planes = planes.take(np.flatnonzero(lit), axis=1)
        # Green's own ratio is 1 at every pixel, so only red and blue need one.
        red, blue = np.median(lit_planes[1] / lit_planes[::2], axis=1)
        gains = np.array([red, 1.0, blue])
    for _ in range(3):
        balanced = planes * gains[:, None]
        mean = (balanced[0] + balanced[1] + balanced[2]) / 3
        balanced -= mean
        np.abs(balanced, out=balanced)
        spread = np.maximum(np.maximum(balanced[0], balanced[1]), balanced[2])
        neutral = lit & (spread <= neutral_tolerance * np.where(mean > 0, mean, 1.0))
        # Too few neutral pixels to trust: keep the plain gray-world estimate.
        if neutral.sum() < max(16, 0.02 * count):
            break
        neutral_planes = planes.take(np.flatnonzero(neutral), axis=1)
        gains = _gains_to_green(neutral_planes.mean(axis=1))
    return gains.astype(np.float32)


def _gains_to_green(means: np.ndarray) -> np.ndarray:
    green = means[1]
    safe = np.where(means > 0, means, 1.0)
    return np.where((means > 0) & (green > 0), green / safe, 1.0)


def stretch_limits(
    values: np.ndarray, percentiles: tuple[float, float] = (0.5, 99.5)
) -> tuple[float, float]:
    """Return the values to show as black and white: two percentiles.

    Computed apart from :func:`apply_stretch` so that several pictures (a
    stereo pair, a time series) can share one stretch and stay comparable.

    Parameters
    ----------
    values : ndarray
        The picture, any shape (all channels pooled).
    percentiles : tuple of float
        Lower and upper percentile, ``0 <= low < high <= 100``.

    Returns
    -------
    tuple of float
        ``(low, high)``; ``high`` is above ``low`` even for a flat picture.

    Raises
    ------
    DevelopError
        If the percentiles are not two increasing numbers within 0 to 100,
        or the picture holds no finite value at all.

    Notes
    -----
    The percentiles are those of :func:`numpy.percentile` (linear
    interpolation between the two nearest values), over the finite values
    only: a NaN or infinite pixel (a dead pixel, a masked area) is left out,
    as astropy's interval classes do. Integer pictures (raw
    camera values) are counted in a histogram instead of being sorted, which
    gives the same numbers much faster.

    Examples
    --------
    >>> stretch_limits(np.arange(101.0), (10, 90))
    (10.0, 90.0)
    """
    low_pct, high_pct = _check_percentiles(percentiles)
    values = np.asarray(values)
    counts = _histogram_of_integers(values)
    if counts is None:
        finite = np.isfinite(values)
        if not finite.all():
            values = values[finite]
        if values.size == 0:
            msg = (
                "Cannot stretch a picture with no finite value (all NaN or "
                "infinite); check the frame was read and developed correctly."
            )
            raise DevelopError(msg)
        low, high = np.percentile(values, (low_pct, high_pct))
    else:
        first, counts = counts
        levels = np.arange(first, first + len(counts), dtype=np.float64)
        low, high = _percentiles_of_counts(levels, counts, (low_pct, high_pct))
    if not high > low:
        high = low + 1.0
    return float(low), float(high)


def _check_percentiles(percentiles: Any) -> tuple[float, float]:
    try:
        low_pct, high_pct = (float(p) for p in percentiles)
    except (TypeError, ValueError):
        low_pct, high_pct = -1.0, -1.0
    if not 0 <= low_pct < high_pct <= 100:
        msg = (
            f"Stretch percentiles must be two increasing numbers from 0 to 100, "
            f"got {percentiles!r}; (0.5, 99.5) is a good start."
        )
        raise DevelopError(msg)
    return low_pct, high_pct


# Integer pictures whose values span at most this many levels are counted in a
# histogram for their percentiles (16-bit raw values fit).
_HISTOGRAM_LEVELS = 2**16


def _histogram_of_integers(values: np.ndarray) -> tuple[int, np.ndarray] | None:
    """Return ``(lowest value, count of each value from it)``, or None.

    None when ``values`` is not an integer array with a small range of values.
    """
    if values.dtype.kind not in "ui" or values.size == 0:
        return None
    low, high = int(values.min()), int(values.max())
    if high - low >= _HISTOGRAM_LEVELS:
        return None
    flat = values.ravel()
    if low != 0:
        flat = flat.astype(np.int64) - low
    return low, np.bincount(flat, minlength=high - low + 1)


def _percentiles_of_counts(
    levels: np.ndarray, counts: np.ndarray, percentiles: Iterable[float]
) -> list[float]:
    """Return :func:`numpy.percentile` of the values ``levels`` seen ``counts`` times.

    The same linear interpolation between the two nearest of the sorted
    values, found from the cumulative counts instead of a sort of every value.
    """
    order = np.argsort(levels, kind="stable")
    levels, counts = levels[order], counts[order]
    seen = counts > 0
    levels = np.asarray(levels[seen], np.float64)
    cumulative = np.cumsum(counts[seen])
    last = int(cumulative[-1]) - 1
    results = []
    for percentile in percentiles:
        position = float(percentile) / 100 * last
        below = min(int(np.floor(position)), last)
        above = min(below + 1, last)
        # The value at sorted position i is in the first level whose
        # cumulative count exceeds i.
        low_value, high_value = levels[
            np.searchsorted(cumulative, (below, above), side="right")
        ]
        results.append(float(low_value + (high_value - low_value) * (position - below)))
    return results


def apply_stretch(values: np.ndarray, limits: tuple[float, float]) -> np.ndarray:
    """Map ``limits`` to 0 and 1 linearly and clip outside them.

    Parameters
    ----------
    values : ndarray
        The picture.
    limits : tuple of float
        ``(low, high)``, as from :func:`stretch_limits`.

    Returns
    -------
    ndarray of float32
        Values from 0 to 1.

    Examples
    --------
    >>> apply_stretch(np.array([0.0, 5.0, 10.0, 20.0]), (0.0, 10.0)).tolist()
    [0.0, 0.5, 1.0, 1.0]
    """
    low, high = (float(v) for v in limits)
    if not high > low:
        msg = f"Stretch limits must be (low, high) with high above low, got {limits!r}."
        raise DevelopError(msg)
    out = np.subtract(values, low, dtype=np.float32)
    out *= np.float32(1.0 / (high - low))
    return np.clip(out, 0.0, 1.0, out=out)


def apply_gamma(values: np.ndarray, gamma: float) -> np.ndarray:
    """Return ``values ** (1 / gamma)``: display gamma for values from 0 to 1.

    A gamma above 1 lifts the dark and middle tones, as a screen expects for
    linear sensor values (sRGB is close to 2.2); 1 leaves values unchanged.

    Parameters
    ----------
    values : ndarray
        Values from 0 to 1.
    gamma : float
        Display gamma, a positive number.

    Returns
    -------
    ndarray of float32
        Values from 0 to 1.

    Examples
    --------
    >>> apply_gamma(np.array([0.25, 1.0]), 2.0).tolist()
    [0.5, 1.0]
    """
    if not (isinstance(gamma, int | float) and 0 < gamma < float("inf")):
        msg = (
            "gamma must be a positive number (1 = linear, 2.2 = sRGB-like), "
            f"got {gamma!r}."
        )
        raise DevelopError(msg)
    out = np.asarray(values, np.float32)
    if gamma == 1:
        return out
    return np.power(out, np.float32(1.0 / gamma))


# --- develop -----------------------------------------------------------------


def _option(options: Mapping[str, Any], name: str, layout: str) -> Any:
    value = options.get(name)
    return _DEFAULTS[layout][name] if value is None else value


def _preview(frame: Frame, colours: np.ndarray | None) -> np.ndarray:
    """Return a small float32 (rows, cols, 3 or 1) picture for statistics."""
    pixels = frame.pixels
    if colours is not None:
        # Super-pixels: each 2 x 2 Bayer cell gives one RGB value, which has
        # the same channel means as the bilinear picture.
        cells = (pixels.shape[0] // 2) * (pixels.shape[1] // 2)
        step = max(1, int(np.sqrt(cells / _PREVIEW_PIXELS)))
        cell = 2 * step
        planes = np.zeros((3, *pixels[::cell, ::cell].shape), np.float32)
        counts = np.zeros(3, np.float32)
        for py in (0, 1):
            for px in (0, 1):
                site = pixels[py::cell, px::cell]
                channel = colours[py, px]
                planes[channel, : site.shape[0], : site.shape[1]] += site
                counts[channel] += 1
        rows = min(pixels[0::cell].shape[0], pixels[1::cell].shape[0])
        cols = min(pixels[:, 0::cell].shape[1], pixels[:, 1::cell].shape[1])
        return np.moveaxis(planes[:, :rows, :cols], 0, -1) / counts
    step = max(1, int(np.sqrt(pixels.shape[0] * pixels.shape[1] / _PREVIEW_PIXELS)))
    small = np.asarray(pixels[::step, ::step], np.float32)
    return small if small.ndim == 3 else small[..., None]


def develop(frame: Frame, **options: Any) -> Image.Image:
    """Develop a frame into a picture for the screen.

    The defaults suit each layout: a raw Bayer frame (PCAM colour) gets
    gray-world white balance and a 0.5-99.5 percentile stretch; gray and RGB
    frames (LCAM, PCAM panchromatic, TCAM 2C) are finished pictures and are
    shown linearly from their levels. The frame's
    :class:`~lunar_edu.frame.Source` is attached to the image, so
    :func:`lunar_edu.show` credits it without being told again.

    Parameters
    ----------
    frame : Frame
        Any frame.
    **options
        ``pattern`` (str, ``"RGGB"``): the Bayer phase of a mosaic frame.
        ``levels`` ((black, white), from :func:`levels_of`): values that are
        black and full scale. ``white_balance`` (bool): gray-world balance.
        ``stretch`` ((low %, high %) or False): percentile stretch after the
        levels, ``False`` for none. ``gamma`` (float, 1): display gamma.

    Returns
    -------
    PIL.Image.Image
        Mode ``"L"`` for gray frames, ``"RGB"`` for colour frames.

    Raises
    ------
    DevelopError
        For an unknown option or an option value that cannot be used.

    Notes
    -----
    Statistics (white balance gains, stretch limits) are estimated from a
    preview of about 100,000 pixels (2 x 2 Bayer cells as super-pixels), and
    the picture is developed in strips of rows (:func:`develop_strips`), so
    peak memory stays close to the size of the 8-bit result.
    """
    developed = develop_strips(frame, **options)
    # Strips go straight into the Pillow image, so no full-size array of the
    # developed picture exists besides the image itself.
    # Not cleared first (colour None): every row is pasted over.
    size = (developed.width_px, developed.height_px)
    image = Image.new(developed.mode, size, None)
    for top, strip in developed.strips:
        image.paste(Image.fromarray(strip), (0, top))
    return attach_source(image, frame.source)


@dataclass(frozen=True)
class DevelopedStrips:
    """A developed picture delivered as strips of rows, top to bottom.

    Parameters
    ----------
    width_px, height_px : int
        Size of the whole picture.
    mode : {"L", "RGB"}
        The Pillow mode the strips fill.
    strips : iterator of (int, ndarray)
        ``(top_row, rows)`` pairs; ``rows`` is uint8 with shape
        ``(n, width_px)`` for ``"L"`` or ``(n, width_px, 3)`` for ``"RGB"``.
        It can be consumed once.
    """

    width_px: int
    height_px: int
    mode: str
    strips: Iterator[tuple[int, np.ndarray]]


def develop_strips(frame: Frame, **options: Any) -> DevelopedStrips:
    """Develop a frame like :func:`develop`, but hand the rows out in strips.

    A writer that streams (a PNG encoder, a tile server) can then store a
    large picture without ever holding all of it: peak memory is one strip.

    Parameters
    ----------
    frame : Frame
        Any frame.
    **options
        The options of :func:`develop`.

    Returns
    -------
    DevelopedStrips
        The size, mode and the strips; the statistics are computed before
        this returns, the strips when they are read.

    Raises
    ------
    DevelopError
        For an unknown option or an option value that cannot be used.

    Examples
    --------
    >>> from lunar_edu.camera import LCAM
    >>> from lunar_edu.frame import Frame, Source
    >>> frame = Frame(
    ...     np.full((100, 8), 40, np.uint8), "gray", 8, LCAM, Source("simulated", "x", "CC0-1.0")
    ... )
    >>> developed = develop_strips(frame)
    >>> [(top, rows.shape) for top, rows in developed.strips]
    [(0, (64, 8)), (64, (36, 8))]
    """
    unknown = sorted(
        set(options) - {"pattern", "levels", "white_balance", "stretch", "gamma"}
    )
    if unknown:
        msg = (
            f"Unknown develop option {unknown[0]!r}; use pattern, levels, "
            "white_balance, stretch or gamma."
        )
        raise DevelopError(msg)
    layout = frame.layout
    if layout not in _DEFAULTS:
        msg = f"Cannot develop a frame of layout {layout!r}."
        raise UnsupportedLayoutError(msg)
    colours = (
        _check_pattern(options.get("pattern") or "RGGB")
        if layout == "bayer_rggb"
        else None
    )
    black, white = _levels_option(options.get("levels"), frame)
    gamma = options.get("gamma")
    gamma = 1.0 if gamma is None else gamma
    apply_gamma(np.zeros(1), gamma)  # validates before any heavy work
    balance = bool(_option(options, "white_balance", layout))
    stretch = _option(options, "stretch", layout)

    # Everything from stored value to display value is one affine map per
    # channel, (value - black) * gain * scale - offset, then clip and gamma.
    raw_preview = _preview(frame, colours)
    preview = (raw_preview - black) / (white - black)
    _forget_rows(frame.pixels, frame.pixels.shape[0])
    gains = np.ones(preview.shape[-1], np.float32)
    if balance and preview.shape[-1] == 3:
        gains = gray_world_gains(np.maximum(preview, 0))
    # A channel that hit the sensor's full scale would take its own gain and
    # tint the brightest parts (white legs turn pink). Capping every channel
    # where the least-amplified one saturates keeps clipped highlights white.
    ceiling = None
    if balance and gains.size == 3:
        ceiling = np.float32(black) + np.float32(white - black) * gains.min() / gains
    low, high = 0.0, 1.0
    if stretch is not False and stretch is not None:
        low, high = _preview_stretch(
            raw_preview, colours is not None, black, white, gains, ceiling, stretch
        )
    scale = gains / np.float32((white - black) * (high - low))
    offset = np.float32(black) * scale + np.float32(low / (high - low))

    rows, cols = frame.pixels.shape[:2]
    colour = colours is not None or frame.pixels.ndim == 3
    if colours is not None:
        _check_mosaic(frame.pixels, "mirror")

    # Folded into one multiply-add per value: the clip to 0.5..255.5 followed
    # by truncation rounds to the nearest display level.
    scale_255 = scale * np.float32(255)
    offset_255 = offset * np.float32(255) - np.float32(0.5)

    def to_display(strip: np.ndarray) -> np.ndarray:
        """Map float32 values (rows, cols, channels), in place, to uint8 levels."""
        if ceiling is not None:
            np.minimum(strip, ceiling, out=strip)
        if gamma == 1:
            strip *= scale_255
            strip -= offset_255
            np.clip(strip, 0.5, 255.5, out=strip)
        else:
            strip *= scale
            strip -= offset
            np.clip(strip, 0.0, 1.0, out=strip)
            strip = apply_gamma(strip, gamma)
            strip *= np.float32(255)
            strip += np.float32(0.5)
        return strip.astype(np.uint8)

    def float_rows(start: int, stop: int) -> np.ndarray:
        if colours is not None:
            strip = _debayer_rows(frame.pixels, start, stop, colours, "mirror")
        else:
            strip = np.asarray(frame.pixels[start:stop], np.float32)
            if strip.ndim == 2:
                strip = strip[..., None]
        return to_display(strip)

    # Stored values are integers, so the display level of every possible
    # value (or, for a mosaic, every pair and four-sum of values) is computed
    # once, by the float path itself, and the frame is then developed by
    # table lookups: the same levels, several times faster.
    max_value = 2**frame.bit_depth - 1
    if colours is not None:
        tables = _mosaic_tables(to_display, max_value)
    else:
        codes = np.iinfo(frame.pixels.dtype).max + 1
        values = np.arange(codes, dtype=np.float32)[:, None]
        channels = 3 if colour else 1
        table = to_display(np.repeat(values, channels, axis=1))
        tables = ([np.ascontiguousarray(c) for c in table.T], [], [])

    def display_rows(start: int) -> np.ndarray:
        stop = min(start + _STRIP_ROWS, rows)
        if colours is None:
            strip = frame.pixels[start:stop]
            if not colour:
                return tables[0][0].take(strip)
            display = np.empty((*strip.shape[:2], 3), np.uint8)
            for channel in range(3):
                display[..., channel] = tables[0][channel].take(strip[..., channel])
            return display
        if tables is None:
            return float_rows(start, stop)
        padded = _padded_strip(frame.pixels, start, stop, np.uint16)
        # A value above the bit depth is outside the tables (and could
        # overflow the sums): such a strip takes the float path.
        if padded.max() > max_value:
            return float_rows(start, stop)
        display = np.empty((stop - start, cols, 3), np.uint8)
        _interpolate_codes(padded, colours, tables, display)
        return display

    def strips() -> Iterator[tuple[int, np.ndarray]]:
        # A few strips at a time in threads (numpy releases the GIL); each
        # strip is small, so memory stays close to the finished picture.
        starts = range(0, rows, _STRIP_ROWS)
        for start, display in zip(
            starts, _in_threads(display_rows, starts), strict=True
        ):
            yield start, display
            # The next strip reads one row above its own.
            _forget_rows(frame.pixels, start + _STRIP_ROWS - 1)

    return DevelopedStrips(
        width_px=cols, height_px=rows, mode="RGB" if colour else "L", strips=strips()
    )


def _mosaic_tables(
    to_display: Callable[[np.ndarray], np.ndarray], max_value: int
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] | None:
    """Return, per channel, the display levels of values, pair sums and four-sums.

    A four-sum ``s`` stands for the interpolated value ``s / 4`` (exact in
    float32), so one table of quarter values serves all three: a value ``v``
    is at ``4 v``, a pair sum ``p`` at ``2 p``. None when four-sums would not
    fit 16 bits (more than 14-bit values): those frames take the float path.
    """
    if 4 * max_value > np.iinfo(np.uint16).max:
        return None
    quarters = np.arange(4 * max_value + 1, dtype=np.float32) * np.float32(0.25)
    table = to_display(np.repeat(quarters[:, None], 3, axis=1)).T
    return (
        [np.ascontiguousarray(c[::4]) for c in table],
        [np.ascontiguousarray(c[::2]) for c in table],
        [np.ascontiguousarray(c) for c in table],
    )


def _preview_stretch(
    raw_preview: np.ndarray,
    mosaic: bool,
    black: float,
    white: float,
    gains: np.ndarray,
    ceiling: np.ndarray | None,
    stretch: Any,
) -> tuple[float, float]:
    """Return the stretch limits of the balanced preview, from its histogram.

    The preview holds integers (a mosaic's greens: half-integers, the mean of
    two values), so each channel is counted in a histogram; each count is
    then given the balanced value of its level, computed as for the preview
    itself, and the percentiles are read from the pooled counts: the numbers
    :func:`stretch_limits` gives for the balanced preview, without sorting it.
    """
    percentiles = _check_percentiles(tuple(stretch))
    steps = 2 if mosaic else 1
    codes = np.rint(raw_preview * np.float32(steps)).astype(np.int64)
    top = int(codes.max(initial=0))
    levels = np.arange(top + 1, dtype=np.float32) / np.float32(steps)
    balanced = ((levels - black) / (white - black))[:, None] * gains
    if ceiling is not None:
        np.minimum(balanced, gains.min(), out=balanced)
    counts = np.stack(
        [
            np.bincount(codes[..., c].ravel(), minlength=top + 1)
            for c in range(codes.shape[-1])
        ],
        axis=1,
    )
    low, high = _percentiles_of_counts(balanced.ravel(), counts.ravel(), percentiles)
    if not high > low:
        high = low + 1.0
    return low, high


def _forget_rows(pixels: np.ndarray, rows: int) -> None:
    """Let the memory of a memory-mapped frame's first rows go.

    Pages of a file mapping stay resident once read; dropping the developed
    rows keeps the peak memory of developing a product near the size of the
    picture. Reading those rows again simply maps them in again. Arrays that
    are not whole memory-mapped files are left alone.
    """
    mapping = getattr(pixels, "base", None)
    if not (
        isinstance(pixels, np.memmap)
        # Read-only only: a copy-on-write mapping would lose its edits.
        and pixels.mode == "r"
        and isinstance(mapping, mmap.mmap)
        and pixels.flags.c_contiguous
        and hasattr(mapping, "madvise")
        and hasattr(mmap, "MADV_DONTNEED")
    ):
        return
    # np.memmap maps from the allocation boundary below its offset.
    start = pixels.offset % mmap.ALLOCATIONGRANULARITY
    end = start + rows * (pixels.nbytes // max(len(pixels), 1))
    length = min(end, len(mapping)) // mmap.PAGESIZE * mmap.PAGESIZE
    if length > 0:
        mapping.madvise(mmap.MADV_DONTNEED, 0, length)


def _levels_option(levels: Any, frame: Frame) -> tuple[float, float]:
    if levels is None:
        return levels_of(frame)
    try:
        black, white = (float(v) for v in levels)
    except (TypeError, ValueError):
        black, white = 0.0, 0.0
    if not (np.isfinite(black) and np.isfinite(white) and white > black):
        msg = f"levels must be (black, white) with white above black, got {levels!r}."
        raise DevelopError(msg)
    return black, white
