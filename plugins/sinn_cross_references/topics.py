"""Themes and regions as pages: each term with its URL, its stories and its actors."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Topic:
    """A theme or region of the showcase, with what belongs to it."""

    term: object
    kind: str
    url: str
    save_as: str
    stories: list = field(default_factory=list)
    actors: list = field(default_factory=list)

    @property
    def id(self) -> str:
        """The term id."""
        return self.term.id

    @property
    def label(self) -> str:
        """The German label."""
        return self.term.label

    @property
    def is_empty(self) -> bool:
        """True when nothing belongs to it: such a topic gets no page and no link."""
        return not self.stories and not self.actors


def build_topics(kind: str, vocabulary, stories_by_term: dict, actors_by_term: dict, address_of) -> list[Topic]:
    """One Topic per term of the vocabulary, in the vocabulary's order; address_of(term id) gives its Address."""
    topics = []
    for term in vocabulary:
        address = address_of(term.id)
        topics.append(Topic(
            term=term, kind=kind, url=address.url, save_as=address.save_as,
            stories=stories_by_term.get(term.id, []), actors=actors_by_term.get(term.id, []),
        ))
    return topics
