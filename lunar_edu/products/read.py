"""Turn a product label and its memory-mapped data into a Frame."""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np

from ..camera import INSTRUMENTS, LCAM, PCAM, PCAM_PAN, TCAM
from ..errors import LunarEduError
from ..frame import Camera, Frame, Layout, Source, Sun, simulated_source
from .errors import LabelContentError
from .label import ProductLabel, _find, _integer, _load, _number

__all__ = ["REAL_CREDIT", "REAL_LICENCE", "read_product"]

#: Credit and licence of a real CLEP product (data.md s. 0 and 1.1).
REAL_CREDIT = "CNSA/CLEP"
REAL_LICENCE = "LicenseRef-CLEP-Terms"


def _real_camera(root: ET.Element, label: ProductLabel) -> Camera:
    """Return the camera model from the mission fields of a label."""
    lines, samples = label.shape[:2]
    known = {"PCAM": PCAM, "TCAM": TCAM, "LCAM": LCAM}.get(label.instrument)
    if known is PCAM and samples == PCAM_PAN.width_px:
        known = PCAM_PAN
    focal_mm = _number(root, label.path, "focal_length")
    pixel_um = _number(root, label.path, "pixel_size")
    unit = getattr(_find(root, "pixel_size"), "attrib", {}).get("unit", "")
    if pixel_um is not None and unit.lower() in ("mm", "millimeter", "millimetre"):
        pixel_um *= 1000.0
    if focal_mm is None or pixel_um is None:
        if known is None:
            msg = (
                f"The label {label.path.name} gives no focal_length and pixel_size "
                f"for instrument {label.instrument!r}, so its camera model is "
                "unknown."
            )
            raise LabelContentError(msg)
        if focal_mm is None:
            focal_mm = known.focal_length_mm
        if pixel_um is None:
            pixel_um = known.pixel_size_um
    if not (focal_mm > 0 and pixel_um > 0):
        msg = (
            f"The label {label.path.name} gives focal_length {focal_mm} mm and "
            f"pixel_size {pixel_um} µm; both must be positive."
        )
        raise LabelContentError(msg)
    principal = _principal_point(root, label, pixel_um)
    pitch = _number(root, label.path, "mast_angel_pitch", "mast_angle_pitch", "pitch")
    yaw = _number(root, label.path, "mast_angel_yaw", "mast_angle_yaw", "yawing", "yaw")
    return Camera(
        name=label.instrument,
        focal_length_mm=focal_mm,
        pixel_size_um=pixel_um,
        width_px=samples,
        height_px=lines,
        principal_point_px=principal,
        height_above_ground_m=known.height_above_ground_m if known else None,
        pitch_deg=pitch if pitch is not None else (known.pitch_deg if known else 0.0),
        yaw_deg=yaw if yaw is not None else 0.0,
    )


_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _principal_point(
    root: ET.Element, label: ProductLabel, pixel_um: float
) -> tuple[float, float] | None:
    """Return the principal point in pixels (column, row), if the label has it.

    LCAM labels give it in pixels (``<x0 unit="pixel">478.6``); a TCAM label
    gives (-0.248, 0.022), which can only be millimetres from the detector
    centre (data.md s. 2.1). Values in mm, or too small to be pixels of a
    point near the centre, are read as such offsets; the direction of the y
    offset is not documented and is taken as down the rows.
    """
    point = _find(root, "principle_point_coordinate", "principal_point_coordinate")
    if point is None:
        return None
    x0 = _number(point, label.path, "x0", "x")
    y0 = _number(point, label.path, "y0", "y")
    if x0 is None or y0 is None:
        # Some labels may write both numbers as one text, "(x, y)".
        numbers = _NUMBER.findall(point.text or "")
        if len(numbers) != 2:
            return None
        x0, y0 = (float(n) for n in numbers)
        if not (math.isfinite(x0) and math.isfinite(y0)):
            return None
    lines, samples = label.shape[:2]
    element = _find(point, "x0", "x")
    unit = (element.get("unit", "") if element is not None else "").lower()
    in_mm = unit in ("mm", "millimeter", "millimetre")
    too_small = abs(x0) < 0.05 * samples and abs(y0) < 0.05 * lines
    if in_mm or (unit not in ("pixel", "pixels", "px") and too_small):
        scale = 1000.0 / pixel_um
        return ((samples - 1) / 2 + x0 * scale, (lines - 1) / 2 + y0 * scale)
    return (x0, y0)


def _real_sun(root: ET.Element, path: Path) -> Sun | None:
    incidence = _number(
        root,
        path,
        "lander_solar_incidence_angel",
        "lander_solar_incidence_angle",
        "solar_incidence_angle",
    )
    azimuth = _number(
        root,
        path,
        "lander_solar_azimuth_angle",
        "lander_solar_azimuth_angel",
        "solar_azimuth_angle",
    )
    if incidence is None or azimuth is None:
        return None
    return Sun(elevation_deg=90.0 - incidence, azimuth_deg=azimuth)


