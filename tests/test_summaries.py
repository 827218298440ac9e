"""Summaries in other languages: the checker, the story page, /en/ and /en/about/, hreflang, search and open data."""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlsplit

import pytest
import yaml

from sitefiles import ROOT, SiteFiles, check_in_process, story_fields
from tests.test_open_data import load, read_csv, validator

STORY = "content/stories/beratung-per-video.md"
EN = ("In the Ore Mountains, a debt advice service now reaches families by video call, so nobody has to travel "
      "two hours to the district town.")
PL = ("W Rudawach poradnia dla zadłużonych dociera teraz do rodzin przez wideorozmowę, więc nikt nie musi jechać "
      "dwie godziny do miasta powiatowego.")
CS = ("V Krušnohoří teď dluhová poradna oslovuje rodiny přes videohovor, takže nikdo nemusí dvě hodiny jet do "
      "okresního města.")
EN_NEWER = "A second story with an English summary: neighbours in a Leipzig district test their own ideas for their streets."


def languages() -> list[str]:
    with open(os.path.join(ROOT, "content", "data", "languages.yml"), encoding="utf-8") as handle:
        return [entry["id"] for entry in yaml.safe_load(handle)]


# --- the checker ---------------------------------------------------------------------------------------------------

def check(site, **fields):
    site.minimal()
    site.story("beratung-per-video", story_fields(**fields))
    return check_in_process(site.content, "--today", "2025-06-01")


def test_the_allowed_languages_are_the_vocabulary(site_files):
    code, output = check(site_files, summaries={"en": EN, "pl": PL, "cs": CS})
    assert code == 0, output
    assert languages() == ["en", "pl", "cs"]


def test_an_unknown_language_is_named_at_its_line_with_the_allowed_ones(site_files):
    # YAML wraps the English text over lines 19 and 20: the messages name the lines of the wrong names.
    code, output = check(site_files, summaries={"en": EN, "de": "Die deutsche Zusammenfassung gehört nicht hierher, sondern in summary.",
                                                "czech": CS})
    assert code == 1
    assert (f'{STORY}:21: summaries.de: "de" ist keine Sprache für Zusammenfassungen in anderen Sprachen (die deutsche steht '
            "in summary). Erlaubt: en, pl, cs.") in output, "no spelling guess for two letters: de is not en"
    assert f'{STORY}:22: summaries.czech: "czech" ist keine Sprache für Zusammenfassungen in anderen Sprachen' in output
    assert 'Meinten Sie "cs" (Tschechisch:' in output, "the vocabulary's own words: Czech means cs"


def test_length_limits_come_from_the_schema(site_files):
    with open(os.path.join(ROOT, "schema", "story.schema.json"), encoding="utf-8") as handle:
        limits = json.load(handle)["$defs"]["foreign_summary"]
    code, output = check(site_files, summaries={"en": "x" * (limits["maxLength"] + 1), "pl": "Za krótko."})
    assert code == 1
    assert f"{STORY}:19: summaries.en: ist {limits['maxLength'] + 1} Zeichen lang; erlaubt sind höchstens {limits['maxLength']}." in output
    assert f"summaries.pl: ist nur 10 Zeichen lang; nötig sind mindestens {limits['minLength']}." in output


def test_wrong_types_say_what_to_write(site_files):
    code, output = check(site_files, summaries="An English summary.")
    assert code == 1
    assert 'summaries: erwartet wird eine Gruppe von Feldern, gefunden: "An English summary.". Die Unterfelder stehen eingerückt' in output
    assert "z. B. '  en: In the Ore Mountains" in output, "the example names a language, not an image"
    code, output = check(site_files, summaries={"en": ["A list", "of sentences"], "cs": 42})
    assert code == 1
    assert "summaries.en: erwartet wird ein Text, gefunden: eine Liste." in output
    assert 'summaries.cs: erwartet wird ein Text, gefunden: 42. Setzen Sie den Wert in Anführungszeichen: "42".' in output


def test_summaries_are_plain_text(site_files):
    code, output = check(site_files, summaries={"en": EN + " <script>alert(1)</script>"})
    assert code == 1
    assert 'summaries.en: enthält HTML ("<script>")' in output
    code, output = check(site_files, summaries={"en": "**Free advice** " + EN, "pl": PL + "\nWięcej: [strona](https://example.org)"})
    assert code == 0
    assert 'Warnung: summaries.en: enthält Markdown ("**").' in output
    assert 'Warnung: summaries.pl: enthält Markdown ("[strona](https://example.org)")' in output


# --- the built site ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import build_or_fail

    root = tmp_path_factory.mktemp("summaries")
    files = SiteFiles(root).minimal()
    # Written in another order than the vocabulary's: the page follows the vocabulary.
    files.story("beratung-per-video", story_fields(summaries={"cs": CS, "en": EN, "pl": PL}))
    files.story("nur-polnisch", story_fields(title="Nur auf Polnisch", date="2025-04-01", summaries={"pl": PL}))
    files.story("neuer", story_fields(title="Bürgerlabor", date="2025-05-01", summaries={"en": EN_NEWER}, illustrative=True))
    files.story("entwurf", story_fields(title="Ein Entwurf", date="2025-05-02", status="draft", summaries={"en": EN}))
    files.story("ohne", story_fields(title="Nur auf Deutsch", date="2025-02-01"))
    return build_or_fail(files.content, str(root / "output"))


