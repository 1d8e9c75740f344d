"""Draw the story pages' pictures at build time: Yutu-2's odometer chart and the hero.

At ``builder-inited`` this extension writes into ``docs/_generated/``
(git-ignored):

- ``yutu2_odometer.png``, a line chart drawn with Pillow from
  ``docs/story/yutu2_odometer.csv`` (one source per point), and
  ``yutu2_odometer.myst``, the figure (alt text, caption with credit and
  licence) plus the data table that ``docs/story/yutu-2.md`` includes;
- ``hero.webp``, a simulated picture from the virtual Chang'e 4 with the
  "SIMULATED · lunar_edu" tag in its corner, and ``hero.myst``, its figure
  with alt text and a caption that says it is simulated, included by
  ``docs/index.md``.

Both files carry their title, alt text, caption, credit, licence and status
inside (``lunar_edu.picture_file.save_picture``): the chart as a PNG
(a diagram, no tag), the hero as WebP.

Alt text and caption are written next to the picture because they depend on
what was drawn (the latest data point, the scene that was rendered). Each
picture is redrawn only when its inputs change: a fingerprint of the data,
the scene parameters and the drawing code is stored beside it, so a rebuild
with nothing changed costs a few file reads.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFont
from sphinx.util import logging

from lunar_edu.frame import SIMULATED_CREDIT, SIMULATED_LICENCE
from lunar_edu.stamp import licence_short

logger = logging.getLogger(__name__)

GENERATED_DIR = "_generated"
ODOMETER_CSV = Path("story") / "yutu2_odometer.csv"
ODOMETER_STEM = "yutu2_odometer"
HERO_STEM = "hero"

# Confidence ratings of the fact sheet that may be stated as fact.
_PUBLISHABLE = ("High", "Medium")
_COLUMNS = (
    "date_reported",
    "plot_date",
    "distance_m",
    "approximate",
    "context",
    "sources",
    "confidence",
)


class OdometerDataError(ValueError):
    """The odometer data file is malformed or cites no source for a point."""


@dataclass(frozen=True)
class OdometerPoint:
    """One reported cumulative distance of Yutu-2.

    Attributes
    ----------
    date_reported : str
        The date as the source gives it, e.g. ``"mid-Sep 2024"``.
    plot_date : datetime.date
        Where the point sits on the time axis.
    distance_text : str
        The distance in metres exactly as reported, e.g. ``"345.059"``.
    approximate : bool
        True for a rounded figure ("about 1,300 m").
    context : str
        What happened then.
    sources : tuple of str
        Fact-sheet source tags, e.g. ``("S44", "S19")``.
    confidence : str
        The fact sheet's rating, ``"High"`` or ``"Medium"``.
    """

    date_reported: str
    plot_date: dt.date
    distance_text: str
    approximate: bool
    context: str
    sources: tuple[str, ...]
    confidence: str

    @property
    def distance_m(self) -> float:
        """Return the distance in metres as a number."""
        return float(self.distance_text)

    @property
    def label(self) -> str:
        """Return the distance as printed on the page, e.g. ``"≈1,300 m"``."""
        whole, _, fraction = self.distance_text.partition(".")
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
        return ("≈" if self.approximate else "") + f"{text} m"


def read_odometer(path: Path) -> tuple[OdometerPoint, ...]:
    """Read and check the odometer data file.

    Lines starting with ``#`` are comments. Every point needs a source tag and
    a publishable confidence; dates and distances must not go backwards.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file.

    Returns
    -------
    tuple of OdometerPoint
        The points in date order.

    Raises
    ------
    OdometerDataError
        If a column is missing, a value cannot be read, a point has no source
        or only a Low/UNVERIFIED rating, or the series goes backwards.
    """
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    rows = list(csv.DictReader(lines))
    if not rows or tuple(rows[0]) != _COLUMNS:
        msg = f"{path.name} must have the columns {', '.join(_COLUMNS)} and some rows."
        raise OdometerDataError(msg)
    points = tuple(_point(row, path.name, number) for number, row in enumerate(rows, 2))
    for before, after in itertools.pairwise(points):
        if after.plot_date <= before.plot_date or after.distance_m < before.distance_m:
            msg = (
                f"{path.name}: the point of {after.date_reported} goes back in time "
                f"or distance; keep the rows in date order."
            )
            raise OdometerDataError(msg)
    return points


def _point(row: dict[str, str], file_name: str, number: int) -> OdometerPoint:
    """Turn one CSV row into a checked point."""
    where = f"{file_name}, data row {number - 1}"
    sources = tuple(tag.strip() for tag in row["sources"].split(";") if tag.strip())
    if not sources:
        msg = f"{where} has no source; add the fact-sheet tag, e.g. S19."
        raise OdometerDataError(msg)
    if row["confidence"] not in _PUBLISHABLE:
        msg = (
            f"{where} is rated {row['confidence']!r}; only High or Medium figures "
            f"may be charted."
        )
        raise OdometerDataError(msg)
    if row["approximate"] not in ("yes", "no"):
        msg = f"{where}: approximate must be 'yes' or 'no', got {row['approximate']!r}."
        raise OdometerDataError(msg)
    try:
        plot_date = dt.date.fromisoformat(row["plot_date"])
        float(row["distance_m"])
    except ValueError as error:
        msg = (
            f"{where}: plot_date must be YYYY-MM-DD and distance_m a number ({error})."
        )
        raise OdometerDataError(msg) from error
    return OdometerPoint(
        date_reported=row["date_reported"],
        plot_date=plot_date,
        distance_text=row["distance_m"],
        approximate=row["approximate"] == "yes",
        context=row["context"],
        sources=sources,
        confidence=row["confidence"],
    )


# --- the chart --------------------------------------------------------------

_INK = (34, 34, 34)
_GRID = (218, 218, 218)
_LINE = (31, 95, 168)
_PAPER = (255, 255, 255)
# Okabe-Ito vermilion: the rounded figures, told apart from the reported ones.
_ROUNDED = (213, 94, 0)


def _font(size_px: int) -> ImageFont.FreeTypeFont:
    # Pillow's built-in scalable font: no font file to ship or find.
    return ImageFont.load_default(size=size_px)


def _decimal_year(day: dt.date) -> float:
    """Return a date as a year with a fraction, e.g. 2019.5 for early July."""
    start = dt.date(day.year, 1, 1).toordinal()
    length = dt.date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start) / length


def draw_odometer_chart(
    points: tuple[OdometerPoint, ...], size_px: tuple[int, int] = (1200, 660)
) -> Image.Image:
    """Draw cumulative distance against date with :func:`lunar_edu.charts.line_chart`.

    Parameters
    ----------
    points : tuple of OdometerPoint
        The series, in date order.
    size_px : tuple of int
        Width and height of the picture in pixels.

    Returns
    -------
    PIL.Image.Image
        An RGB chart: the distance as a line, reported figures as dots,
        rounded ones in a second colour, and the latest distance marked.
    """
    from lunar_edu.charts import Mark, Series, line_chart

    years = [_decimal_year(p.plot_date) for p in points]
    metres = [p.distance_m for p in points]
    reported = [
        (x, y)
        for x, y, p in zip(years, metres, points, strict=True)
        if not p.approximate
    ]
    rounded = [
        (x, y) for x, y, p in zip(years, metres, points, strict=True) if p.approximate
    ]
    series = [Series("distance driven", years, metres, colour=_LINE, style="line")]
    series.append(
        Series(
            "reported figure",
            [x for x, _ in reported],
            [y for _, y in reported],
            colour=_LINE,
            style="points",
        )
    )
    if rounded:
        series.append(
            Series(
                "rounded figure (about)",
                [x for x, _ in rounded],
                [y for _, y in rounded],
                colour=_ROUNDED,
                style="points",
            )
        )
    last = points[-1]
    last_text = last.label.replace("≈", "about ")
    step_m = 200
    top_m = step_m * (int(max(metres) // step_m) + 2)
    return line_chart(
        series,
        title="Yutu-2: distance driven on the far side, as reported",
        x_label="year",
        y_label="distance driven (m)",
        x_range=(float(points[0].plot_date.year), float(last.plot_date.year + 1)),
        y_range=(0.0, float(top_m)),
        marks=[Mark(last.distance_m, f"{last_text}, {last.date_reported}", "y")],
        legend="upper left",
        x_tick_format="{:.0f}".format,
        size_px=size_px,
    )


def odometer_snippet(points: tuple[OdometerPoint, ...], image_path: str) -> str:
    """Return the MyST figure and data table for the odometer chart.

    Parameters
    ----------
    points : tuple of OdometerPoint
        The charted series.
    image_path : str
        Path of the chart as the page refers to it (``/_generated/...``).

    Returns
    -------
    str
        MyST source: a figure with alt text and a caption carrying sources,
        credit and licence, then a table with one row (and source) per point.
    """
    first, last = points[0], points[-1]
    all_tags = sorted({t for p in points for t in p.sources}, key=lambda t: int(t[1:]))
    past_1_km = next((p for p in points if p.distance_m >= 1000), None)
    milestone = f"passes 1 km by {past_1_km.date_reported}, " if past_1_km else ""
    alt = (
        f"Line chart of the distance Yutu-2 has driven, against the date. It rises "
        f"from {first.label} on {first.date_reported} through {len(points)} reported "
        f"figures, {milestone}and reaches {last.label} in {last.date_reported}, the "
        f"latest figure."
    )
    caption = (
        f"Distance driven by Yutu-2, as reported: {last.label} by "
        f"{last.date_reported} {{src}}`{', '.join(last.sources)}`. Hollow dots are "
        f"rounded figures. Drawn when this site was built, from the data file "
        f"`docs/story/yutu2_odometer.csv` (one source per point, in the table "
        f"below). Data: CNSA/CLEP figures relayed by news agencies "
        f"{{src}}`{', '.join(all_tags)}`. Credit: lunar_edu contributors (chart). "
        f"Licence: CC BY 4.0."
    )
    lines = [
        f"```{{figure}} {image_path}",
        f":alt: {alt}",
        ":name: fig-yutu2-odometer",
        ":figclass: lunar-edu-figure story-chart",
        "",
        caption,
        "```",
        "",
        "| Date (as reported) | Distance | What happened | Source |",
        "|---|---:|---|---|",
    ]
    lines += [
        f"| {p.date_reported} | {p.label} | {p.context} "
        f"| {{src}}`{', '.join(p.sources)}` |"
        for p in points
    ]
    return "\n".join(lines) + "\n"


# --- the hero picture -------------------------------------------------------

_HERO_RECIPE = "rover-driving-away"
_HERO_MAX_WIDTH_PX = 1200


def _hero_plan() -> dict:
    """Return what the hero shows and how it is made (part of its fingerprint)."""
    return {"renderer": "render_scene", "recipe": _HERO_RECIPE, "size": "half"}


def render_hero(plan: dict) -> tuple[Image.Image, str, str]:
    """Render the landing page's simulated picture.

    Parameters
    ----------
    plan : dict
        From :func:`_hero_plan`.

    Returns
    -------
    tuple of (PIL.Image.Image, str, str)
        The RGB picture, its alt text and its caption (without credit).

    Raises
    ------
    RuntimeError
        If the renderer returned a frame that is not marked as simulated.
    """
    import lunar_edu as le
    from lunar_edu.synth import RECIPES

    recipe = RECIPES[plan["recipe"]]
    frame = le.render_scene(plan["recipe"], size=plan["size"])
    description = recipe.description.rstrip(".")
    alt = (
        f"Simulated colour view from the Chang'e 4 lander's terrain camera "
        f"(TCAM): {description}."
    )
    caption = (
        f"The virtual Chang'e 4: {description}, as the lander's terrain "
        f"camera (TCAM) would see it (scene '{plan['recipe']}')."
    )
    if not frame.source.is_simulated:
        msg = "The hero picture must be simulated; the renderer returned a real frame."
        raise RuntimeError(msg)
    picture = le.develop(frame).convert("RGB")
    if picture.width > _HERO_MAX_WIDTH_PX:
        height = round(picture.height * _HERO_MAX_WIDTH_PX / picture.width)
        picture = picture.resize((_HERO_MAX_WIDTH_PX, height), Image.Resampling.LANCZOS)
    return picture, alt, caption


def hero_snippet(alt: str, caption: str, image_path: str) -> str:
    """Return the MyST figure of the hero picture.

    Parameters
    ----------
    alt : str
        What the picture shows, for readers who cannot see it.
    caption : str
        What the picture is; the credit and licence are appended.
    image_path : str
        Path of the picture as the page refers to it (``/_generated/...``).

    Returns
    -------
    str
        MyST source of a figure whose caption starts with "SIMULATED".
    """
    return "\n".join(
        [
            f"```{{figure}} {image_path}",
            f":alt: {alt}",
            ":name: fig-hero",
            ":figclass: lunar-edu-figure story-hero",
            "",
            (
                f"**SIMULATED picture, not a photograph.** {caption} "
                f"Credit: {SIMULATED_CREDIT}. "
                f"Licence: {licence_short(SIMULATED_LICENCE)}."
            ),
            "```",
            "",
        ]
    )


# --- build-time driver ------------------------------------------------------


def _fingerprint(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _language_bytes() -> bytes:
    """Return the edition's language and its runtime translations.

    The charts' words are drawn in the build's language
    (``LUNAR_EDU_LANG``), so a changed translation redraws them.
    """
    import lunar_edu
    from lunar_edu.translations import language

    lang = language()
    po = (
        Path(lunar_edu.__file__).parent
        / "locale"
        / lang
        / "LC_MESSAGES"
        / "lunar_edu.po"
    )
    return lang.encode() + (po.read_bytes() if po.is_file() else b"")


def _code_bytes() -> bytes:
    """Return the source of this module and the lunar_edu code the hero uses."""
    import lunar_edu

    package = Path(lunar_edu.__file__).parent
    files = [Path(__file__)]
    files += [
        package / name
        for name in (
            "charts.py",
            "translations.py",
            "develop.py",
            "bayer.py",
            "contrast.py",
            "frame.py",
            "stamp.py",
            "picture_file.py",
        )
    ]
    files += sorted((package / "synth").rglob("*.py"))
    return b"".join(p.read_bytes() for p in files if p.is_file())


def _is_current(out_dir: Path, stem: str, fingerprint: str, outputs: list[str]) -> bool:
    stamp = out_dir / f"{stem}.fingerprint"
    return (
        stamp.is_file()
        and stamp.read_text(encoding="utf-8") == fingerprint
        and all((out_dir / name).is_file() for name in outputs)
    )


def _write_text_if_changed(path: Path, text: str) -> None:
    # Rewriting an unchanged file would bump its time stamp and make Sphinx
    # re-read the page that includes it.
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _save_with_metadata(picture: Image.Image, path: Path, snippet: str, kind: str):
    """Save a story picture with its tag (simulated only) and metadata inside.

    The alt text and caption are read back from the figure's MyST snippet, so
    the file says exactly what the page says.
    """
    import re

    from lunar_edu.frame import Source, simulated_source
    from lunar_edu.picture_file import save_picture
    from lunar_edu.stamp import stamp_status

    alt = re.search(r"^:alt: (.*)$", snippet, re.MULTILINE).group(1)
    caption = snippet.split("\n\n", 1)[1].split("\n```", 1)[0]
    # The file's caption is plain text: no MyST roles or emphasis.
    caption = re.sub(r"\{src\}`([^`]*)`", r"(\1)", caption).replace("**", "")
    caption = caption.replace("`", "")
    if kind == "simulated":
        source = simulated_source("hero")
        picture = stamp_status(picture, source)
    else:
        source = Source("diagram", "lunar_edu contributors (chart)", "CC-BY-4.0")
    save_picture(picture, path, alt=alt, caption=caption, source=source)


def generate_story_pictures(app) -> None:
    """Draw the odometer chart and the hero picture when their inputs changed.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application (``builder-inited``).
    """
    src_dir = Path(app.srcdir)
    out_dir = src_dir / GENERATED_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    code = _code_bytes()

    csv_path = src_dir / ODOMETER_CSV
    chart_files = [f"{ODOMETER_STEM}.png", f"{ODOMETER_STEM}.myst"]
    chart_key = _fingerprint(csv_path.read_bytes(), code, _language_bytes())
    if not _is_current(out_dir, ODOMETER_STEM, chart_key, chart_files):
        points = read_odometer(csv_path)
        snippet = odometer_snippet(points, f"/{GENERATED_DIR}/{chart_files[0]}")
        _save_with_metadata(
            draw_odometer_chart(points), out_dir / chart_files[0], snippet, "diagram"
        )
        _write_text_if_changed(out_dir / chart_files[1], snippet)
        (out_dir / f"{ODOMETER_STEM}.fingerprint").write_text(chart_key, "utf-8")
        logger.info("story_charts: drew %s", chart_files[0])

    plan = _hero_plan()
    hero_files = [f"{HERO_STEM}.webp", f"{HERO_STEM}.myst"]
    hero_key = _fingerprint(json.dumps(plan, sort_keys=True).encode(), code)
    if not _is_current(out_dir, HERO_STEM, hero_key, hero_files):
        picture, alt, caption = render_hero(plan)
        snippet = hero_snippet(alt, caption, f"/{GENERATED_DIR}/{hero_files[0]}")
        _save_with_metadata(picture, out_dir / hero_files[0], snippet, "simulated")
        _write_text_if_changed(out_dir / hero_files[1], snippet)
        (out_dir / f"{HERO_STEM}.fingerprint").write_text(hero_key, "utf-8")
        logger.info(
            "story_charts: rendered %s with %s", hero_files[0], plan["renderer"]
        )


def setup(app):
    """Connect the picture generator to ``builder-inited``.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    app.connect("builder-inited", generate_story_pictures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
