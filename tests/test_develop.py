import numpy as np
import pytest

from lunar_edu import LunarEduError, develop
from lunar_edu.develop import to_uint8
from lunar_edu.frame import Frame
from lunar_edu.provenance import source_of


def test_gray_frame_develops_to_an_l_image_that_carries_its_source(gray_frame):
    image = develop(gray_frame)
    assert image.mode == "L"
    assert image.size == (8, 6)
    assert image.getpixel((3, 2)) == gray_frame.pixels[2, 3]
    assert source_of(image) == gray_frame.source
    # The source survives the copies annotate makes.
    assert source_of(image.convert("RGB").copy()) == gray_frame.source


def test_ten_bit_rgb_is_scaled_to_full_range(tiny_camera, gray_frame):
    pixels = np.zeros((6, 8, 3), np.uint16)
    pixels[0, 0] = (1023, 512, 0)
    frame = Frame(pixels, "rgb", 10, tiny_camera, gray_frame.source)
    image = develop(frame)
    assert image.mode == "RGB"
    assert image.getpixel((0, 0)) == (255, 128, 0)


def test_to_uint8_leaves_8_bit_values_alone():
    values = np.array([0, 7, 255], np.uint8)
    assert to_uint8(values, 8) is values


def test_bayer_mosaic_is_refused_with_a_clear_error(tiny_camera, gray_frame):
    frame = Frame(
        np.zeros((6, 8), np.uint16), "bayer_rggb", 10, tiny_camera, gray_frame.source
    )
    with pytest.raises(LunarEduError, match="Bayer mosaic"):
        develop(frame)
