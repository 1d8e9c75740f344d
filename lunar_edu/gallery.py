r"""Show pictures: captured into the sphinx-gallery page, or opened/saved as a script.

``show`` is the one call a lesson makes. In a sphinx-gallery build every
picture it receives becomes one figure with its own written alt text and a
visible caption that includes the credit; run as a plain script, ``show``
opens the system image viewer when there is a display (and prints the caption
and credit) and otherwise saves a PNG and prints where; in a notebook it
displays an HTML figure with alt text, caption and credit.

Whatever the path, the picture gets its status tag in its pixels
(:func:`lunar_edu.stamp.stamp_status`: "SIMULATED · lunar_edu" on every
simulated picture) and its title, alt text, caption, credit, licence and
status in the file (:func:`lunar_edu.picture_file.save_picture`). On the web,
photographic pictures are WebP and diagrams PNG.

Configure sphinx-gallery with::

    "image_scrapers": ("lunar_edu.gallery.scraper",),
    "reset_modules": ("lunar_edu.gallery.reset",),
    "ignore_repr_types": r"PIL\.",
"""

from __future__ import annotations

import html
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageShow

from .catalog import entry_by_id
from .errors import GalleryError, MissingAltTextError, MissingCreditError
from .frame import Source
from .picture_file import data_url, picture_metadata, save_picture, web_format
from .provenance import attach_source, credit_line, source_of
from .stamp import stamp_status
from .translations import translate

__all__ = ["figure_html", "figure_rst", "output_dir", "reset", "scraper", "show"]

_FILE_NAME = re.compile(r"^[\w.\- ]+\.(png|jpe?g|gif|webp|tiff?|bmp)$", re.IGNORECASE)
# Characters that reST could read as markup; escaping them makes a caption
# plain text, whatever a lesson author writes.
_RST_SPECIAL = re.compile(r"([\\`*_|\[\]<>:#+\-.=~^!?'\"(){}])")
_SHOW_MODES = ("auto", "viewer", "save")
# Window titles longer than this are cut by most window managers anyway.
_MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class _Shown:
    image: Image.Image
    alt: str
    caption: str
    source: Source


@dataclass
class _State:
    capturing: bool = False
    queue: list[_Shown] = field(default_factory=list)
    saved_count: int = 0


_STATE = _State()


def show(
    image: Image.Image,
    *,
    alt: str | None = None,
    caption: str | None = None,
    source: Source | None = None,
) -> None:
    """Show a picture with its alt text, caption and credit.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture to show.
    alt : str, optional
        Written alternative text: what the picture shows, for readers who
        cannot see it. When not given, the alt text of the catalogue entry
        the picture was loaded for (:func:`lunar_edu.load`), which describes
        the simulated stand-in when the picture is simulated; a picture that
        comes from no entry needs one.
    caption : str, optional
        A visible caption that teaches: what to look at and why. The credit
        and licence are added after it. When not given, the caption of the
        catalogue entry the picture was loaded for.
    source : Source, optional
        Whose picture it is. Pictures made by :func:`lunar_edu.develop` carry
        their frame's source already; pass one for any other picture.

    Returns
    -------
    None
        Like ``matplotlib.pyplot.show``, so nothing is echoed on the page.

    Raises
    ------
    MissingAltTextError
        If ``alt`` is empty or just a file name, or missing for a picture
        that comes from no catalogue entry.
    MissingCreditError
        If the picture's source is unknown.
    GalleryError
        If ``image`` is not a Pillow image.

    Notes
    -----
    Outside a gallery build the environment variable ``LUNAR_EDU_SHOW``
    chooses what happens: ``auto`` (default: a viewer when a display exists,
    else save), ``viewer`` or ``save``. Saved pictures go to
    :func:`output_dir`.
    """
    shown = _prepare(image, alt=alt, caption=caption, source=source)
    if _STATE.capturing:
        _STATE.queue.append(shown)
        return
    if _in_notebook():
        # Only present inside Jupyter.
        from IPython.display import HTML, display

        display(HTML(figure_html(shown.image, alt=shown.alt, caption=shown.caption)))
        return
    mode = os.environ.get("LUNAR_EDU_SHOW", "auto").strip().lower() or "auto"
    if mode not in _SHOW_MODES:
        msg = (
            f"LUNAR_EDU_SHOW is {mode!r}; set it to one of "
            f"{', '.join(_SHOW_MODES)} (or unset it)."
        )
        raise GalleryError(msg)
    wants_viewer = mode == "viewer" or (mode == "auto" and _has_display())
    if wants_viewer and ImageShow.show(shown.image, title=_window_title(shown)):
        # The window shows only pixels; the class needs the caption and credit.
        print(f"Showing: {shown.alt}\n  Caption: {shown.caption}")  # noqa: T201
        return
    path = _save_for_script(shown)
    report = (
        f"Saved picture to {path}\n  Alt text: {shown.alt}\n  Caption: {shown.caption}"
    )
    # A teacher without a display needs to know where the picture went.
    print(report)  # noqa: T201


