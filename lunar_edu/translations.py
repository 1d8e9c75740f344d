"""Translate the words lunar_edu writes: picture labels, captions, alt text, credits.

The language is chosen by the environment variable ``LUNAR_EDU_LANG``
(``zh_CN``, ``zh-CN`` or ``zh`` for simplified Chinese; unset or ``en`` for
English, the source language). The docs build sets it from Sphinx's
``language``, so the Chinese site's lessons draw Chinese labels.

The messages live in ``lunar_edu/locale/<lang>/LC_MESSAGES/lunar_edu.po``,
read here by a small reader of the .po format rather than Python's
:mod:`gettext`, which needs a compiled ``.mo`` file: the .po file is the one
translators edit and the repository keeps, so there is no build step that a
lesson run as a plain script could miss, and no binary file to keep in step.

A text with numbers in it, such as ``f"{width_m:.2f} m"``, is looked up
first as it is and then as a *template*, its numbers replaced by ``{0}``,
``{1}``, ... (see :func:`template_of`); the translation's placeholders are
filled with the same numbers. So lessons need no changes to be translated.
Text without a translation (or with an empty or fuzzy one) stays English.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "LANG_ENV",
    "SUPPORTED_LANGUAGES",
    "catalogue_path",
    "fill_template",
    "language",
    "read_po",
    "recording",
    "template_of",
    "translate",
    "translate_message",
]

LANG_ENV = "LUNAR_EDU_LANG"
#: Languages with a message catalogue, besides English (the source).
SUPPORTED_LANGUAGES = ("zh_CN",)
_ALIASES = {"zh": "zh_CN", "zh_cn": "zh_CN", "zh_hans": "zh_CN", "zh_hans_cn": "zh_CN"}
_LOCALE_DIR = Path(__file__).with_name("locale")
_DOMAIN = "lunar_edu"
# A number as written in labels and captions: 12, 1.52, 2,352; not the
# digits of a name: the source tag S23, Yutu-2, Chang'e 4, CC-BY-4.0.
_NUMBER = re.compile(
    r"(?<![\w.,])(?<![A-Za-z]-)(?<!Chang'e )(?<!Chang\u2019e )\d+(?:[.,]\d+)*"
)
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
# The texts asked for while recording (tools/extract_messages.py).
_RECORDED: list[list[str]] = []
_KEYWORD = re.compile(
    r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$"
)


def language() -> str:
    """Return the language lunar_edu writes in, from ``LUNAR_EDU_LANG``.

    Returns
    -------
    str
        ``"zh_CN"`` for simplified Chinese, else ``"en"`` (also for a
        language that has no catalogue).

    Examples
    --------
    >>> import os
    >>> os.environ["LUNAR_EDU_LANG"] = "zh-CN"
    >>> language()
    'zh_CN'
    >>> del os.environ["LUNAR_EDU_LANG"]
    >>> language()
    'en'
    """
    raw = os.environ.get(LANG_ENV, "").strip().replace("-", "_")
    code = _ALIASES.get(raw.lower(), raw)
    return code if code in SUPPORTED_LANGUAGES else "en"


def catalogue_path(lang: str) -> Path:
    """Return the .po file of a language's runtime messages.

    Parameters
    ----------
    lang : str
        A language code such as ``"zh_CN"``.

    Returns
    -------
    pathlib.Path
        ``lunar_edu/locale/<lang>/LC_MESSAGES/lunar_edu.po`` (it may not exist).
    """
    return _LOCALE_DIR / lang / "LC_MESSAGES" / f"{_DOMAIN}.po"


def read_po(text: str) -> dict[str, str]:
    r"""Return the translated messages of a .po file's text.

    Only what lunar_edu's catalogue uses is read: ``msgid``/``msgstr`` pairs
    with C-style escapes, strings continued over several lines, the
    ``fuzzy`` flag and obsolete (``#~``) entries. The header, fuzzy entries,
    plural forms and empty translations are left out.

    Parameters
    ----------
    text : str
        The contents of a .po file.

    Returns
    -------
    dict
        English message -> translation.

    Examples
    --------
    >>> read_po('msgid "Crater"\nmsgstr "撞击坑"\n\n#, fuzzy\nmsgid "Rock"\nmsgstr "石"\n')
    {'Crater': '撞击坑'}
    """
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    key = ""

    def finish() -> None:
        msgid, msgstr = entry.get("msgid", ""), entry.get("msgstr", "")
        if msgid and msgstr and not fuzzy and "msgid_plural" not in entry:
            messages[msgid] = msgstr

    for raw_line in text.splitlines():
        line = raw_line.strip()
        starts_entry = line.startswith(("#", "msgid ", "msgctxt "))
        if starts_entry and "msgstr" in entry:
            finish()
            entry, fuzzy, key = {}, False, ""
        if not line or line.startswith("#"):
            flags = line[2:].split(",") if line.startswith("#,") else []
            fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in flags)
            continue
        match = _KEYWORD.match(line)
        if match:
            key = match.group(1)
            entry[key] = _unquote(match.group(2))
        elif line.startswith('"') and key:
            entry[key] += _unquote(line)
    if entry:
        finish()
    return messages


def _unquote(quoted: str) -> str:
    """Return a .po string literal's text (its escapes are Python's)."""
    value = ast.literal_eval(quoted)
    return value if isinstance(value, str) else str(value)


@functools.lru_cache(maxsize=8)
def _catalogue(lang: str, mtime_ns: int) -> dict[str, str]:
    """Read a language's messages (cached until the file changes)."""
    path = catalogue_path(lang)
    messages = read_po(path.read_text(encoding="utf-8")) if mtime_ns else {}
    # Texts are looked up with runs of white space made one space (a label
    # may be wrapped); fixed messages as they are, spaces at the ends kept.
    return {**{" ".join(k.split()): v for k, v in messages.items()}, **messages}


