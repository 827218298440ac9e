"""Hostile content (issue 15): every attack in tests/hostile.py is named by `make check` and contained by the build.

Each attack is written into a real content folder. (a) `make check` exits 1 and names the attacked file
(with a line where tests/hostile.py says so), with no traceback, no exception class and no workflow command
in its output. (b) The build refuses it or contains it, with the checker (it must refuse) and without it (it
may refuse, or publish a clean site): the tree outside output/ is unchanged, nothing is written outside
output/, a refused build leaves the previous output/ byte for byte, and the published site carries no
script, event handler, executable URL, foreign resource, author-written class/style/data-*, secret or
non-allowed file (tests/hostile_scan.py, tests/hostile_scan_files.py). Markup attacks share two builds; the others
get their own, two at a time. The fuzz test is in tests/test_hostile_fuzz.py.
"""

from __future__ import annotations

import collections
import concurrent.futures
import os
import re
import shutil
from types import SimpleNamespace

import pytest
from hostile import ATTACKS, Attack
from hostile_checks import OWN_ORIGINS, assert_editor_output, assert_refused, names_attack, names_in_log, scan_for
from hostile_scan import Scan, scan_html
from hostile_scan_files import scan_site
from hostile_site import (
    EVIL,
    MEMORY_LIMIT,
    SECRET,
    Site,
    english_exceptions,
    repository_state,
    run_python,
    snapshot,
    tree,
    tree_changes,
    workflow_commands,
)

from sitefiles import check_in_process

MARKUP = [a for a in ATTACKS if a.build == "markup"]
OWN = [a for a in ATTACKS if a.build in ("own", "alone")]
GROUPED = [a for a in ATTACKS if a.build == "own"]
REPOSITORY_BEFORE = repository_state()


def _id(attack: Attack) -> str:
    return attack.id


# --- fixtures: the clean site, and the two shared builds ------------------------------------------------------


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory):
    """A site with everything an honest editor may write, built with the checker: the 'previous output' of every attack."""
    site = Site(tmp_path_factory.mktemp("clean"))
    site.add_benign()
    run = site.build(checker=True)
    assert run.returncode == 0, run.describe()
    return SimpleNamespace(site=site, output=site.output, run=run)


def _group(tmp_path_factory, name: str, attacks: list[Attack], clean_site, without_checker: bool):
    site = Site(tmp_path_factory.mktemp(name))
    for attack in attacks:
        site.m = attack.marker
        attack.write(site)
    old = site.install_output(clean_site.output)
    before = snapshot(site.tmp)
    with_checker = site.build(checker=True)
    group = SimpleNamespace(site=site, old=old, with_checker=with_checker, output_after_check=tree(site.output),
                            changes_after_check=tree_changes(before, snapshot(site.tmp)))
    if without_checker:
        group.without = site.build(checker=False)
        group.changes = tree_changes(before, snapshot(site.tmp))
        group.output_after = tree(site.output)
        group.findings = scan_site(site.output, scan_for(site, attacks)) if group.without.returncode == 0 else []
    return group


@pytest.fixture(scope="module")
def markup_group(tmp_path_factory, clean_site):
    """All markup attacks in one site: built with the checker (must refuse) and without it (must contain them)."""
    return _group(tmp_path_factory, "markup", MARKUP, clean_site, without_checker=True)


@pytest.fixture(scope="module")
def file_group(tmp_path_factory, clean_site):
    """All other attacks that can share a site: built once with the checker, which must refuse."""
    return _group(tmp_path_factory, "files", GROUPED, clean_site, without_checker=False)


# --- the table and the tools ------------------------------------------------------------------------------------


def test_the_table_covers_every_class_broadly():
    counts = collections.Counter(attack.cls for attack in ATTACKS)
    assert len(ATTACKS) >= 60
    assert all(counts[cls] >= 8 for cls in range(1, 10)), counts
    assert len({a.id for a in ATTACKS}) == len(ATTACKS) and len({a.marker for a in ATTACKS}) == len(ATTACKS)
    for attack in ATTACKS:
        assert attack.names and all(n.startswith("content/") for n in attack.names), attack.id
        assert attack.build in ("markup", "own", "alone"), attack.id
        assert (attack.build == "markup") <= (attack.cls in (6, 7)), f"{attack.id}: only bodies and plain-text fields share a build"


def test_the_clean_site_passes_everything(clean_site):
    code, output = check_in_process(clean_site.site.content)
    assert code == 0, output
    assert_editor_output(clean_site.run.log, "clean build")
    findings = scan_site(clean_site.output, scan_for(clean_site.site, []))
    assert findings == [], "\n".join(map(str, findings))


