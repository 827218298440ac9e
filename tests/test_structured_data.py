"""Structured data plugin: link previews (Open Graph, Twitter), canonical URLs and JSON-LD a machine can read."""

from __future__ import annotations

import glob
import json
import os

import yaml

from sinn_structured_data import to_script
from sinn_structured_data.licenses import license_url
from sitefiles import ROOT, actor_fields, settings_file, story_fields

PUBLIC = "https://www.sinn-sachsen.de"
PUBLISHER = "Zukunftsplattform für soziale Innovationen Sachsen"


def meta(soup, key: str) -> str | None:
    """The content of a <meta property=…> or <meta name=…>."""
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(soup) -> list[dict]:
    """Every JSON-LD block of a page, parsed (fails the test on invalid JSON)."""
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def sample_story(slug: str = "schuldnerberatung-per-video-erzgebirge") -> dict:
    with open(os.path.join(ROOT, "content", "stories", f"{slug}.md"), encoding="utf-8") as handle:
        return yaml.safe_load(handle.read().split("---")[1])


def test_story_link_preview_has_title_description_and_image(published_site):
    """What a link-preview debugger reads from a pasted story URL."""
    fields = sample_story()
    url = "/geschichten/schuldnerberatung-per-video-erzgebirge/"
    soup = published_site.html(url)
    assert soup.find("link", rel="canonical")["href"] == PUBLIC + url
    assert meta(soup, "og:url") == PUBLIC + url
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == fields["title"] == meta(soup, "twitter:title")
    assert meta(soup, "og:description") == fields["summary"] == meta(soup, "description")
    image = meta(soup, "og:image")
    assert image.startswith(PUBLIC + "/") and published_site.exists(image.removeprefix(PUBLIC))
    assert meta(soup, "og:image:alt") == fields["image"]["alt"] == meta(soup, "twitter:image:alt")
    assert int(meta(soup, "og:image:width")) > 0 and int(meta(soup, "og:image:height")) > 0
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == image
    assert meta(soup, "og:locale") == "de_DE"
    assert meta(soup, "article:published_time").startswith(str(fields["date"]))


def test_every_page_has_title_description_canonical_preview_and_valid_json_ld(published_site):
    problems = []
    for page in published_site.pages():
        path = "/" + str(page.relative_to(published_site.output)).removesuffix("index.html")
        soup = published_site.html(path)
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # redirect pages: see test_redirects
        blocks = json_ld(soup)
        problems += [f"{path}: JSON-LD without @context" for block in blocks if block.get("@context") != "https://schema.org"]
        checks = {
            "title": soup.title and soup.title.get_text(strip=True),
            "description": meta(soup, "description"),
            "og:title": meta(soup, "og:title"),
            "og:description": meta(soup, "og:description"),
            "og:image": (meta(soup, "og:image") or "").startswith(PUBLIC + "/"),
            "og:image:alt": meta(soup, "og:image:alt"),
            "twitter:card": meta(soup, "twitter:card"),
        }
        if path != "/404.html":
            checks["canonical"] = soup.find("link", rel="canonical", href=PUBLIC + path)
        problems += [f"{path}: {name}" for name, ok in checks.items() if not ok]
    assert problems == []
    assert published_site.html("/404.html").find("link", rel="canonical") is None


