"""`make check` keeps each file's verdict: a second run says the same, and whatever a verdict depends on checks again."""

from __future__ import annotations

import os

from sitefiles import ROOT, SiteFiles, check_in_process


def _site(tmp_path) -> SiteFiles:
    files = SiteFiles(tmp_path).minimal()
    files.story("zweite-geschichte")
    return files


def test_a_second_run_reports_the_same_and_keeps_the_verdicts(tmp_path):
    files = _site(tmp_path)
    files.replace("stories/zweite-geschichte.md", "stage: pilot", "stage: gibt-es-nicht")
    first = check_in_process(files.content)
    assert any(name.startswith("files-") for name in os.listdir(tmp_path / ".cache" / "check"))
    assert check_in_process(files.content) == first
    assert first[0] != 0 and "gibt-es-nicht" in first[1]


def test_an_edited_file_is_checked_again(tmp_path):
    files = _site(tmp_path)
    assert check_in_process(files.content)[0] == 0
    files.replace("stories/zweite-geschichte.md", "stage: pilot", "stage: gibt-es-nicht")
    code, output = check_in_process(files.content)
    assert code != 0 and "zweite-geschichte.md" in output
    files.replace("stories/zweite-geschichte.md", "stage: gibt-es-nicht", "stage: pilot")
    assert check_in_process(files.content)[0] == 0


def test_a_changed_vocabulary_checks_unchanged_stories_again(tmp_path):
    files = _site(tmp_path)
    assert check_in_process(files.content)[0] == 0
    # The stories name the theme "beratung"; once it leaves the vocabulary they are wrong, though their files are not touched.
    files.replace("data/themes.yml", "- id: beratung\n", "- id: beratung-neu\n")
    code, output = check_in_process(files.content)
    assert code != 0
    assert "zweite-geschichte.md" in output and "beratung" in output


def test_a_removed_actor_checks_the_stories_that_name_it_again(tmp_path):
    files = _site(tmp_path)
    assert check_in_process(files.content)[0] == 0
    os.remove(files.path("actors/beratungsverein.yml"))
    code, output = check_in_process(files.content)
    assert code != 0 and "beratungsverein" in output


def test_a_damaged_cache_is_ignored(tmp_path):
    files = _site(tmp_path)
    expected = check_in_process(files.content)
    for name in os.listdir(tmp_path / ".cache" / "check"):
        with open(tmp_path / ".cache" / "check" / name, "wb") as handle:
            handle.write(b"kein pickle")
    assert check_in_process(files.content) == expected


def test_a_build_renders_each_markdown_text_once(tmp_path, monkeypatch):
    """The readers take the HTML the check made: rendering 2,000 stories twice would double a cold build's Markdown time."""
    import shutil

    from sinn_content_contract import rendering
    from tools.build import build

    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    rendered = []
    original = rendering.render
    monkeypatch.setattr(rendering, "render", lambda text, settings=None: rendered.append(text) or original(text, settings))
    build(os.path.join(ROOT, "pelicanconf.py"), str(tmp_path / "output"), {"PATH": str(content)})
    stories = [name for name in os.listdir(content / "stories") if name.endswith(".md")]
    assert len(rendered) >= len(stories)
    assert [text[:60] for text in set(rendered) if rendered.count(text) > 1] == []


def test_a_build_parses_each_front_matter_once_and_a_file_changed_since_the_check_anew(tmp_path, monkeypatch):
    """The readers take the fields the check parsed: 2,000 stories and 1,000 actors parsed twice cost a cold build 0.4 s."""
    import shutil

    from sinn_content_contract import documents
    from tools.build import build

    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    parsed = []
    original = documents.load_yaml
    monkeypatch.setattr(documents, "load_yaml", lambda source: parsed.append(source.yaml_text) or original(source))
    build(os.path.join(ROOT, "pelicanconf.py"), str(tmp_path / "output"), {"PATH": str(content)})
    files = [name for folder in ("stories", "actors", "pages") for name in os.listdir(content / folder)]
    assert len(parsed) >= len(files), "the check parsed every file"
    assert [text[:60] for text in set(parsed) if parsed.count(text) > 1] == [], "no file parsed twice"
    build(os.path.join(ROOT, "pelicanconf.py"), str(tmp_path / "output"), {"PATH": str(content)}, full=True)
    story = content / "stories" / "sprachcafe-riesa.md"
    assert not documents.is_parsed("story", str(story)), "Pelican's cache had the story: what the check handed on is dropped after reading"

    documents.forget_parsed()
    documents.offer_parsed(documents.read_document("story", str(story)))
    story.write_text(story.read_text(encoding="utf-8").replace('title: "', 'title: "Nach der Prüfung geändert: ', 1), encoding="utf-8")
    assert documents.read_document("story", str(story)).data["title"].startswith("Nach der Prüfung geändert: ")


def test_after_an_edit_only_the_verdicts_beside_the_old_and_the_new_one_are_written_again(tmp_path):
    """The verdicts hold each file parsed and its HTML (25 MB for 3,000 files): an edit must not write them all again."""
    files = _site(tmp_path)
    for number in range(40):
        files.story(f"geschichte-{number:02d}")
    assert check_in_process(files.content)[0] == 0
    folder = tmp_path / ".cache" / "check"
    before = {name: (folder / name).stat().st_ino for name in os.listdir(folder)}
    assert len(before) >= 8, "the verdicts are spread over several files"
    files.replace("stories/zweite-geschichte.md", "stage: pilot", "stage: gibt-es-nicht")
    code, output = check_in_process(files.content)
    assert code != 0 and "gibt-es-nicht" in output
    after = {name: (folder / name).stat().st_ino for name in os.listdir(folder)}
    assert 1 <= sum(after[name] != before.get(name) for name in after) <= 2
    assert check_in_process(files.content) == (code, output), "and the verdicts kept say the same"
