"""German labels for the web editor's form: the schema names its fields in English and says nothing shorter than a hint.

Presentation only: which fields the form has comes from the schema (schema_fields.py). A schema
property's own "title" wins; a field without either is shown by its name, so a new field appears
at once, and a test notices the missing label.
"""

from __future__ import annotations

# Field name → label, the same name meaning the same thing in stories and actors.
LABELS = {
    # Stories
    "title": "Titel",
    "date": "Veröffentlicht am",
    "modified": "Inhaltlich geändert am",
    "summary": "Anreißer",
    "slug": "Adresse (Slug)",
    "themes": "Themenfelder",
    "regions": "Regionen",
    "stage": "Phase",
    "actors": "Beteiligte Akteure",
    "target_groups": "Zielgruppen",
    "image": "Titelbild",
    "src": "Bilddatei",
    "alt": "Bildbeschreibung (Alternativtext)",
    "credit": "Bildnachweis",
    "license": "Lizenz",
    "focus": "Wichtigster Punkt des Bildes",
    "facts": "Kennzahlen",
    "label": "Was",
    "value": "Wert",
    "source": "Quelle",
    "quotes": "Zitate",
    "text": "Zitat",
    "by": "Wer",
    "role": "Rolle",
    "links": "Weiterführende Links",
    "website": "Website",
    "crowdfunding": "Spendenaktion oder Crowdfunding",
    "video": "Video",
    "contact": "Ansprechperson",
    "email": "E-Mail",
    "phone": "Telefon",
    "featured": "Auf der Startseite hervorheben",
    "status": "Status",
    "aliases": "Frühere Adressen",
    "illustrative": "Erfundenes Beispiel",
    "reviewed": "Zuletzt geprüft am",
    "reviewed_by": "Geprüft von",
    "easy_summary": "Leichte Sprache",
    "summaries": "Zusammenfassungen in anderen Sprachen",
    "adapted_from": "Nachgemacht von (Slug des Vorbilds)",
    "transfer": "Anleitung zum Nachmachen",
    "costs": "Laufende Kosten pro Jahr",
    "min": "Von (Euro)",
    "max": "Bis (Euro)",
    "note": "Hinweis zu den Kosten",
    "staff": "Wer gebraucht wird",
    "duration": "Dauer des Aufbaus",
    "partners_needed": "Nötige Partner",
    "legal_form": "Rechtsform",
    "funding_sources": "Mögliche Geldquellen",
    "lessons": "Tipps zum Nachmachen",
    "materials": "Materialien",
    "url": "Web-Adresse",
    "file": "Datei",
    # Actors
    "name": "Name",
    "short_name": "Kurzname",
    "type": "Art des Akteurs",
    "description": "Beschreibung",
    "address": "Anschrift",
    "street": "Straße und Hausnummer",
    "postcode": "Postleitzahl",
    "city": "Ort",
    "geo": "Lage auf der Karte",
    "lat": "Breite",
    "lon": "Länge",
    "logo": "Logo",
    "founded": "Gründungsjahr",
    "social": "Soziale Netzwerke",
}
# Enum values as editors read them (the file keeps the value).
VALUE_LABELS = {"draft": "Entwurf", "published": "Veröffentlicht"}
# The text below the front matter.
BODY_LABEL = "Text der Geschichte"
BODY_HINT = (
    "Zwischenüberschriften als Überschrift 2 bis 4, Absätze, Listen, Zitate und Links. Ein Bild im Text braucht "
    "eine Beschreibung (Alternativtext)."
)


def label_for(name: str, schema: dict) -> str:
    """The label of a field: the schema's title, else the German label, else the field's own name."""
    return schema.get("title") or LABELS.get(name, name)
