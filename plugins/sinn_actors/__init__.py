"""Actor profiles from content/actors/<id>.yml: a page for each, and the directory.

Settings: ACTORS_READ_WORKERS (0: one per core) read the profiles when there are ACTORS_READ_MINIMUM
(200) or more; profiles unchanged since the last build come from ACTORS_CACHE_PATH (default
.cache/actors beside the content folder; read_memo.py). The addresses ACTORS_URL ({id} is the file name) and ACTORS_INDEX_URL belong to the
address map (sinn_core/addresses.py).
"""

from pelican import signals

from sinn_core import addresses
from sinn_core.settings import defaults_receiver

from .generator import ActorsGenerator
from .model import Actor

__all__ = ["Actor", "ActorsGenerator"]

# Profiles are read with the contract's rules and its CONTENT_CONTRACT_TODAY.
REQUIRES = ("sinn_content_contract",)
DEFAULTS = {
    "ACTORS_READ_WORKERS": 0,
    "ACTORS_READ_MINIMUM": 200,
    "ACTORS_CACHE_PATH": None,
}
TYPES = {"ACTORS_CACHE_PATH": str | None}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the actors generator to the build."""
    return ActorsGenerator


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
