"""/zahlen/: every bar, table cell and CSV row equals what the content says, empty categories show as 0,
drafts never count; the page names its date and passes axe (light, dark, 320 px), print and the Nu checker."""

from __future__ import annotations

import csv
import io
import os

import pytest
import yaml
from browser import describe, run_axe, run_vnu
from conftest import build_or_fail

from sitefiles import ROOT, SiteFiles, actor_fields, settings_file, story_fields
from tests.test_easy_language import EASY
from tests.test_transfer import GUIDE

TODAY = "2026-11-30"
BAR_SHARE = 80  # the plugin's default NUMBERS_BAR_SHARE
ACTORS = {
    "beratungsverein": actor_fields(),
    "leipziger-verein": actor_fields(name="Leipziger Verein", type="sozialunternehmen", regions=["leipzig"], themes=["bildung-arbeit"]),
    "stadtverein": actor_fields(name="Stadtverein Dresden", regions=["dresden"], themes=["beratung", "bildung-arbeit"]),
    "landesamt": actor_fields(name="Landesamt", type="verwaltung", regions=["sachsenweit"]),
}
REVIEWED = {"reviewed_by": "Redaktion SINN"}
STORIES = {
    # reviewed within the 12 months before TODAY; guide and easy language
    "beratung-per-video": story_fields(date="2024-05-01", transfer=GUIDE, easy_summary=EASY, reviewed="2026-06-01", **REVIEWED),
    # adapted from the first; reviewed a day more than 12 months ago: stale
    "nachgemacht-in-leipzig": story_fields(
        title="Videoberatung jetzt auch in Leipzig", date="2024-09-01", themes=["beratung", "bildung-arbeit"], regions=["leipzig"],
        stage="umsetzung", actors=["leipziger-verein"], adapted_from="beratung-per-video", reviewed="2025-11-29", **REVIEWED),
    # reviewed exactly 12 months ago: still recent, as the checker judges it
    "werkstatt": story_fields(
        title="Eine Werkstatt für alle", date="2026-03-01", themes=["bildung-arbeit"], regions=["leipzig", "dresden"], stage="umsetzung",
        actors=["beratungsverein", "leipziger-verein"], reviewed="2025-11-30", **REVIEWED),
}
# Counts nowhere: its theme, stage, adaptation and easy language stay out of every number.
DRAFT = story_fields(title="Ein Entwurf", date="2025-06-01", themes=["pflege-gesundheit"], stage="idee", status="draft",
                     adapted_from="beratung-per-video", easy_summary=EASY, actors=["stadtverein"])


