import dataclasses
import sys

import numpy as np
import pytest

from lunar_edu import LunarEduError, develop
from lunar_edu.camera import PCAM
from lunar_edu.develop import (
    BAYER_PATTERNS,
    DevelopError,
    apply_gamma,
    apply_stretch,
    debayer,
    develop_strips,
    gray_world_gains,
    levels_of,
    stretch_limits,
    to_uint8,
)
from lunar_edu.frame import Frame
from lunar_edu.provenance import source_of

CHANNEL = {"R": 0, "G": 1, "B": 2}


def channel_map(shape, pattern):
    """Channel index (0 R, 1 G, 2 B) of every site of a Bayer mosaic."""
    cell = np.array([CHANNEL[c] for c in pattern]).reshape(2, 2)
    rows, cols = np.indices(shape)
    return cell[rows % 2, cols % 2]


def mosaic_of(rgb, pattern):
    """Sample a full-colour scene through a Bayer filter."""
    sites = channel_map(rgb.shape[:2], pattern)
    return np.take_along_axis(rgb, sites[..., None], axis=2)[..., 0]


def reference_debayer(mosaic, pattern, edges):
    """Textbook bilinear demosaic: masked channels, 3 x 3 kernels, pixel by pixel."""
    kernels = [
        np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 4,
        np.array([[0, 1, 0], [1, 4, 1], [0, 1, 0]]) / 4,
        np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 4,
    ]
    rows, cols = mosaic.shape
    sites = channel_map(mosaic.shape, pattern)

    def inside(i, n):
        if edges == "mirror":  # -1 -> 1
            return -i if i < 0 else (2 * n - 2 - i if i >= n else i)
        return -i - 1 if i < 0 else (2 * n - 1 - i if i >= n else i)  # -1 -> 0

    out = np.zeros((rows, cols, 3))
    for y in range(rows):
        for x in range(cols):
            for c in range(3):
                total = 0.0
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        yy, xx = inside(y + dy, rows), inside(x + dx, cols)
                        if sites[yy, xx] == c:
                            total += kernels[c][dy + 1, dx + 1] * mosaic[yy, xx]
                out[y, x, c] = total
    return out


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
@pytest.mark.parametrize("shape", [(6, 8), (7, 5), (2, 2), (9, 10)])
@pytest.mark.parametrize("edges", ["mirror", "reflect"])
def test_debayer_matches_a_direct_convolution(pattern, shape, edges):
    mosaic = np.random.default_rng(7).integers(0, 1024, shape).astype(np.uint16)
    expected = reference_debayer(mosaic.astype(float), pattern, edges)
    result = debayer(mosaic, pattern, edges=edges)
    assert result.dtype == np.float32
    assert result.shape == (*shape, 3)
    np.testing.assert_allclose(result, expected, rtol=1e-6, atol=1e-4)


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
def test_a_flat_field_stays_flat_up_to_the_border(pattern):
    result = debayer(np.full((10, 12), 600, np.uint16), pattern)
    assert np.all(result == 600)


def test_reflect_edges_brighten_the_border_like_scipy_does():
    # Documented difference: repeating the edge row counts a red neighbour twice.
    result = debayer(np.full((10, 12), 1.0), edges="reflect")
    assert result[0, 1, 0] == pytest.approx(1.5)
    assert np.all(result[1:-1, 1:-1] == 1.0)


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
def test_a_pure_red_scene_stays_red(pattern):
    scene = np.zeros((8, 10, 3))
    scene[..., 0] = 900
    result = debayer(mosaic_of(scene, pattern), pattern)
    assert np.all(result[..., 0] == 900)
    assert np.all(result[..., 1:] == 0)


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
def test_sampled_sites_keep_their_values(pattern):
    mosaic = np.random.default_rng(1).integers(0, 1024, (8, 12)).astype(np.uint16)
    result = debayer(mosaic, pattern)
    sites = channel_map(mosaic.shape, pattern)
    kept = np.take_along_axis(result, sites[..., None], axis=2)[..., 0]
    np.testing.assert_array_equal(kept, mosaic)


