from importlib.metadata import entry_points

import pytest
from PIL import Image

from lunar_edu.cli import main


def test_console_script_points_at_main():
    (script,) = [
        e for e in entry_points(group="console_scripts") if e.name == "lunar-edu"
    ]
    assert script.value == "lunar_edu.cli:main"


def test_scene_renders_a_simulated_png(tmp_path, capsys):
    out = tmp_path / "scene.png"
    code = main(["scene", "descent-view", "--sun-elevation", "12", "-o", str(out)])
    assert code == 0
    with Image.open(out) as picture:
        assert picture.size == (1024, 1024)
    assert "SIMULATED" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["scene", "descent-view", "--sun-elevation", "95"], "sun_elevation"),
        (["scene", "descent-view", "-o", "picture.jpg"], "must end in .png"),
        (["scene", "no-such-scene"], "no scene recipe"),
        (["scene", "descent-view", "--seed", "many"], "invalid int value"),
        ([], "required"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_code_2(argv, message, capsys):
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's own usage errors
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