def test_the_story_shows_each_summary_in_its_language(site):
    page = site.html("/geschichten/beratung-per-video/")
    section = page.select_one("section.app-languages")
    assert section.h2.get_text(strip=True) == "In anderen Sprachen" and section.get("lang") is None
    assert section["aria-labelledby"] == section.h2["id"]
    items = section.select(".app-languages__item")
    assert [(i["lang"], i["dir"], i.h3.get_text(strip=True), i.p.get_text(strip=True)) for i in items] == [
        ("en", "ltr", "In English", EN), ("pl", "ltr", "Po polsku", PL), ("cs", "ltr", "Česky", CS)]
    assert section.has_attr("data-pagefind-ignore"), "foreign text stays out of the German index"
    line = page.select_one(".app-story__languages")
    assert [(a["href"], a["lang"], a.get_text()) for a in line.select("a")] == [
        ("#sprache-en", "en", "English"), ("#sprache-pl", "pl", "Polski"), ("#sprache-cs", "cs", "Čeština")]
    assert all(page.find(id=a["href"][1:]) for a in line.select("a"))
    assert page.html["lang"] == "de"


def test_a_story_without_summaries_has_no_section(site):
    page = site.html("/geschichten/ohne/")
    assert page.select_one(".app-languages") is None and page.select_one(".app-story__languages") is None


def test_english_page_lists_exactly_the_published_stories_with_an_english_summary(site):
    page = site.html("/en/")
    assert page.html["lang"] == "en"
    cards = page.select("[data-pagefind-body] article")
    assert [(c.h3.get_text(strip=True), c.h3["lang"]) for c in cards] == [("Bürgerlabor", "de"), ("Beratung per Video erreicht Dörfer", "de")]
    assert [c.select_one(".app-card__summary").get_text(strip=True) for c in cards] == [EN_NEWER, EN]
    links = [c.select_one("a[hreflang]") for c in cards]
    assert [(a["href"], a["hreflang"]) for a in links] == [("/geschichten/neuer/", "de"), ("/geschichten/beratung-per-video/", "de")]
    assert "an invented example" in cards[0].select_one(".app-card__meta").get_text()
    text = page.select_one("main").get_text()
    assert "Nur auf Polnisch" not in text and "Ein Entwurf" not in text, "Polish only, or a draft: not on /en/"
    assert page.select_one(".app-skip-link").get_text(strip=True) == "Skip to content"
    assert page.select_one("header.app-header")["lang"] == "de" and page.select_one("footer.app-footer")["lang"] == "de"
    assert page.find("meta", property="og:locale")["content"] == "en_GB"


def test_english_about_page_is_english_and_links_the_german_one(site):
    page = site.html("/en/about/")
    assert page.html["lang"] == "en" and page.h1.get_text(strip=True) == "About the platform"
    main = page.select_one("main").get_text(" ")
    for fact in ("4.4 million euros", "1 August 2023 to 31 December 2025", "European Social Fund Plus", "(EU) 2021/1060", "Caritasverband"):
        assert fact in main
    german = page.select_one('main a[href="/ueber/"]')
    assert german["hreflang"] == "de"
    assert [a.get_text(strip=True) for a in page.select(".app-breadcrumbs a")] == ["Home (German)", "English"]


def test_every_german_page_links_the_english_one(site):
    link = site.html("/geschichten/ohne/").select_one('footer a[href="/en/"]')
    assert (link["lang"], link["hreflang"], link.get_text()) == ("en", "en", "English")


def alternates(site, path: str) -> dict[str, str]:
    page = site.html(path)
    return {link["hreflang"]: urlsplit(link["href"]).path for link in page.find_all("link", rel="alternate", hreflang=True)}


def assert_hreflang_consistent(site) -> dict[str, dict[str, str]]:
    """Every page's alternates: each target exists, names itself and points back with the same group; x-default is German."""
    found = {}
    for file in site.pages():
        path = "/" + str(file.relative_to(site.output)).removesuffix("index.html")
        group = alternates(site, path)
        if not group:
            continue
        found[path] = group
        assert path in group.values(), f"{path} names itself"
        assert group["x-default"] == group["de"], path
        for language, target in group.items():
            assert site.exists(target), f"{path} → {target} ({language}) does not exist"
            assert alternates(site, target) == group, f"{target} does not point back to {path} with the same group"
            assert site.html(target).html["lang"] == language or language == "x-default", f"{target} is not in {language}"
    return found


