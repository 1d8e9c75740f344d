"""The ``lunar-edu`` command.

Bad input ends with one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__
from .develop import develop
from .errors import LunarEduError
from .gallery import output_dir
from .standin import descent_view

__all__ = ["main"]

_EXIT_BAD_INPUT = 2
# Scene recipes the command can render; the virtual Chang'e 4 adds more.
_RECIPES = {"descent-view": descent_view}


class _OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are a single line, like ours."""

    def error(self, message: str) -> NoReturn:
        """Print the problem and how to get help on one line, then exit 2."""
        self.exit(_EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="lunar-edu",
        description="Chang'e 4 pictures for teaching: render, read and develop frames.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    scene = commands.add_parser(
        "scene",
        help="render a simulated scene from the virtual Chang'e 4 to a PNG",
        description="Render a simulated (not real) scene and save it as a PNG.",
    )
    scene.add_argument("recipe", choices=sorted(_RECIPES), help="the scene to render")
    scene.add_argument("--sun-elevation", type=float, default=30.0, metavar="DEG")
    scene.add_argument("--sun-azimuth", type=float, default=270.0, metavar="DEG")
    scene.add_argument("--seed", type=int, default=0, metavar="N")
    scene.add_argument("-o", "--output", type=Path, metavar="PNG")
    return parser


def _run_scene(args: argparse.Namespace) -> int:
    frame = _RECIPES[args.recipe](
        sun_elevation_deg=args.sun_elevation,
        sun_azimuth_deg=args.sun_azimuth,
        seed=args.seed,
    )
    path = args.output or output_dir() / f"{args.recipe}.png"
    if path.suffix.lower() != ".png":
        msg = f"The output {path} must end in .png; lunar-edu writes PNG pictures."
        raise LunarEduError(msg)
    path.parent.mkdir(parents=True, exist_ok=True)
    develop(frame).save(path)
    print(f"Saved a SIMULATED {args.recipe} picture to {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the ``lunar-edu`` command.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        0 on success, 2 on bad input.
    """
    args = _build_parser().parse_args(argv)
    try:
        return _run_scene(args)
    except LunarEduError as err:
        print(f"lunar-edu: error: {err}", file=sys.stderr)
        return _EXIT_BAD_INPUT
    except OSError as err:
        print(
            f"lunar-edu: error: {err.strerror or err}: {err.filename}", file=sys.stderr
        )
        return _EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
