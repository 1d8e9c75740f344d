"""
.. _lesson-rock-height-low-sun:

How far can we trust a height from a shadow?
============================================

In :ref:`lesson-rock-height-from-shadow` we measured a rock's height from
its shadow in a picture from the rover's panoramic camera (PCAM). A
measurement is worth only as much as we can trust it. Here we mark it up so
that anyone can check it, see what one metre of shadow means under a low
and a high Sun, and work out how much a one-pixel slip at the shadow's tip
changes the height. That tells us the best time to measure.

**Level:** intermediate · **Time:** about 20 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-rock-height-from-shadow`; the tangent of an angle.

**Keywords:** Sun elevation, shadow length, measurement error, pixel size.

**Learning goals.** After this lesson you can:

* mark up a measurement so that anyone can check it;
* say how much height one metre of shadow means under a low or high Sun;
* explain why a low Sun is best for measuring heights.

.. note::

   The pictures are **simulated**: the scene of part 1, the virtual
   Chang'e 4 under a Sun 6° high, seen through a model of PCAM.
"""

# %%
# The rock and its shadow, as in part 1
# -------------------------------------
# We load the scene of part 1 (PCAM sits on the rover's mast, 1.5 m above
# the ground :src:`S23`) and pick the same rock as part 1 does.
# :func:`lunar_edu.measure.shadow_tip_px` then finds where its shadow ends
# with the steps part 1 explains: it walks from the rock's foot away from
# the Sun until the ground is sunlit again.

import math

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import (
    format_length,
    ground_distance_m,
    label,
    magnifier,
    measure,
    sun_compass,
)
from lunar_edu.answers import record
from lunar_edu.camera import height_from_shadow_m, shadow_length_m
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.measure import shadow_tip_px

sun_elevation_deg = 6.0
seed = 5
rock_rank = 0  # 0 = the rock with the longest shadow, 1 = the next...
lit_stretch = 20  # steps of 5 mm: 10 cm of sunlit ground
assume = "flat ground"  # or "auto": rays meet the answer key's surface

scene = {"seed": seed, "sun_elevation": sun_elevation_deg}
frame = le.load("long-shadows-low-sun", size="quarter", **scene)
if frame.truth is None:
    le.show(le.develop(frame))  # the real picture, as the catalogue says
frame = le.with_answer_key(frame)  # the simulated scene, as in part 1
picture, sun = le.develop(frame), frame.sun
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

tip_xy = shadow_tip_px(
    frame, picture, foot_xy, lit_stretch=lit_stretch, assume=assume
)
shadow_m, _ = ground_distance_m(frame, foot_xy, tip_xy, assume=assume)
height_m = height_from_shadow_m(shadow_m, sun.elevation_deg)

# %%
# Mark it up
# ----------
# A marked-up picture lets anyone check the measurement: the measured
# shadow with its length, the rock's label, where the Sun stands, and an
# enlarged view of the rock and its shadow as the camera saw them.

