"""`make serve`: build, serve the site on 127.0.0.1 and rebuild whenever a source file changes.

A content error is shown in the terminal and the last good site keeps being served.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from tools.build import ROOT, BuildError, build, configure_logging

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


def rebuild(settings: str, output: str) -> None:
    """Build once; on failure keep serving the previous output."""
    try:
        build(settings, output)
        logger.info("Neu gebaut. Die Seite im Browser neu laden.")
    except BuildError as error:
        logger.error("Build abgebrochen: %s", error)
    except Exception as error:  # noqa: BLE001 - the preview must survive any failed build
        logger.error("Build abgebrochen: %s: %s", error.__class__.__name__, error)


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Vorschau mit automatischem Neubau.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    configure_logging(verbose=False)
    logger.setLevel(logging.INFO)
    output = os.path.abspath(args.output)
    rebuild(args.settings, output)
    handler = functools.partial(_Handler, directory=output)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    logger.info("Vorschau: http://127.0.0.1:%d/ (beenden mit Strg+C)", args.port)
    from watchfiles import watch  # noqa: PLC0415

    try:
        for _changes in watch(*(os.path.join(ROOT, p) for p in WATCHED)):
            rebuild(args.settings, output)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
