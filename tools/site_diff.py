"""`python -m tools.site_diff BASE NEW`: which pages a pull request adds, changes or removes, as a Markdown table.

Compares two built sites file by file (builds are reproducible, so any difference is a real
one) and prints the pages with their titles, for the job summary of a pull request. Other
files (images, feeds, data, the search index) are only counted. Exit 0, or 2 when NEW is missing.
With `--json FILE` it also writes the pages as data ({"pages": [{"status", "path", "title"}], "pages_changed",
"pages_total", "other_files"}; no "pages" when BASE is missing), which tools.preview_comment turns
into the preview's comment on the pull request.

Titles and paths come from content, so they are printed as inert text: every character but letters,
digits and spaces as a numeric HTML entity (no Markdown, HTML, table cell, link, autolink, mention
or emoji can start), paths of plain characters as code. No line can start with "::", so nothing
printed can become a GitHub workflow command even where this output reaches the log.
"""

from __future__ import annotations

import argparse
import filecmp
import html
import json
import logging
import os
import re
import sys

logger = logging.getLogger(__name__)

STATUS_ORDER = ("neu", "geändert", "entfernt")
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
MAX_ROWS = 150


def files_of(folder: str) -> set[str]:
    """Every file below folder, as paths with /."""
    found = set()
    for directory, _dirs, names in os.walk(folder):
        for name in names:
            found.add(os.path.relpath(os.path.join(directory, name), folder).replace(os.sep, "/"))
    return found


def compare(base: str, new: str) -> dict[str, str]:
    """Each added, changed or removed file with its status ("neu", "geändert", "entfernt")."""
    old_files, new_files = files_of(base), files_of(new)
    changes = {name: "neu" for name in new_files - old_files}
    changes |= {name: "entfernt" for name in old_files - new_files}
    for name in old_files & new_files:
        if not filecmp.cmp(os.path.join(base, name), os.path.join(new, name), shallow=False):
            changes[name] = "geändert"
    return changes


def is_page(name: str) -> bool:
    """True for the site's HTML pages (the search index has none worth listing)."""
    return name.endswith(".html") and not name.startswith("pagefind/")


def page_url(name: str) -> str:
    """The address of an HTML file: /geschichten/x/ for geschichten/x/index.html."""
    url = "/" + name
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def title_of(path: str) -> str:
    """The page title without the site name, for the table."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            match = TITLE.search(handle.read(4096))
    except OSError:
        return ""
    title = " ".join(html.unescape(match.group(1)).split()) if match else ""
    return title.split(" – ")[0] if " – " in title else title


_PLAIN_PATH = re.compile(r"[A-Za-z0-9/._-]+")


def inert(text: str) -> str:
    """Text from content as Markdown that shows it literally: all but letters, digits and spaces as numeric entities."""
    return "".join(char if (char.isalnum() and char.isascii()) or char in " äöüÄÖÜß" else f"&#{ord(char)};" for char in text)


def _path(url: str) -> str:
    return f"`{url}`" if _PLAIN_PATH.fullmatch(url) else inert(url)


def markdown(changes: dict[str, str], base: str, new: str, max_rows: int = MAX_ROWS) -> str:
    """The summary: counts, a table of pages, and a line about the other files."""
    pages = {name: status for name, status in changes.items() if is_page(name)}
    others = {name: status for name, status in changes.items() if name not in pages}
    counts = {status: sum(1 for s in pages.values() if s == status) for status in STATUS_ORDER}
    lines = ["### Seiten, die sich mit diesem Pull Request ändern", ""]
    if not pages:
        lines.append("Keine Seite ändert sich.")
    else:
        total = sum(1 for name in files_of(new) if is_page(name))
        lines.append(" · ".join(f"**{counts[s]}** {s}" for s in STATUS_ORDER) + f" (von {total} Seiten)")
        lines += ["", "| | Seite | Titel |", "| --- | --- | --- |"]
        ordered = sorted(pages.items(), key=lambda item: (STATUS_ORDER.index(item[1]), page_url(item[0])))
        for name, status in ordered[:max_rows]:
            title = title_of(os.path.join(base if status == "entfernt" else new, name))
            lines.append(f"| {status} | {_path(page_url(name))} | {inert(title)} |")
        if len(ordered) > max_rows:
            lines.append(f"| | … und {len(ordered) - max_rows} weitere | |")
    if others:
        by_area: dict[str, int] = {}
        for name in others:
            area = _path(name.split("/")[0] + "/") if "/" in name else "Hauptordner"
            by_area[area] = by_area.get(area, 0) + 1
        lines += ["", "Weitere Dateien neu, geändert oder entfernt: " + ", ".join(f"{area} {count}" for area, count in sorted(by_area.items())) + "."]
    return "\n".join(lines) + "\n"


def as_data(changes: dict[str, str] | None, base: str, new: str, limit: int = MAX_ROWS) -> dict:
    """The changed pages (status, address, title; at most `limit`) in the summary's order; without a base, no pages."""
    total = sum(1 for name in files_of(new) if is_page(name))
    if changes is None:
        return {"pages_total": total}
    pages = sorted(
        ((status, name) for name, status in changes.items() if is_page(name)), key=lambda item: (STATUS_ORDER.index(item[0]), page_url(item[1]))
    )
    listed = [
        {"status": status, "path": page_url(name), "title": title_of(os.path.join(base if status == "entfernt" else new, name))}
        for status, name in pages[:limit]
    ]
    return {"pages": listed, "pages_changed": len(pages), "pages_total": total, "other_files": len(changes) - len(pages)}


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Vergleicht zwei gebaute Websites und listet geänderte Seiten (Markdown).")
    parser.add_argument("base", help="gebaute Website des Basis-Zweigs")
    parser.add_argument("new", help="gebaute Website des Pull Requests")
    parser.add_argument("--max-rows", type=int, default=MAX_ROWS)
    parser.add_argument("--json", metavar="DATEI", help="die geänderten Seiten zusätzlich als JSON in diese Datei schreiben")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s")
    if not os.path.isdir(args.new):
        logger.error("%s: keine gebaute Website.", args.new)
        return 2
    changes = compare(args.base, args.new) if os.path.isdir(args.base) else None
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(as_data(changes, args.base, args.new, args.max_rows), handle, ensure_ascii=False, indent=1)
    if changes is None:
        sys.stdout.write("### Seiten, die sich mit diesem Pull Request ändern\n\n"
                         "Kein Vergleich möglich: der Basis-Zweig ließ sich nicht bauen.\n")
        return 0
    sys.stdout.write(markdown(changes, args.base, args.new, args.max_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
