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
    out_size: int | None = None,
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
    out_size : int, optional
        Return the same field on a coarser grid of this many cells (its
        finest wavelengths dropped), so small pictures show the same ground
        as large ones; ``size`` when not given.

    Returns
    -------
    ndarray of float32, shape (size, size)
        The field; it wraps around at its edges.

    Examples
    --------
    >>> field = fractal_field(np.random.default_rng(0), 64)
    >>> field.shape, round(float(field.std()), 3)
    ((64, 64), 1.0)
    >>> small = fractal_field(np.random.default_rng(0), 64, out_size=32)
    >>> bool(np.corrcoef(small.ravel(), field[::2, ::2].ravel())[0, 1] > 0.9)
    True
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
    spectrum = np.fft.rfft2(white) * gain
    field = np.fft.irfft2(spectrum, s=(size, size))
    scale = 1.0 / max(float(field.std()), 1e-12)
    if out_size is not None and out_size < size:
        half = out_size // 2
        cropped = np.concatenate(
            [spectrum[:half, : half + 1], spectrum[-half:, : half + 1]]
        )
        field = np.fft.irfft2(cropped, s=(out_size, out_size))
        scale *= (out_size / size) ** 2
    return (field * scale).astype(np.float32)
