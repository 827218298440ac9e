"""Links between stories, actors and vocabulary terms, computed once per build.

Editors name actors, themes and regions on the story only; everything pointing back
(an actor's stories, a theme's stories, related stories) is derived here.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
from collections import Counter, defaultdict
from operator import itemgetter

from sinn_core.containment import ContentError
from sinn_core.files import read_pickled, save_memo
from sinn_core.fingerprint import file_digest

from .topics import build_topics

logger = logging.getLogger(__name__)

# Weights for "Ähnliche Geschichten": a shared actor says most, a shared region least.
WEIGHTS = {"actors": 3, "themes": 2, "regions": 1}


class UnknownReferenceError(ContentError):
    """A story names something that does not exist."""


def link_references(model, vocabularies: dict, address_of) -> None:
    """Resolve every id into its object (view.actors, view.stage …) and fill the back-references.

    Themes and regions become topics (topics.py): the term with its address and everything that
    belongs to it; model.topics and model.stories_by_term keep them for the listings.
    """
    by_term = {name: defaultdict(list) for name in ("themes", "regions")}
    actors_by_term = {name: defaultdict(list) for name in ("themes", "regions")}
    for story in model.stories:
        view = story.view
        view.actors = [_resolve(model.actors_by_id, actor_id, story, "actors") for actor_id in story.actors]
        for actor in view.actors:
            actor.view.stories.append(story)
        view.stage = _resolve(vocabularies["stages"].terms, story.stage, story, "stage")
        view.target_groups = [
            _resolve(vocabularies["target_groups"].terms, i, story, "target_groups") for i in getattr(story, "target_groups", None) or []
        ]
        for name in by_term:
            for term_id in getattr(story, name):
                _resolve(vocabularies[name].terms, term_id, story, name)
                by_term[name][term_id].append(story)
    for actor in model.actors:
        actor.view.type = _resolve(vocabularies["actor_types"].terms, actor.fields["type"], actor, "type")
        for name in actors_by_term:
            for term_id in actor.fields.get(name, []) or []:
                _resolve(vocabularies[name].terms, term_id, actor, name)
                actors_by_term[name][term_id].append(actor)
    for name, stories_by_term in by_term.items():
        topics = build_topics(name, vocabularies[name], stories_by_term, actors_by_term[name], lambda term_id, name=name: address_of(name, term_id))
        model.topics[name] = topics
        by_id = {topic.id: topic for topic in topics}
        for story in model.stories:
            setattr(story.view, name, [by_id[term_id] for term_id in getattr(story, name)])
        for actor in model.actors:
            setattr(actor.view, name, [by_id[term_id] for term_id in actor.fields.get(name, []) or []])
    model.stories_by_term = {name: dict(groups) for name, groups in by_term.items()}


def link_adaptations(model) -> None:
    """`adapted_from` on the adaptation gives it view.adapted_from; the original lists it in view.adaptations."""
    by_slug = {story.slug: story for story in model.stories}
    for story in model.stories:
        original_slug = getattr(story, "adapted_from", None)
        if not original_slug:
            continue
        original = _resolve(by_slug, original_slug, story, "adapted_from")
        if original is story:
            raise UnknownReferenceError(f"{story.source_path}: adapted_from: eine Geschichte kann nicht ihr eigenes Vorbild sein.")
        story.view.adapted_from = original
        original.view.adaptations.append(story)


def relate_stories(stories, count: int, memo: str | None = None) -> None:
    """Fill every story's view.related: the stories sharing most actors, themes and regions.

    `stories` are newest first, so a story's position is also its place among equal scores. `memo`
    (a file name prefix in a cache folder) keeps the answer for the next build.
    """
    inputs = (count, tuple((s.slug, s.date, *(tuple(getattr(s, name)) for name in WEIGHTS)) for s in stories))
    if _last_related["inputs"] != inputs:
        _last_related.update(inputs=inputs, positions=_remembered_positions(stories, count, inputs, memo))
    for story, positions in zip(stories, _last_related["positions"], strict=True):
        story.view.related = [stories[other] for other in positions]


# The last answer, by everything it depends on: the preview rebuilds the model after each edit of a
# story's text, which changes none of these inputs, and finds it here instead of scoring all pairs again.
_last_related: dict = {"inputs": None, "positions": []}


def _remembered_positions(stories, count: int, inputs: tuple, memo: str | None) -> list[list[int]]:
    """The related positions from the memo file of these inputs, else scored now (and kept there).

    A build after an edit of a story's title or text changes none of the inputs; scoring all pairs
    of 2,000 stories took 0.4 s of it.
    """
    if memo is None:
        return _related_positions(stories, count)
    # The inputs and this module's code (the weights, the scoring) name the file.
    key = hashlib.sha256(f"{inputs!r}\0{file_digest(__file__)}".encode()).hexdigest()
    path = f"{memo}-{key[:24]}.pickle"
    kept = read_pickled(path)
    valid = isinstance(kept, list) and len(kept) == len(stories) and all(
        isinstance(row, list) and all(isinstance(other, int) and 0 <= other < len(stories) for other in row) for row in kept)
    if valid:
        return kept
    positions = _related_positions(stories, count)
    try:
        save_memo(path, positions)
    except OSError as error:  # the next build scores them again
        logger.debug("related stories not kept: %s", error)
    return positions


def _related_positions(stories, count: int) -> list[list[int]]:
    # Integer positions and Counter.update (counted in C) keep this near-linear for thousands of stories.
    index = {name: defaultdict(list) for name in WEIGHTS}
    for position, story in enumerate(stories):
        for name in WEIGHTS:
            for value in getattr(story, name):
                index[name][value].append(position)
    related = []
    for position, story in enumerate(stories):
        scores: Counter = Counter()
        for name, weight in WEIGHTS.items():
            for value in getattr(story, name):
                for _ in range(weight):
                    scores.update(index[name][value])
        scores.pop(position, None)
        # Sorted by position first, nlargest keeps that order among equal scores (it is stable).
        related.append([other for other, _score in heapq.nlargest(count, sorted(scores.items()), key=itemgetter(1))])
    return related


def _resolve(table: dict, key, owner, field: str):
    try:
        return table[key]
    except KeyError:
        path = getattr(owner, "source_path", owner)
        raise UnknownReferenceError(f"{path}: {field}: '{key}' ist unbekannt. Bitte `make check` ausführen.") from None
