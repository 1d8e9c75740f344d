"""
.. _lesson-farewell-rover:

How sure can we be? A last look at Yutu-2, far from the lander
==============================================================

Yutu-2 was built to work for three months :src:`S1, S19` and kept going for
years. In this last look from the lander it has become small: about a
hundred pixels across in a wide gray plain. We zoom in until we see the
single pixels, measure its distance as in the previous lesson, and ask the
question every measurement needs: if we misread one pixel, how wrong could
the answer be?

**Level:** intermediate · **Time:** about 20 minutes · **Camera:** TCAM (simulated)

**Prerequisites:** :ref:`lesson-rover-driving-away` (distance from size).

**Keywords:** apparent size, pixel error, uncertainty, magnifier, Yutu-2.

**Learning goals.** After this lesson you can:

* enlarge a picture with square pixels and count a far object's pixels;
* estimate a distance from an apparent size, and how much a one-pixel
  mistake changes it.

.. note::

   The pictures in this lesson are **simulated**: the virtual Chang'e 4
   scene rendered by lunar_edu through a model of the TCAM camera. If your
   teacher has the real TCAM picture, it is shown first and the measurements
   use the simulated scene. Real TCAM frames are Chang'e 4 data products of
   China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# Load the picture
# ----------------
# :func:`lunar_edu.load` serves the catalogue picture ``"farewell-rover"``:
# the real TCAM frame when your computer has it, otherwise the simulated
# scene, at half size (1176 × 864 pixels). The numbers at the top are the
# ones to change: how far a reading may be off, and the two rulers.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import arrow, label, magnifier, polyline
from lunar_edu.answers import check, record
from lunar_edu.camera import focal_length_px
from lunar_edu.synth.tracks import TRACK_WIDTH_M
from PIL import Image

reading_error_px = 1.0  # a careful mouse click, or a blurry edge
mast_height_m = 1.5  # the mast camera (PCAM) above the ground [S23]
# Left to right track centre: the model's 0.85 m, not a published figure.
track_width_m = TRACK_WIDTH_M

frame = le.load("farewell-rover", size="half")
served_by = frame.meta["lunar_edu.served_by"]
print(f"Served by: {served_by} ({frame.source.kind})")
if frame.truth is None:
    le.show(le.develop(frame))  # the real picture, as the catalogue says
frame = le.with_answer_key(frame)  # measure on the simulated scene

# %%
# Find the rover and zoom in
# --------------------------
# The answer key ``frame.truth`` gives the box of pixels the rover fills.
# :func:`lunar_edu.annotate.magnifier` outlines that box and shows it
# enlarged in a corner. It enlarges by repeating each pixel (no smoothing),
# so every pixel of the picture becomes a sharp little square: nothing is
# added that the camera did not see.

rover = frame.truth.of_kind("rover")[0]
left, top, right, bottom = rover.box_px
print(f"{rover.name} fills columns {left}-{right} and rows {top}-{bottom}:")
print(f"only {right - left} px wide and {bottom - top} px tall.")

picture = le.develop(frame)
pad_px = 6  # a little ground around the rover
box_px = (left - pad_px, top - pad_px, right + pad_px, bottom + pad_px)
zoom = 3
inset_text = f"Yutu-2 × {zoom}: each square is one pixel"
le.show(
    magnifier(
        picture, box_px, zoom=zoom, corner="upper right", label=inset_text
    ),
    alt=(
        "A wide, flat gray plain under a black sky, seen from the lander. "
        "Two wheel tracks with chevron tread marks run up from the bottom "
        "of the picture, then bend right and lead faintly to a small "
        "rover in the middle distance, which is outlined by a yellow box. "
        "In the upper right corner, over the sky, an enlarged copy of the "
        "box, three times bigger, shows the rover's mast, solar panels, "
        "gold body and wheels as blocky squares, with the label 'Yutu-2 × "
        "3: each square is one pixel'."
    ),
    caption=(
        "The last look from the lander: Yutu-2, now small and far away, "
        "with its tracks leading back to us. Enlarged without smoothing, "
        "the rover breaks up into square pixels, and its edges are only "
        "sharp to about one pixel."
    ),
)

# %%
# Measure the rover
# -----------------
# We use the same two rulers as in the previous lesson: the 1.5 m from the
# mast camera down to the ground :src:`S23`, and the 0.85 m between the
# virtual rover's left and right wheels. With the focal length in pixels,
# *f* / *p* (about 2,900 at half size), the distance is
#
#     *D* = (*f* / *p*) × *S* / *n*,
#
# where *S* is the ruler's size and *n* the number of pixels it covers.

f_px = focal_length_px(frame.camera)
mast = frame.truth.named("mast camera", kind="rover-part")[0]
wheels = frame.truth.named("wheel bottom", kind="rover-part")
wheels = sorted(wheels, key=lambda part: part.xy_px[0])  # left, then right
wheel_row = np.mean([wheel.xy_px[1] for wheel in wheels])
height_px = wheel_row - mast.xy_px[1]
width_px = float(np.hypot(*np.subtract(wheels[1].xy_px, wheels[0].xy_px)))
from_height_m = f_px * mast_height_m / height_px
from_width_m = f_px * track_width_m / width_px
print(f"Mast camera to wheel bottom: {height_px:.1f} px tall")
print(f"Left to right wheel:         {width_px:.1f} px wide")
record("mast height in pixels", height_px, "px", digits=0)
record("wheel gap in pixels", width_px, "px", digits=0)
key_m = rover.distance_m
check("rover distance from its height", from_height_m, key_m, "m", digits=1)
check("rover distance from its width", from_width_m, key_m, "m", digits=1)

# %%
# A close look at the measurement
# -------------------------------
# Both estimates land within about a metre of the answer key. The height is
# hardly stretched any more: from this far away the camera looks down on
# the rover by only a few degrees, so the foreshortening of the previous
# lesson almost vanishes. Here is the rover five times bigger, again with
# square pixels, and the two rulers drawn on it. Count the squares along
# an arrow: that is the number *n* in the formula. Where exactly does the
# wheel end and the ground begin? A pixel either way is a fair doubt.

scale = 5
# Room on the left for the height ruler and below for the width ruler.
close_box_px = (left - 50, top - 12, right + 12, bottom + 30)
crop = picture.crop(close_box_px)
close_up = crop.resize(
    (crop.width * scale, crop.height * scale), Image.Resampling.NEAREST
)
x0, y0 = close_box_px[:2]


def in_close_up(x, y):
    """Return where a pixel of the picture lands in the close-up."""
    return (x - x0 + 0.5) * scale, (y - y0 + 0.5) * scale


ruler_x = left - 12  # the height ruler stands left of the rover
top_xy = in_close_up(ruler_x, mast.xy_px[1])
bottom_xy = in_close_up(ruler_x, wheel_row)
close_up = polyline(close_up, [in_close_up(*mast.xy_px), top_xy])
foot_xy = in_close_up(wheels[0].xy_px[0], wheel_row)
close_up = polyline(close_up, [foot_xy, bottom_xy])
close_up = arrow(close_up, top_xy, bottom_xy, both_ends=True)
close_up = label(
    close_up,
    f"{height_px:.0f} px\n= {mast_height_m:g} m",
    (top_xy[0], (top_xy[1] + bottom_xy[1]) / 2),
    offset_px=(-0.04 * close_up.width, 0),
    backing="box",
)
width_row = max(wheel.xy_px[1] for wheel in wheels) + 10
start_xy = in_close_up(wheels[0].xy_px[0], width_row)
end_xy = in_close_up(wheels[1].xy_px[0], width_row)
close_up = arrow(close_up, start_xy, end_xy, both_ends=True)
close_up = label(
    close_up,
    f"{width_px:.0f} px = {track_width_m:g} m",
    end_xy,
    offset_px=(0.04 * close_up.width, 0.02 * close_up.height),
    backing="box",
)
le.show(
    close_up,
    alt=(
        "The far-away rover enlarged five times, made of visible square "
        "pixels. Left of the rover a yellow vertical double arrow spans "
        "from the height of the mast camera down to the bottom of the "
        f"wheels and is labelled '{height_px:.0f} px = {mast_height_m:g} m'. "
        "Under the wheels a yellow horizontal double arrow spans from the left to "
        f"the right wheel and is labelled '{width_px:.0f} px = "
        f"{track_width_m:g} m'."
    ),
    caption=(
        f"At {rover.distance_m:.0f} m the {mast_height_m:g} m ruler covers "
        f"only about {height_px:.0f} pixels and the {track_width_m:g} m "
        f"ruler about {width_px:.0f}. Where a part ends is uncertain by about a pixel, "
        "and at this distance a pixel is worth a lot."
    ),
    source=frame.source,
)

# %%
# What is one pixel worth?
# ------------------------
# Suppose we misread the ruler by one pixel (``reading_error_px``), so we
# count *n* + 1 instead of *n*. The distance then comes out as
# (*f* / *p*) × *S* / (*n* + 1), a little too near; one pixel
# fewer puts the rover a little too far.

for name, size_m, pixels in (
    ("mast", mast_height_m, height_px),
    ("track", track_width_m, width_px),
):
    near_m = f_px * size_m / (pixels + reading_error_px)
    far_m = f_px * size_m / np.maximum(pixels - reading_error_px, 0.5)
    print(
        f"{name:5s} ruler: {pixels:.0f} ± {reading_error_px:.0f} px gives "
        f"{near_m:.1f} to {far_m:.1f} m"
    )
    record(f"{name} ruler nearest", near_m, "m", digits=1)
    record(f"{name} ruler farthest", far_m, "m", digits=1)
    record(f"{name} ruler error", (far_m - near_m) / 2, "m", digits=1)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a small, far-away object can be enlarged with square pixels and its
#   pixels counted: the rulers now cover only about a hundred pixels;
# * a one-pixel mistake moves the distance by a fraction of a metre here,
#   and more with the shorter ruler.

# %%
# Your turn
# ---------
# 1. Change ``reading_error_px`` to ``3.0``, as for a blurry picture or a
#    hasty click, and run the lesson again. How far off can the distance
#    be now at 38 m, with each ruler?
# 2. Why does the mast height give a better distance than the track width
#    here, although both are read to one pixel?
#
# Sources: design life :src:`S1, S19`; the mast camera 1.5 m up
# :src:`S23`. TCAM camera numbers from the Chang'e 4 TCAM label (focal
# length 43.472 mm, pixels 7.4 µm).

# sphinx_gallery_thumbnail_number = 1
# sphinx_gallery_tags = ["level: intermediate", "instrument: TCAM", "skill: measuring", "skill: perspective", "topic: rover"]
