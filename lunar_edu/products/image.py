"""Read an ordinary picture file (PNG, JPEG, TIFF) into a Frame.

A CLEP product comes with a label that says what the camera was; a picture
file does not, so the frame's optics stay unknown (NaN) rather than made up,
and the credit and licence are the caller's (the catalogue entry's).

Huge pictures are decoded reduced, never refused: orbital strips can have
hundreds of millions of pixels (LROC's 10280 x 52400 view of the landing
site), more than Pillow opens by default. Such a picture is opened with the
limit lifted and reduced by the smallest whole factor that brings it under
the limit; the frame records the factor in ``meta["lunar_edu.reduced_by"]``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image

from ..errors import LunarEduError
from ..frame import Camera, Frame, Source

__all__ = ["ImageFileError", "read_image"]


class ImageFileError(LunarEduError, ValueError):
    """A picture file cannot be decoded, or its crop box lies outside it."""


def read_image(
    path: str | Path,
    source: Source,
    *,
    instrument: str,
    roi_px: tuple[int, int, int, int] | None = None,
) -> Frame:
    """Return the pixels of a picture file as an 8-bit ``"rgb"`` or ``"gray"`` frame.

    Parameters
    ----------
    path : str or pathlib.Path
        A PNG, JPEG or TIFF file.
    source : Source
        Whose picture it is (credit, licence, origin).
    instrument : str
        The camera that took it, e.g. ``"LROC"``; its optics stay unknown.
    roi_px : tuple of int, optional
        A crop box ``(left, top, right, bottom)`` in pixels of the file,
        applied before any reduction.

    Returns
    -------
    Frame
        ``"gray"`` for one-band pictures (16-bit and float ones scaled down
        to 0-255 when brighter than 255), else ``"rgb"``; ``meta`` holds
        ``lunar_edu.file``, ``lunar_edu.reduced_by`` when the picture was too
        large for Pillow, and ``lunar_edu.roi_px`` when it was cropped.

    Raises
    ------
    ImageFileError
        If the file cannot be decoded, or the crop box lies outside it.
    """
    path = Path(path)
    reduced_by = 1
    try:
        with _open_large(path) as image:
            image.load()
            cropped = image
            if roi_px is not None:
                _check_roi(roi_px, image.size, path)
                cropped = image.crop(roi_px)
            reduced_by = _reduction_factor(cropped.size)
            if reduced_by > 1:
                cropped = cropped.reduce(reduced_by)
            pixels, layout = _pixels(cropped)
    except (OSError, Image.DecompressionBombError) as err:
        msg = f"Cannot read the image {path} ({err}); replace the file."
        raise ImageFileError(msg) from err
    height_px, width_px = pixels.shape[:2]
    # An image file carries no camera geometry: leave the optics unknown
    # rather than pretend, so no lesson measures with made-up numbers.
    camera = Camera(
        name=instrument,
        focal_length_mm=math.nan,
        pixel_size_um=math.nan,
        width_px=int(width_px),
        height_px=int(height_px),
    )
    meta: dict[str, object] = {"lunar_edu.file": path.name}
    if reduced_by > 1:
        meta["lunar_edu.reduced_by"] = reduced_by
    if roi_px is not None:
        meta["lunar_edu.roi_px"] = ",".join(str(v) for v in roi_px)
    return Frame(pixels, layout, 8, camera, source, meta=meta)


def _open_large(path: Path) -> Image.Image:
    """Open a picture, however many pixels it has.

    Pillow refuses an image of more than twice ``Image.MAX_IMAGE_PIXELS``
    (about 179 million pixels) as a possible decompression bomb. A picture
    this module opens is the teacher's own or matches a pinned hash, and
    orbital strips are that large, so the limit is lifted for this one open;
    the picture is then reduced (:func:`_reduction_factor`) before use.
    """
    limit = Image.MAX_IMAGE_PIXELS
    try:
        return Image.open(path)
    except Image.DecompressionBombError:
        # A module-level setting: restored at once, and this open is the
        # only code in lunar_edu that changes it.
        Image.MAX_IMAGE_PIXELS = None
        try:
            return Image.open(path)
        finally:
            Image.MAX_IMAGE_PIXELS = limit


def _reduction_factor(size: tuple[int, int]) -> int:
    """Return the smallest whole factor that brings a picture under Pillow's limit.

    The limit is ``Image.MAX_IMAGE_PIXELS`` (above it Pillow warns, above
    twice it Pillow refuses); ``Image.reduce`` averages factor x factor
    blocks, so no pixel is simply dropped.

    >>> _reduction_factor((1176, 864))
    1
    >>> _reduction_factor((10280, 52400))  # 538.7 million pixels, limit 89.5
    3
    """
    limit = Image.MAX_IMAGE_PIXELS
    if limit is None:
        return 1
    width, height = size
    factor = 1
    while (width // factor) * (height // factor) > limit:
        factor += 1
    return factor


def _check_roi(
    roi_px: tuple[int, int, int, int], size: tuple[int, int], path: Path
) -> None:
    right, bottom = roi_px[2], roi_px[3]
    if right > size[0] or bottom > size[1]:
        msg = (
            f"The region {roi_px} lies outside the {size[0]}x{size[1]} image "
            f"{path.name}; fix roi_px in the catalogue."
        )
        raise ImageFileError(msg)


def _pixels(image: Image.Image) -> tuple[np.ndarray, Literal["rgb", "gray"]]:
    if image.mode in ("1", "L", "LA", "La"):
        return np.asarray(image.convert("L"), dtype=np.uint8).copy(), "gray"
    if image.mode.startswith(("I", "F")):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) if values.size else 0.0
        scale = 255.0 / top if top > 255.0 else 1.0
        gray = np.clip(np.rint(values * scale), 0, 255).astype(np.uint8)
        return gray, "gray"
    return np.asarray(image.convert("RGB"), dtype=np.uint8).copy(), "rgb"
