"""Runs Pagefind (from the pagefind-bin wheel, no download) over the built site."""

from __future__ import annotations

import logging
import os
import subprocess

from .stable import UnknownFormatError, stabilise
from .title_order import write_title_order

logger = logging.getLogger(__name__)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def pagefind_executable() -> str:
    """Path of the Pagefind binary shipped inside the pagefind-bin wheel."""
    import pagefind_bin  # noqa: PLC0415

    return str(pagefind_bin.get_executable())


def build_index(output_path: str, bundle_dir: str, chunk_size: int | None = None) -> None:
    """Index every page of output_path that marks its content with data-pagefind-body."""
    command = [pagefind_executable(), "--site", output_path, "--output-subdir", bundle_dir, "--silent"]
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
        raise SearchIndexError(f"Pagefind meldet einen Fehler beim Indexieren von {output_path}: {process.stderr.strip()}")
    if process.stderr.strip():
        logger.warning("Pagefind: %s", process.stderr.strip())
    bundle = os.path.join(output_path, bundle_dir)
    try:
        stabilise(bundle)
    except UnknownFormatError as error:
        # Search still works; only two builds of one commit may differ in the filter files.
        logger.warning("Pagefind-Filter nicht sortiert (unbekanntes Format: %s); zwei Builds können sich unterscheiden.", error)
    except OSError as error:
        raise SearchIndexError(f"Pagefind-Index konnte nicht geschrieben werden: {error}") from error
    try:
        write_title_order(bundle)
    except (UnknownFormatError, OSError, ValueError) as error:
        raise SearchIndexError(f"Die Titel-Reihenfolge der Suche konnte nicht geschrieben werden: {error}") from error
