"""The ``catalog-entries`` directive: the "Where the pictures come from" cards.

Used in ``docs/pictures.md`` as::

    ```{catalog-entries}
    ```

At build time it reads the image catalogue (``lunar_edu.catalog()``) and, for
every entry, writes a card: a small thumbnail of its simulated scene with
the entry's alt text, the words "simulated" or "real" next to the picture,
the credit and licence of the picture shown and of the real picture, the
teaching caption, links to where the real picture comes from, and links to
the gallery lessons that teach with it.

Thumbnails are rendered offline from the virtual Chang'e 4 at quarter size,
shrunk to at most 480 pixels wide, stamped with the "SIMULATED · lunar_edu"
tag and saved as WebP with their alt text, credit, licence and status inside
(``lunar_edu.picture_file.save_picture``), into ``docs/_generated/catalog/``
(git-ignored), one per scene recipe, and redrawn only when missing or when
the catalogue, the renderer or the tag changed. The build never uses the
network.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

GENERATED_DIR = Path("_generated") / "catalog"
THUMBNAIL_SIZE = "quarter"
#: Widest thumbnail in pixels: cards show them 300 px wide, so 480 px stays
#: sharp on screens with 1.5 device pixels per CSS pixel.
THUMBNAIL_MAX_WIDTH_PX = 480
THUMBNAIL_SUFFIX = ".webp"


def thumbnail_fingerprint(recipe: str) -> str:
    """Return a fingerprint of what a thumbnail depends on: recipe, size, renderer.

    Parameters
    ----------
    recipe : str
        The scene recipe name.

    Returns
    -------
    str
        A short hex digest; a different value means "draw it again".
    """
    key = f"{recipe}|{THUMBNAIL_SIZE}|{THUMBNAIL_MAX_WIDTH_PX}|{THUMBNAIL_SUFFIX}"
    digest = hashlib.sha256(key.encode())
    spec = importlib.util.find_spec("lunar_edu.synth")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(path.read_bytes())
    # The tag and the file writer are part of what a thumbnail looks like.
    for module in ("lunar_edu.stamp", "lunar_edu.picture_file"):
        found = importlib.util.find_spec(module)
        if found is not None and found.origin:
            digest.update(Path(found.origin).read_bytes())
    return digest.hexdigest()[:16]


def render_thumbnail(
    recipe: str, folder: Path, *, alt: str = "", title: str = ""
) -> tuple[Path, Any]:
    """Render a scene at quarter size into ``folder`` unless it is up to date.

    Parameters
    ----------
    recipe : str
        The scene recipe name.
    folder : pathlib.Path
        Where thumbnails are kept.
    alt : str, optional
        Alt text stored in the file; by default one naming the scene.
    title : str, optional
        Title stored in the file.

    Returns
    -------
    tuple of (pathlib.Path, Source)
        The WebP file (at most 480 px wide, status tag in its lower-right
        corner, metadata inside) and the source of the rendered frame.
    """
    from PIL import Image

    import lunar_edu
    from lunar_edu.frame import simulated_source
    from lunar_edu.picture_file import save_picture
    from lunar_edu.provenance import credit_line
    from lunar_edu.stamp import stamp_status

    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{recipe}{THUMBNAIL_SUFFIX}"
    stamp = folder / f"{recipe}.fingerprint"
    fingerprint = thumbnail_fingerprint(recipe)
    source = simulated_source(f"virtual Chang'e 4 scene '{recipe}'")
    if png.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
        return png, source
    frame = lunar_edu.render_scene(recipe, size=THUMBNAIL_SIZE)
    if not frame.source.is_simulated:  # pragma: no cover - a renderer bug
        msg = f"The scene {recipe!r} did not mark its frame as simulated."
        raise ValueError(msg)
    picture = lunar_edu.develop(frame)
    if picture.width > THUMBNAIL_MAX_WIDTH_PX:
        height = round(picture.height * THUMBNAIL_MAX_WIDTH_PX / picture.width)
        size = (THUMBNAIL_MAX_WIDTH_PX, height)
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    # The tag goes on after shrinking, so it is drawn at the thumbnail's scale.
    picture = stamp_status(picture, frame.source)
    temporary = png.with_suffix(f".tmp{THUMBNAIL_SUFFIX}")
    save_picture(
        picture,
        temporary,
        alt=alt or f"Simulated view of the virtual Chang'e 4 scene '{recipe}'.",
        caption=credit_line(frame.source),
        title=title or recipe,
        source=frame.source,
    )
    temporary.replace(png)
    stamp.write_text(fingerprint)
    return png, frame.source


#: The cards' own words, translated with the runtime messages
#: (lunar_edu/locale/<lang>/LC_MESSAGES/lunar_edu.po; tools/extract_messages.py
#: collects them from here). Sphinx's own catalogues cannot translate them:
#: nodes a directive makes have no source line, and gettext skips those.
MESSAGES = (
    "Simulated picture (virtual Chang'e 4), not a photograph.",
    "Credit: {credit}. Licence: {licence}.",
    "It stands in for the real picture described below.",
    "Subject in the January 2020 news gallery",
    "Real picture",
    "none: an illustration, not a Chang'e 4 picture.",
    "{instrument}; credit: {credit}; licence: {licence}.",
    "hash pinned",
    "not yet pinned, so not used",
    "Download (real, open licence)",
    "Your own CLEP product (real)",
    "a product matching",
    "in the folder",
    "More about it",
    "Lessons",
    "Try it",
)


def _text(value: str) -> nodes.Text:
    return nodes.Text(value)


def _labelled(label: str, *children: nodes.Node) -> nodes.list_item:
    paragraph = nodes.paragraph()
    paragraph += nodes.strong(text=f"{label}: ")
    for child in children:
        paragraph += child
    item = nodes.list_item()
    item += paragraph
    return item


def _link(url: str) -> nodes.reference:
    return nodes.reference(url, url, refuri=url)


def lessons_using(entry_id: str, lessons: dict[str, str]) -> list[str]:
    """Return the lessons whose code names a catalogue entry, as gallery documents.

    Parameters
    ----------
    entry_id : str
        A catalogue id such as ``"rover-tracks"``.
    lessons : dict of str to str
        Lesson source text by its gallery document name
        (``"auto_examples/02_tracks/plot_01_track_width"``).

    Returns
    -------
    list of str
        The document names, in gallery order.

    Examples
    --------
    >>> lessons_using("gray-moon", {"a/plot_1": 'le.load("gray-moon")', "a/plot_2": ""})
    ['a/plot_1']
    """
    quoted = (f'"{entry_id}"', f"'{entry_id}'")
    return sorted(
        doc for doc, text in lessons.items() if any(q in text for q in quoted)
    )


def _lesson_sources(env: Any) -> dict[str, str]:
    """Read every lesson of the gallery, by its document name."""
    from lesson_table import lesson_files  # a sibling extension in docs/_ext

    return {doc: path.read_text(encoding="utf-8") for path, doc in lesson_files(env)}


def _doc_link(doc: str) -> addnodes.pending_xref:
    """Return a link to a document, titled with the document's title."""
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{doc}", refexplicit=False
    )
    ref += nodes.inline(text=doc)
    return ref


