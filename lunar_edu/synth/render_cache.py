"""A disk cache of rendered scenes, for builds that render the same scenes twice.

The site is built twice, in English and in Chinese, and both editions run
every lesson (the Chinese one to draw Chinese labels). Rendering the virtual
Chang'e 4 is most of a lesson's time and does not depend on the language,
so ``make html`` points ``LUNAR_EDU_RENDER_CACHE`` at a folder and the
second build reads the frames the first one rendered.

A cached frame is keyed by the function, its arguments and a digest of the
renderer's code (every module of ``lunar_edu.synth`` plus the camera and
frame models), so a change to the renderer is never served a stale picture.
Without ``LUNAR_EDU_RENDER_CACHE`` (lessons run as scripts, the tests) nothing
is cached. Rendering is pure and seeded, so a cached frame is the frame.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["RENDER_CACHE_ENV", "cached", "code_digest"]

RENDER_CACHE_ENV = "LUNAR_EDU_RENDER_CACHE"
_PACKAGE = Path(__file__).resolve().parents[1]
T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of the code a render depends on.

    Returns
    -------
    str
        SHA-256 (hex) over the source of ``lunar_edu/synth/*.py``,
        ``lunar_edu/camera.py`` and ``lunar_edu/frame.py``.
    """
    digest = hashlib.sha256()
    files = sorted((_PACKAGE / "synth").glob("*.py"))
    files += [_PACKAGE / "camera.py", _PACKAGE / "frame.py"]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Return ``function(*args, **kwargs)``, from the render cache when it is on.

    Parameters
    ----------
    function : callable
        A pure render function of lunar_edu.synth.
    *args, **kwargs
        Its arguments; their ``repr`` is part of the key.

    Returns
    -------
    object
        What the function returns (a fresh copy from the cache, so callers
        may change it).
    """
    folder = os.environ.get(RENDER_CACHE_ENV, "").strip()
    if not folder:
        return function(*args, **kwargs)
    call = repr(
        (function.__module__, function.__qualname__, args, sorted(kwargs.items()))
    )
    key = hashlib.sha256(f"{code_digest()}\n{call}".encode()).hexdigest()
    path = Path(folder) / f"{key[:40]}.pickle"
    if path.is_file():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Two lessons running side by side (a lesson and its second part) often
    # ask for the same scene at once: the second waits for the first's
    # render instead of rendering it again.
    with _rendering(path):
        if path.is_file():
            return _read(path)
        result = function(*args, **kwargs)
        # Written under another name and renamed, so a parallel lesson never
        # reads half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as partial:
            pickle.dump(result, partial, protocol=pickle.HIGHEST_PROTOCOL)
        Path(partial.name).replace(path)
    return result


def _read(path: Path) -> Any:
    with path.open("rb") as stream:
        # Our own file, written by cached().
        return pickle.load(stream)


@contextlib.contextmanager
def _rendering(path: Path) -> Iterator[None]:
    """Hold a lock beside ``path`` while its frame is rendered (POSIX only)."""
    if fcntl is None:  # pragma: no cover - Windows: render, maybe twice
        yield
        return
    with path.with_suffix(".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
