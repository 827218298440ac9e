"""The bench's baselines build the same stories: one page per story, with that story's title."""

from __future__ import annotations

import glob
import html
import os
import re
import subprocess

import pytest

from sitefiles import run_check
from tools.bench import baselines
from tools.bench.corpus import generate
from tools.bench.runs import edit_field, front_matter


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.bench.corpus.PHOTO_CACHE", str(tmp_path / "photos"))
    return generate(str(tmp_path / "corpus"), stories=5, actors=3, photo_count=1, photo_size=(320, 240))


def _titles(content: str) -> dict[str, str]:
    stories = sorted(glob.glob(os.path.join(content, "stories", "*.md")))
    return {os.path.basename(path)[:-3]: front_matter(path)[0]["title"] for path in stories}


def _page_title(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return html.unescape(re.search(r"<title>(.*?)</title>", handle.read(), re.S).group(1)).strip()


def test_bare_pelican_builds_one_page_per_story_with_its_title(corpus, tmp_path):
    titles = _titles(corpus)
    site = baselines.pelican_site(corpus, str(tmp_path / "pelican"))
    subprocess.run(baselines.pelican_command(site), check=True, capture_output=True, timeout=120)
    pages = {os.path.basename(p)[:-5] for p in glob.glob(os.path.join(site, "output", "geschichte-*.html"))}
    assert pages == set(titles)
    for slug, title in titles.items():
        assert _page_title(os.path.join(site, "output", f"{slug}.html")) == title


def test_hugo_builds_one_page_per_story_with_its_title(corpus, tmp_path):
    try:
        executable = baselines.hugo_executable()
    except ImportError:
        pytest.skip("hugo ist nicht installiert (requirements-bench.txt, make bench)")
    assert os.access(executable, os.X_OK)
    titles = _titles(corpus)
    site = baselines.hugo_site(corpus, str(tmp_path / "hugo"))
    subprocess.run(baselines.hugo_command(site), check=True, capture_output=True, timeout=120)
    pages = {os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(site, "public", "geschichten", "*", "index.html"))}
    assert pages == set(titles)
    for slug, title in titles.items():
        assert _page_title(os.path.join(site, "public", "geschichten", slug, "index.html")) == f"{title} | Hugo"


def test_an_edited_story_stays_valid_content_with_its_new_title(corpus):
    path = os.path.join(corpus, "stories", "geschichte-00001.md")
    before, body = front_matter(path)
    edit_field(path, "title", "Bearbeitete Geschichte Nummer 1")
    after, body_after = front_matter(path)
    assert after == {**before, "title": "Bearbeitete Geschichte Nummer 1"}
    assert body_after == body
    actor = os.path.join(corpus, "actors", "akteur-0001.yml")
    edit_field(actor, "name", "Bearbeiteter Akteur Nummer 1 e.V.")
    process = run_check(corpus)
    assert process.returncode == 0, process.stdout
