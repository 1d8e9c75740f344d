"""
.. _lesson-is-the-moon-gray:

Is the Moon really gray?
========================

The rover's panoramic camera (PCAM) has a colour mode :src:`S23`. Yet
the developed colour pictures of the virtual Chang'e 4 show gray ground,
gray rocks and gray dust, and a developed picture is gray partly on
purpose: its white balance multiplies red and blue until the ground comes
out gray on average. In this lesson you read red, green and blue
histograms to see what the white balance does, find out why it cannot
prove that the Moon is gray, and measure the faint tint of the virtual
soil the way a camera team would: with a calibrated camera.

**Level:** intermediate · **Time:** about 25 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-bayer-to-colour` (debayering and white
balance); histograms.

**Keywords:** white balance, gray-world rule, histogram, colour cast,
calibration, regolith.

**Learning goals.** After this lesson you can:

* read red, green and blue histograms to spot a colour cast;
* explain why white balance alone cannot prove that the Moon is gray, and
  how a calibrated camera measures its faint tint.

.. note::

   The pictures in this lesson are **simulated**: lunar ground rendered by
   lunar_edu through a model of the PCAM camera, stored like the mission's
   PCAM colour products as community software reads them: one 10-bit
   number per pixel under an RGGB filter pattern. The camera's colour
   sensitivities and the soil's colour are the model's values. Real PCAM
   frames are Chang'e 4 data products of China's Lunar Exploration Program
   (CNSA/CLEP).
"""

# %%
# The gray picture again
# ----------------------
# The same catalogue picture as in :ref:`lesson-bayer-to-colour`,
# ``"gray-moon"``, developed by :func:`lunar_edu.develop`: a real PCAM
# frame when your data folder holds one, otherwise the simulated scene.
# It looks gray. Then we debayer the stored numbers and scale them from 0
# (no light) to 1 (a full pixel), as that lesson explains step by step.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import OKABE_ITO, grid
from lunar_edu.answers import check, record
from lunar_edu.bayer import debayer
from lunar_edu.charts import Series, line_chart
from lunar_edu.develop import gray_world_gains, levels_of
from lunar_edu.synth.exposure import SENSORS
from lunar_edu.synth.render import Scene

sun_elevation_deg = 35.0
seed = 0
pattern = "RGGB"  # the colours of the top-left 2 x 2 filter cell

# A quarter-size frame (588 x 432 pixels) holds plenty of pixels for
# measuring colours, and it renders three times quicker than a half one.
frame = le.load(
    "gray-moon", size="quarter", sun_elevation=sun_elevation_deg, seed=seed
)
le.show(le.develop(frame))  # alt text and caption from the catalogue
# A frame from a file has no answer key, and the flight camera's
# sensitivities are not public in our sources: measure on the simulated
# frame.
frame = le.with_answer_key(frame)
rgb = debayer(frame.pixels, pattern)
black, white = levels_of(frame)
linear = np.clip((rgb - black) / (white - black), 0.0, None)

# %%
# White balance: why green needs the least help
# ---------------------------------------------
# Raw colour pictures usually look green: like most colour cameras, the
# virtual PCAM is most sensitive to green light. To balance the colours
# we multiply red and blue by *gains*, chosen so that the ground comes out
# gray on average: the *gray-world* rule. Green is the reference, so its
# gain is 1; the weaker a channel, the larger its gain. The histograms
# show how many pixels have each value, before and after the gains.

gains = gray_world_gains(linear)
print("White balance gains (red, green, blue):")
print(f"  {gains[0]:.2f}, {gains[1]:.2f}, {gains[2]:.2f}")
record("gains", gains, digits=2)

edges = np.linspace(0, 2**frame.bit_depth, 65)  # 64 bins
sample = linear.reshape(-1, 3) * (white - black)
colours = [OKABE_ITO[n] for n in ("vermillion", "bluish_green", "blue")]


def histogram_series(multipliers):
    """Return the R, G and B histograms of the values times the gains."""
    series = []
    for channel, name in enumerate(("red", "green", "blue")):
        values = sample[:, channel] * multipliers[channel]
        counts, _ = np.histogram(values, edges)
        percent = 100 * counts / len(values)
        colour = colours[channel]
        series.append(
            Series(name, edges, percent, colour=colour, style="steps")
        )
    return series


