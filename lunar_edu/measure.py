"""Measure on pictures: smoothing a profile, finding shadows, filling a region.

Small tools the lessons share, each written so a teacher can explain it
in a sentence:

* :func:`running_mean` averages every value with its neighbours;
* :func:`shadow_mask` calls a pixel shadowed when it is much darker than
  the bright sunlit ground;
* :func:`flood_fill` does what the paint bucket of a drawing program does:
  starting from one pixel, it colours in every pixel joined to it;
* :func:`crater_patches` finds the pixels of each crater: those darker
  than the plain in their row, joined to a start inside the crater's ring;
* :func:`follow_tracks` follows dark wheel tracks up a picture, row by
  row, from where they are darkest at the bottom;
* :func:`shadow_tip_px` walks from a rock's foot away from the Sun until
  the ground is sunlit again, to find where the rock's shadow ends.

Pure numpy, the standard library and lunar_edu's camera geometry (Pillow
only inside :func:`crater_patches`, to blur and to fill a ring); no I/O.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import LunarEduError
from .frame import Frame

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "MeasureError",
    "crater_patches",
    "flood_fill",
    "follow_tracks",
    "running_mean",
    "shadow_mask",
    "shadow_tip_px",
]

# The eight neighbours of a pixel as (row, column) steps: those beside it
# and those that meet it at a corner.
_NEIGHBOURS = tuple(
    (d_row, d_col)
    for d_row in (-1, 0, 1)
    for d_col in (-1, 0, 1)
    if (d_row, d_col) != (0, 0)
)


class MeasureError(LunarEduError, ValueError):
    """A measurement was asked for with input it cannot use."""


def running_mean(values: ArrayLike, width: int, axis: int = -1) -> NDArray[Any]:
    """Return the average of ``width`` neighbours around every value.

    Each value is replaced by the mean of the ``width`` values centred on
    it. At the ends the first and last values are repeated, so the result
    has the same length and its ends are not pulled towards zero.

    Parameters
    ----------
    values : array_like of float
        A profile (one dimension) or an image (several); it is not modified.
    width : int
        How many values to average: an odd number of at least 1.
    axis : int, optional
        The axis to average along (the last by default).

    Returns
    -------
    numpy.ndarray
        The averages, float, the shape of ``values``.

    Raises
    ------
    MeasureError
        If ``width`` is not an odd whole number of at least 1.

    Examples
    --------
    >>> running_mean([0.0, 0.0, 3.0, 0.0, 0.0], 3).tolist()
    [0.0, 1.0, 1.0, 1.0, 0.0]
    """
    if isinstance(width, bool) or not isinstance(width, int | np.integer):
        msg = f"width must be a whole number of values, got {width!r}."
        raise MeasureError(msg)
    if width < 1 or width % 2 == 0:
        msg = (
            f"width must be odd and at least 1 so the window has a middle, got {width}."
        )
        raise MeasureError(msg)
    # Running totals: the sum of a window is the total at its end minus the
    # total just before its start, so each average costs one subtraction.
    array = np.moveaxis(np.asarray(values, dtype=float), axis, -1)
    pad = [(0, 0)] * (array.ndim - 1) + [(width // 2, width // 2)]
    totals = np.cumsum(np.pad(array, pad, mode="edge"), axis=-1)
    totals = np.concatenate([np.zeros_like(totals[..., :1]), totals], axis=-1)
    means = (totals[..., width:] - totals[..., :-width]) / width
    return np.moveaxis(means, -1, axis)


def shadow_mask(frame: Frame, fraction: float = 0.2) -> NDArray[np.bool_]:
    """Return True for the pixels of a frame that lie in shadow.

    A pixel is in shadow when it is darker than ``fraction`` of the bright
    sunlit ground, taken as the brightness that 98 % of the pixels stay
    below. With the Sun below the horizon all the ground is in shadow.

    Parameters
    ----------
    frame : Frame
        The frame; a Bayer mosaic is developed to colour first.
    fraction : float, optional
        The share of the bright ground's brightness below which a pixel is
        shadowed (one fifth by default).

    Returns
    -------
    numpy.ndarray of bool
        One value per pixel, rows x columns.

    Raises
    ------
    MeasureError
        If ``fraction`` is not between 0 and 1.
    """
    if not 0 < fraction < 1:
        msg = f"fraction must be between 0 and 1, got {fraction!r}."
        raise MeasureError(msg)
    brightness = _brightness(frame)
    if frame.sun is not None and frame.sun.elevation_deg <= 0:
        return np.ones(brightness.shape, dtype=bool)
    bright_ground = np.percentile(brightness, 98)
    return np.asarray(brightness < fraction * bright_ground)


def _brightness(frame: Frame) -> NDArray[Any]:
    """Return the frame's brightness per pixel: the mean of its colours."""
    if frame.layout == "bayer_rggb":
        from .bayer import debayer  # the mosaic needs its colours back

        return np.asarray(debayer(frame.pixels).mean(axis=2))
    pixels = np.asarray(frame.pixels, dtype=float)
    return pixels.mean(axis=2) if pixels.ndim == 3 else pixels


