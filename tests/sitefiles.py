"""Writes small but real content folders for tests: stories, actors, pages, images."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BODY = (
    "## Worum es geht\n\n"
    + "Im Landkreis treffen sich Nachbarinnen und Nachbarn jede Woche im Dorfgemeinschaftshaus. "
    * 8
    + "\n\n## Was sich verändert hat\n\nDie Beratung kommt jetzt per Video in die Küche, und niemand muss mehr "
    "zwei Stunden mit dem Bus in die Kreisstadt fahren. Das spart Zeit, Geld und Nerven.\n"
)


def story_fields(**changes) -> dict:
    """The fields of a valid story; keyword arguments replace or (with None) remove fields."""
    fields = {
        "title": "Beratung per Video erreicht Dörfer",
        "date": "2025-03-14",
        "summary": "Eine Schuldnerberatung berät per Video und erreicht so Familien in abgelegenen Dörfern.",
        "themes": ["beratung"],
        "regions": ["erzgebirgskreis"],
        "stage": "pilot",
        "actors": ["beratungsverein"],
        "image": {
            "src": "images/beratung.jpg",
            "alt": "Ein Tablet auf einem Küchentisch zeigt eine Beraterin im Videogespräch",
            "credit": "Foto: Anna Beispiel",
            "license": "CC BY 4.0",
        },
    }
    for name, value in changes.items():
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
    return fields


def actor_fields(**changes) -> dict:
    """The fields of a valid actor."""
    fields = {
        "name": "Beratungsverein Erzgebirge e.V.",
        "type": "initiative",
        "regions": ["erzgebirgskreis"],
        "description": "Der Verein berät Familien in Geldfragen, **kostenlos** und vertraulich.",
    }
    for name, value in changes.items():
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
    return fields


class SiteFiles:
    """A content folder in a temporary directory, with the real vocabularies."""

    def __init__(self, root):
        self.root = str(root)
        self.content = os.path.join(self.root, "content")
        os.makedirs(self.content, exist_ok=True)
        shutil.copytree(os.path.join(ROOT, "content", "data"), os.path.join(self.content, "data"), dirs_exist_ok=True)

    def path(self, relative: str) -> str:
        """Absolute path of a file inside the content folder."""
        return os.path.join(self.content, relative)

    def write(self, relative: str, text: str | bytes) -> str:
        """Write a file (text as UTF-8) and return its path."""
        path = self.path(relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mode = "wb" if isinstance(text, bytes) else "w"
        with open(path, mode, **({} if isinstance(text, bytes) else {"encoding": "utf-8"})) as handle:
            handle.write(text)
        return path

    def replace(self, relative: str, old: str, new: str) -> str:
        """Edit a file as an editor would: replace a text that must be in it; return its path."""
        with open(self.path(relative), encoding="utf-8") as handle:
            text = handle.read()
        assert old in text, f"{old!r} is not in {relative}"
        return self.write(relative, text.replace(old, new))

    def image(self, relative: str = "images/beratung.jpg", size=(1200, 750), color=(40, 120, 90)) -> str:
        """A real JPEG image."""
        path = self.path(relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        Image.new("RGB", size, color).save(path, "JPEG", quality=80)
        return path

    def story(self, slug: str, fields: dict | None = None, body: str = BODY, raw_front_matter: str | None = None) -> str:
        """A story file; raw_front_matter replaces the YAML text as written."""
        fields = story_fields() if fields is None else fields
        front = raw_front_matter if raw_front_matter is not None else yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        if fields.get("image", {}).get("src") == "images/beratung.jpg" and not os.path.exists(self.path("images/beratung.jpg")):
            self.image()
        return self.write(f"stories/{slug}.md", f"---\n{front}---\n\n{body}")

    def actor(self, actor_id: str, fields: dict | None = None, raw: str | None = None) -> str:
        """An actor file."""
        text = raw if raw is not None else yaml.safe_dump(actor_fields() if fields is None else fields, allow_unicode=True, sort_keys=False)
        return self.write(f"actors/{actor_id}.yml", text)

    def page(self, slug: str, title: str = "Über uns", body: str = "Ein kurzer Text über die Plattform.") -> str:
        """A page file."""
        return self.write(f"pages/{slug}.md", f"---\ntitle: {title}\nslug: {slug}\nsummary: Kurz erklärt.\n---\n\n{body}\n")

    def minimal(self) -> SiteFiles:
        """One actor, one story, the legal pages: the smallest valid site."""
        self.actor("beratungsverein")
        self.story("beratung-per-video")
        for slug in ("ueber", "impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"):
            self.page(slug, title=slug.capitalize())
        return self


def tree(folder) -> dict[str, bytes]:
    """Every file below a folder by its relative path, with its bytes."""
    files = {}
    for directory, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, folder).replace(os.sep, "/")] = handle.read()
    return files


def settings_file(folder, base: str = "pelicanconf", **settings) -> str:
    """A settings file beside the test site: the repository's settings (base) with some changed, paths absolute."""
    lines = [
        f"import sys\nsys.path.insert(0, {ROOT!r})",
        f"from {base} import *  # noqa: F403",
        f"THEME = {os.path.join(ROOT, 'theme')!r}",
        f"PLUGIN_PATHS = [{os.path.join(ROOT, 'plugins')!r}]",
    ]
    lines += [f"{name} = {value!r}" for name, value in settings.items()]
    path = os.path.join(folder, "testconf.py")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def run_build(content: str, output: str, settings: str = "pelicanconf.py", env: dict | None = None) -> subprocess.CompletedProcess:
    """Build a site with the real build command; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "tools.build", "--settings", os.path.join(ROOT, settings), "--content", content, "--output", output],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300, check=False,
    )


def run_check(content: str, *args: str) -> subprocess.CompletedProcess:
    """Run `make check`'s command on a content folder."""
    return subprocess.run(
        [sys.executable, "-m", "tools.check", content, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )


# A valid story's front matter as an editor writes it; line 1 of the file is '---', so `title` is on line 2.
STORY_YAML = """\
title: Beratung per Video erreicht Dörfer
date: 2025-03-14
summary: Eine Schuldnerberatung berät per Video und erreicht so Familien in abgelegenen Dörfern.
themes: [beratung]
regions: [erzgebirgskreis]
stage: pilot
actors: [beratungsverein]
image:
  src: images/beratung.jpg
  alt: Ein Tablet auf einem Küchentisch zeigt eine Beraterin im Videogespräch
  credit: "Foto: Anna Beispiel"
  license: CC BY 4.0
"""


def check_in_process(content: str, *args: str) -> tuple[int, str]:
    """Run `make check`'s command in this process (fast); exit code and output, paths shown as content/…."""
    import contextlib
    import io

    from tools import check

    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        code = check.main([content, *args])
    parent = os.path.dirname(os.path.abspath(content)) + os.sep
    return code, output.getvalue().replace(parent, "")


def built_page(title: str, body: str = "") -> str:
    """A minimal page as the build writes it (title with the site name), for tools that compare builds."""
    return f"<!DOCTYPE html><html lang=de><head><title>{title} – Soziale Innovationen in Sachsen</title></head><body>{body}</body></html>"


def write_built_pages(folder, files: dict[str, str]) -> None:
    """Write {relative path: text} below folder (a pathlib.Path), making folders as needed."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