def test_story_json_ld_is_an_article_about_its_actors_and_regions(published_site):
    fields = sample_story()
    soup = published_site.html("/geschichten/schuldnerberatung-per-video-erzgebirge/")
    (article,) = json_ld(soup)
    assert article["@type"] == "Article"
    assert article["headline"] == fields["title"]
    assert article["description"] == fields["summary"]
    assert article["datePublished"].startswith(str(fields["date"]))
    assert article["dateModified"].startswith(str(fields["modified"]))
    assert article["url"] == article["mainEntityOfPage"]["@id"] == PUBLIC + "/geschichten/schuldnerberatung-per-video-erzgebirge/"
    assert article["mainEntityOfPage"]["@type"] == "WebPage"
    assert article["mainEntityOfPage"]["lastReviewed"] == str(fields["reviewed"])
    assert article["image"]["url"].startswith(PUBLIC + "/") and article["image"]["creditText"] == fields["image"]["credit"]
    assert article["image"]["license"] == license_url(fields["image"]["license"])
    assert article["publisher"]["name"] == article["author"]["name"] == PUBLISHER
    about = {entry["url"]: entry for entry in article["about"]}
    assert set(about) == {f"{PUBLIC}/akteure/{actor}/" for actor in fields["actors"]}
    assert all(entry["@type"] in {"Organization", "NGO", "GovernmentOrganization", "ResearchOrganization"} for entry in about.values())
    assert about[f"{PUBLIC}/akteure/beratungsnetz-erzgebirge/"]["@type"] == "NGO"
    assert [place["url"] for place in article["spatialCoverage"]] == [f"{PUBLIC}/regionen/{r}/" for r in fields["regions"]]
    assert article["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_actor_json_ld_is_an_organization_with_address_and_same_as(published_site):
    with_address = []
    for path in sorted(glob.glob(os.path.join(ROOT, "content", "actors", "*.yml"))):
        with open(path, encoding="utf-8") as handle:
            fields = yaml.safe_load(handle)
        actor_id = os.path.splitext(os.path.basename(path))[0]
        (organization,) = json_ld(published_site.html(f"/akteure/{actor_id}/"))
        assert organization["name"] == fields["name"]
        assert organization["url"] == f"{PUBLIC}/akteure/{actor_id}/"
        expected_same_as = [fields["website"], *sorted((fields.get("social") or {}).values())] if fields.get("website") else None
        if expected_same_as:
            assert organization["sameAs"] == expected_same_as
        if fields.get("address"):
            with_address.append(actor_id)
            assert organization["address"] == {
                "@type": "PostalAddress", "streetAddress": fields["address"]["street"], "postalCode": fields["address"]["postcode"],
                "addressLocality": fields["address"]["city"], "addressCountry": "DE",
            }
        if fields.get("geo"):
            assert organization["geo"]["latitude"] == fields["geo"]["lat"]
    assert with_address, "the sample content has actors with an address"


def test_home_page_describes_the_site_and_its_publisher(published_site):
    (website,) = json_ld(published_site.html("/"))
    assert website["@type"] == "WebSite" and website["url"] == PUBLIC + "/"
    assert website["publisher"]["name"] == PUBLISHER


def test_markup_in_text_cannot_break_out_of_json_ld(site_files, build):
    site_files.minimal()
    # (A line separator, U+2028, is refused by the build itself: control characters never reach a page.)
    hostile = "Beratung </script><script>alert(1)</script> <!-- & Ende"
    site_files.story("beratung-per-video", story_fields(summary=hostile))
    site_files.actor("beratungsverein", actor_fields(name="Verein </script> e.V."))
    # The checker refuses markup in these fields; built without it, JSON-LD must still keep it inert.
    site = build(site_files, settings_file(site_files.root, CONTENT_CONTRACT_CHECK=False))
    soup = site.html("/geschichten/beratung-per-video/")
    # Had "</script>" ended the JSON-LD block, the page would have a second, executable <script>.
    assert [s.get("type") for s in soup.find_all("script")] == ["application/ld+json"]
    (article,) = json_ld(soup)
    assert article["description"] == hostile
    assert article["about"][0]["name"] == "Verein </script> e.V."
    assert json.loads(to_script({"a": "</script>"})) == {"a": "</script>"}


def test_local_build_points_canonical_links_at_the_preview_server(sample_site):
    soup = sample_site.html("/akteure/")
    assert soup.find("link", rel="canonical")["href"] == "http://127.0.0.1:8000/akteure/"
    assert meta(soup, "og:image") == "http://127.0.0.1:8000/theme/img/vorschau.png"


def test_licence_names_become_deeds():
    assert license_url("CC BY 4.0") == "https://creativecommons.org/licenses/by/4.0/"
    assert license_url("CC BY-SA 4.0") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert license_url("CC BY-NC-ND 3.0 DE") == "https://creativecommons.org/licenses/by-nc-nd/3.0/de/"
    assert license_url("CC0 1.0") == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert license_url("Alle Rechte beim Projekt") is None
    assert license_url(None) is None
