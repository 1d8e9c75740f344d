"""End a command-line build without a last sweep of its memory: 1 s sooner.

When a Python program ends, the interpreter runs its cycle collector one
last time over every object still alive. After a build, that is the whole
environment and the doctrees of ~130 pages: on this 2-core machine the
Chinese build spent about 1.1 s (of 20 s) after "build succeeded" on that
sweep alone, measured over repeated clean builds. The memory is given back
to the system at exit anyway.

When Sphinx runs as a command (``python -m sphinx`` or ``sphinx-build``),
this extension moves every object alive at the end of the build out of the
collector's reach (:func:`gc.freeze`, made for this kind of use), so the
last sweep has nothing to look at. A build inside another program (a test
that builds a small project in its own process) is left alone: there the
objects must stay collectable.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any


def runs_as_command(argv: list[str]) -> bool:
    """Return whether this process is a Sphinx command, ending with the build.

    Parameters
    ----------
    argv : list of str
        The process's arguments (``sys.argv``).

    Returns
    -------
    bool
        True for ``python -m sphinx`` and ``sphinx-build``.
    """
    if not argv:
        return False
    program = Path(argv[0])
    as_module = program.name == "__main__.py" and program.parent.name == "sphinx"
    return as_module or program.name == "sphinx-build"


def _skip_the_last_sweep(app: Any, exception: BaseException | None) -> None:
    if runs_as_command(sys.argv):
        gc.freeze()


def setup(app: Any) -> dict[str, Any]:
    """Freeze the objects at the end of a command-line build.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    # After every other extension's build-finished work.
    app.connect("build-finished", _skip_the_last_sweep, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
