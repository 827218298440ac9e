"""Build times on the 2,000-story corpus: cold, warm, after one edit, the checker and Pagefind alone.

Cold means empty caches (every 12-megapixel photo is encoded); it runs once per bench, since it
takes minutes. The others run up to three times and report the median and how many runs it has.
"""

from __future__ import annotations

import os
import shutil

import tools.build  # noqa: F401 - puts plugins/ on sys.path, for search_index below
from tools.bench.runs import (
    CORPUS,
    PYTHON,
    build_command,
    corpus,
    corpus_output,
    edit_field,
    repeat,
    summary,
    timed,
    timing_rows,
)

# Seconds each measurement may take before it stops repeating (the whole bench must stay under 10 minutes).
BUDGET = {"warm": 60, "story": 60, "actor": 60, "check": 20, "pagefind": 30}


def _pagefind_command(output: str, target: str) -> list[str]:
    """Pagefind as the search_index plugin runs it, writing its bundle into a folder of its own."""
    from sinn_search_index import DEFAULTS  # noqa: PLC0415
    from sinn_search_index.indexer import pagefind_executable  # noqa: PLC0415

    chunk_size = f"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE={DEFAULTS['SEARCH_INDEX_CHUNK_SIZE']}"
    return ["env", chunk_size, pagefind_executable(), "--site", output, "--output-path", target, "--silent"]


def run(context: dict) -> dict:
    """Measure every build the editors and the publishing pipeline run."""
    content = corpus(context)
    output = corpus_output(context)
    build = build_command(content, output)
    stories = os.path.join(content, "stories")
    actors = os.path.join(content, "actors")

    def build_once(_index):
        return timed(build)

    def edit_story(index):
        edit_field(os.path.join(stories, f"geschichte-{index + 1:05d}.md"), "title", f"Bearbeitete Geschichte Nummer {index + 1}")

    def edit_actor(index):
        edit_field(os.path.join(actors, f"akteur-{index + 1:04d}.yml"), "name", f"Bearbeiteter Akteur Nummer {index + 1} e.V.")

    result = {"corpus": {**CORPUS, "photo_size": list(CORPUS["photo_size"])}, "corpus_seconds": context["corpus_seconds"],
              "cold": context["cold_build"]}
    result["warm"] = summary(repeat(build_once, budget=BUDGET["warm"]))
    result["story_edit"] = summary(repeat(build_once, budget=BUDGET["story"], before=edit_story))
    result["actor_edit"] = summary(repeat(build_once, budget=BUDGET["actor"], before=edit_actor))
    check = [PYTHON, "-m", "tools.check", content]
    result["check"] = summary(repeat(lambda _i: timed(check), budget=BUDGET["check"]))
    bundle = os.path.join(context["workdir"], "pagefind-alone")
    result["pagefind"] = summary(repeat(
        lambda _i: timed(_pagefind_command(output, bundle)),
        budget=BUDGET["pagefind"], before=lambda _i: shutil.rmtree(bundle, ignore_errors=True),
    ))
    builds = ("cold", "warm", "story_edit", "actor_edit")
    result["own_rss_mib"] = max(result[name]["own_rss_mib"] for name in builds)
    result["tree_rss_mib"] = max(result[name]["tree_rss_mib"] for name in builds)
    return result


def table(result: dict) -> list[str]:
    """The result as table rows."""
    cold, size = result["cold"], result["corpus"]
    photos = (f"{size['photo_count'] + size.get('own_photos', 0)} Fotos à {size['photo_size'][0] * size['photo_size'][1] / 1e6:.0f} MP"
              f" ({size.get('own_photos', 0)} Geschichten mit eigenem)")
    rows = [
        (f"Kalter Build (leere Caches, {photos})", cold),
        ("Warmer Build (Caches da, nichts geändert)", result["warm"]),
        ("Neubau nach Änderung einer Geschichte", result["story_edit"]),
        ("Neubau nach Änderung eines Akteurs", result["actor_edit"]),
        ("make check allein", result["check"]),
        ("Pagefind allein", result["pagefind"]),
    ]
    lines = [f"Korpus: {size['stories']} Geschichten, {size['actors']} Akteure, {photos} (erzeugt in {result['corpus_seconds']} s)",
             *timing_rows("Messung", rows, 48)]
    lines += [
        f"Ausgabe: {cold['output_files']} Dateien, {cold['output_bytes'] / 1e6:.0f} MB",
        f"Spitze RSS der Builds: {result['own_rss_mib']} MiB im Python-Prozess (RSS eigen), {result['tree_rss_mib']} MiB "
        "mit allen Kindprozessen gleichzeitig (RSS Baum: Bild- und Schreib-Worker, Pagefind; alle 0,2 s gemessen)",
    ]
    return lines
