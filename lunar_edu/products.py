"""Read and write Chang'e 4 camera products: a PDS4 XML label next to a raw array.

A CLEP camera product is a pair of files: a detached PDS4 label (``.2BL``,
``.2CL``, ``.2AL``) and a headerless array (``.2B``, ``.2C``, ``.2A``) that the
label's ``<file_name>`` names (data.md s. 2.1):

========== ================== ============== ================================
product    PDS4 object        data type      axes (slowest first)
========== ================== ============== ================================
PCAM 2B -C ``Array_2D_Image`` UnsignedLSB2   Line 1728, Sample 2352 (RGGB)
PCAM 2B -Q ``Array_2D_Image`` UnsignedLSB2   Line 864, Sample 1176
TCAM 2C    ``Array_3D_Image`` UnsignedByte   Line 1728, Sample 2352, Band 3
LCAM 2A    ``Array_2D_Image`` UnsignedByte   Line 1024, Sample 1024
========== ================== ============== ================================

The label is parsed with the standard library (the labels point their schema
at an example XSD, so they are never validated) and read tolerantly: tags are
matched in lower case without namespaces, and the misspellings of real labels
(``principle_point_coordinate``, ``mast_angel_pitch``,
``lander_solar_incidence_angel``) are the names looked for first. The
``<file_size>`` element is ignored, because CE-4 LCAM labels state a wrong one;
the ``Axis_Array`` counts and the real file size are trusted instead. The array
is memory-mapped, never copied.

Products written by lunar_edu carry a ``Lunar_Edu_Product`` element in the
mission area that records whether the frame is real or simulated (with credit,
licence and origin) and the few frame fields a CLEP label cannot hold exactly,
so a simulated product always reads back as simulated.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .camera import LCAM, PCAM, PCAM_PAN, TCAM
from .errors import LunarEduError
from .frame import Camera, Frame, Source, Sun

__all__ = [
    "MAX_ARRAY_BYTES",
    "REAL_CREDIT",
    "REAL_LICENCE",
    "AxisOrderError",
    "DataFileMissingError",
    "ImageNotLabelError",
    "LabelContentError",
    "LabelNotFoundError",
    "LabelNotXMLError",
    "ProductError",
    "ProductLabel",
    "ProductTooLargeError",
    "ProductWriteError",
    "TruncatedDataError",
    "UnknownDataTypeError",
    "read_label",
    "read_product",
    "write_product",
]

#: Largest array lunar_edu maps, in bytes. A Chang'e 4 camera frame is at most
#: 12,192,768 bytes (TCAM 2C); a label asking for more than this is damaged.
MAX_ARRAY_BYTES = 1 << 30

#: Credit and licence of a real CLEP product (data.md s. 0 and 1.1).
REAL_CREDIT = "CNSA/CLEP"
REAL_LICENCE = "LicenseRef-CLEP-Terms"

_SIMULATED_CREDIT = "lunar_edu contributors (virtual Chang'e 4)"
_SIMULATED_LICENCE = "CC-BY-4.0"
# A label is a few kilobytes; anything much larger is a data file or a picture.
_MAX_LABEL_BYTES = 4 << 20
_PDS_NAMESPACE = "http://pds.nasa.gov/pds4/pds/v1"
_RECORD_TAG = "Lunar_Edu_Product"
_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"

_DATA_TYPES = {"unsignedbyte": np.dtype("u1"), "unsignedlsb2": np.dtype("<u2")}
_DATA_TYPE_NAMES = {np.dtype("u1"): "UnsignedByte", np.dtype("<u2"): "UnsignedLSB2"}
_LEVEL_BY_CAMERA = {"PCAM": "2B", "TCAM": "2C", "LCAM": "2A"}
_LEVEL_BY_LAYOUT = {"bayer_rggb": "2B", "rgb": "2C", "gray": "2A"}
_INSTRUMENT_TITLES = {
    "PCAM": "Panoramic Camera",
    "TCAM": "Terrain Camera",
    "LCAM": "Landing Camera",
}
# Where the virtual Chang'e 4 stands: the landing site as given in a TCAM
# label (data.md s. 2.1, 3).
_LANDER_LONGITUDE_DEG = 177.5991
_LANDER_LATITUDE_DEG = -45.4446

# Pictures people pass by mistake, by their first bytes.
_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
# Characters XML 1.0 cannot carry at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Character references keep carriage returns, newlines and tabs exactly (XML
# parsers normalise the literal characters).
_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)
_INT = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


class ProductError(LunarEduError):
    """A camera product (label plus data file) cannot be read or written."""

    def __init__(self, message: str) -> None:
        """Keep the message on one line, whatever label text it quotes."""
        super().__init__(" ".join(str(message).split()))


class LabelNotFoundError(ProductError, FileNotFoundError):
    """The label file does not exist."""


class DataFileMissingError(ProductError, FileNotFoundError):
    """The data file a label names is not next to the label."""


class TruncatedDataError(ProductError, ValueError):
    """The data file is shorter than its label says (a cut-off download)."""


class UnknownDataTypeError(ProductError, ValueError):
    """The label's ``data_type`` is not one lunar_edu reads."""