def test_hreflang_pairs_only_translations_both_ways(site):
    found = assert_hreflang_consistent(site)
    assert found == {
        "/": {"de": "/", "en": "/en/", "x-default": "/"},
        "/en/": {"de": "/", "en": "/en/", "x-default": "/"},
        "/ueber/": {"de": "/ueber/", "en": "/en/about/", "x-default": "/ueber/"},
        "/en/about/": {"de": "/ueber/", "en": "/en/about/", "x-default": "/ueber/"},
    }, "a story with an English summary is no translation of /en/: never paired"
    assert site.html("/").find("link", hreflang="en")["href"].startswith("http"), "hreflang addresses are absolute"


def test_without_a_german_about_page_nothing_points_to_a_missing_translation(tmp_path):
    from conftest import build_or_fail

    files = SiteFiles(tmp_path).minimal()
    os.remove(files.path("pages/ueber.md"))
    built = build_or_fail(files.content, str(tmp_path / "output"))
    found = assert_hreflang_consistent(built)
    assert set(found) == {"/", "/en/"}
    assert built.exists("/en/about/") and not built.html("/en/about/").select('main a[href="/ueber/"]')


def pagefind_fragments(site) -> dict[str, dict]:
    from sinn_search_index.stable import payload

    fragments = {}
    for path in (site.output / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(payload(str(path)))
        fragments[fragment["url"]] = fragment
    return fragments


def test_search_indexes_english_summaries_in_english_only(site):
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 1
    fragments = pagefind_fragments(site)
    assert EN in fragments["/en/"]["content"] and EN_NEWER in fragments["/en/"]["content"]
    assert [url for url, fragment in fragments.items() if EN[:40] in fragment["content"] or PL[:40] in fragment["content"]] == ["/en/"]
    assert "Beratung per Video" in fragments["/geschichten/beratung-per-video/"]["content"]
    anchors = {anchor.get("id") for anchor in fragments["/en/"]["anchors"]}
    assert {"story-neuer", "story-beratung-per-video"} <= anchors, "each story is a sub-result with its own anchor"


def test_open_data_has_the_summaries(site):
    data = load(site, "/daten/geschichten.json")
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator("geschichten").iter_errors(data)]
    assert errors == []
    records = {record["id"]: record for record in data["stories"]}
    assert records["beratung-per-video"]["summaries"] == {"en": EN, "pl": PL, "cs": CS}
    assert records["nur-polnisch"]["summaries"] == {"pl": PL} and records["ohne"]["summaries"] == {}
    rows = {row["id"]: row for row in read_csv(site, "/daten/geschichten.csv")}
    header = list(rows["ohne"])
    assert header[-3:] == [f"summary_{language}" for language in languages()], "one column per language, in the vocabulary's order"
    assert (rows["beratung-per-video"]["summary_en"], rows["beratung-per-video"]["summary_cs"]) == (EN, CS)
    assert (rows["nur-polnisch"]["summary_en"], rows["nur-polnisch"]["summary_pl"]) == ("", PL)


def test_sample_content_carries_summaries_and_the_sample_site_pairs_consistently(sample_site):
    assert len(sample_site.html("/en/").select("[data-pagefind-body] article")) >= 2
    found = assert_hreflang_consistent(sample_site)
    assert set(found) == {"/", "/en/", "/ueber/", "/en/about/"}


# --- in the browser ------------------------------------------------------------------------------------------------

def _sample_story_with_summaries() -> str:
    for name in sorted(os.listdir(os.path.join(ROOT, "content", "stories"))):
        with open(os.path.join(ROOT, "content", "stories", name), encoding="utf-8") as handle:
            front = yaml.safe_load(handle.read().split("---", 2)[1])
        if len(front.get("summaries") or {}) >= 2 and front.get("status") != "draft":
            return f"/geschichten/{name.removesuffix('.md')}/"
    raise AssertionError("the sample content should have a published story with summaries in two languages or more")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_english_pages_and_a_story_with_summaries_pass_axe(browser_page, sample_server, scheme):
    from browser import describe, run_axe

    browser_page.emulate_media(color_scheme=scheme)
    failures = {}
    for path in ("/en/", "/en/about/", _sample_story_with_summaries()):
        for width in (1280, 320):
            browser_page.set_viewport_size({"width": width, "height": 800})
            browser_page.goto(sample_server.url(path))
            violations = run_axe(browser_page)
            if violations:
                failures[f"{path} at {width}px"] = describe(violations)
            if browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") > 0:
                failures[f"{path} at {width}px"] = "scrolls sideways"
    assert failures == {}, "\n".join(f"{k}:\n{v}" for k, v in failures.items())


@pytest.mark.browser
def test_english_pages_and_a_story_with_summaries_are_valid_html(sample_site):
    from browser import run_vnu

    files = [str(sample_site.file(path)) for path in ("/en/", "/en/about/", _sample_story_with_summaries(), "/", "/ueber/")]
    errors = [f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in run_vnu(files)]
    assert errors == []


def test_languages_in_the_vocabulary_have_names_headings_and_codes():
    from sinn_vocabularies import load_vocabularies

    for term in load_vocabularies(os.path.join(ROOT, "content", "data"))["languages"]:
        assert re.fullmatch(r"[a-z]{2,3}", term.id) and term.native and term.heading and term.direction in ("ltr", "rtl")
