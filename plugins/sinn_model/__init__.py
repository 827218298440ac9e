"""The model of a build: a typed view of every story and actor, made in one enrichment step.

Once all content is read (all_generators_finalized), every story gets a `StoryView` and every actor
an `ActorView` (views.py), and the plugins that derive facts fill them in the fixed order of
enrichment.STEPS: sinn_cross_references (actors, stage, themes and regions as topics, adaptations,
related stories), then sinn_images (hero renditions, link preview, download, logos); then the signal
`model_built` goes out with the model, for what is computed from all of it (the region map).
Templates and plugins read `story.view` and `actor.view`; the context gets `model` and `stories`
(newest first). The preview calls `rebuild` after replacing a story, so the model is made anew, never patched.

No settings.
"""

from pelican import signals
from pelican.generators import ArticlesGenerator

from sinn_core.content import generator_of

from .enrichment import STEPS, Model, build_model, enabled_steps, model_built, newest_first
from .views import ActorView, ImageDownload, PreviewImage, StoryView, view_of

__all__ = [
    "STEPS", "ActorView", "ImageDownload", "Model", "PreviewImage", "StoryView",
    "build_model", "enabled_steps", "model_built", "newest_first", "rebuild", "view_of",
]

# The actors' profiles must be read before the model links stories to them.
REQUIRES = ("sinn_actors",)


def rebuild(generators) -> Model:
    """Build the model from the generators' current content (all stories, actors, terms)."""
    articles = generator_of(generators, ArticlesGenerator)
    return build_model(articles.articles, articles.context, articles.settings)


def register():
    """Connect the receivers."""
    signals.all_generators_finalized.connect(rebuild)
