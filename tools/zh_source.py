"""Mirror the docs sources into a second source folder for the Chinese build.

sphinx-gallery writes the lessons' pages and pictures into the source folder
(``docs/auto_examples``), and the site's extensions write generated pages
there too (worksheets, answer sheets, ``docs/_generated``). The Chinese
edition's lessons draw Chinese labels, so it needs its own copy of those: it
is built from ``docs/_build/zh_CN-source/docs``, whose files are hard links
to the real sources (no copies to keep in step; symbolic links would not do:
MyST resolves a page's links from the page's real path, which would then lie
outside this folder) and whose generated files are its own. ``../examples`` next to it links to the
lessons, as ``docs/../examples`` does for the English build.

Run by ``make html`` before the Chinese build; it only changes links that
are missing or stale (an editor that saves by replacing the file breaks
the link), so an unchanged tree keeps Sphinx's no-change rebuild
fast. Usage::

    python tools/zh_source.py [TARGET]   # default docs/_build/zh_CN-source
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DEFAULT_TARGET = DOCS / "_build" / "zh_CN-source"
# Written by the build into the source folder: each edition has its own (as
# .gitignore lists them). A generated file linked into the mirror would be
# one file for both builds: each would rewrite it in turn, and every rebuild
# would read those pages again.
GENERATED = (
    "_build/",
    "auto_examples/",
    "_generated/",
    "sg_execution_times.rst",
    "worksheets/plot_",
    "teach/answer-sheets/",
)


def source_files() -> list[str]:
    """Return the docs' source files (relative to docs/), generated ones left out.

    The files git knows, tracked or new and not ignored, so generated files
    (git-ignored) stay out; without git, every file but the generated folders.
    """
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "."],
            cwd=DOCS,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        listed = [
            p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()
        ]
    return sorted(
        name
        for name in listed
        if not name.startswith(GENERATED) and (DOCS / name).is_file()
    )


def _link(path: Path, target: Path) -> bool:
    """Make ``path`` a hard link to ``target``; return True when it changed."""
    if path.is_file() and not path.is_symlink() and path.samefile(target):
        return False
    if path.is_symlink() or path.is_file():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(target, path)
    except OSError:
        # Another file system: a copy, with the time stamp Sphinx compares.
        shutil.copy2(target, path)
    return True


def mirror(target: Path = DEFAULT_TARGET) -> int:
    """Bring the mirror up to date; return how many links were made or removed."""
    docs = target / "docs"
    examples = target / "examples"
    wanted = os.path.relpath(ROOT / "examples", target)
    changed = 0
    # The lessons are only read (sphinx-gallery copies them), so a
    # symbolic link to the folder will do.
    if not (examples.is_symlink() and str(examples.readlink()) == wanted):
        if examples.is_symlink():
            examples.unlink()
        target.mkdir(parents=True, exist_ok=True)
        examples.symlink_to(wanted, target_is_directory=True)
        changed += 1
    names = source_files()
    for name in names:
        changed += _link(docs / name, DOCS / name)
    keep = {docs / name for name in names}
    # Links to sources that are gone: a file with more than one name that is
    # no longer a source. Generated files (one name) are kept.
    for path in list(docs.rglob("*")):
        linked = path.is_symlink() or (path.is_file() and path.stat().st_nlink > 1)
        if linked and path not in keep:
            path.unlink()
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    """Mirror into the folder given on the command line."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]).resolve() if args else DEFAULT_TARGET
    changed = mirror(target)
    print(f"zh_CN sources in {target}: {changed} link(s) changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
