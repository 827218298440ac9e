"""Link previews and structured data: canonical URL, Open Graph and Twitter tags, JSON-LD on every page.

Templates get `preview_image(story)`, `download_image(story)`, `site_image()`, `story_json_ld(story)`,
`actor_json_ld(actor)`, `site_json_ld()` and the filter `json_ld`; components/page_meta.html writes the tags.
Settings: STRUCTURED_DATA_DEFAULT_IMAGE, the preview card of pages without an image of their own
(src inside the output, width, height, alt); STRUCTURED_DATA_TEXT_LICENSE, the licence of story texts
("CC BY 4.0") unless a story names its own `text_license`.
"""

from functools import partial

from pelican import signals

from sinn_core.settings import defaults_receiver

from .images import download_image, field, preview_image, site_image
from .jsonld import article, organization, to_script, website
from .licenses import license_url, text_license

__all__ = ["download_image", "field", "license_url", "preview_image", "site_image", "text_license", "to_script"]

DEFAULTS = {
    "STRUCTURED_DATA_DEFAULT_IMAGE": {
        "src": "theme/img/vorschau.png",
        "width": 1200,
        "height": 630,
        "alt": "Schriftzug SINN – Soziale Innovationen in Sachsen, Zukunftsplattform für soziale Innovationen Sachsen",
    },
    "STRUCTURED_DATA_TEXT_LICENSE": "CC BY 4.0",
}


fill_defaults = defaults_receiver(DEFAULTS)


def add_to_templates(generator):
    """Give templates the preview images and JSON-LD builders for this site's settings."""
    settings = generator.settings
    generator.env.filters["json_ld"] = to_script
    generator.env.globals.update({
        "preview_image": partial(preview_image, settings=settings),
        "download_image": partial(download_image, settings=settings),
        "site_image": partial(site_image, settings),
        "story_json_ld": partial(article, settings=settings),
        "actor_json_ld": partial(organization, settings=settings, full=True),
        "site_json_ld": partial(website, settings),
        "license_url": license_url,
        "text_license": partial(text_license, settings=settings),
    })


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.generator_init.connect(add_to_templates)
