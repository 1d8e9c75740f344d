"""Answer-key numbers of a lesson: printed for the student, written for the teacher.

A lesson measures something in a simulated picture and compares it with the
answer key, the number the virtual Chang'e 4 was built with. It prints that
comparison with :func:`check`, and it hands other numbers a teacher needs (a
list of gaps, a share of the picture) to :func:`record`::

    from lunar_edu.answers import check, record

    check("track width", width_m, truth_m, "m", digits=2)
    record("gaps between marks", gaps_px, "px")

The printed line reads ``Check: track width: measured 0.95 m, answer key
0.85 m``: the answer key is a property of the model, not a fact about the
real rover. When the environment variable ``LUNAR_EDU_ANSWERS_DIR`` names a
folder, every call also writes the lesson's numbers, formatted as printed, to
``<folder>/<lesson>.json`` (the lesson is the running script's file name
without ``.py``). The docs build sets that variable before the gallery runs,
so the teacher pages quote the numbers of the same build (see
``docs/_ext/answers.py``). The file is written by the lesson's own process,
which keeps it right when sphinx-gallery runs lessons in parallel workers.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from numbers import Integral, Real
from pathlib import Path
from typing import Any

from .errors import LunarEduError

__all__ = ["ANSWERS_DIR_ENV", "AnswerError", "check", "format_value", "record"]

#: The environment variable naming the folder for the lessons' answer files.
ANSWERS_DIR_ENV = "LUNAR_EDU_ANSWERS_DIR"
# Units written straight after the number, as in "20°"; others get a space.
_TIGHT_UNITS = ("°",)
# Version of the JSON layout, so the docs extension can reject old files.
FORMAT_VERSION = 1


class AnswerError(LunarEduError, ValueError):
    """A lesson passed a number, name or unit that cannot be recorded."""


# Numbers recorded so far in this process, by lesson. A sphinx-gallery build
# that runs lessons one after another in one process keeps them apart.
_RECORDED: dict[str, dict[str, dict[str, Any]]] = {}


def format_value(
    value: Any, unit: str = "", *, digits: int | None = None, grouping: bool = True
) -> str:
    """Return a number, or a list of numbers, as a lesson prints it.

    Parameters
    ----------
    value : int, float or sequence of them
        The number(s); a sequence is joined with ", ".
    unit : str, optional
        Written after the number: ``"m"`` gives ``"0.95 m"``, ``"°"`` gives
        ``"20°"``; empty for a plain count.
    digits : int, optional
        Decimal places. Required for numbers that are not whole (integers,
        including numpy integers, are written without decimals).
    grouping : bool, optional
        Separate thousands with commas (``1,613``); False for pixel rows
        and columns, which read better as ``1008``.

    Returns
    -------
    str
        The formatted text, with thousands separated by commas.

    Raises
    ------
    AnswerError
        If a value is not a real number, or is not whole and ``digits`` is
        missing or negative.

    Examples
    --------
    >>> format_value(0.9512, "m", digits=2)
    '0.95 m'
    >>> format_value([108, 104, 97], "px")
    '108, 104, 97 px'
    >>> format_value(1613, "m")
    '1,613 m'
    >>> format_value(20.04, "°", digits=0)
    '20°'
    """
    if digits is not None and (not isinstance(digits, int) or digits < 0):
        msg = f"digits must be a whole number of decimal places, 0 or more, got {digits!r}."
        raise AnswerError(msg)
    items = _numbers(value)
    text = ", ".join(_one_number(item, digits, grouping) for item in items)
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith(_TIGHT_UNITS) else f"{text} {unit}"


def _numbers(value: Any) -> list[Real]:
    if isinstance(value, str | bytes):
        msg = f"A recorded value must be a number or a list of numbers, got the text {value!r}."
        raise AnswerError(msg)
    items = list(value) if isinstance(value, Sequence) or _is_array(value) else [value]
    if not items:
        msg = "A recorded list of numbers is empty; record at least one number."
        raise AnswerError(msg)
    for item in items:
        if isinstance(item, bool) or not isinstance(item, Real):
            msg = (
                f"A recorded value must be a number or a list of numbers, got "
                f"{type(item).__name__} {item!r}."
            )
            raise AnswerError(msg)
    return items


def _is_array(value: Any) -> bool:
    # numpy arrays are not Sequences; accept any one-dimensional array-like.
    return hasattr(value, "tolist") and getattr(value, "ndim", 0) == 1


def _one_number(item: Real, digits: int | None, grouping: bool) -> str:
    comma = "," if grouping else ""
    if isinstance(item, Integral):
        return f"{int(item):{comma}}"
    if digits is None:
        msg = (
            f"The value {item!r} is not a whole number; pass digits=N to say "
            "how many decimal places to print."
        )
        raise AnswerError(msg)
    number = float(item)
    if not math.isfinite(number):
        return str(number)
    text = f"{number:{comma}.{digits}f}"
    # "-0.0" would read as a sign error to a student.
    return (
        text[1:] if text.startswith("-") and float(text.replace(",", "")) == 0 else text
    )


def check(
    what: str,
    measured: float,
    answer_key: float,
    unit: str,
    *,
    digits: int,
    real: str | None = None,
) -> None:
    """Print and record a measurement next to the virtual Chang'e 4's answer key.

    Parameters
    ----------
    what : str
        What was measured, e.g. ``"track width"``; also the name the teacher
        pages use for it.
    measured : float
        The lesson's measurement.
    answer_key : float
        The value the simulated scene was built with.
    unit : str
        The unit of both numbers, e.g. ``"m"`` or ``"%"``.
    digits : int
        Decimal places printed.
    real : str, optional
        The real mission's value with its fact-sheet tag, printed on the next
        line, e.g. ``"Yutu-2's body is about 1 m wide [S1]"``.

    Raises
    ------
    AnswerError
        If ``what`` or ``unit`` is empty, or a value is not a number.

    Notes
    -----
    Two names are recorded: ``what`` (the measurement) and
    ``"<what> (answer key)"``. Nothing is returned, so a ``check`` call that
    ends a gallery code block does not echo its line a second time.
    """
    if not unit or not str(unit).strip():
        msg = f"check({what!r}, ...) has no unit; pass the unit of both numbers, e.g. 'm'."
        raise AnswerError(msg)
    measured_text = format_value(measured, unit, digits=digits)
    key_text = format_value(answer_key, unit, digits=digits)
    line = f"Check: {_name(what)}: measured {measured_text}, answer key {key_text}"
    _store(what, measured, measured_text, unit, line=line)
    _store(f"{what} (answer key)", answer_key, key_text, unit, line=line)
    # The Check line is the lesson's output for the student.
    print(line)  # noqa: T201
    if real:
        print(f"  Real mission: {' '.join(real.split())}")  # noqa: T201


def record(
    name: str,
    value: Any,
    unit: str = "",
    *,
    digits: int | None = None,
    grouping: bool = True,
) -> str:
    """Record a number a teacher needs (without printing it).

    Parameters
    ----------
    name : str
        The name the teacher pages use, e.g. ``"gaps between marks"``.
    value : int, float or sequence of them
        The number(s).
    unit : str, optional
        The unit; empty for a count.
    digits : int, optional
        Decimal places; required for numbers that are not whole.
    grouping : bool, optional
        Separate thousands with commas; False for pixel rows and columns.

    Returns
    -------
    str
        The formatted value, e.g. ``"108, 104, 97 px"``, for the lesson to
        print if it wants to.

    Raises
    ------
    AnswerError
        If the name is empty or the value is not a number or list of numbers.
    """
    text = format_value(value, unit, digits=digits, grouping=grouping)
    _store(name, value, text, unit)
    return text


def _name(what: Any) -> str:
    if not isinstance(what, str) or not what.strip() or "`" in what:
        msg = (
            f"An answer needs a short name without backticks, such as "
            f"'track width', got {what!r}."
        )
        raise AnswerError(msg)
    return " ".join(what.split())


def lesson_name() -> str:
    """Return the name of the running lesson: its script's file name without ``.py``.

    Returns
    -------
    str
        For example ``"plot_01_track_width"``; ``"interactive"`` when no
        script is running.
    """
    script = sys.argv[0] if sys.argv and sys.argv[0] else ""
    stem = Path(script).stem
    return stem if stem and stem != "-c" else "interactive"


def answers_dir() -> Path | None:
    """Return the folder the answer files go to, or None when none is set.

    Returns
    -------
    pathlib.Path or None
        ``$LUNAR_EDU_ANSWERS_DIR`` when set.
    """
    configured = os.environ.get(ANSWERS_DIR_ENV, "").strip()
    return Path(configured) if configured else None


def _store(
    name: str, value: Any, text: str, unit: str, *, line: str | None = None
) -> None:
    key = _name(name)
    numbers = [
        item.item() if hasattr(item, "item") else item for item in _numbers(value)
    ]
    lesson = lesson_name()
    values = _RECORDED.setdefault(lesson, {})
    values[key] = {
        "value": numbers if len(numbers) > 1 or _is_list(value) else numbers[0],
        "unit": unit,
        "text": text,
        **({"line": line} if line else {}),
    }
    folder = answers_dir()
    if folder is not None:
        _write(folder, lesson, values)


def _is_list(value: Any) -> bool:
    return isinstance(value, Sequence) or _is_array(value)


def _write(folder: Path, lesson: str, values: dict[str, dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lesson}.json"
    document = {"format": FORMAT_VERSION, "lesson": lesson, "values": values}
    # Write then rename, so a reader never sees half a file.
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(
        json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    temporary.replace(path)
