"""The exceptions lunar_edu raises when it is given input it cannot use."""

from __future__ import annotations

__all__ = [
    "DevelopError",
    "GalleryError",
    "LunarEduError",
    "MissingAltTextError",
    "MissingCreditError",
]


class LunarEduError(Exception):
    """Base class of every error lunar_edu raises on bad input.

    The message is one sentence that says what was wrong and how to fix it,
    so the command line can print it as a single line.
    """


class GalleryError(LunarEduError, ValueError):
    """A picture cannot be shown or put into the gallery as asked."""


class MissingAltTextError(GalleryError, TypeError):
    """A picture was shown without written alternative text."""


class MissingCreditError(GalleryError):
    """A picture was shown without knowing whose picture it is."""


class DevelopError(LunarEduError, ValueError):
    """A frame cannot be developed as asked (a pattern, stretch or gamma is unusable)."""
