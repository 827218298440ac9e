"""Links between stories, actors and vocabulary terms, computed once per build.

Editors name actors, themes and regions on the story only; everything pointing back
(an actor's stories, a theme's stories, related stories) is derived here.
"""

from __future__ import annotations

import heapq
import logging
from collections import Counter, defaultdict

from sinn_core.containment import ContentError

logger = logging.getLogger(__name__)

# Weights for "Ähnliche Geschichten": a shared actor says most, a shared region least.
WEIGHTS = {"actors": 3, "themes": 2, "regions": 1}


class UnknownReferenceError(ContentError):
    """A story names something that does not exist."""


def newest_first(stories):
    """Stories sorted newest first; equal dates by slug, so every build orders them alike."""
    return sorted(stories, key=lambda story: (-story.date.timestamp(), story.slug))


def link_stories(stories, actors_by_id: dict, vocabularies: dict) -> dict:
    """Attach resolved objects to stories and actors; return the groupings by term id."""
    by_term = {name: defaultdict(list) for name in ("themes", "regions", "stages", "target_groups")}
    for actor in actors_by_id.values():
        actor.stories = []
    for story in newest_first(stories):
        story.actor_profiles = [_resolve(actors_by_id, actor_id, story, "actors") for actor_id in story.actors]
        for actor in story.actor_profiles:
            actor.stories.append(story)
        story.theme_terms = [_resolve(vocabularies["themes"].terms, i, story, "themes") for i in story.themes]
        story.region_terms = [_resolve(vocabularies["regions"].terms, i, story, "regions") for i in story.regions]
        story.stage_term = _resolve(vocabularies["stages"].terms, story.stage, story, "stage")
        story.target_group_terms = [
            _resolve(vocabularies["target_groups"].terms, i, story, "target_groups")
            for i in getattr(story, "target_groups", None) or []
        ]
        for term_id in story.themes:
            by_term["themes"][term_id].append(story)
        for term_id in story.regions:
            by_term["regions"][term_id].append(story)
        by_term["stages"][story.stage].append(story)
        for term_id in getattr(story, "target_groups", None) or []:
            by_term["target_groups"][term_id].append(story)
    for actor in actors_by_id.values():
        actor.type_term = _resolve(vocabularies["actor_types"].terms, actor.fields["type"], actor, "type")
        actor.region_terms = [_resolve(vocabularies["regions"].terms, i, actor, "regions") for i in actor.fields["regions"]]
        actor.theme_terms = [_resolve(vocabularies["themes"].terms, i, actor, "themes") for i in actor.fields.get("themes", [])]
    return {name: dict(groups) for name, groups in by_term.items()}


def link_adaptations(stories) -> None:
    """`adapted_from` on the adaptation gives it `adapted_from_story`; the original gets `adaptations`."""
    by_slug = {story.slug: story for story in stories}
    for story in stories:
        story.adapted_from_story = None
        story.adaptations = []
    for story in newest_first(stories):
        original_slug = getattr(story, "adapted_from", None)
        if not original_slug:
            continue
        original = _resolve(by_slug, original_slug, story, "adapted_from")
        if original is story:
            raise UnknownReferenceError(f"{story.source_path}: adapted_from: eine Geschichte kann nicht ihr eigenes Vorbild sein.")
        story.adapted_from_story = original
        original.adaptations.append(story)


def relate_stories(stories, count: int) -> None:
    """Give every story `related`: the stories sharing most actors, themes and regions."""
    # Integer positions and Counter.update (counted in C) keep this near-linear for thousands of stories.
    order = [(-story.date.timestamp(), story.slug) for story in stories]
    index = {name: defaultdict(list) for name in WEIGHTS}
    for position, story in enumerate(stories):
        for name in WEIGHTS:
            for value in getattr(story, name):
                index[name][value].append(position)
    for position, story in enumerate(stories):
        scores: Counter = Counter()
        for name, weight in WEIGHTS.items():
            for value in getattr(story, name):
                for _ in range(weight):
                    scores.update(index[name][value])
        scores.pop(position, None)
        best = heapq.nsmallest(count, scores.items(), key=lambda item: (-item[1], order[item[0]]))
        story.related = [stories[other] for other, _score in best]


def _resolve(table: dict, key, owner, field: str):
    try:
        return table[key]
    except KeyError:
        path = getattr(owner, "source_path", owner)
        raise UnknownReferenceError(f"{path}: {field}: '{key}' ist unbekannt. Bitte `make check` ausführen.") from None
