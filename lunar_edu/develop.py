"""Turn a Frame's stored pixels into a picture for display (pure computation, no I/O)."""

from __future__ import annotations

import numpy as np
from PIL import Image

from .errors import LunarEduError
from .frame import Frame
from .provenance import attach_source

__all__ = ["UnsupportedLayoutError", "develop", "to_uint8"]


class UnsupportedLayoutError(LunarEduError, ValueError):
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


def develop(frame: Frame) -> Image.Image:
    """Return a display picture of a frame, carrying the frame's source.

    Gray and RGB frames are scaled linearly from their bit depth to 8 bits.
    The frame's :class:`~lunar_edu.frame.Source` is attached to the image, so
    :func:`lunar_edu.show` can credit it without being told again.

    Parameters
    ----------
    frame : Frame
        A gray or RGB frame.

    Returns
    -------
    PIL.Image.Image
        Mode ``"L"`` for gray frames, ``"RGB"`` for colour frames.

    Raises
    ------
    UnsupportedLayoutError
        For Bayer mosaics, which need debayering first.
    """
    if frame.layout == "bayer_rggb":
        msg = (
            "This frame is a raw Bayer mosaic; this version of lunar_edu develops "
            "only gray and RGB frames, so debayer it to RGB first."
        )
        raise UnsupportedLayoutError(msg)
    display = to_uint8(frame.pixels, frame.bit_depth)
    # uint8 (rows, cols) becomes mode "L" and (rows, cols, 3) mode "RGB".
    return attach_source(Image.fromarray(display), frame.source)