def _messages(lang: str) -> dict[str, str]:
    path = catalogue_path(lang)
    mtime_ns = path.stat().st_mtime_ns if path.is_file() else 0
    return _catalogue(lang, mtime_ns)


def template_of(text: str) -> tuple[str, tuple[str, ...]]:
    """Return a text with its numbers replaced by placeholders, and the numbers.

    Parameters
    ----------
    text : str
        A text that may contain numbers.

    Returns
    -------
    template : str
        The text with the first number replaced by ``{0}``, the next by
        ``{1}``, and so on; white space runs become one space.
    numbers : tuple of str
        The numbers as written.

    Examples
    --------
    >>> template_of("0.41 m apart, 1,176 px")
    ('{0} m apart, {1} px', ('0.41', '1,176'))
    """
    flat = " ".join(text.split())
    numbers = tuple(_NUMBER.findall(flat))
    counter = iter(range(len(numbers)))
    return _NUMBER.sub(lambda _m: f"{{{next(counter)}}}", flat), numbers


def fill_template(template: str, numbers: tuple[str, ...]) -> str:
    """Put numbers into a template's ``{0}``, ``{1}``, ... placeholders.

    Parameters
    ----------
    template : str
        A translated template.
    numbers : tuple of str
        The numbers, in the order of the English text.

    Returns
    -------
    str
        The text; a placeholder without a number is left as it is.

    Examples
    --------
    >>> fill_template("相距 {0} 米", ("0.41",))
    '相距 0.41 米'
    """

    def number(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return numbers[index] if index < len(numbers) else match.group(0)

    return _PLACEHOLDER.sub(number, template)


def translate(text: str, lang: str | None = None) -> str:
    """Return a text in lunar_edu's language, or unchanged when there is no translation.

    Parameters
    ----------
    text : str
        English text: a picture label, caption or alt text.
    lang : str, optional
        The language; by default :func:`language`.

    Returns
    -------
    str
        The translation of the text itself, else of its template (numbers
        put back in), else ``text``.
    """
    for recorder in _RECORDED:
        recorder.append(text)
    lang = language() if lang is None else lang
    if lang == "en" or not text:
        return text
    messages = _messages(lang)
    if not messages:
        return text
    found = messages.get(" ".join(text.split()))
    if found is not None:
        return found
    template, numbers = template_of(text)
    found = messages.get(template) if numbers else None
    return text if found is None else fill_template(found, numbers)


def translate_message(msgid: str, lang: str | None = None, **fields: str) -> str:
    """Return a fixed message of lunar_edu's own, translated, with named fields filled.

    Parameters
    ----------
    msgid : str
        The English message with ``{name}`` fields, e.g. ``"Credit: {credit}."``.
    lang : str, optional
        The language; by default :func:`language`.
    **fields : str
        The fields' values.

    Returns
    -------
    str
        The message in the language, fields filled.

    Examples
    --------
    >>> translate_message("Credit: {credit}.", "en", credit="CNSA")
    'Credit: CNSA.'
    """
    for recorder in _RECORDED:
        recorder.append(msgid)
    lang = language() if lang is None else lang
    pattern = msgid if lang == "en" else _messages(lang).get(msgid, msgid)
    try:
        return pattern.format(**fields)
    except (KeyError, IndexError, ValueError):
        # A translation with a mistyped field must not break a lesson.
        return msgid.format(**fields)


@contextlib.contextmanager
def recording() -> Iterator[list[str]]:
    """Record every text given to :func:`translate` and :func:`translate_message`.

    Used by ``tools/extract_messages.py`` to collect the messages lessons
    draw and show.

    Yields
    ------
    list of str
        The texts, in order, as they were asked for (fixed messages with
        their ``{name}`` fields unfilled).

    Examples
    --------
    >>> with recording() as texts:
    ...     _ = translate("Crater")
    >>> texts
    ['Crater']
    """
    texts: list[str] = []
    _RECORDED.append(texts)
    try:
        yield texts
    finally:
        _RECORDED.remove(texts)
