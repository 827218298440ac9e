"""Links that never break: every address in a story's, page's or actor's `aliases` leads to it.

Each alias gets a small page (meta refresh, canonical link and a visible link, noindex, not in
search or sitemap) and a line in _redirects (permanent 301 on hosts that read that file).
Settings: REDIRECTS_FILE, the name of that file (default "_redirects").
"""

from pelican import signals

from sinn_core.settings import defaults_receiver

from .aliases import Redirect, collect, normalise, save_as_for
from .generator import RedirectsGenerator

__all__ = ["Redirect", "RedirectsGenerator", "collect", "normalise", "save_as_for"]

DEFAULTS = {"REDIRECTS_FILE": "_redirects"}
# Redirect pages come after every generator that writes pages, so they never replace one.
AFTER = ("sinn_actors", "sinn_listings", "sinn_press", "sinn_open_data", "sinn_feeds")


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the redirects generator to the build."""
    return RedirectsGenerator


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.get_generators.connect(add_generator)
