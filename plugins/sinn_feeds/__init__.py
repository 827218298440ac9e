"""Atom feeds: all stories, and one per theme and per region, with summary, image and categories.

Replaces Pelican's own feed (FEED_ALL_ATOM = None in pelicanconf.py) so every feed shares one
implementation. Drafts are never in a feed. Settings: FEEDS_MAX_ENTRIES (newest stories per feed, 50; 0: all).
The addresses FEEDS_ALL_URL, FEEDS_THEME_URL and FEEDS_REGION_URL belong to the address map (sinn_core/addresses.py).
Templates get `topic_feed_url(topic)`.
"""

from functools import partial

from pelican import signals

from sinn_core import addresses
from sinn_core.settings import defaults_receiver

from .entries import topic_feed_url
from .generator import FeedsGenerator

__all__ = ["FeedsGenerator"]

DEFAULTS = {
    "FEEDS_MAX_ENTRIES": 50,
}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the feeds generator to the build."""
    return FeedsGenerator


def add_to_templates(generator):
    """Give templates the feed address of a theme or region."""
    generator.env.globals["topic_feed_url"] = partial(topic_feed_url, settings=generator.settings)


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_to_templates)
