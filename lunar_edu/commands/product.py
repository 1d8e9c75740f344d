"""``lunar-edu product``: look inside a Chang'e 4 camera product, or develop it."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import LunarEduError

if TYPE_CHECKING:
    from PIL import Image

    from ..frame import Source


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
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
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
    from ..develop import develop
    from ..picture_file import picture_metadata, png_text_fields
    from ..products import read_product
    from ..provenance import credit_line

    frame = read_product(args.label)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The picture file says itself what it shows, whose it is and whether it
    # is simulated: the same fields lunar_edu.picture_file.save_picture writes.
    kind_words = {"simulated": "Simulated", "real": "Real", "diagram": "Diagram:"}
    name = frame.source.product_id or args.label.stem
    alt = (
        f"{kind_words[frame.source.kind]} {frame.camera.name} picture developed "
        f"from the camera product {name}."
    )
    meta = picture_metadata(
        alt=alt, caption=credit_line(frame.source), title=name, source=frame.source
    )
    picture = _stamp_in_place(develop(frame), frame.source)
    _save_png(picture, path, png_text_fields(meta))
    kind = "SIMULATED" if frame.source.is_simulated else "real"
    print(f"Saved a {kind} picture ({frame.source.credit}) to {path}")
    return 0


def _stamp_in_place(image: Image.Image, source: Source) -> Image.Image:
    """Draw the status tag on the picture's bottom rows, without copying it all.

    :func:`lunar_edu.stamp.stamp_status` returns a stamped copy; for a
    PCAM frame that would be a second full picture in memory, so only the
    bottom band the tag can take (60 of 1728 rows) is stamped and pasted back.
    """
    from ..stamp import stamp_status, status_tag_text, tag_height_px

    if status_tag_text(source) is None:
        return image
    # A tag in blue or gray needs colour; a gray picture becomes RGB for it.
    image = image if image.mode == "RGB" else image.convert("RGB")
    width, height = image.size
    band_top = height - tag_height_px(image.size)
    if band_top < height:
        band = image.crop((0, band_top, width, height))
        stamped = stamp_status(band, source, full_height_px=height)
        image.paste(stamped, (0, band_top))
    return image


def _save_png(image: Image.Image, path: Path, text: dict[str, str]) -> None:
    """Write a picture as PNG with Pillow, its text fields as iTXt chunks."""
    from PIL import PngImagePlugin

    from ..picture_file import PNG_COMPRESS_LEVEL, PNG_PHOTO_STRATEGY

    info = PngImagePlugin.PngInfo()
    for key, value in text.items():
        info.add_itxt(key, value)
    image.save(
        path,
        format="PNG",
        pnginfo=info,
        compress_level=PNG_COMPRESS_LEVEL,
        compress_type=PNG_PHOTO_STRATEGY,
    )
