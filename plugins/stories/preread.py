"""Reads the stories that Pelican's cache lacks on every core, before Pelican asks for them one by one.

A cold build reads thousands of Markdown files, one after the other, in one process: the largest
share of its time. Pelican then still reads each file itself, but gets the result from here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os

from pelican.generators import ArticlesGenerator

logger = logging.getLogger(__name__)

_prepared: dict[str, tuple] = {}
_worker_reader = None


def _stamp(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_mtime_ns, status.st_size


def _read_in_worker(paths: list[str]) -> list[tuple]:
    results = []
    for path in paths:
        try:
            stamp = _stamp(path)
            content, metadata = _worker_reader.read(path)
            results.append((path, stamp, content, metadata))
        except Exception:  # noqa: BLE001 - Pelican reads the file itself and reports the problem
            continue
    return results


def prepare(generator, reader_class, workers: int, minimum: int) -> int:
    """Read, on `workers` processes, the generator's Markdown files its cache lacks (if `minimum` or more)."""
    global _worker_reader  # noqa: PLW0603 - the forked workers inherit the reader
    if getattr(generator, "_stories_prepared", False):
        return 0
    generator._stories_prepared = True
    settings = generator.settings
    if isinstance(generator, ArticlesGenerator):
        relative = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    else:
        relative = generator.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"])
    paths = [os.path.abspath(os.path.join(generator.path, p)) for p in relative if p.endswith(".md")]
    missing = [p for p in paths if p not in _prepared and generator.readers.get_cached_data(p, None) is None]
    if workers < 2 or len(missing) < minimum or not hasattr(os, "fork"):
        return 0
    _worker_reader = reader_class(settings)
    chunks = [missing[index::workers * 4] for index in range(workers * 4)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap_unordered(_read_in_worker, chunks):
                for path, stamp, content, metadata in results:
                    _prepared[path] = (stamp, content, metadata)
    except OSError as error:  # no processes to be had: Pelican reads them one by one
        logger.debug("reading in parallel failed: %s", error)
    finally:
        _worker_reader = None
    return len(missing)


def take(path: str):
    """The content and metadata read for path, if the file has not changed since; else None."""
    prepared = _prepared.pop(path, None)
    if prepared is None:
        return None
    stamp, content, metadata = prepared
    try:
        return (content, metadata) if _stamp(path) == stamp else None
    except OSError:
        return None
