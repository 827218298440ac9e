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


class _Story:
    def __init__(self, slug: str, actors=(), themes=(), regions=()):
        self.slug, self.date = slug, None
        self.actors, self.themes, self.regions = list(actors), list(themes), list(regions)
        self.view = type("View", (), {})()


def _stories() -> list:
    return [_Story("a", actors=["x"], themes=["t"]), _Story("b", themes=["t"]), _Story("c", actors=["x"]), _Story("d", regions=["r"])]


def _related(stories) -> dict:
    return {story.slug: [other.slug for other in story.view.related] for story in stories}


def test_related_stories_come_from_the_memo_of_the_same_inputs_and_are_scored_again_otherwise(tmp_path):
    import glob
    import pickle

    from sinn_cross_references import links

    memo = str(tmp_path / "related")
    scored = _stories()
    links.relate_stories(scored, 2)  # without a memo: the reference
    links._last_related.update(inputs=None)
    stories = _stories()
    links.relate_stories(stories, 2, memo)
    assert _related(stories) == _related(scored)
    (path,) = glob.glob(memo + "-*.pickle")
    for damaged in (b"kein pickle", pickle.dumps([[99]] * 4), pickle.dumps("x")):  # unreadable, out of range, wrong shape
        with open(path, "wb") as handle:
            handle.write(damaged)
        links._last_related.update(inputs=None)
        stories = _stories()
        links.relate_stories(stories, 2, memo)
        assert _related(stories) == _related(scored)
    # Kept positions are used as they are for the same inputs (here: swapped by hand) …
    with open(path, "wb") as handle:
        pickle.dump([[3], [2], [1], [0]], handle)
    links._last_related.update(inputs=None)
    stories = _stories()
    links.relate_stories(stories, 2, memo)
    assert _related(stories) == {"a": ["d"], "b": ["c"], "c": ["b"], "d": ["a"]}
    # … and other inputs (a story with another theme) are scored afresh.
    changed = _stories()
    changed[3].themes = ["t"]
    links._last_related.update(inputs=None)
    links.relate_stories(changed, 2, memo)
    assert _related(changed)["d"] == ["a", "b"]