def flood_fill(mask: ArrayLike, start_xy: tuple[int, int]) -> NDArray[np.bool_]:
    """Return the region of a mask joined to one pixel, like a paint bucket.

    Starting from ``start_xy``, the fill keeps a queue of pixels to visit:
    it takes the next one, and adds each of its eight neighbours (beside it
    or at a corner) that is True in ``mask`` and not painted yet. When the
    queue is empty, every pixel joined to the start is painted.

    Parameters
    ----------
    mask : array_like of bool
        True for the pixels that may be painted, rows x columns.
    start_xy : tuple of int
        The first pixel as (x, y) = (column, row), like every position in
        lunar_edu.

    Returns
    -------
    numpy.ndarray of bool
        True for the painted pixels; all False when the start is not in
        the mask.

    Raises
    ------
    MeasureError
        If the mask is not two-dimensional or the start lies outside it.

    Examples
    --------
    >>> mask = np.array([[1, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1]], bool)
    >>> flood_fill(mask, (3, 2)).astype(int).tolist()
    [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1]]
    """
    allowed = np.asarray(mask, dtype=bool)
    if allowed.ndim != 2:
        msg = f"flood_fill() needs a mask of rows x columns, got {allowed.ndim} dimension(s)."
        raise MeasureError(msg)
    rows, cols = allowed.shape
    col, row = (int(v) for v in start_xy)
    if not (0 <= row < rows and 0 <= col < cols):
        msg = (
            f"The start (row {row}, column {col}) is outside the "
            f"{rows} x {cols} mask; pick a pixel inside it."
        )
        raise MeasureError(msg)
    if not allowed[row, col]:
        return np.zeros_like(allowed)
    # The queue walks a flat copy of the mask with a border of False around
    # it: a neighbour is then one index step away and never off the edge,
    # which makes each visit a few times cheaper than indexing the array.
    # Painting a pixel clears it in the copy, so the painted pixels are the
    # mask's pixels the copy no longer has.
    padded = np.pad(allowed, 1)
    width = cols + 2
    free = bytearray(padded.tobytes())
    steps = [d_row * width + d_col for d_row, d_col in _NEIGHBOURS]
    start = (row + 1) * width + (col + 1)
    free[start] = False
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for step in steps:
            there = here + step
            if free[there]:
                free[there] = False
                queue.append(there)
    unpainted = np.frombuffer(free, dtype=bool).reshape(padded.shape)
    return (padded & ~unpainted)[1:-1, 1:-1]


# How follow_tracks() reads a groove: smooth over 9 x 9 pixels, compare with
# the 201 pixels around in the row, start 8 rows above the bottom (clear of
# the smoothing's edge), climb 2 rows a step, steady x over 7 points.
_GROOVE_SMOOTH_PX = 9
_GROOVE_BACKGROUND_PX = 201
_GROOVE_START_ABOVE_BOTTOM_PX = 8
_GROOVE_STEP_PX = 2
_GROOVE_STEADY_POINTS = 7


