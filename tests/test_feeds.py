"""Feeds plugin: valid Atom (RFC 4287) for all stories, each theme and each region, with summary, image and categories."""

from __future__ import annotations

import datetime
import os
import xml.etree.ElementTree as ET

import pytest

from sinn_vocabularies import load_vocabularies
from sitefiles import ROOT, run_build, settings_file, story_fields
from tests.test_site_build import drafts, published, sample_stories

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
PUBLIC = "https://www.sinn-sachsen.de"


def parse(site, path: str) -> ET.Element:
    return ET.parse(site.file(path)).getroot()


def rfc3339(text: str) -> datetime.datetime:
    value = datetime.datetime.fromisoformat(text)
    assert value.tzinfo is not None, f"{text} has no time zone"
    return value


def atom_problems(feed: ET.Element, feed_url: str) -> list[str]:
    """What RFC 4287 requires of a feed and its entries, and what this site promises (absolute URLs)."""
    problems = []
    required = {"id", "title", "updated"}
    problems += [f"feed without {name}" for name in required if not (feed.findtext(f"{ATOM}{name}") or "").strip()]
    rfc3339(feed.findtext(f"{ATOM}updated"))
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    if self_link is None or self_link.get("href") != feed_url:
        problems.append("self link is not the feed's own URL")
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        title = entry.findtext(f"{ATOM}title")
        problems += [f"{title}: no {name}" for name in required if not (entry.findtext(f"{ATOM}{name}") or "").strip()]
        rfc3339(entry.findtext(f"{ATOM}updated"))
        rfc3339(entry.findtext(f"{ATOM}published"))
        if entry.find(f"{ATOM}link[@rel='alternate']") is None:
            problems.append(f"{title}: no alternate link")
        if not feed_has_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{title}: no author")
        if not entry.findtext(f"{ATOM}summary"):
            problems.append(f"{title}: no summary")
        ids.append(entry.findtext(f"{ATOM}id"))
    if len(ids) != len(set(ids)):
        problems.append("entry ids repeat")
    for element in feed.iter():
        for attribute in ("href", "url", "scheme"):
            value = element.get(attribute)
            if value is not None and not value.startswith("https://"):
                problems.append(f"relative or insecure {attribute}: {value}")
    for element in [*feed.iter(f"{ATOM}id"), *feed.iter(f"{ATOM}logo")]:
        if not element.text.startswith("https://"):
            problems.append(f"{element.tag} is not an absolute URL: {element.text}")
    return problems


def feed_paths() -> list[str]:
    vocabularies = load_vocabularies(f"{ROOT}/content/data")
    return (["/feeds/geschichten.atom.xml"]
            + [f"/feeds/themen/{term.id}.atom.xml" for term in vocabularies["themes"]]
            + [f"/feeds/regionen/{term.id}.atom.xml" for term in vocabularies["regions"]])


@pytest.mark.parametrize("path", feed_paths())
def test_every_feed_is_valid_atom_with_absolute_urls(published_site, path):
    assert atom_problems(parse(published_site, path), PUBLIC + path) == []


