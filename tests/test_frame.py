import numpy as np
import pytest

from lunar_edu import LunarEduError
from lunar_edu.frame import Feature, Frame, FrameError, Source, Sun, Truth


def test_frame_rejects_pixels_that_do_not_match_the_layout(tiny_camera):
    source = Source("simulated", "lunar_edu contributors", "CC-BY-4.0")
    with pytest.raises(FrameError, match="3 bands"):
        Frame(np.zeros((6, 8, 4), np.uint8), "rgb", 8, tiny_camera, source)
    with pytest.raises(FrameError, match="2-D"):
        Frame(np.zeros((6, 8, 3), np.uint8), "gray", 8, tiny_camera, source)
    with pytest.raises(FrameError, match="Unknown frame layout"):
        Frame(np.zeros((6, 8), np.uint8), "grey", 8, tiny_camera, source)


def test_frame_rejects_bit_depth_larger_than_its_container(tiny_camera):
    source = Source("simulated", "lunar_edu contributors", "CC-BY-4.0")
    with pytest.raises(FrameError, match="bit_depth 10"):
        Frame(np.zeros((6, 8), np.uint8), "gray", 10, tiny_camera, source)
    frame = Frame(np.zeros((6, 8), np.uint16), "bayer_rggb", 10, tiny_camera, source)
    assert frame.shape_px == (6, 8)


def test_real_frames_cannot_carry_ground_truth(tiny_camera):
    real = Source("real", "CNSA/CLEP", "CLEP terms")
    with pytest.raises(FrameError, match="Only simulated"):
        Frame(np.zeros((6, 8), np.uint8), "gray", 8, tiny_camera, real, truth=Truth())


def test_source_needs_a_credit_and_a_known_kind():
    with pytest.raises(FrameError, match="credit is empty"):
        Source("real", "  ", "CC-BY-4.0")
    with pytest.raises(FrameError, match="real, simulated, diagram"):
        Source("photo", "CNSA", "CC-BY-4.0")
    assert issubclass(FrameError, LunarEduError)


def test_a_diagram_is_neither_real_nor_simulated_and_is_never_a_frame(tiny_camera):
    chart = Source("diagram", "lunar_edu contributors", "CC-BY-4.0")
    assert chart.is_diagram
    assert not chart.is_simulated
    with pytest.raises(FrameError, match="camera picture"):
        Frame(np.zeros((6, 8), np.uint8), "gray", 8, tiny_camera, chart)


def test_truth_finds_named_parts_nearest_first():
    truth = Truth(
        features=(
            Feature("ramp", "lander-part", (1.0, 2.0), 2.4, distance_m=12.0),
            Feature("ramp", "lander-part", (5.0, 2.0), 2.4, distance_m=11.0),
            Feature("ramp", "sign", (9.0, 2.0), 1.0),
            Feature("leg", "lander-part", (3.0, 2.0), 1.5, distance_m=10.0),
        )
    )
    assert [f.xy_px[0] for f in truth.named("ramp", kind="lander-part")] == [5.0, 1.0]
    assert [f.xy_px[0] for f in truth.named("ramp")] == [5.0, 1.0, 9.0]
    assert truth.named("dish") == ()


def test_truth_lists_features_of_a_kind_largest_first():
    truth = Truth(
        features=(
            Feature("a", "crater", (1.0, 2.0), 3.0),
            Feature("b", "rock", (1.0, 2.0), 9.0),
            Feature("c", "crater", (1.0, 2.0), 7.0),
        )
    )
    assert [f.name for f in truth.of_kind("crater")] == ["c", "a"]


def test_sun_incidence_is_the_complement_of_elevation():
    assert Sun(elevation_deg=17.06, azimuth_deg=288.4).incidence_deg == pytest.approx(
        72.94
    )


def test_camera_centre_defaults_to_the_detector_middle(tiny_camera):
    assert tiny_camera.centre_px == (3.5, 2.5)
