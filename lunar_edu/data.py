"""Where a catalogue picture comes from: data folder, download cache, or simulation.

:func:`load` tries, in order,

1. the teacher's folder ``LUNAR_EDU_DATA_DIR``: an image file named after the
   entry (``rover-tracks.png``), or a CLEP product whose id matches one of the
   entry's product patterns (in the sub-folder named after the entry, or
   anywhere when the pattern is an exact product id);
2. the download cache (``LUNAR_EDU_CACHE``, by default the platform's cache
   folder): open-licence images with a pinned SHA-256, downloaded with pooch
   when the network is there. Nothing is attempted when
   ``LUNAR_EDU_OFFLINE=1`` or once a host proved unreachable;
3. the virtual Chang'e 4: the entry's simulated scene.

The returned Frame always says which of them served it: ``frame.source`` is
real (with the entry's credit and licence) or simulated, and
``frame.meta["lunar_edu.served_by"]`` is ``"data-folder"``, ``"cache"``,
``"download"`` or ``"simulated"``.

``LUNAR_EDU_MIRROR`` (a base URL) fetches every download from a mirror
instead, e.g. a school server holding the same files; the pinned hashes still
apply.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import math
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import numpy as np
from PIL import Image

from .catalog import CatalogEntry, SourceSpec, catalog_path, entry_by_id, write_pins
from .errors import LunarEduError
from .frame import Camera, Frame, Source

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
    "pin",
    "plan",
    "sha256_of",
    "stray_downloads",
    "verify_cached",
]

DATA_DIR_ENV = "LUNAR_EDU_DATA_DIR"
CACHE_ENV = "LUNAR_EDU_CACHE"
OFFLINE_ENV = "LUNAR_EDU_OFFLINE"
MIRROR_ENV = "LUNAR_EDU_MIRROR"

SourceChoice = Literal["auto", "real", "simulated"]
_SOURCE_CHOICES = ("auto", "real", "simulated")
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_LABEL_SUFFIXES = (".2al", ".2bl", ".2cl")
# Connect and read timeouts in seconds: a classroom without network should
# fall back to the simulated picture quickly.
_TIMEOUT_S = (5.0, 60.0)
# Hosts that refused or timed out once in this process are not tried again,
# so a lesson with many pictures does not wait once per picture.
_UNREACHABLE_HOSTS: set[str] = set()


class DownloadError(LunarEduError, RuntimeError):
    """A download failed: HTTP error, broken transfer or unreachable host."""


class HashMismatchError(DownloadError):
    """A downloaded or cached file does not have its pinned SHA-256."""


class NetworkUnavailableError(DownloadError):
    """The host of a download cannot be reached."""


class OfflineError(DownloadError):
    """A download was asked for while ``LUNAR_EDU_OFFLINE=1``."""


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


def is_offline() -> bool:
    """Return True when ``LUNAR_EDU_OFFLINE`` forbids any network use.

    Returns
    -------
    bool
        True for ``1``, ``true``, ``yes`` or ``on``.
    """
    value = os.environ.get(OFFLINE_ENV, "").strip().lower()
    return value in ("1", "true", "yes", "on")


def data_dir() -> Path | None:
    """Return the teacher's data folder, or None when none is set.

    Returns
    -------
    pathlib.Path or None
        ``$LUNAR_EDU_DATA_DIR`` when set.
    """
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value).expanduser() if value else None


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
    url = _require_url(spec)
    name = Path(unquote(urlsplit(url).path)).name or "download"
    name = re.sub(r"[^\w.\-]+", "_", name)
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return cache_dir() / f"{digest}-{name}"


def download_url(spec: SourceSpec) -> str:
    """Return the address to download a source from, honouring ``LUNAR_EDU_MIRROR``.

    Parameters
    ----------
    spec : SourceSpec
        A ``kind="url"`` source.

    Returns
    -------
    str
        The catalogue URL, or the mirror base joined with the file's name.

    Examples
    --------
    >>> spec = SourceSpec("url", url="https://example.org/a/pano.jpg")
    >>> download_url(spec)
    'https://example.org/a/pano.jpg'
    """
    url = _require_url(spec)
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if not mirror:
        return url
    return f"{mirror.rstrip('/')}/{urlsplit(url).path.rsplit('/', 1)[-1]}"


def sha256_of(path: Path) -> str:
    """Return the SHA-256 of a file as 64 lower-case hex digits.

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    str
        The hex digest.
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
            notes.append(f"{spec.url} is unpinned (run `lunar-edu data pin`)")
            continue
        path = cache_path(spec)
        if path.is_file():
            if sha256_of(path) == spec.sha256:
                return Plan("cache", str(path), tuple(notes))
            notes.append(f"cached {path.name} is corrupt (run `lunar-edu data fetch`)")
        if is_offline():
            notes.append(f"{spec.url} not cached and {OFFLINE_ENV}=1")
        elif downloadable is None:
            downloadable = download_url(spec)
    if downloadable is not None:
        return Plan("download", downloadable, tuple(notes))
    return Plan("simulated", entry.scene, tuple(notes))


