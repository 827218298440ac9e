"""CONTRIBUTING.md's field tables are written from the schemas' descriptions (`make docs`) and never drift from them."""

from __future__ import annotations

import os
import re

import pytest

from sitefiles import ROOT
from tools import schema_docs
from tools.schema_fields import fields


def contributing() -> str:
    with open(schema_docs.CONTRIBUTING, encoding="utf-8") as handle:
        return handle.read()


def between(document: str, kind: str) -> str:
    start, end = schema_docs.markers(kind)
    return document.split(start, 1)[1].split(end, 1)[0]


def test_contributing_is_up_to_date_with_the_schemas():
    assert schema_docs.update(contributing()) == contributing(), (
        "CONTRIBUTING.md passt nicht mehr zu schema/: bitte `make docs` ausführen und die Datei mit einchecken.")


@pytest.mark.parametrize("kind", schema_docs.DOCUMENTED)
def test_every_field_and_sub_field_has_a_row_with_its_description(kind):
    table = between(contributing(), kind)
    for top in fields(kind):
        for entry in top.walk():
            row = next((line for line in table.splitlines() if line.startswith(f"| `{entry.label}` |")), None)
            assert row, f"{entry.label} has no row"
            first_words = re.sub(r"[`\\]", "", row)
            assert " ".join(entry.description.split()[:3]) in first_words, entry.label
            assert ("| ja" in row) == entry.required, entry.label


def test_a_changed_description_shows_in_the_table_and_the_check_fails(tmp_path, monkeypatch, caplog):
    copy = tmp_path / "CONTRIBUTING.md"
    copy.write_text(contributing(), encoding="utf-8")
    assert schema_docs.main(["--check", "--file", str(copy)]) == 0
    story = [entry for entry in fields("story") if entry.name != "title"]
    title = next(entry for entry in fields("story") if entry.name == "title")
    title.schema = {**title.schema, "description": "Die Überschrift, neu beschrieben."}
    monkeypatch.setattr(schema_docs, "fields", lambda kind: [title, *story] if kind == "story" else fields(kind))
    assert schema_docs.main(["--check", "--file", str(copy)]) == 1
    assert "Bitte `make docs` ausführen" in caplog.text
    assert schema_docs.main(["--file", str(copy)]) == 0
    assert "| `title` | ja | Die Überschrift, neu beschrieben." in copy.read_text(encoding="utf-8")


def test_text_outside_the_markers_stays_as_it_is():
    document = contributing()
    start, end = schema_docs.markers("story")
    stale = document.replace(between(document, "story"), "\nalte Tabelle\n")
    updated = schema_docs.update(stale)
    assert updated == document
    assert updated.split(start)[0] == document.split(start)[0]
    assert "## Meldungen der Prüfung" in updated.split(end)[1]


def test_a_missing_marker_is_named():
    document = contributing().replace(schema_docs.markers("actor")[1], "")
    with pytest.raises(schema_docs.DocsError, match="felder:actor:end"):
        schema_docs.update(document)


def test_every_link_in_the_tables_leads_to_a_heading():
    document = contributing()
    anchors = {schema_docs.anchor(heading) for heading in schema_docs.headings_of(document)}
    for kind in schema_docs.DOCUMENTED:
        for target in re.findall(r"\]\((#[^)]+)\)", between(document, kind)):
            assert target in anchors, target


def test_make_docs_writes_the_tables():
    with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as handle:
        makefile = handle.read()
    assert re.search(r"^docs:.*\n\t\$\(PY\) -m tools\.schema_docs$", makefile, re.MULTILINE)
