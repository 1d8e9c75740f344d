"""
.. _lesson-nearby-crater:

How wide is the crater in front of the rover?
=============================================

A rover driving among craters has to know how big each one is before it
goes near it. Yutu-2's mast camera stands only about 1.5 m above the
ground, so it sees a crater a few metres away almost edge-on: a round
hole turns into a long, thin ellipse. In this lesson you find the near
and the far rim of a crater from the brightness of the pixels, measure
the distance between them on the ground, and work out why perspective
squashes a circle into such a flat shape.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-track-width` (brightness profile, pixels to
metres).

**Keywords:** crater rim, brightness profile, ground distance,
foreshortening, sine.

**Learning goals.** After this lesson you can:

* find the edges of a crater in a brightness profile;
* measure a length on the ground between two points of a picture;
* explain why a round crater looks flattened, by the sine of the angle at
  which the camera looks down on it.

.. note::

   The pictures in this lesson are **simulated**: a lunar scene rendered by
   lunar_edu through a model of the PCAM camera. Real PCAM pictures are
   Chang'e 4 data products of China's Lunar Exploration Program (CNSA/CLEP).
   When you have one, the lesson shows it first and then measures on the
   simulated scene, because only that one comes with an answer key.
"""

# %%
# Load the picture
# ----------------
# :func:`lunar_edu.load` serves the catalogue picture ``"nearby-crater"``:
# a real PCAM picture when you have one, otherwise the simulated scene, in
# which the camera looks north-west (towards :term:`azimuth` 313°) at a crater
# right in front of the rover.
# The camera sits on the rover's mast, about 1.5 m above the ground
# :src:`S23`. The numbers at the top are the ones to change.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import (
    crater_outline_px,
    format_length,
    ground_distance_m,
    ground_point,
    label,
    measure,
    ring,
    sun_compass,
)
from lunar_edu.answers import check, record
from lunar_edu.camera import focal_length_px, world_to_pixel
from lunar_edu.charts import Mark, Series, line_chart

sun_elevation_deg = 20.0
sun_azimuth_deg = 68.0  # the camera looks towards 313°: Sun on the right
seed = 0
band_px = 60  # we average the columns this far either side of the middle

frame = le.load(
    "nearby-crater",
    sun_elevation=sun_elevation_deg,
    sun_azimuth=sun_azimuth_deg,
    seed=seed,
    size="half",
)
picture = le.develop(frame)
if frame.truth is None:
    le.show(picture)  # the real picture, as the catalogue says
    frame = le.with_answer_key(frame)  # measure on the simulated scene
    picture = le.develop(frame)
else:
    le.show(
        sun_compass(picture, frame=frame, corner="upper left"),
        alt=(
            "Gray ground seen from a rover's mast. A crater fills the "
            "middle of the picture and runs off both sides: a wide, flat "
            "band of smooth far wall, almost white on the left where it faces "
            "the Sun and gray on the right, between a thin rim line above "
            "and a pale raised lip below, with a black triangle of shadow "
            "in its lower right corner. Beyond it the gray plain is dotted with small rocks, and one larger rock "
            "sits on the ground in front, at the right. A sky-map inset "
            "in the upper left corner marks the Sun, "
            f"{sun_elevation_deg:.0f}° high at azimuth "
            f"{sun_azimuth_deg:.0f}°, with a yellow dot, and the camera's "
            "view direction with a blue line."
        ),
        caption=(
            "A crater right in front of the rover, so close that it is "
            "wider than the camera's view. We look over its near lip at "
            "the far inner wall. The morning Sun shines from the right and "
            "a little from behind the camera, so the right part of the "
            "bowl, just inside the rim nearest the Sun, lies in shadow."
        ),
    )
camera = frame.camera
rows_px, columns_px = picture.height, picture.width

# %%
# A brightness profile down the picture
# -------------------------------------
# The crater's rims run across the picture, so we walk *down* it: for every
# row we average the brightness of the columns near the middle, where the
# camera looks straight at the crater's centre. At a rim the brightness
# jumps. For each row we compare the ten rows below it with the ten rows
# above it:
#
# * the **near rim** is the biggest step, up or down, in the lower half of
#   the picture (the bowl above it, the lip in front of us below it);
# * the **far rim** is the biggest step, up or down, above the near rim
#   (the plain beyond the crater, then the far inner wall).
#
# Whether a step goes up or down depends on the light: a wall that leans
# towards the Sun is brighter than the plain, one that leans away is
# darker. So we look for the size of the step and ignore its sign.

