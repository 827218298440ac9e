"""Open data: /daten/geschichten.json|csv, /daten/akteure.json|csv|geojson, their JSON Schemas and the page /daten/.

JSON has every published field with absolute URLs and vocabulary labels beside their ids; CSV is
UTF-8 with BOM and `;`-separated for spreadsheets; drafts never appear. Settings: OPEN_DATA_SCHEMA_PATH (the schemas shipped
with the data: schema/data/). The address OPEN_DATA_URL belongs to the address map (sinn_core/addresses.py).
"""

import os

from pelican import signals

from sinn_core import addresses
from sinn_core.settings import defaults_receiver

from .catalogue import to_json
from .generator import OpenDataGenerator, reap, start
from .records import actor_feature, actor_record, story_record

__all__ = ["OpenDataGenerator", "actor_feature", "actor_record", "story_record", "to_json"]

DEFAULTS = {
    "OPEN_DATA_SCHEMA_PATH": os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "schema", "data"),
}


fill_defaults = defaults_receiver(DEFAULTS)


def add_generator(_pelican):
    """Add the open data generator to the build."""
    return OpenDataGenerator


def register():
    """Connect the receivers."""
    signals.initialized.connect(fill_defaults)
    signals.initialized.connect(addresses.fill_defaults)
    signals.get_generators.connect(add_generator)
    # The first signal after every all_generators_finalized receiver (the model, the images in the texts).
    signals.get_writer.connect(start)
    signals.finalized.connect(reap)
