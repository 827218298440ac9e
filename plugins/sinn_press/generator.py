"""Writes /presse/: contacts, terms of use and every story with its image to download."""

from __future__ import annotations

from pelican.generators import Generator

from sinn_core.addresses import AddressMap
from sinn_stories.visibility import last_change, public_stories


class PressGenerator(Generator):
    """Generates the press page from the stories the other plugins prepared."""

    def generate_context(self):
        """Nothing to read: the page is built from the stories once all are read."""

    def generate_output(self, writer):
        """Write the press page."""
        stories = public_stories(self.context.get("stories", []))
        page = AddressMap(self.settings).fixed("PRESS_URL")
        writer.write_file(
            page.save_as, self.get_template("press"), self.context,
            page_name=page.url, url=page.url, relative_urls=self.settings["RELATIVE_URLS"],
            press_stories=stories, lastmod=last_change(stories),
        )
