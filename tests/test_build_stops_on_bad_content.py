"""A build with broken content stops with a message naming the file and field, and publishes nothing."""

from __future__ import annotations

from sitefiles import run_build, story_fields


def build_fails(site, tmp_path):
    process = run_build(site.content, str(tmp_path / "output"))
    assert process.returncode == 1, process.stderr
    assert "Traceback" not in process.stderr + process.stdout
    assert not (tmp_path / "output").exists(), "nothing may be published"
    return process.stderr


def test_unknown_theme_stops_the_build(site_files, tmp_path):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(themes=["pflege"]))
    message = build_fails(site_files, tmp_path)
    assert "stories/beratung-per-video.md:" in message
    assert 'themes[1]: "pflege" ist kein bekanntes Themenfeld. Meinten Sie "pflege-gesundheit"?' in message


def test_unknown_region_stage_and_actor_are_named(site_files, tmp_path):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(regions=["erzgebirge"], stage="start", actors=["beratungsverien"]))
    message = build_fails(site_files, tmp_path)
    assert 'regions[1]: "erzgebirge" ist keine bekannte Region. Meinten Sie "erzgebirgskreis"?' in message
    assert 'stage: "start" ist keine bekannte Phase.' in message
    assert 'actors[1]: "beratungsverien" ist kein bekannter Akteur' in message
    assert 'Meinten Sie "beratungsverein"?' in message


def test_missing_required_field_is_named(site_files, tmp_path):
    site_files.minimal()
    site_files.story("beratung-per-video", story_fields(summary=None))
    assert "summary: Pflichtfeld fehlt." in build_fails(site_files, tmp_path)


def test_malformed_yaml_reports_the_line(site_files, tmp_path):
    site_files.minimal()
    site_files.story("beratung-per-video", raw_front_matter="title: Pflege: neu gedacht\ndate: 2025-01-01\n")
    message = build_fails(site_files, tmp_path)
    assert "stories/beratung-per-video.md:2:" in message
    assert "Doppelpunkt" in message


def test_malformed_actor_yaml_is_named(site_files, tmp_path):
    site_files.minimal()
    site_files.actor("beratungsverein", raw="name: Verein\ntype: initiative\n  regions: [dresden]\n")
    message = build_fails(site_files, tmp_path)
    assert "actors/beratungsverein.yml:3:" in message


def test_failed_build_leaves_the_previous_output_untouched(site_files, tmp_path):
    site_files.minimal()
    first = run_build(site_files.content, str(tmp_path / "output"))
    assert first.returncode == 0, first.stderr
    before = (tmp_path / "output" / "index.html").read_bytes()
    site_files.story("beratung-per-video", story_fields(stage="unbekannt"))
    second = run_build(site_files.content, str(tmp_path / "output"))
    assert second.returncode == 1
    assert (tmp_path / "output" / "index.html").read_bytes() == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith("output.")]
    assert leftovers == [], "no staging folder may be left behind"
