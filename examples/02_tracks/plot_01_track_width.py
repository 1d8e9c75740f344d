"""
.. _lesson-track-width:

How wide are the rover's tracks?
================================

Wherever Yutu-2 drives, its six wheels :src:`S1` press two tracks into the
regolith, the loose layer of dust, sand and broken rock that covers the
Moon. The tracks are a ruler left on the ground: the distance between them
is set by the rover itself. In this lesson you find the two tracks in a
picture from the rover's mast camera without guessing, measure how far
apart they are and how wide one is, turn pixels into metres with the
camera's geometry, and find out how far a flat-ground estimate can be
trusted.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-descent-first-look` (pixel size); averages
and small numpy arrays.

**Keywords:** brightness profile, running mean, wheel track, flat-ground
assumption, perspective.

**Learning goals.** After this lesson you can:

* find the wheel tracks in a brightness profile taken across the picture;
* turn a distance in pixels into metres from the camera's height and
  pointing, assuming flat ground;
* explain why a flat-ground estimate comes out a little off.

.. note::

   The pictures in this lesson are **simulated**: the virtual Chang'e 4
   rendered through a model of the PCAM camera. If your teacher has the real
   picture, it is shown first and the measuring is done on the simulated
   scene, whose answers we know. Real PCAM frames are Chang'e 4 data
   products of China's Lunar Exploration Program (CNSA/CLEP).
"""
# %%
# Look back along the tracks
# --------------------------
# :func:`lunar_edu.load` serves the catalogue picture ``"rover-tracks"``:
# Yutu-2's mast camera (PCAM), 1.5 m above the ground :src:`S23`, looks back
# along the tracks it has made since it left the lander. In the simulated
# scene the camera looks due south, and the Sun, 20° up in the
# east-north-east, shines from the left and a little behind the camera.
# The numbers at the top are the ones to change: the Sun's height, the
# :term:`seed` of the random ground, and the band of rows near the bottom of the
# picture where we measure.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import (
    ground_distance_m,
    ground_point,
    label,
    metres_per_px_at,
    polyline,
)
from lunar_edu.answers import check, record
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.measure import running_mean
from lunar_edu.synth.tracks import TRACK_WIDTH_M, WHEEL_WIDTH_M

sun_elevation_deg = 20.0
seed = 0
band_bottom_row = 860  # the bottom of the picture shows the nearest ground
band_rows = 40  # averaging 40 rows smooths out grains and small bumps

scene = {"sun_elevation": sun_elevation_deg, "seed": seed, "size": "half"}
frame = le.load("rover-tracks", **scene)
le.show(
    le.develop(frame),  # alt text from the catalogue
    caption=(
        "Yutu-2 looks back along its own tracks towards the lander. The "
        "two tracks are parallel on the ground, yet in the picture they "
        "draw together towards the distance: that is perspective."
    ),
)
frame = le.with_answer_key(frame)  # measure on the simulated scene
picture = le.develop(frame)

# %%
# A brightness profile across the tracks
# --------------------------------------
# Near the bottom of the picture the tracks are closest and biggest. We
# average a band of rows into one *profile*: the brightness of each column.
# Grains and small bumps change from row to row and average out; the tracks
# run up the picture, so they stay in the same columns and remain. We also
# work out the *surroundings* of each column, the average over 201 columns
# around it: a track is where the ground is darker than its surroundings.
# (The ruts look smooth here: the simulated ground is stored in cells about
# 5 cm across, too coarse to draw the tread of the model's wheels, whose
# ridges lie 8 cm apart. The lesson :ref:`lesson-tread-marks` looks at the
# tread in a close-up.)

gray = np.asarray(picture, dtype=float).mean(axis=2)
band_top_row = band_bottom_row - band_rows
profile = gray[band_top_row:band_bottom_row].mean(axis=0)
row = (band_top_row + band_bottom_row - 1) / 2  # the band's middle row

smooth = running_mean(profile, 9)
surroundings = running_mean(profile, 201)
contrast = smooth - surroundings  # negative where darker than around

# %%
# From pixels to metres on flat ground
# ------------------------------------
# Every pixel looks along its own ray. If the ground were perfectly flat,
# the ray would meet it where it has come down the camera's 1.5 m height.
# :func:`lunar_edu.annotate.ground_point` follows a pixel's ray to the
# ground, and :func:`lunar_edu.annotate.metres_per_px_at` says how much
# ground one pixel covers there. We pass ``assume="flat ground"``: that is
# all a real picture lets us do, so we measure the simulated one the same
# way, and compare with its answer key at the end.

