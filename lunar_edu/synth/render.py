"""Cast every pixel's ray into the scene, find what it meets and how it is lit.

The ground is found column by column: the terrain along a column's line of
sight is sampled from the camera outwards, each sample is projected back into
the column, and the running highest projection tells which pixels see which
sample, so nearer hills hide what lies behind them. A camera looking
straight down (the descent camera) instead refines each ray's flat-ground
hit a few times. Rocks, the rover and the lander are then intersected
exactly, shadows cast by the terrain and by every object are found, and the
surface is shaded with a lunar photometric law. Everything is vectorised
numpy in float32.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ..camera import camera_axes, focal_length_px, world_to_pixel
from ..frame import Camera, Sun
from .craters import Crater
from .lighting import lunar_lambert, sun_vector
from .materials import SPECULAR_LAWS, surface_radiance
from .objects import Material, Primitive, SceneObject, intersect
from .terrain import Level, Terrain

__all__ = ["Geometry", "Rendered", "Scene", "project", "render", "shade", "trace"]

_COLUMN_CHUNK = 192
# Rows between terrain samples along a column's line of sight.
_ROW_STEP = 1.5
_SHADOW_OFFSET_M = np.float32(2e-3)
# Smallest cosine between a seen soil normal and the direction to the camera.
_FACING_MIN = np.float32(0.05)


@dataclass(eq=False)
class Scene:
    """Everything needed to render one picture.

    Parameters
    ----------
    camera : Camera
        The camera, standing at east = north = 0, ``height_above_ground_m``
        above the ground there.
    sun : Sun
        Where the Sun stands.
    terrain : Terrain
        The ground.
    objects : list of SceneObject
        Rocks, rover and lander.
    craters : list of Crater
        Craters carved into the terrain (for the truth).
    detail : Level, optional
        A small repeating grid of millimetre relief and albedo for close-ups.
    soil_albedo : float
        Reflectance of mature regolith (about 0.1 on a mare).
    soil_tint_rgb : tuple of float
        Colour of the soil relative to gray: lunar soil is very slightly
        brownish (redder towards longer wavelengths).
    """

    camera: Camera
    sun: Sun
    terrain: Terrain
    objects: list[SceneObject] = field(default_factory=list)
    craters: list[Crater] = field(default_factory=list)
    detail: Level | None = None
    soil_albedo: float = 0.11
    soil_tint_rgb: tuple[float, float, float] = (1.06, 1.0, 0.91)


@dataclass(eq=False)
class Rendered:
    """What the renderer found for every pixel."""

    radiance_rgb: np.ndarray
    range_m: np.ndarray
    object_index: np.ndarray
    soil_mask: np.ndarray
    sunlit: np.ndarray | None = None
    #: Per pixel, the index in ``primitives`` of the object part seen, -1 for none.
    part_index: np.ndarray | None = None
    primitives: list = field(default_factory=list)


def _pixel_rays(camera: Camera) -> np.ndarray:
    """Return unit rays of every pixel, shape (rows, cols, 3), float32."""
    right, down, forward = camera_axes(camera).astype(np.float32)
    cx, cy = camera.centre_px
    f = np.float32(focal_length_px(camera))
    dx = np.arange(camera.width_px, dtype=np.float32) - np.float32(cx)
    dy = np.arange(camera.height_px, dtype=np.float32) - np.float32(cy)
    rays = np.empty((camera.height_px, camera.width_px, 3), dtype=np.float32)

    def fill(band: slice) -> None:
        part = (
            dx[None, :, None] * right
            + dy[band, None, None] * down
            + (f * forward)[None, None]
        )
        part /= np.linalg.norm(part, axis=2, keepdims=True)
        rays[band] = part

    _in_parallel(fill, _row_bands(camera.height_px, 4))
    return rays


def project(camera: Camera, points_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return pixel (x, y) and depth along the optical axis of world points.

    Parameters
    ----------
    camera : Camera
        The camera, at east = north = 0 and ``height_above_ground_m`` up.
    points_m : ndarray, shape (..., 3)
        Points in east-north-up metres.

    Returns
    -------
    xy_px : ndarray, shape (..., 2)
        Column and row (:func:`lunar_edu.camera.world_to_pixel`; NaN behind
        the camera).
    depth_m : ndarray, shape (...)
        Distance in front of the camera along its optical axis.

    Examples
    --------
    >>> from lunar_edu.camera import PCAM
    >>> xy, depth = project(PCAM, np.array([0.0, 10.0, 1.5]))
    >>> round(float(xy[0]), 3)
    1175.5
    """
    points = np.asarray(points_m, dtype=float)
    forward = camera_axes(camera)[2]
    eye = np.array([0.0, 0.0, camera.height_above_ground_m or 0.0])
    depth = (points - eye) @ forward
    return world_to_pixel(camera, points), depth


