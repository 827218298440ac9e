"""Writes /daten/: the data files, their JSON Schemas beside them, and the page describing them."""

from __future__ import annotations

import logging
import os
import shutil

from pelican.generators import Generator

from sinn_core.addresses import AddressMap
from sinn_stories.visibility import last_change, public_stories
from sinn_structured_data import text_license
from sinn_templating import absolute_base, absolute_url

from .catalogue import data_files
from .records import actor_feature, actor_record, story_record

logger = logging.getLogger(__name__)


class OpenDataGenerator(Generator):
    """Generates the data files and the page /daten/."""

    def generate_context(self):
        """Nothing to read: the data is built from stories and actors once all are read."""

    def generate_output(self, writer):
        """Write every data file and copy the schemas, then the page that lists them with their sizes."""
        settings, context = self.settings, self.context
        page = AddressMap(settings).fixed("OPEN_DATA_URL")
        base, folder = absolute_base(settings), page.url
        stories = public_stories(context.get("stories", []))
        actors = sorted(context.get("actors", []), key=lambda actor: actor.id)
        story_records = [story_record(story, settings) for story in stories]
        actor_records = [actor_record(actor, settings, public_stories(actor.view.stories)) for actor in actors]
        features = [actor_feature(record) for record in actor_records if record["geo"]]
        schemas = self._copy_schemas(folder)
        modified = last_change(stories)

        def envelope(schema: str, key: str, items: list, title: str, description: str) -> dict:
            return {
                "$schema": schemas.get(schema), "title": title, "description": description,
                "publisher": {"name": settings["SITE_PUBLISHER"], "url": absolute_url(base, "")},
                "license": text_license(None, settings), "source": absolute_url(base, folder),
                "modified": modified.date().isoformat() if modified else None, "count": len(items), key: items,
            }

        languages = context.get("VOCABULARIES", {}).get("languages") or ()
        files = data_files(story_records, actor_records, features, envelope, [language.id for language in languages])
        for file in files:
            with open(os.path.join(self.output_path, folder, file.name), "wb") as handle:
                handle.write(file.payload)
        logger.info("Offene Daten: %d Dateien in /%s.", len(files), folder)
        writer.write_file(
            page.save_as, self.get_template("data"), context, page_name=folder, url=folder,
            relative_urls=settings["RELATIVE_URLS"], lastmod=modified,
            data_files=[{
                "name": file.name, "title": file.title, "description": file.description, "format": file.format,
                "count": file.count, "bytes": len(file.payload), "url": absolute_url(base, folder + file.name),
                "schema_url": schemas.get(file.schema),
            } for file in files],
        )

    def _copy_schemas(self, folder: str) -> dict[str, str]:
        """Copy the JSON Schemas next to the data; return {schema name ("geschichten", "akteure.geojson"): its URL}."""
        source = self.settings["OPEN_DATA_SCHEMA_PATH"]
        target = os.path.join(self.output_path, folder, "schema")
        os.makedirs(target, exist_ok=True)
        schemas = {}
        for name in sorted(os.listdir(source)):
            if name.endswith(".schema.json"):
                shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
                schemas[name.removesuffix(".schema.json")] = absolute_url(absolute_base(self.settings), f"{folder}schema/{name}")
        return schemas
