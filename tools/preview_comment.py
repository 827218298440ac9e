"""`python -m tools.preview_comment CHANGES.json --site URL` (or `--artifact-run URL`): the comment about a preview.

Reads the pages `tools.site_diff --json` wrote and prints Markdown for the one comment the workflow
"Vorschau" keeps up to date on a pull request: the preview's address and links to the pages the
change adds or alters (`--site`, the published preview). A pull request from a fork gets no published
preview; with `--artifact-run` (the run that holds the artifact) the comment says why and how to open
the preview from the artifact, and names the changed pages without links.

The file is untrusted data: for a fork it was written by the fork's own code. So it is read with a
size limit and every entry is checked (status one of three words, path only of a-z, A-Z, 0-9, "/",
".", "_", "-" and without "..", title a short string); what fails is left out. Titles are shown
through site_diff.inert (no Markdown, HTML, link, mention or workflow command can start in them),
addresses are built here from --site and a checked path. Standard library only: the workflow for
forks runs this from the default branch with the system's Python, without installing anything.
Exit 0, or 2 when --site or --artifact-run is not a plain https (or local http) address.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass, field

from tools.site_diff import STATUS_ORDER, inert

logger = logging.getLogger(__name__)

# Pages listed in the comment; the run's summary lists more.
LIMIT = 30
MAX_BYTES = 1_000_000
SAFE_PATH = re.compile(r"/[A-Za-z0-9/._-]{0,300}")
SAFE_ADDRESS = re.compile(r"(https://[A-Za-z0-9.-]+|http://(localhost|127\.0\.0\.1))(:[0-9]{1,5})?(/[A-Za-z0-9/._~-]*)?")
SAFE_COMMIT = re.compile(r"[0-9a-f]{7,40}")
LOCAL_PREVIEW = "http://localhost:8000"


@dataclass
class Changes:
    """The checked pages of a site_diff file; `known` is False when there was nothing to compare with."""

    pages: list[tuple[str, str, str]] = field(default_factory=list)
    changed: int = 0
    total: int = 0
    known: bool = False


def _number(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**7 else 0


def read_changes(path: str) -> Changes:
    """The pages of a site_diff --json file, each checked; a missing, oversized or unreadable file gives no pages."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_BYTES else None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        logger.warning("Geänderte Seiten nicht lesbar (%s).", error.__class__.__name__)
        return Changes()
    if not isinstance(data, dict):
        return Changes()
    changes = Changes(total=_number(data.get("pages_total")))
    if not isinstance(data.get("pages"), list):
        return changes
    changes.known = True
    for entry in data["pages"][: LIMIT * 10]:
        if not isinstance(entry, dict):
            continue
        status, page, title = entry.get("status"), entry.get("path"), entry.get("title", "")
        if status not in STATUS_ORDER or not isinstance(page, str) or not SAFE_PATH.fullmatch(page) or "/../" in page + "/":
            continue
        title = " ".join(title.split())[:200] if isinstance(title, str) else ""
        changes.pages.append((status, page, title))
    changes.changed = max(_number(data.get("pages_changed")), len(changes.pages))
    return changes


def _page_lines(changes: Changes, site: str | None, limit: int) -> list[str]:
    """One list item per changed page: a link into the published preview, or the local address as code."""
    lines = []
    for status, page, title in changes.pages[:limit]:
        text = inert(title) if title else f"`{page}`"
        if status == "entfernt":
            lines.append(f"- entfernt: {text} (`{page}`)")
        elif site:
            lines.append(f"- {status}: [{text}]({site}{page})")
        else:
            lines.append(f"- {status}: {text} – `{LOCAL_PREVIEW}{page}`")
    more = changes.changed - min(limit, len(changes.pages))
    if more > 0:
        lines.append(f"- … und {more} weitere (alle in der Zusammenfassung des Laufs)")
    return lines


def render(changes: Changes, site: str | None = None, artifact_run: str | None = None, commit: str | None = None, limit: int = LIMIT) -> str:
    """The comment in Markdown: for a published preview (site) or one in an artifact (artifact_run)."""
    lines = ["### Vorschau dieses Pull Requests", ""]
    if site:
        stand = f" (Stand: Commit `{commit}`)" if commit else ""
        lines += [
            f"**Vorschau öffnen:** {site}/{stand}",
            "",
            "Die Vorschau zeigt die Website mit den Änderungen dieses Pull Requests, Entwürfe eingeschlossen (als „Entwurf“ "
            "markiert); ein Band „Vorschau“ steht auf jeder Seite, und Suchmaschinen bleiben draußen. Nach jedem neuen Commit "
            "ist sie nach wenigen Minuten erneuert. Wird der Pull Request geschlossen, verschwindet sie.",
        ]
    else:
        lines += [
            "Dieser Pull Request kommt aus einem Fork. Seine Vorschau wird nicht veröffentlicht: Code aus einem Fork läuft hier nie "
            "mit Rechten, die etwas veröffentlichen könnten.",
            "",
            f"**So öffnen Sie die Vorschau:** im Lauf {artifact_run} unten unter *Artifacts* „vorschau“ herunterladen und entpacken, "
            f"im entpackten Ordner `python3 -m http.server 8000` starten und {LOCAL_PREVIEW}/ öffnen. Entwürfe sind darin zu sehen "
            "(als „Entwurf“ markiert). Wer Schreibrechte hat, kann den Zweig nach Durchsicht des Codes in dieses Repository "
            "übernehmen; ein Pull Request von dort bekommt einen Link zur Vorschau.",
        ]
    lines += ["", "#### Seiten, die sich ändern", ""]
    if not changes.known:
        lines.append("Kein Vergleich möglich: der Basis-Zweig ließ sich nicht bauen.")
    elif not changes.changed:
        lines.append("Keine Seite ändert sich.")
    else:
        total = f" von {changes.total} Seiten" if changes.total else ""
        lines += [f"Neu, geändert oder entfernt: **{changes.changed}**{total}.", "", *_page_lines(changes, site, limit)]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Schreibt den Kommentar zur Vorschau eines Pull Requests (Markdown).")
    parser.add_argument("changes", help="die Datei von `python -m tools.site_diff … --json`")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--site", help="Adresse der veröffentlichten Vorschau")
    where.add_argument("--artifact-run", help="Adresse des Laufs, der die Vorschau als Artefakt enthält (Forks)")
    parser.add_argument("--commit", default="", help="der Commit, aus dem die Vorschau gebaut ist")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s")
    address = (args.site or args.artifact_run).rstrip("/")
    if not SAFE_ADDRESS.fullmatch(address):
        logger.error("Keine gültige Adresse für die Vorschau: nur https://… (oder http://localhost) ohne Sonderzeichen.")
        return 2
    commit = args.commit[:12] if SAFE_COMMIT.fullmatch(args.commit) else None
    changes = read_changes(args.changes)
    sys.stdout.write(render(changes, site=address if args.site else None, artifact_run=None if args.site else address, commit=commit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
