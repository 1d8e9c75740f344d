"""
.. _lesson-beyond-the-horizon:

Where are the crater walls? Beyond the horizon, under a black sky
=================================================================

Yutu-2 drives on the floor of Von Kármán crater, about 186 km across from
rim to rim :src:`S8`, inside the :term:`South Pole–Aitken basin`, about
2,500 km across :src:`S7, S48`. Yet the horizon of the simulated wide view
from its mast camera is only a couple of kilometres away, under a black
sky. In this lesson you put the sizes of the crater and the basin next to
the distance to the horizon, work out how tall a far-off peak must be to
show above it, and read the black sky and the nearly gray ground in the
camera's own numbers.

**Level:** intermediate · **Time:** about 20 minutes · **Camera:** PCAM (simulated); TCAM (real, when your cache holds the panorama)

**Prerequisites:** :ref:`lesson-desolate-wide-view` (the distance to the
horizon, d ≈ √(2Rh)); squares and square roots.

**Keywords:** horizon, Von Kármán crater, South Pole–Aitken basin, Mons
Tai, dark level, colour.

**Learning goals.** After this lesson you can:

* compare the distance to the horizon with the sizes of Von Kármán crater
  and the South Pole–Aitken basin;
* work out how tall something far away must be to show above the horizon;
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
# The view and its horizon
# ------------------------
# This is the wide view of :ref:`lesson-desolate-wide-view`: the mast
# camera, 1.5 m above the ground :src:`S23`, looks north across the plain;
# the Sun stands 12° high, off to the right. That lesson explains the
# distance to the horizon of a camera a height h above a ball of radius R,
# d ≈ √(2Rh); here it is worked out again in one line. The numbers at the
# top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.answers import check, record
from lunar_edu.bayer import debayer
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.synth.exposure import SENSORS
from lunar_edu.synth.render import Scene
from lunar_edu.synth.terrain import MOON_RADIUS_M

seed = 0
sun_elevation_deg = 12.0

view = le.load(
    "desolate-landscape",
    size="half",
    seed=seed,
    sun_elevation=sun_elevation_deg,
)
le.show(le.develop(view))  # alt text and caption from the catalogue
view = le.with_answer_key(view)  # measure on the simulated scene
camera_height_m = view.camera.height_above_ground_m
horizon_formula_m = np.sqrt(2 * MOON_RADIUS_M * camera_height_m)
print(
    f"From {camera_height_m} m up: horizon {horizon_formula_m:.0f} m away"
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

# %%
# A black sky over gray ground
# ----------------------------
# The Moon has no air to scatter sunlight, so its sky stays black even at
# noon. The stored numbers agree: the sky pixels hold only the sensor's own
# small dark signal, the same in red, green and blue. That makes the sky a
# free measurement of the dark level: subtract it from the ground, divide
# by the virtual camera's colour sensitivities (as in
# :ref:`lesson-is-the-moon-gray`), and the colour of the ground is left.
# If your cache holds the real panorama, compare with its colours printed
# above (processed by CNSA, not by the steps below).

ground = np.isfinite(view.truth.range_m)  # the sky is infinitely far
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
# * the horizon is far closer than the walls of Von Kármán crater; the
#   South Pole–Aitken basin spans more than a thousand horizon distances;
# * beyond the horizon, only what stands high enough above the curving
#   ground can be seen;
# * the sky is black because the Moon has no air, and the ground is nearly
#   gray.

# %%
# Your turn
# ---------
# 1. Imagine the mast camera in the middle of Von Kármán's floor, about
#    93 km from the rim all round. How tall would the rim have to be to
#    peek over the camera's horizon?
# 2. Standing on Earth with your eyes 1.5 m up, how far away is your
#    horizon? Read it from the chart, then check it with the formula.
# 3. Change ``sun_elevation_deg`` to ``40.0`` and run the lesson again. Does
#    the sky level change? Do the ground's red/green and blue/green ratios
#    change? Why?
#
# Sources: the crater and the basin :src:`S8, S7, S48`; the mast height
# :src:`S23`; Mons Tai and the site name :src:`S5, S6`; the panorama's
# licence :src:`S39`. The radii of the Moon and the Earth are standard
# values; the ground's colour and the camera's sensitivities are the
# model's.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "instrument: TCAM", "skill: measuring", "skill: image processing", "topic: colour", "topic: landing"]
