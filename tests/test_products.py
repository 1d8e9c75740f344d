"""Reading and writing Chang'e 4 camera products (PDS4 label + raw array).

The real-like labels are built here from the element names that data.md
records for real CLEP labels (quirks included); no downloaded data is used.
"""

import dataclasses
import logging

import numpy as np
import pytest

from lunar_edu import LunarEduError, read_product, write_product
from lunar_edu.camera import LCAM, PCAM, PCAM_PAN, TCAM
from lunar_edu.frame import Frame, Source, Sun
from lunar_edu.products import (
    MAX_ARRAY_BYTES,
    REAL_CREDIT,
    REAL_LICENCE,
    AxisOrderError,
    DataFileMissingError,
    ImageNotLabelError,
    LabelContentError,
    LabelNotFoundError,
    LabelNotXMLError,
    ProductTooLargeError,
    ProductWriteError,
    TruncatedDataError,
    UnknownDataTypeError,
    read_label,
)

SIMULATED = Source(
    kind="simulated",
    credit="lunar_edu contributors (virtual Chang'e 4)",
    licence="CC-BY-4.0",
    origin="virtual Chang'e 4 scene 'rover-tracks', seed 3",
    product_id="CE4_SIM_PCAML-C_ROVER-TRACKS_S3",
)


def frames():
    rng = np.random.default_rng(3)
    pcam = dataclasses.replace(PCAM, principal_point_px=(1180.25, 861.5), yaw_deg=33.3)
    meta = {"recipe": "rover-tracks", "seed": 3, "exposure_ms": 12.5, "dusty": True}
    meta |= {"note": " two spaces\r\nand\ta tab <&> ", "nothing": None, "": "empty key"}
    return {
        "pcam-colour": Frame(
            rng.integers(0, 1024, (1728, 2352), dtype=np.uint16),
            "bayer_rggb",
            10,
            pcam,
            SIMULATED,
            Sun(17.06, 288.44),
            meta,
        ),
        "pcam-pan": Frame(
            rng.integers(0, 1024, (864, 1176), dtype=np.uint16),
            "gray",
            10,
            PCAM_PAN,
            dataclasses.replace(SIMULATED, product_id="CE4_SIM_PCAML-Q_GRAY-MOON_S0"),
            Sun(0.1, 359.9),
        ),
        "tcam": Frame(
            rng.integers(0, 256, (1728, 2352, 3), dtype=np.uint8),
            "rgb",
            8,
            TCAM,
            dataclasses.replace(SIMULATED, product_id=None, origin=""),
        ),
        "lcam": Frame(
            rng.integers(0, 256, (1024, 1024), dtype=np.uint8),
            "gray",
            8,
            dataclasses.replace(LCAM, height_above_ground_m=1234.5),
            Source("real", REAL_CREDIT, REAL_LICENCE, "teacher's copy", "CE4_X"),
            None,
            {"object_statistics.maximum": 255.0},
        ),
    }


@pytest.mark.parametrize(
    ("name", "suffixes"),
    [
        ("pcam-colour", (".2BL", ".2B")),
        ("pcam-pan", (".2BL", ".2B")),
        ("tcam", (".2CL", ".2C")),
        ("lcam", (".2AL", ".2A")),
    ],
)
def test_write_then_read_gives_back_the_same_frame(name, suffixes, tmp_path):
    frame = frames()[name]
    label = write_product(frame, tmp_path / "out")
    assert label.suffix == suffixes[0]
    assert label.with_suffix(suffixes[1]).stat().st_size == frame.pixels.nbytes
    back = read_product(label)
    assert isinstance(back.pixels, np.memmap)
    assert not back.pixels.flags.writeable
    assert back.pixels.dtype == frame.pixels.dtype
    assert back.pixels.shape == frame.pixels.shape
    np.testing.assert_array_equal(back.pixels, frame.pixels)
    for part in ("layout", "bit_depth", "camera", "sun", "source", "meta"):
        assert getattr(back, part) == getattr(frame, part), part
    assert back.truth is None


