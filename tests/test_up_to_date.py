"""`make html` twice: the second build finds nothing changed and leaves output/ as it is; any change builds again."""

from __future__ import annotations

import os

import pytest

from sitefiles import SiteFiles, run_build, settings_file, tree

UNCHANGED = "Nichts geändert seit dem letzten Build"


@pytest.fixture
def site(tmp_path):
    files = SiteFiles(tmp_path).minimal()
    output = str(tmp_path / "output")
    first = run_build(files.content, output)
    assert first.returncode == 0, first.stderr
    assert UNCHANGED not in first.stderr
    return files, output


def _read(output: str, path: str) -> str:
    with open(os.path.join(output, path), encoding="utf-8") as handle:
        return handle.read()


def _mtimes(output: str) -> dict[str, int]:
    return {path: os.stat(os.path.join(output, path)).st_mtime_ns for path in tree(output)}


def test_a_second_build_without_changes_writes_nothing(site):
    files, output = site
    before = _mtimes(output)
    second = run_build(files.content, output)
    assert second.returncode == 0, second.stderr
    assert UNCHANGED in second.stderr
    assert _mtimes(output) == before


def test_an_edited_story_is_built_again(site):
    files, output = site
    files.replace("stories/beratung-per-video.md", "title: Beratung per Video erreicht Dörfer", "title: Neuer Titel der Geschichte")
    second = run_build(files.content, output)
    assert second.returncode == 0, second.stderr
    assert UNCHANGED not in second.stderr
    page = _read(output, "geschichten/beratung-per-video/index.html")
    assert "Neuer Titel der Geschichte" in page.split("<title>")[1].split("</title>")[0]


def test_a_damaged_output_is_built_again(site):
    files, output = site
    page = os.path.join(output, "geschichten", "beratung-per-video", "index.html")
    os.remove(page)
    second = run_build(files.content, output)
    assert UNCHANGED not in second.stderr
    assert os.path.isfile(page)


def test_other_settings_build_again(site, tmp_path):
    files, output = site
    changed = settings_file(tmp_path, SITENAME="Anderer Name der Plattform")
    second = run_build(files.content, output, settings=changed)
    assert second.returncode == 0, second.stderr
    assert UNCHANGED not in second.stderr
    assert "Anderer Name der Plattform" in _read(output, "index.html")


def test_an_unchanged_build_says_the_last_builds_warnings_again(tmp_path):
    files = SiteFiles(tmp_path).minimal()
    # A review older than the review period is a warning, not an error: the site is built.
    files.replace("stories/beratung-per-video.md", "stage: pilot", "stage: pilot\nreviewed: 2020-01-15\nreviewed_by: Redaktion")
    output = str(tmp_path / "output")
    first = run_build(files.content, output)
    assert first.returncode == 0, first.stderr
    warnings = [line for line in first.stderr.splitlines() if "reviewed" in line]
    assert warnings, first.stderr
    second = run_build(files.content, output)
    assert UNCHANGED in second.stderr
    assert [line for line in second.stderr.splitlines() if "reviewed" in line] == warnings


def test_full_builds_anyway(site):
    files, output = site
    import subprocess
    import sys

    from sitefiles import ROOT

    process = subprocess.run([sys.executable, "-m", "tools.build", "--settings", os.path.join(ROOT, "pelicanconf.py"),
                              "--content", files.content, "--output", output, "--full"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert process.returncode == 0, process.stderr
    assert UNCHANGED not in process.stderr


def test_a_failed_build_is_not_taken_for_an_unchanged_one(site):
    files, output = site
    files.replace("stories/beratung-per-video.md", "stage: pilot", "stage: gibt-es-nicht")
    failed = run_build(files.content, output)
    assert failed.returncode != 0
    again = run_build(files.content, output)
    assert again.returncode != 0
    assert UNCHANGED not in again.stderr
