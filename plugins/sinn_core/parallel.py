"""Work that splits into independent items, done on every core by forked processes.

Not a plugin itself; plugins import it (the checker, the story pre-reader, the press kits). The
function is handed to the workers by forking, not by pickling, so it may be a closure or a
partial over a whole site model; only the items and the results cross between processes, pickled,
so they should be small (paths, indices), not objects that link to the site model.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence

logger = logging.getLogger(__name__)

# The function of the map in progress: set just before the pool forks, so every worker inherits it.
_function: Callable | None = None


def _run_chunk(chunk: list) -> list:
    return [_function(item) for item in chunk]


def fork_map(function: Callable, items: Sequence, workers: int, minimum: int) -> list:
    """[function(item) for item in items], in order; on `workers` processes if there are `minimum` items or more."""
    global _function  # noqa: PLW0603 - what the forked workers inherit
    items = list(items)
    if workers < 2 or len(items) < max(minimum, 2) or not hasattr(os, "fork") or _function is not None:
        return [function(item) for item in items]
    # A few chunks per worker even out files of different sizes without a message per item.
    size = -(-len(items) // (workers * 4))
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    _function = function
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_run_chunk, chunks)
    except OSError as error:  # no processes to be had: do the work here
        logger.debug("forking %d workers failed (%s); working in one process", workers, error)
        results = None
    finally:
        _function = None
    if results is None:
        return [function(item) for item in items]
    return [result for chunk in results for result in chunk]


def cores(setting: int | None) -> int:
    """The number of workers a setting asks for: itself if set, else one per core."""
    return setting or os.cpu_count() or 1
