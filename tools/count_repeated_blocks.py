"""Count code blocks repeated between lessons (for issue 18).

A block is a run of at least ``MIN_LINES`` identical consecutive non-blank
code lines (comments and the docstring left out, whitespace stripped) that
appears in two or more lessons. Overlapping runs are merged into maximal
blocks, so one long copy counts once.

Run: ``python tools/count_repeated_blocks.py [examples]``.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

MIN_LINES = 3


def code_lines(path: Path) -> list[str]:
    """Return the lesson's non-blank code lines, stripped, docstring and comments out."""
    text = path.read_text(encoding="utf-8")
    body = ast.parse(text).body
    start = body[0].end_lineno if body and isinstance(body[0], ast.Expr) else 0
    lines = text.splitlines()[start or 0 :]
    return [s for line in lines if (s := line.strip()) and not s.startswith("#")]


def repeated_blocks(folder: Path) -> tuple[dict[tuple[str, ...], set[str]], int]:
    """Return each repeated block with its lessons, and the lines they cover.

    A line is covered when it belongs to a window of ``MIN_LINES`` lines
    that also appears in another lesson; consecutive covered lines form one
    block.
    """
    lessons = {p.name: code_lines(p) for p in sorted(folder.glob("*/plot_*.py"))}
    where: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, lines in lessons.items():
        for i in range(len(lines) - MIN_LINES + 1):
            where[tuple(lines[i : i + MIN_LINES])].add(name)
    blocks: dict[tuple[str, ...], set[str]] = defaultdict(set)
    covered_total = 0
    for name, lines in lessons.items():
        covered = [False] * len(lines)
        for i in range(len(lines) - MIN_LINES + 1):
            if len(where[tuple(lines[i : i + MIN_LINES])]) > 1:
                covered[i : i + MIN_LINES] = [True] * MIN_LINES
        covered_total += sum(covered)
        i = 0
        while i < len(lines):
            if not covered[i]:
                i += 1
                continue
            j = i
            while j < len(lines) and covered[j]:
                j += 1
            blocks[tuple(lines[i:j])].add(name)
            i = j
    return blocks, covered_total


def main() -> None:
    """Print every repeated block, the lessons holding it, and the totals."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "examples")
    blocks, covered = repeated_blocks(folder)
    occurrences = 0
    for block, names in sorted(blocks.items(), key=lambda kv: -len(kv[0])):
        occurrences += len(names)
        print(
            f"--- {len(block)} lines in {len(names)} lesson(s): {', '.join(sorted(names))}"
        )
        print("    " + "\n    ".join(block))
    print(
        f"repeated blocks: {occurrences} (distinct: {len(blocks)}); "
        f"code lines inside them: {covered}"
    )


if __name__ == "__main__":
    main()
