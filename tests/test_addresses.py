"""The address map: its answers, and `make check` accepting a link exactly when the built site has the file."""

from __future__ import annotations

import re

import pytest
from conftest import build_or_fail

from sinn_core.addresses import AddressMap, Content, fill_settings, list_pages
from sitefiles import SiteFiles, actor_fields, check_in_process, run_build, settings_file, story_fields

# Three published stories on theme "beratung" (two per page: two archive and two theme pages), one draft.
PER_PAGE = 2
STORIES = ("beratung-per-video", "zweite", "dritte")
EMPTY_THEME, EMPTY_REGION = "migration-integration", "leipzig"
ACTOR_ONLY_REGION = "dresden"  # an actor works there, no story is set there: the region has a page
LINKS = (
    "/", "/geschichten/", "/geschichten/seite/2/", "/geschichten/seite/3/", "/geschichten/zweite/",
    "/geschichten/entwurf/", "/geschichten/gibt-es-nicht/",
    "/akteure/", "/akteure/beratungsverein/", "/akteure/niemand/", "/ueber/", "/impressum/", "/leichte-sprache/",
    "/themen/", "/themen/beratung/", "/themen/beratung/seite/2/", "/themen/beratung/seite/3/", f"/themen/{EMPTY_THEME}/",
    "/regionen/", "/regionen/erzgebirgskreis/", f"/regionen/{EMPTY_REGION}/", "/regionen/erzgebirgskreis/seite/2/",
    f"/regionen/{ACTOR_ONLY_REGION}/", f"/regionen/{ACTOR_ONLY_REGION}/seite/2/",
    "/suche/", "/404.html", "/presse/", "/daten/", "/daten/geschichten.json", "/daten/geschichten.csv",
    "/daten/akteure.json", "/daten/akteure.csv", "/daten/akteure.geojson", "/daten/schema/geschichten.schema.json",
    "/daten/schema/akteure.schema.json", "/daten/schema/akteure.geojson.schema.json", "/daten/gibt-es-nicht.json",
    "/feeds/geschichten.atom.xml", "/feeds/themen/beratung.atom.xml", f"/feeds/themen/{EMPTY_THEME}.atom.xml",
    f"/feeds/regionen/{EMPTY_REGION}.atom.xml", "/feeds/themen/gibt-es-nicht.atom.xml",
    "/files/anleitung.csv", "/files/fehlt.csv", "/sitemap.xml", "/robots.txt", "/gibt-es-nicht/",
)


def _site(root, show_drafts: bool) -> tuple[SiteFiles, str]:
    site = SiteFiles(root)
    site.minimal()
    for slug in STORIES[1:]:
        site.story(slug)
    site.story("entwurf", story_fields(status="draft"))
    site.actor("stadtverein", actor_fields(regions=[ACTOR_ONLY_REGION]))
    site.write("files/anleitung.csv", "Schritt;Was\n1;Anfangen\n")
    return site, settings_file(site.root, LISTINGS_PER_PAGE=PER_PAGE, STORIES_SHOW_DRAFTS=show_drafts)


def _flagged(site: SiteFiles, settings: str) -> set[str]:
    """The links `make check` reports, after the story links to every address in LINKS."""
    body = "\n".join(f"[Ziel {n}]({target})" for n, target in enumerate(LINKS))
    site.replace("stories/beratung-per-video.md", "Das spart Zeit, Geld und Nerven.", "Das spart Zeit, Geld und Nerven.\n\n" + body)
    _code, output = check_in_process(site.content, "--settings", settings)
    return set(re.findall(r"Der Link (\S+) führt", output))


@pytest.mark.parametrize("show_drafts", [True, False], ids=["preview", "publish"])
def test_checker_accepts_a_link_exactly_when_the_site_has_the_file(tmp_path, show_drafts):
    site, settings = _site(tmp_path, show_drafts)
    built = build_or_fail(site.content, str(tmp_path / "output"), settings)
    flagged = _flagged(site, settings)
    table = {target: (built.exists(target), target not in flagged) for target in LINKS}
    disagree = {target: verdicts for target, verdicts in table.items() if verdicts[0] != verdicts[1]}
    assert disagree == {}, "(exists in the build, accepted by the checker)"
    # The table proves something only if both answers occur, including the ones the bugs were about.
    assert table["/geschichten/entwurf/"] == (show_drafts, show_drafts)
    assert table["/themen/beratung/seite/2/"] == (True, True)
    assert table[f"/themen/{EMPTY_THEME}/"] == (False, False)
    assert table[f"/regionen/{ACTOR_ONLY_REGION}/"] == (True, True)
    assert table["/presse/"] == table["/files/anleitung.csv"] == (True, True)


def test_checker_explains_a_theme_without_stories(site_files):
    site_files.minimal()
    site_files.replace("stories/beratung-per-video.md", "Das spart Zeit", f"Siehe [Thema](/themen/{EMPTY_THEME}/). Das spart Zeit")
    code, output = check_in_process(site_files.content)
    assert code == 1
    assert f"zu Themenfeld „{EMPTY_THEME}“ gibt es noch keine veröffentlichte Geschichte und keinen Akteur" in output


