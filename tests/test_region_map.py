"""The map of Saxony on the home page and /regionen/: 13 districts as links, shaded by their stories, the same as a table."""

from __future__ import annotations

import re

import pytest
import yaml

from sinn_vocabularies import VocabularyError
from sinn_vocabularies.terms import read_vocabulary
from sitefiles import ROOT, check_in_process, story_fields
from tests.test_site_build import published, sample_stories

PUBLIC = "https://www.sinn-sachsen.de"


def regions() -> list[dict]:
    with open(f"{ROOT}/content/data/regions.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def districts() -> list[dict]:
    return [region for region in regions() if region.get("map")]


def story_counts(stories: dict) -> dict[str, int]:
    counts = {region["id"]: 0 for region in regions()}
    for fields in stories.values():
        for region in fields["regions"]:
            counts[region] += 1
    return counts


def map_of(soup, box_id: str):
    svg = soup.select_one(f"main svg[aria-labelledby='{box_id}-titel']")
    assert svg is not None, f"no map labelled {box_id}-titel"
    return svg


def test_districts_are_the_thirteen_of_saxony_each_on_its_own_cell():
    tiles = districts()
    assert len(tiles) == 13
    assert "sachsenweit" not in {region["id"] for region in tiles}
    cells = {(r["map"]["column"], r["map"]["row"]): r["id"] for r in tiles}
    assert len(cells) == 13
    where = {region_id: cell for cell, region_id in cells.items()}

    def neighbours(a, b):
        return max(abs(where[a][0] - where[b][0]), abs(where[a][1] - where[b][1])) == 1

    assert neighbours("leipzig", "landkreis-leipzig") and neighbours("leipzig", "nordsachsen")
    assert all(neighbours("chemnitz", other) for other in ("zwickau", "erzgebirgskreis", "mittelsachsen"))
    assert all(neighbours("dresden", other) for other in ("meissen", "bautzen", "saechsische-schweiz-osterzgebirge"))
    assert where["goerlitz"][0] == max(column for column, _row in cells)
    assert where["vogtlandkreis"] == (0, max(row for _column, row in cells))


@pytest.mark.parametrize(("url", "box_id"), [("/", "startkarte"), ("/regionen/", "regionenkarte")])
def test_map_links_every_district_to_its_page_named_with_its_count(published_site, url, box_id):
    counts = story_counts(published(sample_stories()))
    soup = published_site.html(url)
    links = map_of(soup, box_id).find_all("a")
    assert len(links) == 13
    labels = {region["id"]: region["label"] for region in regions()}
    seen = {}
    for link in links:
        region_id = re.fullmatch(rf"{PUBLIC}/regionen/([a-z-]+)/", link["href"]).group(1)
        assert published_site.exists(f"/regionen/{region_id}/")
        count = counts[region_id]
        name = link.find("title", recursive=False).get_text(strip=True)
        assert name == f"{labels[region_id]}: {count} {'Geschichte' if count == 1 else 'Geschichten'}"
        assert [t.get_text(strip=True) for t in link.find_all("text")][-1] == str(count)
        assert all(t.get("aria-hidden") == "true" for t in link.find_all("text")), "drawn text would be read twice"
        seen[region_id] = count
    assert set(seen) == {region["id"] for region in districts()}
    table = soup.select_one(f"main svg[aria-labelledby='{box_id}-titel']").find_parent().select_one("details table")
    rows = {row.th.a["href"]: int(row.td.get_text(strip=True)) for row in table.tbody.find_all("tr")}
    assert rows == {f"{PUBLIC}/regionen/{region_id}/": count for region_id, count in seen.items()}
    assert table.caption.get_text(strip=True)


def test_home_map_names_the_stories_that_are_not_on_it(published_site):
    soup = published_site.html("/")
    elsewhere = soup.select_one(".app-region-map__elsewhere")
    count = story_counts(published(sample_stories()))["sachsenweit"]
    assert elsewhere.a["href"] == f"{PUBLIC}/regionen/sachsenweit/"
    assert f"{count} Geschichte" in elsewhere.get_text()


def test_district_without_stories_is_drawn_but_not_linked_and_shades_follow_the_counts(site_files, build):
    site_files.minimal()
    for number in range(7):
        site_files.story(f"goerlitz-{number}", story_fields(title=f"Görlitz {number}", regions=["goerlitz"], date=f"2025-01-{number + 1:02d}"))
    site_files.story("dresden-1", story_fields(title="Dresden", regions=["dresden"]))
    site = build(site_files)
    svg = map_of(site.html("/regionen/"), "regionenkarte")
    linked = {a["href"]: a for a in svg.find_all("a")}
    # The minimal site's actor and story are in the Erzgebirgskreis.
    assert set(linked) == {"/regionen/goerlitz/", "/regionen/dresden/", "/regionen/erzgebirgskreis/"}
    assert linked["/regionen/goerlitz/"].title.get_text() == "Landkreis Görlitz: 7 Geschichten"
    shades = {href: re.search(r"--(\d)", " ".join(a["class"])).group(1) for href, a in linked.items()}
    assert shades == {"/regionen/goerlitz/": "4", "/regionen/dresden/": "1", "/regionen/erzgebirgskreis/": "1"}
    unlinked = svg.select("g[role='img']")
    assert len(unlinked) == 10
    assert "Vogtlandkreis: noch keine Geschichten" in {g.title.get_text() for g in unlinked}
    legend = [li.get_text(" ", strip=True) for li in site.html("/regionen/").select(".app-region-map__legend li")]
    assert legend == ["keine", "1–2", "3–4", "5–6", "7–8"]


def _regions_with(tmp_path, replace: str, by: str):
    text = (tmp_path / "source.yml")
    with open(f"{ROOT}/content/data/regions.yml", encoding="utf-8") as handle:
        original = handle.read()
    assert replace in original
    text.write_text(original.replace(replace, by), encoding="utf-8")
    return str(text)


def test_two_regions_on_one_cell_are_refused_with_both_names(tmp_path):
    path = _regions_with(tmp_path, "map: {column: 1, row: 2, short: Chemnitz}", "map: {column: 0, row: 0, short: Chemnitz}")
    with pytest.raises(VocabularyError, match=r"'leipzig' und 'chemnitz' liegen auf demselben Kartenfeld"):
        read_vocabulary(path, "regions")


@pytest.mark.parametrize(("value", "message"), [
    ("{column: -1, row: 2, short: Chemnitz}", r"map.column: erwartet wird eine ganze Zahl von 0 bis 20"),
    ("{column: 1, row: 2}", r"map: erwartet werden genau column, row und short"),
    ("{column: 1, row: 2, short: Chemnitz und Umgebung}", r"map.short: erwartet wird ein kurzer Name mit 1 bis 14 Zeichen"),
])
def test_malformed_map_entry_names_file_entry_and_field(tmp_path, value, message):
    path = _regions_with(tmp_path, "map: {column: 1, row: 2, short: Chemnitz}", f"map: {value}")
    with pytest.raises(VocabularyError, match=r"source.yml: Eintrag 1, Feld " + message):
        read_vocabulary(path, "regions")


def test_checker_reports_a_broken_map_without_a_traceback(site_files):
    site_files.minimal()
    site_files.replace("data/regions.yml", "map: {column: 1, row: 2, short: Chemnitz}", "map: {column: eins, row: 2, short: Chemnitz}")
    code, output = check_in_process(site_files.content)
    assert code != 0
    assert "regions.yml: Eintrag 1, Feld map.column: erwartet wird eine ganze Zahl" in output
    assert "Traceback" not in output


@pytest.mark.browser
def test_map_links_are_reached_by_tab_and_show_their_focus(browser_page, sample_server):
    browser_page.goto(sample_server.url("/regionen/"))
    first = browser_page.locator("svg.app-region-map__svg a").first
    before = first.locator("rect").evaluate("e => getComputedStyle(e).fill")
    browser_page.locator(".app-breadcrumbs a").last.focus()
    for _ in range(40):
        browser_page.keyboard.press("Tab")
        if browser_page.evaluate("document.activeElement.closest('svg') !== null"):
            break
    assert browser_page.evaluate("document.activeElement.getAttribute('href')").endswith("/regionen/chemnitz/")
    after = first.locator("rect").evaluate("e => getComputedStyle(e).fill")
    assert after != before and after == "rgb(255, 221, 0)"
