"""The public names of DESIGN.md, as code outside the package uses them."""

import importlib
import os
import subprocess
import sys
import types

import numpy as np
import pytest

import lunar_edu as le


def modules_loaded_by(code: str) -> set[str]:
    """Run ``code`` in a fresh interpreter; return the modules it had loaded."""
    env = {k: v for k, v in os.environ.items() if k != "LUNAR_EDU_CATALOG"}
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


@pytest.mark.parametrize("name", le.__all__)
def test_every_public_name_resolves(name):
    assert getattr(le, name) is not None


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'render_scenes'"):
        _ = le.render_scenes


def test_catalog_is_a_module_that_lessons_can_call():
    module = importlib.import_module("lunar_edu.catalog")
    # The module, as for any import, with its functions and classes on it.
    assert le.catalog is module
    assert isinstance(module, types.ModuleType)
    assert module.entry_by_id("rover-tracks").id == "rover-tracks"
    # Called, it is the list of entries, as lessons write it.
    assert le.catalog() == module.catalog()
    entries = le.catalog()
    assert isinstance(entries, tuple)
    assert {"id", "title", "caption", "alt", "credit", "licence", "scene"} <= set(
        vars(entries[0])
    )


def test_load_render_write_read_develop_show_chain(tmp_path, monkeypatch):
    monkeypatch.setenv("LUNAR_EDU_OFFLINE", "1")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(tmp_path / "no-data"))
    frame = le.load("rover-tracks", source="simulated", size="quarter")
    assert frame.source.is_simulated
    label = le.write_product(frame, tmp_path)
    again = le.read_product(label)
    assert again.source.is_simulated
    np.testing.assert_array_equal(np.asarray(again.pixels), frame.pixels)
    image = le.develop(again)
    assert image.size == (frame.pixels.shape[1], frame.pixels.shape[0])
    le.show(image, alt="Simulated rover tracks on gray ground.")
    assert list((tmp_path / "pictures").glob("*.png"))


def test_errors_share_one_base():
    with pytest.raises(le.LunarEduError):
        le.render_scene("no-such-recipe")
    with pytest.raises(le.LunarEduError):
        le.load("no-such-entry")


def test_import_and_catalogue_load_neither_the_renderer_nor_numpy():
    # A lesson's first line stays light: the catalogue is plain TOML, and the
    # bundled catalogue's scene names are checked by test_catalog instead.
    loaded = modules_loaded_by("import lunar_edu\nassert lunar_edu.catalog()")
    assert "lunar_edu.catalog" in loaded
    heavy = sorted(
        name
        for name in loaded
        if name.split(".")[0] in ("numpy", "PIL")
        or name.startswith(("lunar_edu.synth", "lunar_edu.develop", "lunar_edu.frame"))
    )
    assert heavy == []


def test_the_command_line_parser_loads_neither_numpy_nor_pillow():
    # Every command module is loaded to build the parser; what a command
    # needs to do its work is loaded when it runs, so `lunar-edu --version`
    # starts in a fraction of the time and `product convert` pays only for
    # what it uses.
    loaded = modules_loaded_by(
        "from lunar_edu.cli import _build_parser\n_build_parser()"
    )
    assert {"lunar_edu.commands.catalog", "lunar_edu.commands.data"} <= loaded
    heavy = sorted(name for name in loaded if name.split(".")[0] in ("numpy", "PIL"))
    assert heavy == []


def test_public_names_load_their_modules_on_first_use():
    loaded = modules_loaded_by("import lunar_edu\nlunar_edu.Frame")
    assert "lunar_edu.frame" in loaded
    assert "lunar_edu.develop" not in loaded
    assert {"Frame", "develop", "show", "render_scene"} <= set(dir(le))


def test_develop_stays_a_function_after_its_module_is_imported():
    # Importing lunar_edu.develop sets the package attribute "develop" to the
    # module; the package keeps the function under that name.
    code = (
        "import lunar_edu\n"
        "from lunar_edu.develop import debayer\n"
        "assert callable(lunar_edu.develop), lunar_edu.develop\n"
        "assert lunar_edu.develop.__module__ == 'lunar_edu.develop'\n"
        "assert callable(lunar_edu.catalog)"
    )
    assert "lunar_edu.develop" in modules_loaded_by(code)


def test_choosing_a_source_loads_no_image_decoder_or_network_library():
    # `lunar-edu list` and `data status` only plan: Pillow decodes a picture
    # (lunar_edu.products.image) and pooch/requests download one, when needed.
    code = (
        "import lunar_edu\n"
        "from lunar_edu import data\n"
        "assert all(data.plan(entry).served_by for entry in lunar_edu.catalog())"
    )
    loaded = modules_loaded_by(code)
    assert "lunar_edu.data" in loaded
    assert "lunar_edu.download" in loaded
    heavy = sorted(
        name
        for name in loaded
        if name.split(".")[0] in ("PIL", "pooch", "requests")
        or name == "lunar_edu.products.image"
    )
    assert heavy == []


def test_load_serves_a_real_picture_through_the_image_reader(tmp_path, monkeypatch):
    from PIL import Image

    Image.new("RGB", (12, 8), (90, 90, 90)).save(tmp_path / "gray-moon.png")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(tmp_path))
    frame = le.load("gray-moon", source="real")
    assert frame.source.kind == "real"
    assert frame.layout == "rgb"
    assert frame.pixels.shape == (8, 12, 3)
    assert frame.meta["lunar_edu.file"] == "gray-moon.png"
    assert frame.meta["lunar_edu.served_by"] == "data-folder"
