"""
.. _lesson-how-high-the-sun-gets:

How high does the Sun get? The Chang'e 4 site and the pole
==========================================================

Could there be water ice at the Chang'e 4 landing site? Ice on the Moon
lasts only where sunlight never reaches it, so first we need to know how
high the Sun climbs. Chang'e 4 landed at about 45.4° S, in the southern half
of the far side but far from the south pole :src:`S3`. The Moon's spin axis
is tilted only about 1.5°, so near the poles the Sun never climbs more than
a few degrees above the horizon, and the floors of some polar craters never
see it at all :src:`S37`. In this lesson you work out how high the noon Sun
gets at any latitude and compare the landing site with the pole. The next
lesson follows the Sun through a whole lunar day and lights the same patch
of ground with both Suns.

**Level:** intermediate · **Time:** about 15 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-three-suns` (Sun elevation and shadow);
latitude.

**Keywords:** latitude, noon Sun, declination, axial tilt, seasons.

**Learning goals.** After this lesson you can:

* work out how high the noon Sun stands at any latitude on the Moon;
* explain why the Moon, unlike Earth, has almost no seasons;
* compare the noon Sun at the Chang'e 4 site with the noon Sun near the
  pole.

.. note::

   The picture of the ground is **simulated**: the "dry-ground" scene of
   the virtual Chang'e 4, seen through a model of the rover's panoramic
   camera (PCAM). Real PCAM frames are Chang'e 4 data products of China's
   Lunar Exploration Program (CNSA/CLEP). The chart is computed from the
   geometry of the Sun and the Moon.
"""

# %%
# Could there be water here?
# --------------------------
# The catalogue picture ``"could-water-exist-here"`` is a close look at
# the ground in front of the rover. :func:`lunar_edu.synth.render_series`
# lights that simulated ground with the Sun of local noon at the landing
# site (the next lesson lights it with the noon Sun near the pole too).
# :func:`lunar_edu.load` with ``source="real"`` looks for a
# real PCAM picture of the entry: if your teacher has one, you see it;
# otherwise you see the simulated ground at the site's noon. The numbers
# at the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import OKABE_ITO
from lunar_edu.answers import record
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.sunlight import (
    AXIAL_TILT_DEG,
    CHANGE4_LATITUDE_DEG,
    noon_elevation_deg,
    sun_position,
)
from lunar_edu.synth import render_series

site_latitude_deg = CHANGE4_LATITUDE_DEG  # about 45.4° S
pole_latitude_deg = -89.0  # 1° from the south pole
# The Sun's declination: -1.5° in southern summer, +1.5° in southern winter.
declination_deg = -1.5
seed = 0

site_noon = sun_position(site_latitude_deg, 0.0, declination_deg)

entry = le.entry("could-water-exist-here")
(site_frame,) = render_series(
    entry.scene, [site_noon], seed=seed, size="quarter"
)
real = le.load(entry.id, source="real", missing=None)
if real is None:  # no real picture here: the simulated one will do
    print("No real picture found, so we show the simulated ground.")
    le.show(
        le.develop(site_frame),
        alt=entry.alt_for(simulated=True),
        caption=(
            "The ground in front of the rover at local noon at the "
            f"Chang'e 4 site, with the Sun {site_noon.elevation_deg:.0f}° "
            "high in the north, behind the camera, which looks south. "
            "Nothing is in shadow: only the wheel marks are a little "
            "darker."
        ),
    )
else:
    le.show(le.develop(real))  # alt text and caption from the catalogue

# %%
# How high is the Sun at noon?
# ----------------------------
# At local noon the Sun stands due north or due south, and its height
# above the horizon is 90° minus the distance, in degrees, between your
# latitude and the Sun's :term:`declination` (the latitude where the Sun is
# straight overhead). :func:`lunar_edu.sunlight.noon_elevation_deg` does
# the sum. At the landing site it gives the height of the Sun in the first
# picture.

site_noon_deg = noon_elevation_deg(site_latitude_deg, declination_deg)
print(f"The noon Sun at the Chang'e 4 site: {site_noon_deg:.1f}° high")

# %%
# Almost no seasons
# -----------------
# On Earth the declination swings by ±23.4° over a year, which gives us
# seasons. The Moon's axis is tilted only about 1.5° :src:`S37`, so its
# declination stays within ±1.5°: the Moon has almost no seasons. The table
# gives the noon Sun in both seasons, from the equator to near the pole.

