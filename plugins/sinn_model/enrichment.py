"""The enrichment step: fresh views for every story and actor, filled by the steps in a fixed order.

A step is a plugin that derives facts (`enrich(model)` in its __init__.py); STEPS is the one place
that says which steps exist and in which order, since each reads what the one before filled in:
the references come first because every later reader needs the objects, the images last because
they are the slowest. A step whose plugin is not in PLUGINS is left out, and its fields keep their defaults.
Running the step again (the preview does, after replacing a story) gives every object a new view;
nothing of the old model survives, so nothing can go stale.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field

from blinker import signal

from .views import ActorView, StoryView

logger = logging.getLogger(__name__)

STEPS = ("sinn_cross_references", "sinn_images")
# Sent with the model each time it is built (also by the preview): for what is computed from the whole model.
model_built = signal("sinn_model_built")


@dataclass
class Model:
    """The content of one build, as the steps see it: stories newest first, actors, context and settings."""

    stories: list
    actors: list
    actors_by_id: dict
    context: dict
    settings: dict
    # Filled by the steps for the generators: stories grouped by term id, topics by kind and id.
    stories_by_term: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)


def newest_first(stories) -> list:
    """Stories sorted newest first; equal dates by slug, so every build orders them alike."""
    return sorted(stories, key=lambda story: (-story.date.timestamp(), story.slug))


def enabled_steps(settings) -> list[str]:
    """The steps of STEPS whose plugin this build uses, in STEPS' order."""
    plugins = {getattr(p, "__name__", p) for p in settings.get("PLUGINS") or []}
    return [name for name in STEPS if name in plugins]


def build_model(stories, context: dict, settings: dict) -> Model:
    """Give every story and actor a new view and let each enabled step fill it; put the model in the context."""
    actors = context.get("actors", [])
    model = Model(
        stories=newest_first(stories), actors=list(actors), actors_by_id=context.get("actors_by_id", {}), context=context, settings=settings,
    )
    for story in model.stories:
        story.view = StoryView()
    for actor in model.actors:
        actor.view = ActorView()
    for name in enabled_steps(settings):
        importlib.import_module(name).enrich(model)
    context["model"] = model
    context["stories"] = model.stories
    model_built.send(model)
    return model
