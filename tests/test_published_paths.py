"""Links that never break: every path the sample site ever published (tests/published_paths.txt) is still served."""

from __future__ import annotations

import os

from sitefiles import story_fields
from tools.published_paths import LIST_PATH, published_paths, read_list, vanished


def test_no_published_path_disappears_without_an_alias(published_site):
    missing = vanished(read_list(), str(published_site.output))
    assert missing == [], (
        "Diese Adressen waren veröffentlicht und fehlen jetzt:\n"
        + "\n".join(f"  {path}" for path in missing)
        + "\nTragen Sie jede unter `aliases` der Seite ein, die sie jetzt beantwortet. Nur wenn eine Seite "
        "absichtlich entfernt wurde: python -m tools.published_paths --update"
    )


def test_the_list_is_sorted_complete_and_without_duplicates(published_site):
    listed = read_list()
    assert listed == sorted(set(listed))
    assert {"/", "/geschichten/", "/presse/", "/daten/", "/daten/geschichten.json", "/feeds/geschichten.atom.xml",
            "/sitemap.xml", "/robots.txt", "/geschichten/videoberatung-erzgebirge/"} <= set(listed)
    assert not [path for path in listed if path.startswith(("/pagefind/", "/theme/", "/images/"))]
    with open(LIST_PATH, encoding="utf-8") as handle:
        assert "python -m tools.published_paths --update" in handle.read()
    new = sorted(set(published_paths(str(published_site.output))) - set(listed))
    assert new == [], f"new paths: run python -m tools.published_paths --update and commit the list:\n{new}"


def test_renamed_story_is_reported_until_its_old_address_is_an_alias(site_files, build, tmp_path):
    site_files.minimal()
    before = published_paths(str(build(site_files, "publishconf.py").output))
    assert "/geschichten/beratung-per-video/" in before
    os.remove(site_files.path("stories/beratung-per-video.md"))
    site_files.story("beratung-digital", story_fields())
    renamed = build(site_files, "publishconf.py")
    assert vanished(before, str(renamed.output)) == ["/geschichten/beratung-per-video/"]
    site_files.story("beratung-digital", story_fields(aliases=["/geschichten/beratung-per-video/"]))
    assert vanished(before, str(build(site_files, "publishconf.py").output)) == []
