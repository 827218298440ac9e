"""`make story TITLE="…"` and `make actor NAME="…"`: a new draft with every field explained from the schema, never overwriting."""

from __future__ import annotations

import datetime
import logging
import os
import re
import subprocess

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from sinn_content_contract import check_site
from sinn_content_contract.frontmatter import ContentLoader
from sitefiles import ROOT, SiteFiles
from tools import scaffold, scaffold_template
from tools.scaffold_names import actor_id
from tools.schema_fields import KINDS, fields, load_schema

STORY_ONLY = {"reviewed", "reviewed_by", "easy_summary", "transfer", "adapted_from"}
# What a new file leaves for the editor: the required fields the checker names until they are filled in.
LEFT_TO_FILL = {
    "story": {"summary", "themes", "regions", "stage", "actors", "image.src", "image.alt", "image.credit", "image.license"},
    "actor": {"type", "regions", "description"},
}


def create(site: SiteFiles, kind: str, label: str) -> int:
    return scaffold.main([kind, label, "--content", site.content])


def read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def front_matter(kind: str, text: str) -> str:
    return text.split("---\n")[1] if kind == "story" else text


def switched_on(kind: str) -> dict:
    """The template as a document with every commented example switched on, placeholders filled in."""
    template = scaffold_template.read_template(kind)
    lines = []
    for block in template.blocks:
        lines += [line[2:] if block.commented else line for line in block.lines]
    values = {"today": "2025-03-14", "slug": "neu", "title": '"Neu"', "name": '"Neu e. V."', "logo_alt": '"Logo: Schriftzug Neu"'}
    return yaml.load("\n".join(lines).format(**values), Loader=ContentLoader)


def paths_in(document, prefix: str = "", free_form: frozenset = frozenset()) -> set[str]:
    """Every field path of a document as the schema tools name them: image.alt, facts[].label."""
    found = set()
    for name, value in document.items():
        label = prefix + name
        found.add(label)
        if label in free_form:
            continue  # social: any network name is a field
        for entry in value if isinstance(value, list) else [value]:
            if isinstance(entry, dict):
                found |= paths_in(entry, f"{label}[]." if isinstance(value, list) else f"{label}.", free_form)
    return found


def schema_labels(kind: str) -> dict:
    return {entry.label: entry for top in fields(kind) for entry in top.walk()}


def offered(kind: str) -> set[str]:
    free_form = frozenset(label for label, entry in schema_labels(kind).items() if entry.schema.get("type") == "object" and not entry.children)
    return paths_in(switched_on(kind), free_form=free_form)


def parent_label(label: str) -> str | None:
    return label.rsplit(".", 1)[0].removesuffix("[]") if "." in label else None


def schema_validator(kind: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        (load_schema(other)["$id"], Resource.from_contents(load_schema(other))) for other in KINDS)
    return Draft202012Validator(load_schema(kind), registry=registry)


def rel(path) -> str:
    return ".".join(str(step) for step in path)


def problems(site: SiteFiles) -> list[str]:
    return [p.format() for p in check_site(site.content).report.problems]


# --- the templates against the schema, both ways ---------------------------------------------------------------

@pytest.mark.parametrize("kind", ["story", "actor"])
def test_every_field_of_a_template_is_in_the_schema_at_its_place(kind):
    unknown = offered(kind) - set(schema_labels(kind))
    assert not unknown, f"{kind}: the template offers fields the checker rejects: {sorted(unknown)}"


@pytest.mark.parametrize("kind", ["story", "actor"])
def test_every_field_of_the_schema_is_in_its_template_or_left_out_on_purpose(kind):
    present, left_out = offered(kind), scaffold_template.LEFT_OUT[kind]
    missing = set()
    for label, entry in schema_labels(kind).items():
        parent = parent_label(label)
        if entry.required and (parent is None or parent in present) and label not in present:
            missing.add(label)  # required here, and the part it belongs to is in the template
        elif not entry.required and label not in present and label not in left_out:
            missing.add(label)
    assert not missing, f"{kind}: add to tools/scaffold_templates/ or to LEFT_OUT with a reason: {sorted(missing)}"
    assert not left_out & present, "a field in LEFT_OUT is in the template after all"
    assert left_out <= set(schema_labels(kind)), "LEFT_OUT names a field the schema lacks"
    blocks = {block.name: block for block in scaffold_template.read_template(kind).blocks}
    switched_off = [entry.name for entry in fields(kind) if entry.required and blocks[entry.name].commented]
    assert not switched_off, f"required fields must not start behind #: {switched_off}"


