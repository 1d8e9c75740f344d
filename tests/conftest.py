"""Shared fixtures: a clean gallery state and small simulated frames."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from lunar_edu import gallery
from lunar_edu.frame import Camera, Frame, Source

SIMULATED = Source(
    kind="simulated", credit="lunar_edu contributors", licence="CC-BY-4.0"
)


@pytest.fixture(autouse=True)
def plain_script_mode(monkeypatch, tmp_path):
    """Every test starts outside a gallery build, saving pictures under tmp_path."""
    gallery._stop_capturing()
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
