"""
.. _lesson-how-far-tracks-run:

How far do the tracks run? Distances from perspective
=====================================================

A picture has no depth: near and far ground lie side by side on the same
flat screen. Yet our eyes read distance from it at once, because of
perspective. On flat ground, the farther away a spot is, the higher it sits
in the picture, closer to the horizon, and the smaller everything there
looks. By the end of its 13th lunar day, in early January 2020, Yutu-2 had
driven about 358 m :src:`S19`, and each picture from its mast camera shows
only a short stretch of that drive. In this lesson you turn rows of the
picture into distances, draw a distance ladder, follow the tracks until they
leave the picture and work out how far they run.

**Level:** advanced · **Time:** about 45 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-track-width` (pixels to metres on flat
ground).

**Keywords:** perspective, horizon, distance ladder, tracking, flat-ground
assumption.

**Learning goals.** After this lesson you can:

* explain why farther ground appears higher in a picture;
* draw a distance ladder on a picture from the camera's height and
  pointing;
* follow a track up the picture and measure how far it runs;
* show that the gap between two tracks shrinks in step with distance.

.. note::

   The pictures in this lesson are **simulated**: the virtual Chang'e 4
   rendered through a model of the PCAM camera. If your teacher has the real
   picture, it is shown first and the measuring is done on the simulated
   scene, whose answers we know. Real PCAM frames are Chang'e 4 data
   products of China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# Tracks curving away
# -------------------
# :func:`lunar_edu.load` serves the catalogue picture ``"more-tracks"``: the
# rover's mast camera, 1.5 m above the ground :src:`S23`, looks along the
# tracks it has left on the plain. In the simulated scene the camera looks
# south-east, and the Sun, 22° up in the east-north-east, shines from the
# left. The numbers at the top are the ones to change: the Sun's height,
# the :term:`seed` of the random ground, and the distances of the ladder we will
# draw.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import ground_point, label, polyline
from lunar_edu.answers import check, record
from lunar_edu.camera import focal_length_px, ground_range_m
from lunar_edu.charts import Series, line_chart
from lunar_edu.measure import running_mean
from lunar_edu.synth.tracks import TRACK_WIDTH_M

sun_elevation_deg = 22.0
seed = 0
ladder_m = (2, 5, 7, 10, 15, 20, 30, 50, 100)  # distances from the camera
odometer_m = 357.695  # Yutu-2's total by early January 2020 (S19)

scene = {"sun_elevation": sun_elevation_deg, "seed": seed, "size": "half"}
frame = le.load("more-tracks", **scene)
le.show(
    le.develop(frame),  # alt text from the catalogue
    caption=(
        "Wheel tracks curving away across the plain. Notice how the gap "
        "between the two tracks narrows as they climb the picture: the "
        "tracks are parallel, but the far part is farther away."
    ),
)
frame = le.with_answer_key(frame)  # measure on the simulated scene
picture = le.develop(frame)

# %%
# Every row is a distance
# -----------------------
# The camera looks slightly down. A pixel near the bottom of the picture
# looks steeply down and its ray meets the ground close by; a pixel near the
# horizon looks almost level and its ray travels far before it comes down
# the camera's 1.5 m height. :func:`lunar_edu.camera.ground_range_m` follows
# each ray to flat ground. Down the middle column of the picture:

camera = frame.camera
rows = np.arange(picture.height)
middle_x = camera.centre_px[0]
row_range_m = ground_range_m(camera, middle_x, rows)
on_ground = np.isfinite(row_range_m)
horizon_row = int(rows[~on_ground].max()) + 1 if (~on_ground).any() else 0
nearest_m = float(row_range_m[-1])
print(f"The horizon of flat ground is at row {horizon_row}")
print(f"The bottom row sees flat ground {nearest_m:.1f} m away")
record("horizon row", horizon_row)
record("nearest ground", nearest_m, "m", digits=1)


def row_at(distance_m):
    """Return the row (with decimals) where flat ground is that far."""
    # Ranges fall from the horizon down to the bottom row, so turn them
    # round for np.interp, which needs rising values.
    ranges = row_range_m[on_ground][::-1]
    return float(np.interp(distance_m, ranges, rows[on_ground][::-1]))


print("distance   row")
rungs = []
for distance_m in ladder_m:
    if distance_m < nearest_m:
        print(f"{distance_m:5.0f} m   below the picture")
        continue
    rungs.append((distance_m, row_at(distance_m)))
    print(f"{distance_m:5.0f} m   {rungs[-1][1]:5.0f}")
record("rung distances", [round(d) for d, _ in rungs], "m")
record("rung rows", [round(r) for _, r in rungs], grouping=False)

# %%
# Draw a distance ladder
# ----------------------
# Each rung of the ladder is a line across the picture where flat ground is
# a round distance from the camera. Equal steps on the ground are not equal
# steps in the picture: the rungs crowd together towards the horizon. We
# draw the ladder now and show it below, once the tracks are traced on it.

ladder = picture
for distance_m, y_px in rungs:
    ladder = polyline(
        ladder,
        [(0, y_px), (picture.width - 1, y_px)],
        colour=(86, 180, 233),
    )
    ladder = label(ladder, f"{distance_m} m", (24, y_px), offset_px=(8, -4))
rung_text = ", ".join(f"{d} m" for d, _ in rungs)

# %%
# Follow the tracks
# -----------------
# A track is a dark groove: in each row it is darker than the ground around
# it. We smooth the picture a little, compare each pixel with the average
# of the 201 pixels around it in its row, and start at the two darkest
# grooves of the bottom row. Then we climb the picture two rows at a time,
# each time looking for the darkest spot within 25 pixels of the last one,
# until the groove is no longer clearly darker (by at least 3 levels out of
# 255) or reaches the edge of the picture. (Look closely and you see faint
# stripes across the grooves. They are not tread marks: the simulated ruts
# are smooth, and the stripes come from the grid of cells, about 5 cm
# across, in which the simulated ground is stored.)

gray = np.asarray(picture, dtype=float).mean(axis=2)

smooth = running_mean(running_mean(gray, 9, axis=0), 9, axis=1)
contrast = smooth - running_mean(smooth, 201, axis=1)

start_row = picture.height - 8
bottom = contrast[start_row].copy()
first = int(np.argmin(bottom))
# Hide the darkest groove and its rut, then look for the other track.
bottom[max(first - 100, 0) : first + 100] = np.inf
starts = sorted((first, int(np.argmin(bottom))))


def follow(x_px, reach_px=25, darker_than=-3.0):
    """Return (x, y) points along the groove that starts at column x_px."""
    points = []
    for y_px in range(start_row, horizon_row, -2):
        left = max(x_px - reach_px, 0)
        window = contrast[y_px, left : x_px + reach_px + 1]
        darkest = int(np.argmin(window))
        at_edge = left + darkest in (0, picture.width - 1)
        if window[darkest] > darker_than or at_edge:
            break
        x_px = left + darkest
        points.append((x_px, y_px))
    return np.array(points, dtype=float)


inner, outer = (follow(x) for x in starts)
# Noise makes the darkest spot wobble by a pixel or two from row to row;
# a running mean over 7 points steadies the traces.
for trace in (inner, outer):
    trace[:, 0] = running_mean(trace[:, 0], 7, axis=0)
print(f"Followed the left track over {len(inner)} steps")
print(f"Followed the right track over {len(outer)} steps")
record("left track steps", len(inner))
record("right track steps", len(outer))

# %%
# How far do they run?
# --------------------
# The left track climbs highest before it leaves the picture. Its last
# point tells us how far away the track goes out of view; adding up the
# ground distances between its points gives the length of track we see.
# :func:`lunar_edu.annotate.ground_point` follows each point's ray to the
# ground: with ``assume="flat ground"`` as on a real picture, and with
# ``assume="true range"`` using the simulated scene's answer key
# (``frame.truth.range_m``), so that we can check both numbers.


def ground_path(points, assume):
    """Return the ground points behind picture points, and their ranges."""
    found = [ground_point(frame, tuple(xy), assume=assume) for xy in points]
    ranges_m = np.array([point.range_m for point in found])
    return np.array([point.position_m for point in found]), ranges_m


def path_length_m(ground):
    """Return the length of a path through ground points, in metres."""
    return float(np.linalg.norm(np.diff(ground, axis=0), axis=1).sum())


flat_ground, flat_m = ground_path(inner, "flat ground")
true_ground, true_m = ground_path(inner, "true range")
visible_m = path_length_m(flat_ground)
true_visible_m = path_length_m(true_ground)
end_x, end_y = inner[-1]
check(
    "distance where the track leaves the view",
    flat_m[-1],
    true_m[-1],
    "m",
    digits=1,
)
check("length of track in view", visible_m, true_visible_m, "m", digits=1)

traced = polyline(ladder, inner.tolist())
traced = polyline(traced, outer.tolist())
where = "leaves the picture" if end_x > picture.width - 30 else "fades"
end_text = f"the track {where} {flat_m[-1]:.1f} m away"
traced = label(traced, end_text, (end_x, end_y), offset_px=(-90, -70))
le.show(
    traced,
    alt=(
        "The tracks picture crossed by thin blue horizontal lines, each "
        f"labelled at its left end with a distance: {rung_text}, from the "
        "bottom up; the lines are far apart near the bottom and crowd "
        "together towards the horizon. Both wheel tracks are traced in "
        "yellow from the bottom edge, curving up to the right edge, and a "
        f"label at the end of the left track reads '{end_text}'."
    ),
    caption=(
        "A distance ladder for flat ground, and the tracks traced on it. "
        f"Nothing nearer than {nearest_m:.1f} m is in view, and the step "
        "from 50 m to 100 m takes fewer rows than the step from 7 m to "
        f"10 m. We see about {visible_m:.0f} m of track, from "
        f"{flat_m[0]:.1f} m to {flat_m[-1]:.1f} m away."
    ),
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
for i in (0, len(gap_px) - 1):
    print(
        f"{pairs_in[i, 1]:4.0f}  {gap_range_m[i]:6.1f} m  {gap_px[i]:7.0f}"
        f"  {gap_m[i]:7.2f}"
    )
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
        f"from {gap_range_m[0]:.1f} m to {gap_range_m[-1]:.1f} m. The "
        "measured "
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
    f"{odometer_m} m / {visible_m:.1f} m ="
    f" about {pictures_needed:.0f} pictures"
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * farther ground sits higher in the picture, and equal steps on the
#   ground take fewer rows further away;
# * a distance ladder drawn from the camera's height and pointing turns
#   rows into metres;
# * a track can be followed up the picture step by step, and a simple
#   brightness rule fails where the track fades;
# * the gap between two tracks shrinks in step with distance.

# %%
# Your turn
# ---------
# 1. Use the ladder: about how far away is the small dark rock near the
#    left edge, a little below the 15 m rung? Check your answer with
#    ``ground_point(frame, (x, y), assume="flat ground").range_m`` at the
#    pixel where the rock meets the ground.
# 2. The two tracks are 0.85 m apart. The focal length is about 3,378
#    pixels at this picture size. How far away would the tracks have to
#    be for the gap to shrink to 2 pixels, so that they merge into one
#    line?
# 3. Change ``sun_elevation_deg`` to ``60.0``. Can the program still follow
#    the tracks? What changes in the grooves when the Sun is high? (A
#    what-if: at the landing site the Sun never climbs above about 46°.)
# 4. By 6 January 2022 Yutu-2 had passed 1,003.9 m :src:`S19`. How many
#    pictures like this one would show the whole drive?
#
# Sources: the odometer readings :src:`S19`; the mast camera's height
# :src:`S23`. The 0.85 m between the tracks is the virtual rover's estimate,
# not a published fact.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: perspective", "skill: measuring", "topic: tracks", "topic: rover"]
