"""Leichte Sprache per story: the marked box, the search filter and the list on /leichte-sprache/."""

from __future__ import annotations

import pytest

from sitefiles import story_fields

EASY = "Im Erzgebirge gibt es Beratung per Video.\nSie können von zu Hause mit der Beraterin sprechen.\nDie Beratung kostet nichts."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import build_or_fail

    from sitefiles import SiteFiles

    root = tmp_path_factory.mktemp("easy")
    files = SiteFiles(root).minimal()
    files.story("beratung-per-video", story_fields(easy_summary=EASY))
    files.story("zweite", story_fields(title="Zweite Geschichte", date="2025-04-01", easy_summary="Das ist die zweite Geschichte.\n" * 3))
    files.story("schwer", story_fields(title="Nur in schwerer Sprache"))
    return build_or_fail(files.content, str(root / "output"))


def test_story_shows_its_easy_summary_in_a_marked_box(site):
    box = site.html("/geschichten/beratung-per-video/").select_one(".app-easy")
    assert box["lang"] == "de"
    assert box.select_one(".app-easy__label").get_text(strip=True) == "Leichte Sprache"
    assert box.h2.get_text(strip=True) == "Das Wichtigste in Leichter Sprache"
    assert box["aria-labelledby"] == box.h2["id"]
    assert [p.get_text(strip=True) for p in box.select(".app-easy__text")] == EASY.split("\n")
    assert box.select("img") == [], "no external or licensed logo, only a text label and an own icon"
    assert box.svg["aria-hidden"] == "true"


def test_story_without_easy_summary_has_no_box(site):
    assert site.html("/geschichten/schwer/").select_one(".app-easy") is None


def test_only_stories_in_easy_language_carry_the_search_filter(site):
    def easy_filter(path):
        found = [e["data-pagefind-filter"] for e in site.html(path).select("[data-pagefind-filter]")]
        return [value for value in found if value.startswith("Sprache")]

    assert easy_filter("/geschichten/beratung-per-video/") == ["Sprache:in Leichter Sprache"]
    assert easy_filter("/geschichten/schwer/") == []
    search = site.html("/suche/").select_one('fieldset[data-filter="Sprache"] input')
    assert (search["name"], search["value"]) == ("sprache", "leicht")
    assert site.html("/geschichten/").select_one('form.app-filter input[type="checkbox"][name="sprache"]')["value"] == "leicht"


def test_easy_language_page_lists_every_story_with_an_easy_summary(site):
    page = site.html("/leichte-sprache/")
    section = page.select_one("#geschichten-leicht").parent
    boxes = section.select(".app-easy")
    assert [(b.h3.a["href"], b.h3.get_text(strip=True)) for b in boxes] == [  # newest first, like every list
        ("/geschichten/zweite/", "Zweite Geschichte"),
        ("/geschichten/beratung-per-video/", "Beratung per Video erreicht Dörfer"),
    ]
    assert boxes[1].select_one(".app-easy__text").get_text(strip=True) == "Im Erzgebirge gibt es Beratung per Video."
    assert "Nur in schwerer Sprache" not in section.get_text()
    assert not section.select("[data-pagefind-filter]"), "the list page is not a search result"
    # the page's own easy-language text stays first
    assert page.select_one(".app-prose").find_next("section") is section
