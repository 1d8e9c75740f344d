"""Contrast: map a picture's values to the brightness a screen shows.

A raw frame's values fill only part of the range a screen can show, and the
eye sees brightness steps unevenly. These functions each do one step, so a
lesson can show them one at a time; every one takes and returns numbers and
is written out as a formula in its documentation.

- :func:`to_uint8`: the full range of a bit depth to 0-255, linearly;
- :func:`stretch_limits` and :func:`apply_stretch`: a linear stretch between
  two percentiles of the picture;
- :func:`apply_gamma`: display gamma, which lifts the mid-tones;
- :func:`asinh_stretch`: a soft stretch that keeps bright details (Lupton
  et al. 1999);
- :func:`equalize_histogram`: every brightness level used equally often.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .errors import DevelopError

__all__ = [
    "apply_gamma",
    "apply_stretch",
    "asinh_stretch",
    "equalize_histogram",
    "percentiles_of_counts",
    "stretch_limits",
    "to_uint8",
]

# Integer pictures whose values span at most this many levels are counted in a
# histogram for their percentiles (16-bit raw values fit).
_HISTOGRAM_LEVELS = 2**16


def to_uint8(values: np.ndarray, bit_depth: int) -> np.ndarray:
    r"""Scale integer values of a given bit depth linearly to 0-255.

    .. math::

        y = \operatorname{round}\left(255 \, \frac{x}{2^{b} - 1}\right)

    Parameters
    ----------
    values : ndarray of uint8 or uint16
        Stored values, at most ``2**bit_depth - 1``.
    bit_depth : int
        Number of meaningful bits per value, :math:`b`.

    Returns
    -------
    ndarray of uint8
        The same shape, rounded to the nearest display level (8-bit values
        come back unchanged, as the same array).

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
    as astropy's interval classes do. Integer pictures (raw camera values)
    are counted in a histogram instead of being sorted
    (:func:`percentiles_of_counts`), which gives the same numbers much faster.

    Examples
    --------
    >>> stretch_limits(np.arange(101.0), (10, 90))
    (10.0, 90.0)
    """
    low_pct, high_pct = check_percentiles(percentiles)
    values = np.asarray(values)
    histogram = _histogram_of_integers(values)
    if histogram is None:
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
        first, counts = histogram
        levels = np.arange(first, first + len(counts), dtype=np.float64)
        low, high = percentiles_of_counts(levels, counts, (low_pct, high_pct))
    if not high > low:
        high = low + 1.0
    return float(low), float(high)


def check_percentiles(percentiles: Any) -> tuple[float, float]:
    """Return ``(low, high)`` percentiles, or raise :class:`DevelopError`."""
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


def percentiles_of_counts(
    levels: np.ndarray, counts: np.ndarray, percentiles: Iterable[float]
) -> list[float]:
    """Return the percentiles of values given as a histogram.

    Parameters
    ----------
    levels : ndarray
        The values, in any order.
    counts : ndarray of int
        How many times each value was seen.
    percentiles : iterable of float
        From 0 to 100.

    Returns
    -------
    list of float
        What :func:`numpy.percentile` gives for the values repeated their
        counts, found from the cumulative counts instead of a sort: the same
        linear interpolation between the two nearest of the sorted values.

    Examples
    --------
    >>> percentiles_of_counts(np.array([1.0, 2.0]), np.array([3, 1]), [50, 100])
    [1.0, 2.0]
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
    r"""Map ``limits`` to 0 and 1 linearly and clip outside them.

    .. math::

        y = \min\left(1, \max\left(0,
            \frac{x - x_\mathrm{low}}{x_\mathrm{high} - x_\mathrm{low}}\right)\right)

    Parameters
    ----------
    values : ndarray
        The picture, :math:`x`.
    limits : tuple of float
        :math:`(x_\mathrm{low}, x_\mathrm{high})`, as from
        :func:`stretch_limits`.

    Returns
    -------
    ndarray of float32
        Values from 0 to 1.

    Raises
    ------
    DevelopError
        If ``high`` is not above ``low``.

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
    r"""Return display gamma of values from 0 to 1.

    .. math::

        y = x^{1/\gamma}

    A gamma above 1 lifts the dark and middle tones, as a screen expects for
    linear sensor values (sRGB is close to 2.2); 1 leaves values unchanged.

    Parameters
    ----------
    values : ndarray
        Values from 0 to 1, :math:`x`.
    gamma : float
        Display gamma :math:`\gamma`, a positive number.

    Returns
    -------
    ndarray of float32
        Values from 0 to 1.

    Raises
    ------
    DevelopError
        If ``gamma`` is not a positive number.

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


