"""
.. _lesson-rover-driving-away:

How far away is the rover? Yutu-2 drives away from the lander
==============================================================

At 22:22 Beijing time on 3 January 2019 the Yutu-2 rover rolled down the
lander's ramp onto the far side of the Moon :src:`S50`. The lander's
terrain camera (TCAM) is a colour camera that can turn a full circle, made
to photograph the landing site and to watch the rover :src:`S24, S10`.
There is no tape measure on the Moon, and nothing in the
picture says how far away the rover is. But we know how big the rover is,
and we know the camera. In this lesson you find the rover in a TCAM
picture, count how many pixels tall and wide it looks, and turn those
pixels into a distance: the descent-camera lesson worked backwards.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** TCAM (simulated)

**Prerequisites:** :ref:`lesson-descent-first-look` (pixel size from focal
length).

**Keywords:** terrain camera (TCAM), perspective, apparent size,
foreshortening, distance estimate.

**Learning goals.** After this lesson you can:

* find the rover and its parts in a picture and read their pixels;
* estimate a distance from a known size, the focal length and the pixel
  size;
* say which sizes of an object the camera sees squashed (foreshortened),
  and why that biases the estimate;
* explain why a thing twice as far away looks half as big.

.. note::

   The pictures in this lesson are **simulated**: the virtual Chang'e 4
   scene rendered by lunar_edu through a model of the TCAM camera. If your
   teacher has the real TCAM picture, the first picture is the real one
   and the measurements use the simulated scene. Real TCAM frames are
   Chang'e 4 data products of China's Lunar Exploration Program
   (CNSA/CLEP).
"""

# %%
# Load the picture
# ----------------
# :func:`lunar_edu.load` serves the catalogue picture
# ``"rover-driving-away"``: the real TCAM frame when your computer has it,
# otherwise the simulated scene. We ask for half size (1176 × 864 pixels)
# so that it renders in about a second. The numbers at the top are the
# ones to change: the two sizes we use as rulers, and the :term:`seed` that
# scatters the rocks and craters.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import arrow, label, polyline, sun_compass
from lunar_edu.answers import check, record
from lunar_edu.camera import focal_length_px
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.synth.tracks import TRACK_WIDTH_M

# The mast camera (PCAM) sits about 1.5 m above the ground [S23].
mast_height_m = 1.5
# The virtual rover's wheels: 0.85 m between left and right track
# centres (the model's estimate, not a published figure).
track_width_m = TRACK_WIDTH_M
seed = 0

frame = le.load("rover-driving-away", size="half", seed=seed)
served_by = frame.meta["lunar_edu.served_by"]
print(f"Served by: {served_by} ({frame.source.kind})")

# %%
# Look at it
# ----------
# Before measuring anything, look. Where is the rover? Which way is it
# going? Where does its shadow fall, and so where is the Sun?

le.show(
    le.develop(frame),  # alt text from the catalogue
    caption=(
        "Yutu-2 seen from behind by the lander's terrain camera, driving "
        "away. Two wheel tracks, with the chevrons of the wheels' treads, "
        "lead back toward us. The Sun is low on the left, so the rover's "
        "shadow falls to the right."
        if frame.source.is_simulated
        else None  # a real picture: the catalogue's caption
    ),
)
frame = le.with_answer_key(frame)  # measure on the simulated scene

# %%
# Find the rover
# --------------
# A simulated frame comes with an answer key, ``frame.truth``. It lists
# the rover, the box of pixels it fills, and its parts that are in view,
# each with its pixel position ``(column, row)``. On a real picture you
# would read these positions off with the mouse; here the key does it for
# us, and you can check every number on the picture (rows count down from
# the top).

rover = frame.truth.of_kind("rover")[0]
left, top, right, bottom = rover.box_px
print(f"{rover.name} fills columns {left}-{right} and rows {top}-{bottom}")
print(f"so it looks {right - left} px wide and {bottom - top} px tall.")
for part in frame.truth.of_kind("rover-part"):
    column, row = part.xy_px
    print(f"  {part.name:13s} at column {column:4.0f}, row {row:4.0f}")

# %%
# From pixels to metres
# ---------------------
# Light travels in straight lines through the lens, so a thing of size
# *S* at a distance *D* makes an image of size *S* × *f* / *D* on the
# sensor, where *f* is the focal length. Divide by the size of one pixel,
# *p*, to count pixels: *n* = *S* × (*f* / *p*) / *D*. Turn it around and
# the pixels tell us the distance:
#
#     *D* = (*f* / *p*) × *S* / *n*.
#
# The TCAM lens has *f* = 43.472 mm. At half size one picture pixel is
# 2 × 2 sensor pixels, so *p* = 2 × 7.4 µm = 14.8 µm, and *f* / *p* is
# about 2,900: the "focal length in pixels".
#
# We use two rulers. The mast camera is 1.5 m above the ground
# :src:`S23`, so the rows between it and the bottom of a back wheel are
# 1.5 m. And the two back wheels are 0.85 m apart in the virtual rover
# (the real rover is about 1 m wide overall :src:`S1`).