def test_a_crop_keeps_the_camera_of_the_whole_detector(tmp_path):
    frame = frames()["pcam-colour"]
    crop = dataclasses.replace(frame, pixels=frame.pixels[100:300, 200:520])
    back = read_product(write_product(crop, tmp_path))
    assert back.camera == frame.camera
    np.testing.assert_array_equal(back.pixels, crop.pixels)


def test_a_product_id_cannot_write_outside_the_folder(tmp_path):
    frame = frames()["lcam"]
    odd = dataclasses.replace(frame.source, product_id="../../x y/z")
    label = write_product(dataclasses.replace(frame, source=odd), tmp_path / "out")
    assert label.parent == tmp_path / "out"
    assert read_product(label).source.product_id == "../../x y/z"


def test_written_label_uses_the_real_clep_element_names(tmp_path):
    text = write_product(frames()["pcam-colour"], tmp_path).read_text("utf-8")
    for name in (
        "<Array_2D_Image>",
        "<data_type>UnsignedLSB2</data_type>",
        "<axis_index_order>Last Index Fastest</axis_index_order>",
        "<principle_point_coordinate>",
        "<mast_angel_pitch",
        "<lander_solar_incidence_angel",
        "<Longitude",
        "<Object_Statistics>",
        "<information_model_version>1.5.0.0</information_model_version>",
    ):
        assert name in text


def test_a_simulated_product_never_reads_back_as_real(tmp_path):
    label = write_product(frames()["pcam-colour"], tmp_path)
    assert read_product(label).source.is_simulated
    # Even with the lunar_edu record cut out, the SIM product id gives it away.
    text = label.read_text("utf-8")
    start = text.index("<Lunar_Edu_Product>")
    end = text.index("</Lunar_Edu_Product>") + len("</Lunar_Edu_Product>")
    label.write_text(text[:start] + text[end:], "utf-8")
    assert read_product(label).source.is_simulated


def test_without_the_record_the_real_fields_still_give_camera_and_sun(tmp_path):
    frame = frames()["pcam-colour"]
    label = write_product(
        dataclasses.replace(
            frame,
            source=dataclasses.replace(
                SIMULATED, product_id="CE4_GRAS_PCAML-C-015_SCI_N_1_1_0076_B"
            ),
        ),
        tmp_path,
    )
    text = label.read_text("utf-8")
    start = text.index("<Lunar_Edu_Product>")
    end = text.index("</Lunar_Edu_Product>") + len("</Lunar_Edu_Product>")
    label.write_text(text[:start] + text[end:], "utf-8")
    back = read_product(label)
    # Read as a real CLEP product, through the mission fields alone.
    assert back.source.kind == "real"
    assert back.layout == "bayer_rggb"
    assert back.bit_depth == 10
    assert back.camera == frame.camera
    assert back.sun.elevation_deg == pytest.approx(17.06)
    assert back.sun.azimuth_deg == 288.44


@pytest.mark.parametrize("name", ["pcam-colour", "tcam", "lcam"])
def test_pds4_tools_reads_our_products_the_same_way(name, tmp_path, caplog):
    import pds4_tools

    frame = frames()[name]
    label = write_product(frame, tmp_path)
    with caplog.at_level(logging.ERROR):
        structures = pds4_tools.read(str(label), quiet=True, lazy_load=True)
    data = structures[0].data
    assert data.shape == frame.pixels.shape
    np.testing.assert_array_equal(data, frame.pixels)


def test_rewriting_a_product_keeps_a_frame_read_from_it_valid(tmp_path):
    frame = frames()["lcam"]
    first = read_product(write_product(frame, tmp_path))
    changed = dataclasses.replace(frame, pixels=255 - frame.pixels)
    write_product(changed, tmp_path)
    # The old mapping still shows the old bytes; a new read shows the new ones.
    np.testing.assert_array_equal(first.pixels, frame.pixels)
    np.testing.assert_array_equal(
        read_product(tmp_path / "CE4_X.2AL").pixels, changed.pixels
    )


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"rocks": [1, 2]}, "a list"),
        ({"text": "bell\x07"}, "cannot hold"),
        ({1: "x"}, "keys must be strings"),
    ],
)
def test_meta_that_a_label_cannot_hold_is_refused(meta, message, tmp_path):
    frame = dataclasses.replace(frames()["lcam"], meta=meta)
    with pytest.raises(ProductWriteError, match=message):
        write_product(frame, tmp_path)


