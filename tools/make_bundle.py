"""Write the classroom kit: one zip a teacher copies to a USB stick.

The kit is made from what ``make html`` already built, so it shows exactly
the site that was checked: the site itself (``docs/_build/html``, which works
from ``file://`` with its search), every lesson as a script and as a notebook
(sphinx-gallery's copies in ``docs/auto_examples``), and a wheel of
lunar_edu built offline from this checkout. A one-page ``README.txt`` says
how to use it all without the internet.

Run it as ``make bundle`` (which builds the site first), or directly::

    .venv/bin/python tools/make_bundle.py --out dist

Layout of the zip (one top folder, so unzipping never spills files)::

    lunar_edu-classroom-<version>/
        README.txt               how to use this offline
        open-the-site.html       double-click: opens site/index.html
        site/                    the website, worksheets and teacher notes
        lessons/scripts/         <topic>/plot_*.py
        lessons/notebooks/       <topic>/plot_*.ipynb
        wheels/                  lunar_edu-<version>-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import email.parser
import fnmatch
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lunar_edu.errors import LunarEduError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML with the tomli backport
    import tomli as tomllib

__all__ = [
    "BundleError",
    "Lesson",
    "Sources",
    "build_wheel",
    "check_site",
    "check_wheel",
    "find_lessons",
    "main",
    "project_version",
    "readme_text",
    "write_bundle",
]

ROOT = Path(__file__).resolve().parents[1]

# What a site needs to be usable from a USB stick: its front page, and the
# search page with the index it loads as a script (which is what lets Sphinx's
# search work from file://, where fetch() of a JSON file would be refused).
SITE_FILES = ("index.html", "search.html", "searchindex.js")

# What pip needs to build the wheel, besides the package folder itself.
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE")

# Package data the lessons cannot run without (style.md: "Check the wheel").
WHEEL_DATA = (
    "lunar_edu/catalog.toml",
    "lunar_edu/py.typed",
    "lunar_edu/fonts/*.ttf",
    "lunar_edu/fonts/LICENSE-*.txt",
    # Labels, captions and credits in Chinese (LUNAR_EDU_LANG=zh_CN).
    "lunar_edu/locale/zh_CN/LC_MESSAGES/lunar_edu.po",
)


class BundleError(LunarEduError):
    """The classroom kit cannot be made from what is on disk."""


@dataclass(frozen=True)
class Sources:
    """Where the parts of the kit come from.

    Parameters
    ----------
    site : Path
        The built HTML site (``docs/_build/html``).
    gallery : Path
        sphinx-gallery's output folder (``docs/auto_examples``), which holds a
        ``.py`` and an ``.ipynb`` for every lesson.
    examples : Path
        The lesson sources (``examples``), used to list the lessons and to
        check that the gallery's copies are current.
    project : Path
        The folder with ``pyproject.toml``, for the version and the wheel.
    """

    site: Path
    gallery: Path
    examples: Path
    project: Path

    @classmethod
    def from_checkout(cls, root: Path = ROOT) -> Sources:
        """Return the usual locations in a checkout of lunar_edu.

        Parameters
        ----------
        root : Path
            The top folder of the checkout.

        Returns
        -------
        Sources
            The site, gallery, examples and project folders under ``root``.
        """
        return cls(
            site=root / "docs" / "_build" / "html",
            gallery=root / "docs" / "auto_examples",
            examples=root / "examples",
            project=root,
        )


@dataclass(frozen=True)
class Lesson:
    """One lesson: its topic folder, and the script and notebook to ship.

    Parameters
    ----------
    topic : str
        The topic folder, e.g. ``01_first_look``.
    script : Path
        sphinx-gallery's copy of the lesson script.
    notebook : Path
        The notebook sphinx-gallery made from it.
    """

    topic: str
    script: Path
    notebook: Path


def project_version(project: Path) -> str:
    """Return the version written in ``pyproject.toml``.

    Parameters
    ----------
    project : Path
        The folder with ``pyproject.toml``.

    Returns
    -------
    str
        The ``[project] version``, e.g. ``"0.1.0"``.
    """
    path = project / "pyproject.toml"
    if not path.is_file():
        msg = f"{path} does not exist: run the bundler from a checkout of lunar_edu."
        raise BundleError(msg)
    with path.open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def check_site(site: Path) -> None:
    """Raise if the built site is missing a file the kit relies on.

    Parameters
    ----------
    site : Path
        The built HTML site.

    Raises
    ------
    BundleError
        If the site is not built, or was built without its search.
    """
    if not (site / "index.html").is_file():
        msg = f"The site is not built ({site} has no index.html): run make html first."
        raise BundleError(msg)
    missing = [name for name in SITE_FILES if not (site / name).is_file()]
    if missing:
        msg = (
            f"The site in {site} lacks {', '.join(missing)}, so its search would "
            "not work offline: run make html again."
        )
        raise BundleError(msg)


def find_lessons(examples: Path, gallery: Path, site: Path) -> list[Lesson]:
    """List every lesson, checking that its script, notebook and page are current.

    Parameters
    ----------
    examples : Path
        The lesson sources, ``<topic>/plot_*.py``.
    gallery : Path
        sphinx-gallery's output folder with the copies and notebooks.
    site : Path
        The built site, which must have each lesson's page.

    Returns
    -------
    list of Lesson
        The lessons in curriculum order (topic, then file name).

    Raises
    ------
    BundleError
        If there is no lesson, or one lacks its notebook or page, or the
        gallery's copy differs from the source (the site is older than it).
    """
    sources = sorted(examples.glob("*/plot_*.py"))
    if not sources:
        msg = f"No lessons found in {examples} (expected <topic>/plot_*.py files)."
        raise BundleError(msg)
    lessons = []
    for source in sources:
        topic, stem = source.parent.name, source.stem
        script = gallery / topic / source.name
        notebook = script.with_suffix(".ipynb")
        page = site / gallery.name / topic / f"{stem}.html"
        for needed in (script, notebook, page):
            if not needed.is_file():
                msg = f"Lesson {topic}/{source.name} has no {needed}: run make html first."
                raise BundleError(msg)
        # sphinx-gallery copies the source when it runs the lesson, so a
        # different copy means the site shows an older version of the lesson.
        if script.read_bytes() != source.read_bytes():
            msg = (
                f"Lesson {topic}/{source.name} changed since the site was built: "
                "run make html again."
            )
            raise BundleError(msg)
        lessons.append(Lesson(topic=topic, script=script, notebook=notebook))
    return lessons


def build_wheel(project: Path, dest: Path) -> Path:
    """Build the lunar_edu wheel without the network.

    Uses the build backend already installed (``--no-build-isolation``) and
    does not resolve dependencies (``--no-deps``), so nothing is downloaded.
    The build runs on a fresh copy of the package, because setuptools reuses
    a ``build/`` folder, where a module deleted since would linger.

    Parameters
    ----------
    project : Path
        The folder with ``pyproject.toml``.
    dest : Path
        The folder to write the wheel into.

    Returns
    -------
    Path
        The wheel file.

    Raises
    ------
    BundleError
        If pip fails or writes no single wheel.
    """
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lunar_edu-wheel-") as scratch:
        copy = Path(scratch)
        for name in PACKAGE_FILES:
            if (project / name).is_file():
                shutil.copy2(project / name, copy / name)
        shutil.copytree(
            project / "lunar_edu",
            copy / "lunar_edu",
            ignore=shutil.ignore_patterns("__pycache__", "*.py[cod]"),
        )
        command = [
            sys.executable, "-m", "pip", "wheel", "--quiet",
            "--disable-pip-version-check", "--no-deps", "--no-build-isolation",
            "--no-index", "--wheel-dir", str(dest), str(copy),
        ]  # fmt: skip
        run = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(dest.glob("lunar_edu-*.whl"))
    if run.returncode != 0 or len(wheels) != 1:
        lines = run.stderr.splitlines()
        errors = [line.strip() for line in lines if "error:" in line]
        reason = (errors or lines or ["no output"])[-1].strip()
        msg = (
            f"Building the lunar_edu wheel failed ({reason}): install the build "
            "backend with .venv/bin/python -m pip install 'setuptools>=70.1'."
        )
        raise BundleError(msg)
    return wheels[0]


def check_wheel(wheel: Path) -> list[str]:
    """Raise if the wheel lacks package data, and return what it depends on.

    Parameters
    ----------
    wheel : Path
        A lunar_edu wheel.

    Returns
    -------
    list of str
        Its ``Requires-Dist`` lines without extras, e.g. ``["numpy>=1.24", ...]``,
        for the README.

    Raises
    ------
    BundleError
        If a file matching one of ``WHEEL_DATA`` is not inside.
    """
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(
            archive.read(metadata_name).decode("utf-8")
        )
    missing = [pattern for pattern in WHEEL_DATA if not fnmatch.filter(names, pattern)]
    if missing:
        msg = (
            f"The wheel {wheel.name} lacks {', '.join(missing)}: list them under "
            "[tool.setuptools.package-data] in pyproject.toml."
        )
        raise BundleError(msg)
    return [
        requirement
        for requirement in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in requirement
    ]


def readme_text(version: str, wheel_name: str, requirements: list[str]) -> str:
    """Return the kit's one-page "how to use this offline" README.

    Parameters
    ----------
    version : str
        lunar_edu's version.
    wheel_name : str
        The wheel's file name inside ``wheels/``.
    requirements : list of str
        What the wheel needs from the Python Package Index.

    Returns
    -------
    str
        Plain text, at most 80 characters a line.
    """
    # A marker such as 'python_version < "3.11"' means little to a teacher.
    needs = "\n".join(
        f"    {requirement.split(';')[0].strip()}"
        + ("  (only some Python versions)" if ";" in requirement else "")
        for requirement in requirements
    )
    return f"""\
