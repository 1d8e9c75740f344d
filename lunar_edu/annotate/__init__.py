"""Draw teaching marks on pictures: labels, marks, scale bars, insets and captions.

Every function takes a PIL image and returns a **new** image; the input is
never modified. Pixel positions are Pillow-style ``xy = (x, y) = (column,
row)`` and boxes are ``(left, top, right, bottom)``. Sizes scale with the
picture, so a 1176- and a 2352-pixel frame look the same; marks use the
Okabe-Ito colour-blind-safe palette; text keeps a WCAG contrast of at least
4.5:1 with what is right behind it; fonts (with Chinese) ship with the
package, so the same call gives the same pixels on every machine.
"""

from __future__ import annotations

from ._canvas import AnnotationError, DrawnText, drawn_texts
from .geometry import ground_distance_m, ground_point, metres_per_px_at
from .highlight import highlight
from .insets import magnifier, sun_compass
from .layout import caption_band, grid, side_by_side, wrap_text
from .palette import OKABE_ITO, contrast_ratio, relative_luminance
from .scale import format_length, measure, nice_length_m, scale_bar
from .shapes import arrow, crater_outline_px, polyline, ring
from .text import label, tag

__all__ = [
    "OKABE_ITO",
    "AnnotationError",
    "DrawnText",
    "arrow",
    "caption_band",
    "contrast_ratio",
    "crater_outline_px",
    "drawn_texts",
    "format_length",
    "grid",
    "ground_distance_m",
    "ground_point",
    "highlight",
    "label",
    "magnifier",
    "measure",
    "metres_per_px_at",
    "nice_length_m",
    "polyline",
    "relative_luminance",
    "ring",
    "scale_bar",
    "side_by_side",
    "sun_compass",
    "tag",
    "wrap_text",
]
