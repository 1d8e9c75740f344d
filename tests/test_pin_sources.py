"""Pinning downloads (``make pin``, ``tools/pin_sources.py``) against a loopback mirror."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from test_data import CATALOG, GOOD, GOOD_SHA, Mirror

from lunar_edu import data
from lunar_edu import download as network
from lunar_edu.catalog import CatalogError, catalog

ROOT = Path(__file__).parents[1]
TOOL = ROOT / "tools" / "pin_sources.py"
BUNDLED = ROOT / "lunar_edu" / "catalog.toml"


def load_tool(path: Path, name: str = "pin_sources"):
    # tools/ is not a package on sys.path; load the script as a module. Its
    # ROOT is the folder above the copy that is loaded.
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pin_sources = load_tool(TOOL)


def unpinned_catalogue(name="good.png", entry_id="pic"):
    return CATALOG.format(
        id=entry_id, name=name, sha="unpinned", size='"unknown"', extra=""
    )


def checkout(base: Path, text: str):
    """A copy of the repository's layout: tools/pin_sources.py and the catalogue."""
    (base / "tools").mkdir(parents=True)
    (base / "lunar_edu").mkdir()
    shutil.copy(TOOL, base / "tools" / "pin_sources.py")
    catalogue = base / "lunar_edu" / "catalog.toml"
    catalogue.write_text(text, encoding="utf-8")
    return base / "tools" / "pin_sources.py", catalogue


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("LUNAR_EDU_CACHE", str(tmp_path / "cache"))
    for name in ("LUNAR_EDU_OFFLINE", "LUNAR_EDU_MIRROR", "LUNAR_EDU_CATALOG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(network, "_BACKOFF", network.HostBackoff())


@pytest.fixture
def mirror(monkeypatch):
    with Mirror() as server:
        monkeypatch.setenv("LUNAR_EDU_MIRROR", server.base)
        yield server


def test_pin_writes_the_catalogue_of_the_checkout_it_runs_from(
    tmp_path, monkeypatch, mirror, capsys
):
    script, catalogue = checkout(tmp_path / "repo", unpinned_catalogue())
    # The catalogue in use by the library is not the one pinned.
    in_use = tmp_path / "in-use.toml"
    in_use.write_text(unpinned_catalogue(), encoding="utf-8")
    monkeypatch.setenv("LUNAR_EDU_CATALOG", str(in_use))
    tool = load_tool(script, "pin_sources_copy")
    assert (tmp_path / "repo").resolve() == tool.ROOT
    before = catalogue.read_text()
    assert tool.main(["--download"]) == 0
    out = capsys.readouterr().out
    assert (
        f"pic: pinned https://example.invalid/files/good.png sha256={GOOD_SHA}" in out
    )
    after = catalogue.read_text()
    changed = [
        (a, b)
        for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
        if a != b
    ]
    assert changed == [
        ('sha256 = "unpinned"', f'sha256 = "{GOOD_SHA}"'),
        ('size_bytes = "unknown"', f"size_bytes = {len(GOOD)}"),
    ]
    assert in_use.read_text() == unpinned_catalogue()
    (spec,) = catalog(catalogue)[0].downloads
    assert spec.sha256 == GOOD_SHA
    assert spec.size_bytes == len(GOOD)
    # The download is kept in the cache, where `load` finds it; no leftovers.
    assert data.verify_cached(spec) == "ok"
    assert data.stray_downloads() == []
    assert mirror.requests == ["/good.png"]
    # Run again: nothing left to pin, nothing downloaded.
    assert tool.main(["--download"]) == 0
    assert "already pinned" in capsys.readouterr().out
    assert mirror.requests == ["/good.png"]


def test_pin_without_download_hashes_the_copy_in_the_cache(tmp_path, capsys):
    script, catalogue = checkout(tmp_path / "repo", unpinned_catalogue())
    tool = load_tool(script, "pin_sources_cached")
    (spec,) = catalog(catalogue)[0].downloads
    assert tool.main([]) == 1
    assert "rerun with --download" in capsys.readouterr().out
    assert "unpinned" in catalogue.read_text()
    cached = data.cache_path(spec)
    cached.parent.mkdir(parents=True)
    cached.write_bytes(GOOD)
    assert tool.main(["pic"]) == 0
    assert f'sha256 = "{GOOD_SHA}"' in catalogue.read_text()


def test_pin_refuses_a_catalogue_inside_site_packages(tmp_path, mirror, capsys):
    installed = tmp_path / "lib" / "python3.11" / "site-packages"
    script, catalogue = checkout(installed, unpinned_catalogue())
    tool = load_tool(script, "pin_sources_installed")
    assert tool.main(["--download"]) == 2
    err = capsys.readouterr().err
    assert "Refusing to write" in err
    assert "site-packages" in err
    assert "make pin" in err
    assert catalogue.read_text() == unpinned_catalogue()
    assert mirror.requests == []
    with pytest.raises(tool.PinError, match="site-packages"):
        tool.check_not_installed(catalogue)


def test_the_script_resolves_the_repository_catalogue():
    assert ROOT.resolve() == pin_sources.ROOT
    assert pin_sources.repository_catalog() == BUNDLED.resolve()


def test_pin_refuses_to_download_offline(tmp_path, monkeypatch, capsys):
    script, _ = checkout(tmp_path / "repo", unpinned_catalogue())
    tool = load_tool(script, "pin_sources_offline")
    monkeypatch.setenv("LUNAR_EDU_OFFLINE", "1")
    assert tool.main(["--download"]) == 2
    assert "LUNAR_EDU_OFFLINE=1" in capsys.readouterr().err


def test_a_failed_download_writes_nothing(tmp_path, mirror, capsys):
    script, catalogue = checkout(tmp_path / "repo", unpinned_catalogue("missing.png"))
    tool = load_tool(script, "pin_sources_missing")
    assert tool.main(["--download"]) == 1
    captured = capsys.readouterr()
    assert "pic: FAILED" in captured.out
    assert "HTTP 404" in captured.out
    assert "could not pin pic" in captured.err
    assert catalogue.read_text() == unpinned_catalogue("missing.png")
    assert data.stray_downloads() == []


def test_write_pins_changes_only_the_two_lines_of_that_source(tmp_path):
    path = tmp_path / "catalog.toml"
    shutil.copy(BUNDLED, path)
    before = path.read_text(encoding="utf-8").splitlines()
    url = "https://iauarchive.eso.org/static/archives/images/large/iau1901a.jpg"
    pin_sources.write_pins(path, url, "ab" * 32, 1234)
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        ('sha256 = "unpinned"', f'sha256 = "{"ab" * 32}"'),
        ('size_bytes = "unknown"', "size_bytes = 1234"),
    ]
    pano = next(e for e in catalog(path) if e.id == "landing-site-panorama")
    assert pano.downloads[0].sha256 == "ab" * 32
    assert pano.downloads[0].size_bytes == 1234
    with pytest.raises(CatalogError, match="no source with url"):
        pin_sources.write_pins(path, "https://nowhere.example/x.png", "ab" * 32, 1)


def test_the_library_has_no_code_that_writes_the_catalogue():
    import lunar_edu.catalog

    assert not hasattr(data, "pin")
    assert not hasattr(lunar_edu.catalog, "write_pins")
