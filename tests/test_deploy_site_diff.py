"""The pull-request summary: pages added, changed and removed between the base branch's build and the new one."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from sitefiles import built_page as page
from sitefiles import write_built_pages as write
from tools import site_diff


def two_sites(tmp_path):
    base, new = tmp_path / "base", tmp_path / "new"
    common = {"index.html": page("Start"), "ueber/index.html": page("Über uns"), "pagefind/pagefind-entry.json": "{}"}
    write(base, {**common, "geschichten/alt/index.html": page("Alte Geschichte"), "akteure/verein/index.html": page("Verein | e.V."),
                 "feeds/geschichten.atom.xml": "<feed/>"})
    write(new, {**common, "geschichten/neu/index.html": page("Neue Geschichte"), "akteure/verein/index.html": page("Verein | e.V.", "neu"),
                "feeds/geschichten.atom.xml": "<feed>neu</feed>", "pagefind/pagefind-entry.json": '{"x": 1}',
                "images/neu-480.avif": "bytes"})
    return base, new


def test_table_lists_added_changed_and_removed_pages_with_titles(tmp_path, capsys):
    base, new = two_sites(tmp_path)
    assert site_diff.main([str(base), str(new)]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows == [
        "| neu | `/geschichten/neu/` | Neue Geschichte |",
        "| geändert | `/akteure/verein/` | Verein &#124; e&#46;V&#46; |",
        "| entfernt | `/geschichten/alt/` | Alte Geschichte |",
    ]
    assert "**1** neu · **1** geändert · **1** entfernt (von 4 Seiten)" in out
    assert "`feeds/` 1" in out and "`images/` 1" in out and "`pagefind/` 1" in out, "other files are counted, not listed"
    assert "/ueber/" not in out and "| geändert | `/` |" not in out, "unchanged pages are not listed"


def test_identical_builds_change_no_page(tmp_path, capsys):
    base, _ = two_sites(tmp_path)
    assert site_diff.main([str(base), str(base)]) == 0
    assert "Keine Seite ändert sich." in capsys.readouterr().out


def test_long_lists_are_cut(tmp_path, capsys):
    base, new = tmp_path / "base", tmp_path / "new"
    write(base, {"index.html": page("Start")})
    write(new, {"index.html": page("Start"), **{f"geschichten/g{i:02}/index.html": page(f"G{i}") for i in range(12)}})
    site_diff.main([str(base), str(new), "--max-rows", "10"])
    assert "… und 2 weitere" in capsys.readouterr().out


def test_a_base_that_did_not_build_is_said_plainly(tmp_path, capsys):
    _, new = two_sites(tmp_path)
    assert site_diff.main([str(tmp_path / "fehlt"), str(new)]) == 0
    assert "Kein Vergleich möglich" in capsys.readouterr().out
    assert site_diff.main([str(new), str(tmp_path / "fehlt")]) == 2


HOSTILE_TITLES = [
    "Spalte | extra | noch eine",
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "[Klick mich](https://evil.example/) ![Bild](https://evil.example/x.png)",
    "www.evil.example und https://evil.example/pfad und mail@evil.example",
    "**fett** _kursiv_ `code` ~~weg~~ <b>dick</b>",
    "\n::error file=x.md,line=1::Gefälschte Meldung",
    "::warning::auch ohne Zeilenumbruch",
    "x\\| y \\\\| z",
    "# Überschrift",
    "&lt;b&gt; &amp;#60; :+1: @octocat #123",
    "<!-- Kommentar --> </td></tr></table><h1>raus</h1>",
    "Zeile\u2028Trenner\u0085Ende",
]


def test_hostile_titles_and_paths_stay_plain_text(tmp_path, capsys):
    base, new = tmp_path / "base", tmp_path / "new"
    write(base, {"index.html": page("Start")})
    pages = {f"geschichten/g{i:02}/index.html": page(title.replace("&", "&amp;").replace("<", "&lt;")) for i, title in enumerate(HOSTILE_TITLES)}
    pages["geschichten/::warning file=x::boom|<b>[x](y)/index.html"] = page("Pfad")
    write(new, {"index.html": page("Start"), **pages})
    assert site_diff.main([str(base), str(new)]) == 0
    out = capsys.readouterr().out
    assert not any(line.lstrip().startswith("::") for line in out.splitlines()) and "::" not in out, "no workflow command, anywhere"
    rows = [line for line in out.splitlines() if line.startswith("| neu")]
    assert len(rows) == len(HOSTILE_TITLES) + 1
    for row in rows:
        assert row.count("|") == 4, f"a title cannot add table cells: {row}"
        title = re.sub(r"&#\d+;", "", row.split("|")[3])
        assert not re.search(r"[<>\[\]()*_`~\\#!:@&.]", title), f"no Markdown or HTML character is left raw: {row}"
    rendered = MarkdownIt("commonmark").enable("table").render(out)
    body = rendered.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert not re.search(r"<(?!/?(?:tr|td|code)>)", body), f"only the table's own tags and the path's <code>: {body}"
    assert body.count("<tr>") == len(rows) and all(row.count("<td>") == 3 for row in body.split("<tr>")[1:])
    # What a reader sees is the title as written.
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "[Klick mich](https://evil.example/)" in rendered
