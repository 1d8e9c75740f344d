"""How the spacecraft's surfaces reflect sunlight: foil, solar cells, paint, metal.

Regolith and rocks scatter light diffusely (see :mod:`.lighting`). The
rover and the lander are mostly made of things that do not:

* **insulation foil** (multilayer blankets of aluminised film) is a crinkled
  mirror: each crinkle tilts the mirror a little, so the foil shows many
  small glints of the Sun and, where a crinkle faces down, a gold- or
  silver-tinted image of the sunlit ground; seams where blankets are
  taped together run in straight lines;
* **solar cells** are dark blue under smooth cover glass, which reflects a
  few per cent of the light as a sharp highlight (more at grazing angles,
  by Fresnel's law), in a grid of cells inside a light frame;
* **white paint** is matte (Lambert's law);
* **metal** (wheels, struts, footpads) has a broad, dull highlight.

Each surface is a diffuse part plus a normalised Blinn-Phong lobe for the
Sun and a mirror term for the ground, weighted by Schlick's approximation of
Fresnel's law. The sky is black, so a mirror that faces up shows nothing but
the Sun. Everything is a pure function of the surface point in its part's
own coordinates and of the material's seed: the same scene gives the same
pixels.
"""

from __future__ import annotations

import numpy as np

from .objects import Material

__all__ = [
    "BLACK_FOIL",
    "CELL_FRAME",
    "GOLD_FOIL",
    "GREY_PAINT",
    "METAL",
    "SILVER_FOIL",
    "SOLAR_CELLS",
    "SPECULAR_LAWS",
    "WHITE_PAINT",
    "surface_radiance",
]

#: Amber-coloured aluminised polyimide, the "gold foil" of lunar craft.
GOLD_FOIL = Material(
    (0.10, 0.055, 0.016), "foil", (0.85, 0.58, 0.22), 200.0, 0.14, 0.10, 0.45, 11
)
#: Silver (bare aluminised) foil.
SILVER_FOIL = Material(
    (0.10, 0.10, 0.10), "foil", (0.82, 0.82, 0.80), 200.0, 0.14, 0.10, 0.45, 12
)
#: Black outer film on top of the lander: a dark, glossy plastic.
BLACK_FOIL = Material(
    (0.025, 0.025, 0.028), "foil", (0.05, 0.05, 0.05), 200.0, 0.2, 0.08, 0.5, 13
)
#: Dark blue solar cells under cover glass; ``seam_m`` is one cell's size.
SOLAR_CELLS = Material(
    (0.02, 0.025, 0.06), "cells", (0.04, 0.04, 0.04), 900.0, 0.0, 0.05, 0.07, 14
)
#: The frame round a solar wing and its back.
CELL_FRAME = Material((0.45, 0.45, 0.44), "metal", (0.3, 0.3, 0.3), 40.0)
#: Matte white thermal paint.
WHITE_PAINT = Material((0.78, 0.78, 0.75), "paint")
#: Light grey paint, e.g. the rover's top deck.
GREY_PAINT = Material((0.42, 0.42, 0.41), "paint")
#: Bare aluminium and titanium: wheels, struts, footpads.
METAL = Material((0.35, 0.34, 0.33), "metal", (0.45, 0.44, 0.42), 30.0)

#: Laws that :func:`surface_radiance` shades (the others are diffuse).
SPECULAR_LAWS = ("foil", "cells", "metal")

_CRINKLE_WAVES = 14
# The two axes spanning a face whose normal is local x, y or z.
_IN_FACE = np.array([[1, 2], [0, 2], [0, 1]])
_FACE_OFFSET_M = np.array([[0.31, 0.17], [0.73, 0.05], [0.11, 0.59]], np.float32)
# A seam's half-width, metres: kapton tape is a few centimetres wide.
_SEAM_HALF_M = 0.012
# A cell frame's width and the gap between cells, metres.
_FRAME_M = 0.03
_GAP_M = 0.003


def _schlick(f0: np.ndarray, cos_theta: np.ndarray) -> np.ndarray:
    """Return Fresnel reflectance by Schlick's approximation, shape (n, 3)."""
    c = np.clip(1.0 - cos_theta, 0.0, 1.0)[:, None]
    c2 = c * c
    return f0 + (1.0 - f0) * (c2 * c2 * c)


