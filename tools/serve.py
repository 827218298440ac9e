"""`make serve`: build, serve the site on 127.0.0.1 and rebuild whenever a source file changes.

An edited story's own pages are re-rendered at once (tools/preview.py), then the whole site is
rebuilt in the background. After each build the open pages reload by themselves; when a change
fails the check or the build, they show the checker's messages in a dialog, the terminal shows them
too, and the last good site keeps being served (tools/serve_http.py: how, and why the site's
Content-Security-Policy allows it only here).
"""

from __future__ import annotations

import argparse
import collections
import functools
import logging
import os
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer

from tools import ROOT
from tools.build import BuildError, SettingsError, configure_logging, load_settings
from tools.preview import NeedsFullBuildError, Preview
from tools.serve_http import FAILED_BUILD, SCRIPT_NAME, BuildStatus, PreviewHandler, message_entry, problem_entry, problems_from_lines

logger = logging.getLogger("sinn.serve")
WATCHED = ("content", "theme", "plugins", "schema", "pelicanconf.py")


class _ErrorLines(logging.Handler):
    """Keeps the last error messages logged during an in-process build, for the overlay."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.lines: collections.deque[str] = collections.deque(maxlen=10)

    def emit(self, record):
        self.lines.append(record.getMessage())


class PreviewServer:
    """Rebuilds after every save: one story's pages at once, the whole site in the background."""

    def __init__(self, settings: str, output: str, content: str | None):
        self.settings, self.output, self.content = settings, output, content
        self.overrides = {"PATH": content} if content else None
        self.preview = Preview(settings, output, self.overrides)
        self.background: subprocess.Popen | None = None
        self.status = BuildStatus()
        self._lock = threading.Lock()

    def full_build(self) -> None:
        """Build everything in this process; on failure keep serving the previous output."""
        self.stop_background()
        started = time.monotonic()
        errors = _ErrorLines()
        logging.getLogger().addHandler(errors)
        try:
            self.preview.full_build()
        except BuildError as error:
            logger.error("Build abgebrochen: %s", error)
            self._failed(list(errors.lines))
            return
        except Exception as error:  # noqa: BLE001 - the preview must survive any failed build
            logger.error("Build abgebrochen: %s: %s", error.__class__.__name__, error)
            self._failed(list(errors.lines))
            return
        finally:
            logging.getLogger().removeHandler(errors)
        self.status.built()
        logger.info("Neu gebaut (%.1f s). Offene Seiten laden neu.", time.monotonic() - started)

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
            self.status.failed([problem_entry(p) for p in self.preview.problems])
            logger.error("Nichts neu gebaut: Bitte die Meldungen oben beheben. Die Vorschau zeigt die letzte fehlerfreie Fassung.")
            return
        self.status.built()
        logger.info("Offene Seiten laden neu. Suche, Feeds und Daten folgen mit dem Neubau im Hintergrund.")
        self.start_background()

    def _is_story(self, path: str) -> bool:
        folder = os.path.join(os.path.abspath(self.content or os.path.join(ROOT, "content")), "stories")
        return os.path.commonpath([folder, os.path.abspath(path)]) == folder

    def start_background(self) -> None:
        """Start a full build in another process (it swaps output/ when done); the pages reload after it."""
        command = [sys.executable, "-m", "tools.build", "--settings", self.settings, "--output", self.output]
        if self.content:
            command += ["--content", self.content]
        process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, errors="replace")
        with self._lock:
            self.background = process
        threading.Thread(target=self._follow, args=(process,), daemon=True).start()

    def _follow(self, process: subprocess.Popen) -> None:
        """Pass the background build's messages on to the terminal; announce its result unless it was stopped."""
        lines: collections.deque[str] = collections.deque(maxlen=500)
        for line in process.stderr:
            sys.stderr.write(line)
            lines.append(line.rstrip("\n"))
        code = process.wait()
        with self._lock:
            if self.background is not process:
                return  # stopped because a newer change came in
            self.background = None
        if code == 0:
            self.status.built()
            logger.info("Neubau im Hintergrund fertig. Offene Seiten laden neu.")
        else:
            # Read back from the build's own lines: checking again here would run beside the next build in this process.
            self.status.failed(problems_from_lines(list(lines)))

    def _failed(self, lines: list[str]) -> None:
        """Tell the browsers why the in-process build stopped: the checker's problems, else the build's last error lines."""
        problems = self._check_problems()
        self.status.failed(problems or [message_entry(line) for line in lines] or [message_entry(FAILED_BUILD)])

    def _check_problems(self) -> list[dict]:
        """The errors `make check` reports for the content now (the build printed them; here they are collected)."""
        from sinn_content_contract import check_site  # noqa: PLC0415
        from sinn_content_contract.problems import ERROR  # noqa: PLC0415

        try:
            settings = load_settings(self.settings, self.overrides)
            report = check_site(settings["PATH"], settings).report
        except Exception:  # the overlay then shows the build's own lines
            logger.debug("check after a failed build", exc_info=True)
            return []
        return [problem_entry(p) for p in report.sorted() if p.severity == ERROR]

    def stop_background(self) -> None:
        """Stop a background build that a newer change makes stale."""
        with self._lock:
            process, self.background = self.background, None
        if process and process.poll() is None:
            process.terminate()
            process.wait()


# Files an editor or a tool writes for a moment while saving (sed, vim, Emacs, many IDEs).
_TEMPORARY = (".", "#", "sed")


def _matters(path: str) -> bool:
    """Whether a change to this path can change the site: not an editor's temporary file, not Python's bytecode."""
    name = os.path.basename(path)
    if name.startswith(_TEMPORARY) or name.endswith(("~", ".swp", ".swx", ".tmp")):
        return False
    if "__pycache__" in path.split(os.sep):  # written by builds that import an edited plugin
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
        settings = load_settings(args.settings, {"PATH": content} if content else None)
    except SettingsError as error:
        logger.error("Vorschau abgebrochen: %s", error)
        return 2
    site = PreviewServer(args.settings, output, content)
    site.full_build()
    if settings["SITEURL"]:
        logger.info("Mit SITEURL erlaubt die Sicherheitsrichtlinie der Seiten keine Skripte von 127.0.0.1: kein automatisches Neuladen.")
    # Inside the theme's js/ folder: the only place the local policy allows scripts from (serve_http.py).
    script = f"/{settings['THEME_STATIC_DIR'].strip('/')}/js/{SCRIPT_NAME}"
    handler = functools.partial(PreviewHandler, directory=output, status=site.status, script_path=script)
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
        site.status.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
