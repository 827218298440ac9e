"""Responsive, light and private images: variants in modern formats, no metadata, an OG image, cached.

Every image a story, page or actor uses is re-encoded from content/images/ (originals are never
published): widths IMAGES_WIDTHS in IMAGES_FORMATS (AVIF where Pillow supports it, WebP, JPEG or
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

from .markup import body_image_sources, picture, rewrite_body
from .pipeline import ImagePipeline
from .plan import ImageError, Rendition

__all__ = ["ImageError", "ImagePipeline", "Rendition", "picture"]

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


def _attach_story_images(story, pipeline: ImagePipeline) -> None:
    image = story.image
    rendition = pipeline.rendition(image["src"], f"{os.path.relpath(story.source_path)}: image.src", image.get("focus"))
    story.hero = rendition
    if rendition is None or rendition.is_svg:
        return
    story.og_image = {"url": rendition.og.url, "width": rendition.og.width, "height": rendition.og.height, "alt": image["alt"]}
    story.image_download = {"url": rendition.download.url, "width": rendition.width, "height": rendition.height}


def prepare(generators):
    """Plan every image, rewrite body images, and encode what the cache lacks."""
    articles, pages = generator_of(generators, ArticlesGenerator), generator_of(generators, PagesGenerator)
    pipeline = ImagePipeline(articles.settings)
    _pipelines.put(articles.settings, pipeline)
    for story in articles.articles:
        _attach_story_images(story, pipeline)
    for actor in articles.context.get("actors", []):
        logo = actor.get("logo")
        actor.logo_rendition = pipeline.rendition(logo["src"], f"{os.path.relpath(actor.source_path)}: logo.src") if logo else None
    for item in [*articles.articles, *pages.pages]:
        sources = body_image_sources(item._content, pipeline.options["url_prefix"])
        if not sources:
            continue
        renditions = {s: pipeline.rendition(s, f"{os.path.relpath(item.source_path)}: Text") for s in sources}
        item._content = rewrite_body(item._content, {k: v for k, v in renditions.items() if v}, pipeline.options["url_prefix"])
    pipeline.encode()
    for story in articles.articles:
        download = getattr(story, "image_download", None)
        if download is not None and story.hero is not None:
            download["bytes"] = pipeline.file_bytes(story.hero, story.hero.download)
        # The file as published, without metadata, for whoever packs it (the press kit): never the original.
        story.hero_file = pipeline.file_path(story.hero, story.hero.download) if story.hero is not None else None
    for error in pipeline.errors:
        logger.error("%s", error)
    logger.info(
        "Bilder: %d neu berechnet (%d Dateien), %d aus dem Zwischenspeicher.",
        pipeline.stats["encoded_images"], pipeline.stats["encoded_files"], pipeline.stats["reused_images"],
    )


def place_images(pelican):
    """Put every image file into the output once the pages are written."""
    pipeline = _pipelines.get(pelican.settings)
    if pipeline is not None:
        pipeline.place_in(pelican.output_path)


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.all_generators_finalized.connect(prepare)
    signals.finalized.connect(place_images)
