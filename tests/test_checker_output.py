"""What `make check` prints: one line per problem, a German summary, JSON and GitHub annotations, exit codes."""

from __future__ import annotations

import json
import os

from sinn_content_contract import ERROR, WARNING, Problem, Report, check_site
from sitefiles import BODY, ROOT, STORY_YAML, check_in_process, run_check

STORY = "content/stories/beratung-per-video.md"


def story(site, front_matter: str = STORY_YAML, slug: str = "beratung-per-video", body: str = BODY):
    site.image()
    return site.write(f"stories/{slug}.md", f"---\n{front_matter}---\n\n{body}")


def test_problem_lines_have_the_form_path_line_field_message():
    assert Problem("content/stories/a.md", "ist leer.", "summary", 4).format() == "content/stories/a.md:4: summary: ist leer."
    assert Problem("content/stories/a.md", "zu kurz.", "Text", 9, WARNING).format() == "content/stories/a.md:9: Warnung: Text: zu kurz."
    assert Problem("content/actors/A.yml", "falscher Name.", "Dateiname").format() == "content/actors/A.yml: Dateiname: falscher Name."
    assert Problem("content/stories/a.md", "Kopfbereich fehlt.", line=1).format() == "content/stories/a.md:1: Kopfbereich fehlt."


def test_summary_in_singular_and_plural():
    report = Report(files_checked=1)
    assert report.summary() == "Keine Fehler: 1 Datei geprüft."
    report = Report(files_checked=3)
    report.add(Problem("a.md", "x", line=1))
    report.add(Problem("a.md", "y", line=2, severity=WARNING))
    assert report.summary() == "1 Fehler, 1 Warnung in 1 Datei (3 Dateien geprüft)."
    report.add(Problem("b.md", "x", line=1))
    report.add(Problem("b.md", "y", line=2, severity=WARNING))
    assert report.summary() == "2 Fehler, 2 Warnungen in 2 Dateien (3 Dateien geprüft)."


def test_the_same_problem_is_reported_once():
    report = Report()
    report.extend([Problem("a.md", "x", "f", 1), Problem("a.md", "x", "f", 1)])
    assert len(report.problems) == 1


def test_every_problem_at_once_sorted_by_file_and_line_then_the_summary(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("stage: pilot", "stage: start").replace("themes: [beratung]", "themes: [pflege]"), body="Kurz.\n")
    story(site_files, STORY_YAML.replace("date: 2025-03-14", "date: 14.03.2025"), slug="andere")
    code, output = check_in_process(site_files.content)
    lines = output.splitlines()
    assert code == 1
    assert [line.split(": ", 1)[0] for line in lines[:4]] == [
        "content/stories/andere.md:3", f"{STORY}:5", f"{STORY}:7", f"{STORY}:16",
    ]
    assert lines[4] == "3 Fehler, 1 Warnung in 2 Dateien (8 Dateien geprüft)."
    assert lines[5].startswith("Was die Meldungen bedeuten")


def test_warnings_alone_do_not_fail(site_files):
    site_files.minimal()
    story(site_files, body="Kurz.\n")
    code, output = check_in_process(site_files.content)
    assert code == 0
    assert output.splitlines()[-1] == "0 Fehler, 1 Warnung in 1 Datei (7 Dateien geprüft)."


def test_json_output(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("themes: [beratung]", "themes: [pflege]"), body="Kurz.\n")
    code, output = check_in_process(site_files.content, "--format", "json")
    data = json.loads(output)
    assert code == 1
    assert (data["errors"], data["warnings"], data["files_checked"], data["files_with_problems"]) == (1, 1, 7, 1)
    assert data["summary"] == "1 Fehler, 1 Warnung in 1 Datei (7 Dateien geprüft)."
    first = data["problems"][0]
    assert first == {
        "file": STORY, "line": 5, "column": None, "field": "themes[1]", "severity": "error",
        "message": first["message"], "text": f"{STORY}:5: themes[1]: {first['message']}",
    }
    assert first["message"].startswith('"pflege" ist kein bekanntes Themenfeld. Meinten Sie "pflege-gesundheit"?')
    assert data["problems"][1]["severity"] == "warning"


