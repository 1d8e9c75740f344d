"""The status tag: a small corner label that says whose a picture is, in its pixels.

Every picture lunar_edu writes or shows goes through :func:`stamp_status`
at output time (``show``, the sphinx-gallery scraper, the CLI, the site's
catalogue thumbnails and hero), never inside :func:`lunar_edu.develop`, so
measurements made on developed frames do not change.

- A **simulated** picture always gets "SIMULATED · lunar_edu" (and
  "模拟图像" when Chinese text is drawn on it). There is no option to leave
  it off: a picture pasted into a report must still say it is not a photo.
- A **real** picture gets a short credit, e.g. "CNSA · CC BY 4.0".
- A **diagram** is returned unchanged: its own title and caption say what it is.

The tag is white text on an opaque dark-blue box, so its contrast does not
depend on the picture (about 8:1), and a chromatic box stays visible when the
picture is shrunk to a gallery thumbnail, on black sky and gray ground alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image, ImageDraw

from .annotate.fonts import TextBlock, layout_text
from .annotate.palette import contrast_ratio
from .frame import Source
from .provenance import source_of
from .translations import language

__all__ = [
    "StatusTag",
    "licence_short",
    "stamp_status",
    "status_tag_of",
    "status_tag_text",
    "tag_height_px",
]

# Recorded on the stamped picture, so a second call does not stamp it again.
_TAG_KEY = "lunar_edu.status_tag"
# Kept in step with lunar_edu.annotate._canvas, which records drawn text there.
_TEXTS_KEY = "lunar_edu.drawn_texts"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

#: Colours of the tag: white text on dark blue (simulated) or near-black (real).
TEXT_RGB = (255, 255, 255)
SIMULATED_BOX_RGB = (0, 84, 147)
REAL_BOX_RGB = (34, 34, 34)

# Text height as a share of the picture's longer side: 16 px on a 1176-pixel
# frame, 32 px on a 2352-pixel one, so the tag is about a fifth of the width.
_TEXT_SHARE = 0.0135
_MIN_TEXT_PX = 8
# The tag may take at most this share of the picture's width.
_MAX_WIDTH_SHARE = 0.6
_CORNERS = ("lower right", "lower left", "upper right", "upper left")


@dataclass(frozen=True)
class StatusTag:
    """The tag drawn on a picture.

    Parameters
    ----------
    text : str
        What the tag says.
    box_px : tuple of int
        ``(left, top, right, bottom)`` of the tag's box in pixels, right and
        bottom exclusive.
    text_rgb, box_rgb : tuple of int
        Text and box colours.
    contrast : float
        WCAG contrast ratio of the text against the box.
    kind : str
        The source kind the tag was drawn for.
    """

    text: str
    box_px: tuple[int, int, int, int]
    text_rgb: tuple[int, int, int]
    box_rgb: tuple[int, int, int]
    contrast: float
    kind: str


def licence_short(licence: str) -> str:
    """Return a licence as people write it, e.g. ``"CC BY 4.0"``.

    Parameters
    ----------
    licence : str
        An SPDX id such as ``"CC-BY-4.0"`` or the name of the terms.

    Returns
    -------
    str
        Creative Commons ids with spaces; anything else unchanged.

    Examples
    --------
    >>> licence_short("CC-BY-SA-4.0")
    'CC BY-SA 4.0'
    >>> licence_short("CLEP terms of use")
    'CLEP terms of use'
    """
    match = re.fullmatch(
        r"CC[- ]((?:BY|SA|NC|ND|0)(?:-(?:SA|NC|ND))*)[- ](\d\.\d)", licence
    )
    if match is None:
        return licence
    return f"CC {match.group(1)} {match.group(2)}"


def status_tag_text(source: Source, *, chinese: bool = False) -> str | None:
    """Return what the tag says for a picture from ``source``.

    Parameters
    ----------
    source : Source
        Where the picture came from.
    chinese : bool, optional
        Add the Chinese words for "simulated picture" (simulated pictures only).

    Returns
    -------
    str or None
        None for diagrams, which get no tag.

    Examples
    --------
    >>> status_tag_text(Source("simulated", "lunar_edu", "CC-BY-4.0"))
    'SIMULATED · lunar_edu'
    >>> status_tag_text(Source("real", "CNSA/CLEP", "CC-BY-4.0"))
    'CNSA/CLEP · CC BY 4.0'
    >>> status_tag_text(Source("real", "CNSA/CLEP", "CLEP data policy"))
    '© CNSA/CLEP'
    """
    if source.is_diagram:
        return None
    if source.is_simulated:
        return "SIMULATED 模拟图像 · lunar_edu" if chinese else "SIMULATED · lunar_edu"
    credit = source.credit.strip().rstrip(".")
    short = licence_short(source.licence.strip())
    if short.startswith("CC "):
        return f"{credit} · {short}"
    return f"© {credit}"


def _has_chinese(image: Image.Image) -> bool:
    """Return True when annotate recorded Chinese text drawn on the picture."""
    return any(_CJK.search(str(t.text)) for t in image.info.get(_TEXTS_KEY, ()))


def status_tag_of(image: Image.Image) -> StatusTag | None:
    """Return the status tag drawn on a picture, or None when it has none.

    Parameters
    ----------
    image : PIL.Image.Image
        A picture returned by :func:`stamp_status`.

    Returns
    -------
    StatusTag or None
        The tag's text, box and colours.
    """
    tag = image.info.get(_TAG_KEY)
    return tag if isinstance(tag, StatusTag) else None


def _overlaps(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _layout(
    text: str, width: int, height: int, full_height: int
) -> tuple[TextBlock, str] | None:
    """Lay the tag out at the picture's size, shortening it for tiny pictures."""
    size = max(_MIN_TEXT_PX, round(_TEXT_SHARE * max(width, full_height)))
    words = [text, text.split(" · ")[0], text.split(" ")[0][:3]]
    for candidate in dict.fromkeys(words):
        block = layout_text(
            candidate, size, bold=True, pad_px=max(2, round(0.35 * size))
        )
        fits_height = block.height_px <= min(height, full_height / 3)
        if block.width_px <= _MAX_WIDTH_SHARE * width and fits_height:
            return block, candidate
    return None


