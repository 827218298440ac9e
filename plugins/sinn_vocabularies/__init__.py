"""Controlled vocabularies (themes, regions, stages, actor types, target groups, languages) for every page.

Settings: VOCABULARIES_PATH, the folder inside PATH that holds the YAML files (default "data").
"""

import os

from pelican import signals

from sinn_core.settings import defaults_receiver

from .terms import VOCABULARY_FILES, MapTile, Term, Vocabulary, VocabularyError, load_vocabularies

__all__ = ["VOCABULARY_FILES", "MapTile", "Term", "Vocabulary", "VocabularyError", "load_vocabularies", "vocabularies_for"]

DEFAULTS = {"VOCABULARIES_PATH": "data"}


fill_defaults = defaults_receiver(DEFAULTS)


def vocabularies_for(settings) -> dict:
    """The vocabularies of the site these settings describe."""
    return load_vocabularies(os.path.join(settings["PATH"], settings["VOCABULARIES_PATH"]))


def add_to_context(generator):
    """Expose the vocabularies to templates as VOCABULARIES."""
    generator.context["VOCABULARIES"] = vocabularies_for(generator.settings)


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.generator_init.connect(add_to_context)
