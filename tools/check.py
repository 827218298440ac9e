"""`make check`: validate all content and list every problem at once, in German.

Exit 0 when there are no errors (warnings allowed), 1 with errors, 2 when it cannot run (also
when the settings file holds a value of the wrong type).
`--format json` prints one JSON object; `--format github` prints GitHub Actions annotations
(`::error file=…,line=…::…`) that mark the lines in a pull request.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from sinn_content_contract import check_site
from sinn_content_contract.freshness import resolve_today
from sinn_core.settings import SettingsError, load_settings
from tools import ROOT

logger = logging.getLogger(__name__)


def folder_and_day(content: str, today: str | None, what: str, command: str):
    """The day from --today if the content folder exists and the day is valid; else log why and return None."""
    if not os.path.isdir(content):
        logger.error("%s: Ordner nicht gefunden. Rufen Sie %s im Hauptordner des Projekts auf (%s).", content, what, command)
        return None
    try:
        return resolve_today(today)
    except ValueError as error:
        logger.error("--today: %s", error)
        return None


def build_settings(settings_file: str, content: str) -> dict:
    """The settings the build reads (Markdown options, drafts, addresses, plugin defaults), for the content folder given."""
    return load_settings(settings_file, {"PATH": os.path.abspath(content)})


def main(argv=None) -> int:
    """Run the checker over a content folder and print the report."""
    parser = argparse.ArgumentParser(description="Prüft alle Inhalte gegen den Inhaltsvertrag.")
    parser.add_argument("content", nargs="?", default="content", help="Inhaltsordner (Standard: content)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text", help="Ausgabeformat")
    parser.add_argument("--today", help="Stichtag JJJJ-MM-TT für die Prüf-Fristen (Standard: heute)")
    parser.add_argument("--settings", default=os.path.join(ROOT, "pelicanconf.py"),
                        help="Einstellungen des Builds, den die Prüfung schützt (Standard: pelicanconf.py; CI: publishconf.py)")
    parser.add_argument("--debug", action="store_true", help="bei internen Fehlern den Traceback zeigen")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.DEBUG if args.debug else logging.WARNING)
    today = folder_and_day(args.content, args.today, "die Prüfung", "make check")
    if today is None:
        return 2
    try:
        settings = build_settings(args.settings, args.content)
        report = check_site(args.content, settings, today=today).report
    except SettingsError as error:
        logger.error("Die Prüfung ist abgebrochen: %s", error)
        return 2
    except Exception as error:
        if args.debug:
            raise
        logger.error("Die Prüfung ist abgebrochen (%s: %s). Bitte dem Technik-Team melden; mit --debug gibt es Details.",
                     error.__class__.__name__, error)
        return 2
    sys.stdout.write(report.render(args.format) + "\n")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
