"""Controlled vocabularies (themes, regions, stages, actor types, target groups) for every page.

Settings: VOCABULARIES_PATH, the folder inside PATH that holds the YAML files (default "data").
"""

import os

from pelican import signals

from .terms import VOCABULARY_FILES, MapTile, Term, Vocabulary, VocabularyError, load_vocabularies

__all__ = ["VOCABULARY_FILES", "MapTile", "Term", "Vocabulary", "VocabularyError", "load_vocabularies", "vocabularies_for"]

DEFAULTS = {"VOCABULARIES_PATH": "data"}


def vocabularies_for(settings) -> dict:
    """The vocabularies of the site these settings describe."""
    folder = settings.get("VOCABULARIES_PATH", DEFAULTS["VOCABULARIES_PATH"])
    return load_vocabularies(os.path.join(settings["PATH"], folder))


def add_to_context(generator):
    """Expose the vocabularies to templates as VOCABULARIES."""
    generator.context["VOCABULARIES"] = vocabularies_for(generator.settings)


def register():
    """Connect the receivers."""
    signals.generator_init.connect(add_to_context)
