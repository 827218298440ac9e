"""The shared core: atomic writes and link-or-copy keep caches and output whole; each build keeps its own state."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from sinn_core.files import link_or_copy, write_atomic
from sitefiles import ROOT, SiteFiles, story_fields


def test_a_published_file_replaces_the_old_one_and_never_writes_into_the_cache(tmp_path):
    cached = tmp_path / "cache" / "bild.jpg"
    cached.parent.mkdir()
    cached.write_bytes(b"neu")
    target = tmp_path / "output" / "images" / "bild.jpg"
    target.parent.mkdir(parents=True)
    older = tmp_path / "cache" / "alt.jpg"
    older.write_bytes(b"alt")
    os.link(older, target)  # the last build's output is a link into the cache
    link_or_copy(str(cached), str(target))
    assert target.read_bytes() == b"neu"
    assert older.read_bytes() == b"alt"
    assert sorted(os.listdir(target.parent)) == ["bild.jpg"]
    link_or_copy(str(cached), str(target))  # the same file again: nothing left behind
    assert sorted(os.listdir(target.parent)) == ["bild.jpg"]


def test_a_target_that_climbs_out_of_its_folder_is_refused(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    (tmp_path / "output").mkdir()
    victim = tmp_path / "b.txt"
    victim.write_text("bleibt", encoding="utf-8")
    with pytest.raises(ValueError, match="outside the output folder"):
        link_or_copy(str(source), os.path.join(str(tmp_path), "output", "..", "b.txt"))
    assert victim.read_text(encoding="utf-8") == "bleibt"


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "index.json"
    write_atomic(str(path), "{}")
    with pytest.raises(TypeError):
        write_atomic(str(path), 42)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "{}"
    assert os.listdir(tmp_path) == ["index.json"]


def test_a_runs_state_is_there_for_every_finalized_receiver_and_gone_after_the_run():
    from pelican import signals

    from sinn_core import run_state

    pages = run_state.RunState(lambda _settings: [])
    seen = []

    def late(pelican):  # a plugin registered after sinn_core was imported
        seen.append(list(pages.get(pelican.settings, ["weg"])))

    signals.finalized.connect(late)
    try:
        failed, run = SimpleNamespace(settings={}), SimpleNamespace(settings={})
        run_state.start_run(failed)
        pages.of(failed.settings).append("/alt/")  # a run that stopped before `finalized`
        run_state.start_run(run)
        assert pages.get(failed.settings) is None
        pages.of(run.settings).append("/neu/")
        receivers = [r for r in signals.finalized.receivers_for(run) if r in (late, run_state.end_run)]
        assert receivers == [late, run_state.end_run]
        for receiver in receivers:
            receiver(run)
        assert seen == [["/neu/"]]
        assert pages.get(run.settings) is None
    finally:
        signals.finalized.disconnect(late)


def test_two_builds_in_one_process_list_only_their_own_pages(tmp_path):
    from tools.build import build

    first = SiteFiles(tmp_path / "erste").minimal()
    first.story("nur-in-der-ersten", story_fields(title="Nur in der ersten Website"))
    second = SiteFiles(tmp_path / "zweite").minimal()
    settings = os.path.join(ROOT, "pelicanconf.py")
    build(settings, str(tmp_path / "out1"), {"PATH": first.content})
    output = build(settings, str(tmp_path / "out2"), {"PATH": second.content})
    sitemap = (tmp_path / "out1" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/geschichten/nur-in-der-ersten/" in sitemap
    with open(os.path.join(output, "sitemap.xml"), encoding="utf-8") as handle:
        sitemap = handle.read()
    assert "/geschichten/beratung-per-video/" in sitemap
    assert "nur-in-der-ersten" not in sitemap


def test_two_processes_take_every_item_exactly_once_from_opposite_ends():
    """The early process renders stories from the front; the main process, done with its own pages, takes the last ones."""
    import json
    import time

    from sinn_core.parallel import TwoEnds, start_in_fork

    ends = TwoEnds(list(range(300)))
    started, results = os.pipe(), os.pipe()

    def front() -> int:
        taken = []
        for item in ends.front():
            taken.append(item)
            if len(taken) == 1:
                os.write(started[1], b"!")
            time.sleep(0.001)
        os.write(results[1], json.dumps(taken).encode())
        return 0

    forked = start_in_fork(front)
    assert os.read(started[0], 1) == b"!"
    mine = []
    for item in ends.back():
        mine.append(item)
        time.sleep(0.001)
    assert forked.wait() == 0
    theirs = json.loads(os.read(results[0], 65536))
    assert theirs and mine, "both took some"
    assert theirs == list(range(len(theirs))) and mine == list(range(299, len(theirs) - 1, -1)), "each from its end, none twice"


def test_a_child_leaves_the_inherited_heap_to_the_parent_whose_collector_goes_on_as_before():
    """Children do not walk (and so copy) the model they inherit; the long-running preview still frees its garbage."""
    import gc

    from sinn_core.parallel import fork_map, start_in_fork

    read, write = os.pipe()

    def child() -> int:
        os.write(write, str(gc.get_freeze_count()).encode())
        return 0

    forked = start_in_fork(child)
    assert forked.wait() == 0
    assert int(os.read(read, 64)) > 0, "the child's collector leaves the inherited objects alone"
    assert gc.get_freeze_count() == 0, "the parent's collector sees every object again"
    assert fork_map(lambda _item: gc.get_freeze_count() > 0, range(4), 2, 2) == [True] * 4
    assert gc.get_freeze_count() == 0


def test_a_result_worked_out_in_a_forked_process_arrives_and_so_does_its_failure():
    """The open data are worked out beside the build: their result comes back whole, a failure is never silent."""
    from sinn_core.parallel import ForkedError, compute_in_fork

    parent = os.getpid()
    big = compute_in_fork(lambda: {"pid": os.getpid(), "text": "ä" * 3_000_000})
    failing = compute_in_fork(lambda: open("/nonexistent/folder/file"))  # noqa: SIM115
    dying = compute_in_fork(lambda: os._exit(3))
    value = big.result()
    assert value["pid"] != parent and value["text"] == "ä" * 3_000_000, "more than a pipe holds at once"
    assert big.result() is value, "asked again: the same result, no second wait"
    with pytest.raises(ForkedError, match=r"FileNotFoundError.*nonexistent"):
        failing.result()
    with pytest.raises(ForkedError, match="ohne Ergebnis"):
        dying.result()


def test_forked_helpers_left_at_work_by_a_build_that_stopped_are_ended():
    """A build that stops midway ends its helpers before it removes its unfinished output: none writes on."""
    import time

    from sinn_core.parallel import ForkedError, compute_in_fork, start_in_fork, stop_all

    started = time.monotonic()
    forked = start_in_fork(lambda: time.sleep(60) or 0)
    pending = compute_in_fork(lambda: time.sleep(60))
    stop_all()
    assert time.monotonic() - started < 10
    assert forked.wait() == 1, "counted as failed"
    with pytest.raises(ForkedError):
        pending.result()
    finished = start_in_fork(lambda: 0)
    assert finished.wait() == 0
    stop_all()  # nothing left: a build that ended normally
    assert finished.wait() == 0


def test_work_offered_waits_for_the_search_index_only_in_a_run_that_takes_it(caplog):
    """Feeds and other files no page reads are written while Pagefind runs; without a search index, at once."""
    from sinn_core import alongside, run_state

    done = []
    settings = {"SEARCH_INDEX_ENABLED": True}
    run_state.start_run(SimpleNamespace(settings=settings))
    alongside.offer(settings, "Ohne Abnehmer", lambda: done.append("sofort"))
    assert done == ["sofort"]
    alongside.take(settings)
    alongside.offer(settings, "Feeds", lambda: done.append("Feeds"))
    alongside.offer(settings, "Pressemappen", lambda: 1 / 0)
    alongside.offer(settings, "Offene Daten", lambda: done.append("Offene Daten"))
    assert done == ["sofort"], "nothing yet: the search index does it while Pagefind runs"
    assert alongside.run_taken(settings) == 1
    assert done == ["sofort", "Feeds", "Offene Daten"], "a failure does not keep the rest from being done"
    assert "Pressemappen nicht geschrieben: division by zero (ZeroDivisionError)" in caplog.text
    assert alongside.run_taken(settings) == 0, "each piece once"
    alongside.offer(settings, "Später", lambda: done.append("später"))
    assert done[-1] == "später", "offered after the index is built: done at once"
    run_state.end_run(SimpleNamespace(settings=settings))
