"""Charts drawn with Pillow: data where the axes say, diagrams credited as such."""

import numpy as np
import pytest
from PIL import Image

import lunar_edu as le
from lunar_edu import gallery
from lunar_edu.charts import (
    DIAGRAM_SOURCE,
    ChartError,
    Mark,
    Series,
    chart_axes,
    line_chart,
    nice_ticks,
)
from lunar_edu.errors import LunarEduError
from lunar_edu.provenance import credit_line, source_of

PURE_RED = (255, 0, 0)


def chart(series, **options):
    options = {"title": "T", "x_label": "x (m)", "y_label": "y (m)", **options}
    return line_chart(series, **options)


def colour_near(image, xy, colour, radius=2):
    pixels = np.asarray(image)
    x, y = round(xy[0]), round(xy[1])
    patch = pixels[y - radius : y + radius + 1, x - radius : x + radius + 1]
    return bool((np.abs(patch.astype(int) - colour).sum(axis=-1) < 30).any())


def test_a_point_is_drawn_where_the_axes_map_it():
    image = chart(
        [Series("one point", [3.0], [7.0], colour=PURE_RED, style="points")],
        x_range=(0, 10),
        y_range=(0, 10),
    )
    axes = chart_axes(image)
    x, y = axes.to_px(3.0, 7.0)
    left, top, right, bottom = axes.box_px
    assert x == pytest.approx(left + 0.3 * (right - left))
    assert y == pytest.approx(bottom - 0.7 * (bottom - top))
    assert colour_near(image, (x, y), PURE_RED)
    # Nowhere far from the point is red.
    assert not colour_near(image, axes.to_px(8.0, 2.0), PURE_RED, radius=6)


def test_a_line_passes_through_its_points_and_log_axes_space_decades_evenly():
    image = chart(
        [Series("power law", [1, 10, 100], [1000, 10, 0.1], colour=PURE_RED)],
        x_log=True,
        y_log=True,
    )
    axes = chart_axes(image)
    a, b, c = (axes.to_px(x, y) for x, y in [(1, 1000), (10, 10), (100, 0.1)])
    # On log-log axes a power law is a straight line, decades equally wide.
    assert b[0] - a[0] == pytest.approx(c[0] - b[0], abs=0.01)
    assert b[1] - a[1] == pytest.approx(c[1] - b[1], abs=0.01)
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    assert colour_near(image, middle, PURE_RED)


def test_histogram_steps_have_flat_tops_between_their_edges():
    image = chart(
        [Series("counts", [0, 1, 2], [4, 8], colour=PURE_RED, style="steps")],
        y_range=(0, 10),
    )
    axes = chart_axes(image)
    for x in (0.25, 0.75):
        assert colour_near(image, axes.to_px(x, 4), PURE_RED)
    for x in (1.25, 1.75):
        assert colour_near(image, axes.to_px(x, 8), PURE_RED)
    assert not colour_near(image, axes.to_px(0.5, 8), PURE_RED)


def test_charts_are_repeatable_and_sized_as_asked():
    series = [Series("a", [0, 1, 2], [0, 1, 4]), Series("b", [0, 1, 2], [4, 1, 0])]
    first = chart(series, marks=[Mark(1.0, "middle"), Mark(2.0, "two", axis="y")])
    again = chart(series, marks=[Mark(1.0, "middle"), Mark(2.0, "two", axis="y")])
    assert first.size == (1200, 720)
    assert first.mode == "RGB"
    assert first.tobytes() == again.tobytes()
    small = chart(series, size_px=(600, 400))
    assert small.size == (600, 400)


def test_a_mark_draws_a_dashed_line_at_its_value():
    image = chart(
        [Series("a", [0, 10], [0, 10], colour=PURE_RED)],
        x_range=(0, 10),
        y_range=(0, 10),
        marks=[Mark(5.0, "half way")],
    )
    axes = chart_axes(image)
    x, _ = axes.to_px(5.0, 0.0)
    _, top, _, bottom = axes.box_px
    column = np.asarray(image)[top + 40 : bottom - 5, round(x)].astype(int)
    inked = (column.sum(axis=1) < 3 * 200).mean()
    # Dashed: about half the column is ink, half is paper.
    assert 0.3 < inked < 0.7


