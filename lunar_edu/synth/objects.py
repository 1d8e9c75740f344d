"""Solid shapes placed on the ground, and where a ray first meets them.

Rocks, the rover and the lander are built from three analytic shapes:
ellipsoids, boxes and cylinders, each with its own orientation. A ray is
intersected with them exactly, so their outlines and shadows stay sharp at
any distance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Material", "Primitive", "SceneObject", "frame_along", "intersect"]

_EPS = np.float32(1e-5)


@dataclass(frozen=True)
class Material:
    """How a surface reflects light.

    Parameters
    ----------
    albedo_rgb : tuple of float
        Diffuse reflectance in red, green and blue (0-1).
    law : {"regolith", "rock", "lambert", "paint", "foil", "cells", "metal"}
        ``"regolith"`` and ``"rock"`` follow Lommel-Seeliger (rock with some
        Lambert mixed in); ``"lambert"`` and ``"paint"`` are matte;
        ``"foil"`` (crinkled insulation foil), ``"cells"`` (solar cells under
        cover glass) and ``"metal"`` add a specular lobe and a mirror image of
        the sunlit ground (see :mod:`~lunar_edu.synth.materials`).
    specular_rgb : tuple of float
        Mirror reflectance at normal incidence (Fresnel ``F0``), 0 for none.
    shininess : float
        Exponent of the normalised Blinn-Phong lobe: large is a small,
        sharp highlight.
    crinkle : float
        Typical slope of the crinkles (foil), 0 for a smooth surface.
    crinkle_m : float
        Typical size of one crinkle, metres.
    seam_m : float
        Spacing of foil seams (foil) or size of one solar cell (cells), metres;
        0 for none.
    seed : int
        Seeds the crinkle pattern, so it is the same in every render.
    """

    albedo_rgb: tuple[float, float, float]
    law: str = "lambert"
    specular_rgb: tuple[float, float, float] = (0.0, 0.0, 0.0)
    shininess: float = 0.0
    crinkle: float = 0.0
    crinkle_m: float = 0.05
    seam_m: float = 0.0
    seed: int = 0


@dataclass(frozen=True, eq=False)
class Primitive:
    """One analytic shape.

    Parameters
    ----------
    shape : {"ellipsoid", "box", "cylinder"}
        A cylinder's axis is its local z axis.
    centre_m : ndarray, shape (3,)
        Centre in east-north-up metres.
    half_size_m : ndarray, shape (3,)
        Semi-axes (ellipsoid), half sizes (box) or (radius, radius, half
        length) (cylinder) along the local axes.
    axes : ndarray, shape (3, 3)
        Rows are the local x, y and z axes as unit vectors in east-north-up.
    material : Material
        How it reflects light.
    part : str
        Which named part of its object it belongs to (e.g. ``"wheel-1"``),
        so the truth can give each part its pixel box; ``""`` for none.
    casts_shadow : bool
        False for a detail too small to cast a shadow worth its cost (a
        wheel's grousers, a lens).
    """

    shape: str
    centre_m: np.ndarray
    half_size_m: np.ndarray
    axes: np.ndarray
    material: Material
    part: str = ""
    casts_shadow: bool = True

    def corners_m(self) -> np.ndarray:
        """Return the 8 corners of the shape's own bounding box, shape (8, 3)."""
        signs = np.array(
            [[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], float
        )
        return self.centre_m + (signs * self.half_size_m) @ self.axes

    @property
    def bounding_radius_m(self) -> float:
        """Return the radius of a sphere around the centre enclosing the shape."""
        return float(np.linalg.norm(self.half_size_m))


@dataclass(frozen=True)
class Landmark:
    """A named part of an object that a lesson can label, e.g. the ramp.

    Parameters
    ----------
    name : str
        What the part is, e.g. ``"ramp"`` or ``"mast camera"``.
    point_m : ndarray, shape (3,)
        A point on the part's surface, east-north-up metres.
    size_m : float
        The part's size in metres (its length, or width for a wheel); the
        sizes of model parts are estimates (see ``models``).
    part : str
        The ``part`` of the primitives that make it up (its pixel box in
        the truth), ``""`` for a point only.
    alternates_m : tuple of ndarray
        Other points on the part, tried in turn when ``point_m`` is hidden
        (a wing seen end-on shows its edge, not its middle).
    fallback : bool
        When every point is hidden but some of the part shows, list the part
        at one of its visible pixels; False for a point that matters
        itself (where a wheel touches the ground).
    """

    name: str
    point_m: np.ndarray
    size_m: float
    part: str = ""
    alternates_m: tuple = ()
    fallback: bool = True


@dataclass(eq=False)
class SceneObject:
    """A named thing in the scene made of primitives (a rock, the rover...).

    Parameters
    ----------
    name : str
        Name used in the frame's truth, e.g. ``"rock-3"``.
    kind : str
        ``"rock"``, ``"rover"`` or ``"lander"``.
    primitives : list of Primitive
        Its parts.
    size_m : float
        Its true size for the truth: a rock's height above the ground, the
        rover's or lander's length.
    top_m : ndarray, shape (3,)
        The point a lesson points at (a rock's top).
    info : dict
        Extra facts about it (a rock's shape and width).
    landmarks : list of Landmark
        Named parts a lesson can label (the rover's mast camera, the
        lander's ramp...).
    """

    name: str
    kind: str
    primitives: list[Primitive]
    size_m: float
    top_m: np.ndarray
    info: dict = field(default_factory=dict)
    landmarks: list[Landmark] = field(default_factory=list)

    def bounds_m(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the low and high corners of a box enclosing the object."""
        lows = [p.centre_m - p.bounding_radius_m for p in self.primitives]
        highs = [p.centre_m + p.bounding_radius_m for p in self.primitives]
        return np.min(lows, axis=0), np.max(highs, axis=0)

    def middle_m(self) -> np.ndarray:
        """Return the middle of the object's body (of all of it, if it has none).

        The rover's mast or the lander's long antennas would pull the middle
        of the whole object's bounds up and away from what one calls "the
        rover" or "the lander".
        """
        body = [p for p in self.primitives if p.part == "body"] or self.primitives
        lows = [p.centre_m - p.bounding_radius_m for p in body]
        highs = [p.centre_m + p.bounding_radius_m for p in body]
        return (np.min(lows, axis=0) + np.max(highs, axis=0)) / 2


def frame_along(axis: ArrayLike, hint: ArrayLike | None = None) -> np.ndarray:
    """Return local axes whose z axis points along ``axis``.

    ``axis`` and ``hint`` are 3-vectors (any array-like, e.g. a list).

    Examples
    --------
    >>> frame_along(np.array([0.0, 0.0, 2.0])).round(3).tolist()[2]
    [0.0, 0.0, 1.0]
    """
    z = np.asarray(axis, dtype=float)
    z = z / np.linalg.norm(z)
    hint = np.array([0.0, 0.0, 1.0]) if hint is None else np.asarray(hint, float)
    if abs(float(z @ hint)) > 0.99:
        hint = np.array([1.0, 0.0, 0.0])
    x = np.cross(hint, z)
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    return np.stack([x, y, z])


def intersect(
    prim: Primitive, origins: np.ndarray, directions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return where rays first meet a primitive, and the surface normal there.

    Parameters
    ----------
    prim : Primitive
        The shape.
    origins : ndarray, shape (n, 3) or (3,)
        Ray starts in east-north-up metres, or one start shared by all rays.
    directions : ndarray, shape (n, 3)
        Unit ray directions.

    Returns
    -------
    t : ndarray of float32, shape (n,)
        Distance along each ray to the first hit in front of its start,
        ``inf`` for a miss.
    normal : ndarray of float32, shape (n, 3)
        Outward unit normal at the hit (undefined for a miss).

    Examples
    --------
    >>> ball = Primitive("ellipsoid", np.zeros(3), np.ones(3), np.eye(3),
    ...                  Material((0.1, 0.1, 0.1)))
    >>> t, n = intersect(ball, np.array([[0.0, -5.0, 0.0]]),
    ...                  np.array([[0.0, 1.0, 0.0]]))
    >>> float(t[0]), n[0].tolist()
    (4.0, [0.0, -1.0, 0.0])
    """
    axes = prim.axes.astype(np.float32)
    if origins.ndim == 1:
        # All rays start at one point (the camera): transform it once.
        o = ((origins - prim.centre_m) @ prim.axes.T).astype(np.float32)[None, :]
    else:
        o = (origins - prim.centre_m.astype(np.float32)) @ axes.T
    d = directions.astype(np.float32) @ axes.T
    half = prim.half_size_m.astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if prim.shape == "ellipsoid":
            t, n_local = _ellipsoid(o, d, half)
        elif prim.shape == "box":
            t, n_local = _box(o, d, half)
        else:
            t, n_local = _cylinder(o, d, half)
    normal = n_local @ axes
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), _EPS)
    return t.astype(np.float32), normal.astype(np.float32)


def _ellipsoid(o, d, half):
    os, ds = o / half, d / half
    a = (ds * ds).sum(axis=1)
    b = 2 * (os * ds).sum(axis=1)
    c = (os * os).sum(axis=1) - 1
    disc = b * b - 4 * a * c
    root = np.sqrt(np.where(disc >= 0, disc, 0))
    near = (-b - root) / (2 * a)
    far = (-b + root) / (2 * a)
    t = np.where(near > _EPS, near, np.where(far > _EPS, far, np.inf))
    t = np.where(disc >= 0, t, np.inf)
    hit = os + np.where(np.isfinite(t), t, 0)[:, None] * ds
    return t, hit / half


def _box(o, d, half):
    t1 = (-half - o) / d
    t2 = (half - o) / d
    lo = np.minimum(t1, t2)
    hi = np.maximum(t1, t2)
    lo = np.where(np.isnan(lo), -np.inf, lo)
    hi = np.where(np.isnan(hi), np.inf, hi)
    t_enter = lo.max(axis=1)
    t_exit = hi.min(axis=1)
    hit = (t_exit >= t_enter) & (t_exit > _EPS)
    t = np.where(hit, np.where(t_enter > _EPS, t_enter, t_exit), np.inf)
    face = np.argmax(lo, axis=1)
    normal = np.zeros_like(d)
    rows = np.arange(len(d))
    normal[rows, face] = -np.sign(d[rows, face])
    return t, normal


def _cylinder(o, d, half):
    radius, length = half[0], half[2]
    a = d[:, 0] ** 2 + d[:, 1] ** 2
    b = 2 * (o[:, 0] * d[:, 0] + o[:, 1] * d[:, 1])
    c = np.broadcast_to(o[:, 0] ** 2 + o[:, 1] ** 2 - radius**2, a.shape)
    disc = b * b - 4 * a * c
    root = np.sqrt(np.where(disc >= 0, disc, 0))
    candidates = []
    for sign in (-1, 1):
        ts = (-b + sign * root) / (2 * a)
        z = o[:, 2] + ts * d[:, 2]
        ok = (disc >= 0) & (np.abs(z) <= length) & (ts > _EPS)
        candidates.append(np.where(ok, ts, np.inf))
    side = np.minimum(*candidates)
    caps = []
    for end in (-length, length):
        tc = (end - o[:, 2]) / d[:, 2]
        px = o[:, 0] + tc * d[:, 0]
        py = o[:, 1] + tc * d[:, 1]
        ok = (px * px + py * py <= radius**2) & (tc > _EPS)
        caps.append(np.where(ok, tc, np.inf))
    cap = np.minimum(*caps)
    t = np.minimum(side, cap)
    finite = np.where(np.isfinite(t), t, 0)[:, None]
    hit = o + finite * d
    side_normal = np.stack([hit[:, 0], hit[:, 1], np.zeros_like(t)], axis=1)
    cap_normal = np.stack(
        [np.zeros_like(t), np.zeros_like(t), np.sign(hit[:, 2])], axis=1
    )
    normal = np.where((side <= cap)[:, None], side_normal, cap_normal)
    return t, normal
