"""lunar_edu.data against a loopback HTTP server: sources, fallbacks and faults."""

from __future__ import annotations

import dataclasses
import hashlib
import http.server
import importlib
import io
import socket
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lunar_edu import data
from lunar_edu import download as network
from lunar_edu.camera import LCAM
from lunar_edu.catalog import UnknownEntryError, entry_by_id
from lunar_edu.errors import LunarEduError
from lunar_edu.frame import Frame, Source
from lunar_edu.synth import render_scene

# The package attribute ``catalog`` is the function; the tests need the module.
catalog_module = importlib.import_module("lunar_edu.catalog")


def png_bytes(size=(40, 30), colour=(200, 120, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


GOOD = png_bytes()
GOOD_SHA = hashlib.sha256(GOOD).hexdigest()
WRONG_SHA = "0" * 64


class Mirror:
    """A tiny HTTP server on 127.0.0.1 that knows a few fault modes."""

    def __init__(self):
        self.requests: list[str] = []
        mirror = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                mirror.requests.append(self.path)
                name = self.path.rsplit("/", 1)[-1]
                if name in ("good.png", "wronghash.png", "roi.png"):
                    self._send(200, GOOD)
                elif name == "missing.png":
                    self._send(404, b"not here")
                elif name == "broken.png":
                    self._send(500, b"server error")
                elif name == "short.png":
                    # Promise more bytes than are sent, then hang up.
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(GOOD) + 5000))
                    self.end_headers()
                    self.wfile.write(GOOD[: len(GOOD) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                else:
                    self._send(404, b"unknown")

            def _send(self, status, body):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        # A short poll interval makes shutdown() return quickly.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


CATALOG = """
[[entry]]
id = "{id}"
title = "Test picture"
seed_caption = "A test subject."
caption = "A caption for the test picture."
alt = "An orange rectangle."
instrument = "TCAM"
credit = "Test Credit"
licence = "CC-BY-4.0"
scene = "descent-view"

[[entry.sources]]
kind = "url"
url = "https://example.invalid/files/{name}"
sha256 = "{sha}"
size_bytes = {size}
{extra}
"""


def write_catalog(tmp_path, monkeypatch, entries):
    text = "".join(
        CATALOG.format(
            id=e["id"],
            name=e["name"],
            sha=e.get("sha", GOOD_SHA),
            size=e.get("size", len(GOOD)),
            extra=e.get("extra", ""),
        )
        for e in entries
    )
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("LUNAR_EDU_CATALOG", str(path))
    return path


def fake_scene(recipe, **options):
    return Frame(
        pixels=np.full((4, 4), 7, dtype=np.uint8),
        layout="gray",
        bit_depth=8,
        camera=LCAM,
        source=Source(
            "simulated",
            "lunar_edu contributors (virtual Chang'e 4)",
            "CC-BY-4.0",
            origin=f"virtual Chang'e 4 scene '{recipe}', seed 0",
        ),
    )


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("LUNAR_EDU_CACHE", str(tmp_path / "cache"))
    for name in ("LUNAR_EDU_DATA_DIR", "LUNAR_EDU_OFFLINE", "LUNAR_EDU_MIRROR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("LUNAR_EDU_CATALOG", raising=False)
    monkeypatch.setattr(network, "_BACKOFF", network.HostBackoff())
    rendered = []

    def render(recipe, **options):
        rendered.append(recipe)
        return fake_scene(recipe)

    monkeypatch.setattr(data, "_render_scene", render)
    return rendered


@pytest.fixture
def mirror(monkeypatch):
    with Mirror() as server:
        monkeypatch.setenv("LUNAR_EDU_MIRROR", server.base)
        yield server


def cache_files(tmp_path):
    folder = tmp_path / "cache"
    return (
        sorted(p.name for p in folder.rglob("*") if p.is_file())
        if folder.exists()
        else []
    )


# --- the happy paths ----------------------------------------------------------


def test_pinned_download_is_cached_then_served_from_cache(
    tmp_path, monkeypatch, mirror
):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    first = data.load("pic")
    assert first.source.kind == "real"
    assert first.source.credit == "Test Credit"
    assert first.source.licence == "CC-BY-4.0"
    assert first.source.origin == "https://example.invalid/files/good.png"
    assert first.layout == "rgb"
    assert first.pixels.dtype == np.uint8
    assert first.pixels.shape == (30, 40, 3)
    assert tuple(first.pixels[10, 20]) == (200, 120, 40)
    assert first.meta["lunar_edu.served_by"] == "download"
    second = data.load("pic", source="real")
    assert second.meta["lunar_edu.served_by"] == "cache"
    assert mirror.requests == ["/good.png"]  # the second load used no network
    assert len(cache_files(tmp_path)) == 1


def test_region_of_interest_crops_the_real_image(tmp_path, monkeypatch, mirror):
    write_catalog(
        tmp_path,
        monkeypatch,
        [{"id": "crop", "name": "roi.png", "extra": "roi_px = [5, 10, 25, 20]"}],
    )
    frame = data.load("crop", source="real")
    assert frame.pixels.shape == (10, 20, 3)
    assert frame.camera.width_px == 20
    assert frame.meta["lunar_edu.roi_px"] == "5,10,25,20"


def test_region_outside_the_image_is_a_clear_error(tmp_path, monkeypatch, mirror):
    write_catalog(
        tmp_path,
        monkeypatch,
        [{"id": "crop", "name": "roi.png", "extra": "roi_px = [0, 0, 400, 20]"}],
    )
    with pytest.raises(data.LunarEduError, match="fix roi_px"):
        data.load("crop", source="real")


def test_simulated_source_never_touches_the_network(tmp_path, monkeypatch, isolated):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    frame = data.load("pic", source="simulated")
    assert frame.source.is_simulated
    assert frame.meta["lunar_edu.served_by"] == "simulated"
    assert isolated == ["descent-view"]


def test_data_folder_image_named_by_id_wins(tmp_path, monkeypatch, mirror):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    folder = tmp_path / "teacher"
    folder.mkdir()
    Image.new("L", (8, 6), 33).save(folder / "pic.png")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(folder))
    frame = data.load("pic", source="real")
    assert frame.layout == "gray"
    assert frame.pixels.shape == (6, 8)
    assert int(frame.pixels[0, 0]) == 33
    assert frame.source.kind == "real"
    assert frame.source.origin == "pic.png"
    assert frame.meta["lunar_edu.served_by"] == "data-folder"
    assert mirror.requests == []


def test_data_folder_product_matching_the_pattern(tmp_path, monkeypatch):
    # The bundled catalogue: rover-tracks accepts PCAM colour products placed
    # in the sub-folder named after the entry; a TCAM product there does not match.
    folder = tmp_path / "teacher"
    (folder / "rover-tracks").mkdir(parents=True)
    tcam = folder / "rover-tracks" / "CE4_GRAS_TCAM-I-023_SCI_N_1_1_0004_A.2CL"
    tcam.write_text("<label/>")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(folder))
    entry = entry_by_id("rover-tracks")
    assert data.find_in_data_dir(entry) is None
    pcam = folder / "rover-tracks" / "CE4_GRAS_PCAML-C-015_SCI_N_1_1_0076_B.2BL"
    pcam.write_text("<label/>")
    assert data.find_in_data_dir(entry) == pcam
    assert data.plan(entry).served_by == "data-folder"
    # A wildcard pattern is not matched outside the entry's own folder.
    pcam.rename(folder / pcam.name)
    assert data.find_in_data_dir(entry) is None


def test_product_from_data_folder_goes_through_read_product(tmp_path, monkeypatch):
    folder = tmp_path / "teacher" / "rover-tracks"
    folder.mkdir(parents=True)
    label = folder / "CE4_GRAS_PCAMR-C-001_SCI_N_1_1_0001_B.2BL"
    label.write_text("<label/>")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(folder.parent))
    read = []

    def read_product(path):
        read.append(path)
        frame = fake_scene("x")
        real = Source("real", "CNSA/CLEP", "LicenseRef-CLEP-Terms", origin=path.name)
        return Frame(frame.pixels, "gray", 8, frame.camera, real)

    import types

    fake_products = types.ModuleType("lunar_edu.products")
    fake_products.read_product = read_product
    monkeypatch.setitem(__import__("sys").modules, "lunar_edu.products", fake_products)
    frame = data.load("rover-tracks", source="real")
    assert read == [label]
    assert frame.source.credit == "CNSA/CLEP"
    assert frame.meta["lunar_edu.served_by"] == "data-folder"


