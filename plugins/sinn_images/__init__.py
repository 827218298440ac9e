"""Responsive, light and private images: variants in modern formats, no metadata, an OG image, cached.

A step of the model (sinn_model): `enrich` fills each story's view with its hero image (renditions,
link preview, press download) and each actor's with its logo; `prepare_bodies` does the same for
the images in texts. Every image a story, page or actor uses is re-encoded from content/images/
(originals are never published): widths IMAGES_WIDTHS in IMAGES_FORMATS (AVIF where Pillow supports it, WebP, JPEG or
PNG with transparency), a 1200×630 Open Graph crop around `image.focus`, and a full-resolution
copy for the press, all upright, in sRGB and without EXIF/GPS, XMP or IPTC. Encoded files live in
IMAGES_CACHE_PATH (default .cache/images beside the content folder), keyed by content and settings.
IMAGES_QUALITY sets the encoder quality per format, IMAGES_OG_SIZE the preview crop (width, height),
IMAGES_WORKERS the processes that encode (0: one per core).
"""

import logging
import os

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from sinn_core.content import generator_of
from sinn_core.run_state import RunState
from sinn_core.settings import defaults_receiver
from sinn_model import ImageDownload, PreviewImage

from .markup import body_image_sources, picture, rewrite_body
from .pipeline import ImagePipeline
from .plan import ImageError, Rendition

__all__ = ["ImageError", "ImagePipeline", "Rendition", "enrich", "picture"]

# The model runs `enrich` (sinn_model.STEPS) before prepare_bodies, which uses its pipeline.
REQUIRES = ("sinn_model",)

logger = logging.getLogger(__name__)

DEFAULTS = {
    "IMAGES_WIDTHS": (480, 960, 1600),
    "IMAGES_FORMATS": ("avif", "webp", "jpeg"),
    "IMAGES_QUALITY": {"jpeg": 80, "png": 0, "webp": 78, "avif": 55, "download": 90},
    "IMAGES_OG_SIZE": (1200, 630),
    "IMAGES_CACHE_PATH": None,
    "IMAGES_WORKERS": 0,
}
TYPES = {"IMAGES_CACHE_PATH": str | None}
# The image pipeline of each run, from planning (all_generators_finalized) to placing the files (finalized).
_pipelines = RunState()


fill_defaults = defaults_receiver(DEFAULTS)


def _story_images(story, pipeline: ImagePipeline) -> None:
    image, view = story.image, story.view
    view.hero = pipeline.rendition(image["src"], f"{os.path.relpath(story.source_path)}: image.src", image.get("focus"))
    if view.hero is None or view.hero.is_svg:
        return
    og = view.hero.og
    view.preview_image = PreviewImage(url=og.url, width=og.width, height=og.height, alt=image["alt"])
    view.download = ImageDownload(url=view.hero.download.url, width=view.hero.width, height=view.hero.height)


def enrich(model) -> None:
    """Plan and encode the hero images and logos, and fill the views with them (a step of the model)."""
    pipeline = ImagePipeline(model.settings)
    _pipelines.put(model.settings, pipeline)
    for story in model.stories:
        _story_images(story, pipeline)
    for actor in model.actors:
        logo = actor.get("logo")
        actor.view.logo = pipeline.rendition(logo["src"], f"{os.path.relpath(actor.source_path)}: logo.src") if logo else None
    pipeline.encode()
    for story in model.stories:
        view = story.view
        if view.hero is not None:
            view.hero_file = pipeline.file_path(view.hero, view.hero.download)
        if view.download is not None:
            view.download.bytes = pipeline.file_bytes(view.hero, view.hero.download)
    _log_errors(pipeline)


def prepare_bodies(generators):
    """Replace the images in stories' and pages' texts with responsive pictures, encoding what the cache lacks."""
    articles, pages = generator_of(generators, ArticlesGenerator), generator_of(generators, PagesGenerator)
    pipeline = _pipelines.get(articles.settings)
    if pipeline is None:  # a build without stories' model (no sinn_model step ran): only the texts' images
        pipeline = ImagePipeline(articles.settings)
        _pipelines.put(articles.settings, pipeline)
    for item in [*articles.articles, *pages.pages]:
        sources = body_image_sources(item._content, pipeline.options["url_prefix"])
        if not sources:
            continue
        renditions = {s: pipeline.rendition(s, f"{os.path.relpath(item.source_path)}: Text") for s in sources}
        item._content = rewrite_body(item._content, {k: v for k, v in renditions.items() if v}, pipeline.options["url_prefix"])
    pipeline.encode()
    _log_errors(pipeline)
    logger.info(
        "Bilder: %d neu berechnet (%d Dateien), %d aus dem Zwischenspeicher.",
        pipeline.stats["encoded_images"], pipeline.stats["encoded_files"], pipeline.stats["reused_images"],
    )


def _log_errors(pipeline: ImagePipeline) -> None:
    """Log each error once: the model's step and the texts' images share one pipeline."""
    for error in pipeline.errors[pipeline.reported:]:
        logger.error("%s", error)
    pipeline.reported = len(pipeline.errors)


def place_images(pelican):
    """Put every image file into the output once the pages are written."""
    pipeline = _pipelines.get(pelican.settings)
    if pipeline is not None:
        pipeline.place_in(pelican.output_path)


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.all_generators_finalized.connect(prepare_bodies)
    signals.finalized.connect(place_images)
