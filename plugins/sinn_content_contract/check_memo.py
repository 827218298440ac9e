"""Keeps each file's check between runs, so `make check` and the build re-check only what changed.

A file's verdict (its parsed document and its problems) depends on its own bytes and on what it is
checked against: the settings, the day (reviews fall due), the checker's code and the schema, the
vocabularies and which files exist (references to actors and images, the images' sizes). The last
group is one digest, `context`; an entry is reused only for the same file bytes in the same context,
so a changed vocabulary or a new actor checks every file again, and a day later too.

Stored with pickle in .cache/check/ (the build's own cache folder beside content/, never under it and
never read from content). A cache that cannot be read is ignored.
Own code: no library keeps per-file results of a Python checker keyed by their inputs.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle

from sinn_core.files import read_pickled
from sinn_core.fingerprint import PLUGINS, add_file, add_tree, settings_text
from sinn_core.settings import cache_path

logger = logging.getLogger(__name__)

SCHEMA = os.path.join(os.path.dirname(PLUGINS), "schema")
FILE_NAME = "files.pickle"
# Whether the build checks at all changes no verdict.
CHECK_SETTINGS = {"CONTENT_CONTRACT_CHECK"}


class CheckMemo:
    """The verdicts of the last run whose context equals this one's."""

    def __init__(self, settings: dict, content_path: str, inventory, today, months):
        self.path = os.path.join(cache_path({"PATH": content_path}, "check"), FILE_NAME)
        self.context = _context(settings, content_path, inventory, today, months)
        stored = read_pickled(self.path)  # none usable: every file is checked
        usable = isinstance(stored, dict) and stored.get("context") == self.context and isinstance(stored.get("entries"), dict)
        self.entries: dict[str, tuple] = stored["entries"] if usable else {}
        self.used: dict[str, tuple] = {}
        self.changed = False

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
        self.changed = True

    def save(self) -> None:
        """Write the verdicts of this run (only those still in use) if any is new."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            temporary = f"{self.path}.{os.getpid()}"
            with open(temporary, "wb") as handle:
                pickle.dump({"context": self.context, "entries": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:  # the next run checks everything
            logger.debug("check cache not kept: %s", error)


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
