"""
.. _lesson-how-far-tracks-run:

How far do the tracks run? Distances from perspective
=====================================================

A picture has no depth: near and far ground lie side by side on the same
flat screen. Yet our eyes read distance from it at once, because of
perspective. On flat ground, the farther away a spot is, the higher it sits
in the picture, closer to the horizon, and the smaller everything there
looks. In this lesson you turn rows of a picture from Yutu-2's mast camera
into distances, draw a distance ladder on it, follow the rover's tracks
until they leave the picture and work out how far away that is.

**Level:** advanced · **Time:** about 30 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-track-width` (pixels to metres on flat
ground).

**Keywords:** perspective, horizon, distance ladder, tracking, flat-ground
assumption.

**Learning goals.** After this lesson you can:

* explain why farther ground appears higher in a picture;
* draw a distance ladder on a picture from the camera's height and
  pointing;
* follow a track up the picture and find how far away it leaves the view.

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
from lunar_edu.camera import ground_range_m
from lunar_edu.measure import running_mean

sun_elevation_deg = 22.0
seed = 0
ladder_m = (2, 5, 7, 10, 15, 20, 30, 50, 100)  # distances from the camera

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
row_range_m = ground_range_m(camera, camera.centre_px[0], rows)
on_ground = np.isfinite(row_range_m)
horizon_row = int(rows[~on_ground].max()) + 1 if (~on_ground).any() else 0
nearest_m = float(row_range_m[-1])
print(f"The horizon of flat ground is at row {horizon_row}")
print(f"The bottom row sees flat ground {nearest_m:.1f} m away")
record("horizon row", horizon_row)
record("nearest ground", nearest_m, "m", digits=1)

# Ranges fall down the picture; np.interp needs rising values, so turn round.
ranges_up, rows_up = row_range_m[on_ground][::-1], rows[on_ground][::-1]
print("distance   row")
rungs = []
for distance_m in ladder_m:
    if distance_m < nearest_m:
        print(f"{distance_m:5.0f} m   below the picture")
        continue
    y_px = float(np.interp(distance_m, ranges_up, rows_up))
    rungs.append((distance_m, y_px))
    print(f"{distance_m:5.0f} m   {y_px:5.0f}")
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
    rung = [(0, y_px), (picture.width - 1, y_px)]
    ladder = polyline(ladder, rung, colour=(86, 180, 233))
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
# point tells us how far away the track goes out of view.
# :func:`lunar_edu.annotate.ground_point` follows that point's ray to the
# ground: with ``assume="flat ground"`` as on a real picture, and with
# ``assume="true range"`` using the simulated scene's answer key
# (``frame.truth.range_m``), so that we can check the number.

end_x, end_y = inner[-1]
end_m = ground_point(frame, (end_x, end_y), assume="flat ground").range_m
key_m = ground_point(frame, (end_x, end_y), assume="true range").range_m
check(
    "distance where the track leaves the view", end_m, key_m, "m", digits=1
)

traced = polyline(ladder, inner.tolist())
traced = polyline(traced, outer.tolist())
where = "leaves the picture" if end_x > picture.width - 30 else "fades"
end_text = f"the track {where} {end_m:.1f} m away"
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
        "10 m."
    ),
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
#   brightness rule fails where the track fades.

# %%
# Your turn
# ---------
# 1. Use the ladder: about how far away is the small dark rock near the
#    left edge, a little below the 15 m rung? Check your answer with
#    ``ground_point(frame, (x, y), assume="flat ground").range_m`` at the
#    pixel where the rock meets the ground.
# 2. Add rungs at 8 m and 9 m to ``ladder_m``. How many rows lie between
#    the rungs at 7, 8, 9 and 10 m? Why does each metre take fewer rows?
# 3. Change ``sun_elevation_deg`` to ``60.0``. Can the program still follow
#    the tracks? What changes in the grooves when the Sun is high? (A
#    what-if: at the landing site the Sun never climbs above about 46°.)
#
# Sources: the mast camera's height :src:`S23`.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: perspective", "skill: measuring", "topic: tracks"]
