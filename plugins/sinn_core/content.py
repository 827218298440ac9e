"""Small questions about Pelican's content objects and generators that several plugins ask.

Not a plugin itself; plugins import it, so each question has one answer.
"""

from __future__ import annotations


def generator_of(generators, kind: type):
    """The build's generator of class `kind` (ArticlesGenerator, PagesGenerator …)."""
    return next(generator for generator in generators if isinstance(generator, kind))


def later_modification(story):
    """The story's `modified` date if it falls on a later day than `date`, else None (an update the same day is not one)."""
    modified = getattr(story, "modified", None)
    return modified if modified and modified.date() != story.date.date() else None
