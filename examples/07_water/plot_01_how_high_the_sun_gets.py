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
see it at all :src:`S37`. In this lesson you work out how high the Sun gets
at any latitude, follow it through one lunar day at the landing site and
near the pole, and light the same patch of ground with both Suns.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-three-suns` (Sun elevation and shadow);
latitude.

**Keywords:** latitude, noon Sun, declination, axial tilt, Sun path,
shadow.

**Learning goals.** After this lesson you can:

* work out how high the noon Sun stands at any latitude on the Moon;
* describe the Sun's path through a lunar day at 45° S and near the pole;
* measure how much of a picture lies in shadow;
* explain why a low Sun leaves much more ground in the dark.

.. note::

   The pictures of the ground are **simulated**: the "dry-ground" scene of
   the virtual Chang'e 4, seen through a model of the rover's panoramic
   camera (PCAM). Real PCAM frames are Chang'e 4 data products of China's
   Lunar Exploration Program (CNSA/CLEP). The two charts are computed from
   the geometry of the Sun and the Moon.
"""

# %%
# Could there be water here?
# --------------------------
# The catalogue picture ``"could-water-exist-here"`` is a close look at
# the ground in front of the rover. :func:`lunar_edu.synth.render_series`
# lights that simulated ground twice: with the Sun of local noon at the
# landing site, and with the noon Sun 1° from the pole (we compare the two
# at the end). :func:`lunar_edu.load` with ``source="real"`` looks for a
# real PCAM picture of the entry: if your teacher has one, you see it;
# otherwise you see the simulated ground at the site's noon. The numbers
# at the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import OKABE_ITO, grid
from lunar_edu.answers import check, record
from lunar_edu.bayer import debayer
from lunar_edu.catalog import entry_by_id
from lunar_edu.charts import Mark, Series, line_chart
from lunar_edu.data import NoRealImageError
from lunar_edu.sunlight import (
    AXIAL_TILT_DEG,
    CHANGE4_LATITUDE_DEG,
    LUNAR_DAY_EARTH_DAYS,
    earth_days_after_noon,
    noon_elevation_deg,
    sun_position,
)
from lunar_edu.synth import render_series
from PIL import Image

site_latitude_deg = CHANGE4_LATITUDE_DEG  # about 45.4° S
pole_latitude_deg = -89.0  # 1° from the south pole
# The Sun's declination: -1.5° in southern summer, +1.5° in southern winter.
declination_deg = -1.5
seed = 0

site_noon = sun_position(site_latitude_deg, 0.0, declination_deg)
pole_noon = sun_position(pole_latitude_deg, 0.0, declination_deg)

entry = entry_by_id("could-water-exist-here")
site_frame, pole_frame = render_series(
    entry.scene, [site_noon, pole_noon], seed=seed, size="quarter"
)
try:
    real = le.load(entry.id, source="real")
except NoRealImageError:
    real = None  # no real picture here: the simulated one will do
    print("No real picture found, so we show the simulated ground.")
if real is None:
    le.show(
        le.develop(site_frame),
        alt=(
            "Close view of smooth, gray, powdery ground in full sunlight, "
            "crossed by two soft wheel marks running from lower left to "
            "upper right: near the top a dark band with a thin bright "
            "line along it, near the bottom a fainter dark band. Nothing "
            "shiny or icy is visible."
        ),
        caption=(
            "The ground in front of the rover at local noon at the "
            f"Chang'e 4 site, with the Sun {site_noon.elevation_deg:.0f}° "
            "high in the north, behind the camera, which looks south. "
            "Nothing is in shadow: only the wheel marks are a little "
            "darker."
        ),
    )
else:
    le.show(
        le.develop(real),
        alt=entry.alt_for(simulated=real.source.is_simulated),
        caption=entry.caption,
    )

# %%
# How high is the Sun at noon?
# ----------------------------
# At local noon the Sun stands due north or due south, and its height
# above the horizon is 90° minus the distance, in degrees, between your
# latitude and the Sun's :term:`declination` (the latitude where the Sun is
# straight overhead). On Earth the declination swings by ±23.4° over a
# year, which gives us seasons. The Moon's axis is tilted only about
# 1.5° :src:`S37`, so its declination stays within ±1.5°: the Moon has
# almost no seasons. :func:`lunar_edu.sunlight.noon_elevation_deg` does
# the sum.

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
noon_chart = line_chart(
    [
        Series(
            "southern summer",
            degrees_south,
            [
                noon_elevation_deg(-d, -AXIAL_TILT_DEG)
                for d in degrees_south
            ],
            colour=OKABE_ITO["vermillion"],
        ),
        Series(
            "southern winter",
            degrees_south,
            [noon_elevation_deg(-d, AXIAL_TILT_DEG) for d in degrees_south],
            colour=OKABE_ITO["blue"],
        ),
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
# Follow the Sun through one lunar day
# ------------------------------------
# One lunar day, from one sunrise to the next, lasts about 29.5 Earth days
# :src:`S19`, so the Sun moves across the sky about 12° in one Earth day.
# How far the Sun has moved past noon is its *hour angle*:
# :func:`lunar_edu.sunlight.sun_position` turns a latitude and an hour
# angle into the Sun's height and direction, and
# :func:`lunar_edu.sunlight.earth_days_after_noon` turns the hour angle
# into Earth days.

hour_angles_deg = np.linspace(-180.0, 180.0, 145)
days = [earth_days_after_noon(h) for h in hour_angles_deg]
site_path = [
    sun_position(site_latitude_deg, h, declination_deg)
    for h in hour_angles_deg
]
pole_path = [
    sun_position(pole_latitude_deg, h, declination_deg)
    for h in hour_angles_deg
]
for name, path in (
    ("Chang'e 4 site", site_path),
    ("near the pole", pole_path),
):
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

path_chart = line_chart(
    [
        Series(
            "Chang'e 4 site (45.4° S)",
            days,
            [s.elevation_deg for s in site_path],
            colour=OKABE_ITO["vermillion"],
        ),
        Series(
            f"{-pole_latitude_deg:.0f}° S",
            days,
            [s.elevation_deg for s in pole_path],
            colour=OKABE_ITO["blue"],
        ),
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
# What does a Sun 2.5° high do to the ground? At the start we lit the
# same simulated patch of ground with the noon Sun of the landing site and
# with the noon Sun 1° from the pole. Both Suns stand in the north,
# behind the camera, so only their height differs.
#
# To measure the shadows: sunlit ground is many times brighter than ground
# in shadow, which gets only the faint light reflected from sunlit ground
# nearby. So we call a pixel *in shadow* when it is darker than one fifth
# of the brightness of the bright sunlit ground (the value that 98 % of
# the pixels stay below, so that the rule still works when most of the
# picture is dark). ``debayer`` (in ``lunar_edu.bayer``) turns the camera's
# colour mosaic into red, green and blue; we average them into one
# brightness. The simulated scene also knows which pixels get direct
# sunlight (``frame.truth.sunlit``): that answer key shows how well our
# rule works.

shadow_fraction = 0.2


def shadow_mask(frame):
    """Return True for the pixels of a PCAM frame that lie in shadow."""
    brightness = debayer(frame.pixels).mean(axis=2)
    if frame.sun.elevation_deg <= 0:
        # The Sun is below the horizon: all the ground is in shadow.
        return np.ones(brightness.shape, dtype=bool)
    bright_ground = np.percentile(brightness, 98)
    return brightness < shadow_fraction * bright_ground


def tint(picture, mask):
    """Paint the masked pixels of a developed picture blue."""
    rgb = np.asarray(picture.convert("RGB"), dtype=np.float32)
    rgb[mask] = 0.4 * rgb[mask] + 0.6 * np.array(OKABE_ITO["blue"])
    out = picture.convert("RGB")  # a copy that keeps the picture's credit
    out.paste(Image.fromarray(rgb.astype(np.uint8)))
    return out


site_shadow = shadow_mask(site_frame)
pole_shadow = shadow_mask(pole_frame)
for where, frame, shadow in (
    ("site", site_frame, site_shadow),
    ("pole", pole_frame, pole_shadow),
):
    true_shadow = ~frame.truth.sunlit
    print(f"The Sun at the {where} is {frame.sun.elevation_deg:.1f}° high")
    check(
        f"shadow under the noon Sun at the {where}",
        100 * shadow.mean(),
        100 * true_shadow.mean(),
        "%",
        digits=0,
    )

site_label = (
    f"{-site_latitude_deg:.1f}° S: Sun {site_noon.elevation_deg:.0f}° high"
)
pole_label = (
    f"{-pole_latitude_deg:.0f}° S: Sun {pole_noon.elevation_deg:.1f}° high"
)
site_picture = le.develop(site_frame)
pole_picture = le.develop(pole_frame)
comparison = grid(
    [
        site_picture,
        pole_picture,
        tint(site_picture, site_shadow),
        tint(pole_picture, pole_shadow),
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
# * the noon Sun's height is 90° minus the distance, in degrees, between
#   your latitude and the Sun's declination;
# * at 45° S the Sun climbs to at most about 46°, while near the pole it
#   circles low round the sky;
# * a low Sun leaves much more ground in shadow.

# %%
# Your turn
# ---------
# 1. Change ``pole_latitude_deg`` to ``-80.0`` and run the lesson again.
#    How high does the noon Sun get now, and what share of the ground lies
#    in shadow?
# 2. Set ``declination_deg = 1.5`` (southern winter). What happens to the
#    Sun at 89° S? What does that mean for the ground there?
# 3. Read from the first chart the latitude where the noon Sun stands 10°
#    high, then check it with ``noon_elevation_deg``.
# 4. Flat ground near the pole still gets some Sun at noon. Why could the
#    floor of a deep crater there stay dark all day? Sketch it.
#
# Next lesson: :ref:`lesson-permanent-shadow`.
#
# Sources: the landing site's latitude :src:`S3`; the Moon's 1.5° tilt and
# its permanently shadowed craters :src:`S37`; the length of a lunar day
# :src:`S19`.

# sphinx_gallery_thumbnail_number = 4
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: shadows and light", "skill: measuring", "skill: statistics", "topic: water", "topic: light"]
