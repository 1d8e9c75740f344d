"""Line charts drawn with Pillow, for lessons that plot what they measured.

A lesson plots a brightness profile, the red, green and blue histograms of a
picture, or how many craters there are of each size. Pillow, which draws
everything else here, draws the charts too: with the bundled fonts (so
Chinese labels work and every machine gives the same pixels), the Okabe-Ito
colours and a white background that prints well. A chart is a *diagram*:
its credit says it was drawn by lunar_edu, not taken by a camera.

Where a chart puts its data is kept with the picture: :func:`chart_axes`
returns the mapping from data to pixels, so a lesson can point at a value and
a test can check where a point was drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from PIL import Image, ImageDraw

from .annotate.fonts import layout_text
from .annotate.palette import OKABE_ITO
from .errors import LunarEduError
from .frame import Source
from .provenance import attach_source
from .translations import translate

__all__ = [
    "DIAGRAM_SOURCE",
    "ChartAxes",
    "ChartError",
    "Mark",
    "Series",
    "chart_axes",
    "line_chart",
    "nice_ticks",
]

RGB = tuple[int, int, int]
Style = Literal["line", "points", "line+points", "steps"]

#: The source of a chart drawn by lunar_edu.
DIAGRAM_SOURCE = Source(
    kind="diagram",
    credit="lunar_edu contributors",
    licence="CC-BY-4.0",
    origin="lunar_edu.charts",
)

#: Colours given to series in turn when a series names none (Okabe-Ito).
SERIES_COLOURS: tuple[RGB, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
)

_PAPER: RGB = (255, 255, 255)
_INK: RGB = (34, 34, 34)
_GRID: RGB = (222, 222, 222)
_MARK: RGB = (90, 90, 90)
_AXES_KEY = "lunar_edu.chart_axes"
_STYLES = ("line", "points", "line+points", "steps")
_LEGEND_CORNERS = ("upper right", "upper left", "lower right", "lower left")


class ChartError(LunarEduError, ValueError):
    """A chart was asked for with data or options that cannot be drawn."""


@dataclass(frozen=True)
class Series:
    """One set of values to draw.

    Parameters
    ----------
    label : str
        Its name in the legend, e.g. ``"red"``.
    x, y : sequence of float
        The values. For ``style="steps"`` (a histogram), ``x`` holds the bin
        edges, one more than ``y``.
    colour : tuple of int, optional
        RGB colour; the next Okabe-Ito colour when not given.
    style : {"line", "points", "line+points", "steps"}
        How to draw it.
    """

    label: str
    x: Sequence[float]
    y: Sequence[float]
    colour: RGB | None = None
    style: Style = "line"


@dataclass(frozen=True)
class Mark:
    """A dashed reference line across the chart, with a label.

    Parameters
    ----------
    value : float
        Where the line is, in data units.
    label : str
        What it marks, e.g. ``"Chang'e 4 site"``.
    axis : {"x", "y"}
        ``"x"`` draws a vertical line at ``x = value``; ``"y"`` a horizontal
        line at ``y = value``.
    """

    value: float
    label: str
    axis: Literal["x", "y"] = "x"


@dataclass(frozen=True)
class ChartAxes:
    """Where a chart drew its data: the plot box and the ranges of both axes.

    Parameters
    ----------
    box_px : tuple of int
        The plot area as (left, top, right, bottom) pixels.
    x_range, y_range : tuple of float
        The data values at the left and right (bottom and top) edges.
    x_log, y_log : bool
        Whether an axis is logarithmic.
    """

    box_px: tuple[int, int, int, int]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_log: bool = False
    y_log: bool = False

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        """Return the pixel (x, y) = (column, row) of a data point.

        Parameters
        ----------
        x, y : float
            The point in data units.

        Returns
        -------
        tuple of float
            Its column and row in the chart picture.
        """
        left, top, right, bottom = self.box_px
        fx = _fraction(x, self.x_range, self.x_log)
        fy = _fraction(y, self.y_range, self.y_log)
        return (left + fx * (right - left), bottom - fy * (bottom - top))


def _fraction(value: float, span: tuple[float, float], log: bool) -> float:
    low, high = span
    if log:
        return (math.log10(value) - math.log10(low)) / (
            math.log10(high) - math.log10(low)
        )
    return (value - low) / (high - low)


def chart_axes(image: Image.Image) -> ChartAxes:
    """Return where :func:`line_chart` drew the data of a chart.

    Parameters
    ----------
    image : PIL.Image.Image
        A chart made by :func:`line_chart`.

    Returns
    -------
    ChartAxes
        The plot box and the axis ranges.

    Raises
    ------
    ChartError
        If the picture is not a chart made by lunar_edu.
    """
    axes = image.info.get(_AXES_KEY)
    if not isinstance(axes, ChartAxes):
        msg = "This picture is not a chart made by lunar_edu.charts.line_chart()."
        raise ChartError(msg)
    return axes


def nice_ticks(low: float, high: float, *, most: int = 8) -> list[float]:
    """Return round tick values (1, 2 or 5 times a power of ten) from low to high.

    Parameters
    ----------
    low, high : float
        The axis range, low < high.
    most : int
        The largest number of ticks wanted.

    Returns
    -------
    list of float
        Ticks inside the range, evenly spaced.

    Examples
    --------
    >>> nice_ticks(0, 1023)
    [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]
    >>> nice_ticks(-0.5, 0.5)
    [-0.4, -0.2, 0.0, 0.2, 0.4]
    """
    span = high - low
    raw = span / max(1, most - 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    # Rounding keeps 0.30000000000000004 out of the labels.
    return [round(k * step, 12) + 0.0 for k in range(first, last + 1)]


def _log_ticks(low: float, high: float) -> list[float]:
    """Return 1, 2 and 5 times each power of ten in the range (fewer if crowded)."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    steps = (1, 2, 5) if last - first <= 4 else (1,)
    ticks = [m * 10.0**p for p in range(first, last + 1) for m in steps]
    return [t for t in ticks if low * (1 - 1e-9) <= t <= high * (1 + 1e-9)]