class CatalogEntries(SphinxDirective):
    """Write one card per catalogue entry, with thumbnail, credit and licence."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0

    def run(self) -> list[nodes.Node]:
        """Build the cards."""
        from lunar_edu.catalog import catalog, catalog_path

        self.env.note_dependency(str(catalog_path()))
        folder = Path(self.env.srcdir) / GENERATED_DIR
        self._lessons = _lesson_sources(self.env)
        cards: list[nodes.Node] = []
        self._lang = _language(self.env.config)
        # Thumbnails drawn while the lessons ran are up to date by now.
        _wait_for_prerender()
        for entry in catalog():
            try:
                png, shown = render_thumbnail(
                    entry.scene, folder, **_thumbnail_words(entry, self._lang)
                )
            except Exception as err:  # noqa: BLE001 - report any renderer failure
                logger.warning(
                    "catalog-entries: cannot render the scene %r for %r: %s",
                    entry.scene,
                    entry.id,
                    err,
                    location=self.get_location(),
                )
                continue
            cards.append(self._card(entry, png, shown))
        return cards

    def _tr(self, text: str, **fields: str) -> str:
        """Return a text in the build's language (fixed messages with fields)."""
        from lunar_edu.translations import translate, translate_message

        if fields or text in MESSAGES:
            return translate_message(text, self._lang, **fields)
        return translate(text, self._lang)

    def _card(self, entry: Any, png: Path, shown: Any) -> nodes.Node:
        tr = self._tr
        # A real section (an h3 under "The catalogue"), so screen readers and
        # the page's table of contents can jump from picture to picture.
        card = nodes.section(
            classes=["lunar-catalog-entry"], ids=[f"catalog-{entry.id}"]
        )
        card += nodes.title(text=tr(entry.title))
        relative = "/" + png.relative_to(Path(self.env.srcdir)).as_posix()
        image = nodes.image(
            uri=relative,
            alt=tr(entry.alt_for(simulated=True)),
            width="300px",
            classes=["lunar-catalog-thumb"],
        )
        figure = nodes.figure(classes=["lunar-edu-figure"])
        figure += image
        caption = nodes.caption()
        caption += nodes.strong(
            text=tr("Simulated picture (virtual Chang'e 4), not a photograph.") + " "
        )
        caption += _text(
            tr(
                "Credit: {credit}. Licence: {licence}.",
                credit=shown.credit,
                licence=shown.licence,
            )
        )
        if entry.simulated_alt:
            caption += _text(
                " " + tr("It stands in for the real picture described below.")
            )
        figure += caption
        card += figure
        card += nodes.paragraph(text=tr(entry.caption))

        details = nodes.bullet_list()
        details += _labelled(
            tr("Subject in the January 2020 news gallery"), _text(entry.seed_caption)
        )
        if entry.instrument == "illustration":
            details += _labelled(
                tr("Real picture"),
                _text(tr("none: an illustration, not a Chang'e 4 picture.")),
            )
        else:
            details += _labelled(
                tr("Real picture"),
                _text(
                    tr(
                        "{instrument}; credit: {credit}; licence: {licence}.",
                        instrument=entry.instrument,
                        credit=entry.credit,
                        licence=entry.licence,
                    )
                ),
            )
        for source in entry.sources:
            if source.kind == "illustration":
                continue
            if source.kind == "url":
                state = (
                    tr("hash pinned")
                    if source.pinned
                    else tr("not yet pinned, so not used")
                )
                details += _labelled(
                    tr("Download (real, open licence)"),
                    _link(source.url),
                    _text(f" ({state})"),
                )
            else:
                details += _labelled(
                    tr("Your own CLEP product (real)"),
                    _text(tr("a product matching") + " "),
                    nodes.literal(text=source.pattern),
                    _text(" " + tr("in the folder") + " "),
                    nodes.literal(text=f"$LUNAR_EDU_DATA_DIR/{entry.id}/"),
                )
        for url in entry.links:
            details += _labelled(tr("More about it"), _link(url))
        used = lessons_using(entry.id, self._lessons)
        if used:
            links: list[nodes.Node] = []
            for index, doc in enumerate(used):
                if index:
                    links.append(_text("; "))
                links.append(_doc_link(doc))
            details += _labelled(tr("Lessons"), *links)
        details += _labelled(
            tr("Try it"), nodes.literal(text=f"lunar-edu show {entry.id}")
        )
        card += details
        return card


