"""The virtual Chang'e 4: recipes, determinism, layout and bad input."""

import math

import numpy as np
import pytest

import lunar_edu as le
from lunar_edu.camera import field_of_view_deg
from lunar_edu.errors import LunarEduError
from lunar_edu.synth import RECIPES, SceneError, UnknownRecipeError, render_scene

LAYOUTS = {
    "PCAM": ("bayer_rggb", np.uint16, 10, (432, 588)),
    "TCAM": ("rgb", np.uint8, 8, (432, 588, 3)),
    "LCAM": ("gray", np.uint8, 8, (256, 256)),
}

FIXED_NAMES = {
    "rover-driving-away", "rover-tracks", "smoother-high-sun", "little-craters",
    "desolate-landscape", "lander-from-rover", "more-tracks", "nearby-crater",
    "long-shadows-low-sun", "gray-moon", "dry-ground", "polar-shaded-crater",
    "farewell-rover", "descent-view",
}  # fmt: skip


def test_recipe_names_are_the_agreed_ones_with_their_fields():
    assert set(RECIPES) == FIXED_NAMES
    for name, recipe in RECIPES.items():
        assert recipe.name == name
        assert recipe.camera_name in LAYOUTS
        assert -90 <= recipe.default_sun_elevation_deg <= 90
        assert 0 <= recipe.default_sun_azimuth_deg < 360
        assert recipe.title
        assert recipe.description.endswith(".")


@pytest.mark.parametrize("name", sorted(FIXED_NAMES))
def test_every_recipe_gives_a_simulated_frame_in_its_cameras_layout(name):
    frame = render_scene(name, size="quarter")
    layout, dtype, bits, shape = LAYOUTS[RECIPES[name].camera_name]
    assert frame.layout == layout
    assert frame.pixels.dtype == dtype
    assert frame.pixels.shape == shape
    assert frame.bit_depth == bits
    assert int(frame.pixels.max()) <= 2**bits - 1
    assert frame.camera.name == RECIPES[name].camera_name
    assert frame.source.kind == "simulated"
    assert frame.source.licence == "CC-BY-4.0"
    assert "virtual Chang'e 4" in frame.source.credit
    assert name in frame.source.origin
    assert name.upper() in frame.source.product_id
    assert frame.truth.range_m.shape == frame.pixels.shape[:2]
    assert frame.truth.range_m.dtype == np.float32
    # The picture is neither blank nor burnt out: it shows something.
    assert frame.pixels.std() > 0.02 * (2**bits - 1)
    assert frame.sun.elevation_deg == RECIPES[name].default_sun_elevation_deg
    for feature in frame.truth.features:
        x, y = feature.xy_px
        assert -0.5 <= x <= shape[1] - 0.5
        assert -0.5 <= y <= shape[0] - 0.5
        assert feature.size_m > 0
        assert feature.distance_m > 0


@pytest.mark.fresh_renders
def test_same_seed_gives_identical_bytes_and_another_seed_does_not():
    first = render_scene("little-craters", size="quarter", seed=7)
    again = render_scene("little-craters", size="quarter", seed=7)
    other = render_scene("little-craters", size="quarter", seed=8)
    assert first.pixels.tobytes() == again.pixels.tobytes()
    assert np.array_equal(first.truth.range_m, again.truth.range_m)
    assert first.truth.features == again.truth.features
    assert np.mean(first.pixels != other.pixels) > 0.3


def test_public_name_is_the_same_function():
    assert le.render_scene is render_scene


def test_sizes_keep_the_field_of_view():
    half = render_scene("gray-moon", size="half").camera
    quarter = render_scene("gray-moon", size="quarter").camera
    assert (half.width_px, half.height_px) == (1176, 864)
    assert (quarter.width_px, quarter.height_px) == (588, 432)
    for a, b in zip(field_of_view_deg(half), field_of_view_deg(quarter), strict=True):
        assert a == pytest.approx(b, rel=1e-3)
    assert a == pytest.approx(14.5, abs=0.2)


