"""
.. _lesson-rock-height-from-shadow:

How tall is that rock? A height from its shadow
===============================================

Nobody can walk over to a rock near Chang'e 4 with a ruler, yet a single
picture can tell us how tall it is. When the Sun is low, every rock casts a
long shadow across the ground, and the shadow's length and the Sun's
elevation together give the rock's height. In this lesson we find where a
rock's shadow ends in a picture from the rover's panoramic camera (PCAM),
turn the shadow into metres with the camera's geometry, work out the rock's
height, and check it against the answer key of the virtual Chang'e 4.

**Level:** intermediate · **Time:** about 25 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-three-suns` (Sun elevation);
:ref:`lesson-track-width` (pixels to metres); the tangent of an angle.

**Keywords:** shadow length, height, tangent, Sun elevation, answer key.

**Learning goals.** After this lesson you can:

* work out a height from a shadow: height = shadow length × tan(Sun
  elevation);
* find the end of a shadow in a picture, turn two pixels into a length on
  the ground, and explain how it differs from the answer key;
* predict how a rock's shadow changes as the Sun climbs.

.. note::

   The pictures in this lesson are **simulated**: a scene of the virtual
   Chang'e 4 seen through a model of the PCAM camera, with the Sun 6° high.
   If your teacher has a real picture for the catalogue entry
   ``"long-shadows-low-sun"``, the first picture shows it; the measurement
   then uses the simulated scene, which has an answer key. Real PCAM frames
   are Chang'e 4 data products of China's Lunar Exploration Program
   (CNSA/CLEP).
"""

# %%
# Rocks under a low Sun
# ---------------------
# :func:`lunar_edu.load` serves the catalogue picture
# ``"long-shadows-low-sun"``: a real one if your teacher has it, otherwise
# the simulated scene, rendered at quarter size (588 × 432 pixels). The
# camera sits on the rover's mast, 1.5 m above the ground :src:`S23`, and
# looks north-north-west; the Sun is low in the east, behind the camera on
# its right. The numbers at the top are the ones to change.

import math

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import ground_distance_m, ground_point
from lunar_edu.answers import check, record
from lunar_edu.camera import (
    height_from_shadow_m,
    shadow_length_m,
    world_to_pixel,
)
from lunar_edu.charts import Mark, Series, line_chart

sun_elevation_deg = 6.0
seed = 5
rock_rank = 0  # 0 = the rock with the longest shadow, 1 = the next...
assume = "flat ground"  # or "auto": rays meet the answer key's surface

frame = le.load(
    "long-shadows-low-sun",
    size="quarter",
    seed=seed,
    sun_elevation=sun_elevation_deg,
)
print(f"Served by: {frame.meta['lunar_edu.served_by']}")
if frame.truth is None:
    le.show(le.develop(frame))  # the real picture, as the catalogue says
    frame = le.with_answer_key(frame)  # measure on the simulated scene
    picture = le.develop(frame)
else:
    picture = le.develop(frame)
    le.show(
        picture,
        alt=(
            "Gray, mottled ground with small, pale, dome-shaped rocks, "
            "each lit on its right and trailing a long, thin black shadow "
            "to the left, all the shadows parallel. Near the bottom right "
            "a small crater is a black oval with a bright crescent on its "
            "left. The far ground near the top is lighter."
        ),
        caption=(
            f"The simulated scene with the Sun {sun_elevation_deg:.0f}° "
            "high. Even rocks a few centimetres tall cast shadows many "
            "times longer than they are high. In the crater at the bottom "
            "right, the wall on the Sun's side is in shadow and the wall "
            "facing the Sun is bright: a low Sun picks out every hollow."
        ),
    )
sun = frame.sun

# %%
# Choose a rock
# -------------
# The answer key lists every rock with the pixel of its top (``xy_px``),
# of its foot (``base_xy_px``), where its shadow would end on flat ground
# (``shadow_tip_xy_px``) and its height in the model (``size_m``). We use
# it only to pick a rock with a long shadow that ends inside the picture,
# and to find its foot; where the shadow really ends we find out from the
# pixels. On a real picture you would choose a rock by eye and read its
# foot off the screen.
#
# From here on we measure as we could on a real picture, which has no
# answer key: we assume the ground is flat and level, 1.5 m below the
# camera (``assume="flat ground"``).

width_px, height_px = picture.size
rocks = [
    rock
    for rock in frame.truth.of_kind("rock")
    if 0 <= rock.shadow_tip_xy_px[0] < width_px
    and 0 <= rock.shadow_tip_xy_px[1] < height_px
]
rocks.sort(key=lambda r: -math.dist(r.base_xy_px, r.shadow_tip_xy_px))
rock = rocks[rock_rank]
foot_xy = rock.base_xy_px
print(f"{rock.name}: {rock.distance_m:.1f} m from the camera")
print(f"Its foot is at pixel ({foot_xy[0]:.0f}, {foot_xy[1]:.0f})")
record("rock distance", rock.distance_m, "m", digits=1)
record("rock height in the model", 100 * rock.size_m, "cm", digits=1)
record("foot pixel", [round(v) for v in foot_xy], grouping=False)

# %%
# Find where the shadow ends
# --------------------------
# A shadow points straight away from the Sun. So we start at the rock's
# foot and walk across the ground, 5 mm at a time, in the direction
# opposite to the Sun's :term:`azimuth`. :func:`lunar_edu.camera.world_to_pixel`
# tells us where each step lands in the picture. The shadow is thin and the
# ground is not perfectly level, so at each step we look at the darkest of
# the few pixels above and below it. The shadow ends at the last dark
# step before a stretch of 10 cm of sunlit ground.