def follow_tracks(
    image: ArrayLike,
    top_row_px: int = 0,
    *,
    count: int = 2,
    reach_px: int = 25,
    darker_than: float = -3.0,
    apart_px: int = 100,
) -> list[NDArray[np.float64]]:
    """Return the pixel paths of wheel tracks, followed up a picture as dark grooves.

    Parameters
    ----------
    image : array_like
        The picture, rows x columns (gray) or rows x columns x colours,
        with brightness from 0 to 255 (a developed picture works as it is);
        it is not modified.
    top_row_px : int, optional
        The row the paths stop below, such as the horizon's row (0, the
        top of the picture, by default).
    count : int, optional
        How many tracks to follow (two, one per wheel, by default).
    reach_px : int, optional
        How far left or right, in pixels, a track may move from one step to
        the next.
    darker_than : float, optional
        How much darker than the ground around it, in brightness levels out
        of 255, a groove must be to go on following it (a negative number).
    apart_px : int, optional
        How far apart, in pixels, the tracks start in the bottom row at
        least: around each track found there, this many columns on either
        side are skipped before looking for the next.

    Returns
    -------
    list of numpy.ndarray
        One path per track, ordered left to right by where it starts. Each
        is an array of (x, y) pixel points, float, one per step from the
        bottom up; it is empty (shape 0 x 2) when the groove is not darker
        than ``darker_than`` where it starts.

    Raises
    ------
    MeasureError
        If the image is not rows x columns (x colours), is too short to
        climb, ``top_row_px`` is not above the starting row, ``count`` or
        ``reach_px`` is not a whole number of at least 1, or the bottom row
        is too narrow to hold ``count`` tracks ``apart_px`` apart.

    Notes
    -----
    A track is a dark groove: in each row it is darker than the ground
    around it. The picture is made gray and smoothed over 9 x 9 pixels,
    and each pixel is compared with the average of the 201 pixels around
    it in its row: that difference is the groove's *contrast*. The tracks
    start at the darkest columns of the row 8 pixels above the bottom.
    Each path then climbs two rows at a time, each time moving to the
    darkest spot within ``reach_px`` of the last one, until the groove is
    no longer darker than ``darker_than``, reaches the left or right edge,
    or reaches ``top_row_px``. Last, a running mean over 7 points steadies
    the x of each path, which noise makes wobble by a pixel or two.

    Examples
    --------
    >>> x_px = np.arange(300)
    >>> groove = 30 * np.exp(-(((x_px - 60) / 4) ** 2))  # a dark line at x = 60
    >>> image = np.tile(100 - groove, (40, 1))  # 40 rows, the line straight up
    >>> (path,) = follow_tracks(image, count=1)
    >>> path[:3].tolist()
    [[60.0, 32.0], [60.0, 30.0], [60.0, 28.0]]
    """
    gray = np.asarray(image, dtype=float)
    if gray.ndim == 3:
        gray = gray.mean(axis=2)
    if gray.ndim != 2:
        msg = (
            "follow_tracks() needs a picture of rows x columns (x colours), "
            f"got {gray.ndim} dimension(s)."
        )
        raise MeasureError(msg)
    for name, value in (
        ("count", count),
        ("reach_px", reach_px),
        ("apart_px", apart_px),
    ):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | np.integer)
            or value < 1
        ):
            msg = f"{name} must be a whole number of at least 1, got {value!r}."
            raise MeasureError(msg)
    height, width = gray.shape
    start_row = height - _GROOVE_START_ABOVE_BOTTOM_PX
    if start_row < 1:
        msg = (
            f"The picture is {height} rows high; follow_tracks() starts "
            f"{_GROOVE_START_ABOVE_BOTTOM_PX} rows above the bottom, so give it "
            "a taller picture."
        )
        raise MeasureError(msg)
    whole = isinstance(top_row_px, int | np.integer) and not isinstance(
        top_row_px, bool
    )
    if not whole or not 0 <= top_row_px < start_row:
        msg = (
            f"top_row_px must be a whole row from 0 to {start_row - 1}, above "
            f"the starting row {start_row}, got {top_row_px!r}."
        )
        raise MeasureError(msg)

    smooth = running_mean(
        running_mean(gray, _GROOVE_SMOOTH_PX, axis=0), _GROOVE_SMOOTH_PX, axis=1
    )
    contrast = smooth - running_mean(smooth, _GROOVE_BACKGROUND_PX, axis=1)

    bottom = contrast[start_row].copy()
    starts = []
    for _ in range(count):
        if np.isinf(bottom).all():
            msg = (
                f"The bottom row, {width} pixels wide, has no room for "
                f"{count} tracks {apart_px} pixels apart; ask for fewer "
                "tracks or a smaller apart_px."
            )
            raise MeasureError(msg)
        x_px = int(np.argmin(bottom))
        starts.append(x_px)
        # Hide this groove and its rut, then look for the next track.
        bottom[max(x_px - apart_px, 0) : x_px + apart_px] = np.inf

    paths = []
    for x_px in sorted(starts):
        points = []
        for y_px in range(start_row, top_row_px, -_GROOVE_STEP_PX):
            left = max(x_px - reach_px, 0)
            window = contrast[y_px, left : x_px + reach_px + 1]
            darkest = int(np.argmin(window))
            at_edge = left + darkest in (0, width - 1)
            if window[darkest] > darker_than or at_edge:
                break
            x_px = left + darkest
            points.append((x_px, y_px))
        path = np.array(points, dtype=float).reshape(-1, 2)
        if len(path):
            path[:, 0] = running_mean(path[:, 0], _GROOVE_STEADY_POINTS, axis=0)
        paths.append(path)
    return paths


