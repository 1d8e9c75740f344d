"""
.. _lesson-little-craters:

Which pixels are craters? A crater finder with a paint bucket
=============================================================

Small impact craters, from tens of centimetres to a few metres across, pit
the ground all around Yutu-2. Before you can say how big a crater is, you
have to say which pixels of the picture belong to it. In this lesson you
find the craters in a picture from the rover's panoramic camera (PCAM) by
the brightness of their pixels, colour each one in with a "paint bucket",
sort whole craters from cut-off ones and dark specks, and find out where
this simple method breaks down; the next lesson turns widths into metres.

**Level:** advanced · **Time:** about 30 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-track-width` (brightness profile); numpy
masks.

**Keywords:** crater, threshold, segmentation, flood fill, failure.

**Learning goals.** After this lesson you can:

* pick out a crater's pixels by comparing them with the plain around it;
* colour in the pixels of one crater with a paint bucket (flood fill);
* say when the method fails, and why.

.. note::

   The pictures in this lesson are **simulated**: a lunar scene rendered by
   lunar_edu through a model of the PCAM camera. Real PCAM pictures are
   Chang'e 4 data products of China's Lunar Exploration Program (CNSA/CLEP).
   When you have one, the lesson shows it first and then works on the
   simulated scene, because only that one comes with an answer key.
"""

# %%
# Load the picture
# ----------------
# :func:`lunar_edu.load` serves the catalogue picture ``"little-craters"``:
# a real PCAM picture when you have one, otherwise the simulated scene. The
# rover's mast camera stands 1.5 m above the ground :src:`S23` and looks a
# little down, towards :term:`azimuth` 298° (west-north-west), into the
# Sun: the far inner wall of each bowl lies in shadow, which makes a crater
# darker than the plain. The numbers at the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import crater_outline_px
from lunar_edu.answers import record
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.measure import flood_fill, running_mean
from PIL import Image, ImageDraw, ImageFilter

sun_elevation_deg = 25.0
sun_azimuth_deg = 298.0  # the camera looks towards 298°: into the Sun
seed = 0
dark_fraction = 0.6  # crater pixels are darker than 60 % of the plain
fewest_rows_px = 8  # a patch must be at least this many pixels tall

light = {"sun_elevation": sun_elevation_deg, "sun_azimuth": sun_azimuth_deg}
frame = le.load("little-craters", seed=seed, size="half", **light)
le.show(le.develop(frame))  # a real picture when you have one
frame = le.with_answer_key(frame)  # work on the simulated scene
picture, camera, sun = le.develop(frame), frame.camera, frame.sun
print(f"Camera: towards {camera.yaw_deg:.0f}°, {-camera.pitch_deg}° down")
print(f"Sun: {sun.elevation_deg}° high, azimuth {sun.azimuth_deg}°")

# %%
# Which pixels belong to a crater?
# --------------------------------
# The plain looks brighter towards the top of the picture, where we see it
# at a flatter slant. So we compare each pixel with the plain *in its own
# row*: the brightness that three quarters of the row's pixels are darker
# than, smoothed over 41 rows (:func:`~lunar_edu.measure.running_mean`). A
# pixel darker than ``dark_fraction`` of that is a "crater pixel". A small
# blur first keeps single dark grains of soil from counting.

gray = picture.convert("L").filter(ImageFilter.BoxBlur(2))
brightness = np.asarray(gray, dtype=float)
plain_of_row = running_mean(np.percentile(brightness, 75, axis=1), 41)
is_crater = brightness < dark_fraction * plain_of_row[:, None]
print(f"{100 * is_crater.mean():.1f} % of the pixels are crater pixels.")

# %%
# Fill each crater with a paint bucket
# ------------------------------------
# The answer key of the simulated scene (``frame.truth``) lists the little
# craters, largest first (a big one far off near the horizon would need its
# own lesson). We use it only to know *where to look*: it gives the middle
# of each rim in pixels and in metres east, north and up (``position_m``).
# :func:`~lunar_edu.annotate.crater_outline_px` projects a level circle of
# the diameter there into the picture: the ring a perfect method would find.
#
# Then we do what the paint bucket of a drawing program does: inside each
# ring we colour in the crater pixels joined to the one nearest the centre.
# :func:`lunar_edu.measure.flood_fill` keeps a queue of pixels to visit: it
# takes the next one and paints each of its eight neighbours (beside it or
# at a corner) that is a crater pixel and not painted yet, until the queue
# is empty. If the start is already painted, the crater joins a bigger one,
# listed before it. From here on only the painted patch counts: it comes
# from the picture alone.

little = [c for c in frame.truth.of_kind("crater") if c.size_m < 10]
owner = np.zeros(is_crater.shape, dtype=int)  # which crater painted a pixel
results = []
for crater in little:
    outline = crater_outline_px(
        frame, crater.xy_px, crater.size_m, centre_m=crater.position_m
    )
    found = {"crater": crater, "ring": outline, "status": "not seen"}
    results.append(found)
    inside = Image.new("1", picture.size)  # True inside the ring
    ImageDraw.Draw(inside).polygon([tuple(p) for p in outline], fill=1)
    rows, cols = np.nonzero(is_crater & np.asarray(inside))
    if len(rows) == 0:
        continue
    gaps = (cols - crater.xy_px[0]) ** 2 + (rows - crater.xy_px[1]) ** 2
    start = np.argmin(gaps)  # the crater pixel nearest the centre
    if owner[rows[start], cols[start]]:
        bigger = results[owner[rows[start], cols[start]] - 1]["crater"]
        found["status"] = f"joined to {bigger.name}"
        continue
    found["patch"] = flood_fill(is_crater, (cols[start], rows[start]))
    owner[found["patch"]] = len(results)

