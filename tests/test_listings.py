"""Listings plugin: archive pagination, theme and region pages with counts, nothing empty linked."""

from __future__ import annotations

from sitefiles import story_fields


def test_archive_is_paginated_at_24_newest_first(site_files, build):
    site_files.minimal()
    for number in range(30):
        site_files.story(f"geschichte-{number:02d}", story_fields(title=f"Geschichte {number}", date=f"2026-01-{number % 28 + 1:02d}"))
    site = build(site_files)
    first = site.html("/geschichten/")
    second = site.html("/geschichten/seite/2/")
    assert len(first.select("main .app-card")) == 24
    assert len(second.select("main .app-card")) == 31 - 24
    assert not site.exists("/geschichten/seite/3/")
    titles = [a.get_text(strip=True) for a in first.select(".app-card__link")]
    assert titles[0] == "Geschichte 27"
    current = second.select_one('.app-pagination [aria-current="page"]')
    assert current.get_text(" ", strip=True) == "Seite 2"
    assert second.select_one('.app-pagination a[rel="prev"]')["href"] == "/geschichten/"


def test_empty_theme_is_listed_but_not_linked_and_has_no_page(site_files, build):
    site = build(site_files.minimal())
    themes = site.html("/themen/")
    links = {a["href"] for a in themes.select("main a[href]")}
    assert "/themen/beratung/" in links
    assert "/themen/pflege-gesundheit/" not in links
    assert "Pflege und Gesundheit" in themes.select_one("main").get_text()
    assert not site.exists("/themen/pflege-gesundheit/")


def test_region_page_lists_its_stories_and_actors_with_counts(site_files, build):
    site = build(site_files.minimal())
    region = site.html("/regionen/erzgebirgskreis/")
    assert region.h1.get_text(strip=True) == "Erzgebirgskreis"
    text = region.select_one("main").get_text(" ", strip=True)
    assert "1 Geschichte" in text and "1 Akteur" in text
    assert "/geschichten/beratung-per-video/" in {a["href"] for a in region.select("main a")}
    assert "/akteure/beratungsverein/" in {a["href"] for a in region.select("main a")}