def shadow_tip_px(
    frame: Frame,
    picture: Image.Image | ArrayLike,
    foot_xy_px: tuple[float, float],
    *,
    lit_stretch: int = 20,
    assume: str = "flat ground",
) -> tuple[float, float]:
    """Return the pixel where a rock's shadow ends, walking away from the Sun.

    Parameters
    ----------
    frame : Frame
        The frame the picture was developed from: its camera turns ground
        points into pixels and its Sun gives the direction to walk.
    picture : PIL.Image.Image or array_like of float
        The picture developed from ``frame`` at the camera's size, or its
        gray values (0-255) as rows x columns.
    foot_xy_px : tuple of float
        The pixel of the rock's foot as (x, y) = (column, row).
    lit_stretch : int, optional
        How many sunlit steps of 5 mm in a row end the shadow (20 by
        default: 10 cm of sunlit ground).
    assume : {"flat ground", "auto", "true range"}, optional
        How the foot's ray is followed to the ground (see
        :func:`lunar_edu.annotate.ground_point`); ``"flat ground"``, the
        default, is what a real picture allows.

    Returns
    -------
    tuple of float
        The shadow's tip as (x, y) pixels: the last dark step before the
        sunlit stretch. When no step is dark, the step just beyond the foot.

    Raises
    ------
    MeasureError
        If the frame has no Sun above the horizon, the picture is not the
        camera's size, the foot is outside the picture, ``lit_stretch`` is
        not a whole number of at least 1, ``assume`` is unknown, or the
        walk leaves the picture at once.
    lunar_edu.annotate.AnnotationError
        If the foot's ray does not meet the ground.

    Notes
    -----
    A shadow points straight away from the Sun. Starting at the rock's foot
    on the ground, take steps of 5 mm (up to 4 m) opposite to the Sun's
    azimuth and find the pixel of each step. A step is dark when the
    darkest of the seven pixels from three above to three below it is
    darker than half the typical (median) ground within 30 rows of the
    foot. The shadow ends at the last dark step before ``lit_stretch``
    sunlit steps in a row.
    """
    sun = frame.sun
    if sun is None or sun.elevation_deg <= 0:
        msg = (
            "shadow_tip_px() walks away from the Sun, so it needs a frame "
            "whose sun is set and above the horizon; pass such a frame."
        )
        raise MeasureError(msg)
    if isinstance(lit_stretch, bool) or not isinstance(lit_stretch, int | np.integer):
        msg = f"lit_stretch must be a whole number of 5 mm steps, got {lit_stretch!r}."
        raise MeasureError(msg)
    if lit_stretch < 1:
        msg = f"lit_stretch must be at least 1 step of 5 mm, got {lit_stretch}."
        raise MeasureError(msg)
    from .annotate.geometry import ASSUMPTIONS, ground_point
    from .camera import world_to_pixel

    if assume not in ASSUMPTIONS:
        msg = f"assume must be one of {', '.join(map(repr, ASSUMPTIONS))}, got {assume!r}."
        raise MeasureError(msg)
    convert = getattr(picture, "convert", None)
    gray = np.asarray(convert("L") if callable(convert) else picture, dtype=float)
    camera = frame.camera
    if gray.shape != (camera.height_px, camera.width_px):
        msg = (
            f"The picture has shape {gray.shape} but the {camera.name} frame "
            f"is {camera.height_px} x {camera.width_px} pixels; pass the "
            "picture developed from this frame at its own size, or its gray "
            "values as rows x columns."
        )
        raise MeasureError(msg)
    height_px, width_px = gray.shape
    foot_x, foot_y = (float(v) for v in foot_xy_px)
    if not (0 <= foot_x <= width_px - 1 and 0 <= foot_y <= height_px - 1):
        msg = (
            f"The foot ({foot_x:g}, {foot_y:g}) is outside the {width_px} x "
            f"{height_px} picture; pass a pixel inside it."
        )
        raise MeasureError(msg)
    row = round(foot_y)
    # "Dark" means darker than half the typical ground around the rock.
    dark_level = 0.5 * np.median(gray[max(row - 30, 0) : row + 30])
    foot_m = ground_point(frame, (foot_x, foot_y), assume=assume).position_m
    away = math.radians(sun.azimuth_deg + 180.0)
    walked_m = np.arange(0.0, 4.0, 0.005)
    steps_m = foot_m + walked_m[:, None] * [math.sin(away), math.cos(away), 0]
    steps_xy = world_to_pixel(camera, steps_m)
    x, y = steps_xy.T  # keep only the steps inside the picture
    in_view = (x >= 0) & (x <= width_px - 1) & (y >= 3) & (y <= height_px - 4)
    steps_xy = steps_xy[in_view]
    if len(steps_xy) < 2:
        msg = (
            f"Walking away from the Sun from the foot ({foot_x:g}, {foot_y:g}) "
            "leaves the picture at once; pick a rock whose shadow lies inside it."
        )
        raise MeasureError(msg)
    cols, rows = np.rint(steps_xy).astype(int).T
    darkest = np.min([gray[rows + k, cols] for k in range(-3, 4)], axis=0)
    dark = darkest < dark_level
    # True where a whole stretch of steps in a row is sunlit.
    lit_run = np.convolve(~dark, np.ones(lit_stretch), "valid") == lit_stretch
    shadow_end = int(np.argmax(lit_run)) if lit_run.any() else len(dark)
    dark_steps = np.nonzero(dark[:shadow_end])[0]
    tip_x, tip_y = steps_xy[dark_steps[-1] if dark_steps.size else 1]
    return (float(tip_x), float(tip_y))