def asinh_stretch(values: np.ndarray, softening: float = 0.1) -> np.ndarray:
    r"""Return an inverse hyperbolic sine stretch of values from 0 to 1.

    .. math::

        y = \frac{\operatorname{asinh}(x / a)}{\operatorname{asinh}(1 / a)}

    Linear for values well below the softening :math:`a` and logarithmic
    above it, so faint ground in shadow becomes visible while a sunlit
    rock keeps its detail instead of turning flat white (Lupton, Gunn &
    Szalay 1999, AJ 118, 1406; astropy's ``AsinhStretch``). 0 stays 0 and
    1 stays 1; a smaller :math:`a` lifts the dark values more.

    Parameters
    ----------
    values : ndarray
        Values from 0 to 1, :math:`x`, such as :func:`apply_stretch` gives;
        values outside are clipped first.
    softening : float, optional
        :math:`a`, a positive number; 0.1 is astropy's default.

    Returns
    -------
    ndarray of float32
        Values from 0 to 1.

    Raises
    ------
    DevelopError
        If ``softening`` is not a positive number.

    Examples
    --------
    >>> print(asinh_stretch(np.array([0.0, 0.1, 1.0])).round(3))
    [0.    0.294 1.   ]
    """
    if not (isinstance(softening, int | float) and 0 < softening < float("inf")):
        msg = f"softening must be a positive number such as 0.1, got {softening!r}."
        raise DevelopError(msg)
    x = np.clip(np.asarray(values, np.float64), 0.0, 1.0)
    y = np.arcsinh(x / softening) / np.arcsinh(1.0 / softening)
    return y.astype(np.float32)


def equalize_histogram(values: np.ndarray, bins: int = 256) -> np.ndarray:
    r"""Return each value's share of the picture at or below it: flat histogram.

    .. math::

        y = F(x) = \frac{\#\{\text{pixels with value} \le x\}}{N}

    where :math:`F` is the cumulative histogram of the :math:`N` finite
    values. Every output level is then used about equally often, which
    shows the most detail where most pixels are, at the cost of true
    brightness: equal steps of :math:`y` are no longer equal steps of light.

    Parameters
    ----------
    values : ndarray
        The picture, any shape (all channels pooled).
    bins : int, optional
        Number of histogram bins for floating-point pictures, whose values
        are then counted bin by bin (the share at the top of a value's bin);
        integer
        pictures with up to 65,536 distinct levels are counted level by
        level, so their result is exact.

    Returns
    -------
    ndarray of float32
        The same shape, from 0 to 1 (the brightest value gives 1); NaN
        where the input is not finite.

    Raises
    ------
    DevelopError
        If the picture holds no finite value, or ``bins`` is below 2.

    Examples
    --------
    >>> equalize_histogram(np.array([0, 0, 10, 1000])).tolist()
    [0.5, 0.5, 0.75, 1.0]
    """
    if not (isinstance(bins, int) and bins >= 2):
        msg = f"bins must be a whole number of at least 2, got {bins!r}."
        raise DevelopError(msg)
    values = np.asarray(values)
    finite = np.isfinite(values)
    histogram = _histogram_of_integers(values)
    if histogram is not None:
        first, counts = histogram
        bin_of = values.astype(np.int64) - first  # one bin per level
    else:
        if not finite.any():
            msg = (
                "Cannot equalise a picture with no finite value (all NaN or infinite)."
            )
            raise DevelopError(msg)
        counts, edges = np.histogram(values[finite], bins)
        bin_of = np.searchsorted(edges[1:-1], np.where(finite, values, 0), "right")
    share = np.cumsum(counts) / counts.sum()  # F at the top of each bin
    equalized = share[bin_of].astype(np.float32)
    equalized[~finite] = np.nan
    return equalized
