"""Writes the English pages: /en/ (stories with an English summary) and /en/about/."""

from __future__ import annotations

import logging

from pelican.generators import Generator

from sinn_core.addresses import AddressMap
from sinn_stories.visibility import last_change, public_stories

from .alternates import alternates_for

logger = logging.getLogger(__name__)

ENGLISH = "en"


def stories_in(stories, language: str) -> list:
    """The published stories with a summary in the language, in the order given (newest first)."""
    return [story for story in public_stories(stories)
            if isinstance(getattr(story, "summaries", None), dict) and str(story.summaries.get(language) or "").strip()]


class EnglishGenerator(Generator):
    """Generates /en/ and /en/about/, and tells every template which pages are translations of each other."""

    def generate_context(self):
        """Once the pages are read: the alternates of each paired page, for base.html."""
        slugs = {page.slug for page in self.context.get("pages", [])}
        self.context["language_alternates"] = alternates_for(self.settings, slugs)

    def generate_output(self, writer):
        """Write the English home and the English about page."""
        address_map = AddressMap(self.settings)
        stories = stories_in(self.context.get("stories", []), ENGLISH)
        about_slug = self.settings["LANGUAGES_ABOUT_PAGE"]
        about = next((page for page in self.context.get("pages", []) if page.slug == about_slug), None)
        for name, template, variables in (
            ("LANGUAGES_ENGLISH_URL", "english", {"english_stories": stories, "lastmod": last_change(stories)}),
            ("LANGUAGES_ENGLISH_ABOUT_URL", "english_about", {"german_about": about, "lastmod": getattr(about, "modified", None)}),
        ):
            page = address_map.fixed(name)
            writer.write_file(page.save_as, self.get_template(template), self.context, page_name=page.url, url=page.url,
                              relative_urls=self.settings["RELATIVE_URLS"], **variables)
        logger.info("Englische Seiten: %d Geschichten mit englischer Zusammenfassung.", len(stories))
