"""The measuring tools lessons share: running mean, shadow mask, flood fill."""

import numpy as np
import pytest

from lunar_edu.measure import MeasureError, flood_fill, running_mean, shadow_mask


def test_running_mean_keeps_the_length_and_a_constant():
    values = np.full(30, 4.0)
    out = running_mean(values, 9)
    assert out.shape == values.shape
    np.testing.assert_allclose(out, 4.0)


def test_running_mean_averages_its_neighbours():
    values = np.random.default_rng(1).normal(size=50)
    out = running_mean(values, 5)
    np.testing.assert_allclose(out[10], values[8:13].mean())


def test_running_mean_along_an_axis_matches_row_by_row():
    image = np.random.default_rng(2).normal(size=(6, 40))
    by_rows = running_mean(image, 7, axis=1)
    by_cols = running_mean(image, 3, axis=0)
    for row in range(6):
        np.testing.assert_allclose(by_rows[row], running_mean(image[row], 7))
    np.testing.assert_allclose(by_cols[:, 5], running_mean(image[:, 5], 3))


@pytest.mark.parametrize("width", [0, 4, 2.5, True])
def test_running_mean_needs_an_odd_whole_width(width):
    with pytest.raises(MeasureError, match="width"):
        running_mean(np.zeros(10), width)


def _blobs():
    mask = np.zeros((8, 10), bool)
    mask[1:3, 1:4] = True  # a block
    mask[3, 4] = True  # meets the block at a corner
    mask[6:8, 7:10] = True  # a separate block
    return mask


def test_flood_fill_paints_what_is_joined_also_at_corners():
    mask = _blobs()
    painted = flood_fill(mask, (1, 1))
    assert painted.sum() == 7
    assert painted[3, 4]
    assert not painted[6:8, 7:10].any()
    assert not (painted & ~mask).any()


def test_flood_fill_from_outside_the_mask_paints_nothing():
    assert not flood_fill(_blobs(), (0, 0)).any()


def test_flood_fill_matches_a_brute_force_labelling():
    mask = np.random.default_rng(3).random((30, 30)) < 0.45
    row, col = np.argwhere(mask)[0]
    painted = flood_fill(mask, (col, row))
    # Grow the region one step at a time until it stops changing.
    grown = np.zeros_like(mask)
    grown[row, col] = True
    while True:
        padded = np.pad(grown, 1)
        near = np.zeros_like(mask)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                near |= padded[1 + dr : 31 + dr, 1 + dc : 31 + dc]
        step = near & mask
        if (step == grown).all():
            break
        grown = step
    np.testing.assert_array_equal(painted, grown)


def test_flood_fill_refuses_a_start_outside_the_mask():
    with pytest.raises(MeasureError, match="outside"):
        flood_fill(np.ones((3, 3), bool), (0, 5))


def test_shadow_mask_finds_the_dark_pixels():
    from lunar_edu import render_scene

    frame = render_scene("dry-ground", sun_elevation=10.0, size="quarter")
    shadow = shadow_mask(frame)
    assert shadow.shape == frame.pixels.shape[:2]
    # Shadowed pixels are mostly the ones the answer key says get no sunlight.
    assert shadow.any()
    assert (~frame.truth.sunlit[shadow]).mean() > 0.8


def test_shadow_mask_below_the_horizon_is_all_shadow():
    from lunar_edu import render_scene

    frame = render_scene("dry-ground", sun_elevation=-2.0, size="quarter")
    assert shadow_mask(frame).all()


def test_shadow_mask_needs_a_fraction_between_0_and_1():
    from lunar_edu import render_scene

    frame = render_scene("dry-ground", size="quarter")
    with pytest.raises(MeasureError, match="fraction"):
        shadow_mask(frame, 1.5)
