"""Writing files so that no reader ever sees half of one: atomic writes and link-or-copy.

Not a plugin itself; the image cache, the press kits, the search index cache and the build's memos
(check, pages, press kits, actors: read_pickled, save_memo) import it. A file
is written under a temporary name beside its target and renamed over it: a rename within one
folder is atomic, so a build that stops midway, or a second build sharing the cache, finds the old
file or the new one, never a torn one. Own code rather than a library: it is os.replace and a
temporary name, which the standard library's tempfile does not combine for a named target.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import shutil
from collections.abc import Iterator

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def atomic_path(path: str) -> Iterator[str]:
    """A temporary path beside `path` to write to; renamed over `path` when the block ends without error."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    folder, name = os.path.split(path)
    # Hidden, and named by the process, so two builds sharing a cache never write the same temporary file.
    temporary = os.path.join(folder, f".{name}.tmp-{os.getpid()}")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)


def write_atomic(path: str, data: bytes | str) -> None:
    """Write bytes (or text, as UTF-8) to `path` at once: readers see the old file or the new one."""
    with atomic_path(path) as temporary, open(temporary, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def link_or_copy(source: str, target: str) -> None:
    """Put the file `source` at `target` (replacing it): a hard link where possible, else a copy."""
    # Targets are built from content paths: one with ".." in it must never replace a file elsewhere.
    if ".." in target.replace(os.sep, "/").split("/"):
        raise ValueError(f"refusing to write outside the output folder: {target!r}")
    try:  # a new name: one link is atomic already (the build's folders are new: 3,400 links to the page memo's copies)
        os.link(source, target)
        return
    except OSError:  # there is a file to replace, or no link to be had (another file system): through a temporary name
        pass
    with atomic_path(target) as temporary:
        try:
            os.link(source, temporary)
        except OSError:
            shutil.copyfile(source, temporary)


# How many kinds of run (make html, make publish, a preview) a cache keeps what they used for.
KEEP_KINDS = 3


def save_memo(path: str, value) -> None:
    """Pickle a memo of this run's kind to `path`; drop those of all but the KEEP_KINDS kinds of run saved last.

    The memos of one folder share the prefix of `path`'s name before its first "-".
    """
    write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    folder, prefix = os.path.dirname(path), os.path.basename(path).split("-", 1)[0] + "-"
    memos = sorted((entry for entry in os.scandir(folder) if entry.name.startswith(prefix) and entry.name.endswith(".pickle")),
                   key=lambda entry: entry.stat().st_mtime, reverse=True)
    for entry in memos[KEEP_KINDS:]:
        with contextlib.suppress(FileNotFoundError):  # another build removed it meanwhile
            os.remove(entry.path)


def read_pickled(path: str):
    """What an earlier build pickled at `path`, or None if it is missing or unreadable (the caller starts afresh)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception as error:  # noqa: BLE001 - a damaged or older cache file can fail to unpickle in almost any way
        logger.debug("%s not used: %s", path, error)
        return None
