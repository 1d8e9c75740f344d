"""Seeded random fields: fractal relief with a power-law spectrum."""

from __future__ import annotations

import numpy as np

__all__ = ["fractal_field"]


def fractal_field(
    rng: np.random.Generator,
    size: int,
    *,
    slope: float = 2.0,
    longest_cells: float | None = None,
) -> np.ndarray:
    """Return a zero-mean, unit-r.m.s. square field with a power-law spectrum.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness; the same state gives the same field.
    size : int
        Number of cells along each side.
    slope : float
        Amplitude falls as ``frequency**-slope``; 2 gives gently rolling
        ground (a power spectrum falling as ``f**-4``), typical of regolith.
    longest_cells : float, optional
        Remove wavelengths longer than this many cells, so a fine field adds
        only detail on top of a coarser one.

    Returns
    -------
    ndarray of float32, shape (size, size)
        The field; it wraps around at its edges.

    Examples
    --------
    >>> field = fractal_field(np.random.default_rng(0), 64)
    >>> field.shape, round(float(field.std()), 3)
    ((64, 64), 1.0)
    """
    white = rng.standard_normal((size, size), dtype=np.float32)
    fy = np.fft.fftfreq(size).astype(np.float32)[:, None]
    fx = np.fft.rfftfreq(size).astype(np.float32)[None, :]
    frequency = np.hypot(fx, fy)
    frequency[0, 0] = 1.0
    gain = frequency**-slope
    gain[0, 0] = 0.0
    if longest_cells is not None:
        # A smooth high-pass keeps the boundary between scales invisible.
        cut = 1.0 / longest_cells
        gain *= 1.0 - np.exp(-((frequency / cut) ** 4))
    field = np.fft.irfft2(np.fft.rfft2(white) * gain, s=(size, size))
    field = field.astype(np.float32)
    return field / max(float(field.std()), 1e-12)
