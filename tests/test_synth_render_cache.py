"""The render cache that lets the Chinese docs build reuse the English build's scenes."""

from __future__ import annotations

import numpy as np
import pytest

from lunar_edu.synth import render_cache, render_scene, render_series

# These tests set the cache up themselves.
pytestmark = pytest.mark.fresh_renders


def test_without_the_variable_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    frame = render_scene("gray-moon", size="quarter", seed=3)
    assert frame.pixels.size
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_cached_render_is_the_render(tmp_path, monkeypatch):
    monkeypatch.setenv(render_cache.RENDER_CACHE_ENV, str(tmp_path))
    first = render_scene("gray-moon", size="quarter", seed=3)
    (stored,) = tmp_path.glob("*.pickle")
    again = render_scene("gray-moon", size="quarter", seed=3)
    other = render_scene("gray-moon", size="quarter", seed=4)
    assert len(list(tmp_path.glob("*.pickle"))) == 2
    np.testing.assert_array_equal(again.pixels, first.pixels)
    assert again.source == first.source
    assert again.truth is not None
    assert again is not first
    assert not np.array_equal(other.pixels, first.pixels)
    assert stored.is_file()


def test_series_are_cached_and_a_sun_keys_like_its_angles(tmp_path, monkeypatch):
    from lunar_edu.frame import Sun

    monkeypatch.setenv(render_cache.RENDER_CACHE_ENV, str(tmp_path))
    low, high = render_series("gray-moon", [(5.0, 90.0), (60, 90)], size="quarter")
    same = render_series("gray-moon", [Sun(5.0, 90.0), (60, 90)], size="quarter")
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    np.testing.assert_array_equal(same[0].pixels, low.pixels)
    np.testing.assert_array_equal(same[1].pixels, high.pixels)


def test_the_key_changes_with_the_renderer_code(tmp_path, monkeypatch):
    monkeypatch.setenv(render_cache.RENDER_CACHE_ENV, str(tmp_path))
    render_scene("gray-moon", size="quarter", seed=3)
    monkeypatch.setattr(render_cache, "code_digest", lambda: "another version")
    render_scene("gray-moon", size="quarter", seed=3)
    assert len(list(tmp_path.glob("*.pickle"))) == 2


def test_a_render_under_way_elsewhere_is_waited_for_not_repeated(tmp_path, monkeypatch):
    # Another process is rendering the same scene and holds the lock beside
    # the cache file: this caller waits, then reads that process's frame.
    import fcntl
    import pickle
    import threading

    monkeypatch.setenv(render_cache.RENDER_CACHE_ENV, str(tmp_path))
    calls = []

    def scene(seed):
        calls.append(seed)
        return f"rendered here {seed}"

    render_cache.cached(scene, 1)  # learn the cache file's name
    (stored,) = tmp_path.glob("*.pickle")
    stored.unlink()
    calls.clear()
    results = []
    caller = threading.Thread(
        target=lambda: results.append(render_cache.cached(scene, 1))
    )
    at_the_lock = threading.Event()
    real_flock = fcntl.flock

    def flock(file, operation):
        # Only after finding no file does the caller reach the lock.
        if operation == fcntl.LOCK_EX and threading.current_thread() is caller:
            at_the_lock.set()
        return real_flock(file, operation)

    monkeypatch.setattr(render_cache.fcntl, "flock", flock)
    with stored.with_suffix(".lock").open("a") as lock:
        real_flock(lock, fcntl.LOCK_EX)
        caller.start()
        assert at_the_lock.wait(timeout=60)
        stored.write_bytes(pickle.dumps("rendered by the other process"))
        real_flock(lock, fcntl.LOCK_UN)
    caller.join(timeout=60)
    assert results == ["rendered by the other process"]
    assert calls == []
