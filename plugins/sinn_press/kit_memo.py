"""The press kits of the last build, so a build after a one-story edit packs only that story's kit.

Each kit (its three citation files and its ZIP) is a function of the story's own fields, the hero
image's download, the settings, the day (citations carry the access date) and this plugin's code.
All of these make the key: the run's part once (settings, day, the plugins' code), the story's part
per story (every value the kit reads of it). An unchanged story gets its ZIP and its citation
files linked from the cache (press_kit.py keeps them beside the ZIP), without composing them,
and without forking workers for 2,000 stories (their copy-on-write page faults cost more than the
composing itself). Kept in PRESS_KIT_CACHE_PATH as memo-<run>.pickle, for the last few kinds of run
(make html, make publish, a preview), as the ZIPs are.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os

from sinn_core.files import read_pickled, save_memo
from sinn_core.fingerprint import run_digest, stable
from sinn_structured_data import download_image, text_license

logger = logging.getLogger(__name__)

# The story's fields a kit reads (readme.py, citation.py, citation_formats.py).
FIELDS = ("title", "summary", "date", "modified", "illustrative", "image", "facts", "quotes", "contact", "slug", "url", "license")


def story_key(story, settings) -> str:
    """One story's part of its kit's key: every value the kit reads of it."""
    values = {name: getattr(story, name, None) for name in FIELDS}
    values["download"] = download_image(story, settings)
    values["licence"] = text_license(story, settings)
    try:  # the C encoder: 2,000 stories' values, nested facts and quotes, in a fraction of the time stable() takes
        text = json.dumps(values, sort_keys=True, default=_described, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):  # keys that are not all text: the slower description of anything
        text = stable(values)
    return hashlib.sha256(text.encode()).hexdigest()


def _described(value) -> dict:
    """A value JSON has no type for (a date, an image), as its stable text, marked so no plain text can equal it."""
    return {"\0": type(value).__qualname__, "value": stable(value)}


class KitMemo:
    """The last run's kits of this kind, and this run's, by story file."""

    def __init__(self, settings, cache_root: str):
        self.settings = settings
        self.cache_root = cache_root
        self.path = os.path.join(cache_root, f"memo-{run_digest(settings)[:20]}.pickle")
        stored = read_pickled(self.path)
        self.previous: dict = stored if isinstance(stored, dict) else {}
        self.current: dict = {}

    def key(self, story) -> str | None:
        """The story's key, or None if it cannot be told (then the kit is composed afresh)."""
        try:
            return story_key(story, self.settings)
        except Exception:  # any value that cannot be described only means no reuse
            logger.debug("%s: press kit not reused", story.source_path, exc_info=True)
            return None

    def lookup(self, story, key: str | None):
        """The last run's kit for this story if its key is the same: (files for the press box, cached ZIP path)."""
        entry = self.previous.get(story.source_path)
        if key is None or not entry or entry[0] != key:
            return None
        _key, files, zip_name = entry
        return files, os.path.join(self.cache_root, zip_name)

    def remember(self, story, key: str | None, files: list, cached: str) -> None:
        """Keep this run's kit of a story for the next run."""
        if key is not None:
            self.current[story.source_path] = (key, files, os.path.relpath(cached, self.cache_root))

    def save(self) -> None:
        """Write this run's kits; drop the memos of all but the KEEP_KINDS kinds of run built last (as for the ZIPs)."""
        save_memo(self.path, self.current)
