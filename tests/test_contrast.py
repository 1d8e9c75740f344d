import numpy as np
import pytest

from lunar_edu import LunarEduError
from lunar_edu.contrast import (
    apply_gamma,
    apply_stretch,
    asinh_stretch,
    equalize_histogram,
    percentiles_of_counts,
    stretch_limits,
    to_uint8,
)
from lunar_edu.develop import DevelopError


def test_to_uint8_scales_the_bit_depth_to_the_display_range():
    values = np.array([0, 1, 511, 1023], np.uint16)
    expected = np.rint(values / 1023 * 255)
    np.testing.assert_array_equal(to_uint8(values, 10), expected)


def test_to_uint8_leaves_8_bit_values_alone():
    values = np.array([0, 7, 255], np.uint8)
    assert to_uint8(values, 8) is values


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


def test_apply_stretch_refuses_limits_out_of_order():
    with pytest.raises(DevelopError, match="high above low"):
        apply_stretch(np.arange(4.0), (5.0, 5.0))


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


def test_percentiles_of_counts_are_those_of_the_repeated_values():
    rng = np.random.default_rng(4)
    levels = rng.permutation(np.linspace(-1.0, 3.0, 40))
    counts = rng.integers(0, 9, 40)
    repeated = np.repeat(levels, counts)
    percentiles = [0, 0.5, 13, 50, 87.5, 100]
    np.testing.assert_allclose(
        percentiles_of_counts(levels, counts, percentiles),
        np.percentile(repeated, percentiles),
        rtol=1e-12,
    )


def test_stretch_limits_leave_out_non_finite_pixels():
    values = np.arange(101.0)
    with_gaps = np.concatenate([values, [np.nan, np.inf, -np.inf]])
    assert stretch_limits(with_gaps, (10, 90)) == stretch_limits(values, (10, 90))


def test_stretch_limits_refuse_a_picture_without_finite_values():
    with pytest.raises(DevelopError, match="no finite value"):
        stretch_limits(np.full((4, 4), np.nan), (1, 99))


def test_gamma_lifts_mid_tones_and_refuses_nonsense():
    assert apply_gamma(np.array([0.0, 0.25, 1.0]), 2.0).tolist() == [0.0, 0.5, 1.0]
    x = np.linspace(0, 1, 11)
    assert np.all(apply_gamma(x, 2.2)[1:-1] > x[1:-1])
    assert np.all(apply_gamma(x, 1) == x.astype(np.float32))
    for bad in (0, -1.0, float("inf"), "2"):
        with pytest.raises(LunarEduError, match="gamma"):
            apply_gamma(np.array([0.5]), bad)


def test_asinh_stretch_keeps_the_ends_and_lifts_faint_values():
    x = np.linspace(0, 1, 101)
    y = asinh_stretch(x, 0.1)
    assert y.dtype == np.float32
    assert y[0] == 0.0
    assert y[-1] == pytest.approx(1.0)
    assert np.all(np.diff(y) > 0)  # order is kept
    assert np.all(y[1:-1] > x[1:-1])  # faint values lifted
    # Well below the softening it is linear, with slope 1 / (a asinh(1/a)).
    faint = np.array([1e-4, 2e-4])
    slope = 1 / (0.1 * np.arcsinh(10))
    np.testing.assert_allclose(asinh_stretch(faint, 0.1), faint * slope, rtol=1e-3)
    # A smaller softening lifts the dark values more.
    assert asinh_stretch(np.array([0.05]), 0.01)[0] > asinh_stretch(np.array([0.05]))[0]
    # Values outside 0..1 are clipped first.
    assert asinh_stretch(np.array([-0.5, 2.0])).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("bad", [0, -0.1, float("nan"), "0.1"])
def test_asinh_stretch_refuses_a_bad_softening(bad):
    with pytest.raises(DevelopError, match="softening"):
        asinh_stretch(np.array([0.5]), bad)


def test_equalized_integers_are_their_cumulative_share():
    values = np.random.default_rng(5).integers(0, 1024, (40, 50)).astype(np.uint16)
    result = equalize_histogram(values)
    assert result.shape == values.shape
    assert result.dtype == np.float32
    # Each value becomes the share of pixels at or below it.
    flat = values.ravel()
    share = np.searchsorted(np.sort(flat), flat, side="right") / flat.size
    np.testing.assert_allclose(result.ravel(), share, rtol=1e-6)
    assert result.max() == 1.0


def test_equalized_floats_use_every_level_about_equally():
    # A dark, skewed picture: most pixels near black.
    values = np.random.default_rng(6).exponential(0.05, 200_000)
    result = equalize_histogram(values, bins=256)
    counts, _ = np.histogram(result, bins=10, range=(0, 1))
    assert counts.min() > 0.8 * counts.mean()
    assert counts.max() < 1.2 * counts.mean()
    # Brighter stays brighter.
    order = np.argsort(values)
    assert np.all(np.diff(result[order]) >= 0)


def test_equalize_histogram_leaves_non_finite_pixels_out():
    values = np.array([0.0, 1.0, 2.0, 3.0, np.nan, np.inf])
    result = equalize_histogram(values, bins=4)
    assert np.isnan(result[4:]).all()
    np.testing.assert_allclose(result[:4], [0.25, 0.5, 0.75, 1.0])


@pytest.mark.parametrize(
    ("values", "bins", "message"),
    [
        (np.full(3, np.nan), 256, "no finite value"),
        (np.arange(4.0), 1, "bins"),
        (np.arange(4.0), 2.5, "bins"),
    ],
)
def test_equalize_histogram_refuses_what_it_cannot_use(values, bins, message):
    with pytest.raises(DevelopError, match=message):
        equalize_histogram(values, bins)
