"""Templating plugin: German dates and counts, whatever the machine's locale."""

from __future__ import annotations

import datetime
import shutil

from sinn_templating.filters import count_de, date_de, iso_date


def test_german_dates_and_counts():
    assert date_de(datetime.date(2025, 3, 14)) == "14. März 2025"
    assert iso_date(datetime.datetime(2025, 3, 14, 10, 0)) == "2025-03-14"
    assert count_de(1, "Geschichte", "Geschichten") == "1 Geschichte"
    assert count_de(2000, "Geschichte", "Geschichten") == "2.000 Geschichten"


def test_story_page_shows_german_date(site_files, build):
    site = build(site_files.minimal())
    dates = site.html("/geschichten/beratung-per-video/").select_one(".app-story__dates").get_text(" ", strip=True)
    assert "14. März 2025" in dates


def _compiled(cache) -> dict[str, tuple[int, int]]:
    return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in cache.iterdir()}


def test_templates_compiled_once_are_loaded_by_the_next_build(site_files, build, tmp_path):
    from sitefiles import tree

    first = tree(build(site_files.minimal()).output)
    cache = tmp_path / ".cache" / "templates"
    kept = _compiled(cache)
    assert len(kept) >= 5, "the page templates and their components are kept compiled"
    (cache / sorted(kept)[0]).write_bytes(b"kaputt")  # a damaged file is compiled again, not a failed build
    shutil.rmtree(tmp_path / "output")  # so the second build builds (an unchanged site is not built again)
    second = tree(build(site_files).output)
    assert second == first
    again = _compiled(cache)
    assert again.keys() == kept.keys()
    assert [name for name in kept if again[name] != kept[name]] == [sorted(kept)[0]], "only the damaged one is compiled again"


def test_a_cache_folder_that_cannot_be_made_costs_only_the_compiling(site_files, tmp_path):
    from conftest import build_or_fail

    from sitefiles import settings_file

    blocked = tmp_path / "datei"
    blocked.write_text("keine Ordner hier", encoding="utf-8")
    settings = settings_file(tmp_path, TEMPLATING_BYTECODE_CACHE_PATH=str(blocked / "templates"))
    site = build_or_fail(site_files.minimal().content, str(tmp_path / "output"), settings)
    assert site.html("/geschichten/beratung-per-video/").select_one("h1")
