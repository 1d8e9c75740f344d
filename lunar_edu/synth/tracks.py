"""Wheel tracks of the Yutu-2 rover pressed into the ground.

Yutu-2's wheel and track sizes are not in the project's fact sheet; the
numbers below are documented estimates scaled from the rover's published
body size (about 1.5 m long, 1 m wide, 1.1 m high; NASA NSSDC): the two
tracks are 0.85 m apart centre to centre, each about 15 cm wide, with
chevron grouser marks every 8 cm.
"""

from __future__ import annotations

import itertools

import numpy as np

from .terrain import Level

__all__ = [
    "TRACK_WIDTH_M",
    "WHEEL_WIDTH_M",
    "arc_path",
    "grouser_weight",
    "press_tracks",
]

#: Distance between the centres of the left and right wheel tracks, metres
#: (estimate, see the module docstring).
TRACK_WIDTH_M = 0.85
#: Width of one wheel track, metres (estimate).
WHEEL_WIDTH_M = 0.15
#: Spacing of the grouser marks along a track, metres (estimate).
GROUSER_SPACING_M = 0.08


def arc_path(
    start_xy_m: tuple[float, float],
    heading_deg: float,
    length_m: float,
    *,
    turn_deg_per_m: float = 0.0,
    step_m: float = 0.05,
) -> np.ndarray:
    """Return points along a path that starts straight and may curve steadily.

    Parameters
    ----------
    start_xy_m : tuple of float
        East and north start in metres.
    heading_deg : float
        Initial direction, degrees clockwise from north.
    length_m : float
        Length of the path in metres.
    turn_deg_per_m : float
        Change of heading per metre (positive turns clockwise).
    step_m : float
        Distance between points.

    Returns
    -------
    ndarray, shape (n, 2)
        East and north of each point.

    Examples
    --------
    >>> arc_path((0.0, 0.0), 90.0, 1.0, step_m=0.5).round(3).tolist()
    [[0.0, 0.0], [0.5, 0.0], [1.0, 0.0]]
    """
    count = max(int(np.ceil(length_m / step_m)), 1)
    s = np.linspace(0.0, length_m, count + 1)
    heading = np.radians(heading_deg + turn_deg_per_m * s)
    dx = np.sin(heading[:-1]) * np.diff(s)
    dy = np.cos(heading[:-1]) * np.diff(s)
    x = start_xy_m[0] + np.concatenate([[0.0], np.cumsum(dx)])
    y = start_xy_m[1] + np.concatenate([[0.0], np.cumsum(dy)])
    return np.stack([x, y], axis=1)


def press_tracks(level: Level, path_m: np.ndarray, *, depth_m: float = 0.015) -> None:
    """Press two parallel wheel tracks along a path into a level.

    Parameters
    ----------
    level : Level
        The terrain grid to modify.
    path_m : ndarray, shape (n, 2)
        The rover's centre line, east and north in metres.
    depth_m : float
        How deep the wheels sank, in metres.

    Notes
    -----
    Grouser marks are drawn only as strongly as :func:`grouser_weight`
    allows for the level's cells: on a grid too coarse for them the ruts are
    smooth, rather than striped at a false spacing.
    """
    track = np.full(level.height_m.shape, np.nan, dtype=np.float32)
    reach = TRACK_WIDTH_M / 2 + WHEEL_WIDTH_M
    grousers = grouser_weight(level.spacing_m)
    along_start = 0.0
    for p0, p1 in itertools.pairwise(path_m):
        seg = p1 - p0
        length = float(np.hypot(*seg))
        if length == 0:
            continue
        direction = seg / length
        mid = (p0 + p1) / 2
        found = level.window(mid[0], mid[1], length / 2 + reach)
        if found is None:
            along_start += length
            continue
        rows, cols, xs, ys = found
        rx, ry = xs - p0[0], ys - p0[1]
        t = rx * direction[0] + ry * direction[1]
        # Cross-track offset, positive to the right of the direction of travel.
        u = rx * direction[1] - ry * direction[0]
        ours = (t >= 0) & (t < length) & (np.abs(u) < reach)
        profile = _two_wheels(u, along_start + t, depth_m, grousers, level.spacing_m)
        window = track[rows, cols]
        take = ours & np.isnan(window)
        window[take] = profile[take]
        along_start += length
    pressed = ~np.isnan(track)
    level.height_m[pressed] += track[pressed]
    # Compacted soil in the ruts looks a little darker.
    level.albedo_change[pressed] += np.where(track[pressed] < 0, -0.05, 0.0).astype(
        np.float32
    )


def grouser_weight(cell_m: float) -> float:
    """Return how strongly a grid of this cell size may show grouser marks.

    A grid needs about four cells per grouser spacing to draw the marks; with
    fewer than 2.5 it would draw false stripes at another spacing (aliasing),
    so the marks fade out in between and coarse grids show smooth ruts.

    Examples
    --------
    >>> grouser_weight(0.016), grouser_weight(0.052)
    (1.0, 0.0)
    """
    cells_per_mark = GROUSER_SPACING_M / float(cell_m)
    return float(np.clip((cells_per_mark - 2.5) / 1.5, 0.0, 1.0))


def _two_wheels(
    u: np.ndarray,
    along: np.ndarray,
    depth_m: float,
    grousers: float = 1.0,
    cell_m: float = 0.0,
) -> np.ndarray:
    """Return the height change across both wheel tracks (metres).

    The rut's walls and the berms are never sharper than about a cell and a
    half of the grid (``cell_m``): a sharper edge on a coarse grid would be
    sampled differently at every cell along a slanting track, and shade as
    false stripes across it.
    """
    profile = np.zeros(np.broadcast(u, along).shape, dtype=np.float32)
    half = WHEEL_WIDTH_M / 2
    wall = max(0.012, 1.5 * cell_m)
    berm_width = max(0.015, cell_m)
    for centre in (-TRACK_WIDTH_M / 2, TRACK_WIDTH_M / 2):
        v = np.abs(u - centre)
        # A flat-bottomed rut with chevron grouser ridges across it...
        chevron = np.cos(2 * np.pi * (along + 0.5 * v) / GROUSER_SPACING_M)
        floor = np.clip((half - v) / wall + 0.5, 0.0, 1.0)
        floor = floor * floor * (3.0 - 2.0 * floor)
        rut = -depth_m * floor * (0.8 + 0.35 * grousers * chevron)
        # ... and a low berm of soil pushed aside at each edge.
        berm = 0.35 * depth_m * np.exp(-(((v - half - 0.02) / berm_width) ** 2))
        profile += rut + np.where(v >= half, berm, 0.0)
    return profile
