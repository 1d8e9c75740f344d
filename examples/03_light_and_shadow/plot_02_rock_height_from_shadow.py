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
height, and check it against the answer key of the virtual Chang'e 4. Then
we find out why a low Sun is the best time to measure.

**Level:** intermediate · **Time:** about 40 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-three-suns` (Sun elevation);
:ref:`lesson-track-width` (pixels to metres); the tangent of an angle.

**Keywords:** shadow length, height, tangent, Sun elevation, measurement
error.

**Learning goals.** After this lesson you can:

* work out a height from a shadow: height = shadow length × tan(Sun
  elevation);
* find the end of a shadow in a picture and turn two pixels into a length
  on the ground;
* check a measurement against the answer key and explain the difference;
* explain why a low Sun is best for measuring heights.

.. note::

   The pictures in this lesson are **simulated**: a scene of the virtual
   Chang'e 4 rendered through a model of the PCAM camera, with the Sun 6°
   above the horizon. If your teacher has a real picture for the catalogue
   entry ``"long-shadows-low-sun"``, the first picture shows it; the
   measurement then uses the simulated scene, which has an answer key.
   Real PCAM frames are Chang'e 4 data products of China's Lunar
   Exploration Program (CNSA/CLEP).
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
from lunar_edu.annotate import (
    format_length,
    ground_distance_m,
    ground_point,
    label,
    magnifier,
    measure,
    sun_compass,
)
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
# How a pixel's ray meets the ground: "flat ground", as on a real
# picture, or "auto" to use the answer key's surface.
assume = "flat ground"

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
            "Gray, mottled ground scattered with small, pale, dome-shaped "
            "rocks. Each rock is lit on its right and trails a long, thin "
            "black shadow to the left, all the shadows parallel. Near the "
            "bottom right a small crater shows as a black oval with a "
            "bright crescent on its left. The far ground near the top is "
            "lighter."
        ),
        caption=(
            f"The simulated scene with the Sun {sun_elevation_deg:.0f}° "
            "high. Even rocks a few centimetres tall cast shadows many "
            "times longer than they are high. In the crater at the bottom "
            "right, the wall on the Sun's side is in shadow and the "
            "opposite wall, facing the Sun, is bright: a low Sun picks out "
            "every hollow."
        ),
    )
sun = frame.sun

# %%
# The rule: a right-angled triangle
# ---------------------------------
# The rock's top, its foot and the tip of its shadow make a right-angled
# triangle. The sunbeam that grazes the top of the rock reaches the ground
# at the tip of the shadow, sloping down at the Sun's elevation *e*. So on
# flat ground
#
#     height = shadow length × tan(*e*)
#
# The catalogue's caption works one example: with the Sun 17° high, as in
# the lander-camera scenes of the virtual Chang'e 4, 1 m of shadow means a
# rock about 0.31 m tall. Under a Sun only 6° high, the same metre of
# shadow means a much smaller rock.

lander_sun_deg = 17.06  # the Sun of the virtual lander-camera scenes
for elevation in (lander_sun_deg, sun.elevation_deg):
    print(
        f"Sun {elevation:4.1f}° high: 1 m of shadow means a rock "
        f"{height_from_shadow_m(1.0, elevation):.2f} m tall"
    )

# %%
# Choose a rock
# -------------
# The answer key lists every rock with the pixel of its top (``xy_px``),
# of its foot (``base_xy_px``), where its shadow would end on flat ground
# (``shadow_tip_xy_px``) and its height in the model (``size_m``). We use it only
# to pick a rock with a long shadow that ends inside the picture, and to
# find the rock's foot. Where the shadow really ends we find out from the
# pixels. With a real picture you would choose a rock by eye and read its
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
in_view = (
    (steps_xy[:, 0] >= 0)
    & (steps_xy[:, 0] <= width_px - 1)
    & (steps_xy[:, 1] >= 3)
    & (steps_xy[:, 1] <= height_px - 4)
)
steps_xy = steps_xy[in_view]
cols = np.rint(steps_xy[:, 0]).astype(int)
rows = np.rint(steps_xy[:, 1]).astype(int)
darkest = np.min([gray[rows + k, cols] for k in range(-3, 4)], axis=0)
dark = darkest < dark_level
lit_stretch = 20  # steps of 5 mm: 10 cm of sunlit ground
# True where a whole stretch of steps in a row is sunlit.
lit_run = np.convolve(~dark, np.ones(lit_stretch), "valid") == lit_stretch
shadow_end = int(np.argmax(lit_run)) if lit_run.any() else len(dark)
dark_steps = np.nonzero(dark[:shadow_end])[0]
last_dark = dark_steps[-1] if dark_steps.size else 1
tip_xy = tuple(steps_xy[last_dark])
print(f"The shadow ends at pixel ({tip_xy[0]:.0f}, {tip_xy[1]:.0f})")
record("tip pixel", [round(v) for v in tip_xy], grouping=False)
record("shadow in pixels", math.dist(foot_xy, tip_xy), "px", digits=0)

# %%
# From pixels to a height
# -----------------------
# :func:`lunar_edu.annotate.ground_distance_m` follows the rays of the two
# pixels out to the flat ground and measures the distance between the two
# ground points. The rule then turns the shadow into a height. The answer
# key knows the rock's height, and so the length of its shadow
# on flat ground.

shadow_m, _ = ground_distance_m(frame, foot_xy, tip_xy, assume=assume)
height_m = height_from_shadow_m(shadow_m, sun.elevation_deg)
true_shadow_m = shadow_length_m(rock.size_m, sun.elevation_deg)
check("shadow length", shadow_m, true_shadow_m, "m", digits=2)
check("rock height", height_m, rock.size_m, "m", digits=3)

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
        "runs along the shadow of one dome-shaped rock, from its foot to "
        f"the shadow's tip, labelled {format_length(shadow_m)} (shadow). "
        "A leader line from the rock's top leads to the label "
        f"'{height_m * 100:.0f} cm tall, from its shadow'. A yellow box "
        f"outlines the rock and its shadow, and an inset in the {corner} "
        "corner shows that box enlarged: the rock, bright on its right, "
        "with its thin black shadow reaching to the left. In the upper "
        "right a small sky disc with north at the top has two blue lines "
        "for the camera's view, pointing up and to the left "
        "(north-north-west), and the Sun's dot on its right (eastern) "
        f"rim, labelled Sun {sun.elevation_deg:.1f}° high, azimuth "
        f"{sun.azimuth_deg:.0f}°."
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
# Experiment: the same rock under other Suns
# ------------------------------------------
# :func:`lunar_edu.camera.shadow_length_m` gives the shadow of a rock this
# tall under any Sun. As the Sun climbs, the shadow shrinks fast: at first
# it is many times longer than the rock is tall, with the Sun 45° high it
# is exactly as long, and above that it is shorter.

elevations_deg = np.arange(3.0, 75.1, 1.0)
shadows_m = [shadow_length_m(rock.size_m, e) for e in elevations_deg]
shadow_now_m = shadow_length_m(rock.size_m, sun.elevation_deg)
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
        "A line chart of shadow length against Sun elevation from 3 to "
        f"75 degrees. The curve starts near {shadows_m[0]:.1f} m at 3 "
        f"degrees, falls steeply to {shadow_lander_m:.2f} m at 17 "
        "degrees, then flattens out towards almost zero. Dashed lines "
        f"mark {sun.elevation_deg:.0f} degrees, this picture, and 17 "
        "degrees, the lander scenes."
    ),
    caption=(
        "A low Sun stretches a shadow: the same rock casts a shadow "
        f"{shadow_now_m / shadow_lander_m:.1f} times as long with the Sun "
        f"{sun.elevation_deg:.0f}° high as with the Sun 17° high."
    ),
)

# %%
# Why a low Sun is best for measuring
# -----------------------------------
# Suppose we misread the shadow's tip by one pixel. Along this shadow one
# pixel covers several millimetres of ground, and the height changes by
# that length × tan(*e*). Under a low Sun the shadow is long, and one pixel
# is a tiny part of it. Under a high Sun the shadow is only a few pixels
# long, and the same slip is a large part of it.

one_px_m, _ = ground_distance_m(
    frame, tip_xy, (tip_xy[0] + 1.0, tip_xy[1]), assume=assume
)
print(f"One pixel at the shadow's tip covers {one_px_m * 1000:.1f} mm.")
record("pixel at the tip", one_px_m * 1000, "mm", digits=1)
print("Sun elevation  shadow      height error for a one-pixel slip")
slip_pct = []
for elevation in elevations_deg:
    slip_m = one_px_m * math.tan(math.radians(elevation))
    slip_pct.append(100 * slip_m / rock.size_m)
    if elevation in (3, 6, 17, 30, 45, 60, 75):
        shadow_at_m = shadow_length_m(rock.size_m, elevation)
        shadow_px = shadow_at_m / one_px_m
        print(
            f"{elevation:12.0f}° {shadow_px:5.0f} pixels"
            f" {1000 * slip_m:9.1f} mm = {slip_pct[-1]:4.1f} %"
        )
        record(
            f"one-pixel error at {elevation:g}°",
            slip_pct[-1],
            "%",
            digits=1,
        )
        record(
            f"shadow under a Sun {elevation:g}° high",
            shadow_at_m,
            "m",
            digits=2,
        )


def slip_at(elevation):
    """Return the one-pixel height error in percent at an elevation."""
    return float(np.interp(elevation, elevations_deg, slip_pct))


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
        "A line chart of the height error caused by misreading the "
        "shadow's tip by one pixel, against Sun elevation from 3 to 75 "
        f"degrees. The curve rises slowly, from {slip_at(3):.1f} percent "
        f"at 3 degrees to {slip_at(15):.1f} percent at 15 degrees and "
        f"{slip_at(45):.1f} percent at 45 degrees, then climbs steeply to "
        f"{slip_at(75):.0f} percent at 75 degrees. A dashed line marks "
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
# * a height follows from a shadow: height = shadow length × tan(Sun
#   elevation);
# * the end of a shadow can be found in the pixels and turned into a length
#   on the ground;
# * a one-pixel slip matters less when the Sun is low and shadows are long.

# %%
# Your turn
# ---------
# 1. Set ``assume = "auto"``, so that each pixel's ray is followed to the
#    surface of the answer key, and run the lesson again. The shadow
#    comes out longer. Is the foot's pixel, ``foot_xy``, inside the rock's
#    box, ``rock.box_px`` (left, top, right, bottom)? What does the camera
#    really see at that pixel, and why does that lengthen the shadow?
# 2. Set ``rock_rank = 1`` and run the lesson again. How close does the
#    measurement come for the rock with the second-longest shadow? Follow
#    the measured line in the marked-up picture: what does it pass on its
#    way? Then try ``lit_stretch = 10``.
# 3. Set ``sun_elevation_deg = 20.0``. How long is the shadow now, and how
#    close is the measured height?
# 4. A rock near the lander casts a shadow 2.5 m long with the Sun 17°
#    high. How tall is it? How long would its shadow be with the Sun 45°
#    high?
#
# Sources: PCAM on the rover's mast, 1.5 m above the ground :src:`S23`.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: measuring", "skill: shadows and light", "skill: annotating", "topic: light"]
