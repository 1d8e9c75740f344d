"""The errors the virtual Chang'e 4 raises when asked for an impossible scene."""

from __future__ import annotations

from ..errors import LunarEduError

__all__ = ["SceneError", "UnknownRecipeError"]


class SceneError(LunarEduError, ValueError):
    """A scene was asked for with parameters that cannot be rendered."""


class UnknownRecipeError(SceneError):
    """A scene recipe name is not one the virtual Chang'e 4 knows."""