gray = np.asarray(picture.convert("L"), dtype=float)
middle = columns_px // 2
profile = gray[:, middle - band_px : middle + band_px].mean(axis=1)
rows = np.arange(10, rows_px - 10)
running = np.concatenate([[0.0], np.cumsum(profile)])
below = (running[rows + 10] - running[rows]) / 10
above = (running[rows] - running[rows - 10]) / 10
step = below - above  # > 0 where the picture gets brighter going down

lower_half = rows > rows_px / 2
near_row = int(rows[lower_half][np.argmax(abs(step[lower_half]))])
upper = (rows > rows_px / 5) & (rows < near_row - 20)
far_row = int(rows[upper][np.argmax(abs(step[upper]))])
print(f"Far rim at row {far_row}, near rim at row {near_row}.")
record("rim rows", [far_row, near_row], grouping=False)

chart = line_chart(
    [Series("brightness", np.arange(rows_px), profile)],
    title="Brightness down the middle of the picture",
    x_label="row of the picture, from the top (px)",
    y_label="brightness (0 black, 255 white)",
    y_range=(0.0, 255.0),
    marks=[Mark(far_row, "far rim"), Mark(near_row, "near rim")],
    legend="lower left",
    size_px=(1200, 600),
)
le.show(
    chart,
    alt=(
        "A line chart of brightness against row, from the top of the "
        "picture to the bottom. The line wanders a little on the plain "
        "beyond the crater, steps sharply at a dashed line labelled 'far "
        "rim', runs smooth across the bowl, and steps again at a dashed "
        "line labelled 'near rim', on the ground in front."
    ),
    caption=(
        "Walking down the picture: plain, far rim, bowl, near rim, plain. "
        "The two big steps in brightness are the two rims. Between them "
        "the far inner wall fills nearly 300 rows of pixels."
    ),
)

# %%
# Measure across the crater
# -------------------------
# We take a point five rows below each step, so that it lies on the rim
# and not on the ground behind it. :func:`~lunar_edu.annotate.measure`
# follows each point's line of sight out to the ground and writes the
# distance between the two ground points on the picture. The simulated
# frame knows the range of every pixel (its answer key) and uses it. A real picture
# has no such map, so we also measure the way we could there:
# :func:`~lunar_edu.annotate.ground_distance_m` with
# ``assume="flat ground"`` treats the ground as level.

far_xy = (middle - 0.5, far_row + 5.0)
near_xy = (middle - 0.5, near_row + 5.0)
across_m, assumption = ground_distance_m(frame, far_xy, near_xy)
flat_m, _ = ground_distance_m(frame, far_xy, near_xy, assume="flat ground")
# The answer key lists craters largest first; ours is the largest nearby.
crater = next(c for c in frame.truth.of_kind("crater") if c.distance_m < 20)
true_m = crater.size_m
print(f"Near rim to far rim ({assumption}): {across_m:.2f} m")
print(f"Near rim to far rim (flat ground): {flat_m:.2f} m")
check("crater diameter", across_m, true_m, "m", digits=2)
check("crater diameter on flat ground", flat_m, true_m, "m", digits=2)

# %%
# Why does a round crater look so flat?
# -------------------------------------
# In the picture the crater is about 290 pixels from far rim to near rim.
# Side to side it would be far wider: a length *D* at range *R* spans
# *D* × *f* / *R* pixels when it lies square to the line of sight, with *f*
# the focal length in pixels. Front to back, the crater lies tilted away
# from us, and a tilted length looks shorter by the *sine* of the angle at
# which we look down on it. From 1.5 m up, a crater 10 m away is seen at
# only about 7°, and the sine of 7° is about 1/8.
#
# We check this with the two rim points on the ground: their middle is the
# crater's centre, their height is the rim's height.

far_m = ground_point(frame, far_xy).position_m
near_m = ground_point(frame, near_xy).position_m
centre_m = (far_m + near_m) / 2
eye_m = np.array([0.0, 0.0, camera.height_above_ground_m])
range_m = float(np.linalg.norm(centre_m - eye_m))
drop_m = camera.height_above_ground_m - centre_m[2]
look_down_deg = float(np.degrees(np.arcsin(drop_m / range_m)))
tall_px = near_row - far_row
wide_px = across_m * focal_length_px(camera) / range_m
print(f"The rim stands {centre_m[2]:.2f} m above the ground below us.")
print(f"Crater centre {range_m:.1f} m away, seen {look_down_deg:.1f}° down")
print(f"Far rim to near rim: {tall_px} px; side to side: {wide_px:.0f} px")
print(f"Squash, tall / wide: {tall_px / wide_px:.3f}")
sine = np.sin(np.radians(look_down_deg))
print(f"sin({look_down_deg:.1f}°) = {sine:.3f}")
record("crater centre distance", range_m, "m", digits=1)
record("look-down angle", look_down_deg, "°", digits=1)
record("sine of the look-down angle", sine, digits=3)
record("crater height in pixels", tall_px, "px")
record("crater width in pixels", wide_px, "px", digits=0)
record("squash", tall_px / wide_px, digits=3)