# --- faults -------------------------------------------------------------------


def test_wrong_hash_is_a_clear_error_and_leaves_no_file(tmp_path, monkeypatch, mirror):
    write_catalog(
        tmp_path,
        monkeypatch,
        [{"id": "pic", "name": "wronghash.png", "sha": WRONG_SHA}],
    )
    with pytest.raises(
        data.HashMismatchError, match="does not match its pinned SHA-256"
    ):
        data.load("pic", source="real")
    assert cache_files(tmp_path) == []
    with pytest.warns(data.DataSourceWarning, match="pinned hash"):
        frame = data.load("pic")
    assert frame.source.is_simulated
    assert cache_files(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "status"), [("missing.png", "404"), ("broken.png", "500")]
)
def test_http_errors_fall_back_to_simulated_with_a_warning(
    tmp_path, monkeypatch, mirror, name, status
):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": name}])
    with pytest.warns(data.DataSourceWarning, match=f"HTTP {status}"):
        frame = data.load("pic")
    assert frame.source.is_simulated
    assert frame.meta["lunar_edu.served_by"] == "simulated"
    assert cache_files(tmp_path) == []
    with pytest.raises(data.NoRealImageError, match="lunar-edu data fetch pic"):
        data.load("pic", source="real")


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused_falls_back_and_is_not_retried_at_once(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("LUNAR_EDU_MIRROR", f"http://127.0.0.1:{closed_port()}")
    write_catalog(
        tmp_path,
        monkeypatch,
        [{"id": "one", "name": "good.png"}, {"id": "two", "name": "good.png"}],
    )
    with pytest.warns(data.DataSourceWarning, match="Cannot reach"):
        assert data.load("one").source.is_simulated
    # The host is remembered as unreachable: the next picture does not wait again.
    attempts = []
    monkeypatch.setattr("pooch.retrieve", lambda *a, **k: attempts.append(a))
    with pytest.warns(data.DataSourceWarning, match="could not be reached a moment"):
        assert data.load("two").source.is_simulated
    assert attempts == []


def test_an_unreachable_host_is_tried_again_after_the_back_off(tmp_path, monkeypatch):
    now_s = [1000.0]
    hosts = network.HostBackoff(retry_after_s=60.0, clock=lambda: now_s[0])
    monkeypatch.setattr(network, "_BACKOFF", hosts)
    port = closed_port()
    monkeypatch.setenv("LUNAR_EDU_MIRROR", f"http://127.0.0.1:{port}")
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    with pytest.warns(data.DataSourceWarning, match="Cannot reach"):
        data.load("pic")
    attempts = []

    def retrieve(url, **kwargs):
        attempts.append(url)
        (Path(kwargs["path"]) / kwargs["fname"]).write_bytes(GOOD)

    monkeypatch.setattr("pooch.retrieve", retrieve)
    now_s[0] += 59.0  # within the back-off: no attempt, says when it retries
    with pytest.warns(data.DataSourceWarning, match="tried again in 1 s"):
        assert data.load("pic").source.is_simulated
    assert attempts == []
    now_s[0] += 2.0  # the back-off is over: the host is tried again
    frame = data.load("pic")
    assert attempts == [f"http://127.0.0.1:{port}/good.png"]
    assert frame.meta["lunar_edu.served_by"] == "download"
    assert hosts.wait_s(f"127.0.0.1:{port}") == 0.0


def test_back_off_counts_from_the_latest_failure_and_forgets_a_success():
    now_s = [0.0]
    hosts = network.HostBackoff(retry_after_s=60.0, clock=lambda: now_s[0])
    assert hosts.wait_s("a.example") == 0.0
    hosts.failed("a.example")
    assert hosts.wait_s("a.example") == pytest.approx(60.0)
    assert hosts.wait_s("b.example") == 0.0  # one host's failure is its own
    now_s[0] = 70.0
    assert hosts.wait_s("a.example") == 0.0
    hosts.failed("a.example")  # failed again on the retry: a new wait
    now_s[0] = 100.0
    assert hosts.wait_s("a.example") == pytest.approx(30.0)
    hosts.reached("a.example")
    assert hosts.wait_s("a.example") == 0.0


def test_transfer_cut_short_leaves_nothing_half_written(tmp_path, monkeypatch, mirror):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "short.png"}])
    with pytest.warns(data.DataSourceWarning, match="broke off before the end"):
        frame = data.load("pic")
    assert frame.source.is_simulated
    assert mirror.requests == ["/short.png"]
    assert cache_files(tmp_path) == []  # not even a temporary file


