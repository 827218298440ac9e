"""Runs Pagefind (from the pagefind-bin wheel, no download) over the built site."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess

from . import reuse
from .search_copies import SearchCopies
from .stable import UnknownFormatError, stabilise
from .title_order import write_title_order

logger = logging.getLogger(__name__)

TITLES_MEMO = "titles.json"  # in the search cache: the title and address of each fragment kept there


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def pagefind_executable() -> str:
    """Path of the Pagefind binary shipped inside the pagefind-bin wheel."""
    import pagefind_bin  # noqa: PLC0415

    return str(pagefind_bin.get_executable())


def build_index(output_path: str, bundle_dir: str, chunk_size: int | None = None, cache: str | None = None,
                copies_cache: str | None = None) -> None:
    """Index every page of output_path that marks its content with data-pagefind-body.

    Reuses Pagefind's files kept in `cache` and the cut pages kept in `copies_cache` (search_copies.py).
    """
    try:
        copies = SearchCopies(output_path, bundle_dir, copies_cache)
        try:
            _index(copies.make(), os.path.join(output_path, bundle_dir), chunk_size, cache)
            copies.keep()
        finally:
            copies.close()
    except OSError as error:
        raise SearchIndexError(f"Die Seiten für den Suchindex konnten nicht vorbereitet werden: {error}") from error


def _index(site: str, bundle: str, chunk_size: int | None, cache: str | None) -> None:
    """Run Pagefind over the pages in `site`, writing the bundle to `bundle` (reusing files kept in `cache`)."""
    seeded = 0
    if cache:
        try:
            seeded = reuse.seed(bundle, cache)
        except OSError as error:  # Pagefind says what is wrong with the folder, if anything
            logger.debug("search files not reused: %s", error)
            shutil.rmtree(bundle, ignore_errors=True)
    _run_pagefind(site, bundle, chunk_size)
    if seeded:
        try:
            reuse.prune(bundle)
        except (UnknownFormatError, OSError) as error:
            # The kept files cannot be told from the new ones: index afresh, without them.
            logger.warning("Suchindex wird ohne Zwischenspeicher neu gebaut (%s).", error)
            reuse.forget(cache)
            shutil.rmtree(bundle, ignore_errors=True)
            _run_pagefind(site, bundle, chunk_size)
    try:
        write_title_order(bundle, os.path.join(cache, TITLES_MEMO) if cache else None)
    except (UnknownFormatError, OSError, ValueError) as error:
        raise SearchIndexError(f"Die Titel-Reihenfolge der Suche konnte nicht geschrieben werden: {error}") from error
    if cache:
        try:
            reuse.keep(bundle, cache)
        except OSError as error:  # the next build indexes without it
            logger.warning("Zwischenspeicher des Suchindex nicht aktualisiert: %s (%s)", cache, error)
            reuse.forget(cache)


def _run_pagefind(site: str, bundle: str, chunk_size: int | None) -> None:
    """Run Pagefind over the pages in `site`, writing to `bundle`, then put its filter files in a stable order."""
    command = [pagefind_executable(), "--site", site, "--output-path", bundle, "--silent"]
    environment = dict(os.environ)
    if chunk_size:
        # Pagefind 1.5's word chunks are sized by postings (default 20,000); smaller chunks mean
        # fewer bytes per query on a big site. The option is marked unstable: pagefind-bin is pinned.
        environment["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(chunk_size)
    try:
        process = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, env=environment)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind konnte nicht laufen: {error}") from error
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind meldet einen Fehler beim Indexieren der Seiten: {process.stderr.strip()}")
    if process.stderr.strip():
        logger.warning("Pagefind: %s", process.stderr.strip())
    try:
        stabilise(bundle)
    except UnknownFormatError as error:
        # Search still works; only two builds of one commit may differ in the filter files.
        logger.warning("Pagefind-Filter nicht sortiert (unbekanntes Format: %s); zwei Builds können sich unterscheiden.", error)
    except OSError as error:
        raise SearchIndexError(f"Pagefind-Index konnte nicht geschrieben werden: {error}") from error
