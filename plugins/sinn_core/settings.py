"""Plugin settings: each plugin's DEFAULTS, filled in where pelicanconf.py does not set them.

Not a plugin itself; plugins import it. Filling happens at Pelican's `initialized` signal, before
the settings are copied into the template context.
"""

import os


def cache_path(settings, name: str, override: str | None = None) -> str:
    """Where a plugin keeps what the next build may reuse: `override` if set, else .cache/<name> beside the content folder."""
    return override or os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), ".cache", name)


def fill_in(settings, defaults: dict) -> None:
    """Set every default the site's settings leave out."""
    for name, value in defaults.items():
        settings.setdefault(name, value)


def defaults_receiver(defaults: dict):
    """A receiver for `initialized` that fills in a plugin's DEFAULTS (keep it at module level: signals hold weak references)."""

    def fill_defaults(pelican):
        """Fill in this plugin's settings."""
        fill_in(pelican.settings, defaults)

    return fill_defaults