def vocabulary(name: str) -> list[dict]:
    with open(os.path.join(ROOT, "content", "data", f"{name}.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def expected() -> dict[str, dict[str, tuple]]:
    """The numbers each chart must show, counted here from STORIES and ACTORS: {chart: {row id: values}}."""
    themes = {term["id"]: (sum(term["id"] in s["themes"] for s in STORIES.values()),
                           sum(term["id"] in a.get("themes", []) for a in ACTORS.values())) for term in vocabulary("themes")}
    regions = {term["id"]: (sum(term["id"] in s["regions"] for s in STORIES.values()),
                            sum(term["id"] in a["regions"] for a in ACTORS.values())) for term in vocabulary("regions")}
    stages = {term["id"]: (sum(s["stage"] == term["id"] for s in STORIES.values()),) for term in vocabulary("stages")}
    types = {term["id"]: (sum(a["type"] == term["id"] for a in ACTORS.values()),) for term in vocabulary("actor_types")}
    first_year = {actor: min(int(s["date"][:4]) for s in STORIES.values() if actor in s["actors"])
                  for actor in ACTORS if any(actor in s["actors"] for s in STORIES.values())}
    years = {str(year): (sum(s["date"].startswith(str(year)) for s in STORIES.values()), list(first_year.values()).count(year))
             for year in range(2024, 2027)}
    features = {
        "guide": (sum("transfer" in s for s in STORIES.values()),),
        "easy_language": (sum("easy_summary" in s for s in STORIES.values()),),
        "reviewed": (sum(s.get("reviewed", "") >= "2025-11-30" for s in STORIES.values()),),
        "adapted": (len({s["adapted_from"] for s in STORIES.values() if "adapted_from" in s}),),
        "adaptation": (sum("adapted_from" in s for s in STORIES.values()),),
    }
    return {"themes": themes, "regions": regions, "stages": stages, "years": years, "actor_types": types, "features": features}


# The section of each chart on the page, named like its CSV in /daten/zahlen/.
SECTIONS = {"themes": "themen", "regions": "regionen", "stages": "phasen", "years": "jahre", "actor_types": "akteurstypen",
            "features": "merkmale"}


def labels(chart: str) -> dict[str, str]:
    """Row id → the label its table row shows (from content/data, or the year, or the feature)."""
    files = {"themes": "themes", "regions": "regions", "stages": "stages", "actor_types": "actor_types"}
    if chart in files:
        return {term["id"]: term["label"] for term in vocabulary(files[chart])}
    return {year: year for year in expected()["years"]} if chart == "years" else {}


def drawn(chart: str) -> dict[str, str]:
    """Row id → the name beside its bars: a region's short tile name, else the label."""
    if chart == "regions":
        return {term["id"]: (term.get("map") or {}).get("short", term["label"]) for term in vocabulary("regions")}
    return labels(chart)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("zahlen")
    files = SiteFiles(root)
    files.minimal()
    for actor_id, fields in ACTORS.items():
        files.actor(actor_id, fields)
    files.write("files/checkliste.txt", "1. Raum finden\n")
    for slug, fields in STORIES.items():
        files.story(slug, fields)
    files.story("entwurf", DRAFT)
    return build_or_fail(files.content, str(root / "output"), settings_file(files.root, CONTENT_CONTRACT_TODAY=TODAY))


def section(site, chart: str):
    found = site.html("/zahlen/").select_one(f"main section:has(> h2#zahlen-{SECTIONS[chart]})")
    assert found is not None, f"no section for {chart}"
    return found


def bars_of(svg) -> list[tuple[str, list[str], list[str]]]:
    """(name drawn, numbers drawn, bar widths) per row of a chart's SVG, in the order drawn."""
    rows = []
    for element in svg.find_all(["text", "rect"]):
        kind = element.get("class", [])
        if "app-chart__label" in kind:
            rows.append((element.get_text(), [], []))
        elif "app-chart__number" in kind:
            rows[-1][1].append(element.get_text())
        elif "app-chart__bar" in kind:
            rows[-1][2].append(element["width"])
    return rows


def width(value: int, scale: int) -> str:
    return f"{value / scale * BAR_SHARE:.2f}".rstrip("0").rstrip(".") + "%"


def read_csv(site, path: str) -> list[dict]:
    raw = site.file(path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, like the other CSV files of /daten/"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("chart", list(SECTIONS))
def test_bars_draw_the_counts_of_the_content(site, chart):
    counts = expected()[chart]
    scale = len(STORIES) if chart == "features" else max(value for values in counts.values() for value in values)
    svg = section(site, chart).select_one("svg.app-chart__svg")
    assert svg["role"] == "img"
    assert [svg.find(id=name).name for name in svg["aria-labelledby"].split()] == ["title", "desc"]
    rows = bars_of(svg)
    assert [numbers for _name, numbers, _widths in rows] == [[str(v) for v in values] for values in counts.values()]
    assert [widths for _name, _numbers, widths in rows] == [[width(v, scale) for v in values] for values in counts.values()]
    if chart != "features":
        assert [name for name, _numbers, _widths in rows] == [drawn(chart)[row] for row in counts]


@pytest.mark.parametrize("chart", list(SECTIONS))
def test_visible_table_and_csv_hold_the_same_numbers(site, chart):
    counts = expected()[chart]
    table = section(site, chart).select_one("table.app-chart__table")
    cells = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")]
    shares = (lambda values: [f"{round(100 * values[0] / len(STORIES))}\u00a0%"]) if chart == "features" else (lambda _values: [])
    assert [row[1:] for row in cells] == [[str(v) for v in values] + shares(values) for values in counts.values()]
    if labels(chart):
        assert [row[0] for row in cells] == [labels(chart)[row] for row in counts]
    link = section(site, chart).select_one("a.app-download__link")["href"]
    assert link.endswith(f"/daten/zahlen/{SECTIONS[chart]}.csv")
    rows = read_csv(site, f"/daten/zahlen/{SECTIONS[chart]}.csv")
    columns = ["stories", "actors"] if len(next(iter(counts.values()))) == 2 else ["actors"] if chart == "actor_types" else ["stories"]
    assert [row["id"] for row in rows] == list(counts)
    assert [tuple(int(row[name]) for name in columns) for row in rows] == list(counts.values())
    assert {row["as_of"] for row in rows} == {TODAY}
    if chart == "features":
        assert {row["total"] for row in rows} == {str(len(STORIES))}


def test_empty_categories_stay_as_zero_without_a_link(site):
    themes = section(site, "themes")
    row = next(tr for tr in themes.select("tbody tr") if tr.th.get_text(strip=True) == "Migration und Integration")
    assert [td.get_text() for td in row.find_all("td")] == ["0", "0"]
    assert row.th.a is None, "a theme nothing belongs to has no page to link to"
    assert themes.select_one("tbody tr th a[href$='/themen/beratung/']") is not None
    assert "Noch ohne Geschichte: 7 von 9 Themenfeldern (Pflege und Gesundheit, Kinder, Jugend und Familie" in themes.get_text()
    years = bars_of(section(site, "years").select_one("svg"))
    assert years[1] == ("2025", ["0", "0"], ["0%", "0%"]), "a year without a new story is drawn, with nothing in it"


def test_drafts_count_nowhere(site):
    page = site.html("/zahlen/")
    totals = {div.dt.get_text(): div.dd.get_text() for div in page.select(".app-numbers__total")}
    assert totals["Geschichten"] == str(len(STORIES)) and totals["Akteure"] == str(len(ACTORS))
    assert expected()["themes"]["pflege-gesundheit"] == (0, 0)  # the draft's only theme
    copies = page.select("section:has(> h2#zahlen-nachgemacht) tbody tr")
    assert [(tr.th.a.get_text(), [a.get_text() for a in tr.td.select("a")]) for tr in copies] == [
        ("Beratung per Video erreicht Dörfer", ["Videoberatung jetzt auch in Leipzig"])]
    rows = read_csv(site, "/daten/zahlen/nachgemacht.csv")
    assert [(row["original_id"], row["adaptation_id"], row["adaptation_regions"]) for row in rows] == [
        ("beratung-per-video", "nachgemacht-in-leipzig", "Leipzig")]


def test_summaries_say_what_the_charts_show(site):
    def summary(chart):
        return section(site, chart).select_one(".app-chart__summary").get_text()

    assert summary("themes").startswith("Die meisten Geschichten gibt es in den Themenfeldern Beratung und Bildung und Arbeit (je 2)")
    assert "die meisten Akteure im Themenfeld Bildung und Arbeit (2)" in summary("themes")
    assert summary("years").startswith("Von 2024 bis 2026 sind 3 Geschichten erschienen, die meisten im Jahr 2024 (2).")
    assert summary("stages").startswith("Die meisten Geschichten stehen in der Phase Umsetzung (2).")
    assert summary("features").startswith(
        "Von 3 Geschichten hat 1 eine Anleitung zum Nachmachen (33\u00a0%), 1 eine Zusammenfassung in Leichter Sprache (33\u00a0%); "
        "2 wurden in den letzten 12 Monaten geprüft (67\u00a0%). 1 wurde anderswo nachgemacht, 1 ist selbst einem Vorbild nachgemacht.")


def test_page_names_the_day_it_counted_and_how_to_cite_it(site):
    page = site.html("/zahlen/")
    as_of = page.select_one(".app-numbers__as-of")
    assert as_of.get_text(" ", strip=True) == "Stand: 30. November 2026" and as_of.time["datetime"] == TODAY
    citation = page.select_one("#zahlen-zitieren ~ .app-press__citation").get_text(" ", strip=True)
    assert "Das Schaufenster in Zahlen" in citation and "Stand 30. November 2026" in citation
    assert citation.endswith("/zahlen/")
    assert "ESF Plus" in page.select_one("section:has(> h2#zahlen-zitieren)").get_text()


def test_page_is_linked_from_every_footer_the_data_and_press_pages_and_the_sitemap(site):
    for path in ("/", "/daten/", "/presse/"):
        assert site.html(path).select_one("footer a[href$='/zahlen/']") is not None, path
    assert site.html("/daten/").select_one("main a[href$='/zahlen/']") is not None
    assert site.html("/presse/").select_one("main a[href$='/zahlen/']") is not None
    assert "/zahlen/</loc>" in site.file("/sitemap.xml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    """A public site whose only story is a draft: every chart has nothing to count."""
    root = tmp_path_factory.mktemp("zahlen-leer")
    files = SiteFiles(root)
    files.minimal()
    files.story("beratung-per-video", story_fields(status="draft"))
    return build_or_fail(files.content, str(root / "output"), "publishconf.py")


def test_a_site_without_published_stories_says_so(empty):
    page = empty.html("/zahlen/")
    assert section(empty, "features").select_one(".app-chart__summary").get_text() == "Noch ist keine Geschichte veröffentlicht."
    years = section(empty, "years")
    assert years.select_one("svg") is None and years.select_one("table") is None
    assert "Noch gibt es hierzu keine Zahlen." in years.get_text()
    assert read_csv(empty, "/daten/zahlen/jahre.csv") == []
    assert [numbers for _name, numbers, _widths in bars_of(section(empty, "stages").select_one("svg"))] == [["0"]] * 4
    assert "Noch wurde keine Geschichte anderswo nachgemacht." in page.get_text()


def test_the_page_is_valid_html_with_empty_categories_and_with_nothing_to_count(site, empty):
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}"
              for m in run_vnu([str(site.file("/zahlen/")), str(empty.file("/zahlen/"))])]
    assert errors == []


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 320), ("dark", 320)])
def test_no_axe_violations_and_every_label_inside_its_chart(browser_page, sample_server, scheme, width):
    browser_page.emulate_media(color_scheme=scheme)
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(sample_server.url("/zahlen/"))
    violations = run_axe(browser_page)
    assert violations == [], describe(violations)
    assert browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    outside = browser_page.evaluate(
        """[...document.querySelectorAll('svg.app-chart__svg text')].filter(t => {
             const svg = t.ownerSVGElement.getBoundingClientRect(), box = t.getBoundingClientRect();
             return box.left < svg.left - 1 || box.right > svg.right + 1;
           }).map(t => t.textContent)""")
    assert outside == [], "names or numbers cut off at the edge of their chart"


def _luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bars_stand_out_from_the_page_in_both_schemes(browser_page, sample_server, scheme):
    """WCAG 1.4.11: the solid bars' fill and the outlined bars' edge have 3:1 against the background."""
    browser_page.emulate_media(color_scheme=scheme)
    browser_page.goto(sample_server.url("/zahlen/"))
    colours = browser_page.evaluate(
        """() => ({page: getComputedStyle(document.body).backgroundColor,
                  solid: getComputedStyle(document.querySelector('.app-chart__bar--1')).fill,
                  edge: getComputedStyle(document.querySelector('.app-chart__bar--2')).stroke})""")
    assert _contrast(colours["solid"], colours["page"]) >= 3, colours
    assert _contrast(colours["edge"], colours["page"]) >= 3, colours


def test_print_keeps_charts_and_tables_in_black_and_drops_navigation(browser_page, sample_server):
    browser_page.goto(sample_server.url("/zahlen/"))
    browser_page.emulate_media(media="print", color_scheme="dark")
    shown = browser_page.evaluate(
        """sel => sel.map(s => getComputedStyle(document.querySelector(s)).display)""",
        [".app-nav", ".app-jump", ".app-chart__svg", ".app-chart__table", ".app-chart__legend"],
    )
    assert shown[:2] == ["none", "none"] and "none" not in shown[2:]
    fills = browser_page.evaluate("""[...document.querySelectorAll('.app-chart__bar--1, .app-chart__label')]
                                     .map(e => getComputedStyle(e).fill)""")
    assert set(fills) == {"rgb(0, 0, 0)"}


def test_the_day_counted_is_the_sites_day_not_the_machines(monkeypatch):
    """23:30 UTC on 30 November is already 1 December in Dresden; a date set for the checker wins."""
    from sinn_numbers import counting_day

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796081400")  # 2026-11-30 23:30 UTC
    monkeypatch.setenv("TZ", "America/New_York")
    assert counting_day({"TIMEZONE": "Europe/Berlin", "CONTENT_CONTRACT_TODAY": None}).isoformat() == "2026-12-01"
    assert counting_day({"TIMEZONE": "Europe/Berlin", "CONTENT_CONTRACT_TODAY": TODAY}).isoformat() == TODAY
