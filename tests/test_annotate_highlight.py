"""arrow(..., both_ends=True) and highlight(picture, mask)."""

import numpy as np
import pytest
from PIL import Image

from lunar_edu.annotate import OKABE_ITO, AnnotationError, arrow, highlight
from lunar_edu.frame import Source
from lunar_edu.provenance import attach_source, source_of


def _ground(width=120, height=80):
    rng = np.random.default_rng(0)
    pixels = rng.integers(60, 120, (height, width, 3), dtype=np.uint8)
    return Image.fromarray(pixels)


def _yellow_near(image, xy, reach=3):
    pixels = np.asarray(image)
    x, y = int(xy[0]), int(xy[1])
    window = pixels[y - reach : y + reach + 1, x - reach : x + reach + 1]
    return (window == OKABE_ITO["yellow"]).all(axis=2).sum()


def test_a_double_arrow_has_a_head_at_each_end():
    ground = _ground()
    one = arrow(ground, (20, 40), (100, 40))
    both = arrow(ground, (20, 40), (100, 40), both_ends=True)
    # A head is wider than the shaft: more yellow near the end with a head.
    assert _yellow_near(both, (24, 40)) > _yellow_near(one, (24, 40))
    assert _yellow_near(both, (96, 40)) >= _yellow_near(one, (96, 40)) - 2
    assert _yellow_near(both, (60, 40)) > 0


def test_a_double_arrow_is_two_arrows_from_the_middle():
    ground = _ground()
    middle = (60.0, 40.0)
    by_hand = arrow(arrow(ground, middle, (20, 40)), middle, (100, 40))
    np.testing.assert_array_equal(
        np.asarray(arrow(ground, (20, 40), (100, 40), both_ends=True)),
        np.asarray(by_hand),
    )


def test_highlight_paints_only_the_mask_and_keeps_the_source():
    ground = attach_source(_ground(), Source("simulated", "lunar_edu", "CC-BY-4.0"))
    mask = np.zeros((80, 120), bool)
    mask[10:20, 30:50] = True
    out = highlight(ground, mask)
    before, after = np.asarray(ground), np.asarray(out)
    np.testing.assert_array_equal(after[~mask], before[~mask])
    blue = np.array(OKABE_ITO["blue"])
    # Painted pixels move towards the colour.
    assert (
        np.abs(after[mask].astype(int) - blue).sum()
        < np.abs(before[mask].astype(int) - blue).sum()
    )
    assert source_of(out) == source_of(ground)
    assert np.asarray(ground).tolist() == before.tolist()  # input untouched


def test_highlight_strength_one_is_the_colour_itself():
    mask = np.ones((80, 120), bool)
    out = highlight(_ground(), mask, colour=(10, 20, 30), strength=1.0)
    assert (np.asarray(out) == (10, 20, 30)).all()


def test_highlight_refuses_a_mask_of_another_size():
    with pytest.raises(AnnotationError, match="80 rows and 120 columns"):
        highlight(_ground(), np.ones((10, 10), bool))


def test_highlight_refuses_a_strength_outside_0_to_1():
    with pytest.raises(AnnotationError, match="strength"):
        highlight(_ground(), np.ones((80, 120), bool), strength=2)