@pytest.mark.parametrize("kind", ["story", "actor"])
def test_every_example_in_a_template_keeps_the_rules_and_only_placeholders_are_empty(kind):
    failing = {".".join(map(str, error.absolute_path)) for error in schema_validator(kind).iter_errors(switched_on(kind))}
    assert failing <= LEFT_TO_FILL[kind]


def test_a_hand_written_comment_in_a_template_is_refused(tmp_path, monkeypatch):
    """Explanations come from the schema; a comment between the fields would drift from it."""
    (tmp_path / "actor.yml").write_text("# Kopf\nname: {name}\n# Der Typ des Akteurs.\ntype: \"\"\n", encoding="utf-8")
    monkeypatch.setattr(scaffold_template, "TEMPLATE_DIR", str(tmp_path))
    with pytest.raises(scaffold_template.TemplateError, match=r"actor\.yml:3"):
        scaffold_template.read_template("actor")


@pytest.mark.parametrize("kind", ["story", "actor"])
def test_the_comment_above_each_field_is_its_description_from_the_schema(site_files, kind):
    site_files.minimal()
    create(site_files, kind, "Neuer Verein" if kind == "actor" else "Neue Geschichte")
    path = site_files.path("actors/neuer-verein.yml" if kind == "actor" else "stories/neue-geschichte.md")
    lines = front_matter(kind, read(path)).splitlines()
    template = scaffold_template.read_template(kind)
    entries = {entry.name: entry for entry in fields(kind)}
    position = len(template.header)
    for block in template.blocks:
        start = position
        while not lines[position].startswith((f"{block.name}:", f"# {block.name}:")):
            position += 1
        comment = " ".join(line[2:] for line in lines[start:position])
        entry = entries[block.name]
        assert all(line.startswith("#") for line in lines[start:position]), block.name
        assert comment.startswith("Pflicht." if entry.required else "Freiwillig."), (block.name, comment)
        assert " ".join(entry.description.split()) in comment, block.name
        for child in entry.children:
            assert f"{child.name} ({'Pflicht' if child.required else 'freiwillig'}): {child.description.split()[0]}" in comment
        position += len(block.lines) if block.name != "legal_form" else 1


# --- what a new editor gets -----------------------------------------------------------------------------------

def test_story_gets_a_transliterated_slug_today_and_draft(site_files):
    site_files.minimal()
    assert create(site_files, "story", "Grüße aus Großenhain: Ärger über Öffnungszeiten") == 0
    path = site_files.path("stories/gruesse-aus-grossenhain-aerger-ueber-oeffnungszeiten.md")
    data = yaml.safe_load(front_matter("story", read(path)))
    assert data["title"] == "Grüße aus Großenhain: Ärger über Öffnungszeiten"
    assert data["slug"] == "gruesse-aus-grossenhain-aerger-ueber-oeffnungszeiten"
    assert str(data["date"]) == datetime.date.today().isoformat()
    assert data["status"] == "draft"
    assert "Erlaubt: pflege-gesundheit, beratung" in read(path).replace("\n# ", " ")


def test_actor_offers_only_actor_fields_and_keeps_the_legal_form_in_the_file(site_files, caplog):
    caplog.set_level(logging.INFO)
    site_files.minimal()
    assert create(site_files, "actor", "Rollwerk Görlitz e. V.") == 0
    text = read(site_files.path("actors/rollwerk-goerlitz.yml"))
    named = set(re.findall(r"^(?:# )?([a-z_]+):", text, re.MULTILINE))
    assert not named & STORY_ONLY
    assert named <= set(load_schema("actor")["properties"])
    data = yaml.safe_load(text)
    assert data["name"] == "Rollwerk Görlitz e. V."
    assert data["legal_form"] == "e. V."
    assert f"angelegt am {datetime.date.today().isoformat()}" in text
    assert "actors: [rollwerk-goerlitz]" in text
    assert "Angelegt: " in caplog.text and "(Kennung rollwerk-goerlitz)" in caplog.text


@pytest.mark.parametrize("kind", ["story", "actor"])
def test_checker_names_exactly_what_is_left_to_fill_in(site_files, kind):
    """As today: a new draft is checked like any file, and the checker's list is the editor's to-do list."""
    site_files.minimal()
    create(site_files, kind, "Neuer Verein" if kind == "actor" else "Neue Geschichte")
    errors = [message for message in problems(site_files) if ": Warnung: " not in message]
    named = {re.match(r"^[^:]+:\d+: ([a-z_.]+):", message)[1] for message in errors}
    assert named == LEFT_TO_FILL[kind], errors


