"""The ground of a virtual scene: nested height grids, craters and wheel tracks.

The terrain is a sum of square grids, coarse to fine, each centred where its
detail is needed: a kilometre-scale grid reaching past the horizon, a
metre-scale one around the view, and a centimetre-scale one near the camera.
Each finer grid fades to zero at its edges, so no seam shows. Heights are in
metres in a local east-north-up frame whose origin is the ground below the
camera; the Moon's curvature is added when heights are sampled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import SceneError

__all__ = ["MOON_RADIUS_M", "Level", "Terrain"]

#: Mean radius of the Moon in metres (IAU); the ground drops by d**2 / (2 R).
MOON_RADIUS_M = 1_737_400.0

# Channels of a level's data cube.
_HEIGHT, _SLOPE_X, _SLOPE_Y, _ALBEDO = range(4)


@dataclass
class Level:
    """One square grid of the terrain.

    Parameters
    ----------
    x0_m, y0_m : float
        East and north position of the centre of cell (0, 0) in metres.
    spacing_m : float
        Size of one cell in metres.
    data : ndarray of float32, shape (4, n, n)
        Height, east slope, north slope and albedo change (0 = unchanged);
        rows run northwards, columns eastwards.
    fades : bool
        Whether the level fades to zero near its edges (all but the coarsest).
    """

    x0_m: float
    y0_m: float
    spacing_m: float
    data: np.ndarray
    fades: bool = True
    beam_m: np.ndarray | None = None

    @classmethod
    def around(
        cls, centre_xy_m: tuple[float, float], extent_m: float, cells: int, *, fades
    ) -> Level:
        """Return an empty level of ``cells`` x ``cells`` centred on a point."""
        spacing = extent_m / cells
        half = (cells - 1) / 2.0 * spacing
        data = np.zeros((4, cells, cells), dtype=np.float32)
        return cls(
            centre_xy_m[0] - half, centre_xy_m[1] - half, spacing, data, fades=fades
        )

    @property
    def cells(self) -> int:
        """Return the number of cells along a side."""
        return int(self.data.shape[1])

    @property
    def height_m(self) -> np.ndarray:
        """Return the height channel (a view, writable)."""
        return self.data[_HEIGHT]

    @property
    def albedo_change(self) -> np.ndarray:
        """Return the albedo channel (a view, writable)."""
        return self.data[_ALBEDO]

    def grid_xy_m(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the east and north coordinates of the cell centres (1-D each)."""
        steps = np.arange(self.cells, dtype=np.float32) * self.spacing_m
        return self.x0_m + steps, self.y0_m + steps

    def window(
        self, x_m: float, y_m: float, reach_m: float
    ) -> tuple[slice, slice, np.ndarray, np.ndarray] | None:
        """Return the cells within ``reach_m`` of a point, with their coordinates."""
        n = self.cells
        c0 = max(int(np.floor((x_m - reach_m - self.x0_m) / self.spacing_m)), 0)
        c1 = min(int(np.ceil((x_m + reach_m - self.x0_m) / self.spacing_m)) + 1, n)
        r0 = max(int(np.floor((y_m - reach_m - self.y0_m) / self.spacing_m)), 0)
        r1 = min(int(np.ceil((y_m + reach_m - self.y0_m) / self.spacing_m)) + 1, n)
        if c0 >= c1 or r0 >= r1:
            return None
        xs = self.x0_m + np.arange(c0, c1, dtype=np.float32) * self.spacing_m
        ys = self.y0_m + np.arange(r0, r1, dtype=np.float32) * self.spacing_m
        return slice(r0, r1), slice(c0, c1), xs[None, :], ys[:, None]

    def contains(self, x_m: float, y_m: float, reach_m: float) -> bool:
        """Return True when a disc lies inside the unfaded core of the level."""
        lo = self.x0_m + 0.15 * self.cells * self.spacing_m
        hi = self.x0_m + 0.85 * self.cells * self.spacing_m
        lo_y = self.y0_m + 0.15 * self.cells * self.spacing_m
        hi_y = self.y0_m + 0.85 * self.cells * self.spacing_m
        return (lo < x_m - reach_m and x_m + reach_m < hi) and (
            lo_y < y_m - reach_m and y_m + reach_m < hi_y
        )

    def finish(self, combined: np.ndarray | None = None) -> None:
        """Compute the slope channels and pack a grid for fast lookups.

        Parameters
        ----------
        combined : ndarray of float32, shape (4, n, n), optional
            What lookups return: this level plus all coarser ones, sampled at
            this level's cells (its own data when not given).
        """
        d_row, d_col = np.gradient(self.data[_HEIGHT], self.spacing_m)
        self.data[_SLOPE_X] = d_col
        self.data[_SLOPE_Y] = d_row
        table = self.data if combined is None else combined
        self.combined_height_m = table[_HEIGHT]
        # One gather then fetches all four channels of a cell at once:
        # viewed as one 16-byte complex number per cell, numpy moves the four
        # float32 channels in a single fast 1-D take.
        packed = np.ascontiguousarray(table.reshape(4, -1).T, dtype=np.float32)
        self._packed = packed.view(np.complex128).reshape(-1)
        self._flat_height = np.ascontiguousarray(table[_HEIGHT].reshape(-1))

    def _lookup(self, x_m: np.ndarray, y_m: np.ndarray):
        """Return flat indices, bilinear weights and the fade weight of points."""
        n = self.cells
        fx = (x_m - np.float32(self.x0_m)) * np.float32(1.0 / self.spacing_m)
        fy = (y_m - np.float32(self.y0_m)) * np.float32(1.0 / self.spacing_m)
        if self.fades:
            # Fade over the outer 15 % of the grid on every side.
            margin = np.float32(0.15 * n)
            edge = np.minimum(
                np.minimum(fx, (n - 1) - fx), np.minimum(fy, (n - 1) - fy)
            )
            fade = np.clip(edge / margin, 0.0, 1.0)
            fade = fade * fade * (3.0 - 2.0 * fade)
        else:
            fade = None
        fx = np.clip(fx, 0.0, n - 1.001)
        fy = np.clip(fy, 0.0, n - 1.001)
        ix = fx.astype(np.int32)
        iy = fy.astype(np.int32)
        ax = fx - ix
        ay = fy - iy
        index = iy * n + ix
        return index, ax, ay, fade

    def sample(self, x_m: np.ndarray, y_m: np.ndarray, channels: slice) -> np.ndarray:
        """Return channels at points, bilinearly interpolated and faded.

        ``channels`` is ``slice(0, 1)`` (height only) or ``slice(0, 4)``;
        the result has shape ``(channels, *x_m.shape)``.
        """
        count = channels.stop
        shape = np.shape(x_m)
        x_m = np.ravel(x_m)
        y_m = np.ravel(y_m)
        if self.fades:
            # Points outside a fading grid get nothing from it: skip them.
            span = self.cells * self.spacing_m
            inside = (
                (x_m > self.x0_m)
                & (x_m < self.x0_m + span)
                & (y_m > self.y0_m)
                & (y_m < self.y0_m + span)
            )
            if not inside.all():
                out = np.zeros((count, x_m.size), dtype=np.float32)
                if inside.any():
                    out[:, inside] = self._sample(x_m[inside], y_m[inside], count)
                return out.reshape((count, *shape))
        return self._sample(x_m, y_m, count).reshape((count, *shape))

    def _sample(self, x_m: np.ndarray, y_m: np.ndarray, count: int) -> np.ndarray:
        values, fade = self.gather(x_m, y_m, count)
        if fade is not None:
            values *= fade
        return values

    def inside(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Return True for points over the grid."""
        span = self.cells * self.spacing_m
        return (
            (x_m > self.x0_m)
            & (x_m < self.x0_m + span)
            & (y_m > self.y0_m)
            & (y_m < self.y0_m + span)
        )

    def gather(self, x_m: np.ndarray, y_m: np.ndarray, count: int):
        """Return bilinear values (count, n) of 1-D points and their fade weight."""
        index, ax, ay, fade = self._lookup(x_m, y_m)
        n = self.cells
        if count == 1:
            table = self._flat_height
            v00 = table[index]
            v01 = table[index + 1]
            v10 = table[index + n]
            v11 = table[index + (n + 1)]
        else:
            table = self._packed
            ax, ay = ax[:, None], ay[:, None]
            v00, v01, v10, v11 = (
                table[index + step].view(np.float32).reshape(-1, 4)
                for step in (0, 1, n, n + 1)
            )
        top = v00 + ax * (v01 - v00)
        bottom = v10 + ax * (v11 - v10)
        values = top + ay * (bottom - top)
        return (values[None] if count == 1 else values.T), fade

    def sample_beam(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Return the height of the grazing sunbeam above points (bilinear)."""
        if self.beam_m is None:
            msg = (
                "This terrain level has no sunbeam heights yet; call "
                "Terrain.light(sun_elevation_deg, sun_azimuth_deg) before sampling them."
            )
            raise SceneError(msg)
        index, ax, ay, _ = self._lookup(x_m, y_m)
        flat = self.beam_m.reshape(-1)
        n = self.cells
        top = flat[index] * (1 - ax) + flat[index + 1] * ax
        bottom = flat[index + n] * (1 - ax) + flat[index + n + 1] * ax
        return top * (1 - ay) + bottom * ay

    def in_core(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Return True for points in the unfaded core of the level."""
        if not self.fades:
            return np.ones(np.shape(x_m), dtype=bool)
        lo = np.float32(self.x0_m + 0.15 * self.cells * self.spacing_m)
        hi = np.float32(self.x0_m + (0.85 * self.cells - 1) * self.spacing_m)
        lo_y = np.float32(self.y0_m + 0.15 * self.cells * self.spacing_m)
        hi_y = np.float32(self.y0_m + (0.85 * self.cells - 1) * self.spacing_m)
        return (x_m >= lo) & (x_m <= hi) & (y_m >= lo_y) & (y_m <= hi_y)


class Terrain:
    """Nested height grids plus the Moon's curvature.

    Parameters
    ----------
    levels : list of Level
        Grids from coarsest to finest; the first one does not fade.
    curvature : bool
        Whether the ground drops away as ``d**2 / (2 R)`` with distance ``d``
        from the camera, which brings the horizon to about 2.3 km for a
        camera 1.5 m up.
    """

    def __init__(self, levels: list[Level], *, curvature: bool = True) -> None:
        self.levels = levels
        self.curvature = curvature
        for level in levels:
            level.finish()
        # Heights are measured from the ground below the camera, so a camera
        # "1.5 m up" really stands 1.5 m above the ground it is on.
        origin = np.zeros(1, dtype=np.float32)
        offset = sum(
            float(level.sample(origin, origin, slice(0, 1))[0, 0]) for level in levels
        )
        levels[0].data[_HEIGHT] -= offset
        levels[0].finish()
        # Each finer level stores itself plus everything coarser at its own
        # cells, so most points need one lookup instead of one per level.
        for i, level in enumerate(levels[1:], start=1):
            level.finish(level.data + self._coarser_at_cells(level, i))

    def _coarser_at_cells(self, level: Level, upto: int) -> np.ndarray:
        """Return the levels coarser than ``level`` summed at its cells.

        They are smooth on the scale of this level's cells, so they are
        evaluated on every fourth cell and interpolated linearly in between.
        """
        step = 4
        n = level.cells
        coarse = np.arange(0, n + step, step, dtype=np.float32)
        xs = level.x0_m + coarse * level.spacing_m
        ys = level.y0_m + coarse * level.spacing_m
        xx, yy = np.meshgrid(xs, ys)
        values = self._evaluate(xx, yy, 4, upto=upto)
        # Linear weights repeat every ``step`` cells, so each axis is one
        # broadcast blend of neighbouring samples (no gathers).
        weight = np.arange(step, dtype=np.float32) / step
        rows = (
            values[:, :-1, None, :] * (1 - weight)[:, None]
            + values[:, 1:, None, :] * weight[:, None]
        )
        rows = rows.reshape(values.shape[0], -1, values.shape[2])[:, :n]
        cells = rows[:, :, :-1, None] * (1 - weight) + rows[:, :, 1:, None] * weight
        return cells.reshape(values.shape[0], n, -1)[:, :, :n]

    def _evaluate(
        self, x_m, y_m, count: int, *, upto: int | None = None, footprint_m=None
    ):
        """Return the summed channels of the levels (without curvature).

        With ``footprint_m`` (the size of each point's pixel on the ground), a
        fading level hands its slopes and albedo (not its heights) over to the
        coarser ones where its cells are smaller than about half the
        footprint, as a texture's mipmap does: a pixel
        cannot show relief finer than itself, and point-sampling it anyway
        turns it into noise and, along the grazing rows of a view across the
        ground, into long horizontal streaks.
        """
        shape = np.shape(x_m)
        x_m = np.ravel(np.asarray(x_m, dtype=np.float32))
        y_m = np.ravel(np.asarray(y_m, dtype=np.float32))
        if footprint_m is not None:
            footprint_m = np.ravel(np.asarray(footprint_m, dtype=np.float32))
        chunk = 1 << 19
        if x_m.size > chunk:
            # Work in pieces: less memory, and each piece stays in cache longer.
            parts = [
                self._evaluate(
                    x_m[i : i + chunk],
                    y_m[i : i + chunk],
                    count,
                    upto=upto,
                    footprint_m=None
                    if footprint_m is None
                    else footprint_m[i : i + chunk],
                )
                for i in range(0, x_m.size, chunk)
            ]
            return np.concatenate(parts, axis=1).reshape((count, *shape))
        result = np.zeros((count, x_m.size), dtype=np.float32)
        left = np.ones(x_m.size, dtype=np.float32)
        # With a footprint, the height still takes every level (channel 0,
        # weights ``left``) while the other channels leave out the levels too
        # fine for the pixel (weights ``left_fine``): one gather serves both.
        left_fine = None if footprint_m is None else np.ones_like(left)
        todo = np.arange(x_m.size)
        for level in reversed(self.levels[:upto]):
            if todo.size == 0:
                break
            xs, ys = x_m[todo], y_m[todo]
            if level.fades:
                over = level.inside(xs, ys)
                if not over.any():
                    continue
                todo_here, xs, ys = todo[over], xs[over], ys[over]
            else:
                todo_here = todo
            values, fade = level.gather(xs, ys, count)
            if left_fine is None:
                weight = left[todo_here] if fade is None else left[todo_here] * fade
                result[:, todo_here] += weight * values
                if fade is None:
                    break
                left[todo_here] *= 1.0 - fade
                todo = todo[left[todo] > 0]
                continue
            if fade is None:
                result[0, todo_here] += left[todo_here] * values[0]
                result[1:, todo_here] += left_fine[todo_here] * values[1:]
                break
            fine = fade * np.clip(
                np.float32(2.0)
                - footprint_m[todo_here] * np.float32(1.0 / level.spacing_m),
                0.0,
                1.0,
            )
            result[0, todo_here] += left[todo_here] * fade * values[0]
            result[1:, todo_here] += (left_fine[todo_here] * fine) * values[1:]
            left[todo_here] *= 1.0 - fade
            left_fine[todo_here] *= 1.0 - fine
            todo = todo[(left[todo] > 0) | (left_fine[todo] > 0)]
        return result.reshape((count, *shape))

    def height_m(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Return the ground height at points, including the curvature drop."""
        return self._evaluate(x_m, y_m, 1)[0] + self._curvature_m(x_m, y_m)

    def surface(self, x_m: np.ndarray, y_m: np.ndarray, footprint_m=None):
        """Return height (m), east and north slopes and albedo factor at points.

        Parameters
        ----------
        x_m, y_m : ndarray
            East and north positions of the points.
        footprint_m : ndarray, optional
            Size on the ground of the pixel that sees each point. Slopes and
            albedo then leave out relief finer than the pixel (see
            ``_evaluate``); the height keeps every level, so the ground
            stays where the rays found it.
        """
        values = self._evaluate(x_m, y_m, 4, footprint_m=footprint_m)
        height = values[0] + self._curvature_m(x_m, y_m)
        return height, values[1], values[2], 1.0 + values[3]

    def _curvature_m(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        if not self.curvature:
            return np.zeros(np.shape(x_m), dtype=np.float32)
        return (x_m * x_m + y_m * y_m) * np.float32(-0.5 / MOON_RADIUS_M)

    def light(self, sun_elevation_deg: float, sun_azimuth_deg: float) -> None:
        """Compute, on every level, the height of the grazing sunbeam."""
        from .lighting import sunbeam_heights

        for level in self.levels:
            xs, ys = level.grid_xy_m()
            # Each level's shadows come from its own relief and the coarser ones.
            total = level.combined_height_m + self._curvature_m(
                xs[None, :], ys[:, None]
            )
            level.beam_m = sunbeam_heights(
                total, level.spacing_m, sun_elevation_deg, sun_azimuth_deg
            )

    def in_shadow(
        self, x_m: np.ndarray, y_m: np.ndarray, z_m: np.ndarray
    ) -> np.ndarray:
        """Return True where points lie below the grazing sunbeam of the terrain."""
        shadow = np.zeros(np.shape(x_m), dtype=bool)
        decided = np.zeros_like(shadow)
        # The finest level that fully covers a point decides for it.
        for level in reversed(self.levels):
            if level.beam_m is None:
                continue
            todo = ~decided
            if not todo.any():
                break
            xs, ys, zs = x_m[todo], y_m[todo], z_m[todo]
            core = level.in_core(xs, ys)
            beam = level.sample_beam(xs[core], ys[core])
            below = np.zeros_like(core)
            below[core] = zs[core] < beam - np.float32(2e-4)
            shadow[todo] = below
            decided[todo] = core
        return shadow
