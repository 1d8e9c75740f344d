"""The answer key of a simulated frame: what is where, and how big it really is.

A lesson measures a rock, a crater or a shadow in a picture of the virtual
Chang'e 4 and checks the student's answer against these values. Nothing here
is a real measurement: every value is "the answer key" of a simulated scene.
"""

from __future__ import annotations

import math

import numpy as np

from ..camera import focal_length_px
from ..frame import Camera, Feature, Sun, Truth
from .errors import SceneError
from .lighting import sun_vector
from .render import Scene, project

__all__ = ["answer_key", "features"]


def answer_key(scene: Scene, rendered) -> Truth:
    """Return the answer key of a rendered scene.

    Parameters
    ----------
    scene : Scene
        The scene as rendered.
    rendered : Rendered
        What :func:`~lunar_edu.synth.render.shade` found for every pixel.

    Returns
    -------
    Truth
        Per-pixel range in metres, where direct sunlight falls, and the named
        features visible in the picture.
    """
    return Truth(
        features=features(scene, rendered),
        range_m=rendered.range_m,
        sunlit=rendered.sunlit,
    )


def _xyz(point) -> tuple[float, float, float]:
    """Return a 3-D point (east, north, up in metres) as a tuple of floats."""
    x, y, z = point
    return (float(x), float(y), float(z))


def _inside(camera: Camera, xy) -> bool:
    x, y = float(xy[0]), float(xy[1])
    return (
        math.isfinite(x)
        and math.isfinite(y)
        and -0.5 <= x <= camera.width_px - 0.5
        and -0.5 <= y <= camera.height_px - 0.5
    )


def features(scene: Scene, rendered) -> tuple[Feature, ...]:
    """Return the answer-key features visible in the picture.

    Parameters
    ----------
    scene : Scene
        The scene as rendered.
    rendered : Rendered
        The renderer's per-pixel result (object index and range).

    Returns
    -------
    tuple of Feature
        Rocks, rover and lander with their named parts, then up to 300
        craters, largest first.
    """
    camera = scene.camera
    eye = np.array([0.0, 0.0, camera.height_above_ground_m])
    boxes = _object_boxes(rendered.object_index, len(scene.objects))
    parts = _PartPixels(rendered)
    features = []
    for index, obj in enumerate(scene.objects):
        if boxes[index] is None:
            continue
        if obj.kind == "rock":
            point = obj.top_m
            base = obj.top_m - np.array([0.0, 0.0, obj.size_m])
        else:
            point = obj.middle_m()
            under = np.array([point[0]], np.float32), np.array([point[1]], np.float32)
            base = np.array(
                [point[0], point[1], float(scene.terrain.height_m(*under)[0])]
            )
        xy, depth = project(camera, point)
        if depth <= 0 or not _inside(camera, xy):
            continue
        tip = None
        if obj.kind == "rock" and 0.5 < scene.sun.elevation_deg < 89.5:
            tip = _pixel_or_none(camera, _shadow_tip(obj, scene.sun))
        features.append(
            Feature(
                name=obj.name,
                kind=obj.kind,
                xy_px=(float(xy[0]), float(xy[1])),
                size_m=float(obj.size_m),
                distance_m=float(np.linalg.norm(point - eye)),
                shadow_tip_xy_px=tip,
                base_xy_px=_pixel_or_none(camera, base),
                box_px=boxes[index],
                position_m=_xyz(point),
            )
        )
        features.extend(_visible_landmarks(camera, obj, rendered.range_m, eye, parts))
    f_px = focal_length_px(camera)
    craters = []
    if scene.craters:
        centres = _rim_centres(scene)
        all_xy, all_depth = project(camera, centres)
        distances = np.linalg.norm(centres - eye, axis=1)
    for number, crater in enumerate(scene.craters, start=1):
        xy, depth = all_xy[number - 1], all_depth[number - 1]
        distance = float(distances[number - 1])
        if depth <= 0 or not _inside(camera, xy):
            continue
        if crater.diameter_m / distance * f_px < 6:
            continue
        craters.append(
            Feature(
                name=f"crater-{number}",
                kind="crater",
                xy_px=(float(xy[0]), float(xy[1])),
                size_m=float(crater.diameter_m),
                distance_m=distance,
                position_m=_xyz(centres[number - 1]),
            )
        )
    craters.sort(key=lambda f: f.size_m, reverse=True)
    return tuple(features) + tuple(craters[:300])


