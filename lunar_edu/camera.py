"""Camera models of Chang'e 4 and the geometry a lesson needs to measure with them.

Sources for the numbers are in ``shared/reference/data.md`` section 3 and are
repeated in each docstring.
"""

from __future__ import annotations

from .errors import LunarEduError
from .frame import Camera

__all__ = ["LCAM", "GeometryError", "ground_sample_distance"]


class GeometryError(LunarEduError, ValueError):
    """A geometric quantity was asked for with impossible inputs."""


#: The lander's descent camera (LCAM): 1024 x 1024 pixels, 8-bit gray,
#: focal length 8.55 mm and 6.7 µm pixels as reported from the Chang'e 4 LCAM
#: label (data.md section 3; the Chang'e 3 LCAM had 8.3 mm). It looks straight
#: down, so ``pitch_deg`` is -90.
LCAM = Camera(
    name="LCAM",
    focal_length_mm=8.55,
    pixel_size_um=6.7,
    width_px=1024,
    height_px=1024,
    pitch_deg=-90.0,
)


def ground_sample_distance(camera: Camera, range_m: float) -> float:
    r"""Return the size on the ground of one pixel, in metres, at a given range.

    Parameters
    ----------
    camera : Camera
        The camera model.
    range_m : float
        Distance from the camera to the ground along the line of sight, in
        metres (the altitude for a camera looking straight down).

    Returns
    -------
    float
        Ground sample distance in metres per pixel.

    Raises
    ------
    GeometryError
        If the range is not a positive number.

    Notes
    -----
    Pinhole camera, ground perpendicular to the line of sight:

    .. math:: \mathrm{GSD} = R \, p / f

    with range :math:`R`, pixel pitch :math:`p` and focal length :math:`f`
    (data.md section 3: LCAM at nadir from 1 km gives about 0.78 m/px).

    Examples
    --------
    >>> round(ground_sample_distance(LCAM, 1000.0), 3)
    0.784
    """
    if not range_m > 0:
        msg = f"range_m must be a positive distance in metres, got {range_m!r}."
        raise GeometryError(msg)
    return range_m * (camera.pixel_size_um * 1e-6) / (camera.focal_length_mm * 1e-3)
