"""Real browser checks: Debian's Chromium through Playwright, axe-core, and the Nu Html Checker."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from sitefiles import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_SCRIPT = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
VNU_JAR = os.path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the loaded page."""
    page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """A readable list of violations for a failing assertion."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def run_vnu(files: list[str]) -> list[dict]:
    """The Nu Html Checker's errors for the given HTML files, in one JVM."""
    process = subprocess.run(
        ["java", "-jar", VNU_JAR, "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True, text=True, timeout=300, check=False,
    )
    return json.loads(process.stdout or '{"messages": []}')["messages"]
