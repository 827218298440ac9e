"""The comment about a pull request's preview: links into the published preview, or for a fork how to open the artifact.

For a fork the changed pages come from a file the fork's own code wrote: whatever it holds, the comment
carries no link, mention, HTML or workflow command from it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from markdown_it import MarkdownIt

from sitefiles import ROOT
from sitefiles import built_page as page
from sitefiles import write_built_pages as write
from tools import preview_comment, site_diff

SITE = "https://beispiel.github.io/vorschau/pr-7"
RUN = "https://github.com/beispiel/sinn/actions/runs/42"


def changes_file(tmp_path) -> str:
    """Two builds compared by site_diff --json: one story new (a draft), the home page changed, one story gone."""
    base, new = tmp_path / "base", tmp_path / "new"
    write(base, {"index.html": page("Start"), "geschichten/alt/index.html": page("Alte Geschichte"), "ueber/index.html": page("Über")})
    write(new, {"index.html": page("Start", "neu"), "geschichten/neu/index.html": page("Neue Geschichte"), "ueber/index.html": page("Über")})
    data = tmp_path / "seiten.json"
    assert site_diff.main([str(base), str(new), "--json", str(data)]) == 0
    return str(data)


def links(markdown: str) -> list[str]:
    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or []:
            if child.type == "link_open":
                found.append(child.attrGet("href"))
    return found


def test_a_published_preview_links_each_new_and_changed_page(tmp_path, capsys):
    assert preview_comment.main([changes_file(tmp_path), "--site", SITE + "/", "--commit", "0123456789abcdef0123456789abcdef01234567"]) == 0
    comment = capsys.readouterr().out
    assert f"**Vorschau öffnen:** {SITE}/ (Stand: Commit `0123456789ab`)" in comment
    assert "Neu, geändert oder entfernt: **3** von 3 Seiten." in comment
    assert "- neu: [Neue Geschichte](https://beispiel.github.io/vorschau/pr-7/geschichten/neu/)" in comment
    assert "- geändert: [Start](https://beispiel.github.io/vorschau/pr-7/)" in comment
    assert "- entfernt: Alte Geschichte (`/geschichten/alt/`)" in comment, "a removed page has nothing to link to"
    assert links(comment) == [f"{SITE}/geschichten/neu/", f"{SITE}/"]


def test_a_fork_learns_why_there_is_no_link_and_how_to_open_the_artifact(tmp_path, capsys):
    assert preview_comment.main([changes_file(tmp_path), "--artifact-run", RUN]) == 0
    comment = capsys.readouterr().out
    assert "kommt aus einem Fork" in comment and "nicht veröffentlicht" in comment
    assert f"im Lauf {RUN} unten unter *Artifacts* „vorschau“" in comment and "`python3 -m http.server 8000`" in comment
    assert "- neu: Neue Geschichte – `http://localhost:8000/geschichten/neu/`" in comment
    assert links(comment) == [], "nothing from the fork becomes a link"


def test_whatever_a_fork_writes_into_the_file_stays_inert_text(tmp_path, capsys):
    hostile = {
        "pages": [
            {"status": "neu", "path": "/geschichten/x/", "title": "[Klick](https://böse.example) @maintainer <img src=x onerror=1> ::error::x"},
            {"status": "neu", "path": "javascript:alert(1)", "title": "weg"},
            {"status": "neu", "path": "/../../etc/", "title": "weg"},
            {"status": "neu", "path": "/a)[x](https://böse.example/", "title": "weg"},
            {"status": "gelöscht", "path": "/y/", "title": "weg"},
            {"status": "geändert", "path": "/z/", "title": ["keine", "Zeichenkette"]},
            "kein Eintrag",
        ],
        "pages_changed": True,
        "pages_total": -5,
    }
    data = tmp_path / "seiten.json"
    data.write_text(json.dumps(hostile), encoding="utf-8")
    assert preview_comment.main([str(data), "--site", SITE]) == 0
    comment = capsys.readouterr().out
    assert "weg" not in comment, "entries with a strange status or path are left out"
    assert links(comment) == [f"{SITE}/geschichten/x/", f"{SITE}/z/"]
    assert "@maintainer" not in comment and "<img" not in comment and "](https://böse" not in comment
    assert not any(line.lstrip("- neu:").startswith("::") for line in comment.splitlines())
    assert "Neu, geändert oder entfernt: **2**." in comment, "numbers that are not numbers count for nothing"


def test_an_unreadable_or_oversized_file_means_no_comparison(tmp_path, capsys):
    data = tmp_path / "seiten.json"
    for content in ("{kaputt", json.dumps({"pages": [], "x": "a" * (preview_comment.MAX_BYTES + 1)}), "[]"):
        data.write_text(content, encoding="utf-8")
        assert preview_comment.main([str(data), "--site", SITE]) == 0
        assert "Kein Vergleich möglich" in capsys.readouterr().out
    assert preview_comment.main([str(tmp_path / "fehlt.json"), "--artifact-run", RUN]) == 0
    assert "Kein Vergleich möglich" in capsys.readouterr().out


def test_a_strange_address_is_refused(tmp_path, capsys):
    data = changes_file(tmp_path)
    capsys.readouterr()
    for address in ("https://x.example/$(id)", "javascript:alert(1)", "http://beispiel.github.io/pr-1", "https://x.example/a b"):
        assert preview_comment.main([data, "--site", address]) == 2, address
    assert capsys.readouterr().out == ""


def test_long_lists_are_cut_and_point_to_the_summary(tmp_path, capsys):
    pages = [{"status": "geändert", "path": f"/geschichten/g{i:03}/", "title": f"G{i}"} for i in range(45)]
    data = tmp_path / "seiten.json"
    data.write_text(json.dumps({"pages": pages, "pages_changed": 200, "pages_total": 900}), encoding="utf-8")
    preview_comment.main([str(data), "--site", SITE])
    comment = capsys.readouterr().out
    assert len(links(comment)) == preview_comment.LIMIT
    assert "- … und 170 weitere (alle in der Zusammenfassung des Laufs)" in comment


def test_it_runs_with_the_systems_python_alone(tmp_path):
    """The workflow for forks runs it without the project's environment: standard library only."""
    data = changes_file(tmp_path)
    process = subprocess.run([sys.executable, "-S", "-E", "-m", "tools.preview_comment", data, "--artifact-run", RUN],
                             cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert process.returncode == 0, process.stderr
    assert "Neue Geschichte" in process.stdout
