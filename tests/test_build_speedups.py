"""The docs build's speed-ups change how fast pages are made, never what they say."""

from __future__ import annotations

import gc
import importlib.util
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXT = ROOT / "docs" / "_ext"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(
        f"_speedup_{name}", EXT / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- MyST: one Markdown parser for the parses that are not nested ------------


def test_parses_reuse_one_parser_and_a_nested_parse_gets_its_own():
    myst_settings = _load("myst_settings")
    made = []

    def create_md_parser(config, renderer):
        made.append((config, renderer))
        return object()

    seen = []

    def parse(parser_self, text, document):
        seen.append(create(document["config"], "renderer"))
        if text == "outer":  # a directive that parses Markdown of its own
            parse_wrapped(parser_self, "inner", document)

    create, parse_wrapped = myst_settings._reusing(create_md_parser, parse)
    config, other = object(), object()
    parse_wrapped(None, "page 1", {"config": config})
    parse_wrapped(None, "page 2", {"config": config})
    assert len(made) == 1
    assert seen[0] is seen[1]
    parse_wrapped(None, "outer", {"config": config})
    outer, inner = seen[2:]
    assert outer is seen[0]
    assert inner is not outer
    assert len(made) == 2
    # Another configuration (a page's own front matter): another parser.
    parse_wrapped(None, "page 3", {"config": other})
    assert seen[-1] is not seen[0]
    assert len(made) == 3


_PAGES = {
    "index.md": """# Home

```{toctree}
one
two
```

Some *text* with a [link](one.md) and a term.

:::{note}
A note with **nested** Markdown and a list:

- one
- two
:::
""",
    "one.md": """---
myst:
  heading_anchors: 2
---
# One

## A section

A table:

| a | b |
|---|---|
| 1 | 2 |
""",
    "two.md": """# Two

1. First
2. Second

```python
print("hello")
```
""",
}


def _build(tmp_path: Path, name: str, extensions: list[str]) -> dict[str, str]:
    import warnings

    from sphinx.application import Sphinx
    from sphinx.deprecation import RemovedInSphinx10Warning, RemovedInSphinx11Warning
    from sphinx.util.docutils import docutils_namespace

    src = tmp_path / name / "src"
    src.mkdir(parents=True)
    for page, text in _PAGES.items():
        (src / page).write_text(text)
    conf = f"extensions = {['myst_parser', *extensions]!r}\n"
    conf += "myst_enable_extensions = ['colon_fence']\n"
    conf += f"import sys; sys.path.insert(0, {str(EXT)!r})\n"
    (src / "conf.py").write_text(conf)
    out = tmp_path / name / "out"
    messages = io.StringIO()
    # docutils_namespace: the nodes and directives this build registers are
    # forgotten after it, so other in-process builds start clean.
    with warnings.catch_warnings(), docutils_namespace():
        # MyST-Parser's notices about Sphinx's own deprecations are not ours.
        warnings.filterwarnings("ignore", category=RemovedInSphinx10Warning)
        warnings.filterwarnings("ignore", category=RemovedInSphinx11Warning)
        app = Sphinx(
            src, src, out, tmp_path / name / "doctrees", "html",
            status=None, warning=messages,
        )  # fmt: skip
        app.build()
    assert app.statuscode == 0
    assert messages.getvalue() == ""
    return {page: (out / f"{Path(page).stem}.html").read_text() for page in _PAGES}


def test_pages_are_the_same_with_the_cheaper_myst_documents_and_parsers(
    tmp_path, monkeypatch
):
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import sphinx_

    # MyST as it comes, whatever an earlier build in this process did to it;
    # put back as it was after the test.
    parse = sphinx_.MystParser.parse
    create = sphinx_.create_md_parser
    monkeypatch.setattr(
        sphinx_.MystParser, "parse", getattr(parse, "__wrapped__", parse)
    )
    monkeypatch.setattr(
        sphinx_, "create_md_parser", getattr(create, "__wrapped__", create)
    )
    monkeypatch.setattr(base, "make_document", base.make_document)
    plain = _build(tmp_path, "plain", [])
    faster = _build(tmp_path, "faster", ["myst_settings"])
    assert hasattr(sphinx_.MystParser.parse, "__wrapped__")  # it did take effect
    assert faster == plain
    assert "<strong>nested</strong>" in faster["index.md"]


# --- the search index: each different word stemmed once -----------------------


class _CountingStemmer:
    def __init__(self, stemmer):
        self.stemmer = stemmer
        self.calls = 0

    def stemWord(self, word):  # Snowball's own name
        self.calls += 1
        return self.stemmer.stemWord(word)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_search_index_stems_as_sphinx_does_each_word_once(language):
    search_stems = _load("search_stems")
    from sphinx.search.en import SearchEnglish
    from sphinx.search.zh import SearchChinese

    theirs = {"en": SearchEnglish, "zh": SearchChinese}[language]({})
    ours_class = {"en": search_stems.RememberingEnglish}.get(
        language, search_stems.RememberingChinese
    )
    ours = ours_class({})
    counting = _CountingStemmer(ours.stemmer._stemmer)
    ours.stemmer._stemmer = counting
    words = ["craters", "Crater", "shadows", "running", "runs", "ran", "CE4"] * 3
    if language == "zh":
        for search in (theirs, ours):
            search.split("CE4 月球 craters")
    assert [ours.stem(w) for w in words] == [theirs.stem(w) for w in words]
    assert counting.calls == len({w.lower() for w in words})


# --- the end of a command-line build -------------------------------------------


def test_only_a_sphinx_command_skips_the_last_sweep(monkeypatch):
    quick_exit = _load("quick_exit")
    sphinx_main = str(Path("/venv/lib/python3.11/site-packages/sphinx/__main__.py"))
    assert quick_exit.runs_as_command([sphinx_main, "-b", "html"])
    assert quick_exit.runs_as_command(["/venv/bin/sphinx-build", "docs", "out"])
    assert not quick_exit.runs_as_command(["/venv/bin/pytest"])
    assert not quick_exit.runs_as_command(["-c"])
    assert not quick_exit.runs_as_command(["/x/other/__main__.py"])
    assert not quick_exit.runs_as_command([])
    # Inside another program (this test), nothing is frozen.
    frozen = gc.get_freeze_count()
    quick_exit._skip_the_last_sweep(None, None)
    assert gc.get_freeze_count() == frozen
