"""Stories read, images encoded and pages rendered on every core give the same site, and a page that fails still fails the build."""

from __future__ import annotations

import os
import shutil

from sitefiles import ROOT, run_build, settings_file, tree


def test_two_workers_read_and_write_exactly_what_one_process_does(tmp_path):
    outputs = {}
    for name, workers in (("serial", 1), ("parallel", 2)):
        # Each build reads its own copy of the content, so neither finds the other's reader cache.
        content = tmp_path / name / "content"
        shutil.copytree(os.path.join(ROOT, "content"), content)
        settings = settings_file(tmp_path / name, PARALLEL_WRITING_WORKERS=workers, STORIES_READ_WORKERS=workers, STORIES_READ_MINIMUM=1,
                                 PRESS_KIT_WORKERS=workers, PRESS_KIT_PARALLEL_MINIMUM=1, ACTORS_READ_WORKERS=workers, ACTORS_READ_MINIMUM=1,
                                 PARALLEL_WRITING_EARLY_MINIMUM=1, IMAGES_WORKERS=workers)
        result = run_build(str(content), str(tmp_path / name / "output"), settings)
        assert result.returncode == 0, result.stderr
        outputs[name] = tree(tmp_path / name / "output")
    serial, parallel = outputs["serial"], outputs["parallel"]
    assert sorted(serial) == sorted(parallel)
    assert [name for name in serial if serial[name] != parallel[name]] == []
    assert all(parallel[name] for name in parallel if name.endswith(".html"))


def test_a_page_that_cannot_be_rendered_fails_the_build_and_names_the_page(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(os.path.join(ROOT, "theme"), theme)
    template = theme / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    broken = '{% block content %}{% if article.slug == "familienbus-vogtland" %}{{ no_such_function() }}{% endif %}'
    template.write_text(text.replace("{% block content %}", broken, 1), encoding="utf-8")
    output = tmp_path / "output"
    (output).mkdir()
    (output / "index.html").write_text("alte Seite", encoding="utf-8")
    settings = settings_file(tmp_path, PARALLEL_WRITING_WORKERS=2, PARALLEL_WRITING_EARLY_MINIMUM=1)
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write(f"THEME = {str(theme)!r}\n")
    result = run_build(os.path.join(ROOT, "content"), str(output), settings)
    assert result.returncode == 1
    assert "geschichten/familienbus-vogtland/index.html: Seite konnte nicht erzeugt werden" in result.stderr
    assert "no_such_function" in result.stderr
    assert (output / "index.html").read_text(encoding="utf-8") == "alte Seite"


def test_after_an_edit_the_pages_checked_on_every_core_give_a_clean_builds_site(tmp_path):
    """After an edit the rest of the pages is checked on every core beside the early process; nothing may differ."""
    parallel = {"PARALLEL_WRITING_WORKERS": 2, "PARALLEL_WRITING_EARLY_MINIMUM": 1}
    sites = {}
    for name in ("incremental", "clean"):
        content = tmp_path / name / "content"
        shutil.copytree(os.path.join(ROOT, "content"), content)
        settings = settings_file(tmp_path / name, **parallel)
        if name == "incremental":
            assert run_build(str(content), str(tmp_path / name / "output"), settings).returncode == 0
        story = content / "stories" / "sprachcafe-riesa.md"
        story.write_text(story.read_text(encoding="utf-8").replace('title: "', 'title: "Neu: ', 1), encoding="utf-8")
        result = run_build(str(content), str(tmp_path / name / "output"), settings)
        assert result.returncode == 0, result.stderr
        sites[name] = tree(tmp_path / name / "output")
    assert "Neu: " in sites["clean"]["geschichten/sprachcafe-riesa/index.html"].decode()
    assert [page for page in sites["clean"] if sites["clean"][page] != sites["incremental"].get(page)] == []


def test_the_digests_the_early_process_hands_on_are_those_of_the_finished_model(tmp_path):
    """The early process computes every story's and actor's digests once the story pages are noted (handoff.py) and
    the workers forked at the end take them: no later step of the build may change what they are computed from."""
    from pelican import signals

    from sinn_parallel_writing import _writers
    from sinn_parallel_writing.page_memo import PageMemo
    from tools.build import build

    content = tmp_path / "content"
    shutil.copytree(os.path.join(ROOT, "content"), content)
    settings = settings_file(tmp_path, PARALLEL_WRITING_WORKERS=1)
    seen = {}

    def digests(settings, writer, context):
        return PageMemo(settings, writer.output_path, str(tmp_path / "memo")).warm(context)

    def when_stories_are_noted(generator, writer):
        seen["context"] = writer.jobs[0].context  # what the early process starts from
        seen["early"] = digests(generator.settings, writer, seen["context"])

    def at_the_end(pelican):  # before or after the pages are rendered: nothing may have changed either way
        seen["end"] = digests(pelican.settings, _writers.get(pelican.settings)[0], seen["context"])

    signals.article_writer_finalized.connect(when_stories_are_noted)
    signals.finalized.connect(at_the_end)
    try:
        build(settings, str(tmp_path / "output"), {"PATH": str(content)})
    finally:
        signals.article_writer_finalized.disconnect(when_stories_are_noted)
        signals.finalized.disconnect(at_the_end)
    assert len(seen["early"]) > 20 and any(view for _content, _deep, view in seen["early"].values())
    assert seen["early"] == seen["end"]


def test_a_handoff_brings_the_childs_message_or_nothing_if_the_child_sends_none():
    from sinn_parallel_writing.handoff import Handoff

    for message in ({"geschichten/a.md": ("1", "2", "3")}, None):
        handoff = Handoff()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            if message is not None:
                handoff.send({**message, "gross": "x" * 300_000})  # more than a pipe holds: the parent drains it meanwhile
            os._exit(0)
        handoff.listen()
        received = handoff.receive(timeout=30)
        os.waitpid(pid, 0)
        assert received == ({**message, "gross": "x" * 300_000} if message else {})
