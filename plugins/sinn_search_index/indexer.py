"""Runs Pagefind (from the pagefind-bin wheel, no download) over the built site."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable

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
                copies_cache: str | None = None, meanwhile: Callable[[], object] | None = None) -> None:
    """Index every page of output_path that marks its content with data-pagefind-body.

    Reuses Pagefind's files kept in `cache` and the cut pages kept in `copies_cache` (search_copies.py);
    calls `meanwhile()` while Pagefind runs (sinn_core.alongside).
    """
    try:
        copies = SearchCopies(output_path, bundle_dir, copies_cache)
        try:
            _index(copies.make(), os.path.join(output_path, bundle_dir), chunk_size, cache, meanwhile)
            copies.keep()
        finally:
            copies.close()
    except OSError as error:
        raise SearchIndexError(f"Die Seiten für den Suchindex konnten nicht vorbereitet werden: {error}") from error


def _index(site: str, bundle: str, chunk_size: int | None, cache: str | None, meanwhile: Callable[[], object] | None = None) -> None:
    """Run Pagefind over the pages in `site`, writing the bundle to `bundle` (reusing files kept in `cache`)."""
    seeded = 0
    if cache:
        try:
            seeded = reuse.seed(bundle, cache)
        except OSError as error:  # Pagefind says what is wrong with the folder, if anything
            logger.debug("search files not reused: %s", error)
            shutil.rmtree(bundle, ignore_errors=True)
    _run_pagefind(site, bundle, chunk_size, meanwhile)
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


def _run_pagefind(site: str, bundle: str, chunk_size: int | None, meanwhile: Callable[[], object] | None = None) -> None:
    """Run Pagefind over the pages in `site`, writing to `bundle` (calling `meanwhile()` as it runs), then put its filter files in a stable order."""
    command = [pagefind_executable(), "--site", site, "--output-path", bundle, "--silent"]
    environment = dict(os.environ)
    if chunk_size:
        # Pagefind 1.5's word chunks are sized by postings (default 20,000); smaller chunks mean
        # fewer bytes per query on a big site. The option is marked unstable: pagefind-bin is pinned.
        environment["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(chunk_size)
    # Its messages go to a file, not a pipe: while `meanwhile` runs nobody reads, and a full pipe would stop Pagefind.
    with tempfile.TemporaryFile() as messages:
        try:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=messages, env=environment)
        except OSError as error:
            raise SearchIndexError(f"Pagefind konnte nicht laufen: {error}") from error
        try:
            if meanwhile is not None:
                meanwhile()
            returncode = process.wait(timeout=900)
        except subprocess.TimeoutExpired as error:
            raise SearchIndexError(f"Pagefind konnte nicht laufen: {error}") from error
        finally:
            if process.poll() is None:  # the work meanwhile failed, or Pagefind hangs: it must not outlive the build
                process.kill()
                process.wait()
        messages.seek(0)
        stderr = messages.read().decode("utf-8", "replace").strip()
    if returncode != 0:
        raise SearchIndexError(f"Pagefind meldet einen Fehler beim Indexieren der Seiten: {stderr}")
    if stderr:
        logger.warning("Pagefind: %s", stderr)
    try:
        stabilise(bundle)
    except UnknownFormatError as error:
        # Search still works; only two builds of one commit may differ in the filter files.
        logger.warning("Pagefind-Filter nicht sortiert (unbekanntes Format: %s); zwei Builds können sich unterscheiden.", error)
    except OSError as error:
        raise SearchIndexError(f"Pagefind-Index konnte nicht geschrieben werden: {error}") from error
