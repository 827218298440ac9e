"""Templating plugin: German dates and counts, whatever the machine's locale."""

from __future__ import annotations

import datetime

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
