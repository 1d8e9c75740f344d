"""The bundled image catalogue and the checks that guard it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import lunar_edu as le
from lunar_edu.catalog import (
    ALT_MAX_CHARS,
    CatalogEntry,
    CatalogError,
    catalog,
    entry_by_id,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).parents[1]
BUNDLED = ROOT / "lunar_edu" / "catalog.toml"
REQUIRED = (
    "id",
    "title",
    "seed_caption",
    "caption",
    "alt",
    "instrument",
    "credit",
    "licence",
    "sources",
    "scene",
)
SUBJECT_SCENES = {
    "rover-driving-away",
    "rover-tracks",
    "smoother-high-sun",
    "little-craters",
    "desolate-landscape",
    "lander-from-rover",
    "more-tracks",
    "nearby-crater",
    "long-shadows-low-sun",
    "gray-moon",
    "dry-ground",
    "polar-shaded-crater",
    "farewell-rover",
}


def known_recipes() -> set[str]:
    from lunar_edu.synth import RECIPES

    return set(RECIPES)


@pytest.fixture(autouse=True)
def bundled_catalogue(monkeypatch):
    monkeypatch.delenv("LUNAR_EDU_CATALOG", raising=False)


def raw_entries():
    with BUNDLED.open("rb") as handle:
        return tomllib.load(handle)["entry"]


def test_public_name_returns_typed_frozen_entries():
    entries = le.catalog()
    assert isinstance(entries, tuple)
    assert all(isinstance(e, CatalogEntry) for e in entries)
    with pytest.raises(AttributeError):
        entries[0].caption = "changed"


@pytest.mark.parametrize("raw", raw_entries(), ids=lambda raw: raw.get("id", "?"))
def test_every_entry_has_every_field_filled_in(raw):
    # Read straight from the TOML, independently of the loader's own checks.
    missing = [name for name in REQUIRED if not raw.get(name)]
    assert missing == []
    for name in REQUIRED:
        if name != "sources":
            assert str(raw[name]).strip(), name
    for source in raw["sources"]:
        assert source["kind"] in ("url", "product", "illustration")
        if source["kind"] == "illustration":
            assert source == {"kind": "illustration"}
        elif source["kind"] == "url":
            assert source["url"].startswith("https://")
            assert source["sha256"] == "unpinned" or re.fullmatch(
                "[0-9a-f]{64}", source["sha256"]
            )
            assert source["size_bytes"] == "unknown" or source["size_bytes"] > 0
        else:
            assert source["pattern"].startswith("CE4_GRAS_")


def test_ids_are_kebab_case_and_unique():
    ids = [e.id for e in catalog()]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert len(ids) == len(set(ids))


def test_alt_text_is_short_and_not_a_file_name():
    for entry in catalog():
        assert 20 <= len(entry.alt) <= ALT_MAX_CHARS, entry.id
        assert not re.search(r"\.(png|jpe?g|tiff?)$", entry.alt), entry.id


def test_every_scene_is_a_known_recipe():
    recipes = known_recipes()
    assert {e.scene for e in catalog()} <= recipes


def test_the_fourteen_subjects_of_the_2020_release_are_covered():
    # One subject, ice in polar craters, was never seen by a Chang'e 4
    # camera: it is an illustration (see the test below).
    subjects = [
        e
        for e in catalog()
        if e.licence == "LicenseRef-CLEP-Terms" or e.instrument == "illustration"
    ]
    assert len(subjects) == 14
    assert {e.scene for e in subjects} == SUBJECT_SCENES
    # "whether water could exist here" and "how dry it looks" share a scene.
    assert sorted(e.id for e in subjects if e.scene == "dry-ground") == [
        "could-water-exist-here",
        "dry-ground",
    ]
    photographed = [e for e in subjects if e.instrument != "illustration"]
    assert all(e.credit == "CNSA/CLEP" and e.products for e in photographed)
    # CLEP products are read from a teacher's folder, never downloaded.
    assert all(not e.downloads for e in subjects)


def test_the_polar_ice_entry_is_an_illustration_not_a_change4_picture():
    # Chang'e 4 landed at about 45.4° S; none of its cameras saw a polar
    # crater, so no real product may be served as this picture.
    polar = next(e for e in catalog() if e.id == "polar-ice-shaded-craters")
    assert polar.instrument == "illustration"
    assert polar.products == ()
    assert polar.downloads == ()
    assert [s.kind for s in polar.sources] == ["illustration"]
    assert "CNSA" not in polar.credit
    assert "simulated" in polar.credit
    assert polar.licence == "CC-BY-4.0"
    assert polar.caption.startswith("An illustration, not a Chang'e 4 picture")


def test_the_iau_panorama_is_an_open_licence_download_without_a_guessed_roi():
    panorama = next(e for e in catalog() if e.id == "landing-site-panorama")
    assert panorama.credit == "CNSA"
    assert panorama.licence == "CC-BY-4.0"
    (source,) = panorama.downloads
    assert source.url.endswith("/iau1901a.jpg")
    # data.md does not say where the rover sits in the strip: no invented box.
    assert source.roi_px is None
    assert "rover" in panorama.alt


def test_the_orbital_view_is_lrocs_small_featured_image_not_the_whole_strip():
    orbit = entry_by_id("lroc-above-landing-site")
    assert orbit.credit == "NASA/GSFC/Arizona State University"
    assert orbit.licence == "LicenseRef-LROC-Terms"
    (source,) = orbit.downloads
    # The LROC team's own crop around the lander (NAC M1303619844LR, [S8]),
    # not the 10280 x 52400 TIFF strip of 539 MB on Commons.
    assert source.url.startswith("https://lroc.im-ldi.com/")
    assert "M1303619844LR" in source.url
    assert source.url.endswith(".png")
    assert "tiff" not in source.url.lower()
    # Found, not downloaded: unpinned until a maintainer's `make pin`.
    assert not source.pinned
    assert source.size_bytes is None
    assert "arrow" in orbit.alt


def test_open_licence_entries_describe_their_simulated_stand_in_separately():
    for entry in catalog():
        if entry.downloads:
            assert entry.simulated_alt, entry.id
        if entry.simulated_alt:
            assert entry.alt_for(simulated=True) == entry.simulated_alt
            assert entry.alt_for(simulated=False) == entry.alt
            assert entry.simulated_alt != entry.alt
        else:
            # The scene shows the subject itself: one description fits both.
            assert entry.alt_for(simulated=True) == entry.alt


def test_captions_with_numbers_name_their_source():
    for entry in catalog():
        if re.search(r"\d", entry.caption):
            assert re.search(r"\[S\d+\]", entry.caption) or "tan(" in entry.caption, (
                entry.id
            )


def test_water_captions_put_the_ice_at_the_poles_not_at_the_landing_site():
    for entry in catalog():
        text = entry.caption.lower()
        if "ice" in text.split() or "ice." in text:
            assert "pole" in text, entry.id
    water_here = next(e for e in catalog() if e.id == "could-water-exist-here")
    assert "not at this site" in water_here.caption.lower()
    assert "45.4° S" in water_here.caption


def test_captions_are_one_to_three_sentences():
    for entry in catalog():
        sentences = re.findall(r"[.?!](?:\s|$)", entry.caption)
        assert 1 <= len(sentences) <= 3, entry.id


def test_every_source_tag_is_listed_on_the_pictures_page():
    page = (ROOT / "docs" / "pictures.md").read_text(encoding="utf-8")
    tags = {t for e in catalog() for t in re.findall(r"\[(S\d+)\]", e.caption)}
    assert tags
    for tag in sorted(tags):
        assert f"[{tag}]" in page, tag


# --- malformed catalogues -----------------------------------------------------

GOOD_ENTRY = """
[[entry]]
id = "{id}"
title = "T"
seed_caption = "S"
caption = "C."
alt = "{alt}"
instrument = "PCAM"
credit = "CNSA/CLEP"
licence = "LicenseRef-CLEP-Terms"
scene = "{scene}"

