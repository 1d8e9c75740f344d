"""Property tests: whatever bytes or label a reader is given, it fails cleanly."""

import contextlib
import shutil
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lunar_edu import LunarEduError, read_product
from lunar_edu.develop import develop

# The elements a product reader looks at, and the values it must survive.
ELEMENTS = (
    "file_name",
    "offset",
    "axis_index_order",
    "data_type",
    "axis_name",
    "elements",
    "sequence_number",
    "focal_length",
    "pixel_size",
    "x0",
    "y0",
    "mast_angel_pitch",
    "mast_angel_yaw",
    "lander_solar_incidence_angel",
    "lander_solar_azimuth_angle",
    "instrument_id",
    "maximum",
    "source_kind",
    "frame_layout",
    "bit_depth",
    "solar_elevation",
    "height_above_ground",
)
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "3",
            "4",
            "1e999",
            "nan",
            "inf",
            "Line",
            "Sample",
            "Band",
            "UnsignedByte",
            "UnsignedLSB2",
            "SignedMSB4",
            "Last Index Fastest",
            "data.2B",
            "../data.2B",
            "rgb",
            "gray",
            "bayer_rggb",
            "simulated",
            "real",
            "99999999999999999999",
            "PCAM",
            "TCAM",
            "LCAM",
        ]
    ),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12),
    st.integers(-(10**20), 10**20).map(str),
)

GOOD = {
    "file_name": "data.2B",
    "offset": "0",
    "axis_index_order": "Last Index Fastest",
    "data_type": "UnsignedByte",
    "axis_name": "Sample",
    "elements": "4",
    "sequence_number": "2",
    "focal_length": "50.0",
    "pixel_size": "7.4",
    "x0": "1.5",
    "y0": "2.5",
    "mast_angel_pitch": "-10",
    "mast_angel_yaw": "20",
    "lander_solar_incidence_angel": "72.94",
    "lander_solar_azimuth_angle": "288.44",
    "instrument_id": "PCAML",
    "maximum": "255",
    "source_kind": "simulated",
    "frame_layout": "gray",
    "bit_depth": "8",
    "solar_elevation": "17.06",
    "height_above_ground": "1.5",
}

TEMPLATE = """<?xml version="1.0"?>
<Product_Observational xmlns="http://pds.nasa.gov/pds4/pds/v1">
<Mission_Area>
 <instrument_id>{instrument_id}</instrument_id>
 <Instrument_Parm><focal_length>{focal_length}</focal_length>
  <pixel_size>{pixel_size}</pixel_size>
  <principle_point_coordinate><x0>{x0}</x0><y0>{y0}</y0></principle_point_coordinate>
 </Instrument_Parm>
 <Rotation_Angle><mast_angel_pitch>{mast_angel_pitch}</mast_angel_pitch>
  <mast_angel_yaw>{mast_angel_yaw}</mast_angel_yaw></Rotation_Angle>
 <Angle_Pointing_Results>
  <lander_solar_incidence_angel>{lander_solar_incidence_angel}\
</lander_solar_incidence_angel>
  <lander_solar_azimuth_angle>{lander_solar_azimuth_angle}</lander_solar_azimuth_angle>
 </Angle_Pointing_Results>
 {record}
</Mission_Area>
<File_Area_Observational>
 <File><file_name>{file_name}</file_name></File>
 <Array_2D_Image><offset>{offset}</offset>
  <axis_index_order>{axis_index_order}</axis_index_order>
  <Element_Array><data_type>{data_type}</data_type></Element_Array>
  <Axis_Array><axis_name>Line</axis_name><elements>{elements}</elements>
   <sequence_number>1</sequence_number></Axis_Array>
  <Axis_Array><axis_name>{axis_name}</axis_name><elements>4</elements>
   <sequence_number>{sequence_number}</sequence_number></Axis_Array>
  <Object_Statistics><maximum>{maximum}</maximum></Object_Statistics>
 </Array_2D_Image>
</File_Area_Observational>
</Product_Observational>
"""
RECORD = """<Lunar_Edu_Product><source_kind>{source_kind}</source_kind>
 <source_credit>c</source_credit><source_licence>l</source_licence>
 <frame_layout>{frame_layout}</frame_layout><bit_depth>{bit_depth}</bit_depth>
 <solar_elevation>{solar_elevation}</solar_elevation>
 <height_above_ground>{height_above_ground}</height_above_ground>
 <Frame_Meta><field name="k" type="{frame_layout}">{bit_depth}</field></Frame_Meta>
</Lunar_Edu_Product>"""


def mostly(good):
    """Seven times in eight the sensible value, else a random one."""
    return st.tuples(st.integers(0, 3), VALUES).map(
        lambda t: t[1] if t[0] == 3 else good
    )


# Modest and deterministic: a few seconds per run, no example database
# written into the working tree.
FUZZ = settings(max_examples=60, deadline=None, database=None, derandomize=True)


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;")


def attempt(label: Path):
    """Read (and develop) a product; only LunarEduError may come out."""
    message = None
    try:
        frame = read_product(label)
    except LunarEduError as error:
        message = str(error)
    else:
        with contextlib.suppress(LunarEduError):
            develop(frame)
    if message is not None:
        # The command line prints it as one line.
        assert message.strip()
        assert "\n" not in message


@FUZZ
@given(content=st.binary(max_size=300), name=st.sampled_from(["x.2BL", "x.2B", "x"]))
def test_random_bytes_as_a_label_raise_only_lunar_edu_errors(content, name):
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / name).write_bytes(content)
        (folder / "x.2BL").touch()
        attempt(folder / name)
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(
    values=st.fixed_dictionaries(
        # Mostly sensible values, so that many examples get past the first
        # check and reach the data, the camera, the record and develop().
        {name: mostly(GOOD[name]) for name in ELEMENTS}
    ),
    with_record=st.booleans(),
    data_size=st.sampled_from([0, 7, 16, 64, 4096]),
)
def test_random_labels_raise_only_lunar_edu_errors(values, with_record, data_size):
    folder = Path(tempfile.mkdtemp())
    try:
        safe = {key: escape(value) for key, value in values.items()}
        record = RECORD.format(**safe) if with_record else ""
        (folder / "p.2BL").write_text(TEMPLATE.format(record=record, **safe), "utf-8")
        data = np.random.default_rng(data_size).integers(0, 256, data_size, np.uint8)
        (folder / "data.2B").write_bytes(data.tobytes())
        attempt(folder / "p.2BL")
    finally:
        shutil.rmtree(folder)
