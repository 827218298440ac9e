"""`make check` on the fields of the replication guide, adapted_from, review dates and easy_summary."""

from __future__ import annotations

import yaml

from sitefiles import check_in_process, story_fields

STORY = "content/stories/beratung-per-video.md"
GUIDE = {"costs": {"min": 5000, "max": 12000}, "staff": "zwei Teilzeitstellen", "duration": "sechs Monate"}


TODAY = "2025-06-01"  # after the sample story's date, so the checker's result does not depend on the clock


def check(site, **fields):
    site.minimal()
    site.story("beratung-per-video", story_fields(**fields))
    return check_in_process(site.content, "--today", TODAY)


def problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("content/")]


def test_a_complete_guide_checks_clean(site_files):
    site_files.write("files/checkliste.pdf", b"%PDF-1.4\n")
    guide = {**GUIDE, "lessons": ["Klein anfangen."], "materials": [{"title": "Checkliste", "file": "files/checkliste.pdf"}]}
    code, output = check(site_files, transfer=guide, reviewed="2025-04-01", reviewed_by="Redaktion SINN")
    assert (code, problems(output)) == (0, []), output


def test_missing_material_file_names_story_field_and_file(site_files):
    guide = {**GUIDE, "materials": [{"title": "Checkliste", "file": "files/checkliste.pdf"}]}
    code, output = check(site_files, transfer=guide)
    assert code == 1
    assert f"{STORY}:26: transfer.materials[1].file: Die Datei content/files/checkliste.pdf gibt es nicht." in output


def test_material_outside_files_folder_or_with_url_and_file(site_files):
    site_files.write("images/plan.pdf", b"%PDF-1.4\n")
    guide = {**GUIDE, "materials": [
        {"title": "Plan", "file": "images/plan.pdf"},
        {"title": "Beides", "file": "files/a.pdf", "url": "https://www.beispiel.de/a"},
        {"title": "Nichts"},
    ]}
    code, output = check(site_files, transfer=guide)
    assert code == 1
    assert 'transfer.materials[1].file: "images/plan.pdf" liegt nicht im Ordner content/files/' in output
    assert "transfer.materials[2]: ist so nicht vollständig oder eindeutig. Ein Material braucht title und genau eines von beiden" in output
    assert "transfer.materials[3]: ist so nicht vollständig oder eindeutig." in output


def test_cost_range_must_be_numbers_in_order(site_files):
    code, output = check(site_files, transfer={**GUIDE, "costs": {"min": 12000, "max": 5000}})
    assert code == 1
    assert "transfer.costs.max: (5000) ist kleiner als min (12000)." in output
    code, output = check(site_files, transfer={**GUIDE, "costs": "5.000 bis 12.000 Euro"})
    assert "transfer.costs: erwartet wird eine Gruppe von Feldern" in output


def test_guide_needs_costs_staff_and_duration(site_files):
    code, output = check(site_files, transfer={"lessons": ["Klein anfangen."]})
    assert code == 1
    for name in ("costs", "staff", "duration"):
        assert f"transfer.{name}: Pflichtfeld fehlt." in output


def test_unknown_adapted_from_is_an_error_with_a_suggestion(site_files):
    site_files.story("schuldnerberatung-erzgebirge", story_fields(title="Das Vorbild"))
    code, output = check(site_files, adapted_from="schuldnerberatung-erzgebirg")
    assert code == 1
    assert (f'{STORY}:18: adapted_from: Es gibt keine Geschichte "schuldnerberatung-erzgebirg" '
            "(Datei content/stories/schuldnerberatung-erzgebirg.md oder slug: schuldnerberatung-erzgebirg). "
            'Meinten Sie "schuldnerberatung-erzgebirge"?') in output


def test_a_story_cannot_be_its_own_original(site_files):
    code, output = check(site_files, adapted_from="beratung-per-video")
    assert code == 1
    assert f'{STORY}:18: adapted_from: "beratung-per-video" ist diese Geschichte selbst.' in output


def test_original_must_be_published_in_the_public_build(site_files):
    from sinn_content_contract import check_site

    site_files.story("entwurf", story_fields(title="Entwurf", status="draft"))
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(adapted_from="entwurf"))
    public = check_site(site_files.content, {"STORIES_SHOW_DRAFTS": False}).report
    assert any("ist noch ein Entwurf" in p.message and p.field == "adapted_from" for p in public.errors)
    preview = check_site(site_files.content, {"STORIES_SHOW_DRAFTS": True}).report
    assert not [p for p in preview.errors if p.field == "adapted_from"]


def test_review_date_must_be_a_real_past_date_with_a_reviewer(site_files):
    code, output = check(site_files, reviewed="01.02.2025", reviewed_by="Redaktion SINN")
    assert code == 1
    assert 'reviewed: "01.02.2025" ist kein Datum im Format JJJJ-MM-TT. Schreiben Sie "2025-02-01".' in output
    code, output = check(site_files, reviewed="2025-02-01")
    assert code == 1
    assert "reviewed_by: fehlt: wer reviewed angibt, gibt auch reviewed_by an." in output
    code, output = check(site_files, reviewed="2025-06-02", reviewed_by="Redaktion SINN")
    assert code == 1
    assert "reviewed: liegt in der Zukunft (2025-06-02)." in output


def test_easy_summary_length_limits_and_long_sentences(site_files):
    code, output = check(site_files, easy_summary="Zu kurz.")
    assert code == 1
    assert "easy_summary: ist nur 8 Zeichen lang; nötig sind mindestens 80. Das Wichtigste der Geschichte in Leichter Sprache" in output
    long_sentence = ("Die Beratung findet per Video statt, weil viele Menschen im Erzgebirge weit weg von der "
                     "nächsten Beratungsstelle wohnen und keinen Bus haben.")
    code, output = check(site_files, easy_summary="Es gibt eine Beratung.\n" + long_sentence + "\nDie Beratung kostet nichts.")
    assert code == 0
    assert "Warnung: easy_summary: Der Satz \"Die Beratung findet per Video statt, …\" hat 22 Wörter." in output
    code, output = check(site_files, easy_summary="Ein Satz. " * 100)
    assert code == 1
    assert "easy_summary: ist 1000 Zeichen lang; erlaubt sind höchstens 900." in output


def test_the_schema_describes_every_new_field_for_editors():
    import json
    import os

    from sitefiles import ROOT

    with open(os.path.join(ROOT, "schema", "story.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    for name in ("transfer", "adapted_from", "reviewed", "reviewed_by", "easy_summary"):
        assert name in schema["properties"]
    transfer = schema["$defs"]["transfer"]
    assert "Euro pro Jahr" in transfer["properties"]["costs"]["description"]
    assert yaml.safe_dump(transfer)  # plain data, usable by editors' tools