class AxisOrderError(ProductError, ValueError):
    """The array axes are not Line, Sample[, Band] with the last index fastest."""


class LabelNotXMLError(ProductError, ValueError):
    """The label file is not well-formed XML."""


class ImageNotLabelError(ProductError, ValueError):
    """A picture (PNG, JPEG...) or a data file was passed where a label belongs."""


class ProductTooLargeError(ProductError, ValueError):
    """The label describes an array too large to map into memory."""


class LabelContentError(ProductError, ValueError):
    """The label is XML but lacks, or garbles, something a product needs."""


class ProductWriteError(ProductError, ValueError):
    """A frame cannot be written as a product."""


@dataclass(frozen=True)
class ProductLabel:
    """What a product label says, before the data is touched.

    Parameters
    ----------
    path : Path
        The label file.
    product_id : str
        The product id: the label's file stem, as CLEP names products.
    instrument : str
        ``"PCAM"``, ``"TCAM"``, ``"LCAM"``, or the label's instrument id.
    level : str or None
        Processing level from the file extension, e.g. ``"2B"``.
    start_time : str or None
        ``start_date_time`` of the observation, as written.
    data_path : Path
        The data file the label names.
    offset_bytes : int
        Where the array starts in the data file.
    dtype : numpy.dtype
        Element type of the array.
    shape : tuple of int
        Array shape, slowest axis first: (lines, samples[, bands]).
    fields : dict
        Every label field with a value, keyed ``"parent.element"`` in lower
        case (repeats get ``_2``, ``_3``...).
    record : dict
        The ``Lunar_Edu_Product`` element's fields; empty for a real CLEP label.
    """

    path: Path
    product_id: str
    instrument: str
    level: str | None
    start_time: str | None
    data_path: Path
    offset_bytes: int
    dtype: np.dtype
    shape: tuple[int, ...]
    fields: dict[str, Any] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def array_bytes(self) -> int:
        """Return the size of the array in bytes."""
        return math.prod(self.shape) * self.dtype.itemsize


# --- reading the label -----------------------------------------------------


