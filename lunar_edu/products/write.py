"""Write a Frame as a CLEP-style camera product: PDS4 label plus raw array."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from ..camera import INSTRUMENTS
from ..frame import Frame
from ..sunlight import CHANGE4_LATITUDE_DEG, CHANGE4_LONGITUDE_DEG
from .errors import ProductWriteError
from .label import DATA_TYPES, RECORD_TAG

__all__ = ["write_product"]

_PDS_NAMESPACE = "http://pds.nasa.gov/pds4/pds/v1"
# Real CE-4 labels point at this example schema (data.md s. 2.1).
_SCHEMA = "http://starbase.jpl.nasa.gov/pds4/1500/PDS4_PDS_1500.xsd"
_MISSION_LID = "urn:cnsa:clep:context:investigation:mission.change4"
_DATA_TYPE_NAMES = {dtype: name for name, dtype in DATA_TYPES.items()}
# A frame of a camera lunar_edu does not know is filed under the level of the
# instrument that stores frames in the same layout.
_LEVEL_BY_LAYOUT = {i.layout: i.product_level for i in INSTRUMENTS.values()}
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


def _float(value: float | np.floating[Any]) -> str:
    """Return the shortest text that reads back as exactly this float."""
    return float.__repr__(float(value))


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
    known = INSTRUMENTS.get(instrument.upper())
    title = known.title if known else instrument
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
            '<lander_solar_incidence_angel unit="deg">'
            f"{_float(90.0 - sun.elevation_deg)}"
            "</lander_solar_incidence_angel>"
            f'<lander_solar_azimuth_angle unit="deg">{_float(sun.azimuth_deg)}'
            "</lander_solar_azimuth_angle>"
            "</Angle_Pointing_Results>"
        )
        record_sun = (
            f'<solar_elevation unit="deg">{_float(sun.elevation_deg)}</solar_elevation>'
        )
    # The detector size, when the frame's pixels are not the full detector.
    record_size = (
        ""
        if (camera.height_px, camera.width_px) == frame.pixels.shape[:2]
        else f"<camera_width_px>{int(camera.width_px)}</camera_width_px>"
        f"<camera_height_px>{int(camera.height_px)}</camera_height_px>"
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
        else f"<source_product_id>{_xml(source.product_id, 'product id')}"
        "</source_product_id>"
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
    heading = f"Chang'e 4 {title} {level} ({kind_note} frame, written by lunar_edu)"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Product_Observational xmlns="{_PDS_NAMESPACE}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="{_PDS_NAMESPACE} {_SCHEMA}">
  <Identification_Area>
    <logical_identifier>{_xml(data_name, "file name")}</logical_identifier>
    <version_id>1.0</version_id>
    <title>{_xml(heading, "title")}</title>
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
        <lid_reference>{_MISSION_LID}</lid_reference>
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
        <Longitude unit="deg">{CHANGE4_LONGITUDE_DEG}</Longitude>
        <latitude unit="deg">{CHANGE4_LATITUDE_DEG}</latitude>
      </Lander_Location>
      <Rotation_Angle>
        <mast_angel_pitch unit="deg">{_float(camera.pitch_deg)}</mast_angel_pitch>
        <mast_angel_yaw unit="deg">{_float(camera.yaw_deg)}</mast_angel_yaw>
      </Rotation_Angle>
      {sun_xml}
      <{RECORD_TAG}>
        <source_kind>{_xml(source.kind, "source kind")}</source_kind>
        <source_credit>{_xml(source.credit, "credit")}</source_credit>
        <source_licence>{_xml(source.licence, "licence")}</source_licence>
        <source_origin>{_xml(source.origin, "origin")}</source_origin>
        {record_id}
        <frame_layout>{frame.layout}</frame_layout>
        <bit_depth>{frame.bit_depth}</bit_depth>
        <camera_name>{_xml(camera.name, "camera name")}</camera_name>
        {record_size}
        {record_height}
        {record_sun}
        <Frame_Meta>{meta}</Frame_Meta>
      </{RECORD_TAG}>
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
    known = INSTRUMENTS.get(frame.camera.name.upper())
    level = known.product_level if known else _LEVEL_BY_LAYOUT[frame.layout]
    stem = _product_stem(frame)
    dtype = np.dtype("u1") if frame.pixels.dtype.itemsize == 1 else np.dtype("<u2")
    label_text = _tidy(_label_text(frame, stem, level, dtype))
    data_path = folder / f"{stem}.{level}"
    label_path = folder / f"{stem}.{level}L"
    pixels = np.ascontiguousarray(frame.pixels, dtype=dtype)
    # Data first: a label never names a data file that is not there yet.
    # ``pixels.data`` is the array's own buffer (no copy); numpy declares
    # ``ndarray.__buffer__`` only for Python 3.12+, so ``memoryview(pixels)``
    # does not type-check under python_version 3.11.
    _replace(data_path, lambda stream: stream.write(pixels.data.cast("B")))
    _replace(label_path, lambda stream: stream.write(label_text.encode("utf-8")))
    return label_path
