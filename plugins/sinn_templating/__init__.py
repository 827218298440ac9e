"""Template helpers shared by every page type: German dates and counts, absolute addresses.

Templates get ABSOLUTE_SITEURL: SITEURL when it is absolute, else FEED_DOMAIN (the local preview),
for canonical links and anything copied off the site; and history_url(story): the change history of
its file in the repository (settings REPO_URL, e.g. https://github.com/org/repo, REPO_BRANCH "main",
REPO_CONTENT_FOLDER "content"), "" when REPO_URL is empty (default "").

TEMPLATING_BYTECODE_CACHE (default True): the templates compiled to Python code are kept in
TEMPLATING_BYTECODE_CACHE_PATH (default .cache/templates beside the content folder; bytecode.py), so
the next build and each of its processes load them instead of compiling them again.

PULL_REQUEST_PREVIEW (default False; previewconf.py sets it): the build is the preview of a pull
request, so base.html puts a "Vorschau" banner on every page (components/preview.html) and asks
robots not to index or follow it; PULL_REQUEST_URL, if set, is the pull request the banner links to.
"""

from functools import partial

from pelican import signals

from sinn_core.settings import cache_path, defaults_receiver

from .bytecode import KeptBytecode
from .filters import FILTERS
from .urls import absolute_base, absolute_url, history_url

__all__ = ["absolute_base", "absolute_url"]

DEFAULTS = {
    "REPO_URL": "",
    "REPO_BRANCH": "main",
    "REPO_CONTENT_FOLDER": "content",
    "PULL_REQUEST_PREVIEW": False,
    "PULL_REQUEST_URL": "",
    "TEMPLATING_BYTECODE_CACHE": True,
    "TEMPLATING_BYTECODE_CACHE_PATH": None,
}
TYPES = {"TEMPLATING_BYTECODE_CACHE_PATH": str | None}


fill_defaults = defaults_receiver(DEFAULTS)


def add_filters(generator):
    """Make the filters and the absolute site address available in every template."""
    generator.env.filters.update(FILTERS)
    generator.env.globals["ABSOLUTE_SITEURL"] = absolute_base(generator.settings)
    generator.env.globals["history_url"] = partial(history_url, generator.settings)


def keep_compiled_templates(generator):
    """Load compiled templates from the last build's, and keep newly compiled ones for the next."""
    settings = generator.settings
    if settings["TEMPLATING_BYTECODE_CACHE"]:
        generator.env.bytecode_cache = KeptBytecode.in_folder(cache_path(settings, "templates", settings["TEMPLATING_BYTECODE_CACHE_PATH"]))


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(keep_compiled_templates)
