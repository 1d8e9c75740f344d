"""The ``lunar-edu`` command.

Bad input ends with one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import NoReturn

from . import __version__
from .commands import COMMAND_MODULES
from .errors import LunarEduError

__all__ = ["main"]

_EXIT_BAD_INPUT = 2


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
    for name in COMMAND_MODULES:
        import_module(f"{__package__}.commands.{name}").register(commands)
    return parser


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
        return args.run(args)
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
