"""Shared fixtures: a clean gallery state, small simulated frames, the built site.

The site is built once per test run
-----------------------------------
``built_site`` (session scope) is the folder of one strict build of the real
site (``-W --keep-going``, every lesson executed, offline, simulated
pictures), made as ``make html`` makes it. Use it for any test about pages,
pictures or lesson output instead of building the site again::

    def test_something_on_a_page(built_site):
        page = built_site / "html" / "story" / "yutu-2.html"

The folder holds ``docs/`` (the copied sources, with the generated
``auto_examples/`` and ``_generated/``), ``examples/``, ``html/`` (the site),
``doctrees/`` (with ``environment.pickle``), ``sphinx-gallery-junit.xml`` and
``build.log``. Treat it as read-only: copy what a test must change.
``lesson_outputs`` maps each lesson's file stem to what it printed in that
build (its ``Check:`` lines included), so each lesson runs once in the docs
build, not once more per test.

How: when a run has tests that use ``built_site``, the first test of the run
starts the build in the background (``start_site_build``), in the run's
shared temporary folder, under a file lock the builder holds until it is
done. ``built_site`` waits for that lock. So under pytest-xdist (``make test``
runs ``pytest -n auto --dist worksteal``; session fixtures are per worker)
the site is still built once, while the workers run other tests. Tests that
use ``built_site`` are marked ``docs`` and run last (see
``pytest_collection_modifyitems``), by when the build is usually done.

Markers: ``docs`` (needs a Sphinx build), ``lessons`` (runs the lessons as
scripts) and ``renders`` (the renderer's own tests, ``tests/test_synth*.py``
and the doctests of ``lunar_edu/synth``, marked here); ``make test-quick``
leaves all three out, ``make test`` runs everything.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lunar_edu import gallery
from lunar_edu.frame import Camera, Frame, Source

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: each worker builds its own
    fcntl = None

SIMULATED = Source(
    kind="simulated", credit="lunar_edu contributors", licence="CC-BY-4.0"
)
ROOT = Path(__file__).parents[1]
# Outputs of earlier builds in the working tree are not copied: the test
# build starts clean, like CI.
GENERATED = shutil.ignore_patterns(
    "_build",
    "_generated",
    "auto_examples",
    "sphinx-gallery-junit.xml",
    "__pycache__",
    "*.md5",
)
# Runs the site build, then (when asked) the Chinese edition's build from its
# outputs, recording each exit code. The builder inherits one locked file
# descriptor per build and closes each when that build's result is written,
# so a test waiting for the English site does not wait for the Chinese one.
_BUILDER = """
import json, os, shutil, subprocess, sys
from pathlib import Path
failed = False
for step in json.loads(sys.argv[1]):
    work = Path(step["work"])
    if failed:
        (work / "build.log").write_text("Not built: the build it starts from failed.")
        (work / "build.returncode").write_text("1")
        os.close(step["lock"])
        continue
    for name in step.get("copy", []):
        shutil.copytree(Path(step["copy_from"]) / name, work / name, symlinks=True)
    with (work / "build.log").open("w") as log:
        run = subprocess.run(
            step["command"], env=step["env"], stdout=log, stderr=subprocess.STDOUT
        )
    (work / "build.returncode").write_text(str(run.returncode))
    os.close(step["lock"])
    failed = run.returncode != 0
"""


# Beside the site build: the frames its lessons rendered (see start_site_build).
RENDER_CACHE = "render-cache"


def uses_built_site(item: pytest.Item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


def renders_scenes(item: pytest.Item) -> bool:
    """Whether a test is one of the renderer's own (many full scene renders)."""
    path = Path(item.path)
    return path.name.startswith("test_synth") or (ROOT / "lunar_edu" / "synth") in (
        path.parents
    )


def pytest_collection_modifyitems(config, items):
    """Mark the tests that need the built site, and run them last."""
    for item in items:
        if uses_built_site(item):
            item.add_marker(pytest.mark.docs)
        if renders_scenes(item):
            item.add_marker(pytest.mark.renders)
    # A stable sort: every worker sees the same order, as xdist requires.
    items.sort(key=uses_built_site)