PLANTED = {
    "script": "<script>alert('zqplant1x')</script>",
    "handler": "<p><img src=\"/images/beratung-480.jpg\" alt=\"x\" onerror=\"alert('zqplant2x')\"></p>",
    "javascript": "<p><a href=\"&#106;avascript:alert('zqplant3x')\">x</a></p>",
    "foreign image": "<p><img src=\"/\\evil.example/zqplant4x.png\" alt=\"x\"></p>",
    "srcset": f"<p><img src=\"/images/beratung-480.jpg\" srcset=\"{EVIL}/zqplant5x.png 2x\" alt=\"x\"></p>",
    "style": "<p style=\"position:fixed\">zqplant6x</p>",
    "theme class": "<p><a class=\"app-card__link\" href=\"/\">zqplant7x</a></p>",
    "pagefind": "<p data-pagefind-meta=\"title:zqplant8x\">x</p>",
    "textarea": "<textarea>zqplant9x",
    "comment": "Text <!--><img src=x onerror=alert('zqplantax')>-->",
}


@pytest.mark.parametrize("kind", PLANTED)
def test_the_scan_finds_what_it_looks_for(kind, clean_site, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(clean_site.output, output)
    page = output / "geschichten" / "gute-geschichte" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert text.count('app-prose">') >= 1
    page.write_text(text.replace('app-prose">', 'app-prose">' + PLANTED[kind], 1), encoding="utf-8")
    marker = re.search(r"zqplant\wx", PLANTED[kind]).group(0)
    findings = scan_site(str(output), Scan(OWN_ORIGINS, markers=(marker,), body_markers=(marker,)))
    assert any(f.mentions(marker) for f in findings), f"{kind} not found: {findings}"


def test_the_scan_finds_published_files_links_feeds_and_data(clean_site, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(clean_site.output, output)
    (output / "files").mkdir(exist_ok=True)
    (output / "files" / "x.js").write_text("alert(1)")
    os.symlink("/etc/hostname", output / "files" / "rechner.txt")
    (output / "images" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (output / "_redirects").write_text(f"/alt/ /neu/ 301\n/* {EVIL}/ 200\n")
    feed = output / "feeds" / "geschichten.atom.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("&lt;p&gt;", "&lt;p&gt;&lt;img src=x onerror=alert(1)&gt;", 1), encoding="utf-8")
    data = output / "daten" / "geschichten.json"
    data.write_text(data.read_text(encoding="utf-8").replace("<p>", '<p><a href=\\"javascript:alert(1)\\">x</a>', 1), encoding="utf-8")
    (output / "geheim.txt").write_text(SECRET)
    findings = [str(f) for f in scan_site(str(output), scan_for(clean_site.site, []))]
    for expected in ("files/x.js", "files/rechner.txt", "images/logo.svg", "_redirects", "feeds/geschichten.atom.xml",
                     "daten/geschichten.json", "geheim.txt"):
        assert any(f.startswith(expected + ":") for f in findings), f"{expected} not found in {findings}"


def test_the_log_rules_find_workflow_commands_and_exceptions():
    assert workflow_commands("ok\n  ::error::gefälscht\n::error file=content/x.md,line=3,title=Text::Meldung")
    assert workflow_commands("::error file=content/x.md::gefälscht\r::add-mask::x") == ["::add-mask::x"]
    assert not workflow_commands("::warning file=content/a%3Ab.md,line=2::Meldung: mit ::error:: und 100%25 im Text")
    assert workflow_commands("::error file=content/a.md,line=2::E-Mail a@b.de%0ABcc: c@d.de und 100% unescaped")
    assert english_exceptions("Build abgebrochen: ein unerwarteter Fehler (error).")
    assert english_exceptions("Build abgebrochen: ValueError: year 2125 is out of range")
    assert not english_exceptions("content/x.md:3: date: 2125-03-14 liegt mehr als ein Jahr in der Zukunft.")


# --- (a) the checker names every attack -------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS, ids=_id)
def test_check_names_the_attacked_file(attack, tmp_path, caplog):
    site = Site(tmp_path, attack.marker)
    attack.write(site)
    if attack.build == "alone":
        run = site.check()
        assert run.returncode is not None, f"make check did not finish: {run.describe()}"
        code, output = run.returncode, re.sub(r"(?m)^\S*?site/(?=content/)", "", run.log)
    else:
        code, output = check_in_process(site.content)
        output += caplog.text
    assert code == 1, f"make check must report an error (exit 1), got {code}:\n{output[-3000:]}"
    assert names_attack(output, attack), f"make check does not name {' or '.join(attack.names)} (N: with a line):\n{output[-3000:]}"
    assert_editor_output(output, "make check")
    if attack.build != "alone":
        code, github = check_in_process(site.content, "--format", "github")
        assert code == 1 and github.startswith("::"), github[-2000:]
        assert not workflow_commands(github), f"make check FORMAT=github prints unescaped workflow commands: {workflow_commands(github)}"


# --- (b) the build refuses or contains it ------------------------------------------------------------------------


def test_markup_build_with_the_checker_refuses_all(markup_group):
    group = markup_group
    assert_refused(group.with_checker, group.old, group.output_after_check, "build with the checker")
    assert group.changes_after_check == [], group.changes_after_check
    missing = [a.id for a in MARKUP if not names_attack(group.with_checker.log, a, anchored=False)]
    assert missing == [], f"the build's check does not name: {missing}"


def test_markup_build_without_the_checker_contains_all(markup_group):
    group = markup_group
    assert group.without.returncode == 0, f"the build must clean texts, not refuse them: {group.without.describe()}"
    assert_editor_output(group.without.log, "build without the checker")
    assert group.changes == [], group.changes
    assert group.findings == [], "\n".join(map(str, group.findings))


@pytest.mark.parametrize("attack", MARKUP, ids=_id)
def test_markup_attack_is_contained(attack, markup_group):
    group = markup_group
    if group.without.returncode != 0:
        assert group.output_after == group.old, "a refused build changed the previous output/"
        return
    findings = [f for f in group.findings if f.mentions(attack.marker) or f.file == attack.page]
    assert findings == [], "\n".join(map(str, findings))


def test_the_job_summary_prints_titles_from_content_as_inert_text(markup_group, clean_site):
    import markdown
    from bs4 import BeautifulSoup

    group = markup_group
    assert group.without.returncode == 0, "needs the markup build without the checker"
    run = run_python(["-m", "tools.site_diff", clean_site.output, group.site.output], group.site.tmp / "cwd", 60, MEMORY_LIMIT)
    assert run.returncode == 0, run.describe()
    assert not workflow_commands(run.stdout), workflow_commands(run.stdout)
    titles = [a.marker for a in MARKUP if a.in_title]
    assert any(marker in run.stdout for marker in titles), "the summary should list the attacked pages with their titles"
    rendered = markdown.markdown(run.stdout, extensions=["tables"])
    scan = Scan(OWN_ORIGINS, markers=tuple(a.marker for a in MARKUP))
    scan_html(rendered, "Zusammenfassung", scan, fragment=True)
    made = [str(t) for t in BeautifulSoup(rendered, "html.parser").find_all(["a", "img", "script", "strong", "em"])
            if any(m in str(t) for m in scan.markers)]
    assert scan.findings == [] and made == [], "\n".join([*map(str, scan.findings), *made])


def test_file_build_with_the_checker_refuses_all(file_group):
    group = file_group
    assert_refused(group.with_checker, group.old, group.output_after_check, "build with the checker")
    assert group.changes_after_check == [], group.changes_after_check
    missing = [a.id for a in GROUPED if not names_attack(group.with_checker.log, a, anchored=False)]
    assert missing == [], f"the build's check does not name: {missing}"


def _build_alone(attack: Attack, tmp, clean_output: str) -> SimpleNamespace:
    """One attack in a site of its own: built with the checker if the table says so, then without it."""
    site = Site(tmp, attack.marker)
    attack.write(site)
    result = SimpleNamespace(old=site.install_output(clean_output), with_checker=None)
    # A warm cache, as in CI: the build's own cache beside content/ (not part of the compared tree).
    shutil.copytree(os.path.join(os.path.dirname(clean_output), ".cache"), site.root / ".cache", dirs_exist_ok=True)
    before = snapshot(tmp)
    if attack.build == "alone":
        result.with_checker = site.build(checker=True)
        result.output_after_check = tree(site.output)
        result.changes_after_check = tree_changes(before, snapshot(tmp))
    result.without = site.build(checker=False)
    result.changes = tree_changes(before, snapshot(tmp))
    result.output_after = tree(site.output)
    ok = result.without.returncode == 0
    result.findings = scan_site(site.output, scan_for(site, [attack])) if ok else []
    return result


@pytest.fixture(scope="module")
def own_builds(request, tmp_path_factory, clean_site):
    """The builds of every selected own-build attack, two at a time (each is a process that mostly waits on one core)."""
    selected = [item.callspec.params["attack"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_build_refuses_or_contains"]
    folders = {attack.id: tmp_path_factory.mktemp(attack.id) for attack in selected}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {a.id: pool.submit(_build_alone, a, folders[a.id], clean_site.output) for a in selected}
        yield futures
        for future in futures.values():
            future.cancel()


@pytest.mark.parametrize("attack", OWN, ids=_id)
def test_build_refuses_or_contains(attack, own_builds):
    result = own_builds[attack.id].result()
    if result.with_checker is not None:
        assert_refused(result.with_checker, result.old, result.output_after_check, "build with the checker")
        assert names_in_log(result.with_checker.log, attack), f"the build does not name the file:\n{result.with_checker.log[-2000:]}"
        assert result.changes_after_check == [], result.changes_after_check
    run = result.without
    assert run.returncode is not None, f"the build without the checker did not finish: {run.describe()}"
    assert run.returncode >= 0, f"the build without the checker crashed: {run.describe()}"
    assert_editor_output(run.log, "build without the checker")
    assert result.changes == [], f"the build changed files outside output/: {result.changes}"
    if run.returncode != 0:
        assert result.output_after == result.old, "a refused build changed the previous output/"
        assert names_in_log(run.log, attack), f"the refusing build does not name the file:\n{run.log[-2000:]}"
    else:
        assert result.findings == [], "\n".join(map(str, result.findings))


def test_zz_the_repository_is_untouched():
    assert repository_state() == REPOSITORY_BEFORE

