"""
.. _lesson-three-suns:

Why does the same ground look smoother under a high Sun?
========================================================

Look through the pictures from Yutu-2's panoramic camera (PCAM) and some
ground looks rough, full of bumps and pits, while other ground looks flat
and smooth. Often the ground is no different: the light is. The Moon has no
air to scatter sunlight into the shadows, so a bump shows up only through
the shadow it casts and through its two sides, one turned towards the Sun
and one away. In this lesson we light one patch of virtual ground with
three Suns, put the pictures side by side, and measure what "smoother"
really means.

**Level:** intermediate · **Time:** about 30 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-descent-first-look`; what an angle is.

**Keywords:** Sun elevation, incidence angle, phase angle, shadow, relief,
statistics.

**Learning goals.** After this lesson you can:

* say what the Sun's elevation, the incidence angle and the phase angle
  are;
* compare pictures fairly by developing them all the same way;
* measure how much of the ground lies in shadow, and how much its
  brightness varies, and check the shadow against the answer key;
* explain why a low Sun shows relief and a high Sun hides it.

.. note::

   The pictures in this lesson are **simulated**: one scene of the virtual
   Chang'e 4, rendered through a model of the PCAM camera under different
   Suns. If your teacher has a real picture for the catalogue entry
   ``"smoother-high-sun"``, the first picture shows it instead. Real PCAM
   frames are Chang'e 4 data products of China's Lunar Exploration Program
   (CNSA/CLEP).
"""

# %%
# The catalogue picture
# ---------------------
# The picture catalogue has an entry called ``"smoother-high-sun"``:
# rocky, cratered ground seen from the camera on the rover's mast, 1.5 m
# above the ground :src:`S23`. :func:`lunar_edu.synth.render_series`
# builds this scene of the virtual Chang'e 4 once and lights it with each
# of our Suns in turn, so every picture shows exactly the same rocks and
# craters. We also ask :func:`lunar_edu.load` for a real picture: if your
# teacher has one, we look at it first; if not, we look at the simulated
# ground under the highest Sun. The numbers at the top are the ones to
# change: the Sun elevations to compare, the direction the sunlight comes
# from, and the :term:`seed` that picks the ground. The camera looks
# west-south-west, and the sunlight comes from the north-north-east:
# from behind the camera, on its right.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import side_by_side
from lunar_edu.answers import check, record
from lunar_edu.camera import pixel_to_ray
from lunar_edu.charts import Series, line_chart
from lunar_edu.sunlight import (
    AXIAL_TILT_DEG,
    CHANGE4_LATITUDE_DEG,
    noon_elevation_deg,
)
from lunar_edu.synth import RECIPES, render_series

entry = le.entry("smoother-high-sun")
sun_elevations_deg = [5.0, 20.0, 45.0]  # lowest first
# The scene's own Sun direction: behind the camera, on the right.
sun_azimuth_deg = RECIPES[entry.scene].default_sun_azimuth_deg
seed = 0
shadow_level = 0.25  # in shadow: darker than this share of the median

suns = [(elevation, sun_azimuth_deg) for elevation in sun_elevations_deg]
frames = render_series(entry.scene, suns, size="quarter", seed=seed)
catalogue = le.load(entry.id, source="real", missing=None)
catalogue_caption = None  # a real picture: the catalogue's caption
if catalogue is None:
    # No real picture here: look at the ground under the highest Sun.
    catalogue = frames[-1]
    catalogue_caption = (
        f'The simulated stand-in for "{entry.title}", with the Sun '
        f"{catalogue.sun.elevation_deg:.0f}° high. The rocks are small "
        "gray domes with hardly any shadow, and the shallow craters are "
        "faint dark ovals: the ground looks flat and smooth."
    )
print(f"Catalogue picture: {catalogue.source.kind}")
le.show(
    le.develop(catalogue, stretch=False),
    alt=entry.alt_for(simulated=catalogue.source.is_simulated),
    caption=catalogue_caption,
)

# %%
# How high can the Sun climb at Chang'e 4?
# ----------------------------------------
# Chang'e 4 landed at about 45.4° south :src:`S3`. The Moon's spin axis is
# tilted only about 1.5° :src:`S37`, so at noon the Sun stands about
# 90° - 45.4° ≈ 45° above the horizon, give or take the tilt. That is why
# the highest Sun we compare is 45°: about the highest the rover can ever
# see.

highest_deg = noon_elevation_deg(
    CHANGE4_LATITUDE_DEG, declination_deg=-AXIAL_TILT_DEG
)
print(f"Highest noon Sun at Chang'e 4: {highest_deg:.1f}°")
record("highest noon Sun", highest_deg, "°", digits=1)

