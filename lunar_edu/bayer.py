"""Bayer mosaics: how a one-sensor colour camera sees, and how colour is rebuilt.

A colour camera such as Chang'e 4's PCAM has a single sensor with a filter
over each pixel: red, green or blue, in a 2 x 2 cell repeated over the whole
sensor, two greens on one diagonal (Bayer 1976). Every pixel measures one
colour; the raw frame is a *mosaic*.

- :func:`bayer_masks` says which colour each pixel measured;
- :func:`mosaic` samples a full-colour picture the way the sensor does;
- :func:`debayer` rebuilds the two missing colours of every pixel by bilinear
  interpolation, the mean of the nearest pixels that measured them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .errors import DevelopError

__all__ = [
    "BAYER_PATTERNS",
    "BILINEAR_KERNELS",
    "bayer_masks",
    "debayer",
    "mosaic",
    "neighbour_sums",
]

#: The four Bayer phases, named by the colours of the top-left 2 x 2 cell read
#: row by row. Chang'e 4 PCAM colour frames are read as RGGB by all community
#: code (data.md s. 2.2; no official statement is known).
BAYER_PATTERNS = ("RGGB", "BGGR", "GRBG", "GBRG")

_GREEN = 1
_CHANNEL = {"R": 0, "G": _GREEN, "B": 2}
_EDGES = ("mirror", "reflect")


def pattern_cell(pattern: str) -> np.ndarray:
    """Return the 2 x 2 channel numbers (0 red, 1 green, 2 blue) of a pattern.

    Raises :class:`DevelopError` for a pattern not in :data:`BAYER_PATTERNS`.

    Examples
    --------
    >>> pattern_cell("RGGB").tolist()
    [[0, 1], [1, 2]]
    """
    upper = str(pattern).upper()
    if upper not in BAYER_PATTERNS:
        msg = (
            f"Unknown Bayer pattern {pattern!r}; use one of "
            f"{', '.join(BAYER_PATTERNS)} (Chang'e 4 PCAM frames are RGGB)."
        )
        raise DevelopError(msg)
    return np.array([_CHANNEL[c] for c in upper]).reshape(2, 2)


def bayer_masks(shape: tuple[int, int], pattern: str = "RGGB") -> np.ndarray:
    """Return where a Bayer sensor measured red, green and blue.

    Parameters
    ----------
    shape : tuple of int
        ``(rows, cols)`` of the sensor.
    pattern : {"RGGB", "BGGR", "GRBG", "GBRG"}
        The colours of the top-left 2 x 2 cell, row by row.

    Returns
    -------
    ndarray of bool, shape (rows, cols, 3)
        ``masks[..., c]`` is True where channel ``c`` (0 red, 1 green,
        2 blue) was measured; exactly one channel per pixel. A quarter of
        the pixels are red, a quarter blue and half green.

    Raises
    ------
    DevelopError
        For an unknown pattern.

    Examples
    --------
    >>> bayer_masks((2, 2), "RGGB")[..., 0].tolist()  # where red was measured
    [[True, False], [False, False]]
    """
    cell = pattern_cell(pattern)
    rows, cols = np.indices(tuple(shape))
    measured = cell[rows % 2, cols % 2]
    return measured[..., None] == np.arange(3)


def mosaic(rgb: np.ndarray, pattern: str = "RGGB") -> np.ndarray:
    """Return what a Bayer sensor records of a full-colour picture.

    Each pixel keeps only the colour its filter lets through:
    ``mosaic[y, x] = rgb[y, x, c]`` where ``c`` is the channel of
    :func:`bayer_masks` at that pixel.

    Parameters
    ----------
    rgb : ndarray, shape (rows, cols, 3)
        A full-colour picture, any dtype.
    pattern : {"RGGB", "BGGR", "GRBG", "GBRG"}
        The colours of the top-left 2 x 2 cell, row by row.

    Returns
    -------
    ndarray, shape (rows, cols)
        The raw mosaic, in the dtype of ``rgb``.

    Raises
    ------
    DevelopError
        For an unknown pattern or a picture that is not (rows, cols, 3).

    Examples
    --------
    >>> rgb = np.stack([np.full((2, 2), v) for v in (10, 20, 30)], axis=-1)
    >>> mosaic(rgb, "RGGB").tolist()
    [[10, 20], [20, 30]]
    """
    rgb = np.asarray(rgb)
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        msg = f"mosaic needs a (rows, cols, 3) colour picture, got shape {rgb.shape}."
        raise DevelopError(msg)
    cell = pattern_cell(pattern)
    raw = np.empty(rgb.shape[:2], rgb.dtype)
    for py in (0, 1):
        for px in (0, 1):
            raw[py::2, px::2] = rgb[py::2, px::2, cell[py, px]]
    return raw


# --- bilinear debayer ---------------------------------------------------------

#: The bilinear kernels :math:`K_R, K_G, K_B` of :func:`debayer`: convolved
#: with a channel that is zero where it was not measured, they give the mean
#: of the nearest neighbours that measured it.
BILINEAR_KERNELS = (
    np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 4,
    np.array([[0, 1, 0], [1, 4, 1], [0, 1, 0]]) / 4,
    np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 4,
)


def neighbour_sums(
    padded: np.ndarray, cell: np.ndarray
) -> Iterator[tuple[tuple[slice, slice], int, np.ndarray, int]]:
    r"""Yield the sums of neighbours that bilinear interpolation averages.

    The maths of :func:`debayer`, on the four kinds of pixel of a Bayer cell.
    With :math:`I` the mosaic, three sums of neighbours are all it takes:

    .. math::

        h = I_{y,x-1} + I_{y,x+1}, \quad
        v = I_{y-1,x} + I_{y+1,x}, \quad
        d = I_{y-1,x-1} + I_{y-1,x+1} + I_{y+1,x-1} + I_{y+1,x+1}.

    A green pixel takes its row neighbours' colour as :math:`h/2` and its
    column neighbours' colour as :math:`v/2`; a red (blue) pixel takes green
    as :math:`(h + v)/4` and blue (red) from its diagonal neighbours as
    :math:`d/4`. Every pixel keeps the colour it measured (a "sum" of 1).

    Parameters
    ----------
    padded : ndarray, shape (rows + 2, cols + 2)
        The mosaic with one extra pixel on every side; ``padded[1, 1]`` is
        the first pixel of the output and has the colour ``cell[0, 0]``.
    cell : ndarray of int, shape (2, 2)
        Channel numbers (0 red, 1 green, 2 blue) of the Bayer cell.

    Yields
    ------
    tuple
        ``(pixels, channel, sums, count)``: ``out[pixels][..., channel]`` is
        ``sums / count`` for the bilinear picture ``out`` (rows, cols, 3);
        ``pixels`` is a pair of slices (every other row and column).
    """
    rows, cols = padded.shape[0] - 2, padded.shape[1] - 2
    own = padded[1:-1, 1:-1]
    h = padded[1:-1, :-2] + padded[1:-1, 2:]
    # Upper plus lower neighbour for every padded column: v is its middle,
    # and the diagonal sum d is v one column left plus v one column right
    # (added only where it is needed, at red and blue pixels).
    v_wide = padded[:-2] + padded[2:]
    v, v_left, v_right = v_wide[:, 1:-1], v_wide[:, :-2], v_wide[:, 2:]
    for py in range(min(2, rows)):
        for px in range(min(2, cols)):
            here = (slice(py, None, 2), slice(px, None, 2))
            measured = cell[py, px]
            yield here, measured, own[here], 1
            if measured == _GREEN:
                yield here, cell[py, 1 - px], h[here], 2  # the row's colour
                yield here, cell[1 - py, px], v[here], 2  # the column's colour
            else:
                yield here, _GREEN, h[here] + v[here], 4
                yield here, cell[1 - py, 1 - px], v_left[here] + v_right[here], 4


def debayer(
    mosaic: np.ndarray, pattern: str = "RGGB", *, edges: str = "mirror"
) -> np.ndarray:
    r"""Return the full-colour picture of a Bayer mosaic, by bilinear interpolation.

    Each pixel of a Bayer sensor measured one colour. Its two missing
    colours are the mean of its nearest neighbours that measured them: the
    left and right pair, the upper and lower pair, the four side neighbours
    (green at a red or blue pixel) or the four diagonal ones (blue at a red
    pixel, red at a blue one). As a formula, for each channel :math:`c` with
    mask :math:`M_c` (:func:`bayer_masks`), the convolution

    .. math::

        \hat I_c = K_c * (M_c I), \qquad
        K_R = K_B = \frac{1}{4}\begin{pmatrix}1&2&1\\2&4&2\\1&2&1\end{pmatrix},
        \qquad
        K_G = \frac{1}{4}\begin{pmatrix}0&1&0\\1&4&1\\0&1&0\end{pmatrix}

    (Losson, Macaire & Yang 2010, "Comparison of color demosaicing methods",
    the method ``colour-demosaicing`` calls bilinear). It is computed as
    :func:`neighbour_sums` writes it out, without the zeros of
    :math:`M_c I`.

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
        Red, green and blue in the units of the input. The measured colour of
        every pixel keeps its value.

    Raises
    ------
    DevelopError
        For an unknown pattern or edge rule, or a mosaic that is not 2-D.

    Notes
    -----
    For speed (at least ten times ``colour-demosaicing``'s bilinear on a
    1728 x 2352 PCAM frame, ``benchmarks/bench_products.py``) the frame is
    done in strips of 64 rows, whose sums stay in the processor's cache,
    shared between two threads. Each strip writes its own rows, so the
    result does not depend on the order.

    Examples
    --------
    >>> raw = np.array([[8, 4], [4, 2]])  # R G / G B
    >>> debayer(raw)[0, 0].tolist()
    [8.0, 4.0, 2.0]
    """
    cell = pattern_cell(pattern)
    check_mosaic(mosaic)
    if edges not in _EDGES:
        msg = f"Unknown edges rule {edges!r}; use 'mirror' or 'reflect'."
        raise DevelopError(msg)
    rows, cols = mosaic.shape
    rgb = np.empty((rows, cols, 3), np.float32)

    def fill(top: int) -> None:
        bottom = min(top + STRIP_ROWS, rows)
        padded = padded_rows(mosaic, top, bottom, np.float32)
        strip = rgb[top:bottom]
        for pixels, channel, sums, count in neighbour_sums(padded, cell):
            colour = strip[pixels][..., channel]
            if count == 1:
                colour[...] = sums  # the colour the pixel measured, as it is
            else:  # the mean: times 1/2 or 1/4, exact in float32
                np.multiply(sums, np.float32(1 / count), out=colour)

    in_strips(fill, range(0, rows, STRIP_ROWS))
    if edges == "reflect":
        _repeat_edges_on_border(mosaic, cell, rgb)
    return rgb


def check_mosaic(mosaic: np.ndarray) -> None:
    """Raise :class:`DevelopError` unless ``mosaic`` is a 2-D array of 2 x 2 or more."""
    if mosaic.ndim != 2 or min(mosaic.shape) < 2:
        msg = (
            f"A Bayer mosaic must be a 2-D array of at least 2 x 2 values, got "
            f"shape {mosaic.shape}."
        )
        raise DevelopError(msg)


# --- edges, strips and threads: for the border rule and for speed -------------

#: Rows done at a time: the sums of a 64-row strip of a PCAM frame fit in
#: the processor's cache, about twice as fast as whole-frame sums.
STRIP_ROWS = 64
# numpy releases the GIL in its loops, so strips can be done in threads.
_WORKERS = max(1, min(2, os.cpu_count() or 1))


def in_strips(fill: Callable[[int], None], tops: Iterable[int]) -> None:
    """Call ``fill(top)`` for every strip, in a couple of threads."""
    tops = list(tops)
    if _WORKERS == 1 or len(tops) < 2:
        for top in tops:
            fill(top)
        return
    with ThreadPoolExecutor(_WORKERS) as pool:
        for _ in pool.map(fill, tops):
            pass  # map re-raises a strip's error here


def padded_rows(
    mosaic: np.ndarray, top: int, bottom: int, dtype: type = np.float32
) -> np.ndarray:
    """Return rows ``top - 1`` to ``bottom`` of the mosaic, padded by mirroring.

    A neighbour outside the frame is mirrored about the edge pixel (row -1
    is row 1), which keeps the Bayer phase: a red pixel's mirror is red.
    """
    rows = mosaic.shape[0]
    body = mosaic[max(top - 1, 0) : bottom + 1]
    pad_rows = (int(top == 0), int(bottom == rows))
    return np.pad(body.astype(dtype, copy=False), (pad_rows, (1, 1)), "reflect")


def _repeat_edges_on_border(
    mosaic: np.ndarray, cell: np.ndarray, rgb: np.ndarray
) -> None:
    """Redo the one-pixel border of ``rgb`` with the edge pixel repeated.

    The textbook form, as scipy computes it: each channel is zero where it
    was not measured, padded by repeating the edge pixel (numpy's
    "symmetric"), then convolved with its kernel. Inside the frame both edge
    rules agree, so only the border is redone.
    """
    rows, cols = mosaic.shape

    def textbook(row_index: np.ndarray, col_index: np.ndarray) -> np.ndarray:
        values = mosaic[np.ix_(row_index, col_index)].astype(np.float64)
        measured = cell[np.ix_(row_index % 2, col_index % 2)]
        height, width = values.shape
        out = np.zeros((height, width, 3))
        for channel, kernel in enumerate(BILINEAR_KERNELS):
            masked = np.where(measured == channel, values, 0.0)
            padded = np.pad(masked, 1, "symmetric")
            for dy, dx in zip(*np.nonzero(kernel), strict=True):
                out[..., channel] += (
                    kernel[dy, dx] * padded[dy : dy + height, dx : dx + width]
                )
        return out

    # Each border line needs only itself and the line next to it.
    all_rows, all_cols = np.arange(rows), np.arange(cols)
    rgb[0] = textbook(all_rows[:2], all_cols)[0]
    rgb[-1] = textbook(all_rows[-2:], all_cols)[-1]
    rgb[:, 0] = textbook(all_rows, all_cols[:2])[:, 0]
    rgb[:, -1] = textbook(all_rows, all_cols[-2:])[:, -1]
