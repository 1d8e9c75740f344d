"""Carry a picture's source (real or simulated, credit, licence) along with the image."""

from __future__ import annotations

from PIL import Image

from .frame import Source
from .translations import translate_message

__all__ = [
    "CREDIT",
    "DIAGRAM_NOTE",
    "LICENCE",
    "SIMULATED_NOTE",
    "attach_source",
    "credit_line",
    "source_of",
]

#: The credit line's messages, translated by lunar_edu.translations.
SIMULATED_NOTE = "Simulated picture (virtual Chang'e 4), not a photograph."
DIAGRAM_NOTE = "Diagram drawn by lunar_edu, not a photograph."
CREDIT = "Credit: {credit}."
LICENCE = "Licence: {licence}."

# Pillow copies ``Image.info`` through copy(), convert() and resize(), so the
# source survives the usual develop -> annotate -> show chain without every
# function passing it on by hand.
_INFO_KEY = "lunar_edu.source"


def attach_source(image: Image.Image, source: Source) -> Image.Image:
    """Record in ``image.info`` where a picture came from, and return the image.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture; its ``info`` dict is updated in place.
    source : Source
        Real or simulated, with credit and licence.

    Returns
    -------
    PIL.Image.Image
        The same image, for chaining.
    """
    image.info[_INFO_KEY] = source
    return image


def source_of(image: Image.Image) -> Source | None:
    """Return the source recorded on an image, or None when it has none.

    Parameters
    ----------
    image : PIL.Image.Image
        A picture, possibly made by :func:`lunar_edu.develop`.

    Returns
    -------
    Source or None
        The recorded source.
    """
    source = image.info.get(_INFO_KEY)
    return source if isinstance(source, Source) else None


def credit_line(source: Source) -> str:
    """Return the visible credit sentence for a picture.

    A simulated picture always says so first, so it can never pass for a
    real photograph; a diagram says that it is a chart drawn by lunar_edu.

    Parameters
    ----------
    source : Source
        Where the picture came from.

    Returns
    -------
    str
        For example ``"Simulated picture (virtual Chang'e 4), not a photograph.
        Credit: lunar_edu. Licence: CC-BY-4.0."``

    Examples
    --------
    >>> credit_line(Source("real", "CNSA", "CC-BY-4.0"))
    'Credit: CNSA. Licence: CC-BY-4.0.'
    >>> credit_line(Source("diagram", "lunar_edu contributors", "CC-BY-4.0"))
    'Diagram drawn by lunar_edu, not a photograph. Credit: lunar_edu contributors. Licence: CC-BY-4.0.'
    """
    parts = []
    # In the language LUNAR_EDU_LANG chooses (lunar_edu.translations); the
    # credit and licence names themselves are never translated.
    if source.is_simulated:
        parts.append(translate_message(SIMULATED_NOTE))
    elif source.is_diagram:
        parts.append(translate_message(DIAGRAM_NOTE))
    parts.append(translate_message(CREDIT, credit=source.credit.rstrip(".")))
    parts.append(translate_message(LICENCE, licence=source.licence.rstrip(".")))
    return "".join(parts) if _joins_without_spaces(parts) else " ".join(parts)


def _joins_without_spaces(parts: list[str]) -> bool:
    """Return True when the sentences end in Chinese full stops (no spaces between)."""
    return all(part.endswith("。") for part in parts[:-1])