def _ground_by_columns(
    camera: Camera, terrain: Terrain, rays: np.ndarray
) -> np.ndarray:
    """Return the range to the ground of every pixel of a forward-looking camera."""
    rows, cols = camera.height_px, camera.width_px
    height = np.float32(camera.height_above_ground_m)
    right, down, forward = camera_axes(camera).astype(np.float32)
    f = np.float32(focal_length_px(camera))
    cx, cy = camera.centre_px
    # Rays are level at the row where down_z * dy = -f forward_z; sample the
    # column's line of sight on flat ground from below the picture up to
    # where it would meet the ground ~6 km away, one row at a time.
    level_dy = -f * forward[2] / down[2] if down[2] != 0 else np.inf
    near_horizon_dy = level_dy + f * (height / 6000.0) / max(abs(down[2]), 1e-6)
    top_dy = max(near_horizon_dy, -cy - 40.0)
    bottom_dy = rows - 1 - cy + 2.0
    if top_dy >= bottom_dy:
        return np.full((rows, cols), np.inf, dtype=np.float32)
    sample_dy = np.arange(bottom_dy, top_dy, -_ROW_STEP, dtype=np.float32)
    count = len(sample_dy)
    range_m = np.full((rows, cols), np.inf, dtype=np.float32)
    row_index = np.arange(rows + 1)[:, None]

    def march(c0: int) -> None:
        c1 = min(c0 + _COLUMN_CHUNK, cols)
        dx = np.arange(c0, c1, dtype=np.float32) - np.float32(cx)
        d = (
            dx[None, :, None] * right
            + sample_dy[:, None, None] * down
            + (f * forward)[None, None]
        )
        t_flat = height / -d[..., 2]
        gx = t_flat * d[..., 0]
        gy = t_flat * d[..., 1]
        gz = terrain.height_m(gx, gy)
        vz = gz - height
        depth = gx * forward[0] + gy * forward[1] + vz * forward[2]
        proj = np.float32(cy) + f * (gx * down[0] + gy * down[1] + vz * down[2]) / depth
        proj = np.where(depth > 0, proj, np.float32(rows + 1))
        highest = np.minimum.accumulate(proj, axis=0)
        # Row r_k first reached at sample k; each newly reached row is marked.
        reach = np.clip(np.ceil(highest), 0, rows).astype(np.int32)
        previous = np.vstack([np.full((1, c1 - c0), rows + 1, np.int32), reach[:-1]])
        new = reach < previous
        first = np.full((rows + 1, c1 - c0), count, dtype=np.int32)
        ks, cs = np.nonzero(new)
        first[reach[ks, cs], cs] = ks
        marked = np.where(first < count, row_index, -1)
        source_row = np.maximum.accumulate(marked, axis=0)[:rows]
        lanes = np.arange(c1 - c0)[None, :]
        k = np.where(source_row >= 0, first[np.maximum(source_row, 0), lanes], count)
        seen = k < count
        k = np.minimum(k, count - 1)
        k_prev = np.maximum(k - 1, 0)
        y = np.arange(rows, dtype=np.float32)[:, None]
        # Interpolate between the two samples' own projections: behind a
        # crater's rim the sample before the first one seen again is hidden,
        # and the running highest (the rim's) would put the hit on the hidden
        # floor instead of on the far wall between those two samples.
        h_prev, h_here = proj[k_prev, lanes], proj[k, lanes]
        span = h_prev - h_here
        with np.errstate(divide="ignore", invalid="ignore"):
            a = np.where(span > 0, (h_prev - y) / span, 1.0)
        a = np.clip(np.where(k > 0, a, 1.0), 0.0, 1.0).astype(np.float32)
        hit_z = gz[k_prev, lanes] * (1 - a) + gz[k, lanes] * a
        hit_x = gx[k_prev, lanes] * (1 - a) + gx[k, lanes] * a
        hit_y = gy[k_prev, lanes] * (1 - a) + gy[k, lanes] * a
        ray = rays[:, c0:c1]
        steep = -ray[..., 2] > 0.03
        with np.errstate(divide="ignore", invalid="ignore"):
            t_height = (height - hit_z) / -ray[..., 2]
            t_flat_h = np.hypot(hit_x, hit_y) / np.hypot(ray[..., 0], ray[..., 1])
        t = np.where(steep, t_height, t_flat_h)
        t = np.where(seen, t, np.inf)
        range_m[:, c0:c1] = t

    _in_parallel(march, range(0, cols, _COLUMN_CHUNK))
    return range_m


