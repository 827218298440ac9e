"""Work a build may do while Pagefind indexes the pages: files that no page reads and the search never sees.

Pagefind runs as its own program once the last page is written; it keeps one core busy for
seconds, two only while it parses, and the build's Python process just waits for it. Files no
page is made from (the feeds, the press kits linked from their cache) can be written in that
time instead of before it. The search index takes such work for its run (`take`, at
`initialized`) and does it while Pagefind runs (`run_taken`); in a run without a search index,
`offer` does the work at once, where it was offered.

A failure is logged as an error naming the work, which fails the build like any logged error
(tools/build.py), and the rest of the work is still done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from .run_state import RunState

logger = logging.getLogger(__name__)

# The work offered in a run whose search index takes it; no entry: nobody takes it, it is done at once.
_taken = RunState()


def take(settings) -> None:
    """Declare that this run does offered work while its search index is built."""
    _taken.put(settings, [])


def offer(settings, label: str, work: Callable[[], None]) -> None:
    """Do work() while the search index is built if the run takes such work, else now; `label` names it in a failure."""
    queue = _taken.get(settings)
    if queue is None:
        work()
    else:
        queue.append((label, work))


def run_taken(settings) -> int:
    """Do the work offered in this run so far; what is offered later is done at once. How many pieces failed (each is logged)."""
    failed = 0
    for label, work in _taken.pop(settings) or []:
        try:
            work()
        except Exception as error:  # noqa: BLE001 - one piece must not keep the others from being done
            failed += 1
            logger.error("%s nicht geschrieben: %s (%s)", label, error, error.__class__.__name__)
    return failed