gray = np.asarray(picture.convert("L"), dtype=float)
row = round(foot_xy[1])
# "Dark" means darker than half the typical ground around the rock.
dark_level = 0.5 * np.median(gray[max(row - 30, 0) : row + 30])
foot_m = ground_point(frame, foot_xy, assume=assume).position_m
away = math.radians(sun.azimuth_deg + 180.0)
walked_m = np.arange(0.0, 4.0, 0.005)
steps_m = foot_m + walked_m[:, None] * [math.sin(away), math.cos(away), 0]
steps_xy = world_to_pixel(frame.camera, steps_m)
x, y = steps_xy.T  # keep only the steps inside the picture
in_view = (x >= 0) & (x <= width_px - 1) & (y >= 3) & (y <= height_px - 4)
steps_xy = steps_xy[in_view]
cols, rows = np.rint(steps_xy).astype(int).T
darkest = np.min([gray[rows + k, cols] for k in range(-3, 4)], axis=0)
dark = darkest < dark_level
lit_stretch = 20  # steps of 5 mm: 10 cm of sunlit ground
# True where a whole stretch of steps in a row is sunlit.
lit_run = np.convolve(~dark, np.ones(lit_stretch), "valid") == lit_stretch
shadow_end = int(np.argmax(lit_run)) if lit_run.any() else len(dark)
dark_steps = np.nonzero(dark[:shadow_end])[0]
tip_xy = tuple(steps_xy[dark_steps[-1] if dark_steps.size else 1])
print(f"The shadow ends at pixel ({tip_xy[0]:.0f}, {tip_xy[1]:.0f})")
record("tip pixel", [round(v) for v in tip_xy], grouping=False)
record("shadow in pixels", math.dist(foot_xy, tip_xy), "px", digits=0)

# %%
# From pixels to a height
# -----------------------
# :func:`lunar_edu.annotate.ground_distance_m` follows the rays of the two
# pixels out to the flat ground and measures the distance between the two
# ground points. A rule turns this shadow into a height: the rock's top,
# its foot and the tip of its shadow make a right-angled triangle. The
# sunbeam that grazes the top of the rock reaches the ground at the tip of
# the shadow, sloping down at the Sun's elevation *e*. So on flat ground
#
#     height = shadow length × tan(*e*)
#
# The answer key knows the rock's height, and so the length of its shadow
# on flat ground.

shadow_m, _ = ground_distance_m(frame, foot_xy, tip_xy, assume=assume)
height_m = height_from_shadow_m(shadow_m, sun.elevation_deg)
true_shadow_m = shadow_length_m(rock.size_m, sun.elevation_deg)
check("shadow length", shadow_m, true_shadow_m, "m", digits=2)
check("rock height", height_m, rock.size_m, "m", digits=3)

# %%
# Experiment: the same rock under other Suns
# ------------------------------------------
# :func:`lunar_edu.camera.shadow_length_m` gives the shadow of a rock this
# tall under any Sun. As the Sun climbs, the shadow shrinks fast: at first
# it is many times longer than the rock is tall, with the Sun 45° high it
# is exactly as long, and above that it is shorter.

elevations_deg = np.arange(3.0, 75.1, 1.0)
lander_sun_deg = 17.06  # the Sun of the virtual lander-camera scenes
shadows_m = [shadow_length_m(rock.size_m, e) for e in elevations_deg]
shadow_lander_m = shadow_length_m(rock.size_m, lander_sun_deg)
le.show(
    line_chart(
        [Series(f"shadow of {rock.name}", elevations_deg, shadows_m)],
        title=f"Shadow of a rock {rock.size_m * 100:.0f} cm tall",
        x_label="Sun elevation (°)",
        y_label="shadow length (m)",
        marks=[
            Mark(sun.elevation_deg, "this picture"),
            Mark(lander_sun_deg, "lander scenes"),
        ],
    ),
    alt=(
        "A line chart of shadow length against Sun elevation, 3 to 75 "
        f"degrees: from {shadows_m[0]:.1f} m at 3 degrees it falls steeply "
        f"to {shadow_lander_m:.2f} m at 17, then flattens towards zero. "
        f"Dashed lines mark {sun.elevation_deg:.0f} and 17 degrees."
    ),
    caption=(
        "A low Sun stretches a shadow: the same rock casts a shadow "
        f"{true_shadow_m / shadow_lander_m:.1f} times as long with the Sun "
        f"{sun.elevation_deg:.0f}° high as with the Sun 17° high."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a height follows from a shadow: height = shadow length × tan(Sun
#   elevation);
# * the end of a shadow can be found in the pixels and turned into a length
#   on the ground, to check against the answer key;
# * the lower the Sun, the longer the shadow of the same rock.

# %%
# Your turn
# ---------
# 1. Set ``assume = "auto"``, so that each pixel's ray is followed to the
#    surface of the answer key, and run the lesson again. The shadow
#    comes out longer. Is the foot's pixel, ``foot_xy``, inside the rock's
#    box, ``rock.box_px`` (left, top, right, bottom)? What does the camera
#    really see at that pixel, and why does that lengthen the shadow?
# 2. A rock near the lander casts a shadow 2.5 m long with the Sun 17° high.
#    How tall is it? How long would its shadow be with the Sun 45° high?
#
# Sources: PCAM on the rover's mast, 1.5 m above the ground :src:`S23`.

# sphinx_gallery_thumbnail_number = 1
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: measuring", "skill: shadows and light", "topic: light"]
