"""
.. _lesson-why-the-site-is-dry:

Why is the Chang'e 4 site dry? No ground stays in the dark
==========================================================

Water ice can last on the Moon only in cold traps: ground that the Sun
never reaches, such as the floors of some craters near the poles
:src:`S37`. Chang'e 4 landed at about 45.4° S, far from the poles
:src:`S3`, so no ice is expected there. In this lesson you check that
claim with the same experiment as in the polar crater: follow the Sun
through a whole lunar day at the landing site, photograph the ground in
front of the rover under each Sun, and look for pixels that are never lit.
Then you compare what you find with the little water that was found on the
sunlit Moon, and see why China's next water hunter goes to the south pole.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-permanent-shadow` (never-lit ground from a
series of pictures).

**Keywords:** cold trap, lunar day, shadow, landing site, ice, poles.

**Learning goals.** After this lesson you can:

* follow the Sun through a lunar day at the landing site;
* find the ground that is never lit in a series of pictures, and measure
  its share;
* explain why the Chang'e 4 site has no cold traps;
* say why missions that look for ice go to the poles.

.. note::

   The pictures of the ground are **simulated**: the "dry-ground" scene of
   the virtual Chang'e 4, seen through a model of the rover's panoramic
   camera (PCAM). Real PCAM frames are Chang'e 4 data products of China's
   Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# Follow the Sun through the site's day
# -------------------------------------
# :func:`lunar_edu.sunlight.sun_path` gives the Sun's position at even
# steps through one lunar day of 29.5 Earth days :src:`S19`, keeping only
# the moments when it is above the horizon. With 8 steps in southern
# summer the first and the last moments fall just after sunrise and just
# before sunset, when the Sun is only about 1° high and the shadows are
# at their longest: the best chance for a shadow to last. The numbers at
# the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import OKABE_ITO, highlight, side_by_side, tag
from lunar_edu.answers import check, record
from lunar_edu.measure import shadow_mask
from lunar_edu.sunlight import (
    CHANGE4_LATITUDE_DEG,
    LUNAR_DAY_EARTH_DAYS,
    sun_path,
)
from lunar_edu.synth import render_series

latitude_deg = CHANGE4_LATITUDE_DEG  # about 45.4° S
declination_deg = -1.5  # southern summer: the longest day of the year
sun_steps = 8  # moments through one lunar day; only daytime ones count
seed = 0

suns = sun_path(
    latitude_deg, declination_deg=declination_deg, steps=sun_steps
)
if not suns:
    message = (
        "The Sun never rises here on this day. Move latitude_deg towards "
        "the equator, or declination_deg towards -1.5."
    )
    raise SystemExit(message)
day_step = LUNAR_DAY_EARTH_DAYS / sun_steps
print(f"{len(suns)} daytime Suns, {day_step:.1f} Earth days apart:")
for sun in suns:
    print(
        f"  {sun.elevation_deg:4.1f}° high, azimuth {sun.azimuth_deg:3.0f}°"
    )
record("daytime Suns", len(suns))
record("days between Suns", day_step, "Earth days", digits=1)
record("Sun heights", [sun.elevation_deg for sun in suns], "°", digits=1)
record("Sun directions", [sun.azimuth_deg for sun in suns], "°", digits=0)

# %%
# The ground in front of the rover
# --------------------------------
# :func:`lunar_edu.synth.render_series` lights the simulated ground in
# front of the rover (the scene of the catalogue picture ``"dry-ground"``)
# with each of these Suns. The camera looks south, so the rising Sun in
# the east is on its left and the setting Sun in the west on its right;
# at midday the Sun stands in the north, behind the camera.
# :func:`lunar_edu.load` with ``source="real"`` looks for a real PCAM
# picture of that catalogue entry: if your teacher has one, you see it
# first; otherwise you see the first simulated picture, at sunrise.

entry = le.entry("dry-ground")
frames = render_series(entry.scene, suns, seed=seed, size="quarter")
real = le.load(entry.id, source="real", missing=None)
if real is None:  # no real picture here: the simulated one will do
    print("No real picture found, so we show the simulated ground.")
    sunrise = frames[0]
    le.show(
        le.develop(sunrise),
        alt=(
            "Gray ground in front of the rover, almost all in black "
            "shadow. Only a few patches on the right catch the light: "
            "the tops of low bumps, and thin bright strips along the "
            "edges of two wheel marks that run from the lower middle "
            "towards the upper right."
        ),
        caption=(
            "The ground in front of the rover at sunrise, with the Sun "
            f"{sunrise.sun.elevation_deg:.1f}° above the eastern horizon, "
            "to the left of the camera. Even low bumps cast long shadows, "
            "and most of the ground is dark. Will any of it stay dark all "
            "day?"
        ),
    )
else:
    le.show(le.develop(real))  # alt text and caption from the catalogue

# %%
# Find the shadows under each Sun
# -------------------------------
# As in :ref:`the lesson on a day near the pole
# <lesson-sun-near-the-pole>`, a pixel is in shadow when it is darker
# than one fifth of the bright sunlit ground (the value that 98 % of the
# pixels stay below). The simulated scene also knows which pixels get
# direct sunlight (``frame.truth.sunlit``): that answer key tells us how
# well our rule works. We measure the shadows in every picture, and show
# three of them: sunrise, noon and sunset.

shadow_fraction = 0.2
shadows = [shadow_mask(f, shadow_fraction) for f in frames]
true_shadows = [~f.truth.sunlit for f in frames]
print("Sun's height   in shadow   answer key")
for f, shadow, key in zip(frames, shadows, true_shadows, strict=True):
    print(
        f"{f.sun.elevation_deg:10.1f}° {shadow.mean():12.1%} {key.mean():11.1%}"
    )
lowest = min(range(len(frames)), key=lambda i: frames[i].sun.elevation_deg)
record("in shadow at sunrise", 100 * shadows[0].mean(), "%", digits=1)
key_sunrise_pct = 100 * true_shadows[0].mean()
record("in shadow at sunrise (answer key)", key_sunrise_pct, "%", digits=1)
record("in shadow at sunset", 100 * shadows[-1].mean(), "%", digits=1)
key_sunset_pct = 100 * true_shadows[-1].mean()
record("in shadow at sunset (answer key)", key_sunset_pct, "%", digits=1)
check(
    "shadow under the lowest Sun",
    100 * shadows[lowest].mean(),
    100 * true_shadows[lowest].mean(),
    "%",
    digits=1,
)

first, middle, last = 0, len(frames) // 2, len(frames) - 1
le.show(
    side_by_side(
        [
            highlight(le.develop(frames[i]), shadows[i])
            for i in (first, middle, last)
        ],
        labels=[
            f"Sun {frames[i].sun.elevation_deg:.1f}°: "
            f"{shadows[i].mean():.0%} shadow"
            for i in (first, middle, last)
        ],
    ),
    alt=(
        "Three views of the same ground with two wheel marks, side by "
        "side, with the shadowed pixels painted blue. Left, at sunrise, "
        "almost everything is blue except a few lit bumps and strips "
        "on the right. Middle, under the noon Sun, there is no blue at "
        "all. Right, at sunset, blue covers a large patch in the middle "
        "and wide bands beside the wheel marks, while the raised edges "
        "of the marks and some patches at the top and bottom are lit."
    ),
    caption=(
        "Sunrise, noon and sunset at the landing site. When the Sun is "
        "low, shadows cover most of the ground; at noon there are none. "
        "At sunrise the light comes from the left, at sunset from the "
        "right, so different ground is dark: the shadows move with the "
        "Sun, and no pixel stays in shadow for long."
    ),
)

# %%
# Look for ground that is never lit
# ---------------------------------
# A pixel that is in shadow under every Sun of the day never sees the
# Sun: it would be a cold trap. (We can only test the ground that the
# camera sees: the hidden back of a bump is not in any picture.) On the
# noon picture we paint orange the pixels that were in shadow at least
# once, and blue those that were never lit, as we did for :ref:`the
# polar crater <lesson-permanent-shadow>`.

sometimes = np.logical_or.reduce(shadows)
never_lit = np.logical_and.reduce(shadows)
true_sometimes = np.logical_or.reduce(true_shadows)
true_never = np.logical_and.reduce(true_shadows)
key_sometimes_pct = 100 * true_sometimes.mean()
check(
    "in shadow at least once",
    100 * sometimes.mean(),
    key_sometimes_pct,
    "%",
    digits=1,
)
check(
    "never lit",
    100 * never_lit.mean(),
    100 * true_never.mean(),
    "%",
    digits=1,
)

orange = OKABE_ITO["orange"]
mapped = highlight(le.develop(frames[middle]), sometimes, colour=orange)
mapped = highlight(mapped, never_lit)
le.show(
    tag(mapped, f"never lit: {never_lit.mean():.1%}"),
    alt=(
        "The noon picture of the same ground, tinted orange almost "
        f"everywhere: in {len(frames)} pictures through the day, nearly "
        "all of it was in shadow at least once. The wheel marks show "
        "through the orange as a darker band and a thin light line. On "
        "the right a few thin gray lines are left untinted: ground lit "
        "in every picture, even at sunrise and sunset. There is no blue "
        "anywhere. A tag in the upper left corner reads "
        f"'never lit: {never_lit.mean():.1%}'."
    ),
    caption=(
        "The Chang'e 4 site over a whole lunar day. Orange: in shadow at "
        "some time, which is almost all the ground. Blue: never lit, and "
        "there is none: every pixel sees the Sun for days around noon. No "
        "permanent shadow means no cold trap, and no place for ice to "
        "last. In the polar crater, about four fifths of the crater "
        "stayed blue."
    ),
)

# %%
# Why the site is dry, and where the ice is
# -----------------------------------------
# At noon the Sun stands about 43° to 46° high over the landing site
# :src:`S3`, and it shines for about two weeks of each lunar day
# :src:`S19`: high enough, and long enough, to reach every patch of this
# ground. Only near the poles, where the Sun stays
# within a few degrees of the horizon, can crater floors stay dark and
# below about 110 :term:`K <Kelvin>` for billions of years :src:`S37`.
#
# The sunlit Moon is not completely dry, though. The airborne telescope
# SOFIA found water molecules on the sunlit surface around Clavius
# crater, at about 100–412 parts per million: roughly a 350 ml bottle of
# water spread through a cubic metre of soil :src:`S38`. That is far too
# little to see in any picture; it took a special telescope to find it.
#
# That is why China's Chang'e 7 is designed to survey the south-polar
# region and search for water ice, especially in permanently shadowed
# areas: it targets the sunlit rim of Shackleton crater near the south
# pole, and carries a small hopping probe designed to hop into shadowed
# craters :src:`S33`. Its launch, long planned for 2026, has reportedly
# been delayed :src:`S33`; this is not yet confirmed by an official
# source.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * the Sun at the landing site climbs high enough to light nearly every
#   patch of ground some time in the lunar day;
# * ground never lit can be found in a series of pictures and its share
#   measured;
# * the Chang'e 4 site has no cold traps, so missions that look for ice go
#   to the poles.

# %%
# Your turn
# ---------
# 1. Set ``declination_deg = 1.5`` (southern winter). How high does the
#    noon Sun get now? Do the pictures still catch the Sun just after
#    sunrise, and does the share of never-lit ground change?
# 2. Which Sun of the day leaves the most ground in shadow? Why does that
#    not help ice to survive?
# 3. Change ``latitude_deg`` to ``-80.0`` and then ``-85.0``, as if the
#    rover stood near the pole. When do never-lit pixels start to appear
#    on this same ground?
# 4. SOFIA's water is about one 350 ml bottle in a cubic metre of soil.
#    Would soil like that feel wet in your hand? Could a camera see it?
#
# Sources: the landing site's latitude :src:`S3`; the lunar day
# :src:`S19`; cold traps at the poles :src:`S37`; SOFIA :src:`S38`;
# Chang'e 7 :src:`S33`.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: shadows and light", "skill: measuring", "skill: statistics", "topic: water", "topic: light"]
