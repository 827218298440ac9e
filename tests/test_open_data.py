"""Open data plugin: stories and actors as JSON, CSV and GeoJSON that match their schemas, with the page /daten/."""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import xml.etree.ElementTree as ET

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from sinn_open_data.tables import cell
from sitefiles import ROOT, actor_fields, settings_file, story_fields
from tests.test_site_build import actor_ids, drafts, published, sample_stories

PUBLIC = "https://www.sinn-sachsen.de"
SCHEMAS = {
    os.path.basename(path).removesuffix(".schema.json"): path
    for path in sorted(glob.glob(os.path.join(ROOT, "schema", "data", "*.schema.json")))
}


def read_json(path: str):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def validator(name: str) -> Draft202012Validator:
    loaded = {key: read_json(path) for key, path in SCHEMAS.items()}
    registry = Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in loaded.values())
    return Draft202012Validator(loaded[name], registry=registry, format_checker=FormatChecker())


def load(site, path: str):
    return json.loads(site.file(path).read_text(encoding="utf-8"))


def read_csv(site, path: str) -> list[dict]:
    raw = site.file(path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads umlauts right"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize(("path", "schema"), [
    ("/daten/geschichten.json", "geschichten"), ("/daten/akteure.json", "akteure"), ("/daten/akteure.geojson", "akteure.geojson"),
])
def test_exports_match_their_schemas(published_site, path, schema):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(load(published_site, path))]
    assert errors == []


def test_schemas_are_published_beside_the_data_and_named_in_it(published_site):
    for name, path in SCHEMAS.items():
        published = published_site.file(f"/daten/schema/{name}.schema.json").read_text(encoding="utf-8")
        assert json.loads(published) == read_json(path)
    assert load(published_site, "/daten/geschichten.json")["$schema"] == f"{PUBLIC}/daten/schema/geschichten.schema.json"


