"""`make report`: the editors' report in Markdown: reviews overdue or due soon, stories without one,
and stories without a replication guide (`transfer`) or an easy-language summary (`easy_summary`).

Written to stdout and, when $GITHUB_STEP_SUMMARY is set (GitHub Actions), appended there too.
`--today JJJJ-MM-TT` sets the day the review ages are measured from (default: today); exit 0 when
the report was written (it reports, it never fails a build), 2 when it cannot run. `--settings`
names the settings file (default pelicanconf.py), read as the build reads it.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
from dataclasses import dataclass

from sinn_content_contract import check_site
from sinn_content_contract.freshness import months_before, reviewed_on
from sinn_core.containment import printable
from sinn_core.settings import SettingsError
from tools import ROOT
from tools.check import build_settings, folder_and_day

logger = logging.getLogger("sinn.report")
DUE_SOON_DAYS = 45


@dataclass(frozen=True)
class Entry:
    """One story as the report lists it."""

    path: str
    title: str
    reviewed: datetime.date | None
    reviewed_by: str
    draft: bool
    has_transfer: bool
    has_easy_summary: bool

    def line(self, detail: str = "") -> str:
        """`- Titel (Entwurf) – content/stories/datei.md – detail` as a Markdown list item."""
        title = _escape(self.title) + (" (Entwurf)" if self.draft else "")
        path = " ".join(printable(self.path).replace("`", "'").split())  # a code span: no markup inside, none can close it
        return f"- {title} – `{path}`" + (f" – {detail}" if detail else "")


def entries(content: str, today: datetime.date, settings: dict | None = None) -> tuple[list[Entry], str]:
    """Every story of the content folder, and the checker's one-line summary (with the build's settings)."""
    result = check_site(content, settings, today=today)
    stories = []
    for document in result.documents.get("story", []):
        data = document.data
        title = data.get("title") if isinstance(data.get("title"), str) else document.id
        stories.append(Entry(
            path=os.path.relpath(document.path, os.path.dirname(os.path.abspath(content))).replace(os.sep, "/"),
            title=title.strip() or document.id,
            reviewed=reviewed_on(data),
            reviewed_by=str(data.get("reviewed_by") or "").strip(),
            draft=document.is_draft,
            has_transfer=isinstance(data.get("transfer"), dict),
            has_easy_summary=isinstance(data.get("easy_summary"), str) and bool(data["easy_summary"].strip()),
        ))
    return sorted(stories, key=lambda e: e.path), result.report.summary()


def render(stories: list[Entry], today: datetime.date, summary: str, months: int) -> str:
    """The report as Markdown."""
    limit = months_before(today, months)
    overdue = sorted((e for e in stories if e.reviewed and e.reviewed < limit), key=lambda e: e.reviewed)
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    soon = sorted((e for e in stories if e.reviewed and e not in overdue and _due(e.reviewed, months) <= horizon), key=lambda e: e.reviewed)
    unreviewed = [e for e in stories if e.reviewed is None]
    no_transfer = [e for e in stories if not e.has_transfer]
    no_easy = [e for e in stories if not e.has_easy_summary]
    lines = [
        "# Redaktionsbericht",
        "",
        f"Stand: {today.strftime('%d.%m.%Y')} · {len(stories)} Geschichten · Inhaltsprüfung: {summary}",
        "",
        f"Jede Geschichte wird spätestens alle {months} Monate geprüft: Angaben, Links und Kontakt. Danach "
        "`reviewed` (Datum) und `reviewed_by` (wer) aktualisieren.",
    ]
    lines += _section(
        f"Prüfung überfällig ({len(overdue)})", "Keine: alle geprüften Geschichten sind aktuell.",
        [e.line(f"zuletzt geprüft am {_date(e.reviewed)}{_by(e)}, vor {_age(e.reviewed, today)}") for e in overdue],
    )
    lines += _section(
        f"Prüfung bald fällig, in den nächsten {DUE_SOON_DAYS} Tagen ({len(soon)})", "Keine.",
        [e.line(f"fällig am {_date(_due(e.reviewed, months))}, zuletzt geprüft am {_date(e.reviewed)}{_by(e)}") for e in soon],
    )
    lines += _section(
        f"Ohne Prüfdatum ({len(unreviewed)})", "Keine: jede Geschichte hat `reviewed` und `reviewed_by`.",
        [e.line("`reviewed` und `reviewed_by` fehlen") for e in unreviewed],
    )
    lines += _section(
        f"Ohne Anleitung zum Nachmachen ({len(no_transfer)} von {len(stories)})", "Keine: jede Geschichte hat `transfer`.",
        [e.line() for e in no_transfer],
    )
    lines += _section(
        f"Ohne Leichte Sprache ({len(no_easy)} von {len(stories)})", "Keine: jede Geschichte hat `easy_summary`.",
        [e.line() for e in no_easy],
    )
    return "\n".join(lines) + "\n"


def _section(heading: str, empty: str, items: list[str]) -> list[str]:
    return ["", f"## {heading}", "", *(items or [empty])]


def _due(reviewed: datetime.date, months: int) -> datetime.date:
    """The day a review made on `reviewed` runs out: `months` months later."""
    return months_before(reviewed, -months)


def _age(reviewed: datetime.date, today: datetime.date) -> str:
    months = (today.year - reviewed.year) * 12 + today.month - reviewed.month - (today.day < reviewed.day)
    return "1 Monat" if months == 1 else f"{months} Monaten"


def _date(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def _by(entry: Entry) -> str:
    return f" von {_escape(entry.reviewed_by)}" if entry.reviewed_by else ""


def _escape(text: str) -> str:
    """Text safe inside a Markdown list item: no markup, no HTML."""
    for char in "\\`*_[]<>#|!()~&:":
        text = text.replace(char, "\\" + char)
    return " ".join(printable(text).split())


def main(argv=None) -> int:
    """Write the report for a content folder."""
    parser = argparse.ArgumentParser(description="Redaktionsbericht: Prüfdaten, Anleitungen zum Nachmachen, Leichte Sprache.")
    parser.add_argument("content", nargs="?", default="content", help="Inhaltsordner (Standard: content)")
    parser.add_argument("--today", help="Stichtag JJJJ-MM-TT (Standard: heute)")
    parser.add_argument("--settings", default=os.path.join(ROOT, "pelicanconf.py"),
                        help="Einstellungen des Builds (Standard: pelicanconf.py), z. B. für CONTENT_CONTRACT_REVIEW_MONTHS")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    today = folder_and_day(args.content, args.today, "den Bericht", "make report")
    if today is None:
        return 2
    try:
        settings = build_settings(args.settings, args.content)
    except SettingsError as error:
        logger.error("Der Bericht ist abgebrochen: %s", error)
        return 2
    stories, summary = entries(args.content, today, settings)
    text = render(stories, today, summary, settings["CONTENT_CONTRACT_REVIEW_MONTHS"])
    sys.stdout.write(text)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
