"""Where a catalogue picture comes from: data folder, download cache, or simulation.

:func:`load` tries, in order,

1. the teacher's folder ``LUNAR_EDU_DATA_DIR``: an image file named after the
   entry (``rover-tracks.png``), or a CLEP product whose id matches one of the
   entry's product patterns (in the sub-folder named after the entry, or
   anywhere when the pattern is an exact product id);
2. the download cache (``LUNAR_EDU_CACHE``, by default the platform's cache
   folder): open-licence images with a pinned SHA-256, downloaded when the
   network is there (:mod:`lunar_edu.download`: nothing is attempted when
   ``LUNAR_EDU_OFFLINE=1``, and a host that could not be reached is left
   alone for a minute);
3. the virtual Chang'e 4: the entry's simulated scene.

The returned Frame always says which of them served it: ``frame.source`` is
real (with the entry's credit and licence) or simulated, and
``frame.meta["lunar_edu.served_by"]`` is ``"data-folder"``, ``"cache"``,
``"download"`` or ``"simulated"``.

Hashes are pinned in the catalogue by the maintainers (``make pin``, which
runs ``tools/pin_sources.py``); an unpinned download is never used.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlsplit

from .catalog import CatalogEntry, SourceSpec, entry_by_id
from .download import (
    MIRROR_ENV,
    OFFLINE_ENV,
    DownloadError,
    HashMismatchError,
    NetworkUnavailableError,
    OfflineError,
    download,
    download_url,
    is_offline,
    require_url,
)
from .errors import LunarEduError

if TYPE_CHECKING:  # frames need numpy; listing and planning do not
    from .frame import Frame

__all__ = [
    "CACHE_ENV",
    "DATA_DIR_ENV",
    "MIRROR_ENV",
    "OFFLINE_ENV",
    "DataSourceWarning",
    "DownloadError",
    "HashMismatchError",
    "NetworkUnavailableError",
    "NoRealImageError",
    "OfflineError",
    "Plan",
    "cache_dir",
    "cache_path",
    "data_dir",
    "download_url",
    "fetch",
    "find_in_data_dir",
    "is_offline",
    "load",
    "plan",
    "stray_downloads",
    "verify_cached",
]

DATA_DIR_ENV = "LUNAR_EDU_DATA_DIR"
CACHE_ENV = "LUNAR_EDU_CACHE"

SourceChoice = Literal["auto", "real", "simulated"]
_SOURCE_CHOICES = ("auto", "real", "simulated")
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_LABEL_SUFFIXES = (".2al", ".2bl", ".2cl")
# What a lesson may change in the simulated stand-in of a catalogue picture.
_SCENE_OPTIONS = frozenset(
    {"sun_elevation", "sun_azimuth", "seed", "size", "mode", "altitude_m"}
)
# How a message tells a maintainer to pin a download.
_HOW_TO_PIN = "a maintainer pins it with `make pin` in a lunar_edu checkout"


class NoRealImageError(LunarEduError, LookupError):
    """``source="real"`` was asked for, but no real picture is available."""

    def __str__(self) -> str:
        """Return the message itself (LookupError would quote it)."""
        return str(self.args[0]) if self.args else ""


class DataSourceWarning(UserWarning):
    """A real picture could not be used, so a simulated one is shown instead."""


@dataclass(frozen=True)
class Plan:
    """Which source would serve an entry now, found without using the network.

    Parameters
    ----------
    served_by : {"data-folder", "cache", "download", "simulated"}
        The source that would be used.
    detail : str
        The file, URL or scene recipe.
    notes : tuple of str
        Why better sources were passed over (unpinned, corrupt, offline...).
    """

    served_by: Literal["data-folder", "cache", "download", "simulated"]
    detail: str
    notes: tuple[str, ...] = ()


# --- the teacher's folder -----------------------------------------------------


def data_dir() -> Path | None:
    """Return the teacher's data folder, or None when none is set.

    Returns
    -------
    pathlib.Path or None
        ``$LUNAR_EDU_DATA_DIR`` when set.
    """
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value).expanduser() if value else None


def find_in_data_dir(entry: CatalogEntry) -> Path | None:
    """Return the teacher's file for an entry, or None.

    Looks for, in order: an image named after the entry at the top of the
    folder; in the sub-folder named after the entry, a CLEP label whose
    product id matches one of the entry's patterns, then any image; anywhere
    in the folder, the label of a product named exactly by a pattern.

    Parameters
    ----------
    entry : CatalogEntry
        The catalogue entry.

    Returns
    -------
    pathlib.Path or None
        An image file or a CLEP label file.
    """
    folder = data_dir()
    if folder is None or not folder.is_dir():
        return None
    if any(spec.kind == "illustration" for spec in entry.sources):
        # No camera ever took this picture, so no file can stand for it: a
        # teacher's file with its name must not be shown as a real picture.
        return None
    for suffix in _IMAGE_SUFFIXES:
        for candidate in (
            folder / f"{entry.id}{suffix}",
            folder / f"{entry.id}{suffix.upper()}",
        ):
            if candidate.is_file():
                return candidate
    patterns = [s.pattern for s in entry.products if s.pattern]
    own = folder / entry.id
    if own.is_dir():
        files = sorted(p for p in own.iterdir() if p.is_file())
        for path in files:
            if _is_label(path) and any(
                fnmatch.fnmatchcase(path.stem, pattern) for pattern in patterns
            ):
                return path
        for path in files:
            if path.suffix.lower() in _IMAGE_SUFFIXES:
                return path
    exact = {p for p in patterns if not any(c in p for c in "*?[")}
    if exact:
        for path in sorted(folder.rglob("*")):
            if _is_label(path) and path.stem in exact:
                return path
    return None


def _is_label(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in _LABEL_SUFFIXES


# --- the download cache -------------------------------------------------------


def cache_dir() -> Path:
    """Return the download cache folder.

    Returns
    -------
    pathlib.Path
        ``$LUNAR_EDU_CACHE`` when set, else the platform's cache folder for
        lunar_edu (e.g. ``~/.cache/lunar_edu`` on Linux).
    """
    value = os.environ.get(CACHE_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    import pooch  # imported late: `import lunar_edu` stays light

    return Path(pooch.os_cache("lunar_edu"))


def cache_path(spec: SourceSpec) -> Path:
    """Return where a download is kept in the cache.

    The name joins a short hash of the catalogue URL with the file's own
    name, so two sources never share a file by accident and a mirror does
    not change it.

    Parameters
    ----------
    spec : SourceSpec
        A ``kind="url"`` source.

    Returns
    -------
    pathlib.Path
        The cached file's path (it may not exist).
    """
    url = require_url(spec)
    name = Path(unquote(urlsplit(url).path)).name or "download"
    name = re.sub(r"[^\w.\-]+", "_", name)
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return cache_dir() / f"{digest}-{name}"


def fetch(spec: SourceSpec) -> Path:
    """Put a pinned download into the cache, replacing a corrupt copy.

    Parameters
    ----------
    spec : SourceSpec
        A pinned ``kind="url"`` source.

    Returns
    -------
    pathlib.Path
        The cached file, whose SHA-256 matches the pin.

    Raises
    ------
    OfflineError
        If ``LUNAR_EDU_OFFLINE=1``.
    DownloadError
        If the source is unpinned, the server answers with an error or the
        transfer breaks; no file is left behind.
    HashMismatchError
        If the downloaded bytes do not match the pin; no file is left behind.
    """
    url = require_url(spec)
    if not spec.pinned:
        msg = f"{url} has no pinned hash in this catalogue yet; {_HOW_TO_PIN}."
        raise DownloadError(msg)
    target = cache_path(spec)
    if not _matches_pin(target, spec):
        download(spec, target, known_hash=f"sha256:{spec.sha256}")
    return target


def verify_cached(spec: SourceSpec) -> Literal["ok", "corrupt", "missing", "unpinned"]:
    """Check a cached download against its pinned hash.

    Parameters
    ----------
    spec : SourceSpec
        A ``kind="url"`` source.

    Returns
    -------
    {"ok", "corrupt", "missing", "unpinned"}
        The state of its cached copy.
    """
    path = cache_path(spec)
    if not spec.pinned:
        return "unpinned"
    if not path.is_file():
        return "missing"
    return "ok" if _matches_pin(path, spec) else "corrupt"


def stray_downloads() -> list[Path]:
    """Return leftovers of interrupted downloads in the cache.

    pooch writes each download to a temporary file next to its target and
    moves it into place only when it is complete and its hash matches; a
    process killed half-way leaves that temporary file (``tmp*``) or, from
    ``make pin``, a ``.pin-*`` folder behind. They are never read as pictures.

    Returns
    -------
    list of pathlib.Path
        The leftover files and folders, safe to delete.
    """
    folder = cache_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(("tmp", ".pin-")))


def _matches_pin(path: Path, spec: SourceSpec) -> bool:
    """Whether ``path`` is a file with the pinned SHA-256 of ``spec``."""
    if spec.sha256 is None or not path.is_file():
        return False
    import pooch  # imported late: `import lunar_edu` stays light

    return bool(pooch.file_hash(str(path), alg="sha256") == spec.sha256)


# --- choosing a source --------------------------------------------------------


def plan(entry: CatalogEntry) -> Plan:
    """Say which source :func:`load` would use for an entry now, without downloading.

    Parameters
    ----------
    entry : CatalogEntry
        The catalogue entry.

    Returns
    -------
    Plan
        The source, its file/URL/recipe, and notes on the sources passed over.
    """
    found = find_in_data_dir(entry)
    if found is not None:
        return Plan("data-folder", str(found))
    notes: list[str] = []
    downloadable: str | None = None
    for spec in entry.downloads:
        if not spec.pinned:
            notes.append(f"{spec.url} is unpinned ({_HOW_TO_PIN})")
            continue
        path = cache_path(spec)
        if path.is_file():
            if _matches_pin(path, spec):
                return Plan("cache", str(path), tuple(notes))
            notes.append(f"cached {path.name} is corrupt (run `lunar-edu data fetch`)")
        if is_offline():
            notes.append(f"{spec.url} not cached and {OFFLINE_ENV}=1")
        elif downloadable is None:
            downloadable = download_url(spec)
    if downloadable is not None:
        return Plan("download", downloadable, tuple(notes))
    return Plan("simulated", entry.scene, tuple(notes))


def load(entry_id: str, source: SourceChoice = "auto", **scene_options: Any) -> Frame:
    """Return the frame of a catalogue entry: real when available, else simulated.

    Parameters
    ----------
    entry_id : str
        A catalogue id, e.g. ``"rover-tracks"`` (see ``lunar-edu list``).
    source : {"auto", "real", "simulated"}
        ``"auto"`` uses the first real picture available and falls back to
        the simulated scene (with a :class:`DataSourceWarning` when a
        download failed); ``"real"`` never falls back; ``"simulated"``
        always renders the scene.
    **scene_options
        Passed to :func:`lunar_edu.render_scene` when the simulated scene
        serves the picture: ``sun_elevation``, ``sun_azimuth``, ``seed``,
        ``size``, for PCAM scenes ``mode`` (``"C"`` colour or ``"Q"``
        panchromatic, the two real product modes) and, for descent-camera
        scenes, ``altitude_m``. A real
        picture is what it is, so they do not change it.

    Returns
    -------
    Frame
        Real pictures are ``"rgb"`` or ``"gray"`` uint8 frames (CLEP products
        keep their own layout) with the entry's credit and licence;
        ``meta["lunar_edu.served_by"]`` names the source that served it.

    Raises
    ------
    UnknownEntryError
        If the id is not in the catalogue; the message lists the closest ids.
    NoRealImageError
        If ``source="real"`` and no real picture is available; the message
        says how to get one.
    HashMismatchError
        If ``source="real"`` and the download does not match its pinned hash.
    """
    if source not in _SOURCE_CHOICES:
        msg = f"source must be one of {', '.join(_SOURCE_CHOICES)}, got {source!r}."
        raise LunarEduError(msg)
    entry = entry_by_id(entry_id)
    unknown = set(scene_options) - _SCENE_OPTIONS
    if unknown:
        msg = (
            f"load() got unknown option(s) {', '.join(sorted(unknown))}; scene "
            f"options are {', '.join(sorted(_SCENE_OPTIONS))}."
        )
        raise LunarEduError(msg)
    if source == "simulated":
        return _simulated(entry, scene_options)
    strict = source == "real"
    reasons: list[str] = []
    found = find_in_data_dir(entry)
    if found is not None:
        frame = _frame_from_file(entry, found, None)
        if not (strict and frame.source.is_simulated):
            return _served(frame, entry, "data-folder")
        # A product written by lunar_edu itself stays simulated: never real.
        reasons.append(f"{found.name} in your data folder is a simulated product")
    for spec in entry.downloads:
        downloaded = _frame_from_download(entry, spec, reasons, strict=strict)
        if downloaded is not None:
            return downloaded
    if strict:
        raise NoRealImageError(_how_to_get_a_real_picture(entry, reasons))
    return _simulated(entry, scene_options)


def _frame_from_download(
    entry: CatalogEntry, spec: SourceSpec, reasons: list[str], *, strict: bool
) -> Frame | None:
    if not spec.pinned:
        # Never used silently: `data status` and `list` show it as unpinned.
        reasons.append(f"{spec.url} is unpinned ({_HOW_TO_PIN})")
        return None
    target = cache_path(spec)
    if _matches_pin(target, spec):
        return _served(_frame_from_file(entry, target, spec), entry, "cache")
    if target.is_file():
        reasons.append(f"the cached copy of {spec.url} is corrupt")
    if is_offline():
        reasons.append(f"{OFFLINE_ENV}=1 and it is not in the cache")
        return None
    try:
        download(spec, target, known_hash=f"sha256:{spec.sha256}")
    except HashMismatchError:
        if strict:
            raise
        _warn_fallback(entry, reasons, "its download does not match the pinned hash")
        return None
    except DownloadError as err:
        _warn_fallback(entry, reasons, str(err), warn=not strict)
        return None
    return _served(_frame_from_file(entry, target, spec), entry, "download")


def _how_to_get_a_real_picture(entry: CatalogEntry, reasons: list[str]) -> str:
    why = "; ".join(reasons) if reasons else "nothing in your data folder"
    ways = [f"put an image named {entry.id}.png in the folder named by {DATA_DIR_ENV}"]
    patterns = " or ".join(s.pattern for s in entry.products if s.pattern)
    if patterns:
        ways.append(
            f"put a CLEP product matching {patterns} in its sub-folder {entry.id}/"
        )
    if any(s.pinned for s in entry.downloads):
        ways.append(f"run `lunar-edu data fetch {entry.id}` with network")
    return (
        f"No real picture of {entry.id!r} is available ({why}); to get one, "
        f"{', or '.join(ways)}."
    )


def _warn_fallback(
    entry: CatalogEntry, reasons: list[str], reason: str, *, warn: bool = True
) -> None:
    reasons.append(reason)
    if warn:
        message = (
            f"Showing the SIMULATED scene for {entry.id!r}: the real picture could "
            f"not be used ({reason})."
        )
        warnings.warn(message, DataSourceWarning, stacklevel=4)


def _served(frame: Frame, entry: CatalogEntry, served_by: str) -> Frame:
    meta = {**frame.meta, "lunar_edu.entry": entry.id, "lunar_edu.served_by": served_by}
    return dataclasses.replace(frame, meta=meta)


def _render_scene(recipe: str, **scene_options: Any) -> Frame:
    # Imported here: the renderer is the heaviest part of lunar_edu.
    from .synth import render_scene

    return render_scene(recipe, **scene_options)


def _simulated(entry: CatalogEntry, scene_options: dict[str, Any]) -> Frame:
    frame = _render_scene(entry.scene, **scene_options)
    if not frame.source.is_simulated:  # pragma: no cover - a renderer bug
        msg = f"The scene {entry.scene!r} did not mark its frame as simulated."
        raise LunarEduError(msg)
    return _served(frame, entry, "simulated")


def _frame_from_file(entry: CatalogEntry, path: Path, spec: SourceSpec | None) -> Frame:
    # Imported here: reading a picture needs numpy and Pillow, listing does not.
    if _is_label(path):
        from .products import read_product

        return read_product(path)
    from .frame import Source
    from .products.image import read_image

    origin = spec.url if spec is not None and spec.url else path.name
    source = Source(
        kind="real", credit=entry.credit, licence=entry.licence, origin=origin
    )
    roi_px = spec.roi_px if spec is not None else None
    return read_image(path, source, instrument=entry.instrument, roi_px=roi_px)
