"""Every address the sample site publishes, kept in tests/published_paths.txt so none disappears unnoticed.

    python -m tools.published_paths            # build the sample site as `make publish` does and compare
    python -m tools.published_paths --update   # write the list anew, after adding (or deliberately removing) pages

Listed are pages, feeds, data files, sitemap and robots.txt; images, theme files and the search
index are not (their file names follow the image and search tools), nor a story's press kit and
citation files (pressemappe-<slug>.zip, zitation-<slug>.bib|ris|json): they follow the story's slug
and are linked from its page, which an alias keeps reachable. A path that vanished needs an
entry under `aliases` of the story, actor or page that now answers it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

from sinn_core.addresses import AddressMap
from tools import ROOT

LIST_PATH = os.path.join(ROOT, "tests", "published_paths.txt")
KEPT_SUFFIXES = (".html", ".xml", ".json", ".csv", ".geojson", ".txt")
# The address map's folders of the search index, the theme's assets, the images and the web editor (publishconf.py keeps their defaults).
SKIPPED_FOLDERS = tuple(AddressMap().folder(name).strip("/")
                        for name in ("SEARCH_INDEX_BUNDLE_DIR", "THEME_STATIC_DIR", "IMAGES_URL", "WEB_EDITOR_URL"))
SKIPPED_PREFIXES = ("pressemappe-", "zitation-")
HEADER = """\
# Every path the public build of the sample content publishes. A test fails when one disappears
# without an alias. Update after adding pages: python -m tools.published_paths --update
"""


def published_paths(output: str) -> list[str]:
    """The URL paths of the pages and documents in a built output folder, sorted."""
    paths = set()
    for folder, subfolders, files in os.walk(output):
        relative_folder = os.path.relpath(folder, output).replace(os.sep, "/")
        if relative_folder == ".":
            subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        for name in files:
            if not name.endswith(KEPT_SUFFIXES) or name.startswith(SKIPPED_PREFIXES):
                continue
            path = name if relative_folder == "." else f"{relative_folder}/{name}"
            paths.add("/" + (path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path))
    return sorted(paths)


def read_list(path: str = LIST_PATH) -> list[str]:
    """The paths in the list file, without comments and blank lines."""
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def vanished(listed: list[str], output: str) -> list[str]:
    """The listed paths that the built site no longer serves."""
    current = set(published_paths(output))
    return [path for path in listed if path not in current]


def build_sample(output: str) -> subprocess.CompletedProcess:
    """Build the sample content with publishconf.py, as `make publish` does."""
    return subprocess.run(
        [sys.executable, "-m", "tools.build", "--settings", os.path.join(ROOT, "publishconf.py"),
         "--content", os.path.join(ROOT, "content"), "--output", output],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )


def main(argv=None) -> int:
    """Command line entry point: 0 when nothing vanished (or the list was written), 1 otherwise."""
    parser = argparse.ArgumentParser(description="Vergleicht die veröffentlichten Adressen mit tests/published_paths.txt.")
    parser.add_argument("--update", action="store_true", help="die Liste aus dem aktuellen Build neu schreiben")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "output")
        process = build_sample(output)
        if process.returncode != 0:
            sys.stderr.write(process.stderr)
            return 1
        if args.update:
            paths = published_paths(output)
            with open(LIST_PATH, "w", encoding="utf-8") as handle:
                handle.write(HEADER + "\n".join(paths) + "\n")
            sys.stdout.write(f"{len(paths)} Adressen in {os.path.relpath(LIST_PATH, ROOT)} geschrieben.\n")
            return 0
        missing = vanished(read_list(), output)
    for path in missing:
        sys.stdout.write(f"{path}: nicht mehr veröffentlicht. Bitte als aliases bei der neuen Seite eintragen.\n")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