def crater_patches(
    picture: Image.Image,
    centres_px: Sequence[tuple[float, float]],
    rings_px: Sequence[ArrayLike],
    dark_fraction: float = 0.6,
) -> list[NDArray[np.bool_] | None]:
    """Return the painted patch of each crater: its dark pixels, filled in.

    These are the steps of the lesson "Which pixels are craters?": a
    threshold row by row, then a paint bucket (:func:`flood_fill`) started
    inside each crater's ring.

    Parameters
    ----------
    picture : PIL.Image.Image
        The developed picture, in any mode; it is not modified.
    centres_px : sequence of (float, float)
        Where to look: each crater's middle as (x, y) = (column, row)
        pixels, largest crater first.
    rings_px : sequence of array_like, each shape (N, 2)
        Each crater's rim in the picture as (x, y) pixels, at least three
        points, in the order of ``centres_px``, for example from
        :func:`lunar_edu.annotate.crater_outline_px`.
    dark_fraction : float, optional
        A crater pixel is darker than this share of the plain in its row
        (0.6, 60 %, by default).

    Returns
    -------
    list of (numpy.ndarray of bool or None)
        One entry per crater: True for its painted pixels, rows x columns;
        None when no crater pixel lies inside its ring, or when its paint
        bucket would start in the patch of a crater listed before it.

    Raises
    ------
    MeasureError
        If ``dark_fraction`` is not between 0 and 1, the picture is not a
        Pillow image, there is not one ring per centre, or a ring is not a
        list of at least three (x, y) points.

    Notes
    -----
    The picture is turned to gray and blurred a little (a box of 5 x 5
    pixels), so single dark grains of soil do not count. The plain's level
    in each row is the brightness that three quarters of the row's pixels
    are darker than, smoothed over 41 rows with :func:`running_mean`. A
    pixel darker than ``dark_fraction`` of its row's level is a crater
    pixel. For each crater in turn, the crater pixel inside its ring that
    is nearest its centre starts a paint bucket, which colours in every
    crater pixel joined to it, also outside the ring. A crater whose start
    is already painted joins a bigger crater and gets no patch of its own.

    Examples
    --------
    A plain of brightness 200 with one dark bowl, 4 rows by 10 columns:

    >>> from PIL import Image
    >>> gray = np.full((20, 30), 200, dtype=np.uint8)
    >>> gray[8:12, 10:20] = 30
    >>> ring = [(8, 6), (22, 6), (22, 14), (8, 14)]
    >>> (patch,) = crater_patches(Image.fromarray(gray), [(15, 10)], [ring])
    >>> [int(patch.any(axis=1).sum()), int(patch.any(axis=0).sum())]  # rows, columns
    [4, 10]
    """
    from PIL import Image, ImageDraw, ImageFilter  # only this tool draws

    if not 0 < dark_fraction < 1:
        msg = f"dark_fraction must be between 0 and 1, got {dark_fraction!r}."
        raise MeasureError(msg)
    if not isinstance(picture, Image.Image):
        msg = (
            "crater_patches() needs the developed picture as a Pillow image, "
            f"got {type(picture).__name__}; pass le.develop(frame)."
        )
        raise MeasureError(msg)
    if len(centres_px) != len(rings_px):
        msg = (
            f"Give one ring per centre: got {len(centres_px)} centres and "
            f"{len(rings_px)} rings."
        )
        raise MeasureError(msg)
    rings = [np.asarray(ring, dtype=float) for ring in rings_px]
    for number, ring in enumerate(rings):
        if ring.ndim != 2 or ring.shape[1] != 2 or len(ring) < 3:
            msg = (
                f"Ring {number} must be at least three (x, y) points, an array "
                f"of shape (N, 2), got shape {ring.shape}."
            )
            raise MeasureError(msg)
    gray = picture.convert("L").filter(ImageFilter.BoxBlur(2))
    brightness = np.asarray(gray, dtype=float)
    plain_of_row = running_mean(np.percentile(brightness, 75, axis=1), 41)
    is_crater = brightness < dark_fraction * plain_of_row[:, None]
    taken = np.zeros(is_crater.shape, dtype=bool)  # painted by a crater
    patches: list[NDArray[np.bool_] | None] = []
    for (x_px, y_px), ring in zip(centres_px, rings, strict=True):
        inside = Image.new("1", picture.size)  # True inside the ring
        ImageDraw.Draw(inside).polygon([tuple(p) for p in ring], fill=1)
        rows, cols = np.nonzero(is_crater & np.asarray(inside))
        if len(rows) == 0:
            patches.append(None)  # not seen
            continue
        start = np.argmin((cols - x_px) ** 2 + (rows - y_px) ** 2)
        if taken[rows[start], cols[start]]:
            patches.append(None)  # joins a bigger crater
            continue
        patch = flood_fill(is_crater, (cols[start], rows[start]))
        taken |= patch
        patches.append(patch)
    return patches