def _crinkle_slope(
    material: Material, local: np.ndarray, local_n: np.ndarray
) -> np.ndarray:
    """Return the crinkles' slope vector at points in a part's own frame.

    The crinkled height is a sum of triangle waves running in seeded random
    directions across each face (laid into the face, so every face crinkles
    as finely): its slope turns quickly at creases and slowly across the
    facets between them, as in crumpled foil. Fourteen waves in random
    directions keep the creases from lining up into a visible lattice.
    """
    rng = np.random.default_rng(material.seed)
    angle = rng.uniform(0.0, np.pi, _CRINKLE_WAVES)
    wavelength = material.crinkle_m * rng.uniform(0.5, 1.8, _CRINKLE_WAVES)
    phase = rng.uniform(0.0, 2 * np.pi, _CRINKLE_WAVES).astype(np.float32)
    weight = rng.uniform(0.5, 1.0, _CRINKLE_WAVES)
    weight *= material.crinkle / np.sqrt(np.sum(weight**2) / 2)
    directions = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    wave = (directions * (2 * np.pi / wavelength)[:, None]).astype(np.float32)
    # Each point's face: the part's axis its normal is nearest to; the two
    # other axes span the face. Faces get their own offsets, so they differ.
    face = np.argmax(np.abs(local_n), axis=1)
    in_face = _IN_FACE[face]
    uv = np.take_along_axis(local, in_face, axis=1) + _FACE_OFFSET_M[face]
    # Written out rather than as a matrix product: with only two columns,
    # broadcasting is several times faster.
    s = np.sin(uv[:, :1] * wave[:, 0] + uv[:, 1:] * wave[:, 1] + phase)
    s = np.copysign(np.float32(0.5), s) + np.float32(0.5) * s
    s *= weight.astype(np.float32)
    slope = np.zeros_like(local)
    along = directions.astype(np.float32)
    slope_in_face = np.stack([s @ along[:, 0], s @ along[:, 1]], axis=1)
    np.put_along_axis(slope, in_face, slope_in_face, axis=1)
    return slope


def _seams(material: Material, local: np.ndarray, local_n: np.ndarray):
    """Return True on the taped seams between foil blankets."""
    spacing = np.float32(material.seam_m)
    on_seam = np.zeros(len(local), dtype=bool)
    for axis in range(3):
        # Seams run across a face, so only along the face's own directions.
        in_face = np.abs(local_n[:, axis]) < 0.5
        q = local[:, axis] + np.float32(0.37 * spacing * (axis + 1))
        offset = np.abs(q - spacing * np.round(q / spacing))
        on_seam |= in_face & (offset < _SEAM_HALF_M)
    return on_seam


def _cell_pattern(local, local_n, half, footprint_m, cell_m):
    """Return (frame, gap) weights of a solar wing's frame and cell gaps.

    ``frame`` is 1 on the light frame round the wing, its edges and its back;
    ``gap`` is the fraction of a pixel covered by the thin gaps between
    cells, so the grid fades to its average where a pixel holds several.
    """
    front = local_n[:, 2] > 0.5
    inner = (np.abs(local[:, 0]) < half[:, 0] - _FRAME_M) & (
        np.abs(local[:, 1]) < half[:, 1] - _FRAME_M
    )
    frame = ~(front & inner)
    gap = np.zeros(len(local), dtype=np.float32)
    for axis in (0, 1):
        q = local[:, axis] + half[:, axis]
        offset = np.abs(q - cell_m * np.round(q / cell_m))
        width = np.maximum(footprint_m, np.float32(_GAP_M))
        line = np.clip((_GAP_M + width / 2 - offset) / width, 0.0, 1.0)
        gap = np.maximum(gap, line * np.minimum(1.0, _GAP_M / width * 2))
    return frame.astype(np.float32), gap


