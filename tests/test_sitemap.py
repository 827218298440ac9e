"""Sitemap plugin: every public page with its date; robots.txt points to the sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sitefiles import story_fields

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_pages_with_lastmod_from_modified(site_files, build):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(modified="2025-05-02"))
    site = build(site_files, "publishconf.py")
    root = ET.parse(site.file("/sitemap.xml")).getroot()
    entries = {u.find("s:loc", NS).text: getattr(u.find("s:lastmod", NS), "text", None) for u in root.findall("s:url", NS)}
    story = "https://www.sinn-sachsen.de/geschichten/beratung-per-video/"
    assert entries[story] == "2025-05-02"
    assert entries["https://www.sinn-sachsen.de/akteure/beratungsverein/"] == "2025-05-02"
    assert "https://www.sinn-sachsen.de/" in entries
    assert not any(loc.endswith("404.html") for loc in entries)
    robots = site.file("/robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://www.sinn-sachsen.de/sitemap.xml" in robots
