"""Writes /daten/: the data files, their JSON Schemas beside them, and the page describing them.

The files are worked out from the finished model in a forked process (`start`, called when Pelican
asks for the writer, right after the model and the images in the texts are done), while this
process writes the stories and press kits; the page, which shows each file's size, waits for it.
Records, JSON and CSV of 2,000 stories took 0.44 s of the main process in every build (issue 20).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil

from pelican.generators import Generator

from sinn_core.addresses import AddressMap
from sinn_core.parallel import ForkedError, compute_in_fork
from sinn_core.run_state import RunState
from sinn_stories.visibility import last_change, public_stories
from sinn_structured_data import text_license
from sinn_templating import absolute_base, absolute_url

from .catalogue import data_files
from .records import actor_feature, actor_record, story_record

logger = logging.getLogger(__name__)

# The run's generator until its files are being worked out, then the process working them out.
_runs = RunState()


def start(pelican) -> None:
    """Start working out the data files of this run, if it has the generator and the model is done."""
    generator = _runs.get(pelican.settings)
    if isinstance(generator, OpenDataGenerator):
        # The process writes only into folders made here: should the build stop and remove its
        # unfinished output meanwhile, the writing fails instead of making that folder again.
        try:
            generator.make_folders()
        except OSError:  # generate_output tries again here and says what is wrong
            return
        _runs.put(pelican.settings, compute_in_fork(generator.write_files))


def reap(pelican) -> None:
    """Wait for a process whose files no page asked for (the run stopped before /daten/ was written)."""
    pending = _runs.pop(pelican.settings)
    if pending is not None and not isinstance(pending, OpenDataGenerator):
        with contextlib.suppress(ForkedError):
            pending.result()


class OpenDataGenerator(Generator):
    """Generates the data files and the page /daten/."""

    def generate_context(self):
        """Nothing to read: the data is built from stories and actors once all are read; `start` begins it."""
        _runs.put(self.settings, self)

    def generate_output(self, writer):
        """Write the page that lists every data file with its size, once the files are written."""
        settings, page = self.settings, AddressMap(self.settings).fixed("OPEN_DATA_URL")
        pending = _runs.pop(settings)
        try:
            # Not started (a run that never asked for a writer, a test calling this directly): here and now.
            if pending is None or isinstance(pending, OpenDataGenerator):
                self.make_folders()
                files = self.write_files()
            else:
                files = pending.result()
        except (ForkedError, OSError) as error:
            logger.error("Offene Daten: Die Dateien in /%s konnten nicht geschrieben werden (%s).", page.url, error)
            return
        logger.info("Offene Daten: %d Dateien in /%s.", len(files), page.url)
        writer.write_file(
            page.save_as, self.get_template("data"), self.context, page_name=page.url, url=page.url,
            relative_urls=settings["RELATIVE_URLS"], lastmod=last_change(public_stories(self.context.get("stories", []))),
            data_files=files,
        )

    def make_folders(self) -> None:
        """Make the folder of the data files and of their schemas."""
        folder = AddressMap(self.settings).fixed("OPEN_DATA_URL").url
        os.makedirs(os.path.join(self.output_path, folder, "schema"), exist_ok=True)

    def write_files(self) -> list[dict]:
        """Write every data file and copy the schemas into their folders (make_folders); what the page says of each file."""
        settings, context = self.settings, self.context
        base, folder = absolute_base(settings), AddressMap(settings).fixed("OPEN_DATA_URL").url
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
        return [{
            "name": file.name, "title": file.title, "description": file.description, "format": file.format,
            "count": file.count, "bytes": len(file.payload), "url": absolute_url(base, folder + file.name),
            "schema_url": schemas.get(file.schema),
        } for file in files]

    def _copy_schemas(self, folder: str) -> dict[str, str]:
        """Copy the JSON Schemas next to the data; return {schema name ("geschichten", "akteure.geojson"): its URL}."""
        source = self.settings["OPEN_DATA_SCHEMA_PATH"]
        target = os.path.join(self.output_path, folder, "schema")
        schemas = {}
        for name in sorted(os.listdir(source)):
            if name.endswith(".schema.json"):
                shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
                schemas[name.removesuffix(".schema.json")] = absolute_url(absolute_base(self.settings), f"{folder}schema/{name}")
        return schemas
