"""The web server of `make serve`: output/ as built, and pages that follow the builds by themselves.

Every HTML page the server answers with (the site's 404 page too) gets one script tag before
</head>, carrying the version of the build it comes from. The script (serve_assets/reload.js)
listens to /_sinn/events (Server-Sent Events: one JSON state per change, a comment every 15 s)
and reloads the page when a newer build is there. When the last change failed the check or the
build, it shows the checker's messages (file, line, field, message) in a dialog instead of the
stale page; the next good build reloads the page and the dialog is gone. The messages quote content,
which is untrusted: the script sets every text with textContent, never as HTML.

Nothing of this is in the built site: the server adds the tag to its responses and answers the
script's address itself, so `make html` and `make publish` write the same files as before.

Content-Security-Policy: the pages keep the policy the build wrote into them (sinn_hosting), and
the server changes none of it. A local build (no SITEURL) allows scripts from the theme's js/ folder
on the loopback origins, so the server answers the script at /<THEME_STATIC_DIR>/js/_serve-reload.js,
an address inside that folder that no build writes. The stylesheet and the event stream are
same-origin ('self' for styles and connections). The public policy stays exactly as strict, and
`make serve` shows the pages under the policy `make html` writes (the public one differs only in
the origin). The server adds the tag only
where the page's own policy lets the script run: not with a SITEURL (the policy then allows only that
host; the terminal says so), not on a page with a policy of its own that does not allow it.

Why our own code: the standard library's http.server already serves output/; the reload needs one
endpoint and a tag, less than what a live-reload package would bring (and such packages inject
inline scripts, which the policy forbids).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from io import BytesIO
from urllib.parse import urlsplit

logger = logging.getLogger("sinn.serve")

ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "serve_assets")
EVENTS_PATH = "/_sinn/events"
STYLE_PATH = "/_sinn/reload.css"
SCRIPT_NAME = "_serve-reload.js"
KEEPALIVE_SECONDS = 15
FAILED_BUILD = "Der Build ist abgebrochen. Die Meldungen dazu stehen im Terminal."
# A checker line as tools.build prints it (Problem.format); log lines start with "Fehler: " or "Warnung: ".
_PROBLEM_LINE = re.compile(r"^(?!Fehler: |Warnung: )(?P<file>[^\s:][^:]*):(?:(?P<line>\d+):)? (?P<message>.+)$")
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
# The policy as base.html writes it, first in <head>; a page with another policy (the web editor's) keeps its own.
_POLICY_META = re.compile(rb'<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"', re.IGNORECASE)
LOOPBACK_ORIGINS = ("http://127.0.0.1:*", "http://localhost:*")

# Served when output/ holds no site yet (the first build failed): a page that can show the messages.
NO_SITE_YET = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vorschau: noch nichts gebaut</title></head>
<body><main><h1>Noch keine Vorschau</h1><p>Die Website ist noch nicht gebaut: Der erste Build ist abgebrochen.
Die Meldungen stehen im Terminal. Nach dem Speichern einer Korrektur erscheint hier die Seite.</p></main></body></html>
"""


class BuildStatus:
    """What the builds did, for the browsers: a new version per good build, the problems of a failed one."""

    def __init__(self):
        self._changed = threading.Condition()
        self._boot = f"{time.time_ns():x}"  # a restarted server never repeats an earlier version
        self._builds = 0
        self._serial = 0
        self._problems: list[dict] = []
        self.closed = False

    @property
    def version(self) -> str:
        """The version of the build output/ holds now."""
        with self._changed:
            return f"{self._boot}-{self._builds}"

    def built(self) -> None:
        """A build or a quick re-render finished: output/ is new, nothing is wrong."""
        with self._changed:
            self._builds += 1
            self._announce([])

    def failed(self, problems: list[dict]) -> None:
        """The last change was not built; problems are dicts with file, line, field and message."""
        with self._changed:
            self._announce(problems)

    def close(self) -> None:
        """End every event stream (the server stops)."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def state(self) -> dict:
        """The state as the browsers get it."""
        with self._changed:
            return {"serial": self._serial, "version": f"{self._boot}-{self._builds}", "problems": self._problems}

    def wait(self, serial: int | None, timeout: float) -> dict:
        """The state once it differs from serial (at once if serial is None), or after timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self._serial != serial, timeout)
            return self.state()

    def _announce(self, problems: list[dict]) -> None:
        self._serial += 1
        self._problems = problems
        self._changed.notify_all()


