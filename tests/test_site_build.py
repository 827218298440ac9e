"""End to end: the sample content builds into every page the URL contract promises."""

from __future__ import annotations

import glob
import os

import yaml

from sitefiles import ROOT

CONTENT = os.path.join(ROOT, "content")
FIXED_URLS = [
    "/", "/geschichten/", "/akteure/", "/themen/", "/regionen/", "/suche/",
    "/ueber/", "/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/",
    "/feeds/geschichten.atom.xml", "/sitemap.xml", "/robots.txt", "/404.html",
]


def front_matter(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle.read().split("---")[1])


def sample_stories() -> dict[str, dict]:
    stories = {}
    for path in sorted(glob.glob(os.path.join(CONTENT, "stories", "*.md"))):
        fields = front_matter(path)
        stories[fields.get("slug") or os.path.splitext(os.path.basename(path))[0]] = fields
    return stories


def published(stories: dict) -> dict:
    return {slug: f for slug, f in stories.items() if f.get("status", "published") == "published"}


def drafts(stories: dict) -> dict:
    return {slug: f for slug, f in stories.items() if f.get("status") == "draft"}


def actor_ids() -> list[str]:
    return sorted(os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(CONTENT, "actors", "*.yml")))


def links_in(soup, selector: str = "main") -> set[str]:
    return {a["href"] for a in soup.select(f"{selector} a[href]")}


def test_every_contract_url_exists(sample_site):
    missing = [url for url in FIXED_URLS if not sample_site.exists(url)]
    stories = published(sample_stories())
    missing += [f"/geschichten/{slug}/" for slug in stories if not sample_site.exists(f"/geschichten/{slug}/")]
    missing += [f"/akteure/{i}/" for i in actor_ids() if not sample_site.exists(f"/akteure/{i}/")]
    themes = {t for f in stories.values() for t in f["themes"]}
    regions = {r for f in stories.values() for r in f["regions"]}
    missing += [f"/themen/{t}/" for t in themes if not sample_site.exists(f"/themen/{t}/")]
    missing += [f"/regionen/{r}/" for r in regions if not sample_site.exists(f"/regionen/{r}/")]
    assert missing == []


def test_sample_content_meets_the_issue_minimums():
    stories = published(sample_stories())
    assert len(stories) >= 12
    assert len({t for f in stories.values() for t in f["themes"]}) >= 6
    assert len({r for f in stories.values() for r in f["regions"]}) >= 6
    actor_types = set()
    for path in glob.glob(os.path.join(CONTENT, "actors", "*.yml")):
        with open(path, encoding="utf-8") as handle:
            actor_types.add(yaml.safe_load(handle)["type"])
    assert len(actor_ids()) >= 10
    assert len(actor_types) >= 4


def test_story_page_links_each_of_its_actors(sample_site):
    for slug, fields in published(sample_stories()).items():
        soup = sample_site.html(f"/geschichten/{slug}/")
        section = soup.find(id="beteiligte").find_parent("section")
        linked = {a["href"] for a in section.select("a[href]")}
        assert linked == {f"/akteure/{actor}/" for actor in fields["actors"]}, slug


def test_actor_page_lists_exactly_its_stories(sample_site):
    stories = published(sample_stories()) | drafts(sample_stories())
    for actor in actor_ids():
        expected = {f"/geschichten/{slug}/" for slug, f in stories.items() if actor in f["actors"]}
        soup = sample_site.html(f"/akteure/{actor}/")
        section = soup.find(id="geschichten-des-akteurs").find_parent("section")
        assert {a["href"] for a in section.select(".app-card__link")} == expected, actor


def test_story_page_shows_facts_image_credit_and_dates(sample_site):
    slug, fields = next(iter(published(sample_stories()).items()))
    soup = sample_site.html(f"/geschichten/{slug}/")
    assert soup.h1.get_text(strip=True) == fields["title"]
    hero = soup.select_one(".app-figure--hero img")
    assert hero["alt"] == fields["image"]["alt"]
    assert hero["width"] and hero["height"]
    caption = soup.select_one(".app-figure__caption").get_text()
    assert fields["image"]["credit"] in caption and fields["image"]["license"] in caption
    assert soup.select_one(".app-facts") is not None
    assert soup.select_one("time[datetime]")["datetime"] == str(fields["date"])


def test_drafts_are_marked_in_preview_and_absent_from_publish(sample_site, published_site):
    draft_slugs = list(drafts(sample_stories()))
    assert draft_slugs, "the sample content should contain a draft"
    for slug in draft_slugs:
        preview = sample_site.html(f"/geschichten/{slug}/")
        assert "Entwurf" in preview.select_one(".app-notice--draft").get_text()
        assert not published_site.exists(f"/geschichten/{slug}/")
        for url in ("/", "/geschichten/"):
            assert f"/geschichten/{slug}/" not in published_site.file(url).read_text(encoding="utf-8")
        assert f"/geschichten/{slug}/" not in published_site.file("/feeds/geschichten.atom.xml").read_text(encoding="utf-8")
        assert f"/geschichten/{slug}/" not in published_site.file("/sitemap.xml").read_text(encoding="utf-8")


def test_published_site_uses_the_public_address(published_site):
    soup = published_site.html("/")
    stylesheet = soup.select_one('link[rel="stylesheet"]')["href"]
    assert stylesheet.startswith("https://")
    assert "https://" in published_site.file("/robots.txt").read_text(encoding="utf-8")


def test_home_page_offers_every_entry_point(sample_site):
    soup = sample_site.html("/")
    assert soup.select_one('main form[role="search"] input[name="q"]') is not None
    featured = [slug for slug, f in published(sample_stories()).items() if f.get("featured")]
    home_links = links_in(soup)
    assert all(f"/geschichten/{slug}/" in home_links for slug in featured)
    assert any(href.startswith("/themen/") for href in home_links)
    assert any(href.startswith("/regionen/") for href in home_links)


def test_published_pages_link_with_the_public_address(published_site):
    """Every internal link, image and stylesheet of the public site carries SITEURL, none is root-relative."""
    problems = []
    for page in published_site.pages():
        soup = published_site.html("/" + str(page.relative_to(published_site.output)))
        for tag in soup.find_all(["a", "link", "img", "script", "form"]):
            for attribute in ("href", "src", "action"):
                value = tag.get(attribute)
                if value and value.startswith("/") and not value.startswith("//"):
                    problems.append(f"{page.relative_to(published_site.output)}: <{tag.name} {attribute}={value}>")
    assert problems == []
