"""Turn a Frame's stored values into a picture for the screen (no I/O).

The steps, each a function a lesson can call on its own:

1. :func:`lunar_edu.bayer.debayer` fills in the two missing colours of every
   pixel of a Bayer mosaic, by bilinear interpolation;
2. :func:`levels_of` picks the black and white levels: the label statistics
   when the frame has them, else the full range of its bit depth;
3. :func:`gray_world_gains` balances the colours so that the average is gray;
4. :func:`lunar_edu.contrast.stretch_limits` finds the values to show as
   black and white from percentiles, and
   :func:`lunar_edu.contrast.apply_stretch` applies them;
5. :func:`lunar_edu.contrast.apply_gamma` lifts the mid-tones for a display.

:func:`develop` chains them for any frame and returns a Pillow image that
carries the frame's source (real or simulated, credit and licence).

How :func:`develop` is fast: stored values are whole numbers (0 to 1023 for
PCAM), and each bilinear colour is the mean of one, two or four of them, so
four times it is a whole number too. Steps 2 to 5 are worked out once for
every possible such number, a table of a few thousand entries, and the
picture is then made by looking each pixel's colours up in it.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeGuard

import numpy as np
from PIL import Image

from .bayer import (
    BAYER_PATTERNS,
    check_mosaic,
    debayer,
    neighbour_sums,
    padded_rows,
    pattern_cell,
)
from .contrast import (
    apply_gamma,
    apply_stretch,
    check_percentiles,
    percentiles_of_counts,
    stretch_limits,
    to_uint8,
)
from .errors import DevelopError
from .frame import Frame
from .provenance import attach_source

# BAYER_PATTERNS, debayer, apply_gamma, apply_stretch, stretch_limits and
# to_uint8 moved to lunar_edu.bayer and lunar_edu.contrast; they stay
# importable from here for lessons and notebooks written before the move.
__all__ = [
    "BAYER_PATTERNS",
    "DevelopError",
    "UnsupportedLayoutError",
    "apply_gamma",
    "apply_stretch",
    "debayer",
    "develop",
    "gray_world_gains",
    "levels_of",
    "stretch_limits",
    "to_uint8",
]

# Statistics (white balance, stretch) are estimated from a preview of about
# this many pixels: plenty for channel means and percentiles, and cheap.
_PREVIEW_PIXELS = 100_000
# Where a real product's label statistics land in ``Frame.meta``.
_STATISTICS_KEYS = ("object_statistics.minimum", "object_statistics.maximum")
# Default options per layout. Raw Bayer frames are dark and tinted, so they get
# white balance and a stretch; gray and RGB frames are already finished
# pictures and are shown linearly, as stored.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "bayer_rggb": {"white_balance": True, "stretch": (0.5, 99.5)},
    "rgb": {"white_balance": False, "stretch": None},
    "gray": {"white_balance": False, "stretch": None},
}
# Rows developed at a time: small enough for the sums of a strip to stay in
# the processor's cache, and for its scratch memory to be small beside the
# picture (``lunar-edu product convert`` has a memory budget).
_STRIP_ROWS = 64
_OPTIONS = ("pattern", "levels", "white_balance", "stretch", "gamma")


class UnsupportedLayoutError(DevelopError):
    """A frame's pixel layout cannot be developed by this version of lunar_edu."""


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


def _is_number(value: Any) -> TypeGuard[float]:
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
    # Temporaries are dropped as soon as they are used: on a PCAM preview
    # each is a few megabytes, and they set develop's peak memory.
    planes = np.array(np.reshape(rgb, (-1, 3)).T, np.float64, order="C")
    count = planes.shape[1]
    gains = _gains_to_green(planes.mean(axis=1))
    brightness = (planes[0] + planes[1] + planes[2]) / 3
    # Black sky and deep shadow carry no colour, only noise.
    lit = (brightness > 0.1 * brightness.max(initial=0.0)) & (planes > 0).all(axis=0)
    del brightness
    if lit.any():
        # Start from the most common colour, which the ground usually is.
        lit_pixels = np.flatnonzero(lit)
        # Green's own ratio is 1 at every pixel, so only red and blue need one.
        ratios = planes[1].take(lit_pixels) / planes[::2].take(lit_pixels, axis=1)
        red, blue = (_median(row) for row in ratios)
        del ratios, lit_pixels
        gains = np.array([red, 1.0, blue])
    for _ in range(3):
        balanced = planes * gains[:, None]
        mean = (balanced[0] + balanced[1] + balanced[2]) / 3
        balanced -= mean
        np.abs(balanced, out=balanced)
        spread = np.maximum(np.maximum(balanced[0], balanced[1]), balanced[2])
        del balanced
        neutral = lit & (spread <= neutral_tolerance * np.where(mean > 0, mean, 1.0))
        del spread, mean
        # Too few neutral pixels to trust: keep the plain gray-world estimate.
        if neutral.sum() < max(16, 0.02 * count):
            break
        gains = _gains_to_green(
            planes.take(np.flatnonzero(neutral), axis=1).mean(axis=1)
        )
    return gains.astype(np.float32)


