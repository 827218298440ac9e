"""The fields of a kind of file (story, actor, page) as the schema in schema/ describes them, with `$ref`s followed.

One walk over the content contract for the tools that explain it: the scaffold's comments
(tools/scaffold_template.py) and CONTRIBUTING.md's field tables (tools/schema_docs.py). The
checker validates with jsonschema itself; this module only reads names, nesting, `required`,
`dependentRequired`, `oneOf` of required names and the descriptions, so it needs no validator.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field

from tools import ROOT

logger = logging.getLogger(__name__)

SCHEMA_DIR = os.path.join(ROOT, "schema")
KINDS = ("story", "actor", "page")


@dataclass
class Field:
    """One field: its place, whether it must be given, what it means and what lies below it."""

    path: tuple[str, ...]
    # The name as editors read it: image.alt, facts[].label (label of every entry of facts).
    label: str
    schema: dict
    required: bool
    # "object": children are sub-fields; "items": children are the sub-fields of every entry of a list.
    nesting: str = ""
    children: list[Field] = field(default_factory=list)
    # Fields that must be given together with this one (dependentRequired).
    together_with: tuple[str, ...] = ()
    # Names of which an entry needs exactly one (oneOf of `required`), e.g. ("url", "file").
    one_of: tuple[str, ...] = ()
    # A group whose names come from a vocabulary (summaries: en, pl …): what each of its values holds.
    entries: str = ""

    @property
    def name(self) -> str:
        """The field's own name, e.g. "alt" for image.alt."""
        return self.path[-1]

    @property
    def description(self) -> str:
        """The editors' hint from the schema (may be empty)."""
        return self.schema.get("description", "").strip()

    @property
    def explanation(self) -> str:
        """The description, and for a group named by a vocabulary what each of its entries holds: what the tools print."""
        return f"{self.description} Jeder Eintrag: {self.entries}" if self.entries else self.description

    @property
    def vocabulary(self) -> str | None:
        """The x-vocabulary of the field, of its list entries (themes, regions, actors …) or of its names (languages), or None."""
        items, names = self.schema.get("items"), self.schema.get("propertyNames")
        return (self.schema.get("x-vocabulary") or (items.get("x-vocabulary") if isinstance(items, dict) else None)
                or (names.get("x-vocabulary") if isinstance(names, dict) else None))

    def walk(self):
        """This field and every field below it, depth first, in the schema's order."""
        yield self
        for child in self.children:
            yield from child.walk()


def load_schema(kind_or_file: str) -> dict:
    """A schema by kind ("story") or file name ("story.schema.json")."""
    name = kind_or_file if kind_or_file.endswith(".json") else f"{kind_or_file}.schema.json"
    with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as handle:
        return json.load(handle)


def resolve(schema: dict, document: dict) -> tuple[dict, dict]:
    """(schema with its `$ref` followed, the document the result lives in); the $ref's own keywords win, as in the checker."""
    while isinstance(schema.get("$ref"), str):
        file_name, _, pointer = schema["$ref"].partition("#")
        target_document = load_schema(file_name) if file_name else document
        target = target_document
        for step in filter(None, pointer.split("/")):
            target = target[step]
        siblings = {key: value for key, value in schema.items() if key != "$ref"}
        schema, document = {**target, **siblings}, target_document
    return schema, document


def fields(kind: str) -> list[Field]:
    """The top-level fields of a kind of file, each with its sub-fields."""
    document = load_schema(kind)
    return _fields(document, document, (), "")


def _fields(schema: dict, document: dict, parent: tuple[str, ...], prefix: str) -> list[Field]:
    required = set(schema.get("required", []))
    dependent = schema.get("dependentRequired", {})
    found = []
    for name, raw in schema.get("properties", {}).items():
        resolved, where = resolve(raw, document)
        entry = Field(path=(*parent, name), label=prefix + name, schema=resolved, required=name in required,
                      together_with=tuple(dependent.get(name, ())))
        items, values = resolved.get("items"), resolved.get("additionalProperties")
        if isinstance(values, dict) and isinstance(resolved.get("propertyNames"), dict):
            entry.entries = resolve(values, where)[0].get("description", "").strip()
        if resolved.get("properties"):
            entry.nesting, entry.children = "object", _fields(resolved, where, entry.path, f"{entry.label}.")
        elif isinstance(items, dict):
            items, item_document = resolve(items, where)
            if items.get("properties"):
                entry.nesting, entry.children = "items", _fields(items, item_document, entry.path, f"{entry.label}[].")
                entry.one_of = _one_of(items)
        found.append(entry)
    return found


def _one_of(schema: dict) -> tuple[str, ...]:
    """("url", "file") for oneOf: [{required: [url]}, {required: [file]}]; () for any other oneOf."""
    options = schema.get("oneOf", [])
    names = [option.get("required", []) for option in options if isinstance(option, dict)]
    if names and all(len(group) == 1 for group in names) and len(names) == len(options):
        return tuple(group[0] for group in names)
    return ()

