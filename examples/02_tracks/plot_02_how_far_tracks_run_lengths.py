"""
.. _lesson-track-lengths:

How much track does one picture show? Lengths from perspective
==============================================================

By the end of its 13th lunar day, in early January 2020, Yutu-2 had
driven about 358 m :src:`S19`, and each picture from its mast camera shows
only a short stretch of that drive. How long a stretch? Perspective makes
far ground look short: the same metre of track takes fewer rows the farther
away it is, and the two parallel tracks seem to close in. In this lesson
you turn a traced track into a length on the ground, work out how many
pictures the whole drive would fill and show that the gap between the
tracks shrinks in step with distance.

**Level:** advanced · **Time:** about 20 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-how-far-tracks-run` (rows to distances,
following a track); dividing by a distance.

**Keywords:** perspective, focal length, path length, odometer.

**Learning goals.** After this lesson you can:

* add up a traced track, point by point, into a length on the ground;
* estimate how many pictures a long drive would fill;
* show that the gap between two tracks shrinks in step with distance.

.. note::

   The pictures in this lesson are **simulated**: the virtual Chang'e 4
   rendered through a model of the PCAM camera. The measuring is done on
   the simulated scene, whose answers we know; the lesson before shows the
   real picture first if your teacher has it. Real PCAM frames are Chang'e
   4 data products of China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# The tracks, traced again
# ------------------------
# We measure on the simulated ``"more-tracks"`` picture: the mast camera,
# 1.5 m above the ground :src:`S23`, looks south-east along the tracks. The
# numbers at the top are the ones to change.
# :func:`lunar_edu.measure.follow_tracks` follows both tracks up the
# picture, two rows at a time, with the steps that
# :ref:`lesson-how-far-tracks-run` explains one by one.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import ground_point, polyline
from lunar_edu.answers import check, record
from lunar_edu.camera import focal_length_px, ground_range_m
from lunar_edu.charts import Series, line_chart
from lunar_edu.measure import follow_tracks
from lunar_edu.synth.tracks import TRACK_WIDTH_M

sun_elevation_deg = 22.0
seed = 0
odometer_m = 357.695  # Yutu-2's total by early January 2020 (S19)

scene = {"sun_elevation": sun_elevation_deg, "seed": seed, "size": "half"}
frame = le.load("more-tracks", **scene)
if frame.truth is None:
    le.show(le.develop(frame))  # the real picture, as the catalogue says
frame = le.with_answer_key(frame)
picture = le.develop(frame)
camera = frame.camera

rows = np.arange(picture.height)
on_ground = np.isfinite(ground_range_m(camera, camera.centre_px[0], rows))
horizon_row = int(rows[~on_ground].max()) + 1 if (~on_ground).any() else 0
inner, outer = follow_tracks(picture, horizon_row)
le.show(
    polyline(polyline(picture, inner.tolist()), outer.tolist()),
    alt=(
        "Two wheel tracks curving away across a gray plain, traced in yellow "
        "from the bottom edge to the right edge; the left trace climbs higher."
    ),
    caption="The two tracks, traced: each yellow point stands for a spot on the ground.",
)

# %%
# How much track is in view?
# --------------------------
# The left track climbs highest before it leaves the picture. Adding up the
# ground distances between its points gives the length of track we see.
# :func:`lunar_edu.annotate.ground_point` follows each point's ray to the
# ground: with ``assume="flat ground"`` as on a real picture, and with
# ``assume="true range"`` using the simulated scene's answer key
# (``frame.truth.range_m``), so that we can check the number.


def ground_path(points, assume):
    """Return the ground points behind picture points, and their ranges."""
    found = [ground_point(frame, tuple(xy), assume=assume) for xy in points]
    ranges_m = np.array([point.range_m for point in found])
    return np.array([point.position_m for point in found]), ranges_m


def path_length_m(ground):
    """Return the length of a path through ground points, in metres."""
    return float(np.linalg.norm(np.diff(ground, axis=0), axis=1).sum())


flat_ground, flat_m = ground_path(inner, "flat ground")
visible_m = path_length_m(flat_ground)
true_visible_m = path_length_m(ground_path(inner, "true range")[0])
print(f"We see the track from {flat_m[0]:.1f} m to {flat_m[-1]:.1f} m away")
check("length of track in view", visible_m, true_visible_m, "m", digits=1)

# %%
# How many pictures is the whole drive?
# -------------------------------------
# By early January 2020 Yutu-2's odometer read 357.695 m :src:`S19`. If
# every picture showed as much track as this one, how many pictures would
# it take to see the whole drive?

pictures_needed = odometer_m / visible_m
record("pictures for the drive", pictures_needed, digits=0)
# For the teacher notes: the odometer passed 1,003.9 m on 6 January 2022 [S19].
record("pictures for 1 km", 1003.9 / visible_m, digits=0)
print(
    f"{odometer_m} m / {visible_m:.1f} m = about {pictures_needed:.0f} pictures"
)

# %%
# The gap shrinks with distance
# -----------------------------
# The two tracks stay 0.85 m apart on the ground (the virtual rover's
# value), but in the picture the gap narrows. Perspective says by how much:
# a length at distance *R* covers *L* × *f* / *R* pixels, with *f* the focal
# length in pixels. Twice as far, half as many pixels. Where both tracks
# are in view, we measure the gap in pixels and on flat ground.

f_px = focal_length_px(camera)
# Both traces climb two rows at a time from the same row, so their first
# points pair up row by row for as long as both tracks are in view.
both = min(len(inner), len(outer))
pairs_in, pairs_out = inner[:both:4], outer[:both:4]
gap_px = pairs_out[:, 0] - pairs_in[:, 0]
ground_in, gap_range_m = ground_path(pairs_in, "flat ground")
ground_out, _ = ground_path(pairs_out, "flat ground")
gap_m = np.linalg.norm(ground_out - ground_in, axis=1)
print(" row  distance  gap (px)  gap (m)")
for i in (0, -1):  # the nearest and the farthest pair
    row, at_m = pairs_in[i, 1], gap_range_m[i]
    print(f"{row:4.0f}  {at_m:6.1f} m  {gap_px[i]:7.0f}  {gap_m[i]:7.2f}")
print(f"The farthest gap measured is {gap_range_m[-1]:.1f} m away")
record("nearest gap distance", gap_range_m[0], "m", digits=1)
record("nearest gap", gap_px[0], "px", digits=0)
record("farthest gap distance", gap_range_m[-1], "m", digits=1)
record("farthest gap", gap_px[-1], "px", digits=0)
record("focal length", f_px, "px", digits=0)
check(
    "gap between the tracks at the farthest row",
    gap_m[-1],
    TRACK_WIDTH_M,
    "m",
    digits=2,
)

curve_m = np.linspace(5.0, 12.0, 57)
chart = line_chart(
    [
        Series("measured gap", gap_range_m, gap_px, style="points"),
        Series(
            f"a gap of {gap_m[0]:.2f} m at every distance",
            curve_m,
            gap_m[0] * f_px / curve_m,
        ),
    ],
    title="The gap between the tracks, in pixels",
    x_label="distance from the camera on flat ground (m)",
    y_label="gap along the row (pixels)",
    x_range=(5.0, 12.0),
)
le.show(
    chart,
    alt=(
        "A chart of the gap between the tracks in pixels against distance "
        f"from {gap_range_m[0]:.1f} m to {gap_range_m[-1]:.1f} m. The measured "
        f"points fall from about {gap_px[0]:.0f} to {gap_px[-1]:.0f} "
        "pixels and lie close to a smooth falling curve for a gap that "
        "stays the same on the ground."
    ),
    caption=(
        "The gap in pixels falls as one over the distance, the signature "
        "of perspective: the tracks do not get closer on the ground, they "
        "only look closer because they are farther away. Most points sit "
        "a few pixels above the curve: the tracks cross the rows at a "
        "slant, so the gap along a row is a little wider than straight "
        "across."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a traced track, turned point by point into spots on the ground, adds
#   up to a length;
# * one picture shows only a short stretch of track, so a long drive fills
#   many pictures;
# * the gap between two tracks shrinks in step with distance.

# %%
# Your turn
# ---------
# 1. The two tracks are 0.85 m apart, and the focal length is about 3,378
#    pixels at this picture size. How far away would the gap shrink to 2
#    pixels, so that the tracks merge into one line?
# 2. By 6 January 2022 Yutu-2 had passed 1,003.9 m :src:`S19`. How many
#    pictures like this one would show the whole drive?
# 3. Measure the right track too: ``path_length_m(ground_path(outer,
#    "flat ground")[0])``. Why do we see less of it than of the left track?
#
# Sources: the odometer readings :src:`S19`; the mast camera's height
# :src:`S23`. The 0.85 m between the tracks is the virtual rover's estimate,
# not a published fact.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: perspective", "skill: measuring", "topic: tracks", "topic: rover"]