def _window_title(shown: _Shown) -> str:
    """Return a viewer window title: the caption, which ends with the credit."""
    title = shown.caption
    if len(title) > _MAX_TITLE_CHARS:
        # Keep the status and credit at the end, which say whose picture it is.
        credit = credit_line(shown.source)
        room = max(0, _MAX_TITLE_CHARS - len(credit) - 2)
        title = f"{title[:room].rstrip()}… {credit}"[-_MAX_TITLE_CHARS:]
    return title


def figure_html(image: Image.Image, *, alt: str, caption: str) -> str:
    """Return an HTML figure of a picture, with alt text and caption, for notebooks.

    Parameters
    ----------
    image : PIL.Image.Image
        The picture, with its status tag already drawn.
    alt : str
        What the picture shows.
    caption : str
        The caption, with credit and licence.

    Returns
    -------
    str
        ``<figure>`` with an ``<img>`` whose ``src`` is a ``data:`` URL
        (WebP for photographic pictures, PNG for diagrams, the metadata
        inside) and a ``<figcaption>``.

    Examples
    --------
    >>> from PIL import Image
    >>> diagram = Source("diagram", "lunar_edu", "CC-BY-4.0")
    >>> out = figure_html(
    ...     attach_source(Image.new("L", (4, 4)), diagram), alt="A <b>", caption="C"
    ... )
    >>> out.startswith('<figure class="lunar-edu-figure"><img alt="A &lt;b&gt;"')
    True
    """
    source = source_of(image)
    if source is None:
        msg = (
            "figure_html() needs a picture that knows its source: attach one "
            "with lunar_edu.provenance.attach_source(image, source)."
        )
        raise MissingCreditError(msg)
    meta = picture_metadata(alt=alt, caption=caption, source=source)
    src = data_url(image, meta=meta, fmt=web_format(source).upper())
    return (
        f'<figure class="lunar-edu-figure"><img alt="{html.escape(alt)}" '
        f'src="{src}" width="{image.width}" height="{image.height}" '
        'style="max-width: 100%; height: auto">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def _prepare(
    image: Any, *, alt: str | None, caption: str | None, source: Source | None
) -> _Shown:
    """Check what ``show`` was given and build the figure's alt text and caption."""
    if not isinstance(image, Image.Image):
        msg = (
            f"show() needs a Pillow image, got {type(image).__name__}; "
            "turn a Frame into one with lunar_edu.develop(frame)."
        )
        raise GalleryError(msg)
    source = source if source is not None else source_of(image)
    alt, caption = _entry_defaults(source, alt=alt, caption=caption)
    if alt is None or not str(alt).strip():
        msg = (
            "show() is missing the 'alt' argument: pass alt='...' describing "
            "what the picture shows for readers who cannot see it."
        )
        raise MissingAltTextError(msg)
    alt_text = " ".join(str(alt).split())
    if _FILE_NAME.match(alt_text):
        msg = (
            f"The 'alt' argument {alt_text!r} is a file name, not a description; "
            "write what the picture shows instead."
        )
        raise MissingAltTextError(msg)
    if source is None:
        msg = (
            "show() does not know whose picture this is: pass source=Source(...) "
            "with its credit and licence, or show an image made by "
            "lunar_edu.develop(), which carries its frame's source."
        )
        raise MissingCreditError(msg)
    credit = credit_line(source)
    # Alt text and caption in the language LUNAR_EDU_LANG chooses
    # (lunar_edu.translations), so a lesson needs no changes to be translated.
    alt_text = translate(alt_text)
    text = translate(" ".join(str(caption).split())) if caption else ""
    # Chinese sentences end in a full-width stop and need no space after it.
    joiner = "" if text.endswith("\u3002") else " "
    full_caption = f"{text}{joiner}{credit}" if text else credit
    # The tag goes on a copy at output time: develop() and the lesson's own
    # picture stay as they were, and a picture shown twice is tagged once each.
    stamped = attach_source(stamp_status(image, source), source)
    return _Shown(image=stamped, alt=alt_text, caption=full_caption, source=source)


