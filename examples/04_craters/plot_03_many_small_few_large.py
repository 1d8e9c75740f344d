"""
.. _lesson-many-small-few-large:

Many small, few large: how many craters of each size?
=====================================================

Look at any picture of the Moon's surface and you find a few big craters
and crowds of small ones. Each is an impact crater, a bowl blasted out when
a piece of rock from space hit the ground, and small pieces of rock are far
more common than big ones. Counting craters by size turns "many small, few
large" into a rule with a number in it, and planetary scientists compare
surfaces with such counts: the longer a surface has been hit, the more
craters it has collected. In this lesson you count the craters in pictures
from the descent camera (LCAM) taken from three heights, draw how many are
larger than each size, and read the rule off a straight line.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** LCAM (simulated)

**Prerequisites:** :ref:`lesson-descent-first-look` (pixel size); powers of
ten.

**Keywords:** crater count, size-frequency, cumulative count, log-log axes,
power law, slope.

**Learning goals.** After this lesson you can:

* count craters in size bins and turn the counts into a cumulative
  size-frequency curve;
* read a straight line on log-log axes as a power law and estimate its
  slope;
* explain why one picture counts craters in a limited range of sizes
  only, and how pictures from several heights extend it.

.. note::

   The pictures in this lesson are **simulated**: lunar ground rendered by
   lunar_edu through a model of the LCAM camera. Real LCAM frames are
   Chang'e 4 data products of China's Lunar Exploration Program
   (CNSA/CLEP); the real orbital view of the landing site is NASA's.
"""

# %%
# Three views of the ground, three scales
# ---------------------------------------
# Every dark-and-bright bowl in these pictures is an
# :term:`impact crater <Impact crater>`. We render the ``"descent-view"``
# scene from two heights during the descent, and load the catalogue picture
# ``"lroc-above-landing-site"`` for the view from highest up. NASA's Lunar
# Reconnaissance Orbiter photographed the landing site with pixels about
# 0.85 m across :src:`S8`; the descent camera has pixels that big at full
# size from about 1,085 m, and :func:`lunar_edu.load` serves the simulated
# ground from there when you do not have the real picture. All three are
# rendered at half size, 512 pixels across, so they are quick. The numbers
# at the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import (
    OKABE_ITO,
    label,
    ring,
    scale_bar,
    side_by_side,
)
from lunar_edu.answers import record
from lunar_edu.camera import LCAM, ground_sample_distance
from lunar_edu.charts import Series, line_chart

descent_altitudes_m = (70.0, 280.0)
seed = 4
fewest_px = 8  # we trust the count of craters at least 8 pixels wide

views = []
for number, altitude_m in enumerate(descent_altitudes_m):
    frame = le.render_scene(
        "descent-view",
        altitude_m=altitude_m,
        seed=seed + number,
        size="half",
    )
    views.append((altitude_m, frame))

orbit_px_m = 0.85  # LRO's pixels over the landing site
orbit_altitude_m = (
    orbit_px_m * LCAM.focal_length_mm / (LCAM.pixel_size_um * 1e-3)
)
orbit = le.load(
    "lroc-above-landing-site",
    altitude_m=orbit_altitude_m,
    seed=seed + len(descent_altitudes_m),
    size="half",
)
if orbit.truth is None:
    le.show(le.develop(orbit))  # the real picture, as the catalogue says
views.append((orbit_altitude_m, le.with_answer_key(orbit)))

panels = []
for altitude_m, frame in views:
    metres_per_px = ground_sample_distance(frame.camera, altitude_m)
    panel = le.develop(frame)
    for crater in frame.truth.of_kind("crater")[:3]:
        panel = ring(
            panel,
            crater.xy_px,
            frame=frame,
            diameter_m=crater.size_m,
            centre_m=crater.position_m,
        )
    panels.append(
        scale_bar(panel, metres_per_px, note=f"{altitude_m:.0f} m up")
    )
    print(
        f"From {altitude_m:6.0f} m: pixels {metres_per_px:5.2f} m, picture "
        f"{metres_per_px * frame.camera.width_px:4.0f} m wide, "
        f"{len(frame.truth.of_kind('crater'))} craters in the answer key"
    )
le.show(
    side_by_side(panels, labels=list("ABCDEFGH"[: len(panels)])),
    alt=(
        f"Side by side, {len(panels)} views straight down on gray, "
        "cratered ground, labelled with letters from A. They look much "
        "alike: each has one large crater, a few medium ones and many small ones, and in each the "
        "three largest craters are ringed in yellow. Their scale bars read "
        "very different lengths."
    ),
    caption=(
        "The ground from "
        + ", ".join(f"{altitude_m:.0f} m" for altitude_m, _ in views[:-1])
        + f" and {views[-1][0]:.0f} m up. Without the scale bars you could "
        "not tell which is which: cratered ground looks the same at every "
        "scale. Each picture shows craters only between a few pixels and "
        "a good part of its width across."
    ),
)

