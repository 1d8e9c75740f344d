"""
.. _lesson-tread-marks:

What do the tread marks say about the soil?
===========================================

Yutu-2 rolls on six wheels :src:`S1`. The virtual rover's wheels carry
ridges across them, and each ridge presses a mark into the regolith, the
loose layer of dust, sand and broken rock that covers the Moon. A print is
a message from the ground: if it is sharp and even, the soil took the shape
of the wheel and kept it. In this lesson you find the tread marks in a
close-up from the rover's mast camera, count them along one track, measure
how far apart they are on the ground and decide what kind of soil can keep
such a print.

**Level:** advanced · **Time:** about 40 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-track-width` (brightness profile, running
mean, pixels to metres).

**Keywords:** tread marks, repeating pattern, band-pass filter, spacing,
regolith.

**Learning goals.** After this lesson you can:

* find a repeating pattern in a line of brightness values;
* measure a distance on the ground between two pixels, assuming flat
  ground;
* explain why a sharp, even print means fine soil whose grains hold
  together.

.. note::

   The pictures in this lesson are **simulated**: the virtual Chang'e 4
   rendered through a model of the PCAM camera. If your teacher has the real
   picture, it is shown first and the measuring is done on the simulated
   scene, whose answers we know. Real PCAM frames are Chang'e 4 data
   products of China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# A close look at the ground
# --------------------------
# :func:`lunar_edu.load` serves the catalogue picture ``"dry-ground"``: the
# rover's mast camera, 1.5 m above the ground :src:`S23`, looks 32° down at
# the ground about 3 m in front of it, where the rover has driven. In the
# simulated scene the camera looks due south, and the Sun, 20° up in the
# west-north-west, shines from the right and a little behind the camera.
# The numbers at the top are the ones to change: the :term:`seed` of the random
# ground, and the two ends of the line along which we look for marks,
# picked by eye on the lower track.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import (
    ground_distance_m,
    label,
    metres_per_px_at,
    polyline,
)
from lunar_edu.answers import check, record
from lunar_edu.charts import Series, line_chart
from lunar_edu.measure import running_mean
from lunar_edu.synth.tracks import GROUSER_SPACING_M

seed = 0
line_start_xy = (260, 846)  # (column, row): the near end, on a track
line_end_xy = (1160, 598)  # the far end, on the same track
mark_reach_px = 40  # a mark is the darkest spot this far either side

frame = le.load("dry-ground", seed=seed, size="half")
le.show(
    le.develop(frame),
    alt=(
        "Close view of fine gray ground, seen from above at a slant. Two "
        "wheel tracks cross it from lower left to upper right, each a band "
        "of evenly spaced chevron-shaped tread marks with a thin dark "
        "shadow along its lower edge."
        if frame.source.is_simulated
        else None  # a real picture: the catalogue's alt text
    ),
    caption=(
        "Dry, powdery ground seen from the rover's mast, about 3 m ahead. "
        "Look at the pattern inside each wheel track: what made it, and "
        "what does it tell you about the ground?"
    ),
)
frame = le.with_answer_key(frame)  # measure on the simulated scene
picture = le.develop(frame)

# %%
# Brightness along the track
# --------------------------
# Each mark is a small ridge and trough: one side faces the Sun and is
# bright, the other is in shade. So as we walk along a track, the
# brightness goes up and down once per mark. We read the brightness at
# every pixel of the line, averaged over 13 pixels across it so that single
# grains count less, and subtract the average over 81 pixels around each
# point: what is left is the up and down of the marks.

gray = np.asarray(picture, dtype=float).mean(axis=2)
start, end = np.array(line_start_xy, float), np.array(line_end_xy, float)
steps = round(float(np.hypot(*(end - start))))  # one sample per pixel
along = start + np.linspace(0, 1, steps)[:, None] * (end - start)
cols, rows = along.round().astype(int).T
brightness = np.mean([gray[rows + dy, cols] for dy in range(-6, 7)], 0)
# Is the line on the lower or the upper track of the picture?
on_lower_track = start[1] + end[1] > picture.height
track_name = "lower" if on_lower_track else "upper"

contrast = running_mean(brightness, 17) - running_mean(brightness, 81)

# %%
# Count the marks
# ---------------
# A mark is a spot darker than its surroundings (by at least 4 levels out of
# 255) and the darkest within ``mark_reach_px`` pixels on either side. The
# gaps between marks, in pixels, tell us whether we missed one: a missed
# mark leaves a gap about twice as long as the others.

marks = [
    i
    for i, value in enumerate(contrast)
    if value < -4
    and value
    == contrast[max(i - mark_reach_px, 0) : i + mark_reach_px + 1].min()
]
gaps_px = np.diff(marks)
print(f"Found {len(marks)} marks along the line")
print("Gaps between marks (pixels):", " ".join(str(g) for g in gaps_px))
record("marks found", len(marks))
record("gaps between marks", gaps_px, "px")
record("first gap", gaps_px[0], "px")
record("last gap", gaps_px[-1], "px")

position_px = np.arange(steps)
chart = line_chart(
    [
        Series("brightness minus surroundings", position_px, contrast),
        Series(
            "the marks we count",
            position_px[marks],
            contrast[marks],
            style="points",
        ),
    ],
    title=f"Brightness along the {track_name} track",
    x_label="position along the line (pixels from its near end)",
    y_label="brighter or darker than around (levels)",
    y_range=(contrast.min() - 10, contrast.max() + 50),
    legend="upper left",
)
le.show(
    chart,
    alt=(
        "A line chart of brightness along the track. The blue line swings "
        f"up and down in a regular rhythm; {len(marks)} orange points sit "
        "in its dips, one per swing, a little closer together towards the "
        "right."
    ),
    caption=(
        "The brightness rises and falls once per tread mark, like a wave; "
        "each orange point is a dip we count as one mark. Every dip is "
        "much deeper than the grainy wiggles of the line."
    ),
)

# %%
# How far apart on the ground?
# ----------------------------
# :func:`lunar_edu.annotate.ground_distance_m` follows the rays of two
# pixels to the ground and measures the distance between the two points.
# We pass ``assume="flat ground"``: the camera's 1.5 m height and its
# pointing are all a real picture gives us. From the first mark to the last
# there are one fewer gaps than marks, so the spacing is the distance
# divided by the number of gaps. The virtual rover's wheels carry a ridge
# every 8 cm (the model's value, not a published one).

first_xy, last_xy = tuple(along[marks[0]]), tuple(along[marks[-1]])
span_m, _ = ground_distance_m(
    frame, first_xy, last_xy, assume="flat ground"
)
spacing_m = span_m / len(gaps_px)
print(f"First mark to last: {100 * span_m:.0f} cm, {len(gaps_px)} gaps")
record("first mark to last", 100 * span_m, "cm", digits=0)
record("gaps counted", len(gaps_px))
# For the teacher notes: perspective along the line (exercise 2).
for which, xy in (("first", first_xy), ("last", last_xy)):
    mark_px_m, point = metres_per_px_at(frame, xy, assume="flat ground")
    size_mm = 1000 * mark_px_m
    record(f"pixel size at the {which} mark", size_mm, "mm", digits=2)
    record(f"distance to the {which} mark", point.range_m, "m", digits=2)
check(
    "tread mark spacing",
    100 * spacing_m,
    100 * GROUSER_SPACING_M,
    "cm",
    digits=1,
)

# Short ticks beside the track at every mark, at right angles to it: above
# the lower track, below the upper one, where there is room.
side = np.array([end[1] - start[1], start[0] - end[0]]) / steps  # up
if not on_lower_track:
    side = -side
counted = picture
for i in marks:
    counted = polyline(
        counted, [along[i] + 100 * side, along[i] + 130 * side]
    )
count_text = f"{len(gaps_px)} gaps in {100 * span_m:.0f} cm"
middle_xy = tuple(along[marks[len(marks) // 2]] + 130 * side)
label_offset_px = (-120, -120) if on_lower_track else (-120, 120)
counted = label(counted, count_text, middle_xy, offset_px=label_offset_px)
le.show(
    counted,
    alt=(
        "The close-up of the ground with two wheel tracks running from "
        "lower left to upper right, each with a row of chevron-shaped "
        f"tread marks. {len(marks)} short yellow ticks stand beside the "
        f"{track_name} track, one at each mark, with a leader line to the "
        f"label '{count_text}'."
    ),
    caption=(
        f"One tread mark every {100 * spacing_m:.1f} cm on the ground, "
        f"where the model's wheels have a ridge every "
        f"{100 * GROUSER_SPACING_M:.0f} cm: the print is exact, mark for "
        "mark."
    ),
)

# %%
# What the print tells us
# -----------------------
# The marks are evenly spaced, as far apart as the ridges of the wheel, and
# their edges are sharp. Two things must be true of a soil that keeps a
# print like that. Its grains must be much smaller than the marks, or the
# edges would be lumpy; and the grains must stay where the wheel pushed
# them instead of flowing back. Regolith does both: its grains are fine,
# and they are sharp-edged and jagged, so they lock into each other and
# hold together (the soil is *cohesive*). Yutu-2's radar saw down to
# about 40 m, and the mission team reads its echoes as porous, granular
# material all the way down :src:`S15`.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a repeating pattern shows up as regular dips in a line of brightness
#   values once slow changes are taken out;
# * the gaps between marks must be checked before their average is trusted;
# * perspective makes equal gaps on the ground take fewer pixels further
#   away;
# * a sharp, even print means fine soil whose grains lock together.

# %%
# Your turn
# ---------
# 1. Count the tread marks along the lower track in the first picture
#    yourself. Do you find as many as the program? Which is easier to trust?
# 2. The ticks on the right are fewer pixels apart than those on the left.
#    Are the marks there closer together on the ground? Why do they look
#    closer?
# 3. Move the line to the upper track: ``line_start_xy = (60, 270)`` and
#    ``line_end_xy = (1120, 72)``. Look at the printed gaps: did the
#    program find every mark? What does a missed mark do to the spacing?
# 4. Why could a soil of pebbles a few centimetres across not keep marks
#    like these? What would the tracks look like?
#
# Sources: the rover's six wheels :src:`S1`; the mast camera's height
# :src:`S23`; the radar :src:`S15`. The grouser spacing is the virtual
# rover's estimate, not a published fact.

# sphinx_gallery_thumbnail_number = 3
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: measuring", "skill: image processing", "topic: tracks"]
