"""A quick simulated descent-camera view, used until the full virtual Chang'e 4 lands.

The scene is a seeded, sunlit patch of cratered regolith seen straight down by
the lander's descent camera (LCAM). It is labelled as simulated and carries
the true size and position of every crater, so a lesson can check a
measurement against the truth.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from .camera import LCAM, GeometryError, ground_sample_distance
from .frame import Camera, Feature, Frame, Source, Sun, Truth

__all__ = ["descent_view"]

_CREDIT = "lunar_edu contributors"
_LICENCE = "CC-BY-4.0"


def descent_view(
    *,
    altitude_m: float = 100.0,
    sun_elevation_deg: float = 30.0,
    sun_azimuth_deg: float = 270.0,
    seed: int = 0,
    size_px: int = LCAM.width_px,
) -> Frame:
    """Render a simulated LCAM frame of cratered ground seen from above.

    North is up and east is to the right. The picture is a gray, 8-bit frame
    like a real LCAM product, with read noise.

    Parameters
    ----------
    altitude_m : float
        Height of the camera above the ground in metres; sets the scale.
    sun_elevation_deg : float
        Height of the Sun above the horizon in degrees (0 < elevation <= 90).
        A low Sun gives long shadows that reveal every bump.
    sun_azimuth_deg : float
        Direction the sunlight comes from, degrees clockwise from north
        (270 = from the west, lighting the left-hand sides of hills).
    seed : int
        Seed of the random terrain: the same seed gives the same pixels.
    size_px : int
        Width and height of the square frame in pixels (LCAM: 1024).

    Returns
    -------
    Frame
        ``layout="gray"``, uint8 pixels, ``source.kind == "simulated"`` and
        ``truth`` listing every crater (``kind="crater"``, true rim diameter)
        plus the per-pixel range in metres.

    Raises
    ------
    GeometryError
        If the altitude, sun elevation or size is out of range.

    Examples
    --------
    >>> frame = descent_view(size_px=128, seed=1)
    >>> frame.pixels.shape, frame.source.kind
    ((128, 128), 'simulated')
    """
    if not 0.0 < sun_elevation_deg <= 90.0:
        msg = (
            f"sun_elevation_deg must be above 0 and at most 90 degrees, "
            f"got {sun_elevation_deg!r}."
        )
        raise GeometryError(msg)
    if not 32 <= size_px <= 4096:
        msg = f"size_px must be between 32 and 4096 pixels, got {size_px!r}."
        raise GeometryError(msg)
    camera = _scaled_lcam(size_px, altitude_m)
    metres_per_px = ground_sample_distance(camera, altitude_m)
    rng = np.random.default_rng(seed)

    height_m = _regolith_roughness(size_px, metres_per_px, rng)
    craters = _crater_population(size_px, metres_per_px, rng)
    for crater in craters:
        _add_crater(height_m, crater, metres_per_px)

    sun = Sun(elevation_deg=sun_elevation_deg, azimuth_deg=sun_azimuth_deg % 360.0)
    radiance = _lommel_seeliger(height_m, metres_per_px, sun)
    radiance *= ~_cast_shadows(height_m, metres_per_px, sun)
    pixels = _expose(radiance, rng)

    features = tuple(
        Feature(
            name=f"crater-{i + 1}",
            kind="crater",
            xy_px=(float(c["x_px"]), float(c["y_px"])),
            size_m=float(c["diameter_m"]),
        )
        for i, c in enumerate(craters)
    )
    truth = Truth(features=features, range_m=(altitude_m - height_m).astype(np.float32))
    source = Source(
        kind="simulated",
        credit=_CREDIT,
        licence=_LICENCE,
        origin=(
            f"lunar_edu.standin.descent_view(altitude_m={altitude_m}, "
            f"sun_elevation_deg={sun_elevation_deg}, "
            f"sun_azimuth_deg={sun_azimuth_deg}, seed={seed}, size_px={size_px})"
        ),
    )
    meta = {"altitude_m": altitude_m, "recipe": "descent_view", "seed": seed}
    return Frame(
        pixels=pixels,
        layout="gray",
        bit_depth=8,
        camera=camera,
        source=source,
        sun=sun,
        meta=meta,
        truth=truth,
    )


def _scaled_lcam(size_px: int, altitude_m: float) -> Camera:
    """Return LCAM binned or cropped to ``size_px`` with the same field of view."""
    if not altitude_m > 0:
        msg = f"altitude_m must be a positive height in metres, got {altitude_m!r}."
        raise GeometryError(msg)
    # Keep the field of view of the real camera: a smaller frame has bigger pixels.
    binning = LCAM.width_px / size_px
    return Camera(
        name=LCAM.name,
        focal_length_mm=LCAM.focal_length_mm,
        pixel_size_um=LCAM.pixel_size_um * binning,
        width_px=size_px,
        height_px=size_px,
        height_above_ground_m=altitude_m,
        pitch_deg=LCAM.pitch_deg,
    )


def _regolith_roughness(
    size_px: int, metres_per_px: float, rng: np.random.Generator
) -> np.ndarray:
    """Return a fractal height field (metres) with a power-law spectrum."""
    white = rng.standard_normal((size_px, size_px))
    fy = np.fft.fftfreq(size_px)[:, None]
    fx = np.fft.rfftfreq(size_px)[None, :]
    frequency = np.hypot(fx, fy)
    frequency[0, 0] = 1.0
    # A spectral slope of -4 in power gives gently rolling ground whose
    # small-scale texture then comes from the many small craters.
    spectrum = np.fft.rfft2(white) * frequency**-2.0
    spectrum[0, 0] = 0.0
    height = np.fft.irfft2(spectrum, s=(size_px, size_px))
    # Relief grows with the width of the patch, about 0.3 % of it (r.m.s.).
    relief_m = 0.003 * size_px * metres_per_px
    return height * (relief_m / height.std())


def _crater_population(
    size_px: int, metres_per_px: float, rng: np.random.Generator
) -> list[dict[str, float]]:
    """Draw craters with a power-law size-frequency distribution: many small, few large.

    One large crater always lies near the middle, so every seed has a crater
    worth measuring.
    """
    width_m = size_px * metres_per_px
    smallest_m = 5.0 * metres_per_px
    largest_m = 0.12 * width_m
    count = 260
    # Cumulative number N(>D) proportional to D**-2, sampled by inversion.
    u = rng.uniform(size=count)
    diameters = smallest_m * (1 - u * (1 - (smallest_m / largest_m) ** 2)) ** -0.5
    centre_crater = {
        "x_px": rng.uniform(0.35, 0.65) * size_px,
        "y_px": rng.uniform(0.35, 0.65) * size_px,
        "diameter_m": float(rng.uniform(0.16, 0.22) * width_m),
        "freshness": float(rng.uniform(0.7, 1.0)),
    }
    craters = [centre_crater]
    for diameter in sorted(diameters, reverse=True):
        craters.append(
            {
                "x_px": rng.uniform(0.0, 1.0) * size_px,
                "y_px": rng.uniform(0.0, 1.0) * size_px,
                "diameter_m": float(diameter),
                # 1 = fresh and bowl-shaped, towards 0.3 = old and softened.
                "freshness": float(rng.uniform(0.3, 1.0)),
            }
        )
    return craters


def _add_crater(height_m: np.ndarray, crater: dict[str, float], metres_per_px: float):
    """Carve one crater (bowl, raised rim, fading ejecta) into the height field."""
    radius_px = crater["diameter_m"] / 2.0 / metres_per_px
    reach = int(np.ceil(radius_px * 3))
    rows, cols = height_m.shape
    r0 = max(int(crater["y_px"]) - reach, 0)
    r1 = min(int(crater["y_px"]) + reach + 1, rows)
    c0 = max(int(crater["x_px"]) - reach, 0)
    c1 = min(int(crater["x_px"]) + reach + 1, cols)
    yy, xx = np.mgrid[r0:r1, c0:c1]
    r = np.hypot(xx - crater["x_px"], yy - crater["y_px"]) / radius_px
    # Fresh simple craters are about 1/5 as deep as they are wide; the rim
    # stands about 4 % of the diameter above the plain.
    depth_m = 0.2 * crater["diameter_m"] * crater["freshness"]
    rim_m = 0.04 * crater["diameter_m"] * crater["freshness"]
    inside = (rim_m + depth_m) * r**2 - depth_m
    # The ejecta blanket thins as r**-3 and is tapered to exactly zero at the
    # edge of the patch, so no seam shows where the patch ends.
    taper = 3.0**-3
    outside = rim_m * (np.clip(r, 1.0, 3.0) ** -3 - taper) / (1.0 - taper)
    height_m[r0:r1, c0:c1] += np.where(r < 1.0, inside, outside)


def _sun_vector(sun: Sun) -> np.ndarray:
    """Return the unit vector towards the Sun in (east, north, up) coordinates."""
    el = np.radians(sun.elevation_deg)
    az = np.radians(sun.azimuth_deg)
    return np.array([np.cos(el) * np.sin(az), np.cos(el) * np.cos(az), np.sin(el)])


def _lommel_seeliger(
    height_m: np.ndarray, metres_per_px: float, sun: Sun
) -> np.ndarray:
    """Return relative radiance of each pixel for a camera looking straight down.

    Lommel-Seeliger reflectance, cos(i) / (cos(i) + cos(e)), describes dusty,
    dark surfaces like lunar regolith better than Lambert's law.
    """
    d_row, d_col = np.gradient(height_m, metres_per_px)
    # Rows run southwards, so the northward slope is minus the row slope.
    normal = np.stack([-d_col, d_row, np.ones_like(height_m)])
    normal /= np.linalg.norm(normal, axis=0)
    cos_i = np.clip(np.tensordot(_sun_vector(sun), normal, axes=1), 0.0, None)
    cos_e = normal[2]
    return cos_i / (cos_i + cos_e)


def _cast_shadows(height_m: np.ndarray, metres_per_px: float, sun: Sun) -> np.ndarray:
    """Return a boolean mask of pixels in the shadow of higher ground.

    The height field is turned so that sunlight travels along the rows, then
    one sweep keeps the running "horizon": the highest sunbeam that has
    grazed the terrain so far, sinking by ``tan(elevation)`` per pixel. A
    pixel below that beam is in shadow.
    """
    rows, cols = height_m.shape
    # Pillow turns counter-clockwise; this angle brings the Sun to the left.
    turn_deg = 90.0 + sun.azimuth_deg
    floor = float(height_m.min()) - 1e6
    turned = Image.fromarray(height_m.astype(np.float32)).rotate(
        turn_deg, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=floor
    )
    heights = np.asarray(turned)
    sink_per_px = np.tan(np.radians(sun.elevation_deg)) * metres_per_px
    beam = np.full(heights.shape[0], -np.inf, dtype=np.float32)
    shadow = np.zeros(heights.shape, dtype=np.float32)
    for col in range(heights.shape[1]):
        shadow[:, col] = heights[:, col] < beam
        beam = np.maximum(beam, heights[:, col]) - sink_per_px
    back = np.asarray(
        Image.fromarray(shadow).rotate(-turn_deg, resample=Image.Resampling.BILINEAR)
    )
    top = (back.shape[0] - rows) // 2
    left = (back.shape[1] - cols) // 2
    return back[top : top + rows, left : left + cols] > 0.5


def _expose(radiance: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Scale radiance to 8-bit values like an auto-exposed camera, with read noise."""
    bright = np.percentile(radiance, 99.5)
    signal = radiance * (215.0 / max(bright, 1e-9)) + 6.0
    noisy = signal + rng.normal(0.0, 1.5, size=radiance.shape)
    return np.clip(np.rint(noisy), 0, 255).astype(np.uint8)
