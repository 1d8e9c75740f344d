"""``lunar-edu scene``: render a simulated scene to a PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..develop import develop
from ..errors import LunarEduError
from ..gallery import output_dir
from ..standin import descent_view

# Scene recipes the command can render; the virtual Chang'e 4 adds more.
_RECIPES = {"descent-view": descent_view}


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``scene`` command to the ``lunar-edu`` parser."""
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
    scene.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the recipe and save the developed picture."""
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
