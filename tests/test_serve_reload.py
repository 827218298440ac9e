"""`make serve` talks back: open pages reload after each build, and a change that fails shows its messages on the page."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from test_csp import COLLECT_VIOLATIONS
from test_preview import fetch, free_port, wait_for

from sitefiles import ROOT, SiteFiles, run_build

SETTINGS = os.path.join(ROOT, "pelicanconf.py")
STORY = "stories/beratung-per-video.md"
TITLE = "Beratung per Video erreicht Dörfer"
# An unknown theme whose name is markup: the checker quotes it in its message, the page must show it as text.
HOSTILE_THEME = "<img src=x onerror=window.__xss=1>"
SHADOW = "document.querySelector('[data-sinn-serve]').shadowRoot"


def serve_markers(folder) -> list[str]:
    """Files below folder that are, or mention, the serve-only reload script or its endpoints."""
    found = []
    for directory, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                if "_serve-reload" in name or re.search(rb"_serve-reload|/_sinn/", handle.read()):
                    found.append(os.path.relpath(path, folder))
    return found


@pytest.fixture
def served(tmp_path):
    """`make serve` on a small site, on a free port; yields (site, origin, output folder)."""
    site = SiteFiles(tmp_path).minimal()
    port = free_port()
    output = str(tmp_path / "output")
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.serve", "--content", site.content, "--output", output, "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    origin = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: fetch(origin + "/geschichten/beratung-per-video/") is not None, 90), "the preview serves the site"
        yield site, origin, output
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def overlay_text(page) -> str:
    return page.evaluate(f"() => {SHADOW}.querySelector('dialog').textContent")


@pytest.mark.browser
def test_pages_reload_after_a_save_and_show_a_failed_check_until_it_is_fixed(served, chromium):
    from playwright.sync_api import expect

    site, origin, output = served
    story = origin + "/geschichten/beratung-per-video/"
    # The page's own Content-Security-Policy applies (no bypass): the reload script must pass it.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.add_init_script(COLLECT_VIOLATIONS)
    page.goto(story)
    page.wait_for_function("() => document.querySelector('script[data-version]') !== null")
    time.sleep(0.5)  # the page's event stream is open before the edit

    loads = []
    page.on("load", lambda _page: loads.append(time.monotonic()))
    # Nothing here reloads the page: a new title can only come from the page reloading itself.
    site.replace(STORY, TITLE, "Beratung per Video erreicht jetzt alle Dörfer")
    expect(page.locator("h1")).to_contain_text("erreicht jetzt alle Dörfer", timeout=30000)

    saved = time.monotonic()
    site.replace(STORY, "- beratung\n", f"- {HOSTILE_THEME}\n")
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible(timeout=15000)
    shown_after = time.monotonic() - saved
    text = overlay_text(page)
    assert "beratung-per-video.md" in text and "Zeile 7" in text and "ist kein bekanntes Themenfeld" in text, text
    assert "Die letzte Änderung ist nicht in der Vorschau" in text
    # The message quotes the markup; it is shown as text, never parsed.
    assert HOSTILE_THEME in text
    assert page.evaluate(f"() => {SHADOW}.querySelectorAll('img').length + document.querySelectorAll('img[src=x]').length") == 0
    assert page.evaluate("window.__xss") is None
    # Focus is in the dialog, so a screen reader reads it and Escape reaches it.
    assert page.evaluate(f"() => {SHADOW}.activeElement?.closest('[role=alertdialog]') != null"), "the focus is in the dialog"
    # Readable at 320 px: inside the window, no sideways scrolling of long paths.
    page.set_viewport_size({"width": 320, "height": 640})
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert page.evaluate(f"() => {{ const d = {SHADOW}.querySelector('dialog'); return d.scrollWidth <= d.clientWidth; }}")
    reloads = len(loads)
    page.wait_for_timeout(1000)
    assert len(loads) == reloads and dialog.is_visible(), "a failed change keeps the page and says why; it does not reload"
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    with page.expect_event("load", timeout=30000):
        site.replace(STORY, f"- {HOSTILE_THEME}\n", "- beratung\n")
    expect(page.locator("h1")).to_contain_text("erreicht jetzt alle Dörfer")
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    assert page.evaluate("window.__cspViolations") == [], "the reload script and its styles pass the page's own policy"
    context.close()
    assert shown_after < 10, f"the messages took {shown_after:.1f} s to appear"
    # The site as built (make html's settings) holds nothing of this: the server adds it to its answers.
    assert serve_markers(output) == []


@pytest.mark.browser
def test_the_overlay_passes_axe_at_320_pixels(served, chromium):
    from browser import describe, run_axe
    from playwright.sync_api import expect

    site, origin, _output = served
    site.replace(STORY, "stage: pilot", "stage: irgendwann")
    # axe is injected inline, which the site's policy forbids: this page bypasses it (the test above keeps it).
    context = chromium.new_context(viewport={"width": 320, "height": 640}, locale="de-DE", bypass_csp=True)
    page = context.new_page()
    page.goto(origin + "/geschichten/beratung-per-video/")
    expect(page.get_by_role("alertdialog")).to_be_visible(timeout=15000)
    assert "stage" in overlay_text(page)
    violations = run_axe(page)
    context.close()
    assert violations == [], describe(violations)


def test_a_broken_data_file_is_announced_with_the_checkers_problems(tmp_path):
    """A change that needs the full build and fails: the browsers get the checker's file, line and message."""
    from tools.serve import PreviewServer

    site = SiteFiles(tmp_path).minimal()
    server = PreviewServer(SETTINGS, str(tmp_path / "output"), site.content)
    server.full_build()
    good = server.status.state()
    assert good["problems"] == []
    path = site.replace("actors/beratungsverein.yml", "type: initiative", "type: geheimbund")
    server.changed({path})
    state = server.status.state()
    assert state["version"] == good["version"], "nothing new was built"
    assert [(p["file"].endswith("beratungsverein.yml"), p["line"], p["field"]) for p in state["problems"]] == [(True, 2, "type")]
    assert "geheimbund" in state["problems"][0]["message"]
    site.replace("actors/beratungsverein.yml", "type: geheimbund", "type: initiative")
    server.changed({path})
    fixed = server.status.state()
    assert fixed["problems"] == [] and fixed["version"] != good["version"]


