"""The files that make the two set-up commands and the hosted build work."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_read_the_docs_builds_strictly_with_the_docs_extra():
    config = (ROOT / ".readthedocs.yaml").read_text()
    assert re.search(r"configuration:\s*docs/conf.py", config)
    assert re.search(r"fail_on_warning:\s*true", config)
    assert re.search(r"extra_requirements:\s*\n\s*-\s*docs", config)


def test_ci_runs_make_test():
    script = (ROOT / ".ci" / "run").read_text()
    assert "make test" in script
    assert "set -euo pipefail" in script


def test_make_html_is_strict_and_installs_from_pyproject():
    makefile = (ROOT / "Makefile").read_text()
    assert "SPHINXOPTS  ?= -W --keep-going" in makefile
    assert re.search(r"\$\(STAMP\): pyproject.toml", makefile)
    assert '-e ".[docs,test]"' in makefile


def test_generated_folders_are_ignored():
    ignored = (ROOT / ".gitignore").read_text().split()
    for folder in (".venv/", "docs/_build/", "docs/auto_examples/"):
        assert folder in ignored


def test_package_declares_python_floor_extras_and_console_script():
    # Read as text: tomllib is missing on Python 3.10, our floor.
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'requires-python = ">=3.10"' in pyproject
    assert re.search(r"^docs = \[", pyproject, re.MULTILINE)
    assert re.search(r"^test = \[", pyproject, re.MULTILINE)
    assert 'lunar-edu = "lunar_edu.cli:main"' in pyproject
