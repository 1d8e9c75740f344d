"""``lunar-edu product``: look inside a Chang'e 4 camera product, or develop it."""

from __future__ import annotations

import argparse
import dataclasses
import json
import zlib
from pathlib import Path
from typing import Any

from ..errors import LunarEduError

# PNG compression: level 1 with zlib's run-length strategy is about twice as
# fast as the default level 6 and, on noisy camera pictures, as small.
_PNG_OPTIONS = {"compress_level": 1, "compress_type": zlib.Z_RLE}


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``product`` command and its ``info`` and ``convert`` actions."""
    product = commands.add_parser(
        "product",
        help="describe or develop a CLEP camera product (.2BL, .2CL, .2AL label)",
        description="Read a Chang'e 4 camera product: a PDS4 label next to its data.",
    )
    actions = product.add_subparsers(dest="action", metavar="ACTION", required=True)
    info = actions.add_parser(
        "info", help="print what the label says, as JSON", description="Print JSON."
    )
    info.add_argument("label", type=Path, help="the product's label file")
    info.set_defaults(run=run)
    convert = actions.add_parser(
        "convert",
        help="develop the product into a PNG picture",
        description="Debayer, balance and stretch the product, then save a PNG.",
    )
    convert.add_argument("label", type=Path, help="the product's label file")
    convert.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="PNG",
        help="picture to write",
    )
    convert.set_defaults(run=run)


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, tuple):
        return list(value)
    return value


def _summary(label_path: Path) -> dict[str, Any]:
    from ..products import read_label, read_product

    label = read_label(label_path)
    frame = read_product(label_path)
    return {
        "id": label.product_id,
        "instrument": frame.camera.name,
        "level": label.level,
        "shape": list(frame.pixels.shape),
        "dtype": str(frame.pixels.dtype),
        "layout": frame.layout,
        "bit_depth": frame.bit_depth,
        "camera": _jsonable(frame.camera),
        "sun": None
        if frame.sun is None
        else {
            "elevation_deg": frame.sun.elevation_deg,
            "azimuth_deg": frame.sun.azimuth_deg,
        },
        "time": label.start_time,
        "source": {
            "kind": frame.source.kind,
            "credit": frame.source.credit,
            "licence": frame.source.licence,
            "origin": frame.source.origin,
        },
        "data_file": label.data_path.name,
    }


def run(args: argparse.Namespace) -> int:
    """Print the product's JSON summary, or save its developed picture."""
    if args.action == "info":
        print(json.dumps(_summary(args.label), indent=2, ensure_ascii=False))
        return 0
    path = args.output
    if path.suffix.lower() != ".png":
        msg = f"The output {path} must end in .png; lunar-edu writes PNG pictures."
        raise LunarEduError(msg)
    # Imported here, so that other commands start without them.
    from PIL.PngImagePlugin import PngInfo

    from ..develop import develop
    from ..products import read_product
    from ..provenance import credit_line

    frame = read_product(args.label)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The picture file says itself whose it is and whether it is simulated.
    text = PngInfo()
    text.add_text("Source", frame.source.kind)
    text.add_text("Description", credit_line(frame.source))
    text.add_text("Copyright", f"{frame.source.credit}; {frame.source.licence}")
    develop(frame).save(path, pnginfo=text, **_PNG_OPTIONS)
    kind = "SIMULATED" if frame.source.is_simulated else "real"
    print(f"Saved a {kind} picture ({frame.source.credit}) to {path}")
    return 0