[[entry.sources]]
kind = "product"
pattern = "CE4_GRAS_PCAM*"
"""


def entry_text(**fields):
    values = {"id": "good-one", "alt": "Gray ground.", "scene": "rover-tracks"}
    values.update(fields)
    return GOOD_ENTRY.format(**values)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            entry_text().replace('alt = "Gray ground."\n', ""),
            "entry 'good-one'.*'alt' is missing",
        ),
        (
            entry_text().replace('caption = "C."', 'caption = "  "'),
            "entry 'good-one'.*'caption' is empty",
        ),
        (entry_text(alt="x" * 251), "entry 'good-one'.*'alt' has 251 characters"),
        (
            entry_text().replace("title =", f'simulated_alt = "{"y" * 260}"\ntitle ='),
            "entry 'good-one'.*'simulated_alt' has 260 characters",
        ),
        (entry_text(id="Bad_Id"), "entry 'Bad_Id'.*'id' must be kebab-case"),
        (entry_text(scene="moonwalk"), "entry 'good-one'.*'scene' is 'moonwalk'"),
        (entry_text() + entry_text(), "entry 'good-one' appears twice"),
        (entry_text().replace('id = "good-one"\n', ""), "entry #1.*'id' is missing"),
        (
            entry_text().split("[[entry.sources]]")[0],
            "entry 'good-one'.*'sources' is missing",
        ),
        (
            entry_text().replace(
                'kind = "product"\npattern = "CE4_GRAS_PCAM*"',
                'kind = "url"\nurl = "https://x.org/a.png"\nsha256 = "abc"\nsize_bytes = 3',
            ),
            "entry 'good-one' source #1.*'sha256' must be 64 hex",
        ),
        (entry_text().replace('title = "T"', 'title = "T'), "not valid TOML"),
        (entry_text().replace('title = "T"', 'titel = "T"'), "unknown field 'titel'"),
        ("", "no \\[\\[entry\\]\\] tables"),
    ],
    ids=[
        "missing-alt",
        "empty-caption",
        "long-alt",
        "long-simulated-alt",
        "not-kebab",
        "unknown-scene",
        "duplicate-id",
        "missing-id",
        "no-sources",
        "bad-hash",
        "bad-toml",
        "typo-field",
        "empty-file",
    ],
)
def test_malformed_catalogue_names_the_entry_and_the_field(tmp_path, text, message):
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=message):
        catalog(path)


def test_env_var_selects_another_catalogue(tmp_path, monkeypatch):
    path = tmp_path / "other.toml"
    path.write_text(entry_text(), encoding="utf-8")
    monkeypatch.setenv("LUNAR_EDU_CATALOG", str(path))
    assert [e.id for e in le.catalog()] == ["good-one"]
    monkeypatch.setenv("LUNAR_EDU_CATALOG", str(tmp_path / "nowhere.toml"))
    with pytest.raises(CatalogError, match="LUNAR_EDU_CATALOG"):
        le.catalog()


def test_catalogue_ships_inside_the_package():
    import importlib.resources

    text = (
        importlib.resources.files("lunar_edu")
        .joinpath("catalog.toml")
        .read_text(encoding="utf-8")
    )
    assert "[[entry]]" in text
    assert sys.modules["lunar_edu.catalog"].catalog_path() == BUNDLED


def test_load_renders_the_entry_scene_through_the_virtual_change4(monkeypatch):
    monkeypatch.setenv("LUNAR_EDU_OFFLINE", "1")
    frame = le.load("polar-ice-shaded-craters")
    assert frame.source.is_simulated
    assert "polar-shaded-crater" in frame.source.origin
    assert frame.meta["lunar_edu.served_by"] == "simulated"
    assert frame.meta["lunar_edu.entry"] == "polar-ice-shaded-craters"
    assert frame.camera.name == "LCAM"


@pytest.mark.parametrize(
    ("entry_id", "product_id", "matches"),
    [
        # Product ids as named in reference/data.md (where it elides the
        # times, they are filled in following the documented name form).
        (
            "rover-tracks",
            "CE4_GRAS_PCAML-C-015_SCI_N_20190925034417_20190925034417_0076_B",
            True,
        ),
        (
            "rover-tracks",
            "CE4_GRAS_PCAMR-C-006_SCI_N_20190104084559_20190104084559_0001_B",
            True,
        ),
        # Panchromatic -Q frames are not colour pictures of the subject.
        (
            "gray-moon",
            "CE4_GRAS_PCAML-Q-055_SCI_N_20250304065925_20250304065925_0347_B",
            False,
        ),
        (
            "farewell-rover",
            "CE4_GRAS_TCAM-I-023_SCI_N_20190106035123_20190106035123_0004_A",
            True,
        ),
        (
            "farewell-rover",
            "CE4_GRAS_PCAML-C-015_SCI_N_20190925034417_20190925034417_0076_B",
            False,
        ),
        # A descent frame shows the landing site, never a polar crater.
        (
            "polar-ice-shaded-craters",
            "CE4_GRAS_LCAM-1-5357_SCI_N_20190103022130_20190103022130_0001_A",
            False,
        ),
    ],
)
def test_product_patterns_match_real_clep_ids_of_their_camera(
    entry_id, product_id, matches
):
    from fnmatch import fnmatchcase

    entry = entry_by_id(entry_id)
    assert any(fnmatchcase(product_id, s.pattern) for s in entry.products) is matches