# %%
# Count the craters in size bins
# ------------------------------
# The answer key of each simulated picture lists its craters, largest
# first, with their diameters in the model. It leaves out craters under 6 pixels
# across, which nobody could recognise, and we go further: we trust a
# count only for craters at least ``fewest_px`` pixels wide. We sort the
# craters into bins that double in size: 0.25-0.5 m, 0.5-1 m, 1-2 m and
# so on.

bin_edges_m = 2.0 ** np.arange(-2, 10)
print("diameter      " + "".join(f"{a:>7.0f} m" for a, _ in views))
counts = []
for _, frame in views:
    sizes_m = np.array([c.size_m for c in frame.truth.of_kind("crater")])
    in_bins, _ = np.histogram(sizes_m, bin_edges_m)
    counts.append(in_bins)
# For the teacher notes: the highest descent view's counts from 2 m up.
top = len(descent_altitudes_m) - 1
from_2_m = bin_edges_m[:-1] >= 2.0
record("top descent height", views[top][0], "m", digits=0)
record("top descent bins", bin_edges_m[:-1][from_2_m][:5].astype(int), "m")
record("top descent counts", counts[top][from_2_m][:5])
for index, low_m in enumerate(bin_edges_m[:-1]):
    line = f"{low_m:g}-{2 * low_m:g} m".rjust(14)
    for (altitude_m, frame), in_bins in zip(views, counts, strict=True):
        smallest_m = fewest_px * ground_sample_distance(
            frame.camera, altitude_m
        )
        line += (
            f"{in_bins[index]:9d}" if low_m >= smallest_m else "        -"
        )
    print(line)

# %%
# Which craters did we count?
# ---------------------------
# Here is picture B with every crater of the answer key ringed in
# the colour of its size bin. Count the rings of each colour, and the rule
# "many small, few large" jumps out. Look closely, too: some small rings
# circle almost nothing, because old craters have soft, worn rims that
# hardly show; and some tiny dark pits have no ring, because they are under
# 6 pixels across.

altitude_m, frame = views[1]
names = "sky_blue bluish_green yellow orange vermillion reddish_purple"
colours = [OKABE_ITO[name] for name in names.split()]
# Twice the size on the screen, so that the smallest rings stay clear.
picture = le.develop(frame)
counted = picture.resize((2 * picture.width, 2 * picture.height))
counted.info = dict(picture.info)  # keeps the picture's credit
edge_px = counted.width - 1
by_colour = {}
for crater in frame.truth.of_kind("crater"):
    low_m = bin_edges_m[np.searchsorted(bin_edges_m, crater.size_m) - 1]
    colour = colours[int(np.log2(low_m / 2.0)) % len(colours)]
    by_colour[low_m] = by_colour.get(low_m, 0) + 1
    centre = tuple(
        float(np.clip(2 * v + 0.5, 0, edge_px)) for v in crater.xy_px
    )
    counted = ring(
        counted,
        centre,
        frame=frame,
        diameter_m=crater.size_m,
        centre_m=crater.position_m,
        colour=colour,
    )
largest = frame.truth.of_kind("crater")[0]
counted = label(
    counted,
    f"{largest.size_m:.0f} m",
    tuple(2 * v + 0.5 for v in largest.xy_px),
)
tally = ", ".join(
    f"{by_colour[low_m]} of {low_m:.0f}-{2 * low_m:.0f} m"
    for low_m in sorted(by_colour)
)
le.show(
    counted,
    alt=(
        f"The view from {altitude_m:.0f} m up with every listed crater "
        "ringed: a crowd of small light-blue and green rings, fewer "
        "yellow and orange ones, and a single large ring round the big "
        "crater, labelled with its diameter."
    ),
    caption=(
        f"Every crater the answer key lists, ringed by size: {tally}. "
        "Small craters crowd the picture; each time the size doubles, "
        "there are far fewer. (The smallest bin is not complete: the "
        "answer key leaves out craters under 6 pixels across.)"
    ),
)

# %%
# Many small, few large: the cumulative count
# -------------------------------------------
# Planetary scientists usually plot the *cumulative* count: for each size
# *D*, the number of craters larger than *D*, divided by the area of ground
# in view. Dividing by the area lets us put all three pictures on one chart,
# although the highest one shows more than 200 times more ground. On axes
# where every step is ten times more (log-log axes), a rule of the form
# *N* = *k* × *D*\ :sup:`s` is a straight line, and its slope *s* says how
# fast craters become rarer as they get bigger.

