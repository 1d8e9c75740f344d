"""The lesson helpers: le.entry, le.load(..., missing=None), le.with_answer_key, show defaults."""

import numpy as np
import pytest
from PIL import Image

import lunar_edu as le
from lunar_edu import gallery
from lunar_edu.catalog import UnknownEntryError
from lunar_edu.data import NoRealImageError
from lunar_edu.errors import MissingAltTextError
from lunar_edu.lesson import SCENE_OPTIONS_KEY


@pytest.fixture(autouse=True)
def no_real_pictures(monkeypatch, tmp_path):
    """No data folder, an empty cache and no network: only simulated pictures."""
    monkeypatch.delenv("LUNAR_EDU_DATA_DIR", raising=False)
    monkeypatch.delenv("LUNAR_EDU_CATALOG", raising=False)
    monkeypatch.setenv("LUNAR_EDU_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("LUNAR_EDU_OFFLINE", "1")


@pytest.fixture
def real_rover_tracks(monkeypatch, tmp_path):
    """A teacher's data folder holding a 'real' picture of rover-tracks."""
    folder = tmp_path / "data"
    folder.mkdir()
    pixels = np.random.default_rng(0).integers(0, 255, (40, 60, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(folder / "rover-tracks.png")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def captured():
    gallery.reset({}, None)
    yield gallery._STATE.queue
    gallery._stop_capturing()


def test_entry_is_the_catalogue_object_of_the_id():
    by_id = {e.id: e for e in le.catalog()}
    assert le.entry("rover-tracks") == by_id["rover-tracks"]


def test_unknown_entry_is_the_clear_catalogue_error():
    with pytest.raises(UnknownEntryError, match="rover-tracks"):
        le.entry("rover-track")
    assert issubclass(UnknownEntryError, le.LunarEduError)


def test_real_without_a_real_picture_still_raises_by_default():
    with pytest.raises(NoRealImageError, match="to get one"):
        le.load("landing-site-panorama", source="real")


def test_missing_none_returns_none_instead_of_raising():
    assert le.load("landing-site-panorama", source="real", missing=None) is None


def test_missing_accepts_only_none():
    with pytest.raises(le.LunarEduError, match="missing=None"):
        le.load("landing-site-panorama", source="real", missing="skip")


def test_missing_none_still_returns_a_real_picture(real_rover_tracks):
    frame = le.load("rover-tracks", source="real", missing=None)
    assert frame is not None
    assert frame.source.kind == "real"
    assert frame.source.entry_id == "rover-tracks"


def test_a_simulated_frame_is_its_own_answer_key():
    frame = le.load("rover-tracks", size="quarter", seed=3)
    assert frame.truth is not None
    assert le.with_answer_key(frame) is frame


def test_a_real_frame_is_replaced_by_the_simulated_scene_with_its_options(
    real_rover_tracks,
):
    real = le.load("rover-tracks", size="quarter", seed=3, sun_elevation=12.0)
    assert real.truth is None
    keyed = le.with_answer_key(real)
    assert keyed.truth is not None
    assert keyed.source.is_simulated
    assert keyed.sun.elevation_deg == pytest.approx(12.0)
    expected = le.load(
        "rover-tracks", "simulated", size="quarter", seed=3, sun_elevation=12.0
    )
    np.testing.assert_array_equal(keyed.pixels, expected.pixels)


def test_with_answer_key_needs_to_know_the_entry(real_rover_tracks):
    from dataclasses import replace

    real = le.load("rover-tracks", size="quarter")
    anonymous = replace(real, source=replace(real.source, entry_id=None), meta={})
    with pytest.raises(le.LunarEduError, match=r"lunar_edu\.load"):
        le.with_answer_key(anonymous)


def test_the_entry_and_options_are_kept_on_the_frame():
    frame = le.load("rover-tracks", size="quarter", seed=2)
    assert frame.source.entry_id == "rover-tracks"
    assert frame.meta[SCENE_OPTIONS_KEY] == '{"seed": 2, "size": "quarter"}'


def test_show_takes_alt_and_caption_from_the_entry(captured):
    entry = le.entry("rover-tracks")
    le.show(le.develop(le.load(entry.id, size="quarter")))
    (shown,) = captured
    assert shown.alt == " ".join(entry.alt_for(simulated=True).split())
    assert shown.caption.startswith(" ".join(entry.caption.split()))
    assert "Simulated picture" in shown.caption


def test_show_uses_the_real_alt_text_for_a_real_picture(captured, real_rover_tracks):
    entry = le.entry("rover-tracks")
    assert entry.simulated_alt
    assert entry.simulated_alt != entry.alt
    le.show(le.develop(le.load(entry.id)))
    (shown,) = captured
    assert shown.alt == " ".join(entry.alt.split())


def test_explicit_alt_and_caption_win(captured):
    picture = le.develop(le.load("rover-tracks", size="quarter"))
    le.show(picture, alt="My own words.", caption="My caption.")
    (shown,) = captured
    assert shown.alt == "My own words."
    assert shown.caption.startswith("My caption. ")


def test_a_picture_from_no_entry_still_needs_alt_text(captured):
    frame = le.render_scene("descent-view", size="quarter")
    with pytest.raises(MissingAltTextError, match="alt"):
        le.show(le.develop(frame))
