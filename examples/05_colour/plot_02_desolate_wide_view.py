"""
.. _lesson-desolate-wide-view:

How far away is the horizon? A desolate wide view
=================================================

Look out from Yutu-2's mast and the Moon is empty: a gray plain, a close
horizon, a black sky. The rover drives on the floor of Von Kármán crater,
about 186 km across from rim to rim :src:`S8`, which lies inside the
:term:`South Pole–Aitken basin`, about 2,500 km across :src:`S7, S48`.
Yet in this simulated view from the mast camera, 1.5 m above the ground
:src:`S23`, not one of the crater's walls is in sight. (That is true of the
virtual scene, which has no crater walls in it; whether far-off walls or
peaks of the real crater rise above the real horizon depends on how high
they are.) In this lesson you measure how far away the horizon is and
explain it with the size of the Moon.

**Level:** intermediate · **Time:** about 20 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-how-far-tracks-run` (distance and rows);
Pythagoras' theorem.

**Keywords:** horizon, range map, Pythagoras, radius of the Moon.

**Learning goals.** After this lesson you can:

* read distances across a wide view from a range map;
* work out the distance to the horizon from the height of the camera and
  the radius of the Moon, with Pythagoras;
* explain why the horizon in a picture is not equally far in every
  direction.

.. note::

   The wide view in this lesson is **simulated**: the virtual Chang'e 4
   plain rendered through a model of the PCAM camera on a Moon of the
   standard radius. The next lesson, :ref:`lesson-beyond-the-horizon`,
   shows the real 360° panorama of the landing site when your download
   cache holds it.
"""

# %%
# The wide view
# -------------
# :func:`lunar_edu.load` serves ``"desolate-landscape"``: a real PCAM frame
# when your data folder holds one, otherwise the simulated plain, seen from
# the mast camera looking north and almost level. The Sun stands 12° high
# in the east-north-east, off to the right of the picture. The numbers at
# the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import label, polyline
from lunar_edu.answers import check, record
from lunar_edu.synth.terrain import MOON_RADIUS_M

seed = 0
sun_elevation_deg = 12.0
distances_m = (10, 30, 100, 300)  # lines of equal distance to draw

view = le.load(
    "desolate-landscape",
    size="half",
    seed=seed,
    sun_elevation=sun_elevation_deg,
)
le.show(le.develop(view))  # alt text and caption from the catalogue
print(f"Served by: {view.meta['lunar_edu.served_by']} ({view.source.kind})")
view = le.with_answer_key(view)  # measure on the simulated scene

# %%
# How far away is each part of the picture?
# -----------------------------------------
# The simulated frame knows, for every pixel, how far it is from the camera
# to the ground (``view.truth.range_m``, in metres; infinite for the sky).
# Draw lines through the pixels at equal distances. Watch how they crowd
# together towards the horizon: the farther away, the more ground fits in
# one row of pixels.

range_m = view.truth.range_m
ground = np.isfinite(range_m)
rows, columns = range_m.shape
print(f"Sky: {100 * (1 - ground.mean()):.0f} % of the picture")
half_m = np.median(range_m[ground])
print(f"Half of the ground pixels are closer than {half_m:.0f} m")
near_m = distances_m[1]
near_share = (range_m[ground] <= near_m).mean()
print(f"{100 * near_share:.0f} % of them are closer than {near_m} m")
record("median ground distance", half_m, "m", digits=0)
record(f"ground closer than {near_m:g} m", 100 * near_share, "%", digits=0)

marked = le.develop(view)
sample_columns = [*range(0, columns - 1, 24), columns - 1]
lines = []
for distance_m in distances_m:
    # In each column, the highest ground pixel that is nearer than this.
    near_enough = ground & (range_m <= distance_m)
    points = [
        (c, int(near_enough[:, c].argmax()))
        for c in sample_columns
        if near_enough[:, c].any()
    ]
    marked = polyline(marked, points)
    lines.append(points)
for number, (distance_m, points) in enumerate(
    zip(distances_m, lines, strict=True)
):
    # Labels stand side by side, so those of the crowded far lines do not
    # cover each other; the second-last goes under its line.
    at = points[(2 + 9 * number) % len(points)]
    below = number == len(distances_m) - 2
    marked = label(
        marked,
        f"{distance_m} m",
        at,
        offset_px=(0, 20 if below else -18),
        backing="box",
    )