def docs_build_env() -> dict[str, str]:
    """The environment of a test docs build: offline, no teacher's pictures."""
    env = {**os.environ, "LUNAR_EDU_OFFLINE": "1", "LUNAR_EDU_SHOW": "save"}
    # English, whatever the shell says (LUNAR_EDU_LANG chooses the edition),
    # and every scene rendered (no render cache from an earlier build).
    unset = ("LUNAR_EDU_DOCS_ONLINE", "LUNAR_EDU_DATA_DIR", "LUNAR_EDU_CATALOG")
    unset += ("LUNAR_EDU_LANG", "LUNAR_EDU_RENDER_CACHE")
    for name in unset:
        env.pop(name, None)
    return env


def site_build_command(work: Path, output: str = "html") -> list[str]:
    """The strict build of ``make html``, from ``work/docs`` into ``work/output``."""
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html"]
    return [
        *command,
        "-d",
        str(work / "doctrees"),
        str(work / "docs"),
        str(work / output),
    ]


def _copy_sources(work: Path) -> None:
    shutil.copytree(ROOT / "docs", work / "docs", ignore=GENERATED)
    shutil.copytree(ROOT / "examples", work / "examples", ignore=GENERATED)


def _shared_folder(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    # Each xdist worker has its own folder inside the run's one.
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


# Builders this process started; waited for when its tests are done (other
# workers may still need the site then).
_BUILDERS: list[subprocess.Popen] = []


def zh_build_command(work: Path) -> list[str]:
    """The strict build of the Chinese edition, from a copy of a built site."""
    return site_build_command(work, "html/zh_CN")


def start_site_build(folder: Path, *, with_zh: bool = False) -> None:
    """Start the run's one site build in ``folder/site``, unless it has started.

    With ``with_zh``, the same background builder then builds the Chinese
    edition in ``folder/zh_site`` from the English build's outputs (its
    lessons are not run again), holding ``zh_site.lock`` until it is done.
    """
    lock = os.open(folder / "site.lock", os.O_CREAT | os.O_RDWR)
    zh_lock = os.open(folder / "zh_site.lock", os.O_CREAT | os.O_RDWR)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another worker is starting it, or it is running
        started = folder / "site.started"
        if started.exists():
            return
        started.touch()
        work = folder / "site"
        _copy_sources(work)
        # The build renders every scene itself (the cache starts empty) and
        # keeps the frames, so the lessons run again as scripts later in the
        # run (tests/test_examples.py) test their own path without rendering
        # the same scenes a second time.
        env = {**docs_build_env(), "LUNAR_EDU_RENDER_CACHE": str(folder / RENDER_CACHE)}
        steps = [
            {"work": str(work), "command": site_build_command(work), "env": env,
             "lock": lock},
        ]  # fmt: skip
        if with_zh:
            fcntl.flock(zh_lock, fcntl.LOCK_EX)
            zh_work = folder / "zh_site"
            zh_work.mkdir(exist_ok=True)
            steps.append({
                "work": str(zh_work), "command": zh_build_command(zh_work),
                "env": {**docs_build_env(), "LUNAR_EDU_LANG": "zh_CN"},
                "lock": zh_lock, "copy_from": str(work), "copy": ["docs", "examples"],
            })  # fmt: skip
        builder = subprocess.Popen(
            [sys.executable, "-c", _BUILDER, json.dumps(steps)],
            pass_fds=(lock, zh_lock),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _BUILDERS.append(builder)
    finally:
        # The builder keeps its inherited copies, and so the locks, until it
        # has written each build's result.
        os.close(lock)
        os.close(zh_lock)


def uses_zh_site(item: pytest.Item) -> bool:
    return "zh_site" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def _site_build_in_background(request, tmp_path_factory):
    """Start the site build with the run's first test, if any test needs it."""
    if fcntl is not None and any(map(uses_built_site, request.session.items)):
        with_zh = any(map(uses_zh_site, request.session.items))
        start_site_build(_shared_folder(tmp_path_factory), with_zh=with_zh)
        if os.environ.get("PYTEST_XDIST_WORKER"):
            # The site builds are what the last tests wait for: the workers
            # (and what they start) yield the CPU to the builder, so the
            # builds end early and the other tests fill the time around them.
            os.nice(5)
    yield
    while _BUILDERS:
        _BUILDERS.pop().wait()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Wait for the run's one strict build of the real site; return its folder."""
    if fcntl is None:  # pragma: no cover - no file locks: build it here
        work = tmp_path_factory.mktemp("site")
        _copy_sources(work)
        run = subprocess.run(
            site_build_command(work), capture_output=True, text=True,
            env=docs_build_env(), check=False,
        )  # fmt: skip
        assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
        return work
    folder = _shared_folder(tmp_path_factory)
    start_site_build(folder)
    lock = os.open(folder / "site.lock", os.O_CREAT | os.O_RDWR)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the builder until it is done
    finally:
        os.close(lock)
    work = folder / "site"
    log_file = work / "build.log"
    log = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
    result = work / "build.returncode"
    assert result.is_file(), f"The site build stopped without a result:\n{log[-4000:]}"
    assert result.read_text() == "0", log[-8000:]
    return work


# What a lesson printed: the literal blocks sphinx-gallery writes after the
# code that printed them, indented by four spaces.
_OUTPUT_BLOCK = re.compile(
    r"^\.\. rst-class:: sphx-glr-script-out\n\n \.\. code-block:: none\n\n"
    r"((?:    .*\n|\n)*)",
    re.MULTILINE,
)
# sphinx-gallery also shows the repr of a block's last expression after its
# output; a string's repr is quoted, and it is not something the lesson printed.
_STRING_REPR = re.compile(r"""^(['"]).*\1$""")


def printed_output(generated_rst: str) -> str:
    """Return what a lesson printed, from the page sphinx-gallery generated."""
    lines = []
    for block in _OUTPUT_BLOCK.findall(generated_rst):
        for line in block.splitlines():
            text = line[4:]
            if not _STRING_REPR.match(text):
                lines.append(text)
    return "\n".join(lines)


@pytest.fixture(scope="session")
def lesson_outputs(built_site) -> dict[str, str]:
    """Map each lesson's file stem to what it printed in the site build."""
    pages = (built_site / "docs" / "auto_examples").rglob("plot_*.rst")
    return {
        page.stem: printed_output(page.read_text(encoding="utf-8")) for page in pages
    }


@pytest.fixture(autouse=True)
def plain_script_mode(request, monkeypatch, tmp_path, tmp_path_factory):
    """Every test starts outside a gallery build, saving pictures under tmp_path.

    Tests that use a scene rather than test the renderer read repeated
    renders from the run's render cache (the one the site build fills): a
    render is pure and seeded, so the cached frame is the frame. The
    renderer's own tests (marked ``renders``) share it too: each scene is
    rendered once per run, by the first test or build that asks for it.
    Those about determinism or the cache itself (marked ``fresh_renders``)
    render every time.
    """
    gallery._stop_capturing()
    # English, as the tests expect, whatever the shell says.
    monkeypatch.delenv("LUNAR_EDU_LANG", raising=False)
    monkeypatch.delenv("LUNAR_EDU_RENDER_CACHE", raising=False)
    if request.node.get_closest_marker("renders") is None:
        cache = _shared_folder(tmp_path_factory) / RENDER_CACHE
        monkeypatch.setenv("LUNAR_EDU_RENDER_CACHE", str(cache))
    elif request.node.get_closest_marker("fresh_renders") is None:
        # The renderer's tests render each scene once per run, sharing the
        # site build's cache: a scene two tests ask for (or a test and the
        # site build's catalogue thumbnails, the same quarter-size recipes)
        # is rendered once, by whichever asks first, and read back after.
        cache = _shared_folder(tmp_path_factory) / RENDER_CACHE
        monkeypatch.setenv("LUNAR_EDU_RENDER_CACHE", str(cache))
    monkeypatch.setenv("LUNAR_EDU_OUTPUT_DIR", str(tmp_path / "pictures"))
    monkeypatch.setenv("LUNAR_EDU_SHOW", "save")
    yield
    gallery._stop_capturing()


@pytest.fixture
def tiny_camera():
    return Camera(
        name="TEST", focal_length_mm=10.0, pixel_size_um=10.0, width_px=8, height_px=6
    )


@pytest.fixture
def gray_frame(tiny_camera):
    pixels = np.arange(48, dtype=np.uint8).reshape(6, 8)
    return Frame(
        pixels=pixels, layout="gray", bit_depth=8, camera=tiny_camera, source=SIMULATED
    )


@pytest.fixture
def sourced_image():
    """A small gray picture that knows it is simulated."""
    image = Image.new("L", (64, 48), 90)
    image.info["lunar_edu.source"] = SIMULATED
    return image
