"""lunar_edu: teach China's Chang'e 4 far-side mission with lunar camera frames."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .develop import develop
from .errors import LunarEduError
from .frame import Camera, Feature, Frame, Source, Sun, Truth
from .gallery import show

try:
    __version__ = version("lunar_edu")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

__all__ = [
    "Camera",
    "Feature",
    "Frame",
    "LunarEduError",
    "Source",
    "Sun",
    "Truth",
    "__version__",
    "develop",
    "show",
]
