"""For the press: a "Für die Presse" box on every story and the page /presse/.

The box offers a citation suggestion, the key facts with their sources and the hero image in full
resolution with credit and licence; /presse/ lists the contacts and every published story with its
image. Templates get `press_citation(story)`. Settings: PRESS_URL, PRESS_SAVE_AS, PRESS_CONTACTS
(list of name, role, email, phone).
"""

from functools import partial

from pelican import signals

from plugin_settings import defaults_receiver

from .citation import citation, permanent_url
from .generator import PressGenerator

__all__ = ["PressGenerator", "citation", "permanent_url"]

DEFAULTS = {
    "PRESS_URL": "presse/",
    "PRESS_SAVE_AS": "presse/index.html",
    "PRESS_CONTACTS": [],
}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the press page generator to the build."""
    return PressGenerator


def add_to_templates(generator):
    """Give templates the citation suggestion for a story."""
    generator.env.globals["press_citation"] = partial(citation, settings=generator.settings)


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_to_templates)
