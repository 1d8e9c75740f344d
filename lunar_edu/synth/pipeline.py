"""``render_scene``: a recipe name in, a simulated Frame in the CLEP layout out."""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..camera import INSTRUMENTS, STEREO_BASELINE_M, camera_axes, scaled_camera
from ..frame import SIMULATED_CREDIT, SIMULATED_LICENCE, Frame, Sun, simulated_source
from .errors import SceneError, UnknownRecipeError
from .exposure import PANCHROMATIC, SENSORS, Sensor, expose
from .recipes import RECIPES, Recipe
from .render import Geometry, Scene, shade, trace
from .render_cache import cached
from .request import MODES, SIZES, Request
from .truth import answer_key

__all__ = [
    "CREDIT",
    "LICENCE",
    "MODES",
    "SIZES",
    "Request",
    "frame_of",
    "render_scene",
    "render_series",
    "scaled_camera",
    "shift_scene",
]

#: Credit line and licence of every simulated picture (defined once, in
#: lunar_edu.frame; kept here under their old names).
CREDIT = SIMULATED_CREDIT
LICENCE = SIMULATED_LICENCE

# What a picture smaller than the instrument's frame is called in its id.
_SIZE_TAGS = {2: "PREVIEW", 4: "QUARTER"}


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
    mode: str | None = None,
) -> Frame:
    """Render a scene of the virtual Chang'e 4 through its camera.

    Parameters
    ----------
    recipe : str
        A name from ``lunar_edu.synth.RECIPES``, e.g. ``"rover-tracks"``.
    sun_elevation : float, optional
        Height of the Sun above the horizon in degrees, -90 to 90 (at or
        below 0 the ground is dark); the recipe's default when not given.
    sun_azimuth : float, optional
        Direction of the Sun in degrees clockwise from north.
    seed : int
        Seed of the random terrain: the same seed gives the same pixels.
    size : {"full", "preview", "half", "quarter"}
        ``"full"``: the instrument's frame (for PCAM, the real size of the
        chosen mode). ``"preview"`` (or its older name ``"half"``) and
        ``"quarter"`` halve each side once or twice for speed: bigger pixels,
        same field of view, a picture that matches no real product.
    altitude_m : float, optional
        Camera altitude in metres, for the descent-camera recipes only.
    eye : {"left", "right"}
        Which camera of the PCAM stereo pair takes the picture; the right
        one sits 270 mm to the right of the left one (PCAM recipes only).
    mode : {"C", "Q"}, optional
        PCAM product mode (PCAM recipes only; ``"C"`` when not given):
        ``"C"`` colour, a 2352 x 1728 RGGB Bayer mosaic, or ``"Q"``
        panchromatic, 1176 x 864 gray, the same scene 2 x 2 binned (data.md
        s. 2.1). The product id carries the mode as the real ones do
        (``PCAML-C``, ``PCAML-Q``).

    Returns
    -------
    Frame
        Pixels in the instrument's CLEP layout (PCAM ``-C``: 10-bit RGGB
        Bayer in uint16; PCAM ``-Q``: 10-bit gray in uint16; TCAM: uint8
        RGB; LCAM: uint8 gray), ``source.kind == "simulated"`` and ``truth``
        (the answer key) with per-pixel range and named features.

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
    >>> render_scene("gray-moon", size="quarter", mode="Q").pixels.shape
    (216, 294)
    """
    # The same frame from the disk cache when a two-language docs build
    # has it on (lunar_edu.synth.render_cache).
    return cached(
        _render_scene, recipe, sun_elevation=sun_elevation, sun_azimuth=sun_azimuth,
        seed=seed, size=size, altitude_m=altitude_m, eye=eye, mode=mode,
    )  # fmt: skip


def _render_scene(
    recipe: str,
    *,
    sun_elevation: float | None,
    sun_azimuth: float | None,
    seed: int,
    size: str,
    altitude_m: float | None,
    eye: str,
    mode: str | None,
) -> Frame:
    chosen, mode = _checked_recipe(recipe, seed, size, altitude_m, eye, mode)
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
        eye=eye, mode=mode,
    )  # fmt: skip
    return frame_of(
        plan.scene,
        origin=plan.origin,
        product_id=plan.product_id,
        meta=plan.meta,
        rng=plan.rng,
        sensor=plan.sensor,
    )


def _checked_recipe(recipe, seed, size, altitude_m, eye, mode):
    """Return the recipe and PCAM mode after checking all but the Sun."""
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
                f"{recipe!r} is seen by the {chosen.camera_name} camera; leave it out."
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
    return chosen, _checked_mode(chosen, mode)


def _checked_mode(chosen: Recipe, mode) -> str | None:
    """Return the PCAM product mode ("C" or "Q"), None for other cameras."""
    if chosen.camera_name != "PCAM":
        if mode is not None:
            msg = (
                f"mode applies only to PCAM scenes, and {chosen.name!r} is seen by "
                f"the {chosen.camera_name} camera; leave it out."
            )
            raise SceneError(msg)
        return None
    if mode is None:
        return "C"
    if mode not in MODES:
        msg = (
            f"mode must be 'C' (colour, Bayer) or 'Q' (panchromatic, 2 x 2 "
            f"binned), got {mode!r}."
        )
        raise SceneError(msg)
    return mode