def _refine(terrain, height, rays, t, active, *, passes):
    """Move hits onto the exact ray: ``t = (H - h(x(t), y(t))) / -d_z``.

    This fixed-point step converges when the ground's slope times the tangent
    of the ray's angle from the vertical stays below 1 (crater walls of 35°
    seen 22° off nadir: 0.28, so each pass shrinks the error about fourfold).
    """
    t = t.copy()

    def refine_band(band: slice) -> None:
        # Each band of rows is refined on its own, so bands can run in threads.
        t_band, on, ray = t[band], active[band], rays[band]
        dx, dy, dz = ray[..., 0][on], ray[..., 1][on], ray[..., 2][on]
        here = t_band[on]
        for _ in range(passes):
            h = terrain.height_m(dx * here, dy * here)
            better = (height - h) / -dz
            # A step that would put the ground behind the camera is not taken.
            here = np.where(np.isfinite(better) & (better > 0), better, here)
        t_band[on] = here

    _in_parallel(refine_band, _row_bands(t.shape[0]))
    return t


def _ground_from_above(camera: Camera, terrain: Terrain, rays: np.ndarray):
    """Return the range to the ground of every pixel of a down-looking camera."""
    height = np.float32(camera.height_above_ground_m)
    with np.errstate(divide="ignore"):
        t = np.where(rays[..., 2] < 0, height / -rays[..., 2], np.inf)
    active = np.isfinite(t)
    return _refine(terrain, height, rays, t.astype(np.float32), active, passes=8)


@dataclass(eq=False)
class Geometry:
    """What every pixel sees, before any light falls on it.

    The same geometry can be lit by several Suns (see :func:`shade`): the
    ground, the objects and their surfaces do not depend on the light.
    """

    rays: np.ndarray
    range_m: np.ndarray
    hit: np.ndarray
    points: np.ndarray
    normal: np.ndarray
    albedo: np.ndarray
    soil: np.ndarray
    material: np.ndarray
    object_index: np.ndarray
    materials: list[Material]
    #: Per pixel, the index in ``primitives`` of the object part seen, -1 for none.
    part_index: np.ndarray | None = None
    primitives: list = field(default_factory=list)


def render(scene: Scene) -> Rendered:
    """Render a scene through its camera.

    Parameters
    ----------
    scene : Scene
        The scene, whose camera sets the picture size.

    Returns
    -------
    Rendered
        Linear radiance (relative units) in red, green and blue, range in
        metres (``inf`` for sky), the index of the object each pixel sees
        (-1 for ground or sky) and a mask of pixels that see soil.
    """
    return shade(scene, trace(scene))


def trace(scene: Scene) -> Geometry:
    """Find what every pixel's ray meets: ground or object, and its surface.

    Parameters
    ----------
    scene : Scene
        The scene; its Sun is not used.

    Returns
    -------
    Geometry
        Per-pixel range, surface point, normal, albedo and material.
    """
    camera = scene.camera
    rays = _pixel_rays(camera)
    origin = np.array([0.0, 0.0, camera.height_above_ground_m], dtype=np.float32)
    if camera.pitch_deg <= -60.0:
        t = _ground_from_above(camera, scene.terrain, rays)
    else:
        t = _ground_by_columns(camera, scene.terrain, rays)
    rows, cols = t.shape
    normal = np.zeros((rows, cols, 3), dtype=np.float32)
    material = np.full((rows, cols), -1, dtype=np.int16)
    object_index = np.full((rows, cols), -1, dtype=np.int16)
    materials: list[Material] = []
    part_index = np.full((rows, cols), -1, dtype=np.int32)
    primitives: list[Primitive] = []
    flat_t, flat_rays = t.reshape(-1), rays.reshape(-1, 3)
    flat_normal, flat_material = normal.reshape(-1, 3), material.reshape(-1)
    flat_object, flat_part = object_index.reshape(-1), part_index.reshape(-1)
    for index, obj in enumerate(scene.objects):
        for prim in obj.primitives:
            pixels = _screen_pixels(camera, prim.corners_m())
            if pixels is None:
                continue
            hit_t, hit_n = intersect(prim, origin, flat_rays[pixels])
            nearer = hit_t < flat_t[pixels]
            if not nearer.any():
                continue
            if prim.material not in materials:
                materials.append(prim.material)
            seen = pixels[nearer]
            flat_t[seen] = hit_t[nearer]
            flat_normal[seen] = hit_n[nearer]
            flat_material[seen] = materials.index(prim.material)
            flat_object[seen] = index
            flat_part[seen] = len(primitives)
            primitives.append(prim)

    hit = np.isfinite(t)
    points = np.empty((rows, cols, 3), dtype=np.float32)
    albedo = np.zeros((rows, cols), dtype=np.float32)
    soil = hit & (material < 0)

    def surface_band(band: slice) -> None:
        _surface(scene, band, origin, rays, t, hit, soil, points, normal, albedo)

    _in_parallel(surface_band, _row_bands(rows))
    range_m = np.where(hit, t, np.inf).astype(np.float32)
    return Geometry(
        rays, range_m, hit, points, normal, albedo, soil, material, object_index,
        materials, part_index, primitives,
    )  # fmt: skip


