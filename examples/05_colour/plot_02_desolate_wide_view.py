"""
.. _lesson-desolate-wide-view:

How far away is the horizon? A desolate wide view
=================================================

Look out from Yutu-2's mast and the Moon is empty: a gray plain, a close
horizon, a black sky. The rover drives on the floor of Von Kármán crater,
about 186 km across from rim to rim :src:`S8`, which lies inside the
:term:`South Pole–Aitken basin`, about 2,500 km across :src:`S7, S48`.
Yet in this simulated view from the mast camera, 1.5 m above the ground
:src:`S23`, not one of the crater's walls is in sight. (That is true of the
virtual scene, which has no crater walls in it; whether far-off walls or
peaks of the real crater rise above the real horizon depends on how high
they are.) In this lesson you measure how far away
the horizon is, explain it with the size of the Moon, and see what the
colours of the view say.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** PCAM (simulated); TCAM (real, when your cache holds the panorama)

**Prerequisites:** :ref:`lesson-how-far-tracks-run` (distance and rows);
Pythagoras' theorem.

**Keywords:** horizon, range map, Pythagoras, Von Kármán crater, South
Pole–Aitken basin, colour.

**Learning goals.** After this lesson you can:

* read distances across a wide view from a range map;
* work out the distance to the horizon from the height of the camera and
  the radius of the Moon, with Pythagoras;
* compare the distance to the horizon with the sizes of Von Kármán crater
  and the South Pole–Aitken basin;
* explain why the sky is black and the ground nearly gray.

.. note::

   The wide view in this lesson is **simulated**: the virtual Chang'e 4
   plain rendered through a model of the PCAM camera on a Moon of the
   standard radius. The real 360° panorama of the landing site (IAU image
   iau1901a, credit CNSA, CC BY 4.0 :src:`S5, S39`) is shown only when
   your download cache holds it; otherwise you see the simulated view
   alone, which is not the real panorama.
"""

# %%
# The wide view
# -------------
# :func:`lunar_edu.load` serves ``"desolate-landscape"``: a real PCAM frame
# when your data folder holds one, otherwise the simulated plain, seen from
# the mast camera looking north and almost level. The Sun stands 12° high
# in the east-north-east, off to the right of the picture. The numbers at
# the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import label, polyline
from lunar_edu.answers import check, record
from lunar_edu.bayer import debayer
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.synth.exposure import SENSORS
from lunar_edu.synth.render import Scene
from lunar_edu.synth.terrain import MOON_RADIUS_M

seed = 0
sun_elevation_deg = 12.0
distances_m = (10, 30, 100, 300)  # lines of equal distance to draw

view = le.load(
    "desolate-landscape",
    size="half",
    seed=seed,
    sun_elevation=sun_elevation_deg,
)
le.show(le.develop(view))  # alt text and caption from the catalogue
print(f"Served by: {view.meta['lunar_edu.served_by']} ({view.source.kind})")

# %%
# The real panorama, if you have it
# ---------------------------------
# On 15 February 2019 the IAU announced the name of the landing site,
# Statio Tianhe, with a 360° panorama from the lander's terrain camera
# :src:`S5, S6`. It is openly licensed (CC BY 4.0, credit CNSA
# :src:`S39`). When your download cache holds it (``lunar-edu data fetch
# landing-site-panorama``, with network, once its hash is pinned), it is
# shown here; otherwise the lesson goes on with the simulated view alone.

panorama = le.load("landing-site-panorama", source="real", missing=None)
if panorama is None:
    print("The real panorama is not in your cache: carry on below.")
