"""A build that breaks halfway (a template, an image while encoding, the search index) leaves output/ exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from sitefiles import ROOT, SiteFiles, run_build, settings_file, tree


def snapshot(folder) -> dict[str, str]:
    """Every file below folder with the SHA-256 of its bytes."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in tree(folder).items()}


def publish_settings(tmp_path, **overrides) -> str:
    """publishconf.py with some settings replaced."""
    return settings_file(tmp_path, "publishconf", **overrides)


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    """A small site with two stories, built once; every test starts from a copy of it."""
    root = tmp_path_factory.mktemp("atomic")
    site = SiteFiles(root).minimal()
    site.story("zweite-geschichte")
    process = run_build(site.content, str(root / "output"), "publishconf.py")
    assert process.returncode == 0, process.stderr
    return root


@pytest.fixture
def site(good_site, tmp_path):
    """A copy of the good site's content, image cache and output, to break."""
    for name in ("content", ".cache", "output"):
        shutil.copytree(good_site / name, tmp_path / name)
    return tmp_path


def build_breaks(site, settings="publishconf.py") -> str:
    before = snapshot(site / "output")
    process = run_build(str(site / "content"), str(site / "output"), settings)
    messages = process.stderr + process.stdout
    assert process.returncode == 1, messages
    assert "Traceback" not in messages
    assert snapshot(site / "output") == before, "output/ must stay byte for byte as it was"
    leftovers = sorted(p.name for p in site.iterdir() if p.name.startswith("output."))
    assert leftovers == [], "no staging or retired folder may stay behind"
    return messages


def test_template_error_while_writing_pages(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    # Actor pages are written after every story and page: the build fails with half the site in its staging folder.
    actor = theme / "templates" / "actor.html"
    actor.write_text(actor.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}{{ actor.no_such_field.name }}", 1,
    ), encoding="utf-8")
    messages = build_breaks(site, publish_settings(tmp_path, THEME=str(theme)))
    assert "Build abgebrochen" in messages and "no_such_field" in messages


