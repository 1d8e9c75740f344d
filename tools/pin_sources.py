"""Pin the catalogue's downloads: write each one's SHA-256 and size into the catalogue.

A maintainer's tool for a source checkout with network, run as ``make pin``
or directly::

    .venv/bin/python tools/pin_sources.py --download               # every unpinned source
    .venv/bin/python tools/pin_sources.py --download lroc-above-landing-site
    .venv/bin/python tools/pin_sources.py                          # hash files already cached

With ``--download`` each source is downloaded (``LUNAR_EDU_MIRROR`` applies)
into a ``.pin-*`` folder of the download cache, hashed, recorded, then kept
in the cache. Without it, the file must already be in the cache under the
name ``lunar_edu.data.cache_path`` gives (e.g. saved there from a browser).
Commit the changed catalogue afterwards: lunar_edu never uses a download
whose hash is not pinned.

The catalogue written is the repository's own ``lunar_edu/catalog.toml``,
found next to this ``tools/`` folder: never ``LUNAR_EDU_CATALOG`` and never
the copy inside an installed lunar_edu, which the next install would
overwrite. A catalogue inside ``site-packages`` is refused.
"""

from __future__ import annotations

import argparse
import re
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from pathlib import Path

from lunar_edu.catalog import CatalogError, SourceSpec, catalog
from lunar_edu.data import cache_path
from lunar_edu.download import OFFLINE_ENV, DownloadError, download, is_offline
from lunar_edu.errors import LunarEduError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML with the tomli backport
    import tomli as tomllib

__all__ = [
    "ROOT",
    "PinError",
    "check_not_installed",
    "main",
    "pin_source",
    "repository_catalog",
    "write_pins",
]

ROOT = Path(__file__).resolve().parents[1]
# Folders that hold installed packages, whatever the platform calls them.
_INSTALL_FOLDER_NAMES = ("site-packages", "dist-packages")
_EXIT_FAILED = 1
_EXIT_REFUSED = 2


class PinError(LunarEduError):
    """A source cannot be pinned, or the catalogue must not be written."""


def repository_catalog(root: Path = ROOT) -> Path:
    """Return the repository's catalogue, checked to be a source file.

    Parameters
    ----------
    root : pathlib.Path
        The checkout: by default the folder above this script's ``tools/``.

    Returns
    -------
    pathlib.Path
        ``root/lunar_edu/catalog.toml``.

    Raises
    ------
    PinError
        If it lies inside site-packages or does not exist.
    """
    path = root / "lunar_edu" / "catalog.toml"
    check_not_installed(path)
    if not path.is_file():
        msg = (
            f"There is no catalogue at {path}; run tools/pin_sources.py from a "
            "lunar_edu source checkout."
        )
        raise PinError(msg)
    return path


def check_not_installed(path: Path) -> None:
    """Refuse a catalogue that belongs to an installed lunar_edu.

    Parameters
    ----------
    path : pathlib.Path
        The catalogue about to be written.

    Raises
    ------
    PinError
        If ``path`` lies inside a ``site-packages`` (or ``dist-packages``)
        folder, or inside this Python's installed-package folders.
    """
    resolved = path.resolve()
    installed = {
        Path(sysconfig.get_paths()[name]).resolve() for name in ("purelib", "platlib")
    }
    if any(part in _INSTALL_FOLDER_NAMES for part in resolved.parts) or any(
        resolved.is_relative_to(folder) for folder in installed
    ):
        msg = (
            f"Refusing to write {resolved}: it is inside site-packages, the "
            "installed copy of lunar_edu, which the next install overwrites; run "
            "`make pin` in a lunar_edu source checkout and commit its catalogue."
        )
        raise PinError(msg)


def pin_source(spec: SourceSpec, catalog_file: Path, *, fetch: bool) -> tuple[str, int]:
    """Hash one download and write its SHA-256 and size into ``catalog_file``.

    Parameters
    ----------
    spec : SourceSpec
        A ``kind="url"`` source of that catalogue.
    catalog_file : pathlib.Path
        The repository's catalogue (see :func:`repository_catalog`).
    fetch : bool
        Download the file first (needs network); else hash the copy already
        in the download cache.

    Returns
    -------
    tuple of (str, int)
        The SHA-256 and the size in bytes that were written.

    Raises
    ------
    PinError
        If the file is not in the cache and ``fetch`` is False.
    DownloadError
        If the download fails; nothing is written.
    """
    import pooch

    check_not_installed(catalog_file)
    target = cache_path(spec)
    if not fetch:
        if not target.is_file():
            msg = (
                f"{spec.url} is not in the download cache ({target}); rerun with "
                "--download (as `make pin` does) or save the file there."
            )
            raise PinError(msg)
        digest = pooch.file_hash(str(target), alg="sha256")
        size_bytes = target.stat().st_size
        write_pins(catalog_file, str(spec.url), digest, size_bytes)
        return digest, size_bytes
    target.parent.mkdir(parents=True, exist_ok=True)
    # A `.pin-*` folder in the cache: `lunar-edu data fetch` clears one that an
    # interrupted run leaves behind, and the move below stays on one disk.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".pin-") as work:
        downloaded = Path(work) / target.name
        download(spec, downloaded, known_hash=None)
        digest = pooch.file_hash(str(downloaded), alg="sha256")
        size_bytes = downloaded.stat().st_size
        write_pins(catalog_file, str(spec.url), digest, size_bytes)
        downloaded.replace(target)
    return digest, size_bytes


