"""
.. _lesson-descent-first-look:

How big is one pixel? A first look from the descent camera
==========================================================

A picture of the Moon has no trees, houses or people in it to tell you how big
things are: a crater could be a metre across or a kilometre. On 3 January 2019,
while Chang'e 4 came down onto the far side, the lander's landing camera (LCAM)
took a rapid series of pictures looking straight down; the mission team used
them to reconstruct the descent path and pinpoint the landing site. In this
lesson you work out the scale of such a picture from the camera itself, make
the picture carry its own scale bar, and compare it with the view from orbit.

**Level:** intermediate · **Time:** about 30 minutes · **Camera:** LCAM (simulated)

**Prerequisites:** none: this is the first lesson. You need multiplying and
dividing, and running a Python script.

**Keywords:** descent camera (LCAM), pixel, ground sample distance, focal
length, altitude, scale bar.

**Learning goals.** After this lesson you can:

* say what the descent camera is and what its pictures show;
* compute the ground size of one pixel from focal length, pixel size and
  altitude;
* label a feature and add a scale bar, so that a picture teaches on its own;
* explain why pictures taken from higher up show less detail.

.. note::

   The pictures in this lesson are **simulated**: lunar scenes rendered by
   lunar_edu through a model of the LCAM camera. Real LCAM frames are Chang'e
   4 data products of China's Lunar Exploration Program (CNSA/CLEP).
"""

# %%
# Render a descent-camera frame
# -----------------------------
# :func:`lunar_edu.render_scene` renders the ``"descent-view"`` scene of the
# virtual Chang'e 4: the ground below a camera that looks straight down,
# lit by a Sun low in the west-north-west, as it stands at the landing site
# on a lunar afternoon. This light is chosen for the lesson: it is not a
# recreation of the light during the real descent. The result is a
# :class:`lunar_edu.Frame`:
# the pixels, plus the camera that took them, the Sun's position and where
# the picture came from. The numbers at the top are the ones to change.

import lunar_edu as le
from lunar_edu.annotate import label, scale_bar, side_by_side
from lunar_edu.answers import check, record
from lunar_edu.camera import ground_sample_distance

altitude_m = 100.0
sun_elevation_deg = 20.0
seed = 4

