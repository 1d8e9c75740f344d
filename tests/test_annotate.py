import numpy as np
import pytest
from PIL import Image

from lunar_edu.annotate import AnnotationError, label, nice_length_m, scale_bar


@pytest.fixture
def gray_picture():
    return Image.new("L", (400, 300), 128)


def test_label_returns_a_new_picture_and_leaves_the_input_alone(gray_picture):
    before = np.asarray(gray_picture).copy()
    out = label(gray_picture, "crater", (200, 150))
    np.testing.assert_array_equal(np.asarray(gray_picture), before)
    assert out.size == gray_picture.size
    assert out.mode == "RGB"
    changed = np.any(np.asarray(out) != 128, axis=2)
    assert changed.sum() > 100
    # Text is white with a black halo, whatever the background.
    pixels = np.asarray(out).reshape(-1, 3)
    assert (pixels == 255).all(axis=1).any()
    assert (pixels == 0).all(axis=1).any()


def test_label_is_deterministic(gray_picture):
    a = np.asarray(label(gray_picture, "Yutu-2", (100, 100)))
    b = np.asarray(label(gray_picture, "Yutu-2", (100, 100)))
    np.testing.assert_array_equal(a, b)


def test_label_text_stays_inside_the_picture_near_an_edge(gray_picture):
    out = np.asarray(label(gray_picture, "a long label near the right edge", (395, 5)))
    # The text is the only bright ink: the background is 128 and the yellow
    # leader line has a blue channel of 66.
    text = out.min(axis=2) > 180
    cols = np.flatnonzero(text.any(axis=0))
    rows = np.flatnonzero(text.any(axis=1))
    assert text.sum() > 100
    # The text was pushed back inside, clear of the top and right borders.
    assert cols.max() < 399
    assert rows.min() > 0


def test_label_outside_the_picture_is_refused(gray_picture):
    with pytest.raises(AnnotationError, match="outside the 400 x 300 picture"):
        label(gray_picture, "crater", (401, 10))
    with pytest.raises(AnnotationError, match="empty"):
        label(gray_picture, "  ", (10, 10))


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(7.3, 5.0), (20.0, 20.0), (0.14, 0.1), (1.99, 1.0), (250.0, 200.0)],
)
def test_nice_length_is_the_longest_round_length_that_fits(limit, expected):
    assert nice_length_m(limit) == expected


def test_scale_bar_has_the_right_length_in_pixels(gray_picture):
    # 0.05 m per pixel: a 5 m bar must be exactly 100 px of white.
    out = np.asarray(scale_bar(gray_picture, 0.05, length_m=5.0))
    white = (out == 255).all(axis=2)
    longest_run = max(_longest_true_run(row) for row in white)
    assert longest_run == 100


def test_scale_bar_default_length_fits_a_quarter_of_the_width(gray_picture):
    out = np.asarray(scale_bar(gray_picture, 0.1))  # 40 m wide picture
    white = (out == 255).all(axis=2)
    assert max(_longest_true_run(row) for row in white) == 100  # 10 m


def test_scale_bar_refuses_bad_scales(gray_picture):
    with pytest.raises(AnnotationError, match="ground_sample_distance"):
        scale_bar(gray_picture, 0.0)
    with pytest.raises(AnnotationError, match="does not fit"):
        scale_bar(gray_picture, 0.01, length_m=100.0)


def _longest_true_run(values):
    best = run = 0
    for value in values:
        run = run + 1 if value else 0
        best = max(best, run)
    return best
