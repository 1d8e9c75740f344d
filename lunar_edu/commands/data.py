"""``lunar-edu data``: the download cache and the teacher's data folder."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from .. import data
from ..catalog import CatalogEntry, catalog, catalog_path, entry_by_id
from ..errors import LunarEduError

_EXIT_PROBLEMS = 1


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``data status|fetch|verify`` to the ``lunar-edu`` parser.

    Pinning a download's hash is a maintainer's job on a source checkout
    (``make pin``), not a command of the installed package: it rewrites the
    catalogue.
    """
    parser = commands.add_parser(
        "data",
        help="manage real pictures: status, fetch, verify",
        description=(
            "Real open-licence pictures are downloaded into a cache with pinned "
            f"SHA-256 hashes ({data.CACHE_ENV} chooses the folder; {data.OFFLINE_ENV}=1 "
            f"forbids the network); your own CLEP products are read from "
            f"{data.DATA_DIR_ENV}."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="show folders, pins and cached files")
    status.set_defaults(run=run_status)
    fetch = actions.add_parser("fetch", help="download pinned pictures into the cache")
    fetch.add_argument("ids", nargs="*", metavar="ID", help="entries (default: all)")
    fetch.set_defaults(run=run_fetch)
    verify = actions.add_parser(
        "verify", help="check cached files against their hashes"
    )
    verify.set_defaults(run=run_verify)


def _chosen(ids: list[str]) -> tuple[CatalogEntry, ...]:
    return tuple(entry_by_id(i) for i in ids) if ids else catalog()


def run_status(args: argparse.Namespace) -> int:
    """Print the folders in use and the state of every download."""
    del args
    folder = data.data_dir()
    print(f"catalogue:   {catalog_path()}")
    print(f"data folder: {folder if folder else f'(none; set {data.DATA_DIR_ENV})'}")
    print(f"cache:       {data.cache_dir()}")
    print(
        f"network:     {'OFF (' + data.OFFLINE_ENV + '=1)' if data.is_offline() else 'allowed'}"
    )
    unpinned = 0
    for entry in catalog():
        found = data.find_in_data_dir(entry)
        if found is not None:
            print(f"{entry.id}: data folder {found}")
        for spec in entry.downloads:
            state = data.verify_cached(spec)
            if state == "unpinned":
                unpinned += 1
                print(f"{entry.id}: UNPINNED {spec.url} (not used until pinned)")
            else:
                print(f"{entry.id}: {state} {spec.url}")
    if unpinned:
        print(
            f"{unpinned} unpinned source(s): a maintainer pins them with `make pin` "
            "(network needed) in a lunar_edu checkout."
        )
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    """Download pinned pictures into the cache, replacing corrupt copies."""
    if data.is_offline():
        msg = f"Cannot fetch while {data.OFFLINE_ENV}=1; unset it and try again."
        raise LunarEduError(msg)
    for leftover in data.stray_downloads():
        _remove(leftover)
        print(f"removed {leftover}: an interrupted download")
    return _each_download(
        args.ids,
        "fetch",
        skip=lambda spec: (
            None
            if spec.pinned
            else f"skipped {spec.url}: unpinned (a maintainer runs `make pin`)"
        ),
        act=lambda spec: f"ok {data.fetch(spec)}",
    )


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def run_verify(args: argparse.Namespace) -> int:
    """Check cached files against their hashes; exit 1 if one is corrupt or stray."""
    del args
    corrupt = 0
    for entry in catalog():
        for spec in entry.downloads:
            state = data.verify_cached(spec)
            if state == "corrupt":
                corrupt += 1
                print(
                    f"{entry.id}: CORRUPT {data.cache_path(spec)} "
                    f"(run `lunar-edu data fetch {entry.id}` to replace it)"
                )
            else:
                print(f"{entry.id}: {state} {spec.url}")
    for leftover in data.stray_downloads():
        corrupt += 1
        print(
            f"STRAY {leftover}: an interrupted download (`lunar-edu data fetch` removes it)"
        )
    return _EXIT_PROBLEMS if corrupt else 0


def _each_download(ids, verb: str, *, skip, act) -> int:
    """Run ``act`` on each chosen download; one line each, one error at the end.

    ``skip(spec)`` returns why a source is left alone, or None; ``act(spec)``
    does the work and returns what to print. A failed download does not stop
    the others.
    """
    failures: list[str] = []
    for entry in _chosen(ids):
        for spec in entry.downloads:
            reason = skip(spec)
            if reason is not None:
                print(f"{entry.id}: {reason}")
                continue
            try:
                done = act(spec)
            except data.DownloadError as err:
                failures.append(entry.id)
                print(f"{entry.id}: FAILED: {err}")
            else:
                print(f"{entry.id}: {done}")
    if failures:
        msg = f"Could not {verb} {', '.join(failures)}; see the lines above."
        raise data.DownloadError(msg)
    return 0
