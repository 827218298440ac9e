"""Template helpers shared by every page type: German dates and counts."""

from pelican import signals

from .filters import FILTERS


def add_filters(generator):
    """Make the filters available in every template."""
    generator.env.filters.update(FILTERS)


def register():
    """Connect the receivers."""
    signals.generator_init.connect(add_filters)
