"""A build after an edit renders only the pages that read what changed, and gives the same site as a clean build."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from sitefiles import ROOT, run_build, settings_file, tree

REUSED = re.compile(r"Seiten: (\d+) von (\d+) unverändert")


def _edit(path: str, old: str, new: str) -> None:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    assert old in text, f"{old!r} not in {path}"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, 1))


def _clean_build(content: str, folder, settings: str) -> dict[str, bytes]:
    """The same content built from scratch in a folder of its own (no caches of any kind)."""
    copy = os.path.join(folder, "content")
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(content, copy)
    process = run_build(copy, os.path.join(folder, "output"), settings)
    assert process.returncode == 0, process.stderr
    return tree(os.path.join(folder, "output"))


def _text(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _reused(process) -> tuple[int, int]:
    match = REUSED.search(process.stderr)
    assert match, process.stderr
    return int(match.group(1)), int(match.group(2))


def _verbose_build(content: str, output: str, settings: str = "pelicanconf.py"):
    import subprocess
    import sys

    process = subprocess.run([sys.executable, "-m", "tools.build", "--settings", os.path.join(ROOT, settings), "--content", content,
                              "--output", output, "--verbose"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert process.returncode == 0, process.stderr
    return process


EDITS = [
    ("title", "stories/familienbus-vogtland.md", 'title: "Familienbus im', 'title: "Neuer Familienbus im'),
    ("body", "stories/familienbus-vogtland.md", "\n---\n", "\n---\n\nEin neuer erster Absatz für diese Geschichte.\n"),
    ("themes", "stories/familienbus-vogtland.md", "themes: [kinder-jugend-familie, beratung]", "themes: [beratung]"),
    ("date", "stories/familienbus-vogtland.md", "date: 2025-07-01", "date: 2019-07-01"),
    ("actor name", "actors/drk-sachsen.yml", 'name: "DRK Landesverband', 'name: "DRK-Landesverband'),
]


@pytest.fixture(scope="module")
def incremental(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    content = os.path.join(root, "content")
    shutil.copytree(os.path.join(ROOT, "content"), content)
    # A theme of its own, so that the last test can change a template in place.
    shutil.copytree(os.path.join(ROOT, "theme"), os.path.join(root, "theme"))
    settings = settings_file(root, THEME=os.path.join(root, "theme"))
    output = os.path.join(root, "output")
    first = _verbose_build(content, output, settings)
    assert _reused(first)[0] == 0
    return content, output, settings


@pytest.mark.parametrize(("name", "relative", "old", "new"), EDITS, ids=[edit[0] for edit in EDITS])
def test_after_an_edit_the_site_equals_a_clean_build(incremental, tmp_path, name, relative, old, new):
    content, output, settings = incremental
    _edit(os.path.join(content, relative), old, new)
    process = _verbose_build(content, output, settings)
    reused, pages = _reused(process)
    assert 0 < reused < pages, f"{name}: {reused} of {pages} pages kept"
    assert tree(output) == _clean_build(content, tmp_path / "clean", settings), f"{name}: the incremental build differs from a clean one"


def test_a_photo_of_another_shape_renders_the_pages_that_show_it(incremental, tmp_path):
    """A page counts a story's photo by its renditions (sizes, files), not the photo's bytes: a new shape still shows."""
    from PIL import Image

    content, output, settings = incremental
    photo = os.path.join(content, "images", "stories", "familienbus-vogtland.jpg")
    with Image.open(photo) as image:
        image.convert("RGB").resize((1200, 1200)).save(photo, "JPEG", quality=80)
    _verbose_build(content, output, settings)
    assert 'height="1200"' in _text(os.path.join(output, "geschichten", "familienbus-vogtland", "index.html"))
    assert tree(output) == _clean_build(content, tmp_path / "clean", settings)


def test_a_body_edit_keeps_the_pages_that_do_not_show_the_story(incremental):
    content, output, settings = incremental
    actors = os.path.join(output, "akteure")
    pages = [os.path.join(actors, name, "index.html") for name in os.listdir(actors) if os.path.isfile(os.path.join(actors, name, "index.html"))]
    story = os.path.join(output, "geschichten", "dorfwerkstatt-oberlausitz", "index.html")
    before = {page: os.stat(page).st_ino for page in [*pages, story]}
    _edit(os.path.join(content, "stories", "dorfwerkstatt-oberlausitz.md"), "\n---\n", "\n---\n\nNoch ein neuer Absatz.\n")
    _verbose_build(content, output, settings)

    def kept(page):  # a page taken from the cache is the last build's file (linked); a rendered one is a new file
        return os.stat(page).st_ino == before[page]

    unrelated = [page for page in pages if "dorfwerkstatt-oberlausitz" not in _text(page)]
    assert not kept(story)
    # Not all: a page that hands its stories to a Python function (JSON-LD) counts the stories their views name
    # whole, and in the twelve sample stories nearly every story names the edited one (on the bench's 2,000
    # stories one edited title renders 34 of 3,376 pages).
    assert any(map(kept, unrelated))


def test_a_new_story_renders_every_page(incremental):
    content, output, settings = incremental
    source = os.path.join(content, "stories", "familienbus-vogtland.md")
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    with open(os.path.join(content, "stories", "familienbus-zwei.md"), "w", encoding="utf-8") as handle:
        handle.write(text.replace('title: "', 'title: "Zweiter ', 1))
    reused, _pages = _reused(_verbose_build(content, output, settings))
    assert reused == 0
    assert os.path.isfile(os.path.join(output, "geschichten", "familienbus-zwei", "index.html"))


def test_a_template_change_renders_every_page(incremental):
    content, output, settings = incremental
    _edit(os.path.join(os.path.dirname(settings), "theme", "templates", "base.html"), "</body>", "<!-- geändert --></body>")
    reused, _pages = _reused(_verbose_build(content, output, settings))
    assert reused == 0
    with open(os.path.join(output, "index.html"), encoding="utf-8") as handle:
        assert "<!-- geändert -->" in handle.read()


def _manifest(content: str) -> dict:
    import glob
    import pickle

    newest = max(glob.glob(os.path.join(os.path.dirname(content), ".cache", "pages", "manifest-*.pickle")), key=os.path.getmtime)
    with open(newest, "rb") as handle:
        return pickle.load(handle)


def test_no_page_renders_again_whose_inputs_are_the_same(incremental):
    """Every page whose key is unchanged after an edit is the last build's file, whatever objects it read (hero images too)."""
    content, output, settings = incremental
    _edit(os.path.join(content, "stories", "sprachcafe-riesa.md"), "\n---\n", "\n---\n\nEin Satz mehr im Sprachcafé.\n")
    _verbose_build(content, output, settings)
    before = {relative: (entry[0], os.stat(os.path.join(output, relative)).st_ino) for relative, entry in _manifest(content).items()}
    _edit(os.path.join(content, "stories", "sprachcafe-riesa.md"), "Ein Satz mehr", "Noch ein Satz mehr")
    _verbose_build(content, output, settings)
    after = _manifest(content)
    same = [relative for relative, entry in after.items() if relative in before and before[relative][0] == entry[0]]
    assert same
    rendered_again = [relative for relative in same if os.stat(os.path.join(output, relative)).st_ino != before[relative][1]]
    assert rendered_again == []