def _rim_centres(scene: Scene, samples: int = 16) -> np.ndarray:
    """Return each crater's centre at the height of its rim, shape (N, 3).

    The middle of the rim's circle, not the bottom of the bowl: that is
    the point a ring around the crater is drawn about, and the bottom is
    hidden from a camera that looks at the crater from the side.
    """
    angles = np.linspace(0.0, 2 * np.pi, samples, endpoint=False)
    xs = np.array([c.x_m for c in scene.craters], dtype=np.float32)
    ys = np.array([c.y_m for c in scene.craters], dtype=np.float32)
    radii = np.array([c.diameter_m / 2 for c in scene.craters], dtype=np.float32)
    rim_x = xs[:, None] + radii[:, None] * np.cos(angles)[None, :].astype(np.float32)
    rim_y = ys[:, None] + radii[:, None] * np.sin(angles)[None, :].astype(np.float32)
    rim_z = scene.terrain.height_m(rim_x.ravel(), rim_y.ravel()).reshape(rim_x.shape)
    return np.stack([xs, ys, rim_z.mean(axis=1)], axis=1).astype(float)


def _pixel_or_none(camera: Camera, point_m) -> tuple[float, float] | None:
    """Return where a point is in the picture, or None behind the camera."""
    xy, depth = project(camera, np.asarray(point_m, dtype=float))
    if depth <= 0 or not np.all(np.isfinite(xy)):
        return None
    return (float(xy[0]), float(xy[1]))


def _object_boxes(object_index: np.ndarray, count: int) -> list:
    """Return each object's (left, top, right, bottom) pixel box, None if unseen."""
    rows, cols = np.nonzero(object_index >= 0)
    which = object_index[rows, cols].astype(np.intp)
    boxes: list = [None] * count
    if which.size == 0:
        return boxes
    big = np.iinfo(np.int64).max
    lo_r = np.full(count, big, np.int64)
    lo_c = np.full(count, big, np.int64)
    hi_r = np.full(count, -1, np.int64)
    hi_c = np.full(count, -1, np.int64)
    np.minimum.at(lo_r, which, rows)
    np.minimum.at(lo_c, which, cols)
    np.maximum.at(hi_r, which, rows)
    np.maximum.at(hi_c, which, cols)
    for index in np.flatnonzero(hi_r >= 0):
        boxes[index] = (
            int(lo_c[index]), int(lo_r[index]), int(hi_c[index]), int(hi_r[index])
        )  # fmt: skip
    return boxes


class _PartPixels:
    """Which pixels show each named part of an object, from the renderer."""

    # Fewer pixels than this do not make a part "seen" when its marked
    # points are hidden: a few stray pixels are no label's target.
    MIN_PIXELS = 12

    def __init__(self, rendered) -> None:
        self.part_index = getattr(rendered, "part_index", None)
        self.primitives = getattr(rendered, "primitives", None) or []
        self._boxes = None

    def _primitive_boxes(self):
        """Return each primitive's pixel count and (left, top, right, bottom)."""
        if self._boxes is None:
            count = len(self.primitives)
            self._boxes = (
                np.bincount(self.part_index[self.part_index >= 0], minlength=count),
                _object_boxes(self.part_index, count),
            )
        return self._boxes

    def of(self, obj, part: str):
        """Return (pixel count, box, primitive indices) of one part of ``obj``."""
        if self.part_index is None or not part:
            return 0, None, []
        mine = {id(prim) for prim in obj.primitives if prim.part == part}
        which = [i for i, prim in enumerate(self.primitives) if id(prim) in mine]
        if not which:
            return 0, None, []
        counts, boxes = self._primitive_boxes()
        seen = [boxes[i] for i in which if boxes[i] is not None]
        if not seen:
            return 0, None, which
        box = (
            min(b[0] for b in seen), min(b[1] for b in seen),
            max(b[2] for b in seen), max(b[3] for b in seen),
        )  # fmt: skip
        return int(sum(counts[i] for i in which)), box, which

    def middle_pixel(self, box, which) -> tuple[float, float]:
        """Return the part's pixel nearest the middle of its box."""
        if self.part_index is None:
            msg = (
                "The renderer gave no part index, so no part has pixels to find "
                "the middle of; ask middle_pixel only for a part that of() counted."
            )
            raise SceneError(msg)
        left, top, right, bottom = box
        window = self.part_index[top : bottom + 1, left : right + 1]
        rows, cols = np.nonzero(np.isin(window, which))
        middle_col, middle_row = (right - left) / 2, (bottom - top) / 2
        k = int(np.argmin((cols - middle_col) ** 2 + (rows - middle_row) ** 2))
        return (float(cols[k] + left), float(rows[k] + top))


