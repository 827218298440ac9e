"""Reads stories and pages: Markdown with a YAML front-matter block between `---` lines."""

from __future__ import annotations

import logging
import os

from pelican.readers import MarkdownReader
from pelican.utils import get_date

from sinn_content_contract.checks import refuse_unpublishable
from sinn_content_contract.documents import read_document
from sinn_content_contract.freshness import resolve_today
from sinn_content_contract.frontmatter import ContentSyntaxError
from sinn_content_contract.rendering import cleaned_html
from sinn_content_contract.validate import contract_fields
from sinn_core.containment import inside
from sinn_core.text import absolute_links

from . import preread

logger = logging.getLogger(__name__)

DATE_FIELDS = ("date", "modified", "reviewed")


class StoryReader(MarkdownReader):
    """Markdown with YAML front matter, read the way the content checker reads it."""

    file_extensions = ["md"]  # noqa: RUF012 - Pelican reads this class attribute

    def read(self, source_path):
        """Return the body as HTML and the front matter as Pelican metadata; say in German why a file cannot be read."""
        display = os.path.relpath(source_path)
        try:
            return self._read(source_path)
        except ContentSyntaxError as error:
            where = f"{display}:{error.line}" if error.line else display
            logger.error("%s", error.message if error.message.startswith(display) else f"{where}: {error.message}")
            raise
        except RecursionError:
            logger.error("%s: Der Text ist zu tief verschachtelt und kann nicht gelesen werden. Bitte vereinfachen.", display)
            raise

    def _read(self, source_path):
        prepared = preread.take(source_path)
        if prepared is not None:
            return prepared
        kind = self._kind(source_path)
        # What the check parsed a moment before, if the file is as it was then (sinn_content_contract.documents).
        document = read_document(kind, source_path, os.path.relpath(source_path))
        fields = document.data
        refuse_unpublishable(fields, document.display_path, resolve_today(self.settings["CONTENT_CONTRACT_TODAY"]))
        # Only fields of the contract: Pelican would also obey save_as, url, template or lang from a file.
        known = contract_fields(kind)
        metadata = {name: self._convert(name, value) for name, value in fields.items() if name in known}
        if metadata.get("status") == "draft":
            if self.settings["STORIES_SHOW_DRAFTS"]:
                metadata["status"] = "published"
                metadata["draft"] = True
            else:
                metadata["status"] = "skip"
        # The checker renders and cleans the same way, and reports whatever clean() removes here.
        content = absolute_links(cleaned_html(document.body, self.settings), self.settings["SITEURL"])
        return content, metadata


    def _kind(self, source_path: str) -> str:
        pages = [os.path.join(self.settings["PATH"], folder) for folder in self.settings["PAGE_PATHS"]]
        return "page" if any(inside(folder, source_path) for folder in pages) else "story"

    def _convert(self, name, value):
        if name in DATE_FIELDS:
            return get_date(str(value))
        if name in ("title", "summary", "slug"):
            return str(value).strip()
        return value
