"""Runs Pagefind (from the pagefind-bin wheel, no download) over the built site."""

from __future__ import annotations

import logging
import os
import subprocess

from .stable import UnknownFormatError, stabilise

logger = logging.getLogger(__name__)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def pagefind_executable() -> str:
    """Path of the Pagefind binary shipped inside the pagefind-bin wheel."""
    import pagefind_bin  # noqa: PLC0415

    return str(pagefind_bin.get_executable())


def build_index(output_path: str, bundle_dir: str) -> None:
    """Index every page of output_path that marks its content with data-pagefind-body."""
    command = [pagefind_executable(), "--site", output_path, "--output-subdir", bundle_dir, "--silent"]
    try:
        process = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Pagefind konnte nicht laufen: {error}") from error
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind meldet einen Fehler beim Indexieren von {output_path}: {process.stderr.strip()}")
    if process.stderr.strip():
        logger.warning("Pagefind: %s", process.stderr.strip())
    try:
        stabilise(os.path.join(output_path, bundle_dir))
    except UnknownFormatError as error:
        # Search still works; only two builds of one commit may differ in the filter files.
        logger.warning("Pagefind-Filter nicht sortiert (unbekanntes Format: %s); zwei Builds können sich unterscheiden.", error)
    except OSError as error:
        raise SearchIndexError(f"Pagefind-Index konnte nicht geschrieben werden: {error}") from error