def write_pins(path: Path, url: str, sha256: str, size_bytes: int) -> None:
    """Write a download's hash and size into a catalogue, changing only those lines.

    Parameters
    ----------
    path : pathlib.Path
        The catalogue file.
    url : str
        The ``url`` of the source to pin, exactly as written in the file.
    sha256 : str
        The SHA-256 of the downloaded file, 64 hex digits.
    size_bytes : int
        Its size in bytes.

    Raises
    ------
    CatalogError
        If no source has this URL, or the edited file would not be valid.
    """
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    url_line = f"url = {_toml_string(url)}"
    starts = [i for i, line in enumerate(lines) if line.strip() == url_line]
    if not starts:
        msg = f"{path.name} has no source with url = {url!r}; check the address."
        raise CatalogError(msg)
    values = {"sha256": _toml_string(sha256), "size_bytes": str(size_bytes)}
    # Inserted lines shift the later sources down: edit from the last one up.
    for start in reversed(starts):
        # The source's table runs from its header to the next header or the end.
        begin = max(
            (j + 1 for j in range(start) if lines[j].lstrip().startswith("[")),
            default=0,
        )
        end = next(
            (j for j in range(start, len(lines)) if lines[j].lstrip().startswith("[")),
            len(lines),
        )
        for key, value in values.items():
            pattern = re.compile(rf"^(\s*){key}\s*=.*?(\r?\n)?$")
            for j in range(begin, end):
                match = pattern.match(lines[j])
                if match:
                    lines[j] = f"{match.group(1)}{key} = {value}{match.group(2) or ''}"
                    break
            else:
                # Insert the missing key right after the url line.
                if not lines[start].endswith("\n"):
                    lines[start] += "\n"
                lines.insert(start + 1, f"{key} = {value}\n")
                end += 1
    new_text = "".join(lines)
    try:
        tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as err:  # pragma: no cover - defensive
        msg = f"Pinning {url} would break {path.name} ({err}); edit it by hand."
        raise CatalogError(msg) from err
    temporary = path.with_name(f".{path.name}.pin-tmp")
    temporary.write_text(new_text, encoding="utf-8")
    temporary.replace(path)


def _say(line: str) -> None:
    sys.stdout.write(f"{line}\n")


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def main(argv: Sequence[str] | None = None, *, root: Path = ROOT) -> int:
    """Pin the chosen entries' downloads; print one line per source.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).
    root : pathlib.Path
        The checkout whose catalogue is written.

    Returns
    -------
    int
        0 when every chosen source is pinned, 1 when some failed, 2 when
        nothing could be done (offline, no such entry, installed catalogue).
    """
    parser = argparse.ArgumentParser(
        prog="tools/pin_sources.py",
        description="Write the SHA-256 and size of the catalogue's downloads into "
        "the repository's lunar_edu/catalog.toml.",
    )
    parser.add_argument("ids", nargs="*", metavar="ID", help="entries (default: all)")
    parser.add_argument(
        "--download",
        action="store_true",
        help="download each source first (needs network); "
        "without it, hash the copy already in the download cache",
    )
    parser.add_argument(
        "--force", action="store_true", help="re-pin sources that have a hash already"
    )
    args = parser.parse_args(argv)
    try:
        catalog_file = repository_catalog(root)
        if args.download and is_offline():
            msg = f"Cannot download while {OFFLINE_ENV}=1; unset it and try again."
            raise PinError(msg)
        entries = catalog(catalog_file)
        known = {entry.id for entry in entries}
        unknown = [i for i in args.ids if i not in known]
        if unknown:
            msg = f"No catalogue entry {', '.join(unknown)} in {catalog_file}."
            raise PinError(msg)
    except LunarEduError as err:
        sys.stderr.write(f"error: {err}\n")
        return _EXIT_REFUSED
    failures: list[str] = []
    pinned: list[str] = []
    for entry in entries:
        if args.ids and entry.id not in args.ids:
            continue
        for spec in entry.downloads:
            if spec.pinned and not args.force:
                _say(f"{entry.id}: already pinned {spec.url}")
                continue
            try:
                digest, size_bytes = pin_source(spec, catalog_file, fetch=args.download)
            except (PinError, DownloadError) as err:
                failures.append(entry.id)
                _say(f"{entry.id}: FAILED: {err}")
            else:
                pinned.append(entry.id)
                _say(f"{entry.id}: pinned {spec.url} sha256={digest} size={size_bytes}")
    if failures:
        sys.stderr.write(
            f"error: could not pin {', '.join(failures)}; see the lines above.\n"
        )
        return _EXIT_FAILED
    if pinned:
        _say(f"Wrote {catalog_file}; review the change and commit it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
