"""Field-level validation against the JSON Schemas in schema/, with German messages.

The schemas are the one description of the content contract; editors' tools read them too.
Two custom keywords tie them to the site: `x-vocabulary` (an id from content/data/, or an
actor id) and `x-format` (date, url, email, image, logo, path). An unknown vocabulary value gets
"Meinten Sie …?" by meaning first (the terms' synonyms), then by spelling (suggest.py).
"""

from __future__ import annotations

import json
import os
import re
from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING

from sinn_vocabularies import VocabularyError, load_vocabularies

from . import formats
from .problems import ERROR, WARNING
from .suggest import closest, meaning_hint, suggest_term

if TYPE_CHECKING:  # jsonschema and referencing load on first validation: a build whose files are all checked already needs neither (0.09 s)
    from jsonschema import ValidationError
    from referencing import Registry

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "schema")
SCHEMA_FILES = {"story": "story.schema.json", "actor": "actor.schema.json", "page": "page.schema.json"}

# How to say "x is not a known <noun>" for each reference kind (German grammar needs the article).
UNKNOWN_PHRASES = {
    "themes": "kein bekanntes Themenfeld",
    "regions": "keine bekannte Region",
    "stages": "keine bekannte Phase",
    "actor_types": "kein bekannter Akteurstyp",
    "target_groups": "keine bekannte Zielgruppe",
    "languages": "keine Sprache für Zusammenfassungen in anderen Sprachen (die deutsche steht in summary)",
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
    from referencing import Registry, Resource  # noqa: PLC0415 - see TYPE_CHECKING above

    loaded = {}
    for kind, name in SCHEMA_FILES.items():
        with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as handle:
            loaded[kind] = json.load(handle)
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in loaded.values())
    return loaded, registry


def schema_for(kind: str) -> dict:
    """The JSON Schema of a kind of file: story, actor or page."""
    return _schemas()[0][kind]


@lru_cache(maxsize=4)
def contract_fields(kind: str) -> frozenset:
    """The top-level field names a kind of file may have: the build reads no other."""
    return frozenset(schema_for(kind).get("properties", {}))


@lru_cache(maxsize=1)
def alias_pattern() -> re.Pattern:
    """The one pattern of an earlier address (aliases), from the schema: the checker and the redirects both use it."""
    return re.compile(schema_for("story")["$defs"]["aliases"]["items"]["pattern"])


# The site whose files are being validated; the custom keywords ask it for ids and paths.
_SITE: ContextVar[Validator] = ContextVar("content_contract_site")


def _vocabulary_keyword(validator, name, instance, schema):
    yield from _SITE.get()._vocabulary(validator, name, instance, schema)


def _format_keyword(validator, name, instance, schema):
    yield from _SITE.get()._format(validator, name, instance, schema)


@lru_cache(maxsize=1)
def _json_validators() -> dict:
    """One Draft 2020-12 validator per kind, with the contract's two keywords; built once per process."""
    from jsonschema import validators  # noqa: PLC0415 - see TYPE_CHECKING above

    schemas, registry = _schemas()
    cls = validators.extend(validators.Draft202012Validator, {"x-vocabulary": _vocabulary_keyword, "x-format": _format_keyword})
    return {kind: cls(_inline_refs(schema, registry.resolver(schema["$id"])), registry=registry) for kind, schema in schemas.items()}


_ANNOTATIONS = {"description", "examples", "title", "$comment", "default"}