lunar_edu classroom kit {version}
Chang'e 4 on the far side of the Moon: the website, the lessons and the
worksheets, made to work without the internet.

First unzip the whole kit (to a folder or a USB stick); pages opened from
inside the zip file do not work.

WHAT IS HERE
  open-the-site.html   double-click it: the website opens in your browser
  site/                the website: story, lessons with pictures, glossary,
                       worksheets and teacher notes (site/index.html);
                       in Chinese (中文版) in site/zh_CN/index.html
  lessons/scripts/     every lesson as a Python script, by topic
  lessons/notebooks/   every lesson as a Jupyter notebook, by topic
  wheels/              {wheel_name}
                       (the Python package the lessons use)

1. READ AND PROJECT THE SITE (nothing to install)
  Double-click open-the-site.html (or site/index.html). Any current browser
  works: Firefox, Chrome, Edge, Safari. Pictures and search work offline;
  nothing is loaded from the internet.

2. PRINT WORKSHEETS (nothing to install)
  Open "Worksheets" in the site (site/worksheets/index.html), open a
  lesson's worksheet and print it from the browser (Ctrl+P, or Cmd+P on a
  Mac). The answer sheets are in the teacher notes (site/teach/).

3. RUN A LESSON (needs Python 3.10 or newer, from python.org)
  The lessons need lunar_edu and these packages from the Python Package
  Index (pypi.org), which this kit does NOT include, because their files
  differ between Windows, macOS and Linux and between Python versions:
{needs}
  With the internet, once per computer (use "py" instead of "python" on
  Windows):
    python -m pip install wheels/{wheel_name}
  For a classroom without the internet: on a computer that has it, with
  the same system and Python version as the class computers, run in this
  folder
    python -m pip download -d wheels wheels/{wheel_name}
  which adds those packages to wheels/; then on each class computer:
    python -m pip install --no-index --find-links wheels lunar_edu
  (For other class computers add, e.g. for 64-bit Windows and Python 3.12:
   --only-binary=:all: --platform win_amd64 --python-version 3.12)

  Run a lesson:
    python lessons/scripts/01_first_look/plot_01_descent_first_look.py
  Its pictures open in the image viewer, or, without a screen, are saved
  in lunar_edu_pictures/. Change a number near the top and run it again.
  The lessons use simulated pictures and need no internet; set
  LUNAR_EDU_OFFLINE=1 to make sure nothing is ever downloaded.
  For the notebooks, also install Jupyter (jupyterlab, the same two ways),
  then: python -m jupyter lab lessons/notebooks
