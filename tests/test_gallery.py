"""The Pillow scraper and show(), tested without running Sphinx."""

import re
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from docutils.core import publish_doctree
from docutils.nodes import caption as caption_node
from docutils.nodes import image as image_node
from PIL import Image
from sphinx_gallery.scrapers import ImagePathIterator

from lunar_edu import LunarEduError, Source, gallery, show
from lunar_edu.errors import GalleryError, MissingAltTextError, MissingCreditError


def _pixels(path):
    with Image.open(path) as image:
        return np.asarray(image)


def _saved(path):
    """The file the scraper wrote for an iterator path (WebP for photographs)."""
    (found,) = [p for p in path.parent.glob(path.stem + ".*") if p.suffix != ".png"]
    return found


def _outside_tag(pixels, tag_rows=0.4, tag_cols=0.6):
    """The picture without its lower-right corner, where the status tag sits."""
    rows, cols = pixels.shape[:2]
    top = pixels[: int(rows * (1 - tag_rows))]
    left = pixels[:, : int(cols * (1 - tag_cols))]
    return np.concatenate(
        [top.reshape(-1, *pixels.shape[2:]), left.reshape(-1, *pixels.shape[2:])]
    )


def _scrape(tmp_path, paths=None):
    paths = paths or ImagePathIterator(str(tmp_path / "sphx_glr_plot_x_{0:03}.png"))
    block_vars = {"image_path_iterator": paths}
    rst = gallery.scraper(("code", "", 1), block_vars, {"src_dir": str(tmp_path)})
    return rst, paths


def test_each_shown_picture_becomes_one_figure_with_its_own_alt_and_caption(
    tmp_path, sourced_image
):
    gallery.reset({}, "plot_x.py")
    dark = sourced_image
    bright = Image.new("RGB", (32, 16), (250, 240, 10))
    show(dark, alt="A dark gray square.", caption="First picture.")
    show(
        bright,
        alt="A yellow strip.",
        source=Source("real", "CNSA", "CC-BY-4.0"),
    )

    rst, paths = _scrape(tmp_path)

    assert len(paths) == 2
    first, second = (_saved(Path(p)) for p in paths.paths)
    # Photographic pictures (simulated or real) go on the web as WebP; apart
    # from the status tag in a corner their pixels are the ones shown.
    assert first.suffix == second.suffix == ".webp"
    dark_saved = _outside_tag(_pixels(first).astype(int))
    assert np.abs(dark_saved - 90).max() <= 3
    bright_saved = _outside_tag(_pixels(second).astype(int))
    assert np.abs(bright_saved - (250, 240, 10)).mean() <= 4
    assert rst.count(".. figure::") == 2
    assert ":alt: A dark gray square." in rst
    assert ":alt: A yellow strip." in rst
    assert "/sphx_glr_plot_x_001.webp" in rst
    assert "/sphx_glr_plot_x_002.webp" in rst


def test_a_later_block_does_not_emit_the_same_picture_again(tmp_path, sourced_image):
    gallery.reset({}, "plot_x.py")
    show(sourced_image, alt="A gray square.")
    first, paths = _scrape(tmp_path)
    second, paths = _scrape(tmp_path, paths)
    assert first.count(".. figure::") == 1
    assert second == ""
    assert len(paths) == 1


def test_reset_forgets_pictures_left_by_a_failed_example(tmp_path, sourced_image):
    gallery.reset({}, "plot_a.py")
    show(sourced_image, alt="A gray square.")
    gallery.reset({}, "plot_b.py")
    rst, paths = _scrape(tmp_path)
    assert rst == ""
    assert len(paths) == 0


def test_the_captured_picture_is_a_copy(tmp_path, sourced_image):
    gallery.reset({}, "plot_x.py")
    show(sourced_image, alt="A gray square.")
    sourced_image.paste(255, (0, 0, 64, 48))  # the lesson keeps drawing afterwards
    _, paths = _scrape(tmp_path)
    assert _outside_tag(_pixels(_saved(Path(paths.paths[0])))).max() <= 93


def test_figure_rst_parses_to_an_image_with_alt_and_the_caption_as_plain_text():
    tricky = "1. Look *here*: `rim` | 50% of_it_ [1]_ <b> -- Credit: CNSA."
    rst = gallery.figure_rst("/a.png", alt="Craters\nand rocks", caption=tricky)
    doctree = publish_doctree(rst, settings_overrides={"report_level": 2})
    (img,) = doctree.findall(image_node)
    (cap,) = doctree.findall(caption_node)
    assert img["alt"] == "Craters and rocks"
    assert cap.astext() == tricky
    assert not list(doctree.findall(lambda n: n.tagname == "system_message"))


def test_caption_includes_credit_and_says_simulated(tmp_path, sourced_image):
    gallery.reset({}, "plot_x.py")
    show(sourced_image, alt="A gray square.", caption="Look at the middle.")
    rst, _ = _scrape(tmp_path)
    caption_line = rst.strip().splitlines()[-1].strip()
    assert caption_line.startswith("Look at the middle\\.")
    assert "Simulated picture" in caption_line
    assert "Credit\\: lunar\\_edu contributors" in caption_line