# What a lesson may change in the simulated stand-in of a catalogue picture.
_SCENE_OPTIONS = frozenset(
    {"sun_elevation", "sun_azimuth", "seed", "size", "mode", "altitude_m"}
)


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
        frame = _frame_from_download(entry, spec, reasons, strict=strict)
        if frame is not None:
            return frame
    if strict:
        raise NoRealImageError(_how_to_get_a_real_picture(entry, reasons))
    return _simulated(entry, scene_options)


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
    elif entry.downloads:
        ways.append(
            f"run `lunar-edu data pin {entry.id}` with network (it checks the "
            "image, records its hash and keeps it in the cache)"
        )
    return (
        f"No real picture of {entry.id!r} is available ({why}); to get one, "
        f"{', or '.join(ways)}."
    )


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
    url = _require_url(spec)
    if not spec.pinned:
        msg = f"{url} has no pinned hash yet; run `lunar-edu data pin` with network first."
        raise DownloadError(msg)
    target = cache_path(spec)
    if target.is_file() and sha256_of(target) == spec.sha256:
        return target
    _download(spec, target, known_hash=f"sha256:{spec.sha256}")
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
    return "ok" if sha256_of(path) == spec.sha256 else "corrupt"


def stray_downloads() -> list[Path]:
    """Return leftovers of interrupted downloads in the cache.

    pooch writes each download to a temporary file next to its target and
    moves it into place only when it is complete and its hash matches; a
    process killed half-way leaves that temporary file (``tmp*``) or a
    ``.pin-*`` folder behind. They are never read as pictures.

    Returns
    -------
    list of pathlib.Path
        The leftover files and folders, safe to delete.
    """
    folder = cache_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(("tmp", ".pin-")))


def pin(spec: SourceSpec, catalog_file: Path | None = None) -> tuple[str, int]:
    """Download a source, write its SHA-256 and size into the catalogue, keep the file.

    Parameters
    ----------
    spec : SourceSpec
        A ``kind="url"`` source.
    catalog_file : pathlib.Path, optional
        The catalogue to edit; by default the one in use.

    Returns
    -------
    tuple of (str, int)
        The SHA-256 and the size in bytes that were written.

    Raises
    ------
    OfflineError, DownloadError
        If the file cannot be downloaded.
    """
    url = _require_url(spec)
    target = cache_path(spec)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".pin-") as work:
        downloaded = Path(work) / target.name
        _download(spec, downloaded, known_hash=None)
        digest = sha256_of(downloaded)
        size_bytes = downloaded.stat().st_size
        write_pins(catalog_file or catalog_path(), url, digest, size_bytes)
        downloaded.replace(target)
    return digest, size_bytes


# --- internals -------------------------------------------------------------


def _require_url(spec: SourceSpec) -> str:
    if spec.kind != "url" or not spec.url:
        msg = f"Source {spec.label} is not a download; only url sources are cached."
        raise LunarEduError(msg)
    return spec.url