def test_corrupt_cached_file_is_reported_and_replaced_by_fetch(
    tmp_path, monkeypatch, mirror
):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    (spec,) = entry_by_id("pic").downloads
    target = data.fetch(spec)
    assert data.verify_cached(spec) == "ok"
    target.write_bytes(b"scribbled over")
    assert data.verify_cached(spec) == "corrupt"
    assert "corrupt" in " ".join(data.plan(entry_by_id("pic")).notes)
    assert data.fetch(spec) == target
    assert target.read_bytes() == GOOD
    assert data.verify_cached(spec) == "ok"
    assert mirror.requests == ["/good.png", "/good.png"]


class SocketUsed(AssertionError):
    pass


def test_offline_mode_opens_no_socket(tmp_path, monkeypatch):
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    monkeypatch.setenv("LUNAR_EDU_OFFLINE", "1")
    calls = []

    def forbidden(*args, **kwargs):
        calls.append(args)
        raise SocketUsed

    monkeypatch.setattr(socket, "socket", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # offline is expected: no warning either
        frame = data.load("pic")
    assert frame.source.is_simulated
    with pytest.raises(data.NoRealImageError, match="LUNAR_EDU_OFFLINE=1"):
        data.load("pic", source="real")
    (spec,) = entry_by_id("pic").downloads
    with pytest.raises(data.OfflineError):
        data.fetch(spec)
    assert data.plan(entry_by_id("pic")).served_by == "simulated"
    assert calls == []


def test_unpinned_source_is_never_used(tmp_path, monkeypatch, mirror):
    write_catalog(
        tmp_path,
        monkeypatch,
        [{"id": "pic", "name": "good.png", "sha": "unpinned", "size": '"unknown"'}],
    )
    frame = data.load("pic")
    assert frame.source.is_simulated
    assert mirror.requests == []
    with pytest.raises(data.NoRealImageError, match=r"unpinned.*`make pin`"):
        data.load("pic", source="real")
    plan = data.plan(entry_by_id("pic"))
    assert plan.served_by == "simulated"
    assert "unpinned" in plan.notes[0]


def test_unknown_id_lists_the_closest_ids():
    with pytest.raises(UnknownEntryError) as info:
        data.load("rover-track")
    message = str(info.value)
    assert "rover-tracks" in message
    assert "lunar-edu list" in message
    assert not message.startswith("'")


def test_bad_source_choice_is_refused():
    with pytest.raises(data.LunarEduError, match="auto, real, simulated"):
        data.load("rover-tracks", source="photo")


def test_cache_dir_defaults_to_the_platform_cache(monkeypatch):
    monkeypatch.delenv("LUNAR_EDU_CACHE")
    folder = data.cache_dir()
    assert folder.name == "lunar_edu"
    assert folder.is_absolute()


def test_catalogue_reads_are_cached_until_the_file_changes(tmp_path, monkeypatch):
    path = write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    first = catalog_module.catalog()
    assert catalog_module.catalog() is first
    path.write_text(path.read_text().replace('"pic"', '"pic-two"'))
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert [e.id for e in catalog_module.catalog()] == ["pic-two"]


def clep_frame(kind, product_id):
    from lunar_edu.camera import PCAM

    rng = np.random.default_rng(4)
    pixels = rng.integers(0, 1024, size=(16, 24), dtype=np.uint16)
    camera = dataclasses.replace(PCAM, width_px=24, height_px=16)
    credit = (
        "CNSA/CLEP" if kind == "real" else "lunar_edu contributors (virtual Chang'e 4)"
    )
    licence = "LicenseRef-CLEP-Terms" if kind == "real" else "CC-BY-4.0"
    source = Source(kind, credit, licence, origin="test", product_id=product_id)
    return Frame(pixels, "bayer_rggb", 10, camera, source)


def test_real_clep_product_in_the_entry_folder_is_read_as_it_is(tmp_path, monkeypatch):
    from lunar_edu.products import write_product

    product_id = "CE4_GRAS_PCAML-C-015_SCI_N_20190925034417_20190925034417_0076_B"
    frame = clep_frame("real", product_id)
    label = write_product(frame, tmp_path / "teacher" / "rover-tracks")
    assert label.stem == product_id
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(tmp_path / "teacher"))
    loaded = data.load("rover-tracks", source="real")
    assert loaded.layout == "bayer_rggb"
    assert loaded.bit_depth == 10
    np.testing.assert_array_equal(loaded.pixels, frame.pixels)
    assert loaded.source.kind == "real"
    assert loaded.source.credit == "CNSA/CLEP"
    assert loaded.meta["lunar_edu.served_by"] == "data-folder"