def test_new_story_checks_clean_once_filled_in(site_files):
    site_files.minimal()
    create(site_files, "story", "Neue Geschichte")
    text = read(site_files.path("stories/neue-geschichte.md"))
    filled = (text.replace('summary: ""', "summary: Ein kurzer Anreißer.")
              .replace("themes: []", "themes: [beratung]").replace("regions: []", "regions: [dresden]")
              .replace('stage: ""', "stage: idee").replace("actors: []", "actors: [beratungsverein]")
              .replace('alt: ""', "alt: Menschen an einem Tisch").replace('credit: ""', "credit: Foto von Anna")
              .replace('license: ""', "license: CC BY 4.0") + "Ein Satz mit genau zehn Wörtern für den Text hier. " * 8)
    site_files.write("stories/neue-geschichte.md", filled)
    site_files.image("images/stories/neue-geschichte.jpg")
    assert problems(site_files) == []


def test_new_actor_checks_clean_once_filled_in(site_files):
    site_files.minimal()
    create(site_files, "actor", "Neuer Verein gGmbH")
    text = read(site_files.path("actors/neuer-verein.yml"))
    filled = (text.replace('type: ""', "type: initiative").replace("regions: []", "regions: [leipzig]")
              .replace("description: |\n", "description: |\n  Der Verein hilft Nachbarn.\n"))
    site_files.write("actors/neuer-verein.yml", filled)
    assert problems(site_files) == []


# --- file names -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected_id", "legal_form"), [
    ("Rollwerk Görlitz e. V.", "rollwerk-goerlitz", "e. V."),
    ("Familienwerk Vogtland e.V.", "familienwerk-vogtland", "e.V."),
    ("Tandemwerk Chemnitz eV", "tandemwerk-chemnitz", "eV"),
    ("Straßenkinder Chemnitz (e.V.)", "strassenkinder-chemnitz", "(e.V.)"),
    ("Lebenshilfe Oberlausitz gGmbH", "lebenshilfe-oberlausitz", "gGmbH"),
    ("Startwerk UG (haftungsbeschränkt)", "startwerk", "UG (haftungsbeschränkt)"),
    ("Wohnen für alle eG", "wohnen-fuer-alle", "eG"),
    ("Café Grün GmbH & Co. KG", "cafe-gruen", "GmbH & Co. KG"),
    ("Arbeit und Leben gemeinnützige Gesellschaft mbH", "arbeit-und-leben", "gemeinnützige Gesellschaft mbH"),
    ("Sozialbau AG", "sozialbau", "AG"),
    ("Inklusionswerk gAG", "inklusionswerk", "gAG"),
    ("Diakonisches Werk KdöR", "diakonisches-werk", "KdöR"),
    ("Bürgerstiftung Dresden, Stiftung bürgerlichen Rechts", "buergerstiftung-dresden", "Stiftung bürgerlichen Rechts"),
    ("e.V. Nachbarschaftshilfe Zittau", "nachbarschaftshilfe-zittau", "e.V."),
    ("gGmbH Lebenswerk", "lebenswerk", "gGmbH"),
    # Names, not legal forms: "Stiftung" alone, Ev. (evangelisch), a leading AG (Arbeitsgemeinschaft), a Theater-AG.
    ("Stiftung Frauenkirche Dresden", "stiftung-frauenkirche-dresden", ""),
    ("Freudenberg Stiftung", "freudenberg-stiftung", ""),
    ("Ev. Kirchgemeinde Bautzen", "ev-kirchgemeinde-bautzen", ""),
    ("AG Wohnen Leipzig", "ag-wohnen-leipzig", ""),
    ("Schule am Park Theater-AG", "schule-am-park-theater-ag", ""),
])
def test_actor_ids_leave_out_the_legal_form(name, expected_id, legal_form):
    assert actor_id(name) == (expected_id, legal_form)


def test_long_names_give_a_bounded_id_cut_between_words(site_files):
    site_files.minimal()
    name = "Landesarbeitsgemeinschaft der Freien Wohlfahrtspflege im Freistaat Sachsen für Nachbarschaftshilfe e. V."
    assert create(site_files, "actor", name) == 0
    stem = "landesarbeitsgemeinschaft-der-freien-wohlfahrtspflege-im"
    assert len(stem) <= 60
    assert os.path.exists(site_files.path(f"actors/{stem}.yml"))


def test_scaffold_refuses_to_overwrite(site_files, caplog):
    site_files.minimal()
    path = site_files.story("neue-geschichte")
    before = read(path)
    assert create(site_files, "story", "Neue Geschichte") == 1
    assert read(path) == before
    assert "gibt es schon; nichts wurde überschrieben" in caplog.text