def surface_radiance(
    material: Material,
    *,
    normal: np.ndarray,
    view: np.ndarray,
    sun: np.ndarray,
    lit: np.ndarray,
    ambient: float,
    local: np.ndarray,
    local_axes: np.ndarray,
    half_size_m: np.ndarray,
    footprint_m: np.ndarray,
    ground_rgb: np.ndarray,
) -> np.ndarray:
    """Return the linear RGB radiance of points on a specular surface.

    Parameters
    ----------
    material : Material
        The surface's material; a law other than :data:`SPECULAR_LAWS`
        (paint) is matte.
    normal, view : ndarray, shape (n, 3)
        Unit surface normals and unit directions towards the camera.
    sun : ndarray, shape (3,)
        Unit vector towards the Sun.
    lit : ndarray of bool, shape (n,)
        Where direct sunlight falls.
    ambient : float
        Light scattered from the sunlit ground into shadows (diffuse).
    local : ndarray, shape (n, 3)
        The points in their part's own frame, metres.
    local_axes : ndarray, shape (n, 3, 3)
        Each point's part axes (rows: local x, y, z in east-north-up).
    half_size_m : ndarray, shape (n, 3)
        Each point's part half sizes, metres.
    footprint_m : ndarray, shape (n,)
        How wide one pixel is at the point, metres: detail finer than this
        is averaged, not sampled, so it does not shimmer.
    ground_rgb : ndarray, shape (3,)
        Radiance of the sunlit ground, which the mirror reflects.

    Returns
    -------
    ndarray of float32, shape (n, 3)
        Radiance in the same relative units as the ground's.

    Examples
    --------
    >>> up = np.array([[0.0, 0.0, 1.0]], np.float32)
    >>> glint = surface_radiance(
    ...     METAL, normal=up, view=up, sun=up[0], lit=np.array([True]),
    ...     ambient=0.0, local=np.zeros((1, 3), np.float32),
    ...     local_axes=np.eye(3, dtype=np.float32)[None],
    ...     half_size_m=np.ones((1, 3), np.float32),
    ...     footprint_m=np.full(1, 0.01, np.float32),
    ...     ground_rgb=np.zeros(3, np.float32))
    >>> bool(glint[0, 0] > METAL.albedo_rgb[0])  # the Sun's highlight
    True
    """
    n = normal.astype(np.float32, copy=True)
    if material.law not in SPECULAR_LAWS:
        # Matte paint: Lambert's law, the same from every direction.
        cos_i = np.where(lit, np.clip(n @ sun, 0.0, None), 0.0)
        light = (cos_i + np.float32(ambient)).astype(np.float32)
        return light[:, None] * np.asarray(material.albedo_rgb, np.float32)
    local_n = np.einsum("nij,nj->ni", local_axes, n)
    albedo = np.broadcast_to(
        np.asarray(material.albedo_rgb, np.float32), (len(n), 3)
    ).copy()
    f0 = np.broadcast_to(
        np.asarray(material.specular_rgb, np.float32), (len(n), 3)
    ).copy()
    # Any array: numpy's stubs take the blurred value below for float64,
    # though float32 inputs keep it float32.
    shininess: np.ndarray = np.full(len(n), material.shininess, dtype=np.float32)
    if material.law == "foil" and material.crinkle > 0:
        # Crinkles a pixel cannot resolve widen the highlight instead.
        resolved = np.clip(2.0 - 4.0 * footprint_m / material.crinkle_m, 0.0, 1.0)
        seam = (
            _seams(material, local, local_n)
            if material.seam_m > 0
            else np.zeros(len(n), bool)
        )
        strength = np.where(seam, 0.15, 1.0).astype(np.float32) * resolved
        slope = np.einsum(
            "ni,nij->nj", _crinkle_slope(material, local, local_n), local_axes
        )
        slope -= np.einsum("ni,ni->n", slope, n)[:, None] * n
        n = n - strength[:, None] * slope
        n /= np.linalg.norm(n, axis=1, keepdims=True)
        blur = np.float32(material.crinkle) * (1.0 - resolved)
        shininess = shininess / (1.0 + shininess * blur * blur)
        # Tape is a little duller than the film it holds down.
        albedo[seam] *= 1.6
        f0[seam] *= 0.8
    elif material.law == "cells":
        # Seen at a slant, one pixel covers more of the wing.
        slant = np.clip(np.einsum("ni,ni->n", n, view), 0.1, 1.0)
        frame, gap = _cell_pattern(
            local,
            local_n,
            half_size_m,
            footprint_m / slant,
            np.float32(material.seam_m),
        )
        grey = np.array(CELL_FRAME.albedo_rgb, np.float32)
        # The back sheet between cells is a darker grey than the frame.
        albedo = albedo * (1 - 0.5 * gap[:, None]) + 0.5 * grey * gap[:, None]
        albedo = albedo * (1 - frame[:, None]) + grey * frame[:, None]
        f0 = f0 * (1 - frame[:, None]) + np.float32(0.25) * frame[:, None]
        shininess = np.where(frame > 0, np.float32(40.0), shininess)
    cos_i = np.einsum("ni,i->n", n, sun)
    cos_v = np.clip(np.einsum("ni,ni->n", n, view), 1e-3, 1.0)
    half_vec = view + sun
    half_vec /= np.maximum(np.linalg.norm(half_vec, axis=1, keepdims=True), 1e-6)
    cos_h = np.clip(np.einsum("ni,ni->n", n, half_vec), 0.0, 1.0)
    sunlit = lit & (cos_i > 0)
    direct = np.where(sunlit, cos_i, 0.0).astype(np.float32)
    radiance = albedo * (direct + np.float32(ambient))[:, None]
    # The lobe is negligible (below 1e-4 of its peak) away from the mirror
    # direction; it is worked out only where it is not.
    cutoff = np.float32(1e-4) ** (1.0 / np.maximum(shininess, 1.0))
    glint = np.flatnonzero((direct > 0) & (cos_h > cutoff))
    if glint.size:
        gloss = shininess[glint]
        lobe = (gloss + 8) / 8 * cos_h[glint] ** gloss * direct[glint]
        cos_vh = np.einsum("ni,ni->n", view[glint], half_vec[glint])
        radiance[glint] += _schlick(f0[glint], cos_vh) * lobe[:, None]
    # The mirror image: the reflected ray meets the sunlit ground when it
    # points down, the black sky when it points up; a crinkled mirror's
    # image is blurred, so the change is gradual near the horizon.
    reflected_z = 2 * cos_v * n[:, 2] - view[:, 2]
    sees_ground = np.clip(0.5 - 1.5 * reflected_z, 0.0, 1.0)
    if material.law == "cells":
        # Anti-reflective coating on the cover glass halves its mirror image.
        sees_ground *= np.float32(0.5)
    radiance += _schlick(f0, cos_v) * sees_ground[:, None] * ground_rgb
    return radiance.astype(np.float32)