def test_a_failed_background_build_is_read_back_from_its_lines():
    from tools.serve_http import problems_from_lines

    lines = [
        "content/stories/a.md:12: regions[1]: „x“ ist keine bekannte Region.",
        "content/stories/b.md: Warnung: summary: sehr lang.",
        "content/images/c.jpg: Das Bild ist zu klein.",
        "Fehler: Build abgebrochen: 2 Fehler in 2 Dateien.",
    ]
    assert [(p["file"], p["line"], p["message"]) for p in problems_from_lines(lines)] == [
        ("content/stories/a.md", 12, "regions[1]: „x“ ist keine bekannte Region."),
        ("content/images/c.jpg", None, "Das Bild ist zu klein."),
    ]
    other = problems_from_lines(["Fehler: Build abgebrochen: ein unerwarteter Fehler (KeyError)."])
    assert [p["message"] for p in other] == ["Fehler: Build abgebrochen: ein unerwarteter Fehler (KeyError)."]


def test_the_public_build_carries_nothing_of_the_reload(tmp_path):
    site = SiteFiles(tmp_path).minimal()
    output = tmp_path / "public"
    result = run_build(site.content, str(output), "publishconf.py")
    assert result.returncode == 0, result.stderr
    assert (output / "geschichten" / "beratung-per-video" / "index.html").exists()
    assert serve_markers(output) == []


def test_the_script_is_added_only_where_the_pages_own_policy_lets_it_run():
    """A local page's policy allows the theme's js/ folder on 127.0.0.1; a public page's (and a stricter one's) does not."""
    from sinn_hosting import DEFAULTS, content_security_policy, resolve_sources
    from tools.serve_http import allows_script

    def page(siteurl: str, directives=DEFAULTS["HOSTING_CSP"]) -> bytes:
        settings = {"SITEURL": siteurl, "THEME_STATIC_DIR": "theme", "SEARCH_INDEX_BUNDLE_DIR": "pagefind"}
        policy = content_security_policy(resolve_sources(directives, settings), meta=True)
        return f'<head><meta http-equiv="Content-Security-Policy" content="{policy}"></head>'.encode()

    script = "/theme/js/_serve-reload.js"
    assert allows_script(page(""), script)
    assert not allows_script(page("https://www.sinn-sachsen.de"), script)
    assert not allows_script(page("", {"script-src": ["site:admin/"]}), script)
    assert allows_script(b"<html><head></head></html>", script), "a page without a policy (none built yet)"
