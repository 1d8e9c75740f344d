"""The public names of DESIGN.md, as code outside the package uses them."""

import importlib

import numpy as np
import pytest

import lunar_edu as le


@pytest.mark.parametrize("name", le.__all__)
def test_every_public_name_resolves(name):
    assert getattr(le, name) is not None


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'render_scenes'"):
        _ = le.render_scenes


def test_catalog_stays_a_function_after_its_module_is_imported():
    importlib.import_module("lunar_edu.catalog")
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