def _tick_text(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}"


def _check_series(series: Sequence[Series]) -> list[tuple[np.ndarray, np.ndarray]]:
    if not series:
        msg = "line_chart() needs at least one Series to draw."
        raise ChartError(msg)
    arrays = []
    for one in series:
        if not isinstance(one, Series):
            msg = f"line_chart() takes Series objects, got {type(one).__name__}."
            raise ChartError(msg)
        if one.style not in _STYLES:
            msg = (
                f"Series {one.label!r} has style {one.style!r}; use one of "
                f"{', '.join(_STYLES)}."
            )
            raise ChartError(msg)
        x = np.asarray(one.x, dtype=float).ravel()
        y = np.asarray(one.y, dtype=float).ravel()
        expected = y.size + 1 if one.style == "steps" else y.size
        if y.size == 0 or x.size != expected:
            what = "bin edges (one more than values)" if one.style == "steps" else "x"
            msg = (
                f"Series {one.label!r} has {y.size} values and {x.size} {what} "
                f"values; expected {expected}."
            )
            raise ChartError(msg)
        arrays.append((x, y))
    return arrays


def _data_range(
    values: list[np.ndarray],
    given: tuple[float, float] | None,
    log: bool,
    name: str,
) -> tuple[float, float]:
    if given is not None:
        low, high = float(given[0]), float(given[1])
    else:
        finite = np.concatenate([v[np.isfinite(v)] for v in values])
        if log:
            finite = finite[finite > 0]
        if finite.size == 0:
            msg = f"The chart has no {name} values it can draw (all missing)."
            raise ChartError(msg)
        low, high = float(finite.min()), float(finite.max())
        if not log:
            low = min(low, 0.0) if low >= 0 else low
            pad = 0.05 * (high - low) if high > low else max(1.0, abs(high))
            high += pad
            low = low if low == 0 else low - pad
        elif high == low:
            low, high = low / 2, high * 2
    if not (math.isfinite(low) and math.isfinite(high) and high > low):
        msg = f"The {name} axis range must go from low to high, got ({low}, {high})."
        raise ChartError(msg)
    if log and low <= 0:
        msg = f"A logarithmic {name} axis needs values above 0, got a low end of {low}."
        raise ChartError(msg)
    return low, high


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_log: bool = False,
    y_log: bool = False,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    marks: Sequence[Mark] = (),
    legend: str = "upper right",
    x_tick_format: Callable[[float], str] | None = None,
    y_tick_format: Callable[[float], str] | None = None,
    size_px: tuple[int, int] = (1200, 720),
    source: Source | None = None,
) -> Image.Image:
    """Draw values as a line chart: lines, points or histogram steps.

    Parameters
    ----------
    series : sequence of Series
        What to draw, in drawing order; each gets a legend entry.
    title : str
        The chart's title, drawn above it.
    x_label, y_label : str
        What each axis shows, with its unit, e.g. ``"distance (m)"``.
    x_log, y_log : bool
        Use a logarithmic axis (values must be above 0).
    x_range, y_range : tuple of float, optional
        The axis ranges; from the data when not given (linear axes start at
        0 when all values are positive).
    marks : sequence of Mark
        Dashed reference lines with labels.
    legend : {"upper right", "upper left", "lower right", "lower left"}
        Which corner of the plot the legend box sits in (pick the emptiest);
        mark labels move out of its way.
    x_tick_format, y_tick_format : callable, optional
        Turn a tick value into its label, e.g. ``"{:.0f}".format`` for years
        (by default thousands get separators: ``1,000``).
    size_px : tuple of int
        Width and height of the picture in pixels.
    source : Source, optional
        Whose chart it is; :data:`DIAGRAM_SOURCE` (lunar_edu, CC BY 4.0)
        when not given.

    Returns
    -------
    PIL.Image.Image
        An RGB chart, its source attached for :func:`lunar_edu.show`; see
        :func:`chart_axes` for where the data went.

    Raises
    ------
    ChartError
        If there is nothing to draw, values and x values do not pair up, a
        style is unknown or an axis range is impossible.

    Examples
    --------
    >>> chart = line_chart(
    ...     [Series("rock shadow", [5, 10, 20, 40], [3.4, 1.7, 0.8, 0.4])],
    ...     title="Shadow of a 0.3 m rock",
    ...     x_label="Sun elevation (°)",
    ...     y_label="shadow length (m)",
    ... )
    >>> chart.size, chart.info["lunar_edu.source"].kind
    ((1200, 720), 'diagram')
    """
    arrays = _check_series(series)
    if legend not in _LEGEND_CORNERS:
        msg = f"legend must be one of {', '.join(_LEGEND_CORNERS)}, got {legend!r}."
        raise ChartError(msg)
    width, height = (int(v) for v in size_px)
    if width < 300 or height < 200:
        msg = f"A chart needs at least 300 x 200 pixels, got {width} x {height}."
        raise ChartError(msg)
    text_px = max(14, round(height / 30))
    # Words in lunar_edu's language (LUNAR_EDU_LANG, lunar_edu.translations).
    title, x_label, y_label = translate(title), translate(x_label), translate(y_label)
    series = [replace(one, label=translate(one.label)) for one in series]
    marks = [replace(mark, label=translate(mark.label)) for mark in marks]
    x_span = _data_range([a[0] for a in arrays], x_range, x_log, "x")
    y_span = _data_range([a[1] for a in arrays], y_range, y_log, "y")

    image = Image.new("RGB", (width, height), _PAPER)
    draw = ImageDraw.Draw(image)
    title_block = layout_text(title, round(1.25 * text_px), bold=True)
    y_ticks = _log_ticks(*y_span) if y_log else nice_ticks(*y_span)
    y_text = y_tick_format or _tick_text
    tick_blocks = [layout_text(y_text(t), text_px) for t in y_ticks]
    left = 24 + max(b.width_px for b in tick_blocks) + text_px
    top = 20 + title_block.height_px + text_px
    right = width - 30
    bottom = height - 30 - 2 * layout_text("0", text_px).height_px
    box = (left, top, right, bottom)
    axes = ChartAxes(box, x_span, y_span, x_log, y_log)

    title_block.draw(draw, (left, 16), fill=_INK)
    _draw_grid(draw, axes, y_ticks, tick_blocks, text_px, x_tick_format or _tick_text)
    legend_box = _legend_layout(axes, series, text_px, legend)
    for mark in marks:
        _draw_mark(draw, axes, mark, text_px, avoid=legend_box and legend_box[0])
    for index, (one, (x, y)) in enumerate(zip(series, arrays, strict=True)):
        colour = one.colour or SERIES_COLOURS[index % len(SERIES_COLOURS)]
        _draw_series(draw, axes, one.style, x, y, colour, max(2, height // 240))
    draw.line([(left, top), (left, bottom), (right, bottom)], fill=_INK, width=2)
    x_block = layout_text(x_label, text_px)
    x_block.draw(
        draw, ((left + right - x_block.width_px) / 2, height - 16 - x_block.height_px),
        fill=_INK,
    )  # fmt: skip
    layout_text(y_label, text_px).draw(draw, (left, top - text_px - 8), fill=_INK)
    if legend_box:
        _draw_legend(draw, series, text_px, *legend_box)
    image.info[_AXES_KEY] = axes
    return attach_source(image, source or DIAGRAM_SOURCE)


def _draw_grid(draw, axes: ChartAxes, y_ticks, tick_blocks, text_px, x_text) -> None:
    left, top, right, bottom = axes.box_px
    for tick, block in zip(y_ticks, tick_blocks, strict=True):
        _, y = axes.to_px(axes.x_range[0], tick)
        draw.line([(left, y), (right, y)], fill=_GRID, width=1)
        block.draw(
            draw, (left - 10 - block.width_px, y - block.height_px / 2), fill=_INK
        )
    x_ticks = _log_ticks(*axes.x_range) if axes.x_log else nice_ticks(*axes.x_range)
    for tick in x_ticks:
        x, _ = axes.to_px(tick, axes.y_range[0])
        draw.line([(x, top), (x, bottom)], fill=_GRID, width=1)
        draw.line([(x, bottom), (x, bottom + 8)], fill=_INK, width=2)
        block = layout_text(x_text(tick), text_px)
        block.draw(draw, (x - block.width_px / 2, bottom + 12), fill=_INK)


def _overlaps(box, other) -> bool:
    return not (
        box[2] < other[0] or other[2] < box[0] or box[3] < other[1] or other[3] < box[1]
    )


def _draw_mark(draw, axes: ChartAxes, mark: Mark, text_px: int, avoid=None) -> None:
    left, top, right, bottom = axes.box_px
    block = layout_text(mark.label, round(0.85 * text_px))
    w, h = block.width_px, block.height_px
    places: list[tuple[float, float]]
    if mark.axis == "x":
        x, _ = axes.to_px(mark.value, axes.y_range[0])
        if not left <= x <= right:
            return
        _dashed(draw, (x, top), (x, bottom))
        # Beside the line on whichever side has room; at the top, or at the
        # bottom when the legend is in the way.
        label_x = x - 8 - w if x + 8 + w > right else x + 8
        places = [(label_x, top + 6), (label_x, bottom - 6 - h)]
    else:
        _, y = axes.to_px(axes.x_range[0], mark.value)
        if not top <= y <= bottom:
            return
        _dashed(draw, (left, y), (right, y))
        label_y = y - h - 4 if y - h - 4 > top else y + 4
        places = [(right - w - 8, label_y), (left + 8, label_y)]
    chosen = places[0]
    if avoid is not None and _overlaps((*chosen, chosen[0] + w, chosen[1] + h), avoid):
        chosen = places[1]
    block.draw(draw, chosen, fill=_MARK)


def _dashed(draw, start, end, dash_px: int = 10) -> None:
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    pieces = max(1, int(length // dash_px))
    for k in range(0, pieces, 2):
        a, b = k / pieces, min(1.0, (k + 1) / pieces)
        draw.line(
            [
                (
                    start[0] + a * (end[0] - start[0]),
                    start[1] + a * (end[1] - start[1]),
                ),
                (
                    start[0] + b * (end[0] - start[0]),
                    start[1] + b * (end[1] - start[1]),
                ),
            ],
            fill=_MARK,
            width=2,
        )


def _clip_px(
    axes: ChartAxes, x: np.ndarray, y: np.ndarray
) -> list[tuple[float, float] | None]:
    """Return the pixel positions of the drawable points, None at gaps."""
    points: list[tuple[float, float] | None] = []
    for xv, yv in zip(x, y, strict=True):
        bad = not (math.isfinite(xv) and math.isfinite(yv))
        bad = bad or (axes.x_log and xv <= 0) or (axes.y_log and yv <= 0)
        points.append(None if bad else axes.to_px(float(xv), float(yv)))
    return points


def _draw_series(draw, axes: ChartAxes, style, x, y, colour: RGB, width: int) -> None:
    left, top, right, bottom = axes.box_px
    if style == "steps":
        # A histogram: flat tops from edge to edge, joined by risers.
        xs = np.repeat(x, 2)[1:-1]
        x, y = xs, np.repeat(y, 2)
    points = _clip_px(axes, x, y)
    clipped = [
        None
        if p is None
        else (min(max(p[0], left), right), min(max(p[1], top), bottom))
        for p in points
    ]
    if style in ("line", "line+points", "steps"):
        run: list[tuple[float, float]] = []
        for point in [*clipped, None]:
            if point is None:
                if len(run) > 1:
                    draw.line(run, fill=colour, width=width, joint="curve")
                run = []
            else:
                run.append(point)
    if style in ("points", "line+points"):
        radius = 2 * width + 1
        for point in points:
            if point is None or not (
                left <= point[0] <= right and top <= point[1] <= bottom
            ):
                continue
            px, py = point
            draw.ellipse(
                [px - radius, py - radius, px + radius, py + radius],
                fill=colour,
                outline=_PAPER,
            )


def _legend_layout(axes: ChartAxes, series, text_px: int, corner: str):
    """Return the legend's box, its text blocks and where they go, or None."""
    if len(series) < 2 and not series[0].label:
        return None
    left, top, right, bottom = axes.box_px
    blocks = [layout_text(one.label, text_px) for one in series]
    swatch = 2 * text_px
    inner = max(b.width_px for b in blocks) + swatch + 12
    line_h = max(b.height_px for b in blocks) + 6
    x0 = left + 24 if corner.endswith("left") else right - inner - 24
    y0 = top + 10 if corner.startswith("upper") else bottom - 10 - line_h * len(blocks)
    box = (x0 - 10, y0 - 6, x0 + inner + 10, y0 + line_h * len(blocks))
    return box, blocks, (x0, y0, swatch, line_h)


def _draw_legend(draw, series, text_px: int, box, blocks, place) -> None:
    x0, y0, swatch, line_h = place
    draw.rectangle(list(box), fill=_PAPER, outline=_GRID)
    for index, (one, block) in enumerate(zip(series, blocks, strict=True)):
        colour = one.colour or SERIES_COLOURS[index % len(SERIES_COLOURS)]
        y = y0 + index * line_h + line_h / 2
        if one.style == "points":
            r = text_px / 3
            draw.ellipse(
                [x0 + swatch / 2 - r, y - r, x0 + swatch / 2 + r, y + r], fill=colour
            )
        else:
            draw.line([(x0, y), (x0 + swatch, y)], fill=colour, width=4)
        block.draw(draw, (x0 + swatch + 12, y - block.height_px / 2 - 3), fill=_INK)