def test_all_stories_feed_lists_each_published_story_newest_first_with_image_and_categories(published_site):
    feed = parse(published_site, "/feeds/geschichten.atom.xml")
    entries = feed.findall(f"{ATOM}entry")
    stories = published(sample_stories())
    assert {e.findtext(f"{ATOM}id") for e in entries} == {f"{PUBLIC}/geschichten/{slug}/" for slug in stories}
    published_dates = [rfc3339(e.findtext(f"{ATOM}published")) for e in entries]
    assert published_dates == sorted(published_dates, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Zukunftsplattform für soziale Innovationen Sachsen"
    first = next(e for e in entries if e.findtext(f"{ATOM}id").endswith("/schuldnerberatung-per-video-erzgebirge/"))
    fields = stories["schuldnerberatung-per-video-erzgebirge"]
    assert first.findtext(f"{ATOM}title") == fields["title"]
    assert first.findtext(f"{ATOM}summary") == fields["summary"]
    assert first.findtext(f"{ATOM}updated").startswith(str(fields["modified"]))
    categories = {(c.get("term"), c.get("scheme")) for c in first.findall(f"{ATOM}category")}
    assert categories == {(t, f"{PUBLIC}/themen/") for t in fields["themes"]} | {(r, f"{PUBLIC}/regionen/") for r in fields["regions"]}
    assert all(c.get("label") for c in first.findall(f"{ATOM}category"))
    thumbnail = first.find(f"{MEDIA}thumbnail")
    assert published_site.exists(thumbnail.get("url").removeprefix(PUBLIC))
    assert first.find(f"{MEDIA}content/{MEDIA}description").text == fields["image"]["alt"]
    enclosure = first.find(f"{ATOM}link[@rel='enclosure']")
    assert enclosure.get("type", "").startswith("image/") and published_site.exists(enclosure.get("href").removeprefix(PUBLIC))


def test_theme_and_region_feeds_hold_exactly_their_stories(published_site):
    stories = published(sample_stories())
    for kind, folder in (("themes", "themen"), ("regions", "regionen")):
        for path in [p for p in feed_paths() if f"/{folder}/" in p]:
            term = path.rsplit("/", 1)[1].removesuffix(".atom.xml")
            ids = {e.findtext(f"{ATOM}id") for e in parse(published_site, path).findall(f"{ATOM}entry")}
            assert ids == {f"{PUBLIC}/geschichten/{slug}/" for slug, f in stories.items() if term in f[kind]}, path


def test_drafts_are_in_no_feed_even_in_the_preview(sample_site):
    draft_urls = [f"/geschichten/{slug}/" for slug in drafts(sample_stories())]
    assert draft_urls
    for path in feed_paths():
        text = sample_site.file(path).read_text(encoding="utf-8")
        assert not any(url in text for url in draft_urls), path


def test_pages_announce_their_feeds(sample_site):
    home = sample_site.html("/")
    assert home.find("link", rel="alternate", type="application/atom+xml")["href"] == "/feeds/geschichten.atom.xml"
    theme = sample_site.html("/themen/beratung/")
    hrefs = [link["href"] for link in theme.find_all("link", rel="alternate", type="application/atom+xml")]
    assert hrefs == ["/feeds/geschichten.atom.xml", "/feeds/themen/beratung.atom.xml"]
    assert theme.select_one("main a[href='/feeds/themen/beratung.atom.xml']") is not None


def test_a_feed_without_stories_is_still_valid_and_dated_without_the_clock(site_files, build):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(date="2025-03-14", modified="2025-04-01"))
    site = build(site_files, "publishconf.py")
    empty = parse(site, "/feeds/themen/pflege-gesundheit.atom.xml")
    assert empty.findall(f"{ATOM}entry") == []
    assert atom_problems(empty, PUBLIC + "/feeds/themen/pflege-gesundheit.atom.xml") == []
    assert empty.findtext(f"{ATOM}updated").startswith("2025-04-01")
    # A theme without a page of its own links to the list of all themes.
    assert empty.find(f"{ATOM}link[@rel='alternate']").get("href") == PUBLIC + "/themen/"


def test_each_feed_holds_only_the_newest_stories_up_to_the_limit(tmp_path):
    settings = settings_file(tmp_path, FEEDS_MAX_ENTRIES=3)
    result = run_build(os.path.join(ROOT, "content"), str(tmp_path / "output"), settings)
    assert result.returncode == 0, result.stderr
    newest = sorted(published(sample_stories()).items(), key=lambda item: (-item[1]["date"].toordinal(), item[0]))
    feed = ET.parse(tmp_path / "output" / "feeds" / "geschichten.atom.xml").getroot()
    links = [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert [link.rsplit("/", 2)[1] for link in links] == [slug for slug, _fields in newest[:3]]
    for path in (tmp_path / "output" / "feeds").rglob("*.atom.xml"):
        assert len(ET.parse(path).getroot().findall(f"{ATOM}entry")) <= 3, path


def test_feeds_are_written_while_pagefind_runs_and_a_failure_fails_the_build(tmp_path, monkeypatch):
    """No page reads a feed, so the feeds wait for Pagefind's run; one that cannot be written still stops the build."""
    import shutil
    import subprocess

    from sinn_feeds import generator
    from sitefiles import SiteFiles
    from tools.build import BuildError, build, configure_logging

    site = SiteFiles(tmp_path / "site").minimal()
    running = []
    real_popen, real_write = subprocess.Popen, generator.FeedsGenerator._write

    def popen(command, *args, **kwargs):
        process = real_popen(command, *args, **kwargs)
        running.append(process)
        return process

    def write(self, *args):
        assert running and running[-1].poll() is None, "Pagefind runs while the feeds are written"
        return real_write(self, *args)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(generator.FeedsGenerator, "_write", write)
    configure_logging(verbose=False)
    output = build(os.path.join(ROOT, "pelicanconf.py"), str(tmp_path / "output"), {"PATH": site.content})
    ET.parse(os.path.join(output, "feeds", "geschichten.atom.xml"))
    shutil.copytree(output, tmp_path / "before")

    def broken(self, *args):
        raise OSError(28, "Kein Platz auf dem Gerät", "feeds/geschichten.atom.xml")

    monkeypatch.setattr(generator.FeedsGenerator, "_write", broken)
    site.story("zweite-geschichte", story_fields(title="Eine zweite Geschichte"))
    with pytest.raises(BuildError):
        build(os.path.join(ROOT, "pelicanconf.py"), str(tmp_path / "output"), {"PATH": site.content})
    assert all(process.poll() is not None for process in running), "no Pagefind outlives the build"
    assert sorted(os.listdir(tmp_path / "output")) == sorted(os.listdir(tmp_path / "before")), "output/ as before"
    assert not os.path.exists(tmp_path / "output" / "geschichten" / "zweite-geschichte")