def test_a_lower_sun_shadows_more_of_the_ground():
    def shadowed_fraction(elevation):
        frame = render_scene(
            "smoother-high-sun", size="quarter", sun_elevation=elevation, seed=3
        )
        green = frame.pixels[0::2, 1::2].astype(float)
        ground = np.isfinite(frame.truth.range_m[0::2, 1::2])
        values = green[ground]
        return np.mean(values < 0.3 * np.percentile(values, 90))

    low, middle, high = (shadowed_fraction(e) for e in (4.0, 20.0, 70.0))
    assert low > middle > high
    assert low > 0.03
    assert high < 0.02


def test_a_higher_sun_makes_the_same_ground_look_smoother():
    def roughness(elevation):
        frame = render_scene(
            "smoother-high-sun", size="quarter", sun_elevation=elevation
        )
        green = frame.pixels[0::2, 1::2].astype(float)
        return green.std() / green.mean()

    assert roughness(10.0) > roughness(60.0)


def test_the_sky_is_black_above_the_close_horizon():
    frame = render_scene("desolate-landscape", size="quarter")
    sky = ~np.isfinite(frame.truth.range_m)
    assert sky[0].all()  # the top row is sky
    assert 0.1 < sky.mean() < 0.6
    raw = frame.pixels.astype(float)
    assert raw[sky].mean() < 20  # dark offset and noise only
    assert raw[~sky].mean() > 5 * raw[sky].mean()
    # The farthest ground seen is the horizon, about 2.3 km for a 1.5 m mast.
    farthest = np.nanmax(np.where(sky, np.nan, frame.truth.range_m))
    assert 800 < farthest < 3500


def test_rover_lander_rocks_and_craters_are_in_the_truth():
    away = render_scene("rover-driving-away", size="quarter")
    (rover,) = away.truth.of_kind("rover")
    assert rover.size_m == 1.5
    assert 5 < rover.distance_m < 12
    assert away.truth.range_m[round(rover.xy_px[1]), round(rover.xy_px[0])] < 12
    lander = render_scene("lander-from-rover", size="quarter").truth.of_kind("lander")
    assert len(lander) == 1
    assert 10 < lander[0].distance_m < 20
    craters = render_scene("nearby-crater", size="quarter").truth.of_kind("crater")
    (near,) = [c for c in craters if c.distance_m < 15 and c.size_m > 5]
    assert near.size_m == 7.0
    # 10.5 m ahead, where the camera (8 degrees down) points: mid-picture.
    assert 150 < near.xy_px[1] < 280
    rocks = render_scene("long-shadows-low-sun", size="quarter").truth.of_kind("rock")
    assert len(rocks) > 10
    assert all(r.shadow_tip_xy_px is not None for r in rocks)


def test_descent_view_scales_with_altitude():
    low = render_scene("descent-view", size="quarter", altitude_m=100.0)
    high = render_scene("descent-view", size="quarter", altitude_m=400.0)
    assert low.meta["altitude_m"] == 100.0
    assert low.camera.height_above_ground_m == 100.0
    centre = (128, 128)
    assert low.truth.range_m[centre] == pytest.approx(100.0, abs=2.0)
    assert high.truth.range_m[centre] == pytest.approx(400.0, abs=8.0)
    assert low.truth.of_kind("crater")[0].size_m * 4 == pytest.approx(
        high.truth.of_kind("crater")[0].size_m, rel=0.4
    )


