"""Pictures arranged for teaching: a caption band below, panels side by side."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from PIL import Image

from ..frame import Frame, Source
from ..provenance import attach_source, credit_line, source_of
from ..translations import translate
from ._canvas import (
    _TEXTS_KEY,
    AnnotationError,
    Canvas,
    DrawnText,
    drawn_texts,
    edge_margin_px,
    fit_text,
    start,
    text_size_px,
    write,
)
from .fonts import TextBlock, layout_text
from .palette import BLACK, OKABE_ITO
from .text import tag

__all__ = ["caption_band", "grid", "side_by_side", "wrap_text"]

_BAND_RGB = (24, 24, 24)
_BADGE_RGB = OKABE_ITO["orange"]
BADGE_TEXT = "SIMULATED"
# One token per CJK character (Chinese breaks between any two), one per
# Latin word with its trailing spaces.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKENS = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+\\s*|\\s+")


def wrap_text(
    text: str, size_px: int, max_width_px: float, *, bold: bool = False
) -> str:
    r"""Break text into lines no wider than a width, for the bundled fonts.

    Parameters
    ----------
    text : str
        The text; existing ``\n`` are kept. Chinese may break between any
        two characters, other text between words.
    size_px : int
        Font size in pixels.
    max_width_px : float
        The widest a line may be.
    bold : bool, optional
        Measure with the bold Latin font.

    Returns
    -------
    str
        The text with ``\n`` between lines.

    Examples
    --------
    >>> wrap_text("one two three four", 20, 120)
    'one two\nthree four'
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, estimate = "", 0.0
        for token in _TOKENS.findall(paragraph):
            candidate = current + token
            # Summed token widths are cheap; lay out the whole line only when
            # the sum comes near the limit (kerning makes it a little off).
            estimate += layout_text(token, size_px, bold=bold).width_px
            fits = estimate <= 0.95 * max_width_px or (
                layout_text(candidate.rstrip(), size_px, bold=bold).width_px
                <= max_width_px
            )
            if current and not fits:
                lines.append(current.rstrip())
                current = token.lstrip()
                estimate = layout_text(current, size_px, bold=bold).width_px
            else:
                current = candidate
        lines.append(current.rstrip())
    return "\n".join(lines)


def _resolve_source(image: Image.Image, source: Source | Frame | None) -> Source:
    """Return the source to credit; a simulated one always wins."""
    given = source.source if isinstance(source, Frame) else source
    if given is not None and not isinstance(given, Source):
        msg = f"source must be a Source or a Frame, got {type(given).__name__}."
        raise AnnotationError(msg)
    known = [s for s in (source_of(image), given) if s is not None]
    if not known:
        msg = (
            "caption_band() needs to know whose picture this is: pass source= "
            "(a Source or the Frame), or develop the picture with lunar_edu.develop."
        )
        raise AnnotationError(msg)
    simulated = [s for s in known if s.is_simulated]
    return simulated[0] if simulated else known[-1]


def _band_blocks(
    title: str,
    caption: str | None,
    credit: str,
    size: int,
    inner: int,
    title_room: int,
) -> list[tuple[str, TextBlock]]:
    """Wrap and lay out the band's title, caption and credit lines."""
    parts = [(title, round(1.15 * size), True, title_room)]
    if caption:
        parts.append((caption, size, False, inner))
    parts.append((credit, max(10, round(0.8 * size)), False, inner))
    blocks = []
    for text, px, bold, room in parts:
        # Translated before wrapping, so the translation is what gets wrapped.
        wrapped = wrap_text(translate(text), px, room, bold=bold)
        blocks.append((wrapped, fit_text(wrapped, px, room, bold=bold, pad_px=0)))
    return blocks


def _draw_badge(canvas: Canvas, badge: TextBlock, top_left: tuple[int, int]) -> None:
    """Draw the SIMULATED badge: bold black on an opaque Okabe-Ito orange box."""
    left, top = top_left
    canvas.draw.rectangle(
        [left, top, left + badge.width_px - 1, top + badge.height_px - 1],
        fill=_BADGE_RGB,
    )
    write(
        canvas,
        BADGE_TEXT,
        badge,
        top_left,
        backing="box",
        text_rgb=BLACK,
        backing_rgb=_BADGE_RGB,
    )


