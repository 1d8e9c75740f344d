"""`lunar-edu list|show` and `lunar-edu data status|fetch|verify`."""

from __future__ import annotations

import pytest
from PIL import Image
from test_data import GOOD, Mirror, fake_scene, write_catalog

from lunar_edu import data
from lunar_edu import download as network
from lunar_edu.catalog import catalog, entry_by_id
from lunar_edu.cli import main


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("LUNAR_EDU_CACHE", str(tmp_path / "cache"))
    for name in (
        "LUNAR_EDU_DATA_DIR",
        "LUNAR_EDU_OFFLINE",
        "LUNAR_EDU_MIRROR",
        "LUNAR_EDU_CATALOG",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(network, "_BACKOFF", network.HostBackoff())
    monkeypatch.setattr(data, "_render_scene", fake_scene)


@pytest.fixture
def mirror(monkeypatch):
    with Mirror() as server:
        monkeypatch.setenv("LUNAR_EDU_MIRROR", server.base)
        yield server


def run(argv, capsys):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_shows_every_entry_and_where_it_would_come_from(capsys):
    code, out, _ = run(["list"], capsys)
    assert code == 0
    for entry in catalog():
        assert entry.id in out
    assert "SIMULATED scene: rover-tracks" in out
    assert "unpinned" in out  # the open-licence downloads are not pinned yet


def test_list_names_the_data_folder_file_when_there_is_one(
    tmp_path, monkeypatch, capsys
):
    folder = tmp_path / "teacher"
    folder.mkdir()
    Image.new("RGB", (4, 4)).save(folder / "gray-moon.png")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(folder))
    _, out, _ = run(["list"], capsys)
    assert f"REAL, from your data folder: {folder / 'gray-moon.png'}" in out


def test_show_saves_a_simulated_png_and_says_so(tmp_path, capsys):
    out_png = tmp_path / "tracks.png"
    code, out, _ = run(["show", "rover-tracks", "-o", str(out_png)], capsys)
    assert code == 0
    with Image.open(out_png) as picture:
        assert picture.size == (4, 4)
    assert "SIMULATED" in out
    assert "not a photograph" in out


def test_show_real_from_the_data_folder(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "teacher"
    folder.mkdir()
    Image.new("RGB", (12, 8), (90, 90, 90)).save(folder / "gray-moon.png")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(folder))
    out_png = tmp_path / "gray.png"
    code, out, _ = run(
        ["show", "gray-moon", "--source", "real", "-o", str(out_png)], capsys
    )
    assert code == 0
    assert "REAL" in out
    assert "Credit: CNSA/CLEP" in out
    with Image.open(out_png) as picture:
        assert picture.size == (12, 8)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "rover-trax"], "closest: rover-tracks"),
        (["show", "rover-tracks", "-o", "x.jpg"], "must end in .png"),
        (["show", "landing-site-panorama", "--source", "real"], "`make pin`"),
        # Pinning rewrites the catalogue: a maintainer's `make pin`, not a command.
        (["data", "pin"], "invalid choice: 'pin'"),
        (["show", "rover-tracks", "--source", "photo"], "invalid choice"),
        (["data"], "required"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(argv, message, capsys):
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_status_shows_folders_and_unpinned_sources(capsys):
    code, out, _ = run(["data", "status"], capsys)
    assert code == 0
    assert "cache:" in out
    assert "UNPINNED https://iauarchive.eso.org" in out
    assert "a maintainer pins them with `make pin`" in out


def test_fetch_verify_and_replace_a_corrupt_file(tmp_path, monkeypatch, mirror, capsys):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    code, out, _ = run(["data", "fetch", "pic"], capsys)
    assert code == 0
    assert "pic: ok" in out
    (spec,) = entry_by_id("pic").downloads
    cached = data.cache_path(spec)
    assert cached.read_bytes() == GOOD
    code, out, _ = run(["data", "verify"], capsys)
    assert code == 0
    assert out.startswith("pic: ok")
    cached.write_bytes(GOOD[:-10])
    code, out, _ = run(["data", "verify"], capsys)
    assert code == 1
    assert "CORRUPT" in out
    assert "lunar-edu data fetch pic" in out
    code, out, _ = run(["data", "fetch"], capsys)
    assert code == 0
    assert cached.read_bytes() == GOOD
    assert mirror.requests == ["/good.png", "/good.png"]


def test_fetch_reports_http_errors(tmp_path, monkeypatch, mirror, capsys):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "missing.png"}])
    code, out, err = run(["data", "fetch"], capsys)
    assert code == 2
    assert "HTTP 404" in out
    assert "Could not fetch pic" in err


def test_fetch_refuses_to_work_offline(tmp_path, monkeypatch, capsys):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    monkeypatch.setenv("LUNAR_EDU_OFFLINE", "1")
    code, _, err = run(["data", "fetch"], capsys)
    assert code == 2
    assert "LUNAR_EDU_OFFLINE=1" in err


def test_fetch_skips_an_unpinned_source_and_says_who_pins_it(
    tmp_path, monkeypatch, mirror, capsys
):
    write_catalog(
        tmp_path,
        monkeypatch,
        [{"id": "pic", "name": "good.png", "sha": "unpinned", "size": '"unknown"'}],
    )
    code, out, _ = run(["data", "fetch"], capsys)
    assert code == 0
    assert "pic: skipped" in out
    assert "`make pin`" in out
    assert mirror.requests == []


def test_leftovers_of_an_interrupted_download_are_reported_and_cleared(
    tmp_path, monkeypatch, mirror, capsys
):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "tmpk2j4x8aa").write_bytes(GOOD[:20])
    (cache / ".pin-abc").mkdir()
    code, out, _ = run(["data", "verify"], capsys)
    assert code == 1
    assert out.count("STRAY") == 2
    code, out, _ = run(["data", "fetch"], capsys)
    assert code == 0
    assert sorted(p.name for p in cache.iterdir()) == [
        data.cache_path(entry_by_id("pic").downloads[0]).name
    ]
