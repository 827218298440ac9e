"""Search with Pagefind in headless Chromium: a real index, queried the way a reader queries it."""

from __future__ import annotations

import glob
import json
import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from browser import describe, run_axe

from sitefiles import ROOT
from tools.local_browser import note_resources_at_results, resources_at_results

pytestmark = pytest.mark.browser
STORIES = os.path.join(ROOT, "content", "stories")


def published_stories() -> dict[str, dict]:
    stories = {}
    for path in sorted(glob.glob(os.path.join(STORIES, "*.md"))):
        with open(path, encoding="utf-8") as handle:
            _, front, body = handle.read().split("---", 2)
        fields = yaml.safe_load(front)
        if fields.get("status", "published") == "published":
            stories[os.path.splitext(os.path.basename(path))[0]] = {**fields, "body": body}
    return stories


def rare_word(slug: str, stories: dict) -> str:
    """A long word in one story's body that no other story (nor actor) uses."""
    others = " ".join(f["body"] + f["title"] + f["summary"] for s, f in stories.items() if s != slug).lower()
    actors = ""
    for path in glob.glob(os.path.join(ROOT, "content", "actors", "*.yml")):
        with open(path, encoding="utf-8") as handle:
            actors += handle.read().lower()
    words = sorted(set(re.findall(r"\b[a-zäöüß]{9,}\b", stories[slug]["body"].lower())))
    return next(w for w in words if w not in others and w not in actors)


def results(page) -> list[str]:
    """The result links once the search page has finished searching (aria-busy false)."""
    page.wait_for_selector('[data-app-results][aria-busy="false"]', state="attached")
    return [urlsplit(a.get_attribute("href")).path for a in page.query_selector_all("[data-app-results] .app-card__link")]


def test_a_word_from_one_story_finds_that_story_first(browser_page, sample_server):
    stories = published_stories()
    slug = next(iter(stories))
    word = rare_word(slug, stories)
    browser_page.goto(sample_server.url("/suche/"))
    browser_page.fill("#suchbegriff", word)
    found = results(browser_page)
    assert found and found[0] == f"/geschichten/{slug}/", word
    assert parse_qs(urlsplit(browser_page.url).query)["q"] == [word], "the address must carry the query"


def test_an_inflected_form_finds_the_story_too(browser_page, sample_server):
    browser_page.goto(sample_server.url("/suche/?q=Beratungen"))
    found = results(browser_page)
    with_beratung = {f"/geschichten/{s}/" for s, f in published_stories().items() if "Beratung " in f["body"] and "Beratungen" not in f["body"]}
    assert with_beratung, "the sample should have a story that says 'Beratung' but never 'Beratungen'"
    assert with_beratung & set(found)


def test_region_filter_narrows_to_exactly_that_regions_stories(browser_page, sample_server):
    stories = published_stories()
    region = next(r for r in ("erzgebirgskreis", "chemnitz", "zwickau", "dresden") if any(r in f["regions"] for f in stories.values()))
    expected = {f"/geschichten/{s}/" for s, f in stories.items() if region in f["regions"]}
    browser_page.goto(sample_server.url("/suche/?typ=geschichte"))
    results(browser_page)
    browser_page.click("details:has(#filter-region-" + region + ") summary")
    browser_page.check(f"#filter-region-{region}")
    browser_page.wait_for_function(f"location.search.includes('region={region}')")
    assert set(results(browser_page)) == expected
    assert parse_qs(urlsplit(browser_page.url).query)["region"] == [region]


def test_guide_filter_from_the_archive_finds_exactly_the_stories_with_a_guide(browser_page, sample_server):
    expected = {f"/geschichten/{s}/" for s, f in published_stories().items() if f.get("transfer")}
    assert len(expected) >= 3, "the sample should have stories with a replication guide"
    browser_page.goto(sample_server.url("/geschichten/"))
    browser_page.check("#liste-anleitung")
    browser_page.click("form.app-filter button")
    assert set(results(browser_page)) == expected
    assert browser_page.is_checked("#filter-anleitung-ja")
    browser_page.click("details:has(#filter-anleitung-ja) summary")
    browser_page.uncheck("#filter-anleitung-ja")
    browser_page.wait_for_function("!location.search.includes('anleitung=')")
    assert len(results(browser_page)) > len(expected)


def test_a_shared_address_restores_query_and_filters(browser_page, sample_server):
    browser_page.goto(sample_server.url("/suche/?q=Beratung&region=erzgebirgskreis&typ=geschichte"))
    found = results(browser_page)
    assert browser_page.input_value("#suchbegriff") == "Beratung"
    assert browser_page.is_checked("#filter-region-erzgebirgskreis")
    assert browser_page.is_checked("#filter-typ-geschichte")
    expected = {f"/geschichten/{s}/" for s, f in published_stories().items() if "erzgebirgskreis" in f["regions"]}
    assert set(found) <= expected and found


def test_actor_filters_find_all_social_enterprises_of_a_region(browser_page, sample_server):
    actors = {}
    for path in glob.glob(os.path.join(ROOT, "content", "actors", "*.yml")):
        with open(path, encoding="utf-8") as handle:
            actors[os.path.splitext(os.path.basename(path))[0]] = yaml.safe_load(handle)
    region = next(r for a in actors.values() if a["type"] == "sozialunternehmen" for r in a["regions"])
    expected = {f"/akteure/{i}/" for i, a in actors.items() if a["type"] == "sozialunternehmen" and region in a["regions"]}
    browser_page.goto(sample_server.url("/akteure/"))
    browser_page.select_option("#liste-akteurstyp", "sozialunternehmen")
    browser_page.select_option("#liste-region", region)
    browser_page.click("form.app-filter button")
    assert set(results(browser_page)) == expected


