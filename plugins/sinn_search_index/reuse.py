"""Keeps Pagefind's page and word files between builds, so an unchanged one is not compressed again.

Pagefind names each fragment (a page's text for result excerpts) and each word chunk by a hash of
its content, and leaves one that already exists in the bundle alone. Writing them is the part of
its run that uses one core: it compresses every file at gzip's slowest level (about 4 of 9 seconds
for 3,000 pages here). So before Pagefind runs, the last build's files are linked into the new
bundle; afterwards those the new index does not list are removed, and the cache takes the new set.
"""

from __future__ import annotations

import json
import logging
import os
import shutil

from sinn_core.files import link_or_copy

from .stable import UnknownFormatError, read_file

logger = logging.getLogger(__name__)

# The bundle's folders of content-named files, and the extension of the files in each.
FOLDERS = {"fragment": ".pf_fragment", "index": ".pf_index"}


def seed(bundle: str, cache: str) -> int:
    """Link the cached files into the bundle's folders before Pagefind runs; how many."""
    count = 0
    for folder in FOLDERS:
        source = os.path.join(cache, folder)
        if not os.path.isdir(source):
            continue
        target = os.path.join(bundle, folder)
        os.makedirs(target, exist_ok=True)
        for name in os.listdir(source):
            try:
                link_or_copy(os.path.join(source, name), os.path.join(target, name))
            except OSError:  # gone meanwhile (another build renewed the cache): Pagefind writes it
                continue
            count += 1
    return count


def listed(bundle: str) -> dict[str, set[str]]:
    """The file names each folder must hold: the pages and word chunks the bundle's meta files list."""
    try:
        with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as handle:
            languages = json.load(handle)["languages"]
        names = {folder: set() for folder in FOLDERS}
        for details in languages.values():
            meta = read_file(os.path.join(bundle, f"pagefind.{details['hash']}.pf_meta"))
            names["fragment"].update(page[0] + FOLDERS["fragment"] for page in meta[1])
            names["index"].update(chunk[2] + FOLDERS["index"] for chunk in meta[2])
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        raise UnknownFormatError(f"pagefind-entry.json or a meta file: {error}") from error
    return names


def prune(bundle: str) -> int:
    """Remove the files no meta file lists (left from the cache); how many."""
    removed = 0
    for folder, names in listed(bundle).items():
        path = os.path.join(bundle, folder)
        for name in set(os.listdir(path)) - names:
            os.remove(os.path.join(path, name))
            removed += 1
    return removed


def keep(bundle: str, cache: str) -> None:
    """Make the cache hold exactly the bundle's content-named files."""
    for folder in FOLDERS:
        source, target = os.path.join(bundle, folder), os.path.join(cache, folder)
        os.makedirs(target, exist_ok=True)
        wanted, present = set(os.listdir(source)), set(os.listdir(target))
        for name in wanted - present:
            link_or_copy(os.path.join(source, name), os.path.join(target, name))
        for name in present - wanted:
            try:
                os.remove(os.path.join(target, name))
            except FileNotFoundError:
                continue


def forget(cache: str) -> None:
    """Empty the cache's page and word files (they could not be checked against the index)."""
    for folder in FOLDERS:
        shutil.rmtree(os.path.join(cache, folder), ignore_errors=True)
