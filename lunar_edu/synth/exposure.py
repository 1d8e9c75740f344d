"""From light to stored numbers: exposure, optics blur, Bayer mosaic and noise.

Each instrument stores its pictures the way its CLEP products do: PCAM as a
raw RGGB Bayer mosaic of 10-bit values in 16-bit words (mode ``-C``) or as
10-bit gray (mode ``-Q``), TCAM as 8-bit RGB and LCAM as 8-bit gray. Noise follows a simple sensor model: photon (shot) noise
that grows with the square root of the signal, plus read noise and a small
dark offset.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..camera import INSTRUMENTS
from ..frame import Layout

__all__ = ["PANCHROMATIC", "SENSORS", "Sensor", "expose"]


@dataclass(frozen=True)
class Sensor:
    """How a camera turns light into stored values.

    Parameters
    ----------
    layout : {"bayer_rggb", "rgb", "gray"}
        How the values are stored.
    bit_depth : int
        Meaningful bits per value.
    response_rgb : tuple of float
        Relative sensitivity of the red, green and blue channels; a raw
        colour sensor is most sensitive in green, which is why an
        unbalanced raw picture looks green.
    dark_dn : float
        Dark offset in stored units.
    read_noise_dn : float
        Read noise, r.m.s. stored units.
    electrons_per_dn : float
        Gain: photons counted per stored unit; sets the shot noise.
    highlight : float
        Fraction of full scale at which the brightest sunlit soil is exposed.
    """

    layout: Layout
    bit_depth: int
    response_rgb: tuple[float, float, float]
    dark_dn: float
    read_noise_dn: float
    electrons_per_dn: float
    highlight: float


#: Sensor models per instrument (plausible values; the flight cameras'
#: calibration is not public in the project's sources).
def _sensor(
    name: str,
    response_rgb: tuple[float, float, float],
    dark_dn: float,
    read_noise_dn: float,
    electrons_per_dn: float,
    highlight: float,
) -> Sensor:
    """Return a sensor model with the instrument's layout and bit depth."""
    instrument = INSTRUMENTS[name]
    return Sensor(
        instrument.layout,
        instrument.bit_depth,
        response_rgb,
        dark_dn,
        read_noise_dn,
        electrons_per_dn,
        highlight,
    )


SENSORS = {
    "PCAM": _sensor("PCAM", (0.78, 1.0, 0.72), 12.0, 1.5, 12.0, 0.62),
    "TCAM": _sensor("TCAM", (1.0, 1.0, 1.0), 3.0, 0.8, 40.0, 0.72),
    "LCAM": _sensor("LCAM", (1.0, 1.0, 1.0), 4.0, 1.0, 40.0, 0.82),
}

#: PCAM in its panchromatic mode ``-Q``: 10-bit gray in 16-bit words, 2 x 2
#: pixels binned into one (data.md s. 2.1, 2.2), so each stored value counts
#: the light of four colour pixels and its shot noise is relatively lower.
PANCHROMATIC = Sensor(
    "gray", INSTRUMENTS["PCAM"].bit_depth, (1.0, 1.0, 1.0), 12.0, 1.5, 48.0, 0.62
)


def _blur(image: np.ndarray) -> np.ndarray:
    """Return a light [1, 2, 1] blur in both directions, like a real lens.

    The edge rows and columns are kept as they are. The sums are made in
    place, without temporary arrays, which is many times faster on a full
    frame.
    """
    quarter = np.float32(0.25)
    down = np.empty_like(image)
    np.add(image[:-2], image[2:], out=down[1:-1])
    down[1:-1] += image[1:-1]
    down[1:-1] += image[1:-1]
    down[1:-1] *= quarter
    down[0], down[-1] = image[0], image[-1]
    across = np.empty_like(image)
    np.add(down[:, :-2], down[:, 2:], out=across[:, 1:-1])
    across[:, 1:-1] += down[:, 1:-1]
    across[:, 1:-1] += down[:, 1:-1]
    across[:, 1:-1] *= quarter
    across[:, 0], across[:, -1] = down[:, 0], down[:, -1]
    return across


def expose(
    radiance_rgb: np.ndarray,
    sensor: Sensor,
    rng: np.random.Generator,
    *,
    reference_mask: np.ndarray | None = None,
) -> np.ndarray:
    """Return stored pixel values for a linear RGB radiance picture.

    Parameters
    ----------
    radiance_rgb : ndarray of float32, shape (rows, cols, 3)
        Linear radiance in relative units.
    sensor : Sensor
        The camera's sensor model.
    rng : numpy.random.Generator
        Source of noise.
    reference_mask : ndarray of bool, optional
        Pixels the automatic exposure looks at (the soil); all when not given.

    Returns
    -------
    ndarray
        uint16 (rows, cols) Bayer mosaic, uint8 (rows, cols, 3) RGB or uint8
        (rows, cols) gray, as the sensor stores them.

    Examples
    --------
    >>> light = np.full((4, 6, 3), 0.1, dtype=np.float32)
    >>> raw = expose(light, SENSORS["PCAM"], np.random.default_rng(0))
    >>> raw.dtype, raw.shape, int(raw.max()) <= 1023
    (dtype('uint16'), (4, 6), True)
    """
    full_scale = float(2**sensor.bit_depth - 1)
    luminance = radiance_rgb @ np.array([0.3, 0.59, 0.11], dtype=np.float32)
    # Auto-exposure: the brightest sunlit soil lands at a fixed fraction of
    # full scale, read from a sparse sample of the picture to stay fast.
    sample = luminance[::3, ::3]
    if reference_mask is not None and reference_mask[::3, ::3].any():
        sample = sample[reference_mask[::3, ::3]]
    bright = float(np.percentile(sample, 99.5)) if sample.size else 0.0
    scale = sensor.highlight * (full_scale - sensor.dark_dn) / max(bright, 1e-6)
    light = _blur(radiance_rgb) * np.float32(scale)
    light *= np.asarray(sensor.response_rgb, dtype=np.float32)
    if sensor.layout == "bayer_rggb":
        signal = np.empty(light.shape[:2], dtype=np.float32)
        signal[0::2, 0::2] = light[0::2, 0::2, 0]
        signal[0::2, 1::2] = light[0::2, 1::2, 1]
        signal[1::2, 0::2] = light[1::2, 0::2, 1]
        signal[1::2, 1::2] = light[1::2, 1::2, 2]
    elif sensor.layout == "gray":
        signal = light @ np.array([0.3, 0.59, 0.11], dtype=np.float32)
    else:
        signal = light
    sigma = np.sqrt(
        np.float32(sensor.read_noise_dn**2)
        + signal / np.float32(sensor.electrons_per_dn)
    )
    noisy = signal + np.float32(sensor.dark_dn)
    noisy += sigma * rng.standard_normal(signal.shape, dtype=np.float32)
    values = np.clip(np.rint(noisy), 0, full_scale)
    return values.astype(np.uint16 if sensor.bit_depth > 8 else np.uint8)
