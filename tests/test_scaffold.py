"""`make story TITLE="…"` and `make actor NAME="…"`: a new draft with every field explained, never overwriting."""

from __future__ import annotations

import datetime
import os
import re

import yaml

from sinn_content_contract import check_site
from sinn_content_contract.validate import schema_for
from sitefiles import ROOT, SiteFiles
from tools import scaffold


def create(site: SiteFiles, kind: str, label: str) -> tuple[int, str]:
    code = scaffold.main([kind, label, "--content", site.content])
    return code, site.content


def read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def fields_named_in(text: str) -> set[str]:
    """Top-level field names in a file, written out or commented out (`# name:`)."""
    return set(re.findall(r"^(?:# )?([a-z_]+):", text, re.MULTILINE))


def test_story_gets_a_transliterated_slug_today_and_draft(site_files):
    site_files.minimal()
    assert create(site_files, "story", "Grüße aus Großenhain: Ärger über Öffnungszeiten")[0] == 0
    path = site_files.path("stories/gruesse-aus-grossenhain-aerger-ueber-oeffnungszeiten.md")
    text = read(path)
    front_matter = yaml.safe_load(text.split("---\n")[1])
    assert front_matter["title"] == "Grüße aus Großenhain: Ärger über Öffnungszeiten"
    assert front_matter["slug"] == "gruesse-aus-grossenhain-aerger-ueber-oeffnungszeiten"
    assert str(front_matter["date"]) == datetime.date.today().isoformat()
    assert front_matter["status"] == "draft"


def test_story_names_every_field_of_the_contract_with_a_german_comment(site_files):
    site_files.minimal()
    create(site_files, "story", "Neue Geschichte")
    text = read(site_files.path("stories/neue-geschichte.md"))
    assert fields_named_in(text) >= set(schema_for("story")["properties"])
    lines = text.split("---\n")[1].splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            assert lines[number - 1].startswith("#"), f"no comment above {line!r}"
    assert "Erlaubt: pflege-gesundheit, beratung" in text


def test_actor_names_every_field_of_the_contract_with_a_german_comment(site_files):
    site_files.minimal()
    assert create(site_files, "actor", "Straßenkinder Chemnitz e.V.")[0] == 0
    text = read(site_files.path("actors/strassenkinder-chemnitz-e-v.yml"))
    assert fields_named_in(text) >= set(schema_for("actor")["properties"])
    assert f"angelegt am {datetime.date.today().isoformat()}" in text
    assert yaml.safe_load(text)["name"] == "Straßenkinder Chemnitz e.V."


def test_scaffold_refuses_to_overwrite(site_files, caplog):
    site_files.minimal()
    path = site_files.story("neue-geschichte")
    before = read(path)
    assert create(site_files, "story", "Neue Geschichte")[0] == 1
    assert read(path) == before
    assert "gibt es schon; nichts wurde überschrieben" in caplog.text


def test_scaffold_refuses_empty_and_reserved_names(site_files, caplog):
    site_files.minimal()
    assert create(site_files, "story", "   ")[0] == 2
    assert create(site_files, "story", "!!!")[0] == 2
    assert create(site_files, "story", "Suche")[0] == 2
    assert '"suche" ist eine feste Adresse der Website' in caplog.text
    assert not os.path.exists(site_files.path("stories/suche.md"))


def test_new_story_lists_what_is_left_to_fill_in_and_then_checks_clean(site_files):
    site_files.minimal()
    create(site_files, "story", "Neue Geschichte")
    path = site_files.path("stories/neue-geschichte.md")
    messages = [p.format() for p in check_site(site_files.content).report.problems]
    for field in ("summary", "themes", "regions", "stage", "actors", "image.src", "image.alt", "image.credit", "image.license"):
        assert any(f": {field}: " in message for message in messages), field
    text = read(path)
    filled = (text.replace('summary: ""', "summary: Ein kurzer Anreißer.")
              .replace("themes: []", "themes: [beratung]").replace("regions: []", "regions: [dresden]")
              .replace('stage: ""', "stage: idee").replace("actors: []", "actors: [beratungsverein]")
              .replace('alt: ""', "alt: Menschen an einem Tisch").replace('credit: ""', "credit: Foto von Anna")
              .replace('license: ""', "license: CC BY 4.0") + "Ein Satz mit genau zehn Wörtern für den Text hier. " * 8)
    site_files.write("stories/neue-geschichte.md", filled)
    site_files.image("images/stories/neue-geschichte.jpg")
    assert [p.format() for p in check_site(site_files.content).report.problems] == []


def test_new_actor_checks_clean_once_filled_in(site_files):
    site_files.minimal()
    create(site_files, "actor", "Neuer Verein")
    path = site_files.path("actors/neuer-verein.yml")
    text = read(path)
    filled = (text.replace('type: ""', "type: initiative").replace("regions: []", "regions: [leipzig]")
              .replace("description: |\n", "description: |\n  Der Verein hilft Nachbarn.\n"))
    site_files.write("actors/neuer-verein.yml", filled)
    assert [p.format() for p in check_site(site_files.content).report.problems] == []


def test_make_targets_call_the_scaffold():
    with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as handle:
        makefile = handle.read()
    assert '-m tools.scaffold story "$(TITLE)"' in makefile
    assert '-m tools.scaffold actor "$(NAME)"' in makefile

