"""Reads the stories that Pelican's cache lacks on every core, before Pelican asks for them one by one.

A cold build reads thousands of Markdown files, one after the other, in one process: the largest
share of its time. Pelican then still reads each file itself, but gets the result from here.
"""

from __future__ import annotations

import os

from pelican.generators import ArticlesGenerator

from sinn_content_contract.documents import file_stamp, is_parsed
from sinn_core.parallel import fork_map

_prepared: dict[str, tuple] = {}


def _read(reader, path: str) -> tuple | None:
    stamp = file_stamp(path)
    if stamp is None:
        return None  # Pelican reads the file itself and reports the problem
    try:
        content, metadata = reader.read(path)
    except Exception:  # noqa: BLE001 - Pelican reads the file itself and reports the problem
        return None
    return path, stamp, content, metadata


def prepare(generator, reader_class, workers: int, minimum: int) -> int:
    """Read, on `workers` processes, the generator's Markdown files its cache lacks (if `minimum` or more)."""
    if getattr(generator, "_stories_prepared", False):
        return 0
    generator._stories_prepared = True
    settings = generator.settings
    if isinstance(generator, ArticlesGenerator):
        kind, relative = "story", generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    else:
        kind, relative = "page", generator.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"])
    paths = [os.path.abspath(os.path.join(generator.path, p)) for p in relative if p.endswith(".md")]
    # A file the check parsed just now is read quickly here, in this process (sinn_content_contract.documents).
    missing = [p for p in paths if p not in _prepared and not is_parsed(kind, p) and generator.readers.get_cached_data(p, None) is None]
    if workers < 2 or len(missing) < minimum:
        return 0  # Pelican reads them one by one, as it would anyway
    reader = reader_class(settings)
    for read in fork_map(lambda path: _read(reader, path), missing, workers, minimum):
        if read is not None:
            path, stamp, content, metadata = read
            _prepared[path] = (stamp, content, metadata)
    return len(missing)


def take(path: str):
    """The content and metadata read for path, if the file has not changed since; else None."""
    prepared = _prepared.pop(path, None)
    if prepared is None:
        return None
    stamp, content, metadata = prepared
    return (content, metadata) if file_stamp(path) == stamp else None
