"""The pull-request summary: pages added, changed and removed between the base branch's build and the new one."""

from __future__ import annotations

from tools import site_diff


def page(title: str, body: str = "") -> str:
    return f"<!DOCTYPE html><html lang=de><head><title>{title} – Soziale Innovationen in Sachsen</title></head><body>{body}</body></html>"


def write(folder, files: dict[str, str]):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


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
        "| geändert | `/akteure/verein/` | Verein \\| e.V. |",
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