# %%
# Draw the crater's rim in perspective
# ------------------------------------
# :func:`~lunar_edu.annotate.crater_outline_px` lays a level circle of the
# measured diameter around the crater's centre, at the height of the rim,
# and projects it into the picture with the camera model.
# :func:`~lunar_edu.annotate.ring` draws the same outline; most of it lies
# outside the picture. The ring's height divided by its width comes out
# close to the sine rule, a little above it: the ring's near half is
# closer to the camera, so it looks bigger than its far half.

centre_px = tuple(float(v) for v in world_to_pixel(camera, centre_m))
outline = crater_outline_px(frame, centre_px, across_m, centre_m=centre_m)
ring_wide_px, ring_tall_px = np.ptp(outline, axis=0)
print(
    f"Ring: {ring_wide_px:.0f} px wide, {ring_tall_px:.0f} px tall, "
    f"tall / wide {ring_tall_px / ring_wide_px:.3f}"
)
print(f"The picture is {columns_px} px wide.")
record("ring size", [ring_wide_px, ring_tall_px], "px", digits=0)
record("ring squash", ring_tall_px / ring_wide_px, digits=3)

marked = ring(
    picture, centre_px, frame=frame, diameter_m=across_m, centre_m=centre_m
)
marked = measure(marked, frame, far_xy, near_xy)
# The label points at the ring's far side, 80 % of the way across.
far_side = outline[outline[:, 1] < centre_px[1]]
pointer = far_side[np.argmin(abs(far_side[:, 0] - 0.8 * columns_px))]
marked = label(
    marked,
    f"ring: {ring_wide_px:.0f} px wide, {ring_tall_px:.0f} px tall",
    tuple(float(v) for v in pointer),
    offset_px=(-0.1 * columns_px, -0.12 * rows_px),
)
le.show(
    marked,
    alt=(
        "The crater picture with a yellow measuring line from the far rim "
        f"down to the near rim, labelled '{format_length(across_m)}'. "
        "Two long, gently curved yellow lines follow the far rim and run "
        "just below the near lip: the top and bottom of an ellipse whose "
        "sides lie outside the picture. A label reads the ring's width and "
        "height in pixels."
    ),
    caption=(
        f"The crater measured from far rim to near rim: {across_m:.2f} m "
        "across. The yellow ellipse is a level circle of that size, seen "
        f"from the mast: {ring_wide_px:.0f} px wide but only "
        f"{ring_tall_px:.0f} px tall, so only its top and bottom fit in "
        "the picture. The real rim is not perfectly level: its near side "
        "stands a few centimetres higher than the rim's average height, so "
        "the near lip shows a little above the ring."
    ),
)

# %%
# Craters with names
# ------------------
# Craters like this one pock the floor of Von Kármán crater, where Chang'e
# 4 landed. Three small craters forming a triangle around the lander now
# have names: Zhinyu, Hegu and Tianjin, after figures of the folk tale of
# the Cowherd and the Weaver Girl :src:`S5, S6`. The landing site itself is
# called Statio Tianhe, "Tianhe" being the Milky Way in Chinese
# :src:`S5`.

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * a crater's edges show in a brightness profile across it;
# * a length on the ground between two pixels follows from their distances;
# * a round crater looks flattened by the sine of the angle at which the
#   camera looks down on it.

# %%
# Your turn
# ---------
# 1. The camera model's view is about 19.7° wide
#    (:func:`lunar_edu.camera.field_of_view_deg`), so at a range *R* it
#    spans about 2 × *R* × tan(9.85°) on the ground. How far back would
#    the rover have to stand to fit the whole crater in one picture?
# 2. Use the squash rule: at what distance would this crater look ten
#    times wider than tall? (The camera stands about 1.3 m above the
#    rim.)
# 3. Change ``sun_azimuth_deg`` to ``292.0``: the Sun now stands low ahead
#    of the camera, a little to the left, as it does at the landing site
#    in the late afternoon. Where does the shadow fall now, and are both
#    rims still found?
# 4. The flat-ground answer is close, but not exact. The rim stands above
#    the plain: does flat ground place a raised point too near or too far?
#    Work it out for the near rim.
#
# Sources: the mast camera's height :src:`S23`; the named craters and
# Statio Tianhe :src:`S5, S6`. Camera numbers: PCAM focal length 50 mm,
# pixels 7.4 µm at full size, from the Chang'e 3 camera paper as reported by
# the community.

# sphinx_gallery_thumbnail_number = 3
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: measuring", "skill: perspective", "skill: image processing", "topic: craters"]
