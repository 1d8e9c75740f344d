"""Write picture files that say, inside the file, what they show and whose they are.

:func:`save_picture` is the one writer every output path of lunar_edu uses
(``show``, the sphinx-gallery scraper, the CLI, the site's thumbnails and
hero). Each file carries a title, the alt text (description), the caption,
credit, licence and status ("simulated", "real" or "diagram"):

- PNG: iTXt chunks (UTF-8), with the standard keywords ``Title``,
  ``Description``, ``Comment``, ``Author``, ``Copyright``, ``Source`` and
  ``Disclaimer`` plus ``Caption``, ``Credit``, ``Licence`` and ``Status``;
- WebP and JPEG: an XMP packet (Dublin Core, IPTC and a ``lunar_edu``
  namespace), which Pillow reads back as ``Image.open(path).info["xmp"]``.

Photographic pictures (real or simulated frames) go on the web as WebP,
which is 8 to 15 times smaller than PNG for noisy renders at a quality that
looks the same; diagrams stay PNG, where sharp lines and flat colour
compress well without loss (:func:`web_format`).
"""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, PngImagePlugin

from .errors import LunarEduError
from .frame import Source
from .provenance import credit_line

__all__ = [
    "PictureFileError",
    "data_url",
    "encode_picture",
    "picture_metadata",
    "png_text_fields",
    "read_picture_metadata",
    "save_picture",
    "web_format",
]

#: Quality of WebP pictures: visually lossless on the noisy renders (a 1176 x
#: 864 simulated frame: 1.6 MB as PNG, about 45 kB as WebP).
WEBP_QUALITY = 85
#: libwebp's effort (0 fastest to 6 smallest). On the lessons' 1176 x 864
#: renders, 2 against Pillow's usual 4: 27 ms instead of 66 ms a picture, files
#: 0-3 % larger, the same picture within 0.2 dB PSNR (both about 38-42 dB
#: against the lossless original). A docs build writes about 90 of them.
WEBP_METHOD = 2
JPEG_QUALITY = 88
# zlib level 1 writes a noisy photographic PNG about 4 times faster than
# Pillow's default 6 for about 17 % more bytes, which keeps lessons within
# their 3 s budget; flat-coloured diagrams take level 6 in a few hundredths of
# a second and come out about 25 % smaller (a 1200 x 720 chart: 38 kB).
PNG_COMPRESS_LEVEL = 1
DIAGRAM_PNG_COMPRESS_LEVEL = 6
# zlib's run-length strategy on photographic PNGs: a full 2352 x 1728 frame
# is written in 0.43 s instead of 0.65 s at level 1, and comes out no larger
# (10.5 MB against 10.6 MB): noise leaves little for longer matches to find.
PNG_PHOTO_STRATEGY = zlib.Z_RLE

_FORMATS = {".png": "PNG", ".webp": "WEBP", ".jpg": "JPEG", ".jpeg": "JPEG"}
_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
    "lunaredu": "urn:lunar-edu:xmp:1.0",
}
# IPTC's digital source types: a render of a model is "algorithmic media".
_DIGITAL_SOURCE = {
    "simulated": "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia",
    "real": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
    "diagram": "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia",
}
_DISCLAIMER = {
    "simulated": "Simulated picture (virtual Chang'e 4), not a photograph.",
    "diagram": "Diagram drawn by lunar_edu, not a photograph.",
    "real": "",
}


class PictureFileError(LunarEduError, ValueError):
    """A picture file was asked for in a format lunar_edu does not write."""


def picture_metadata(
    *, alt: str, caption: str = "", title: str = "", source: Source
) -> dict[str, str]:
    """Return the text fields every picture file carries.

    Parameters
    ----------
    alt : str
        What the picture shows, for readers who cannot see it.
    caption : str, optional
        The visible caption (with its credit line).
    title : str, optional
        A short title; the first words of the alt text when empty.
    source : Source
        Whose picture it is.

    Returns
    -------
    dict of str to str
        ``title``, ``alt``, ``caption``, ``credit``, ``licence``, ``status``,
        ``origin`` and ``disclaimer``.

    Examples
    --------
    >>> meta = picture_metadata(alt="Gray ground.", source=Source("real", "CNSA", "CC-BY-4.0"))
    >>> meta["status"], meta["licence"], meta["caption"]
    ('real', 'CC-BY-4.0', 'Credit: CNSA. Licence: CC-BY-4.0.')
    """
    alt_text = " ".join(str(alt).split())
    words = alt_text.split()
    short = " ".join(words[:10]) + (" …" if len(words) > 10 else "")
    caption_text = " ".join(str(caption).split()) or credit_line(source)
    status = source.kind
    return {
        "title": " ".join(str(title).split()) or short,
        "alt": alt_text,
        "caption": caption_text,
        "credit": source.credit,
        "licence": source.licence,
        "status": status,
        "origin": source.origin,
        "disclaimer": _DISCLAIMER[status],
    }