def _median(values: np.ndarray) -> float:
    """Return the median of a 1-D array, the value ``np.median`` gives.

    One partition around the upper middle value; the lower one, for an even
    count, is then the largest value below it. ``np.median`` partitions
    around both, which takes about half as long again (2.6 ms against 1.8 ms
    on a PCAM preview's 113,000 ratios).
    """
    half = values.size // 2
    parted = np.partition(values, half)
    if values.size % 2:
        return float(parted[half])
    return float((parted[:half].max() + parted[half]) / 2)


def _gains_to_green(means: np.ndarray) -> np.ndarray:
    green = means[1]
    safe = np.where(means > 0, means, 1.0)
    return np.where((means > 0) & (green > 0), green / safe, 1.0)


def develop(frame: Frame, **options: Any) -> Image.Image:
    r"""Develop a frame into a picture for the screen.

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
    preview of about 100,000 pixels (2 x 2 Bayer cells as super-pixels).
    Each pixel's colour is then, with :math:`x` its bilinear value,

    .. math::

        y = \operatorname{round}\left(255 \,
            \mathrm{gamma}\left(\mathrm{stretch}\left(
            g_c \, \frac{\min(x, x_\max) - b}{w - b}\right)\right)\right)

    with black and white levels :math:`b, w`, gain :math:`g_c` and a cap
    :math:`x_\max` that keeps clipped highlights white; computed once per
    possible value and looked up, two strips of rows at a time.
    """
    pixels = frame.pixels
    cell, look = _look_of(frame, options)
    rows, cols = pixels.shape[:2]
    if cell is None:
        channels = pixels.shape[2] if pixels.ndim == 3 else 1
        make_strip = _stored_value_strips(pixels, channels, look)
    else:
        channels = 3
        make_strip = _mosaic_strips(pixels, cell, look)
    # Not cleared first (colour None): every row is pasted over.
    image = Image.new("L" if channels == 1 else "RGB", (cols, rows), None)
    image.load()  # Pillow's pixel storage, made once before two threads paste

    def develop_rows(tops: range) -> None:
        for top in tops:
            strip = make_strip(top)
            if strip.shape[2] == 1:
                strip = strip[..., 0]  # a gray picture is 2-D for Pillow
            image.paste(Image.fromarray(strip), (0, top))
            # The next strip reads one row above its own.
            _release_rows(pixels, tops.start, top + _STRIP_ROWS - 1)

    # The top half here and the bottom half in a helper thread, each strip
    # by strip, each pasting its own strips (numpy and Pillow release the GIL
    # in their loops): memory holds the picture and two strips besides the
    # frame, and neither thread waits for the other until the end.
    strips = -(-rows // _STRIP_ROWS)
    middle = min(rows, -(-strips // 2) * _STRIP_ROWS)
    with ThreadPoolExecutor(1) as helper:
        bottom = helper.submit(develop_rows, range(middle, rows, _STRIP_ROWS))
        develop_rows(range(0, middle, _STRIP_ROWS))
        bottom.result()
    return attach_source(image, frame.source)


@dataclass(frozen=True)
class _Look:
    """What develop does to a linear value: levels, balance, stretch, gamma."""

    black: float
    white: float
    gains: np.ndarray
    ceiling: np.ndarray | None  # per channel, or None without white balance
    limits: tuple[float, float]
    gamma: float

    def display_levels(self, values: np.ndarray) -> np.ndarray:
        """Return the 8-bit levels of linear values (..., channels): steps 2 to 5."""
        if self.ceiling is not None:
            values = np.minimum(values, self.ceiling)
        scale = np.float32(self.white - self.black)
        balanced = (values - np.float32(self.black)) / scale * self.gains
        shown = apply_gamma(apply_stretch(balanced, self.limits), self.gamma)
        return np.rint(shown * np.float32(255)).astype(np.uint8)


def _look_of(
    frame: Frame, options: Mapping[str, Any]
) -> tuple[np.ndarray | None, _Look]:
    """Check the options; return the Bayer cell (None if not a mosaic) and the look."""
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        msg = f"Unknown develop option {unknown[0]!r}; use {', '.join(_OPTIONS)}."
        raise DevelopError(msg)
    layout = frame.layout
    if layout not in _DEFAULTS:
        msg = f"Cannot develop a frame of layout {layout!r}."
        raise UnsupportedLayoutError(msg)
    cell = None
    if layout == "bayer_rggb":
        cell = pattern_cell(options.get("pattern") or "RGGB")
        check_mosaic(frame.pixels)
    black, white = _levels_option(options.get("levels"), frame)
    gamma = 1.0 if options.get("gamma") is None else options["gamma"]
    apply_gamma(np.ones(1), gamma)  # checks gamma before any heavy work
    balance = bool(_option(options, "white_balance", layout))
    stretch = _option(options, "stretch", layout)

    preview = _preview(frame.pixels, cell)
    gains = np.ones(preview.shape[-1], np.float32)
    ceiling = None
    if balance and preview.shape[-1] == 3:
        gains = gray_world_gains(np.maximum((preview - black) / (white - black), 0))
        # A channel that hit the sensor's full scale would take its own gain
        # and tint the brightest parts (white legs turn pink). Capping every
        # channel where the least-amplified one saturates keeps them white.
        ceiling = np.float32(black) + np.float32(white - black) * gains.min() / gains
    limits = (0.0, 1.0)
    if stretch is not False and stretch is not None:
        percentiles = check_percentiles(stretch)
        # In balanced units the highlight cap is the smallest gain.
        cap = None if ceiling is None else float(gains.min())
        values, counts = _balanced_histogram(
            preview, cell is not None, (black, white), gains, cap
        )
        low, high = percentiles_of_counts(values, counts, percentiles)
        limits = (low, high if high > low else low + 1.0)
    return cell, _Look(black, white, gains, ceiling, limits, gamma)


def _stored_value_strips(
    pixels: np.ndarray, channels: int, look: _Look
) -> Callable[[int], np.ndarray]:
    """Return ``strip(top)``, the display levels of a gray or RGB frame's rows.

    The display level of every possible stored value is worked out once; a
    strip is then one table lookup per value.
    """
    values = np.arange(int(pixels.max(initial=0)) + 1, dtype=np.float32)
    table = look.display_levels(np.repeat(values[:, None], channels, axis=1))
    tables = np.ascontiguousarray(table.T)  # one row per channel
    cols = pixels.shape[1]

    def strip(top: int) -> np.ndarray:
        stored = pixels[top : top + _STRIP_ROWS].reshape(-1, cols, channels)
        display = np.empty(stored.shape, np.uint8)
        for channel in range(channels):
            display[..., channel] = tables[channel].take(stored[..., channel])
        return display

    return strip


def _mosaic_strips(
    pixels: np.ndarray, cell: np.ndarray, look: _Look
) -> Callable[[int], np.ndarray]:
    """Return ``strip(top)``, the display levels of a mosaic's debayered rows.

    A bilinear colour is a sum of 1, 2 or 4 stored values over their number
    (:func:`~lunar_edu.bayer.neighbour_sums`): a whole number of quarters.
    The display level of every quarter is worked out once, and so of every
    sum of one, two or four values; a strip is then the sums and one table
    lookup per colour.
    """
    rows, cols = pixels.shape
    top_value = int(pixels.max(initial=0))
    quarters = np.arange(4 * top_value + 1, dtype=np.float32) / np.float32(4)
    table = look.display_levels(np.repeat(quarters[:, None], 3, axis=1)).T
    # tables[count][channel][s]: the display level of a sum s of count values.
    tables = {
        count: np.ascontiguousarray(table[:, :: 4 // count]) for count in (1, 2, 4)
    }
    # Sums of four values must fit the sums' dtype.
    sum_type = np.uint16 if 4 * top_value < 2**16 else np.uint32

    def strip(top: int) -> np.ndarray:
        bottom = min(top + _STRIP_ROWS, rows)
        padded = padded_rows(pixels, top, bottom, sum_type)
        display = np.empty((bottom - top, cols, 3), np.uint8)
        for here, channel, sums, count in neighbour_sums(padded, cell):
            display[here][..., channel] = tables[count][channel].take(sums)
        return display

    return strip


def _release_rows(pixels: np.ndarray, first_row: int, end_row: int) -> None:
    """Let the memory of rows ``first_row`` to ``end_row - 1`` of a mapped frame go.

    Pages of a mapped file stay in memory once read, so developing a product
    would end up holding its whole data file besides the picture; dropping
    the rows already developed keeps ``lunar-edu product convert`` within
    its memory budget (``benchmarks/bench_products.py``). Reading the rows
    again maps them in again. Other arrays are left alone.
    """
    mapping = getattr(pixels, "base", None)
    if not (
        isinstance(pixels, np.memmap)
        and pixels.mode == "r"  # a copy-on-write mapping would lose its edits
        and isinstance(mapping, mmap.mmap)
        and pixels.flags.c_contiguous
        and hasattr(mmap, "MADV_DONTNEED")
    ):
        return
    # np.memmap maps from the allocation boundary below its offset. Only
    # whole pages inside the rows go: a page shared with a row kept stays.
    start = pixels.offset % mmap.ALLOCATIONGRANULARITY
    row_bytes = pixels.nbytes // max(len(pixels), 1)
    page = mmap.PAGESIZE
    begin = -(-(start + first_row * row_bytes) // page) * page
    end = min(start + end_row * row_bytes, len(mapping)) // page * page
    if end > begin:
        mapping.madvise(mmap.MADV_DONTNEED, begin, end - begin)


def _option(options: Mapping[str, Any], name: str, layout: str) -> Any:
    value = options.get(name)
    return _DEFAULTS[layout][name] if value is None else value


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


def _preview(pixels: np.ndarray, cell: np.ndarray | None) -> np.ndarray:
    """Return a small float32 (rows, cols, channels) picture for statistics."""
    if cell is not None:
        # Super-pixels: each 2 x 2 Bayer cell gives one RGB value, which has
        # the same channel means as the bilinear picture.
        cells = (pixels.shape[0] // 2) * (pixels.shape[1] // 2)
        step = 2 * max(1, int(np.sqrt(cells / _PREVIEW_PIXELS)))
        planes = np.zeros((3, *pixels[::step, ::step].shape), np.float32)
        counts = np.zeros(3, np.float32)
        for py in (0, 1):
            for px in (0, 1):
                site = pixels[py::step, px::step]
                channel = cell[py, px]
                planes[channel, : site.shape[0], : site.shape[1]] += site
                counts[channel] += 1
        rows = min(pixels[0::step].shape[0], pixels[1::step].shape[0])
        cols = min(pixels[:, 0::step].shape[1], pixels[:, 1::step].shape[1])
        return np.moveaxis(planes[:, :rows, :cols], 0, -1) / counts
    step = max(1, int(np.sqrt(pixels.shape[0] * pixels.shape[1] / _PREVIEW_PIXELS)))
    small = np.asarray(pixels[::step, ::step], np.float32)
    return small if small.ndim == 3 else small[..., None]


def _balanced_histogram(
    preview: np.ndarray,
    mosaic: bool,
    levels: tuple[float, float],
    gains: np.ndarray,
    cap: float | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the balanced preview as a histogram: (values, counts).

    The preview holds whole numbers (a mosaic's greens: halves, the mean of
    two values), so each channel is counted in a histogram and each count
    given the balanced value of its level: percentiles of the counts are
    then those of the balanced preview, without sorting it.
    """
    black, white = levels
    steps = 2 if mosaic else 1
    codes = np.rint(preview * np.float32(steps)).astype(np.int64)
    top = int(codes.max(initial=0))
    values = np.arange(top + 1, dtype=np.float32) / np.float32(steps)
    balanced = ((values - black) / (white - black))[:, None] * gains
    if cap is not None:
        np.minimum(balanced, cap, out=balanced)
    counts = [
        np.bincount(c.ravel(), minlength=top + 1) for c in np.moveaxis(codes, -1, 0)
    ]
    return balanced.ravel(), np.stack(counts, axis=1).ravel()
