"""The zh_CN edition: runtime translations, message catalogues and their quality.

- lunar_edu.translations: the .po reader (checked against babel's), number
  templates, and the hooks in annotate, charts, show, the credit line and
  the stamp, with a small catalogue written for the test;
- one lesson run in Chinese with every runtime message "translated", which
  also checks that lunar_edu.po has every text the lesson draws or shows;
- every .po of the edition (docs/locale/zh_CN and lunar_edu.po): at least
  98 % translated, no fuzzy entry, numbers, source tags and markup roles as
  in the English, and the fixed terms of terms.toml (these fail until the
  translations are in: that is what they are for).

The Chinese site itself is checked in tests/test_zh_site.py.
"""

# Full-width Chinese punctuation is what these tests are about.
# ruff: noqa: RUF001

from __future__ import annotations

import importlib.util
import re
import runpy
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import tomllib
from babel.messages.pofile import read_po as babel_read_po
from PIL import Image

from lunar_edu import gallery, translations
from lunar_edu.annotate import caption_band, drawn_texts, label, scale_bar
from lunar_edu.charts import Series, line_chart
from lunar_edu.frame import Source
from lunar_edu.provenance import credit_line
from lunar_edu.stamp import status_tag_of

ROOT = Path(__file__).parents[1]
DOCS_LOCALE = ROOT / "docs" / "locale" / "zh_CN"
RUNTIME_PO = translations.catalogue_path("zh_CN")
EDITION_PO = [*sorted((DOCS_LOCALE / "LC_MESSAGES").rglob("*.po")), RUNTIME_PO]
TERMS = tomllib.loads((DOCS_LOCALE / "terms.toml").read_text(encoding="utf-8"))["term"]
CJK = re.compile(r"[\u3400-\u9fff]")
SIMULATED = Source("simulated", "lunar_edu contributors", "CC-BY-4.0")
MIN_TRANSLATED = 0.98
LESSON = ROOT / "examples" / "01_first_look" / "plot_01_descent_first_look.py"


def po_text(pairs: dict[str, str], *, fuzzy: tuple[str, ...] = ()) -> str:
    """Return a .po file's text for English -> Chinese pairs."""

    def quote(text: str) -> str:
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'

    entries = ['msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n']
    for english, chinese in pairs.items():
        flag = "#, fuzzy\n" if english in fuzzy else ""
        entries.append(f"{flag}msgid {quote(english)}\nmsgstr {quote(chinese)}\n")
    return "\n".join(entries)


@pytest.fixture
def zh_catalogue(tmp_path, monkeypatch):
    """Switch lunar_edu to Chinese with a catalogue the test writes."""

    def write(pairs: dict[str, str], **kwargs) -> Path:
        path = tmp_path / "zh_CN" / "LC_MESSAGES" / "lunar_edu.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(po_text(pairs, **kwargs), encoding="utf-8")
        return path

    monkeypatch.setattr(translations, "_LOCALE_DIR", tmp_path)
    monkeypatch.setenv(translations.LANG_ENV, "zh_CN")
    return write


# --- the .po reader and templates -------------------------------------------


def test_read_po_reads_continued_lines_escapes_and_leaves_out_fuzzy_and_obsolete():
    text = (
        'msgid ""\nmsgstr "Language: zh_CN\\n"\n\n'
        '#: a.py\nmsgid ""\n"Two "\n"lines"\nmsgstr ""\n"两行"\n"\\"引号\\"\\n"\n\n'
        '#, python-format, fuzzy\nmsgid "Rock"\nmsgstr "石头"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#~ msgid "Old"\n#~ msgstr "旧"\n'
        'msgid "Crater"\nmsgstr "撞击坑"\n'
    )
    assert translations.read_po(text) == {
        "Two lines": '两行"引号"\n',
        "Crater": "撞击坑",
    }


