"""
.. _lesson-lander-parts:

What are we looking at? The lander seen from the rover
======================================================

On 11 January 2019 the Chang'e 4 lander and the Yutu-2 rover photographed
each other, and CNSA declared the landing mission a complete success
:src:`S19`. A picture of a spacecraft is only useful to a reader who knows
what its parts are, so in this lesson you label the lander's parts on the
rover's view, placing every label where it points clearly and covers nothing
important. Then you use the picture as a measuring tool: from where the
footpads touch the ground you work out how far away the lander stands, and
from that how wide it is.

**Level:** intermediate · **Time:** about 35 minutes · **Camera:** PCAM (simulated)

**Prerequisites:** :ref:`lesson-track-width` (pixels to metres on flat
ground).

**Keywords:** lander, labels, annotation, ground point, width from
distance.

**Learning goals.** After this lesson you can:

* name the main parts of the Chang'e 4 lander and say what some of them
  are for;
* lay out labels on a picture so that each one is clear and none overlap;
* find the distance to an object from where it touches flat ground;
* work out an object's width from its width in pixels and its distance.

.. note::

   The pictures in this lesson are **simulated**: a simple model of the
   lander, rendered through a model of the rover's PCAM camera. If your
   teacher has the real picture, it is shown first and the labelling and
   measuring are done on the simulated scene, whose answers we know. Real
   PCAM frames are Chang'e 4 data products of China's Lunar Exploration
   Program (CNSA/CLEP).
"""

# %%
# The lander from the rover's mast
# --------------------------------
# :func:`lunar_edu.load` serves the catalogue picture
# ``"lander-from-rover"``: the rover's mast camera (PCAM), 1.5 m above the
# ground :src:`S23`, looks back at the lander. In the simulated scene the
# camera looks west-north-west, and the morning Sun, 25° up in the
# east-north-east, shines from behind the camera on the right. The numbers
# at the top are the ones to change: the Sun's height and direction, and
# the :term:`seed` of the random ground.

import lunar_edu as le
import numpy as np
from lunar_edu.annotate import (
    drawn_texts,
    ground_point,
    label,
    metres_per_px_at,
    polyline,
    tag,
)
from lunar_edu.answers import check, record

sun_elevation_deg = 25.0
sun_azimuth_deg = 62.0  # clockwise from north (62: east-north-east)
seed = 0

frame = le.load(
    "lander-from-rover",
    sun_elevation=sun_elevation_deg,
    sun_azimuth=sun_azimuth_deg,
    seed=seed,
    size="half",
)
le.show(
    le.develop(frame),
    alt=(
        "A boxy lander fills most of the picture. Its body is wrapped in "
        "gold-coloured foil under a black-foil top deck with a small white "
        "camera and a dark box on it; four white legs splay out to round "
        "footpads on the gray ground, and two white rails slope down "
        "towards the viewer. Thin dark lines, the solar wings seen "
        "edge-on, slant up from the top corners into the black sky, and "
        "the lander's shadow falls to the left."
        if frame.source.is_simulated
        else None  # a real picture: the catalogue's alt text
    ),
    caption=(
        "The Chang'e 4 lander, seen from the rover's mast camera. Before "
        "reading on, try to name its parts: which ones could you explain "
        "to a friend?"
    ),
)
frame = le.with_answer_key(frame)  # label and measure the simulated one
picture = le.develop(frame)
# Where is the Sun, seen from the camera?
sun_from_view_deg = (frame.sun.azimuth_deg - frame.camera.yaw_deg) % 360
print(
    f"The camera looks towards azimuth {frame.camera.yaw_deg:.0f}°; the Sun"
    f" is {sun_from_view_deg:.0f}° clockwise from there"
)

# %%
# Where are the parts?
# --------------------
# The simulated scene knows which parts of the lander are in view and where
# they appear in the picture (``frame.truth.features`` of kind
# ``"lander-part"``); ``frame.truth.named(name, kind="lander-part")``
# returns every place one part shows, nearest first. Some parts appear more
# than once (two solar wings, two landing legs, both ramp rails), but a
# label needs to say each name only once.

parts = [f for f in frame.truth.features if f.kind == "lander-part"]
part_names = list(dict.fromkeys(part.name for part in parts))  # no repeats
for name in part_names:
    places = frame.truth.named(name, kind="lander-part")
    where = ", ".join(
        f"({x:.0f}, {y:.0f})" for x, y in (p.xy_px for p in places)
    )
    print(f"{name:24s} {len(places)} in view at {where}")

# %%
# Lay out the labels
# ------------------
# Good labels sit on plain background (black sky, empty ground) next to what
# they name, and their leader lines do not cross each other. We choose, for
# each part, which copy to point at and which way its label goes, in pixels
# of the 1176-pixel-wide picture. Look at the first picture: the sky above
# the lander is empty, and so is the ground on either side of it.

