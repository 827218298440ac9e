"""Issue 20's targets: our builds against Hugo + Pagefind over the same stories, in the same run.

Four builds alternate round by round, so a busy neighbour slows all of them alike: Hugo + Pagefind
(the stories only, Hugo with a minimal template, Pagefind over Hugo's output), and `make html` three
ways: nothing changed, one story edited, and every cache emptied except the encoded images (with no
output left from before). The ratios ours / (Hugo + Pagefind) are the targets; peak memory is the
whole process tree's (the build, its workers and Pagefind at once).
"""

from __future__ import annotations

import os
import shutil

from tools.bench import baselines
from tools.bench.runs import Run, build_command, cache_folder, corpus, corpus_output, edit_field, summary, timed, timing_rows

ROUNDS = 3
BUDGET = 240  # seconds for all rounds together; no further round once another would overrun it
TARGETS = {"unchanged": 1.0, "story_edit": 1.0, "cold": 1.5}
MEMORY_TARGET_MIB = 1024
LABELS = {
    "hugo_pagefind": "Hugo + Pagefind (nur Geschichten)",
    "unchanged": "make html, nichts geändert",
    "story_edit": "make html, eine Geschichte geändert",
    "cold": "make html, Caches leer außer Bildern",
}


def _hugo_pagefind(site: str) -> Run:
    """Hugo, then Pagefind over Hugo's output: one timed run of both."""
    from sinn_search_index.indexer import pagefind_executable  # noqa: PLC0415

    hugo = timed(baselines.hugo_command(site))
    bundle = os.path.join(site, "public", "pagefind")
    search = timed([pagefind_executable(), "--site", os.path.join(site, "public"), "--output-path", bundle, "--silent"])
    return Run(seconds=hugo.seconds + search.seconds, own_rss_kib=max(hugo.own_rss_kib, search.own_rss_kib),
               tree_rss_kib=max(hugo.tree_rss_kib, search.tree_rss_kib))


def _empty_caches_except_images(content: str, output: str) -> None:
    cache = cache_folder(content)
    for name in os.listdir(cache) if os.path.isdir(cache) else []:
        if name != "images":
            shutil.rmtree(os.path.join(cache, name), ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)


def run(context: dict) -> dict:
    """Alternate Hugo + Pagefind and our three builds; medians, ratios and peak memory."""
    content = corpus(context)
    output = corpus_output(context)
    site = baselines.hugo_site(content, os.path.join(context["workdir"], "speed-hugo"))
    build = build_command(content, output)
    runs: dict[str, list[Run]] = {name: [] for name in LABELS}
    spent = 0.0
    while len(runs["unchanged"]) < ROUNDS and (not spent or spent + spent / len(runs["unchanged"]) <= BUDGET):
        round_number = len(runs["unchanged"])
        shutil.rmtree(os.path.join(site, "cache"), ignore_errors=True)
        runs["hugo_pagefind"].append(_hugo_pagefind(site))
        if not round_number:  # whatever other sections left behind, "nothing changed" starts from a finished build
            timed(build)
        runs["unchanged"].append(timed(build))
        story = os.path.join(content, "stories", f"geschichte-{round_number + 20:05d}.md")
        edit_field(story, "title", f"Schneller Neubau nach Änderung Nummer {round_number + 1}")
        runs["story_edit"].append(timed(build))
        _empty_caches_except_images(content, output)
        runs["cold"].append(timed(build))
        spent += sum(part[-1].seconds for part in runs.values())
    result = {name: summary(values) for name, values in runs.items()}
    base = result["hugo_pagefind"]["median"]
    result["ratios"] = {name: round(result[name]["median"] / base, 2) for name in TARGETS}
    # Per round too: the ratio of medians hides how much one round's neighbours varied.
    result["round_ratios"] = {name: [round(ours.seconds / theirs.seconds, 2) for ours, theirs in zip(runs[name], runs["hugo_pagefind"], strict=True)]
                              for name in TARGETS}
    result["targets"] = TARGETS
    result["tree_rss_mib"] = max(result[name]["tree_rss_mib"] for name in TARGETS)
    result["memory_target_mib"] = MEMORY_TARGET_MIB
    context["speed"] = result
    return result


def verdict(met: bool) -> str:
    """German word for a target met or missed."""
    return "erreicht" if met else "NICHT erreicht"


def table(result: dict) -> list[str]:
    """The result as table rows."""
    lines = ["Dieselben Geschichten, abwechselnd gebaut (Verhältnis zu Hugo + Pagefind im selben Lauf)",
             *timing_rows("Build", [(label, result[name]) for name, label in LABELS.items()], 42)]
    for name, target in result["targets"].items():
        ratio = result["ratios"][name]
        lines.append(f"{LABELS[name]}: {ratio:.2f} × Hugo + Pagefind (je Runde {result['round_ratios'][name]}; "
                     f"Ziel ≤ {target:.1f}: {verdict(ratio <= target)})")
    lines.append(f"Spitze RSS des ganzen Builds (mit Workern und Pagefind): {result['tree_rss_mib']} MiB "
                 f"(Ziel ≤ {result['memory_target_mib']} MiB: {verdict(result['tree_rss_mib'] <= result['memory_target_mib'])})")
    return lines