def _local(tag: object) -> str:
    """Return an element's tag in lower case, without its namespace."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _find(root: ET.Element, *names: str) -> ET.Element | None:
    """Return the first element named ``names[0]``, else ``names[1]``..."""
    for name in names:
        for element in root.iter():
            if _local(element.tag) == name:
                return element
    return None


def _text(element: ET.Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    text = element.text.strip()
    return text or None


def _number(root: ET.Element, label: Path, *names: str) -> float | None:
    """Return a finite number from the first element named any of ``names``."""
    element = _find(root, *names)
    text = _text(element)
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        msg = (
            f"The label {label.name} has <{_local(element.tag)}>{text[:40]!r}, "
            "which is not a finite number; fix the value or download the label again."
        )
        raise LabelContentError(msg)
    return value


def _integer(text: str | None, what: str, label: Path) -> int:
    if text is None or not _INT.fullmatch(text):
        shown = "nothing" if text is None else repr(text[:40])
        msg = (
            f"The label {label.name} gives {shown} as {what}, which must be a "
            "whole number; the label is damaged, so download it again."
        )
        raise LabelContentError(msg)
    return int(text)


def _scalar(text: str) -> str | int | float:
    """Return label text as int or float when it is a plain number."""
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def _flatten(root: ET.Element) -> dict[str, Any]:
    """Return every leaf element with a value as ``{"parent.leaf": value}``."""
    fields: dict[str, Any] = {}
    for parent in root.iter():
        for child in parent:
            text = _text(child)
            if text is None or len(child) or child.get(_NIL) == "true":
                continue
            key = f"{_local(parent.tag)}.{_local(child.tag)}"
            unique, n = key, 1
            while unique in fields:
                n += 1
                unique = f"{key}_{n}"
            fields[unique] = _scalar(text)
    return fields


def _sniff(path: Path, head: bytes) -> None:
    """Refuse pictures and data files passed where a label belongs."""
    for signature, kind in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            msg = (
                f"{path.name} is a {kind} picture, not a PDS4 label; pass the "
                ".2BL, .2CL or .2AL label that sits next to the data file."
            )
            raise ImageNotLabelError(msg)
    label_twin = path.with_name(path.name + "L")
    if path.suffix.upper() in (".2A", ".2B", ".2C") and label_twin.is_file():
        msg = (
            f"{path.name} is the data file of a product; pass its label "
            f"{label_twin.name} instead."
        )
        raise ImageNotLabelError(msg)


def _parse(path: Path) -> ET.Element:
    path = Path(path)
    if not path.is_file():
        where = "is a folder" if path.is_dir() else "does not exist"
        msg = (
            f"The label {path} {where}; give the path of a .2BL, .2CL or .2AL "
            "label file."
        )
        raise LabelNotFoundError(msg)
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(min(size, _MAX_LABEL_BYTES + 1))
    _sniff(path, head)
    if size > _MAX_LABEL_BYTES:
        msg = (
            f"{path.name} is {size:,} bytes, far too big for a PDS4 label (a few "
            "kB); pass the .2BL, .2CL or .2AL label, not the data file."
        )
        raise ImageNotLabelError(msg)
    try:
        root = ET.fromstring(head)
    except (ET.ParseError, ValueError, RecursionError) as err:
        msg = (
            f"The label {path.name} is not well-formed XML ({err}); it may be "
            "damaged or not a label, so download the product again."
        )
        raise LabelNotXMLError(msg) from None
    return root


def _axes(array: ET.Element, label: Path) -> tuple[int, ...]:
    """Return the array shape, checking the axis order."""
    order = _text(_find(array, "axis_index_order"))
    if order is not None and order.lower() != "last index fastest":
        msg = (
            f"The label {label.name} stores its array with axis_index_order "
            f"{order!r}; lunar_edu reads only 'Last Index Fastest', as CLEP "
            "camera products use."
        )
        raise AxisOrderError(msg)
    axes = []
    for axis in (e for e in array.iter() if _local(e.tag) == "axis_array"):
        name = (_text(_find(axis, "axis_name")) or "").lower()
        count = _integer(_text(_find(axis, "elements")), "an axis length", label)
        number = _integer(
            _text(_find(axis, "sequence_number")), "an axis sequence_number", label
        )
        axes.append((number, name, count))
    axes.sort()
    names = tuple(name for _, name, _ in axes)
    if names not in (("line", "sample"), ("line", "sample", "band")):
        shown = ", ".join(names) or "none"
        msg = (
            f"The label {label.name} has array axes ({shown}) in sequence order; "
            "lunar_edu reads only Line, Sample[, Band], as CLEP camera products "
            "use."
        )
        raise AxisOrderError(msg)
    shape = tuple(count for _, _, count in axes)
    if min(shape) < 1:
        msg = (
            f"The label {label.name} gives an empty array axis {shape}; it is damaged."
        )
        raise LabelContentError(msg)
    return shape


def _data_path(root: ET.Element, label: Path) -> Path:
    file_element = _find(root, "file")
    name = _text(_find(file_element, "file_name")) if file_element is not None else None
    if name is None:
        msg = (
            f"The label {label.name} names no data file (<File><file_name>); "
            "it is damaged or not a product label."
        )
        raise LabelContentError(msg)
    # Only the bare name: a label must never point outside its own folder.
    candidate = label.with_name(Path(name.replace("\\", "/")).name or "_")
    if candidate.is_file():
        return candidate
    # Downloads and archives sometimes change the case of file names.
    for sibling in label.parent.iterdir():
        if sibling.name.lower() == candidate.name.lower() and sibling.is_file():
            return sibling
    msg = (
        f"The data file {candidate.name} that {label.name} names is not in "
        f"{label.parent}; download both files of the pair into one folder."
    )
    raise DataFileMissingError(msg)


def _instrument(root: ET.Element, product_id: str) -> str:
    named = _text(_find(root, "instrument_id")) or ""
    match = re.match(r"(PCAM|TCAM|LCAM)", named.upper()) or re.search(
        r"(PCAM|TCAM|LCAM)", product_id.upper()
    )
    if match:
        return match.group(1)
    return named or "UNKNOWN"


def _record(root: ET.Element) -> dict[str, Any]:
    """Return the fields of the ``Lunar_Edu_Product`` element, if any."""
    element = _find(root, _RECORD_TAG.lower())
    if element is None:
        return {}
    record: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for child in element:
        name = _local(child.tag)
        if name == "frame_meta":
            for item in child:
                key = item.get("name")
                if key is not None:
                    meta[key] = _meta_value(item.get("type"), item.text or "")
        elif name:
            # Exact text: credit lines and origins keep their spaces.
            record[name] = child.text or ""
    record["meta"] = meta
    return record


def _load(label_path: str | os.PathLike[str]) -> tuple[ProductLabel, ET.Element]:
    """Return the parsed label and its XML tree."""
    path = Path(label_path)
    root = _parse(path)
    array = next(
        (
            e
            for e in root.iter()
            if _local(e.tag).startswith("array_")
            and any(_local(c.tag) == "axis_array" for c in e)
        ),
        None,
    )
    if array is None:
        msg = (
            f"The label {path.name} describes no image array (Array_2D_Image or "
            "Array_3D_Image); it is not a camera product label."
        )
        raise LabelContentError(msg)
    data_type = _text(_find(array, "data_type"))
    dtype = _DATA_TYPES.get((data_type or "").lower())
    if dtype is None:
        msg = (
            f"The label {path.name} stores its pixels as data_type {data_type!r}; "
            "lunar_edu reads UnsignedByte and UnsignedLSB2, the types of Chang'e 4 "
            "camera products."
        )
        raise UnknownDataTypeError(msg)
    shape = _axes(array, path)
    offset_text = _text(_find(array, "offset"))
    offset = 0 if offset_text is None else _integer(offset_text, "the offset", path)
    if offset < 0:
        msg = f"The label {path.name} gives a negative array offset ({offset}); it is damaged."
        raise LabelContentError(msg)
    array_bytes = math.prod(shape) * dtype.itemsize
    if array_bytes > MAX_ARRAY_BYTES or offset > MAX_ARRAY_BYTES:
        msg = (
            f"The label {path.name} describes a {' x '.join(map(str, shape))} array "
            f"of {array_bytes:,} bytes, more than lunar_edu maps "
            f"({MAX_ARRAY_BYTES:,}); a Chang'e 4 frame is at most 12,192,768 "
            "bytes, so the label is damaged."
        )
        raise ProductTooLargeError(msg)
    data_path = _data_path(root, path)
    needed = offset + array_bytes
    actual = data_path.stat().st_size
    if actual < needed:
        msg = (
            f"The data file {data_path.name} is {needed - actual:,} bytes shorter "
            f"than its label says ({actual:,} of {needed:,} bytes); the download "
            "was cut off, so download the pair again."
        )
        raise TruncatedDataError(msg)
    product_id = path.stem
    level = re.fullmatch(r"\.([0-9][A-Za-z])L", path.suffix, re.IGNORECASE)
    time_element = _find(root, "start_date_time")
    label = ProductLabel(
        path=path,
        product_id=product_id,
        instrument=_instrument(root, product_id),
        level=level.group(1).upper() if level else None,
        start_time=_text(time_element),
        data_path=data_path,
        offset_bytes=offset,
        dtype=dtype,
        shape=shape,
        fields=_flatten(root),
        record=_record(root),
    )
    return label, root


def read_label(label_path: str | os.PathLike[str]) -> ProductLabel:
    """Read a product label and find its data file, without reading the data.

    Parameters
    ----------
    label_path : str or path-like
        A ``.2BL``, ``.2CL`` or ``.2AL`` label (any name works).

    Returns
    -------
    ProductLabel
        The parsed label.

    Raises
    ------
    LabelNotFoundError, ImageNotLabelError, LabelNotXMLError
        When the file is missing, is a picture or data file, or is not XML.
    LabelContentError, UnknownDataTypeError, AxisOrderError
        When the label lacks or garbles what a camera product needs.
    ProductTooLargeError
        When the array it describes is larger than :data:`MAX_ARRAY_BYTES`.
    DataFileMissingError, TruncatedDataError
        When the data file is missing or shorter than the label says.
    """
    return _load(label_path)[0]


# --- from label to frame ---------------------------------------------------


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
    if known is None and (focal_mm is None or pixel_um is None):
        msg = (
            f"The label {label.path.name} gives no focal_length and pixel_size for "
            f"instrument {label.instrument!r}, so its camera model is unknown."
        )
        raise LabelContentError(msg)
    focal_mm = focal_mm if focal_mm is not None else known.focal_length_mm
    pixel_um = pixel_um if pixel_um is not None else known.pixel_size_um
    if not (focal_mm > 0 and pixel_um > 0):
        msg = (
            f"The label {label.path.name} gives focal_length {focal_mm} mm and "
            f"pixel_size {pixel_um} µm; both must be positive."
        )
        raise LabelContentError(msg)
    principal = None
    point = _find(root, "principle_point_coordinate", "principal_point_coordinate")
    if point is not None:
        x0 = _number(point, label.path, "x0", "x")
        y0 = _number(point, label.path, "y0", "y")
        if x0 is not None and y0 is not None:
            principal = (x0, y0)
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


def _real_layout(label: ProductLabel) -> str:
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
    depth = 10 if label.instrument == "PCAM" else 16
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
        msg = f"The label {path.name} has a lunar_edu {key} of {text[:40]!r}, not a number."
        raise LabelContentError(msg) from None


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
        simulated = "_SIM_" in label.product_id.upper()
        source = Source(
            kind="simulated" if simulated else "real",
            credit=_SIMULATED_CREDIT if simulated else REAL_CREDIT,
            licence=_SIMULATED_LICENCE if simulated else REAL_LICENCE,
            origin=label.path.name,
            product_id=label.product_id,
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
        width_px=camera.width_px,
        height_px=camera.height_px,
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


# --- writing ---------------------------------------------------------------


def _xml(value: object, what: str) -> str:
    """Return text escaped for XML, refusing characters XML cannot carry."""
    text = str(value)
    bad = _NOT_XML.search(text)
    if bad:
        msg = (
            f"The {what} contains the character {bad.group()!r}, which an XML "
            "label cannot hold; remove it before writing the product."
        )
        raise ProductWriteError(msg)
    return text.translate(_ESCAPES)


def _float(value: float) -> str:
    """Return the shortest text that reads back as exactly this float."""
    return float.__repr__(float(value))


_META_TYPES = ("bool", "int", "float", "str", "none")


def _meta_item(key: object, value: object) -> str:
    if not isinstance(key, str):
        msg = f"Frame meta keys must be strings to be written, got {key!r}."
        raise ProductWriteError(msg)
    if isinstance(value, bool | np.bool_):
        kind, text = "bool", "true" if value else "false"
    elif isinstance(value, int | np.integer):
        kind, text = "int", str(int(value))
    elif isinstance(value, float | np.floating):
        kind, text = "float", _float(value)
    elif isinstance(value, str):
        kind, text = "str", value
    elif value is None:
        kind, text = "none", ""
    else:
        msg = (
            f"Frame meta {key!r} is a {type(value).__name__}; a product stores "
            "only str, int, float, bool or None values."
        )
        raise ProductWriteError(msg)
    name = _xml(key, f"meta key {key!r}")
    return f'<field name="{name}" type="{kind}">{_xml(text, f"meta {key!r}")}</field>'


def _meta_value(kind: str | None, text: str) -> Any:
    try:
        if kind == "bool":
            return {"true": True, "false": False}[text]
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except (KeyError, ValueError):
        pass
    else:
        if kind == "str":
            return text
        if kind == "none":
            return None
    msg = f"A lunar_edu meta field of type {kind!r} holds {text[:40]!r}; the label is damaged."
    raise LabelContentError(msg)


def _product_stem(frame: Frame) -> str:
    product_id = frame.source.product_id
    if not product_id:
        kind = "SIM" if frame.source.is_simulated else "LUNAR_EDU"
        product_id = f"CE4_{kind}_{frame.camera.name}_{frame.layout.upper()}"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", product_id).strip("._")
    return stem or "CE4_PRODUCT"


def _statistics(pixels: np.ndarray) -> str:
    # The same Object_Statistics real PCAM labels carry (data.md s. 2.1).
    return (
        "<Object_Statistics>"
        f"<maximum>{float(pixels.max()):.6f}</maximum>"
        f"<minimum>{float(pixels.min()):.6f}</minimum>"
        f"<mean>{float(pixels.mean(dtype=np.float64)):.6f}</mean>"
        "</Object_Statistics>"
    )


def _label_text(frame: Frame, stem: str, level: str, dtype: np.dtype) -> str:
    camera, source, sun = frame.camera, frame.source, frame.sun
    instrument = camera.name
    title = _INSTRUMENT_TITLES.get(instrument.upper(), instrument)
    data_name = f"{stem}.{level}"
    start = next(
        (
            frame.meta[key]
            for key in ("start_date_time", "time_coordinates.start_date_time")
            if isinstance(frame.meta.get(key), str)
        ),
        None,
    )
    time_xml = (
        f"<start_date_time>{_xml(start, 'start time')}</start_date_time>"
        if start
        else '<start_date_time xsi:nil="true" nilReason="inapplicable"/>'
    )
    principal = ""
    if camera.principal_point_px is not None:
        x0, y0 = camera.principal_point_px
        principal = (
            "<principle_point_coordinate>"
            f'<x0 unit="pixel">{_float(x0)}</x0><y0 unit="pixel">{_float(y0)}</y0>'
            "</principle_point_coordinate>"
        )
    sun_xml = ""
    record_sun = ""
    if sun is not None:
        sun_xml = (
            "<Angle_Pointing_Results>"
            f'<lander_solar_incidence_angel unit="deg">{_float(90.0 - sun.elevation_deg)}'
            "</lander_solar_incidence_angel>"
            f'<lander_solar_azimuth_angle unit="deg">{_float(sun.azimuth_deg)}'
            "</lander_solar_azimuth_angle>"
            "</Angle_Pointing_Results>"
        )
        record_sun = (
            f'<solar_elevation unit="deg">{_float(sun.elevation_deg)}</solar_elevation>'
        )
    record_height = (
        ""
        if camera.height_above_ground_m is None
        else f'<height_above_ground unit="m">{_float(camera.height_above_ground_m)}'
        "</height_above_ground>"
    )
    record_id = (
        ""
        if source.product_id is None
        else f"<source_product_id>{_xml(source.product_id, 'product id')}</source_product_id>"
    )
    meta = "".join(_meta_item(k, v) for k, v in frame.meta.items())
    shape = frame.pixels.shape
    axis_names = ("Line", "Sample", "Band")
    axes = "".join(
        f"<Axis_Array><axis_name>{axis_names[i]}</axis_name>"
        f"<elements>{n}</elements><sequence_number>{i + 1}</sequence_number>"
        "</Axis_Array>\n      "
        for i, n in enumerate(shape)
    )
    array_class = f"Array_{len(shape)}D_Image"
    kind_note = "SIMULATED" if source.is_simulated else "real"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Product_Observational xmlns="{_PDS_NAMESPACE}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="{_PDS_NAMESPACE} http://starbase.jpl.nasa.gov/pds4/1500/PDS4_PDS_1500.xsd">
  <Identification_Area>
    <logical_identifier>{_xml(data_name, "file name")}</logical_identifier>
    <version_id>1.0</version_id>
    <title>{_xml(f"Chang'e 4 {title} {level} ({kind_note} frame, written by lunar_edu)", "title")}</title>
    <information_model_version>1.5.0.0</information_model_version>
    <product_class>Product_Observational</product_class>
  </Identification_Area>
  <Observation_Area>
    <Time_Coordinates>
      {time_xml}
      <stop_date_time xsi:nil="true" nilReason="inapplicable"/>
    </Time_Coordinates>
    <Investigation_Area>
      <name>Chang'e 4</name>
      <type>Mission</type>
      <Internal_Reference>
        <lid_reference>urn:cnsa:clep:context:investigation:mission.change4</lid_reference>
        <reference_type>data_to_investigation</reference_type>
      </Internal_Reference>
    </Investigation_Area>
    <Observing_System>
      <Observing_System_Component>
        <name>{_xml(title, "instrument name")}</name>
        <type>Instrument</type>
      </Observing_System_Component>
    </Observing_System>
    <Target_Identification>
      <name>Moon</name>
      <type>Satellite</type>
    </Target_Identification>
    <Mission_Area>
      <instrument_name>{_xml(title, "instrument name")}</instrument_name>
      <instrument_id>{_xml(instrument, "camera name")}</instrument_id>
      <Instrument_Parm>
        <focal_length unit="mm">{_float(camera.focal_length_mm)}</focal_length>
        <pixel_size unit="micrometer">{_float(camera.pixel_size_um)}</pixel_size>
        {principal}
      </Instrument_Parm>
      <Lander_Location>
        <Longitude unit="deg">{_LANDER_LONGITUDE_DEG}</Longitude>
        <latitude unit="deg">{_LANDER_LATITUDE_DEG}</latitude>
      </Lander_Location>
      <Rotation_Angle>
        <mast_angel_pitch unit="deg">{_float(camera.pitch_deg)}</mast_angel_pitch>
        <mast_angel_yaw unit="deg">{_float(camera.yaw_deg)}</mast_angel_yaw>
      </Rotation_Angle>
      {sun_xml}
      <{_RECORD_TAG}>
        <source_kind>{_xml(source.kind, "source kind")}</source_kind>
        <source_credit>{_xml(source.credit, "credit")}</source_credit>
        <source_licence>{_xml(source.licence, "licence")}</source_licence>
        <source_origin>{_xml(source.origin, "origin")}</source_origin>
        {record_id}
        <frame_layout>{frame.layout}</frame_layout>
        <bit_depth>{frame.bit_depth}</bit_depth>
        <camera_name>{_xml(camera.name, "camera name")}</camera_name>
        {record_height}
        {record_sun}
        <Frame_Meta>{meta}</Frame_Meta>
      </{_RECORD_TAG}>
    </Mission_Area>
  </Observation_Area>
  <File_Area_Observational>
    <File>
      <file_name>{_xml(data_name, "file name")}</file_name>
      <file_size unit="byte">{frame.pixels.size * dtype.itemsize}</file_size>
    </File>
    <{array_class}>
      <local_identifier>ARRAY_0</local_identifier>
      <offset unit="byte">0</offset>
      <axes>{len(shape)}</axes>
      <axis_index_order>Last Index Fastest</axis_index_order>
      <Element_Array>
        <data_type>{_DATA_TYPE_NAMES[dtype]}</data_type>
        <unit>data number</unit>
      </Element_Array>
      {axes}{_statistics(frame.pixels)}
    </{array_class}>
  </File_Area_Observational>
</Product_Observational>
"""


