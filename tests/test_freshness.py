"""Freshness and provenance: "Zuletzt geprüft" on the story, the warning after 12 months, `make report`, the history link."""

from __future__ import annotations

import datetime
import os

import pytest
from conftest import BuiltSite

from sitefiles import check_in_process, run_build, story_fields

TODAY = "2026-11-30"


def stories(site):
    site.minimal()
    site.story("frisch", story_fields(title="Frisch geprüft", reviewed="2026-06-01", reviewed_by="Redaktion SINN"))
    site.story("veraltet", story_fields(title="Lange nicht geprüft", reviewed="2025-11-29", reviewed_by="Anna Beispiel"))
    site.story("grenzfall", story_fields(title="Genau zwölf Monate", reviewed="2025-11-30", reviewed_by="Redaktion SINN"))
    site.story("ungeprueft", story_fields(title="Nie geprüft"))
    return site


def test_a_review_older_than_twelve_months_is_a_warning_not_an_error(site_files):
    code, output = check_in_process(stories(site_files).content, "--today", TODAY)
    assert code == 0
    warnings = [line for line in output.splitlines() if "Warnung: reviewed:" in line]
    assert len(warnings) == 1, output
    assert warnings[0].startswith("content/stories/veraltet.md:")
    assert "seit 2025-11-29 nicht mehr geprüft (länger als 12 Monate)" in warnings[0]


def test_the_warning_moves_with_the_injected_day(site_files):
    stories(site_files)
    assert "Warnung: reviewed" not in check_in_process(site_files.content, "--today", "2026-11-29")[1]
    later = check_in_process(site_files.content, "--today", "2027-06-02")[1]
    assert {line.split(":")[0] for line in later.splitlines() if "Warnung: reviewed" in line} == {
        "content/stories/veraltet.md", "content/stories/grenzfall.md", "content/stories/frisch.md",
    }


def test_a_bad_today_stops_the_check_with_a_message(site_files, caplog):
    from tools import check

    assert check.main([stories(site_files).content, "--today", "30.11.2026"]) == 2
    assert '--today: "30.11.2026" ist kein Datum im Format JJJJ-MM-TT.' in caplog.text


def report(site_files, monkeypatch, capsys, summary=None):
    from tools import report as report_tool

    if summary:
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    else:
        monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert report_tool.main([site_files.content, "--today", TODAY]) == 0
    return capsys.readouterr().out


def section(text: str, heading: str) -> list[str]:
    part = text.split(f"\n## {heading}", 1)[1].split("\n## ", 1)[0]
    return [line for line in part.splitlines() if line.startswith("- ")]


def test_report_lists_overdue_due_soon_and_unreviewed_stories(site_files, monkeypatch, capsys):
    stories(site_files)
    site_files.story("bald", story_fields(title="Bald fällig", reviewed="2025-12-20", reviewed_by="Redaktion SINN"))
    text = report(site_files, monkeypatch, capsys)
    assert text.startswith("# Redaktionsbericht\n\nStand: 30.11.2026 · 6 Geschichten")
    overdue = section(text, "Prüfung überfällig")
    assert len(overdue) == 1
    assert overdue[0].startswith("- Lange nicht geprüft – `content/stories/veraltet.md` – zuletzt geprüft am 29.11.2025 von Anna Beispiel")
    assert [line.split(" – ")[0] for line in section(text, "Prüfung bald fällig")] == ["- Genau zwölf Monate", "- Bald fällig"]
    assert "fällig am 20.12.2026" in section(text, "Prüfung bald fällig")[1]
    unreviewed = [line.split(" – ")[0] for line in section(text, "Ohne Prüfdatum")]
    assert unreviewed == ["- Beratung per Video erreicht Dörfer", "- Nie geprüft"]
    assert len(section(text, "Ohne Anleitung zum Nachmachen")) == 6
    assert len(section(text, "Ohne Leichte Sprache")) == 6


def test_report_is_appended_to_the_github_step_summary(site_files, monkeypatch, capsys, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("Vorher\n", encoding="utf-8")
    text = report(stories(site_files), monkeypatch, capsys, summary)
    assert summary.read_text(encoding="utf-8") == "Vorher\n" + text + "\n"


def test_report_escapes_markdown_in_titles(site_files, monkeypatch, capsys):
    site_files.minimal()
    site_files.story("markdown", story_fields(title="Ein *fetter* Titel mit <b>HTML</b>"))
    text = report(site_files, monkeypatch, capsys)
    assert "- Ein \\*fetter\\* Titel mit \\<b\\>HTML\\</b\\>" in text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitefiles import SiteFiles

    def build(repo_url: str) -> BuiltSite:
        root = tmp_path_factory.mktemp("freshness")
        files = SiteFiles(root)
        stories(files)
        process = run_build(files.content, str(root / "output"), env={"SINN_REPO_URL": repo_url})
        assert process.returncode == 0, process.stderr
        return BuiltSite(str(root / "output"), process)

    return {"with": build("https://github.com/beispiel/sinn"), "without": build("")}


def test_story_shows_when_and_by_whom_it_was_last_checked(built):
    line = built["with"].html("/geschichten/veraltet/").select_one(".app-story__review")
    assert line.get_text(" ", strip=True).startswith("Zuletzt geprüft am 29. November 2025 von Anna Beispiel.")
    assert line.time["datetime"] == "2025-11-29"
    assert built["with"].html("/geschichten/ungeprueft/").select_one(".app-story__review").time is None


def test_story_links_to_its_change_history_only_with_a_repository(built):
    link = built["with"].html("/geschichten/frisch/").select_one(".app-story__review a")
    assert link["href"] == "https://github.com/beispiel/sinn/commits/main/content/stories/frisch.md"
    assert link.get_text(strip=True) == "Alle Änderungen an dieser Geschichte"
    assert built["without"].html("/geschichten/frisch/").select_one(".app-story__review a") is None
    assert built["without"].html("/geschichten/ungeprueft/").select_one(".app-story__review") is None


def test_the_months_arithmetic_keeps_the_end_of_month():
    from sinn_content_contract.freshness import months_before

    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2024, 2, 29), 12) == datetime.date(2023, 2, 28)
    assert months_before(datetime.date(2025, 12, 20), -12) == datetime.date(2026, 12, 20)


def test_make_report_runs_in_ci():
    import yaml

    from sitefiles import ROOT

    with open(os.path.join(ROOT, ".github", "workflows", "check.yml"), encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert "make report" in runs


def test_the_build_takes_today_and_the_period_from_its_settings(site_files):
    from sinn_content_contract import check_site

    stories(site_files)

    def stale(settings):
        return sorted(p.path.rsplit("/", 1)[-1] for p in check_site(site_files.content, settings).report.warnings if p.field == "reviewed")

    assert stale({"CONTENT_CONTRACT_TODAY": TODAY}) == ["veraltet.md"]
    assert stale({"CONTENT_CONTRACT_TODAY": TODAY, "CONTENT_CONTRACT_REVIEW_MONTHS": 6}) == ["grenzfall.md", "veraltet.md"]