# %%
# Three angles describe the light
# -------------------------------
# * The **Sun's elevation**: how high it stands above the horizon.
# * The **incidence angle**: how far it is from straight overhead,
#   90° minus the elevation.
# * The **phase angle**: the angle, at the ground, between the direction
#   to the Sun and the direction to the camera. We work it out for the
#   middle of the picture.

camera = frames[0].camera
# Where the middle of the picture looks, as (east, north, up).
look = pixel_to_ray(camera, *camera.centre_px)
print("elevation  incidence  phase angle")
phases_deg = []
for frame in frames:
    elevation = np.radians(frame.sun.elevation_deg)
    azimuth = np.radians(frame.sun.azimuth_deg)
    level = np.cos(elevation)  # the level part of the direction to the Sun
    to_sun = np.array(
        [
            level * np.sin(azimuth),
            level * np.cos(azimuth),
            np.sin(elevation),
        ]
    )
    # Seen from the ground, the camera is back along the look direction.
    phase_deg = np.degrees(np.arccos(np.dot(-look, to_sun)))
    phases_deg.append(phase_deg)
    print(
        f"{frame.sun.elevation_deg:7.0f}° {frame.sun.incidence_deg:9.0f}°"
        f" {phase_deg:11.0f}°"
    )
record("phase angles", phases_deg, "°", digits=0)
record("Sun elevations", sun_elevations_deg, "°", digits=0)

# %%
# Develop them the same way
# -------------------------
# The phase angle hardly changes, because our Sun climbs but keeps its
# direction. So whatever changes in the pictures comes from the Sun's
# elevation alone: a fair test changes one thing at a time. Only the
# virtual Moon allows this experiment. At Chang'e 4 the Sun rises near
# the east, swings through the north at noon and sets near the west, so
# its direction changes as it climbs.
#
# A fair comparison also needs every picture turned into grays in the
# same way. By default :func:`lunar_edu.develop` *stretches* each picture
# so that its darkest and brightest pixels fill the whole range from black
# to white; that would make a dull picture look as lively as a contrasty
# one. With ``stretch=False`` the same stored value always gives the same
# gray. This is fair because the virtual camera, like a phone, sets its
# exposure by itself: the brightest sunlit soil lands at about the same
# value in every picture.

pictures = [le.develop(frame, stretch=False) for frame in frames]
labels = [f"Sun {e:.0f}° high" for e in sun_elevations_deg]
le.show(
    side_by_side(pictures, labels=labels),
    alt=(
        "Three views of the same rocky, cratered ground side by side, "
        f"labelled {', '.join(labels)}. On the left the near ground is "
        "dark and mottled with light and dark patches, each rock is lit "
        "on its right and trails a long thin black shadow to the left, "
        "and two small craters on the right show as black ovals. In the "
        "middle the ground is a lighter gray with faint patches and short "
        "shadows. On the right it is an even light gray; the rocks are "
        "small domes with no visible shadow and the craters are faint."
    ),
    caption=(
        "The same ground, developed the same way, under three Suns. Under "
        "the low Sun every rock has a long shadow and every gentle slope "
        "shows up as a bright or a dark patch. Under the high Sun the "
        "shadows shrink and the slopes look alike, so the ground seems "
        "smooth, although nothing in it has changed."
    ),
)

# %%
# Measure "smoother"
# ------------------
# Two numbers capture what our eyes see. First, the **share of the ground
# in shadow**: pixels darker than a quarter of the typical (median) gray of
# that picture. Second, the **spread** of the grays: their standard
# deviation divided by their mean. A bumpy-looking picture has a large
# spread; a perfectly even one would have none. The camera looks down at
# the ground, so every pixel shows ground or rock.

grays = [np.asarray(p.convert("L"), dtype=float) for p in pictures]
shadow_pct = []
spread_pct = []
print("Sun elevation  in shadow  brightness spread")
for elevation, gray in zip(sun_elevations_deg, grays, strict=True):
    in_shadow = gray < shadow_level * np.median(gray)
    shadow_pct.append(100 * in_shadow.mean())
    spread_pct.append(100 * gray.std() / gray.mean())
    print(
        f"{elevation:12.0f}° {shadow_pct[-1]:9.1f} %"
        f" {spread_pct[-1]:13.1f} %"
    )
record("shares in shadow", shadow_pct, "%", digits=1)
record("brightness spreads", spread_pct, "%", digits=1)

# %%
# Check the shadow
# ----------------
# Both numbers fall as the Sun climbs. The shadows go first: with the Sun
# 20° high almost no ground is in shadow any more. The spread falls more
# slowly.
#
# Is our "darker than a quarter of the median" really shadow? The answer
# key marks every pixel that gets direct sunlight (``truth.sunlit``), so
# we can check, under the lowest Sun, where there is shadow to measure.
# Expect rough agreement only: many shadows are thinner than a pixel, and
# under a low Sun a sunlit slope turned away from it can look almost as
# dark as a shadow.

