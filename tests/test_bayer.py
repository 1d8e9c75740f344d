import numpy as np
import pytest

from lunar_edu import LunarEduError
from lunar_edu.bayer import (
    BAYER_PATTERNS,
    BILINEAR_KERNELS,
    STRIP_ROWS,
    bayer_masks,
    debayer,
    mosaic,
    neighbour_sums,
    padded_rows,
    pattern_cell,
)
from lunar_edu.develop import DevelopError


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
@pytest.mark.parametrize("shape", [(2, 2), (6, 8), (7, 5)])
def test_bayer_masks_give_each_pixel_one_colour(pattern, shape):
    masks = bayer_masks(shape, pattern)
    assert masks.shape == (*shape, 3)
    assert masks.dtype == bool
    assert np.all(masks.sum(axis=2) == 1)
    # The top-left cell reads the pattern, row by row.
    cell = "".join("RGB"[np.argmax(masks[y, x])] for y in (0, 1) for x in (0, 1))
    assert cell == pattern
    # The cell repeats: a pixel has the colour of the pixel two away.
    np.testing.assert_array_equal(masks[2:], masks[:-2])
    np.testing.assert_array_equal(masks[:, 2:], masks[:, :-2])


def test_half_the_pixels_see_green_a_quarter_red_and_blue():
    counts = bayer_masks((100, 60), "GRBG").sum(axis=(0, 1))
    assert counts.tolist() == [1500, 3000, 1500]


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
def test_mosaic_keeps_the_colour_each_filter_lets_through(pattern):
    rgb = np.random.default_rng(3).integers(0, 1024, (7, 9, 3)).astype(np.uint16)
    raw = mosaic(rgb, pattern)
    assert raw.shape == (7, 9)
    assert raw.dtype == np.uint16
    np.testing.assert_array_equal(raw.ravel(), rgb[bayer_masks((7, 9), pattern)])
    # Debayering keeps the measured values, so mosaic undoes debayer.
    np.testing.assert_array_equal(mosaic(debayer(raw, pattern), pattern), raw)


@pytest.mark.parametrize("bad", [np.zeros((4, 4)), np.zeros((4, 4, 4))])
def test_mosaic_needs_a_colour_picture(bad):
    with pytest.raises(DevelopError, match="rows, cols, 3"):
        mosaic(bad)


def test_pattern_cell_numbers_the_colours():
    assert pattern_cell("bggr").tolist() == [[2, 1], [1, 0]]
    with pytest.raises(DevelopError, match="Unknown Bayer pattern"):
        bayer_masks((2, 2), "RGBG")


def reference_debayer(raw, pattern, edges):
    """Textbook bilinear demosaic: masked channels, 3 x 3 kernels, pixel by pixel."""
    kernels = [
        np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 4,
        np.array([[0, 1, 0], [1, 4, 1], [0, 1, 0]]) / 4,
        np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 4,
    ]
    rows, cols = raw.shape
    sites = np.argmax(bayer_masks(raw.shape, pattern), axis=2)

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
                            total += kernels[c][dy + 1, dx + 1] * raw[yy, xx]
                out[y, x, c] = total
    return out


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
@pytest.mark.parametrize(
    "shape", [(6, 8), (7, 5), (2, 2), (9, 10), (2 * STRIP_ROWS + 1, 6)]
)
@pytest.mark.parametrize("edges", ["mirror", "reflect"])
def test_debayer_matches_a_direct_convolution(pattern, shape, edges):
    # 2 * STRIP_ROWS + 1 rows: several strips, the last of them a single row.
    raw = np.random.default_rng(7).integers(0, 1024, shape).astype(np.uint16)
    expected = reference_debayer(raw.astype(float), pattern, edges)
    result = debayer(raw, pattern, edges=edges)
    assert result.dtype == np.float32
    assert result.shape == (*shape, 3)
    np.testing.assert_allclose(result, expected, rtol=1e-6, atol=1e-4)


def test_each_kernel_averages_the_neighbours_that_measured_its_colour():
    # Around each of the four kinds of pixel, a kernel's weights on the
    # pixels that measured its colour add up to 1.
    masks = bayer_masks((4, 4), "RGGB")
    for top in (0, 1):
        for left in (0, 1):
            window = masks[top : top + 3, left : left + 3]
            for channel, kernel in enumerate(BILINEAR_KERNELS):
                assert kernel[window[..., channel]].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
def test_neighbour_sums_cover_every_colour_of_every_pixel_once(pattern):
    raw = np.arange(30, dtype=np.float32).reshape(5, 6)
    out = np.full((5, 6, 3), np.nan, np.float32)
    for pixels, channel, sums, count in neighbour_sums(
        padded_rows(raw, 0, 5), pattern_cell(pattern)
    ):
        target = out[pixels][..., channel]
        assert np.all(np.isnan(target))
        assert count in (1, 2, 4)
        target[...] = sums / count
    np.testing.assert_allclose(out, debayer(raw, pattern))


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
    result = debayer(mosaic(scene, pattern), pattern)
    assert np.all(result[..., 0] == 900)
    assert np.all(result[..., 1:] == 0)


@pytest.mark.parametrize("pattern", BAYER_PATTERNS)
def test_sampled_sites_keep_their_values(pattern):
    raw = np.random.default_rng(1).integers(0, 1024, (8, 12)).astype(np.uint16)
    result = debayer(raw, pattern)
    np.testing.assert_array_equal(result[bayer_masks(raw.shape, pattern)], raw.ravel())


def test_the_phase_matters_a_wrong_pattern_swaps_colours():
    scene = np.zeros((8, 8, 3))
    scene[..., 0], scene[..., 2] = 800, 100
    raw = mosaic(scene, "RGGB")
    assert debayer(raw, "RGGB")[4, 4, 0] == 800
    assert debayer(raw, "BGGR")[4, 4, 0] == 100


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


@pytest.mark.parametrize("shape", [(4, 4, 3), (1, 8), (8,)])
def test_debayer_refuses_a_mosaic_that_is_not_2d(shape):
    with pytest.raises(LunarEduError, match="2-D array"):
        debayer(np.zeros(shape))
