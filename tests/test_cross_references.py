"""Cross references: back-references from actors, and related stories chosen deterministically."""

from __future__ import annotations

from sitefiles import actor_fields, story_fields


def test_actor_lists_stories_named_only_on_the_stories(site_files, build):
    site_files.minimal()
    site_files.actor("zweiter-verein", actor_fields(name="Zweiter Verein", regions=["dresden"]))
    site_files.story("zwei", story_fields(title="Zweite Geschichte", actors=["beratungsverein", "zweiter-verein"]))
    site = build(site_files)
    cards = site.html("/akteure/zweiter-verein/").select("#geschichten-des-akteurs ~ div .app-card__link")
    assert [a["href"] for a in cards] == ["/geschichten/zwei/"]
    cards = site.html("/akteure/beratungsverein/").select("#geschichten-des-akteurs ~ div .app-card__link")
    assert sorted(a["href"] for a in cards) == ["/geschichten/beratung-per-video/", "/geschichten/zwei/"]


def test_related_stories_prefer_shared_actors_then_themes(site_files, build):
    site_files.minimal()
    site_files.actor("anderer", actor_fields(name="Anderer Verein", regions=["leipzig"]))
    site_files.story("gleicher-akteur", story_fields(title="Gleicher Akteur", themes=["bildung-arbeit"], regions=["leipzig"]))
    site_files.story("gleiches-thema", story_fields(title="Gleiches Thema", actors=["anderer"], regions=["leipzig"]))
    site_files.story("nichts-gemeinsam", story_fields(title="Nichts gemeinsam", actors=["anderer"], themes=["bildung-arbeit"], regions=["leipzig"]))
    site = build(site_files)
    related = site.html("/geschichten/beratung-per-video/").select("#aehnliche ~ div .app-card__link")
    assert [a["href"] for a in related] == ["/geschichten/gleicher-akteur/", "/geschichten/gleiches-thema/"]
