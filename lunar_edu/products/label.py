"""Parse a product label tolerantly and find its data file, without reading data."""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .errors import (
    AxisOrderError,
    DataFileMissingError,
    ImageNotLabelError,
    LabelContentError,
    LabelNotFoundError,
    LabelNotXMLError,
    ProductTooLargeError,
    TruncatedDataError,
    UnknownDataTypeError,
)

__all__ = ["MAX_ARRAY_BYTES", "RECORD_TAG", "ProductLabel", "read_label"]

#: Largest array lunar_edu maps, in bytes. A Chang'e 4 camera frame is at most
#: 12,192,768 bytes (TCAM 2C); a label asking for more than this is damaged.
MAX_ARRAY_BYTES = 1 << 30

#: The element in the mission area where lunar_edu records the source of a
#: product it wrote, and the frame fields a CLEP label cannot hold exactly.
RECORD_TAG = "Lunar_Edu_Product"

# A label is a few kilobytes; anything much larger is a data file or a picture.
_MAX_LABEL_BYTES = 4 << 20
_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
#: The PDS4 data types of Chang'e 4 camera products and their numpy types;
#: the one table both ways (the writer looks a numpy type up in it).
DATA_TYPES: dict[str, np.dtype[Any]] = {
    "UnsignedByte": np.dtype("u1"),
    "UnsignedLSB2": np.dtype("<u2"),
}
# Labels are matched without regard to case.
_DATA_TYPES_BY_LOWER = {name.lower(): dtype for name, dtype in DATA_TYPES.items()}

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
_INT = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


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
    if element is None or text is None:
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
    element = _find(root, RECORD_TAG.lower())
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
    dtype = _DATA_TYPES_BY_LOWER.get((data_type or "").lower())
    if dtype is None:
        msg = (
            f"The label {path.name} stores its pixels as data_type {data_type!r}; "
            f"lunar_edu reads {' and '.join(DATA_TYPES)}, the types of Chang'e 4 "
            "camera products."
        )
        raise UnknownDataTypeError(msg)
    shape = _axes(array, path)
    offset_text = _text(_find(array, "offset"))
    offset = 0 if offset_text is None else _integer(offset_text, "the offset", path)
    if offset < 0:
        msg = (
            f"The label {path.name} gives a negative array offset ({offset}); "
            "it is damaged."
        )
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


_META_PARSERS: dict[str, Callable[[str], Any]] = {
    "bool": {"true": True, "false": False}.__getitem__,
    "int": int,
    "float": float,
    "str": str,
    "none": lambda text: None,
}


def _meta_value(kind: str | None, text: str) -> Any:
    """Return a ``Frame_Meta`` field's value, as the writer typed it."""
    parse = _META_PARSERS.get(kind or "")
    if parse is not None:
        try:
            return parse(text)
        except (KeyError, ValueError):
            pass
    msg = (
        f"A lunar_edu meta field of type {kind!r} holds {text[:40]!r}; the label "
        "is damaged, so write the product again."
    )
    raise LabelContentError(msg)
