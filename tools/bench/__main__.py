"""Runs the benchmark sections and writes bench/results.json."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time

from tools.bench import baselines, build_times, images, page_budgets, preview, search_bytes, speed, weight
from tools.bench.runs import CORPUS, BenchError, scale_corpus

logger = logging.getLogger("sinn.bench")
# Sections share one corpus and its cold build per run; baselines come before images, which use their figure.
SECTIONS = {
    "budgets": page_budgets, "builds": build_times, "baselines": baselines, "speed": speed,
    "images": images, "weight": weight, "search": search_bytes, "preview": preview,
}


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Misst Build, Suche, Bilder und Seitengewicht.")
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append", help="nur diese Abschnitte")
    parser.add_argument("--results", default=os.path.join("bench", "results.json"))
    parser.add_argument("--stories", type=int, default=CORPUS["stories"],
                        help=f"Geschichten im Korpus (Standard {CORPUS['stories']}; weniger zum Ausprobieren, Akteure und Fotos anteilig)")
    args = parser.parse_args(argv)
    if args.stories != CORPUS["stories"]:
        scale_corpus(args.stories)
    # The build reconfigures the root logger; the bench's tables go to stdout on their own.
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    results = {"date": time.strftime("%Y-%m-%d"), "machine": {"cpus": os.cpu_count()}, "sections": {}}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sinn-bench-") as workdir:
        context = {"workdir": workdir}
        for name in [n for n in SECTIONS if n in (args.only or SECTIONS)]:
            section = SECTIONS[name]
            logger.info("== %s ==", name)
            section_started = time.perf_counter()
            try:
                result = section.run(context)
            except BenchError as error:
                logger.error("Abschnitt %s abgebrochen: %s", name, error)
                results["sections"][name] = {"error": str(error)}
                continue
            result["section_seconds"] = round(time.perf_counter() - section_started, 1)
            results["sections"][name] = result
            for line in section.table(result):
                logger.info("%s", line)
            logger.info("(Abschnitt: %.0f s)", result["section_seconds"])
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    os.makedirs(os.path.dirname(args.results) or ".", exist_ok=True)
    with open(args.results, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    logger.info("Ergebnisse: %s; gesamt %.0f s (%.1f min)", args.results, results["total_seconds"], results["total_seconds"] / 60)
    return 1 if any("error" in part for part in results["sections"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
