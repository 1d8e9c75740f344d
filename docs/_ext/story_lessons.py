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

Sphinx re-reads a page only when its own source changes, so a new lesson
would not show up in the mini-galleries of an incremental build. The list of
lessons is therefore remembered in the build environment, and when it changes
the story pages are read again.
"""

from __future__ import annotations

from pathlib import Path

BACKREFERENCES_DIR = "_generated/backreferences"
# The pages whose mini-galleries list lessons by file glob.
STORY_PREFIX = "story/"


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


def lesson_files(app) -> list[str]:
    """Return the gallery's lesson scripts, relative to the docs folder.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.

    Returns
    -------
    list of str
        Sorted POSIX paths such as ``"../examples/01_first_look/plot_01.py"``.
    """
    src_dir = Path(app.srcdir)
    examples_dirs = app.config.sphinx_gallery_conf.get("examples_dirs", [])
    if isinstance(examples_dirs, str):
        examples_dirs = [examples_dirs]
    found = []
    for examples_dir in examples_dirs:
        for path in (src_dir / examples_dir).rglob("plot_*.py"):
            found.append(Path(examples_dir, path.relative_to(src_dir / examples_dir)))
    return sorted(p.as_posix() for p in found)


def story_pages_to_reread(app, env, added, changed, removed) -> list[str]:
    """Re-read the story pages when lessons were added, removed or renamed.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The Sphinx application.
    env : sphinx.environment.BuildEnvironment
        The build environment, where the last list of lessons is kept.
    added, changed, removed : set of str
        Documents Sphinx already plans to read or drop (unused).

    Returns
    -------
    list of str
        The story pages, if the lessons changed; otherwise nothing.
    """
    current = lesson_files(app)
    previous = getattr(env, "story_lesson_files", None)
    env.story_lesson_files = current
    if previous is None or previous == current:
        return []
    return sorted(doc for doc in env.found_docs if doc.startswith(STORY_PREFIX))


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
    app.connect("env-get-outdated", story_pages_to_reread)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
