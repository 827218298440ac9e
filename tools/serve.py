"""`make serve`: build, serve the site on 127.0.0.1 and rebuild whenever a source file changes.

An edited story's own pages are re-rendered at once (tools/preview.py), then the whole site is
rebuilt in the background. A content error is shown in the terminal and the last good site
keeps being served.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from tools import ROOT
from tools.build import BuildError, SettingsError, configure_logging, load_settings
from tools.preview import NeedsFullBuildError, Preview

logger = logging.getLogger("sinn.serve")
WATCHED = ("content", "theme", "plugins", "schema", "pelicanconf.py")


class _Handler(SimpleHTTPRequestHandler):
    """Serves output/, with the site's own 404 page."""

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code == 404 and os.path.exists(page):
            with open(page, "rb") as handle:
                body = handle.read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):
        logger.debug(format, *args)


class PreviewServer:
    """Rebuilds after every save: one story's pages at once, the whole site in the background."""

    def __init__(self, settings: str, output: str, content: str | None):
        self.settings, self.output, self.content = settings, output, content
        self.preview = Preview(settings, output, {"PATH": content} if content else None)
        self.background: subprocess.Popen | None = None

    def full_build(self) -> None:
        """Build everything in this process; on failure keep serving the previous output."""
        self.stop_background()
        started = time.monotonic()
        try:
            self.preview.full_build()
            logger.info("Neu gebaut (%.1f s). Die Seite im Browser neu laden.", time.monotonic() - started)
        except BuildError as error:
            logger.error("Build abgebrochen: %s", error)
        except Exception as error:  # noqa: BLE001 - the preview must survive any failed build
            logger.error("Build abgebrochen: %s: %s", error.__class__.__name__, error)

    def changed(self, paths: set[str]) -> None:
        """React to saved files: the quick path for edited stories, else a full build."""
        paths = {p for p in paths if _matters(p)}
        if not paths:
            return
        stories = [p for p in paths if p.endswith(".md") and os.path.exists(p) and self._is_story(p)]
        if not stories or len(stories) != len(paths):
            self.full_build()
            return
        self.stop_background()
        try:
            rendered = [self.preview.story_changed(path) for path in sorted(stories)]
        except NeedsFullBuildError as reason:
            logger.info("Vollständiger Neubau (%s).", reason)
            self.full_build()
            return
        except Exception as error:  # noqa: BLE001 - fall back to the full build, which reports properly
            logger.info("Vollständiger Neubau (%s: %s).", error.__class__.__name__, error)
            self.full_build()
            return
        if not all(rendered):  # the quick check found errors and printed them
            logger.error("Nichts neu gebaut: Bitte die Meldungen oben beheben. Die Vorschau zeigt die letzte fehlerfreie Fassung.")
            return
        logger.info("Die Seite im Browser neu laden. Suche, Feeds und Daten folgen mit dem Neubau im Hintergrund.")
        self.start_background()

    def _is_story(self, path: str) -> bool:
        folder = os.path.join(os.path.abspath(self.content or os.path.join(ROOT, "content")), "stories")
        return os.path.commonpath([folder, os.path.abspath(path)]) == folder

    def start_background(self) -> None:
        """Start a full build in another process (it swaps output/ when done)."""
        command = [sys.executable, "-m", "tools.build", "--settings", self.settings, "--output", self.output]
        if self.content:
            command += ["--content", self.content]
        self.background = subprocess.Popen(command, cwd=ROOT)

    def stop_background(self) -> None:
        """Stop a background build that a newer change makes stale."""
        if self.background and self.background.poll() is None:
            self.background.terminate()
            self.background.wait()
        self.background = None


# Files an editor or a tool writes for a moment while saving (sed, vim, Emacs, many IDEs).
_TEMPORARY = (".", "#", "sed")


def _matters(path: str) -> bool:
    """Whether a change to this path can change the site: not an editor's temporary file."""
    name = os.path.basename(path)
    if name.startswith(_TEMPORARY) or name.endswith(("~", ".swp", ".swx", ".tmp")):
        return False
    # A file that is gone counts if it was a source (a deleted story); a vanished temporary file not.
    return os.path.exists(path) or os.path.splitext(name)[1] in (".md", ".yml", ".yaml", ".html", ".css", ".js", ".py", ".json")


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Vorschau mit automatischem Neubau.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", help="anderer Inhaltsordner als PATH in den Einstellungen")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    configure_logging(verbose=False)
    logger.setLevel(logging.INFO)
    logging.getLogger("sinn.preview").setLevel(logging.INFO)
    output = os.path.abspath(args.output)
    content = os.path.abspath(args.content) if args.content else None
    try:  # a wrong settings file stops the preview before it serves anything; each build reads it again
        load_settings(args.settings, {"PATH": content} if content else None)
    except SettingsError as error:
        logger.error("Vorschau abgebrochen: %s", error)
        return 2
    site = PreviewServer(args.settings, output, content)
    site.full_build()
    handler = functools.partial(_Handler, directory=output)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    logger.info("Vorschau: http://127.0.0.1:%d/ (beenden mit Strg+C)", args.port)
    from watchfiles import watch  # noqa: PLC0415

    watched = [content or os.path.join(ROOT, "content"), *(os.path.join(ROOT, p) for p in WATCHED if p != "content")]
    try:
        for changes in watch(*watched):
            site.changed({path for _change, path in changes})
    except KeyboardInterrupt:
        pass
    finally:
        site.stop_background()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