# %%
# Is the patch a whole crater?
# ----------------------------
# A crater whose ring runs off the picture, or whose patch touches its
# edge, is cut off: we see only part of it, so its patch is too narrow. A
# patch only a few rows tall is too small to trust. And from 1.5 m up a
# round crater looks much wider than tall (:ref:`lesson-nearby-crater`
# shows why), so a patch less than twice as wide as tall is a dark speck
# of soil. Of a whole crater we measure the widest row, in pixels.

for found in (f for f in results if "patch" in f):
    patch, outline = found["patch"], found["ring"]
    rows, cols = np.nonzero(patch)
    tall_px, wide_px = np.ptp(rows) + 1, np.ptp(cols) + 1
    on_edge = patch[[0, -1]].any() or patch[:, [0, -1]].any()
    ring_out = outline.min() < 0 or any(outline.max(axis=0) >= picture.size)
    if on_edge or ring_out:
        found["status"] = "cut off by the edge"
    elif tall_px < fewest_rows_px:
        found["status"] = f"patch only {tall_px} px tall"
    elif wide_px < 2 * tall_px:
        found["status"] = f"patch {wide_px} x {tall_px} px: not a crater"
    else:
        spans = [(np.ptp(cols[rows == r]) + 1, r) for r in np.unique(rows)]
        found["row"] = max(spans)[1]
        found["status"] = f"measured: {max(spans)[0]} px wide"

print("crater        key D  distance  ring w x h px  result")
for found in results:
    c, (w, h) = found["crater"], np.ptp(found["ring"], axis=0)
    print(
        f"{c.name:11s} {c.size_m:5.2f} m {c.distance_m:6.1f} m  "
        f"{w:5.0f} x {h:<4.0f}  {found['status']}"
    )
# For the teacher notes (each status starts with its outcome's first word).
for outcome in ("measured", "cut off", "joined to another", "not seen"):
    count = sum(f["status"].startswith(outcome.split()[0]) for f in results)
    record(f"craters {outcome}", count)

# %%
# Where the method fails
# ----------------------
# Read the table again: most craters the answer key knows were *not*
# measured, and each failure has a reason you can see.
#
# * **Cut off by the edge.** Two big craters run off the picture, so
#   their patches are narrower than the craters. A panorama of several
#   pictures would show them whole.
# * **Not seen, far away.** From a camera 1.5 m up, a small crater 20 m
#   away is squashed into an ellipse only two to four pixels tall: its ring
#   in the table is wide but very flat, and the blur erases it.
# * **Not seen, close by.** Old craters have soft, worn-down rims and
#   shallow bowls. They are hardly darker than the plain, so few or no
#   pixels cross the threshold, however close they are.
# * **Joins a bigger crater.** A small crater on or next to a big one is
#   painted as part of it.
#
# The chart shows what the method "sees" along the widest row of the
# biggest crater it measured: each pixel's brightness, the plain's level
# and the threshold below it. The crater is where the line dips below it.

biggest = next(found for found in results if "row" in found)
row = biggest["row"]
first_px, last_px = np.flatnonzero(biggest["patch"][row])[[0, -1]]
margin_px = (last_px - first_px) // 3
left_px, right_px = first_px - margin_px, last_px + margin_px
columns = np.arange(max(left_px, 0), min(right_px, picture.width - 1))
plain_level = float(plain_of_row[row])
chart = line_chart(
    [Series("brightness", columns, brightness[row, columns])],
    title=f"Brightness along row {row}, through {biggest['crater'].name}",
    x_label="column in the picture (px)",
    y_label="brightness (0 black, 255 white)",
    y_range=(0.0, 255.0),
    marks=[
        Mark(plain_level, "plain", axis="y"),
        Mark(dark_fraction * plain_level, "threshold", axis="y"),
        Mark(float(first_px), "left rim"),
        Mark(float(last_px), "right rim"),
    ],
    legend="lower right",
    size_px=(1200, 600),
)
le.show(
    chart,
    alt=(
        f"A line chart of brightness along row {row}. The line peaks on "
        "the bright rim at each side and drops steeply between them to a "
        "low, nearly flat level, between dashed vertical lines labelled "
        "'left rim' and 'right rim'. Dashed horizontal lines mark the "
        "plain's level and the threshold below it."
    ),
    caption=(
        f"Along row {row} the plain is bright and the crater dark. The "
        f"crater is {last_px - first_px + 1} pixels wide here: where the "
        "line crosses the threshold. A worn crater with a soft rim would "
        "dip less and might never cross it."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a crater's pixels can be picked out by comparing them with the plain
#   around them, row by row;
# * a paint bucket (flood fill) gathers joined crater pixels into a patch;
# * a method must say when it fails: small, far or overlapping craters are
#   missed or joined, and craters at the edge are cut off.

# %%
# Your turn
# ---------
# 1. Change ``dark_fraction`` to ``0.8`` and then to ``0.4``. What goes
#    wrong at each end?
# 2. Change ``seed`` (the :term:`seed` of the random ground) to ``1``. The
#    craters move a little and the worn small craters change. Does the
#    method still measure the five craters it measured before?
#
# Sources: the mast camera's height :src:`S23`.

# sphinx_gallery_thumbnail_number = 1
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: image processing", "topic: craters"]
