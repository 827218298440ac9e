"""Writes the Atom feeds into the output folder."""

from __future__ import annotations

import logging
import os
from functools import partial

from pelican.generators import Generator

from sinn_core import alongside
from sinn_stories.visibility import public_stories

from .entries import build_feed, fallback_updated, feed_specs

logger = logging.getLogger(__name__)


class FeedsGenerator(Generator):
    """Generates one feed for all stories and one per theme and per region."""

    def generate_context(self):
        """Nothing to read: feeds are built from the stories once all are read."""

    def generate_output(self, writer):
        """Write every feed, while the search index is built if the run has one (no page reads a feed)."""
        stories = public_stories(self.context.get("stories", []))
        alongside.offer(self.settings, "Feeds", partial(self._write, stories, self.context.get("topics", {})))

    def _write(self, stories: list, topics: dict) -> None:
        updated = fallback_updated(stories)
        specs = feed_specs(stories, topics, self.settings)
        for spec in specs:
            feed = build_feed(spec, self.settings, updated)
            path = os.path.join(self.output_path, spec.save_as)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                feed.write(handle, "utf-8")
        logger.info("Feeds: %d geschrieben.", len(specs))
