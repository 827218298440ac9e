"""The content contract's parts: the schemas as the one source of truth, reading files, formats."""

from __future__ import annotations

import json
import os

import pytest
from jsonschema import Draft202012Validator

from sinn_content_contract import check_site, read_document
from sinn_content_contract.formats import slugify, suggest_date, unsafe_scheme
from sinn_content_contract.frontmatter import ContentSyntaxError, Source, load_yaml, locate, value_line
from sitefiles import BODY, ROOT, STORY_YAML


@pytest.mark.parametrize("name", ["story", "actor", "page"])
def test_schema_files_are_valid_json_schemas_for_editors(name):
    with open(os.path.join(ROOT, "schema", f"{name}.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for field, definition in schema["properties"].items():
        assert definition.get("description") or "$ref" in definition, f"{name}.{field} needs a German description"


def test_the_checker_reads_the_schema_files(site_files, tmp_path, monkeypatch):
    """One source of truth: a field made required in schema/story.schema.json is required by `make check`."""
    from sinn_content_contract import validate

    folder = tmp_path / "schema"
    folder.mkdir()
    for name in validate.SCHEMA_FILES.values():
        with open(os.path.join(ROOT, "schema", name), encoding="utf-8") as handle:
            schema = json.load(handle)
        if name == "story.schema.json":
            schema["required"].append("target_groups")
        (folder / name).write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(validate, "SCHEMA_DIR", str(folder))
    validate._schemas.cache_clear()
    validate._json_validators.cache_clear()
    try:
        site_files.minimal()
        messages = [p.format() for p in check_site(site_files.content).report.problems]
    finally:
        monkeypatch.undo()
        validate._schemas.cache_clear()
        validate._json_validators.cache_clear()
    assert [m.split(":", 2)[2] for m in messages] == [" target_groups: Pflichtfeld fehlt. Zielgruppen (ids aus content/data/target_groups.yml)."]


def test_dates_stay_text_and_yaml_booleans_stay_yaml(site_files):
    path = site_files.write("stories/a.md", f"---\n{STORY_YAML}featured: true\n---\n\n{BODY}")
    document = read_document("story", path)
    assert document.data["date"] == "2025-03-14"
    assert document.data["featured"] is True
    assert document.id == "a"


def test_slug_field_sets_the_id_only_when_it_is_text(site_files):
    assert read_document("story", site_files.write("stories/a.md", f"---\n{STORY_YAML}slug: b\n---\n")).id == "b"
    assert read_document("story", site_files.write("stories/a.md", f"---\n{STORY_YAML}slug: [b]\n---\n")).id == "a"


def test_duplicate_keys_are_remembered_with_their_lines():
    source = Source(yaml_text="title: a\nimage:\n  alt: x\n  alt: y\ntitle: b\n", yaml_first_line=2)
    assert load_yaml(source)["title"] == "b"
    assert sorted(source.duplicate_keys) == [("alt", 5, 4), ("title", 6, 2)]


def test_locate_finds_keys_items_and_the_nearest_parent():
    source = Source(yaml_text="title: a\nthemes:\n  - x\n  - y\nimage:\n  src: b\ndescription: |\n  Text\n", yaml_first_line=2)
    load_yaml(source)
    assert locate(source, ["themes", 1]) == 5
    assert locate(source, ["image", "alt"]) == 6
    assert locate(source, ["image", "src"]) == 7
    assert locate(source, ["nothing"]) == 2
    assert value_line(source, ["description"]) == 9
    assert value_line(source, ["title"]) == 2


def test_locate_composes_the_yaml_only_once():
    source = Source(yaml_text="title: a\n", yaml_first_line=2)
    locate(source, ["title"])
    node = source.node()
    locate(source, ["title"])
    assert source.node() is node


def test_syntax_error_has_line_and_column():
    source = Source(yaml_text="title: ok\nsummary: a: b\n", yaml_first_line=2)
    with pytest.raises(ContentSyntaxError) as caught:
        load_yaml(source)
    assert (caught.value.line, caught.value.column) == (3, 11)


@pytest.mark.parametrize(("text", "slug"), [
    ("Grüße aus Großenhain", "gruesse-aus-grossenhain"),
    ("ÄRGER über Öl", "aerger-ueber-oel"),
    ("Café & Co. – 2025!", "cafe-co-2025"),
    ("  --  ", ""),
])
def test_slugify_transliterates_german(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(("written", "suggested"), [
    ("12.03.2024", "2024-03-12"), ("1.3.24", "2024-03-01"), ("2024-3-1", "2024-03-01"),
    ("2024/03/12", "2024-03-12"), ("2024-03-12 10:00", "2024-03-12"), ("31.02.2024", None), ("März 2024", None),
])
def test_date_suggestions(written, suggested):
    assert suggest_date(written) == suggested


@pytest.mark.parametrize(("value", "scheme"), [
    ("javascript:alert(1)", "javascript"), (" JaVaScRiPt:x", "javascript"), ("java\tscript:x", "javascript"),
    ("&#106;avascript:x", "javascript"), ("data:text/html,x", "data"), ("vbscript:x", "vbscript"),
    ("https://www.beispiel.de", None), ("Open Data: neue Ideen", None), ("mailto:a@b.de", None),
])
def test_unsafe_schemes(value, scheme):
    assert unsafe_scheme(value) == scheme


def test_checking_on_two_cores_reports_exactly_what_one_process_reports(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    (content / "stories" / "kaputt.md").write_text("---\ntitle: [ohne Ende\n---\nText\n", encoding="utf-8")
    (content / "stories" / "falsches-thema.md").write_text(f"---\n{STORY_YAML.replace('[beratung]', '[gibt-es-nicht]')}---\n{BODY}", encoding="utf-8")

    def run(workers):
        result = check_site(str(content), {"CONTENT_CONTRACT_WORKERS": workers, "CONTENT_CONTRACT_PARALLEL_MINIMUM": 1})
        documents = {kind: [(d.path, d.data) for d in items] for kind, items in result.documents.items()}
        return [p.format() for p in result.report.sorted()], result.report.files_checked, documents

    serial, parallel = run(1), run(2)
    assert parallel == serial
    assert any("kaputt.md" in line for line in serial[0]) and any("gibt-es-nicht" in line for line in serial[0])
