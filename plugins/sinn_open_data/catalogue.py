"""The files of /daten/: what each one holds, and its bytes, built from the records."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sinn_core.addresses import OPEN_DATA_FILES as FILES
from sinn_core.addresses import OPEN_DATA_SCHEMAS as SCHEMAS

from .tables import ACTOR_COLUMNS, actor_row, story_columns, story_row, to_csv


@dataclass(frozen=True)
class DataFile:
    """One file of /daten/ as the page describes it, with its content."""

    name: str
    title: str
    description: str
    format: str
    schema: str  # name of its JSON Schema in schema/data/ ("geschichten" → geschichten.schema.json), from the address map
    count: int
    payload: bytes


def to_json(data) -> bytes:
    """JSON that is the same for the same content: sorted keys, UTF-8, compact, final newline."""
    # Without indent json uses its C encoder: the files of 2,000 stories took seconds with indent=2,
    # longer than the pages they describe (issue 20); every JSON viewer and jq indents them for reading.
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def data_files(stories: list[dict], actors: list[dict], features: list[dict], envelope, languages=()) -> list[DataFile]:
    """Every file, in the order the page lists them; envelope(schema, key, items, title, description) wraps JSON lists.

    languages: the ids of the languages stories may carry summaries in, one CSV column each (summary_en …).
    """
    return [
        DataFile(
            FILES["stories"], "Geschichten (JSON)",
            "Alle veröffentlichten Geschichten mit allen Feldern und dem Text als HTML; Themenfelder, Regionen, Phase und "
            "Zielgruppen mit id und Bezeichnung.", "JSON", SCHEMAS["stories"], len(stories),
            to_json(envelope(SCHEMAS["stories"], "stories", stories, "Geschichten", "Geschichten über soziale Innovationen in Sachsen.")),
        ),
        DataFile(
            FILES["stories_table"], "Geschichten (CSV)",
            "Dieselben Geschichten als Tabelle, ohne den Text; mehrere Werte in einer Zelle sind durch „ | “ getrennt, "
            "die Zusammenfassungen in anderen Sprachen stehen je Sprache in einer Spalte (summary_en …).",
            "CSV", SCHEMAS["stories"], len(stories), to_csv([story_row(record) for record in stories], story_columns(languages)),
        ),
        DataFile(
            FILES["actors"], "Akteure (JSON)",
            "Alle Akteure mit ihrem Profil, ihrer Anschrift und Lage (wo angegeben) und ihren veröffentlichten Geschichten.",
            "JSON", SCHEMAS["actors"], len(actors),
            to_json(envelope(SCHEMAS["actors"], "actors", actors, "Akteure",
                             "Organisationen und Initiativen hinter sozialen Innovationen in Sachsen.")),
        ),
        DataFile(
            FILES["actors_table"], "Akteure (CSV)",
            "Dieselben Akteure als Tabelle; die Anschrift steht in einer Zelle, damit die Postleitzahl ihre führende 0 behält.",
            "CSV", SCHEMAS["actors"], len(actors), to_csv([actor_row(record) for record in actors], ACTOR_COLUMNS),
        ),
        DataFile(
            FILES["actors_map"], "Akteure auf der Karte (GeoJSON)",
            "Alle Akteure mit angegebener Lage als Punkte (GeoJSON nach RFC 7946, WGS 84, erst Länge, dann Breite), "
            "zum Beispiel für QGIS oder uMap.", "GeoJSON", SCHEMAS["actors_map"], len(features),
            to_json({"type": "FeatureCollection", "features": features}),
        ),
    ]
