"""Drop the ``python-format`` flag that babel puts on prose with a percent sign.

Babel marks a message ``python-format`` when its English looks like it has a
%-placeholder, as "about 98 % of the pixels" does. None of our messages is
ever %-formatted, and ``msgfmt --check`` then rejects every natural Chinese
translation of such a sentence ("98 %的像素"). ``make translations`` runs this
after ``sphinx-intl update`` and the runtime extractor, on every ``.po`` and
``.pot`` of the project. Other flags (``python-brace-format``, ``fuzzy``) are
kept; the files are edited line by line, so nothing else changes.

Usage::

    python tools/tidy_po.py [FILE_OR_FOLDER ...]   # default: docs/locale lunar_edu/locale
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = (ROOT / "docs" / "locale", ROOT / "lunar_edu" / "locale")
FLAG = "python-format"


def tidy_flags_line(line: str) -> str | None:
    """Return a ``#,`` flags line without ``python-format``; None if it is left empty."""
    flags = [f.strip() for f in line[2:].split(",") if f.strip()]
    kept = [f for f in flags if f != FLAG]
    if not kept:
        return None
    return "#, " + ", ".join(kept) + "\n"


def tidy_file(path: Path) -> bool:
    """Drop the flag from one catalogue; return whether the file changed."""
    text = path.read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#,") and FLAG in line:
            tidied = tidy_flags_line(line)
            if tidied is not None:
                lines.append(tidied)
            continue
        lines.append(line)
    tidied_text = "".join(lines)
    if tidied_text != text:
        path.write_text(tidied_text, encoding="utf-8")
        return True
    return False


def main(argv: list[str]) -> int:
    """Tidy every catalogue under the given files or folders."""
    targets = [Path(a) for a in argv] or list(DEFAULT_FOLDERS)
    files = []
    for target in targets:
        if target.is_dir():
            files += sorted([*target.rglob("*.po"), *target.rglob("*.pot")])
        elif target.is_file():
            files.append(target)
    changed = sum(tidy_file(path) for path in files)
    print(f"tidy_po: dropped '{FLAG}' from {changed} of {len(files)} catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
