"""The magnifier inset: the region enlarged with square pixels, outlined where it is."""

import numpy as np
import pytest
from PIL import Image

from lunar_edu.annotate import AnnotationError, drawn_texts, magnifier
from lunar_edu.annotate.palette import OKABE_ITO


def checker(size=(600, 400)):
    rng = np.random.default_rng(3)
    pixels = rng.integers(40, 200, size=(size[1], size[0], 3), dtype=np.uint8)
    return Image.fromarray(pixels)


def test_the_inset_holds_the_region_enlarged_pixel_for_pixel():
    image = checker()
    out = magnifier(image, (100, 200, 120, 215), zoom=5, corner="upper left")
    region = np.asarray(image)[200:215, 100:120]
    enlarged = region.repeat(5, axis=0).repeat(5, axis=1)
    found = np.asarray(out)
    # Find the enlargement: it sits in the upper-left corner, inside a frame.
    matches = [
        (top, left)
        for top in range(40)
        for left in range(40)
        if np.array_equal(found[top : top + 75, left : left + 100], enlarged)
    ]
    assert len(matches) == 1
    assert np.array_equal(np.asarray(image), np.asarray(checker()))  # untouched


def test_the_region_is_outlined_and_the_zoom_is_written():
    out = magnifier(checker(), (300, 250, 330, 270), zoom=4, corner="lower right")
    pixels = np.asarray(out)
    yellow = np.array(OKABE_ITO["yellow"])
    # The outline runs just outside the region's left edge.
    assert (np.abs(pixels[255:265, 298].astype(int) - yellow).sum(axis=1) < 10).all()
    assert "× 4" in [t.text for t in drawn_texts(out)]
    # The lower-right inset leaves the upper-left corner as it was.
    assert np.array_equal(pixels[:100, :100], np.asarray(checker())[:100, :100])


def test_the_default_zoom_is_the_largest_that_fits():
    out = magnifier(checker(), (10, 10, 40, 30), label="a far rover")
    texts = [t.text for t in drawn_texts(out)]
    assert texts == ["a far rover"]
    assert out.size == (600, 400)


@pytest.mark.parametrize(
    ("box", "options", "words"),
    [
        ((10, 10, 11, 40), {}, "at least 2 x 2"),
        ((700, 10, 720, 40), {}, "at least 2 x 2"),
        ((10, 10, 40, 30), {"zoom": 1}, "cannot be enlarged"),
        ((10, 10, 300, 300), {"zoom": 3}, "cannot be enlarged"),
        ((10, 10, 40, 30), {"zoom": 2.5}, "whole number"),
        ((10, 10, 40, 30), {"corner": "middle"}, "corner must be"),
    ],
)
def test_impossible_insets_raise_an_annotation_error(box, options, words):
    with pytest.raises(AnnotationError, match=words):
        magnifier(checker(), box, **options)
