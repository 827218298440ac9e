"""The preview re-renders an edited story's pages at once, exactly as a full build would render them."""

from __future__ import annotations

import os

import pytest

from sitefiles import ROOT, SiteFiles, run_build, story_fields
from tools.preview import NeedsFullBuildError, Preview

SETTINGS = os.path.join(ROOT, "pelicanconf.py")


@pytest.fixture
def preview(tmp_path):
    site = SiteFiles(tmp_path).minimal()
    site.story("zweite-geschichte", story_fields(title="Zweite Geschichte aus dem Erzgebirge", date="2025-04-01"))
    site.actor("pflegenetz")
    site.story("dritte-geschichte", story_fields(title="Dritte Geschichte", themes=["pflege-gesundheit"], regions=["leipzig"],
                                                 actors=["pflegenetz"], date="2024-01-01"))
    preview = Preview(SETTINGS, str(tmp_path / "output"), {"PATH": site.content})
    preview.full_build()
    return site, preview


def edit(site, slug, old, new):
    return site.replace(f"stories/{slug}.md", old, new)


def page(output, relative) -> str:
    with open(os.path.join(output, relative), encoding="utf-8") as handle:
        return handle.read()


def test_an_edited_story_is_rendered_with_its_actor_listings_and_related_stories(preview, tmp_path):
    site, live = preview
    path = edit(site, "zweite-geschichte", "Zweite Geschichte aus dem Erzgebirge", "Neuer Titel für die zweite Geschichte")
    files = {os.path.relpath(f, live.output) for f in live.story_changed(path)}
    assert "geschichten/zweite-geschichte/index.html" in files
    assert "akteure/beratungsverein/index.html" in files
    assert "index.html" in files and "themen/beratung/index.html" in files and "regionen/erzgebirgskreis/index.html" in files
    assert "geschichten/beratung-per-video/index.html" in files, "shows the story under 'Ähnliche Geschichten'"
    assert "geschichten/dritte-geschichte/index.html" not in files and "themen/pflege-gesundheit/index.html" not in files
    # Every page the quick path wrote is byte for byte what a full build of the same content writes.
    full = tmp_path / "full"
    result = run_build(site.content, str(full), SETTINGS)
    assert result.returncode == 0, result.stderr
    for relative in files:
        assert page(live.output, relative) == page(full, relative), relative
    assert "Neuer Titel für die zweite Geschichte" in page(live.output, "akteure/beratungsverein/index.html")


def test_the_edited_story_gets_a_new_press_kit_and_the_others_keep_theirs(preview):
    """The quick path packs only the edited story's kit; a related story's page still offers its own, unchanged."""
    site, live = preview
    other = os.path.join(live.output, "geschichten", "beratung-per-video", "zitation-beratung-per-video.bib")
    before = os.stat(other).st_mtime_ns
    path = edit(site, "zweite-geschichte", "Zweite Geschichte aus dem Erzgebirge", "Neuer Titel für die zweite Geschichte")
    live.story_changed(path)
    assert "Neuer Titel für die zweite Geschichte" in page(live.output, "geschichten/zweite-geschichte/zitation-zweite-geschichte.bib")
    assert os.stat(other).st_mtime_ns == before
    assert "pressemappe-beratung-per-video.zip" in page(live.output, "geschichten/beratung-per-video/index.html")


def test_writing_a_kit_again_never_writes_through_a_link_into_the_press_cache(preview, tmp_path):
    """Later builds link citation files from the cache into the output; writing a kit there again must make new files."""
    from pelican.generators import ArticlesGenerator

    from sinn_core.content import generator_of
    from sinn_press.press_kit import PressKits

    _site, live = preview
    stories = generator_of(live.generators, ArticlesGenerator)
    story = next(s for s in stories.articles if s.slug == "zweite-geschichte")
    bib = os.path.join(live.output, "geschichten", "zweite-geschichte", "zitation-zweite-geschichte.bib")
    kept = tmp_path / "im-cache.bib"
    kept.write_text("die Zitation einer anderen Mappe", encoding="utf-8")
    os.remove(bib)
    os.link(kept, bib)  # as a later build places it
    story.title = "Neuer Titel für die zweite Geschichte"
    PressKits(stories.settings).write(story, live.output)
    assert "Neuer Titel" in page(live.output, "geschichten/zweite-geschichte/zitation-zweite-geschichte.bib")
    assert kept.read_text(encoding="utf-8") == "die Zitation einer anderen Mappe"


