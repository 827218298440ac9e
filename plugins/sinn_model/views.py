"""What the build knows about a story or an actor beyond its own fields: one typed view each.

Editors write ids (themes, regions, actors, adapted_from); the enrichment step (enrichment.py) turns
them into objects and adds what is derived (back-references, related stories, image renditions).
Every derived fact has a declared field here, with the step that fills it, instead of attributes
attached to Pelican's objects by whichever plugin came along. Templates read `story.view.themes`,
`actor.view.stories`; plugins read and fill the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)
class ImageDownload:
    """The hero image as the press downloads it: the published full-resolution file, without metadata."""

    url: str
    width: int
    height: int
    bytes: int | None = None


@dataclass(slots=True, eq=False)
class PreviewImage:
    """The link-preview crop (Open Graph) of the hero image."""

    url: str
    width: int
    height: int
    alt: str


@dataclass(slots=True, eq=False)
class StoryView:
    """A story's derived facts; the comment names the step (plugin) that fills each."""

    # sinn_cross_references: the ids of the front matter, resolved, in the editor's order
    actors: list = field(default_factory=list)
    stage: object | None = None
    target_groups: list = field(default_factory=list)
    adapted_from: object | None = None
    adaptations: list = field(default_factory=list)
    related: list = field(default_factory=list)
    # sinn_listings: themes and regions as topics (term, label, url, the topic's stories and actors)
    themes: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    # sinn_images: the hero image's renditions, link preview and press download (None for an SVG)
    hero: object | None = None
    preview_image: PreviewImage | None = None
    download: ImageDownload | None = None
    # The published full-size file on disk (an SVG: its cleaned copy) for whoever packs it (the press
    # kit): never the original from content/.
    hero_file: str | None = None
    # sinn_press, when the story's page is written: the press kit first, then the citation files
    press_files: list | None = None


@dataclass(slots=True, eq=False)
class ActorView:
    """An actor's derived facts."""

    # sinn_cross_references
    type: object | None = None
    stories: list = field(default_factory=list)
    # sinn_listings
    themes: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    # sinn_images
    logo: object | None = None


def view_of(item) -> StoryView | ActorView | None:
    """The view of a story or actor, or None before the enrichment step (or for a page)."""
    return getattr(item, "view", None)
