"""
.. _lesson-descent-first-look:

How big is one pixel? A first look from the descent camera
==========================================================

A picture of the Moon has no trees, houses or people in it to tell you how big
things are: a crater could be a metre across or a kilometre. On 3 January 2019,
while Chang'e 4 came down onto the far side, the lander's landing camera (LCAM)
took a rapid series of pictures looking straight down; the mission team later
used them to reconstruct the descent path and pinpoint the landing site
(Jia et al. 2018; Liu Jianjun et al. 2019). In this lesson you work out the
scale of such a picture from the camera itself, and make the picture carry its
own scale bar.

**Level:** beginner · **Time:** about 20 minutes · **Camera:** LCAM (simulated)

**Learning goals.** After this lesson you can:

* say what the descent camera is and what its pictures show;
* compute the ground size of one pixel from focal length, pixel size and altitude;
* label a feature and add a scale bar, so that a picture teaches on its own;
* explain why pictures taken from higher up show less detail.

.. note::

   The pictures in this lesson are **simulated**: a lunar scene rendered by
   lunar_edu through a model of the LCAM camera. Real LCAM frames are Chang'e 4
   data products of China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# Render a descent-camera frame
# -----------------------------
# :func:`lunar_edu.render_scene` renders the ``"descent-view"`` scene of
# the virtual Chang'e 4: the ground below a camera that looks straight
# down, lit by a Sun low in the west. The result is a
# :class:`lunar_edu.Frame`: the pixels, plus the camera that took them, the
# Sun's position and where the picture came from.

import lunar_edu as le
from lunar_edu.annotate import label, scale_bar
from lunar_edu.camera import ground_sample_distance

altitude_m = 100.0
sun_elevation_deg = 20.0
frame = le.render_scene(
    "descent-view",
    sun_elevation=sun_elevation_deg,
    sun_azimuth=270.0,
    altitude_m=altitude_m,
    seed=4,
)

camera, sun = frame.camera, frame.sun
print(f"Camera: {camera.name}, focal length {camera.focal_length_mm} mm")
print(f"Pixels: {camera.pixel_size_um} µm, {camera.width_px} across")
print(f"Sun:    {sun.elevation_deg}° high, azimuth {sun.azimuth_deg}°")
print(f"Source: {frame.source.kind} ({frame.source.credit})")

# %%
# Look at it
# ----------
# :func:`lunar_edu.develop` turns the stored pixels into a picture, and
# :func:`lunar_edu.show` shows it with a description for readers who cannot
# see it (``alt``) and a caption.

picture = le.develop(frame)
le.show(
    picture,
    alt=(
        "Gray, gently rolling lunar ground seen from straight above, "
        "dotted with many small round craters. A large crater near the "
        "middle is dark on its left side, where the sunlight comes from, "
        "and bright on its right inner wall."
    ),
    caption=(
        f"The ground {altitude_m:.0f} m below the descent camera, with "
        f"the Sun {sun_elevation_deg:.0f}° above the western horizon. "
        "Each crater's rim blocks the sunlight, so a shadow falls inside "
        "the bowl on the side nearest the Sun."
    ),
)

# %%
# How big is one pixel?
# ---------------------
# A camera maps angles to pixels. One pixel of size *p* behind a lens of
# focal length *f* sees a small angle *p* / *f*; at a distance *R* that
# angle covers *R* × *p* / *f* metres of ground. This is the *ground
# sample distance*.

metres_per_px = ground_sample_distance(camera, altitude_m)
print(f"One pixel covers {100 * metres_per_px:.1f} cm of ground.")
print(f"The picture is {metres_per_px * camera.width_px:.0f} m wide.")

# %%
# Make the picture carry its scale
# --------------------------------
# A scale bar lets anyone measure without redoing the arithmetic, and a
# label points at what matters. The scene knows the true size of every
# crater, so we can say how big the largest one really is.

crater = frame.truth.of_kind("crater")[0]
size_text = f"crater, {crater.size_m:.0f} m across"
annotated = label(picture, size_text, crater.xy_px)
annotated = scale_bar(
    annotated, metres_per_px, note=f"from {altitude_m:.0f} m up"
)
le.show(
    annotated,
    alt=(
        "The same ground with a yellow leader line from the large "
        f"central crater to the label '{size_text}', and a white scale "
        "bar in the lower left corner."
    ),
    caption=(
        "With a scale bar the picture measures itself: compare the "
        "crater with the bar to check the label."
    ),
)

# %%
# Experiment: coming down from orbit
# ----------------------------------
# During the descent the altitude fell from kilometres to metres. The
# table shows the ground size of a pixel, the width of the picture, and
# the smallest crater we could recognise, taking about 5 pixels across as
# the limit.

print("altitude     pixel   picture width   smallest crater")
for height_m in (2000.0, 1000.0, 500.0, 100.0, 20.0):
    gsd = ground_sample_distance(camera, height_m)
    width_m = gsd * camera.width_px
    print(
        f"{height_m:6.0f} m {100 * gsd:6.1f} cm {width_m:11.0f} m"
        f" {5 * gsd:14.2f} m"
    )

# %%
# Your turn
# ---------
# 1. Use the scale bar to estimate the diameter of the large crater in the
#    second picture, then compare your estimate with its label.
# 2. Change ``altitude_m`` to ``300.0`` and run the lesson again. How many
#    centimetres does one pixel cover now? Which craters can you no longer see?
# 3. Change ``sun_elevation_deg`` to ``60.0``. Why does the ground look
#    smoother, although it has not changed at all?
#
# Sources: Jia Yingzhuo et al., *Chinese Journal of Space Science* 38(1), 2018
# (LCAM and the payloads); Liu Jianjun et al., *Nature Communications* 10, 4229,
# 2019 (descent reconstruction); camera numbers from the Chang'e 4 LCAM label as
# reported by the community (focal length 8.55 mm, pixels 6.7 µm).

# sphinx_gallery_thumbnail_number = 2