@pytest.mark.parametrize(
    "path", [RUNTIME_PO, DOCS_LOCALE / "LC_MESSAGES" / "glossary.po"]
)
def test_read_po_agrees_with_babel_on_the_edition_catalogues(path):
    with path.open("rb") as stream:
        catalogue = babel_read_po(stream)
    expected = {
        str(m.id): str(m.string)
        for m in catalogue
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }
    assert translations.read_po(path.read_text(encoding="utf-8")) == expected


def test_templates_take_numbers_but_not_names():
    template, numbers = translations.template_of("Yutu-2 is 1.5 m from S23, 2,352 px")
    assert template == "Yutu-2 is {0} m from S23, {1} px"
    assert numbers == ("1.5", "2,352")
    assert (
        translations.fill_template("{1} 像素，{0} 米", numbers) == "2,352 像素，1.5 米"
    )


def test_language_follows_lunar_edu_lang(monkeypatch):
    for value, expected in (
        ("zh-CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("en", "en"),
        ("fr", "en"),
    ):
        monkeypatch.setenv(translations.LANG_ENV, value)
        assert translations.language() == expected
    monkeypatch.delenv(translations.LANG_ENV)
    assert translations.language() == "en"


def test_translate_finds_text_wrapped_text_and_templates(zh_catalogue):
    zh_catalogue(
        {
            "Crater": "撞击坑",
            "crater, {0} m across": "撞击坑，直径 {0} 米",
            "Rock": "石",
        },
        fuzzy=("Rock",),
    )
    assert translations.translate("Crater") == "撞击坑"
    assert translations.translate("crater,\n4.20 m  across") == "撞击坑，直径 4.20 米"
    assert translations.translate("Rock") == "Rock"  # fuzzy: not used
    assert translations.translate("Lander") == "Lander"
    assert translations.translate("Crater", "en") == "Crater"


def test_a_fixed_message_with_a_broken_field_falls_back_to_english(zh_catalogue):
    zh_catalogue({"Credit: {credit}.": "来源：{creditt}。"})
    assert translations.translate_message("Credit: {credit}.", credit="CNSA") == (
        "Credit: CNSA."
    )


# --- the hooks ------------------------------------------------------------


def test_labels_are_drawn_translated_and_record_their_english(zh_catalogue):
    zh_catalogue({"Crater": "撞击坑", "{0} m": "{0} 米"})
    picture = Image.new("RGB", (400, 300), (90, 90, 90))
    picture = label(picture, "Crater", (200, 150))
    picture = scale_bar(picture, metres_per_px=0.01, length_m=1.0)
    texts = drawn_texts(picture)
    assert [t.text for t in texts][:1] == ["撞击坑"]
    assert texts[0].source_text == "Crater"
    assert any(
        t.text.endswith("米") and t.source_text.endswith(" m") for t in texts[1:]
    )


def test_english_is_drawn_unchanged_without_lunar_edu_lang(monkeypatch):
    monkeypatch.delenv(translations.LANG_ENV, raising=False)
    picture = label(Image.new("RGB", (400, 300), (90, 90, 90)), "Crater", (200, 150))
    (text,) = drawn_texts(picture)
    assert text.text == text.source_text == "Crater"


def test_charts_caption_bands_credits_and_show_speak_chinese(zh_catalogue):
    zh_catalogue(
        {
            "Shadow length": "影子长度",
            "Sun elevation (°)": "太阳高度角（°）",
            "length (m)": "长度（米）",
            "rock": "石块",
            "A long shadow": "长长的影子",
            "Simulated picture (virtual Chang'e 4), not a photograph.": "模拟图像（虚拟嫦娥四号），不是照片。",
            "Credit: {credit}.": "来源：{credit}。",
            "Licence: {licence}.": "许可：{licence}。",
            "A gray plain.": "灰色的平原。",
            "Look at the shadow {0} m long.": "看这条 {0} 米长的影子。",
        }
    )
    chart = line_chart(
        [Series("rock", [5, 10], [3.4, 1.7])],
        title="Shadow length",
        x_label="Sun elevation (°)",
        y_label="length (m)",
    )
    assert chart.size == (1200, 720)
    assert credit_line(SIMULATED) == (
        "模拟图像（虚拟嫦娥四号），不是照片。来源：lunar_edu contributors。许可：CC-BY-4.0。"
    )
    band = caption_band(
        Image.new("RGB", (600, 400), 80), title="A long shadow", source=SIMULATED
    )
    assert {"长长的影子"} <= {t.text for t in drawn_texts(band)}
    gallery.reset({}, None)
    try:
        gallery.show(
            Image.new("RGB", (600, 400), 80),
            alt="A gray plain.",
            caption="Look at the shadow 2.5 m long.",
            source=SIMULATED,
        )
        (shown,) = gallery._STATE.queue
    finally:
        gallery._stop_capturing()
    assert shown.alt == "灰色的平原。"
    assert shown.caption.startswith("看这条 2.5 米长的影子。模拟图像")
    assert "来源：lunar_edu contributors。许可：CC-BY-4.0。" in shown.caption
    assert "模拟图像" in status_tag_of(shown.image).text


@pytest.mark.lessons
def test_a_lesson_run_in_chinese_draws_and_shows_only_catalogued_chinese(
    zh_catalogue, tmp_path, monkeypatch, capsys
):
    """Every text the lesson hands to the translator is in lunar_edu.po (so
    `make translations` is up to date), and with all of them translated
    every label, alt text and caption of every picture is Chinese."""
    with RUNTIME_PO.open("rb") as stream:
        msgids = [str(m.id) for m in babel_read_po(stream) if m.id]
    zh_catalogue({msgid: f"中{msgid}" for msgid in msgids})
    monkeypatch.chdir(tmp_path)
    gallery.reset({}, None)
    try:
        with translations.recording() as asked:
            runpy.run_path(str(LESSON), run_name="__main__")
        shown = list(gallery._STATE.queue)
    finally:
        gallery._stop_capturing()
    capsys.readouterr()
    letters = re.compile(r"[^\W\d_]")
    missing = {
        translations.template_of(text)[0]
        for text in asked
        if letters.search(text) and text not in msgids
    } - set(msgids)
    assert not missing, f"not in lunar_edu.po (run `make translations`): {missing}"
    assert shown
    for picture in shown:
        assert picture.alt.startswith("中"), picture.alt
        assert CJK.search(picture.caption)
        for text in drawn_texts(picture.image):
            assert not letters.search(text.text) or CJK.search(text.text), text
        tag = status_tag_of(picture.image)
        assert tag is None or "模拟图像" in tag.text or tag.kind != "simulated"


# --- the two-language build's pieces -----------------------------------------


def _load_tool(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_zh_source_mirror_links_every_source_and_keeps_generated_files(tmp_path):
    zh_source = _load_tool(ROOT / "tools" / "zh_source.py")
    target = tmp_path / "zh"
    assert zh_source.mirror(target) > 50
    conf = target / "docs" / "conf.py"
    assert conf.samefile(ROOT / "docs" / "conf.py")
    assert (target / "examples").resolve() == (ROOT / "examples").resolve()
    assert not (target / "docs" / "auto_examples").exists()
    generated = target / "docs" / "auto_examples" / "index.rst"
    generated.parent.mkdir()
    generated.write_text("made by the build")
    conf.unlink()
    stale = target / "docs" / "gone.md"
    stale.hardlink_to(ROOT / "docs" / "index.md")
    assert zh_source.mirror(target) == 2  # conf.py linked again, gone.md removed
    assert conf.samefile(ROOT / "docs" / "conf.py")
    assert not stale.exists()
    assert generated.read_text() == "made by the build"


def test_the_zh_source_mirror_without_git_leaves_out_every_generated_file(
    tmp_path, monkeypatch
):
    # From a source archive (no git to ask), the mirror must still leave out
    # what the build writes into docs/: a file linked into both editions'
    # folders would be rewritten by each build in turn.
    zh_source = _load_tool(ROOT / "tools" / "zh_source.py")
    docs = tmp_path / "docs"
    written = [
        "index.md", "worksheets/index.md", "teach/answer-sheets.md",
        "worksheets/plot_01_x.rst", "teach/answer-sheets/plot_01_x.md",
        "auto_examples/index.rst", "_generated/api/a.rst", "_build/html/a.html",
    ]  # fmt: skip
    for name in written:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(name)

    def no_git(*args, **kwargs):
        msg = "git: not found"
        raise OSError(msg)

    monkeypatch.setattr(zh_source, "DOCS", docs)
    monkeypatch.setattr(zh_source.subprocess, "run", no_git)
    assert zh_source.source_files() == [
        "index.md",
        "teach/answer-sheets.md",
        "worksheets/index.md",
    ]


def test_the_language_switch_links_the_same_page_in_the_other_edition():
    site_chrome = _load_tool(ROOT / "docs" / "_ext" / "site_chrome.py")
    english = site_chrome.language_switch("story/yutu-2", "en")
    chinese = site_chrome.language_switch("story/yutu-2", "zh_CN")
    assert english == {
        "href": "../zh_CN/story/yutu-2.html",
        "text": "中文",
        "hreflang": "zh-CN",
    }
    assert chinese["href"] == "../../story/yutu-2.html"
    assert chinese["text"] == "English"
    assert site_chrome.language_switch("index", "zh_CN")["href"] == "../index.html"


# --- the catalogues' quality -----------------------------------------------


def _messages(path: Path):
    with path.open("rb") as stream:
        return [m for m in babel_read_po(stream) if m.id]


def _statistics(path: Path) -> tuple[int, int, int]:
    """Return (translated, fuzzy, untranslated), from msgfmt when installed."""
    if shutil.which("msgfmt"):
        report = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stderr

        def count(word: str) -> int:
            found = re.search(rf"(\d+) {word}", report)
            return int(found.group(1)) if found else 0

        return count("translated"), count("fuzzy"), count("untranslated")
    messages = _messages(path)
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
    return translated, fuzzy, len(messages) - translated - fuzzy


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", EDITION_PO, ids=_name)
def test_catalogue_is_translated_with_no_fuzzy_entries(path):
    translated, fuzzy, untranslated = _statistics(path)
    total = translated + fuzzy + untranslated
    assert fuzzy == 0, f"{fuzzy} fuzzy entries: check them and remove the flag"
    assert total == 0 or translated / total >= MIN_TRANSLATED, (
        f"{translated} of {total} messages translated, fewer than 98 %"
    )


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SOURCE_TAG = re.compile(r"\[S\d+\]|:src:`[^`]*`|\{src\}`[^`]*`")
_ROLE = re.compile(r"(\{[a-z:-]+\}|:[a-z:-]+:)`([^`]*)`")


# Mission names keep their number in Chinese as a word: Chang'e 4 is 嫦娥四号,
# Yutu-2 玉兔二号 (terms.toml), so the English digit is not a number to find.
_DESIGNATION = re.compile(
    r"(?:Chang['\u2019]e[ -]?\d+(?: and \d+)?|(?:Yutu-|Queqiao-|Long March |Tianwen-)\d+)"
    r"[A-Z]?\b"
)
# Chinese counts large numbers in 亿 (10^8): 2.8 billion years is 28亿年.
_BILLIONS = re.compile(r"(\d+(?:\.\d+)?)((?:\s*[\u2013-]\s*\d+(?:\.\d+)?)?)\s*billion")


def _in_yi(match: re.Match) -> str:
    """Return "2.0-2.8 billion" as the numbers of "20亿-28亿"."""
    values = re.findall(r"\d+(?:\.\d+)?", match.group(0))
    return " ".join(f"{float(v) * 10:g}" for v in values)


def numbers(text: str, *, english: bool = False) -> Counter:
    """Return the numbers of a message; thousands separators dropped.

    For the English side, the digits of mission names are left out and
    billions are counted in 亿, as the Chinese writes them.
    """
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    if english:
        text = _BILLIONS.sub(_in_yi, _DESIGNATION.sub("", text))
    return Counter(_NUMBER.findall(text))


def source_tags(text: str) -> Counter:
    """Return a message's source tags, ``[S5]``, ``:src:`S5``` or ``{src}`S5```."""
    return Counter(
        re.sub(r"^\{src\}|^:src:", "src", t) for t in _SOURCE_TAG.findall(text)
    )


def roles(text: str) -> Counter:
    """Return the markup roles of a message with their targets (not titles)."""
    found = []
    for name, body in _ROLE.findall(text):
        if name.startswith("{bdg"):
            continue  # a badge's text is shown to the reader: it is translated
        target = re.search(r"<([^<>]*)>\s*$", body)
        # ":src:`S1`" (reST) and "{src}`S1`" (MyST) are the same role.
        found.append((name.strip("{}:"), (target.group(1) if target else body).strip()))
    return Counter(found)


def fact_problems(english: str, chinese: str) -> list[str]:
    """Return how a translation's facts differ from the English.

    Numbers (dates too), source tags and roles must be the same; numbers 1
    to 12 may appear in Chinese only (months, "三个", ordinal words).
    """
    problems = []
    missing = numbers(english, english=True) - numbers(chinese)
    extra = {
        n: c
        for n, c in (numbers(chinese) - numbers(english, english=True)).items()
        if not (n.isdigit() and 1 <= int(n) <= 12)
    }
    if missing or extra:
        problems.append(f"numbers differ: missing {dict(missing)}, extra {extra}")
    if source_tags(english) != source_tags(chinese):
        problems.append("source tags differ")
    if roles(english) != roles(chinese):
        problems.append("roles differ")
    return problems


def term_problems(english: str, chinese: str) -> list[str]:
    """Return the fixed terms of terms.toml a translation does not use."""
    problems = []
    # Code and file names are not prose: `rover-tracks.png` stays as it is.
    english = re.sub(r"`[^`]*`", "", english)
    for term in TERMS:
        if term.get("check", True) is False:
            continue
        if any(phrase in english for phrase in term.get("skip_if", [])):
            continue  # the same words in another sense, e.g. a crater's far side
        used = any(
            re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", english, re.IGNORECASE)
            for word in term["en"]
        )
        accepted = [term["zh"], *term.get("accept", [])]
        if used and not any(form in chinese for form in accepted):
            problems.append(f"{term['en'][0]!r} is not {term['zh']!r}")
    return problems


def test_fact_and_term_checks_catch_what_they_are_for():
    assert (
        fact_problems("Landed on 3 January 2019 [S1].", "2019年1月3日着陆 [S1]。") == []
    )
    assert fact_problems("It is 1.5 m [S2].", "它有 1.6 米 [S2]。")
    assert fact_problems("Chang'e 4 landed.", "嫦娥四号着陆了。") == []
    assert fact_problems("It is 2.8 billion years old.", "它有28亿年了。") == []
    assert fact_problems("It is 2.8 billion years old.", "它有2.8亿年了。")
    assert fact_problems("See :src:`S3`.", "见。")
    assert term_problems("The rover drove on.", "月球车继续前进。") == []
    assert term_problems("The rover drove on.", "小车继续前进。")
    assert term_problems("Open `rover-tracks.png`.", "打开 `rover-tracks.png`。") == []
    assert fact_problems("Chang'e 7 and 8 follow.", "嫦娥七号和嫦娥八号随后。") == []


@pytest.mark.parametrize("path", EDITION_PO, ids=_name)
def test_translations_keep_numbers_sources_roles_and_fixed_terms(path):
    problems = []
    for message in _messages(path):
        english, chinese = str(message.id), str(message.string or "")
        if not chinese.strip() or message.fuzzy:
            continue  # counted by the coverage test
        for problem in fact_problems(english, chinese) + term_problems(
            english, chinese
        ):
            problems.append(f"{problem}: {english[:60]!r}")
    assert not problems, "\n".join(problems)
