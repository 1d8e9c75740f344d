"""``lunar-edu scene``: pictures and products of the virtual Chang'e 4."""

import pytest
from PIL import Image

from lunar_edu import read_product
from lunar_edu.cli import main
from lunar_edu.synth import render_scene


def test_scene_writes_a_png_of_the_asked_size(tmp_path, capsys):
    out = tmp_path / "away.png"
    argv = ["scene", "rover-driving-away", "--size", "quarter", "-o", str(out)]
    assert main(argv) == 0
    with Image.open(out) as picture:
        assert picture.size == (588, 432)
        assert picture.mode == "RGB"
    assert "SIMULATED rover-driving-away" in capsys.readouterr().out


def test_scene_without_output_saves_in_the_pictures_folder(tmp_path):
    assert main(["scene", "gray-moon", "--size", "quarter"]) == 0
    with Image.open(tmp_path / "pictures" / "gray-moon.png") as picture:
        assert picture.size == (588, 432)


def test_scene_sun_and_seed_options_reach_the_renderer(tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    base = ["scene", "little-craters", "--size", "quarter", "--seed", "5"]
    assert (
        main([*base, "--sun-elevation", "8", "--sun-azimuth", "90", "-o", str(a)]) == 0
    )
    assert main([*base, "--sun-elevation", "60", "-o", str(b)]) == 0
    with Image.open(a) as low, Image.open(b) as high:
        assert low.tobytes() != high.tobytes()


def test_scene_product_reads_back_as_the_same_simulated_frame(tmp_path, capsys):
    out = tmp_path / "tracks.png"
    argv = ["scene", "rover-tracks", "--size", "quarter", "--seed", "2"]
    assert main([*argv, "--product", str(tmp_path / "p"), "-o", str(out)]) == 0
    (label,) = [p for p in (tmp_path / "p").iterdir() if p.suffix.endswith("L")]
    frame = read_product(label)
    again = render_scene("rover-tracks", size="quarter", seed=2)
    assert frame.source == again.source
    assert frame.source.kind == "simulated"
    assert frame.layout == "bayer_rggb"
    assert frame.bit_depth == 10
    assert (frame.pixels == again.pixels).all()
    assert frame.camera == again.camera
    assert str(label) in capsys.readouterr().out


@pytest.mark.parametrize("recipe", ["rover-driving-away", "descent-view"])
def test_write_product_round_trips_tcam_and_lcam_frames(tmp_path, recipe):
    from lunar_edu import write_product

    frame = render_scene(recipe, size="quarter")
    back = read_product(write_product(frame, tmp_path))
    assert back.pixels.dtype == frame.pixels.dtype
    assert (back.pixels == frame.pixels).all()
    assert back.layout == frame.layout
    assert back.camera == frame.camera
    assert back.sun == frame.sun
    assert back.source == frame.source
    assert back.meta["recipe"] == recipe


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["scene", "rover-track"], "did you mean 'rover-tracks'"),
        (["scene", "gray-moon", "--size", "tiny"], "size must be one of"),
        (["scene", "gray-moon", "--sun-elevation", "-100"], "sun_elevation"),
        (["scene", "gray-moon", "--seed", "-1"], "seed"),
        (["scene", "descent-view", "--eye", "right"], "Only PCAM"),
        (["scene", "gray-moon", "--mode", "X"], "mode must be 'C'"),
        (["scene", "descent-view", "--mode", "Q"], "seen by the LCAM camera"),
    ],
)
def test_scene_bad_input_is_one_line_and_exit_code_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_scene_right_eye_writes_the_right_camera_product(tmp_path):
    argv = ["scene", "gray-moon", "--size", "quarter", "--eye", "right"]
    assert main([*argv, "--product", str(tmp_path), "-o", str(tmp_path / "r.png")]) == 0
    (label,) = [p for p in tmp_path.iterdir() if p.suffix.endswith("L")]
    frame = read_product(label)
    assert frame.source.product_id.startswith("CE4_SIM_PCAMR-C_")
    assert frame.meta["eye"] == "right"


def test_scene_mode_q_writes_a_panchromatic_product(tmp_path):
    argv = ["scene", "gray-moon", "--size", "quarter", "--mode", "Q"]
    assert main([*argv, "--product", str(tmp_path), "-o", str(tmp_path / "q.png")]) == 0
    (label,) = [p for p in tmp_path.iterdir() if p.suffix.endswith("L")]
    frame = read_product(label)
    assert frame.source.product_id.startswith("CE4_SIM_PCAML-Q_")
    assert frame.layout == "gray"
    # Q is 2 x 2 binned: a quarter of its 1176 x 864 frame.
    assert frame.pixels.shape == (216, 294)
    with Image.open(tmp_path / "q.png") as picture:
        assert picture.size == (294, 216)
