"""The files that make the two set-up commands and the hosted build work."""

import re
import subprocess
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


def planned_commands(*make_args: str) -> list[str]:
    """The commands ``make`` would run (``make -n``), one per line."""
    run = subprocess.run(
        ["make", "-n", *make_args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    # A command continued over several lines (ending in a backslash) is one.
    return run.stdout.replace("\\\n", " ").splitlines()


def test_make_html_is_strict_and_installs_from_pyproject():
    # As if pyproject.toml had just changed: make reinstalls, then builds.
    commands = planned_commands("-W", "pyproject.toml", "html")
    install = [c for c in commands if "pip install" in c]
    assert install, commands
    assert ".[docs,test]" in install[0]
    builds = [c for c in commands if "-m sphinx" in c and "-b html" in c]
    assert builds, commands
    assert all("-W --keep-going" in c for c in builds), builds
    assert commands.index(install[0]) < commands.index(builds[0])


def test_make_html_builds_both_editions_at_once_and_fails_if_either_fails():
    commands = planned_commands("html")
    (both,) = [c for c in commands if c.count("-m sphinx") == 2]
    chinese, english = both.split("& chinese=$!")
    assert "LUNAR_EDU_LANG=zh_CN" in chinese
    assert "-u LUNAR_EDU_LANG" in english
    # The English build waits for the Chinese one, then either's failure
    # is the target's.
    assert "wait $chinese" in english
    assert "exit $english" in english
    assert "exit $zh" in english


def test_make_test_lints_then_runs_every_test():
    commands = planned_commands("test")
    ruff = [c for c in commands if "ruff check" in c or "ruff format --check" in c]
    tests = [c for c in commands if "-m pytest" in c]
    assert len(ruff) == 2, commands
    assert tests, commands
    assert commands.index(ruff[-1]) < commands.index(tests[0])
    # mypy runs beside the tests, and its failure fails the target.
    (both,) = tests
    assert "-m mypy" in both.split("-m pytest")[0], both
    assert "exit $typed" in both, both
    # Every test: no marker filter, no deselection.
    assert not any(" -m " in c.split("pytest", 1)[1] for c in tests), tests


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