"""


def _redirect_page() -> str:
    # A meta refresh with a relative URL works from file:// in every browser,
    # and the link is there for the ones set to ignore refreshes.
    return """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=site/index.html">
<title>lunar_edu classroom kit</title>
</head>
<body>
<p><a href="site/index.html">Open the lunar_edu website</a></p>
</body>
</html>
"""


def write_bundle(sources: Sources, out_dir: Path, wheel: Path | None = None) -> Path:
    """Write the classroom kit zip and return its path.

    Parameters
    ----------
    sources : Sources
        Where the site, lessons and project are.
    out_dir : Path
        The folder to write ``lunar_edu-classroom-<version>.zip`` into.
    wheel : Path, optional
        A lunar_edu wheel to ship; by default one is built offline.

    Returns
    -------
    Path
        The zip file.

    Raises
    ------
    BundleError
        If a part is missing or stale (see `check_site`, `find_lessons`,
        `check_wheel`).
    """
    version = project_version(sources.project)
    check_site(sources.site)
    lessons = find_lessons(sources.examples, sources.gallery, sources.site)
    out_dir.mkdir(parents=True, exist_ok=True)
    top = f"lunar_edu-classroom-{version}"
    target = out_dir / f"{top}.zip"
    with tempfile.TemporaryDirectory(prefix="lunar_edu-bundle-") as scratch:
        if wheel is None:
            wheel = build_wheel(sources.project, Path(scratch) / "wheel")
        requirements = check_wheel(wheel)
        # Write next to the target and rename, so a failure never leaves a
        # half-written zip where a teacher would pick it up.
        partial = out_dir / f".{top}.zip.partial"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                f"{top}/README.txt", readme_text(version, wheel.name, requirements)
            )
            archive.writestr(f"{top}/open-the-site.html", _redirect_page())
            for path in sorted(sources.site.rglob("*")):
                if path.is_file():
                    relative = path.relative_to(sources.site).as_posix()
                    archive.write(path, f"{top}/site/{relative}")
            for lesson in lessons:
                archive.write(
                    lesson.script,
                    f"{top}/lessons/scripts/{lesson.topic}/{lesson.script.name}",
                )
                archive.write(
                    lesson.notebook,
                    f"{top}/lessons/notebooks/{lesson.topic}/{lesson.notebook.name}",
                )
            archive.write(wheel, f"{top}/wheels/{wheel.name}")
        partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Make the kit from this checkout; print its path, or one line of error.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 when the kit cannot be made.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "dist", help="folder for the zip (dist/)"
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the checkout to bundle (this one)"
    )
    args = parser.parse_args(argv)
    try:
        target = write_bundle(Sources.from_checkout(args.root), args.out)
    except BundleError as error:
        sys.stderr.write(f"make_bundle: {error}\n")
        return 2
    size = target.stat().st_size / 1e6
    sys.stdout.write(f"Wrote {target} ({size:.1f} MB). Copy it to a USB stick.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
