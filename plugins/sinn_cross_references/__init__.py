"""The model's first step: resolves the ids editors write into objects, and computes every back-reference.

Fills each story's view (actors, stage, target groups, themes and regions as topics, adaptations,
related stories) and each actor's (type, stories, themes, regions); a story's `adapted_from` (the
slug of its original) also gives the original its adaptations. The context gets `topics` (by kind,
in the vocabulary's order) and `topics_by_id` for the listings, feeds, redirects and open data.

Settings: CROSS_REFERENCES_RELATED_COUNT, how many "Ähnliche Geschichten" a story shows (default 3);
CROSS_REFERENCES_CACHE_PATH, where the related stories of the last builds are kept for the next
(default .cache/related beside the content folder).
"""

import os

from pelican import signals

from sinn_core import addresses
from sinn_core.settings import cache_path, defaults_receiver
from sinn_vocabularies import vocabularies_for

from .links import UnknownReferenceError, link_adaptations, link_references, relate_stories
from .topics import Topic

__all__ = ["Topic", "UnknownReferenceError", "enrich"]

# Terms are resolved against the vocabularies (VOCABULARIES_PATH); the model runs this step (sinn_model.STEPS).
REQUIRES = ("sinn_vocabularies", "sinn_model")
DEFAULTS = {"CROSS_REFERENCES_RELATED_COUNT": 3, "CROSS_REFERENCES_CACHE_PATH": None}
TYPES = {"CROSS_REFERENCES_CACHE_PATH": str | None}


fill_defaults = defaults_receiver(DEFAULTS)


def enrich(model) -> None:
    """Link stories with actors and terms once all content is read (a step of the model)."""
    address_map = addresses.AddressMap(model.settings)
    link_references(model, vocabularies_for(model.settings), address_map.of)
    link_adaptations(model)
    folder = cache_path(model.settings, "related", model.settings["CROSS_REFERENCES_CACHE_PATH"])
    relate_stories(model.stories, model.settings["CROSS_REFERENCES_RELATED_COUNT"], os.path.join(folder, "related"))
    model.context["topics"] = model.topics
    model.context["topics_by_id"] = {kind: {topic.id: topic for topic in topics} for kind, topics in model.topics.items()}


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