def _real_layout(label: ProductLabel) -> Layout:
    if len(label.shape) == 3:
        if label.shape[2] != 3:
            msg = (
                f"The label {label.path.name} describes {label.shape[2]} bands; "
                "lunar_edu reads 3-band (RGB) images."
            )
            raise LabelContentError(msg)
        return "rgb"
    if label.instrument == "PCAM":
        mode = re.search(r"PCAM[LR]?-([A-Z])", label.product_id.upper())
        if mode:
            return "bayer_rggb" if mode.group(1) == "C" else "gray"
        if label.shape == (PCAM.height_px, PCAM.width_px):
            return "bayer_rggb"
    return "gray"


def _real_bit_depth(label: ProductLabel) -> int:
    if label.dtype.itemsize == 1:
        return 8
    # PCAM values are 10-bit in a 16-bit container (data.md s. 2.2); widen if
    # the label's statistics say the values go higher.
    depth = INSTRUMENTS["PCAM"].bit_depth if label.instrument == "PCAM" else 16
    maximum = label.fields.get("object_statistics.maximum")
    if isinstance(maximum, int | float) and 0 <= maximum < 2**16:
        depth = max(depth, int(maximum).bit_length())
    return depth


def _record_float(record: dict[str, Any], key: str, path: Path) -> float | None:
    text = record.get(key)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        msg = (
            f"The label {path.name} has a lunar_edu {key} of {text[:40]!r}, "
            "not a number."
        )
        raise LabelContentError(msg) from None


def _record_int(record: dict[str, Any], key: str, default: int, path: Path) -> int:
    text = record.get(key)
    return default if text is None else _integer(text, f"the lunar_edu {key}", path)


def read_product(label_path: str | os.PathLike[str]) -> Frame:
    """Read a Chang'e 4 camera product into a Frame, memory-mapping its pixels.

    Parameters
    ----------
    label_path : str or path-like
        The ``.2BL`` (PCAM), ``.2CL`` (TCAM) or ``.2AL`` (LCAM) label, next to
        its data file.

    Returns
    -------
    Frame
        ``pixels`` is a read-only ``numpy.memmap`` of the data file (uint8 or
        uint16, (lines, samples) or (lines, samples, 3)). A label without a
        ``Lunar_Edu_Product`` element is a real CLEP product: its source is
        ``CNSA/CLEP`` under the CLEP terms, its ``meta`` holds every label
        field (see :class:`ProductLabel`), and the camera comes from the
        label's ``Instrument_Parm`` and ``Rotation_Angle`` with the nominal
        model of the instrument (:mod:`lunar_edu.camera`) filling the gaps.

    Raises
    ------
    ProductError
        A subclass saying what is wrong with the label or data file; see
        :func:`read_label`.

    Notes
    -----
    The sign conventions of the real labels' mast angles and solar azimuth are
    not documented; they are taken as pitch (negative below the horizon),
    yaw and azimuth in degrees as written.
    """
    label, root = _load(label_path)
    record = label.record
    camera = _real_camera(root, label)
    sun = _real_sun(root, label.path)
    pixels = np.memmap(
        label.data_path,
        dtype=label.dtype,
        mode="r",
        offset=label.offset_bytes,
        shape=label.shape,
    )
    if not record:
        # A product id with _SIM_ in it but no lunar_edu record is still simulated.
        if "_SIM_" in label.product_id.upper():
            source = simulated_source(label.path.name, label.product_id)
        else:
            source = Source(
                "real", REAL_CREDIT, REAL_LICENCE, label.path.name, label.product_id
            )
        return Frame(
            pixels=pixels,
            layout=_real_layout(label),
            bit_depth=_real_bit_depth(label),
            camera=camera,
            source=source,
            sun=sun,
            meta=dict(label.fields),
        )
    # A lunar_edu product: the record holds what a CLEP label cannot.
    try:
        source = Source(
            kind=record.get("source_kind", ""),
            credit=record.get("source_credit", ""),
            licence=record.get("source_licence", ""),
            origin=record.get("source_origin", ""),
            product_id=record.get("source_product_id"),
        )
    except LunarEduError as err:
        msg = f"The label {label.path.name} has a damaged lunar_edu record: {err}"
        raise LabelContentError(msg) from None
    height = _record_float(record, "height_above_ground", label.path)
    camera = Camera(
        name=record.get("camera_name", camera.name),
        focal_length_mm=camera.focal_length_mm,
        pixel_size_um=camera.pixel_size_um,
        width_px=_record_int(record, "camera_width_px", camera.width_px, label.path),
        height_px=_record_int(record, "camera_height_px", camera.height_px, label.path),
        principal_point_px=camera.principal_point_px,
        height_above_ground_m=height,
        pitch_deg=camera.pitch_deg,
        yaw_deg=camera.yaw_deg,
    )
    elevation = _record_float(record, "solar_elevation", label.path)
    if sun is not None and elevation is not None:
        sun = Sun(elevation_deg=elevation, azimuth_deg=sun.azimuth_deg)
    bit_depth = _integer(record.get("bit_depth"), "the lunar_edu bit_depth", label.path)
    return Frame(
        pixels=pixels,
        layout=record.get("frame_layout", ""),
        bit_depth=bit_depth,
        camera=camera,
        source=source,
        sun=sun,
        meta=record["meta"],
    )