def _entry_defaults(
    source: Source | None, *, alt: str | None, caption: str | None
) -> tuple[str | None, str | None]:
    """Fill a missing alt text or caption from the picture's catalogue entry."""
    entry_id = source.entry_id if source is not None else None
    if entry_id is None or (alt is not None and caption is not None):
        return alt, caption
    entry = entry_by_id(entry_id)
    if alt is None:
        alt = entry.alt_for(simulated=source is not None and source.is_simulated)
    if caption is None:
        caption = entry.caption
    return alt, caption


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None or "ipykernel" not in sys.modules:
        return False
    get_ipython = getattr(shell, "get_ipython", None)
    return bool(get_ipython and get_ipython() is not None)


def _has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def output_dir() -> Path:
    """Return the folder where ``show`` saves pictures when run as a script.

    Returns
    -------
    pathlib.Path
        ``$LUNAR_EDU_OUTPUT_DIR`` when set, else ``lunar_edu_pictures`` in the
        current working directory.
    """
    configured = os.environ.get("LUNAR_EDU_OUTPUT_DIR", "").strip()
    return Path(configured) if configured else Path.cwd() / "lunar_edu_pictures"


def _save_for_script(shown: _Shown) -> Path:
    folder = output_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _STATE.saved_count += 1
    stem = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""
    stem = re.sub(r"[^\w\-]+", "_", stem).strip("_") or "lunar_edu"
    path = folder / f"{stem}_{_STATE.saved_count:02d}.png"
    # PNG, lossless, so a teacher can measure on the saved picture.
    return save_picture(
        shown.image, path, alt=shown.alt, caption=shown.caption, source=shown.source
    )


def _escape_rst(text: str) -> str:
    return _RST_SPECIAL.sub(r"\\\1", text)


def figure_rst(image_path: str, *, alt: str, caption: str) -> str:
    r"""Return the reST of one figure with alt text and a plain-text caption.

    Parameters
    ----------
    image_path : str
        Path of the image, absolute from the Sphinx source folder
        (``/auto_examples/images/...``).
    alt : str
        One line of alternative text.
    caption : str
        Caption text, written as plain text (reST markup is escaped).

    Returns
    -------
    str
        A ``.. figure::`` block.

    Examples
    --------
    >>> print(figure_rst("/a.png", alt="A crater", caption="Credit: CNSA."))
    <BLANKLINE>
    .. figure:: /a.png
       :alt: A crater
       :class: sphx-glr-single-img
       :figclass: lunar-edu-figure
    <BLANKLINE>
       Credit\: CNSA\.
    <BLANKLINE>
    """
    alt_line = " ".join(alt.split())
    return (
        f"\n.. figure:: {image_path}\n"
        f"   :alt: {alt_line}\n"
        "   :class: sphx-glr-single-img\n"
        "   :figclass: lunar-edu-figure\n"
        "\n"
        f"   {_escape_rst(' '.join(caption.split()))}\n"
    )


def scraper(
    block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any]
) -> str:
    """Save the pictures shown in a code block and return their figures' reST.

    This is a sphinx-gallery image scraper: each picture passed to
    :func:`show` since the last block is saved once, to the next path of
    ``block_vars["image_path_iterator"]``, and then forgotten, so a later
    block never repeats it. Photographic pictures are written as WebP (the
    path's ``.png`` becomes ``.webp``), diagrams as PNG; both carry their
    metadata. The scraper keeps no state beyond the current example, so it
    works in sphinx-gallery's parallel worker processes.

    Parameters
    ----------
    block : tuple
        The code block sphinx-gallery just ran (label, content, line number).
    block_vars : dict
        sphinx-gallery's per-block variables; ``image_path_iterator`` is used.
    gallery_conf : dict
        sphinx-gallery's configuration; ``src_dir`` is used.

    Returns
    -------
    str
        reST with one ``.. figure::`` per picture, or ``""``.
    """
    paths = block_vars["image_path_iterator"]
    src_dir = Path(gallery_conf["src_dir"])
    parts = []
    while _STATE.queue:
        shown = _STATE.queue.pop(0)
        path = Path(next(paths)).with_suffix(f".{web_format(shown.source)}")
        save_picture(
            shown.image, path, alt=shown.alt, caption=shown.caption, source=shown.source
        )
        relative = Path(os.path.relpath(path, src_dir)).as_posix()
        parts.append(figure_rst(f"/{relative}", alt=shown.alt, caption=shown.caption))
    return "".join(parts)


def reset(gallery_conf: dict[str, Any], fname: Any) -> None:
    """Forget pictures left over and capture the next example's pictures.

    sphinx-gallery calls this before each example (``reset_modules``).

    Parameters
    ----------
    gallery_conf : dict
        sphinx-gallery's configuration (unused).
    fname : str or None
        The example about to run (unused).
    """
    _STATE.queue.clear()
    _STATE.capturing = True


def _stop_capturing() -> None:
    """Return ``show`` to plain-script behaviour (used by tests)."""
    _STATE.queue.clear()
    _STATE.capturing = False
