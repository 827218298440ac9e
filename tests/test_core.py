"""The shared core: atomic writes and link-or-copy keep caches and output whole."""

from __future__ import annotations

import os

import pytest

from sinn_core.files import link_or_copy, write_atomic


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
