"""
.. _lesson-little-crater-sizes:

How big are the little craters? Sizes from pixels and distance
==============================================================

In a picture from the rover's mast a crater far away looks small and a
near one looks big, so its width in pixels alone says nothing about its
real size. You need two numbers: how many pixels wide it looks, and how
far away it is. In this lesson you take the craters that the last lesson
found in a picture from the rover's panoramic camera (PCAM), work out how
far away each one is from the camera's height alone, turn its width in
pixels into metres, and label the picture with the results.

**Level:** intermediate · **Time:** about 25 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-little-craters` (finding the craters);
:ref:`lesson-rover-driving-away` (size from distance).

**Keywords:** crater, diameter, range, perspective, ground sample distance.

**Learning goals.** After this lesson you can:

* explain why a crater's size in a picture depends on its distance;
* estimate a crater's diameter from its width in pixels and its range,
  *D* ≈ *w* × *R* × *p* / *f*;
* explain why a method can be off in the same direction every time.

.. note::

   The pictures in this lesson are **simulated**: a lunar scene rendered by
   lunar_edu through a model of the PCAM camera. Real PCAM pictures are
   Chang'e 4 data products of China's Lunar Exploration Program (CNSA/CLEP).
   When you have one, the lesson shows it first and then measures on the
   simulated scene, because only that one comes with an answer key.
"""

# %%
# Load the picture
# ----------------
# The same picture as in the last lesson, now with a sky map: the rover's
# mast camera, 1.5 m above the ground :src:`S23`, looks a little down
# towards :term:`azimuth` 298°. Which crater is the biggest? The one that
# looks biggest may just be the nearest. The numbers at the top are the
# ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import (
    OKABE_ITO,
    crater_outline_px,
    ground_point,
    highlight,
    label,
    magnifier,
    ring,
    sun_compass,
)
from lunar_edu.answers import check, record
from lunar_edu.camera import ground_sample_distance
from lunar_edu.measure import crater_patches

sun_elevation_deg = 25.0
sun_azimuth_deg = 298.0  # the camera looks towards 298°: into the Sun
seed = 0
dark_fraction = 0.6  # crater pixels are darker than 60 % of the plain
fewest_rows_px = 8  # a patch must be at least this many pixels tall

light = {"sun_elevation": sun_elevation_deg, "sun_azimuth": sun_azimuth_deg}
frame = le.load("little-craters", seed=seed, size="half", **light)
if frame.truth is None:
    le.show(le.develop(frame))  # the real picture, as the catalogue says
    frame = le.with_answer_key(frame)  # measure on the simulated scene
picture = le.develop(frame)
le.show(
    sun_compass(picture, frame=frame, corner="upper left"),
    alt=(
        "Gray ground seen from a rover's mast, sloping away to the top. "
        "Seven round craters, squashed into flat ellipses, look dark "
        "inside, where the far inner wall lies in black shadow; two are "
        "cut off by the edges and one is faint and worn. A few small dark "
        "rocks lie about. A sky map in the upper left marks the Sun, "
        f"{sun_elevation_deg:.0f}° high at azimuth {sun_azimuth_deg:.0f}°, "
        "with a yellow dot and the view direction with a blue line."
    ),
    caption=(
        "Little craters near the rover. By default the camera looks "
        "towards the Sun (see the sky map), so each rock's shadow points "
        "back at us and the far inner wall of each bowl, nearest the Sun, "
        "lies in shadow: that shadow makes a crater stand out. With the "
        "Sun behind the camera the bowls would hardly show."
    ),
)

# %%
# Find the craters again
# ----------------------
# :func:`lunar_edu.measure.crater_patches` does the steps that
# :ref:`lesson-little-craters` explains: a threshold row by row, then a
# paint bucket inside each ring of the answer key. Then come the checks for
# a whole crater, whose widest row we keep.

little = [c for c in frame.truth.of_kind("crater") if c.size_m < 10]
rings = [
    crater_outline_px(frame, c.xy_px, c.size_m, centre_m=c.position_m)
    for c in little
]
centres = [c.xy_px for c in little]
patches = crater_patches(picture, centres, rings, dark_fraction)
measured, cut_off = [], []  # whole craters; craters cut off by the edge
for crater, outline, patch in zip(little, rings, patches, strict=True):
    if patch is None:
        continue  # not seen, or joins a bigger crater
    rows, cols = np.nonzero(patch)
    tall_px, wide_px = np.ptp(rows) + 1, np.ptp(cols) + 1
    on_edge = patch[[0, -1]].any() or patch[:, [0, -1]].any()
    ring_out = outline.min() < 0 or any(outline.max(axis=0) >= picture.size)
    if on_edge or ring_out:
        cut_off.append({"crater": crater, "patch": patch})
    elif tall_px >= fewest_rows_px and wide_px >= 2 * tall_px:
        spans = [(np.ptp(cols[rows == r]) + 1, r) for r in np.unique(rows)]
        on_row = cols[rows == max(spans)[1]]
        width = (on_row.min(), on_row.max(), max(spans)[1])
        measured.append({"crater": crater, "patch": patch, "width": width})