def test_an_actor_under_another_legal_form_is_the_same_actor(site_files, caplog):
    site_files.minimal()
    assert create(site_files, "actor", "Rollwerk Görlitz e. V.") == 0
    before = read(site_files.path("actors/rollwerk-goerlitz.yml"))
    assert create(site_files, "actor", "Rollwerk Görlitz gGmbH") == 1
    assert read(site_files.path("actors/rollwerk-goerlitz.yml")) == before
    assert "Gibt es den Akteur schon? Dann nennen Sie ihn in Geschichten unter actors: [rollwerk-goerlitz]." in caplog.text


def tree_of(root) -> set[str]:
    return {os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names}


@pytest.mark.parametrize(("kind", "label", "message"), [
    ("actor", "", 'Bitte einen Namen angeben, z. B.: make actor NAME="Familienwerk Vogtland e. V."'),
    ("story", "   ", 'Bitte einen Titel angeben, z. B.: make story TITLE='),
    ("actor", "../../etc/passwd", 'Der Name enthält "/" oder "\\". Bitte nur den Namen angeben, keinen Pfad'),
    ("story", "Arbeit/Bildung", "Statt „Arbeit/Bildung“ z. B. „Arbeit und Bildung“"),
    ("actor", "..\\..\\verein", 'enthält "/" oder "\\"'),
    ("actor", "..", "Der Name sieht aus wie ein Dateiname."),
    ("actor", ".env", "Der Name sieht aus wie ein Dateiname."),
    ("story", "neue-geschichte.md", "Der Titel sieht aus wie ein Dateiname."),
    ("actor", "Verein\nname: böse", "Der Name enthält ein unsichtbares Steuerzeichen"),
    ("actor", "Verein\u202egnu", "Der Name enthält ein unsichtbares Steuerzeichen"),
    ("actor", "e. V.", "Der Name besteht nur aus der Rechtsform „e. V.“. Bitte den ganzen Namen angeben"),
    ("actor", "gGmbH", "besteht nur aus der Rechtsform „gGmbH“"),
    ("actor", "🌻🌻🌻", "enthält keine Buchstaben a–z oder Ziffern"),
    ("story", "!!!", "enthält keine Buchstaben a–z oder Ziffern"),
    ("actor", "Общество помощи", "Bitte mit lateinischen Buchstaben schreiben."),
    ("actor", "Verein " * 30, "erlaubt sind höchstens 160. Bitte kürzen."),
    ("story", "Suche", '"suche" ist eine feste Adresse der Website'),
])
def test_odd_names_get_a_german_error_and_no_file(site_files, caplog, kind, label, message):
    site_files.minimal()
    before = tree_of(site_files.root)
    assert create(site_files, kind, label) == 2
    assert message in caplog.text
    assert tree_of(site_files.root) == before


def test_a_linked_folder_leading_out_of_content_is_refused(site_files, tmp_path, caplog):
    outside = tmp_path / "anderswo"
    outside.mkdir()
    os.symlink(outside, site_files.path("actors"))
    assert create(site_files, "actor", "Neuer Verein") == 2
    assert "content/actors/ ist eine Verknüpfung an einen Ort außerhalb von content/" in caplog.text
    assert list(outside.iterdir()) == []


def test_a_link_in_place_of_the_new_file_is_not_written_through(site_files, tmp_path):
    site_files.minimal()
    target = tmp_path / "ziel.txt"
    os.makedirs(site_files.path("actors"), exist_ok=True)
    os.symlink(target, site_files.path("actors/neuer-verein.yml"))
    assert create(site_files, "actor", "Neuer Verein") == 1
    assert not target.exists()


@pytest.mark.parametrize(("target", "variable"), [("story", "TITLE"), ("actor", "NAME")])
def test_make_targets_hand_the_title_to_the_scaffold_as_text(tmp_path, target, variable):
    """A title with backticks or $(…) reaches the tool as it was typed and never runs as a command."""
    marker = tmp_path / "ausgefuehrt"
    title = f'Verein `touch {marker}` $(touch {marker}) "x"'
    echo = tmp_path / "echo-args"
    echo.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n', encoding="utf-8")
    echo.chmod(0o755)
    # -o: the virtual environment counts as up to date (the echo stands in for its Python).
    process = subprocess.run(["make", "-s", "-C", ROOT, "-o", ".venv/.build-deps", target, f"{variable}={title}", f"PY={echo}"],
                             capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stderr
    assert process.stdout.splitlines() == ["-m", "tools.scaffold", target, title]
    assert not marker.exists()
