"""Listing pages: home, the story archive, themes and regions with their stories, search, 404.

Settings (defaults below): LISTINGS_PER_PAGE, LISTINGS_HOME_FEATURED, LISTINGS_HOME_NEWEST,
LISTINGS_EASY_LANGUAGE_PAGE (slug of the page that also lists every story's easy_summary),
LISTINGS_MAP_CLASSES (how many shades of the region map stand for stories, default 4).
Templates get `saxony_map` (region_map.py): the districts of Saxony with their counts.
The addresses (LISTINGS_ARCHIVE_URL, LISTINGS_PAGE_SUFFIX, LISTINGS_THEME_URL …) belong to the address map
(sinn_core/addresses.py).
"""

from pelican import signals
from pelican.generators import ArticlesGenerator

from sinn_core import addresses
from sinn_core.content import generator_of
from sinn_core.settings import defaults_receiver
from sinn_vocabularies import vocabularies_for

from .generator import ListingsGenerator
from .region_map import RegionMap, build_region_map
from .topics import Topic, build_topics

__all__ = ["ListingsGenerator", "RegionMap", "Topic", "build_region_map"]

# attach_topics reads `stories_by_term`, which cross_references makes.
AFTER = ("sinn_cross_references",)
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


def attach_topics(generators):
    """Build theme and region topics and let every story and actor link to its own."""
    articles = generator_of(generators, ArticlesGenerator)
    context, settings = articles.context, articles.settings
    vocabularies = vocabularies_for(settings)
    actors = context.get("actors", [])
    groups = context.get("stories_by_term", {})
    address_map = addresses.AddressMap(settings)
    topics = {
        kind: build_topics(kind, vocabularies[kind], groups.get(kind, {}), actors, lambda term, kind=kind: address_map.of(kind, term))
        for kind in ("themes", "regions")
    }
    by_id = {kind: {topic.id: topic for topic in items} for kind, items in topics.items()}
    for story in context.get("stories", []):
        story.theme_topics = [by_id["themes"][i] for i in story.themes]
        story.region_topics = [by_id["regions"][i] for i in story.regions]
    for actor in actors:
        actor.theme_topics = [by_id["themes"][i] for i in actor.fields.get("themes", []) or []]
        actor.region_topics = [by_id["regions"][i] for i in actor.fields["regions"]]
    context["easy_language_stories"] = [story for story in context.get("stories", []) if getattr(story, "easy_summary", None)]
    context["topics"] = topics
    context["topics_by_id"] = by_id
    context["saxony_map"] = build_region_map(topics["regions"], settings["LISTINGS_MAP_CLASSES"])


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(attach_topics)
