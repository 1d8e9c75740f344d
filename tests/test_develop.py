import dataclasses
import importlib

import numpy as np
import pytest

import lunar_edu.bayer
import lunar_edu.contrast
from lunar_edu import LunarEduError, develop
from lunar_edu.bayer import debayer, mosaic
from lunar_edu.camera import PCAM
from lunar_edu.contrast import apply_gamma, apply_stretch, stretch_limits
from lunar_edu.develop import gray_world_gains, levels_of
from lunar_edu.frame import Frame, Source
from lunar_edu.provenance import source_of

SIMULATED = Source("simulated", "lunar_edu contributors", "CC-BY-4.0")
# The module; ``lunar_edu.develop`` is the function.
DEVELOP_MODULE = importlib.import_module("lunar_edu.develop")


def test_names_moved_to_bayer_and_contrast_still_import_from_develop():
    # Lessons and notebooks written before the split import them from here.
    for module, names in (
        (lunar_edu.bayer, ["BAYER_PATTERNS", "debayer"]),
        (
            lunar_edu.contrast,
            ["apply_gamma", "apply_stretch", "stretch_limits", "to_uint8"],
        ),
    ):
        for name in names:
            assert getattr(DEVELOP_MODULE, name) is getattr(module, name)
            assert name in DEVELOP_MODULE.__all__


def test_levels_come_from_label_statistics_when_present(tiny_camera, gray_frame):
    frame = Frame(
        np.zeros((6, 8), np.uint16), "gray", 10, tiny_camera, gray_frame.source
    )
    assert levels_of(frame) == (0.0, 1023.0)
    stats = {"object_statistics.minimum": 4.0, "object_statistics.maximum": 255.0}
    assert levels_of(dataclasses.replace(frame, meta=stats)) == (4.0, 255.0)
    # Nonsense statistics fall back to the bit depth.
    stats = {"object_statistics.minimum": 9.0, "object_statistics.maximum": 9.0}
    assert levels_of(dataclasses.replace(frame, meta=stats)) == (0.0, 1023.0)


def test_gray_world_gains_equalise_channel_means_of_a_tinted_gray_scene():
    rng = np.random.default_rng(2)
    gray = rng.uniform(0.2, 1.0, (20, 30, 1)) * (
        1 + 0.03 * rng.standard_normal((20, 30, 3))
    )
    rgb = gray * np.array([2.0, 1.0, 0.5])
    balanced = rgb * gray_world_gains(rgb)
    means = balanced.reshape(-1, 3).mean(axis=0)
    np.testing.assert_allclose(means, means[1], rtol=0.02)


def test_gray_world_gains_ignore_a_large_coloured_object():
    # Brownish regolith below, gold foil filling 40 % of the view above.
    tint = np.array([1.2, 1.0, 0.8])
    rgb = np.empty((50, 40, 3))
    rgb[:30] = 0.5 * tint
    rgb[30:] = 0.6 * tint * np.array([1.6, 1.1, 0.3])
    gains = gray_world_gains(rgb)
    regolith = rgb[0, 0] * gains
    np.testing.assert_allclose(regolith, regolith[1], rtol=1e-6)
    # The plain gray-world mean would have tinted the regolith blue.
    plain = rgb.reshape(-1, 3).mean(axis=0)
    plain_regolith = rgb[0, 0] * plain[1] / plain
    assert plain_regolith[2] > 1.1 * plain_regolith[0]


def test_gray_frame_develops_to_an_l_image_that_carries_its_source(gray_frame):
    image = develop(gray_frame)
    assert image.mode == "L"
    assert image.size == (8, 6)
    assert image.getpixel((3, 2)) == gray_frame.pixels[2, 3]
    assert source_of(image) == gray_frame.source
    # The source survives the copies annotate makes.
    assert source_of(image.convert("RGB").copy()) == gray_frame.source


