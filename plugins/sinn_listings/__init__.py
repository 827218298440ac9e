"""Listing pages: home, the story archive, themes and regions with their stories, search, 404.

Settings (defaults below): LISTINGS_PER_PAGE, LISTINGS_HOME_FEATURED, LISTINGS_HOME_NEWEST,
LISTINGS_EASY_LANGUAGE_PAGE (slug of the page that also lists every story's easy_summary),
LISTINGS_MAP_CLASSES (how many shades of the region map stand for stories, default 4).
Templates get `saxony_map` (region_map.py): the districts of Saxony with their counts.
The addresses (LISTINGS_ARCHIVE_URL, LISTINGS_PAGE_SUFFIX, LISTINGS_THEME_URL …) belong to the address map
(sinn_core/addresses.py).
"""

from pelican import signals

from sinn_core import addresses
from sinn_core.settings import defaults_receiver
from sinn_model import model_built

from .generator import ListingsGenerator
from .region_map import RegionMap, build_region_map

__all__ = ["ListingsGenerator", "RegionMap", "build_region_map"]

# The listings show the topics of the model, which sinn_cross_references fills.
REQUIRES = ("sinn_model", "sinn_cross_references")
DEFAULTS = {
    "LISTINGS_PER_PAGE": 24,
    "LISTINGS_HOME_FEATURED": 3,
    "LISTINGS_HOME_NEWEST": 6,
    "LISTINGS_EASY_LANGUAGE_PAGE": "leichte-sprache",
    "LISTINGS_MAP_CLASSES": 4,
}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the listings generator to the build."""
    return ListingsGenerator


def add_listing_facts(model):
    """Each time the model is built: the region map and the easy-language list, which the listings show beside the topics."""
    context = model.context
    context["easy_language_stories"] = [story for story in model.stories if getattr(story, "easy_summary", None)]
    context["saxony_map"] = build_region_map(model.topics.get("regions", []), model.settings["LISTINGS_MAP_CLASSES"])


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
    model_built.connect(add_listing_facts)