def test_the_phase_matters_a_wrong_pattern_swaps_colours():
    scene = np.zeros((8, 8, 3))
    scene[..., 0], scene[..., 2] = 800, 100
    mosaic = mosaic_of(scene, "RGGB")
    assert debayer(mosaic, "RGGB")[4, 4, 0] == 800
    assert debayer(mosaic, "BGGR")[4, 4, 0] == 100


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pattern": "RGBG"}, "Unknown Bayer pattern"),
        ({"edges": "wrap"}, "Unknown edges rule"),
    ],
)
def test_debayer_refuses_bad_options(kwargs, message):
    with pytest.raises(LunarEduError, match=message):
        debayer(np.zeros((4, 4)), **kwargs)


def test_debayer_refuses_a_mosaic_that_is_not_2d():
    with pytest.raises(LunarEduError, match="2-D array"):
        debayer(np.zeros((4, 4, 3)))


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


def test_stretch_limits_are_percentiles_and_apply_separately():
    values = np.linspace(0, 1000, 1001)
    low, high = stretch_limits(values, (1, 99))
    assert (low, high) == pytest.approx((10, 990))
    stretched = apply_stretch(values, (low, high))
    assert stretched.min() == 0.0
    assert stretched.max() == 1.0
    assert stretched[500] == pytest.approx(0.5)
    # The same limits applied to a brighter picture keep it brighter.
    assert apply_stretch(values + 100, (low, high))[500] > stretched[500]


@pytest.mark.parametrize("bad", [(50, 10), (-1, 50), (0, 101), ("a", "b"), (1,)])
def test_stretch_limits_refuse_bad_percentiles(bad):
    with pytest.raises(LunarEduError, match="percentiles"):
        stretch_limits(np.arange(10.0), bad)


def test_gamma_lifts_mid_tones_and_refuses_nonsense():
    assert apply_gamma(np.array([0.0, 0.25, 1.0]), 2.0).tolist() == [0.0, 0.5, 1.0]
    with pytest.raises(LunarEduError, match="gamma"):
        apply_gamma(np.array([0.5]), 0)


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


def test_to_uint8_leaves_8_bit_values_alone():
    values = np.array([0, 7, 255], np.uint8)
    assert to_uint8(values, 8) is values


def bayer_frame(source, rows=150, cols=96, tint=(1.4, 1.0, 0.6)):
    """A smooth gray scene seen through a tinted RGGB filter, 10-bit."""
    y, x = np.mgrid[0:rows, 0:cols]
    gray = 200 + 150 * np.sin(x / 9.0) * np.cos(y / 13.0)
    scene = gray[..., None] * np.array(tint)
    camera = dataclasses.replace(PCAM, width_px=cols, height_px=rows)
    mosaic = mosaic_of(scene, "RGGB").round().astype(np.uint16)
    return Frame(mosaic, "bayer_rggb", 10, camera, source)


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
    mosaic = frame.pixels.copy()
    mosaic[40:80, 30:70] = 1023
    image = np.asarray(develop(dataclasses.replace(frame, pixels=mosaic)), int)
    patch = image[50:70, 40:60].reshape(-1, 3)
    # Every channel clipped, so the patch must be neutral white, not tinted.
    assert patch.min() >= 250
    assert np.ptp(patch, axis=1).max() <= 1


def test_develop_strips_join_into_the_developed_picture(gray_frame):
    frame = bayer_frame(gray_frame.source, rows=150)
    developed = develop_strips(frame)
    tops, strips = zip(*developed.strips, strict=True)
    assert tops[0] == 0
    joined = np.concatenate(strips)
    assert joined.shape == (developed.height_px, developed.width_px, 3)
    np.testing.assert_array_equal(joined, np.asarray(develop(frame)))


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


# --- histogram percentiles and table lookups (issue 15) ---------------------

DEVELOP_MODULE = sys.modules["lunar_edu.develop"]


@pytest.mark.parametrize(
    "values",
    [
        np.random.default_rng(0).integers(0, 1024, (60, 70), dtype=np.uint16),
        np.random.default_rng(1).integers(0, 256, (3, 41, 3), dtype=np.uint8),
        np.random.default_rng(2).integers(-500, 500, 999, dtype=np.int64),
        np.full((20, 30), 417, np.uint16),  # a constant picture
        np.array([5], np.uint8),
        np.array([0, 65535], np.uint16),
    ],
    ids=["10-bit", "8-bit-rgb", "signed", "constant", "one-value", "extremes"],
)
@pytest.mark.parametrize("percentiles", [(0.5, 99.5), (0, 100), (10, 90), (49, 51)])
def test_integer_percentiles_come_from_a_histogram_and_equal_sorted_ones(
    values, percentiles
):
    low, high = np.percentile(values, percentiles)
    if not high > low:
        high = low + 1.0
    assert stretch_limits(values, percentiles) == pytest.approx(
        (low, high), rel=1e-12, abs=1e-9
    )