# %%
# From pixels to metres
# ---------------------
# A pixel of size *p* behind a lens of focal length *f* sees a tiny angle
# *p* / *f*; at a range *R* that covers *R* × *p* / *f* metres
# (:func:`~lunar_edu.camera.ground_sample_distance`). A crater *w* pixels
# wide at range *R* is therefore about *D* ≈ *w* × *R* × *p* / *f* across.
#
# We take *w* from the widest row of the painted patch. Its two ends are the
# sides of the rim, about as far away as the crater's centre, so we take *R*
# at the middle of that row. We find it as we could in a real picture, on
# flat ground: :func:`~lunar_edu.annotate.ground_point` with
# ``assume="flat ground"`` needs only the camera's height and the slant of
# the pixel's line of sight.

for found in measured:
    first_px, last_px, row = found["width"]
    middle = ((first_px + last_px) / 2, row)
    range_m = ground_point(frame, middle, assume="flat ground").range_m
    across_px = last_px - first_px + 1
    size_m = across_px * ground_sample_distance(frame.camera, range_m)
    found.update(middle=middle, measured_m=size_m)
    name = found["crater"].name
    print(f"{name}: {across_px} px at {range_m:.1f} m: {size_m:.2f} m")
    check(f"{name} diameter", size_m, found["crater"].size_m, "m", digits=2)
sizes_m = [found["measured_m"] for found in measured]
record("measured diameters", sizes_m, "m", digits=2)
key_m = [found["crater"].size_m for found in measured]
record("answer-key diameters", key_m, "m", digits=2)
biggest = max(little, key=lambda c: c.size_m)
record("distance of the biggest crater", biggest.distance_m, "m", digits=0)

# %%
# Ring the craters
# ----------------
# Now the picture carries the result. Each measured patch is tinted blue
# (orange where it runs off the picture's edge). Each yellow ring is the rim
# the answer key predicts (:func:`~lunar_edu.annotate.ring`); a ring with no
# tint inside is a crater the method missed. Each label gives the measured
# diameter with the answer key's in brackets. The inset enlarges the
# smallest crater we measured, so you can count its pixels.
#
# Even the measured craters are a little off: they all come out small. The
# rim is a gentle slope, and its outermost pixels are not dark enough to be
# painted. A method that is off the same way every time can be corrected,
# once you know why.

marked = picture
no_pixels = np.zeros((picture.height, picture.width), dtype=bool)
for group, tint in ((measured, "sky_blue"), (cut_off, "orange")):
    mask = sum((found["patch"] for found in group), no_pixels)
    marked = highlight(marked, mask, colour=OKABE_ITO[tint], strength=0.55)
smallest = min(measured, key=lambda found: found["patch"].sum())
first_px, last_px, _ = smallest["width"]
half_px = min(0.7 * (last_px - first_px), 0.12 * picture.width)
(x, y), tall_px = smallest["middle"], 0.35 * half_px
zoom_box = (x - half_px, y - tall_px, x + half_px, y + tall_px)
marked = magnifier(marked, zoom_box, corner="lower right")
for crater, outline in zip(little, rings, strict=True):
    if np.ptp(outline[:, 1]) >= fewest_rows_px:
        where = {"diameter_m": crater.size_m, "centre_m": crater.position_m}
        marked = ring(marked, crater.xy_px, frame=frame, **where)
lift_px = (0.0, -0.06 * picture.height)  # labels sit above the crater
for found in measured:
    text = f"{found['measured_m']:.2f} m ({found['crater'].size_m:.2f})"
    marked = label(marked, text, found["middle"], offset_px=lift_px)
le.show(
    marked,
    alt=(
        f"The crater picture with {len(measured)} craters tinted blue and "
        f"{len(cut_off)} cut off by the left and right edges tinted "
        "orange. Yellow ellipses ring the craters, including a few small "
        "untinted ones, and labels on yellow pointers give measured and "
        "answer-key diameters in metres. An inset in the lower right "
        "enlarges the smallest measured crater into coarse square pixels."
    ),
    caption=(
        "Measured diameters, with the answer key's in brackets. The paint "
        "bucket fills the part of each bowl we can see, between the far "
        "rim and the near rim. Small rings with nothing painted inside "
        "are craters the method missed. The inset shows how few rows of "
        "pixels the smallest measured crater has."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a crater's size in a picture depends on its distance, so a diameter
#   needs a range: D ≈ w × R × p / f;
# * on flat ground, the camera's height and a pixel's slant give its range;
# * a method can be off the same way every time: the painted patches miss
#   the gentle outer slope of each rim, so the craters come out small.

# %%
# Your turn
# ---------
# 1. Use *D* ≈ *w* × *R* × *p* / *f* by hand: a crater is 120 pixels
#    wide at 12 m in this half-size picture (*p* = 14.8 µm, *f* = 50 mm).
#    How wide is it? How many pixels wide would it look at 24 m?
# 2. Change ``sun_azimuth_deg`` to ``28.0`` and ``sun_elevation_deg`` to
#    ``41.0``: the Sun now shines from the right of the picture, from the
#    north-north-east, where it stands at the landing site late in the
#    morning. Which craters come out too small now, and why? Look at
#    where the shadow falls inside each bowl.
#
# Sources: the mast camera's height :src:`S23`. Camera numbers: PCAM focal
# length 50 mm, pixels 7.4 µm at full size (14.8 µm at half size), from the
# Chang'e 3 camera paper as reported by the community.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: measuring", "skill: perspective", "skill: annotating", "topic: craters"]