else:
    strip = le.develop(panorama)
    # A 10,000-pixel strip is too wide for a page: shrink it.
    width_px = min(strip.width, 2400)
    strip = strip.resize(
        (width_px, round(strip.height * width_px / strip.width))
    )
    le.show(
        strip,  # alt text from the catalogue
        caption=(
            f"{le.entry('landing-site-panorama').caption} The real picture: "
            "compare its horizon and its colours with the simulated view."
        ),
    )
    colours = np.asarray(strip, dtype=np.float32).reshape(-1, 3)
    brightness = colours.mean(axis=1)
    lit = colours[brightness > 0.3 * brightness.max()]
    ratio = lit.mean(axis=0) / lit.mean(axis=0)[1]
    print(
        f"Real panorama, sunlit ground: red {100 * ratio[0]:.0f} % of "
        f"green, blue {100 * ratio[2]:.0f} % (as processed by CNSA)"
    )

view = le.with_answer_key(view)  # measure on the simulated scene

# %%
# How far away is each part of the picture?
# -----------------------------------------
# The simulated frame knows, for every pixel, how far it is from the camera
# to the ground (``view.truth.range_m``, in metres; infinite for the sky).
# Draw lines through the pixels at equal distances. Watch how they crowd
# together towards the horizon: the farther away, the more ground fits in
# one row of pixels.

range_m = view.truth.range_m
ground = np.isfinite(range_m)
rows, columns = range_m.shape
print(f"Sky: {100 * (1 - ground.mean()):.0f} % of the picture")
half_m = np.median(range_m[ground])
print(f"Half of the ground pixels are closer than {half_m:.0f} m")
near_m = distances_m[1]
near_share = (range_m[ground] <= near_m).mean()
print(f"{100 * near_share:.0f} % of them are closer than {near_m} m")
record("median ground distance", half_m, "m", digits=0)
record(f"ground closer than {near_m:g} m", 100 * near_share, "%", digits=0)

marked = le.develop(view)
sample_columns = [*range(0, columns - 1, 24), columns - 1]
lines = []
for distance_m in distances_m:
    # In each column, the highest ground pixel that is nearer than this.
    near_enough = ground & (range_m <= distance_m)
    points = [
        (c, int(near_enough[:, c].argmax()))
        for c in sample_columns
        if near_enough[:, c].any()
    ]
    marked = polyline(marked, points)
    lines.append(points)
for number, (distance_m, points) in enumerate(
    zip(distances_m, lines, strict=True)
):
    # Labels stand side by side, so those of the crowded far lines do not
    # cover each other; the second-last goes under its line.
    at = points[(2 + 9 * number) % len(points)]
    below = number == len(distances_m) - 2
    marked = label(
        marked,
        f"{distance_m} m",
        at,
        offset_px=(0, 20 if below else -18),
        backing="box",
    )

# The horizon in each column: the first ground pixel under the sky.
top_row = ground.argmax(axis=0)
horizon_m = range_m[top_row, np.arange(columns)]
farthest_column = int(horizon_m.argmax())
farthest_m = float(horizon_m.max())
highest_column = int(top_row.argmin())  # where the horizon rises most
highest_m = float(horizon_m[highest_column])
marked = label(
    marked,
    f"farthest ground: {farthest_m / 1000:.1f} km",
    (farthest_column, int(top_row[farthest_column])),
    offset_px=(0.05 * columns, -0.2 * rows),
)
marked = label(
    marked,
    f"a rise {highest_m / 1000:.1f} km away",
    (highest_column, int(top_row[highest_column])),
    offset_px=(0.02 * columns, -0.08 * rows),
)


