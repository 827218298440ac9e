"""The web editor's form fields, generated from the content contract (schema/*.schema.json) and the vocabularies.

One Sveltia CMS field per schema property, in the schema's order, which is the order the CMS writes
the front matter in. The widget follows the type and the contract's own keywords: x-vocabulary
becomes a select of the vocabulary's terms (actors: a relation to the actor profiles), x-format date
a date picker, image/logo/file an upload into the matching folder of content/, url and email typed
inputs; enum a select, objects and lists of objects nested fields, other lists one input per entry.
`required`, lengths, limits and patterns come from the schema, the description becomes the hint.
What the CMS cannot express (oneOf, dependentRequired, uniqueItems) stays with `make check`, which
every pull request runs.

Own walker rather than tools/schema_fields.py: that module serves the command-line tools (plugins do
not import tools) and keeps no facts about widgets; both follow `$ref` as the checker does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sinn_content_contract.inventory import DOCUMENT_EXTENSIONS, IMAGE_EXTENSIONS
from sinn_content_contract.validate import SCHEMA_FILES, schema_for

from .labels import VALUE_LABELS, label_for

# A text input grows into a text area from this maximum length on (summary 300, quotes 400 …).
LONG_TEXT = 200
# Up to this many options show as check boxes or radio buttons instead of a drop-down list.
SHOWN_OPTIONS = 20
DATE_FORMAT = "YYYY-MM-DD"
FLOAT_STEP = 0.000001
HTTPS_PATTERN = "^https://\\S+$"
HTTPS_MESSAGE = "Bitte eine vollständige Adresse mit https:// am Anfang eintragen."
# Upload widgets by x-format, and the file types each accepts: the checker's (a story's photo is never an SVG).
_PHOTOS = ",".join(extension for extension in IMAGE_EXTENSIONS if extension != ".svg")
UPLOADS = {
    "image": ("image", _PHOTOS),
    "logo": ("image", ",".join(IMAGE_EXTENSIONS)),
    "file": ("file", ",".join(DOCUMENT_EXTENSIONS)),
}
_KINDS_BY_FILE = {name: kind for kind, name in SCHEMA_FILES.items()}


@dataclass
class FormContext:
    """What the walk needs besides the schema, and what it notes on the way."""

    kind: str
    vocabularies: dict
    # Field path ("description", "image.src") → widget, where the schema cannot say (WEB_EDITOR_WIDGETS).
    widgets: dict = field(default_factory=dict)
    # Values for new entries by field path (WEB_EDITOR_DEFAULTS).
    defaults: dict = field(default_factory=dict)
    # x-format → folder below content/ the upload goes to (WEB_EDITOR_MEDIA).
    media: dict = field(default_factory=dict)
    # Key paths of uploads ("image.src", "transfer.materials.*.file"): the file must name them relative to content/.
    uploads: list = field(default_factory=list)
    # Every field path the walk met (to tell settings that name a field the schema does not have).
    seen: set = field(default_factory=set)


def hint(text: str) -> str:
    """A description as the CMS shows it below a field: it reads Markdown with HTML, so "<slug>" must stay text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def resolve(schema: dict, document: dict) -> tuple[dict, dict, str]:
    """(schema with its $ref followed, the document it lives in, the referenced definition's own description)."""
    own = ""
    while isinstance(schema.get("$ref"), str):
        file_name, _, pointer = schema["$ref"].partition("#")
        document = schema_for(_KINDS_BY_FILE[file_name]) if file_name else document
        target = document
        for step in filter(None, pointer.split("/")):
            target = target[step]
        own = target.get("description", "")
        schema = {**target, **{key: value for key, value in schema.items() if key != "$ref"}}
    return schema, document, own


def form_fields(ctx: FormContext) -> list[dict]:
    """The CMS fields of a kind of file ("story", "actor"), one per property of its schema."""
    schema = schema_for(ctx.kind)
    return _properties(schema, schema, "", ctx)


def _properties(schema: dict, document: dict, prefix: str, ctx: FormContext) -> list[dict]:
    required = set(schema.get("required", ()))
    return [_field(name, raw, document, name in required, prefix + name, ctx) for name, raw in schema.get("properties", {}).items()]


def _field(name: str, raw: dict, document: dict, required: bool, path: str, ctx: FormContext) -> dict:
    schema, document, own = resolve(raw, document)
    ctx.seen.add(path)
    entry = {"name": name, "label": label_for(name, schema), "required": required}
    if schema.get("description"):
        entry["hint"] = hint(schema["description"])
    if path in ctx.defaults:
        entry["default"] = ctx.defaults[path]
    override = ctx.widgets.get(path)
    if override:
        return {**entry, "widget": override, **_lengths(schema)}
    if "enum" in schema:
        options = [{"label": VALUE_LABELS.get(value, str(value)), "value": value} for value in schema["enum"]]
        return {**entry, "widget": "select", "options": options, "dropdown_threshold": SHOWN_OPTIONS}
    kind = schema.get("type")
    items = schema.get("items")
    vocabulary = schema.get("x-vocabulary") or (items.get("x-vocabulary") if isinstance(items, dict) else None)
    if vocabulary:
        return {**entry, **_choice(vocabulary, ctx), **_many(schema)}
    if kind == "boolean":
        return {**entry, "widget": "boolean"}
    if kind in ("integer", "number"):
        return {**entry, **_number(schema)}
    if kind == "object":
        return {**entry, **_object(schema, document, path, required, ctx)}
    if kind == "array" and isinstance(items, dict):
        return {**entry, **_list(name, schema, document, path, ctx)}
    return {**entry, **_text(schema, own, path, ctx)}