frame = le.render_scene(
    "descent-view",
    sun_elevation=sun_elevation_deg,
    sun_azimuth=292.0,
    altitude_m=altitude_m,
    seed=seed,
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
        f"the Sun {sun_elevation_deg:.0f}° high in the west-north-west. "
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
# sample distance*. With *p* = 6.7 µm, *f* = 8.55 mm and *R* = 100 m:

metres_per_px = ground_sample_distance(camera, altitude_m)
pixel_cm = 100 * metres_per_px
print(f"One pixel covers {pixel_cm:.1f} cm of ground.")
print(f"The picture is {metres_per_px * camera.width_px:.0f} m wide.")
record("pixel size", pixel_cm, "cm", digits=1)

# %%
# Check it against the scene
# --------------------------
# A simulated frame comes with an answer key: ``frame.truth.range_m`` holds,
# for every pixel, the model's distance from the camera to the ground. The
# ground is not perfectly flat, so the distance straight below the camera
# differs a little from the altitude; the formula should still agree.

rows, columns = frame.truth.range_m.shape
key_range_m = float(frame.truth.range_m[rows // 2, columns // 2])
key_px_cm = 100 * ground_sample_distance(camera, key_range_m)
check("pixel size below the camera", pixel_cm, key_px_cm, "cm", digits=2)

# %%
# Make the picture carry its scale
# --------------------------------
# A scale bar lets anyone measure without redoing the arithmetic, and a
# label points at what matters. The simulated scene knows the size of
# every crater (``frame.truth``), so we can say how big the largest one
# is in the virtual Chang'e 4.

crater = frame.truth.of_kind("crater")[0]
size_text = f"crater, {crater.size_m:.0f} m across"
record("large crater", crater.size_m, "m", digits=0)
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
# The same scale as a camera in orbit
# -----------------------------------
# NASA's Lunar Reconnaissance Orbiter photographed the landing site from
# orbit on 1 February 2019, with pixels about 0.85 m across :src:`S8`. The
# descent camera has pixels that big when *R* × *p* / *f* = 0.85 m, that is
# at *R* = 0.85 m × *f* / *p*. :func:`lunar_edu.load` serves the catalogue
# picture ``"lroc-above-landing-site"``: the real orbital view when your
# download cache holds it, otherwise simulated ground seen from that height
# (at half size, 512 pixels across, so it renders quickly).

orbit_px_m = 0.85
orbit_altitude_m = (
    orbit_px_m * camera.focal_length_mm / (camera.pixel_size_um * 1e-3)
)
print(
    f"LCAM pixels are {orbit_px_m} m across from {orbit_altitude_m:.0f} m up."
)

orbit = le.load(
    "lroc-above-landing-site",
    altitude_m=orbit_altitude_m,
    seed=seed + 1,
    size="half",
)
orbit_picture = le.develop(orbit)
print(
    f"Served by: {orbit.meta['lunar_edu.served_by']} ({orbit.source.kind})"
)

# %%
# Which one was taken from higher up?
# -----------------------------------
# Put the two views side by side, each shrunk to 512 pixels, so that one
# picture pixel is 2 camera pixels. Cover the scale bars with your hand: can
# you still tell which picture shows ten times more ground? The simulated
# ground is cratered at every scale, as the Moon is, so only the scale bars
# give it away.

if orbit.source.is_simulated:
    near = picture.resize(orbit_picture.size)
    near_px_m = metres_per_px * picture.width / near.width
    pair = side_by_side(
        [
            scale_bar(near, near_px_m, note=f"from {altitude_m:.0f} m"),
            scale_bar(
                orbit_picture,
                2 * orbit_px_m,
                note=f"from {orbit_altitude_m:.0f} m",
            ),
        ],
        labels=["A", "B"],
    )
    le.show(
        pair,
        alt=(
            "Two views straight down, side by side, labelled A and B. Both show "
            "gray ground with a large dark-and-bright crater and many small "
            "ones, and look much alike; their scale bars read 20 m and 200 m."
        ),
        caption=(
            f"A is the ground from {altitude_m:.0f} m, B simulated ground from "
            f"{orbit_altitude_m:.0f} m, where one camera pixel is about 0.85 m as "
            "in the orbital picture of the landing site. Without the scale bars "
            "you could not tell them apart."
        ),
    )
else:
    le.show(orbit_picture)  # alt text and caption from the catalogue

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * one pixel of a picture covers a patch of ground whose size follows from
#   the camera's pixel size and focal length and from the altitude;
# * a simulated frame carries an answer key, so a measurement can be
#   checked;
# * a scale bar and a label make a picture teach on its own;
# * the same ground seen from higher up shows less detail, because each
#   pixel covers more of it.

# %%
# Your turn
# ---------
# 1. Use the scale bar to estimate the diameter of the large crater in the
#    second picture, then compare your estimate with its label.
# 2. Change ``altitude_m`` to ``300.0`` and run the lesson again. How many
#    centimetres does one pixel cover now? Which craters can you no longer see?
# 3. Change ``sun_elevation_deg`` to ``45.0``, about the highest the Sun
#    ever climbs at the landing site. Why does the ground look smoother,
#    although it has not changed at all?
# 4. Yutu-2 is about 1.5 m long :src:`S1`. How many pixels long would it be in
#    the orbital view, and could you recognise it?
#
# Sources: LCAM and its purpose :src:`S10, S3`; the orbital view
# :src:`S8`; the rover's size :src:`S1`. Camera numbers from the Chang'e 4
# LCAM label as reported by the community (focal length 8.55 mm, pixels
# 6.7 µm).

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: LCAM", "instrument: LROC", "skill: measuring", "skill: annotating", "topic: landing"]
