"""Work on every core by forked processes: the one place of the site's code that forks.

Not a plugin itself; plugins import it (the checker, the story and actor readers, the press kits,
the images, the page writer). The function is handed to the workers by forking, not by pickling,
so it may be a closure or a partial over a whole site model; only the items and the results cross
between processes, pickled, so they should be small (paths, indices), not objects that link to the
site model. `cores` is the one notion of how many workers a setting asks for.

Four shapes of work: `fork_map` splits items over a pool and waits for all results; `start_in_fork`
runs one function in a process of its own while the build goes on (the page writer renders the
story pages that way) and `Forked.wait` collects its count of failures; `compute_in_fork` does the
same for a function whose (small, picklable) result the build needs later, and `Pending.result`
waits for it (the open data work out their files so); `TwoEnds` lets a forked process and the one
that forked it take items from one list, from opposite ends, so whoever is done first helps the other.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

# The function of the map in progress: set just before the pool forks, so every worker inherits it.
_function: Callable | None = None
# The processes start_in_fork and compute_in_fork started and nobody has waited for yet, by pid.
_running: dict[int, Forked | Pending] = {}


def cores(setting: int | None) -> int:
    """The number of workers a setting asks for: itself if set, else one per core."""
    return setting or os.cpu_count() or 1


def _run_chunk(chunk: list) -> list:
    return [_function(item) for item in chunk]


def fork_map(function: Callable, items: Sequence, workers: int, minimum: int, chunk: int | None = None) -> list:
    """[function(item) for item in items], in order; on `workers` processes if there are `minimum` items or more.

    Items go to the workers in chunks: by default a few per worker, which evens out items of
    different sizes without a message per item; `chunk=1` for few items that each take long (images).
    """
    global _function  # noqa: PLW0603 - what the forked workers inherit
    items = list(items)
    if workers < 2 or len(items) < max(minimum, 2) or not hasattr(os, "fork") or _function is not None:
        return [function(item) for item in items]
    size = chunk or -(-len(items) // (workers * 4))
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    _function = function
    try:
        with _fork_frozen(lambda: multiprocessing.get_context("fork").Pool(min(workers, len(chunks)))) as pool:
            results = pool.map(_run_chunk, chunks, chunksize=1)
    except OSError as error:  # no processes to be had: do the work here
        logger.debug("forking %d workers failed (%s); working in one process", workers, error)
        results = None
    finally:
        _function = None
    if results is None:
        return [function(item) for item in items]
    return [result for chunk in results for result in chunk]


def _fork_frozen(fork: Callable):
    """fork() (or whatever forks), with the heap as it is frozen for the collector in the children.

    A child's collector would otherwise walk the whole inherited model (0.1 to 0.2 s per child) and so
    copy every page of it (copy-on-write). The parent unfreezes at once and collects as before; a
    child ends when its work is done.
    """
    parent = os.getpid()
    gc.freeze()
    try:
        return fork()
    finally:
        if os.getpid() == parent:
            gc.unfreeze()


def _fork() -> int | None:
    """os.fork() with the heap frozen for the children (_fork_frozen); None where no process can be had."""
    try:
        return _fork_frozen(os.fork) if hasattr(os, "fork") else None
    except OSError as error:
        logger.debug("forking failed (%s); working in one process", error)
        return None


@dataclass
class Forked:
    """A function running in a forked process; `wait()` gives its result."""

    pid: int | None
    result: int = 0

    def wait(self) -> int:
        """Wait for the process; its count of failures (at least 1 if it died), capped at 100."""
        if self.pid is None:
            return self.result
        _pid, status = os.waitpid(self.pid, 0)
        _running.pop(self.pid, None)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        self.result = 0 if code == 0 else max(code, 1)
        return self.result


def start_in_fork(function: Callable[[], int]) -> Forked:
    """Run function() (a count of failures) in a forked process while this one goes on; where no process can be had, run it here."""
    pid = _fork()
    if pid is None:
        return Forked(None, function())
    if pid == 0:  # pragma: no cover - runs in the forked process
        status = 1
        try:
            status = min(function(), 100)
        finally:
            logging.shutdown()
            os._exit(status)
    forked = _running[pid] = Forked(pid)
    return forked


class ForkedError(Exception):
    """The function given to compute_in_fork failed in its process; the message says how."""


@dataclass
class Pending:
    """The result of a function a forked process works out; `result()` waits for it."""

    pid: int | None
    pipe: int | None = None
    value: object = None
    failure: str | None = None
    _chunks: list = field(default_factory=list)
    _reader: threading.Thread | None = None

    def __post_init__(self) -> None:
        # The result is taken in as it comes, in a thread: one larger than the pipe's buffer (the staging
        # folders' list: 150 kB) otherwise kept the process waiting, and alive with its memory, until asked for.
        if self.pid is not None:
            self._reader = threading.Thread(target=self._read, name="sinn-pending", daemon=True)
            self._reader.start()

    def _read(self) -> None:
        with os.fdopen(self.pipe, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                self._chunks.append(chunk)

    def result(self):
        """Wait for the process and return what the function returned; ForkedError if it failed or died."""
        if self.pid is not None:
            self._reader.join()
            os.waitpid(self.pid, 0)
            _running.pop(self.pid, None)
            self.pid = self.pipe = self._reader = None
            try:
                self.value, self.failure = pickle.loads(b"".join(self._chunks))
            except (EOFError, pickle.UnpicklingError):  # nothing or half of it came through: the process died first
                self.failure = "Der Prozess endete ohne Ergebnis."
        if self.failure is not None:
            raise ForkedError(self.failure)
        return self.value


def compute_in_fork(function: Callable[[], object]) -> Pending:
    """Work out function() in a forked process while this one goes on; where no process can be had, here."""
    try:
        reader, writer = os.pipe()
    except OSError as error:
        logger.debug("no pipe (%s); working in one process", error)
        return _computed_here(function)
    pid = _fork()
    if pid is None:
        os.close(reader)
        os.close(writer)
        return _computed_here(function)
    if pid == 0:  # pragma: no cover - runs in the forked process
        os.close(reader)
        try:
            outcome = (function(), None)
        except BaseException as error:  # everything is reported to the parent, which decides
            logger.debug("work in a forked process failed", exc_info=True)
            outcome = (None, f"{error.__class__.__name__}: {error}")
        try:
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            logging.shutdown()
            os._exit(0)
    os.close(writer)
    pending = _running[pid] = Pending(pid, reader)
    return pending


def stop_all() -> None:
    """End every process start_in_fork or compute_in_fork started that nobody waited for (a build that stopped midway).

    Their work is not wanted then, and they write into the build's unfinished output, which goes
    next: one still writing could leave files and folders behind, beside the site.
    """
    for pid, process in list(_running.items()):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        if isinstance(process, Pending):
            with contextlib.suppress(ForkedError):
                process.result()
        else:
            process.wait()


def _computed_here(function: Callable[[], object]) -> Pending:
    try:
        return Pending(None, value=function())
    except Exception as error:  # reported like a forked process's failure
        logger.debug("work failed", exc_info=True)
        return Pending(None, failure=f"{error.__class__.__name__}: {error}")


class TwoEnds:
    """Items a forked process takes from the front and its parent from the back: each item goes to exactly one.

    Made before the fork; the two ends meet wherever the two processes' speeds put them.
    """

    def __init__(self, items: Sequence):
        self.items = items
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else multiprocessing.get_context()
        self._ends = context.RawArray("q", [0, len(items)])  # the next from the front; one past the next from the back
        self._lock = context.Lock()

    def front(self):
        """The items not yet taken, from the front."""
        while True:
            with self._lock:
                index = self._ends[0]
                if index >= self._ends[1]:
                    return
                self._ends[0] = index + 1
            yield self.items[index]

    def back(self):
        """The items not yet taken, from the back."""
        while True:
            with self._lock:
                index = self._ends[1] - 1
                if index < self._ends[0]:
                    return
                self._ends[1] = index
            yield self.items[index]
