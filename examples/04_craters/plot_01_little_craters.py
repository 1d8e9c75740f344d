"""
.. _lesson-little-craters:

How big are the little craters? Sizes from pixels and distance
==============================================================

Small impact craters, from tens of centimetres to a few metres across, pit
the ground all around Yutu-2. In a picture from the rover's mast a crater
far away looks small and a near one looks big, so its width in pixels alone
says nothing about its real size. You need two numbers: how many pixels
wide it looks, and how far away it is. In this lesson you find the craters
in a picture from the rover's panoramic camera (PCAM) by the brightness of
their pixels, colour each one in with a "paint bucket", turn its width in
pixels into metres, and find out where this simple method breaks down.

**Level:** advanced · **Time:** about 50 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-rover-driving-away` (size from distance);
:ref:`lesson-track-width` (brightness profile); numpy masks.

**Keywords:** crater, diameter, range, perspective, segmentation, failure
of a method.

**Learning goals.** After this lesson you can:

* explain why a crater's size in a picture depends on its distance;
* pick out a crater's pixels by comparing them with the plain around it;
* estimate a crater's diameter from its width in pixels and its range,
  *D* ≈ *w* × *R* × *p* / *f*;
* say when the method fails, and why.

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
# :func:`lunar_edu.load` serves the catalogue picture ``"little-craters"``:
# a real PCAM picture when you have one, otherwise the simulated scene. The
# rover's mast camera stands 1.5 m above the ground :src:`S23` and looks a
# little down, towards :term:`azimuth` 298° (west-north-west). The numbers at the
# top are the ones to change.

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
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.measure import flood_fill, running_mean
from PIL import Image, ImageDraw, ImageFilter

sun_elevation_deg = 25.0
sun_azimuth_deg = 298.0  # the camera looks towards 298°: into the Sun
seed = 0
dark_fraction = 0.6  # crater pixels are darker than 60 % of the plain
fewest_rows_px = 8  # a patch must be at least this many pixels tall

frame = le.load(
    "little-craters",
    sun_elevation=sun_elevation_deg,
    sun_azimuth=sun_azimuth_deg,
    seed=seed,
    size="half",
)
picture = le.develop(frame)
if frame.truth is None:
    le.show(picture)  # the real picture, as the catalogue says
    frame = le.with_answer_key(frame)  # measure on the simulated scene
    picture = le.develop(frame)
else:
    le.show(
        sun_compass(picture, frame=frame, corner="upper left"),
        alt=(
            "Gray ground seen from a rover's mast, sloping away to the "
            "top of the picture. Seven round craters of different sizes, "
            "squashed into flat ellipses, look dark inside: the far inner "
            "wall of each lies in black shadow, and only the bottom of the "
            "bowl nearer the camera is lit. Two are cut off by the left and "
            "right edges, one is a fainter, worn crater, and a few small "
            "dark rocks lie about. A sky-map "
            "inset in the upper left corner marks the Sun, "
            f"{sun_elevation_deg:.0f}° high at azimuth "
            f"{sun_azimuth_deg:.0f}°, with a yellow dot, and the camera's "
            "view direction with a blue line."
        ),
        caption=(
            "Little craters near the rover. By default the camera looks "
            "towards the Sun (see the sky map), so each rock's shadow "
            "points back towards us, and the far inner wall of each bowl, "
            "the wall nearest the Sun, lies in shadow: that shadow is what "
            "makes a crater stand out. With the Sun behind the camera the "
            "bowls would hardly show."
        ),
    )
camera = frame.camera
print(
    f"Camera looks towards {camera.yaw_deg:.0f}°, {-camera.pitch_deg}° down"
)
sun = frame.sun
print(f"Sun: {sun.elevation_deg}° high, azimuth {sun.azimuth_deg}°")

# %%
# Which pixels belong to a crater?
# --------------------------------
# The plain looks brighter towards the top of the picture, where we see it
# at a flatter slant. So we compare each pixel with the plain *in its own
# row*: the brightness that three quarters of the row's pixels are darker
# than, smoothed over 41 rows. A pixel darker than ``dark_fraction`` of that
# is a "crater pixel". A small blur first keeps single dark grains of soil
# from counting.

gray = picture.convert("L").filter(ImageFilter.BoxBlur(2))
brightness = np.asarray(gray, dtype=float)
plain_of_row = running_mean(np.percentile(brightness, 75, axis=1), 41)
is_crater = brightness < dark_fraction * plain_of_row[:, None]
print(f"{100 * is_crater.mean():.1f} % of the pixels are crater pixels.")

# %%
# Where to look: the answer key
# -----------------------------
# The answer key of the simulated scene (``frame.truth``) lists the
# craters, largest first. We use it only to know *where to look*. For each
# crater it gives the pixel of the middle of its rim and where that point
# lies, in metres east, north and up (``position_m``).
# :func:`~lunar_edu.annotate.crater_outline_px` lays a level circle of the
# diameter there and projects it into the picture with the camera
# model: the ring a perfect method would find.


def where_to_look(crater):
    """Return the crater's rim outline in the picture."""
    return crater_outline_px(
        frame, crater.xy_px, crater.size_m, centre_m=crater.position_m
    )


