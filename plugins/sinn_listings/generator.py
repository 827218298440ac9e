"""Writes the pages that list content: home, story archive, themes, regions, search, 404."""

from __future__ import annotations

import logging

from pelican.generators import Generator

from sinn_core.addresses import AddressMap

from .pagination import paginate

logger = logging.getLogger(__name__)


class ListingsGenerator(Generator):
    """Generates every listing page from the context the other plugins prepared."""

    def generate_context(self):
        """Nothing to read: listings are built from stories and actors after all are read."""

    def _write(self, writer, save_as, template, url, **variables):
        writer.write_file(
            save_as, self.get_template(template), self.context, page_name=url, url=url,
            relative_urls=self.settings["RELATIVE_URLS"], **variables,
        )

    def generate_output(self, writer):
        """Write all listing pages."""
        settings = self.settings
        addresses = AddressMap(settings)
        suffix = addresses.patterns["LISTINGS_PAGE_SUFFIX"]
        stories = self.context.get("stories", [])
        per_page = settings["LISTINGS_PER_PAGE"]
        featured = [s for s in stories if getattr(s, "featured", False)][: settings["LISTINGS_HOME_FEATURED"]]
        newest = [s for s in stories if s not in featured][: settings["LISTINGS_HOME_NEWEST"]]
        home = addresses.fixed("LISTINGS_HOME_URL")
        self._write(writer, home.save_as, "index", home.url, featured_stories=featured, newest_stories=newest)

        archive_url = addresses.fixed("LISTINGS_ARCHIVE_URL").url
        for page in paginate(stories, per_page, archive_url, archive_url + suffix):
            self._write(writer, page.save_as, "stories", page.url, list_page=page)

        for kind in ("themes", "regions"):
            topics = self.context["topics"][kind]
            index = addresses.fixed(f"LISTINGS_{kind.upper()}_INDEX_URL")
            self._write(writer, index.save_as, "topics", index.url, topics=topics, kind=kind)
            for topic in topics:
                if topic.is_empty:
                    continue
                pages = paginate(topic.stories, per_page, topic.url, topic.url + suffix)
                for page in pages:
                    self._write(writer, page.save_as, "topic", page.url, topic=topic, list_page=page)

        for name, template in (("LISTINGS_SEARCH_URL", "search"), ("LISTINGS_NOT_FOUND_URL", "404")):
            address = addresses.fixed(name)
            self._write(writer, address.save_as, template, address.url)
