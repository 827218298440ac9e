"""Runs the benchmark sections and writes bench/results.json."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time

from tools.bench import images, page_budgets, search_bytes

logger = logging.getLogger("sinn.bench")
SECTIONS = {"budgets": page_budgets, "search": search_bytes, "images": images}


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Misst Build, Suche, Bilder und Seitengewicht.")
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append", help="nur diese Abschnitte")
    parser.add_argument("--results", default=os.path.join("bench", "results.json"))
    args = parser.parse_args(argv)
    # The build reconfigures the root logger; the bench's tables go to stdout on their own.
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    results = {"date": time.strftime("%Y-%m-%d"), "machine": {"cpus": os.cpu_count()}, "sections": {}}
    with tempfile.TemporaryDirectory(prefix="sinn-bench-") as workdir:
        for name in args.only or SECTIONS:
            section = SECTIONS[name]
            logger.info("== %s ==", name)
            result = section.run({"workdir": workdir})
            results["sections"][name] = result
            for line in section.table(result):
                logger.info("%s", line)
    os.makedirs(os.path.dirname(args.results) or ".", exist_ok=True)
    with open(args.results, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    logger.info("Ergebnisse: %s", args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
