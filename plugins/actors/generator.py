"""Reads content/actors/*.yml into Actor objects and writes a page for each and the directory."""

from __future__ import annotations

import copy
import logging
import os

from markdown import Markdown
from pelican.generators import Generator

from content_contract import read_document
from content_contract.site import content_files
from fork_pool import cores, fork_map
from stories.links import absolute_links

from .model import Actor

logger = logging.getLogger(__name__)


class ActorsGenerator(Generator):
    """Generates /akteure/<id>/ for every actor and the directory /akteure/."""

    def generate_context(self):
        """Read every actor file and add `actors` and `actors_by_id` to the context."""
        options = copy.deepcopy(self.settings["MARKDOWN"])
        options["extensions"] = [e for e in options.get("extensions", []) if e != "markdown.extensions.meta"]
        markdown = Markdown(**options)
        actors = fork_map(lambda path: self._read_actor(path, markdown), content_files(self.path, "actor"),
                          cores(self.settings["ACTORS_READ_WORKERS"]), self.settings["ACTORS_READ_MINIMUM"])
        actors.sort(key=lambda actor: actor.sort_key)
        self.actors = actors
        self.context["actors"] = actors
        self.context["actors_by_id"] = {actor.id: actor for actor in actors}

    def _read_actor(self, path: str, markdown: Markdown) -> Actor:
        document = read_document("actor", path, os.path.relpath(path))
        return Actor(
            id=document.id,
            source_path=path,
            fields=document.data,
            description_html=absolute_links(
                markdown.reset().convert(str(document.data.get("description", ""))), self.settings.get("SITEURL", "")
            ),
            url=self.settings["ACTORS_URL"].format(id=document.id),
            save_as=self.settings["ACTORS_SAVE_AS"].format(id=document.id),
        )

    def generate_output(self, writer):
        """Write each actor's page and the directory."""
        template = self.get_template("actor")
        for actor in self.actors:
            writer.write_file(
                actor.save_as, template, self.context, actor=actor, page_name=actor.url,
                relative_urls=self.settings["RELATIVE_URLS"], url=actor.url,
            )
        directory_url = self.settings["ACTORS_INDEX_URL"]
        writer.write_file(
            self.settings["ACTORS_INDEX_SAVE_AS"], self.get_template("actors"), self.context,
            page_name=directory_url, relative_urls=self.settings["RELATIVE_URLS"], url=directory_url,
        )