# %%
# Fill each crater with a paint bucket
# ------------------------------------
# Now we do what the paint bucket of a drawing program does. Inside each
# crater's ring we find the crater pixel nearest the centre, and colour in
# the crater pixels joined to it. :func:`lunar_edu.measure.flood_fill` keeps
# a queue of pixels to visit: it takes the next one and paints each of its
# eight neighbours (beside it or at a corner) that is a crater pixel and not
# painted yet, until the queue is empty. If the start is already painted,
# the crater joins a bigger one, listed before it. From here on only the
# painted patch counts, and it comes from the picture alone.


def nearest_crater_pixel(centre, outline):
    """Return the crater pixel inside the ring nearest its centre."""
    left, top = np.clip(outline.min(axis=0), 0, None).astype(int)
    right, bottom = outline.max(axis=0).astype(int) + 1
    inside = Image.new("1", (int(right - left), int(bottom - top)))
    ImageDraw.Draw(inside).polygon(
        [(x - left, y - top) for x, y in outline], fill=1
    )
    box = is_crater[top:bottom, left:right]
    inside = np.asarray(inside)[: box.shape[0], : box.shape[1]]
    rows, cols = np.nonzero(box & inside)
    if len(rows) == 0:
        return None
    gaps = (cols + left - centre[0]) ** 2 + (rows + top - centre[1]) ** 2
    nearest = np.argmin(gaps)
    return int(cols[nearest] + left), int(rows[nearest] + top)


# Little craters only: now and then a big crater lies far off, near the
# horizon, and it would need a lesson of its own.
little = [c for c in frame.truth.of_kind("crater") if c.size_m < 10]
owner = np.zeros(is_crater.shape, dtype=int)  # which crater painted a pixel
results = []
for crater in little:
    found = {"crater": crater, "status": "not seen"}
    results.append(found)
    outline = where_to_look(crater)
    found["ring_px"] = np.ptp(outline, axis=0)  # width, height
    found["ring_inside"] = (outline.min() >= 0) and (
        outline[:, 0].max() < picture.width
        and outline[:, 1].max() < picture.height
    )
    start = nearest_crater_pixel(crater.xy_px, outline)
    if start is None:
        continue
    if owner[start[1], start[0]]:
        bigger = results[owner[start[1], start[0]] - 1]["crater"]
        found["status"] = f"joins {bigger.name}"
        continue
    found["patch"] = np.nonzero(flood_fill(is_crater, start))
    owner[found["patch"]] = len(results)
    found["status"] = "painted"

# %%
# Is the patch a whole crater?
# ----------------------------
# A crater whose ring runs off the picture, or whose patch touches the
# picture's edge, is cut off by the edge: we see only part of it, so its
# patch is too narrow. A patch only a few rows tall is too small to
# trust. And from 1.5 m up a round crater looks much wider than tall (the
# next lesson shows why), so a patch that is not at least twice as wide as
# it is tall is a dark speck of soil, not a crater. Everything else we
# measure.

for found in results:
    if found["status"] != "painted":
        continue
    rows, cols = found["patch"]
    tall_px, wide_px = np.ptp(rows) + 1, np.ptp(cols) + 1
    on_edge = min(rows.min(), cols.min()) == 0 or (
        cols.max() == picture.width - 1 or rows.max() == picture.height - 1
    )
    if on_edge or not found["ring_inside"]:
        found["status"] = "cut off by the edge"
    elif tall_px < fewest_rows_px:
        found["status"] = f"patch only {tall_px} px tall"
    elif wide_px < 2 * tall_px:
        found["status"] = f"patch {wide_px} x {tall_px} px: not a crater"
    else:
        found["status"] = "measured"