layout = {  # part name: (which copy, label offset from the part in pixels)
    "solar wing": ("right", (-90, -50)),
    "terrain camera (TCAM)": ("left", (-110, -100)),
    "top deck (black foil)": ("left", (-360, 0)),
    "body (gold foil)": ("right", (400, 0)),
    "landing leg": ("left", (-110, -70)),
    "footpad": ("right", (60, 50)),
    "ramp": ("right", (110, 110)),
}
labelled = picture
for name, (which, offset_px) in layout.items():
    places = frame.truth.named(name, kind="lander-part")
    if not places:
        continue
    by_column = sorted(places, key=lambda p: p.xy_px[0])
    chosen = by_column[0] if which == "left" else by_column[-1]
    text = name.replace(" (", "\n(")  # a long name on two short lines
    labelled = label(labelled, text, chosen.xy_px, offset_px=offset_px)
labelled = tag(
    labelled, "Lander parts (virtual Chang'e 4)", corner="lower left"
)

# No two labels may overlap: drawn_texts() lists the box of every text.
boxes = [text.box_px for text in drawn_texts(labelled)]
overlaps = [
    (a, b)
    for i, a in enumerate(boxes)
    for b in boxes[i + 1 :]
    if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
]
print(f"{len(boxes)} labels, {len(overlaps)} overlapping")
record("labels", len(boxes))
record("overlapping labels", len(overlaps))

le.show(
    labelled,
    alt=(
        "The lander picture with yellow leader lines and labels: 'solar "
        "wing' points at the thin dark line slanting up to the upper right "
        "corner, 'terrain camera (TCAM)' at the small white box on top, "
        "'top deck (black foil)' at the black band above the body, 'body "
        "(gold foil)' at the gold box, 'landing leg' at the left front "
        "leg, 'footpad' at the right front footpad and 'ramp' at the "
        "right rail sloping to the ground. A tag in the lower left "
        "corner reads 'Lander parts (virtual Chang'e 4)'."
    ),
    caption=(
        "The lander's parts, each named once, on the simulated lander. In "
        "Chinese the mission is 嫦娥四号 (Cháng'é sì hào), Chang'e number 4. "
        "The model is simple: real photographs "
        "show many more instruments, antennas and cables."
    ),
)

# %%
# What the parts are for
# ----------------------
# * The **terrain camera (TCAM)** is a colour camera that can turn a full
#   circle to make 360° panoramas of the landing site and watch the rover
#   :src:`S24, S10`; it sits on the upper part of the lander
#   :src:`S24`.
# * The **ramp** let the rover roll down onto the surface, at 22:22 Beijing
#   time on 3 January 2019 :src:`S50`, the day of the landing.
# * The whole landed craft, rover included, has a mass of about 1,200 kg
#   :src:`S1`, and the **landing legs** and **footpads** carry it.
# * Through the long lunar night, radioisotope heat keeps the craft's
#   essential parts from freezing :src:`S19, S46`; by day, solar panels give
#   power :src:`S46, S19`. The model's two **solar wings** stand up from
#   the top corners; we see them almost edge-on, as thin dark lines.
#
# What the gold and black foils do is not in our fact sheet: a good
# question to research.

# %%
# How far away is the lander?
# ---------------------------
# The ground is the one place where we know how high things are: at zero.
# So we measure where the lander *touches* the ground. In the column of
# pixels through each front footpad, from the pad down to the gray ground
# below it, the lowest bright pixel is the pad's bottom edge, where it
# meets the soil. Then :func:`lunar_edu.annotate.ground_point` follows that
# pixel's ray down the camera's 1.5 m height to the ground. We pass
# ``assume="flat ground"``, the only choice on a real picture; with
# ``assume="true range"`` it uses the simulated scene's answer key instead.

gray = np.asarray(picture, dtype=float).mean(axis=2)


def ground_contact(part):
    """Return the pixel (x, y) where a bright footpad meets the ground."""
    x_px, y_px = round(part.xy_px[0]), round(part.xy_px[1])
    column = gray[y_px : y_px + 60, x_px]
    # Bright: above halfway between the pad and the ground below it.
    bright = column > (column.max() + np.median(column[-15:])) / 2
    # Coming up from the ground, the first bright row is the pad's edge.
    return x_px, y_px + int(np.flatnonzero(bright).max())


footpads = frame.truth.named("footpad", kind="lander-part")
feet = [ground_contact(p) for p in footpads]
flat = {"assume": "flat ground"}
feet_m = [ground_point(frame, foot, **flat).range_m for foot in feet]
true_feet_m = [
    ground_point(frame, foot, assume="true range").range_m for foot in feet
]
distance_m = float(np.mean(feet_m))
key_m = np.mean(true_feet_m)
check("distance to the front footpads", distance_m, key_m, "m", digits=1)

