"""Debian's Chromium driven by Playwright, and a quiet local server for a built site.

Shared by the tests, `make screenshots` and `make bench`; nothing here downloads a browser.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 on a free port, in a background thread."""

    def __init__(self, folder: str):
        handler = functools.partial(_QuietHandler, directory=folder)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """Absolute URL of a root-relative path."""
        return self.origin + path

    def stop(self) -> None:
        """Shut the server down."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


def launch_chromium(playwright):
    """Headless Debian Chromium with the flags this machine needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# Notes, in the page itself, which files had been fetched when the search results were first shown
# (the results list leaves aria-busy). Watching responses from outside races with the files the
# page fetches right afterwards; the page's own resource timing does not.
_NOTE_RESOURCES_AT_RESULTS = """
new MutationObserver((changes, observer) => {
  const list = document.querySelector("[data-app-results]");
  if (list && list.getAttribute("aria-busy") === "false") {
    window.__resourcesAtResults = performance.getEntriesByType("resource").map((entry) => entry.name);
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["aria-busy"] });
"""


def note_resources_at_results(page) -> None:
    """Make the search page note the addresses it had fetched when its first results were shown."""
    page.add_init_script(_NOTE_RESOURCES_AT_RESULTS)


def resources_at_results(page) -> list[str]:
    """The addresses noted by `note_resources_at_results` (waits for the results)."""
    page.wait_for_function("() => Array.isArray(window.__resourcesAtResults)", timeout=60000)
    return page.evaluate("window.__resourcesAtResults")
