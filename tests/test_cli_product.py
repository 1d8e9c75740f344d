import json

import numpy as np
import pytest
from PIL import Image

from lunar_edu import develop, read_product, write_product
from lunar_edu.camera import LCAM, PCAM, TCAM
from lunar_edu.cli import main
from lunar_edu.frame import Frame, Source, Sun
from lunar_edu.stamp import stamp_status, status_tag_of

SIMULATED = Source(
    "simulated",
    "lunar_edu contributors (virtual Chang'e 4)",
    "CC-BY-4.0",
    "virtual Chang'e 4 scene 'gray-moon', seed 0",
    "CE4_SIM_PCAML-C_GRAY-MOON_S0",
)


@pytest.fixture
def pcam_label(tmp_path):
    rng = np.random.default_rng(0)
    mosaic = rng.integers(100, 900, (PCAM.height_px, PCAM.width_px), dtype=np.uint16)
    frame = Frame(mosaic, "bayer_rggb", 10, PCAM, SIMULATED, Sun(17.06, 288.44))
    return write_product(frame, tmp_path / "products")


def test_info_prints_the_product_as_json(pcam_label, capsys):
    assert main(["product", "info", str(pcam_label)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["id"] == "CE4_SIM_PCAML-C_GRAY-MOON_S0"
    assert info["instrument"] == "PCAM"
    assert info["level"] == "2B"
    assert info["shape"] == [1728, 2352]
    assert info["dtype"] == "uint16"
    assert info["layout"] == "bayer_rggb"
    assert info["camera"]["focal_length_mm"] == 50.0
    assert info["sun"] == {"elevation_deg": 17.06, "azimuth_deg": 288.44}
    assert info["time"] is None
    assert info["source"]["kind"] == "simulated"
    assert info["source"]["licence"] == "CC-BY-4.0"


def test_convert_writes_a_colour_png_and_says_it_is_simulated(
    pcam_label, tmp_path, capsys
):
    out = tmp_path / "pictures" / "pcam.png"
    assert main(["product", "convert", str(pcam_label), "-o", str(out)]) == 0
    with Image.open(out) as picture:
        assert picture.mode == "RGB"
        assert picture.size == (2352, 1728)
        # Stretched: the picture uses most of the display range.
        low, high = picture.convert("L").getextrema()
        assert high - low > 200
        # The file itself says the picture is simulated, what it shows and
        # whose it is; the pixels say it too, in the lower-right corner.
        assert picture.text["Status"] == "simulated"
        assert picture.text["Description"].startswith("Simulated PCAM picture")
        assert picture.text["Caption"].startswith("Simulated picture")
        assert picture.text["Licence"] == "CC-BY-4.0"
        assert "CC-BY-4.0" in picture.text["Copyright"]
        corner = np.asarray(picture.crop((2352 - 40, 1728 - 20, 2352, 1728)))
    # The tag's dark-blue box.
    assert (np.abs(corner.astype(int) - (0, 84, 147)).sum(axis=2) < 10).mean() > 0.5
    assert "SIMULATED" in capsys.readouterr().out


def test_convert_of_a_tcam_product(tmp_path):
    rgb = np.zeros((TCAM.height_px, TCAM.width_px, 3), np.uint8)
    rgb[5, 7] = (250, 120, 10)
    label = write_product(Frame(rgb, "rgb", 8, TCAM, SIMULATED), tmp_path)
    assert label.suffix == ".2CL"
    out = tmp_path / "tcam.png"
    assert main(["product", "convert", str(label), "-o", str(out)]) == 0
    with Image.open(out) as picture:
        assert picture.getpixel((7, 5)) == (250, 120, 10)


def one_line_error(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's own usage errors
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("action", ["info", "convert"])
def test_missing_label_is_one_line_and_exit_2(action, tmp_path, capsys):
    argv = ["product", action, str(tmp_path / "none.2BL")]
    if action == "convert":
        argv += ["-o", str(tmp_path / "x.png")]
    assert "does not exist" in one_line_error(argv, capsys)


def test_truncated_data_is_one_line_and_exit_2(pcam_label, tmp_path, capsys):
    data = pcam_label.with_suffix(".2B")
    data.write_bytes(data.read_bytes()[:1000])
    err = one_line_error(["product", "info", str(pcam_label)], capsys)
    assert f"{data.name} is 8,127,512 bytes shorter" in err


def test_a_png_passed_as_label_is_one_line_and_exit_2(tmp_path, capsys):
    picture = tmp_path / "moon.png"
    Image.new("L", (4, 4)).save(picture)
    err = one_line_error(["product", "info", str(picture)], capsys)
    assert "is a PNG picture, not a PDS4 label" in err


def test_convert_refuses_an_output_that_is_not_png(pcam_label, tmp_path, capsys):
    argv = ["product", "convert", str(pcam_label), "-o", str(tmp_path / "x.jpg")]
    assert "must end in .png" in one_line_error(argv, capsys)


@pytest.mark.parametrize(
    "argv", [["product"], ["product", "convert", "x.2BL"], ["product", "show", "x"]]
)
def test_usage_errors_are_one_line_and_exit_2(argv, capsys):
    one_line_error(argv, capsys)


@pytest.mark.parametrize("layout", ["bayer_rggb", "gray"])
def test_the_png_holds_exactly_the_developed_picture(layout, tmp_path):
    rng = np.random.default_rng(5)
    if layout == "gray":
        frame = Frame(
            rng.integers(0, 256, (1024, 1024), np.uint8), "gray", 8, LCAM, SIMULATED
        )
    else:
        mosaic = rng.integers(0, 1024, (130, 200), np.uint16)  # strips of 64 rows + 2
        frame = Frame(mosaic, "bayer_rggb", 10, PCAM, SIMULATED)
    label = write_product(frame, tmp_path)
    out = tmp_path / "picture.png"
    assert main(["product", "convert", str(label), "-o", str(out)]) == 0
    # Streamed strip by strip, the file still holds exactly the developed
    # picture with its status tag, as stamp_status draws it on the whole.
    expected = stamp_status(develop(read_product(label)), SIMULATED)
    assert status_tag_of(expected) is not None
    with Image.open(out) as picture:
        assert picture.mode == expected.mode == "RGB"
        np.testing.assert_array_equal(np.asarray(picture), np.asarray(expected))
