"""
.. _lesson-bayer-to-colour:

From raw numbers to colour: why is the Moon gray?
=================================================

The rover's panoramic camera (PCAM) has colour and black-and-white modes
:src:`S23`. Yet its sensor cannot see colour at all: each pixel only counts
light. In colour mode a checkerboard of tiny red, green and blue
filters, a :term:`Bayer filter`, sits over the pixels, so the camera
stores one number per pixel and software has to work out the colours
afterwards. In this lesson
you turn those raw numbers into a colour picture yourself, one step at a
time, and find out whether the Moon really is as gray as it looks.

**Level:** advanced · **Time:** about 50 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-three-suns` (developing pictures the same
way); numpy slicing.

**Keywords:** Bayer filter, debayering, white balance, histogram, contrast
stretch, colour.

**Learning goals.** After this lesson you can:

* explain how a Bayer filter lets one sensor record colour, and find its
  pattern in the stored numbers;
* develop a raw frame step by step: fill in the missing colours
  (debayer), balance them (white balance) and stretch the contrast;
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
# Load a colour frame
# -------------------
# :func:`lunar_edu.load` serves the catalogue picture ``"gray-moon"``: a
# real PCAM frame when your data folder holds one, otherwise the simulated
# scene: plain regolith with a few rocks and craters. The camera looks
# north-east and a little down; the Sun stands 35° high in the north-west,
# off to the left of the picture. :func:`lunar_edu.develop` turns the
# stored numbers into the finished picture below. The rest of the lesson
# does the same work by hand.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import OKABE_ITO, grid, magnifier
from lunar_edu.answers import check, record
from lunar_edu.bayer import debayer
from lunar_edu.charts import Series, line_chart
from lunar_edu.contrast import apply_stretch, stretch_limits, to_uint8
from lunar_edu.develop import gray_world_gains, levels_of
from lunar_edu.provenance import attach_source
from lunar_edu.synth.exposure import SENSORS
from lunar_edu.synth.render import Scene
from PIL import Image

sun_elevation_deg = 35.0
seed = 0
stretch_percent = (0.5, 99.5)  # darkest and brightest 0.5 % clip
pattern = "RGGB"  # the colours of the top-left 2 x 2 filter cell

# A quarter-size frame (588 x 432 pixels) holds plenty of pixels for
# measuring colours, and it renders three times quicker than a half one.
frame = le.load(
    "gray-moon", size="quarter", sun_elevation=sun_elevation_deg, seed=seed
)
picture = le.develop(frame)
le.show(picture)  # alt text and caption from the catalogue
served_by = frame.meta.get("lunar_edu.served_by")
print(f"Served by: {served_by} ({frame.source.kind})")
if frame.layout != "bayer_rggb":
    # A plain image file is a finished picture, with no raw numbers left
    # in it: the raw steps need a mosaic, so they use the simulated frame.
    print("This picture is already developed; the raw steps use the")
    print("simulated frame instead.")
    frame = le.with_answer_key(frame)
    picture = le.develop(frame)

mosaic = frame.pixels
print(
    f"Stored: {mosaic.shape[1]} x {mosaic.shape[0]} numbers, {mosaic.dtype}"
)
print(f"{frame.bit_depth}-bit values: 0 to {2**frame.bit_depth - 1};")
print(f"this frame's values run from {mosaic.min()} to {mosaic.max()}")

# %%
# One number per pixel
# --------------------
# The frame holds a single number for every pixel, not three. Shown as gray
# values, the numbers already look like a picture. In every 2 × 2 cell of
# the filter there is one red, two green and one blue square (the pattern
# "RGGB", read row by row), so half of all pixels see green light. Print a
# few numbers from a small box on the ground: the green ones are larger,
# because behind its filter the sensor catches more green light than red or
# blue.

rows, columns = mosaic.shape
# Even numbers: the box starts on a red pixel, like the frame.
left, top = 2 * (columns // 3), 2 * (rows // 3)
right, bottom = left + 20, top + 14
box_px = (left, top, right, bottom)
print("The filters over these numbers:")
print(" ".join(pattern[:2] * 2))
print(" ".join(pattern[2:] * 2))
print(mosaic[top : top + 4, left : left + 4])

raw_8bit = to_uint8(mosaic, frame.bit_depth)


def doubled(values):
    """Return values at twice the size, each as a 2 x 2 block."""
    return values.repeat(2, axis=0).repeat(2, axis=1)


# Shown at twice the stored size, so that the enlargements have room.
gray_view = np.repeat(raw_8bit[..., None], 3, axis=2)
zoomed = magnifier(
    Image.fromarray(doubled(gray_view)),
    tuple(2 * edge for edge in box_px),
    zoom=11,
    corner="upper left",
    label="× 22: the stored numbers",
)
# For the second enlargement, colour each pixel of the box by its own
# filter first, brightened so that the dark red and blue squares show up.
box_8bit = raw_8bit[top:bottom, left:right]
filter_view = np.zeros((*box_8bit.shape, 3), np.uint8)
brighter = np.clip(1.6 * box_8bit, 0, 255).astype(np.uint8)
for cell, colour in enumerate(pattern):
    dy, dx = divmod(cell, 2)
    channel = "RGB".index(colour)
    filter_view[dy::2, dx::2, channel] = brighter[dy::2, dx::2]
coloured = np.asarray(zoomed).copy()
coloured[2 * top : 2 * bottom, 2 * left : 2 * right] = doubled(filter_view)
zoomed = magnifier(
    Image.fromarray(coloured),
    tuple(2 * edge for edge in box_px),
    zoom=11,
    corner="upper right",
    label="× 22: each in its filter's colour",
)
le.show(
    zoomed,
    alt=(
        "The raw frame shown as gray values, twice its stored size: gray "
        "lunar ground covered in a fine texture. A small yellow box on "
        "plain ground, two thirds of the way across and down, is enlarged "
        "twice at the top. The left enlargement shows a gray checkerboard "
        "of lighter and darker squares. The right one shows the same "
        "squares coloured red, green and blue in a repeating pattern, "
        "half of them green."
    ),
    caption=(
        "The raw frame as stored: one number per pixel, shown as gray "
        "(each number as a 2 × 2 block of screen pixels). "
        "Left inset: the numbers of the small yellow box form a "
        "checkerboard, because the pixels under green filters (the lighter "
        "squares) catch more light. Right inset: the same pixels coloured "
        "by the filter they sit under, red, green and blue (brightened)."
    ),
    source=frame.source,
)

# %%
# Fill in the missing colours
# ---------------------------
# Every pixel knows one colour; a colour picture needs all three.
# *Debayering* (also called demosaicing) borrows the missing two from the
# neighbours: a red pixel takes the mean of its four green neighbours for
# green and of its four diagonal blue neighbours for blue.
# ``debayer`` (in ``lunar_edu.bayer``) does this for all pixels at once.
# Then we subtract the black level and divide by the range, so that 0
# means no light and 1 a full pixel.

rgb = debayer(mosaic, pattern)
black, white = levels_of(frame)
linear = np.clip((rgb - black) / (white - black), 0.0, None)
print(f"Red pixel at row {top}, column {left}:")
print(f"  stored number {mosaic[top, left]}")
print(f"  after debayer R, G, B = {np.round(rgb[top, left]).tolist()}")

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
series_colours = (
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["blue"],
)


def histogram_series(multipliers):
    """Return the R, G and B histograms of the values times the gains."""
    series = []
    for channel, name in enumerate(("red", "green", "blue")):
        values = sample[:, channel] * multipliers[channel]
        counts, _ = np.histogram(values, edges)
        percent = 100 * counts / len(values)
        series.append(
            Series(
                name,
                edges,
                percent,
                colour=series_colours[channel],
                style="steps",
            )
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
if frame.truth is not None:
    calibrated = mean_rgb / response_rgb
    ratio = calibrated / calibrated[1]
    true_tint = np.array(Scene.soil_tint_rgb)  # the virtual soil's colour
    check(
        "soil red/green", 100 * ratio[0], 100 * true_tint[0], "%", digits=0
    )
    check(
        "soil blue/green", 100 * ratio[2], 100 * true_tint[2], "%", digits=0
    )
else:
    # A frame from a file has no answer key, and the flight camera's
    # sensitivities are not public in our sources.
    print("This frame comes without its camera's sensitivities, so its")
    print("ground colour cannot be measured here.")

# %%
# Stretch, and compare with develop
# ---------------------------------
# The balanced picture is still dim and flat: nearly all of its values lie
# in a narrow band in the middle of the range. A *stretch* maps the
# darkest 0.5 % of the values to black, the brightest 0.5 % to white, and
# everything between along a straight line. Put the steps side by side,
# with :func:`lunar_edu.develop` for comparison.

balanced = linear * gains
limits = stretch_limits(balanced, stretch_percent)
stretched = apply_stretch(balanced, limits)
print(f"Stretch: values {limits[0]:.3f} to {limits[1]:.3f} fill 0 to 255")
record("stretch limits", limits, digits=3)
mine = np.rint(255 * stretched)
reference = np.asarray(picture, dtype=np.float32)
print(f"Mean R, G, B of my picture:  {mine.mean(axis=(0, 1)).round(1)}")
print(
    f"Mean R, G, B of le.develop:  {reference.mean(axis=(0, 1)).round(1)}"
)
difference = np.abs(mine - reference).mean()
print(f"The two differ by {difference:.1f} levels of 255 on average.")
record("difference from develop", difference, "levels", digits=1)


def as_picture(values):
    """Return a picture of values from 0 to 1."""
    levels = np.rint(255 * np.clip(values, 0, 1)).astype(np.uint8)
    # Say where it came from, as lunar_edu.develop does for its pictures.
    return attach_source(Image.fromarray(levels), frame.source)


steps = grid(
    [as_picture(v) for v in (linear, balanced, stretched, reference / 255)],
    columns=2,
    labels=[
        "1 debayered",
        "2 white-balanced",
        "3 stretched",
        "lunar_edu.develop",
    ],
)
le.show(
    steps,
    alt=(
        "Four versions of the same lunar ground in a 2 by 2 grid. Top "
        "left, labelled 1 debayered: dim and tinted green. Top right, 2 "
        "white-balanced: dim and neutral gray. Bottom left, 3 stretched: "
        "bright, contrasty and gray. Bottom right, lunar_edu.develop: "
        "looks the same as the stretched one."
    ),
    caption=(
        "The development, step by step. Debayering gives a dim, green "
        "picture (1); the gains make it gray (2); the stretch uses the "
        "whole range from black to white (3), and the result matches "
        "lunar_edu.develop."
    ),
    source=frame.source,
)

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
# * a Bayer filter lets one sensor record colour, one colour per pixel;
# * developing a raw frame means filling in the missing colours, balancing
#   them and stretching the contrast;
# * histograms of red, green and blue reveal a colour cast;
# * white balance alone cannot prove the Moon is gray: that takes a
#   calibrated camera.

# %%
# Your turn
# ---------
# 1. Change ``sun_elevation_deg`` to ``10.0`` and run the lesson again. Do
#    the white balance gains change? Why, or why not?
# 2. Change ``pattern`` to ``"BGGR"``, the wrong way round. Look at the
#    gains and the pictures: what went wrong, and why does the white
#    balance hide the mistake so well?
# 3. Make a red Moon: add the line ``linear[..., 0] *= 1.5`` right after
#    ``linear`` is computed. Which numbers does the gray-world rule change,
#    and does the white-balanced picture still look gray? What do the
#    calibrated soil colours say?
# 4. Show ``le.develop(frame, white_balance=False)`` with
#    :func:`lunar_edu.show` (give it a short ``alt`` text). What colour is
#    the Moon now, and which histogram explains it?
#
# Sources: PCAM's colour and black-and-white modes :src:`S23`; the ground
# at the landing site :src:`S8`; the buried lava :src:`S15`. The Bayer filter is in the glossary. The
# camera's sensitivities and the soil colour are the model's values.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: image processing", "skill: statistics", "topic: colour"]
