"""Impact craters: a size-frequency distribution and their shapes in the ground."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .terrain import Level

__all__ = ["Crater", "carve_crater", "crater_population"]


@dataclass(frozen=True)
class Crater:
    """One crater.

    Parameters
    ----------
    x_m, y_m : float
        East and north position of its centre in metres.
    diameter_m : float
        Rim-to-rim diameter in metres.
    freshness : float
        1 for a young, bowl-shaped crater with a sharp raised rim; towards 0.2
        for an old one softened by later small impacts.
    """

    x_m: float
    y_m: float
    diameter_m: float
    freshness: float = 1.0


def crater_population(
    rng: np.random.Generator,
    *,
    centre_xy_m: tuple[float, float],
    extent_m: float,
    smallest_m: float,
    largest_m: float,
    count: int,
    keep_clear_m: float = 0.0,
) -> list[Crater]:
    """Draw craters with a power-law size-frequency distribution.

    The cumulative number of craters larger than ``D`` falls as ``D**-2``,
    so there are many small craters and few large ones, as on real lunar
    plains.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    centre_xy_m : tuple of float
        Centre of the square area to fill, east and north in metres.
    extent_m : float
        Side of the square area in metres.
    smallest_m, largest_m : float
        Range of diameters in metres.
    count : int
        Number of craters.
    keep_clear_m : float
        No crater rim comes within this distance of the camera's foot.

    Returns
    -------
    list of Crater
        Largest first.
    """
    u = rng.uniform(size=count)
    ratio = (smallest_m / largest_m) ** 2
    diameters = smallest_m * (1.0 - u * (1.0 - ratio)) ** -0.5
    xs = centre_xy_m[0] + rng.uniform(-0.5, 0.5, size=count) * extent_m
    ys = centre_xy_m[1] + rng.uniform(-0.5, 0.5, size=count) * extent_m
    fresh = rng.uniform(0.2, 1.0, size=count) ** 1.5
    craters = [
        Crater(float(x), float(y), float(d), float(f))
        for x, y, d, f in zip(xs, ys, diameters, fresh, strict=True)
        if np.hypot(x, y) > d / 2 + keep_clear_m
    ]
    return sorted(craters, key=lambda c: c.diameter_m, reverse=True)


def carve_crater(level: Level, crater: Crater) -> None:
    """Carve one crater (bowl, raised rim, thinning ejecta) into a level.

    Fresh simple craters are about one fifth as deep as they are wide and
    their rim stands about 4 % of the diameter above the plain; old ones are
    shallower with rounded rims.
    """
    radius = crater.diameter_m / 2.0
    found = level.window(crater.x_m, crater.y_m, 2.5 * radius)
    if found is None:
        return
    rows, cols, xs, ys = found
    r = np.hypot(xs - crater.x_m, ys - crater.y_m) / radius
    fresh = crater.freshness
    depth = crater.diameter_m * (0.04 + 0.16 * fresh)
    rim = crater.diameter_m * 0.04 * fresh
    # A fresh bowl is a paraboloid meeting a sharp rim; an old one is a
    # shallow cosine dish whose rim has worn away.
    bowl = (rim + depth) * r**2 - depth
    dish = -depth * np.cos(np.clip(r, 0.0, 1.2) * (np.pi / 2.4)) ** 2
    inside = fresh * bowl + (1.0 - fresh) * dish
    taper = 2.5**-3
    ejecta = rim * (np.clip(r, 1.0, 2.5) ** -3 - taper) / (1.0 - taper)
    outside = fresh * ejecta + (1.0 - fresh) * dish * (r < 1.2)
    profile = np.where(r < 1.0, inside, outside).astype(np.float32)
    level.height_m[rows, cols] += profile
    # Fresh ejecta is a little brighter than the mature soil around it.
    brighter = 0.12 * fresh**2 * np.clip(1.6 - r, 0.0, 1.0)
    level.albedo_change[rows, cols] += brighter.astype(np.float32)