true_shadow_pct = 100 * (~frames[0].truth.sunlit).mean()
check(
    "ground in shadow under the lowest Sun",
    shadow_pct[0],
    true_shadow_pct,
    "%",
    digits=2,
)
share_pct = 100 * shadow_pct[0] / true_shadow_pct
record("measured share of the answer key's", share_pct, "%", digits=0)

# %%
# See the spread
# --------------
# A histogram counts how many pixels have each gray. A narrow peak means
# most pixels look alike: smooth-looking ground. A wide hump that reaches
# towards black means bright patches, dark patches and shadows:
# rough-looking ground.

edges = np.arange(0, 257, 4)
histograms = [
    Series(
        label,
        edges,
        100 * np.histogram(gray, bins=edges)[0] / gray.size,
        style="steps",
    )
    for label, gray in zip(labels, grays, strict=True)
]
le.show(
    line_chart(
        histograms,
        title="How many pixels have each gray",
        x_label="gray (0 = black, 255 = white)",
        y_label="pixels (%)",
        legend="upper left",
    ),
    alt=(
        "A histogram chart with one stepped curve per Sun. The curve for "
        "the Sun 5 degrees high is low and wide, spreading from near "
        "black to about 160 and highest near 65. The curve for 20 degrees "
        "is a narrower hump from about 90 to 160, highest near 110. The "
        "curve for 45 degrees is a tall, narrow peak near 135."
    ),
    caption=(
        "Under the low Sun the grays spread widely and reach almost to "
        "black: shadows and dark slopes. As the Sun climbs, the grays "
        "crowd together into a narrow peak, and the picture looks "
        "smooth. The low-Sun ground is also darker overall: flat ground "
        "catches little of a low Sun's light."
    ),
)

# %%
# Why slopes matter
# -----------------
# Sunlight that falls on a surface at a slant spreads over a larger area,
# so each square metre gets less of it: the amount is proportional to the
# sine of the angle between the sunbeams and the surface. On a slope tilted
# towards the Sun that angle is the Sun's elevation plus the tilt; on a
# slope tilted away, the elevation minus the tilt. Take two gentle slopes,
# each tilted only 3°:

tilt_deg = 3.0
print("Sun elevation  light on the slope towards / away")
for elevation in sun_elevations_deg:
    towards = np.sin(np.radians(elevation + tilt_deg))
    away = np.sin(np.radians(elevation - tilt_deg))
    print(f"{elevation:12.0f}° {towards / away:14.1f} times")
    record(
        f"light ratio under a Sun {elevation:g}° high",
        towards / away,
        digits=1,
    )

# %%
# Relief needs a low Sun
# ----------------------
# Under a Sun 5° high the slope facing the Sun gets four times as much
# light as the one facing away, so even a gentle bump shows as a bright
# patch next to a dark one. Under a Sun 45° high the difference is about
# ten percent and hard to see. That, and the vanishing shadows, is why the
# ground looks smoother under a high Sun. The next lesson uses a low Sun on
# purpose: in the catalogue picture ``"long-shadows-low-sun"`` rocks cast
# long shadows, and the length of a shadow tells us how tall its rock is.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * the Sun's elevation, the incidence angle and the phase angle describe
#   how light falls on the ground;
# * pictures compare fairly only when they are developed the same way;
# * the share of ground in shadow and the spread of brightness measure how
#   much relief a picture shows;
# * a low Sun shows relief and a high Sun hides it.

# %%
# Your turn
# ---------
# 1. Add ``10.0`` and ``30.0`` to ``sun_elevations_deg`` (keep the list in
#    order) and run the lesson again. Between which two Suns does the
#    spread fall fastest?
# 2. Add ``+ 180.0`` to the ``sun_azimuth_deg`` line, so that the Sun
#    shines from in front of the camera, on the left. (This is a what-if:
#    it puts the Sun in the south-south-west, where it never stands at
#    Chang'e 4.) Which way do the shadows point now, and what happens to
#    the phase angle?
# 3. Develop the catalogue picture with the default stretch,
#    ``le.develop(catalogue)``. Does the ground still look smooth? What
#    does that tell you about comparing pictures?
# 4. You want a picture in which you can count every rock bigger than a
#    fist. Would you ask for it in the morning, at noon or in the evening,
#    and why?
#
# Sources: PCAM on the rover's mast :src:`S23`; the landing site's latitude
# :src:`S3`; the tilt of the Moon's axis :src:`S37`.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: measuring", "skill: shadows and light", "skill: statistics", "topic: light"]
