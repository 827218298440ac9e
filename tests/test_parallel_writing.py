"""Pages rendered on every core are the same pages, and a page that fails still fails the build."""

from __future__ import annotations

import os
import shutil

from sitefiles import ROOT, run_build, settings_file, tree


def test_two_workers_write_exactly_the_pages_one_process_writes(tmp_path):
    content = os.path.join(ROOT, "content")
    serial = run_build(content, str(tmp_path / "serial"), settings_file(tmp_path, PARALLEL_WRITING_WORKERS=1))
    assert serial.returncode == 0, serial.stderr
    parallel = run_build(content, str(tmp_path / "parallel"), settings_file(tmp_path, PARALLEL_WRITING_WORKERS=2))
    assert parallel.returncode == 0, parallel.stderr
    serial_files, parallel_files = tree(tmp_path / "serial"), tree(tmp_path / "parallel")
    assert sorted(serial_files) == sorted(parallel_files)
    assert [name for name in serial_files if serial_files[name] != parallel_files[name]] == []
    assert all(parallel_files[name] for name in parallel_files if name.endswith(".html"))


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
    settings = settings_file(tmp_path, PARALLEL_WRITING_WORKERS=2)
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write(f"THEME = {str(theme)!r}\n")
    result = run_build(os.path.join(ROOT, "content"), str(output), settings)
    assert result.returncode == 1
    assert "geschichten/familienbus-vogtland/index.html: Seite konnte nicht erzeugt werden" in result.stderr
    assert "no_such_function" in result.stderr
    assert (output / "index.html").read_text(encoding="utf-8") == "alte Seite"