# The horizon in each column: the first ground pixel under the sky.
top_row = ground.argmax(axis=0)
horizon_m = range_m[top_row, np.arange(columns)]
farthest_column = int(horizon_m.argmax())
farthest_m = float(horizon_m.max())
highest_column = int(top_row.argmin())  # where the horizon rises most
highest_m = float(horizon_m[highest_column])
marked = label(
    marked,
    f"farthest ground: {farthest_m / 1000:.1f} km",
    (farthest_column, int(top_row[farthest_column])),
    offset_px=(0.05 * columns, -0.2 * rows),
)
marked = label(
    marked,
    f"a rise {highest_m / 1000:.1f} km away",
    (highest_column, int(top_row[highest_column])),
    offset_px=(0.02 * columns, -0.08 * rows),
)


def side(column):
    """Return where a column lies across the picture, in words."""
    thirds = ("left", "middle", "right")
    return thirds[min(2, 3 * column // columns)]


le.show(
    marked,
    alt=(
        "The same wide view with yellow lines across the ground, "
        f"labelled {', '.join(f'{d} m' for d in distances_m)} from the "
        "bottom up, each closer to the next; the farthest lie just under "
        "the horizon. Two labels in the black sky point at the horizon: "
        f"'farthest ground: {farthest_m / 1000:.1f} km' at the "
        f"{side(farthest_column)}, and 'a rise {highest_m / 1000:.1f} km "
        f"away' at the {side(highest_column)}, where the horizon stands "
        "highest."
    ),
    caption=(
        "Lines of equal distance from the camera. Ground nearer than "
        f"{near_m} m takes up {100 * near_share:.0f} % of the ground in "
        f"the picture; everything beyond {distances_m[-1]} m is squeezed "
        "into a thin band under the horizon. The horizon is not equally "
        "far in every direction: a low rise hides the ground behind it."
    ),
    source=view.source,
)

# %%
# Where the horizon should be
# ---------------------------
# On a flat world you could see for ever. The Moon is a ball, so the ground
# curves down and away. Draw the Moon's centre, the camera a height h
# above the ground, and the line of sight that just touches the ground at
# the horizon, a distance d away: there it meets the Moon's radius R at a
# right angle. Pythagoras gives (R + h)² = R² + d², so d² = 2Rh + h². The
# camera's height is tiny next to the Moon's radius, so d ≈ √(2Rh). The
# virtual Moon has the standard radius of 1,737.4 km, an input of the model.

camera_height_m = view.camera.height_above_ground_m
horizon_formula_m = np.sqrt(2 * MOON_RADIUS_M * camera_height_m)
print(
    f"Camera {camera_height_m} m up, Moon radius {MOON_RADIUS_M / 1000} km"
)
print(f"Formula: the horizon is {horizon_formula_m / 1000:.2f} km away")
print(
    "Horizon in the picture, column by column: "
    f"{horizon_m.min() / 1000:.1f} to {horizon_m.max() / 1000:.1f} km "
    f"(half of the columns nearer than "
    f"{np.median(horizon_m) / 1000:.1f} km)"
)
record("horizon formula", horizon_formula_m / 1000, "km", digits=2)
span_km = [horizon_m.min() / 1000, horizon_m.max() / 1000]
record("horizon column by column", span_km, "km", digits=1)
record("median horizon", np.median(horizon_m) / 1000, "km", digits=1)
check(
    "farthest ground in view",
    horizon_formula_m / 1000,
    farthest_m / 1000,
    "km",
    digits=2,
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a range map gives distances across a wide view, and the far ground is
#   squeezed into a thin band under the horizon;
# * the distance to the horizon follows from the camera's height and the
#   Moon's radius, with Pythagoras;
# * a low rise can hide the ground behind it, so the horizon in a picture
#   is not equally far in every direction.

# %%
# Your turn
# ---------
# 1. The virtual lander's terrain camera sits about 2.2 m up
#    (``lunar_edu.camera.TCAM_HEIGHT_M``, the model's value). How far away
#    is its horizon? How high would a camera have to be to see twice as far
#    as the mast camera?
# 2. Change ``seed`` (the :term:`seed` of the random ground) to ``3`` and
#    run the lesson again. How far away is the farthest ground now? Why does
#    the horizon in the picture not always match the formula?
#
# Sources: the crater and the basin :src:`S8, S7, S48`; the mast height
# :src:`S23`. The radius of the Moon is a standard value, an input of the
# model.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: measuring", "skill: perspective", "topic: landing"]
