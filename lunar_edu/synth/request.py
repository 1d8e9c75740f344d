"""What a scene recipe is asked to build: the seeded randomness, the Sun, the size.

This module sits below both :mod:`~lunar_edu.synth.recipes` (which builds
scenes from a :class:`Request`) and :mod:`~lunar_edu.synth.pipeline` (which
makes the request and renders the scene), so neither imports the other
through a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..camera import scaled_camera
from ..frame import Camera, Sun

__all__ = ["MODES", "SIZES", "Request"]

#: Picture sizes: how many instrument pixels are binned along each side.
#: ``"full"`` is the instrument's own frame; ``"preview"`` (also called
#: ``"half"``) and ``"quarter"`` are smaller, faster pictures of the same
#: field of view for lessons, and match no real product.
SIZES = {"full": 1, "preview": 2, "half": 2, "quarter": 4}

#: PCAM product modes (data.md s. 1.1 file naming, s. 2.1): ``"C"`` colour, a 2352 x 1728
#: RGGB Bayer mosaic, and ``"Q"`` panchromatic, 1176 x 864 gray, 2 x 2 binned.
MODES = {"C": 1, "Q": 2}


@dataclass(frozen=True)
class Request:
    """What a recipe is asked to build.

    Parameters
    ----------
    rng : numpy.random.Generator
        Seeded source of randomness for the scene.
    sun : Sun
        The Sun's position.
    binning : int
        1, 2 or 4: instrument pixels per picture pixel along each side.
    altitude_m : float, optional
        Camera altitude for the descent camera (``None``: the recipe's).
    detail_binning : int, optional
        Binning that sets how finely the ground is built (:attr:`cells`);
        ``binning`` when not given. A PCAM ``-Q`` frame is rendered through
        a 2 x 2 binned camera from the very ground of the ``-C`` frame, so
        it asks for binning 2 with detail binning 1.
    """

    rng: np.random.Generator
    sun: Sun
    binning: int
    altitude_m: float | None = None
    detail_binning: int | None = None

    @property
    def cells(self) -> int:
        """Return grid cells per side for terrain, fewer for small pictures."""
        detail = self.binning if self.detail_binning is None else self.detail_binning
        return {1: 1024, 2: 768}.get(detail, 512)

    def camera(self, camera: Camera, **pointing) -> Camera:
        """Return an instrument camera pointed as given, at the asked size."""
        return scaled_camera(replace(camera, **pointing), self.binning)