def side(column):
    """Return where a column lies across the picture, in words."""
    thirds = ("left", "middle", "right")
    return thirds[min(2, 3 * column // columns)]


le.show(
    marked,
    alt=(
        "The same wide view with yellow lines across the ground, "
        f"labelled {', '.join(f'{d} m' for d in distances_m)} from the "
        "bottom up, each closer to the next; the farthest lie just under "
        "the horizon. Two labels in the black sky point at the horizon: "
        f"'farthest ground: {farthest_m / 1000:.1f} km' at the "
        f"{side(farthest_column)}, and 'a rise {highest_m / 1000:.1f} km "
        f"away' at the {side(highest_column)}, where the horizon stands "
        "highest."
    ),
    caption=(
        "Lines of equal distance from the camera. Ground nearer than "
        f"{near_m} m takes up {100 * near_share:.0f} % of the ground in "
        f"the picture; everything beyond {distances_m[-1]} m is squeezed "
        "into a thin band under the horizon. The horizon is not equally "
        "far in every direction: a low rise hides the ground behind it."
    ),
    source=view.source,
)

# %%
# Where the horizon should be
# ---------------------------
# On a flat world you could see for ever. The Moon is a ball, so the ground
# curves down and away. Draw the Moon's centre, the camera a height h
# above the ground, and the line of sight that just touches the ground at
# the horizon, a distance d away: there it meets the Moon's radius R at a
# right angle. Pythagoras gives (R + h)² = R² + d², so d² = 2Rh + h². The
# camera's height is tiny next to the Moon's radius, so d ≈ √(2Rh). The
# virtual Moon has the standard radius of 1,737.4 km, an input of the model.

camera_height_m = view.camera.height_above_ground_m
horizon_formula_m = np.sqrt(2 * MOON_RADIUS_M * camera_height_m)
print(
    f"Camera {camera_height_m} m up, Moon radius {MOON_RADIUS_M / 1000} km"
)
print(f"Formula: the horizon is {horizon_formula_m / 1000:.2f} km away")
print(
    "Horizon in the picture, column by column: "
    f"{horizon_m.min() / 1000:.1f} to {horizon_m.max() / 1000:.1f} km "
    f"(half of the columns nearer than "
    f"{np.median(horizon_m) / 1000:.1f} km)"
)
record("horizon formula", horizon_formula_m / 1000, "km", digits=2)
span_km = [horizon_m.min() / 1000, horizon_m.max() / 1000]
record("horizon column by column", span_km, "km", digits=1)
record("median horizon", np.median(horizon_m) / 1000, "km", digits=1)
check(
    "farthest ground in view",
    horizon_formula_m / 1000,
    farthest_m / 1000,
    "km",
    digits=2,
)

# %%
# How far could you see from higher up?
# -------------------------------------
# The formula works for any height. The chart compares the Moon with the
# Earth (radius about 6,371 km, a standard value). From the same height
# the Moon's horizon is closer, because the Moon is smaller and curves away
# faster. To see from the middle of Von Kármán's floor to its rim, about
# 93 km away, you would have to rise kilometres above the ground.

earth_radius_m = 6_371_000.0
heights_m = np.geomspace(0.5, 50_000, 60)
rim_m = 186_000 / 2  # from the centre of the floor to its edge
rim_height_m = rim_m**2 / (2 * MOON_RADIUS_M)
moon_km = np.sqrt(2 * MOON_RADIUS_M * heights_m) / 1000
earth_km = np.sqrt(2 * earth_radius_m * heights_m) / 1000
chart = line_chart(
    [
        Series("Moon", heights_m, moon_km),
        Series("Earth", heights_m, earth_km),
    ],
    title="Distance to the horizon from a camera above a smooth ball",
    x_label="height of the camera above the ground (m)",
    y_label="distance to the horizon (km)",
    x_log=True,
    y_log=True,
    marks=[
        Mark(camera_height_m, "mast camera, 1.5 m", axis="x"),
        Mark(rim_m / 1000, "93 km to the rim", axis="y"),
    ],
    legend="lower right",
)
le.show(
    chart,
    alt=(
        "A chart with logarithmic axes: distance to the horizon in "
        "kilometres against camera height in metres, from 0.5 m to 50 km. "
        "Two straight rising lines, Earth above Moon. A dashed vertical "
        "line marks the mast camera at 1.5 m, and a dashed horizontal line "
        "labelled 93 km to the rim marks the distance from the centre of "
        "Von Kármán's floor to its rim."
    ),
    caption=(
        f"From the mast, 1.5 m up, the Moon's horizon is "
        f"{horizon_formula_m / 1000:.1f} km away. The Moon line reaches "
        f"93 km, the rim of Von Kármán seen from the middle of its floor, "
        f"only at a height of about {rim_height_m / 1000:.1f} km."
    ),
)

# %%
# Beyond the horizon
# ------------------
# Compare the sizes with the distance to the horizon. Mons Tai, the central
# peak of Von Kármán, stands about 46 km north-west of the lander
# :src:`S5`: off to the left of our northward view, and far beyond its
# horizon. Beyond the horizon, the line of sight that grazes it rises
# above the curving ground, by about (D - d)² / 2R at a distance D:
# anything lower than that is hidden.

for name, size_m in (
    ("Von Kármán, rim to rim", 186_000),
    ("South Pole–Aitken basin", 2_500_000),
):
    times = size_m / horizon_formula_m
    print(
        f"{name}: {size_m / 1000:,.0f} km, {times:,.0f} horizon distances"
    )
    record(f"{name.split(',')[0]} in horizon distances", times, digits=0)
mons_tai_m = 46_000
hidden_below_m = (mons_tai_m - horizon_formula_m) ** 2 / (2 * MOON_RADIUS_M)
print(
    f"From the mast, a peak 46 km away shows only if it is more than "
    f"{hidden_below_m:.0f} m tall."
)
record("Mons Tai hidden below", hidden_below_m, "m", digits=0)

# %%
# A black sky over gray ground
# ----------------------------
# The Moon has no air to scatter sunlight, so its sky stays black even at
# noon. The stored numbers agree: the sky pixels hold only the sensor's own
# small dark signal, the same in red, green and blue. That makes the sky a
# free measurement of the dark level: subtract it from the ground, divide
# by the virtual camera's colour sensitivities (as in
# :ref:`lesson-bayer-to-colour`), and the colour of the ground is left.

rgb = debayer(view.pixels)
sky_rgb = rgb[~ground].mean(axis=0)
ground_rgb = rgb[ground].mean(axis=0)
print(f"Sky, mean R, G, B:    {sky_rgb.round(1)}")
print(f"Ground, mean R, G, B: {ground_rgb.round(1)}")
record("sky level", float(sky_rgb.mean()), digits=1)
response_rgb = np.array(SENSORS["PCAM"].response_rgb)
colour = (ground_rgb - sky_rgb) / response_rgb
true_tint = np.array(Scene.soil_tint_rgb)  # the virtual soil's colour
ratio = 100 * colour / colour[1]
check("ground red/green", ratio[0], 100 * true_tint[0], "%", digits=0)
check("ground blue/green", ratio[2], 100 * true_tint[2], "%", digits=0)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a range map gives distances across a wide view;
# * the distance to the horizon follows from the camera's height and the
#   Moon's radius, with Pythagoras;
# * the horizon is far closer than the walls of Von Kármán crater;
# * the sky is black because the Moon has no air, and the ground is nearly
#   gray.

# %%
# Your turn
# ---------
# 1. The virtual lander's terrain camera, the kind that took the real
#    panorama, sits about 2.2 m up (``lunar_edu.camera.TCAM_HEIGHT_M``, the
#    model's value). How far away is its horizon? How high would a camera
#    have to be to see twice as far as the mast camera?
# 2. Imagine the mast camera in the middle of Von Kármán's floor, about
#    93 km from the rim all round. How tall would the rim have to be to
#    peek over the camera's horizon?
# 3. Change ``seed`` (the :term:`seed` of the random ground) to ``3`` and run the lesson again. How far away is the
#    farthest ground now? Why does the horizon in the picture not always
#    match the formula?
# 4. Standing on Earth with your eyes 1.5 m up, how far away is your
#    horizon? Read it from the chart, then check it with the formula.
#
# Sources: the crater and the basin :src:`S8, S7, S48`; the mast height
# :src:`S23`; Mons Tai and the site name :src:`S5, S6`; the panorama's
# licence :src:`S39`. The radii of the Moon and the Earth are standard
# values; the ground's colour and the camera's sensitivities are the
# model's.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "instrument: TCAM", "skill: measuring", "skill: perspective", "topic: colour", "topic: landing"]
