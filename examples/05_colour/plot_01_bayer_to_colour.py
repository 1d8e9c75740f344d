"""
.. _lesson-bayer-to-colour:

From raw numbers to colour: how does one sensor see colour?
===========================================================

The rover's panoramic camera (PCAM) has colour and black-and-white modes
:src:`S23`. Yet its sensor cannot see colour at all: each pixel only counts
light. In colour mode a checkerboard of tiny red, green and blue
filters, a :term:`Bayer filter`, sits over the pixels, so the camera
stores one number per pixel and software has to work out the colours
afterwards. In this lesson you turn those raw numbers into a colour picture
yourself, one step at a time, and compare it with the picture lunar_edu
makes.

**Level:** advanced · **Time:** about 30 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-three-suns` (developing pictures the same
way); numpy slicing.

**Keywords:** Bayer filter, debayering, white balance, contrast stretch.

**Learning goals.** After this lesson you can:

* explain how a Bayer filter lets one sensor record colour, and find its
  pattern in the stored numbers;
* develop a raw frame step by step: fill in the missing colours
  (debayer), balance them (white balance) and stretch the contrast.

.. note::

   The pictures in this lesson are **simulated**: lunar ground rendered by
   lunar_edu through a model of the PCAM camera, stored like the mission's
   PCAM colour products as community software reads them: one 10-bit
   number per pixel under an RGGB filter pattern. The camera's colour
   sensitivities are the model's values. Real PCAM frames are Chang'e 4
   data products of China's Lunar Exploration Program (CNSA/CLEP).
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
from lunar_edu.annotate import grid, magnifier
from lunar_edu.answers import record
from lunar_edu.bayer import bayer_masks, debayer
from lunar_edu.contrast import apply_stretch, stretch_limits, to_uint8
from lunar_edu.develop import gray_world_gains, levels_of
from lunar_edu.provenance import attach_source
from PIL import Image

sun_elevation_deg = 35.0
seed = 0
stretch_percent = (0.5, 99.5)  # darkest and brightest 0.5 % clip
pattern = "RGGB"  # the colours of the top-left 2 x 2 filter cell

frame = le.load(
    "gray-moon", size="quarter", sun_elevation=sun_elevation_deg, seed=seed
)
le.show(le.develop(frame))  # alt text and caption from the catalogue
served_by = frame.meta.get("lunar_edu.served_by")
print(f"Served by: {served_by} ({frame.source.kind})")
if frame.layout != "bayer_rggb":
    # A plain image file is a finished picture, with no raw numbers left
    # in it: the raw steps need a mosaic, so they use the simulated frame.
    print("Already developed: the raw steps use the simulated frame.")
    frame = le.with_answer_key(frame)

mosaic = frame.pixels
rows, columns = mosaic.shape
print(f"Stored: {columns} x {rows} numbers, {mosaic.dtype}")
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

# Even numbers: the box starts on a red pixel, like the frame.
left, top = 2 * (columns // 3), 2 * (rows // 3)
right, bottom = left + 20, top + 14
print("The filters over these numbers:")
print(" ".join(pattern[:2] * 2))
print(" ".join(pattern[2:] * 2))
print(mosaic[top : top + 4, left : left + 4])

raw_8bit = to_uint8(mosaic, frame.bit_depth)
# Shown at twice the stored size (each number as a 2 x 2 block), so that
# the enlargements have room.
gray_view = np.dstack([raw_8bit] * 3).repeat(2, axis=0).repeat(2, axis=1)
box_2x = (2 * left, 2 * top, 2 * right, 2 * bottom)
zoomed = magnifier(
    Image.fromarray(gray_view),
    box_2x,
    zoom=11,
    corner="upper left",
    label="× 22: the stored numbers",
)
# For the second enlargement, colour each pixel of the box by its filter
# (``bayer_masks``), brightened so that dark red and blue squares show up.
brighter = np.uint8(np.clip(1.6 * raw_8bit[top:bottom, left:right], 0, 255))
filter_view = brighter[..., None] * bayer_masks(brighter.shape, pattern)
coloured = np.asarray(zoomed).copy()
filter_2x = filter_view.repeat(2, axis=0).repeat(2, axis=1)
coloured[2 * top : 2 * bottom, 2 * left : 2 * right] = filter_2x
zoomed = magnifier(
    Image.fromarray(coloured),
    box_2x,
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
# Fill in the missing colours, then balance them
# ----------------------------------------------
# Every pixel knows one colour; a colour picture needs all three.
# *Debayering* (also called demosaicing) borrows the missing two from the
# neighbours: a red pixel takes the mean of its four green neighbours for
# green and of its four diagonal blue neighbours for blue.
# ``debayer`` (in ``lunar_edu.bayer``) does this for all pixels at once.
# Then we subtract the black level and divide by the range, so that 0
# means no light and 1 a full pixel. Raw colour pictures usually look
# green: like most colour cameras, the virtual PCAM is most sensitive to
# green light. The *white balance* multiplies red and blue by *gains* that
# make the ground gray on average; :ref:`lesson-is-the-moon-gray` looks at
# them closely.

rgb = debayer(mosaic, pattern)
black, white = levels_of(frame)
linear = np.clip((rgb - black) / (white - black), 0.0, None)
print(f"Red pixel at row {top}, column {left}:")
print(f"  stored number {mosaic[top, left]}")
print(f"  after debayer R, G, B = {np.round(rgb[top, left]).tolist()}")
gains = gray_world_gains(linear)

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
reference = np.asarray(le.develop(frame), dtype=np.float32)
for name, values in (("my picture", mine), ("le.develop", reference)):
    print(f"Mean R, G, B of {name}:  {values.mean(axis=(0, 1)).round(1)}")
difference = np.abs(mine - reference).mean()
print(f"The two differ by {difference:.1f} levels of 255 on average.")
record("difference from develop", difference, "levels", digits=1)

# Each step as a picture from 0 to 255 that says where it came from, as
# lunar_edu.develop does for its pictures.
stages = (linear, balanced, stretched, reference / 255)
levels = [np.uint8(np.rint(255 * np.clip(v, 0, 1))) for v in stages]
names = ["1 debayered", "2 white-balanced", "3 stretched"]
steps = grid(
    [attach_source(Image.fromarray(v), frame.source) for v in levels],
    columns=2,
    labels=[*names, "lunar_edu.develop"],
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
# What you learned
# ----------------
# In this lesson you saw that
#
# * a Bayer filter lets one sensor record colour, one colour per pixel;
# * debayering fills in the two missing colours from the neighbours;
# * white balance and a stretch finish the picture: by hand you get what
#   :func:`lunar_edu.develop` gives.

# %%
# Your turn
# ---------
# 1. Change ``sun_elevation_deg`` to ``10.0`` and run the lesson again. How
#    do the stretch limits change, and why?
# 2. Change ``pattern`` to ``"BGGR"``, the wrong way round. Look at the
#    four pictures of the last step: what went wrong, and why does the
#    white balance hide the mistake so well?
#
# Sources: PCAM's colour and black-and-white modes :src:`S23`. The Bayer
# filter is in the glossary.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: advanced", "instrument: PCAM", "skill: image processing", "topic: colour"]