def shade(scene: Scene, geometry: Geometry) -> Rendered:
    """Light traced geometry with the scene's Sun: shadows, then brightness.

    The terrain must already be lit for this Sun
    (:meth:`~lunar_edu.synth.terrain.Terrain.light`); ``geometry`` is only
    read, so it can be shaded again under another Sun.

    Parameters
    ----------
    scene : Scene
        The scene, with the Sun to use.
    geometry : Geometry
        From :func:`trace` of the same scene.

    Returns
    -------
    Rendered
        As :func:`render`.
    """
    g = geometry
    rows, cols = g.hit.shape
    shadow = np.zeros((rows, cols), dtype=bool)
    sun = sun_vector(scene.sun.elevation_deg, scene.sun.azimuth_deg).astype(np.float32)
    bands = _row_bands(rows)
    if scene.sun.elevation_deg < 89.9:

        def shadow_band(band: slice) -> None:
            _terrain_shadow(scene, band, g.points, g.normal, g.hit, shadow)

        _in_parallel(shadow_band, bands)
    if scene.sun.elevation_deg > 0:
        lifted = g.points + g.normal * _SHADOW_OFFSET_M
        _cast_object_shadows(scene, sun, lifted, g.hit, shadow)
    radiance = np.zeros((rows, cols, 3), dtype=np.float32)
    sunlit = np.zeros((rows, cols), dtype=bool)

    def shade_band(band: slice) -> None:
        parts = None if g.part_index is None else g.part_index[band]
        radiance[band], sunlit[band] = _shade(
            scene, g.rays[band], g.normal[band], sun, shadow[band], g.hit[band],
            g.soil[band], g.albedo[band], g.material[band], g.materials,
            g.points[band], (parts, g.primitives),
        )  # fmt: skip

    _in_parallel(shade_band, bands)
    if scene.sun.elevation_deg <= 0:
        sunlit[:] = False
    return Rendered(
        radiance, g.range_m, g.object_index, g.soil, sunlit, g.part_index, g.primitives
    )