f_px = focal_length_px(frame.camera)
mast = frame.truth.named("mast camera", kind="rover-part")[0]
wheels = sorted(
    frame.truth.named("wheel bottom", kind="rover-part"),
    key=lambda part: part.xy_px[0],
)
wheel_row = np.mean([wheel.xy_px[1] for wheel in wheels])
height_px = wheel_row - mast.xy_px[1]
width_px = float(np.hypot(*np.subtract(wheels[1].xy_px, wheels[0].xy_px)))

from_height_m = f_px * mast_height_m / height_px
from_width_m = f_px * track_width_m / width_px
print(f"Focal length in pixels: {f_px:.0f}")
print(f"Mast camera to wheel bottom: {height_px:.0f} px tall")
print(f"Left to right wheel:        {width_px:.0f} px wide")
record("focal length", f_px, "px", digits=0)
record("mast height in pixels", height_px, "px", digits=0)
record("wheel gap in pixels", width_px, "px", digits=0)
key_m = rover.distance_m
check("rover distance from its height", from_height_m, key_m, "m", digits=1)
check("rover distance from its width", from_width_m, key_m, "m", digits=1)

# %%
# Mark up the picture
# -------------------
# A marked-up picture shows how we measured, so anyone can check it. The
# arrows span the pixels we counted; the little sky map in the corner
# shows where the Sun stands (the dot) and which way the camera looks
# (the blue lines).


marked = le.develop(frame)
gap_px = 0.05 * marked.width  # keep the marks clear of the rover
ruler_x = left - gap_px
top_xy = (ruler_x, mast.xy_px[1])
bottom_xy = (ruler_x, wheel_row)
marked = polyline(marked, [mast.xy_px, top_xy])
marked = polyline(marked, [(wheels[0].xy_px[0], wheel_row), bottom_xy])
marked = arrow(marked, top_xy, bottom_xy, both_ends=True)
marked = label(
    marked,
    f"{height_px:.0f} px = {mast_height_m:g} m\n→ {from_height_m:.1f} m away",
    (ruler_x, (mast.xy_px[1] + wheel_row) / 2),
    offset_px=(-gap_px, 0),
    backing="box",
)
below_px = 0.05 * marked.height
width_y = max(wheel.xy_px[1] for wheel in wheels) + below_px
width_ends = [(wheel.xy_px[0], width_y) for wheel in wheels]
marked = arrow(marked, *width_ends, both_ends=True)
marked = label(
    marked,
    f"{width_px:.0f} px = {track_width_m:g} m → {from_width_m:.1f} m away",
    (wheels[1].xy_px[0], width_y),
    offset_px=(gap_px, 0.5 * below_px),
    backing="box",
)
marked = label(
    marked, "mast camera, 1.5 m up", mast.xy_px, offset_px=(2 * gap_px, 0)
)
marked = sun_compass(marked, frame=frame, corner="upper left")
le.show(
    marked,
    alt=(
        "The rover seen from behind, with yellow measuring marks. A "
        "vertical double arrow left of the rover runs from the height of "
        "the mast camera down to the bottom of the back wheels and is "
        f"labelled '{height_px:.0f} px = {mast_height_m:g} m, "
        f"{from_height_m:.1f} m away'. A horizontal double arrow under "
        f"the back wheels is labelled '{width_px:.0f} px = "
        f"{track_width_m:g} m, "
        f"{from_width_m:.1f} m away'. A label points at the camera head on "
        "top of the mast, and a small sky map in the upper left corner "
        "shows the Sun low in the west-north-west."
    ),
    caption=(
        "Two rulers on one rover. The height from the mast camera to the "
        "wheels and the width between the back wheels give two estimates "
        "of the distance. They disagree a little: the next step asks why."
    ),
)

# %%
# Why the two answers differ
# --------------------------
# "How far away is the rover?" hides a question: far to *which part*? The
# answer key knows the distance from the camera to each part.

for part, side in ((mast, ""), (wheels[0], "left "), (wheels[1], "right ")):
    what = f"distance to the {side}{part.name}"
    print(f"Answer key: {what}: {part.distance_m:.2f} m")
    record(what, part.distance_m, "m", digits=1)
print(f"Answer key: distance to the rover's centre: {key_m:.2f} m")

# %%
# Sizes the camera sees squashed
# ------------------------------
# The width was measured between the back wheels, and it gives almost
# exactly their distance: the rover is 1.5 m long :src:`S1`, so its back
# wheels are more than half a metre nearer than its centre. The width
# runs straight across our line of sight, so the camera sees it at its
# full size.
#
# The height gives a distance that is too short, nearer than both the
# mast and the wheels. The virtual terrain camera sits about 2.2 m above
# the ground, higher than the rover, and looks down on it. The mast
# stands at the *front* of the rover, about a metre farther away than the
# back wheels, and when you look down at the ground, farther things
# appear higher up in the picture. So the mast camera appears higher
# than it would straight above the wheels, the gap looks taller than
# 1.5 m, and more pixels mean a shorter distance.
#
# The rover's 1.5 m length :src:`S1` is no use here: it points straight
# away from us, so the camera sees it end-on, squashed to a small part of
# its size and mixed up with the height. Such squashing is called
# *foreshortening*. How steeply does the camera look down?

