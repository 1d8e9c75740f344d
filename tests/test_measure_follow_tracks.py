"""follow_tracks(): wheel tracks followed up a picture as dark grooves."""

import numpy as np
import pytest

from lunar_edu.measure import MeasureError, follow_tracks


def _ground(height, width, centres, depth=30.0):
    """Return gray ground at level 100 with one dark groove per centre.

    ``centres`` holds functions giving a groove's column for a row, so a
    groove can run straight up, slant or curve; each groove is a smooth
    dip 4 pixels wide, ``depth`` levels deep.
    """
    x_px = np.arange(width)
    image = np.full((height, width), 100.0)
    for y_px in range(height):
        for centre in centres:
            image[y_px] -= depth * np.exp(-(((x_px - centre(y_px)) / 4) ** 2))
    return image


def test_straight_grooves_are_followed_at_their_columns_left_to_right():
    # The right groove is darker, so it is found first; paths still go left
    # to right.
    image = _ground(60, 400, [lambda y: 80, lambda y: 300])
    image -= 20 * np.exp(-(((np.arange(400) - 300) / 4) ** 2))
    left, right = follow_tracks(image)
    rows = np.arange(60 - 8, 0, -2)  # from 8 rows above the bottom, 2 at a time
    np.testing.assert_array_equal(left[:, 1], rows)
    np.testing.assert_array_equal(right[:, 1], rows)
    np.testing.assert_allclose(left[:, 0], 80)
    np.testing.assert_allclose(right[:, 0], 300)


def test_a_slanted_groove_is_followed_across_many_columns():
    height = 120

    def centre(y):
        return 150 + 0.8 * (height - 1 - y)  # 95 columns right over the picture

    (path,) = follow_tracks(_ground(height, 400, [centre]), count=1)
    assert len(path) == (height - 8) // 2
    expected = np.array([centre(y) for y in path[:, 1]])
    # Within a pixel or two: the steadying running mean leans at the ends.
    np.testing.assert_allclose(path[:, 0], expected, atol=2.0)
    assert path[-1, 0] - path[0, 0] > 3 * 25  # much farther than one reach


def test_the_path_stops_where_the_groove_fades():
    image = _ground(100, 400, [lambda y: 200])
    image[:50] = 100.0  # no groove in the top half
    (path,) = follow_tracks(image, count=1)
    # The 9-row smoothing blurs the end of the groove by a few rows.
    assert 44 <= path[-1, 1] <= 56


def test_the_path_stops_below_the_top_row_given():
    (path,) = follow_tracks(_ground(80, 400, [lambda y: 200]), 30, count=1)
    assert path[:, 1].min() == 32
    assert (path[:, 1] > 30).all()


def test_the_path_stops_before_the_edge_of_the_picture():
    height, width = 120, 300

    def centre(y):
        return 230 + 2.0 * (height - 1 - y)  # leaves on the right at row ~84

    (path,) = follow_tracks(_ground(height, width, [centre]), count=1)
    assert path[:, 0].max() < width - 1
    assert path[-1, 1] > 60  # gave up well before the top


def test_flat_ground_gives_an_empty_path():
    (path,) = follow_tracks(np.full((40, 300), 100.0), count=1)
    assert path.shape == (0, 2)


def test_colour_or_gray_same_answer_and_the_input_is_kept():
    gray = _ground(50, 400, [lambda y: 90, lambda y: 280])
    colour = np.stack([gray] * 3, axis=2).astype(np.uint8)
    kept = colour.copy()
    first = follow_tracks(colour)
    second = follow_tracks(colour)
    assert np.array_equal(colour, kept)
    for a, b, c in zip(first, second, follow_tracks(colour[..., 0]), strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)


def test_a_weak_groove_is_followed_only_with_a_lower_threshold():
    image = _ground(50, 400, [lambda y: 200], depth=4.0)
    (strict,) = follow_tracks(image, count=1)
    (lenient,) = follow_tracks(image, count=1, darker_than=-0.5)
    assert len(strict) == 0
    assert len(lenient) == (50 - 8) // 2


@pytest.mark.parametrize(
    ("image", "options", "words"),
    [
        (np.zeros(50), {}, "rows x columns"),
        (np.zeros((2, 3, 4, 5)), {}, "rows x columns"),
        (np.zeros((8, 300)), {}, "taller picture"),
        (np.zeros((40, 300)), {"top_row_px": 32}, "top_row_px must be"),
        (np.zeros((40, 300)), {"top_row_px": -1}, "top_row_px must be"),
        (np.zeros((40, 300)), {"top_row_px": 2.0}, "top_row_px must be"),
        (np.zeros((40, 300)), {"count": 0}, "count must be"),
        (np.zeros((40, 300)), {"reach_px": True}, "reach_px must be"),
        (np.zeros((40, 300)), {"apart_px": 1.5}, "apart_px must be"),
        (np.zeros((40, 120)), {"count": 3}, "no room for 3 tracks"),
    ],
)
def test_bad_input_says_what_to_change(image, options, words):
    with pytest.raises(MeasureError, match=words):
        follow_tracks(image, **options)