def _tidy(text: str) -> str:
    """Drop the blank lines left by optional elements."""
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def _replace(path: Path, write: Any) -> None:
    """Write a file through a temporary twin, so a mapped old copy stays valid."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_product(frame: Frame, directory: str | os.PathLike[str]) -> Path:
    """Write a frame as a CLEP-style product (label + raw array); return the label.

    Parameters
    ----------
    frame : Frame
        Any frame; its ``meta`` values must be str, int, float, bool or None.
    directory : str or path-like
        Folder for the two files; created if missing.

    Returns
    -------
    Path
        The label: ``<product id>.2BL`` for PCAM (data ``.2B``), ``.2CL`` for
        TCAM, ``.2AL`` for LCAM (other cameras by layout: Bayer 2B, RGB 2C,
        gray 2A).

    Raises
    ------
    ProductWriteError
        If a meta value or a text field cannot be stored in the label.

    Notes
    -----
    The label uses the element names of real CLEP labels, misspellings
    included, so :func:`read_product` reads it through the same code as a
    real product; a ``Lunar_Edu_Product`` element adds the source (real or
    simulated, credit, licence, origin) and the frame fields a CLEP label
    cannot hold exactly, so ``read_product(write_product(frame, d))`` gives
    back the same pixels, layout, bit depth, camera, sun, source and meta.
    Ground truth is not stored.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    level = (
        _LEVEL_BY_CAMERA.get(frame.camera.name.upper())
        or _LEVEL_BY_LAYOUT[frame.layout]
    )
    stem = _product_stem(frame)
    dtype = np.dtype("u1") if frame.pixels.dtype.itemsize == 1 else np.dtype("<u2")
    label_text = _tidy(_label_text(frame, stem, level, dtype))
    data_path = folder / f"{stem}.{level}"
    label_path = folder / f"{stem}.{level}L"
    pixels = np.ascontiguousarray(frame.pixels, dtype=dtype)
    # Data first: a label never names a data file that is not there yet.
    _replace(data_path, lambda stream: stream.write(memoryview(pixels).cast("B")))
    _replace(label_path, lambda stream: stream.write(label_text.encode("utf-8")))
    return label_path