def test_polar_crater_floor_is_in_shadow_under_a_grazing_sun():
    frame = render_scene("polar-shaded-crater", size="quarter")
    crater = frame.truth.of_kind("crater")[0]
    x, y = (round(v) for v in crater.xy_px)
    floor = frame.pixels[y - 3 : y + 4, x - 3 : x + 4].astype(float)
    assert not frame.truth.sunlit[y - 3 : y + 4, x - 3 : x + 4].any()
    # As dark as shadow: under a grazing Sun the lit ground ranges from dim
    # flats to bright slopes facing the Sun; the floor is below all of it.
    lit = frame.pixels[frame.truth.sunlit].astype(float)
    assert floor.mean() < 0.35 * np.percentile(lit, 75)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"sun_elevation": 95.0}, "sun_elevation"),
        ({"sun_elevation": -91.0}, "sun_elevation"),
        ({"sun_elevation": math.nan}, "sun_elevation"),
        ({"sun_azimuth": "east"}, "sun_azimuth"),
        ({"size": "huge"}, "size must be one of full, preview, half, quarter"),
        ({"mode": "X"}, "mode must be 'C'"),
        ({"size": -1}, "size"),
        ({"seed": -3}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"altitude_m": -10.0}, "altitude_m"),
    ],
)
def test_bad_parameters_raise_a_clear_scene_error(kwargs, words):
    recipe = "descent-view" if "altitude_m" in kwargs else "gray-moon"
    with pytest.raises(SceneError, match=words) as caught:
        render_scene(recipe, **kwargs)
    assert isinstance(caught.value, LunarEduError)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).endswith((".", "?"))


def test_an_unknown_recipe_suggests_the_closest_names():
    with pytest.raises(UnknownRecipeError, match="'rover-tracks'"):
        render_scene("rover-track")
    with pytest.raises(UnknownRecipeError, match="choose one of"):
        render_scene("zzz")


def test_altitude_is_only_for_the_descent_camera():
    with pytest.raises(SceneError, match="only to descent-camera"):
        render_scene("gray-moon", altitude_m=100.0)


def test_a_sun_below_the_horizon_leaves_the_ground_dark():
    frame = render_scene("gray-moon", size="quarter", sun_elevation=-5.0)
    assert frame.pixels.mean() < 30


def test_small_and_large_pictures_of_a_seed_show_the_same_scene():
    quarter = render_scene("long-shadows-low-sun", size="quarter", seed=4)
    half = render_scene("long-shadows-low-sun", size="half", seed=4)
    small = {f.name: f for f in quarter.truth.of_kind("rock")}
    large = {f.name: f for f in half.truth.of_kind("rock")}
    shared = sorted(set(small) & set(large))
    assert len(shared) > 10
    for name in shared:
        assert small[name].size_m == large[name].size_m
        x, y = small[name].xy_px
        # Twice the pixels across: (x + 0.5) * 2 - 0.5 in the larger picture.
        assert large[name].xy_px[0] == pytest.approx(2 * x + 0.5, abs=3)
        assert large[name].xy_px[1] == pytest.approx(2 * y + 0.5, abs=3)


def test_every_default_sun_is_one_the_sun_takes_at_the_landing_site():
    # At 45.4 S the Sun stays in the northern half of the sky and below
    # about 46 degrees; a south-eastern or 60-degree Sun would be a fiction.
    from lunar_edu.sunlight import AXIAL_TILT_DEG, CHANGE4_LATITUDE_DEG, sun_position

    hours = np.linspace(-180.0, 180.0, 3601)
    path = [
        sun_position(CHANGE4_LATITUDE_DEG, float(h), declination)
        for declination in np.linspace(-AXIAL_TILT_DEG, AXIAL_TILT_DEG, 7)
        for h in hours
    ]
    for name, recipe in RECIPES.items():
        if name == "polar-shaded-crater":  # near a pole, not at the site
            continue
        elevation = recipe.default_sun_elevation_deg
        azimuth = recipe.default_sun_azimuth_deg
        closest = min(
            math.hypot(
                s.elevation_deg - elevation,
                (s.azimuth_deg - azimuth + 180.0) % 360.0 - 180.0,
            )
            for s in path
        )
        assert closest < 1.0, (name, elevation, azimuth)
