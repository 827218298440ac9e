"""Containment of untrusted content: the file inventory, paths inside content/, YAML limits, date range, printed values."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinn_content_contract.inventory import take_inventory
from sinn_core.containment import ContentPathError, printable, resolve_content_path, yaml_limit_problem
from sitefiles import ROOT, STORY_YAML, SiteFiles, check_in_process, run_build, settings_file, tree

STORY = "content/stories/beratung-per-video.md"


def story(site: SiteFiles, front: str, body: str | None = None) -> None:
    site.write("stories/beratung-per-video.md", f"---\n{front}---\n\n{body or 'Ein Satz mit genug Wörtern. ' * 20}\n")


@pytest.mark.parametrize(("relative", "message"), [
    ("stories/.versteckt.md", "ist eine versteckte Datei"),
    ("pages/.entwurf.md", "ist eine versteckte Datei"),
    ("files/.htaccess", "ist eine versteckte Datei"),
    ("files/skript.js", "Dateien vom Typ .js sind in content/files/ nicht erlaubt"),
    ("files/seite.html", "Dateien vom Typ .html sind in content/files/ nicht erlaubt"),
    ("files/anleitung.pdf.html", "Dateien vom Typ .html sind in content/files/ nicht erlaubt"),
    ("files/GROSS.JS", "Dateien vom Typ .js sind in content/files/ nicht erlaubt"),
    ("files/foto.jpg", "Bilder gehören in den Ordner content/images/"),
    ("files/ohne-endung", "Dateien vom Typ (keine Endung)"),
    ("images/logo.svg.js", "Dateien vom Typ .js sind in content/images/ nicht erlaubt"),
    ("stories/seite.html", "Dateien vom Typ .html sind in content/stories/ nicht erlaubt"),
    ("theme/static/x.css", "ist kein bekannter Inhaltsordner"),
    ("irgendwo.md", "Dateien gehören in einen der Inhaltsordner"),
    ("data/neu/themes.yml", "sind keine Unterordner vorgesehen"),
])
def test_files_of_no_known_kind_are_refused_by_the_checker(site_files, relative, message):
    site_files.minimal()
    site_files.write(relative, "alert(1)")
    code, output = check_in_process(site_files.content)
    assert code == 1
    shown = "content/" + relative.split("/")[0] if message.startswith(("ist kein bekannter", "sind keine Unterordner")) else "content/" + relative
    line = next((line for line in output.splitlines() if line.startswith(shown)), "")
    assert message in line, output


@pytest.mark.parametrize("target", ["/etc/hostname", "/proc/self/environ", "../../pelicanconf.py"])
def test_symbolic_links_are_refused_wherever_they_point(site_files, target):
    site_files.minimal()
    os.makedirs(site_files.path("files"), exist_ok=True)
    os.symlink(target, site_files.path("files/liste.txt"))
    os.symlink("/etc", site_files.path("images/system"))
    code, output = check_in_process(site_files.content)
    assert code == 1
    assert "content/files/liste.txt: Datei: ist eine Verknüpfung (symbolischer Link)" in output
    assert "content/images/system: Ordner: ist eine Verknüpfung (symbolischer Link) auf einen Ordner" in output


def test_the_build_refuses_what_the_inventory_refuses_even_without_the_checker(tmp_path):
    site = SiteFiles(tmp_path / "site").minimal()
    output = str(tmp_path / "output")
    settings = settings_file(str(tmp_path), CONTENT_CONTRACT_CHECK=False)
    assert run_build(site.content, output, settings).returncode == 0
    before = tree(output)
    site.write("stories/.versteckt.md", "---\ntitle: x\n---\n<script>alert(1)</script>\n")
    site.write("files/x.js", "alert(1)")
    os.symlink("/etc/hostname", site.path("files/host.txt"))
    process = run_build(site.content, output, settings)
    assert process.returncode == 1
    assert "content/stories/.versteckt.md: Datei: ist eine versteckte Datei" in process.stderr
    assert "content/files/host.txt: Datei: ist eine Verknüpfung" in process.stderr
    assert "Traceback" not in process.stderr
    assert tree(output) == before, "a refused build leaves the published output as it was"


def test_documents_are_published_and_nothing_else_from_files(site_files, build):
    site_files.minimal()
    site_files.write("files/kostenplan.csv", "a;b\n1;2\n")
    site_files.write("files/README.md", "Hinweise für die Redaktion")
    site = build(site_files)
    assert site.exists("/files/kostenplan.csv")
    assert not site.exists("/files/README.md")
    inventory = take_inventory(site_files.content)
    assert [os.path.basename(p) for p in inventory.of_kind("document")] == ["kostenplan.csv"]


@pytest.mark.parametrize("value", [
    "images/../../theme/static/img/favicon.svg", "images/../x.jpg", "../images/x.jpg", "images//x.jpg", "images/./x.jpg",
    "images/%2e%2e/x.jpg", "images\\x.jpg", "/etc/passwd", "images/x.jpg\x00.png", "files/x.pdf",
])
def test_paths_from_content_never_leave_their_folder(tmp_path, value):
    with pytest.raises(ContentPathError) as refused:
        resolve_content_path(str(tmp_path), value, "images")
    assert "content/images/" in str(refused.value) or ".." in str(refused.value) or "Kodierung" in str(refused.value)


def test_a_path_through_a_linked_folder_is_refused(tmp_path):
    (tmp_path / "images").mkdir()
    os.symlink("/etc", tmp_path / "images" / "etc")
    with pytest.raises(ContentPathError, match="Verknüpfung"):
        resolve_content_path(str(tmp_path), "images/etc/hostname", "images")
    assert resolve_content_path(str(tmp_path), "images/a/b.jpg", "images") == os.path.join(os.path.realpath(tmp_path), "images", "a", "b.jpg")


def test_a_body_image_that_climbs_out_is_refused_and_nothing_outside_the_output_changes(tmp_path):
    site = SiteFiles(tmp_path / "site").minimal()
    decoy = tmp_path / "site" / "theme" / "static" / "img" / "favicon.svg"
    decoy.parent.mkdir(parents=True)
    decoy.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    body = "Ein Satz mit genug Wörtern. " * 20 + "\n\n![Logo](/images/../../theme/static/img/favicon.svg)\n"
    story(site, STORY_YAML.replace("stage: pilot", "stage: pilot"), body)
    code, output = check_in_process(site.content)
    assert code == 1
    assert re.search(rf"{STORY}:18: Text: .*/images/\.\./\.\./theme/static/img/favicon\.svg", output), output
    before = tree(tmp_path / "site")
    process = run_build(site.content, str(tmp_path / "output"), settings_file(str(tmp_path), CONTENT_CONTRACT_CHECK=False))
    # Without the checker, the HTML allowlist drops the image: the build contains it instead of refusing it.
    assert process.returncode == 0, process.stderr
    assert "../../theme" not in (tmp_path / "output" / "geschichten" / "beratung-per-video" / "index.html").read_text(encoding="utf-8")
    assert without_caches(tree(tmp_path / "site")) == without_caches(before), "sources and files beside content/ are untouched"
    assert decoy.read_text(encoding="utf-8") == '<svg xmlns="http://www.w3.org/2000/svg"/>'
    assert sorted(os.listdir(tmp_path)) == ["output", "site", "testconf.py"], "nothing written beside the output folder"


def without_caches(files: dict) -> dict:
    return {path: data for path, data in files.items() if not path.startswith(".cache/")}


def nested(depth: int) -> str:
    return "facts: " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize(("front", "message"), [
    (nested(30_000), "zu tief verschachtelt"),
    (nested(25), "zu tief verschachtelt"),
    ("facts:\n" + "".join("  " * level + "- \n" for level in range(25)), "zu tief verschachtelt"),
    ("summary: " + "x" * 70_000 + "\n", "erlaubt sind 64 KB"),
])
def test_front_matter_over_the_limits_gets_a_german_message_not_a_crash(tmp_path, front, message):
    site = SiteFiles(tmp_path).minimal()
    story(site, STORY_YAML + front)
    # In a process of its own: without the limit, libyaml crashes the interpreter (SIGSEGV) on deep nesting.
    process = subprocess.run([sys.executable, "-m", "tools.check", site.content], cwd=ROOT, capture_output=True, text=True, timeout=120,
                             check=False)
    assert process.returncode == 1, process.stderr
    assert message in process.stdout
    assert re.search(r"stories/beratung-per-video\.md:\d+: Die Felder können nicht gelesen werden", process.stdout), process.stdout


def test_limits_leave_ordinary_front_matter_alone():
    assert yaml_limit_problem(STORY_YAML + "facts:\n  - label: Familien\n    value: 120\n    source: Jahresbericht 2024\n") is None
    assert yaml_limit_problem("title: \"Pflege [neu] gedacht\"\nthemes: [a, {b: [c]}]\n") is None


@pytest.mark.parametrize(("line", "message"), [
    ("date: 2125-01-01", "liegt mehr als ein Jahr in der Zukunft"),
    ("date: 1899-12-31", "liegt vor 1990"),
    ("modified: 2125-01-01", "liegt mehr als ein Jahr in der Zukunft"),
])
def test_dates_out_of_range_are_errors(site_files, line, message):
    site_files.minimal()
    field = line.split(":")[0]
    front = STORY_YAML.replace("date: 2025-03-14", line) if field == "date" else STORY_YAML + line + "\n"
    story(site_files, front)
    code, output = check_in_process(site_files.content, "--today", "2026-11-30")
    assert code == 1
    assert f"{STORY}:" in output and f"{field}: " in output and message in output


def test_printed_values_stay_on_one_line():
    assert printable("/alt/\n::error::gehackt") == "/alt/\\n::error::gehackt"
    assert printable("Titel\r\u2028\x1b[31m") == "Titel\\r\\u2028\\u001b[31m"
    assert printable("Grüße aus Görlitz") == "Grüße aus Görlitz"


def test_a_file_name_with_a_line_break_cannot_print_a_workflow_command(site_files):
    site_files.minimal()
    site_files.write("stories/x\n::error::gehackt.md", "---\ntitle: x\n---\n")
    code, output = check_in_process(site_files.content, "--format", "github")
    assert code == 1
    for line in output.splitlines():
        assert not line.startswith("::") or line.startswith(("::error file=", "::warning file=")), line


def test_an_svg_in_the_text_is_judged_like_a_logo_by_the_checker_and_the_build(tmp_path):
    site = SiteFiles(tmp_path / "site").minimal()
    site.write("images/boese.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    body = "Ein Satz mit genug Wörtern. " * 20 + "\n\n![Ein Logo](/images/boese.svg)\n"
    story(site, STORY_YAML, body)
    code, output = check_in_process(site.content)
    assert code == 1
    assert re.search(rf"{STORY}:\d+: Text: Die SVG-Grafik images/boese.svg, Zeile 1: ", output), output
    process = run_build(site.content, str(tmp_path / "output"), settings_file(str(tmp_path), CONTENT_CONTRACT_CHECK=False))
    assert process.returncode == 1 and "Die SVG-Grafik" in process.stderr
    assert not (tmp_path / "output").exists()


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), st.sampled_from([("Cc", "Cf", "Zl", "Zp"), ("Cc", "Zl", "Zp"), ("Zs",)]))
@settings(max_examples=400, deadline=None)
def test_control_characters_names_exactly_the_characters_of_the_categories(text, categories):
    import unicodedata

    from sinn_core.containment import control_characters

    expected = sorted({unicodedata.name(char, f"U+{ord(char):04X}") for char in text if unicodedata.category(char) in categories})
    assert control_characters(text, categories) == expected

