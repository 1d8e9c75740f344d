"""Building blocks shared by the recipes: cratered ground, scattered rocks.

Numbers that shape the ground are typical of a lunar mare plain such as the
floor of Von Kármán crater: gently rolling relief, craters of every size with
many more small ones than large ones, and rocks that are mostly pebbles with
a few boulders.
"""

from __future__ import annotations

import numpy as np

from .craters import Crater, carve_crater, crater_population
from .models import rock
from .noise import fractal_field
from .objects import SceneObject
from .terrain import Level, Terrain
from .tracks import press_tracks

__all__ = ["detail_level", "ground", "scatter_rocks"]


def ground(
    rng: np.random.Generator,
    *,
    look_xy: tuple[float, float],
    near_extent_m: float = 24.0,
    cells: int = 1024,
    near_relief_m: float = 0.012,
    mid_relief_m: float = 0.08,
    far_relief_m: float = 1.0,
    crater_count: int = 300,
    extra_craters: tuple[Crater, ...] = (),
    track_paths: tuple[np.ndarray, ...] = (),
    curvature: bool = True,
) -> tuple[Terrain, list[Crater]]:
    """Return cratered terrain for a camera near the ground, and its craters.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    look_xy : tuple of float
        East and north unit direction the camera looks along; the finer
        grids are centred ahead of the camera.
    near_extent_m : float
        Side of the finest grid in metres.
    cells : int
        Cells per side of each grid (fewer for small pictures).
    near_relief_m, mid_relief_m, far_relief_m : float
        R.m.s. height of the fractal relief on the fine, metre-scale and
        kilometre-scale grids.
    crater_count : int
        Number of random craters per grid.
    extra_craters : tuple of Crater
        Craters a recipe places on purpose.
    track_paths : tuple of ndarray
        Rover centre lines along which wheel tracks are pressed.
    curvature : bool
        Whether the ground follows the Moon's curvature.
    """
    ahead = np.asarray(look_xy, dtype=float)
    far = Level.around((0.0, 0.0), 8192.0, max(cells // 2, 256), fades=False)
    mid_centre = tuple(ahead * 110.0)
    mid = Level.around(mid_centre, 320.0, cells, fades=True)
    near_centre = tuple(ahead * (near_extent_m * 0.35))
    near = Level.around(near_centre, near_extent_m, cells, fades=True)

    # Fields are drawn at the full-size resolution and then coarsened, so a
    # small picture shows the same ground as a large one of the same seed.
    def field(level: Level, design: int, **options) -> np.ndarray:
        return fractal_field(rng, design, out_size=level.cells, **options)

    far.height_m[:] = far_relief_m * field(far, 512, slope=1.8)
    mid.height_m[:] = mid_relief_m * field(mid, 1024, slope=2.0, longest_cells=256)
    near.height_m[:] = near_relief_m * field(near, 1024, slope=2.0, longest_cells=256)
    # Gentle albedo mottling on the metre scale.
    mid.albedo_change[:] = 0.06 * field(mid, 1024, slope=1.2)
    craters = list(extra_craters)
    craters += crater_population(
        rng,
        centre_xy_m=(0.0, 0.0),
        extent_m=6000.0,
        smallest_m=40.0,
        largest_m=600.0,
        count=crater_count,
        keep_clear_m=60.0,
    )
    craters += crater_population(
        rng,
        centre_xy_m=mid_centre,
        extent_m=320.0,
        smallest_m=1.5,
        largest_m=25.0,
        count=crater_count,
        keep_clear_m=4.0,
    )
    craters += crater_population(
        rng,
        centre_xy_m=near_centre,
        extent_m=near_extent_m,
        smallest_m=0.12,
        largest_m=1.6,
        count=crater_count,
        keep_clear_m=0.6,
    )
    for crater in craters:
        carve_crater(_level_for(crater, (far, mid, near)), crater)
    for path in track_paths:
        press_tracks(near, path)
    return Terrain([far, mid, near], curvature=curvature), craters


def _level_for(crater: Crater, levels: tuple[Level, ...]) -> Level:
    """Return the finest level that holds a crater whole with enough cells."""
    for level in reversed(levels):
        enough = crater.diameter_m >= 6 * level.spacing_m
        if enough and level.contains(crater.x_m, crater.y_m, 1.3 * crater.diameter_m):
            return level
    return levels[0]


def detail_level(rng: np.random.Generator, cells: int = 256) -> Level:
    """Return a repeating 1 m tile of millimetre relief and albedo speckle."""
    tile = Level.around((0.0, 0.0), 1.0, cells, fades=False)
    tile.height_m[:] = 0.0008 * fractal_field(rng, cells, slope=1.4)
    tile.albedo_change[:] = 0.05 * fractal_field(rng, cells, slope=0.6)
    tile.finish()
    return tile


def scatter_rocks(
    rng: np.random.Generator,
    terrain: Terrain,
    *,
    count: int,
    centre_xy: tuple[float, float],
    extent_m: float,
    smallest_m: float = 0.04,
    largest_m: float = 0.6,
    keep_clear_m: float = 1.0,
    first_index: int = 1,
) -> list[SceneObject]:
    """Return rocks sitting on the terrain, with a power-law size distribution.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    terrain : Terrain
        The ground they sit on.
    count : int
        Number of rocks drawn (those too near the camera are dropped).
    centre_xy, extent_m : tuple of float, float
        The square area to fill.
    smallest_m, largest_m : float
        Range of rock widths in metres; the cumulative number larger than
        ``D`` falls as ``D**-2.5``.
    keep_clear_m : float
        No rock within this distance of the camera's foot.
    first_index : int
        Number of the first rock's name (``rock-<n>``).
    """
    u = rng.uniform(size=count)
    ratio = (smallest_m / largest_m) ** 2.5
    widths = smallest_m * (1.0 - u * (1.0 - ratio)) ** (-1 / 2.5)
    xs = centre_xy[0] + rng.uniform(-0.5, 0.5, count) * extent_m
    ys = centre_xy[1] + rng.uniform(-0.5, 0.5, count) * extent_m
    aspect = rng.uniform(0.45, 0.8, count)
    elong = rng.uniform(1.0, 1.6, count)
    heading = rng.uniform(0, 180, count)
    albedo = rng.uniform(0.12, 0.17, count)
    tilts = rng.uniform(-18.0, 18.0, (count, 2))
    lumps = np.where(rng.uniform(size=count) < 0.6, rng.uniform(0.4, 0.75, count), 0.0)
    order = np.argsort(-widths)
    base_z = terrain.height_m(xs.astype(np.float32), ys.astype(np.float32))
    rocks: list[SceneObject] = []
    for i in order:
        if np.hypot(xs[i], ys[i]) < keep_clear_m + widths[i]:
            continue
        rocks.append(
            rock(
                f"rock-{first_index + len(rocks)}",
                (xs[i], ys[i], float(base_z[i])),
                height_m=float(widths[i] * aspect[i]),
                width_m=float(widths[i]),
                length_m=float(widths[i] * elong[i]),
                heading_deg=float(heading[i]),
                albedo=float(albedo[i]),
                tilt_deg=(float(tilts[i, 0]), float(tilts[i, 1])),
                lump_fraction=float(lumps[i]),
            )
        )
    return rocks
