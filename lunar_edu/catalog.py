"""The image catalogue: which pictures exist, what they show, whose they are.

The catalogue lives in ``catalog.toml`` next to this module (or in the file
named by ``LUNAR_EDU_CATALOG``). It is read once, checked field by field, and
returned as frozen dataclasses, so a lesson can rely on every entry having a
caption, alt text, credit, licence and a simulated scene to fall back on.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from .errors import LunarEduError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

__all__ = [
    "ALT_MAX_CHARS",
    "CATALOG_ENV",
    "UNPINNED",
    "CatalogEntry",
    "CatalogError",
    "SourceSpec",
    "UnknownEntryError",
    "catalog",
    "catalog_path",
    "entry_by_id",
]

CATALOG_ENV = "LUNAR_EDU_CATALOG"
ALT_MAX_CHARS = 250
# The explicit marker for a download whose hash (and size) is not known yet.
UNPINNED = "unpinned"
_UNKNOWN_SIZE = "unknown"
# The catalogue that comes with lunar_edu.
_BUNDLED = Path(__file__).with_name("catalog.toml")


_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TEXT_FIELDS = (
    "id",
    "title",
    "seed_caption",
    "caption",
    "alt",
    "instrument",
    "credit",
    "licence",
    "scene",
)
_ENTRY_KEYS = {*_TEXT_FIELDS, "sources", "links", "simulated_alt"}
_SOURCE_KEYS = {"kind", "url", "pattern", "sha256", "size_bytes", "roi_px"}


class CatalogError(LunarEduError, ValueError):
    """The catalogue file is malformed: a field is missing, empty or wrong."""


class UnknownEntryError(LunarEduError, LookupError):
    """An entry id that is not in the catalogue was asked for."""

    def __str__(self) -> str:
        """Return the message itself (LookupError would quote it)."""
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class SourceSpec:
    """One place a real picture for an entry can come from.

    Parameters
    ----------
    kind : {"url", "product", "illustration"}
        An open-licence image to download, a CLEP product in the
        teacher's data folder, or ``"illustration"``: no real picture
        exists (no Chang'e 4 camera saw the subject), so the simulated
        scene is the picture.
    url : str, optional
        Where to download the image (``kind="url"``).
    pattern : str, optional
        A glob on CLEP product ids (``kind="product"``), such as
        ``"CE4_GRAS_TCAM-I-*"``.
    sha256 : str, optional
        The pinned SHA-256 of the download in lower-case hex; None while the
        source is unpinned.
    size_bytes : int, optional
        The size of the download in bytes; None while unknown.
    roi_px : tuple of int, optional
        A crop box ``(left, top, right, bottom)`` in pixels of the image.
    """

    kind: Literal["url", "product", "illustration"]
    url: str | None = None
    pattern: str | None = None
    sha256: str | None = None
    size_bytes: int | None = None
    roi_px: tuple[int, int, int, int] | None = None

    @property
    def pinned(self) -> bool:
        """Return True when a download can be checked against a known hash."""
        return self.sha256 is not None

    @property
    def label(self) -> str:
        """Return the URL or the product pattern, for messages and listings."""
        if self.kind == "illustration":
            return "illustration (no real picture exists)"
        if self.kind != "url":
            return f"product {self.pattern}"
        if self.url is None:
            msg = "A source of kind 'url' has no url; give SourceSpec('url', url=...)."
            raise CatalogError(msg)
        return self.url


@dataclass(frozen=True)
class CatalogEntry:
    """One picture of the gallery: what it shows and where it can come from.

    Parameters
    ----------
    id : str
        Kebab-case name, e.g. ``"rover-tracks"``.
    title : str
        A short heading.
    seed_caption : str
        The subject of the January 2020 release it stands for, in one line.
    caption : str
        A teaching caption with the sources of its facts.
    alt : str
        What the picture shows, for readers who cannot see it.
    instrument : str
        The camera of the real picture, e.g. ``"TCAM"``, or
        ``"illustration"`` when no real picture exists.
    credit : str
        Credit line of the real picture.
    licence : str
        SPDX id or ``LicenseRef-`` name of the real picture's terms.
    sources : tuple of SourceSpec
        Where a real picture can come from, in order of preference.
    scene : str
        The virtual Chang'e 4 recipe used when no real picture is available.
    links : tuple of str
        Pages where a reader can learn more (may be empty).
    simulated_alt : str, optional
        What the simulated scene shows, when it differs from the real
        picture that ``alt`` describes (e.g. a panorama whose stand-in is a
        single view).
    """

    id: str
    title: str
    seed_caption: str
    caption: str
    alt: str
    instrument: str
    credit: str
    licence: str
    sources: tuple[SourceSpec, ...]
    scene: str
    links: tuple[str, ...] = ()
    simulated_alt: str | None = None

    def alt_for(self, *, simulated: bool) -> str:
        """Return the alt text of the picture actually shown.

        Parameters
        ----------
        simulated : bool
            True when the simulated scene is shown instead of a real picture.

        Returns
        -------
        str
            ``simulated_alt`` for a simulated stand-in when the entry has
            one, else ``alt``.
        """
        if simulated and self.simulated_alt:
            return self.simulated_alt
        return self.alt

    @property
    def downloads(self) -> tuple[SourceSpec, ...]:
        """Return the sources that are downloaded (``kind="url"``)."""
        return tuple(s for s in self.sources if s.kind == "url")

    @property
    def products(self) -> tuple[SourceSpec, ...]:
        """Return the sources read from the teacher's folder (``kind="product"``)."""
        return tuple(s for s in self.sources if s.kind == "product")


def catalog_path() -> Path:
    """Return the catalogue file in use: ``LUNAR_EDU_CATALOG`` or the bundled one.

    Returns
    -------
    pathlib.Path
        The TOML file.
    """
    override = os.environ.get(CATALOG_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return _BUNDLED


def catalog(path: str | os.PathLike[str] | None = None) -> tuple[CatalogEntry, ...]:
    """Return every catalogue entry, checked, in file order.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A catalogue file; by default :func:`catalog_path`.

    Returns
    -------
    tuple of CatalogEntry
        The entries. The file is read once per path and modification time.

    Raises
    ------
    CatalogError
        If the file is not valid TOML, or an entry has a missing, empty or
        wrong field; the message names the entry and the field.

    Notes
    -----
    Another catalogue than the bundled one also has each entry's ``scene``
    checked against the renderer's recipes, which imports the renderer; the
    bundled catalogue's scenes are checked by the test suite, so reading it
    stays light (no numpy, no renderer).

    Examples
    --------
    >>> entries = catalog()
    >>> entries[0].id
    'rover-driving-away'
    """
    file = Path(path) if path is not None else catalog_path()
    try:
        mtime_ns = file.stat().st_mtime_ns
    except OSError as err:
        msg = (
            f"Cannot read the catalogue {file}: {err.strerror or err}; check "
            f"{CATALOG_ENV} or reinstall lunar_edu."
        )
        raise CatalogError(msg) from err
    return _read_catalog(str(file.resolve()), mtime_ns)


def entry_by_id(
    entry_id: str, path: str | os.PathLike[str] | None = None
) -> CatalogEntry:
    """Return the entry with this id.

    Parameters
    ----------
    entry_id : str
        The entry's id, e.g. ``"rover-tracks"``.
    path : str or os.PathLike, optional
        A catalogue file; by default :func:`catalog_path`.

    Returns
    -------
    CatalogEntry
        The entry.

    Raises
    ------
    UnknownEntryError
        If no entry has this id; the message lists the closest ids.

    Examples
    --------
    >>> entry_by_id("rover-tracks").scene
    'rover-tracks'
    """
    entries = catalog(path)
    for entry in entries:
        if entry.id == entry_id:
            return entry
    ids = [e.id for e in entries]
    import difflib  # only for this message

    close = difflib.get_close_matches(str(entry_id), ids, n=3, cutoff=0.4)
    hint = f"closest: {', '.join(close)}" if close else f"known: {', '.join(ids)}"
    msg = (
        f"No catalogue entry {entry_id!r} ({hint}); "
        "run `lunar-edu list` to see every id."
    )
    raise UnknownEntryError(msg)


@lru_cache(maxsize=8)
def _read_catalog(path: str, mtime_ns: int) -> tuple[CatalogEntry, ...]:
    # mtime_ns is part of the cache key, so `make pin` rewriting the file is
    # picked up without anyone clearing the cache.
    del mtime_ns
    name = Path(path).name
    try:
        with Path(path).open("rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        msg = f"{name} is not valid TOML ({err}); fix the syntax there."
        raise CatalogError(msg) from err
    raw_entries = document.get("entry")
    if not isinstance(raw_entries, list) or not raw_entries:
        msg = f"{name} has no [[entry]] tables; add at least one entry."
        raise CatalogError(msg)
    # The bundled catalogue's scenes are checked against the renderer's
    # recipes by the test suite (tests/test_catalog.py), so reading it needs
    # no renderer; another catalogue (a teacher's) is checked here, at once.
    recipes = None if Path(path) == _BUNDLED.resolve() else _recipe_names()
    entries = tuple(
        _parse_entry(raw, index, name, recipes)
        for index, raw in enumerate(raw_entries, 1)
    )
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            msg = (
                f"{name}: entry {entry.id!r} appears twice; give each entry its own id."
            )
            raise CatalogError(msg)
        seen.add(entry.id)
    return entries


def _recipe_names() -> tuple[str, ...]:
    # One list of recipes: the renderer's own (its import takes about 30 ms).
    from .synth.recipes import RECIPES

    return tuple(RECIPES)


def _parse_entry(
    raw: Any, index: int, file_name: str, recipes: tuple[str, ...] | None
) -> CatalogEntry:
    where = f"{file_name}: entry #{index}"
    if not isinstance(raw, dict):
        msg = f"{where} is not a table; write it as [[entry]]."
        raise CatalogError(msg)
    if isinstance(raw.get("id"), str) and raw["id"].strip():
        where = f"{file_name}: entry {raw['id']!r}"
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        msg = (
            f"{where} has unknown field {unknown[0]!r}; expected {sorted(_ENTRY_KEYS)}."
        )
        raise CatalogError(msg)
    text = {name: _text(raw, name, where) for name in _TEXT_FIELDS}
    if not _KEBAB.match(text["id"]):
        msg = f"{where}: field 'id' must be kebab-case (like 'rover-tracks')."
        raise CatalogError(msg)
    simulated_alt = (
        _text(raw, "simulated_alt", where) if "simulated_alt" in raw else None
    )
    for name, value in (("alt", text["alt"]), ("simulated_alt", simulated_alt)):
        if value is not None and len(value) > ALT_MAX_CHARS:
            msg = (
                f"{where}: field {name!r} has {len(value)} characters; "
                f"shorten it to at most {ALT_MAX_CHARS}."
            )
            raise CatalogError(msg)
    if recipes is not None and text["scene"] not in recipes:
        msg = (
            f"{where}: field 'scene' is {text['scene']!r}, not a scene recipe; "
            f"use one of {', '.join(recipes)}."
        )
        raise CatalogError(msg)
    raw_sources = raw.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        msg = f"{where}: field 'sources' is missing or empty; add an [[entry.sources]]."
        raise CatalogError(msg)
    sources = tuple(
        _parse_source(s, f"{where} source #{i}") for i, s in enumerate(raw_sources, 1)
    )
    links = raw.get("links", [])
    if not isinstance(links, list) or not all(
        isinstance(link, str) and link.startswith(("http://", "https://"))
        for link in links
    ):
        msg = f"{where}: field 'links' must be a list of http(s) addresses."
        raise CatalogError(msg)
    return CatalogEntry(
        **text, sources=sources, links=tuple(links), simulated_alt=simulated_alt
    )


def _text(raw: dict[str, Any], name: str, where: str) -> str:
    value = raw.get(name)
    if value is None:
        msg = f"{where}: field {name!r} is missing; add it."
        raise CatalogError(msg)
    if not isinstance(value, str) or not value.strip():
        msg = f"{where}: field {name!r} is empty or not text; write it in."
        raise CatalogError(msg)
    return " ".join(value.split())


def _parse_source(raw: Any, where: str) -> SourceSpec:
    if not isinstance(raw, dict):
        msg = f"{where} is not a table; write it as [[entry.sources]]."
        raise CatalogError(msg)
    unknown = sorted(set(raw) - _SOURCE_KEYS)
    if unknown:
        msg = f"{where} has unknown field {unknown[0]!r}; expected {sorted(_SOURCE_KEYS)}."
        raise CatalogError(msg)
    kind = raw.get("kind")
    if kind == "illustration":
        if set(raw) != {"kind"}:
            msg = f"{where}: an illustration source has no other fields; remove them."
            raise CatalogError(msg)
        return SourceSpec(kind="illustration")
    if kind == "product":
        pattern = _text(raw, "pattern", where)
        return SourceSpec(kind="product", pattern=pattern)
    if kind != "url":
        msg = (
            f"{where}: field 'kind' must be 'url', 'product' or 'illustration', "
            f"got {kind!r}."
        )
        raise CatalogError(msg)
    url = _text(raw, "url", where)
    if not url.startswith(("http://", "https://")):
        msg = f"{where}: field 'url' must start with http:// or https://."
        raise CatalogError(msg)
    sha256 = _text(raw, "sha256", where).lower()
    size = raw.get("size_bytes")
    if sha256 == UNPINNED:
        if size not in (_UNKNOWN_SIZE, None) and not _is_size(size):
            msg = (
                f"{where}: field 'size_bytes' must be a positive integer or 'unknown'."
            )
            raise CatalogError(msg)
        size_bytes = size if _is_size(size) else None
        return SourceSpec(
            "url", url=url, size_bytes=size_bytes, roi_px=_roi(raw, where)
        )
    if not _SHA256.match(sha256):
        msg = (
            f"{where}: field 'sha256' must be 64 hex digits or {UNPINNED!r}; "
            "run `make pin` in a lunar_edu checkout to fill it in."
        )
        raise CatalogError(msg)
    if not _is_size(size):
        msg = f"{where}: field 'size_bytes' must be a positive integer for a pinned source."
        raise CatalogError(msg)
    return SourceSpec(
        "url", url=url, sha256=sha256, size_bytes=size, roi_px=_roi(raw, where)
    )


def _is_size(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _roi(raw: dict[str, Any], where: str) -> tuple[int, int, int, int] | None:
    box = raw.get("roi_px")
    if box is None:
        return None
    if (
        not isinstance(box, list)
        or len(box) != 4
        or not all(isinstance(v, int) and v >= 0 for v in box)
        or box[2] <= box[0]
        or box[3] <= box[1]
    ):
        msg = (
            f"{where}: field 'roi_px' must be [left, top, right, bottom] in whole "
            "pixels with right > left and bottom > top."
        )
        raise CatalogError(msg)
    return (box[0], box[1], box[2], box[3])


class _CatalogModule(ModuleType):
    """The catalogue module, callable: ``lunar_edu.catalog()`` is :func:`catalog`.

    ``lunar_edu.catalog`` is the module (``import lunar_edu.catalog`` and
    ``lunar_edu.catalog.entry_by_id`` work as for any module), and lessons
    still write ``le.catalog()`` for the list of entries.
    """

    def __call__(
        self, path: str | os.PathLike[str] | None = None
    ) -> tuple[CatalogEntry, ...]:
        return catalog(path)


sys.modules[__name__].__class__ = _CatalogModule
