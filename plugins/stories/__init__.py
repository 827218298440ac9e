"""Stories (and pages) in Markdown with YAML front matter; drafts shown only in the preview.

Settings: STORIES_SHOW_DRAFTS (default False): True shows drafts marked "Entwurf"
(pelicanconf.py), False leaves them out entirely (publishconf.py).
"""

from pelican import signals

from .reader import StoryReader

DEFAULTS = {"STORIES_SHOW_DRAFTS": False}


def fill_defaults(pelican):
    """Fill in this plugin's settings."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def add_reader(readers):
    """Read .md files with the front-matter reader."""
    readers.reader_classes["md"] = StoryReader


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.readers_init.connect(add_reader)