def png_text_fields(meta: dict[str, str]) -> dict[str, str]:
    """Return the PNG text chunks (keyword to UTF-8 text) of a picture's fields.

    Parameters
    ----------
    meta : dict of str to str
        From :func:`picture_metadata`.

    Returns
    -------
    dict of str to str
        The standard keywords (``Title``, ``Description`` = alt text,
        ``Comment`` = caption, ``Author``, ``Copyright``, ``Source``,
        ``Disclaimer``, ``Software``) and ``Caption``, ``Credit``,
        ``Licence``, ``Status``; empty values are left out.
    """
    fields = {
        "Title": meta["title"],
        "Description": meta["alt"],
        "Comment": meta["caption"],
        "Caption": meta["caption"],
        "Author": meta["credit"],
        "Credit": meta["credit"],
        "Copyright": f"{meta['credit']}. Licence: {meta['licence']}.",
        "Licence": meta["licence"],
        "Status": meta["status"],
        "Source": meta["origin"],
        "Disclaimer": meta["disclaimer"],
        "Software": "lunar_edu",
    }
    return {key: value for key, value in fields.items() if value}


def _png_info(meta: dict[str, str]) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    for key, value in png_text_fields(meta).items():
        info.add_itxt(key, value)
    return info


def _xmp(meta: dict[str, str]) -> bytes:
    """Return an XMP packet with the picture's fields."""

    def alt_lang(value: str) -> str:
        return (
            f"<rdf:Alt><rdf:li xml:lang='x-default'>{escape(value)}</rdf:li></rdf:Alt>"
        )

    namespaces = " ".join(
        f"xmlns:{prefix}='{uri}'" for prefix, uri in _NS.items() if prefix != "x"
    )
    credit, licence = meta["credit"], meta["licence"]
    simple = {
        "dc:source": meta["origin"],
        "photoshop:Credit": credit,
        "photoshop:Headline": meta["title"],
        "Iptc4xmpExt:DigitalSourceType": _DIGITAL_SOURCE[meta["status"]],
        "lunaredu:caption": meta["caption"],
        "lunaredu:credit": credit,
        "lunaredu:licence": licence,
        "lunaredu:status": meta["status"],
        "lunaredu:disclaimer": meta["disclaimer"],
    }
    alternatives = {
        "dc:title": meta["title"],
        "dc:description": meta["alt"],
        "dc:rights": f"{credit}. Licence: {licence}.",
        "xmpRights:UsageTerms": licence,
        "Iptc4xmpCore:AltTextAccessibility": meta["alt"],
    }
    body = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(credit)}</rdf:li></rdf:Seq></dc:creator>"
    )
    body += "".join(f"<{k}>{alt_lang(v)}</{k}>" for k, v in alternatives.items())
    body += "".join(f"<{k}>{escape(v)}</{k}>" for k, v in simple.items())
    packet = (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        f"<x:xmpmeta xmlns:x='{_NS['x']}'><rdf:RDF xmlns:rdf='{_NS['rdf']}'>"
        f"<rdf:Description rdf:about='' {namespaces}>{body}</rdf:Description>"
        "</rdf:RDF></x:xmpmeta><?xpacket end='r'?>"
    )
    return packet.encode("utf-8")


def web_format(source: Source) -> str:
    """Return the file format a picture goes on the web in.

    Parameters
    ----------
    source : Source
        Whose picture it is.

    Returns
    -------
    str
        ``"webp"`` for photographic pictures (real or simulated frames),
        ``"png"`` for diagrams and charts.

    Examples
    --------
    >>> web_format(Source("diagram", "lunar_edu", "CC-BY-4.0"))
    'png'
    """
    return "png" if source.is_diagram else "webp"


def _format_of(suffix: str) -> str:
    fmt = _FORMATS.get(suffix.lower())
    if fmt is None:
        msg = (
            f"lunar_edu cannot write a {suffix or 'suffix-less'} picture file; "
            f"name it with one of {', '.join(_FORMATS)}."
        )
        raise PictureFileError(msg)
    return fmt


