"""
.. _lesson-farewell-rover:

How sure can we be? A last look at Yutu-2, far from the lander
==============================================================

Yutu-2 was built to work for three months :src:`S1, S19`. It kept going
for years: by mid-September 2024 it had driven 1,613 m across the far side
of the Moon :src:`S19`, and in December 2019 China's space agency announced
that it had beaten the Soviet Lunokhod 1's record as the longest-working
rover on the Moon :src:`S20, S21`. In this last look from the lander the
rover has become small: about a hundred pixels across in a wide gray
plain. We zoom in until we see the single pixels, measure the rover's
distance the same way as in the previous lesson, and then ask the
question every measurement needs: if we misread one pixel, how wrong
could the answer be?

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** TCAM (simulated)

**Prerequisites:** :ref:`lesson-rover-driving-away` (distance from apparent
size).

**Keywords:** apparent size, pixel error, uncertainty, odometer, Yutu-2.

**Learning goals.** After this lesson you can:

* enlarge part of a picture with square pixels and count the pixels of a
  small, far-away object;
* estimate a distance from an apparent size, and how much a one-pixel
  mistake changes it;
* explain why the uncertainty of such a distance grows with the square of
  the distance;
* tell the story of Yutu-2 with numbers that have sources.

.. note::

   The pictures in this lesson are **simulated**: the virtual Chang'e 4
   scene rendered by lunar_edu through a model of the TCAM camera. If your
   teacher has the real TCAM picture, it is shown first and the
   measurements use the simulated scene. Real TCAM frames are Chang'e 4
   data products of China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# Load the picture
# ----------------
# :func:`lunar_edu.load` serves the catalogue picture ``"farewell-rover"``:
# the real TCAM frame when your computer has it, otherwise the simulated
# scene, at half size (1176 × 864 pixels). The numbers at the top are the
# ones to change: how far off our reading of a position may be, and the
# two sizes we use as rulers.

from datetime import date

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import arrow, label, magnifier, polyline
from lunar_edu.answers import check, record
from lunar_edu.camera import focal_length_px
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.synth.tracks import TRACK_WIDTH_M
from PIL import Image

# How many pixels a reading may be off: a careful mouse click, or a
# blurry edge.
reading_error_px = 1.0
# The mast camera (PCAM) sits about 1.5 m above the ground [S23].
mast_height_m = 1.5
# The virtual rover's wheels: 0.85 m between left and right track
# centres (the model's estimate, not a published figure).
track_width_m = TRACK_WIDTH_M

frame = le.load("farewell-rover", size="half")
served_by = frame.meta["lunar_edu.served_by"]
print(f"Served by: {served_by} ({frame.source.kind})")
if frame.truth is None:
    le.show(le.develop(frame))  # the real picture, as the catalogue says
frame = le.with_answer_key(frame)  # measure on the simulated scene

# %%
# Find the rover and zoom in
# --------------------------
# The answer key ``frame.truth`` gives the box of pixels the rover fills.
# :func:`lunar_edu.annotate.magnifier` outlines that box and shows it
# enlarged in a corner. It enlarges by repeating each pixel (no smoothing),
# so every pixel of the picture becomes a sharp little square: nothing is
# added that the camera did not see.

rover = frame.truth.of_kind("rover")[0]
left, top, right, bottom = rover.box_px
print(f"{rover.name} fills columns {left}-{right} and rows {top}-{bottom}:")
print(f"only {right - left} px wide and {bottom - top} px tall.")

picture = le.develop(frame)
pad_px = 6  # a little ground around the rover
box_px = (left - pad_px, top - pad_px, right + pad_px, bottom + pad_px)
zoom = 3
le.show(
    magnifier(
        picture,
        box_px,
        zoom=zoom,
        corner="upper right",
        label=f"Yutu-2 × {zoom}: each square is one pixel",
    ),
    alt=(
        "A wide, flat gray plain under a black sky, seen from the lander. "
        "Two wheel tracks with chevron tread marks run up from the bottom "
        "of the picture, then bend right and lead faintly to a small "
        "rover in the middle distance, which is outlined by a yellow box. "
        "In the upper right corner, over the sky, an enlarged copy of the "
        "box, three times bigger, shows the rover's mast, solar panels, "
        "gold body and wheels as blocky squares, with the label 'Yutu-2 × "
        "3: each square is one pixel'."
    ),
    caption=(
        "The last look from the lander: Yutu-2, now small and far away, "
        "with its tracks leading back to us. Enlarged without smoothing, "
        "the rover breaks up into square pixels, and its edges are only "
        "sharp to about one pixel."
    ),
)

# %%
# Measure the rover
# -----------------
# We use the same two rulers as in the previous lesson: the 1.5 m from the
# mast camera down to the ground :src:`S23`, and the 0.85 m between the
# virtual rover's left and right wheels. With the focal length in pixels,
# *f* / *p* (about 2,900 at half size), the distance is
#
#     *D* = (*f* / *p*) × *S* / *n*,
#
# where *S* is the ruler's size and *n* the number of pixels it covers.

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
print(f"Mast camera to wheel bottom: {height_px:.1f} px tall")
print(f"Left to right wheel:         {width_px:.1f} px wide")
record("mast height in pixels", height_px, "px", digits=0)
record("wheel gap in pixels", width_px, "px", digits=0)
key_m = rover.distance_m
check("rover distance from its height", from_height_m, key_m, "m", digits=1)
check("rover distance from its width", from_width_m, key_m, "m", digits=1)

# %%
# A close look at the measurement
# -------------------------------
# Both estimates land within about a metre of the truth. The height is
# hardly stretched any more: from this far away the camera looks down on
# the rover by only a few degrees, so the foreshortening of the previous
# lesson almost vanishes. Here is the rover five times bigger, again with
# square pixels, and the two rulers drawn on it. Count the squares along an arrow: that is the
# number *n* in the formula. Where exactly does the wheel end and the
# ground begin? A pixel either way is a fair doubt.

scale = 5
# Room on the left for the height ruler and below for the width ruler.
close_box_px = (left - 50, top - 12, right + 12, bottom + 30)
crop = picture.crop(close_box_px)
close_up = crop.resize(
    (crop.width * scale, crop.height * scale), Image.Resampling.NEAREST
)
x0, y0 = close_box_px[:2]


def in_close_up(x, y):
    """Return where a pixel of the picture lands in the close-up."""
    return (x - x0 + 0.5) * scale, (y - y0 + 0.5) * scale


ruler_x = left - 12  # the height ruler stands left of the rover
top_xy = in_close_up(ruler_x, mast.xy_px[1])
bottom_xy = in_close_up(ruler_x, wheel_row)
close_up = polyline(close_up, [in_close_up(*mast.xy_px), top_xy])
close_up = polyline(
    close_up, [in_close_up(wheels[0].xy_px[0], wheel_row), bottom_xy]
)
close_up = arrow(close_up, top_xy, bottom_xy, both_ends=True)
close_up = label(
    close_up,
    f"{height_px:.0f} px\n= {mast_height_m:g} m",
    (top_xy[0], (top_xy[1] + bottom_xy[1]) / 2),
    offset_px=(-0.04 * close_up.width, 0),
    backing="box",
)
width_row = max(wheel.xy_px[1] for wheel in wheels) + 10
start_xy = in_close_up(wheels[0].xy_px[0], width_row)
end_xy = in_close_up(wheels[1].xy_px[0], width_row)
close_up = arrow(close_up, start_xy, end_xy, both_ends=True)
close_up = label(
    close_up,
    f"{width_px:.0f} px = {track_width_m:g} m",
    end_xy,
    offset_px=(0.04 * close_up.width, 0.02 * close_up.height),
    backing="box",
)
le.show(
    close_up,
    alt=(
        "The far-away rover enlarged five times, made of visible square "
        "pixels. Left of the rover a yellow vertical double arrow spans "
        "from the height of the mast camera down to the bottom of the "
        f"wheels and is labelled '{height_px:.0f} px = {mast_height_m:g} m'. "
        "Under the wheels a yellow horizontal double arrow spans from the left to "
        f"the right wheel and is labelled '{width_px:.0f} px = "
        f"{track_width_m:g} m'."
    ),
    caption=(
        f"At {rover.distance_m:.0f} m the {mast_height_m:g} m ruler covers "
        f"only about {height_px:.0f} pixels and the {track_width_m:g} m "
        f"ruler about {width_px:.0f}. Where a part ends is uncertain by about a pixel, "
        "and at this distance a pixel is worth a lot."
    ),
    source=frame.source,
)

# %%
# What is one pixel worth?
# ------------------------
# Suppose we misread the ruler by one pixel (``reading_error_px``), so we
# count *n* + 1 instead of *n*. The distance then comes out as
# (*f* / *p*) × *S* / (*n* + 1). Because *n* itself shrinks as one over
# *D*, the error in metres grows about as *D* × *D* / ((*f* / *p*) × *S*),
# with the square of the distance: twice as far means four times the
# error. A bigger ruler helps, because it covers more pixels.


def distance_range_m(size_m, pixels):
    """Return the distances for a reading too high and too low."""
    near_m = f_px * size_m / (pixels + reading_error_px)
    far_m = f_px * size_m / np.maximum(pixels - reading_error_px, 0.5)
    return near_m, far_m


def error_m(size_m, distance_m):
    """Return half the spread of distances a misreading allows."""
    near_m, far_m = distance_range_m(size_m, f_px * size_m / distance_m)
    return (far_m - near_m) / 2


for name, size_m, pixels in (
    ("mast", mast_height_m, height_px),
    ("track", track_width_m, width_px),
):
    near_m, far_m = distance_range_m(size_m, pixels)
    print(
        f"{name:5s} ruler: {pixels:.0f} ± {reading_error_px:.0f} px gives "
        f"{near_m:.1f} to {far_m:.1f} m"
    )
    record(f"{name} ruler nearest", near_m, "m", digits=1)
    record(f"{name} ruler farthest", far_m, "m", digits=1)
    record(f"{name} ruler error", (far_m - near_m) / 2, "m", digits=1)

error_name = f"{reading_error_px:g}-px error"
print(
    f"\ndistance   mast covers {error_name:>15s}"
    f"   track covers {error_name:>15s}"
)
for distance_m in (7.5, 15.0, 38.0, 75.0, 150.0, 300.0):
    row = f"{distance_m:6.1f} m"
    for size_m in (mast_height_m, track_width_m):
        pixels = f_px * size_m / distance_m
        row += f" {pixels:9.1f} px {error_m(size_m, distance_m):11.2f} m"
    print(row)

distances_m = np.linspace(2.0, 150.0, 149)
chart = line_chart(
    [
        Series(
            f"mast height, {mast_height_m:g} m",
            distances_m,
            error_m(mast_height_m, distances_m),
        ),
        Series(
            f"track width, {track_width_m:g} m",
            distances_m,
            error_m(track_width_m, distances_m),
        ),
    ],
    title=f"Misread {reading_error_px:g} px: how far off is the distance?",
    x_label="distance from the camera (m)",
    y_label="error in the distance (m)",
    marks=[Mark(7.6, "lesson 2"), Mark(rover.distance_m, "this picture")],
    legend="lower right",
)
le.show(
    chart,
    alt=(
        "A line chart of the distance error caused by misreading "
        f"{reading_error_px:g} px, against the distance from 2 to 150 m. "
        "Two curves rise ever more steeply: at 150 m the error reaches "
        f"about {error_m(track_width_m, 150.0):.0f} m for the "
        f"{track_width_m:g} m track width and about "
        f"{error_m(mast_height_m, 150.0):.0f} m for the {mast_height_m:g} m "
        "mast height. Dashed lines mark 7.6 m, 'lesson 2', where the "
        f"errors are about {100 * error_m(mast_height_m, 7.6):.0f} cm and "
        f"{100 * error_m(track_width_m, 7.6):.0f} cm, "
        "and the rover's distance, 'this picture', where they are "
        f"{error_m(mast_height_m, rover.distance_m):.1f} m and "
        f"{error_m(track_width_m, rover.distance_m):.1f} m."
    ),
    caption=(
        "The uncertainty grows with the square of the distance. Near the "
        "lander a pixel hardly matters; far away the same pixel is worth "
        "metres. The bigger ruler, the mast, always does better."
    ),
)

# %%
# Farewell, Yutu-2
# ----------------
# Yutu-2 drove on. The chart below shows its distance driven, as the
# mission reported it :src:`S50, S19, S44`: the same figures as the chart
# on the story page. Dates given only as a month are drawn in the middle
# of that month ("early January" on the 5th), and two figures were only
# reported rounded. In January 2023 it was about 865 m north-west of the
# lander :src:`S44`. Its record is for the longest *working* time: the
# Soviet Lunokhod 1 had worked for 321 days, but it drove about 10.5 km,
# much farther than Yutu-2 :src:`S21`.

# The rows of docs/story/yutu2_odometer.csv:
# ((year, month, day), metres driven, rounded?)
odometer = (
    ((2019, 1, 3), 0.0, False),  # rolls onto the surface [S50]
    ((2019, 2, 15), 120.0, False),
    ((2019, 6, 10), 212.99, False),
    ((2019, 12, 4), 345.059, False),
    ((2020, 1, 5), 357.695, False),
    ((2020, 6, 28), 463.26, False),
    ((2020, 12, 22), 600.55, False),
    ((2021, 2, 20), 652.62, False),
    ((2022, 1, 6), 1003.9, False),
    ((2022, 9, 15), 1300.0, True),  # [S44]
    ((2023, 1, 15), 1455.0, True),  # [S44, S19]
    ((2024, 9, 15), 1613.0, False),
)


def years_after_landing(year, month, day):
    """Return the years from the landing (3 January 2019) to a date."""
    return (date(year, month, day) - date(2019, 1, 3)).days / 365.25


years = [years_after_landing(*date) for date, _, _ in odometer]
driven_m = [metres for _, metres, _ in odometer]
rounded_years = [years_after_landing(*d) for d, _, r in odometer if r]
rounded_m = [metres for _, metres, r in odometer if r]
odometer_chart = line_chart(
    [
        Series("distance reported", years, driven_m, style="line+points"),
        Series(
            "reported only rounded",
            rounded_years,
            rounded_m,
            style="points",
        ),
    ],
    title="Built for three months, driving for years",
    x_label="years after the landing on 3 January 2019",
    y_label="distance driven by Yutu-2 (m)",
    x_range=(0.0, 6.0),
    marks=[
        Mark(0.25, "3 months"),
        Mark(years_after_landing(2019, 12, 14), "record"),
    ],
    legend="lower right",
)
le.show(
    odometer_chart,
    alt=(
        "A line chart of the distance Yutu-2 had driven against the years "
        f"after the landing, from 0 to 6. Its {len(odometer)} dots, joined "
        "by a line, climb from 0 m at the landing through 120 m a few weeks "
        "later to about 1,000 m after three years and 1,613 m after "
        "almost six; the two dots near four years, about 1,300 m and "
        "1,455 m, are orange instead of blue because they were reported "
        "only rounded. A dashed line marked '3 months' stands near the start, "
        "where the design life ended, and another marked 'record' just "
        "before one year."
    ),
    caption=(
        "Yutu-2's distance driven as reported by the mission [S50, S19, "
        "S44]. Its design life of three months [S1] ended at the first "
        "dashed line; at the second, in mid-December 2019, it was "
        "announced as the longest-working rover on the Moon [S20]. A "
        "straight stretch only joins two reports: it does not show how "
        "the rover drove in between."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a small, far-away object can be enlarged with square pixels and its
#   pixels counted;
# * a one-pixel mistake changes a far distance much more than a near one:
#   the error grows with the square of the distance;
# * Yutu-2's real odometer readings come from dated, sourced reports, not
#   from the model.

# %%
# Your turn
# ---------
# 1. Change ``reading_error_px`` to ``3.0``, as for a blurry picture or a
#    hasty click, and run the lesson again. How far off can the distance
#    be now at 38 m, with each ruler?
# 2. Why does the mast height give a better distance than the track width
#    here, although both are read to one pixel?
# 3. In January 2023 Yutu-2 was about 865 m from the lander :src:`S44`.
#    How many pixels tall would its 1.5 m mast look in a half-size TCAM
#    picture? How far off would a one-pixel mistake make the distance?
# 4. A full-size TCAM picture is 2,352 pixels wide, so its pixels are
#    half as big. How does that change the one-pixel error at 38 m?
#
# Sources: design life :src:`S1, S19`; distance driven
# :src:`S50, S19, S44`; the record and Lunokhod 1 :src:`S20, S21`; the
# mast camera 1.5 m up :src:`S23`. TCAM camera numbers from the Chang'e 4
# TCAM label (focal length 43.472 mm, pixels 7.4 µm).

# sphinx_gallery_thumbnail_number = 1
# sphinx_gallery_tags = ["level: intermediate", "instrument: TCAM", "skill: measuring", "skill: perspective", "topic: rover"]