def caption_band(
    image: Image.Image,
    *,
    title: str,
    caption: str | None = None,
    source: Source | Frame | None = None,
) -> Image.Image:
    """Add a band below the picture with title, caption, credit and licence.

    A simulated picture always gets a "SIMULATED" badge beside the title:
    the band looks at both the source recorded on the image
    (``lunar_edu.provenance.source_of``) and the one passed in, and if
    either is simulated the badge is drawn. There is no way to turn it off.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    title : str
        A short title; may be Chinese.
    caption : str, optional
        One or two sentences that teach: what to look at and why.
    source : Source or Frame, optional
        Whose picture it is, when the image does not carry its source.

    Returns
    -------
    PIL.Image.Image
        A new, taller RGB picture: the original on top, the band below. It
        carries the source, so :func:`lunar_edu.show` credits it too.

    Raises
    ------
    AnnotationError
        If the title is empty or nothing says whose picture it is.

    Examples
    --------
    >>> from PIL import Image
    >>> from lunar_edu.frame import Source
    >>> sim = Source("simulated", "lunar_edu contributors", "CC-BY-4.0")
    >>> out = caption_band(Image.new("RGB", (600, 400)), title="Test", source=sim)
    >>> out.width, out.height > 400, "SIMULATED" in [t.text for t in drawn_texts(out)]
    (600, True, True)
    """
    if not isinstance(title, str) or not title.strip():
        msg = f"caption_band() needs a title, got {title!r}."
        raise AnnotationError(msg)
    chosen = _resolve_source(image, source)
    picture = image.convert("RGB")
    width = picture.width
    # A wide row of panels would otherwise get huge text: size it as for a
    # single picture of the same height.
    size = text_size_px((min(width, round(1.6 * picture.height)), picture.height))
    pad = max(6, round(0.6 * size))
    inner = width - 2 * pad
    badge = None
    if chosen.is_simulated:
        badge = fit_text(BADGE_TEXT, size, inner, bold=True, pad_px=max(3, size // 3))
    title_room = inner - (badge.width_px + pad if badge else 0)
    blocks = _band_blocks(title, caption, credit_line(chosen), size, inner, title_room)
    gap = pad // 2
    title_h = max(blocks[0][1].height_px, badge.height_px if badge else 0)
    band_h = pad * 2 + title_h + sum(b.height_px + gap for _, b in blocks[1:])
    out = Image.new("RGB", (width, picture.height + band_h), _BAND_RGB)
    out.paste(picture, (0, 0))
    canvas = Canvas(out, list(drawn_texts(image)))
    top = picture.height + pad
    if badge:
        _draw_badge(canvas, badge, (width - pad - badge.width_px, top))
    for index, (text, block) in enumerate(blocks):
        # A box of the band's own colour: invisible, but checked for contrast.
        write(canvas, text, block, (pad, top), backing="box", backing_rgb=_BAND_RGB)
        top += (title_h if index == 0 else block.height_px) + gap
    result = canvas.finish()
    return attach_source(result, chosen)


def _scaled_texts(texts: Sequence[DrawnText], factor: float, offset: tuple[int, int]):
    """Move and scale recorded text boxes along with their panel."""
    dx, dy = offset
    return [
        replace(
            t,
            box_px=(
                round(t.box_px[0] * factor) + dx,
                round(t.box_px[1] * factor) + dy,
                round(t.box_px[2] * factor) + dx,
                round(t.box_px[3] * factor) + dy,
            ),
        )
        for t in texts
    ]


def _panel(
    picture: Image.Image, height: int, label: str | None, *, badge: bool
) -> Image.Image:
    """Scale one panel to a height and give it its label and badge."""
    factor = height / picture.height
    size = (max(1, round(picture.width * factor)), height)
    panel = picture.convert("RGB")
    if panel.size != size:
        texts = drawn_texts(picture)
        panel = panel.resize(size, Image.Resampling.LANCZOS)
        panel.info[_TEXTS_KEY] = tuple(_scaled_texts(texts, factor, (0, 0)))
    if label is not None:
        panel = tag(panel, label)
    if badge:
        canvas = start(panel)
        margin = edge_margin_px(panel.size)
        size_px = canvas.text_px
        block = fit_text(
            BADGE_TEXT,
            size_px,
            panel.width // 2,
            bold=True,
            pad_px=max(3, size_px // 3),
        )
        _draw_badge(canvas, block, (panel.width - margin - block.width_px, margin))
        panel = canvas.finish()
    return panel


def grid(
    images: Sequence[Image.Image],
    *,
    columns: int,
    labels: Sequence[str] | None = None,
    gap_px: int | None = None,
) -> Image.Image:
    """Arrange pictures in a grid of equal rows, each with its own label.

    Every panel is scaled to the height of the smallest one, keeping its
    shape, and centred in its cell. When real and simulated pictures are
    mixed, each simulated panel also gets a "SIMULATED" tag.

    Parameters
    ----------
    images : sequence of PIL.Image.Image
        The panels, in reading order.
    columns : int
        How many panels per row.
    labels : sequence of str, optional
        One label per panel, drawn in its upper-left corner.
    gap_px : int, optional
        Space between panels; 1 % of the panel height by default.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture. It carries a simulated panel's source if any
        panel is simulated, otherwise the first panel's source.

    Raises
    ------
    AnnotationError
        If there are no images, ``columns`` is not positive, or the number of
        labels does not match.
    """
    images = list(images)
    if not images or not all(isinstance(i, Image.Image) for i in images):
        msg = "grid() needs a non-empty sequence of PIL images."
        raise AnnotationError(msg)
    if not (isinstance(columns, int) and columns >= 1):
        msg = f"columns must be a positive whole number, got {columns!r}."
        raise AnnotationError(msg)
    if labels is not None and len(labels) != len(images):
        msg = f"Got {len(labels)} labels for {len(images)} pictures; give one per picture."
        raise AnnotationError(msg)
    sources = [source_of(i) for i in images]
    mixed = len({s.kind for s in sources if s}) > 1 or (
        any(sources) and not all(sources)
    )
    height = min(i.height for i in images)
    panels = [
        _panel(
            picture,
            height,
            None if labels is None else labels[index],
            badge=mixed and source is not None and source.is_simulated,
        )
        for index, (picture, source) in enumerate(zip(images, sources, strict=True))
    ]
    gap = max(2, round(0.01 * height)) if gap_px is None else int(gap_px)
    if gap < 0:
        msg = f"gap_px must be zero or more pixels, got {gap_px!r}."
        raise AnnotationError(msg)
    cell_w = max(p.width for p in panels)
    rows = -(-len(panels) // columns)
    ncols = min(columns, len(panels))
    out = Image.new(
        "RGB",
        (ncols * cell_w + (ncols - 1) * gap, rows * height + (rows - 1) * gap),
        _BAND_RGB,
    )
    texts: list[DrawnText] = []
    for index, panel in enumerate(panels):
        row, col = divmod(index, columns)
        left = col * (cell_w + gap) + (cell_w - panel.width) // 2
        top = row * (height + gap)
        out.paste(panel, (left, top))
        texts.extend(_scaled_texts(drawn_texts(panel), 1.0, (left, top)))
    out.info[_TEXTS_KEY] = tuple(texts)
    simulated = [s for s in sources if s is not None and s.is_simulated]
    chosen = simulated[0] if simulated else next((s for s in sources if s), None)
    return attach_source(out, chosen) if chosen else out


def side_by_side(
    images: Sequence[Image.Image],
    *,
    labels: Sequence[str] | None = None,
    gap_px: int | None = None,
) -> Image.Image:
    """Put pictures in one row for comparison, e.g. one ground under three Suns.

    Parameters
    ----------
    images : sequence of PIL.Image.Image
        The panels, left to right.
    labels : sequence of str, optional
        One label per panel, e.g. ``["Sun 5° high", "Sun 30° high"]``.
    gap_px : int, optional
        Space between panels.

    Returns
    -------
    PIL.Image.Image
        A new RGB picture; see :func:`grid` for its source.

    Examples
    --------
    >>> from PIL import Image
    >>> row = side_by_side([Image.new("RGB", (300, 200))] * 3, labels=["a", "b", "c"])
    >>> row.height, row.width > 900
    (200, True)
    """
    images = list(images)
    return grid(images, columns=max(1, len(images)), labels=labels, gap_px=gap_px)
