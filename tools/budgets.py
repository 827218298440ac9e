"""Page weight per page type: HTML+CSS+JS bytes after gzip, and the requests a first visit makes.

Used by `make bench` to report the theme's budgets and by the tests to keep them.
"""

from __future__ import annotations

import gzip
import os
from html.parser import HTMLParser

HTML_CSS_JS_BUDGET = 60 * 1024
CSS_BUDGET = 25 * 1024


class _Assets(HTMLParser):
    """Collects what a page makes the browser fetch: stylesheets, scripts, images, icons."""

    def __init__(self):
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.images: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "stylesheet":
            self.styles.append(values["href"])
        elif tag == "link" and values.get("rel") in ("icon", "preload", "modulepreload"):
            self.other.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.scripts.append(values["src"])
        elif tag == "img" and values.get("loading") != "lazy":
            self.images.append(values["src"])


def _local(output: str, url: str) -> str | None:
    if "://" in url:
        url = "/" + url.split("://", 1)[1].split("/", 1)[-1]
    path = os.path.join(output, url.split("?")[0].split("#")[0].lstrip("/"))
    return path if os.path.isfile(path) else None


def _gzipped(path: str) -> int:
    with open(path, "rb") as handle:
        return len(gzip.compress(handle.read(), compresslevel=9, mtime=0))


def page_weight(output: str, page: str) -> dict:
    """Bytes (gzip) of the page's HTML, CSS and JS, and how many requests it makes before scrolling."""
    with open(page, encoding="utf-8") as handle:
        html = handle.read()
    assets = _Assets()
    assets.feed(html)
    css = sum(_gzipped(p) for p in map(lambda u: _local(output, u), assets.styles) if p)
    js = sum(_gzipped(p) for p in map(lambda u: _local(output, u), assets.scripts) if p)
    html_bytes = len(gzip.compress(html.encode("utf-8"), compresslevel=9, mtime=0))
    return {
        "html": html_bytes,
        "css": css,
        "js": js,
        "total": html_bytes + css + js,
        "requests": 1 + len(assets.styles) + len(assets.scripts) + len(assets.images) + len(assets.other),
    }


def stylesheet_size(output: str) -> int:
    """Uncompressed size of the theme's one stylesheet."""
    return os.path.getsize(os.path.join(output, "theme", "css", "main.css"))
