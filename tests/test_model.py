"""The model: every derived fact of a story or actor lives in its typed view, made anew on each build."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from sinn_core.content import generator_of
from sinn_model import STEPS, ActorView, StoryView
from sitefiles import ROOT, SiteFiles, story_fields
from tools.preview import Preview

SETTINGS = os.path.join(ROOT, "pelicanconf.py")
SCHEMA = os.path.join(ROOT, "schema", "story.schema.json")
# What Pelican itself (and sinn_stories, pinning addresses the Pelican way) sets on a story while reading and writing it.
PELICAN_SETS = {"author", "authors", "locale_date", "override_url", "override_save_as", "reader", "source_path",
                "relative_source_path", "metadata", "settings", "in_default_lang", "translations", "category", "lang"}


@pytest.fixture
def built(tmp_path):
    site = SiteFiles(tmp_path).minimal()
    site.image("images/werkstatt.jpg", size=(1600, 900))
    site.actor("pflegenetz")
    site.story("vorbild", story_fields(title="Das Vorbild aus Leipzig", themes=["pflege-gesundheit"], regions=["leipzig"],
                                       actors=["pflegenetz"], date="2024-01-01"))
    image = {"src": "images/werkstatt.jpg", "alt": "Zwei Menschen an einer Werkbank mit Fahrrädern",
             "credit": "Foto: Redaktion", "license": "CC BY 4.0"}
    site.story("nachgemacht", story_fields(title="Nachgemacht im Erzgebirge", themes=["pflege-gesundheit"], actors=["pflegenetz"],
                                           adapted_from="vorbild", image=image))
    preview = Preview(SETTINGS, str(tmp_path / "output"), {"PATH": site.content})
    preview.full_build()
    return site, preview


def _stories(preview) -> dict:
    return {story.slug: story for story in generator_of(preview.generators, ArticlesGenerator).articles}


def test_plugins_attach_nothing_to_pelicans_story_but_the_view(built):
    """What a story object carries is Pelican's own, the contract's fields and one `view`: no plugin hangs facts on it."""
    _site, preview = built
    with open(SCHEMA, encoding="utf-8") as handle:
        contract = set(json.load(handle)["properties"])
    pelican_own = set(vars(Article("", metadata={"title": "x"}))) | PELICAN_SETS
    for story in _stories(preview).values():
        extra = {name for name in vars(story) if not name.startswith("_")} - pelican_own - contract
        assert extra == {"view"}, extra


def test_views_are_typed_and_declared(built):
    """A view takes only the fields the model declares; a typo or a stray attribute is an error, not a silent new fact."""
    _site, preview = built
    story = _stories(preview)["nachgemacht"]
    assert isinstance(story.view, StoryView)
    with pytest.raises(AttributeError):
        story.view.theme_terms = []
    actor = generator_of(preview.generators, ArticlesGenerator).context["actors_by_id"]["pflegenetz"]
    assert isinstance(actor.view, ActorView)
    assert {f.name for f in dataclasses.fields(ActorView)} == {"type", "stories", "themes", "regions", "logo"}


def test_the_view_resolves_ids_and_back_references(built):
    _site, preview = built
    stories = _stories(preview)
    copy, original = stories["nachgemacht"], stories["vorbild"]
    assert copy.view.adapted_from is original
    assert original.view.adaptations == [copy]
    assert [topic.label for topic in copy.view.themes] == ["Pflege und Gesundheit"]
    assert copy.view.themes[0].stories == [copy, original]  # newest first
    assert [actor.id for actor in copy.view.actors] == ["pflegenetz"]
    assert copy.view.actors[0].view.stories == [copy, original]
    assert copy.view.download.width == 1600 and copy.view.download.bytes > 0
    assert os.path.isfile(copy.view.hero_file) and not copy.view.hero_file.startswith(preview.settings_file)
    assert original.view.hero is not None and original.view.preview_image is not None


def test_the_preview_rebuilds_the_model_so_no_view_keeps_the_old_story(built):
    site, preview = built
    old = _stories(preview)["vorbild"]
    path = site.replace("stories/vorbild.md", "Das Vorbild aus Leipzig", "Das Vorbild aus Leipzig, neu erzählt")
    preview.story_changed(path)
    new = _stories(preview)["vorbild"]
    assert new is not old and new.title == "Das Vorbild aus Leipzig, neu erzählt"
    model = generator_of(preview.generators, ArticlesGenerator).context["model"]
    views = [story.view for story in model.stories] + [actor.view for actor in model.actors]
    held = [item for view in views for name in ("related", "adaptations", "stories") for item in getattr(view, name, [])]
    held += [view.adapted_from for view in views if isinstance(view, StoryView)]
    held += [story for topics in model.topics.values() for topic in topics for story in topic.stories]
    assert new in held
    assert not any(item is old for item in held)
    with open(os.path.join(preview.output, "akteure", "pflegenetz", "index.html"), encoding="utf-8") as handle:
        assert "Das Vorbild aus Leipzig, neu erzählt" in handle.read()


def test_the_model_names_its_steps_in_one_fixed_order():
    """References before images: the images step reads nothing the references fill, but every later reader needs both."""
    assert STEPS == ("sinn_cross_references", "sinn_images")