def test_a_value_has_one_digest_whatever_depth_it_was_first_met_at():
    """Below a few levels a value counts by its type; a value first met deep inside another must not keep that cut digest."""
    from sinn_parallel_writing.fingerprints import DEPTH, Fingerprints

    term = {"id": "chemnitz", "map": {"column": 1, "row": 2}}
    nested = term
    for _ in range(DEPTH):
        nested = [nested]
    first = Fingerprints()
    first.value(nested)  # meets `term` near the depth limit first
    assert first.value(term) == Fingerprints().value(term)


def test_after_a_cold_build_on_two_cores_an_edit_renders_only_what_read_it(tmp_path):
    """The first build renders the rest of the pages in one process, the next checks them in two: the keys must agree."""
    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    settings = settings_file(tmp_path, PARALLEL_WRITING_WORKERS=2, PARALLEL_WRITING_EARLY_MINIMUM=1)
    output = str(tmp_path / "output")
    _verbose_build(str(content), output, settings)
    before = {relative: (entry[0], os.stat(os.path.join(output, relative)).st_ino) for relative, entry in _manifest(str(content)).items()}
    _edit(str(content / "stories" / "sprachcafe-riesa.md"), "\n---\n", "\n---\n\nEin Satz mehr im Sprachcafé.\n")
    _verbose_build(str(content), output, settings)
    after = _manifest(str(content))
    same = [relative for relative, entry in after.items() if relative in before and before[relative][0] == entry[0]]
    assert same
    assert [relative for relative in same if os.stat(os.path.join(output, relative)).st_ino != before[relative][1]] == []


def test_another_runs_manifest_counts_by_the_list_of_keys_beside_it_only_while_that_list_is_as_new(tmp_path):
    import pickle

    from sinn_parallel_writing.page_memo import KEYS, _keys

    manifest = tmp_path / "manifest-veroeffentlichen.pickle"
    manifest.write_bytes(pickle.dumps({"index.html": ("schluessel-neu", "index.html", ())}))
    assert _keys(str(manifest)) == {"schluessel-neu"}, "no list beside it: the manifest itself"
    listed = tmp_path / f"{manifest.name}{KEYS}"
    listed.write_bytes(pickle.dumps({"schluessel-aus-der-liste"}))
    assert _keys(str(manifest)) == {"schluessel-aus-der-liste"}
    os.utime(listed, ns=(1_000_000_000, 1_000_000_000))  # older than the manifest: a build stopped between the two
    assert _keys(str(manifest)) == {"schluessel-neu"}