def tag_height_px(size_px: tuple[int, int]) -> int:
    """Return the most rows a status tag can take at the bottom of a picture.

    Parameters
    ----------
    size_px : tuple of int
        Width and height of the whole picture.

    Returns
    -------
    int
        Rows from the bottom that hold any tag :func:`stamp_status` draws
        there, so a writer that streams strips needs to hold only these.

    Examples
    --------
    >>> tag_height_px((2352, 1728))
    60
    """
    width, height = size_px
    laid = _layout("SIMULATED 模拟图像 · lunar_edu", width, height, height)
    return 0 if laid is None else laid[0].height_px


def stamp_status(
    image: Image.Image,
    source: Source | None = None,
    *,
    chinese: bool | None = None,
    full_height_px: int | None = None,
) -> Image.Image:
    """Return a copy of a picture with its status tag in a corner.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; it is not modified.
    source : Source, optional
        Whose picture it is; by default the source recorded on the image
        (pictures made by :func:`lunar_edu.develop` carry it).
    chinese : bool, optional
        Add "模拟图像" to a simulated picture's tag. By default it is added
        when lunar_edu.annotate drew Chinese text on the picture or
        ``LUNAR_EDU_LANG`` chooses Chinese (``lunar_edu.translations``).
    full_height_px : int, optional
        For writers that stream a picture in strips: ``image`` is then the
        bottom band of a picture this many rows high (at least
        :func:`tag_height_px` rows), and the tag is drawn as on the whole.

    Returns
    -------
    PIL.Image.Image
        An RGB copy with the tag in the lower-right corner (or the first
        other corner where it covers no drawn label). A diagram, a picture
        already stamped, or one too small for any tag (under about 40 px
        wide) comes back as an unchanged copy.

    Examples
    --------
    >>> from PIL import Image
    >>> sim = Source("simulated", "lunar_edu", "CC-BY-4.0")
    >>> out = stamp_status(Image.new("L", (1176, 864), 90), sim)
    >>> status_tag_of(out).text, out.mode
    ('SIMULATED · lunar_edu', 'RGB')
    >>> stamp_status(out, sim) is not out and status_tag_of(stamp_status(out, sim)) == status_tag_of(out)
    True
    """
    source = source if source is not None else source_of(image)
    if source is None or status_tag_of(image) is not None:
        return image.copy()
    if chinese is None:
        chinese = _has_chinese(image) or language().startswith("zh")
    text = status_tag_text(source, chinese=chinese)
    if text is None:
        return image.copy()
    width, height = image.size
    laid = _layout(text, width, height, full_height_px or height)
    if laid is None:
        return image.copy()
    block, text = laid
    box_rgb = SIMULATED_BOX_RGB if source.is_simulated else REAL_BOX_RGB
    out = image.convert("RGB") if image.mode != "RGB" else image.copy()
    out.info.update(image.info)
    taken = [t.box_px for t in image.info.get(_TEXTS_KEY, ())]
    boxes = []
    for corner in _CORNERS:
        left = 0 if corner.endswith("left") else width - block.width_px
        top = 0 if corner.startswith("upper") else height - block.height_px
        boxes.append((left, top, left + block.width_px, top + block.height_px))
    box = next((b for b in boxes if not any(_overlaps(b, t) for t in taken)), boxes[0])
    draw = ImageDraw.Draw(out)
    draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=box_rgb)
    block.draw(draw, box[:2], fill=TEXT_RGB)
    contrast = round(contrast_ratio(TEXT_RGB, box_rgb), 3)
    out.info[_TAG_KEY] = StatusTag(text, box, TEXT_RGB, box_rgb, contrast, source.kind)
    return out