def test_simulated_product_in_the_data_folder_never_counts_as_real(
    tmp_path, monkeypatch
):
    from lunar_edu.products import write_product

    product_id = "CE4_GRAS_PCAMR-C-001_SCI_N_20190104084559_20190104084559_0001_B"
    write_product(clep_frame("simulated", product_id), tmp_path / "t" / "rover-tracks")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(tmp_path / "t"))
    frame = data.load("rover-tracks")
    assert frame.source.is_simulated
    with pytest.raises(data.NoRealImageError, match="is a simulated product"):
        data.load("rover-tracks", source="real")


def test_load_passes_scene_options_to_the_simulated_picture(monkeypatch):
    asked = []
    monkeypatch.setattr(
        data,
        "_render_scene",
        lambda recipe, **options: asked.append(options) or fake_scene(recipe),
    )
    frame = data.load(
        "rover-tracks", source="simulated", sun_elevation=5.0, size="quarter"
    )
    assert frame.source.is_simulated
    assert asked == [{"sun_elevation": 5.0, "size": "quarter"}]


def test_load_renders_a_descent_scene_from_the_altitude_asked(monkeypatch):
    # The real renderer, not the fake one of the fixture.
    monkeypatch.setattr(data, "_render_scene", render_scene)
    frame = data.load(
        "lroc-above-landing-site", source="simulated", altitude_m=1085.0, size="quarter"
    )
    assert frame.meta["altitude_m"] == pytest.approx(1085.0)
    assert frame.camera.height_above_ground_m == pytest.approx(1085.0)
    assert frame.meta["lunar_edu.served_by"] == "simulated"
    with pytest.raises(LunarEduError, match="altitude_m applies only"):
        data.load("rover-tracks", source="simulated", altitude_m=100.0)


