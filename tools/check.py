"""`make check`: validate all content and list every problem at once, in German.

Exit 0 when there are no errors (warnings allowed), 1 with errors, 2 when it cannot run.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from content_contract import check_site  # noqa: E402

logger = logging.getLogger(__name__)


def main(argv=None) -> int:
    """Run the checker over a content folder and print the report."""
    parser = argparse.ArgumentParser(description="Prüft alle Inhalte gegen den Inhaltsvertrag.")
    parser.add_argument("content", nargs="?", default="content", help="Inhaltsordner (Standard: content)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text", help="Ausgabeformat")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.content):
        sys.stderr.write(f"{args.content}: Ordner nicht gefunden.\n")
        return 2
    report = check_site(args.content).report
    sys.stdout.write(report.render(args.format) + "\n")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