camera_height_m = frame.camera.height_above_ground_m
# The virtual rover's mast camera is 1.5 m up, its wheel bottoms at 0 m.
for part, part_height_m in ((wheels[0], 0.0), (mast, 1.5)):
    drop_m = camera_height_m - part_height_m
    look_down_deg = np.degrees(np.arcsin(drop_m / part.distance_m))
    print(f"The camera looks {look_down_deg:4.1f}° down to the {part.name}")
    record(
        f"look-down angle to the {part.name}", look_down_deg, "°", digits=0
    )

# %%
# Experiment: farther away, smaller
# ---------------------------------
# The rule *n* = (*f* / *p*) × *S* / *D* says that twice as far means half
# as many pixels. The chart shows both rulers as the rover drives away,
# with what we measured in this picture as dots.

distances_m = np.linspace(4.0, 100.0, 193)
mast_px = f_px * mast_height_m / distances_m
track_px = f_px * track_width_m / distances_m
chart = line_chart(
    [
        Series(f"mast height, {mast_height_m:g} m", distances_m, mast_px),
        Series(f"track width, {track_width_m:g} m", distances_m, track_px),
        Series(
            "measured in this picture",
            [rover.distance_m, wheels[0].distance_m],
            [height_px, width_px],
            style="points",
        ),
    ],
    title="The farther the rover, the fewer pixels it covers",
    x_label="distance from the camera (m)",
    y_label="apparent size (pixels, half-size TCAM)",
    x_range=(0.0, 100.0),
    marks=[Mark(rover.distance_m, "this picture"), Mark(38.0, "lesson 3")],
)
le.show(
    chart,
    alt=(
        "A line chart of apparent size in pixels against distance from 4 "
        f"to 100 m. Two falling curves: the {mast_height_m:g} m mast height "
        f"starts near {f_px * mast_height_m / 4:,.0f} pixels and the "
        f"{track_width_m:g} m track width near "
        f"{f_px * track_width_m / 4:,.0f} pixels, and both "
        "drop steeply at first and then flatten out. At the dashed line "
        "marked 'this picture', near 7.6 m, one dot sits on the track-width "
        "curve and the other a little above the mast-height curve. "
        "A second dashed line marks 38 m, 'lesson 3', where the mast "
        f"covers about {f_px * mast_height_m / 38:.0f} pixels."
    ),
    caption=(
        "Apparent size falls as one over the distance: twice as far, half "
        "as big. The measured height dot sits a little above its curve, "
        "because looking down stretches the height. Far away the curves "
        "are flat, so one pixel more or less means many metres: the "
        "farewell lesson takes this up."
    ),
)
print("distance   mast height   track width")
for distance_m in (5.0, 10.0, 20.0, 40.0, 80.0):
    print(
        f"{distance_m:6.0f} m {f_px * mast_height_m / distance_m:10.0f} px"
        f" {f_px * track_width_m / distance_m:11.0f} px"
    )

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * an object of known size gives its distance: distance = focal length (in
#   pixels) × size ÷ size in pixels;
# * sizes seen at a slant are squashed (foreshortened), which biases such
#   an estimate;
# * a thing twice as far away looks half as big;
# * the distances printed as the answer key belong to the virtual Chang'e
#   4, not to the real rover.

# %%
# Your turn
# ---------
# 1. The real rover is about 1 m wide :src:`S1`, and so is the virtual one
#    from the outside of its left wheels to the outside of its right
#    wheels. Read the columns of those two outer edges of the back wheels
#    in the first picture and estimate the distance again.
# 2. Why can the rover's 1.5 m length :src:`S1` not give its distance in
#    this picture? From where would you have to take the picture for the
#    length to work as a ruler?
# 3. NASA's fact page gives the rover's height as 1.1 m :src:`S1`.
#    Change ``mast_height_m`` to ``1.1`` and run the lesson again. What
#    happens to the distance, and what does that teach you about choosing
#    a ruler?
# 4. In the next lesson the rover is about 38 m away. Use the chart, then
#    the formula, to predict how many pixels tall the 1.5 m mast will
#    look there.
#
# Sources: Yutu-2 on the surface :src:`S50`; TCAM and its purpose
# :src:`S24, S10`; the mast camera 1.5 m up :src:`S23`; the rover's size
# :src:`S1`. TCAM camera numbers from the Chang'e 4 TCAM label (focal
# length 43.472 mm, pixels 7.4 µm).

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: TCAM", "skill: measuring", "skill: perspective", "skill: annotating", "topic: rover"]
