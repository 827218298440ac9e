"""Writes a redirect page for every earlier address, and the _redirects file for hosts that read one."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from sinn_core.addresses import AddressMap
from sinn_templating import absolute_base, absolute_url

from .aliases import collect, redirects_file

logger = logging.getLogger(__name__)


class RedirectsGenerator(Generator):
    """Generates the redirect pages; runs after the pages so it never replaces one."""

    def generate_context(self):
        """Nothing to read: aliases come from stories, pages and actors once all are read."""

    def generate_output(self, writer):
        """Write a redirect page per alias and _redirects, skipping aliases that an existing page answers."""
        context = self.context
        items = [*context.get("stories", []), *context.get("pages", []), *context.get("actors", [])]
        base = absolute_base(self.settings)
        siteurl = self.settings["SITEURL"]
        template = self.get_template("redirect")
        addresses = AddressMap(self.settings)
        # Term pages count even without stories: the first story would otherwise meet a redirect there.
        terms = {kind: list(topics) for kind, topics in context.get("topics_by_id", {}).items()}
        written = []
        for redirect in collect(items):
            taken = addresses.taken_by_site(redirect.alias, terms)  # also what is written later: feeds, data, sitemap, search
            path = os.path.join(self.output_path, redirect.save_as)
            # A page noted by the deferring writer (sinn_parallel_writing) has no file until it is rendered.
            if taken or os.path.exists(path) or getattr(writer, "has_page", lambda _path: False)(path):
                logger.error("%s: aliases: unter %s steht schon eine Seite; die frühere Adresse wird nicht umgeleitet.",
                             redirect.source, redirect.alias)
                continue
            writer.write_file(
                redirect.save_as, template, context, relative_urls=False, noindex=True,
                redirect=redirect, target=f"{siteurl}/{redirect.target_url}", canonical=absolute_url(base, redirect.target_url),
            )
            written.append(redirect)
        if written:
            with open(os.path.join(self.output_path, self.settings["REDIRECTS_FILE"]), "w", encoding="utf-8") as handle:
                handle.write(redirects_file(written, siteurl))
        logger.info("Weiterleitungen: %d frühere Adressen.", len(written))