# %%
# From pixels to metres
# ---------------------
# A pixel of size *p* behind a lens of focal length *f* sees a tiny angle
# *p* / *f*; at a range *R* that covers *R* × *p* / *f* metres
# (:func:`~lunar_edu.camera.ground_sample_distance`). A crater *w* pixels
# wide at range *R* is therefore about *D* ≈ *w* × *R* × *p* / *f* across.
#
# We take *w* from the widest row of the painted patch. Its two ends are
# the sides of the rim, which lie about as far away as the crater's centre,
# so we take *R* at the middle of that row. We find it the way we could
# in a real picture, assuming flat ground
# (:func:`~lunar_edu.annotate.ground_point` with
# ``assume="flat ground"``): the camera's height and the slant of the
# pixel's line of sight are enough.


def measure_patch(rows, cols):
    """Return the widest row's first and last column, row, range, size."""
    spans = [(np.ptp(cols[rows == r]) + 1, r) for r in np.unique(rows)]
    across_px, row = max(spans)
    on_row = cols[rows == row]
    middle = (on_row.min() + on_row.max()) / 2
    range_m = ground_point(
        frame, (middle, row), assume="flat ground"
    ).range_m
    size_m = across_px * ground_sample_distance(camera, range_m)
    return on_row.min(), on_row.max(), row, range_m, size_m


print("crater        key D  distance  ring w x h px  result")
for found in results:
    crater = found["crater"]
    ring_text = "{:5.0f} x {:<4.0f}".format(*found["ring_px"])
    line = (
        f"{crater.name:11s} {crater.size_m:5.2f} m "
        f"{crater.distance_m:6.1f} m  {ring_text}  "
    )
    if found["status"] == "measured":
        first_px, last_px, row, range_m, size_m = measure_patch(
            *found["patch"]
        )
        found["width"] = (first_px, last_px, row)
        found["measured_m"] = size_m
        line += (
            f"{last_px - first_px + 1} px at {range_m:.1f} m: "
            f"{found['measured_m']:.2f} m"
        )
    else:
        line += found["status"]
    print(line)

measured = [found for found in results if "measured_m" in found]
for found in measured:
    check(
        f"{found['crater'].name} diameter",
        found["measured_m"],
        found["crater"].size_m,
        "m",
        digits=2,
    )
# For the teacher notes: what happened to every crater of the answer key.
if measured:
    record(
        "measured diameters",
        [f["measured_m"] for f in measured],
        "m",
        digits=2,
    )
    record(
        "answer-key diameters",
        [f["crater"].size_m for f in measured],
        "m",
        digits=2,
    )
for outcome, status in (
    ("measured", "measured"),
    ("cut off", "cut off by the edge"),
    ("joined to another", "joins"),
    ("not seen", "not seen"),
):
    record(
        f"craters {outcome}",
        sum(f["status"].startswith(status) for f in results),
    )
biggest_key = max(results, key=lambda f: f["crater"].size_m)["crater"]
record(
    "distance of the biggest crater", biggest_key.distance_m, "m", digits=0
)

# %%
# A brightness profile through the biggest crater
# -----------------------------------------------
# Here is what the method "sees" along the widest row of the biggest crater
# it measured: the brightness of each pixel, the plain's level for that row
# and the threshold below it. The crater is where the line dips below the
# threshold.

biggest = measured[0]
first_px, last_px, profile_row = biggest["width"]
margin_px = (last_px - first_px) // 3
columns = np.arange(
    max(first_px - margin_px, 0),
    min(last_px + margin_px, picture.width - 1),
)
plain_level = float(plain_of_row[profile_row])
chart = line_chart(
    [Series("brightness", columns, brightness[profile_row, columns])],
    title=f"Brightness along row {profile_row}, through "
    f"{biggest['crater'].name}",
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
        "A line chart of brightness against column along row "
        f"{profile_row}. The line peaks high on the bright rim at each "
        "side and drops steeply between them to a low, nearly flat "
        "level, between two dashed vertical lines labelled 'left rim' "
        "and 'right rim'. Dashed horizontal lines mark the plain's level "
        "and the threshold below it."
    ),
    caption=(
        f"Along row {profile_row} the plain is bright and the crater dark. "
        f"The crater is {last_px - first_px + 1} pixels wide here: where "
        "the line crosses the threshold. A worn crater with a soft rim "
        "would dip less and might never cross it."
    ),
)

