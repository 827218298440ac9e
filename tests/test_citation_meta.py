"""Story pages carry the Highwire Press citation_* meta tags that Zotero, Citavi and Google Scholar read."""

from __future__ import annotations

import re

import pytest

from sitefiles import settings_file, story_fields
from tests.test_site_build import published, sample_stories

PUBLIC = "https://www.sinn-sachsen.de"
PUBLISHER = "Zukunftsplattform für soziale Innovationen Sachsen"
REQUIRED = ("citation_title", "citation_author", "citation_publication_date", "citation_online_date",
            "citation_publisher", "citation_public_url", "citation_language")
HIGHWIRE_DATE = re.compile(r"^\d{4}/\d{2}/\d{2}$")


def citation_meta(soup) -> dict[str, list[str]]:
    """Every citation_* meta tag of the page's head: name -> contents, in page order."""
    tags: dict[str, list[str]] = {}
    for tag in soup.head.find_all("meta", attrs={"name": re.compile(r"^citation_")}):
        tags.setdefault(tag["name"], []).append(tag["content"])
    return tags


def highwire(day) -> str:
    return str(day).replace("-", "/")


def test_every_published_story_names_title_author_dates_publisher_address_and_language(published_site):
    stories = published(sample_stories())
    assert stories
    for slug, fields in stories.items():
        soup = published_site.html(f"/geschichten/{slug}/")
        tags = citation_meta(soup)
        assert [name for name in REQUIRED if name not in tags] == [], slug
        assert all(len(values) == 1 for values in tags.values()), f"{slug}: one tag per name, one author: {tags}"
        url = f"{PUBLIC}/geschichten/{slug}/"
        assert tags["citation_public_url"] == [url] == [soup.find("link", rel="canonical")["href"]]
        assert tags["citation_title"] == [" ".join(fields["title"].split())]
        assert tags["citation_publication_date"] == tags["citation_online_date"] == [highwire(fields["date"])]
        assert tags["citation_author"] == tags["citation_publisher"] == [PUBLISHER]
        assert tags["citation_language"] == ["de"]
        assert tags["citation_abstract"] == [" ".join(fields["summary"].split())]
        assert "citation_pdf_url" not in tags, "a story has no PDF version"


def test_pages_that_are_not_stories_carry_no_citation_tags(published_site):
    for path in ("/", "/geschichten/", "/akteure/beratungsnetz-erzgebirge/", "/presse/", "/ueber/"):
        assert citation_meta(published_site.html(path)) == {}, path


def test_hostile_title_stays_one_attribute_value_and_settings_name_publisher_and_address(site_files, build, tmp_path):
    site_files.minimal()
    title = 'Das „Café" <script>alert(1)</script> & \'Treff\'  mit   Abständen'
    site_files.story("beratung-per-video", story_fields(title=title, date="2024-02-09"))
    # The checker refuses markup in a title; built without it, the tags must still keep it inert.
    settings = settings_file(tmp_path, "publishconf", CONTENT_CONTRACT_CHECK=False, SITEURL="https://example.org/sinn",
                             SITE_PUBLISHER="Verein für Beispiele e.V.")
    site = build(site_files, settings)
    page = site.file("/geschichten/beratung-per-video/").read_text(encoding="utf-8")
    soup = site.html("/geschichten/beratung-per-video/")
    tags = citation_meta(soup)
    assert tags["citation_title"] == [" ".join(title.split())]
    assert [s.get("type") for s in soup.find_all("script")] == ["application/ld+json"], "no second, executable script"
    assert "<script>alert" not in page
    assert tags["citation_author"] == tags["citation_publisher"] == ["Verein für Beispiele e.V."]
    assert tags["citation_public_url"] == ["https://example.org/sinn/geschichten/beratung-per-video/"]
    assert tags["citation_publication_date"] == ["2024/02/09"]
    assert all(HIGHWIRE_DATE.match(tags[name][0]) for name in ("citation_publication_date", "citation_online_date"))


@pytest.mark.browser
def test_story_page_with_citation_tags_is_valid_html(site_files, build):
    from browser import run_vnu

    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(title='Das „Café" & der \'Treff\''))
    site = build(site_files, "publishconf.py")
    path = str(site.file("/geschichten/beratung-per-video/"))
    assert citation_meta(site.html("/geschichten/beratung-per-video/"))
    assert [message["message"] for message in run_vnu([path])] == []
