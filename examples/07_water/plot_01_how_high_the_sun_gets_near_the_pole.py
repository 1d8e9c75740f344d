"""
.. _lesson-sun-near-the-pole:

A day near the pole: what does a low Sun do to the ground?
==========================================================

Ice on the Moon lasts only where sunlight never reaches it :src:`S37`. In
the previous lesson the noon Sun climbed to about 46° at the Chang'e 4
site, at about 45.4° S :src:`S3`, but only a few degrees 1° from the south
pole. But noon is just one moment of the day. In this lesson you follow the
Sun through a whole lunar day at both places, then light the same patch of
ground with both noon Suns and measure how much of it lies in shadow.

**Level:** intermediate · **Time:** about 20 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-how-high-the-sun-gets` (the noon Sun at
the landing site and near the pole); shares in per cent.

**Keywords:** lunar day, hour angle, Sun path, shadow, low Sun.

**Learning goals.** After this lesson you can:

* describe the Sun's path through a lunar day at 45° S and near the pole;
* measure how much of a picture lies in shadow;
* explain why a low Sun leaves much more ground in the dark.

.. note::

   The pictures of the ground are **simulated**: the "dry-ground" scene of
   the virtual Chang'e 4, seen through a model of the rover's panoramic
   camera (PCAM). Real PCAM frames are Chang'e 4 data products of China's
   Lunar Exploration Program (CNSA/CLEP). The chart is computed from the
   geometry of the Sun and the Moon.
"""

# %%
# Follow the Sun through one lunar day
# ------------------------------------
# One lunar day, from one sunrise to the next, lasts about 29.5 Earth days
# :src:`S19`, so the Sun moves across the sky about 12° in one Earth day.
# How far the Sun has moved past noon is its *hour angle*:
# :func:`lunar_edu.sunlight.sun_position` turns a latitude and an hour
# angle into the Sun's height and direction, and
# :func:`lunar_edu.sunlight.earth_days_after_noon` turns the hour angle
# into Earth days. The numbers at the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import OKABE_ITO, grid, highlight
from lunar_edu.answers import check
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.measure import shadow_mask
from lunar_edu.sunlight import (
    CHANGE4_LATITUDE_DEG,
    LUNAR_DAY_EARTH_DAYS,
    earth_days_after_noon,
    sun_position,
)
from lunar_edu.synth import render_series

site_latitude_deg = CHANGE4_LATITUDE_DEG  # about 45.4° S
pole_latitude_deg = -89.0  # 1° from the south pole
declination_deg = -1.5  # southern summer; +1.5 is southern winter
seed = 0

hour_angles_deg = np.linspace(-180.0, 180.0, 145)
days = [earth_days_after_noon(h) for h in hour_angles_deg]
paths = [
    [sun_position(lat_deg, h, declination_deg) for h in hour_angles_deg]
    for lat_deg in (site_latitude_deg, pole_latitude_deg)
]
names = ("Chang'e 4 site", "near the pole")
for name, path in zip(names, paths, strict=True):
    daylight = np.mean([s.elevation_deg > 0 for s in path])
    highest_deg = max(s.elevation_deg for s in path)
    print(
        f"{name}: Sun up for {daylight * LUNAR_DAY_EARTH_DAYS:.1f} Earth "
        f"days, never higher than {highest_deg:.1f}°"
    )
print("Near the pole the Sun goes all the way round the sky:")
for h_deg in (-180.0, -90.0, 0.0, 90.0):
    sun = sun_position(pole_latitude_deg, h_deg, declination_deg)
    print(
        f"  {earth_days_after_noon(h_deg):+6.2f} days: azimuth "
        f"{sun.azimuth_deg:3.0f}°, {sun.elevation_deg:.1f}° high"
    )

# %%
# Draw the Sun's day
# ------------------
# Draw both paths, with the time in Earth days after local noon along the
# bottom. The dashed lines mark the horizon and noon.

red, blue = OKABE_ITO["vermillion"], OKABE_ITO["blue"]
pole_name = f"{-pole_latitude_deg:.0f}° S"
site_heights, pole_heights = ([s.elevation_deg for s in p] for p in paths)
path_chart = line_chart(
    [
        Series("Chang'e 4 site (45.4° S)", days, site_heights, colour=red),
        Series(pole_name, days, pole_heights, colour=blue),
    ],
    title="The Sun's height through one lunar day",
    x_label="Earth days after local noon",
    y_label="Sun's height (°)",
    marks=[Mark(0.0, "horizon", axis="y"), Mark(0.0, "noon")],
    legend="upper right",
)
le.show(
    path_chart,
    alt=(
        "Line chart of the Sun's height against Earth days after local "
        "noon, from about minus 15 to plus 15 days. The red curve for the "
        "Chang'e 4 site rises from below the horizon, peaks at about 46 "
        "degrees at noon and falls below the horizon again, about 7.4 days "
        "either side of noon. The blue curve for 89 degrees south stays "
        "almost flat, just above the dashed horizon line, between half a "
        "degree and two and a half degrees all day."
    ),
    caption=(
        "At the landing site the Sun rises, climbs to about 45° and sets: "
        "about two weeks of day, then two weeks of night. Near the pole, "
        "in southern summer, the Sun never sets but circles the sky "
        "skimming the horizon, never more than 2.5° high."
    ),
)