@dataclass
class _Plan:
    """A built scene and what its frames are labelled with."""

    scene: Scene
    rng: np.random.Generator
    meta: dict
    product_id: str
    origin: str
    sensor: Sensor


def _plan(chosen, elevation, azimuth, *, seed, size, altitude_m, eye, mode) -> _Plan:
    """Build a recipe's scene for checked parameters."""
    recipe = chosen.name
    binning = SIZES[size]
    request = Request(
        rng=np.random.default_rng(seed),
        sun=Sun(elevation_deg=elevation, azimuth_deg=azimuth % 360.0),
        # A -Q frame is the -C frame's scene seen through 2 x 2 binned
        # pixels: the ground is built as finely as for -C.
        binning=binning * MODES.get(mode, 1),
        altitude_m=altitude_m,
        detail_binning=binning,
    )
    scene = chosen.build(request)
    meta = {"recipe": recipe, "seed": seed, "size": size}
    camera_code = INSTRUMENTS[chosen.camera_name].product_code
    sensor = SENSORS[chosen.camera_name]
    if chosen.camera_name == "PCAM":
        meta["eye"] = eye
        meta["mode"] = mode
        camera_code = f"PCAM{'R' if eye == 'right' else 'L'}-{mode}"
        sensor = PANCHROMATIC if mode == "Q" else sensor
    if eye == "right":
        # The right camera sees the same ground from 270 mm further right:
        # move the world 270 mm to the left instead of moving the camera.
        right = camera_axes(scene.camera)[0]
        shift_scene(scene, -STEREO_BASELINE_M * right[:2])
    if chosen.camera_name == "LCAM":
        meta["altitude_m"] = float(scene.camera.height_above_ground_m)
    # Real ids name the camera and mode the same way, e.g. CE4_GRAS_PCAML-C-015_
    # ...; SIM in place of the GRAS station marks a simulated product, and a
    # smaller picture than the real frame says so at the end.
    product_id = f"CE4_SIM_{camera_code}_{recipe.upper()}_S{seed}"
    if binning in _SIZE_TAGS:
        product_id += f"_{_SIZE_TAGS[binning]}"
    origin = f"virtual Chang'e 4 scene '{recipe}', seed {seed}"
    return _Plan(scene, request.rng, meta, product_id, origin, sensor)


def render_series(
    recipe: str,
    suns: Sequence[Sun | tuple[float, float]],
    *,
    seed: int = 0,
    size: str = "full",
    altitude_m: float | None = None,
    eye: str = "left",
    mode: str | None = None,
) -> tuple[Frame, ...]:
    """Render one scene under several Suns: the same ground, other light.

    Each frame is the same, pixel for pixel, as :func:`render_scene` with
    that Sun would give; but the scene is built and its rays are traced only
    once, so three Suns cost far less than three renders.

    Parameters
    ----------
    recipe : str
        A name from ``lunar_edu.synth.RECIPES``.
    suns : sequence of Sun or (elevation_deg, azimuth_deg)
        The Suns, in order; elevation -90 to 90 and azimuth clockwise from
        north, in degrees.
    seed, size, altitude_m, eye, mode
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
    # Suns as plain tuples in the key: a Sun and its angles render alike.
    suns = list(suns)
    key_suns = tuple(
        (sun.elevation_deg, sun.azimuth_deg) if isinstance(sun, Sun) else sun
        for sun in suns
    )
    return cached(
        _render_series, recipe, key_suns, seed=seed, size=size,
        altitude_m=altitude_m, eye=eye, mode=mode,
    )  # fmt: skip


def _render_series(
    recipe: str,
    suns: Sequence[Sun | tuple[float, float]],
    *,
    seed: int,
    size: str,
    altitude_m: float | None,
    eye: str,
    mode: str | None,
) -> tuple[Frame, ...]:
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
    chosen, mode = _checked_recipe(recipe, seed, size, altitude_m, eye, mode)
    plan = _plan(
        chosen, *checked[0], seed=int(seed), size=size, altitude_m=altitude_m,
        eye=eye, mode=mode,
    )  # fmt: skip
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
                sensor=plan.sensor,
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
            replace(
                mark,
                point_m=mark.point_m + step,
                alternates_m=tuple(a + step for a in mark.alternates_m),
            )
            for mark in obj.landmarks
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
    sensor: Sensor | None = None,
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
    sensor : Sensor, optional
        How the picture is stored; the instrument's usual sensor
        (``SENSORS[scene.camera.name]``) when not given.

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
    sensor = SENSORS[scene.camera.name] if sensor is None else sensor
    pixels = expose(
        rendered.radiance_rgb, sensor, rng, reference_mask=rendered.soil_mask
    )
    truth = answer_key(scene, rendered)
    source = simulated_source(origin, product_id)
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
