"""The regolith across the middle distance: no aliasing streaks, no pattern."""

import dataclasses

import numpy as np
import pytest

from lunar_edu.camera import PCAM, scaled_camera
from lunar_edu.frame import Sun
from lunar_edu.synth.pipeline import frame_of
from lunar_edu.synth.render import Scene, render
from lunar_edu.synth.scenery import detail_level, ground

NEAR_M, FAR_M = 15.0, 60.0


def plain_scene(seed=5):
    """Return a crater-free plain seen across the ground, as in a wide view."""
    rng = np.random.default_rng(seed)
    terrain, _ = ground(rng, look_xy=(0.0, 1.0), cells=768, crater_count=0)
    camera = dataclasses.replace(scaled_camera(PCAM, 2), pitch_deg=-2.5, yaw_deg=0.0)
    return Scene(
        camera=camera,
        sun=Sun(12.0, 78.0),
        terrain=terrain,
        detail=detail_level(rng),
    )


@pytest.fixture(scope="module")
def plain():
    scene = plain_scene()
    scene.terrain.light(scene.sun.elevation_deg, scene.sun.azimuth_deg)
    rendered = render(scene)
    frame = frame_of(plain_scene(), origin="test: a plain")
    return rendered, frame


def middle_rows(range_m):
    """Return the rows whose every pixel sees ground 15 to 60 m away."""
    inside = (range_m > NEAR_M) & (range_m < FAR_M)
    return np.flatnonzero(inside.all(axis=1))


def test_the_middle_distance_does_not_change_from_row_to_row_by_aliasing(plain):
    rendered, _ = plain
    rows = middle_rows(rendered.range_m)
    assert rows.size > 40
    brightness = rendered.radiance_rgb[rows].mean(axis=2)
    # Relief finer than a pixel, sampled once per pixel, made each row a new
    # random draw (about 4 % from row to row); averaged over the pixel, the
    # ground changes smoothly.
    step = np.abs(np.diff(brightness, axis=0)).mean() / brightness.mean()
    assert step < 0.01


@pytest.mark.parametrize("axis", [0, 1], ids=["down-columns", "along-rows"])
def test_the_ground_has_no_periodic_pattern_above_the_noise(plain, axis):
    _, frame = plain
    rows = middle_rows(frame.truth.range_m)
    green = frame.pixels[rows[0] : rows[-1] + 1, 1::2].astype(float)
    if axis == 0:
        green = green.T
    lines = green - green.mean(axis=1, keepdims=True)
    lines *= np.hanning(lines.shape[1])
    power = (np.abs(np.fft.rfft(lines, axis=1)) ** 2).mean(axis=0)
    assert lines.shape[0] >= 40
    # Relief and noise give a smooth spectrum; a pattern repeating every few
    # pixels (grid cells, sampling steps) stands out as a spike. Averaged
    # over many lines, the spectrum's own scatter is a few per cent.
    for k in range(6, power.size - 6):
        around = np.concatenate([power[k - 6 : k - 1], power[k + 2 : k + 7]])
        assert power[k] < 3.0 * np.median(around), k
