"""Keeps each file's check between runs, so `make check` and the build re-check only what changed.

A file's verdict (its parsed document and its problems) depends on its own bytes and on what it is
checked against: the settings, the day (reviews fall due), the checker's code and the schema, the
vocabularies and which files exist (references to actors and images, the images' sizes). The last
group is one digest, `context`; an entry is reused only for the same file bytes in the same context,
so a changed vocabulary or a new actor checks every file again, and a day later too.

Stored with pickle in .cache/check/ (the build's own cache folder beside content/, never under it and
never read from content), in SHARDS files by the first character of each entry's key: a verdict holds
the parsed file and its HTML, 25 MB for 3,000 files, and after one edit only the one or two files
holding the old and the new verdict are written again. A file that cannot be read is ignored.
Own code: no library keeps per-file results of a Python checker keyed by their inputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle

from sinn_core.files import read_pickled, write_atomic
from sinn_core.fingerprint import PLUGINS, add_file, add_tree, settings_text
from sinn_core.settings import cache_path

logger = logging.getLogger(__name__)

SCHEMA = os.path.join(os.path.dirname(PLUGINS), "schema")
FILE_PREFIX = "files-"  # files-0.pickle … files-f.pickle
SHARDS = "0123456789abcdef"  # the keys are hexadecimal digests
BEFORE_SHARDS = "files.pickle"  # all verdicts in one file, until 1.12.2026: removed when the shards are written
# Whether the build checks at all changes no verdict.
CHECK_SETTINGS = {"CONTENT_CONTRACT_CHECK"}


class CheckMemo:
    """The verdicts of the last run whose context equals this one's."""

    def __init__(self, settings: dict, content_path: str, inventory, today, months):
        self.folder = cache_path({"PATH": content_path}, "check")
        self.context = _context(settings, content_path, inventory, today, months)
        self.entries: dict[str, tuple] = {}
        for shard in SHARDS:
            stored = read_pickled(self._path(shard))  # none usable: the files of this shard are checked
            if isinstance(stored, dict) and stored.get("context") == self.context and isinstance(stored.get("entries"), dict):
                self.entries.update(stored["entries"])
        self.used: dict[str, tuple] = {}
        self.fresh: set[str] = set()  # shards with a new verdict

    @staticmethod
    def key(kind: str, path: str) -> str:
        """The file's own part of the key: its kind, path and bytes."""
        digest = hashlib.sha256(f"{kind}\0{path}".encode())
        with open(path, "rb") as handle:
            digest.update(handle.read())
        return digest.hexdigest()

    def get(self, key: str):
        """The stored (kind, document, problems) for key, or None."""
        entry = self.entries.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: str, entry: tuple) -> None:
        """Keep a fresh verdict."""
        self.used[key] = entry
        self.fresh.add(key[:1])

    def save(self) -> None:
        """Write each shard whose verdicts changed: one is new, or one is no longer in use."""
        unused = {key[:1] for key in self.entries if key not in self.used}
        for shard in sorted(self.fresh | unused):
            entries = {key: entry for key, entry in self.used.items() if key[:1] == shard}
            try:
                write_atomic(self._path(shard), pickle.dumps({"context": self.context, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL))
            except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:  # the next run checks this shard's files
                logger.debug("check cache not kept: %s", error)
        with contextlib.suppress(OSError):
            os.remove(os.path.join(self.folder, BEFORE_SHARDS))

    def _path(self, shard: str) -> str:
        return os.path.join(self.folder, f"{FILE_PREFIX}{shard}.pickle")


def _context(settings: dict, content_path: str, inventory, today, months) -> str:
    digest = hashlib.sha256()
    digest.update(settings_text(settings, CHECK_SETTINGS).encode())
    digest.update(f"{today}\0{months}\0{os.path.abspath(content_path)}".encode())
    for folder in (PLUGINS, SCHEMA, os.path.join(content_path, settings["VOCABULARIES_PATH"])):
        add_tree(digest, folder)
    # Which files exist (references), and the images as they are (sizes and proportions are checked per story).
    for kind in sorted(inventory.files):
        for path in inventory.of_kind(kind):
            digest.update(f"\0{kind}\0{path}".encode())
            if kind == "image":
                add_file(digest, path, os.lstat(path))
    return digest.hexdigest()