# --- real-like CLEP labels ----------------------------------------------------


def real_label(
    *,
    product_id,
    instrument_id,
    array="Array_2D_Image",
    data_type="UnsignedLSB2",
    axes=(("Line", 1728), ("Sample", 2352)),
    order="Last Index Fastest",
    mission="",
    statistics="",
    file_size=None,
    file_name=None,
    namespace=True,
    suffix="2B",
):
    """A label laid out like the real CE-4 ones (data.md s. 2.1), quirks included."""
    axis_xml = "".join(
        f"<Axis_Array><axis_name>{name}</axis_name><elements>{n}</elements>"
        f"<sequence_number>{i + 1}</sequence_number></Axis_Array>"
        for i, (name, n) in enumerate(axes)
    )
    size = f'<file_size unit="byte">{file_size}</file_size>' if file_size else ""
    xmlns = ' xmlns="http://pds.nasa.gov/pds4/pds/v1"' if namespace else ""
    order_xml = f"<axis_index_order>{order}</axis_index_order>" if order else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Product_Observational{xmlns}>
 <Identification_Area>
  <logical_identifier>{product_id}.{suffix}</logical_identifier>
  <information_model_version>1.5.0.0</information_model_version>
 </Identification_Area>
 <Observation_Area>
  <Time_Coordinates><start_date_time>2019-01-03T02:20:09.000Z</start_date_time>
  </Time_Coordinates>
  <Mission_Area>
   <instrument_id>{instrument_id}</instrument_id>
   {mission}
  </Mission_Area>
 </Observation_Area>
 <File_Area_Observational>
  <File><file_name>{file_name or f"{product_id}.{suffix}"}</file_name>{size}</File>
  <{array}><offset unit="byte">0</offset><axes>{len(axes)}</axes>{order_xml}
   <Element_Array><data_type>{data_type}</data_type><unit>data number</unit>
   </Element_Array>{axis_xml}{statistics}
  </{array}>
 </File_Area_Observational>
</Product_Observational>
"""


PCAM_MISSION = """
   <Instrument_Parm>
    <focal_length unit="mm">49.850000</focal_length>
    <pixel_size unit="micrometer">7.4</pixel_size>
    <principle_point_coordinate><x0 unit="pixel">1170.5</x0>
     <y0 unit="pixel">870.25</y0></principle_point_coordinate>
   </Instrument_Parm>
   <Lander_Location><Longitude unit="deg">177.5991</Longitude>
    <latitude unit="deg">-45.4446</latitude></Lander_Location>
   <Rotation_Angle><mast_angel_pitch unit="deg">-12.5</mast_angel_pitch>
    <mast_angel_yaw unit="deg">41.0</mast_angel_yaw></Rotation_Angle>
"""
TCAM_MISSION = """
   <Instrument_Parm><focal_length unit="mm">43.472040</focal_length>
    <pixel_size unit="micrometer">7.4</pixel_size>
    <principle_point_coordinate>(-0.248, 0.022)</principle_point_coordinate>
   </Instrument_Parm>
   <Angle_Pointing_Results>
    <lander_solar_incidence_angel unit="deg">72.94</lander_solar_incidence_angel>
    <lander_solar_azimuth_angle unit="deg">288.44</lander_solar_azimuth_angle>
   </Angle_Pointing_Results>