def test_the_quick_path_leaves_the_pages_kept_for_the_next_build_alone(preview, tmp_path):
    """Built pages are links to the page memo's copies; re-rendering one must not write into the copy."""
    site, live = preview
    story_page = os.path.join(live.output, "geschichten", "zweite-geschichte", "index.html")
    memo = os.path.join(os.path.dirname(site.content), ".cache", "pages", "files")
    inode = os.stat(story_page).st_ino
    kept = [os.path.join(memo, name) for name in os.listdir(memo) if os.stat(os.path.join(memo, name)).st_ino == inode]
    assert kept, "the build keeps the page it wrote (linked) for the next build"
    before = page(memo, kept[0])
    live.story_changed(edit(site, "zweite-geschichte", "Zweite Geschichte aus dem Erzgebirge", "Neuer Titel für die zweite Geschichte"))
    assert "Neuer Titel" in page(live.output, "geschichten/zweite-geschichte/index.html")
    assert page(memo, kept[0]) == before


def test_a_story_moved_to_another_region_needs_the_full_build(preview):
    site, live = preview
    path = edit(site, "zweite-geschichte", "regions:\n- erzgebirgskreis", "regions:\n- leipzig")
    with pytest.raises(NeedsFullBuildError, match="regions"):
        live.story_changed(path)


def test_a_broken_edit_is_reported_and_the_last_good_page_stays(preview, capsys):
    site, live = preview
    before = page(live.output, "geschichten/zweite-geschichte/index.html")
    path = edit(site, "zweite-geschichte", "stage: pilot", "stage: irgendwann")
    assert live.story_changed(path) == []
    assert "stage" in capsys.readouterr().err
    assert page(live.output, "geschichten/zweite-geschichte/index.html") == before


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition, seconds: float = 120) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_make_serve_shows_an_edited_story_and_then_rebuilds_everything(tmp_path):
    import subprocess
    import sys

    site = SiteFiles(tmp_path).minimal()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tools.serve", "--content", site.content, "--output", str(tmp_path / "output"), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        story = f"http://127.0.0.1:{port}/geschichten/beratung-per-video/"
        assert wait_for(lambda: fetch(story) is not None), "the preview serves the site"
        edit(site, "beratung-per-video", "Beratung per Video erreicht Dörfer", "Beratung per Video erreicht jetzt alle Dörfer")
        assert wait_for(lambda: "erreicht jetzt alle Dörfer" in (fetch(story) or ""))
        feed = f"http://127.0.0.1:{port}/feeds/geschichten.atom.xml"
        assert wait_for(lambda: "erreicht jetzt alle Dörfer" in (fetch(feed) or "")), "the background build brings the feed up to date"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Vorschau: " in output and "Seiten zu" in output, output


def test_naming_an_original_needs_the_full_build_since_the_original_lists_its_adaptations(preview):
    site, live = preview
    path = edit(site, "zweite-geschichte", "stage: pilot", "stage: pilot\nadapted_from: beratung-per-video")
    with pytest.raises(NeedsFullBuildError, match="adapted_from"):
        live.story_changed(path)


def test_the_server_ignores_editors_temporary_files_and_does_not_rebuild_a_broken_story(tmp_path, capsys, caplog):
    from tools.serve import PreviewServer

    site = SiteFiles(tmp_path).minimal()
    server = PreviewServer(SETTINGS, str(tmp_path / "output"), site.content)
    server.full_build()
    builds = []
    server.full_build = lambda: builds.append("voll")  # a full build is what this test must not see
    server.changed({site.path("stories/.beratung-per-video.md.swp"), site.path("stories/sedA1b2C3"), site.path("stories/x.md~")})
    assert builds == [] and server.background is None
    path = edit(site, "beratung-per-video", "stage: pilot", "stage: irgendwann")
    server.changed({path})
    assert builds == [] and server.background is None, "a story the quick check rejects starts no build"
    assert "irgendwann" in capsys.readouterr().err and "Nichts neu gebaut" in caplog.text