def test_image_that_fails_while_encoding(site):
    # Passes the content check (the header is fine) and fails only when the encoder reads the pixels.
    photo = site / "content" / "images" / "beratung.jpg"
    shutil.copy(photo, site / "content" / "images" / "halb.jpg")
    data = (site / "content" / "images" / "halb.jpg").read_bytes()
    (site / "content" / "images" / "halb.jpg").write_bytes(data[: len(data) // 2])
    story = site / "content" / "stories" / "zweite-geschichte.md"
    story.write_text(story.read_text(encoding="utf-8").replace("images/beratung.jpg", "images/halb.jpg"), encoding="utf-8")
    messages = build_breaks(site)
    assert "halb.jpg" in messages


def test_search_index_failure_as_the_last_step(site, tmp_path):
    # Pagefind cannot write its bundle into a path below a file: it fails after every page is written.
    messages = build_breaks(site, publish_settings(tmp_path, SEARCH_INDEX_BUNDLE_DIR="robots.txt/pagefind"))
    assert "Pagefind" in messages


def test_a_build_that_stops_midway_ends_its_helpers_before_they_write_beside_the_site(site, tmp_path):
    """Forked helpers (the early page writer, the open data) still at work when a build stops are ended first."""
    import time

    plugin = tmp_path / "extra" / "late_helper"
    plugin.mkdir(parents=True)
    # A helper that writes into the staging folder a moment after the build has stopped and removed it.
    plugin.joinpath("__init__.py").write_text(
        "import os, time\n"
        "from pelican import signals\n"
        "from sinn_core.parallel import start_in_fork\n\n"
        "def start(pelican):\n"
        "    staging = pelican.settings['OUTPUT_PATH']\n"
        "    start_in_fork(lambda: time.sleep(1.5) or os.makedirs(os.path.join(staging, 'spaet'), exist_ok=True) or 0)\n"
        "    raise RuntimeError('kaputt')\n\n"
        "def register():\n"
        "    signals.get_writer.connect(start)\n",
        encoding="utf-8",
    )
    settings = publish_settings(tmp_path, PLUGIN_PATHS=[os.path.join(ROOT, "plugins"), str(tmp_path / "extra")])
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write("PLUGINS = [*PLUGINS, 'late_helper']\n")
    messages = build_breaks(site, settings)
    assert "RuntimeError" in messages
    time.sleep(2.5)
    assert sorted(p.name for p in site.iterdir() if p.name.startswith("output.")) == [], "nothing made beside the site afterwards"


def test_a_killed_build_leaves_nothing_the_next_build_keeps(site):
    abandoned = site / "output.building-999999999"
    abandoned.mkdir()
    (abandoned / "index.html").write_text("halb", encoding="utf-8")
    process = run_build(str(site / "content"), str(site / "output"), "publishconf.py")
    assert process.returncode == 0, process.stderr
    assert not abandoned.exists(), "a staging folder of a process that no longer runs is removed"
    assert (site / "output" / "index.html").is_file()


def test_the_replaced_site_is_removed_after_a_successful_build(site):
    import time

    process = run_build(str(site / "content"), str(site / "output"), "publishconf.py")
    assert process.returncode == 0, process.stderr
    assert (site / "output" / "index.html").is_file()
    deadline = time.monotonic() + 60
    while [p for p in site.iterdir() if p.name.startswith("output.")] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p.name for p in site.iterdir() if p.name.startswith("output.")] == [], "the old site is deleted in the background"


def folders_of(folder) -> set[str]:
    """Every folder below folder, as relative paths."""
    return {os.path.relpath(os.path.join(current, name), folder) for current, names, _files in os.walk(folder) for name in names}


def test_folders_made_ahead_are_the_old_sites_and_those_left_empty_go(tmp_path):
    from tools.staging import Folders

    old, staging = tmp_path / "output", tmp_path / "output.building-1"
    for relative in ("geschichten/eine", "geschichten/andere", "akteure/verein"):
        (old / relative).mkdir(parents=True)
        (old / relative / "index.html").write_text("alt", encoding="utf-8")
    (old / "verweis").symlink_to(tmp_path)
    folders = Folders(str(old), str(staging))
    folders.wait()
    assert folders_of(staging) == {"geschichten", "geschichten/eine", "geschichten/andere", "akteure", "akteure/verein"}
    assert not list(staging.rglob("*.html")), "only folders are made ahead, never files"
    folders = Folders(str(old), str(staging))
    (staging / "geschichten" / "eine" / "index.html").write_text("neu", encoding="utf-8")
    (staging / "neu").mkdir()
    (staging / "neu" / "index.html").write_text("neu", encoding="utf-8")
    folders.finish()
    assert folders_of(staging) == {"geschichten", "geschichten/eine", "neu"}, "the new site's folders stay, the unused old ones go"


def test_no_folders_are_made_ahead_without_an_old_site(tmp_path):
    from tools.staging import Folders

    folders = Folders(str(tmp_path / "output"), str(tmp_path / "output.building-1"))
    folders.finish()
    assert folders.forked is None
    assert not (tmp_path / "output.building-1").exists()


def test_a_build_over_an_old_site_has_the_folders_and_files_of_a_build_into_none(site, tmp_path):
    (site / "content" / "stories" / "zweite-geschichte.md").unlink()
    process = run_build(str(site / "content"), str(site / "output"), "publishconf.py")
    assert process.returncode == 0, process.stderr
    fresh = tmp_path / "fresh"
    process = run_build(str(site / "content"), str(fresh), "publishconf.py")
    assert process.returncode == 0, process.stderr
    assert not (site / "output" / "geschichten" / "zweite-geschichte").exists(), "a removed story's folder goes with it"
    assert folders_of(site / "output") == folders_of(fresh)
    assert snapshot(site / "output") == snapshot(fresh)


def test_the_collectors_thresholds_are_the_previews_again_after_a_build():
    """Full collections are rare within a build only: the preview, which builds in its own process, collects as before."""
    import gc

    from tools.build import BUILD_FULL_COLLECTION_AFTER, rare_full_collections

    before = gc.get_threshold()
    with pytest.raises(RuntimeError), rare_full_collections():
        assert gc.get_threshold()[2] >= BUILD_FULL_COLLECTION_AFTER
        raise RuntimeError("the build stopped")
    assert gc.get_threshold() == before


def test_a_finished_build_exits_with_every_message_said(site, tmp_path):
    """The process ends without tearing its model down; nothing it says may be lost on the way."""
    process = run_build(str(site / "content"), str(site / "output"), "publishconf.py")
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr
    assert os.path.isfile(site / "output" / "index.html")
    broken = run_build(str(site / "content"), str(site / "output"), str(tmp_path / "fehlt.py"))
    assert broken.returncode == 2
    assert broken.stderr.rstrip().endswith("Nichts wurde gebaut; output/ ist unverändert.")