def _language(config: Any) -> str:
    """Return the build's language as the runtime translations name it."""
    from lunar_edu.translations import SUPPORTED_LANGUAGES

    language = (config.language or "en").replace("-", "_")
    return language if language in SUPPORTED_LANGUAGES else "en"


def _thumbnail_words(entry: Any, language: str) -> dict[str, str]:
    """Return the alt text and title a thumbnail file holds, translated."""
    from lunar_edu.translations import translate

    return {
        "alt": translate(entry.alt_for(simulated=True), language),
        "title": translate(entry.title, language),
    }


# The thumbnails are drawn in a thread of the main Sphinx process while
# sphinx-gallery runs the lessons in its worker processes: the main process
# only waits then, and the lessons leave part of the two cores idle. A clean
# build is about 5 s shorter on 2 cores (catalogue thumbnails: 16 renders).
_PRERENDER: dict[str, Any] = {}


def _prerender_thumbnails(folder: Path, language: str) -> None:
    from lunar_edu.catalog import catalog

    for entry in catalog():
        # A failure is left to the directive, which renders that thumbnail
        # again and reports it as a build warning with its location.
        with contextlib.suppress(Exception):
            render_thumbnail(entry.scene, folder, **_thumbnail_words(entry, language))


def start_prerender(app: Any) -> None:
    """Start drawing the thumbnails in the background while the lessons run.

    Only when sphinx-gallery runs the lessons in parallel worker processes:
    otherwise the thread would take turns with the lessons in this process.
    """
    import threading

    # sphinx-gallery has made plot_gallery a bool by now (config-inited).
    gallery = getattr(app.config, "sphinx_gallery_conf", {}) or {}
    if not (gallery.get("plot_gallery") and gallery.get("parallel")):
        return
    folder = Path(app.srcdir) / GENERATED_DIR
    thread = threading.Thread(
        target=_prerender_thumbnails,
        args=(folder, _language(app.config)),
        name="lunar-edu-thumbnails",
        daemon=True,
    )
    thread.start()
    _PRERENDER["thread"] = thread


def _wait_for_prerender() -> None:
    thread = _PRERENDER.pop("thread", None)
    if thread is not None:
        thread.join()


def setup(app: Any) -> dict[str, Any]:
    """Register the ``catalog-entries`` directive."""
    app.add_directive("catalog-entries", CatalogEntries)
    # Before sphinx-gallery's own builder-inited handler (priority 500).
    app.connect("builder-inited", start_prerender, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
