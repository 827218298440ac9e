"""Redirects plugin: every earlier address (aliases) still leads to its page, in a browser and on hosts that read _redirects."""

from __future__ import annotations

import glob
import logging
import os
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from sinn_redirects import collect, normalise, save_as_for
from sitefiles import ROOT, actor_fields, check_in_process, story_fields

PUBLIC = "https://www.sinn-sachsen.de"


def sample_aliases() -> dict[str, str]:
    """{alias: target path} as the editors wrote them in the sample content."""
    aliases = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "content", "stories", "*.md"))):
        with open(path, encoding="utf-8") as handle:
            fields = yaml.safe_load(handle.read().split("---")[1])
        slug = fields.get("slug") or os.path.splitext(os.path.basename(path))[0]
        if fields.get("status") != "draft":
            aliases |= {alias: f"/geschichten/{slug}/" for alias in fields.get("aliases", [])}
    for path in sorted(glob.glob(os.path.join(ROOT, "content", "actors", "*.yml"))):
        with open(path, encoding="utf-8") as handle:
            fields = yaml.safe_load(handle)
        actor_id = os.path.splitext(os.path.basename(path))[0]
        aliases |= {alias: f"/akteure/{actor_id}/" for alias in fields.get("aliases", [])}
    return aliases


def follow(site, alias: str) -> tuple[str, object]:
    """The target a redirect page sends the browser to, and the parsed redirect page."""
    soup = site.html(alias)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    match = re.fullmatch(r"0; url=(\S+)", refresh)
    assert match, refresh
    return match.group(1), soup


def test_every_alias_of_the_sample_site_leads_to_its_page(published_site):
    aliases = sample_aliases()
    assert len(aliases) >= 3, "the sample content has two stories and one actor with aliases"
    for alias, target in aliases.items():
        assert published_site.exists(alias), alias
        refresh_target, soup = follow(published_site, alias)
        assert refresh_target == PUBLIC + target
        assert published_site.exists(refresh_target.removeprefix(PUBLIC)), f"{alias} leads to a missing page"
        assert soup.find("link", rel="canonical")["href"] == PUBLIC + target
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        link = soup.select_one("main a[href]")
        assert link["href"] == PUBLIC + target and link.get_text(strip=True)
        assert soup.html["lang"] == "de"
        assert soup.select_one("[data-pagefind-body]") is None


def test_redirects_file_lists_each_alias_as_permanent(published_site):
    lines = published_site.file("/_redirects").read_text(encoding="utf-8").splitlines()
    rules = {line.split()[0]: line.split()[1:] for line in lines}
    assert rules == {alias: [target, "301"] for alias, target in sample_aliases().items()}
    assert lines == sorted(lines)


def test_redirect_pages_are_not_in_the_sitemap(published_site):
    root = ET.parse(published_site.file("/sitemap.xml")).getroot()
    locations = {element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert not {PUBLIC + alias for alias in sample_aliases()} & locations
    assert {PUBLIC + target for target in sample_aliases().values()} <= locations


def test_local_preview_redirects_within_the_preview(site_files, build):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(aliases=["/geschichten/alte-adresse/", "/alt.html"]))
    site_files.actor("beratungsverein", actor_fields(aliases=["/akteure/verein/"]))
    site = build(site_files)
    target, _ = follow(site, "/geschichten/alte-adresse/")
    assert target == "/geschichten/beratung-per-video/"
    assert follow(site, "/alt.html")[0] == "/geschichten/beratung-per-video/"
    assert follow(site, "/akteure/verein/")[0] == "/akteure/beratungsverein/"
    assert site.file("/_redirects").read_text(encoding="utf-8").splitlines() == [
        "/akteure/verein/ /akteure/beratungsverein/ 301",
        "/alt.html /geschichten/beratung-per-video/ 301",
        "/geschichten/alte-adresse/ /geschichten/beratung-per-video/ 301",
    ]


def test_renaming_a_story_file_keeps_its_address_when_slug_is_set(site_files, build):
    site_files.minimal()
    os.remove(site_files.path("stories/beratung-per-video.md"))
    site_files.story("2025-umbenannte-datei", story_fields(slug="beratung-per-video"))
    site = build(site_files, "publishconf.py")
    assert site.exists("/geschichten/beratung-per-video/")
    assert not site.exists("/geschichten/2025-umbenannte-datei/")
    assert "/geschichten/beratung-per-video/" in site.file("/feeds/geschichten.atom.xml").read_text(encoding="utf-8")


ALIASES = [
    "/geschichten/alt/", "/alt.html", "/Alt_Name~1/", "/a/b/c/", " /geschichten/alt/ ", "/geschichten//alt/", "geschichten/alt/",
    "//example.org/", "/", "/../etc/", "/a/./b/", "/a b/", "/x?y=1", "/x#y/", "/alt", "/alt/\n", "/alt/\n::error::x/", "/a\\b/",
    "/.versteckt/", "/a/\u2028/", "/ä/",
]


@pytest.mark.parametrize("alias", ALIASES)
def test_the_checker_and_the_build_accept_exactly_the_same_aliases(alias, site_files):
    """One pattern: an alias the checker lets through is written by the build, and one it refuses is never written."""
    site_files.minimal()
    site_files.actor("beratungsverein", {**actor_fields(), "aliases": [alias]})
    code, output = check_in_process(site_files.content)
    assert (code == 0) == (normalise(alias) is not None), output
    if code:
        assert "content/actors/beratungsverein.yml:" in output and "aliases" in output
        assert not any(line.startswith("::") for line in output.splitlines()), "a line break in a value is shown, never printed"


def test_bad_aliases_are_refused_and_paths_have_one_file():
    for bad in ("geschichten/alt/", "//example.org/", "/", "/../etc/", "/a b/", "/x?y=1", None, 3, "/alt/\n"):
        assert normalise(bad) is None, bad
    assert normalise("/geschichten/alt/") == "/geschichten/alt/"
    assert save_as_for("/geschichten/alt/") == "geschichten/alt/index.html"
    assert save_as_for("/alt.html") == "alt.html"


class _Item:
    def __init__(self, url, aliases, source="content/stories/x.md"):
        self.url, self.aliases, self.title, self.source_path = url, aliases, "Titel", source


def test_collect_logs_bad_and_duplicate_aliases_instead_of_failing(caplog):
    items = [_Item("geschichten/a/", ["/alt/", "kein-pfad", "/../x/"]), _Item("geschichten/b/", ["/alt/", 7], "content/stories/y.md")]
    with caplog.at_level(logging.ERROR):
        redirects = collect(items)
    assert [(r.alias, r.target_url) for r in redirects] == [("/alt/", "geschichten/a/")]
    messages = [record.getMessage() for record in caplog.records]
    assert any("„kein-pfad“ ist keine gültige frühere Adresse" in m for m in messages)
    assert any("/alt/ steht schon bei" in m for m in messages)
    assert len(messages) == 4


def test_an_alias_on_another_storys_address_never_replaces_that_page(tmp_path):
    """The build's own layer, without the checker in front: the page is noted but not yet rendered when redirects are written."""
    from sitefiles import SiteFiles, run_build, settings_file

    site = SiteFiles(tmp_path).minimal()
    site.actor("beratungsverein", {**actor_fields(), "aliases": ["/geschichten/beratung-per-video/"]})
    output = tmp_path / "output"
    process = run_build(site.content, str(output), settings_file(site.root, CONTENT_CONTRACT_CHECK=False))
    assert process.returncode != 0
    assert "aliases: unter /geschichten/beratung-per-video/ steht schon eine Seite" in process.stderr, process.stderr
    assert "Traceback" not in process.stderr
