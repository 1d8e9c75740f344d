"""``lunar-edu scene``: render a simulated scene of the virtual Chang'e 4."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LunarEduError

# What a command needs (numpy, Pillow, the renderer) is imported when it runs:
# every command module is loaded to build the parser, and `lunar-edu
# product convert` or `--version` should not pay for the others.
if TYPE_CHECKING:
    from PIL import Image

    from ..frame import Frame, Source


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``scene`` command to the ``lunar-edu`` parser."""
    scene = commands.add_parser(
        "scene",
        help="render a simulated scene from the virtual Chang'e 4 to a PNG",
        description=(
            "Render a simulated (not real) scene through a model of a Chang'e 4 "
            "camera and save it as a PNG, or as a CLEP-style product with "
            "--product. Recipes: see 'lunar_edu.synth.RECIPES'."
        ),
    )
    scene.add_argument("recipe", help="the scene to render, e.g. rover-tracks")
    scene.add_argument(
        "--sun-elevation",
        type=float,
        default=None,
        metavar="DEG",
        help="height of the Sun above the horizon (-90 to 90; default: the recipe's)",
    )
    scene.add_argument(
        "--sun-azimuth",
        type=float,
        default=None,
        metavar="DEG",
        help="direction of the Sun, clockwise from north (default: the recipe's)",
    )
    scene.add_argument("--seed", type=int, default=0, metavar="N")
    scene.add_argument(
        "--size",
        default="full",
        metavar="SIZE",
        help=(
            "full, preview or quarter of the instrument's frame "
            "('half' is an old name for preview; default: full)"
        ),
    )
    scene.add_argument(
        "--mode",
        default=None,
        metavar="MODE",
        help=(
            "PCAM product mode: C colour (2352 x 1728 Bayer) or Q panchromatic "
            "(1176 x 864 gray, 2 x 2 binned); default: the recipe's"
        ),
    )
    scene.add_argument(
        "--eye",
        default="left",
        metavar="EYE",
        help="left or right camera of the PCAM stereo pair (default: left)",
    )
    scene.add_argument("-o", "--output", type=Path, metavar="PNG")
    scene.add_argument(
        "--product",
        type=Path,
        metavar="DIR",
        help="also write the raw frame as a CLEP-style product into DIR",
    )
    scene.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the recipe, save the developed picture and, if asked, the product."""
    from ..develop import develop
    from ..gallery import output_dir
    from ..provenance import credit_line
    from ..synth import render_scene

    path = args.output or output_dir() / f"{args.recipe}.png"
    if path.suffix.lower() != ".png":
        msg = f"The output {path} must end in .png; lunar-edu writes PNG pictures."
        raise LunarEduError(msg)
    frame = render_scene(
        args.recipe,
        sun_elevation=args.sun_elevation,
        sun_azimuth=args.sun_azimuth,
        seed=args.seed,
        size=args.size,
        eye=args.eye,
        mode=args.mode,
    )
    if args.product is not None:
        from ..products import write_product

        label = write_product(frame, args.product)
        print(f"Wrote a SIMULATED {args.recipe} product to {label}")
    path.parent.mkdir(parents=True, exist_ok=True)
    save_tagged(develop(frame), path, alt=_alt(args.recipe, frame), source=frame.source)
    print(f"Saved a SIMULATED {args.recipe} picture to {path}")
    print(credit_line(frame.source))
    return 0


def _alt(recipe: str, frame: Frame) -> str:
    """Return the alt text of a rendered scene: the recipe's own description."""
    from ..synth import RECIPES

    description = RECIPES[recipe].description.rstrip(".") if recipe in RECIPES else ""
    what = f": {description}" if description else ""
    return (
        f"Simulated {frame.camera.name} view from the virtual Chang'e 4, "
        f"scene '{recipe}'{what}."
    )


def save_tagged(
    image: Image.Image, path: Path, *, alt: str, source: Source, title: str = ""
) -> Path:
    """Save a picture from the command line with its status tag and metadata.

    Parameters
    ----------
    image : PIL.Image.Image
        The developed picture.
    path : pathlib.Path
        The PNG to write.
    alt : str
        What the picture shows.
    source : Source
        Whose picture it is.
    title : str, optional
        A short title for the file's metadata.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from ..picture_file import save_picture
    from ..provenance import credit_line
    from ..stamp import stamp_status

    return save_picture(
        stamp_status(image, source),
        path,
        alt=alt,
        caption=credit_line(source),
        title=title,
        source=source,
    )