series = []
fit_sizes, fit_numbers = [], []
for (altitude_m, frame), in_bins in zip(views, counts, strict=True):
    metres_per_px = ground_sample_distance(frame.camera, altitude_m)
    area_km2 = (metres_per_px * frame.camera.width_px / 1000) ** 2
    larger = np.cumsum(in_bins[::-1])[::-1]  # craters above each bin's edge
    trusted = (bin_edges_m[:-1] >= fewest_px * metres_per_px) & (larger > 0)
    sizes_m, per_km2 = bin_edges_m[:-1][trusted], larger[trusted] / area_km2
    series.append(
        Series(
            f"{altitude_m:.0f} m up", sizes_m, per_km2, style="line+points"
        )
    )
    enough = larger[trusted] >= 3  # a count of 1 or 2 is mostly luck
    fit_sizes += list(sizes_m[enough])
    fit_numbers += list(per_km2[enough])

slope, intercept = np.polyfit(np.log10(fit_sizes), np.log10(fit_numbers), 1)
line_m = np.array([min(fit_sizes), max(fit_sizes)])
series.append(
    Series(
        f"straight line, slope {slope:.1f}",
        line_m,
        10**intercept * line_m**slope,
        colour=OKABE_ITO["black"],
    )
)
print(f"Slope of the straight line: {slope:.2f}")
per_km2_10m = 10**intercept * 10.0**slope
print(f"Craters larger than 10 m: about {per_km2_10m:.0f} per km²")
record("slope", slope, digits=2)
record("craters larger than 10 m", per_km2_10m, "per km²", digits=0)
per_km2_20m = per_km2_10m * 2.0**slope
record("craters larger than 20 m", per_km2_20m, "per km²", digits=0)

chart = line_chart(
    series,
    title="Craters larger than D, per square kilometre",
    x_label="crater diameter D (m)",
    y_label="number larger than D per km²",
    x_log=True,
    y_log=True,
    legend="upper right",
)
le.show(
    chart,
    alt=(
        "A log-log chart of the number of craters larger than a size, per "
        "square kilometre, against the size in metres. Three short curves, "
        "one for each height, fall from upper left to lower right and join "
        "into one straight line, with a thin black fitted line along them."
    ),
    caption=(
        "Each picture covers a different range of sizes, and together they "
        f"make one straight line of slope {slope:.1f}. A slope of -2 means "
        "that craters ten times smaller are a hundred times more common."
    ),
)

# %%
# What the slope tells us
# -----------------------
# The virtual Moon of lunar_edu was made with a slope of exactly -2
# (``crater_population`` in ``lunar_edu.synth.craters``), and the counts come
# close to it. The three curves line up because the ground looks the same
# at every scale. Each picture also counts only part of the range: below
# ``fewest_px`` pixels craters are too small to trust, and the largest
# craters are so rare that a picture holds only one or two of them. That is
# why a crater count needs pictures from several heights, from close-ups
# to views from orbit.
#
# Fresh craters also carry a halo of slightly brighter ground, the
# :term:`ejecta <Ejecta>`: material thrown out by the impact and spread
# around the crater. As later,
# smaller impacts stir the soil, halos fade and rims soften, so old craters
# are the hardest ones to count.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * crater counts in size bins become a cumulative size-frequency curve;
# * on log-log axes a power law is a straight line, and its slope says how
#   fast craters become rarer with size;
# * one picture counts craters only in a limited range of sizes; pictures
#   from several heights extend it.

# %%
# Your turn
# ---------
# 1. Read the chart: about how many craters larger than 10 m would you
#    expect on one square kilometre of this ground? How many larger than
#    20 m? Use the slope to check the ratio of the two.
# 2. Add a third descent height: change ``descent_altitudes_m`` to
#    ``(20.0, 70.0, 280.0)``. Does the new curve continue the same line?
#    Which sizes does it add?
# 3. Change ``fewest_px`` to ``3``. What happens at the small end of each
#    curve, and to the slope? Why must a crater count stop well above the
#    smallest crater you can see?
# 4. On another plain the slope is -3. How many times more craters larger
#    than 1 m than larger than 10 m would it have? Compare with slope -2.
#
# Sources: the orbital view of the landing site and its pixel size
# :src:`S8`. Impact crater and ejecta: see the :doc:`glossary
# </glossary>`.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: LCAM", "instrument: LROC", "skill: statistics", "skill: annotating", "topic: craters", "topic: landing"]
