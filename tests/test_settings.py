"""Settings exist before the build: one loader, declared typed defaults, order checked (sinn_core/settings.py).

Build, check and report read a settings file the same way, so a wrong value stops every command with
the same German message, and `make check` with the settings of `make publish` judges as that build does.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest

from pelicanconf import PLUGINS
from sinn_core.settings import declared_types
from sitefiles import BODY, ROOT, run_build, run_check, settings_file, story_fields

PLUGIN_NAMES = sorted(name for name in os.listdir(os.path.join(ROOT, "plugins")) if name.startswith("sinn_") and name != "sinn_core")
DRAFT_LINK = "Der Link /geschichten/entwurf/ führt zu einer Geschichte, die noch ein Entwurf ist"


def _settings(tmp_path, name: str, base: str = "pelicanconf", **values) -> str:
    folder = tmp_path / name
    folder.mkdir()
    return settings_file(str(folder), base, **values)


def _command(tool: str, content: str, settings: str, output: str):
    if tool == "build":
        return run_build(content, output, settings)
    if tool == "check":
        return run_check(content, "--settings", settings)
    arguments = {"report": [content], "serve": ["--content", content, "--output", output, "--port", "0"]}[tool]
    # Only settings that stop the command are given here: a preview with good settings would serve until stopped.
    return subprocess.run([sys.executable, "-m", f"tools.{tool}", *arguments, "--settings", settings],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("tool", ["build", "check", "report", "serve"])
@pytest.mark.parametrize(("name", "value", "expected", "found"), [
    ("LISTINGS_PER_PAGE", "24", "eine ganze Zahl", "ein Text in Anführungszeichen ('24')"),
    ("STORIES_SHOW_DRAFTS", "ja", "True oder False", "ein Text in Anführungszeichen ('ja')"),
    ("IMAGES_WORKERS", True, "eine ganze Zahl", "True oder False (True)"),
    ("CONTENT_CONTRACT_TODAY", 20261130, "ein Text in Anführungszeichen oder None", "eine ganze Zahl (20261130)"),
    ("IMAGES_WIDTHS", 960, "eine Liste [...] oder eine Liste (...)", "eine ganze Zahl (960)"),
    ("REPO_BRANCH", None, "ein Text in Anführungszeichen", "None (None)"),
])
def test_a_value_of_the_wrong_type_stops_every_command_with_one_german_message(site_files, tmp_path, tool, name, value, expected, found):
    site_files.minimal()
    settings = _settings(tmp_path, "falsch", **{name: value})
    process = _command(tool, site_files.content, settings, str(tmp_path / "output"))
    text = process.stdout + process.stderr
    assert process.returncode == 2, text
    assert f"testconf.py: Die Einstellung {name} hat den falschen Typ: erwartet wird {expected}, gefunden wurde {found}." in text
    assert "Traceback" not in text
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(("name", "value"), [
    ("IMAGES_WIDTHS", [480, 960]),  # a list where the default is a tuple
    ("CONTENT_CONTRACT_TODAY", "2026-11-30"),  # a text where the default is None
    ("IMAGES_CACHE_PATH", "/tmp/bilder"),
    ("LISTINGS_PER_PAGE", 12),
])
def test_a_value_of_the_declared_type_is_accepted(site_files, tmp_path, name, value):
    site_files.minimal()
    process = run_check(site_files.content, "--settings", _settings(tmp_path, "richtig", **{name: value}))
    assert process.returncode == 0, process.stdout + process.stderr


def _site_with_a_link_to_a_draft(site_files):
    site_files.minimal()
    site_files.story("entwurf", story_fields(title="Ein Entwurf", status="draft"))
    site_files.story("beratung-per-video", body=BODY + "\nMehr im [Entwurf](/geschichten/entwurf/).\n")
    return site_files


@pytest.mark.parametrize(("base", "refused"), [("publishconf", True), ("pelicanconf", False)])
def test_check_and_build_agree_about_a_link_to_a_draft(site_files, tmp_path, base, refused):
    _site_with_a_link_to_a_draft(site_files)
    settings = _settings(tmp_path, base, base)
    checked = run_check(site_files.content, "--settings", settings)
    built = run_build(site_files.content, str(tmp_path / "output"), settings)
    assert (DRAFT_LINK in checked.stdout) is refused, checked.stdout
    assert (DRAFT_LINK in built.stderr) is refused, built.stderr
    assert checked.returncode == (1 if refused else 0), checked.stdout
    assert built.returncode == (1 if refused else 0), built.stderr


def test_check_uses_the_plugin_default_when_the_file_leaves_drafts_out(site_files, tmp_path):
    """STORIES_SHOW_DRAFTS is declared once (False, like the public build): a file without it refuses the link too."""
    _site_with_a_link_to_a_draft(site_files)
    folder = tmp_path / "ohne"
    folder.mkdir()
    settings = folder / "ohneconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {ROOT!r})\nfrom pelicanconf import *  # noqa: F403\ndel STORIES_SHOW_DRAFTS\n"
        f"PLUGIN_PATHS = [{os.path.join(ROOT, 'plugins')!r}]\n",
        encoding="utf-8",
    )
    checked = run_check(site_files.content, "--settings", str(settings))
    assert checked.returncode == 1 and DRAFT_LINK in checked.stdout, checked.stdout + checked.stderr


@pytest.mark.parametrize("plugin", PLUGIN_NAMES)
def test_every_declared_setting_is_documented_in_its_plugin(plugin):
    module = importlib.import_module(plugin)
    types = declared_types(module)
    assert list(types) == list(getattr(module, "DEFAULTS", {}))  # every default has a type
    undocumented = [name for name in types if name not in (module.__doc__ or "")]
    assert not undocumented, f"{plugin}: {undocumented} fehlen im Docstring"


def _moved(plugin: str, before: str) -> list[str]:
    order = [p for p in PLUGINS if p != plugin]
    order.insert(order.index(before), plugin)
    return order


@pytest.mark.parametrize(("plugins", "message"), [
    (_moved("sinn_search_index", "sinn_parallel_writing"),
     "Das Plugin sinn_search_index steht in PLUGINS zu früh: es muss hinter sinn_vocabularies und sinn_parallel_writing stehen."),
    (_moved("sinn_sitemap", "sinn_parallel_writing"),
     "Das Plugin sinn_sitemap steht in PLUGINS zu früh: es muss hinter sinn_parallel_writing stehen."),
    (_moved("sinn_redirects", "sinn_feeds"), "Das Plugin sinn_redirects steht in PLUGINS zu früh: es muss hinter sinn_feeds stehen."),
    (_moved("sinn_stories", "sinn_content_contract"),
     "Das Plugin sinn_stories steht in PLUGINS zu früh: es muss hinter sinn_content_contract stehen."),
    ([p for p in PLUGINS if p != "sinn_vocabularies"],
     "Das Plugin sinn_content_contract braucht sinn_vocabularies: bitte sinn_vocabularies in PLUGINS vor sinn_content_contract eintragen."),
    ([p for p in PLUGINS if p != "sinn_model"],
     "Das Plugin sinn_cross_references braucht sinn_model: bitte sinn_model in PLUGINS vor sinn_cross_references eintragen."),
    (_moved("sinn_model", "sinn_actors"), "Das Plugin sinn_model steht in PLUGINS zu früh: es muss hinter sinn_actors stehen."),
    (["sitemap" if p == "sinn_sitemap" else p for p in PLUGINS],
     "Das Plugin sitemap aus PLUGINS lässt sich nicht laden (No module named 'sitemap')."),
])
@pytest.mark.parametrize("tool", ["build", "check"])
def test_plugins_in_the_wrong_order_or_unknown_are_refused(site_files, tmp_path, plugins, message, tool):
    site_files.minimal()
    process = _command(tool, site_files.content, _settings(tmp_path, "reihenfolge", PLUGINS=plugins), str(tmp_path / "output"))
    text = process.stdout + process.stderr
    assert process.returncode == 2, text
    assert f"testconf.py: {message}" in text
    assert "Traceback" not in text


def test_a_plugin_missing_from_plugins_that_others_only_follow_is_fine(site_files, tmp_path):
    """AFTER only orders what is listed: a site without feeds still builds its redirects."""
    site_files.minimal()
    process = run_check(site_files.content, "--settings", _settings(tmp_path, "ohne-feeds", PLUGINS=[p for p in PLUGINS if p != "sinn_feeds"]))
    assert process.returncode == 0, process.stdout + process.stderr


@pytest.mark.parametrize(("months", "code", "text"), [
    (6, 0, "Jede Geschichte wird spätestens alle 6 Monate geprüft"),
    ("6", 2, "Die Einstellung CONTENT_CONTRACT_REVIEW_MONTHS hat den falschen Typ"),
])
def test_report_reads_the_settings_file_as_the_build_does(site_files, tmp_path, months, code, text):
    site_files.minimal()
    settings = _settings(tmp_path, "bericht", CONTENT_CONTRACT_REVIEW_MONTHS=months)
    process = subprocess.run(
        [sys.executable, "-m", "tools.report", site_files.content, "--settings", settings, "--today", "2026-11-30"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert process.returncode == code, process.stdout + process.stderr
    assert text in process.stdout + process.stderr
    assert "Traceback" not in process.stderr