before, after = histogram_series((1, 1, 1)), histogram_series(gains)
# Where each hump peaks before the gains, for the description below.
bin_width = edges[1] - edges[0]
peaks = sorted(
    (one.x[int(np.argmax(one.y))] + bin_width / 2, one.label)
    for one in before
)
humps = ", ".join(
    f"{name} near {round(value, -1):.0f}" for value, name in peaks
)
# The same scales for both charts, so that they compare fairly.
highest = max(max(one.y) for one in before + after)
charts = grid(
    [
        line_chart(
            series,
            title=title,
            x_label="value above black (0 to 1023)",
            y_label="pixels (% per bin)",
            x_range=(0, 2**frame.bit_depth),
            y_range=(0, 1.1 * highest),
            size_px=(1200, 560),
        )
        for series, title in (
            (before, "Before white balance: debayered"),
            (after, "After white balance: red and blue times their gains"),
        )
    ],
    columns=1,
)
le.show(
    charts,
    alt=(
        "Two histograms, one above the other, each with a red, a green and "
        "a blue stepped curve over values from 0 to 1023, on the same "
        "scales. In the upper one, before white balance, the three humps "
        f"stand apart; from left to right they peak at: {humps}. In the "
        "lower one, after white balance, the three humps lie almost on "
        "top of each other."
    ),
    caption=(
        "Before white balance (top) the blue pixels are the darkest and "
        "the green ones the brightest, so the raw picture is green. The "
        f"gains ({gains[0]:.2f} for red, {gains[2]:.2f} for blue) slide "
        "the red and blue humps onto the green one (bottom): the ground "
        "is now gray."
    ),
)

# %%
# Is the Moon really gray?
# ------------------------
# Careful: the gray-world rule *assumes* that the ground is gray on average,
# and then makes it so. It would turn a red desert gray too. So the second
# histogram cannot prove that the Moon is gray! To measure real colours,
# a camera team *calibrates* the camera before launch: they photograph
# known targets and measure how sensitive each colour channel is. Divide
# the raw values by those sensitivities, and what is left is the colour of
# the ground itself. For the virtual camera we know its sensitivities
# exactly (``SENSORS["PCAM"].response_rgb``, the model's values).

response_rgb = np.array(SENSORS["PCAM"].response_rgb)
mean_rgb = linear.reshape(-1, 3).mean(axis=0)
raw_ratio = mean_rgb / mean_rgb[1]
print(
    f"Raw ground colour: red {100 * raw_ratio[0]:.0f} % of green, "
    f"blue {100 * raw_ratio[2]:.0f} %"
)
record("raw red/green", 100 * raw_ratio[0], "%", digits=0)
record("raw blue/green", 100 * raw_ratio[2], "%", digits=0)
calibrated = mean_rgb / response_rgb
ratio = calibrated / calibrated[1]
true_tint = np.array(Scene.soil_tint_rgb)  # the virtual soil's colour
check("soil red/green", 100 * ratio[0], 100 * true_tint[0], "%", digits=0)
check("soil blue/green", 100 * ratio[2], 100 * true_tint[2], "%", digits=0)

# %%
# Why the Moon is gray
# --------------------
# With the camera's own colour taken out, the virtual soil sends back a
# few per cent more red light than green and about a tenth less blue: a
# very faint brown, so close to gray that our eyes see gray. The crater
# floor is old lava (:term:`mare basalt <Mare basalt>`) mixed with rock
# thrown out by the nearby Finsen crater :src:`S8`; right under the
# rover the lava lies buried under tens of metres of that thrown-out
# rock :src:`S15`. At the surface it is all ground down by impacts into
# dust and broken rock, the
# :term:`regolith <Regolith>`. Without air, water or plants there is
# nothing to add blue skies, green leaves or red rust.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * histograms of red, green and blue reveal a colour cast: the raw
#   picture is green because the camera sees green best;
# * white balance alone cannot prove the Moon is gray: the gray-world
#   rule makes the ground gray by assumption;
# * a calibrated camera can measure the colour: the virtual soil is a
#   very faint brown, almost gray.

# %%
# Your turn
# ---------
# 1. Change ``sun_elevation_deg`` to ``10.0`` and run the lesson again. Do
#    the white balance gains change? Why, or why not?
# 2. Change ``pattern`` to ``"BGGR"``, the wrong way round. Look at the
#    gains: what went wrong? Do the calibrated soil colours give the
#    mistake away?
# 3. Make a red Moon: add the line ``linear[..., 0] *= 1.5`` right after
#    ``linear`` is computed. Which numbers does the gray-world rule change,
#    and do the humps of the lower histogram still lie on top of each
#    other? What do the calibrated soil colours say?
# 4. Show ``le.develop(frame, white_balance=False)`` with
#    :func:`lunar_edu.show` (give it a short ``alt`` text). What colour is
#    the Moon now, and which histogram explains it?
#
# Sources: PCAM's colour and black-and-white modes :src:`S23`; the ground
# at the landing site :src:`S8`; the buried lava :src:`S15`. The camera's
# sensitivities and the soil colour are the model's values.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: image processing", "skill: statistics", "topic: colour"]