def problem_entry(problem) -> dict:
    """A checker Problem as the overlay shows it."""
    return {"file": problem.path, "line": problem.line, "field": problem.field, "message": problem.message}


def message_entry(text: str) -> dict:
    """A message that names no file (a build that stopped for another reason)."""
    return {"file": None, "line": None, "field": None, "message": text}


def problems_from_lines(lines: list[str]) -> list[dict]:
    """The errors in a build's terminal lines (`datei:zeile: meldung`), else its last lines as they are."""
    problems = []
    for line in lines:
        match = _PROBLEM_LINE.match(line)
        if match and not match["message"].startswith("Warnung: "):
            problems.append({"file": match["file"], "line": int(match["line"]) if match["line"] else None, "field": None,
                             "message": match["message"]})
    return problems or [message_entry(line) for line in lines if line.strip()][-10:] or [message_entry(FAILED_BUILD)]


def allows_script(page: bytes, script_path: str) -> bool:
    """Whether the page's own policy lets a script at script_path run on the loopback origin (a page without one does)."""
    match = _POLICY_META.search(page)
    if not match:
        return True
    directives = {}
    for part in html.unescape(match[1].decode("utf-8", "replace")).split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    sources = directives.get("script-src", directives.get("default-src"))
    if sources is None:
        return True
    addresses = [origin + script_path for origin in LOOPBACK_ORIGINS]
    return "'self'" in sources or any(address == source or (source.endswith("/") and address.startswith(source))
                                      for source in sources for address in addresses)


def inject(page: bytes, tag: bytes) -> bytes:
    """The page with tag inserted before </head> (at the end if it has none)."""
    match = _HEAD_END.search(page)
    at = match.start() if match else len(page)
    return page[:at] + tag + page[at:]


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves output/ with the site's 404 page; with a status, pages carry the reload script."""

    def __init__(self, *args, status: BuildStatus | None = None, script_path: str | None = None, **kwargs):
        self.status, self.script_path = status, script_path
        super().__init__(*args, **kwargs)

    def do_GET(self):
        path = urlsplit(self.path).path
        if self.status and path == EVENTS_PATH:
            self._events()
        elif self.status and path in (self.script_path, STYLE_PATH):
            self._asset(path)
        else:
            super().do_GET()

    def do_HEAD(self):
        path = urlsplit(self.path).path
        if self.status and path in (self.script_path, STYLE_PATH):
            self._asset(path, body=False)
        else:
            super().do_HEAD()

    def end_headers(self):
        # Every reload must show the files as they are now, never a cached copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        url_path = urlsplit(self.path).path
        path = self.translate_path(self.path)
        if os.path.isdir(path) and url_path.endswith("/"):
            path = os.path.join(path, "index.html")
        if path.endswith(".html") and os.path.isfile(path):
            with open(path, "rb") as handle:
                return self._page(HTTPStatus.OK, handle.read())
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        if code != HTTPStatus.NOT_FOUND or self.command != "GET":
            super().send_error(code, message, explain)
            return
        page = os.path.join(self.directory, "404.html")
        if os.path.exists(page):
            with open(page, "rb") as handle:
                body = handle.read()
        elif self.status:
            body = NO_SITE_YET.encode("utf-8")
        else:
            super().send_error(code, message, explain)
            return
        stream = self._page(HTTPStatus.NOT_FOUND, body)
        self.wfile.write(stream.read())

    def log_message(self, format, *args):
        logger.debug(format, *args)

    def _page(self, code: int, body: bytes) -> BytesIO:
        if self.status and self.script_path and allows_script(body, self.script_path):
            # The version is read before the page is sent: a build that lands meanwhile is newer and reloads it.
            tag = f'<script src="{html.escape(self.script_path)}" data-version="{html.escape(self.status.version)}" defer></script>'
            body = inject(body, tag.encode("ascii"))
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def _asset(self, path: str, body: bool = True) -> None:
        script = path == self.script_path
        with open(os.path.join(ASSETS, "reload.js" if script else "reload.css"), "rb") as handle:
            data = handle.read()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/javascript; charset=utf-8" if script else "text/css; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        serial = None
        try:
            self.wfile.write(b"retry: 1000\n\n")  # after a restart of `make serve`, the pages find it again within a second
            while not self.status.closed:
                state = self.status.wait(serial, KEEPALIVE_SECONDS)
                if state["serial"] == serial:
                    self.wfile.write(b": noch da\n\n")
                else:
                    serial = state["serial"]
                    self.wfile.write(b"data: " + json.dumps(state).encode("ascii") + b"\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded
