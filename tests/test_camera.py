import pytest

from lunar_edu import LunarEduError
from lunar_edu.camera import LCAM, ground_sample_distance


def test_ground_sample_distance_follows_range_times_pixel_over_focal_length():
    # 6.7 µm pixels behind an 8.55 mm lens, 100 m away.
    assert ground_sample_distance(LCAM, 100.0) == pytest.approx(100 * 6.7e-6 / 8.55e-3)


def test_ground_sample_distance_scales_linearly_with_range():
    near = ground_sample_distance(LCAM, 50.0)
    far = ground_sample_distance(LCAM, 150.0)
    assert far == pytest.approx(3 * near)


@pytest.mark.parametrize("bad_range", [0.0, -5.0, float("nan")])
def test_ground_sample_distance_refuses_impossible_ranges(bad_range):
    with pytest.raises(LunarEduError, match="range_m must be a positive"):
        ground_sample_distance(LCAM, bad_range)
