"""Editorial rules for fields that the schema cannot state: alt texts, sources of facts, quotes around whole values.

The checker runs them with every other check of a file (site._check_document), so an editor sees
them in the same run. Which fields are free text (and so may not be wrapped in quotes) is read from
the schema: every string without x-format, x-vocabulary, pattern or enum, so a new text field is
covered without a second list here.
"""

from __future__ import annotations

import json
from functools import lru_cache

from . import alt_text, checks
from .problems import ERROR
from .validate import schema_for

IMAGE_FIELDS = {"story": "image", "actor": "logo"}
# Quotation marks by family: a value that starts with one of a family and ends with one of the same family, with
# none of it in between, is wrapped as a whole (German „…“, English “…”, French »…«, and what a keyboard types).
DOUBLE_QUOTES = '"„“”»«″'
SINGLE_QUOTES = "'‚‘’›‹"
_MACHINE_KEYWORDS = {"x-format", "x-vocabulary", "pattern", "enum", "const"}


def field_problems(kind: str, data: dict) -> list[tuple[list, str, str]]:
    """(path, message, severity) for alt texts that say nothing, facts without a source and values wrapped in quotes."""
    if not isinstance(data, dict):
        return []
    problems = list(alt_problems(kind, data))
    if kind == "story":
        problems += [(path, message, ERROR) for path, message in checks.fact_source_problems(data)]
    problems += [(path, message, ERROR) for path, message in wrapping_quotes(kind, data)]
    return problems


def alt_problems(kind: str, data: dict):
    """(path, message, severity) for the alt text of a story's image or an actor's logo, judged by alt_text.judge."""
    name = IMAGE_FIELDS.get(kind)
    image = data.get(name) if name else None
    if not isinstance(image, dict) or not isinstance(image.get("alt"), str) or not image["alt"]:
        return  # missing or empty: the schema says so
    title = data.get("title") if kind == "story" and isinstance(data.get("title"), str) else None
    src = image.get("src") if isinstance(image.get("src"), str) else None
    verdict = alt_text.judge(image["alt"], logo=kind == "actor", title=title, file_name=src)
    if verdict:
        yield [name, "alt"], *verdict


def unwrapped(value: str) -> str | None:
    """The text inside quotation marks that wrap all of value, or None when value is not wrapped as a whole."""
    text = value.strip()
    if len(text) < 3:
        return None
    for family in (DOUBLE_QUOTES, SINGLE_QUOTES):
        if text[0] in family and text[-1] in family:
            inner = text[1:-1]
            # An apostrophe inside a word (Geht's, Hans') is no quotation mark.
            marks = [i for i, char in enumerate(inner) if char in family
                     and not (family is SINGLE_QUOTES and char in "'’" and i > 0 and inner[i - 1].isalpha())]
            return inner.strip() if inner.strip() and not marks else None
    return None


def wrapping_quotes(kind: str, data: dict):
    """(path, message) for free-text values that YAML read with quotation marks around the whole text."""
    free = free_text_paths(kind)
    for path, value in checks.leaves(data):
        if not isinstance(value, str) or tuple("[]" if isinstance(step, int) else step for step in path) not in free:
            continue
        inner = unwrapped(value)
        if inner is None:
            continue
        key = next(step for step in reversed(path) if isinstance(step, str))
        yield path, (
            f"beginnt und endet mit Anführungszeichen ({value.strip()}). YAML liest sie als Teil des Textes: "
            f"{_WHERE.get(key, 'sie erschienen so auf der Seite')}. Entfernen Sie die äußeren Anführungszeichen und schreiben Sie: {key}: "
            f"{json.dumps(inner, ensure_ascii=False)} (die geraden Anführungszeichen am Rand zeigen nur, wo der Text beginnt und endet)."
        )


# Where the quotation marks would show up, for the fields where it matters most.
_WHERE = {
    "title": "sie erschienen so im Titel des Browserfensters, in der Überschrift und im Zitiervorschlag, der selbst Anführungszeichen setzt",
    "text": "sie erschienen so auf der Seite und in der Pressemappe, die Zitate selbst in Anführungszeichen setzt",
    "alt": "Screenreader läsen sie mit vor",
}


@lru_cache(maxsize=4)
def free_text_paths(kind: str) -> frozenset[tuple]:
    """Paths (list items as "[]") of the schema's free-text fields for a kind: strings with no format, vocabulary or pattern."""
    schema = schema_for(kind)
    definitions = schema.get("$defs", {})
    found: set[tuple] = set()

    def walk(node, path: tuple, depth: int = 0) -> None:
        if not isinstance(node, dict) or depth > 12:
            return
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            node = {**definitions.get(reference.rsplit("/", 1)[-1], {}), **{k: v for k, v in node.items() if k != "$ref"}}
        for key, child in (node.get("properties") or {}).items():
            walk(child, (*path, key), depth + 1)
        walk(node.get("items"), (*path, "[]"), depth + 1)
        for child in (node.get("oneOf") or []) + (node.get("anyOf") or []):
            walk(child, path, depth + 1)
        types = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if "string" in types and not _MACHINE_KEYWORDS & set(node):
            found.add(path)

    walk(schema, ())
    return frozenset(found)


__all__ = ["alt_problems", "field_problems", "free_text_paths", "unwrapped", "wrapping_quotes"]