left = math.floor(min(tip_xy[0], rock.box_px[0])) - 12
right = math.ceil(max(foot_xy[0], rock.box_px[2])) + 12
top = math.floor(min(tip_xy[1], rock.box_px[1])) - 12
bottom = math.ceil(max(foot_xy[1], rock.box_px[3])) + 12
zoom = max(2, min(4, int(0.95 * width_px) // (right - left)))
# Put the enlarged view where it does not cover the rock.
corner = "lower left" if bottom < height_px / 2 else "upper left"
marked = magnifier(
    picture,
    (left, top, right, bottom),
    zoom=zoom,
    corner=corner,
    label=f"the rock and its shadow, × {zoom}",
)
marked = measure(
    marked, frame, foot_xy, tip_xy, note="shadow", assume=assume
)
marked = label(
    marked,
    f"{height_m * 100:.0f} cm tall, from its shadow",
    rock.xy_px,
    offset_px=(0.12 * width_px, -0.08 * height_px),
)
marked = sun_compass(marked, frame=frame, corner="upper right")
le.show(
    marked,
    alt=(
        "The simulated picture, marked up. A yellow line with end ticks "
        f"runs along one rock's shadow, labelled {format_length(shadow_m)} "
        "(shadow); a leader line from the rock's top leads to "
        f"'{height_m * 100:.0f} cm tall, from its shadow'. A yellow box "
        "around the rock and its shadow is enlarged in an inset in the "
        f"{corner} corner. In the upper right a sky disc, north at the top, "
        "shows the camera's view pointing north-north-west and the Sun's "
        f"dot on its eastern rim, labelled Sun {sun.elevation_deg:.1f}° "
        f"high, azimuth {sun.azimuth_deg:.0f}°."
    ),
    caption=(
        f"A rock {rock.distance_m:.0f} m away, only about "
        f"{rock.size_m * 100:.0f} cm tall, casts a shadow "
        f"{format_length(shadow_m)} long under a Sun "
        f"{sun.elevation_deg:.0f}° high. "
        "The inset shows the shadow as the camera recorded it: dark "
        "right up to its tip, then sunlit ground."
    ),
)

# %%
# One metre of shadow under two Suns
# ----------------------------------
# The catalogue's caption works one example of the rule from part 1:
# with the Sun 17° high, as in the lander-camera scenes of the virtual
# Chang'e 4, 1 m of shadow means a rock about 0.31 m tall. Under a Sun
# only 6° high, the same metre of shadow means a much smaller rock.

lander_sun_deg = 17.06  # the Sun of the virtual lander-camera scenes
for elevation in (lander_sun_deg, sun.elevation_deg):
    print(
        f"Sun {elevation:4.1f}° high: 1 m of shadow means a rock "
        f"{height_from_shadow_m(1.0, elevation):.2f} m tall"
    )

# %%
# Why a low Sun is best for measuring
# -----------------------------------
# Suppose we misread the shadow's tip by one pixel. Along this shadow one
# pixel covers several millimetres of ground, and the height changes by
# that length × tan(*e*). Under a low Sun the shadow is long, and one pixel
# is a tiny part of it. Under a high Sun the shadow is only a few pixels
# long, and the same slip is a large part of it.

next_xy = (tip_xy[0] + 1.0, tip_xy[1])  # one pixel beyond the tip
one_px_m, _ = ground_distance_m(frame, tip_xy, next_xy, assume=assume)
elevations_deg = np.arange(3.0, 75.1, 1.0)
print(f"One pixel at the shadow's tip covers {one_px_m * 1000:.1f} mm.")
record("pixel at the tip", one_px_m * 1000, "mm", digits=1)
print("Sun elevation  shadow      height error for a one-pixel slip")
slip_pct = []
for e in elevations_deg:
    slip_m = one_px_m * math.tan(math.radians(e))
    slip_pct.append(100 * slip_m / rock.size_m)
    if e in (3, 6, 17, 30, 45, 60, 75):
        shadow_e_m = shadow_length_m(rock.size_m, e)
        print(
            f"{e:12.0f}° {shadow_e_m / one_px_m:5.0f} pixels"
            f" {1000 * slip_m:9.1f} mm = {slip_pct[-1]:4.1f} %"
        )
        record(f"one-pixel error at {e:g}°", slip_pct[-1], "%", digits=1)
        record(f"shadow under a Sun {e:g}° high", shadow_e_m, "m", digits=2)
slip_at = dict(zip(elevations_deg, slip_pct, strict=True))

le.show(
    line_chart(
        [Series("one-pixel slip", elevations_deg, slip_pct)],
        title="How much a one-pixel slip changes the height",
        x_label="Sun elevation (°)",
        y_label="height error (% of the answer key's height)",
        marks=[Mark(sun.elevation_deg, "this picture")],
        legend="lower right",
    ),
    alt=(
        "A line chart of the height error from a one-pixel slip against "
        f"Sun elevation: {slip_at[3]:.1f} % at 3 degrees, "
        f"{slip_at[15]:.1f} % at 15 and {slip_at[45]:.1f} % at 45, then "
        f"steeply up to {slip_at[75]:.0f} % at 75. A dashed line marks "
        f"{sun.elevation_deg:.0f} degrees, this picture."
    ),
    caption=(
        "The same one-pixel slip costs almost nothing under a low Sun and "
        "more and more as the Sun climbs: long shadows give precise "
        "heights. Pictures for measuring rocks are best taken early or "
        "late in the lunar day, when the Sun is low."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a marked-up picture lets anyone check a measurement;
# * under a low Sun, one metre of shadow means a small height;
# * a one-pixel slip matters less when the Sun is low and shadows are long.

# %%
# Your turn
# ---------
# 1. Set ``rock_rank = 1`` and run the lesson again. How close does the
#    measurement come for the rock with the second-longest shadow? Follow
#    the measured line in the marked-up picture: what does it pass on its
#    way? Then try ``lit_stretch = 10``.
# 2. Set ``sun_elevation_deg = 20.0``. How long is the shadow now, and how
#    close is the measured height? What does a one-pixel slip cost?
#
# Sources: PCAM on the rover's mast, 1.5 m above the ground :src:`S23`.

# sphinx_gallery_thumbnail_number = 1
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: shadows and light", "skill: annotating", "topic: light"]
