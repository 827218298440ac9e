"""Checks a built site against the limits of the host it goes to, before anything is uploaded.

`python -m tools.host_limits output` (host from --host or SINN_HOST, GitHub Pages by default) adds up
the published files as the host counts them: every path once with its full size (hard links too,
the upload packs each path), no folders. It fails (exit 1) with a German message naming what is over
the limit and the largest folders, so the deploy stops with a reason instead of a host refusing the
upload or cancelling it halfway; from WARN_SHARE of a limit on it warns (exit 0) so there is time to act.

Limits (as the hosts document them, late 2026): GitHub Pages publishes sites of at most 1 GB, and a
file in a GitHub repository may be at most 100 MB; Cloudflare Pages takes at most 20,000 files of at
most 25 MiB each. --max-bytes, --max-files and --max-file-bytes replace single limits (0: no limit).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, field, replace

logger = logging.getLogger(__name__)

WARN_SHARE = 0.8
TOP_FOLDERS = 5


@dataclass(frozen=True)
class Limits:
    """What one host accepts; 0 means no limit."""

    name: str
    max_bytes: int = 0
    max_files: int = 0
    max_file_bytes: int = 0


HOSTS = {
    "github-pages": Limits("GitHub Pages", max_bytes=1_000_000_000, max_file_bytes=100_000_000),
    "cloudflare-pages": Limits("Cloudflare Pages", max_files=20_000, max_file_bytes=25 * 1024 * 1024),
}
DEFAULT_HOST = "github-pages"


@dataclass
class Folder:
    """Bytes and files below one folder of the site."""

    bytes: int = 0
    files: int = 0


@dataclass
class Inventory:
    """What the host would receive: totals, the largest file, and the totals per folder (top level and one below)."""

    bytes: int = 0
    files: int = 0
    largest: tuple[int, str] = (0, "")
    folders: dict[str, Folder] = field(default_factory=dict)


def take_inventory(site: str) -> Inventory:
    """Count every file below `site` (symbolic links as what they point to, as an upload reads them)."""
    inventory = Inventory()
    for folder, _dirs, files in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        parts = [] if relative == "." else relative.split("/")
        owners = ["/".join(parts[:depth]) + "/" for depth in (1, 2) if len(parts) >= depth]
        for name in files:
            path = os.path.join(folder, name)
            try:
                size = os.stat(path).st_size
            except OSError:  # a dangling link: nothing the host would get
                continue
            inventory.bytes += size
            inventory.files += 1
            if size > inventory.largest[0]:
                inventory.largest = (size, "/".join([*parts, name]))
            for owner in owners:
                entry = inventory.folders.setdefault(owner, Folder())
                entry.bytes += size
                entry.files += 1
    return inventory


def number(value: float, digits: int = 0) -> str:
    """A number the German way: 20.000, 1,5."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(share: float) -> str:
    """A share the German way: 85 %."""
    return f"{number(share * 100)} %"


def files(count: int) -> str:
    """1 Datei, 20.000 Dateien."""
    return "1 Datei" if count == 1 else f"{number(count)} Dateien"


