"""Responsive, light and private images: AVIF variants, a JPEG fallback, an OG image and a press photo, cached.

A step of the model (sinn_model): `enrich` fills each story's view with its hero image (renditions,
link preview, press download) and each actor's with its logo; `prepare_bodies` does the same for
the images in texts. Every image a story, page or actor uses is re-encoded from content/images/
(originals are never published), upright, in sRGB and without EXIF/GPS, XMP or IPTC. Encoded files
live in IMAGES_CACHE_PATH (default .cache/images beside the content folder), keyed by content and
settings; IMAGES_WORKERS sets the processes that encode (0: one per core).

What a photo publishes, and why (budget: a story with its own 12-megapixel photo publishes at most
1 MB and 15 files, so 1,000 stories fit GitHub Pages' 1 GB and Cloudflare Pages' 20,000 files;
measured with tools/bench/image_quality.py on 11 real photographs, SSIM against the unencoded image,
medians; the numbers are in README, "Gewicht und Grenzen des Hosts"):
- IMAGES_WIDTHS (480, 960, 1600) in IMAGES_FORMATS ("avif", "jpeg"): AVIF at every width. At equal
  SSIM (0.98, about what JPEG at quality 80 reaches) WebP needs 32 to 41 % fewer bytes than JPEG and
  AVIF another 12 to 31 % fewer than WebP. Every browser the site supports reads AVIF except Safari
  before 16 and Edge before 121; WebP would add three files (about 150 KiB) per photo just for them,
  and they get the JPEG instead, so WebP is left out ("webp" in IMAGES_FORMATS brings it back).
- IMAGES_FALLBACK_WIDTHS (480, 960): the JPEG (PNG for transparency) inside <picture> is published
  only at these widths: the <img> for browsers without AVIF and for programs that read no <picture>,
  and the 480 px one as the search thumbnail, a plain <img> every browser shows. All widths are
  encoded all the same: where AVIF is not smaller than the fallback (a flat graphic), the picture
  offers the fallback at every width and no AVIF (plan.Rendition.settle).
- IMAGES_QUALITY: JPEG 80 is the bar; AVIF 70 reaches the JPEG's SSIM at every width (55, the old
  value, stayed below it at 1600 px: 0.965 against 0.980). WebP 84 would reach it.
- IMAGES_OG_SIZE (1200, 630): the link preview, a JPEG (not every platform reads AVIF) cropped
  around `image.focus`.
- IMAGES_DOWNLOAD_MAX_SIDE 2560 and IMAGES_QUALITY["download"] 80: the press photo, a JPEG every
  editorial system takes, enough for a print 21 cm wide at 300 dpi. Scaled back up for print, 2560 px
  at quality 80 come closer to the original (SSIM 0.982) than 2048 px at quality 90 (0.980) with the
  same bytes: pixels are worth more than quality steps. Quality 80 is the bar of every other image;
  85 costs 14 % more bytes for +0.002 SSIM. It is published once: the press kit names its address
  instead of holding a copy (sinn_press).
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
    "IMAGES_FORMATS": ("avif", "jpeg"),
    "IMAGES_FALLBACK_WIDTHS": (480, 960),
    "IMAGES_QUALITY": {"jpeg": 80, "png": 0, "webp": 84, "avif": 70, "download": 80},
    "IMAGES_OG_SIZE": (1200, 630),
    "IMAGES_DOWNLOAD_MAX_SIDE": 2560,
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
    download = view.hero.download
    view.download = ImageDownload(url=download.url, width=download.width, height=download.height)


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
    bodies = []
    for item in [*articles.articles, *pages.pages]:
        sources = body_image_sources(item._content, pipeline.options["url_prefix"])
        if sources:
            bodies.append((item, {s: pipeline.rendition(s, f"{os.path.relpath(item.source_path)}: Text") for s in sources}))
    # Encoded before the markup is written: which formats a picture offers depends on the encoded sizes.
    pipeline.encode()
    for item, renditions in bodies:
        item._content = rewrite_body(item._content, {k: v for k, v in renditions.items() if v}, pipeline.options["url_prefix"])
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