# %%
# Ring the craters
# ----------------
# Now the picture carries the result. Each painted patch is tinted blue
# (orange where it runs off the picture's edge). Each yellow ring is the
# rim the answer key predicts, drawn by :func:`~lunar_edu.annotate.ring`;
# a ring with no tint inside is a crater the method missed. Each label gives
# the measured diameter with the answer key's in brackets. The inset enlarges
# the smallest crater we measured, so you can count its pixels.

marked = picture
cut_off = [f for f in results if f["status"] == "cut off by the edge"]
for group, colour in ((measured, "sky_blue"), (cut_off, "orange")):
    painted = np.zeros(is_crater.shape, dtype=bool)
    for found in group:
        painted[found["patch"]] = True
    marked = highlight(
        marked, painted, colour=OKABE_ITO[colour], strength=0.55
    )

# The inset shows the measured patch with the fewest pixels.
smallest = min(measured, key=lambda found: len(found["patch"][0]))
first_px, last_px, row = smallest["width"]
middle_px = (first_px + last_px) / 2
half_px = min(0.7 * (last_px - first_px), 0.12 * picture.width)
zoom_box = (
    middle_px - half_px,
    row - 0.35 * half_px,
    middle_px + half_px,
    row + 0.35 * half_px,
)
marked = magnifier(marked, zoom_box, corner="lower right")
for found in results:
    crater = found["crater"]
    if found["ring_px"][1] >= fewest_rows_px:
        marked = ring(
            marked,
            crater.xy_px,
            frame=frame,
            diameter_m=crater.size_m,
            centre_m=crater.position_m,
        )
for found in measured:
    first_px, last_px, row = found["width"]
    marked = label(
        marked,
        f"{found['measured_m']:.2f} m ({found['crater'].size_m:.2f})",
        ((first_px + last_px) / 2, row),
        offset_px=(0.0, -0.06 * picture.height),
    )
le.show(
    marked,
    alt=(
        f"The crater picture with {len(measured)} craters tinted blue and "
        f"{len(cut_off)} craters cut off by the left and right edges "
        "tinted orange. Yellow ellipses ring the craters, including a few "
        "small untinted ones, and labels on yellow pointers give measured "
        "and answer-key diameters in metres. An inset in the lower right corner "
        "enlarges the smallest measured crater into coarse square pixels."
    ),
    caption=(
        "Measured diameters, with the answer key's in brackets. The paint "
        "bucket fills the part of each bowl we can see, between the far "
        "rim and the near rim. Small rings with nothing painted inside are "
        "craters the method missed. The inset shows how few rows of pixels "
        "the smallest measured crater has."
    ),
)

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
# Even the craters we measured are a little off. They all come out small:
# the rim is a gentle slope, and its outermost pixels are not dark enough
# to be painted.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a crater's size in a picture depends on its distance, so a diameter
#   needs a range: D ≈ w × R × p / f;
# * a crater's pixels can be picked out by comparing them with the plain
#   around them;
# * a method must say when it fails: small, far or overlapping craters are
#   missed or joined.

# %%
# Your turn
# ---------
# 1. Use *D* ≈ *w* × *R* × *p* / *f* by hand: a crater is 120 pixels
#    wide at 12 m in this half-size picture (*p* = 14.8 µm, *f* = 50 mm).
#    How wide is it? How wide would a crater of the same size look at
#    24 m?
# 2. Change ``sun_azimuth_deg`` to ``28.0`` and ``sun_elevation_deg`` to
#    ``41.0``: the Sun now shines from the right of the picture, from the
#    north-north-east, where it stands at the landing site late in the
#    morning. Which craters come out too small now, and why? Look at
#    where the shadow falls inside each bowl.
# 3. Change ``dark_fraction`` to ``0.8`` and then to ``0.4``. What goes
#    wrong at each end?
# 4. Change ``seed`` (the :term:`seed` of the random ground) to ``1``. The craters move a little and the worn
#    small craters change. Does the method still measure the five
#    craters it measured before?
#
# Sources: the mast camera's height :src:`S23`. Camera numbers: PCAM focal
# length 50 mm, pixels 7.4 µm at full size (14.8 µm at half size), from the
# Chang'e 3 camera paper as reported by the community.

# sphinx_gallery_thumbnail_number = 3
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: measuring", "skill: perspective", "skill: image processing", "topic: craters"]