def _visible_landmarks(camera: Camera, obj, range_m: np.ndarray, eye, parts) -> list:
    """Return the object's named parts that the camera can see.

    A part is seen where one of its marked points shows (nothing nearer in
    that pixel); failing that, where enough of its pixels show, at the one
    nearest the middle of its box. Each comes with its pixel box.
    """
    found = []
    rows, cols = range_m.shape
    for landmark in obj.landmarks:
        count, box, which = parts.of(obj, landmark.part)
        if landmark.part and parts.part_index is not None and count == 0:
            continue  # none of the part's own pixels shows
        point = _first_visible(camera, landmark, range_m, eye)
        if point is None:
            if not landmark.fallback or count < parts.MIN_PIXELS:
                continue
            xy = parts.middle_pixel(box, which)
            column = min(max(round(xy[0]), 0), cols - 1)
            row = min(max(round(xy[1]), 0), rows - 1)
            distance = float(range_m[row, column])
            ray_point = eye + (landmark.point_m - eye) * (
                distance / max(float(np.linalg.norm(landmark.point_m - eye)), 1e-9)
            )
            position = _xyz(ray_point)
        else:
            xy, distance, position = point
        found.append(
            Feature(
                name=landmark.name,
                kind=f"{obj.kind}-part",
                xy_px=xy,
                size_m=landmark.size_m,
                distance_m=distance,
                box_px=box,
                position_m=position,
            )
        )
    return found


def _first_visible(camera: Camera, landmark, range_m: np.ndarray, eye):
    """Return (xy, distance, position) of the first of a landmark's points in view."""
    rows, cols = range_m.shape
    for point_m in (landmark.point_m, *landmark.alternates_m):
        xy = _pixel_or_none(camera, point_m)
        if xy is None or not _inside(camera, xy):
            continue
        distance = float(np.linalg.norm(point_m - eye))
        column = min(max(round(xy[0]), 0), cols - 1)
        row = min(max(round(xy[1]), 0), rows - 1)
        # Hidden when something nearer fills that pixel (a landmark may sit
        # a few centimetres inside its part, hence the tolerance).
        if range_m[row, column] < distance - max(0.12, 0.01 * distance):
            continue
        return xy, distance, _xyz(point_m)
    return None


def _shadow_tip(obj, sun: Sun) -> np.ndarray:
    """Return the far end of a rock's shadow on flat ground at its base."""
    tips = [_shadow_tip_of(prim, obj, sun) for prim in obj.primitives]
    # Away from the Sun, level with the ground.
    away = -sun_vector(0.0, sun.azimuth_deg)
    return max(tips, key=lambda tip: float(tip @ away))


def _shadow_tip_of(prim, obj, sun: Sun) -> np.ndarray:
    """Return the far end of the shadow of one part of a rock."""
    towards_sun = sun_vector(sun.elevation_deg, sun.azimuth_deg)
    light = -towards_sun
    away = light[:2] / np.hypot(*light[:2])
    u = np.array([away[0], away[1], 0.0])
    w = u - (light @ u) / light[2] * np.array([0.0, 0.0, 1.0])
    if prim.shape == "cylinder":
        radius, half_h = prim.half_size_m[0], prim.half_size_m[2]
        top = prim.centre_m + np.array([0.0, 0.0, half_h])
        far_point = top + radius * u
    else:
        v = prim.half_size_m * (prim.axes @ w)
        far_point = prim.centre_m + prim.axes.T @ (
            prim.half_size_m * v / np.linalg.norm(v)
        )
    ground_z = obj.top_m[2] - obj.size_m
    return far_point + (ground_z - far_point[2]) / light[2] * light