# %%
# The same ground under both Suns
# -------------------------------
# What does a Sun 2.5° high do to the ground?
# :func:`lunar_edu.synth.render_series` lights the simulated ground of the
# catalogue picture ``"could-water-exist-here"`` (the first picture of the
# previous lesson) twice: with the noon Sun of the landing site and with the
# noon Sun 1° from the pole. Both Suns stand in the north, behind the
# camera, which looks south, so only their height differs.
#
# To measure the shadows: sunlit ground is many times brighter than ground
# in shadow, which gets only the faint light reflected from sunlit ground
# nearby. So we call a pixel *in shadow* when it is darker than one fifth
# of the brightness of the bright sunlit ground (the value that 98 % of
# the pixels stay below, so that the rule still works when most of the
# picture is dark). :func:`lunar_edu.measure.shadow_mask` applies this
# rule: it turns the camera's colour mosaic into red, green and blue and
# averages them into one brightness. The simulated scene also knows which
# pixels get direct sunlight (``frame.truth.sunlit``): that answer key
# shows how well our rule works.

site_noon = sun_position(site_latitude_deg, 0.0, declination_deg)
pole_noon = sun_position(pole_latitude_deg, 0.0, declination_deg)
entry = le.entry("could-water-exist-here")
site_frame, pole_frame = render_series(
    entry.scene, [site_noon, pole_noon], seed=seed, size="quarter"
)
shadow_fraction = 0.2
site_shadow = shadow_mask(site_frame, shadow_fraction)
pole_shadow = shadow_mask(pole_frame, shadow_fraction)
for where, frame, shadow in (
    ("site", site_frame, site_shadow),
    ("pole", pole_frame, pole_shadow),
):
    print(f"The Sun at the {where} is {frame.sun.elevation_deg:.1f}° high")
    what = f"shadow under the noon Sun at the {where}"
    answer_key = 100 * (~frame.truth.sunlit).mean()
    check(what, 100 * shadow.mean(), answer_key, "%", digits=0)

# %%
# Compare the shadows
# -------------------
# Put the two pictures side by side, and below each one the same picture
# with its shadow pixels painted blue.

site_label = (
    f"{-site_latitude_deg:.1f}° S: Sun {site_noon.elevation_deg:.0f}° high"
)
pole_label = f"{pole_name}: Sun {pole_noon.elevation_deg:.1f}° high"
site_picture, pole_picture = le.develop(site_frame), le.develop(pole_frame)
comparison = grid(
    [
        site_picture,
        pole_picture,
        highlight(site_picture, site_shadow),
        highlight(pole_picture, pole_shadow),
    ],
    columns=2,
    labels=[
        site_label,
        pole_label,
        f"in shadow: {site_shadow.mean():.0%}",
        f"in shadow: {pole_shadow.mean():.0%}",
    ],
)
le.show(
    comparison,
    alt=(
        "Four pictures of the same patch of gray ground with wheel marks. "
        f"Top left, under a Sun {site_noon.elevation_deg:.0f} degrees "
        "high, the ground is evenly lit. Top right, under a Sun "
        f"{pole_noon.elevation_deg:.1f} degrees high, two bright, jagged "
        "strips (the walls of the wheel marks that face the Sun) each "
        "have a wide black shadow just below them, and a large dark patch "
        "in the middle is a shallow hollow in shadow. In the bottom row "
        "the shadowed pixels are painted blue: "
        f"{site_shadow.mean():.0%} of the picture on the left, "
        f"{pole_shadow.mean():.0%} on the right."
    ),
    caption=(
        "The same ground, two noon Suns. Under the landing site's high "
        "Sun nothing is in shadow. Under the polar Sun every small bump "
        "casts a long shadow, and the shadows cover a large part of the "
        "ground: at noon, on the sunniest day of the year. Our rule finds "
        f"{pole_shadow.mean():.0%}, the answer key "
        f"{(~pole_frame.truth.sunlit).mean():.0%}: ground that the low "
        "Sun only grazes is lit, but looks almost as dark as shadow."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * at 45° S the Sun climbs to at most about 46° and sets for two weeks,
#   while near the pole it circles low round the sky;
# * sunlit ground is many times brighter than shadow, so a brightness rule
#   can find the shadows in a picture;
# * a low Sun leaves much more ground in shadow.

# %%
# Your turn
# ---------
# 1. Change ``pole_latitude_deg`` to ``-80.0`` and run the lesson again.
#    How high does the noon Sun get now, and what share of the ground lies
#    in shadow?
# 2. Set ``declination_deg = 1.5`` (southern winter). What happens to the
#    Sun at 89° S? What does that mean for the ground there?
# 3. Flat ground near the pole still gets some Sun at noon. Why could the
#    floor of a deep crater there stay dark all day? Sketch it.
#
# Next lesson: :ref:`lesson-permanent-shadow`.
#
# Sources: the landing site's latitude :src:`S3`; the Moon's 1.5° tilt and
# its permanently shadowed craters :src:`S37`; the length of a lunar day
# :src:`S19`.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: shadows and light", "skill: measuring", "skill: statistics", "topic: water", "topic: light"]
