"""The benchmark corpus is real content: it passes the same check as the editors' content."""

from __future__ import annotations

import glob
import os
import pathlib

from PIL import Image

from sitefiles import run_check
from tools.bench.corpus import generate
from tools.bench.runs import front_matter


def test_generated_corpus_passes_the_content_check(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.bench.corpus.PHOTO_CACHE", str(tmp_path / "photos"))
    content = generate(str(tmp_path / "corpus"), stories=30, actors=12, photo_count=3, photo_size=(1280, 960))
    assert len(glob.glob(os.path.join(content, "stories", "*.md"))) == 30
    assert len(glob.glob(os.path.join(content, "images", "fotos", "*.jpg"))) == 3
    process = run_check(content)
    assert process.returncode == 0, process.stdout
    assert "Keine Fehler" in process.stdout


def test_corpus_is_the_same_for_the_same_seed(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.bench.corpus.PHOTO_CACHE", str(tmp_path / "photos"))
    first = generate(str(tmp_path / "a"), stories=5, actors=3, photo_count=1, photo_size=(320, 240))
    second = generate(str(tmp_path / "b"), stories=5, actors=3, photo_count=1, photo_size=(320, 240))
    for path in sorted(glob.glob(os.path.join(first, "stories", "*.md"))):
        with open(path, encoding="utf-8") as a, open(path.replace(first, second), encoding="utf-8") as b:
            assert a.read() == b.read()


def test_some_stories_get_photos_of_their_own(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.bench.corpus.PHOTO_CACHE", str(tmp_path / "photos"))
    content = generate(str(tmp_path / "corpus"), stories=6, actors=3, photo_count=1, photo_size=(640, 480), own_photos=2)
    own = sorted(glob.glob(os.path.join(content, "images", "eigene", "*.jpg")))
    assert [os.path.basename(p) for p in own] == ["geschichte-00000.jpg", "geschichte-00001.jpg"]
    first, second = (pathlib.Path(p).read_bytes() for p in own)
    assert first != second, "each a photo of its own, not one copied"
    sources = [front_matter(os.path.join(content, "stories", f"geschichte-{n:05d}.md"))[0]["image"]["src"] for n in range(6)]
    assert sources[:2] == ["images/eigene/geschichte-00000.jpg", "images/eigene/geschichte-00001.jpg"]
    assert set(sources[2:]) == {"images/fotos/foto-0000.jpg"}
    with Image.open(own[0]) as photo:
        assert photo.size == (640, 480) and photo.format == "JPEG"
