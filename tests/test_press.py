"""Press plugin: on every story a citation, the facts with sources and the image to download; /presse/ for everything."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sitefiles import story_fields
from tests.test_site_build import drafts, published, sample_stories

PUBLIC = "https://www.sinn-sachsen.de"
PUBLISHER = "Zukunftsplattform für soziale Innovationen Sachsen"


def press_box(site, slug: str):
    heading = site.html(f"/geschichten/{slug}/").find(id="fuer-die-presse")
    assert heading is not None and heading.get_text(strip=True) == "Für die Presse"
    return heading.find_parent("section")


def test_story_offers_citation_facts_and_image_download(published_site):
    slug = "schuldnerberatung-per-video-erzgebirge"
    fields = published(sample_stories())[slug]
    box = press_box(published_site, slug)
    citation = box.select_one(".app-press__citation").get_text(" ", strip=True)
    assert fields["title"] in citation and PUBLISHER in citation
    assert "14. März 2025" in citation and "aktualisiert am 2. Juni 2025" in citation
    assert f"{PUBLIC}/geschichten/{slug}/" in citation
    assert "abgerufen am [Datum des Abrufs]" in citation
    facts = [item.get_text(" ", strip=True) for item in box.select(".app-press__facts li")]
    assert len(facts) == len(fields["facts"])
    for fact, text in zip(fields["facts"], facts, strict=True):
        assert fact["label"] in text and str(fact["value"]) in text and fact["source"] in text
    link = box.select_one("a.app-download__link[download]")
    assert link["href"].startswith(PUBLIC + "/") and published_site.exists(link["href"].removeprefix(PUBLIC))
    meta = box.select_one(".app-download__meta").get_text(" ", strip=True)
    assert "JPEG" in meta and "Pixel" in meta
    credit = box.select_one(".app-download__credit").get_text(" ", strip=True)
    assert fields["image"]["credit"] in credit and fields["image"]["license"] in credit


def test_every_published_story_has_the_press_box(published_site):
    for slug in published(sample_stories()):
        assert press_box(published_site, slug).select_one(".app-press__citation") is not None


def test_press_page_lists_contacts_and_every_published_story_with_its_image(published_site):
    soup = published_site.html("/presse/")
    assert soup.h1.get_text(strip=True) == "Presse"
    contact = soup.find(id="pressekontakt").find_parent("section")
    assert contact.select_one("a[href^='mailto:']") is not None
    items = soup.select(".app-press-list__item")
    stories = published(sample_stories())
    titles = [item.select_one(".app-press-list__title a") for item in items]
    assert {a["href"] for a in titles} == {f"{PUBLIC}/geschichten/{slug}/" for slug in stories}
    for item in items:
        download = item.select_one("a.app-download__link[download]")
        assert published_site.exists(download["href"].removeprefix(PUBLIC)), download["href"]
        assert "Lizenz" in item.select_one(".app-download__credit").get_text()
    contacts = [slug for slug, fields in stories.items() if fields.get("contact", {}).get("email")]
    emails = {a["href"] for a in soup.select(".app-press-list__contact a[href^='mailto:']")}
    assert {f"mailto:{stories[slug]['contact']['email']}" for slug in contacts} <= emails


def test_press_page_is_in_the_sitemap_and_linked_from_every_page(published_site):
    root = ET.parse(published_site.file("/sitemap.xml")).getroot()
    assert f"{PUBLIC}/presse/" in {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert published_site.html("/ueber/").select_one(f"footer a[href='{PUBLIC}/presse/']") is not None


def test_drafts_are_not_offered_to_the_press(sample_site):
    listed = {a["href"] for a in sample_site.html("/presse/").select(".app-press-list__title a")}
    assert drafts(sample_stories())
    assert not listed & {f"/geschichten/{slug}/" for slug in drafts(sample_stories())}


def test_citation_without_update_names_only_the_publication_date(site_files, build):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(facts=[{"label": "Beratungen", "value": 40, "source": "Jahresbericht 2024"}]))
    site = build(site_files, "publishconf.py")
    box = press_box(site, "beratung-per-video")
    citation = box.select_one(".app-press__citation").get_text(" ", strip=True)
    assert citation == (f"{PUBLISHER}: „Beratung per Video erreicht Dörfer“, veröffentlicht am 14. März 2025. "
                        f"{PUBLIC}/geschichten/beratung-per-video/ (abgerufen am [Datum des Abrufs]).")
    assert "Beratungen: 40 (Quelle: Jahresbericht 2024)" in box.select_one(".app-press__facts").get_text(" ", strip=True)