flat = {"assume": "flat ground"}
band_middle = (picture.width / 2, row)
metres_per_px, band_point = metres_per_px_at(frame, band_middle, **flat)
print(f"The band is about {band_point.range_m:.1f} m away (flat ground)")
print(f"There one pixel covers {1000 * metres_per_px:.1f} mm")
record("band distance", band_point.range_m, "m", digits=1)
record("pixel size at the band", 1000 * metres_per_px, "mm", digits=1)

# %%
# Find the two tracks
# -------------------
# We look for the two darkest dips of the contrast, at least 0.4 m apart
# (the rover is about 1 m wide :src:`S1`, so its tracks must lie well over
# 0.4 m apart). We skip the left quarter of the picture, where this scene
# has no tracks, and the last few columns at the edge. Each track reaches
# from where the ground first turns darker than its surroundings to where
# it turns lighter again.

search = contrast.copy()
search[: picture.width // 4] = np.inf  # outside the search window
search[picture.width - 20 :] = np.inf
darkest = int(np.argmin(search))
apart_px = round(0.4 / metres_per_px)
search[max(darkest - apart_px, 0) : darkest + apart_px] = np.inf
next_darkest = int(np.argmin(search))


def darker_stretch(centre):
    """Return the first and last column darker than the surroundings."""
    left = right = centre
    while left > 0 and contrast[left - 1] < 0:
        left -= 1
    while right < len(contrast) - 1 and contrast[right + 1] < 0:
        right += 1
    return left, right


tracks = [darker_stretch(c) for c in sorted((darkest, next_darkest))]
centres_px = [(left + right) / 2 for left, right in tracks]
for name, (left, right) in zip(("left", "right"), tracks, strict=True):
    print(f"{name} track: columns {left} to {right}")
    record(f"{name} track first column", left, grouping=False)
    record(f"{name} track last column", right, grouping=False)
record("track middles apart", centres_px[1] - centres_px[0], "px", digits=0)
dip_depth = -float(np.mean([contrast[round(c)] for c in centres_px]))
record("dip depth", dip_depth, "levels", digits=0)

# %%
# Plot the profile
# ----------------
# :func:`lunar_edu.charts.line_chart` draws the profile and its
# surroundings, with a dashed line at the middle of each track.

columns = np.arange(len(profile))
chart = line_chart(
    [
        Series("brightness of the band", columns, profile),
        Series("surroundings (201 columns)", columns, surroundings),
    ],
    title=f"Brightness across rows {band_top_row}-{band_bottom_row - 1}",
    x_label="column of the picture (pixels)",
    y_label="brightness (0 = black, 255 = white)",
    marks=[
        Mark(centres_px[0], "left track"),
        Mark(centres_px[1], "right track"),
    ],
    y_range=(profile.min() - 25, profile.max() + 15),
    legend="lower left",
)
le.show(
    chart,
    alt=(
        "A line chart of brightness against column. The blue brightness "
        "line wanders around 90 but has two clear dips, each about 70 "
        "columns wide, marked by dashed lines labelled left track and "
        "right track; the orange surroundings line runs smoothly through."
    ),
    caption=(
        "Each track is a dip: the pressed soil in the rut is a little "
        "darker, and its shaded wall darker still. A bump of light right "
        "next to a dip is the wall or rim of the rut that faces the Sun."
    ),
)

# %%
# How far apart, how wide?
# ------------------------
# Now the pixel measurements become metres. The *track width* is the
# distance between the middles of the two tracks; the *rut width* is how
# wide one track is. We compare them with the values of the virtual rover:
# its tracks are 0.85 m apart and 15 cm wide. Those are the model's
# estimates, scaled from the rover's size, not published numbers.

middles = [(x_px, row) for x_px in centres_px]
track_width_m, _ = ground_distance_m(frame, *middles, **flat)
rut_widths_m = [
    ground_distance_m(frame, (left, row), (right + 1, row), **flat)[0]
    for left, right in tracks
]
rut_width_m = float(np.mean(rut_widths_m))
check(
    "track width",
    track_width_m,
    TRACK_WIDTH_M,
    "m",
    digits=2,
    real="Yutu-2's body is about 1 m wide [S1]; its track width is not published.",
)
check("rut width", rut_width_m, WHEEL_WIDTH_M, "m", digits=2)

# %%
# Draw the measurement on the picture
# -----------------------------------
# A picture that carries its measurement teaches on its own: the band we
# averaged is outlined in blue, and the yellow line joins the middles of
# the two tracks.

band_outline = [
    (0, band_top_row),
    (picture.width - 1, band_top_row),
    (picture.width - 1, band_bottom_row - 1),
    (0, band_bottom_row - 1),
]
marked = polyline(picture, band_outline, closed=True, colour=(86, 180, 233))
for x_px in centres_px:  # a short upright tick at the middle of each track
    marked = polyline(marked, [(x_px, row - 25), (x_px, row + 15)])
marked = polyline(marked, middles)
width_text = f"{track_width_m:.2f} m apart"
marked = label(marked, width_text, middles[0], offset_px=(-40, -90))
le.show(
    marked,
    alt=(
        "The rover-tracks picture with a thin blue box across its bottom "
        "rows. Inside it a yellow line, with a short upright tick at each "
        "end, joins the middles of the two tracks; a leader line from its "
        f"left end leads to the label '{width_text}'."
    ),
    caption=(
        f"About {band_point.range_m:.1f} m from the camera the tracks are "
        f"{centres_px[1] - centres_px[0]:.0f} pixels apart, which is "
        f"{track_width_m:.2f} m if the ground is flat. Higher up the "
        "picture, the same gap takes fewer pixels."
    ),
)

# %%
# Why is flat ground a little off?
# --------------------------------
# Our metres rest on one assumption: that the ground is flat and level with
# the ground under the rover. The simulated scene knows the distance
# to every pixel (``frame.truth.range_m``); ``assume="true range"`` uses
# it. If the ground ahead is a little higher than under the rover, the rays
# meet it sooner than we assumed: the answer key's distance is shorter, and every
# length we work out there shrinks with it. If the ground is lower, it is
# the other way round.

from_truth = {"assume": "true range"}
flat_range_m = ground_point(frame, middles[0], **flat).range_m
true_range_m = ground_point(frame, middles[0], **from_truth).range_m
check(
    "distance to the left track", flat_range_m, true_range_m, "m", digits=2
)
# Along the same ray, height falls in step with distance travelled.
rise_m = frame.camera.height_above_ground_m * (
    1 - true_range_m / flat_range_m
)
higher = "higher" if rise_m > 0 else "lower"
print(f"The ground there is {100 * abs(rise_m):.0f} cm {higher} than flat")
record("ground rise at the left track", 100 * rise_m, "cm", digits=0)
record(
    "flat-ground distance too long by",
    100 * (flat_range_m / true_range_m - 1),
    "%",
    digits=0,
)
true_width_m, _ = ground_distance_m(frame, *middles, **from_truth)
print(
    f"With the answer key's distances the track width is {true_width_m:.2f} m"
)
record(
    "track width with the answer key's distances",
    true_width_m,
    "m",
    digits=2,
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * averaging many rows into a brightness profile makes faint tracks stand
#   out as dips;
# * with the camera's height and pointing, a distance in pixels becomes
#   metres, if the ground is flat;
# * where the ground rises or falls, a flat-ground estimate is off, and the
#   answer key shows by how much.

# %%
# Your turn
# ---------
# 1. The real Yutu-2 is about 1 m wide :src:`S1`. Is a track width of
#    0.85 m believable for a rover that size? What would a track width of
#    1.5 m tell you?
# 2. Change ``band_bottom_row`` to ``700`` and run the lesson again. How
#    many pixels apart are the tracks now, and does the width in metres
#    stay the same? Why?
# 3. Change ``sun_elevation_deg`` to ``60.0``. What happens to the dips in
#    the profile and to the bright bump beside each track? Does the method
#    still work? (A what-if: at the landing site the Sun never climbs above
#    about 46°.)
#
# Sources: the rover's size and wheels :src:`S1`; the mast camera's
# height :src:`S23`. The track width and wheel width are the virtual
# rover's estimates, not published facts.

# sphinx_gallery_thumbnail_number = 3
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: measuring", "skill: image processing", "skill: perspective", "topic: tracks"]
