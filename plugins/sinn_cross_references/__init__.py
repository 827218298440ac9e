"""Resolves the ids editors write into objects, and computes every back-reference.

A story's `adapted_from` (the slug of its original) also gives the original its `adaptations`.

Settings: CROSS_REFERENCES_RELATED_COUNT, how many "Ähnliche Geschichten" a story shows (default 3).
"""

from pelican import signals
from pelican.generators import ArticlesGenerator

from sinn_core.content import generator_of
from sinn_core.settings import defaults_receiver
from sinn_vocabularies import vocabularies_for

from .links import link_adaptations, link_stories, newest_first, relate_stories

__all__ = ["newest_first"]

# Terms are resolved against the vocabularies (VOCABULARIES_PATH).
REQUIRES = ("sinn_vocabularies",)
DEFAULTS = {"CROSS_REFERENCES_RELATED_COUNT": 3}


fill_defaults = defaults_receiver(DEFAULTS)


def resolve(generators):
    """Link stories with actors and terms once all content is read."""
    articles = generator_of(generators, ArticlesGenerator)
    context = articles.context
    stories = articles.articles
    groups = link_stories(stories, context.get("actors_by_id", {}), vocabularies_for(articles.settings))
    link_adaptations(stories)
    relate_stories(stories, articles.settings["CROSS_REFERENCES_RELATED_COUNT"])
    context["stories"] = newest_first(stories)
    context["stories_by_term"] = groups


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.all_generators_finalized.connect(resolve)