def _row_bands(rows: int, count: int = 8) -> list[slice]:
    """Return slices cutting the rows into a few bands of similar size."""
    edges = np.linspace(0, rows, count + 1).astype(int)
    return [slice(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _in_parallel(work, items) -> None:
    """Run ``work`` on each item, on all cores: numpy frees the GIL in its loops.

    Each call writes only its own part of the shared arrays, so the result
    does not depend on the order in which the calls finish.
    """
    workers = min(4, os.cpu_count() or 1)
    if workers == 1:
        for item in items:
            work(item)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(work, item) for item in items]:
            future.result()


def _surface(scene, band, origin, rays, t, hit, soil, points, normal, albedo) -> None:
    """Fill in the surface point, normal and albedo of the soil in some rows."""
    camera = scene.camera
    band_t = np.where(hit[band], t[band], 0)
    points[band] = origin + rays[band] * band_t[..., None]
    soil_here = soil[band]
    if not soil_here.any():
        return
    p = points[band]
    sx, sy = p[..., 0][soil_here], p[..., 1][soil_here]
    # A pixel's footprint on the ground is stretched along the line of sight
    # when the ray grazes the ground. Its long side sets how fine a detail it
    # can show: finer relief, sampled once per pixel, would alias into noise
    # and, row after row of a grazing view, into long horizontal streaks.
    grazing = np.maximum(np.abs(rays[band][..., 2][soil_here]), np.float32(0.01))
    footprint = (
        band_t[soil_here]
        * np.float32(camera.pixel_size_um * 1e-3 / camera.focal_length_mm)
        / grazing
    )
    soil_z, slope_x, slope_y, soil_albedo = scene.terrain.surface(
        sx, sy, footprint_m=footprint
    )
    # Snap soil points onto the ground, so shadow tests are not fooled by
    # the small error of where a ray was found to meet it.
    p[..., 2][soil_here] = soil_z
    if scene.detail is not None:
        slope_x, slope_y, soil_albedo = _add_detail(
            scene.detail, sx, sy, footprint, slope_x, slope_y, soil_albedo
        )
    soil_n = np.stack([-slope_x, -slope_y, np.ones_like(slope_x)], axis=1)
    soil_n /= np.linalg.norm(soil_n, axis=1, keepdims=True)
    # A pixel can only see ground that faces it. Where a ray just clears a
    # crater's rim, the slope interpolated from the grid can still lean away
    # from the camera; what the pixel really sees is the rounded crest, seen
    # edge-on: its normal is the one square to the ray that points most
    # nearly up, tipped a little towards the camera.
    towards_camera = -rays[band][soil_here]
    facing = np.einsum("ij,ij->i", soil_n, towards_camera)
    edge_on = facing < _FACING_MIN
    if edge_on.any():
        v = towards_camera[edge_on]
        crest = -v[:, 2:3] * v
        crest[:, 2] += 1.0
        crest /= np.maximum(np.linalg.norm(crest, axis=1, keepdims=True), 1e-6)
        crest += _FACING_MIN * v
        soil_n[edge_on] = crest / np.linalg.norm(crest, axis=1, keepdims=True)
    normal[band][soil_here] = soil_n
    albedo[band][soil_here] = scene.soil_albedo * soil_albedo


def _terrain_shadow(scene, band, points, normal, hit, shadow) -> None:
    """Mark the points of some rows that higher ground hides from the Sun."""
    hit_here = hit[band]
    if not hit_here.any():
        return
    lifted = points[band][hit_here] + normal[band][hit_here] * _SHADOW_OFFSET_M
    shadow[band][hit_here] = scene.terrain.in_shadow(
        lifted[:, 0], lifted[:, 1], lifted[:, 2]
    )


def _add_detail(detail, x, y, footprint, slope_x, slope_y, albedo):
    """Add millimetre bumps and albedo speckle where pixels are small enough."""
    # Fade the detail out where one pixel covers more than about a cell, so
    # distant ground does not shimmer.
    weight = np.clip(2.0 - footprint / np.float32(detail.spacing_m), 0.0, 1.0)
    near = np.flatnonzero(weight > 0)
    span = np.float32(detail.cells * detail.spacing_m)
    chunk = 1 << 19
    for start in range(0, near.size, chunk):
        part = near[start : start + chunk]
        wx = np.mod(x[part] - detail.x0_m, span) + np.float32(detail.x0_m)
        wy = np.mod(y[part] - detail.y0_m, span) + np.float32(detail.y0_m)
        values, _ = detail.gather(wx, wy, 4)
        w = weight[part]
        slope_x[part] += w * values[1]
        slope_y[part] += w * values[2]
        albedo[part] += w * values[3]
    return slope_x, slope_y, albedo


def _screen_box(camera: Camera, corners: np.ndarray, *, margin_px: int = 2):
    """Return the pixel rectangle (r0, r1, c0, c1) covering 3-D corners, or None."""
    rows, cols = camera.height_px, camera.width_px
    right, down, forward = camera_axes(camera)
    v = corners - np.array([0.0, 0.0, camera.height_above_ground_m or 0.0])
    across, below, depth = v @ right, v @ down, v @ forward
    f = focal_length_px(camera)
    cx, cy = camera.centre_px
    # Outside the view pyramid when every corner lies beyond one of its sides.
    if (
        np.all(depth <= 0.01)
        or np.all(across * f < -(cx + 1) * depth)
        or np.all(across * f > (cols - cx) * depth)
        or np.all(below * f < -(cy + 1) * depth)
        or np.all(below * f > (rows - cy) * depth)
    ):
        return None
    if np.any(depth <= 0.01):
        return 0, rows, 0, cols
    x = cx + f * across / depth
    y = cy + f * below / depth
    c0 = max(int(np.floor(x.min())) - margin_px, 0)
    c1 = min(int(np.ceil(x.max())) + margin_px + 1, cols)
    r0 = max(int(np.floor(y.min())) - margin_px, 0)
    r1 = min(int(np.ceil(y.max())) + margin_px + 1, rows)
    if c0 >= c1 or r0 >= r1:
        return None
    return r0, r1, c0, c1


def _screen_pixels(camera: Camera, corners: np.ndarray, *, margin_px: float = 1.5):
    """Return the flat indices of the pixels that may see a shape, or None.

    The picture of a convex shape lies inside the convex hull of its
    bounding box's projected corners, so a thin slanting rod is tested only
    on the pixels along it, not on its whole screen rectangle.
    """
    box = _screen_box(camera, corners)
    if box is None:
        return None
    r0, r1, c0, c1 = box
    cols = camera.width_px
    right, down, forward = camera_axes(camera)
    v = corners - np.array([0.0, 0.0, camera.height_above_ground_m or 0.0])
    depth = v @ forward
    if np.any(depth <= 0.01) or (r1 - r0) * (c1 - c0) < 256:
        rows_in = np.arange(r0, r1)
        return (rows_in[:, None] * cols + np.arange(c0, c1)[None, :]).ravel()
    f = focal_length_px(camera)
    cx, cy = camera.centre_px
    x = cx + f * (v @ right) / depth
    y = cy + f * (v @ down) / depth
    hull = _hull(np.stack([x, y], axis=1))
    rows_in = np.arange(r0, r1, dtype=float)
    lo = np.full(rows_in.shape, np.inf)
    hi = np.full(rows_in.shape, -np.inf)
    for (xa, ya), (xb, yb) in zip(hull, np.roll(hull, -1, axis=0), strict=True):
        for yy in (rows_in - 0.5, rows_in + 0.5):
            if yb != ya:
                s = (yy - ya) / (yb - ya)
                ok = (s >= 0) & (s <= 1)
                xs = xa + s * (xb - xa)
                lo = np.where(ok, np.minimum(lo, xs), lo)
                hi = np.where(ok, np.maximum(hi, xs), hi)
        near = np.abs(rows_in - ya) <= 0.5
        lo = np.where(near, np.minimum(lo, xa), lo)
        hi = np.where(near, np.maximum(hi, xa), hi)
    start = np.maximum(np.floor(lo - margin_px), c0)
    stop = np.minimum(np.ceil(hi + margin_px) + 1, c1)
    keep = np.isfinite(lo) & (stop > start)
    if not keep.any():
        return None
    start, stop = start[keep].astype(np.int64), stop[keep].astype(np.int64)
    row_of = rows_in[keep].astype(np.int64)
    counts = stop - start
    first = np.repeat(row_of * cols + start - np.cumsum(counts) + counts, counts)
    return first + np.arange(int(counts.sum()))


def _turn(a, b, c) -> float:
    """Return the cross product of b - a and c - a: > 0 for a left turn."""
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _hull(points: np.ndarray) -> np.ndarray:
    """Return the convex hull of a few 2-D points, counter-clockwise (Andrew)."""
    pts = sorted(map(tuple, points))

    def half(seq: Iterable[tuple[float, ...]]) -> list[tuple[float, ...]]:
        chain: list[tuple[float, ...]] = []
        for p in seq:
            while len(chain) >= 2 and _turn(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(pts), half(reversed(pts))
    return np.array(lower[:-1] + upper[:-1], dtype=float)


def _shadow_regions(scene, sun):
    """Yield each object, its bounding sphere and the ground box it can shade.

    The box is (lo, hi) in east and north, and ``top`` the highest point:
    nothing above it can be in the object's shadow.
    """
    tan_el = np.tan(np.radians(max(scene.sun.elevation_deg, 0.3)))
    direction = -sun[:2] / max(float(np.hypot(*sun[:2])), 1e-9)
    for obj in scene.objects:
        low, high = obj.bounds_m()
        # Shadows fall on ground at most a little below the object's base.
        base = obj.top_m[2] - obj.size_m if obj.kind == "rock" else low[2]
        floor = base - (0.2 if obj.kind == "rock" else 0.5)
        drop = min((high[2] - floor) / tan_el, 2000.0)
        along = direction * drop
        lo = np.minimum(low[:2], low[:2] + along)
        hi = np.maximum(high[:2], high[:2] + along)
        centre = (low + high) / 2
        radius = float(np.linalg.norm(high - low) / 2)
        yield obj, centre, radius, lo, hi, high[2]


def _sun_frame(sun: np.ndarray) -> np.ndarray:
    """Return rows: two unit vectors across the sunlight, then towards the Sun."""
    across = np.cross(sun, [0.0, 0.0, 1.0])
    if np.linalg.norm(across) < 1e-6:
        across = np.array([1.0, 0.0, 0.0])
    across /= np.linalg.norm(across)
    return np.stack([across, np.cross(sun, across), sun]).astype(np.float32)


def _towards_sphere(uvw, centre_uvw, radius) -> np.ndarray:
    """Return True where a ray towards the Sun passes a sphere (sun-frame coords)."""
    du = uvw[:, 0] - centre_uvw[0]
    dv = uvw[:, 1] - centre_uvw[1]
    return (du * du + dv * dv <= np.float32(radius * radius)) & (
        uvw[:, 2] < centre_uvw[2] + np.float32(radius)
    )


def _capsule(prim, frame: np.ndarray) -> tuple:
    """Return a capsule round a shape in the sun frame: its ends and radius.

    The segment runs along the shape's longest axis; the radius reaches the
    far corner across it. A thin rod's capsule is far smaller than its
    bounding sphere, so far fewer shadow rays are tested against it.
    """
    longest = int(np.argmax(prim.half_size_m))
    reach = prim.axes[longest] * prim.half_size_m[longest]
    across = np.delete(prim.half_size_m, longest)
    ends = np.stack([prim.centre_m - reach, prim.centre_m + reach]) @ frame.T
    return ends.astype(np.float32), np.float32(np.linalg.norm(across))


def _towards_capsule(uvw, ends, radius) -> np.ndarray:
    """Return True where a ray towards the Sun passes a capsule (sun-frame coords)."""
    a, b = ends
    du, dv = b[0] - a[0], b[1] - a[1]
    length2 = du * du + dv * dv
    pu, pv = uvw[:, 0] - a[0], uvw[:, 1] - a[1]
    if length2 > 0:
        t = np.clip((pu * du + pv * dv) / length2, 0.0, 1.0)
        pu, pv = pu - t * du, pv - t * dv
    return (pu * pu + pv * pv <= radius * radius) & (
        uvw[:, 2] < max(a[2], b[2]) + radius
    )


def _part_groups(obj: SceneObject) -> list:
    """Return (centre, radius, primitives) of each named part of an object.

    A rover has a few hundred shapes; testing a shadow ray against one
    sphere per part first skips most of them.
    """
    by_part: dict = {}
    for prim in obj.primitives:
        if prim.casts_shadow:
            by_part.setdefault(prim.part or id(prim), []).append(prim)
    groups = []
    for prims in by_part.values():
        low = np.min([q.centre_m - q.bounding_radius_m for q in prims], axis=0)
        high = np.max([q.centre_m + q.bounding_radius_m for q in prims], axis=0)
        centre = (low + high) / 2
        radius = max(
            float(np.linalg.norm(q.centre_m - centre)) + q.bounding_radius_m
            for q in prims
        )
        groups.append((centre, radius, prims))
    return groups


def _cast_object_shadows(scene, sun, lifted, hit, shadow) -> None:
    """Mark the points that rocks, the rover or the lander hide from the Sun."""
    regions = list(_shadow_regions(scene, sun))
    if not regions:
        return
    cols = hit.shape[1]
    flat_shadow = shadow.reshape(-1)
    # A shadow box reaches down to the lowest visible surface point.
    z_low = float(lifted[..., 2][hit].min()) if hit.any() else 0.0
    frame = _sun_frame(sun)

    def candidates(region):
        """Return the points an object might shade, in pieces of similar size."""
        obj, centre, radius, p_lo, p_hi, top = region
        # Only pixels inside the picture of the ground box can see a point in
        # it (perspective keeps a box in front of the camera convex).
        corners = np.array(
            [[x, y, z] for x in (p_lo[0], p_hi[0]) for y in (p_lo[1], p_hi[1])
             for z in (z_low, top)]
        )  # fmt: skip
        box = _screen_box(scene.camera, corners)
        if box is None:
            return []
        r0, r1, c0, c1 = box
        p = lifted[r0:r1, c0:c1]
        keep = (
            hit[r0:r1, c0:c1]
            & ~shadow[r0:r1, c0:c1]
            & (p[..., 0] >= p_lo[0])
            & (p[..., 0] <= p_hi[0])
            & (p[..., 1] >= p_lo[1])
            & (p[..., 1] <= p_hi[1])
            & (p[..., 2] <= top)
        )
        rows_in, cols_in = np.nonzero(keep)
        pixels = (rows_in + r0) * cols + (cols_in + c0)
        p = p[rows_in, cols_in]
        # Only rays towards the Sun passing the object's bounding sphere can
        # hit it; in a frame aligned with the sunlight this is a disc test.
        uvw = p @ frame.T
        near = _towards_sphere(uvw, frame @ centre, radius)
        pixels, p, uvw = pixels[near], p[near], uvw[near]
        piece = 1 << 16
        return [
            (obj, pixels[i : i + piece], p[i : i + piece], uvw[i : i + piece])
            for i in range(0, pixels.size, piece)
        ]

    groups = {id(region[0]): _part_groups(region[0]) for region in regions}
    capsules = {
        id(prim): _capsule(prim, frame)
        for region in regions
        for prim in region[0].primitives
    }

    def cast(task) -> None:
        obj, pixels, p, uvw = task
        # Sorted across the sunlight, the points a part can shade are one
        # slice found by bisection, not a test of every point.
        order = np.argsort(uvw[:, 0], kind="stable")
        pixels, p, uvw = pixels[order], p[order], uvw[order]
        u = uvw[:, 0]
        blocked = np.zeros(len(p), dtype=bool)
        for group_centre, group_radius, prims in groups[id(obj)]:
            centre = frame @ group_centre
            lo, hi = np.searchsorted(
                u, [centre[0] - group_radius, centre[0] + group_radius]
            )
            if hi <= lo:
                continue
            rows = lo + np.flatnonzero(
                ~blocked[lo:hi] & _towards_sphere(uvw[lo:hi], centre, group_radius)
            )
            for prim in prims:
                if rows.size == 0:
                    break
                near = _towards_capsule(uvw[rows], *capsules[id(prim)])
                if not near.any():
                    continue
                t, _ = intersect(
                    prim, p[rows[near]], np.broadcast_to(sun, (int(near.sum()), 3))
                )
                hit_rows = rows[near][np.isfinite(t)]
                blocked[hit_rows] = True
                rows = rows[~blocked[rows]]
        flat_shadow[pixels[blocked]] = True

    tasks = [task for region in regions for task in candidates(region)]
    # Pieces are independent; a pixel only ever turns to shadow, so the
    # result does not depend on which thread gets there first.
    _in_parallel(cast, tasks)


def _shade(
    scene, rays, normal, sun, shadow, hit, soil, albedo, material, materials, points,
    parts=(None, ()),
):  # fmt: skip
    """Return linear RGB radiance of every pixel, and where direct sunlight falls."""
    rows, cols = hit.shape
    view = -rays
    cos_i = np.einsum("ijk,k->ij", normal, sun)
    cos_e = np.einsum("ijk,ijk->ij", normal, view)
    phase = np.arccos(np.clip(np.einsum("ijk,k->ij", view, sun), -1.0, 1.0))
    lit = hit & ~shadow & (cos_i > 0)
    elevation = np.radians(max(scene.sun.elevation_deg, 0.0))
    # Shadows are not black: the sunlit ground around them lights them a little.
    ambient = np.float32(0.06 * np.sin(elevation) / (np.sin(elevation) + 0.3))
    regolith = lunar_lambert(cos_i, cos_e, phase)
    lambert = np.clip(cos_i, 0.0, None)
    radiance = np.zeros((rows, cols, 3), dtype=np.float32)
    tint = np.asarray(scene.soil_tint_rgb, dtype=np.float32)
    soil_light = np.where(lit, regolith, 0.0) + ambient
    radiance[soil] = (albedo[soil] * soil_light[soil])[:, None] * tint
    for index, mat in enumerate(materials):
        mask = material == index
        if not mask.any():
            continue
        colour = np.asarray(mat.albedo_rgb, dtype=np.float32)
        if mat.law in SPECULAR_LAWS and parts[0] is not None:
            radiance[mask] = _specular(
                scene, mat, mask, rays, normal, sun, lit, ambient, points, parts
            )
            continue
        if mat.law == "rock":
            law = 0.6 * regolith[mask] + 0.4 * lambert[mask]
        elif mat.law == "foil":
            law = lambert[mask] * _crinkle(points[mask])
        else:
            law = lambert[mask]
        light = np.where(lit[mask], law, 0.0) + ambient
        radiance[mask] = light[:, None] * colour
    return radiance, lit


def _specular(scene, mat, mask, rays, normal, sun, lit, ambient, points, parts):
    """Return the radiance of the pixels ``mask`` of a foil, cell or metal part."""
    part_index, primitives = parts
    # Gather once by index: every boolean mask would scan the whole band.
    at = np.flatnonzero(mask)
    which = part_index.reshape(-1)[at]
    here = points.reshape(-1, 3)[at]
    centres = np.array([p.centre_m for p in primitives], dtype=np.float32)
    axes = np.array([p.axes for p in primitives], dtype=np.float32)
    halves = np.array([p.half_size_m for p in primitives], dtype=np.float32)
    axes_here = axes[which]
    local = np.einsum("nij,nj->ni", axes_here, here - centres[which])
    eye = np.array([0.0, 0.0, scene.camera.height_above_ground_m], np.float32)
    distance = np.linalg.norm(here - eye, axis=1)
    camera = scene.camera
    radians_per_px = camera.pixel_size_um * 1e-3 / camera.focal_length_mm
    footprint = distance * np.float32(radians_per_px)
    # The mirror sees sunlit ground all round: flat, lit at the Sun's height.
    elevation = np.radians(max(scene.sun.elevation_deg, 0.0))
    ground_brightness = np.float32(scene.soil_albedo * np.sin(elevation))
    ground_rgb = ground_brightness * np.asarray(scene.soil_tint_rgb, np.float32)
    return surface_radiance(
        mat,
        normal=normal.reshape(-1, 3)[at],
        view=-rays.reshape(-1, 3)[at],
        sun=sun,
        lit=lit.reshape(-1)[at],
        ambient=float(ambient),
        local=local,
        local_axes=axes_here,
        half_size_m=halves[which],
        footprint_m=footprint.astype(np.float32),
        ground_rgb=ground_rgb,
    )


def _crinkle(points: np.ndarray) -> np.ndarray:
    """Return a wrinkled brightness factor, like crumpled insulation foil."""
    x, y, z = points[:, 0], points[:, 1], points[:, 2]
    folds = np.sin(41.0 * x + 13.0 * z + 7.0 * np.sin(23.0 * y)) * np.sin(
        37.0 * y - 19.0 * z + 5.0 * np.sin(29.0 * x)
    )
    return 0.55 + 0.9 * folds * folds