def test_load_refuses_an_unknown_scene_option():
    with pytest.raises(LunarEduError, match=r"unknown option.*sun_height"):
        data.load("rover-tracks", source="simulated", sun_height=5.0)


def test_an_illustration_is_never_served_from_the_teachers_folder(
    tmp_path, monkeypatch
):
    # No Chang'e 4 camera saw a polar crater: a file named after the entry is
    # a teacher's mistake, not a real picture of it.
    Image.new("L", (32, 24), 200).save(tmp_path / "polar-ice-shaded-craters.png")
    Image.new("L", (32, 24), 200).save(tmp_path / "rover-tracks.png")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(tmp_path))
    polar = entry_by_id("polar-ice-shaded-craters")
    assert data.find_in_data_dir(polar) is None
    assert data.find_in_data_dir(entry_by_id("rover-tracks")) is not None
    with pytest.raises(data.NoRealImageError):
        data.load("polar-ice-shaded-craters", source="real")


def test_load_passes_the_product_mode_to_the_simulated_picture(monkeypatch):
    asked = []
    monkeypatch.setattr(
        data,
        "_render_scene",
        lambda recipe, **options: asked.append(options) or fake_scene(recipe),
    )
    data.load("rover-tracks", source="simulated", mode="Q")
    assert asked == [{"mode": "Q"}]


