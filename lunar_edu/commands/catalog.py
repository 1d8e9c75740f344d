"""``lunar-edu list`` and ``lunar-edu show``: the catalogue from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..catalog import catalog, entry_by_id
from ..errors import LunarEduError

# Reading and developing pictures (numpy, Pillow) is imported when a command
# runs, not when the parser is built (see commands/scene.py).

_SERVED_BY = {
    "data-folder": "REAL, from your data folder",
    "cache": "REAL, from the download cache",
    "download": "REAL, downloaded when online",
    "simulated": "SIMULATED scene",
}


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``list`` and ``show`` commands to the ``lunar-edu`` parser."""
    listing = commands.add_parser(
        "list",
        help="list the catalogue pictures and where each would come from now",
        description=(
            "List every catalogue entry and the source that would serve it now: "
            "your data folder, the download cache, a download, or the simulated "
            "scene. Nothing is downloaded."
        ),
    )
    listing.set_defaults(run=run_list)

    show = commands.add_parser(
        "show",
        help="save one catalogue picture as a PNG",
        description="Load a catalogue picture (real or simulated) and save it as a PNG.",
    )
    show.add_argument("id", help="the catalogue id (see `lunar-edu list`)")
    show.add_argument("-o", "--output", type=Path, metavar="PNG")
    show.add_argument(
        "--source",
        choices=("auto", "real", "simulated"),
        default="auto",
        help="auto: real when available, else simulated (default)",
    )
    show.add_argument(
        "--size",
        default="full",
        metavar="SIZE",
        help=(
            "for a simulated picture: full, preview or quarter of the "
            "instrument's frame (default: full); a real picture keeps its size"
        ),
    )
    show.set_defaults(run=run_show)


def run_list(args: argparse.Namespace) -> int:
    """Print each entry with the source that would serve it now."""
    from ..data import plan

    del args
    entries = catalog()
    width = max(len(e.id) for e in entries)
    for entry in entries:
        now = plan(entry)
        where = f"{_SERVED_BY[now.served_by]}: {now.detail}"
        print(f"{entry.id:<{width}}  {entry.title}")
        print(f"{'':<{width}}  -> {where}")
        for note in now.notes:
            print(f"{'':<{width}}     ({note})")
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Load the entry, develop it and save the PNG with its credit."""
    from ..data import load
    from ..develop import develop
    from ..gallery import output_dir
    from ..provenance import credit_line
    from .scene import save_tagged

    entry = entry_by_id(args.id)
    path = args.output or output_dir() / f"{entry.id}.png"
    if path.suffix.lower() != ".png":
        msg = f"The output {path} must end in .png; lunar-edu writes PNG pictures."
        raise LunarEduError(msg)
    frame = load(entry.id, source=args.source, size=args.size)
    path.parent.mkdir(parents=True, exist_ok=True)
    alt = entry.alt_for(simulated=frame.source.is_simulated)
    save_tagged(develop(frame), path, alt=alt, source=frame.source, title=entry.title)
    kind = "SIMULATED" if frame.source.is_simulated else "REAL"
    print(f"Saved a {kind} picture of {entry.id!r} ({entry.title}) to {path}")
    print(credit_line(frame.source))
    return 0
