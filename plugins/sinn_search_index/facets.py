"""The search filters: URL parameter, Pagefind filter name and the vocabulary behind each."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Facet:
    """One filter of the search: `?param=id` in the URL, `key` in the Pagefind index."""

    param: str
    key: str
    vocabulary: str | None = None
    options: tuple = field(default=())


def resolve_facets(definitions: list[dict], vocabularies: dict) -> list[Facet]:
    """Facets with their options: from the vocabulary, or fixed values in the definition."""
    facets = []
    for definition in definitions:
        name = definition.get("vocabulary")
        options = tuple((t.id, t.label) for t in vocabularies[name]) if name else tuple(definition["values"].items())
        facets.append(Facet(param=definition["param"], key=definition["key"], vocabulary=name, options=options))
    return facets