def test_ten_bit_rgb_is_scaled_to_full_range(tiny_camera, gray_frame):
    pixels = np.zeros((6, 8, 3), np.uint16)
    pixels[0, 0] = (1023, 512, 0)
    frame = Frame(pixels, "rgb", 10, tiny_camera, gray_frame.source)
    image = develop(frame)
    assert image.mode == "RGB"
    assert image.getpixel((0, 0)) == (255, 128, 0)


def bayer_frame(source, rows=150, cols=96, tint=(1.4, 1.0, 0.6)):
    """A smooth gray scene seen through a tinted RGGB filter, 10-bit."""
    y, x = np.mgrid[0:rows, 0:cols]
    gray = 200 + 150 * np.sin(x / 9.0) * np.cos(y / 13.0)
    scene = gray[..., None] * np.array(tint)
    camera = dataclasses.replace(PCAM, width_px=cols, height_px=rows)
    raw = mosaic(scene, "RGGB").round().astype(np.uint16)
    return Frame(raw, "bayer_rggb", 10, camera, source)


def test_bayer_frame_develops_to_neutral_colour_carrying_its_source(gray_frame):
    frame = bayer_frame(gray_frame.source)
    image = develop(frame)
    assert image.mode == "RGB"
    assert image.size == (96, 150)
    assert source_of(image) == gray_frame.source
    means = np.asarray(image, float).reshape(-1, 3).mean(axis=0)
    # Gray-world balance removes the tint: channel means within 2 levels.
    assert np.ptp(means) < 2
    # Without balance the tint shows.
    tinted = np.asarray(develop(frame, white_balance=False), float)
    assert tinted[..., 0].mean() > tinted[..., 2].mean() + 30


def test_saturated_highlights_stay_white_after_white_balance(gray_frame):
    # Brownish ground with a white patch so bright that the sensor clips.
    frame = bayer_frame(gray_frame.source, tint=(1.3, 1.0, 0.7))
    raw = frame.pixels.copy()
    raw[40:80, 30:70] = 1023
    image = np.asarray(develop(dataclasses.replace(frame, pixels=raw)), int)
    patch = image[50:70, 40:60].reshape(-1, 3)
    # Every channel clipped, so the patch must be neutral white, not tinted.
    assert patch.min() >= 250
    assert np.ptp(patch, axis=1).max() <= 1


def test_develop_in_strips_equals_the_whole_frame_computation(gray_frame):
    # 151 rows cross several strips, with odd sizes; compare with the steps
    # done by hand on the whole frame.
    frame = bayer_frame(gray_frame.source, rows=151, cols=97)
    options = {"levels": (0, 1023), "stretch": (1, 99), "gamma": 2.2}
    rgb = debayer(frame.pixels) / 1023
    # Without statistics, strip by strip must give exactly the whole-frame result.
    plain = develop(frame, levels=(0, 1023), white_balance=False, stretch=False)
    expected = np.clip(apply_gamma(np.clip(rgb, 0, 1), 1.0) * 255 + 0.5, 0, 255)
    assert np.abs(np.asarray(plain, float) - expected.astype(np.uint8)).max() <= 1
    # With statistics: develop estimates gains and limits from a preview, so
    # they differ slightly from whole-frame ones.
    image = np.asarray(develop(frame, **options), float)
    gains = gray_world_gains(rgb)
    limits = stretch_limits(rgb * gains, (1, 99))
    expected = apply_gamma(apply_stretch(rgb * gains, limits), 2.2) * 255
    assert np.abs(image - expected).mean() < 3


def test_develop_options_change_the_picture(gray_frame):
    frame = bayer_frame(gray_frame.source)
    linear = np.asarray(develop(frame, stretch=False), float)
    lifted = np.asarray(develop(frame, stretch=False, gamma=2.2), float)
    assert lifted.mean() > linear.mean() + 10
    darker = np.asarray(develop(frame, stretch=False, levels=(0, 2046)), float)
    assert darker.mean() == pytest.approx(linear.mean() / 2, abs=1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sharpen": True}, "Unknown develop option"),
        ({"levels": (10, 5)}, "levels must be"),
        ({"gamma": -1.0}, "gamma"),
        ({"gamma": 0}, "gamma"),
        ({"stretch": (90, 10)}, "percentiles"),
        ({"pattern": "XYZW"}, "Bayer pattern"),
    ],
)
def test_develop_refuses_bad_options(options, message, gray_frame):
    with pytest.raises(LunarEduError, match=message):
        develop(bayer_frame(gray_frame.source), **options)