def encode_picture(image: Image.Image, fmt: str, meta: dict[str, str]) -> bytes:
    """Encode a picture with its metadata into the bytes of a file.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture.
    fmt : {"PNG", "WEBP", "JPEG"}
        The file format.
    meta : dict of str to str
        From :func:`picture_metadata`.

    Returns
    -------
    bytes
        The file's content.
    """
    stream = io.BytesIO()
    if fmt == "PNG":
        options = {"compress_level": PNG_COMPRESS_LEVEL}
        options["compress_type"] = PNG_PHOTO_STRATEGY
        if meta["status"] == "diagram":
            options = {"compress_level": DIAGRAM_PNG_COMPRESS_LEVEL}
        image.save(stream, "PNG", pnginfo=_png_info(meta), **options)
    else:
        picture = image if image.mode in ("RGB", "L") else image.convert("RGB")
        if fmt == "WEBP":
            options = {"quality": WEBP_QUALITY, "method": WEBP_METHOD}
        else:
            options = {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
        picture.save(stream, fmt, xmp=_xmp(meta), **options)
    return stream.getvalue()


def save_picture(
    image: Image.Image,
    path: str | Path,
    *,
    alt: str,
    caption: str = "",
    title: str = "",
    source: Source,
) -> Path:
    """Save a picture with its title, alt text, caption, credit, licence and status.

    The format follows the file name: ``.png``, ``.webp``, ``.jpg`` or
    ``.jpeg``. The pixels are written as given: stamp the status tag first
    with :func:`lunar_edu.stamp.stamp_status`.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture.
    path : str or pathlib.Path
        Where to write it; the folder must exist.
    alt : str
        What the picture shows (stored as the description).
    caption : str, optional
        The caption, with credit; the credit line when empty.
    title : str, optional
        A short title; the first words of the alt text when empty.
    source : Source
        Whose picture it is.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    PictureFileError
        If the file name has a suffix lunar_edu does not write.
    """
    path = Path(path)
    fmt = _format_of(path.suffix)
    meta = picture_metadata(alt=alt, caption=caption, title=title, source=source)
    path.write_bytes(encode_picture(image, fmt, meta))
    return path


def data_url(image: Image.Image, *, meta: dict[str, str], fmt: str = "WEBP") -> str:
    """Return a picture as a ``data:`` URL, with its metadata inside.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture.
    meta : dict of str to str
        From :func:`picture_metadata`.
    fmt : {"WEBP", "PNG", "JPEG"}
        The encoding.

    Returns
    -------
    str
        ``data:image/webp;base64,...`` (or png/jpeg).
    """
    payload = base64.b64encode(encode_picture(image, fmt, meta)).decode("ascii")
    return f"data:image/{fmt.lower()};base64,{payload}"


def read_picture_metadata(path: str | Path) -> dict[str, str]:
    """Read back the fields :func:`save_picture` wrote into a picture file.

    Parameters
    ----------
    path : str or pathlib.Path
        A PNG, WebP or JPEG file.

    Returns
    -------
    dict of str to str
        ``title``, ``alt``, ``caption``, ``credit``, ``licence`` and
        ``status``; empty when the file carries none of them.
    """
    with Image.open(path) as picture:
        # The class check stands for ``format == "PNG"`` and shows mypy
        # that the picture has PNG text chunks.
        if isinstance(picture, PngImagePlugin.PngImageFile):
            text = dict(picture.text)
            keys = {
                "title": "Title",
                "alt": "Description",
                "caption": "Caption",
                "credit": "Credit",
                "licence": "Licence",
                "status": "Status",
            }
            return {name: text[key] for name, key in keys.items() if key in text}
        packet = picture.info.get("xmp")
    if not packet:
        return {}
    root = ET.fromstring(packet)
    found = {}
    paths = {
        "title": "dc:title/rdf:Alt/rdf:li",
        "alt": "dc:description/rdf:Alt/rdf:li",
        "caption": "lunaredu:caption",
        "credit": "lunaredu:credit",
        "licence": "lunaredu:licence",
        "status": "lunaredu:status",
    }
    description = root.find("rdf:RDF/rdf:Description", _NS)
    if description is None:
        return {}
    for name, where in paths.items():
        node = description.find(where, _NS)
        if node is not None and node.text is not None:
            found[name] = node.text
    return found
