"""The classroom kit (``make bundle``, ``tools/make_bundle.py``).

The everyday tests bundle a tiny fake checkout (a few files standing in for
the site, the gallery and a wheel), so they take milliseconds. The test of
the real kit bundles the one site build of the test run (``built_site``) with
a wheel built offline. tests/browser/test_kit.py opens the kit of ``make
html``'s site from ``file://`` in headless Chromium (``make test-browser``).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _load_make_bundle():
    # tools/ is not a package on sys.path; load the script as a module.
    spec = importlib.util.spec_from_file_location(
        "make_bundle", ROOT / "tools" / "make_bundle.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_bundle = _load_make_bundle()

LESSON = "print('a lesson')\n"


def _write(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def checkout(tmp_path) -> make_bundle.Sources:
    """A fake checkout with a built site and two lessons in two topics."""
    root = tmp_path / "checkout"
    _write(
        root / "pyproject.toml", '[project]\nname = "lunar_edu"\nversion = "9.8.7"\n'
    )
    sources = make_bundle.Sources.from_checkout(root)
    for name in ("index.html", "search.html", "searchindex.js", "_static/x.css"):
        _write(sources.site / name)
    for topic, name in (("01_first", "plot_01_a"), ("02_second", "plot_01_b")):
        _write(sources.examples / topic / f"{name}.py", LESSON)
        _write(sources.gallery / topic / f"{name}.py", LESSON)
        _write(sources.gallery / topic / f"{name}.ipynb", "{}")
        _write(sources.site / "auto_examples" / topic / f"{name}.html")
    return sources


def _fake_wheel(folder: Path, *, with_fonts: bool = True) -> Path:
    wheel = folder / "lunar_edu-9.8.7-py3-none-any.whl"
    folder.mkdir(parents=True, exist_ok=True)
    names = ["lunar_edu/__init__.py", "lunar_edu/catalog.toml", "lunar_edu/py.typed"]
    names += ["lunar_edu/locale/zh_CN/LC_MESSAGES/lunar_edu.po"]
    if with_fonts:
        names += ["lunar_edu/fonts/A.ttf", "lunar_edu/fonts/LICENSE-A.txt"]
    metadata = (
        "Metadata-Version: 2.1\nName: lunar_edu\nVersion: 9.8.7\n"
        "Requires-Dist: numpy>=1.24\nRequires-Dist: pillow>=10.1\n"
        'Requires-Dist: tomli>=2; python_version < "3.11"\n'
        'Requires-Dist: pytest>=8; extra == "test"\n'
    )
    with zipfile.ZipFile(wheel, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
        archive.writestr("lunar_edu-9.8.7.dist-info/METADATA", metadata)
    return wheel


def test_bundle_holds_site_lessons_wheel_and_readme(checkout, tmp_path):
    wheel = _fake_wheel(tmp_path / "wheel")
    target = make_bundle.write_bundle(checkout, tmp_path / "dist", wheel=wheel)

    assert target == tmp_path / "dist" / "lunar_edu-classroom-9.8.7.zip"
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        readme = archive.read("lunar_edu-classroom-9.8.7/README.txt").decode()
        redirect = archive.read("lunar_edu-classroom-9.8.7/open-the-site.html").decode()
    top = "lunar_edu-classroom-9.8.7/"
    assert all(name.startswith(top) for name in names), "one top folder"
    assert {
        f"{top}site/index.html",
        f"{top}site/searchindex.js",
        f"{top}site/_static/x.css",
        f"{top}lessons/scripts/01_first/plot_01_a.py",
        f"{top}lessons/notebooks/01_first/plot_01_a.ipynb",
        f"{top}lessons/scripts/02_second/plot_01_b.py",
        f"{top}lessons/notebooks/02_second/plot_01_b.ipynb",
        f"{top}wheels/{wheel.name}",
    } <= names
    # The README names the real wheel and what it needs from PyPI, but not
    # the extras' requirements.
    assert f"wheels/{wheel.name}" in readme
    assert "numpy>=1.24" in readme
    assert "pillow>=10.1" in readme
    assert "pytest" not in readme
    assert "tomli>=2  (only some Python versions)" in readme
    assert "python_version" not in readme
    assert "pip download" in readme
    assert "--no-index --find-links wheels" in readme
    assert "worksheets/index.html" in readme
    assert max(len(line) for line in readme.splitlines()) <= 80
    assert 'url=site/index.html"' in redirect
    # Nothing half-written is left beside the zip.
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_missing_site_says_to_run_make_html(checkout, tmp_path):
    shutil.rmtree(checkout.site)
    with pytest.raises(make_bundle.BundleError, match="run make html first"):
        make_bundle.write_bundle(
            checkout, tmp_path / "dist", wheel=_fake_wheel(tmp_path / "w")
        )
    assert not (tmp_path / "dist").exists()


def test_site_without_search_index_is_refused(checkout):
    (checkout.site / "searchindex.js").unlink()
    with pytest.raises(make_bundle.BundleError, match=r"lacks searchindex\.js"):
        make_bundle.check_site(checkout.site)


def test_lesson_without_notebook_is_refused(checkout):
    (checkout.gallery / "02_second" / "plot_01_b.ipynb").unlink()
    with pytest.raises(
        make_bundle.BundleError, match=r"02_second/plot_01_b\.py has no"
    ):
        make_bundle.find_lessons(checkout.examples, checkout.gallery, checkout.site)


def test_lesson_changed_since_the_build_is_refused(checkout):
    _write(checkout.examples / "01_first" / "plot_01_a.py", LESSON + "# edited\n")
    with pytest.raises(
        make_bundle.BundleError, match="changed since the site was built"
    ):
        make_bundle.find_lessons(checkout.examples, checkout.gallery, checkout.site)


def test_lessons_come_in_curriculum_order(checkout):
    lessons = make_bundle.find_lessons(
        checkout.examples, checkout.gallery, checkout.site
    )
    assert [(lesson.topic, lesson.script.name) for lesson in lessons] == [
        ("01_first", "plot_01_a.py"),
        ("02_second", "plot_01_b.py"),
    ]


def test_wheel_without_fonts_is_refused(tmp_path):
    wheel = _fake_wheel(tmp_path, with_fonts=False)
    with pytest.raises(make_bundle.BundleError, match=r"lunar_edu/fonts/\*\.ttf"):
        make_bundle.check_wheel(wheel)


def test_command_line_prints_one_line_and_exits_2(tmp_path, capsys):
    _write(tmp_path / "pyproject.toml", '[project]\nversion = "1"\n')
    code = make_bundle.main(["--root", str(tmp_path), "--out", str(tmp_path / "d")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "run make html first" in err


# --- the real kit ------------------------------------------------------------


@pytest.fixture(scope="module")
def real_kit(built_site, tmp_path_factory) -> Path:
    """The kit of this run's site build, unzipped; returns its top folder."""
    sources = make_bundle.Sources(
        site=built_site / "html",
        gallery=built_site / "docs" / "auto_examples",
        examples=built_site / "examples",
        project=ROOT,
    )
    work = tmp_path_factory.mktemp("kit")
    target = make_bundle.write_bundle(sources, work / "dist")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / target.stem


