"""Replication guide ("Zum Nachmachen"): the section on the story, its downloads, adapted_from both ways, and the filters."""

from __future__ import annotations

import pytest

from sitefiles import actor_fields, story_fields

GUIDE = {
    "costs": {"min": 5000, "max": 12000, "note": "ohne Miete"},
    "staff": "eine halbe Koordinationsstelle und acht Ehrenamtliche",
    "duration": "etwa sechs Monate",
    "partners_needed": ["Gemeinde, die einen Raum stellt", "Jobcenter"],
    "legal_form": "eingetragener Verein (e.V.)",
    "funding_sources": ["Landkreis", "Spenden"],
    "lessons": ["Früh mit der Gemeinde sprechen.", "Klein anfangen."],
    "materials": [
        {"title": "Checkliste für den Start", "file": "files/checkliste.txt"},
        {"title": "Leitfaden des Vereins", "url": "https://www.beispiel.de/leitfaden"},
    ],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import build_or_fail

    from sitefiles import SiteFiles

    root = tmp_path_factory.mktemp("transfer")
    files = SiteFiles(root).minimal()
    files.actor("leipziger-verein", actor_fields(name="Leipziger Verein", regions=["leipzig"]))
    files.write("files/checkliste.txt", "1. Raum finden\n2. Ehrenamtliche gewinnen\n")
    files.story("beratung-per-video", story_fields(transfer=GUIDE))
    files.story("nachgemacht-in-leipzig", story_fields(
        title="Videoberatung jetzt auch in Leipzig", regions=["leipzig"], actors=["leipziger-verein"], adapted_from="beratung-per-video",
    ))
    files.story("ohne-anleitung", story_fields(title="Eine Geschichte ohne Anleitung", regions=["dresden"]))
    return build_or_fail(files.content, str(root / "output"))


def test_the_guide_shows_costs_staff_duration_partners_lessons_and_materials(site):
    section = site.html("/geschichten/beratung-per-video/").select_one("section.app-transfer")
    assert section.h2.get_text(strip=True) == "Zum Nachmachen"
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(section.select("dt"), section.select("dd"), strict=True)}
    assert facts["Kosten pro Jahr"] == "5.000 bis 12.000 Euro (ohne Miete)"
    assert facts["Personal"] == GUIDE["staff"]
    assert facts["Zeit für den Aufbau"] == "etwa sechs Monate"
    assert facts["Rechtsform"] == "eingetragener Verein (e.V.)"
    assert [li.get_text(strip=True) for li in section.select("dd ul")[0].select("li")] == GUIDE["partners_needed"]
    assert [li.get_text(strip=True) for li in section.select(".app-transfer__lessons li")] == GUIDE["lessons"]
    links = {a.get_text(strip=True): a["href"] for a in section.select("a")}
    assert links["Checkliste für den Start"] == "/files/checkliste.txt"
    assert links["Leitfaden des Vereins"] == "https://www.beispiel.de/leitfaden"


def test_a_material_file_is_published_as_it_is(site):
    assert site.file("/files/checkliste.txt").read_text(encoding="utf-8") == "1. Raum finden\n2. Ehrenamtliche gewinnen\n"


def test_a_story_without_guide_or_adaptation_has_no_section(site):
    assert site.html("/geschichten/ohne-anleitung/").select_one("section.app-transfer") is None


def test_adapted_from_links_both_ways_with_the_region(site):
    original = site.html("/geschichten/beratung-per-video/").select_one("section.app-transfer")
    heading = next(h for h in original.select("h3") if h.get_text(strip=True).startswith("Nachgemacht in"))
    item = heading.find_next_sibling("ul").li
    assert item.get_text(" ", strip=True) == "Leipzig: Videoberatung jetzt auch in Leipzig"
    assert item.a["href"] == "/geschichten/nachgemacht-in-leipzig/"
    copy = site.html("/geschichten/nachgemacht-in-leipzig/").select_one("section.app-transfer")
    assert copy.h2.get_text(strip=True) == "Das Vorbild"
    origin = copy.select_one(".app-transfer__origin")
    assert origin.a["href"] == "/geschichten/beratung-per-video/"
    assert "(Erzgebirgskreis)" in origin.get_text(" ", strip=True)


def test_only_stories_with_a_guide_carry_the_search_filter(site):
    def filters(path):
        return [e.get("data-pagefind-filter") + ":" + e.get_text(strip=True) for e in site.html(path).select("[data-pagefind-filter]")]

    assert "Nachmachen:Mit Anleitung zum Nachmachen" in filters("/geschichten/beratung-per-video/")
    for path in ("/geschichten/nachgemacht-in-leipzig/", "/geschichten/ohne-anleitung/"):
        assert not [f for f in filters(path) if f.startswith("Nachmachen")], path


def test_search_page_and_archive_offer_the_filter(site):
    search = site.html("/suche/")
    box = search.select_one('fieldset[data-filter="Nachmachen"] input')
    assert (box["name"], box["value"], box["data-label"]) == ("anleitung", "ja", "Mit Anleitung zum Nachmachen")
    archive = site.html("/geschichten/").select_one("form.app-filter")
    check = archive.select_one('input[type="checkbox"][name="anleitung"]')
    assert check["value"] == "ja"
    assert archive.select_one(f'label[for="{check["id"]}"]').get_text(strip=True) == "Mit Anleitung zum Nachmachen"
    assert archive["action"] == "/suche/"
