"""The scene recipes: one per picture subject of the image catalogue.

Each recipe places the camera (PCAM on Yutu-2's mast, TCAM on the lander or
LCAM during descent), the ground, rocks, tracks, rover and lander so that its
subject shows at a glance. Positions are metres east and north of the ground
point below the camera; the camera looks along ``yaw`` (degrees clockwise
from north). The default Sun of the lander-camera scenes is the one in a real
Chang'e 4 TCAM label (incidence 72.94°, so elevation 17.06°, azimuth 288.44°;
data.md section 2.1).

Every default Sun is one the real Sun takes at the landing site, 45.4° S
(see :mod:`lunar_edu.sunlight`): there it always stands in the northern half
of the sky, rising near azimuth 90°, highest (about 45°) due north at noon,
setting near 270°. Each camera's ``yaw`` is chosen with its Sun, so that the
light falls across the picture the way its subject needs (except the polar
crater, which is not at the site).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..camera import LCAM, PCAM, TCAM, field_of_view_deg
from .craters import Crater, carve_crater, crater_population
from .models import lander, rover
from .noise import fractal_field
from .render import Scene
from .request import Request
from .scenery import detail_level, ground, scatter_rocks
from .terrain import Level, Terrain
from .tracks import arc_path

__all__ = ["RECIPES", "Recipe"]


@dataclass(frozen=True)
class Recipe:
    """A named scene of the virtual Chang'e 4.

    Parameters
    ----------
    name : str
        The recipe name used by ``render_scene`` and the catalogue.
    title : str
        A short human title.
    camera_name : {"PCAM", "TCAM", "LCAM"}
        The instrument that takes the picture.
    default_sun_elevation_deg, default_sun_azimuth_deg : float
        The Sun used when none is given.
    description : str
        What the picture shows, in one sentence.
    build : callable
        Builds the ``Scene`` (``lunar_edu.synth.render``) for a request.
    """

    name: str
    title: str
    camera_name: str
    default_sun_elevation_deg: float
    default_sun_azimuth_deg: float
    description: str
    build: Callable[[Request], Scene]


def _look(yaw_deg: float) -> tuple[float, float]:
    return (float(np.sin(np.radians(yaw_deg))), float(np.cos(np.radians(yaw_deg))))


def _ahead(
    yaw_deg: float, distance_m: float, side_m: float = 0.0
) -> tuple[float, float]:
    """Return the point ``distance_m`` ahead and ``side_m`` to the right."""
    fx, fy = _look(yaw_deg)
    return (distance_m * fx + side_m * fy, distance_m * fy - side_m * fx)


def _on_ground(terrain: Terrain, xy) -> tuple[float, float, float]:
    z = terrain.height_m(np.array([xy[0]], np.float32), np.array([xy[1]], np.float32))
    return (float(xy[0]), float(xy[1]), float(z[0]))


def _plain(
    request: Request,
    yaw_deg: float,
    *,
    rocks: int = 120,
    rock_largest_m: float = 0.5,
    rock_extent_m: float = 30.0,
    **ground_options,
):
    """Return terrain, craters and rocks of a plain ahead of a camera."""
    rng = request.rng
    terrain, craters = ground(
        rng, look_xy=_look(yaw_deg), cells=request.cells, **ground_options
    )
    stones = scatter_rocks(
        rng,
        terrain,
        count=rocks,
        centre_xy=_ahead(yaw_deg, rock_extent_m * 0.45),
        extent_m=rock_extent_m,
        largest_m=rock_largest_m,
    )
    return terrain, craters, stones


def _pcam_scene(request, yaw_deg, pitch_deg, terrain, craters, objects) -> Scene:
    return Scene(
        camera=request.camera(PCAM, pitch_deg=pitch_deg, yaw_deg=yaw_deg),
        sun=request.sun,
        terrain=terrain,
        objects=objects,
        craters=craters,
        detail=detail_level(request.rng),
    )


# --- PCAM scenes from the rover's mast -----------------------------------------


def _rover_tracks(request: Request) -> Scene:
    yaw = 180.0
    lander_xy = _ahead(yaw, 22.0, 0.8)
    # The rover came down the ramp and drove here in a gentle S; its tracks
    # lead back from under the mast to the foot of the ramp.
    ramp_foot = _ahead(yaw, 18.6, 0.8)
    path = arc_path(ramp_foot, yaw + 180.0 + 6.0, 19.5, turn_deg_per_m=-0.7)
    terrain, craters, stones = _plain(
        request, yaw, track_paths=(path,), near_extent_m=40.0, rocks=70
    )
    the_lander = lander(_on_ground(terrain, lander_xy), yaw + 180.0)
    objects = [*_clear_of(stones, path), the_lander]
    return _pcam_scene(request, yaw, -4.5, terrain, craters, objects)


def _clear_of(stones, path, margin_m: float = 0.8):
    """Drop rocks lying on a rover path (the rover would have driven round)."""
    keep = []
    for stone in stones:
        distance = np.min(np.hypot(*(path - stone.top_m[:2]).T))
        if distance > margin_m:
            keep.append(stone)
    return keep


def _more_tracks(request: Request) -> Scene:
    yaw = 146.0
    path = arc_path((0.0, 0.0), yaw, 60.0, turn_deg_per_m=1.6)
    terrain, craters, stones = _plain(
        request, yaw, track_paths=(path,), near_extent_m=40.0, rocks=90
    )
    return _pcam_scene(request, yaw, -6.0, terrain, craters, _clear_of(stones, path))


def _smoother_high_sun(request: Request) -> Scene:
    yaw = 252.0
    terrain, craters, stones = _plain(request, yaw, rocks=160, near_relief_m=0.015)
    return _pcam_scene(request, yaw, -9.0, terrain, craters, stones)


def _long_shadows(request: Request) -> Scene:
    yaw = 334.0
    terrain, craters, stones = _plain(
        request, yaw, rocks=160, rock_largest_m=0.7, near_relief_m=0.015
    )
    return _pcam_scene(request, yaw, -9.0, terrain, craters, stones)


def _little_craters(request: Request) -> Scene:
    # The camera looks towards the afternoon Sun (298 degrees): the far inner
    # wall of each bowl, the one nearest the Sun, is then in shadow, which is
    # what shows a crater; with the Sun behind the camera they hardly show.
    yaw = 298.0
    rng = request.rng
    chosen = []
    for distance, side, diameter in (
        (6.5, -0.8, 0.6),
        (8.0, 1.0, 1.4),
        (11.0, -1.6, 2.6),
        (13.5, 1.5, 0.9),
        (9.5, 0.0, 0.35),
        (16.0, -0.2, 3.2),
        (7.2, 1.7, 0.4),
    ):
        x, y = _ahead(yaw, distance, side)
        chosen.append(Crater(x, y, diameter, float(rng.uniform(0.55, 1.0))))
    terrain, craters, stones = _plain(
        request, yaw, extra_craters=tuple(chosen), rocks=60, near_extent_m=36.0
    )
    return _pcam_scene(request, yaw, -11.0, terrain, craters, stones)


def _desolate(request: Request) -> Scene:
    yaw = 358.0
    terrain, craters, stones = _plain(
        request, yaw, rocks=60, rock_extent_m=60.0, far_relief_m=1.5
    )
    return _pcam_scene(request, yaw, -2.5, terrain, craters, stones)


def _lander_from_rover(request: Request) -> Scene:
    yaw = 282.0
    # PCAM's 19.7 x 14.5 degree view holds the whole lander from about 14 m;
    # real close-ups from about 10 m were mosaics of several frames.
    lander_xy = _ahead(yaw, 14.0)
    path = arc_path(_ahead(yaw, 10.6), yaw + 180.0, 10.0, turn_deg_per_m=2.0)
    terrain, craters, stones = _plain(request, yaw, rocks=60, track_paths=(path,))
    the_lander = lander(_on_ground(terrain, lander_xy), yaw + 180.0)
    stones = [
        s
        for s in _clear_of(stones, path)
        if np.hypot(*(s.top_m[:2] - np.asarray(lander_xy))) > 2.6
    ]
    return _pcam_scene(request, yaw, -1.2, terrain, craters, [*stones, the_lander])


def _nearby_crater(request: Request) -> Scene:
    yaw = 313.0
    big = Crater(*_ahead(yaw, 10.5), diameter_m=7.0, freshness=0.9)
    terrain, craters, stones = _plain(
        request, yaw, extra_craters=(big,), rocks=90, near_extent_m=36.0
    )
    stones = [
        s for s in stones if np.hypot(s.top_m[0] - big.x_m, s.top_m[1] - big.y_m) > 3.8
    ]
    return _pcam_scene(request, yaw, -8.0, terrain, craters, stones)


def _gray_moon(request: Request) -> Scene:
    yaw = 45.0
    terrain, craters, stones = _plain(request, yaw, rocks=70)
    return _pcam_scene(request, yaw, -12.0, terrain, craters, stones)


def _dry_ground(request: Request) -> Scene:
    yaw = 182.0
    # The wheel marks cross the view diagonally, about 2.6 m from the mast.
    path = arc_path(_ahead(yaw, 1.0, -2.8), yaw + 60.0, 8.0, turn_deg_per_m=2.0)
    terrain, craters = ground(
        request.rng,
        look_xy=_look(yaw),
        cells=request.cells,
        near_extent_m=12.0,
        near_relief_m=0.012,
        track_paths=(path,),
        crater_count=120,
    )
    stones = scatter_rocks(
        request.rng,
        terrain,
        count=60,
        centre_xy=_ahead(yaw, 3.0),
        extent_m=5.0,
        smallest_m=0.01,
        largest_m=0.08,
    )
    return _pcam_scene(request, yaw, -32.0, terrain, craters, _clear_of(stones, path))


# --- TCAM scenes from the lander -----------------------------------------------


def _tcam_scene(request, yaw, pitch, distance_m, heading_offset, turn) -> Scene:
    rover_xy = _ahead(yaw, distance_m, 0.3)
    start = _ahead(yaw, 2.2)
    heading = yaw + heading_offset
    path = arc_path(start, yaw, distance_m - 2.2, turn_deg_per_m=turn)
    path = np.vstack([path, [rover_xy]])
    terrain, craters = ground(
        request.rng,
        look_xy=_look(yaw),
        cells=request.cells,
        track_paths=(path,),
        # A rover a few metres away gets a fine near grid (2 cm cells at half
        # size), fine enough for the grouser marks in its tracks.
        near_extent_m=max(16.0, 1.2 * distance_m + 4.0),
    )
    stones = scatter_rocks(
        request.rng,
        terrain,
        count=110,
        centre_xy=_ahead(yaw, 0.6 * distance_m + 6),
        extent_m=1.2 * distance_m + 12,
        keep_clear_m=2.0,
    )
    yutu = rover(_on_ground(terrain, rover_xy), heading)
    stones = [
        s
        for s in _clear_of(stones, path)
        if np.hypot(*(s.top_m[:2] - np.asarray(rover_xy))) > 1.5
    ]
    camera = request.camera(TCAM, pitch_deg=pitch, yaw_deg=yaw)
    return Scene(
        camera=camera,
        sun=request.sun,
        terrain=terrain,
        objects=[*stones, yutu],
        craters=craters,
        detail=detail_level(request.rng),
    )


def _rover_driving_away(request: Request) -> Scene:
    return _tcam_scene(request, 10.0, -11.0, 7.5, 8.0, 1.0)


def _farewell_rover(request: Request) -> Scene:
    return _tcam_scene(request, 350.0, -3.0, 38.0, -12.0, -0.4)


# --- LCAM scenes from above ----------------------------------------------------


def _lcam_ground(request: Request, altitude_m: float, *, relief: float):
    """Return terrain filling the descent camera's view, and the view's width."""
    rng = request.rng
    width_m = 2 * altitude_m * np.tan(np.radians(field_of_view_deg(LCAM)[0] / 2))
    cells = request.cells
    base = Level.around((0.0, 0.0), 4 * width_m, max(cells // 2, 256), fades=False)
    view = Level.around((0.0, 0.0), 1.5 * width_m, cells, fades=True)
    # Drawn at full-size resolution, then coarsened: see scenery.ground.
    base.height_m[:] = (
        relief * 4 * width_m * fractal_field(rng, 512, slope=1.8, out_size=base.cells)
    )
    view.height_m[:] = (
        relief
        * width_m
        * fractal_field(rng, 1024, slope=1.7, longest_cells=341, out_size=view.cells)
    )
    view.albedo_change[:] = 0.05 * fractal_field(
        rng, 1024, slope=1.0, out_size=view.cells
    )
    return base, view, width_m


def _descent_view(request: Request) -> Scene:
    altitude = request.altitude_m or 100.0
    base, view, width = _lcam_ground(request, altitude, relief=0.002)
    rng = request.rng
    centre = Crater(
        float(rng.uniform(-0.12, 0.12) * width),
        float(rng.uniform(-0.12, 0.12) * width),
        float(rng.uniform(0.16, 0.22) * width),
        float(rng.uniform(0.75, 1.0)),
    )
    return _lcam_scene(
        request, altitude, base, view, width, centre, largest=0.12, count=420
    )


def _polar_crater(request: Request) -> Scene:
    altitude = request.altitude_m or 1800.0
    base, view, width = _lcam_ground(request, altitude, relief=0.0015)
    main = Crater(0.03 * width, -0.02 * width, 0.42 * width, 0.95)
    return _lcam_scene(
        request, altitude, base, view, width, main, largest=0.1, count=300,
        soil_albedo=0.16, soil_tint_rgb=(1.03, 1.0, 0.95),
    )  # fmt: skip


def _lcam_scene(
    request: Request,
    altitude: float,
    base: Level,
    view: Level,
    width: float,
    main: Crater,
    *,
    largest: float,
    count: int,
    **look,
) -> Scene:
    """Return a descent-camera scene: one main crater among a population.

    ``largest`` is the biggest crater of the population as a fraction of the
    view's width; ``look`` passes soil albedo and tint on to the scene.
    """
    craters = [
        main,
        *crater_population(
            request.rng,
            centre_xy_m=(0.0, 0.0),
            extent_m=1.5 * width,
            smallest_m=6 * 1.5 * width / 1024,
            largest_m=largest * width,
            count=count,
        ),
    ]
    for crater in craters:
        carve_crater(view, crater)
    terrain = Terrain([base, view], curvature=False)
    camera = request.camera(LCAM, height_above_ground_m=altitude)
    return Scene(
        camera=camera, sun=request.sun, terrain=terrain, craters=craters, **look
    )


_TCAM_SUN = (17.06, 288.44)

RECIPES: dict[str, Recipe] = {
    r.name: r
    for r in (
        Recipe(
            "rover-driving-away",
            "Yutu-2 drives away",
            "TCAM",
            *_TCAM_SUN,
            "Yutu-2 a few metres from the lander, driving away, its tracks behind it.",
            _rover_driving_away,
        ),
        Recipe(
            "rover-tracks",
            "Tracks back to the lander",
            "PCAM",
            20.0,
            68.0,
            "The rover's two wheel tracks leading back toward the lander.",
            _rover_tracks,
        ),
        Recipe(
            "smoother-high-sun",
            "The same ground under a high Sun",
            "PCAM",
            44.0,
            12.0,
            "Rocky, cratered ground under a high Sun: shadows shrink and the "
            "relief fades.",
            _smoother_high_sun,
        ),
        Recipe(
            "little-craters",
            "Little craters",
            "PCAM",
            25.0,
            298.0,
            "Several small craters, tens of centimetres to a few metres "
            "across, near the rover.",
            _little_craters,
        ),
        Recipe(
            "desolate-landscape",
            "A desolate landscape",
            "PCAM",
            12.0,
            78.0,
            "A wide view to the close horizon: black sky over a gray, cratered plain.",
            _desolate,
        ),
        Recipe(
            "lander-from-rover",
            "The lander seen from the rover",
            "PCAM",
            25.0,
            62.0,
            "The Chang'e 4 lander about 14 m away, seen from Yutu-2's mast.",
            _lander_from_rover,
        ),
        Recipe(
            "more-tracks",
            "Tracks curving away",
            "PCAM",
            22.0,
            66.0,
            "Wheel tracks curving away across the plain.",
            _more_tracks,
        ),
        Recipe(
            "nearby-crater",
            "A crater nearby",
            "PCAM",
            20.0,
            68.0,
            "One crater about 7 m across, its rim and its sunlit far wall.",
            _nearby_crater,
        ),
        Recipe(
            "long-shadows-low-sun",
            "Long shadows under a low Sun",
            "PCAM",
            6.0,
            84.0,
            "Rocks casting long shadows under a Sun 6 degrees high.",
            _long_shadows,
        ),
        Recipe(
            "gray-moon",
            "How gray the Moon is",
            "PCAM",
            35.0,
            315.0,
            "A colour frame of plain regolith, almost neutral gray once "
            "white-balanced.",
            _gray_moon,
        ),
        Recipe(
            "dry-ground",
            "Dry, powdery ground",
            "PCAM",
            20.0,
            292.0,
            "A close look at dry, powdery regolith crossed by wheel marks.",
            _dry_ground,
        ),
        Recipe(
            "polar-shaded-crater",
            "A crater in permanent shadow",
            "LCAM",
            1.5,
            0.0,
            "A crater near the pole seen from above, its floor in shadow "
            "under a Sun 1.5 degrees high.",
            _polar_crater,
        ),
        Recipe(
            "farewell-rover",
            "Farewell, Yutu-2",
            "TCAM",
            *_TCAM_SUN,
            "The rover small and far off: a last look from the lander.",
            _farewell_rover,
        ),
        Recipe(
            "descent-view",
            "The ground below during descent",
            "LCAM",
            20.0,
            292.0,
            "Cratered ground straight below the lander during its descent, 100 m up.",
            _descent_view,
        ),
    )
}