def test_a_chart_is_a_diagram_and_shows_with_its_credit():
    image = chart([Series("a", [0, 1], [0, 1])])
    assert source_of(image) == DIAGRAM_SOURCE
    assert credit_line(DIAGRAM_SOURCE).startswith("Diagram drawn by lunar_edu")
    gallery.reset({}, None)
    le.show(image, alt="A rising straight line on a white chart.", caption="A line.")
    (shown,) = gallery._STATE.queue
    assert "Diagram drawn by lunar_edu, not a photograph." in shown.caption
    assert "Licence: CC-BY-4.0." in shown.caption


def test_chinese_labels_are_drawn_with_real_glyphs():
    plain = chart([Series("a", [0, 1], [0, 1])], title="Chang'e 4")
    chinese = chart([Series("a", [0, 1], [0, 1])], title="嫦娥四号")
    other = chart([Series("a", [0, 1], [0, 1])], title="玉兔二号")
    top_strip = (slice(0, 60), slice(0, 600))
    a, b, c = (np.asarray(i)[top_strip] for i in (plain, chinese, other))
    assert not np.array_equal(b, c)
    assert not np.array_equal(a, b)


@pytest.mark.parametrize(
    ("series", "options", "words"),
    [
        ([], {}, "at least one Series"),
        ([Series("a", [0, 1, 2], [1, 2])], {}, "expected 2"),
        ([Series("a", [0, 1], [1, 2], style="steps")], {}, "bin edges"),
        ([Series("a", [0, 1], [1, 2], style="bars")], {}, "style 'bars'"),
        ([Series("a", [0, 1], [1, 2])], {"x_range": (5, 1)}, "from low to high"),
        ([Series("a", [0, 1], [1, 2])], {"x_log": True, "x_range": (0, 1)}, "above 0"),
        ([Series("a", [1, 2], [np.nan, np.nan])], {}, "no y values"),
        ([Series("a", [1, 2], [1, 2])], {"size_px": (100, 100)}, "at least 300"),
        ([Series("a", [1, 2], [1, 2])], {"legend": "middle"}, "legend must be"),
        (["not a series"], {}, "takes Series"),
    ],
)
def test_bad_chart_input_gives_one_clear_error(series, options, words):
    with pytest.raises(ChartError, match=words) as caught:
        chart(series, **options)
    assert isinstance(caught.value, LunarEduError)
    assert "\n" not in str(caught.value)


def test_a_picture_that_is_no_chart_has_no_axes():
    with pytest.raises(ChartError, match="not a chart"):
        chart_axes(Image.new("RGB", (10, 10)))


@pytest.mark.parametrize(
    ("low", "high"), [(0, 1023), (-0.5, 0.5), (0.001, 0.004), (12, 12000)]
)
def test_nice_ticks_are_round_even_and_inside_the_range(low, high):
    ticks = nice_ticks(low, high)
    assert 2 <= len(ticks) <= 8
    assert all(low - 1e-12 <= t <= high + 1e-12 for t in ticks)
    steps = np.diff(ticks)
    assert np.allclose(steps, steps[0])
    mantissa = steps[0] / 10 ** np.floor(np.log10(steps[0]))
    assert round(mantissa, 6) in (1.0, 2.0, 5.0)


def test_tick_labels_can_be_formatted_for_years():
    seen = []

    def year(value):
        seen.append(value)
        return f"{value:.0f}"

    chart(
        [Series("a", [2019, 2024], [0, 1613])], x_range=(2019, 2025), x_tick_format=year
    )
    assert seen == nice_ticks(2019, 2025)
    assert [f"{v:.0f}" for v in seen][:2] == ["2019", "2020"]


def test_a_mark_label_moves_out_of_the_legends_way():
    two = [
        Series("a series with a long name", [0, 10], [0, 10]),
        Series("another one", [0, 10], [10, 0]),
    ]
    options = {"x_range": (0, 10), "y_range": (0, 10)}
    plain = np.asarray(chart(two, **options)).astype(int)
    marked_image = chart(two, marks=[Mark(9.0, "late")], **options)
    marked = np.asarray(marked_image).astype(int)
    axes = chart_axes(marked_image)
    x, _ = axes.to_px(9.0, 0.0)
    _, top, _, bottom = axes.box_px
    # What the mark added beside its dashed line (either side), not on it.
    beside = np.r_[round(x) - 120 : round(x) - 3, round(x) + 4 : round(x) + 120]
    added = np.abs(marked - plain).sum(axis=-1) > 60
    near_top = added[top : top + 60][:, beside].sum()
    near_bottom = added[bottom - 60 : bottom][:, beside].sum()
    # The legend fills the upper right, so the label went to the bottom.
    assert near_bottom > 20
    assert near_top == 0