"""
STATISTICS = (
    "<Object_Statistics><maximum>255.000000</maximum><minimum>0.000000</minimum>"
    "<mean>6.201889</mean><standard_deviation>9.622408</standard_deviation>"
    "</Object_Statistics>"
)


def make_product(folder, name, label_text, data_bytes, suffix="2B"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.{suffix}").write_bytes(data_bytes)
    label = folder / f"{name}.{suffix}L"
    label.write_text(label_text, "utf-8")
    return label


def test_a_real_pcam_colour_label_reads_as_a_10_bit_bayer_frame(tmp_path):
    name = "CE4_GRAS_PCAML-C-015_SCI_N_20190925034417_20190925034417_0076_B"
    values = np.arange(1728 * 2352, dtype="<u2") % 1024
    text = real_label(
        product_id=name,
        instrument_id="PCAML",
        mission=PCAM_MISSION,
        statistics=STATISTICS,
        file_size=8128512,
    )
    frame = read_product(make_product(tmp_path, name, text, values.tobytes()))
    assert frame.layout == "bayer_rggb"
    assert frame.bit_depth == 10
    assert frame.pixels.dtype == np.uint16
    assert frame.pixels.shape == (1728, 2352)
    assert frame.pixels[1, 0] == 2352 % 1024
    camera = frame.camera
    assert camera.name == "PCAM"
    assert (camera.focal_length_mm, camera.pixel_size_um) == (49.85, 7.4)
    assert camera.principal_point_px == (1170.5, 870.25)
    assert (camera.pitch_deg, camera.yaw_deg) == (-12.5, 41.0)
    assert camera.height_above_ground_m == 1.5
    assert frame.sun is None  # PCAM labels may not carry solar angles
    assert frame.source == Source(
        "real", REAL_CREDIT, REAL_LICENCE, f"{name}.2BL", name
    )
    assert frame.meta["object_statistics.maximum"] == 255.0
    assert frame.meta["lander_location.longitude"] == 177.5991
    assert frame.meta["time_coordinates.start_date_time"] == "2019-01-03T02:20:09.000Z"


def test_a_real_pcam_panchromatic_label_reads_as_gray(tmp_path):
    name = "CE4_GRAS_PCAML-Q-055_SCI_N_20250304065925_20250304065925_0347_B"
    text = real_label(
        product_id=name, instrument_id="PCAML", axes=(("Line", 864), ("Sample", 1176))
    )
    frame = read_product(make_product(tmp_path, name, text, bytes(2032128)))
    assert frame.layout == "gray"
    assert frame.camera.pixel_size_um == PCAM_PAN.pixel_size_um
    assert frame.camera.width_px == 1176


def test_a_real_tcam_label_reads_as_pixel_interleaved_rgb_with_the_sun(tmp_path):
    name = "CE4_GRAS_TCAM-I-023_SCI_N_20190106035123_20190106035123_0004_A"
    rgb = np.zeros((1728, 2352, 3), np.uint8)
    rgb[10, 20] = (200, 100, 50)
    text = real_label(
        product_id=name,
        instrument_id="TCAM",
        array="Array_3D_Image",
        data_type="UnsignedByte",
        axes=(("Line", 1728), ("Sample", 2352), ("Band", 3)),
        mission=TCAM_MISSION,
        suffix="2C",
    )
    frame = read_product(make_product(tmp_path, name, text, rgb.tobytes(), "2C"))
    assert frame.layout == "rgb"
    assert frame.bit_depth == 8
    assert tuple(frame.pixels[10, 20]) == (200, 100, 50)
    assert frame.camera.focal_length_mm == 43.47204
    # (-0.248, 0.022) can only be millimetres from the centre: 7.4 µm pixels.
    x_px, y_px = frame.camera.principal_point_px
    assert x_px == pytest.approx(1175.5 - 0.248 / 0.0074)
    assert y_px == pytest.approx(863.5 + 0.022 / 0.0074)
    assert frame.sun.elevation_deg == pytest.approx(17.06)
    assert frame.sun.azimuth_deg == 288.44
    assert read_label(tmp_path / f"{name}.2CL").level == "2C"


def test_a_real_lcam_label_with_a_wrong_file_size_still_reads(tmp_path):
    # CE-4 LCAM labels declare 1.32 GB for a 1 MB file (data.md s. 2.1).
    name = "CE4_GRAS_LCAM-1-0000_SCI_N_20190103022009_20190103022009_0001_A"
    mission = (
        "<Instrument_Parm><focal_length unit='mm'>8.550000</focal_length>"
        "<pixel_size unit='micrometer'>6.7</pixel_size></Instrument_Parm>"
    )
    text = real_label(
        product_id=name,
        instrument_id="LCAM",
        data_type="UnsignedByte",
        axes=(("Line", 1024), ("Sample", 1024)),
        mission=mission,
        file_size=1323302912,
        namespace=False,
        suffix="2A",
    )
    frame = read_product(make_product(tmp_path, name, text, bytes(1 << 20), "2A"))
    assert frame.layout == "gray"
    assert frame.camera.name == "LCAM"
    assert frame.camera.pitch_deg == -90.0
    assert frame.pixels.shape == (1024, 1024)


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        (
            '<x0 unit="pixel">478.62987</x0><y0 unit="pixel">513.09342</y0>',
            (478.62987, 513.09342),
        ),
        ('<x0 unit="mm">0.67</x0><y0 unit="mm">-0.134</y0>', (611.5, 491.5)),
        ("<x>0.0</x><y>0.0</y>", (511.5, 511.5)),
        ("not a point", None),
    ],
)
def test_principal_point_in_pixels_or_millimetres(point, expected, tmp_path):
    mission = (
        "<Instrument_Parm><focal_length unit='mm'>8.55</focal_length>"
        "<pixel_size unit='micrometer'>6.7</pixel_size>"
        f"<principle_point_coordinate>{point}</principle_point_coordinate>"
        "</Instrument_Parm>"
    )
    text = real_label(
        product_id="CE4_GRAS_LCAM-1-0000_X",
        instrument_id="LCAM",
        data_type="UnsignedByte",
        axes=(("Line", 1024), ("Sample", 1024)),
        mission=mission,
    )
    label = make_product(tmp_path, "CE4_GRAS_LCAM-1-0000_X", text, bytes(1 << 20))
    found = read_product(label).camera.principal_point_px
    assert found == (None if expected is None else pytest.approx(expected))


def test_tag_case_does_not_matter(tmp_path):
    text = real_label(
        product_id="CE4_GRAS_LCAM-1",
        instrument_id="LCAM",
        data_type="UnsignedByte",
        axes=(("Line", 4), ("Sample", 4)),
    )
    text = text.replace("Axis_Array", "AXIS_ARRAY").replace("data_type", "Data_Type")
    text = text.replace("file_name", "File_Name")
    frame = read_product(make_product(tmp_path, "CE4_GRAS_LCAM-1", text, bytes(16)))
    assert frame.pixels.shape == (4, 4)


def test_data_file_name_case_may_differ(tmp_path):
    text = real_label(
        product_id="ce4_lcam",
        instrument_id="LCAM",
        data_type="UnsignedByte",
        axes=(("Line", 2), ("Sample", 2)),
        file_name="CE4_LCAM.2B",
    )
    label = make_product(tmp_path, "ce4_lcam", text, bytes([1, 2, 3, 4]))
    assert read_product(label).pixels.tolist() == [[1, 2], [3, 4]]


# --- bad input ------------------------------------------------------------------


def small_label(**changes):
    options = {
        "product_id": "CE4_GRAS_LCAM-1-0000_X",
        "instrument_id": "LCAM",
        "data_type": "UnsignedByte",
        "axes": (("Line", 4), ("Sample", 6)),
    }
    return real_label(**(options | changes))


def test_missing_label(tmp_path):
    with pytest.raises(LabelNotFoundError, match="does not exist"):
        read_product(tmp_path / "nothing.2BL")
    with pytest.raises(LabelNotFoundError, match="is a folder"):
        read_product(tmp_path)


def test_missing_data_partner(tmp_path):
    label = tmp_path / "CE4_GRAS_LCAM-1-0000_X.2BL"
    label.write_text(small_label(), "utf-8")
    with pytest.raises(DataFileMissingError, match=r"CE4_GRAS_LCAM-1-0000_X\.2B"):
        read_product(label)


def test_truncated_data_says_which_file_and_how_many_bytes_are_missing(tmp_path):
    label = make_product(tmp_path, "CE4_GRAS_LCAM-1-0000_X", small_label(), bytes(20))
    with pytest.raises(
        TruncatedDataError, match=r"CE4_GRAS_LCAM-1-0000_X\.2B is 4 bytes"
    ):
        read_product(label)


def test_unknown_data_type(tmp_path):
    text = small_label(data_type="IEEE754MSBDouble")
    label = make_product(tmp_path, "CE4_GRAS_LCAM-1-0000_X", text, bytes(24 * 8))
    with pytest.raises(UnknownDataTypeError, match="IEEE754MSBDouble"):
        read_product(label)


@pytest.mark.parametrize(
    "changes",
    [
        {"axes": (("Sample", 6), ("Line", 4))},
        {"axes": (("Band", 3), ("Line", 4), ("Sample", 6))},
        {"order": "First Index Fastest"},
    ],
)
def test_axis_order_other_than_line_sample_band_last_fastest(changes, tmp_path):
    label = make_product(
        tmp_path, "CE4_GRAS_LCAM-1-0000_X", small_label(**changes), bytes(72)
    )
    with pytest.raises(AxisOrderError, match=r"Line, Sample|Last Index Fastest"):
        read_product(label)


def test_label_that_is_not_xml(tmp_path):
    label = tmp_path / "broken.2BL"
    label.write_text("<Product_Observational><File>", "utf-8")
    with pytest.raises(LabelNotXMLError, match="not well-formed XML"):
        read_product(label)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
        (b"II*\x00", "TIFF"),
    ],
)
def test_picture_passed_as_label(head, kind, tmp_path):
    picture = tmp_path / "moon.2BL"
    picture.write_bytes(head + bytes(100))
    with pytest.raises(ImageNotLabelError, match=f"is a {kind} picture"):
        read_product(picture)


def test_data_file_passed_as_label_points_at_the_label(tmp_path):
    label = make_product(tmp_path, "CE4_GRAS_LCAM-1-0000_X", small_label(), bytes(24))
    with pytest.raises(ImageNotLabelError, match=r"pass its label .*\.2BL"):
        read_product(label.with_suffix(".2B"))


def test_dimensions_too_large_to_read(tmp_path):
    text = small_label(axes=(("Line", 10**6), ("Sample", 10**6)))
    label = make_product(tmp_path, "CE4_GRAS_LCAM-1-0000_X", text, bytes(24))
    with pytest.raises(ProductTooLargeError, match=f"{MAX_ARRAY_BYTES:,}"):
        read_product(label)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<a><b>no array here</b></a>", "no image array"),
        (
            small_label().replace(">0</offset>", ">-16</offset>"),
            "negative array offset",
        ),
        (
            small_label().replace(
                "<elements>4</elements>", "<elements>four</elements>"
            ),
            "whole number",
        ),
        (
            small_label().replace(
                "<file_name>CE4_GRAS_LCAM-1-0000_X.2B</file_name>", ""
            ),
            "names no data file",
        ),
    ],
)
def test_labels_missing_or_garbling_what_a_product_needs(text, message, tmp_path):
    label = make_product(tmp_path, "CE4_GRAS_LCAM-1-0000_X", text, bytes(24))
    with pytest.raises(LabelContentError, match=message):
        read_product(label)


def test_a_label_cannot_reach_outside_its_folder(tmp_path):
    secret = tmp_path / "secret.2B"
    secret.write_bytes(bytes(24))
    text = small_label(file_name="../secret.2B")
    label = make_product(tmp_path / "inner", "CE4_GRAS_LCAM-1-0000_X", text, bytes(0))
    with pytest.raises(DataFileMissingError, match=r"secret\.2B"):
        read_product(label)


def test_every_product_error_is_a_lunar_edu_error():
    for error in (LabelNotFoundError, TruncatedDataError, ProductTooLargeError):
        assert issubclass(error, LunarEduError)