def test_float_percentiles_are_numpys_exactly():
    values = np.random.default_rng(3).normal(0.4, 0.1, (50, 40, 3)).astype(np.float32)
    low, high = np.percentile(values, (0.5, 99.5))
    assert stretch_limits(values, (0.5, 99.5)) == (float(low), float(high))


def noisy_mosaic(rows, cols, bits=10, seed=0, dtype=np.uint16):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols]
    top = 2**bits - 1
    scene = top * (0.35 + 0.25 * np.sin(x / 17) * np.cos(y / 11))
    return np.clip(scene + rng.normal(0, top / 100, scene.shape), 0, top).astype(dtype)


def sorted_preview_stretch(raw_preview, mosaic, black, white, gains, ceiling, stretch):
    """The stretch as develop computed it before: a sort of the balanced preview."""
    balanced = (raw_preview - black) / (white - black) * gains
    if ceiling is not None:
        np.minimum(balanced, gains.min(), out=balanced)
    return stretch_limits(balanced.astype(np.float64), tuple(stretch))


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
    monkeypatch.setattr(DEVELOP_MODULE, "_preview_stretch", sorted_preview_stretch)
    sorted_ = np.asarray(develop(frame, **options), int)
    assert fast.shape == sorted_.shape
    assert np.abs(fast - sorted_).max() <= 1


@pytest.mark.parametrize("name", ["pcam-like", "constant", "black", "8-bit"])
@pytest.mark.parametrize("options", OPTIONS, ids=["defaults", "gamma", "p1-99", "all"])
def test_table_lookups_give_the_pictures_of_the_float_computation(
    name, options, gray_frame, monkeypatch
):
    frame = FRAMES[name](gray_frame.source)
    fast = np.asarray(develop(frame, **options), int)
    # Without tables, every strip is debayered and mapped in float32.
    monkeypatch.setattr(DEVELOP_MODULE, "_mosaic_tables", lambda *args: None)
    slow = np.asarray(develop(frame, **options), int)
    assert np.abs(fast - slow).max() <= 1


def test_a_value_above_the_bit_depth_is_developed_like_the_float_path(
    gray_frame, monkeypatch
):
    # 10-bit frames can hold stray larger values in their 16-bit container;
    # the tables do not cover them, so their strip takes the float path.
    mosaic = noisy_mosaic(200, 64)
    mosaic[70, 10] = 40000
    frame = Frame(mosaic, "bayer_rggb", 10, PCAM, gray_frame.source)
    options = {"levels": (0, 50000), "stretch": False, "white_balance": False}
    fast = np.asarray(develop(frame, **options), int)
    monkeypatch.setattr(DEVELOP_MODULE, "_mosaic_tables", lambda *args: None)
    slow = np.asarray(develop(frame, **options), int)
    assert np.abs(fast - slow).max() <= 1
    # The bright value is shown as itself: 40000 / 50000 of full scale.
    assert fast[70, 10, 0] == 204


def test_gray_and_rgb_frames_are_mapped_linearly_from_their_levels(gray_frame):
    for name in ("gray", "rgb"):
        frame = FRAMES[name](gray_frame.source)
        image = np.asarray(develop(frame, levels=(100, 800)), float)
        expected = np.clip((frame.pixels - 100.0) * 255 / 700, 0, 255)
        assert np.abs(image - expected).max() <= 0.5 + 1e-6


def test_stretch_limits_leave_out_non_finite_pixels():
    values = np.arange(101.0)
    with_gaps = np.concatenate([values, [np.nan, np.inf, -np.inf]])
    assert stretch_limits(with_gaps, (10, 90)) == stretch_limits(values, (10, 90))


def test_stretch_limits_refuse_a_picture_without_finite_values():
    with pytest.raises(DevelopError, match="no finite value"):
        stretch_limits(np.full((4, 4), np.nan), (1, 99))
