"""``render_scene``: a recipe name in, a simulated Frame in the CLEP layout out."""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from ..camera import STEREO_BASELINE_M, camera_axes
from ..frame import Camera, Feature, Frame, Source, Sun, Truth
from .errors import SceneError, UnknownRecipeError
from .exposure import SENSORS, expose
from .render import Geometry, Scene, project, shade, trace

if TYPE_CHECKING:  # recipes imports this module
    from .recipes import Recipe

__all__ = [
    "CREDIT",
    "LICENCE",
    "SIZES",
    "Request",
    "frame_of",
    "render_scene",
    "render_series",
    "scaled_camera",
    "shift_scene",
]

#: Credit line of every simulated picture.
CREDIT = "lunar_edu contributors (virtual Chang'e 4)"
#: Licence of every simulated picture.
LICENCE = "CC-BY-4.0"
#: Picture sizes: how many instrument pixels are binned along each side.
SIZES = {"full": 1, "half": 2, "quarter": 4}

_PRODUCT_CAMERA = {"PCAM": "PCAML-C", "TCAM": "TCAM-I", "LCAM": "LCAM"}


@dataclass(frozen=True)
class Request:
    """What a recipe is asked to build.

    Parameters
    ----------
    rng : numpy.random.Generator
        Seeded source of randomness for the scene.
    sun : Sun
        The Sun's position.
    binning : int
        1, 2 or 4: instrument pixels per picture pixel along each side.
    altitude_m : float, optional
        Camera altitude for the descent camera (``None``: the recipe's).
    """

    rng: np.random.Generator
    sun: Sun
    binning: int
    altitude_m: float | None = None

    @property
    def cells(self) -> int:
        """Return grid cells per side for terrain, fewer for small pictures."""
        return {1: 1024, 2: 768}.get(self.binning, 512)

    def camera(self, camera: Camera, **pointing) -> Camera:
        """Return an instrument camera pointed as given, at the asked size."""
        return scaled_camera(replace(camera, **pointing), self.binning)


def scaled_camera(camera: Camera, binning: int) -> Camera:
    """Return a camera with ``binning`` x ``binning`` pixels merged into one.

    The field of view is unchanged: fewer, larger pixels.

    Examples
    --------
    >>> from lunar_edu.camera import PCAM
    >>> half = scaled_camera(PCAM, 2)
    >>> half.width_px, half.height_px, half.pixel_size_um
    (1176, 864, 14.8)
    """
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