def test_show_without_alt_names_the_missing_argument(sourced_image):
    with pytest.raises(MissingAltTextError, match="'alt'"):
        show(sourced_image)
    with pytest.raises(MissingAltTextError, match="'alt'"):
        show(sourced_image, alt="   ")
    assert issubclass(MissingAltTextError, LunarEduError)


def test_show_refuses_a_file_name_as_alt_text(sourced_image):
    with pytest.raises(MissingAltTextError, match="file name"):
        show(sourced_image, alt="sphx_glr_plot_01_001.png")


def test_show_needs_to_know_whose_picture_it_is():
    with pytest.raises(MissingCreditError, match="source="):
        show(Image.new("L", (4, 4)), alt="A black square.")


def test_show_refuses_things_that_are_not_pictures():
    with pytest.raises(GalleryError, match="Pillow image"):
        show(np.zeros((4, 4)), alt="An array.")


def test_as_a_script_show_saves_a_png_and_prints_its_path(
    tmp_path, capsys, sourced_image
):
    show(sourced_image, alt="A gray square.", caption="Look.")
    show(sourced_image, alt="The same square.")
    out = capsys.readouterr().out
    saved = sorted((tmp_path / "pictures").glob("*.png"))
    assert len(saved) == 2
    assert [str(p) for p in saved] == re.findall(r"Saved picture to (\S+)", out)
    assert "Alt text: A gray square." in out
    # RGB, because the blue status tag is drawn on the gray picture.
    assert _pixels(saved[0]).shape == (48, 64, 3)


def test_output_folder_defaults_to_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("LUNAR_EDU_OUTPUT_DIR")
    monkeypatch.chdir(tmp_path)
    assert gallery.output_dir() == tmp_path / "lunar_edu_pictures"


def test_with_a_display_show_opens_a_viewer_instead_of_saving(
    monkeypatch, tmp_path, capsys, sourced_image
):
    opened = []
    monkeypatch.setenv("LUNAR_EDU_SHOW", "auto")
    monkeypatch.setattr(gallery, "_has_display", lambda: True)
    monkeypatch.setattr(
        gallery.ImageShow,
        "show",
        lambda image, title=None: opened.append((image, title)) or 1,
    )
    show(sourced_image, alt="A gray square.", caption="Look at the middle.")
    ((image, title),) = opened
    # The window title and the terminal both carry the caption and credit.
    assert title.startswith("Look at the middle. Simulated picture")
    assert "Credit: lunar_edu contributors. Licence: CC-BY-4.0." in title
    out = capsys.readouterr().out
    assert "Showing: A gray square." in out
    assert "Caption: Look at the middle. Simulated picture" in out
    assert "Credit: lunar_edu contributors" in out
    # The viewer gets the tagged picture.
    assert image.info["lunar_edu.status_tag"].text.startswith("SIM")
    assert not (tmp_path / "pictures").exists()


def test_a_long_caption_keeps_the_credit_in_the_window_title(
    monkeypatch, sourced_image
):
    opened = []
    monkeypatch.setenv("LUNAR_EDU_SHOW", "viewer")
    monkeypatch.setattr(
        gallery.ImageShow, "show", lambda image, title=None: opened.append(title) or 1
    )
    show(sourced_image, alt="A gray square.", caption="Very long. " * 40)
    (title,) = opened
    assert len(title) <= 200
    assert title.endswith("Credit: lunar_edu contributors. Licence: CC-BY-4.0.")
    assert "Simulated picture" in title


def test_without_a_working_viewer_show_falls_back_to_saving(
    monkeypatch, tmp_path, sourced_image
):
    monkeypatch.setenv("LUNAR_EDU_SHOW", "viewer")
    monkeypatch.setattr(gallery.ImageShow, "show", lambda image, title=None: False)
    show(sourced_image, alt="A gray square.")
    assert len(list((tmp_path / "pictures").glob("*.png"))) == 1


def test_an_unknown_show_mode_is_a_clear_error(monkeypatch, sourced_image):
    monkeypatch.setenv("LUNAR_EDU_SHOW", "projector")
    with pytest.raises(GalleryError, match="LUNAR_EDU_SHOW is 'projector'"):
        show(sourced_image, alt="A gray square.")


def test_in_jupyter_show_displays_the_picture_inline(
    monkeypatch, tmp_path, sourced_image
):
    displayed = []
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: object()
    display_module = types.ModuleType("IPython.display")
    display_module.display = displayed.append
    display_module.HTML = lambda data: ("HTML", data)
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    show(sourced_image, alt="A gray square.", caption="Look.")
    ((kind, html),) = displayed
    assert kind == "HTML"
    assert html.startswith('<figure class="lunar-edu-figure"><img alt="A gray square."')
    assert 'src="data:image/webp;base64,' in html
    assert 'width="64" height="48"' in html
    assert "<figcaption>Look. Simulated picture" in html
    assert "Credit: lunar_edu contributors. Licence: CC-BY-4.0.</figcaption>" in html
    assert not (tmp_path / "pictures").exists()
