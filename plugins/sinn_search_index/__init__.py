"""Full-text search with Pagefind: filters and metadata for templates, the index as the last step.

Settings: SEARCH_INDEX_ENABLED (default True), SEARCH_INDEX_CHUNK_SIZE (postings per word chunk, 6000; 0 keeps Pagefind's default),
SEARCH_INDEX_FACETS (the filters: URL parameter, Pagefind key, vocabulary or fixed values),
SEARCH_INDEX_CACHE (True: keep Pagefind's page and word files for the next build, reuse.py) in
SEARCH_INDEX_CACHE_PATH (default .cache/search beside the content folder), and the pages cut down for
Pagefind (search_copies.py) beside it, in .cache/search-pages (not worth a CI cache: they are matched
to the built pages by inode).
Templates get `search_facets` (list of Facet), `search_key` (vocabulary or URL parameter → Pagefind key),
`search_options` (URL parameter of a facet with fixed values → {option id: label}) and
`search_title_order` (the file, in the bundle, that lists every page in title order).
The bundle's folder SEARCH_INDEX_BUNDLE_DIR belongs to the address map (sinn_core/addresses.py).
"""

import logging
import os

from pelican import signals

from sinn_core import addresses, alongside
from sinn_core.settings import cache_path, defaults_receiver
from sinn_vocabularies import vocabularies_for

from .facets import Facet, resolve_facets
from .indexer import SearchIndexError, build_index
from .title_order import ORDER_FILE

__all__ = ["Facet", "SearchIndexError"]

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SEARCH_INDEX_ENABLED": True,
    # Postings per word chunk (Pagefind's default: 20,000); see bench/results.json for the bytes per query.
    "SEARCH_INDEX_CHUNK_SIZE": 6000,
    "SEARCH_INDEX_CACHE": True,
    "SEARCH_INDEX_CACHE_PATH": None,
    "SEARCH_INDEX_FACETS": [
        {"param": "typ", "key": "Typ", "values": {"geschichte": "Geschichte", "akteur": "Akteur"}},
        {"param": "thema", "key": "Themenfeld", "vocabulary": "themes"},
        {"param": "region", "key": "Region", "vocabulary": "regions"},
        {"param": "phase", "key": "Phase", "vocabulary": "stages"},
        {"param": "akteurstyp", "key": "Akteurstyp", "vocabulary": "actor_types"},
        {"param": "zielgruppe", "key": "Zielgruppe", "vocabulary": "target_groups"},
        {"param": "anleitung", "key": "Nachmachen", "values": {"ja": "Mit Anleitung zum Nachmachen"}},
        {"param": "sprache", "key": "Sprache", "values": {"leicht": "in Leichter Sprache"}},
    ],
}
TYPES = {"SEARCH_INDEX_CACHE_PATH": str | None}
# The index is built from the written pages: sinn_parallel_writing renders them at `finalized` first.
AFTER = ("sinn_parallel_writing",)
# Filters come from the vocabularies (VOCABULARIES_PATH).
REQUIRES = ("sinn_vocabularies",)


fill_defaults = defaults_receiver(DEFAULTS)


def add_to_context(generator):
    """Give templates the facets and the Pagefind filter name for each vocabulary."""
    facets = resolve_facets(generator.settings["SEARCH_INDEX_FACETS"], vocabularies_for(generator.settings))
    generator.context["search_facets"] = facets
    generator.context["search_key"] = {(f.vocabulary or f.param): f.key for f in facets}
    generator.context["search_title_order"] = ORDER_FILE
    generator.context["search_options"] = {f.param: dict(f.options) for f in facets if not f.vocabulary}
    generator.context["search_type"] = generator.context["search_options"].get("typ", {})


def index_site(pelican):
    """Build the search index once every page is written; a failure fails the build."""
    settings = pelican.settings
    if not settings["SEARCH_INDEX_ENABLED"]:
        return
    cache = copies = None
    if settings["SEARCH_INDEX_CACHE"]:
        cache = cache_path(settings, "search", settings["SEARCH_INDEX_CACHE_PATH"])
        copies = f"{cache.rstrip(os.sep)}-pages"
    try:
        bundle = addresses.AddressMap(settings).folder("SEARCH_INDEX_BUNDLE_DIR").strip("/")
        build_index(pelican.output_path, bundle, settings["SEARCH_INDEX_CHUNK_SIZE"], cache, copies,
                    meanwhile=lambda: alongside.run_taken(settings))
    except SearchIndexError as error:
        logger.error("%s", error)
    finally:
        alongside.run_taken(settings)  # whatever Pagefind did not get to run beside (it failed first, or never started)


def take_work_alongside(pelican):
    """This run writes the files no page reads while Pagefind runs (sinn_core.alongside)."""
    if pelican.settings["SEARCH_INDEX_ENABLED"]:
        alongside.take(pelican.settings)


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.generator_init.connect(add_to_context)
    signals.initialized.connect(take_work_alongside)
    signals.finalized.connect(index_site)