def test_real_kit_has_every_lesson_and_a_complete_wheel(real_kit):
    lessons = sorted(
        p.relative_to(ROOT / "examples") for p in ROOT.glob("examples/*/plot_*.py")
    )
    assert lessons, "the checkout has lessons"
    for lesson in lessons:
        assert (real_kit / "lessons" / "scripts" / lesson).is_file()
        assert (
            real_kit / "lessons" / "notebooks" / lesson.with_suffix(".ipynb")
        ).is_file()
    for name in ("README.txt", "open-the-site.html", "site/index.html"):
        assert (real_kit / name).is_file(), name
    assert (real_kit / "site" / "searchindex.js").stat().st_size > 10_000
    readme = (real_kit / "README.txt").read_text(encoding="utf-8")
    assert max(len(line) for line in readme.splitlines()) <= 80
    # From file:// a link to a folder shows a file listing, not its index.html.
    folder_links = {
        f"{page.name}: {link}"
        for page in (real_kit / "site").rglob("*.html")
        for link in re.findall(r'href="([^"#:]*/)"', page.read_text(encoding="utf-8"))
    }
    assert not folder_links, sorted(folder_links)[:5]
    (wheel,) = (real_kit / "wheels").glob("lunar_edu-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "lunar_edu/catalog.toml" in names
    assert "lunar_edu/fonts/DroidSansFallback.ttf" in names  # the CJK labels
    assert "lunar_edu/locale/zh_CN/LC_MESSAGES/lunar_edu.po" in names  # their words
    assert "lunar_edu/synth/__init__.py" in names