def test_every_part_one_process_saves_during_a_build_is_merged(tmp_path):
    """The main process saves its records more than once (its share, then the stories the early process had not reached)."""
    from sinn_parallel_writing import read_digests
    from sinn_parallel_writing.page_memo import PageMemo
    from sinn_parallel_writing.read_digests import ReadDigests

    memo = PageMemo.__new__(PageMemo)  # only the parts: no settings, no pages
    memo.cache, memo.files, memo.manifest = str(tmp_path), str(tmp_path / "files"), str(tmp_path / "manifest-test.pickle")
    memo.previous = {}
    memo.reads = ReadDigests(read_digests.empty(), lambda *_read: None)
    for number in range(50):  # dicts come and go: a part named by a dict's id was overwritten by a later one
        memo.records = {f"seite-{number}/index.html": (f"schluessel-{number}", "page.html", ((), (), (), ()))}
        memo.save_part()
    assert sorted(memo.merge()) == sorted(f"seite-{number}/index.html" for number in range(50))


def test_a_reads_table_counts_only_beside_the_manifest_it_was_written_with(tmp_path):
    """A build that stopped between writing the two, or another build sharing the cache, leaves a table of other pages."""
    from sinn_parallel_writing import read_digests

    manifest = str(tmp_path / "manifest-test.pickle")
    table = {"a": {("stories/a.md", "title"): "'Alt'"}, "o": {}, "d": {}}
    read_digests.save(manifest, "digest-of-this-manifest", table)
    assert read_digests.load(manifest, "digest-of-this-manifest")["a"] == table["a"]
    assert read_digests.load(manifest, "digest-of-another-manifest") == read_digests.empty()
    assert read_digests.load(manifest, None) == read_digests.empty()


def test_a_read_two_processes_saw_differently_or_not_at_all_renders_the_page_again():
    from sinn_parallel_writing import read_digests
    from sinn_parallel_writing.read_digests import ReadDigests

    title, summary = ("stories/a.md", "title"), ("stories/a.md", "summary")
    table = read_digests.merged([{"a": {title: "'Eins'", summary: "'Text'"}}, {"a": {title: "'Zwei'", summary: "'Text'"}}])
    kept = read_digests.needed(table, {"a/index.html": ("key", "article.html", ((), (title, summary), (), ()), "names")})
    assert kept["a"] == {summary: "'Text'"}
    now = ReadDigests(kept, lambda kind, path, attribute: "'Eins'" if attribute == "title" else "'Text'")
    assert now.changed("a", title), "no digest kept: it cannot be told unchanged"
    assert not now.changed("a", summary)
    assert ReadDigests(kept, lambda *_read: None).changed("a", summary), "an object that is gone counts as changed"


def test_a_story_edit_keeps_the_pages_of_its_topic_that_do_not_show_it(tmp_path):
    """Counting a topic's stories (`| length`) reads none of them: only the page that shows the story may render again."""
    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    settings = settings_file(tmp_path, LISTINGS_PER_PAGE=1)
    output = tmp_path / "output"
    _verbose_build(str(content), str(output), settings)
    topic = output / "themen" / "beratung"
    pages = [path for path in topic.rglob("index.html") if "familienbus-vogtland" not in _text(str(path))]
    assert len(pages) > 2, "the topic has pages that show other stories"
    before = {path: path.stat().st_ino for path in pages}
    _edit(str(content / "stories" / "familienbus-vogtland.md"), "\n---\n", "\n---\n\nEin neuer erster Absatz.\n")
    _verbose_build(str(content), str(output), settings)
    assert [path for path in pages if path.stat().st_ino != before[path]] == []


def test_a_damaged_page_memo_renders_the_pages_again_and_the_build_goes_on(tmp_path):
    """The memo is the build's own file, but a damaged one (a disk, an older format) must cost only the rendering."""
    import glob
    import pickle

    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    settings = settings_file(tmp_path, PARALLEL_WRITING_WORKERS=2, PARALLEL_WRITING_EARLY_MINIMUM=1)
    output = str(tmp_path / "output")
    _verbose_build(str(content), output, settings)
    before = {relative: os.stat(os.path.join(output, relative)).st_ino for relative in _manifest(str(content))}
    for manifest in glob.glob(str(tmp_path / ".cache" / "pages" / "manifest-*.pickle")):
        with open(manifest, "rb") as handle:
            records = pickle.load(handle)
        damaged = {relative: (entry[0], entry[1], 7, entry[3]) for relative, entry in records.items()}
        with open(manifest, "wb") as handle:
            pickle.dump(damaged, handle)
    _edit(str(content / "stories" / "sprachcafe-riesa.md"), "\n---\n", "\n---\n\nEin Satz mehr im Sprachcafé.\n")
    process = _verbose_build(str(content), output, settings)  # fails the test unless the build succeeded
    assert "Traceback" not in process.stderr
    kept = [relative for relative, inode in before.items() if os.stat(os.path.join(output, relative)).st_ino == inode]
    assert kept == [], "no page may come from a damaged entry"
