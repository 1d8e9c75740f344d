"""Camera models of Chang'e 4 and the geometry a lesson needs to measure with them.

Sources for the numbers are in ``shared/reference/data.md`` section 3 and are
repeated in each docstring. Directions use a local east-north-up frame: x east,
y north, z up; azimuths are clockwise from north, pitch is negative below the
horizon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from .errors import LunarEduError
from .frame import Camera, Layout

__all__ = [
    "INSTRUMENTS",
    "LCAM",
    "MAST_HEIGHT_M",
    "PCAM",
    "PCAM_PAN",
    "STEREO_BASELINE_M",
    "TCAM",
    "TCAM_HEIGHT_M",
    "GeometryError",
    "Instrument",
    "camera_axes",
    "field_of_view_deg",
    "focal_length_px",
    "ground_range_m",
    "ground_sample_distance",
    "height_from_shadow_m",
    "pixel_to_ray",
    "scaled_camera",
    "shadow_length_m",
    "stereo_range_m",
    "world_to_pixel",
]


class GeometryError(LunarEduError, ValueError):
    """A geometric quantity was asked for with impossible inputs."""


#: Height of the PCAM stereo pair above the ground on Yutu-2's mast, in metres
#: (Xinhua 2019-01-12 quoting PCAM chief designer Yang Jianfeng; data.md s. 3).
MAST_HEIGHT_M = 1.5

#: Distance between the two PCAM cameras, in metres (same source).
STEREO_BASELINE_M = 0.27

#: Height of the TCAM camera centre in the lander frame, in metres (TCAM label
#: ``Exterior_Orientation_Elements``; the frame origin is undocumented, so
#: treat it as the height above the ground only approximately).
TCAM_HEIGHT_M = 2.172

#: The rover's panoramic camera (PCAM), colour mode ``-C``: 2352 x 1728 pixels
#: behind an RGGB Bayer mosaic, 10-bit values. Focal length 50 mm (Chang'e 3
#: PCAM, Yang et al. 2015, RAA 15(11); prefer the label value of a real frame),
#: 7.4 µm pixels, giving a 19.7° x 14.5° field of view (data.md s. 3). The
#: pitch of -10° is a nominal pointing for the virtual Chang'e 4; a real frame's
#: pointing is in its label.
PCAM = Camera(
    name="PCAM",
    focal_length_mm=50.0,
    pixel_size_um=7.4,
    width_px=2352,
    height_px=1728,
    height_above_ground_m=MAST_HEIGHT_M,
    pitch_deg=-10.0,
)

#: The lander's terrain camera (TCAM): 2352 x 1728 RGB after level 2C,
#: focal length 43.472 mm and 7.4 µm pixels from a Chang'e 4 TCAM label
#: (data.md s. 2.1 and 3). The pitch of -15° is a nominal pointing for the
#: virtual Chang'e 4.
TCAM = Camera(
    name="TCAM",
    focal_length_mm=43.472,
    pixel_size_um=7.4,
    width_px=2352,
    height_px=1728,
    height_above_ground_m=TCAM_HEIGHT_M,
    pitch_deg=-15.0,
)

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


@dataclass(frozen=True)
class Instrument:
    """One Chang'e 4 camera and how CLEP stores its frames.

    The one table of these facts: the renderer, the product writer and reader
    and the docs read them from :data:`INSTRUMENTS`.

    Parameters
    ----------
    name : str
        The short name, ``"PCAM"``, ``"TCAM"`` or ``"LCAM"``.
    title : str
        The instrument's English name, e.g. ``"Panoramic Camera"``.
    camera : Camera
        Its geometry (:data:`PCAM`, :data:`TCAM`, :data:`LCAM`).
    layout : {"bayer_rggb", "rgb", "gray"}
        How a frame's values are stored in its product.
    bit_depth : int
        Meaningful bits per stored value.
    product_level : str
        The CLEP processing level of the products lunar_edu reads and writes,
        which is also the data file's extension (``"2B"`` for ``*.2B``).
    product_code : str
        The instrument's code in a product id, e.g. ``"PCAML"`` (the left
        PCAM) or ``"TCAM-I"``.
    """

    name: str
    title: str
    camera: Camera
    layout: Layout
    bit_depth: int
    product_level: str
    product_code: str


#: The three cameras by short name. PCAM ``-C`` frames are 10-bit RGGB Bayer
#: mosaics in 16-bit words at level 2B; TCAM frames 8-bit RGB at level 2C;
#: LCAM frames 8-bit gray at level 2A (data.md s. 2.1, 2.2).
INSTRUMENTS = {
    "PCAM": Instrument(
        "PCAM", "Panoramic Camera", PCAM, "bayer_rggb", 10, "2B", "PCAML"
    ),
    "TCAM": Instrument("TCAM", "Terrain Camera", TCAM, "rgb", 8, "2C", "TCAM-I"),
    "LCAM": Instrument("LCAM", "Landing Camera", LCAM, "gray", 8, "2A", "LCAM"),
}


def scaled_camera(camera: Camera, binning: int) -> Camera:
    """Return a camera with ``binning`` x ``binning`` pixels merged into one.

    The field of view is unchanged: fewer, larger pixels. This is how the
    PCAM panchromatic mode ``-Q`` sees (2 x 2 binned, data.md s. 2.1).

    Parameters
    ----------
    camera : Camera
        The instrument camera.
    binning : int
        Pixels merged along each side, 1 or more.

    Returns
    -------
    Camera
        The binned camera; the principal point moves with the pixel grid.

    Raises
    ------
    GeometryError
        If ``binning`` is not a whole number of 1 or more.

    Examples
    --------
    >>> half = scaled_camera(PCAM, 2)
    >>> half.width_px, half.height_px, half.pixel_size_um
    (1176, 864, 14.8)
    """
    if (
        isinstance(binning, bool)
        or not isinstance(binning, int | np.integer)
        or (binning < 1)
    ):
        msg = f"binning must be a whole number of pixels, 1 or more, got {binning!r}."
        raise GeometryError(msg)
    if binning == 1:
        return camera
    centre = camera.principal_point_px
    if centre is not None:
        centre = ((centre[0] + 0.5) / binning - 0.5, (centre[1] + 0.5) / binning - 0.5)
    return replace(
        camera,
        width_px=camera.width_px // binning,
        height_px=camera.height_px // binning,
        pixel_size_um=camera.pixel_size_um * binning,
        principal_point_px=centre,
    )


#: PCAM panchromatic mode ``-Q``: 2 x 2 binned, 1176 x 864 pixels of 14.8 µm
#: (data.md s. 2.1: half the colour size in each direction, same optics).
PCAM_PAN = scaled_camera(PCAM, 2)


def _positive(name: str, value: float, unit: str) -> float:
    if not value > 0:
        msg = f"{name} must be a positive number of {unit}, got {value!r}."
        raise GeometryError(msg)
    return float(value)


def focal_length_px(camera: Camera) -> float:
    """Return the focal length in pixels, ``f / p``.

    Parameters
    ----------
    camera : Camera
        The camera model.

    Returns
    -------
    float
        Focal length divided by pixel pitch (data.md s. 3: PCAM 50 mm / 7.4 µm
        is about 6757 px).

    Raises
    ------
    GeometryError
        If the focal length or the pixel size is not a positive number.

    Examples
    --------
    >>> round(focal_length_px(PCAM))
    6757
    """
    focal_mm = _positive("focal_length_mm", camera.focal_length_mm, "millimetres")
    pixel_um = _positive("pixel_size_um", camera.pixel_size_um, "micrometres")
    return focal_mm * 1e-3 / (pixel_um * 1e-6)


def field_of_view_deg(camera: Camera) -> tuple[float, float]:
    """Return the full horizontal and vertical field of view in degrees.

    Parameters
    ----------
    camera : Camera
        The camera model.

    Returns
    -------
    tuple of float
        ``(horizontal, vertical)`` with ``fov = 2 atan(n p / 2 f)`` for ``n``
        pixels of pitch ``p`` behind focal length ``f`` (data.md s. 3: PCAM
        19.7° x 14.5°).

    Examples
    --------
    >>> [round(a, 1) for a in field_of_view_deg(PCAM)]
    [19.7, 14.6]
    """
    f_px = focal_length_px(camera)
    return (
        math.degrees(2 * math.atan(camera.width_px / (2 * f_px))),
        math.degrees(2 * math.atan(camera.height_px / (2 * f_px))),
    )


def ground_sample_distance(camera: Camera, range_m: float) -> float:
    """Return the size on the ground of one pixel, in metres, at a given range.

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
    ``GSD = R p / f`` with range ``R``, pixel pitch ``p`` and focal length
    ``f`` (data.md section 3: LCAM at nadir from 1 km gives about 0.78 m/px).

    Examples
    --------
    >>> round(ground_sample_distance(LCAM, 1000.0), 3)
    0.784
    """
    if not range_m > 0:
        msg = f"range_m must be a positive distance in metres, got {range_m!r}."
        raise GeometryError(msg)
    return range_m * (camera.pixel_size_um * 1e-6) / (camera.focal_length_mm * 1e-3)


def shadow_length_m(height_m: float, sun_elevation_deg: float) -> float:
    """Return the length of the shadow an object casts on flat ground.

    Parameters
    ----------
    height_m : float
        Height of the object in metres.
    sun_elevation_deg : float
        Elevation of the Sun above the horizon in degrees, 0 to 90 exclusive.

    Returns
    -------
    float
        ``s = h / tan(e)`` in metres (data.md s. 3, "Shadow → height").

    Examples
    --------
    >>> round(shadow_length_m(0.2, 45.0), 3)
    0.2
    """
    _positive("height_m", height_m, "metres")
    return height_m / math.tan(math.radians(_elevation(sun_elevation_deg)))


def height_from_shadow_m(shadow_length_m: float, sun_elevation_deg: float) -> float:
    """Return an object's height from the length of its shadow on flat ground.

    Parameters
    ----------
    shadow_length_m : float
        Length of the shadow in metres.
    sun_elevation_deg : float
        Elevation of the Sun in degrees (90 minus the label's solar incidence).

    Returns
    -------
    float
        ``h = s tan(e)`` in metres (data.md s. 3: with incidence 72.94°,
        1 m of shadow means about 0.31 m of height).

    Examples
    --------
    >>> round(height_from_shadow_m(1.0, 90 - 72.94), 2)
    0.31
    """
    _positive("shadow_length_m", shadow_length_m, "metres")
    return shadow_length_m * math.tan(math.radians(_elevation(sun_elevation_deg)))


def _elevation(sun_elevation_deg: float) -> float:
    if not 0 < sun_elevation_deg < 90:
        msg = (
            f"sun_elevation_deg must be between 0 and 90 degrees for a shadow "
            f"on flat ground, got {sun_elevation_deg!r}."
        )
        raise GeometryError(msg)
    return float(sun_elevation_deg)


def stereo_range_m(
    disparity_px: float, camera: Camera = PCAM, baseline_m: float = STEREO_BASELINE_M
) -> float:
    """Return the range to a point from its disparity between the stereo pair.

    Parameters
    ----------
    disparity_px : float
        Horizontal shift of the point between the left and right pictures, in
        pixels of ``camera``.
    camera : Camera, optional
        The camera model, PCAM colour by default.
    baseline_m : float, optional
        Distance between the two cameras, 0.27 m for PCAM.

    Returns
    -------
    float
        ``Z = f_px B / d`` in metres (data.md s. 3: for PCAM about 1824 / d);
        assumes rectified, parallel cameras.

    Examples
    --------
    >>> round(stereo_range_m(182.4), 1)
    10.0
    """
    _positive("disparity_px", disparity_px, "pixels")
    _positive("baseline_m", baseline_m, "metres")
    return focal_length_px(camera) * baseline_m / disparity_px


def camera_axes(camera: Camera) -> np.ndarray:
    """Return the camera's right, down and forward axes in east-north-up.

    Parameters
    ----------
    camera : Camera
        The camera model; ``yaw_deg`` is the azimuth of the optical axis
        (clockwise from north) and ``pitch_deg`` its angle above the horizon.

    Returns
    -------
    ndarray, shape (3, 3)
        Rows are the unit vectors right, down and forward.

    Notes
    -----
    With yaw ``a`` and pitch ``p``: forward ``= (sin a cos p, cos a cos p,
    sin p)``, right ``= (cos a, -sin a, 0)`` (level: a camera does not roll)
    and down ``= forward x right``, so right, down, forward is right-handed
    like image columns, rows and depth (pinhole model, data.md s. 3).

    Examples
    --------
    >>> down = camera_axes(LCAM)[1]  # LCAM looks down: rows run south
    >>> round(float(down[1]), 6)
    -1.0
    """
    yaw, pitch = math.radians(camera.yaw_deg), math.radians(camera.pitch_deg)
    forward = np.array(
        [
            math.sin(yaw) * math.cos(pitch),
            math.cos(yaw) * math.cos(pitch),
            math.sin(pitch),
        ]
    )
    right = np.array([math.cos(yaw), -math.sin(yaw), 0.0])
    down = np.cross(forward, right)
    return np.stack([right, down, forward])


def pixel_to_ray(
    camera: Camera, x_px: float | np.ndarray, y_px: float | np.ndarray
) -> np.ndarray:
    """Return the unit look direction of pixels in east-north-up coordinates.

    Parameters
    ----------
    camera : Camera
        The camera model (pinhole, principal point at ``camera.centre_px``).
    x_px, y_px : float or ndarray
        Column and row of the pixels; arrays broadcast together.

    Returns
    -------
    ndarray
        Unit vectors with a last axis of 3 (east, north, up).

    Notes
    -----
    ``d = (x - cx) right + (y - cy) down + f_px forward``, normalised
    (pinhole model; data.md s. 3 "Look direction per pixel").

    Examples
    --------
    >>> float(pixel_to_ray(LCAM, *LCAM.centre_px)[2])  # straight down
    -1.0
    """
    cx, cy = camera.centre_px
    dx = np.asarray(x_px, dtype=float) - cx
    dy = np.asarray(y_px, dtype=float) - cy
    right, down, forward = camera_axes(camera)
    ray = (
        dx[..., None] * right + dy[..., None] * down + focal_length_px(camera) * forward
    )
    return ray / np.linalg.norm(ray, axis=-1, keepdims=True)


def ground_range_m(
    camera: Camera, x_px: float | np.ndarray, y_px: float | np.ndarray
) -> np.ndarray:
    """Return the distance from the camera to flat ground along pixels' rays.

    Parameters
    ----------
    camera : Camera
        The camera model; needs ``height_above_ground_m``.
    x_px, y_px : float or ndarray
        Column and row of the pixels.

    Returns
    -------
    ndarray
        Range in metres, ``H / -d_up``; ``inf`` where the ray does not meet the
        ground (at or above the horizon).

    Raises
    ------
    GeometryError
        If the camera's height above the ground is unknown.

    Examples
    --------
    >>> round(float(ground_range_m(PCAM, *PCAM.centre_px)), 2)
    8.64
    """
    if camera.height_above_ground_m is None:
        msg = (
            f"The {camera.name} camera has no height_above_ground_m, so the range "
            "to the ground is unknown; give the Camera a height in metres."
        )
        raise GeometryError(msg)
    height = _positive("height_above_ground_m", camera.height_above_ground_m, "metres")
    down = -pixel_to_ray(camera, x_px, y_px)[..., 2]
    with np.errstate(divide="ignore"):
        return np.where(down > 0, height / np.where(down > 0, down, 1.0), np.inf)


def world_to_pixel(camera: Camera, points_m: np.ndarray) -> np.ndarray:
    """Project points around the camera into the picture.

    Parameters
    ----------
    camera : Camera
        The camera model. It stands at east = north = 0 and up =
        ``height_above_ground_m`` (0 when unknown).
    points_m : array_like, shape (..., 3)
        Points in east-north-up metres, the ground at up = 0.

    Returns
    -------
    ndarray, shape (..., 2)
        Column and row ``(x, y)`` in pixels; NaN for points behind the camera.

    Notes
    -----
    The inverse of :func:`pixel_to_ray`: ``x = cx + f_px (v . right) /
    (v . forward)`` and ``y = cy + f_px (v . down) / (v . forward)`` with ``v``
    the vector from the camera to the point (pinhole model).

    Examples
    --------
    >>> ray = pixel_to_ray(PCAM, 100.0, 1500.0)
    >>> point = np.array([0.0, 0.0, MAST_HEIGHT_M]) + 5.0 * ray
    >>> [round(float(v), 6) for v in world_to_pixel(PCAM, point)]
    [100.0, 1500.0]
    """
    height = camera.height_above_ground_m or 0.0
    vectors = np.asarray(points_m, dtype=float) - np.array([0.0, 0.0, height])
    right, down, forward = camera_axes(camera)
    depth = vectors @ forward
    cx, cy = camera.centre_px
    f_px = focal_length_px(camera)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(depth > 0, cx + f_px * (vectors @ right) / depth, np.nan)
        y = np.where(depth > 0, cy + f_px * (vectors @ down) / depth, np.nan)
    return np.stack([x, y], axis=-1)