def size(value: int) -> str:
    """Bytes in units of 1,000 (as the hosts state their limits): 1,23 GB, 25,2 MB, 800 kB."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if value >= scale:
            shown = number(value / scale, 2 if value < 10 * scale else 1 if value < 100 * scale else 0)
            return f"{shown.rstrip('0').rstrip(',') if ',' in shown else shown} {unit}"
    return f"{number(value)} Bytes"


def largest_folders(inventory: Inventory, by: str) -> str:
    """The TOP_FOLDERS largest top-level folders by bytes or files, each with its largest subfolder."""
    top = [name for name in inventory.folders if name.count("/") == 1]
    ranked = sorted(top, key=lambda name: (-getattr(inventory.folders[name], by), name))[:TOP_FOLDERS]
    parts = []
    for name in ranked:
        entry = inventory.folders[name]
        text = f"{name} {size(entry.bytes)} in {files(entry.files)}"
        children = [c for c in inventory.folders if c.startswith(name) and c != name]
        if children:
            child = max(children, key=lambda c: (getattr(inventory.folders[c], by), c))
            share = getattr(inventory.folders[child], by) / max(getattr(entry, by), 1)
            if share >= 0.5:  # where the weight sits; many equal subfolders (one per story) need no name
                text += f" (davon {child} {percent(share)})"
        parts.append(text)
    return "; ".join(parts) or "keine Unterordner"


ADVICE = (
    "Was tun: Originalfotos mit make bilder verkleinern, nicht mehr verwendete Bilder aus content/images/ löschen, "
    "in pelicanconf.py weniger Bildbreiten oder -formate einstellen (IMAGES_WIDTHS, IMAGES_FORMATS) oder einen Host mit "
    "höheren Grenzen wählen (README, „Gewicht und Grenzen des Hosts“)."
)


def findings(inventory: Inventory, limits: Limits) -> tuple[list[str], list[str]]:
    """Errors (a limit exceeded) and warnings (WARN_SHARE of a limit reached), as German sentences."""
    errors, warnings = [], []
    checks = [
        ("Größe", inventory.bytes, limits.max_bytes, size, "bytes"),
        ("Dateien", inventory.files, limits.max_files, number, "files"),
    ]
    for label, value, limit, show, by in checks:
        if not limit:
            continue
        if value > limit:
            errors.append(f"{label}: {show(value)}, {limits.name} erlaubt höchstens {show(limit)}. "
                          f"Die größten Ordner: {largest_folders(inventory, by)}.")
        elif value >= WARN_SHARE * limit:
            warnings.append(f"{label}: {show(value)} von höchstens {show(limit)} ({percent(value / limit)} der Grenze von "
                            f"{limits.name}) erreicht. Die größten Ordner: {largest_folders(inventory, by)}.")
    largest, path = inventory.largest
    if limits.max_file_bytes and largest > limits.max_file_bytes:
        errors.append(f"Größte Datei: {path} hat {size(largest)}, {limits.name} nimmt Dateien bis {size(limits.max_file_bytes)}.")
    return errors, warnings


def limits_for(host: str, overrides: dict) -> Limits:
    """The named host's limits with single values replaced."""
    if host not in HOSTS:
        raise ValueError(f"Unbekannter Host „{host}“. Bekannt sind: {', '.join(sorted(HOSTS))}.")
    return replace(HOSTS[host], **{k: v for k, v in overrides.items() if v is not None})


def check(site: str, limits: Limits) -> int:
    """Log the verdict for a built site; 0 if the host takes it, 1 if not."""
    inventory = take_inventory(site)
    errors, warnings = findings(inventory, limits)
    summary = f"{site}: {size(inventory.bytes)} in {files(inventory.files)}, größte Datei {size(inventory.largest[0])}"
    for warning in warnings:
        logger.warning("Warnung: %s", warning)
    if errors:
        logger.error("%s. Zu groß für %s, es wird nichts hochgeladen.", summary, limits.name)
        for error in errors:
            # In GitHub Actions each reason also becomes an annotation on the run's summary page.
            logger.error("%s%s", "::error::" if os.environ.get("GITHUB_ACTIONS") == "true" else "- ", error)
        logger.error("%s", ADVICE)
        return 1
    logger.info("%s: passt zu %s.", summary, limits.name)
    return 0


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Prüft die gebaute Website gegen die Grenzen des Hosts (Größe, Dateien, größte Datei).")
    parser.add_argument("site", nargs="?", default="output", help="Ordner der gebauten Website (Standard: output)")
    parser.add_argument("--host", default=os.environ.get("SINN_HOST") or DEFAULT_HOST,
                        help=f"{', '.join(sorted(HOSTS))} (Standard: SINN_HOST oder {DEFAULT_HOST})")
    parser.add_argument("--max-bytes", type=int, help="höchstens so viele Bytes insgesamt (0: keine Grenze)")
    parser.add_argument("--max-files", type=int, help="höchstens so viele Dateien (0: keine Grenze)")
    parser.add_argument("--max-file-bytes", type=int, help="höchstens so viele Bytes je Datei (0: keine Grenze)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    if not os.path.isdir(args.site):
        logger.error("%s: Ordner nicht gefunden. Erst die Website bauen (make publish), dann prüfen.", args.site)
        return 2
    try:
        limits = limits_for(args.host, {"max_bytes": args.max_bytes, "max_files": args.max_files, "max_file_bytes": args.max_file_bytes})
    except ValueError as error:
        logger.error("%s", error)
        return 2
    return check(args.site, limits)


if __name__ == "__main__":
    sys.exit(main())