def _check_angle(name: str, value: float, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not (math.isfinite(number) and low <= number <= high):
        msg = (
            f"{name} must be a number of degrees from {low:g} to {high:g}, "
            f"got {value!r}."
        )
        raise SceneError(msg)
    return number


def render_scene(
    recipe: str,
    *,
    sun_elevation: float | None = None,
    sun_azimuth: float | None = None,
    seed: int = 0,
    size: str = "full",
    altitude_m: float | None = None,
    eye: str = "left",
) -> Frame:
    """Render a scene of the virtual Chang'e 4 through its camera.

    Parameters
    ----------
    recipe : str
        A name from :data:`lunar_edu.synth.RECIPES`, e.g. ``"rover-tracks"``.
    sun_elevation : float, optional
        Height of the Sun above the horizon in degrees, -90 to 90 (at or
        below 0 the ground is dark); the recipe's default when not given.
    sun_azimuth : float, optional
        Direction of the Sun in degrees clockwise from north.
    seed : int
        Seed of the random terrain: the same seed gives the same pixels.
    size : {"full", "half", "quarter"}
        Instrument frame size, or each side halved once or twice (bigger
        pixels, same field of view).
    altitude_m : float, optional
        Camera altitude in metres, for the descent-camera recipes only.
    eye : {"left", "right"}
        Which camera of the PCAM stereo pair takes the picture; the right
        one sits 270 mm to the right of the left one (PCAM recipes only).

    Returns
    -------
    Frame
        Pixels in the instrument's CLEP layout (PCAM: 10-bit RGGB Bayer in
        uint16; TCAM: uint8 RGB; LCAM: uint8 gray), ``source.kind ==
        "simulated"`` and ``truth`` with per-pixel range and named features.

    Raises
    ------
    SceneError
        If a parameter is out of range; :class:`UnknownRecipeError` (a
        ``SceneError``) for a recipe name that does not exist.

    Examples
    --------
    >>> frame = render_scene("gray-moon", size="quarter", seed=1)
    >>> frame.layout, frame.pixels.shape, frame.source.kind
    ('bayer_rggb', (432, 588), 'simulated')
    """
    chosen = _checked_recipe(recipe, seed, size, altitude_m, eye)
    elevation = _check_angle(
        "sun_elevation",
        chosen.default_sun_elevation_deg if sun_elevation is None else sun_elevation,
        -90.0,
        90.0,
    )
    azimuth = _check_angle(
        "sun_azimuth",
        chosen.default_sun_azimuth_deg if sun_azimuth is None else sun_azimuth,
        -360.0,
        720.0,
    )
    plan = _plan(
        chosen, elevation, azimuth, seed=int(seed), size=size, altitude_m=altitude_m,
        eye=eye,
    )  # fmt: skip
    return frame_of(
        plan.scene,
        origin=plan.origin,
        product_id=plan.product_id,
        meta=plan.meta,
        rng=plan.rng,
    )


def _checked_recipe(recipe, seed, size, altitude_m, eye) -> Recipe:
    """Return the recipe after checking every parameter but the Sun."""
    from .recipes import RECIPES

    if recipe not in RECIPES:
        close = difflib.get_close_matches(str(recipe), list(RECIPES), n=3, cutoff=0.4)
        hint = (
            f"did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else f"choose one of {', '.join(sorted(RECIPES))}."
        )
        msg = f"There is no scene recipe {recipe!r}; {hint}"
        raise UnknownRecipeError(msg)
    chosen = RECIPES[recipe]
    if size not in SIZES:
        msg = f"size must be one of {', '.join(SIZES)}, got {size!r}."
        raise SceneError(msg)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        msg = f"seed must be a whole number 0 or larger, got {seed!r}."
        raise SceneError(msg)
    if altitude_m is not None:
        if chosen.camera_name != "LCAM":
            msg = (
                f"altitude_m applies only to descent-camera (LCAM) scenes, and "
                f"{recipe!r} is a {chosen.camera_name} scene; leave it out."
            )
            raise SceneError(msg)
        if not (math.isfinite(altitude_m) and 5.0 <= altitude_m <= 20000.0):
            msg = f"altitude_m must be from 5 to 20000 metres, got {altitude_m!r}."
            raise SceneError(msg)
    if eye not in ("left", "right"):
        msg = f"eye must be 'left' or 'right', got {eye!r}."
        raise SceneError(msg)
    if eye == "right" and chosen.camera_name != "PCAM":
        msg = (
            f"Only PCAM has a stereo pair, and {recipe!r} is a "
            f"{chosen.camera_name} scene; leave eye at 'left'."
        )
        raise SceneError(msg)
    return chosen


@dataclass
class _Plan:
    """A built scene and what its frames are labelled with."""

    scene: Scene
    rng: np.random.Generator
    meta: dict
    product_id: str
    origin: str


def _plan(chosen, elevation, azimuth, *, seed, size, altitude_m, eye) -> _Plan:
    """Build a recipe's scene for checked parameters."""
    recipe = chosen.name
    request = Request(
        rng=np.random.default_rng(seed),
        sun=Sun(elevation_deg=elevation, azimuth_deg=azimuth % 360.0),
        binning=SIZES[size],
        altitude_m=altitude_m,
    )
    scene = chosen.build(request)
    meta = {"recipe": recipe, "seed": seed, "size": size}
    camera_code = _PRODUCT_CAMERA[chosen.camera_name]
    if chosen.camera_name == "PCAM":
        meta["eye"] = eye
    if eye == "right":
        # The right camera sees the same ground from 270 mm further right:
        # move the world 270 mm to the left instead of moving the camera.
        right = camera_axes(scene.camera)[0]
        shift_scene(scene, -STEREO_BASELINE_M * right[:2])
        camera_code = "PCAMR-C"
    if chosen.camera_name == "LCAM":
        meta["altitude_m"] = float(scene.camera.height_above_ground_m)
    product_id = f"CE4_SIM_{camera_code}_{recipe.upper()}_S{seed}"
    origin = f"virtual Chang'e 4 scene '{recipe}', seed {seed}"
    return _Plan(scene, request.rng, meta, product_id, origin)


def render_series(
    recipe: str,
    suns: Sequence[Sun | tuple[float, float]],
    *,
    seed: int = 0,
    size: str = "full",
    altitude_m: float | None = None,
    eye: str = "left",
) -> tuple[Frame, ...]:
    """Render one scene under several Suns: the same ground, other light.

    Each frame is the same, pixel for pixel, as :func:`render_scene` with
    that Sun would give; but the scene is built and its rays are traced only
    once, so three Suns cost far less than three renders.

    Parameters
    ----------
    recipe : str
        A name from :data:`lunar_edu.synth.RECIPES`.
    suns : sequence of Sun or (elevation_deg, azimuth_deg)
        The Suns, in order; elevation -90 to 90 and azimuth clockwise from
        north, in degrees.
    seed, size, altitude_m, eye
        As for :func:`render_scene`.

    Returns
    -------
    tuple of Frame
        One simulated frame per Sun, each with its own truth (shadow tips
        move with the Sun).

    Raises
    ------
    SceneError
        If there is no Sun, or a parameter is out of range.

    Examples
    --------
    >>> low, high = render_series("gray-moon", [(5, 90), (60, 90)], size="quarter")
    >>> low.sun.elevation_deg, high.sun.elevation_deg
    (5.0, 60.0)
    """
    suns = list(suns)
    if not suns:
        msg = "render_series() needs at least one Sun, e.g. [(10, 90), (40, 90)]."
        raise SceneError(msg)
    checked = []
    for index, sun in enumerate(suns):
        elevation, azimuth = _sun_angles(sun, index)
        checked.append(
            (
                _check_angle(f"suns[{index}] elevation", elevation, -90.0, 90.0),
                _check_angle(f"suns[{index}] azimuth", azimuth, -360.0, 720.0),
            )
        )
    chosen = _checked_recipe(recipe, seed, size, altitude_m, eye)
    plan = _plan(
        chosen, *checked[0], seed=int(seed), size=size, altitude_m=altitude_m, eye=eye
    )
    geometry = trace(plan.scene)
    # Every frame's sensor noise starts where a single render's would.
    noise_state = plan.rng.bit_generator.state
    frames = []
    for elevation, azimuth in checked:
        plan.scene.sun = Sun(elevation_deg=elevation, azimuth_deg=azimuth % 360.0)
        rng = np.random.default_rng()
        rng.bit_generator.state = noise_state
        frames.append(
            frame_of(
                plan.scene,
                origin=plan.origin,
                product_id=plan.product_id,
                meta=plan.meta,
                rng=rng,
                geometry=geometry,
            )
        )
    return tuple(frames)


def _sun_angles(sun, index: int) -> tuple[float, float]:
    if isinstance(sun, Sun):
        return sun.elevation_deg, sun.azimuth_deg
    try:
        elevation, azimuth = sun
    except (TypeError, ValueError):
        msg = (
            f"suns[{index}] must be a Sun or an (elevation_deg, azimuth_deg) "
            f"pair, got {sun!r}."
        )
        raise SceneError(msg) from None
    return elevation, azimuth


def shift_scene(scene: Scene, shift_xy_m) -> None:
    """Move everything in a scene sideways by ``shift_xy_m`` (east, north) metres.

    The camera stays where it is, so this is how a second camera beside the
    first one sees the same place.
    """
    dx, dy = float(shift_xy_m[0]), float(shift_xy_m[1])
    levels = list(scene.terrain.levels)
    if scene.detail is not None:
        levels.append(scene.detail)
    for level in levels:
        level.x0_m += dx
        level.y0_m += dy
    step = np.array([dx, dy, 0.0])
    for obj in scene.objects:
        obj.primitives = [
            replace(prim, centre_m=prim.centre_m + step) for prim in obj.primitives
        ]
        obj.top_m = obj.top_m + step
        obj.landmarks = [
            replace(mark, point_m=mark.point_m + step) for mark in obj.landmarks
        ]
    scene.craters = [replace(c, x_m=c.x_m + dx, y_m=c.y_m + dy) for c in scene.craters]


def frame_of(
    scene: Scene,
    *,
    origin: str,
    product_id: str | None = None,
    meta: dict | None = None,
    rng: np.random.Generator | None = None,
    geometry: Geometry | None = None,
) -> Frame:
    """Render a scene and store it as its instrument would, with the truth.

    Parameters
    ----------
    scene : Scene
        The scene; ``scene.camera.name`` picks the sensor (PCAM, TCAM, LCAM).
    origin : str
        What produced it, for the frame's Source.
    product_id : str, optional
        Product id for the Source.
    meta : dict, optional
        Extra label fields.
    rng : numpy.random.Generator, optional
        Source of sensor noise (seeded 0 when not given).
    geometry : Geometry, optional
        The scene already traced (:func:`~lunar_edu.synth.render.trace`), to
        light it again under ``scene.sun``; traced here when not given.

    Returns
    -------
    Frame
        A simulated frame with truth.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    sun = scene.sun
    if sun.elevation_deg > 0.0:
        scene.terrain.light(sun.elevation_deg, sun.azimuth_deg)
    else:
        for level in scene.terrain.levels:
            level.beam_m = np.full(level.height_m.shape, 1e9, dtype=np.float32)
    rendered = shade(scene, trace(scene) if geometry is None else geometry)
    sensor = SENSORS[scene.camera.name]
    pixels = expose(
        rendered.radiance_rgb, sensor, rng, reference_mask=rendered.soil_mask
    )
    truth = Truth(
        features=_features(scene, rendered),
        range_m=rendered.range_m,
        sunlit=rendered.sunlit,
    )
    source = Source(
        kind="simulated",
        credit=CREDIT,
        licence=LICENCE,
        origin=origin,
        product_id=product_id,
    )
    full_meta = {
        "sun_elevation_deg": float(sun.elevation_deg),
        "sun_azimuth_deg": float(sun.azimuth_deg),
        **(meta or {}),
    }
    return Frame(
        pixels=pixels,
        layout=sensor.layout,
        bit_depth=sensor.bit_depth,
        camera=scene.camera,
        source=source,
        sun=sun,
        meta=full_meta,
        truth=truth,
    )


def _inside(camera: Camera, xy) -> bool:
    x, y = float(xy[0]), float(xy[1])
    return (
        math.isfinite(x)
        and math.isfinite(y)
        and -0.5 <= x <= camera.width_px - 0.5
        and -0.5 <= y <= camera.height_px - 0.5
    )


def _features(scene: Scene, rendered) -> tuple[Feature, ...]:
    """Return the truth features visible in the picture."""
    camera = scene.camera
    eye = np.array([0.0, 0.0, camera.height_above_ground_m])
    boxes = _object_boxes(rendered.object_index, len(scene.objects))
    features = []
    for index, obj in enumerate(scene.objects):
        if boxes[index] is None:
            continue
        if obj.kind == "rock":
            point = obj.top_m
            base = obj.top_m - np.array([0.0, 0.0, obj.size_m])
        else:
            low, high = obj.bounds_m()
            point = (low + high) / 2
            under = np.array([point[0]], np.float32), np.array([point[1]], np.float32)
            base = np.array(
                [point[0], point[1], float(scene.terrain.height_m(*under)[0])]
            )
        xy, depth = project(camera, point)
        if depth <= 0 or not _inside(camera, xy):
            continue
        tip = None
        if obj.kind == "rock" and 0.5 < scene.sun.elevation_deg < 89.5:
            tip = _pixel_or_none(camera, _shadow_tip(obj, scene.sun))
        features.append(
            Feature(
                name=obj.name,
                kind=obj.kind,
                xy_px=(float(xy[0]), float(xy[1])),
                size_m=float(obj.size_m),
                distance_m=float(np.linalg.norm(point - eye)),
                shadow_tip_xy_px=tip,
                base_xy_px=_pixel_or_none(camera, base),
                box_px=boxes[index],
                position_m=tuple(float(v) for v in point),
            )
        )
        features.extend(_visible_landmarks(camera, obj, rendered.range_m, eye))
    f_px = camera.focal_length_mm * 1e3 / camera.pixel_size_um
    craters = []
    if scene.craters:
        centres = _rim_centres(scene)
        all_xy, all_depth = project(camera, centres)
        distances = np.linalg.norm(centres - eye, axis=1)
    for number, crater in enumerate(scene.craters, start=1):
        xy, depth = all_xy[number - 1], all_depth[number - 1]
        distance = float(distances[number - 1])
        if depth <= 0 or not _inside(camera, xy):
            continue
        if crater.diameter_m / distance * f_px < 6:
            continue
        craters.append(
            Feature(
                name=f"crater-{number}",
                kind="crater",
                xy_px=(float(xy[0]), float(xy[1])),
                size_m=float(crater.diameter_m),
                distance_m=distance,
                position_m=tuple(float(v) for v in centres[number - 1]),
            )
        )
    craters.sort(key=lambda f: f.size_m, reverse=True)
    return tuple(features) + tuple(craters[:300])


def _rim_centres(scene: Scene, samples: int = 16) -> np.ndarray:
    """Return each crater's centre at the height of its rim, shape (N, 3).

    The middle of the rim's circle, not the bottom of the bowl: that is
    the point a ring around the crater is drawn about, and the bottom is
    hidden from a camera that looks at the crater from the side.
    """
    angles = np.linspace(0.0, 2 * np.pi, samples, endpoint=False)
    xs = np.array([c.x_m for c in scene.craters], dtype=np.float32)
    ys = np.array([c.y_m for c in scene.craters], dtype=np.float32)
    radii = np.array([c.diameter_m / 2 for c in scene.craters], dtype=np.float32)
    rim_x = xs[:, None] + radii[:, None] * np.cos(angles)[None, :].astype(np.float32)
    rim_y = ys[:, None] + radii[:, None] * np.sin(angles)[None, :].astype(np.float32)
    rim_z = scene.terrain.height_m(rim_x.ravel(), rim_y.ravel()).reshape(rim_x.shape)
    return np.stack([xs, ys, rim_z.mean(axis=1)], axis=1).astype(float)


def _pixel_or_none(camera: Camera, point_m) -> tuple[float, float] | None:
    """Return where a point is in the picture, or None behind the camera."""
    xy, depth = project(camera, np.asarray(point_m, dtype=float))
    if depth <= 0 or not np.all(np.isfinite(xy)):
        return None
    return (float(xy[0]), float(xy[1]))


def _object_boxes(object_index: np.ndarray, count: int) -> list:
    """Return each object's (left, top, right, bottom) pixel box, None if unseen."""
    rows, cols = np.nonzero(object_index >= 0)
    which = object_index[rows, cols].astype(np.intp)
    boxes: list = [None] * count
    if which.size == 0:
        return boxes
    big = np.iinfo(np.int64).max
    lo_r = np.full(count, big, np.int64)
    lo_c = np.full(count, big, np.int64)
    hi_r = np.full(count, -1, np.int64)
    hi_c = np.full(count, -1, np.int64)
    np.minimum.at(lo_r, which, rows)
    np.minimum.at(lo_c, which, cols)
    np.maximum.at(hi_r, which, rows)
    np.maximum.at(hi_c, which, cols)
    for index in np.flatnonzero(hi_r >= 0):
        boxes[index] = (
            int(lo_c[index]), int(lo_r[index]), int(hi_c[index]), int(hi_r[index])
        )  # fmt: skip
    return boxes


def _visible_landmarks(camera: Camera, obj, range_m: np.ndarray, eye) -> list:
    """Return the object's named parts that the camera can see."""
    parts = []
    rows, cols = range_m.shape
    for landmark in obj.landmarks:
        xy = _pixel_or_none(camera, landmark.point_m)
        if xy is None or not _inside(camera, xy):
            continue
        distance = float(np.linalg.norm(landmark.point_m - eye))
        column = min(max(round(xy[0]), 0), cols - 1)
        row = min(max(round(xy[1]), 0), rows - 1)
        # Hidden when something nearer fills that pixel (a landmark may sit
        # a few centimetres inside its part, hence the tolerance).
        if range_m[row, column] < distance - max(0.12, 0.01 * distance):
            continue
        parts.append(
            Feature(
                name=landmark.name,
                kind=f"{obj.kind}-part",
                xy_px=xy,
                size_m=landmark.size_m,
                distance_m=distance,
                position_m=tuple(float(v) for v in landmark.point_m),
            )
        )
    return parts


def _shadow_tip(obj, sun: Sun) -> np.ndarray:
    """Return the far end of a rock's shadow on flat ground at its base."""
    tips = [_shadow_tip_of(prim, obj, sun) for prim in obj.primitives]
    az = math.radians(sun.azimuth_deg)
    away = np.array([-math.sin(az), -math.cos(az), 0.0])
    return max(tips, key=lambda tip: float(tip @ away))


def _shadow_tip_of(prim, obj, sun: Sun) -> np.ndarray:
    """Return the far end of the shadow of one part of a rock."""
    el, az = math.radians(sun.elevation_deg), math.radians(sun.azimuth_deg)
    towards_sun = np.array(
        [math.cos(el) * math.sin(az), math.cos(el) * math.cos(az), math.sin(el)]
    )
    light = -towards_sun
    away = light[:2] / np.hypot(*light[:2])
    u = np.array([away[0], away[1], 0.0])
    w = u - (light @ u) / light[2] * np.array([0.0, 0.0, 1.0])
    if prim.shape == "cylinder":
        radius, half_h = prim.half_size_m[0], prim.half_size_m[2]
        top = prim.centre_m + np.array([0.0, 0.0, half_h])
        far_point = top + radius * u
    else:
        v = prim.half_size_m * (prim.axes @ w)
        far_point = prim.centre_m + prim.axes.T @ (
            prim.half_size_m * v / np.linalg.norm(v)
        )
    ground_z = obj.top_m[2] - obj.size_m
    return far_point + (ground_z - far_point[2]) / light[2] * light
