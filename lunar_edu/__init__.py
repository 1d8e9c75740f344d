"""lunar_edu: teach China's Chang'e 4 far-side mission with lunar camera frames."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .catalog import catalog
from .develop import develop
from .errors import LunarEduError
from .frame import Camera, Feature, Frame, Source, Sun, Truth
from .gallery import show

# Heavier parts load on first use, so ``import lunar_edu`` stays fast for a
# lesson that only needs a few of them. ``catalog`` is imported eagerly: it is
# also the name of its module, which would otherwise replace the function.
_LAZY = {
    "load": "data",
    "read_product": "products",
    "write_product": "products",
    "render_scene": "synth",
}


def __getattr__(name: str) -> object:
    """Import the module behind a public name the first time it is used."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


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
    "catalog",
    "develop",
    "load",
    "read_product",
    "render_scene",
    "show",
    "write_product",
]
