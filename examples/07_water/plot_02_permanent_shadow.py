"""
.. _lesson-permanent-shadow:

Where the Sun never shines: a crater in permanent shadow
========================================================

Near the Moon's poles the Sun never climbs high: it skims the horizon and
goes once round the sky in each lunar day. The floor of a crater there can
then stay in shadow at every moment of every day. Such a permanently
shadowed floor stays colder than about 110 :term:`K <Kelvin>` (about 163 °C below zero),
cold enough to trap water ice for billions of years :src:`S37`. In 2009
NASA's LCROSS mission crashed a spent rocket stage into one of these
craters, Cabeus, near the south pole; the cloud of debris held water,
about 5.6 % of the soil by mass :src:`S36`. In this lesson you let the Sun
go round a polar crater, photograph it at each step, and find the ground
it never reaches.

**Level:** intermediate · **Time:** about 40 minutes · **Camera:** none (an illustration, drawn through a model of LCAM)

**Prerequisites:** :ref:`lesson-how-high-the-sun-gets` (the Sun near the
pole); numpy masks.

**Keywords:** permanent shadow, cold trap, polar crater, ice, image series,
illustration.

**Learning goals.** After this lesson you can:

* describe how the shadows in a polar crater turn as the Sun goes round;
* combine a series of pictures into a map of the ground lit at least once;
* measure what share of a crater never sees the Sun;
* explain why permanently shadowed crater floors can hold ice.

.. note::

   The pictures in this lesson are an **illustration**, not Chang'e 4
   pictures. The crater is **simulated** and **not** at the Chang'e 4
   site, which lies at about 45.4° S :src:`S3`; no Chang'e 4 camera ever
   saw a polar crater. It is an invented crater near a pole, drawn as if
   seen from above through a model of Chang'e 4's landing camera (LCAM),
   hanging 1,800 m above it. Real LCAM frames show the landing site and
   are data products of China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# Let the Sun go round
# --------------------
# :func:`lunar_edu.sunlight.sun_path` gives the Sun's position at even
# steps through one lunar day of 29.5 Earth days :src:`S19`. Near the
# pole, in southern summer, the Sun never sets: it circles the sky, lowest
# in the south at midnight and highest in the north at noon. The numbers
# at the top are the ones to change.

from dataclasses import replace

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import grid, highlight, label, ring
from lunar_edu.answers import check, record
from lunar_edu.camera import ground_sample_distance
from lunar_edu.sunlight import LUNAR_DAY_EARTH_DAYS, sun_path
from lunar_edu.synth import render_series
from PIL import Image, ImageFilter

latitude_deg = -89.0  # 1° from the south pole
declination_deg = -1.5  # southern summer: the highest Sun of the year
sun_steps = 8  # pictures through one lunar day
seed = 0

suns = sun_path(
    latitude_deg,
    declination_deg=declination_deg,
    steps=sun_steps,
    daylight_only=False,
)
day_step = LUNAR_DAY_EARTH_DAYS / sun_steps
print("Earth days   Sun's height   Sun's direction (azimuth)")
for step, sun in enumerate(suns):
    print(
        f"{step * day_step:10.1f} {sun.elevation_deg:13.1f}°"
        f" {sun.azimuth_deg:15.0f}°"
    )
up = [sun for sun in suns if sun.elevation_deg > 0]
if not up:
    message = (
        "The Sun never rises here on this day, so the whole crater stays "
        "dark. Move latitude_deg towards the equator, or declination_deg "
        "towards -1.5."
    )
    raise SystemExit(message)

compass = ("north", "north-east", "east", "south-east", "south",
           "south-west", "west", "north-west")  # fmt: skip


def direction(azimuth_deg):
    """Return the compass point nearest an azimuth, e.g. 'south-east'."""
    return compass[round(azimuth_deg / 45.0) % 8]


# %%
# A crater near the pole
# ----------------------
# :func:`lunar_edu.synth.render_series` photographs the simulated polar
# crater of the catalogue picture ``"polar-ice-shaded-craters"`` under
# each Sun that is up, seen from straight above with north at the top.
# This picture is an **illustration**, not a Chang'e 4 picture: Chang'e 4
# landed at about 45.4° S :src:`S3`, and none of its cameras ever saw a
# polar crater. So there is no real picture to look for; you see the
# invented crater under the highest Sun of the day.

entry = le.entry("polar-ice-shaded-craters")
frames = render_series(entry.scene, up, seed=seed, size="half")
highest = max(frames, key=lambda f: f.sun.elevation_deg)
le.show(
    le.develop(highest),
    alt=(
        "A large round crater seen from straight above, in the middle "
        "of rough gray ground dotted with small craters. The crater "
        "is almost entirely black; only a thin bright crescent of its "
        "southern inner wall, at the bottom, catches the light. Dark "
        "shadows spread from the crater's lower side over the ground "
        "beyond it."
    ),
    caption=(
        "An illustration, not a Chang'e 4 picture: an invented crater "
        "about 600 m across near the pole, under the highest "
        f"Sun of the lunar day: {highest.sun.elevation_deg:.1f}° above "
        f"the {direction(highest.sun.azimuth_deg)}ern horizon. The "
        "sunlight only grazes the top of the far inner wall; the whole "
        "floor lies in shadow. Will it still be dark when the Sun has "
        "moved round?"
    ),
)

# %%
# The crater under four Suns
# --------------------------
# Four of the pictures are shown below, about a week apart. Remember that
# north is at the top of these pictures, and that the Sun lights the inner
# wall on the far side of the crater from it.

every = max(1, len(frames) // 4)
shown = frames[::every][:4]
le.show(
    grid(
        [le.develop(f) for f in shown],
        columns=2,
        labels=[
            f"Sun in the {direction(f.sun.azimuth_deg)}, "
            f"{f.sun.elevation_deg:.1f}° high"
            for f in shown
        ],
    ),
    alt=(
        "Four views of the same crater from above, in a two-by-two grid, "
        "each labelled with the Sun's direction and height, from 0.5 to "
        "2.5 degrees. In each view the crater is black "
        "except for a thin bright crescent of inner wall on the side away "
        "from the Sun: at the top when the Sun is in the south, on the "
        "left when it is in the east, at the bottom when it is in the "
        "north, and on the right when it is in the west."
    ),
    caption=(
        "The same crater under four Suns, a week apart. As the Sun goes "
        "round, the lit crescent goes round the top of the crater wall, "
        "but the middle of the crater stays black in every picture."
    ),
)

# %%
# Which ground is ever lit?
# -------------------------
# Sunlit ground is many times brighter than ground in shadow, which gets
# only the faint light reflected from sunlit ground nearby. So in each
# picture we call a pixel *lit* when it is brighter than one fifth of the
# bright sunlit ground (the value that 98 % of the pixels stay below).
# Before that we smooth each picture a little, averaging every pixel with
# its eight neighbours, so that the camera's noise does not count as
# sunlight. A pixel lit in at least one picture sees the Sun some time in
# the day; a pixel lit in none is in **permanent shadow**.

lit_fraction = 0.2

ever_lit = np.zeros(frames[0].pixels.shape, dtype=bool)
for f in frames:
    smooth = Image.fromarray(f.pixels).filter(ImageFilter.BoxBlur(1))
    brightness = np.asarray(smooth, dtype=np.float32)
    ever_lit |= brightness > lit_fraction * np.percentile(brightness, 98)
never_lit = ~ever_lit
print(f"Never lit: {never_lit.mean():.1%} of the picture")

# %%
# Measure the permanent shadow in the crater
# ------------------------------------------
# The simulated scene knows where its largest crater is and how big it is
# (``frame.truth``). The distance from the camera to the middle of the
# crater's rim and the camera's pixel size give the size of one pixel on
# the ground, so we can find every pixel inside the crater's rim, and
# inside its inner half, the deepest part of the bowl. The scene also
# knows which pixels get direct sunlight in each picture
# (``frame.truth.sunlit``): that answer key checks our measurement.

truth = frames[0].truth
crater = truth.of_kind("crater")[0]
centre_x, centre_y = crater.xy_px
rows, columns = never_lit.shape
metres_per_px = ground_sample_distance(frames[0].camera, crater.distance_m)
y_px, x_px = np.mgrid[0:rows, 0:columns]
from_centre_m = metres_per_px * np.hypot(x_px - centre_x, y_px - centre_y)
inside = from_centre_m < crater.size_m / 2
inner_half = from_centre_m < crater.size_m / 4

crater_share = never_lit[inside].mean()
inner_share = never_lit[inner_half].mean()
outside_share = never_lit[~inside].mean()
shadow_km2 = never_lit[inside].sum() * metres_per_px**2 / 1e6
print(f"Crater: {crater.size_m:.0f} m across, {metres_per_px:.2f} m per px")
print(f"Never lit, inside the rim:        {crater_share:.0%}")
print(f"Never lit, inner half of the bowl: {inner_share:.0%}")
print(f"Never lit, ground outside:        {outside_share:.0%}")
print(f"Permanent shadow in the crater: {shadow_km2:.2f} km²")
record("lowest Sun", min(s.elevation_deg for s in up), "°", digits=1)
record("highest Sun", max(s.elevation_deg for s in up), "°", digits=1)
record("pictures", len(frames))
record("crater size", crater.size_m, "m", digits=0)
record("metres per pixel", metres_per_px, "m", digits=2)
record("never lit in the inner half", 100 * inner_share, "%", digits=0)
record("permanent shadow area", shadow_km2, "km²", digits=2)
true_never_lit = ~np.logical_or.reduce([f.truth.sunlit for f in frames])
key_inside_pct = 100 * true_never_lit[inside].mean()
key_outside_pct = 100 * true_never_lit[~inside].mean()
check(
    "never lit inside the rim",
    100 * crater_share,
    key_inside_pct,
    "%",
    digits=0,
)
check(
    "never lit outside the crater",
    100 * outside_share,
    key_outside_pct,
    "%",
    digits=0,
)

# %%
# Map the permanent shadow
# ------------------------
# To see it all at once we stack the pictures and keep, for every pixel,
# the brightest value it ever had: the crater as it would look if all the
# Suns shone at the same time. Then we paint the never-lit pixels blue
# and ring the crater's rim.

brightest = replace(
    frames[0], pixels=np.max([f.pixels for f in frames], axis=0)
)
picture = le.develop(brightest)
mapped = highlight(picture, never_lit, strength=0.7)
mapped = ring(
    mapped,
    crater.xy_px,
    frame=brightest,
    diameter_m=crater.size_m,
    centre_m=crater.position_m,
)
mapped = label(
    mapped,
    f"never lit: {crater_share:.0%} of the crater",
    crater.xy_px,
    offset_px=(0.25 * columns, -0.36 * rows),
)
le.show(
    mapped,
    alt=(
        "The crater from above, combined from all the pictures: the ground "
        "around it is a mottled gray, lit at some time of the day, and a "
        "bright band of upper wall, widest at the bottom, circles the "
        "crater. Inside it a large blue disc fills most of the crater, "
        "marking the pixels that were never lit. A yellow ring traces "
        "the crater's rim along the outer edge of the bright band, and a "
        "label joined by a line to the crater's centre reads 'never lit: "
        f"{crater_share:.0%} of the crater'. Many small blue patches "
        "are scattered over the ground around it: the floors of small "
        "craters and hollows."
    ),
    caption=(
        "Blue: ground that no Sun of the lunar day reached. Most of the "
        f"crater, {shadow_km2:.2f} km², is in permanent shadow, "
        "and so are the floors of some small craters nearby. The lit band "
        "of wall is widest in the south, which faces the highest Sun. "
        "Places like these are the cold traps where ice can last [S37]."
    ),
)

# %%
# From dark floors to ice
# -----------------------
# A permanently shadowed floor never warms up, so water molecules that
# land there freeze and stay. From orbit, NASA's Moon Mineralogy Mapper
# on the Chandrayaan-1 orbiter recorded the infrared signature of ice on the
# surface in shadowed areas at both poles, in patches covering only a few
# per cent of the shadowed ground :src:`S37`; LCROSS found about 5.6 %
# water ice by mass in the soil of Cabeus :src:`S36`. Our crater is
# invented, but its shadow works in the same way.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * the shadows in a polar crater turn as the Sun goes round;
# * a series of pictures combines into a map of the ground lit at least
#   once;
# * part of a polar crater's floor never sees the Sun, which is why such
#   floors can hold ice.

# %%
# Your turn
# ---------
# 1. Change ``latitude_deg`` to ``-85.0`` and then ``-80.0``. How high
#    does the Sun get, and what happens to the share of the crater that is
#    never lit?
# 2. Set ``sun_steps = 4``. Does the map change? Why do too few pictures
#    make the permanent shadow look bigger than it is?
# 3. Small craters near the big one also have blue floors. Why do they
#    count as cold traps too, although they are much smaller?
# 4. The rule "lit when brighter than one fifth of the bright ground" is a
#    choice. Try ``lit_fraction = 0.4``, then ``0.1``. Which numbers
#    change? Why does ``0.1`` go wrong? (Hint: is a shadow really black?)
#
# Next lesson, the same experiment at the Chang'e 4 landing site:
# :ref:`lesson-why-the-site-is-dry`.
#
# Sources: permanently shadowed regions, cold traps and M3 :src:`S37`;
# LCROSS :src:`S36`; the landing site's latitude :src:`S3`; the lunar day
# :src:`S19`.

# sphinx_gallery_thumbnail_number = 3
# sphinx_gallery_tags = ["level: intermediate", "instrument: illustration", "skill: shadows and light", "skill: measuring", "skill: image processing", "skill: statistics", "topic: water", "topic: craters"]