def test_stories_json_has_every_published_story_with_labels_and_absolute_urls(published_site):
    data = load(published_site, "/daten/geschichten.json")
    stories = published(sample_stories())
    records = {record["id"]: record for record in data["stories"]}
    assert set(records) == set(stories) and data["count"] == len(stories)
    record, fields = records["schuldnerberatung-per-video-erzgebirge"], stories["schuldnerberatung-per-video-erzgebirge"]
    assert record["url"] == f"{PUBLIC}/geschichten/schuldnerberatung-per-video-erzgebirge/"
    assert record["title"] == fields["title"] and record["summary"] == fields["summary"]
    assert record["date"] == str(fields["date"]) and record["modified"] == str(fields["modified"])
    assert [t["id"] for t in record["themes"]] == fields["themes"]
    assert record["themes"][0] == {"id": "beratung", "label": "Beratung", "url": f"{PUBLIC}/themen/beratung/"}
    assert record["stage"] == {"id": "umsetzung", "label": "Umsetzung"}
    assert [a["id"] for a in record["actors"]] == fields["actors"]
    assert record["image"]["credit"] == fields["image"]["credit"]
    assert published_site.exists(record["image"]["url"].removeprefix(PUBLIC))
    assert record["facts"][0] == {key: str(value) for key, value in fields["facts"][0].items()}
    assert record["aliases"] == [PUBLIC + alias for alias in fields["aliases"]]
    assert record["text_license"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert "Jöhstadt" in record["text_html"]
    assert "contact" not in record, "people's contact details stay on the story page"
    dates = [record["date"] for record in data["stories"]]
    assert dates == sorted(dates, reverse=True), "newest first, like every list on the site"


def test_stories_json_has_guide_review_easy_language_and_adaptations(published_site):
    records = {record["id"]: record for record in load(published_site, "/daten/geschichten.json")["stories"]}
    stories = published(sample_stories())
    with_guide = next(slug for slug, fields in stories.items() if fields.get("transfer", {}).get("materials"))
    guide, record = stories[with_guide]["transfer"], records[with_guide]["transfer"]
    assert (record["costs"]["min"], record["costs"]["max"], record["costs"]["currency"]) == (guide["costs"]["min"], guide["costs"]["max"], "EUR")
    assert record["lessons"] == guide.get("lessons", [])
    for material in record["materials"]:
        assert material["url"].startswith(("https://", PUBLIC))
        if material["url"].startswith(PUBLIC):
            assert published_site.exists(material["url"].removeprefix(PUBLIC)), material
    copy = next(slug for slug, fields in stories.items() if fields.get("adapted_from"))
    original = stories[copy]["adapted_from"]
    assert records[copy]["adapted_from"]["url"] == f"{PUBLIC}/geschichten/{original}/"
    assert copy in [link["id"] for link in records[original]["adaptations"]]
    for slug, fields in stories.items():
        assert records[slug]["reviewed"] == (str(fields["reviewed"]) if "reviewed" in fields else None)
        assert records[slug]["easy_summary"] == (fields["easy_summary"].strip() if "easy_summary" in fields else None)


def test_approved_quotes_are_in_the_json_and_the_csv(published_site):
    records = {record["id"]: record for record in load(published_site, "/daten/geschichten.json")["stories"]}
    rows = {row["id"]: row for row in read_csv(published_site, "/daten/geschichten.csv")}
    quoted = {slug: fields["quotes"] for slug, fields in published(sample_stories()).items() if fields.get("quotes")}
    assert quoted, "the sample content has stories with quotes"
    for slug, quotes in quoted.items():
        assert [(q["text"], q["by"]) for q in records[slug]["quotes"]] == [(q["text"].strip(), q["by"].strip()) for q in quotes]
        assert all(f"„{q['text'].strip()}“" in rows[slug]["quotes"] for q in quotes)
    assert all(record["quotes"] == [] for slug, record in records.items() if slug not in quoted)


def test_actors_json_and_geojson(published_site):
    data = load(published_site, "/daten/akteure.json")
    assert [record["id"] for record in data["actors"]] == actor_ids()
    by_id = {record["id"]: record for record in data["actors"]}
    labor = by_id["buergerlabor-leipziger-osten"]
    assert labor["type"] == {"id": "initiative", "label": "Initiative"}
    assert labor["geo"] == {"lat": 51.3455, "lon": 12.4062}
    assert labor["aliases"] == [f"{PUBLIC}/akteure/stadtteillabor-leipzig-ost/"]
    geo = load(published_site, "/daten/akteure.geojson")
    with_geo = {actor_id for actor_id, record in by_id.items() if record["geo"]}
    assert {feature["id"] for feature in geo["features"]} == with_geo
    feature = next(f for f in geo["features"] if f["id"] == "buergerlabor-leipziger-osten")
    assert feature["geometry"]["coordinates"] == [12.4062, 51.3455], "GeoJSON puts longitude first"


def test_csv_for_german_spreadsheets(published_site):
    stories = read_csv(published_site, "/daten/geschichten.csv")
    assert len(stories) == load(published_site, "/daten/geschichten.json")["count"]
    row = next(r for r in stories if r["id"] == "schuldnerberatung-per-video-erzgebirge")
    assert row["themes"] == "beratung | digitale-teilhabe | armut-wohnungslosigkeit"
    assert row["theme_labels"] == "Beratung | Digitale Teilhabe | Armut und Wohnungslosigkeit"
    assert row["featured"] == "true"
    raw = published_site.file("/daten/geschichten.csv").read_bytes()
    assert b"\r\n" in raw and raw.decode("utf-8-sig").splitlines()[0].startswith("id;url;title;")
    actors = {r["id"]: r for r in read_csv(published_site, "/daten/akteure.csv")}
    assert actors["buergerlabor-leipziger-osten"]["lat"] == "51,3455", "decimal comma, as German Excel expects"
    with open(os.path.join(ROOT, "content", "actors", "tandemwerk-chemnitz.yml"), encoding="utf-8") as handle:
        address = yaml.safe_load(handle)["address"]
    assert actors["tandemwerk-chemnitz"]["address"] == f"{address['street']}, {address['postcode']} {address['city']}"


def test_spreadsheet_cells_cannot_start_formulas():
    assert cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert cell("+49 351 000000") == "'+49 351 000000"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("Beratung") == "Beratung"
    assert cell(True) == "true" and cell(None) == "" and cell(12.5) == "12,5" and cell(2015) == "2015"


HOSTILE_STARTS = ["\u00a0=HYPERLINK(\"https://evil.example\";\"x\")", " +1+cmd|' /C calc'!A0", "\u202f-2+3", "\u3000＝1+1", "\u2003@SUM(1)",
                  "\u200b=1", "\ufeff+1", "  \u00a0 ＠x"]


def test_formulas_behind_blanks_are_defused_in_the_built_csv(site_files, build):
    """Values whose first visible character starts a formula, behind any kind of space, stay text in a spreadsheet."""
    site_files.minimal()
    for number, start in enumerate(HOSTILE_STARTS):
        site_files.story(f"formel-{number}", story_fields(title=f"{start} Titel", summary=f"{start} " + "Eine Zusammenfassung mit genug Text. " * 2))
    site_files.actor("beratungsverein", actor_fields(name=f"{HOSTILE_STARTS[0]} Verein", short_name="\u2007=1",
                                                     address={"street": "\u00a0@Markt 1", "postcode": "09456", "city": "Annaberg"}))
    # The checker refuses such texts; built without it, the CSV writer must defuse them on its own.
    site = build(site_files, settings_file(site_files.root, CONTENT_CONTRACT_CHECK=False))
    stories = {row["id"]: row for row in read_csv(site, "/daten/geschichten.csv")}
    for number, start in enumerate(HOSTILE_STARTS):
        row = stories[f"formel-{number}"]
        assert row["title"] in ("'" + f"{start} Titel", "'" + f"{start} Titel".strip()), row["title"]
        assert row["summary"].startswith("'"), row["summary"]
    actor = next(row for row in read_csv(site, "/daten/akteure.csv") if row["id"] == "beratungsverein")
    assert actor["name"].startswith("'\u00a0=") and actor["short_name"] == "'\u2007=1" and actor["address"].startswith("'")
    for path in ("/daten/geschichten.csv", "/daten/akteure.csv"):
        for row in read_csv(site, path):
            for value in row.values():
                visible = value.lstrip("".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u200b\ufeff")
                assert not visible.startswith(("=", "+", "@", "＝", "＋", "＠")) or value.startswith("'"), (path, value)
    assert cell("\r\n=1+1").startswith("'"), "a line break before a formula (the build refuses control characters in fields)"
    assert cell("\u00a0Beratung") == "\u00a0Beratung" and cell("Kosten: -5 €") == "Kosten: -5 €", "only what starts a formula is touched"


def test_drafts_never_appear_in_the_data(sample_site):
    draft_slugs = set(drafts(sample_stories()))
    assert draft_slugs
    stories = load(sample_site, "/daten/geschichten.json")["stories"]
    assert not draft_slugs & {record["id"] for record in stories}
    for record in load(sample_site, "/daten/akteure.json")["actors"]:
        assert not draft_slugs & {story["id"] for story in record["stories"]}
    for name in ("geschichten.csv", "akteure.csv"):
        text = sample_site.file(f"/daten/{name}").read_text(encoding="utf-8-sig")
        assert not any(f"/geschichten/{slug}/" in text for slug in draft_slugs)


def test_data_page_describes_each_file_with_schema_and_licence(published_site):
    soup = published_site.html("/daten/")
    links = {a["href"] for a in soup.select(".app-data-list__title a")}
    assert links == {f"{PUBLIC}/daten/{name}" for name in
                     ("geschichten.json", "geschichten.csv", "akteure.json", "akteure.csv", "akteure.geojson")}
    assert all(published_site.exists(link.removeprefix(PUBLIC)) for link in links)
    schema_links = {a["href"] for a in soup.select(".app-data-list__meta a")}
    assert {f"{PUBLIC}/daten/schema/{name}.schema.json" for name in SCHEMAS} == schema_links
    licence = soup.find(id="lizenz").find_parent("section")
    assert licence.select_one("a[href='https://creativecommons.org/licenses/by/4.0/']") is not None
    root = ET.parse(published_site.file("/sitemap.xml")).getroot()
    locations = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"{PUBLIC}/daten/" in locations
    assert not [loc for loc in locations if loc.endswith((".json", ".csv", ".geojson", ".xml"))]


def test_exports_are_byte_for_byte_the_same_for_the_same_content(site_files, tmp_path):
    from conftest import build_or_fail

    site_files.minimal()
    site_files.story("zweite", story_fields(title="Zweite Geschichte", date="2025-03-14"))
    address = {"street": "Markt 1", "postcode": "09456", "city": "Annaberg"}
    site_files.actor("beratungsverein", actor_fields(geo={"lat": 50.6, "lon": 12.9}, address=address))
    first = build_or_fail(site_files.content, str(tmp_path / "eins"), "publishconf.py")
    second = build_or_fail(site_files.content, str(tmp_path / "zwei"), "publishconf.py")
    for path in ("daten/geschichten.json", "daten/geschichten.csv", "daten/akteure.json", "daten/akteure.csv",
                 "daten/akteure.geojson", "feeds/geschichten.atom.xml", "feeds/themen/pflege-gesundheit.atom.xml"):
        assert (first.output / path).read_bytes() == (second.output / path).read_bytes(), path
    stories = json.loads((first.output / "daten/geschichten.json").read_text(encoding="utf-8"))["stories"]
    assert [s["id"] for s in stories] == ["beratung-per-video", "zweite"], "same date: ordered by slug"
    errors = list(validator("akteure").iter_errors(json.loads((first.output / "daten/akteure.json").read_text(encoding="utf-8"))))
    assert errors == []


def test_data_files_that_cannot_be_written_stop_the_build_with_a_message(site_files, tmp_path):
    """The files are worked out in a process of their own; its failure still stops the build, in German, without a traceback."""
    from sitefiles import run_build

    site_files.minimal()
    settings = settings_file(site_files.root, OPEN_DATA_SCHEMA_PATH=str(tmp_path / "fehlt"))
    output = tmp_path / "output"
    result = run_build(site_files.content, str(output), settings)
    assert result.returncode != 0
    assert "Offene Daten: Die Dateien in /daten/ konnten nicht geschrieben werden" in result.stderr, result.stderr
    assert "fehlt" in result.stderr and "Traceback" not in result.stderr
    assert not output.exists(), "no half-built site is published"
    assert not [name for name in os.listdir(tmp_path) if name.startswith("output")], "nor left beside it"
