"""`make screenshots`: full-page pictures of home, a story and an actor at 390 and 1280 px.

Written to output/_screenshots/ for reviewers; uses Debian's Chromium through Playwright.
"""

from __future__ import annotations

import argparse
import glob
import logging
import os
import sys

from tools.local_browser import StaticServer, launch_chromium

logger = logging.getLogger("sinn.screenshots")
WIDTHS = (390, 1280)
def _first_page(output: str, section: str) -> str:
    pages = sorted(glob.glob(os.path.join(output, section, "*", "index.html")))
    pages = [p for p in pages if os.path.basename(os.path.dirname(p)) != "seite"]
    return "/" + os.path.relpath(os.path.dirname(pages[0]), output) + "/"


def take(output: str) -> list[str]:
    """Write the screenshots and return their paths."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    targets = {"startseite": "/", "geschichte": _first_page(output, "geschichten"), "akteur": _first_page(output, "akteure")}
    folder = os.path.join(output, "_screenshots")
    os.makedirs(folder, exist_ok=True)
    server = StaticServer(output)
    written = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=1)
                for name, path in targets.items():
                    page.goto(server.url(path), wait_until="networkidle")
                    # Lazy images load only when scrolled to; a reviewer wants to see them all.
                    height = page.evaluate("document.documentElement.scrollHeight")
                    for offset in range(0, height, 600):
                        page.evaluate(f"window.scrollTo(0, {offset})")
                        page.wait_for_timeout(30)
                    page.evaluate("window.scrollTo(0, 0)")
                    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
                    page.evaluate("Promise.all([...document.images].map(i => i.decode().catch(() => null)))")
                    target = os.path.join(folder, f"{name}-{width}.png")
                    page.screenshot(path=target, full_page=True)
                    written.append(target)
                page.close()
            browser.close()
    finally:
        server.stop()
    return written


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Bildschirmfotos für das Review.")
    parser.add_argument("--output", default="output")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    if not os.path.exists(os.path.join(args.output, "index.html")):
        logger.error("%s enthält keine gebaute Website. Zuerst `make html` ausführen.", args.output)
        return 1
    for path in take(args.output):
        logger.info("geschrieben: %s", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