# %%
# How wide is the lander?
# -----------------------
# At a distance *R*, one pixel covers *R* × *p* / *f* on the ground, as on
# the descent camera. We find the gold foil in a row through the body (it is
# the only thing in the row much redder than it is blue), count its width in
# pixels and turn the width into metres at the footpads' distance with
# :func:`lunar_edu.annotate.metres_per_px_at`, again on flat ground. Two
# things spoil it a little. The legs splay out, so the front footpads stand
# in front of the body's front face, and the width comes out a little
# small. And the ground may not be quite flat, which can push the distance,
# and so the width, either way.

rgb = np.asarray(picture, dtype=float)
body = frame.truth.named("body (gold foil)", kind="lander-part")[0]
body_row = round(body.xy_px[1])
goldness = rgb[body_row, :, 0] - rgb[body_row, :, 2]  # red minus blue
gold_columns = np.flatnonzero(goldness > goldness.max() / 2)
left_px, right_px = int(gold_columns.min()), int(gold_columns.max())
width_px = right_px - left_px + 1


# Metres per pixel across the picture at the footpads' distance.
foot_xy = tuple(np.mean(feet, axis=0))
metres_per_px, _ = metres_per_px_at(frame, foot_xy, **flat)
width_m = width_px * metres_per_px
lander = frame.truth.of_kind("lander")[0]
print(f"The gold body is {width_px} pixels wide")
record("body width in pixels", width_px, "px")
record("pixel size at the lander", 1000 * metres_per_px, "mm", digits=1)
rover_px = 1.0 / metres_per_px
record("rover width in pixels beside the lander", rover_px, "px", digits=0)
check("lander body width", width_m, lander.size_m, "m", digits=1)

# %%
# Draw the measurements
# ---------------------
# Short ticks mark where the footpads meet the ground, and a line across the
# gold body shows the width we counted.

measured = picture
for x_px, y_px in feet:
    measured = polyline(measured, [(x_px - 30, y_px), (x_px + 30, y_px)])
measured = label(
    measured,
    f"{distance_m:.1f} m away (flat ground)",
    feet[-1],
    offset_px=(40, 40),
)
measured = polyline(measured, [(left_px, body_row), (right_px, body_row)])
for x_px in (left_px, right_px):  # upright ticks at the two edges
    measured = polyline(
        measured, [(x_px, body_row - 25), (x_px, body_row + 25)]
    )
width_text = f"{width_px} pixels = {width_m:.1f} m"
measured = label(
    measured, width_text, (right_px, body_row), offset_px=(-90, -210)
)
le.show(
    measured,
    alt=(
        "The lander picture with short yellow ticks under the two front "
        f"footpads, one labelled '{distance_m:.1f} m away (flat ground)', "
        "and a yellow line across the gold body from its left edge to its "
        "right edge, with an upright tick at each edge, labelled "
        f"'{width_text}'."
    ),
    caption=(
        f"Where the footpads meet the ground gives the distance, "
        f"{distance_m:.1f} m; the body's {width_px} pixels at that "
        f"distance make {width_m:.1f} m. The virtual lander's body is "
        f"{lander.size_m:.1f} m wide, an estimate read off photographs."
    ),
)

# %%
# What you learned
# ----------------
# In this lesson you saw that
#
# * the main parts of the lander and what some of them are for;
# * labels can be laid out so that each is clear and none overlap;
# * where an object touches flat ground gives its distance, and its width
#   in pixels then gives its width in metres.

# %%
# Your turn
# ---------
# 1. Why do the legs end in wide, round footpads rather than in points?
#    Think of what the wheel tracks tell us about the soil.
# 2. Change ``sun_elevation_deg`` to ``20.0`` and ``sun_azimuth_deg`` to
#    ``292.0``: the afternoon Sun at the landing site, now behind the
#    lander and shining towards the camera. Which labels are now hard to
#    check by eye, and does the footpad method still work?
# 3. Measure the ramp: find, in the picture, where the two rails meet the
#    ground, and work out how far in front of the footpads they reach.
# 4. Yutu-2 is about 1 m wide :src:`S1`. If it stood beside the lander,
#    at the same distance, about how many pixels wide would it look?
#
# Sources: the mutual photographs :src:`S19`; TCAM :src:`S24, S10`; the
# rover's roll down the ramp :src:`S50`; mass :src:`S1`; power and heat
# :src:`S46, S19`; the mast camera :src:`S23`. The lander model's sizes are
# estimates read off photographs, good to perhaps 20 %.

# sphinx_gallery_thumbnail_number = 2
# sphinx_gallery_tags = ["level: intermediate", "instrument: PCAM", "skill: annotating", "skill: measuring", "topic: lander"]
