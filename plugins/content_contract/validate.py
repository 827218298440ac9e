"""Field-level validation against the JSON Schemas in schema/, with German messages.

The schemas are the one description of the content contract; editors' tools read them too.
Two custom keywords tie them to the site: `x-vocabulary` (an id from content/data/, or an
actor id) and `x-format` (date, url, email, image, path).
"""

from __future__ import annotations

import difflib
import json
import os
from functools import lru_cache

from jsonschema import ValidationError, validators
from referencing import Registry, Resource

from . import formats
from .problems import ERROR, WARNING

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "schema")
SCHEMA_FILES = {"story": "story.schema.json", "actor": "actor.schema.json", "page": "page.schema.json"}

# How to say "x is not a known <noun>" for each reference kind (German grammar needs the article).
UNKNOWN_PHRASES = {
    "themes": "kein bekanntes Themenfeld",
    "regions": "keine bekannte Region",
    "stages": "keine bekannte Phase",
    "actor_types": "kein bekannter Akteurstyp",
    "target_groups": "keine bekannte Zielgruppe",
    "actors": "kein bekannter Akteur (es gibt keine Datei content/actors/{value}.yml)",
}
TYPE_NAMES = {
    "string": "ein Text",
    "array": "eine Liste",
    "object": "eine Gruppe von Feldern",
    "boolean": "true oder false",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
}


@lru_cache(maxsize=1)
def _schemas() -> tuple[dict, Registry]:
    loaded = {}
    for kind, name in SCHEMA_FILES.items():
        with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as handle:
            loaded[kind] = json.load(handle)
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in loaded.values())
    return loaded, registry


def schema_for(kind: str) -> dict:
    """The JSON Schema of a kind of file: story, actor or page."""
    return _schemas()[0][kind]


class Validator:
    """Validates parsed files of one site; knows its vocabularies and actor ids."""

    def __init__(self, references: dict[str, list[str]], content_path: str):
        self.references = references
        self.content_path = content_path
        schemas, registry = _schemas()
        base = validators.Draft202012Validator
        cls = validators.extend(base, {"x-vocabulary": self._vocabulary, "x-format": self._format})
        self._validators = {kind: cls(schema, registry=registry) for kind, schema in schemas.items()}

    def problems(self, kind: str, data) -> list[tuple[list, str, str]]:
        """(path, message, severity) for every field-level problem of one file."""
        found = []
        for error in self._validators[kind].iter_errors(data):
            found.extend(self._explain(error))
        return found

    def _vocabulary(self, _validator, name, instance, _schema):
        allowed = self.references.get(name, [])
        if not isinstance(instance, str) or instance in allowed:
            return
        phrase = UNKNOWN_PHRASES.get(name, "kein erlaubter Wert").format(value=instance)
        message = f'"{instance}" ist {phrase}.'
        close = difflib.get_close_matches(instance, allowed, n=1, cutoff=0.5)
        close = close or [a for a in allowed if instance and (a.startswith(instance) or instance in a)][:1]
        if close:
            message += f' Meinten Sie "{close[0]}"?'
        if allowed and (name != "actors" or len(allowed) <= 30):
            message += " Erlaubt: " + ", ".join(allowed) + "."
        yield ValidationError(message, validator="x-vocabulary")

    def _format(self, _validator, name, instance, _schema):
        if not isinstance(instance, str):
            return
        for message, severity in formats.check(name, instance, self.content_path):
            error = ValidationError(message, validator="x-format")
            error.severity = severity
            yield error

    def _explain(self, error: ValidationError):
        path = list(error.absolute_path)
        keyword = error.validator
        schema = error.schema if isinstance(error.schema, dict) else {}
        if keyword == "required":
            for name in error.validator_value:
                if isinstance(error.instance, dict) and name not in error.instance:
                    hint = _property_schema(schema, name).get("description", "")
                    yield [*path, name], f"Pflichtfeld fehlt. {hint}".strip(), ERROR
            return
        if keyword == "additionalProperties" and isinstance(error.instance, dict):
            known = list(schema.get("properties", {}))
            for name in error.instance:
                if name in known:
                    continue
                message = "ist kein bekanntes Feld."
                close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
                if close:
                    message += f' Meinten Sie "{close[0]}"?'
                message += " Erlaubte Felder: " + ", ".join(known) + "."
                yield [*path, name], message, ERROR
            return
        yield path, _message(error, keyword, schema), getattr(error, "severity", ERROR)


def _property_schema(schema: dict, name: str) -> dict:
    return schema.get("properties", {}).get(name, {})


def _message(error: ValidationError, keyword: str, schema: dict) -> str:
    value = error.instance
    if keyword in ("x-vocabulary", "x-format"):
        return error.message
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " oder ".join(TYPE_NAMES.get(t, t) for t in expected)
        message = f"erwartet wird {wanted}, gefunden: {_show(value)}."
        if "array" in expected and isinstance(value, str):
            message += f" Schreiben Sie eine Liste: [{value}] oder untereinander mit '- {value}'."
        if "boolean" in expected and isinstance(value, str):
            message += " Schreiben Sie true (ja) oder false (nein) ohne Anführungszeichen."
        return message
    if keyword == "maxLength":
        return f"ist {len(value)} Zeichen lang; erlaubt sind höchstens {error.validator_value}. Bitte kürzen."
    if keyword == "minLength":
        return "darf nicht leer sein."
    if keyword == "minItems":
        return "braucht mindestens einen Eintrag." if error.validator_value == 1 else f"braucht mindestens {error.validator_value} Einträge."
    if keyword == "maxItems":
        return f"hat zu viele Einträge; höchstens {error.validator_value}."
    if keyword == "uniqueItems":
        return "enthält einen Eintrag doppelt."
    if keyword == "enum":
        return f"{_show(value)} ist nicht erlaubt. Erlaubt: " + ", ".join(map(str, error.validator_value)) + "."
    if keyword == "pattern":
        return formats.explain_pattern(schema, value)
    if keyword in ("minimum", "maximum"):
        return f"{_show(value)} liegt außerhalb des erlaubten Bereichs ({schema.get('minimum')} bis {schema.get('maximum')})."
    return error.message


def _show(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nichts (leer)"
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, dict):
        return "eine Gruppe von Feldern"
    return str(value)


__all__ = ["WARNING", "Validator", "schema_for"]