def _choice(vocabulary: str, ctx: FormContext) -> dict:
    if vocabulary == "actors":
        # The actor profiles are files, not a vocabulary: the CMS lists them, new ones included.
        return {"widget": "relation", "collection": "actors", "value_field": "{{slug}}", "display_fields": ["name"],
                "search_fields": ["name", "short_name"], "dropdown_threshold": SHOWN_OPTIONS}
    options = [{"label": term.label, "value": term.id} for term in ctx.vocabularies[vocabulary]]
    return {"widget": "select", "options": options, "dropdown_threshold": SHOWN_OPTIONS}


def _many(schema: dict) -> dict:
    if schema.get("type") != "array":
        return {}
    limits = {"multiple": True}
    if schema.get("minItems"):
        limits["min"] = schema["minItems"]
    if "maxItems" in schema:
        limits["max"] = schema["maxItems"]
    return limits


def _number(schema: dict) -> dict:
    entry = {"widget": "number", "value_type": "int" if schema.get("type") == "integer" else "float"}
    if "minimum" in schema:
        entry["min"] = schema["minimum"]
    if "maximum" in schema:
        entry["max"] = schema["maximum"]
    if entry["value_type"] == "float":
        # The input's step: decimals down to about 10 cm for coordinates (the CMS takes no "any").
        entry["step"] = FLOAT_STEP
    return entry


def _object(schema: dict, document: dict, path: str, required: bool, ctx: FormContext) -> dict:
    names = schema.get("propertyNames")
    if not schema.get("properties") and isinstance(names, dict) and names.get("x-vocabulary") in ctx.vocabularies:
        # Names from a vocabulary (summaries: en, pl, cs): one optional field per term, labelled in German.
        values, _document, own = resolve(schema["additionalProperties"], document)
        fields = []
        for term in ctx.vocabularies[names["x-vocabulary"]]:
            ctx.seen.add(f"{path}.{term.id}")
            text = {**_text(values, own, f"{path}.{term.id}", ctx), **({"hint": hint(values["description"])} if values.get("description") else {})}
            fields.append({"name": term.id, "label": f"{term.label} ({term.native})" if term.native else term.label, "required": False, **text})
        return {"widget": "object", "fields": fields, **({} if required else {"collapsed": "auto"})}
    if not schema.get("properties") and isinstance(schema.get("additionalProperties"), dict):
        # Free names with one kind of value (social: network → address).
        return {"widget": "keyvalue", "key_label": "Name", "value_label": "Adresse"}
    entry = {"widget": "object", "fields": _properties(schema, document, path + ".", ctx)}
    if not required:
        entry["collapsed"] = "auto"
    return entry


def _list(name: str, schema: dict, document: dict, path: str, ctx: FormContext) -> dict:
    items, item_document, own = resolve(schema["items"], document)
    entry = {"widget": "list", **{key: value for key, value in _many(schema).items() if key != "multiple"}}
    if items.get("type") == "object":
        entry["fields"] = _properties(items, item_document, path + ".*.", ctx)
        first = next(iter(items.get("properties", {})), None)
        if first:
            entry["summary"] = "{{fields." + first + "}}"
        return entry
    single = {"name": name, "label": label_for(name, schema), "required": True}
    if items.get("type") in ("integer", "number"):
        single.update(_number(items))
    else:
        single.update(_text(items, own or schema.get("description", ""), path + ".*", ctx))
    entry["field"] = single
    return entry


def _text(schema: dict, own: str, path: str, ctx: FormContext) -> dict:
    fmt = schema.get("x-format")
    if fmt == "date":
        return {"widget": "datetime", "type": "date", "format": DATE_FORMAT}
    if fmt in UPLOADS:
        widget, accept = UPLOADS[fmt]
        folder = ctx.media[fmt].strip("/")
        # The CMS names the file with a leading "/"; editor.js removes it before saving (the contract wants images/…).
        ctx.uploads.append(path)
        return {"widget": widget, "media_folder": f"/content/{folder}", "public_folder": f"/{folder}", "accept": accept,
                "choose_url": False}
    entry = {"widget": "text" if schema.get("maxLength", 0) >= LONG_TEXT else "string", **_lengths(schema)}
    if fmt == "url":
        entry.update(type="url", pattern=[HTTPS_PATTERN, HTTPS_MESSAGE])
    elif fmt == "email":
        entry["type"] = "email"
    if "pattern" in schema:
        entry["pattern"] = [schema["pattern"], f"Bitte prüfen: {own or schema.get('description', 'das Format stimmt nicht.')}"]
    return entry


def _lengths(schema: dict) -> dict:
    limits = {}
    if schema.get("minLength", 0) > 1:
        limits["minlength"] = schema["minLength"]
    if "maxLength" in schema:
        limits["maxlength"] = schema["maxLength"]
    return limits