def test_a_picture_too_large_for_pillow_is_reduced_not_refused(tmp_path, monkeypatch):
    # Stands in for LROC's 10280 x 52400 strip: Pillow refuses more than
    # twice MAX_IMAGE_PIXELS as a possible decompression bomb.
    write_catalog(tmp_path, monkeypatch, [{"id": "pic", "name": "good.png"}])
    folder = tmp_path / "teacher"
    folder.mkdir()
    Image.new("L", (100, 60), 50).save(folder / "pic.png")
    monkeypatch.setenv("LUNAR_EDU_DATA_DIR", str(folder))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(Image.DecompressionBombError):
        Image.open(folder / "pic.png")
    frame = data.load("pic", source="real")
    # The smallest whole factor under the limit: 100 x 60 / 3**2 = 34 x 20
    # (Pillow's reduce keeps the partial block at the edge).
    assert frame.pixels.shape == (20, 34)
    assert int(frame.pixels[3, 5]) == 50
    assert frame.meta["lunar_edu.reduced_by"] == 3
    assert Image.MAX_IMAGE_PIXELS == 1000  # the limit is back


def test_a_sixteen_bit_picture_is_scaled_into_eight_bits(tmp_path):
    from lunar_edu.products import read_image

    values = np.array([[0, 1000], [2000, 4000]], dtype=np.int32)
    path = tmp_path / "deep.tif"
    Image.fromarray(values).save(path)
    source = Source("real", "Test Credit", "CC-BY-4.0", origin="deep.tif")
    frame = read_image(path, source, instrument="LROC")
    assert frame.layout == "gray"
    assert frame.pixels.dtype == np.uint8
    assert int(frame.pixels.max()) == 255
    assert int(frame.pixels[0, 1]) == round(1000 * 255 / 4000)
    assert frame.camera.name == "LROC"
    assert frame.source.credit == "Test Credit"
    assert "lunar_edu.reduced_by" not in frame.meta


def test_a_file_that_is_not_a_picture_is_a_clear_error(tmp_path):
    from lunar_edu.products import ImageFileError, read_image

    path = tmp_path / "broken.png"
    path.write_bytes(b"not a png at all")
    source = Source("real", "Test Credit", "CC-BY-4.0")
    with pytest.raises(ImageFileError, match="replace the file"):
        read_image(path, source, instrument="LROC")