def test_developing_a_mapped_product_leaves_its_pixels_intact(tmp_path, gray_frame):
    from lunar_edu import read_product, write_product

    # Many pages per strip, so develop releases pages of the mapping as it goes.
    frame = bayer_frame(gray_frame.source, rows=300, cols=4096)
    mapped = read_product(write_product(frame, tmp_path))
    first = np.asarray(develop(mapped))
    np.testing.assert_array_equal(mapped.pixels, frame.pixels)
    np.testing.assert_array_equal(np.asarray(develop(mapped)), first)
    np.testing.assert_array_equal(first, np.asarray(develop(frame)))


def test_edits_to_a_copy_on_write_mapping_survive_develop(tmp_path, gray_frame):
    path = tmp_path / "mosaic.raw"
    bayer_frame(gray_frame.source, rows=300, cols=4096).pixels.tofile(path)
    pixels = np.memmap(path, np.uint16, mode="c", shape=(300, 4096))
    pixels[:] = 7
    frame = bayer_frame(gray_frame.source, rows=300, cols=4096)
    develop(dataclasses.replace(frame, pixels=pixels))
    assert np.all(pixels == 7)


# --- statistics from a histogram, pictures from tables (issue 15) -----------


def noisy_mosaic(rows, cols, bits=10, seed=0, dtype=np.uint16):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols]
    top = 2**bits - 1
    scene = top * (0.35 + 0.25 * np.sin(x / 17) * np.cos(y / 11))
    return np.clip(scene + rng.normal(0, top / 100, scene.shape), 0, top).astype(dtype)


def sorted_percentiles(values, counts, percentiles):
    """Percentiles of the values repeated their counts, by numpy's sort."""
    return list(np.percentile(np.repeat(values, counts), percentiles))


FRAMES = {
    "pcam-like": lambda s: Frame(noisy_mosaic(403, 611), "bayer_rggb", 10, PCAM, s),
    "constant": lambda s: Frame(
        np.full((64, 80), 300, np.uint16), "bayer_rggb", 10, PCAM, s
    ),
    "black": lambda s: Frame(np.zeros((33, 41), np.uint16), "bayer_rggb", 10, PCAM, s),
    "8-bit": lambda s: Frame(
        noisy_mosaic(130, 66, bits=8, dtype=np.uint8), "bayer_rggb", 8, PCAM, s
    ),
    "16-bit": lambda s: Frame(noisy_mosaic(70, 66, bits=16), "bayer_rggb", 16, PCAM, s),
    "gray": lambda s: Frame(noisy_mosaic(100, 90), "gray", 10, PCAM, s),
    "rgb": lambda s: Frame(
        np.stack([noisy_mosaic(50, 60, seed=k) for k in range(3)], axis=-1),
        "rgb",
        10,
        PCAM,
        s,
    ),
}
OPTIONS = [
    {},
    {"gamma": 2.2},
    {"stretch": (1, 99)},
    {"stretch": (0, 100), "levels": (10, 900), "gamma": 1.8},
]


@pytest.mark.parametrize("name", FRAMES)
@pytest.mark.parametrize("options", OPTIONS, ids=["defaults", "gamma", "p1-99", "all"])
def test_histogram_stretch_gives_the_pictures_of_the_sorted_one(
    name, options, gray_frame, monkeypatch
):
    frame = FRAMES[name](gray_frame.source)
    fast = np.asarray(develop(frame, **options), int)
    monkeypatch.setattr(DEVELOP_MODULE, "percentiles_of_counts", sorted_percentiles)
    sorted_ = np.asarray(develop(frame, **options), int)
    assert fast.shape == sorted_.shape
    assert np.abs(fast - sorted_).max() <= 1


