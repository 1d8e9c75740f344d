"""Sunlight on an airless world: sun direction, cast shadows and photometry."""

from __future__ import annotations

import numpy as np

__all__ = [
    "lommel_seeliger",
    "lunar_lambert",
    "phase_factor",
    "sun_vector",
    "sunbeam_heights",
]

_NO_BEAM = np.float32(-1e9)


def sun_vector(elevation_deg: float, azimuth_deg: float) -> np.ndarray:
    """Return the unit vector towards the Sun in east-north-up coordinates.

    Examples
    --------
    >>> sun_vector(0.0, 90.0).round(6).tolist()  # on the eastern horizon
    [1.0, 0.0, 0.0]
    """
    el, az = np.radians(elevation_deg), np.radians(azimuth_deg)
    return np.array([np.cos(el) * np.sin(az), np.cos(el) * np.cos(az), np.sin(el)])


def sunbeam_heights(
    height_m: np.ndarray, spacing_m: float, elevation_deg: float, azimuth_deg: float
) -> np.ndarray:
    """Return, for every cell, the height of the highest sunbeam grazing past it.

    A point lower than this beam is in the shadow of higher ground towards
    the Sun. The grid is swept once from the sunward side: the beam keeps
    the highest terrain met so far and sinks by ``tan(elevation)`` per metre
    travelled, sliding sideways when the light does not run along the grid.

    Parameters
    ----------
    height_m : ndarray, shape (n, n)
        Ground heights; rows run north, columns east.
    spacing_m : float
        Cell size in metres.
    elevation_deg, azimuth_deg : float
        The Sun's elevation and azimuth (clockwise from north) in degrees.

    Returns
    -------
    ndarray of float32, shape (n, n)
        Beam height in metres; a very low value where nothing casts shadow.

    Examples
    --------
    >>> wall = np.zeros((4, 6), dtype=np.float32)
    >>> wall[:, 1] = 1.0  # a 1 m wall; Sun 45 degrees up in the west
    >>> (sunbeam_heights(wall, 1.0, 45.0, 270.0)[0] > 0).tolist()
    [False, False, False, False, False, False]
    >>> sunbeam_heights(wall, 1.0, 45.0, 270.0)[0, 2:4].round(3).tolist()
    [0.0, -1.0]
    """
    if elevation_deg >= 89.9:
        return np.full(height_m.shape, _NO_BEAM, dtype=np.float32)
    light_x = -np.sin(np.radians(azimuth_deg))
    light_y = -np.cos(np.radians(azimuth_deg))
    along_columns = abs(light_x) >= abs(light_y)
    grid = height_m if along_columns else height_m.T
    main, side = (light_x, light_y) if along_columns else (light_y, light_x)
    shift_cells = side / abs(main)
    if abs(shift_cells) < 1e-9:
        shift_cells = 0.0
    sink_m = np.float32(
        np.tan(np.radians(elevation_deg)) * spacing_m * np.hypot(1.0, shift_cells)
    )
    rows, cols = grid.shape
    index = np.arange(rows, dtype=np.float32)
    beam = np.full(rows, _NO_BEAM, dtype=np.float32)
    out = np.empty(grid.shape, dtype=np.float32)
    order = range(cols) if main > 0 else range(cols - 1, -1, -1)
    for col in order:
        if shift_cells:
            beam = np.interp(index - shift_cells, index, beam, _NO_BEAM, _NO_BEAM)
            beam = beam.astype(np.float32)
        beam = beam - sink_m
        out[:, col] = beam
        beam = np.maximum(beam, grid[:, col])
    return out if along_columns else out.T


def lommel_seeliger(cos_i: np.ndarray, cos_e: np.ndarray) -> np.ndarray:
    """Return the Lommel-Seeliger reflectance ``cos i / (cos i + cos e)``.

    Dusty, dark surfaces such as lunar regolith follow this law better than
    Lambert's: their brightness hardly depends on the viewing angle, which is
    why the full Moon looks like a flat disc.

    Examples
    --------
    >>> float(lommel_seeliger(np.float32(1.0), np.float32(1.0)))
    0.5
    """
    cos_i = np.clip(cos_i, 0.0, None)
    cos_e = np.clip(cos_e, 1e-3, None)
    return cos_i / (cos_i + cos_e)


def phase_factor(phase_rad: np.ndarray) -> np.ndarray:
    """Return the relative brightness of regolith at a phase angle.

    Regolith is brightest looking down-Sun (phase 0, the opposition surge,
    from shadow hiding among the grains) and darkens steadily at larger
    phase angles; a smooth exponential fit is enough for pictures.

    Examples
    --------
    >>> float(phase_factor(np.float32(0.0)))
    1.0
    """
    surge = 0.25 * np.exp(-phase_rad / np.float32(0.08))
    return (np.exp(-0.5 * phase_rad) + surge) / 1.25


#: Smallest cosine of the emission angle the soil law uses. A real rough
#: surface seen edge-on shows its facets that lean towards the viewer, so
#: regolith does not brighten without limit towards grazing views as the
#: smooth Lommel-Seeliger law would; this floor stands in for that roughness
#: and keeps the edge of a crater's rim, seen exactly edge-on, from flaring.
GRAZING_COS_E = 0.25


def lunar_lambert(
    cos_i: np.ndarray, cos_e: np.ndarray, phase_rad: np.ndarray
) -> np.ndarray:
    """Return the brightness of regolith by the lunar-Lambert law.

    ``f(a) [2 L(a) cos i / (cos i + cos e) + (1 - L(a)) cos i]``: a blend of
    the Lommel-Seeliger law (how the Moon looks at small phase angles, with
    no darkening towards the limb) and Lambert's (which takes over at large
    phase angles, where slopes facing the Sun stand out brightly). The
    weight ``L`` falls from 1 at phase 0 to about 0.2 at 90 degrees, as in
    the fits of McEwen (1991, Icarus 92) to lunar images; ``f`` is
    :func:`phase_factor`. ``cos e`` is taken no smaller than
    :data:`GRAZING_COS_E`.

    Parameters
    ----------
    cos_i, cos_e : ndarray
        Cosines of the incidence and emission angles.
    phase_rad : ndarray
        Phase angle (between the directions to the Sun and to the viewer).

    Returns
    -------
    ndarray
        Relative radiance; 1 for a surface facing both Sun and viewer at
        phase 0.

    Examples
    --------
    >>> one = np.float32(1.0)
    >>> float(lunar_lambert(one, one, np.float32(0.0)))
    1.0
    """
    phase_deg = np.degrees(phase_rad)
    weight = np.clip(
        1.0 + phase_deg * (-0.019 + phase_deg * (2.42e-4 - 1.46e-6 * phase_deg)),
        0.0,
        1.0,
    )
    cos_i = np.clip(cos_i, 0.0, None)
    seeliger = cos_i / (cos_i + np.maximum(cos_e, np.float32(GRAZING_COS_E)))
    law = 2.0 * weight * seeliger + (1.0 - weight) * cos_i
    return (law * phase_factor(phase_rad)).astype(np.float32)