def test_github_annotations(site_files):
    site_files.minimal()
    story(site_files, STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", "title: Pflege: 100% neu"), body="Kurz.\n")
    story(site_files, slug="zweite", body="Kurz.\n")
    code, output = check_in_process(site_files.content, "--format", "github")
    lines = output.splitlines()
    assert code == 1
    assert lines[0].startswith(f"::error file={STORY},line=2,col=14,title=Inhaltsprüfung::Die Felder können nicht gelesen werden (Spalte 14)")
    assert lines[1].startswith(f"::warning file={STORY},line=16,title=Text::Text: hat nur 1 Wort.")  # read past the YAML error
    assert lines[2].startswith("::warning file=content/stories/zweite.md,line=16,title=Text::Text: hat nur 1 Wort.")
    assert lines[3] == "1 Fehler, 2 Warnungen in 2 Dateien (8 Dateien geprüft)."


def test_github_annotation_escapes_what_would_break_the_command():
    report = Report(problems=[Problem("content/a b.md", "100% kaputt\nzweite Zeile", "links.website", 3)], files_checked=1)
    assert report.render("github").splitlines()[0] == (
        "::error file=content/a b.md,line=3,title=links.website::links.website: 100%25 kaputt%0Azweite Zeile"
    )


def test_an_unexpected_exception_is_reported_in_that_file_and_checking_goes_on(site_files, monkeypatch):
    from sinn_content_contract import checks

    site_files.minimal()
    story(site_files, STORY_YAML.replace("stage: pilot", "stage: start"), slug="zweite")
    real = checks.check_dates

    def explode(data, today):
        if data.get("title") == "Kaputt":
            raise RuntimeError("interner Fehler")
        return real(data, today)

    monkeypatch.setattr(checks, "check_dates", explode)
    story(site_files, STORY_YAML.replace("title: Beratung per Video erreicht Dörfer", "title: Kaputt"), slug="kaputt")
    report = check_site(site_files.content).report
    lines = [p.format().replace(site_files.root + os.sep, "") for p in report.sorted()]
    assert lines[0].startswith("content/stories/kaputt.md: Diese Datei konnte nicht vollständig geprüft werden.")
    assert "bitte dem Technik-Team melden (Einzelheiten zeigt make check mit --debug)" in lines[0]
    assert "RuntimeError" not in lines[0], "editors get German, not the exception's English text"
    assert lines[1].startswith('content/stories/zweite.md:7: stage: "start" ist keine bekannte Phase.')
    assert [p.severity for p in report.problems] == [ERROR, ERROR]


def test_missing_content_folder_exits_2(tmp_path):
    process = run_check(str(tmp_path / "gibt-es-nicht"))
    assert process.returncode == 2
    assert "Ordner nicht gefunden" in process.stderr


def test_real_command_exits_1_without_traceback(site_files):
    site_files.minimal()
    site_files.write("stories/kaputt.md", b"\xff\xfe---\ntitle: [\n")
    story(site_files, STORY_YAML.replace("themes: [beratung]", "themes: [beratung"), slug="offen")
    process = run_check(site_files.content)
    assert process.returncode == 1
    assert "Traceback" not in process.stdout + process.stderr
    assert "2 Fehler, 0 Warnungen in 2 Dateien" in process.stdout


def newest_sample_date() -> str:
    """The latest date, modified or reviewed of the sample stories: a "today" that does not age with the clock."""
    import glob
    import re

    dates = []
    for path in glob.glob(os.path.join(ROOT, "content", "stories", "*.md")):
        with open(path, encoding="utf-8") as handle:
            dates += re.findall(r"^(?:date|modified|reviewed): (\d{4}-\d{2}-\d{2})$", handle.read().split("\n---", 1)[0], re.MULTILINE)
    return max(dates)


def test_the_sample_content_checks_clean():
    # Reviews run out after 12 months: measured from the newest sample date, the sample stays clean as time passes.
    process = run_check(os.path.join(ROOT, "content"), "--today", newest_sample_date())
    assert process.returncode == 0, process.stdout
    assert process.stdout.startswith("Keine Fehler:"), process.stdout