def float_develop(frame, **options):
    """develop's steps in float32 on the whole debayered frame, no tables."""
    cell, look = DEVELOP_MODULE._look_of(frame, options)
    if cell is None:
        linear = frame.pixels.astype(np.float32)
        linear = linear if linear.ndim == 3 else linear[..., None]
    else:
        pattern = options.get("pattern", "RGGB")
        linear = debayer(frame.pixels, pattern)
    return np.squeeze(look.display_levels(linear))


@pytest.mark.parametrize("name", FRAMES)
@pytest.mark.parametrize("options", OPTIONS, ids=["defaults", "gamma", "p1-99", "all"])
def test_table_lookups_give_the_pictures_of_the_float_computation(
    name, options, gray_frame
):
    # Every bilinear value is a whole number of quarters, so the tables hold
    # exactly the levels the float path computes.
    frame = FRAMES[name](gray_frame.source)
    np.testing.assert_array_equal(
        np.asarray(develop(frame, **options)), float_develop(frame, **options)
    )


@pytest.mark.parametrize("pattern", ["RGGB", "GBRG"])
@pytest.mark.parametrize("strips", [2, 3, 5])
def test_odd_sizes_and_other_phases_develop_like_the_float_computation(pattern, strips):
    # Several strips of rows, the last one a single row, split between two
    # threads (an odd number of strips gives the top half one more); odd
    # columns.
    rows = (strips - 1) * DEVELOP_MODULE._STRIP_ROWS + 1
    frame = Frame(noisy_mosaic(rows, 67, seed=3), "bayer_rggb", 10, PCAM, SIMULATED)
    options = {"pattern": pattern, "gamma": 2.2}
    np.testing.assert_array_equal(
        np.asarray(develop(frame, **options)), float_develop(frame, **options)
    )


def test_a_memory_mapped_frame_develops_as_one_in_memory(tmp_path):
    # Each thread lets the rows it has developed go from memory; the rows
    # the other half still reads at the seam are read again from the file.
    rows = 5 * DEVELOP_MODULE._STRIP_ROWS + 3
    raw = noisy_mosaic(rows, 130, seed=5)
    path = tmp_path / "frame.raw"
    # An offset that is not a whole page: rows do not start on page edges.
    path.write_bytes(b"LABEL" * 7 + raw.tobytes())
    mapped = np.memmap(path, np.uint16, "r", offset=35, shape=raw.shape)
    in_memory = Frame(raw, "bayer_rggb", 10, PCAM, SIMULATED)
    from_file = Frame(mapped, "bayer_rggb", 10, PCAM, SIMULATED)
    np.testing.assert_array_equal(
        np.asarray(develop(from_file)), np.asarray(develop(in_memory))
    )


def test_a_value_above_the_bit_depth_is_developed_like_the_float_path(gray_frame):
    # 10-bit frames can hold stray larger values in their 16-bit container;
    # the tables cover the largest value there is, not only the bit depth.
    raw = noisy_mosaic(200, 64)
    raw[70, 10] = 40000
    frame = Frame(raw, "bayer_rggb", 10, PCAM, gray_frame.source)
    options = {"levels": (0, 50000), "stretch": False, "white_balance": False}
    image = np.asarray(develop(frame, **options), int)
    assert np.abs(image - float_develop(frame, **options)).max() == 0
    # The bright value is shown as itself: 40000 / 50000 of full scale.
    assert image[70, 10, 0] == 204


def test_gray_and_rgb_frames_are_mapped_linearly_from_their_levels(gray_frame):
    for name in ("gray", "rgb"):
        frame = FRAMES[name](gray_frame.source)
        image = np.asarray(develop(frame, levels=(100, 800)), float)
        expected = np.clip((frame.pixels - 100.0) * 255 / 700, 0, 255)
        assert np.abs(image - expected).max() <= 0.5 + 1e-6