def test_defaults_give_the_documented_addresses():
    addresses = AddressMap()
    assert addresses.of("story", "x").url == "geschichten/x/"
    assert addresses.of("story", "x").save_as == "geschichten/x/index.html"
    assert addresses.of("actor", "verein").url == "akteure/verein/"
    assert addresses.of("page", "ueber").url == "ueber/"
    assert addresses.of("themes", "beratung").url == "themen/beratung/"
    assert addresses.list_page("regionen/dresden/", 1).url == "regionen/dresden/"
    assert addresses.list_page("geschichten/", 3).save_as == "geschichten/seite/3/index.html"
    assert addresses.feed("regions", "dresden").url == "feeds/regionen/dresden.atom.xml"
    assert addresses.fixed("LISTINGS_NOT_FOUND_URL").save_as == "404.html"
    assert addresses.folder("SEARCH_INDEX_BUNDLE_DIR") == "/pagefind/"


def test_a_changed_pattern_moves_every_answer():
    addresses = AddressMap({"ARTICLE_URL": "stories/{slug}/", "LISTINGS_PAGE_SUFFIX": "page/{number}/", "PRESS_URL": "press/"})
    content = Content(stories={"a", "b", "c"}, per_page=2)
    published = addresses.published(content)
    assert {"/stories/a/", "/geschichten/page/2/", "/press/"} <= published
    assert "/presse/" not in published
    assert {"stories", "page", "press"} <= addresses.reserved_slugs()
    assert "presse" not in addresses.reserved_slugs()


def test_pelicans_own_story_pattern_counts_as_unset():
    from pelican.settings import DEFAULT_CONFIG

    settings = {"ARTICLE_URL": DEFAULT_CONFIG["ARTICLE_URL"], "ARTICLE_SAVE_AS": DEFAULT_CONFIG["ARTICLE_SAVE_AS"]}
    fill_settings(settings)
    assert (settings["ARTICLE_URL"], settings["ARTICLE_SAVE_AS"]) == ("geschichten/{slug}/", "geschichten/{slug}/index.html")
    assert AddressMap({"ARTICLE_URL": DEFAULT_CONFIG["ARTICLE_URL"]}).of("story", "x").url == "geschichten/x/"


def test_a_pattern_that_is_not_text_is_refused_in_german():
    with pytest.raises(TypeError, match="Die Einstellung PRESS_URL muss ein Text sein"):
        AddressMap({"PRESS_URL": ["presse"]})


def test_published_follows_the_content():
    addresses = AddressMap()
    content = Content(stories={"a", "b", "c"}, drafts={"d"}, per_page=2,
                      terms={"themes": {"voll", "leer"}, "regions": set()},
                      stories_per_term={"themes": {"voll": 3}, "regions": {}}, actors_per_term={"themes": {"verein": 1}, "regions": {}})
    content.terms["themes"].add("verein")
    published = addresses.published(content)
    assert {"/geschichten/seite/2/", "/themen/voll/", "/themen/voll/seite/2/", "/feeds/themen/leer.atom.xml", "/themen/verein/"} <= published
    assert not {"/geschichten/seite/3/", "/themen/leer/", "/themen/voll/seite/3/", "/geschichten/d/", "/themen/verein/seite/2/"} & published
    content.show_drafts = True
    assert "/geschichten/d/" in addresses.published(content)
    assert list_pages(0, 24) == 1 and list_pages(25, 24) == 2


def test_reserved_slugs_are_the_first_segments_of_the_sites_own_addresses():
    assert AddressMap().reserved_slugs() >= {
        "geschichten", "akteure", "themen", "regionen", "suche", "feeds", "daten", "presse",
        "pagefind", "images", "files", "theme", "seite", "static", "sitemap", "robots",
    }


def test_aliases_may_not_take_what_the_build_writes():
    addresses = AddressMap()
    terms = {"themes": ["leer"], "regions": []}
    for path in ("/presse/", "/daten/geschichten.csv", "/feeds/x.atom.xml", "/files/a.csv", "/themen/leer/",
                 "/geschichten/seite/9/", "/pagefind/x.js", "/theme/css/site.css", "/404.html"):
        assert addresses.taken_by_site(path, terms), path
    assert not addresses.taken_by_site("/geschichten/alter-name/", terms)



TAKEN_ALIASES = ("/presse/", "/feeds/alt/", "/files/alt/", "/daten/alt/", f"/themen/{EMPTY_THEME}/", "/geschichten/seite/7/", "/pagefind/alt/")


def test_checker_and_build_refuse_aliases_the_site_takes(tmp_path):
    """Also what is written after the redirects (feeds, sitemap, search) and a theme's page that its first story brings."""
    site = SiteFiles(tmp_path)
    site.minimal()
    site.actor("beratungsverein", {**actor_fields(), "aliases": list(TAKEN_ALIASES)})
    code, output = check_in_process(site.content)
    assert code == 1
    assert all(f"Die frühere Adresse {alias} gehört schon zu einer festen Seite der Website" in output for alias in TAKEN_ALIASES), output
    process = run_build(site.content, str(tmp_path / "output"), settings_file(site.root, CONTENT_CONTRACT_CHECK=False))
    assert process.returncode != 0
    assert all(f"aliases: unter {alias} steht schon eine Seite" in process.stderr for alias in TAKEN_ALIASES), process.stderr
