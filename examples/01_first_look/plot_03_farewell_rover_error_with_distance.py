"""
.. _lesson-error-with-distance:

Why does one pixel cost metres far away? Farewell, Yutu-2
=========================================================

Yutu-2 was built to work for three months :src:`S1, S19`. It kept going
for years: by mid-September 2024 it had driven 1,613 m across the far side
of the Moon :src:`S19`, and in December 2019 China's space agency announced
that it had beaten the Soviet Lunokhod 1's record as the longest-working
rover on the Moon :src:`S20, S21`. The farther it drove, the smaller it
looked from the lander. In the previous lesson one misread pixel moved its
distance by a fraction of a metre; here we see how that error grows with
the distance, then follow the rover's long drive in the mission's figures.

**Level:** intermediate · **Time:** about 15 minutes · **Camera:** TCAM (simulated)

**Prerequisites:** :ref:`lesson-farewell-rover` (distance from apparent
size, one-pixel error).

**Keywords:** uncertainty, pixel error, square of the distance, odometer,
Yutu-2.

**Learning goals.** After this lesson you can:

* explain why the uncertainty of a distance from apparent size grows with
  the square of the distance;
* tell the story of Yutu-2 with numbers that have sources.

.. note::

   The distances here use the **simulated** picture of the previous
   lesson: the virtual Chang'e 4 scene rendered by lunar_edu through a
   model of the TCAM camera. The charts are diagrams; the distances driven
   are the mission's reports, not the model's.
"""

# %%
# The camera and the rulers
# -------------------------
# We need what the previous lesson measured with: the focal length in
# pixels, *f* / *p*, of the half-size TCAM picture, the two rulers, and the
# answer key's distance to the rover in that picture ("this picture" on
# the chart below). The numbers at the top are the ones to change.

from datetime import date

import lunar_edu as le
import numpy as np
from lunar_edu.camera import focal_length_px
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.synth.tracks import TRACK_WIDTH_M

reading_error_px = 1.0  # a careful mouse click, or a blurry edge
mast_height_m = 1.5  # the mast camera (PCAM) above the ground [S23]
# Left to right track centre: the model's 0.85 m, not a published figure.
track_width_m = TRACK_WIDTH_M

frame = le.load("farewell-rover", size="half")
if frame.truth is None:
    le.show(le.develop(frame))  # the real picture, as the catalogue says
frame = le.with_answer_key(frame)
rover = frame.truth.of_kind("rover")[0]
f_px = focal_length_px(frame.camera)
print(f"f / p = {f_px:,.0f}; the rover is {rover.distance_m:.1f} m away")

# %%
# What is one pixel worth, far away?
# ----------------------------------
# Misreading a ruler of *S* metres by one pixel turns *n* into *n* + 1, as
# in the previous lesson. Because *n* itself shrinks as one over *D*, the
# error in metres grows about as *D* × *D* / ((*f* / *p*) × *S*), with the
# square of the distance: twice as far means four times the error. A
# bigger ruler helps, because it covers more pixels.


def error_m(size_m, distance_m):
    """Return half the spread of distances a misreading allows."""
    pixels = f_px * size_m / distance_m
    near_m = f_px * size_m / (pixels + reading_error_px)
    far_m = f_px * size_m / np.maximum(pixels - reading_error_px, 0.5)
    return (far_m - near_m) / 2


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
# * a one-pixel mistake changes a far distance much more than a near one:
#   the error grows with the square of the distance;
# * a bigger ruler covers more pixels, so it gives a surer distance;
# * Yutu-2's real odometer readings come from dated, sourced reports, not
#   from the model.

# %%
# Your turn
# ---------
# 1. In January 2023 Yutu-2 was about 865 m from the lander :src:`S44`.
#    How many pixels tall would its 1.5 m mast look in a half-size TCAM
#    picture? How far off would a one-pixel mistake make the distance?
# 2. A full-size TCAM picture is 2,352 pixels wide, so its pixels are
#    half as big. How does that change the one-pixel error at 38 m?
# 3. About how far had Yutu-2 driven when its design life ended, at the
#    dashed line '3 months'? Why can the chart not tell you exactly?
#
# Sources: design life :src:`S1, S19`; distance driven
# :src:`S50, S19, S44`; the record and Lunokhod 1 :src:`S20, S21`; the
# mast camera 1.5 m up :src:`S23`. TCAM camera numbers from the Chang'e 4
# TCAM label (focal length 43.472 mm, pixels 7.4 µm).

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: TCAM", "skill: perspective", "topic: rover"]