def test_search_page_with_results_passes_axe_and_announces_the_count(browser_page, sample_server):
    browser_page.goto(sample_server.url("/suche/?q=Beratung"))
    results(browser_page)
    status = browser_page.locator("[data-app-status]")
    assert status.get_attribute("role") == "status"
    assert re.match(r"\d+ Ergebnis", status.inner_text())
    assert browser_page.is_hidden("[data-app-nojs]")
    violations = run_axe(browser_page)
    assert violations == [], describe(violations)


def test_search_is_usable_by_keyboard(browser_page, sample_server):
    browser_page.goto(sample_server.url("/suche/"))
    browser_page.wait_for_selector("[data-app-facets]:not([hidden])")
    browser_page.focus("#suchbegriff")
    browser_page.keyboard.type("Pflege")
    results(browser_page)
    for _ in range(40):
        browser_page.keyboard.press("Tab")
        if browser_page.evaluate("document.activeElement.classList.contains('app-card__link')"):
            break
    href = browser_page.evaluate("document.activeElement.getAttribute('href')")
    assert href and href.startswith("/")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url(re.compile(re.escape(href) + "$"))


def test_without_javascript_the_page_points_to_the_listings(chromium, sample_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_server.url("/suche/"))
    notice = page.locator("[data-app-nojs]")
    assert notice.is_visible()
    assert {a.get_attribute("href") for a in notice.locator("a").all()} >= {"/themen/", "/regionen/", "/akteure/"}
    context.close()


def test_only_story_and_actor_content_is_indexed(sample_site):
    for page in sample_site.pages():
        text = page.read_text(encoding="utf-8")
        relative = str(page.relative_to(sample_site.output))
        is_redirect = 'http-equiv="refresh"' in text
        is_content = re.match(r"^(geschichten|akteure)/[^/]+/index\.html$", relative) and "/seite/" not in relative and not is_redirect
        is_content = is_content or relative == "en/index.html"  # the English summaries, indexed in English (test_summaries.py)
        assert ("data-pagefind-body" in text) == bool(is_content), relative


def test_search_with_results_fits_a_320_px_screen(browser_page, sample_server):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(sample_server.url("/suche/?q=Beratung&typ=geschichte"))
    assert results(browser_page)
    assert browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    violations = run_axe(browser_page)
    assert violations == [], describe(violations)


def card_titles(page) -> list[str]:
    page.wait_for_selector('[data-app-results][aria-busy="false"]', state="attached")
    return [a.inner_text().strip() for a in page.query_selector_all("[data-app-results] .app-card__link")]


def test_a_list_without_a_search_word_is_alphabetical_the_german_way(browser_page, sample_server):
    from sinn_core.text import german_sort_key

    browser_page.goto(sample_server.url("/suche/?typ=akteur"))
    titles = card_titles(browser_page)
    names = []
    for path in glob.glob(os.path.join(ROOT, "content", "actors", "*.yml")):
        with open(path, encoding="utf-8") as handle:
            names.append(yaml.safe_load(handle)["name"])
    assert titles == sorted(names, key=german_sort_key)[: len(titles)] and len(titles) >= 8


def test_a_first_search_fetches_neither_filter_files_nor_the_title_order(browser_page, sample_server):
    note_resources_at_results(browser_page)
    browser_page.goto(sample_server.url("/suche/?q=Beratung"))
    at_results = resources_at_results(browser_page)
    assert [url for url in at_results if "/pagefind/fragment/" in url], "the results were shown"
    assert not [url for url in at_results if "/pagefind/filter/" in url or "titel-reihenfolge" in url or "worker" in url]
    browser_page.wait_for_selector('[data-app-facets][data-counts="ready"]', state="attached")
    later = browser_page.evaluate("performance.getEntriesByType('resource').map((entry) => entry.name)")
    assert [url for url in later if "/pagefind/filter/" in url], "the filter counts come after the results"


def test_the_title_order_lists_every_indexed_page_once(sample_site):
    from sinn_core.text import german_sort_key
    from sinn_search_index.title_order import ORDER_FILE

    bundle = sample_site.output / "pagefind"
    order = json.loads((bundle / ORDER_FILE).read_text(encoding="utf-8"))
    fragments = {p.stem for p in (bundle / "fragment").glob("*.pf_fragment")}
    assert sorted(order) == sorted(fragments)
    titles = [german_sort_key(t) for t in ("Ärztehaus am Markt", "Bürgerlabor", "zukunft", "Zwickau")]
    assert titles == sorted(titles)


def test_the_title_order_reads_only_new_fragments_and_ignores_a_damaged_memo(sample_site, tmp_path):
    import shutil

    from sinn_search_index.title_order import ORDER_FILE, write_title_order

    bundle = tmp_path / "pagefind"
    shutil.copytree(sample_site.output / "pagefind", bundle)
    expected = (bundle / ORDER_FILE).read_text(encoding="utf-8")
    memo = tmp_path / "titles.json"
    for damaged in ("kein JSON", '{"x": 1}', "[]"):
        memo.write_text(damaged, encoding="utf-8")
        write_title_order(str(bundle), str(memo))
        assert (bundle / ORDER_FILE).read_text(encoding="utf-8") == expected
    known = json.loads(memo.read_text(encoding="utf-8"))
    assert sorted(known) == sorted(p.stem for p in (bundle / "fragment").glob("*.pf_fragment"))
    # A fragment's name is the hash of its content: a known name is not read again (here its file is emptied).
    first = sorted(known)[0]
    (bundle / "fragment" / f"{first}.pf_fragment").write_bytes(b"")
    write_title_order(str(bundle), str(memo))
    assert (bundle / ORDER_FILE).read_text(encoding="utf-8") == expected
