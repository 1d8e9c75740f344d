"""lunar_edu: teach China's Chang'e 4 far-side mission with lunar camera frames."""

from __future__ import annotations

import sys
from types import ModuleType

from . import catalog
from .errors import LunarEduError

# Most public names load their module on first use, so ``import lunar_edu``
# stays light: numpy and Pillow are imported by the first lesson line that
# needs them, not by the import, and ``le.catalog()`` reads the catalogue
# without them. ``catalog`` and ``LunarEduError`` come from small
# standard-library-only modules and are imported at once.
_LAZY = {
    "Camera": "frame",
    "Feature": "frame",
    "Frame": "frame",
    "Source": "frame",
    "Sun": "frame",
    "Truth": "frame",
    "develop": "develop",
    "entry": "lesson",
    "load": "lesson",
    "with_answer_key": "lesson",
    "read_product": "products",
    "write_product": "products",
    "render_scene": "synth",
    "show": "gallery",
}
# A public function named like the module it lives in. Importing that module
# (``from lunar_edu.develop import debayer``) makes Python set the package
# attribute to the module, which would hide the function. (``catalog`` is a
# callable module instead: lunar_edu/catalog.py.)
_SHADOWED = frozenset({"develop"})


class _Package(ModuleType):
    """The package module: keeps ``le.develop`` a function after imports."""

    def __setattr__(self, name: str, value: object) -> None:
        if (
            name in _SHADOWED
            and isinstance(value, ModuleType)
            and value.__name__ == f"{__name__}.{name}"
        ):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> object:
    """Import the module behind a public name the first time it is used."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        # Later look-ups find the name directly, without this function.
        globals()[name] = value
        return value
    if name == "__version__":
        # importlib.metadata is slow to import; only `--version` needs it.
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("lunar_edu")
        except PackageNotFoundError:  # pragma: no cover - a bare checkout
            value = "0.0.0"
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """List the public names too, loaded or not (for tab completion)."""
    return sorted({*globals(), *__all__})


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
    "entry",
    "load",
    "read_product",
    "render_scene",
    "show",
    "with_answer_key",
    "write_product",
]