def _inline_refs(schema, resolver):
    """A copy of the schema with each `$ref` replaced by what it points to: the same rules, checked faster."""
    if isinstance(schema, list):
        return [_inline_refs(item, resolver) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if isinstance(schema.get("$ref"), str):
        resolved = resolver.lookup(schema["$ref"])
        target = resolved.contents
        siblings = {key: value for key, value in schema.items() if key != "$ref"}
        if isinstance(target, dict) and not (set(siblings) - _ANNOTATIONS) & set(target):
            return {**_inline_refs(target, resolved.resolver), **siblings}
    return {key: value if key in ("$defs", "enum", "const") else _inline_refs(value, resolver) for key, value in schema.items()}


class Validator:
    """Validates parsed files of one site; knows its vocabularies and actor ids."""

    def __init__(self, references: dict[str, list[str]], content_path: str, vocabularies_path: str | None = None):
        self.references = references
        self.content_path = content_path
        # The folder of content/data/*.yml, for the synonyms behind "Meinten Sie …?"; None: spelling only.
        self.vocabularies_path = vocabularies_path

    def vocabulary(self, name: str):
        """The vocabulary behind an x-vocabulary name (its synonyms), or None for actors or unreadable files."""
        if self.vocabularies_path is None:
            return None
        try:
            return load_vocabularies(self.vocabularies_path).get(name)  # cached: read once per change of the files
        except VocabularyError:
            return None  # reported once by the site check, with its file and line

    def problems(self, kind: str, data) -> list[tuple[list, str, str]]:
        """(path, message, severity) for every field-level problem of one file."""
        found = []
        token = _SITE.set(self)
        try:
            for error in _json_validators()[kind].iter_errors(data):
                found.extend(self._explain(error))
        finally:
            _SITE.reset(token)
        return found

    def _vocabulary(self, _validator, name, instance, _schema):
        from jsonschema import ValidationError  # noqa: PLC0415 - loaded by now: this runs inside a validation

        allowed = self.references.get(name, [])
        if not isinstance(instance, str) or instance in allowed:
            return
        if not instance.strip():
            yield ValidationError("ist leer. Bitte ausfüllen." + self.allowed(name), validator="x-vocabulary")
            return
        phrase = UNKNOWN_PHRASES.get(name, "kein erlaubter Wert").format(value=instance)
        message = f'"{instance}" ist {phrase}.'
        vocabulary = self.vocabulary(name)
        suggestion = suggest_term(instance, allowed, vocabulary)
        if suggestion:
            term_id, hint = suggestion
            message += f' Meinten Sie "{term_id}"{meaning_hint(vocabulary, term_id) if hint else ""}?'
        yield ValidationError(message + self.allowed(name), validator="x-vocabulary")

    def allowed(self, name: str) -> str:
        """' Erlaubt: a, b, c.' for a vocabulary (or the actors, if not too many); '' if unknown."""
        allowed = self.references.get(name, [])
        if not allowed or (name == "actors" and len(allowed) > 30):
            return " Erlaubt sind die Dateinamen in content/actors/ ohne .yml." if name == "actors" else ""
        return " Erlaubt: " + ", ".join(allowed) + "."

    def _format(self, _validator, name, instance, _schema):
        from jsonschema import ValidationError  # noqa: PLC0415 - loaded by now: this runs inside a validation

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
        if keyword == "dependentRequired" and isinstance(error.instance, dict):
            for name, needed in error.validator_value.items():
                for other in needed if name in error.instance else ():
                    if other not in error.instance:
                        hint = _property_schema(schema, other).get("description", "")
                        yield [*path, other], f"fehlt: wer {name} angibt, gibt auch {other} an. {hint}".strip(), ERROR
            return
        if keyword == "additionalProperties" and isinstance(error.instance, dict):
            known = list(schema.get("properties", {}))
            for name in error.instance:
                if name in known:
                    continue
                message = "ist kein bekanntes Feld."
                close = closest(str(name), known, 0.6)
                if close:
                    message += f' Meinten Sie "{close[0]}"?'
                message += " Erlaubte Felder: " + ", ".join(known) + "."
                yield [*path, name], message, ERROR
            return
        if keyword == "x-vocabulary" and list(error.absolute_schema_path)[-2:-1] == ["propertyNames"]:
            path = [*path, error.instance]  # a name that is not allowed: the line of that name, not of its group
        message = _message(error, keyword, schema)
        if keyword == "minItems" and isinstance(schema.get("items"), dict) and "x-vocabulary" in schema["items"]:
            message += self.allowed(schema["items"]["x-vocabulary"])
        yield path, message, getattr(error, "severity", ERROR)


def _property_schema(schema: dict, name: str) -> dict:
    return schema.get("properties", {}).get(name, {})


def _message(error: ValidationError, keyword: str, schema: dict) -> str:
    value = error.instance
    if keyword in ("x-vocabulary", "x-format"):
        return error.message
    if keyword == "type":
        return _type_message(error, schema, value)
    if keyword == "oneOf":
        return f"ist so nicht vollständig oder eindeutig. {schema.get('description', '')}".strip()
    if keyword == "maxLength":
        return f"ist {len(value)} Zeichen lang; erlaubt sind höchstens {error.validator_value}. Bitte kürzen."
    if keyword == "minLength":
        hint = schema.get("description", "")
        if isinstance(value, str) and value.strip():
            return f"ist nur {len(value)} Zeichen lang; nötig sind mindestens {error.validator_value}. {hint}".strip()
        return f"ist leer. Bitte ausfüllen: {hint}" if hint else "ist leer. Bitte ausfüllen."
    if keyword == "minItems":
        return "braucht mindestens einen Eintrag." if error.validator_value == 1 else f"braucht mindestens {error.validator_value} Einträge."
    if keyword == "maxItems":
        return f"hat zu viele Einträge; höchstens {error.validator_value}."
    if keyword == "uniqueItems":
        twice = next((item for index, item in enumerate(value) if item in value[:index]), None)
        return f"enthält {_show(twice)} doppelt. Bitte einen der beiden Einträge löschen."
    if keyword == "enum":
        return f"{_show(value)} ist nicht erlaubt. Erlaubt: " + ", ".join(map(str, error.validator_value)) + "."
    if keyword == "pattern":
        return formats.explain_pattern(schema, value)
    if keyword in ("minimum", "maximum"):
        return f"{_show(value)} liegt außerhalb des erlaubten Bereichs ({schema.get('minimum')} bis {schema.get('maximum')})."
    return error.message


def _type_message(error: ValidationError, schema: dict, value) -> str:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    if value is None:
        example = " Schreiben Sie mindestens einen Eintrag, z. B. [eintrag]." if "array" in expected else ""
        return f"ist leer. Bitte ausfüllen oder die Zeile löschen, wenn das Feld freiwillig ist.{example}"
    if schema.get("pattern") == formats.DATE_PATTERN:
        return f"{_show(value)} ist kein Datum im Format JJJJ-MM-TT. Beispiel: 2025-03-14."
    wanted = " oder ".join(TYPE_NAMES.get(t, t) for t in expected)
    message = f"erwartet wird {wanted}, gefunden: {_show(value)}."
    if "array" in expected and isinstance(value, str):
        message += f" Schreiben Sie eine Liste: [{value}] oder untereinander mit '- {value}'."
    elif "array" in expected and isinstance(value, dict):
        message += " Jeder Eintrag einer Liste beginnt mit '- '."
    elif "boolean" in expected and isinstance(value, str):
        message += " Schreiben Sie true (ja) oder false (nein) ohne Anführungszeichen."
    elif "string" in expected and isinstance(value, (int, float, bool)):
        message += f' Setzen Sie den Wert in Anführungszeichen: "{_show(value)}".'
    elif "object" in expected:
        message += f" Die Unterfelder stehen eingerückt unter dem Feldnamen, z. B. '{_sub_field_example(schema)}'."
    return message


def _sub_field_example(schema: dict) -> str:
    """An indented sub-field line from the schema's first example ("  en: In the Ore …"), else an image's src."""
    example = (schema.get("examples") or [None])[0]
    if isinstance(example, dict) and example:
        name, value = next(iter(example.items()))
        text = str(value)
        return f"  {name}: {text if len(text) <= 40 else text[:40].rstrip() + ' …'}"
    return "  src: images/bild.jpg"


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


__all__ = ["WARNING", "Validator", "alias_pattern", "contract_fields", "schema_for"]
