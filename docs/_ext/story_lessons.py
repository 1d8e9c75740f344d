"""Let the story pages' file-glob mini-galleries build without warnings.

Each story page ends with related lessons::

    ```{eval-rst}
    .. minigallery:: ../examples/02_tracks/plot_*.py
    ```

sphinx-gallery 0.22 warns on every ``minigallery`` when
``sphinx_gallery_conf["backreferences_dir"]`` is None, even for file globs,
and the strict build (``-W``) turns that warning into an error. When
``docs/conf.py`` does not set the option, this extension sets it to a folder
under the git-ignored ``docs/_generated/`` before sphinx-gallery reads its
configuration. A glob that matches no lesson yet (a topic folder still to
come) renders nothing and does not warn.
"""

from __future__ import annotations

BACKREFERENCES_DIR = "_generated/backreferences"


def enable_glob_minigalleries(app, config) -> None:
    """Give sphinx-gallery a backreferences folder unless conf.py chose one.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.
    config : sphinx.config.Config
        The configuration, at ``config-inited``.
    """
    gallery_conf = config.sphinx_gallery_conf
    if not gallery_conf.get("backreferences_dir"):
        gallery_conf["backreferences_dir"] = BACKREFERENCES_DIR


def setup(app):
    """Run before sphinx-gallery fills in its defaults (its priority is 10).

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    app.connect("config-inited", enable_glob_minigalleries, priority=5)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
