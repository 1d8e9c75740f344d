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

from PIL import Image, ImageDraw, ImageFont
from sphinx.util import logging

logger = logging.getLogger(__name__)

GENERATED_DIR = "_generated"
ODOMETER_CSV = Path("story") / "yutu2_odometer.csv"
ODOMETER_STEM = "yutu2_odometer"
HERO_STEM = "hero"

SIMULATED_CREDIT = "lunar_edu contributors (virtual Chang'e 4)"
SIMULATED_LICENCE = "CC BY 4.0"
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


def _font(size_px: int) -> ImageFont.FreeTypeFont:
    # Pillow's built-in scalable font: no font file to ship or find.
    return ImageFont.load_default(size=size_px)


def draw_odometer_chart(
    points: tuple[OdometerPoint, ...], size_px: tuple[int, int] = (1200, 660)
) -> Image.Image:
    """Draw cumulative distance against date as an opaque RGB line chart.

    Parameters
    ----------
    points : tuple of OdometerPoint
        The series, in date order.
    size_px : tuple of int
        Width and height of the picture in pixels.

    Returns
    -------
    PIL.Image.Image
        Mode ``"RGB"``: reported figures as filled dots, rounded ones hollow,
        the latest point labelled with its distance and date.
    """
    width, height = size_px
    image = Image.new("RGB", size_px, _PAPER)
    draw = ImageDraw.Draw(image)
    small, body, title = _font(26), _font(28), _font(32)
    left, right, top, bottom = 130, width - 40, 116, height - 96

    first_year = points[0].plot_date.year
    last_year = points[-1].plot_date.year + 1
    t0 = dt.date(first_year, 1, 1).toordinal()
    t1 = dt.date(last_year, 1, 1).toordinal()
    step_m = 200
    top_m = step_m * (int(max(p.distance_m for p in points) // step_m) + 2)

    def xy(point: OdometerPoint) -> tuple[float, float]:
        x = left + (point.plot_date.toordinal() - t0) / (t1 - t0) * (right - left)
        y = bottom - point.distance_m / top_m * (bottom - top)
        return x, y

    for metres in range(0, top_m + 1, step_m):
        y = bottom - metres / top_m * (bottom - top)
        draw.line([(left, y), (right, y)], fill=_GRID, width=1)
        draw.text((left - 12, y), f"{metres:,}", font=small, fill=_INK, anchor="rm")
    for year in range(first_year, last_year + 1):
        x = left + (dt.date(year, 1, 1).toordinal() - t0) / (t1 - t0) * (right - left)
        draw.line([(x, top), (x, bottom)], fill=_GRID, width=1)
        if year < last_year:
            middle = x + 0.5 * (right - left) / (last_year - first_year)
            draw.text(
                (middle, bottom + 14), str(year), font=body, fill=_INK, anchor="mt"
            )
    draw.line([(left, top), (left, bottom), (right, bottom)], fill=_INK, width=2)
    draw.text(
        (left - 110, 12), "Yutu-2: distance driven on the far side, as reported",
        font=title, fill=_INK,
    )  # fmt: skip
    draw.text((left - 12, top - 16), "metres", font=small, fill=_INK, anchor="rb")

    draw.line([xy(p) for p in points], fill=_LINE, width=4, joint="curve")
    for point in points:
        x, y = xy(point)
        box = [x - 8, y - 8, x + 8, y + 8]
        draw.ellipse(
            box, fill=_PAPER if point.approximate else _LINE, outline=_LINE, width=3
        )
    last = points[-1]
    x, y = xy(last)
    last_text = last.label.replace("≈", "about ")
    draw.text(
        (x - 14, y - 16), f"{last_text}, {last.date_reported}",
        font=body, fill=_INK, anchor="rb",
    )  # fmt: skip

    legend_y = height - 26
    draw.ellipse(
        [left, legend_y - 8, left + 16, legend_y + 8], fill=_LINE, outline=_LINE
    )
    draw.text(
        (left + 26, legend_y), "reported figure", font=small, fill=_INK, anchor="lm"
    )
    draw.ellipse(
        [left + 290, legend_y - 8, left + 306, legend_y + 8],
        fill=_PAPER, outline=_LINE, width=3,
    )  # fmt: skip
    # Pillow's built-in font has no "≈" glyph, so the picture says "about".
    draw.text(
        (left + 316, legend_y),
        "rounded figure (about)",
        font=small,
        fill=_INK,
        anchor="lm",
    )
    return image


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
                f"Credit: {SIMULATED_CREDIT}. Licence: {SIMULATED_LICENCE}."
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


def _code_bytes() -> bytes:
    """Return the source of this module and the lunar_edu code the hero uses."""
    import lunar_edu

    package = Path(lunar_edu.__file__).parent
    files = [Path(__file__)]
    files += [
        package / name
        for name in (
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

    from lunar_edu.frame import Source
    from lunar_edu.picture_file import save_picture
    from lunar_edu.stamp import stamp_status

    alt = re.search(r"^:alt: (.*)$", snippet, re.MULTILINE).group(1)
    caption = snippet.split("\n\n", 1)[1].split("\n```", 1)[0]
    # The file's caption is plain text: no MyST roles or emphasis.
    caption = re.sub(r"\{src\}`([^`]*)`", r"(\1)", caption).replace("**", "")
    caption = caption.replace("`", "")
    if kind == "simulated":
        source = Source("simulated", SIMULATED_CREDIT, SIMULATED_LICENCE, "hero")
        picture = stamp_status(picture, source)
    else:
        source = Source("diagram", "lunar_edu contributors (chart)", "CC BY 4.0")
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
    chart_key = _fingerprint(csv_path.read_bytes(), code)
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