def _is_label(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in _LABEL_SUFFIXES


def _frame_from_download(
    entry: CatalogEntry, spec: SourceSpec, reasons: list[str], *, strict: bool
) -> Frame | None:
    if not spec.pinned:
        # Never used silently: `data status` and `list` show it as unpinned.
        reasons.append(f"{spec.url} is unpinned; run `lunar-edu data pin` first")
        return None
    target = cache_path(spec)
    if target.is_file():
        if sha256_of(target) == spec.sha256:
            return _served(_frame_from_file(entry, target, spec), entry, "cache")
        reasons.append(f"the cached copy of {spec.url} is corrupt")
    if is_offline():
        reasons.append(f"{OFFLINE_ENV}=1 and it is not in the cache")
        return None
    try:
        fetch(spec)
    except HashMismatchError:
        if strict:
            raise
        _warn_fallback(entry, reasons, "its download does not match the pinned hash")
        return None
    except DownloadError as err:
        _warn_fallback(entry, reasons, str(err), warn=not strict)
        return None
    return _served(_frame_from_file(entry, target, spec), entry, "download")


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


def _download(spec: SourceSpec, target: Path, known_hash: str | None) -> None:
    """Download into ``target`` atomically (pooch: temporary file, then move)."""
    url = download_url(spec)
    if is_offline():
        msg = f"Not downloading {url}: {OFFLINE_ENV}=1; unset it to use the network."
        raise OfflineError(msg)
    host = urlsplit(url).netloc
    if host in _UNREACHABLE_HOSTS:
        msg = f"Not downloading {url}: {host} could not be reached earlier; check the network."
        raise NetworkUnavailableError(msg)
    import pooch
    import requests

    target.parent.mkdir(parents=True, exist_ok=True)
    downloader = pooch.HTTPDownloader(progressbar=False, timeout=_TIMEOUT_S)
    try:
        pooch.retrieve(
            url,
            known_hash=known_hash,
            fname=target.name,
            path=target.parent,
            downloader=downloader,
        )
    except ValueError as err:
        msg = (
            f"The download of {url} does not match its pinned SHA-256, so it was "
            "discarded; the file changed upstream or the transfer was tampered with."
        )
        raise HashMismatchError(msg) from err
    except requests.HTTPError as err:
        status = err.response.status_code if err.response is not None else "error"
        msg = f"Downloading {url} failed with HTTP {status}; try again later or set {MIRROR_ENV}."
        raise DownloadError(msg) from err
    except (requests.ConnectionError, requests.Timeout) as err:
        _UNREACHABLE_HOSTS.add(host)
        msg = f"Cannot reach {host} to download {url}; check the network."
        raise NetworkUnavailableError(msg) from err
    except requests.RequestException as err:
        msg = f"The download of {url} broke off before the end; nothing was kept."
        raise DownloadError(msg) from err


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
    if _is_label(path):
        from .products import read_product

        return read_product(path)
    origin = spec.url if spec is not None and spec.url else path.name
    source = Source(
        kind="real", credit=entry.credit, licence=entry.licence, origin=origin
    )
    roi = spec.roi_px if spec is not None else None
    reduced_by = 1
    try:
        with _open_large(path) as image:
            image.load()
            if roi is not None:
                _check_roi(roi, image.size, entry)
                image = image.crop(roi)
            reduced_by = _reduction_factor(image.size)
            if reduced_by > 1:
                image = image.reduce(reduced_by)
            pixels, layout = _pixels(image)
    except (OSError, Image.DecompressionBombError) as err:
        msg = (
            f"Cannot read the image {path} for {entry.id!r} ({err}); replace the file."
        )
        raise LunarEduError(msg) from err
    height_px, width_px = pixels.shape[:2]
    # An image file carries no camera geometry: leave the optics unknown
    # rather than pretend, so no lesson measures with made-up numbers.
    camera = Camera(
        name=entry.instrument,
        focal_length_mm=math.nan,
        pixel_size_um=math.nan,
        width_px=int(width_px),
        height_px=int(height_px),
    )
    meta = {"lunar_edu.file": path.name}
    if reduced_by > 1:
        meta["lunar_edu.reduced_by"] = reduced_by
    if roi is not None:
        meta["lunar_edu.roi_px"] = ",".join(str(v) for v in roi)
    return Frame(pixels, layout, 8, camera, source, meta=meta)


def _open_large(path: Path) -> Image.Image:
    """Open a picture, however many pixels it has.

    Pillow refuses an image of more than twice ``Image.MAX_IMAGE_PIXELS``
    (about 179 million pixels) as a possible decompression bomb. A picture
    this function opens is the teacher's own or matches a pinned hash, and
    orbital strips are that large (LROC's view of the landing site is
    10280 x 52400 pixels), so the limit is lifted for this one open; the
    picture is then reduced (:func:`_reduction_factor`) before use.
    """
    limit = Image.MAX_IMAGE_PIXELS
    try:
        return Image.open(path)
    except Image.DecompressionBombError:
        # A module-level setting: restored at once, and this open is the
        # only code in lunar_edu that changes it.
        Image.MAX_IMAGE_PIXELS = None
        try:
            return Image.open(path)
        finally:
            Image.MAX_IMAGE_PIXELS = limit


def _reduction_factor(size: tuple[int, int]) -> int:
    """Return the smallest whole factor that brings a picture under Pillow's limit.

    The limit is ``Image.MAX_IMAGE_PIXELS`` (above it Pillow warns, above
    twice it Pillow refuses); ``Image.reduce`` averages factor x factor
    blocks, so no pixel is simply dropped.

    >>> _reduction_factor((1176, 864))
    1
    >>> _reduction_factor((10280, 52400))  # 538.7 million pixels, limit 89.5
    3
    """
    limit = Image.MAX_IMAGE_PIXELS
    if limit is None:
        return 1
    width, height = size
    factor = 1
    while (width // factor) * (height // factor) > limit:
        factor += 1
    return factor


def _check_roi(
    roi: tuple[int, int, int, int], size: tuple[int, int], entry: CatalogEntry
) -> None:
    right, bottom = roi[2], roi[3]
    if right > size[0] or bottom > size[1]:
        msg = (
            f"The region {roi} of {entry.id!r} lies outside the {size[0]}x{size[1]} "
            "image; fix roi_px in the catalogue."
        )
        raise LunarEduError(msg)


def _pixels(image: Image.Image) -> tuple[np.ndarray, Literal["rgb", "gray"]]:
    if image.mode in ("1", "L", "LA", "La"):
        return np.asarray(image.convert("L"), dtype=np.uint8).copy(), "gray"
    if image.mode.startswith(("I", "F")):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) if values.size else 0.0
        scale = 255.0 / top if top > 255.0 else 1.0
        gray = np.clip(np.rint(values * scale), 0, 255).astype(np.uint8)
        return gray, "gray"
    return np.asarray(image.convert("RGB"), dtype=np.uint8).copy(), "rgb"
