"""Reads content/actors/*.yml into Actor objects and writes a page for each and the directory."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from sinn_content_contract import run_inventory
from sinn_content_contract.checks import refuse_unpublishable
from sinn_content_contract.documents import is_parsed, read_document
from sinn_content_contract.freshness import resolve_today
from sinn_content_contract.frontmatter import ContentSyntaxError
from sinn_content_contract.rendering import cleaned_html
from sinn_core.addresses import AddressMap
from sinn_core.parallel import cores, fork_map
from sinn_core.settings import cache_path
from sinn_core.text import absolute_links

from .model import Actor
from .read_memo import ReadMemo

logger = logging.getLogger(__name__)


class ActorsGenerator(Generator):
    """Generates /akteure/<id>/ for every actor and the directory /akteure/."""

    def generate_context(self):
        """Read every actor file (those unchanged since the last build from its memo) and add `actors` and `actors_by_id` to the context."""
        memo = ReadMemo(self.settings, cache_path(self.settings, "actors", self.settings["ACTORS_CACHE_PATH"]))
        paths = run_inventory(self.settings).of_kind("actor")
        known = {path: memo.lookup(path) for path in paths}
        missing = [path for path in paths if known[path] is None]
        # Those the check parsed just now are quick to read here (sinn_content_contract.documents); the rest on every core.
        parsed = [path for path in missing if is_parsed("actor", path)]
        unparsed = [path for path in missing if not is_parsed("actor", path)]
        fresh = [self._read_actor(path) for path in parsed]
        fresh += fork_map(self._read_actor, unparsed, cores(self.settings["ACTORS_READ_WORKERS"]), self.settings["ACTORS_READ_MINIMUM"])
        for path, actor in zip(parsed + unparsed, fresh, strict=True):
            known[path] = actor
            if isinstance(actor, Actor):
                memo.remember(path, actor)
        memo.save()
        read = [known[path] for path in paths]
        actors = [actor for actor in read if isinstance(actor, Actor)]
        for message in (item for item in read if isinstance(item, str)):
            logger.error("%s", message)  # counted by the build, which then stops and keeps output/ as it was
        actors.sort(key=lambda actor: actor.sort_key)
        self.actors = actors
        self.context["actors"] = actors
        self.context["actors_by_id"] = {actor.id: actor for actor in actors}

    def _read_actor(self, path: str) -> Actor | str:
        """The actor of one file, or a German message naming the file when it cannot be published."""
        try:
            document = read_document("actor", path, os.path.relpath(path))
            refuse_unpublishable(document.data, document.display_path, resolve_today(self.settings["CONTENT_CONTRACT_TODAY"]))
        except ContentSyntaxError as error:
            return error.message if error.message.startswith(os.path.relpath(path)) else f"{os.path.relpath(path)}: {error.message}"
        address = AddressMap(self.settings).of("actor", document.id)
        return Actor(
            id=document.id,
            source_path=path,
            fields=document.data,
            # Rendered and cleaned as the checker does, which reports whatever clean() removes.
            description_html=absolute_links(
                cleaned_html(str(document.data.get("description", "")), self.settings), self.settings["SITEURL"]
            ),
            url=address.url,
            save_as=address.save_as,
        )

    def generate_output(self, writer):
        """Write each actor's page and the directory."""
        template = self.get_template("actor")
        for actor in self.actors:
            writer.write_file(
                actor.save_as, template, self.context, actor=actor, page_name=actor.url,
                relative_urls=self.settings["RELATIVE_URLS"], url=actor.url,
            )
        directory = AddressMap(self.settings).fixed("ACTORS_INDEX_URL")
        writer.write_file(
            directory.save_as, self.get_template("actors"), self.context,
            page_name=directory.url, relative_urls=self.settings["RELATIVE_URLS"], url=directory.url,
        )
