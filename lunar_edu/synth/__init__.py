"""The virtual Chang'e 4: simulated scenes through the real cameras.

A seeded, physically lit lunar scene (cratered regolith, rocks, wheel tracks,
the Yutu-2 rover and the Chang'e 4 lander) is rendered through a model of
PCAM, TCAM or LCAM and stored in that camera's CLEP layout, with the ground
truth a measurement lesson checks against. Every frame is labelled
simulated.

Modules: ``terrain`` (nested height grids), ``craters``, ``tracks``,
``objects`` (analytic shapes and ray hits), ``models`` (rover, lander,
rocks), ``materials`` (foil, solar cells, paint and metal), ``lighting``
(sun, shadows, photometry), ``render`` (rays to
radiance), ``exposure`` (sensor and layout), ``request`` (what a recipe is
asked to build), ``scenery`` and ``recipes`` (the named scenes), ``truth``
(the answer key), ``pipeline`` (``render_scene``, ``render_series``) and
``testscene`` (minimal scenes with known answers).
"""

from __future__ import annotations

from .errors import SceneError, UnknownRecipeError
from .pipeline import render_scene, render_series
from .recipes import RECIPES, Recipe
from .request import MODES, SIZES

__all__ = [
    "MODES",
    "RECIPES",
    "SIZES",
    "Recipe",
    "SceneError",
    "UnknownRecipeError",
    "render_scene",
    "render_series",
]
