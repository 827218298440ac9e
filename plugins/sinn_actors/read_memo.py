"""The profiles read by the last build, so a build after an edit parses only the actor files that changed.

Reading a profile (its YAML, the contract's rules, its description's Markdown, cleaned) depends on
the file's bytes, the settings, the day (the contract refuses a profile whose review date has
passed) and the plugins' code. The last two and the settings make one digest per run; an actor is
reused only for the same bytes under the same digest. A file that cannot be published is never
kept: it is read again, so its message is the reader's own. Kept in ACTORS_CACHE_PATH (default
.cache/actors beside the content folder), one file per kind of run (make html, publish, preview).

Own code: Pelican's reader cache covers the files its readers read; actors have their own generator.
"""

from __future__ import annotations

import logging
import os
import pickle

from sinn_core.files import read_pickled, save_memo
from sinn_core.fingerprint import file_digest, run_digest

from .model import Actor

logger = logging.getLogger(__name__)


def _file_digest(path: str) -> str | None:
    try:
        return file_digest(path)  # by the bytes: a profile over 64 KB is refused, and never kept
    except OSError:
        return None


class ReadMemo:
    """The last run's actors of this kind by file, and this run's."""

    def __init__(self, settings: dict, folder: str):
        self.folder = folder
        self.path = os.path.join(folder, f"actors-{run_digest(settings)[:20]}.pickle")
        stored = read_pickled(self.path)
        self.previous: dict = stored if isinstance(stored, dict) else {}
        self.current: dict = {}

    def lookup(self, path: str) -> Actor | None:
        """The actor read from this file last time, if its bytes are the same."""
        digest = _file_digest(path)
        entry = self.previous.get(path)
        if digest is None or not entry or entry[0] != digest or not isinstance(entry[1], Actor):
            self.current[path] = (digest, None)
            return None
        self.current[path] = entry
        return entry[1]

    def remember(self, path: str, actor: Actor) -> None:
        """Keep a freshly read actor (looked up first, so its file's digest is known)."""
        digest = self.current.get(path, (None, None))[0]
        if digest is not None:
            self.current[path] = (digest, actor)

    def save(self) -> None:
        """Write this run's actors; drop the files of all but the KEEP_KINDS kinds of run built last."""
        kept = {path: entry for path, entry in self.current.items() if entry[1] is not None}
        try:
            save_memo(self.path, kept)
        except (OSError, pickle.PickleError) as error:  # the next build reads every profile
            logger.warning("Zwischenspeicher der Akteure nicht aktualisiert: %s (%s)", self.folder, error)
