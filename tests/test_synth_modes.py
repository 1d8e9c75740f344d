"""PCAM's two real product modes: -C colour Bayer and -Q panchromatic, binned."""

import numpy as np
import pytest

import lunar_edu as le
from lunar_edu.products import read_label
from lunar_edu.synth import SceneError, render_scene


@pytest.fixture(scope="module")
def colour_and_pan():
    colour = render_scene("gray-moon", seed=2, mode="C")
    pan = render_scene("gray-moon", seed=2, mode="Q")
    return colour, pan


def test_the_modes_have_the_real_products_sizes_and_layouts(colour_and_pan):
    colour, pan = colour_and_pan
    assert colour.layout == "bayer_rggb"
    assert colour.pixels.shape == (1728, 2352)
    assert pan.layout == "gray"
    assert pan.pixels.shape == (864, 1176)
    for frame in (colour, pan):
        assert frame.pixels.dtype == np.uint16
        assert frame.bit_depth == 10
        assert int(frame.pixels.max()) <= 1023
    assert (pan.camera.width_px, pan.camera.pixel_size_um) == (1176, 14.8)
    assert colour.source.product_id.startswith("CE4_SIM_PCAML-C_GRAY-MOON")
    assert pan.source.product_id.startswith("CE4_SIM_PCAML-Q_GRAY-MOON")
    assert (colour.meta["mode"], pan.meta["mode"]) == ("C", "Q")


def test_the_pan_frame_is_the_colour_frames_scene_binned_two_by_two(colour_and_pan):
    colour, pan = colour_and_pan
    raw = colour.pixels.astype(float)
    # Each 2 x 2 Bayer cell (R, G, G, B) is one panchromatic pixel's light.
    binned = raw[0::2, 0::2] + raw[0::2, 1::2] + raw[1::2, 0::2] + raw[1::2, 1::2]
    ground = np.isfinite(pan.truth.range_m)
    a, b = binned[ground], pan.pixels.astype(float)[ground]
    assert np.corrcoef(a, b)[0, 1] > 0.9
    # The same rocks at the same places, at half the pixel scale.
    rocks_c = {f.name: f for f in colour.truth.of_kind("rock")}
    rocks_q = {f.name: f for f in pan.truth.of_kind("rock")}
    shared = sorted(set(rocks_c) & set(rocks_q))
    assert len(shared) >= 3
    for name in shared:
        (xc, yc), (xq, yq) = rocks_c[name].xy_px, rocks_q[name].xy_px
        assert xq == pytest.approx((xc + 0.5) / 2 - 0.5, abs=0.01)
        assert yq == pytest.approx((yc + 0.5) / 2 - 0.5, abs=0.01)


@pytest.mark.parametrize(
    ("mode", "suffix", "size_bytes"),
    [("C", "PCAML-C", 8_128_512), ("Q", "PCAML-Q", 2_032_128)],
)
def test_each_mode_is_written_and_read_back_as_the_real_product(
    colour_and_pan, tmp_path, mode, suffix, size_bytes
):
    frame = colour_and_pan[0 if mode == "C" else 1]
    label_path = le.write_product(frame, tmp_path)
    assert label_path.suffix == ".2BL"
    assert suffix in label_path.name
    label = read_label(label_path)
    assert label.dtype == np.dtype("<u2")  # UnsignedLSB2, as real PCAM products
    assert label.shape == frame.pixels.shape
    assert label.data_path.stat().st_size == size_bytes  # data.md s. 2.1
    back = le.read_product(label_path)
    assert back.layout == frame.layout
    assert back.source.kind == "simulated"
    assert back.meta["mode"] == mode
    assert np.array_equal(np.asarray(back.pixels), frame.pixels)


def test_preview_is_the_honest_name_of_the_small_colour_picture():
    preview = render_scene("gray-moon", size="preview")
    half = render_scene("gray-moon", size="half")
    assert preview.pixels.shape == (864, 1176)
    assert preview.layout == "bayer_rggb"
    assert np.array_equal(preview.pixels, half.pixels)
    # Not a real product mode: the id says it is a preview.
    assert preview.source.product_id.endswith("_PREVIEW")


@pytest.mark.parametrize(
    ("recipe", "mode", "words"),
    [
        ("gray-moon", "q", "mode must be 'C'"),
        ("gray-moon", "colour", "mode must be 'C'"),
        ("descent-view", "Q", "only to PCAM"),
        ("farewell-rover", "C", "only to PCAM"),
    ],
)
def test_a_bad_mode_is_refused_in_one_sentence(recipe, mode, words):
    with pytest.raises(SceneError, match=words) as caught:
        render_scene(recipe, size="quarter", mode=mode)
    assert str(caught.value).endswith(".")


def test_a_series_in_the_pan_mode_matches_single_renders():
    from lunar_edu.synth import render_series

    (frame,) = render_series("gray-moon", [(20.0, 300.0)], size="quarter", mode="Q")
    single = render_scene(
        "gray-moon", size="quarter", mode="Q", sun_elevation=20.0, sun_azimuth=300.0
    )
    assert frame.layout == "gray"
    assert frame.pixels.shape == (216, 294)
    assert np.array_equal(frame.pixels, single.pixels)
