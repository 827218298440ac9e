"""Writes the pages that list content: home, story archive, themes, regions, search, 404."""

from __future__ import annotations

import logging

from pelican.generators import Generator

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
        stories = self.context.get("stories", [])
        per_page = settings["LISTINGS_PER_PAGE"]
        featured = [s for s in stories if getattr(s, "featured", False)][: settings["LISTINGS_HOME_FEATURED"]]
        newest = [s for s in stories if s not in featured][: settings["LISTINGS_HOME_NEWEST"]]
        self._write(writer, "index.html", "index", "", featured_stories=featured, newest_stories=newest)

        archive_url = settings["LISTINGS_ARCHIVE_URL"]
        for page in paginate(stories, per_page, archive_url, archive_url + settings["LISTINGS_PAGE_SUFFIX"]):
            self._write(writer, page.save_as, "stories", page.url, list_page=page)

        for kind in ("themes", "regions"):
            topics = self.context["topics"][kind]
            index_url = settings[f"LISTINGS_{kind.upper()}_INDEX_URL"]
            self._write(writer, index_url + "index.html", "topics", index_url, topics=topics, kind=kind)
            for topic in topics:
                if topic.is_empty:
                    continue
                pages = paginate(topic.stories, per_page, topic.url, topic.url + settings["LISTINGS_PAGE_SUFFIX"])
                for page in pages:
                    self._write(writer, page.save_as, "topic", page.url, topic=topic, list_page=page)

        search_url = settings["LISTINGS_SEARCH_URL"]
        self._write(writer, search_url + "index.html", "search", search_url)
        self._write(writer, "404.html", "404", "404.html")