print(f"The Sun's declination stays within ±{AXIAL_TILT_DEG}°.")
print("latitude   noon Sun in southern summer   in southern winter")
for latitude_deg in (0.0, -30.0, site_latitude_deg, -80.0, -88.0, -89.0):
    summer_deg = noon_elevation_deg(latitude_deg, -AXIAL_TILT_DEG)
    winter_deg = noon_elevation_deg(latitude_deg, AXIAL_TILT_DEG)
    print(
        f"{abs(latitude_deg):6.1f}° S {summer_deg:24.1f}°",
        f"{winter_deg:19.1f}°",
    )
    where = (
        "site"
        if latitude_deg == site_latitude_deg
        else f"{abs(latitude_deg):g}° S"
    )
    record(f"noon Sun at {where} in summer", summer_deg, "°", digits=1)
    record(f"noon Sun at {where} in winter", winter_deg, "°", digits=1)

# %%
# The noon Sun from the equator to the pole
# -----------------------------------------
# Draw it as a chart. The two lines are the noon Sun in southern summer
# (declination -1.5°) and in southern winter (+1.5°); they are only 3°
# apart. At the landing site that makes little difference, but near the
# pole it decides everything: there the noon Sun is a few degrees high at
# best, or below the horizon all day.

degrees_south = np.linspace(0.0, 90.0, 181)
summer = [noon_elevation_deg(-d, -AXIAL_TILT_DEG) for d in degrees_south]
winter = [noon_elevation_deg(-d, AXIAL_TILT_DEG) for d in degrees_south]
red, blue = OKABE_ITO["vermillion"], OKABE_ITO["blue"]
noon_chart = line_chart(
    [
        Series("southern summer", degrees_south, summer, colour=red),
        Series("southern winter", degrees_south, winter, colour=blue),
    ],
    title="How high the Sun stands at noon on the Moon",
    x_label="latitude (degrees south of the equator)",
    y_label="Sun's height at noon (°)",
    marks=[
        Mark(-site_latitude_deg, "Chang'e 4"),
        Mark(-pole_latitude_deg, f"{-pole_latitude_deg:.0f}° S"),
    ],
    legend="lower left",
)
le.show(
    noon_chart,
    alt=(
        "Line chart of the Sun's height at noon against latitude, from the "
        "equator (0 degrees south) to the south pole (90). Two parallel "
        "lines 3 degrees apart, red for southern summer and blue for "
        "southern winter, fall steadily from about 90 degrees at the "
        "equator to about 0 at the pole. Dashed vertical lines mark the "
        "Chang'e 4 site at 45.4 degrees south, where the Sun reaches about "
        f"45 degrees, and {-pole_latitude_deg:.0f} degrees south, where it "
        "reaches only a few degrees; near the pole the blue line dips just "
        "below zero."
    ),
    caption=(
        "The noon Sun stands about 90° minus the latitude high, all year "
        "round. At the Chang'e 4 site it climbs to about 45°; 1° from the "
        "pole it never gets more than 2.5° above the horizon."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * the noon Sun's height is 90° minus the distance, in degrees, between
#   your latitude and the Sun's declination;
# * the Moon's small tilt keeps the declination within ±1.5°, so the noon
#   Sun stands at almost the same height all year;
# * at 45° S the noon Sun climbs to about 46°, while near the pole it stays
#   a few degrees above the horizon, or below it.

# %%
# Your turn
# ---------
# 1. In southern winter (declination +1.5°), how high does the noon Sun
#    stand at 89° S? Find it in the table and on the chart. What does that
#    mean for the Sun there during the rest of the day?
# 2. Read from the chart the latitude where the noon Sun stands 10° high,
#    then check it with ``noon_elevation_deg``.
# 3. Suppose the Moon's axis were tilted 23.4°, like Earth's. Work out by
#    hand how high the noon Sun would stand at 89° S in southern summer.
#    Why would that be bad news for ice?
#
# Next lesson: :ref:`lesson-sun-near-the-pole`.
#
# Sources: the landing site's latitude :src:`S3`; the Moon's 1.5° tilt and
# its permanently shadowed craters :src:`S37`.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: shadows and light", "topic: water", "topic: light"]
