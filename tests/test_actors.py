"""Actors plugin: a page per actor file and a directory grouped by type."""

from __future__ import annotations

from sitefiles import actor_fields


def test_actor_page_shows_profile_fields(site_files, build):
    site_files.minimal()
    site_files.actor("beratungsverein", actor_fields(
        website="https://beratung.example.org", email="info@example.org",
        address={"street": "Markt 1", "postcode": "09456", "city": "Annaberg-Buchholz"},
    ))
    soup = build(site_files).html("/akteure/beratungsverein/")
    assert soup.h1.get_text(strip=True) == "Beratungsverein Erzgebirge e.V."
    assert soup.select_one(".app-prose strong").get_text() == "kostenlos"
    facts = soup.select_one(".app-facts").get_text(" ", strip=True)
    assert "Initiative" in facts and "Erzgebirgskreis" in facts and "09456 Annaberg-Buchholz" in facts
    assert soup.select_one('a[href="mailto:info@example.org"]') is not None


def test_directory_groups_actors_by_type_with_counts(site_files, build):
    site_files.minimal()
    site_files.actor("stadt", actor_fields(name="Stadtverwaltung Beispielstadt", type="verwaltung"))
    soup = build(site_files).html("/akteure/")
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings == ["Initiativen (1)", "Verwaltungen (1)"]
