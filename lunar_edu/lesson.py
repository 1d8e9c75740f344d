"""Get a lesson's frames: catalogue entries, real-or-simulated, and the answer key.

Every lesson starts the same way: take a catalogue entry, load its picture
(real when a teacher has one), show it, and measure on a frame whose answer
key is known. These three helpers say that in three calls:

* :func:`entry` returns the catalogue entry of an id;
* :func:`load` loads a frame, and with ``missing=None`` returns None instead
  of raising when no real picture is available;
* :func:`with_answer_key` returns a frame that carries the virtual
  Chang'e 4's answer key: the frame itself when simulated, else the entry's
  simulated scene rendered with the same options.

:func:`load` wraps :func:`lunar_edu.data.load`; it also records on the frame
the entry it stands for (``frame.source.entry_id``, which pictures made by
:func:`lunar_edu.develop` carry on, so :func:`lunar_edu.show` finds the
entry's alt text and caption) and the scene options it was asked for.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any, Final, Literal, overload

from .catalog import CatalogEntry, entry_by_id
from .errors import LunarEduError
from .frame import Frame

__all__ = ["SCENE_OPTIONS_KEY", "entry", "load", "with_answer_key"]

# The frame's meta field holding the scene options of the load, as JSON.
SCENE_OPTIONS_KEY: Final = "lunar_edu.scene_options"


class _Raise(Enum):
    """The default of ``missing``: no real picture is an error."""

    RAISE = "raise"

    def __repr__(self) -> str:
        """Show the default as ``RAISE`` in help()."""
        return "RAISE"


_RAISE: Final = _Raise.RAISE


def entry(entry_id: str) -> CatalogEntry:
    """Return the catalogue entry of an id.

    Parameters
    ----------
    entry_id : str
        A catalogue id, e.g. ``"rover-tracks"`` (see ``lunar-edu list``).

    Returns
    -------
    CatalogEntry
        The entry, as listed by :func:`lunar_edu.catalog`: title, caption,
        alt text, credit, licence, sources and scene.

    Raises
    ------
    UnknownEntryError
        If the id is not in the catalogue; the message lists the closest ids.

    Examples
    --------
    >>> entry("rover-tracks").id
    'rover-tracks'
    """
    return entry_by_id(entry_id)


SourceChoice = Literal["auto", "real", "simulated"]


@overload
def load(
    entry_id: str,
    source: SourceChoice = ...,
    missing: _Raise = ...,
    **scene_options: Any,
) -> Frame: ...


@overload
def load(
    entry_id: str,
    source: SourceChoice = ...,
    *,
    missing: None,
    **scene_options: Any,
) -> Frame | None: ...


def load(
    entry_id: str,
    source: SourceChoice = "auto",
    missing: _Raise | None = _RAISE,
    **scene_options: Any,
) -> Frame | None:
    """Return the frame of a catalogue entry: real when available, else simulated.

    Parameters
    ----------
    entry_id : str
        A catalogue id, e.g. ``"rover-tracks"`` (see ``lunar-edu list``).
    source : {"auto", "real", "simulated"}
        ``"auto"`` uses the first real picture available and falls back to
        the simulated scene (with a
        ``DataSourceWarning`` when a download failed);
        ``"real"`` never falls back; ``"simulated"`` always renders the
        scene.
    missing : None, optional
        What ``source="real"`` gives when no real picture is available. Not
        given: ``NoRealImageError`` is raised, which
        says how to get one. ``missing=None``: None is returned, so a
        lesson can write ``if real is None:``.
    **scene_options
        ``sun_elevation``, ``sun_azimuth``, ``seed``, ``size``, ``mode``,
        ``altitude_m``: passed to :func:`lunar_edu.render_scene` when the
        simulated scene serves the picture (see ``lunar_edu.data.load``).

    Returns
    -------
    Frame or None
        The frame, with ``frame.source.entry_id`` set to the entry and the
        scene options kept for :func:`with_answer_key`; None only when
        ``missing=None`` and no real picture is available.

    Raises
    ------
    UnknownEntryError
        If the id is not in the catalogue.
    NoRealImageError
        If ``source="real"``, no real picture is available and ``missing``
        is not given.
    HashMismatchError
        If ``source="real"`` and the download does not match its pinned
        hash (a corrupt picture is never taken for a missing one).
    LunarEduError
        If ``missing`` is anything but None.
    """
    # Imported here: the data layer pulls in numpy and Pillow.
    from .data import NoRealImageError
    from .data import load as load_frame

    if missing is not None and missing is not _RAISE:
        msg = (
            f"load() got missing={missing!r}; pass missing=None to get None "
            "when no real picture is available, or leave it out to get an error."
        )
        raise LunarEduError(msg)
    try:
        frame = load_frame(entry_id, source, **scene_options)
    except NoRealImageError:
        if missing is _RAISE:
            raise
        return None
    return _remember(frame, entry_id, scene_options)


def _remember(frame: Frame, entry_id: str, scene_options: dict[str, Any]) -> Frame:
    """Return the frame knowing its entry and the scene options it was loaded with."""
    source = dataclasses.replace(frame.source, entry_id=entry_id)
    options = json.dumps(scene_options, sort_keys=True)
    meta = {**frame.meta, SCENE_OPTIONS_KEY: options}
    return dataclasses.replace(frame, source=source, meta=meta)


def with_answer_key(frame: Frame) -> Frame:
    """Return a frame of the same picture that carries the virtual Chang'e 4's answer key.

    A real picture has no answer key: nobody knows the true size of every
    rock in it. A lesson shows the real picture when there is one, and
    measures on the simulated scene, whose answer key (``frame.truth``) can
    check the measurement.

    Parameters
    ----------
    frame : Frame
        A frame from :func:`load` (or :func:`lunar_edu.render_scene`).

    Returns
    -------
    Frame
        ``frame`` itself when it has an answer key; otherwise the entry's
        simulated scene, rendered with the scene options ``frame`` was
        loaded with.

    Raises
    ------
    LunarEduError
        If ``frame`` has no answer key and does not say which catalogue
        entry it stands for (it was not made by :func:`load`).
    """
    if frame.truth is not None:
        return frame
    entry_id = frame.source.entry_id or frame.meta.get("lunar_edu.entry")
    if not entry_id:
        msg = (
            "with_answer_key() got a frame without an answer key that does not "
            "say which catalogue entry it is; load it with lunar_edu.load(id)."
        )
        raise LunarEduError(msg)
    from .data import load as load_frame

    options = json.loads(frame.meta.get(SCENE_OPTIONS_KEY, "{}"))
    simulated = load_frame(str(entry_id), "simulated", **options)
    return _remember(simulated, str(entry_id), options)
