"""sitemap.xml and robots.txt from the pages the build actually wrote."""

from __future__ import annotations

import os
from xml.sax.saxutils import escape


def lastmod_of(context: dict):
    """The date a page last changed in substance, if the page knows it."""
    if context.get("lastmod"):
        return context["lastmod"]
    for name in ("article", "page"):
        item = context.get(name)
        if item is not None:
            return getattr(item, "modified", None) or getattr(item, "date", None)
    actor = context.get("actor")
    if actor is not None and actor.view.stories:
        return max(getattr(s, "modified", None) or s.date for s in actor.view.stories)
    topic = context.get("topic")
    if topic is not None and topic.stories:
        return max(getattr(s, "modified", None) or s.date for s in topic.stories)
    return None


def page_url(path: str, output_path: str) -> str:
    """The root-relative URL of a written file: index.html dropped."""
    relative = os.path.relpath(path, output_path).replace(os.sep, "/")
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def sitemap_xml(entries: dict, siteurl: str) -> str:
    """The sitemap document for {url: lastmod} entries, sorted by URL."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in sorted(entries):
        lastmod = entries[url]
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(siteurl + '/' + url)}</loc>")
        if lastmod is not None:
            lines.append(f"    <lastmod>{lastmod.date().isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str, sitemap_url: str, disallow_all: bool = False, disallow=()) -> str:
    """robots.txt that allows all but the `disallow` folders and points to the sitemap (its site-relative address); or keeps every robot out."""
    if disallow_all:
        # A preview: nothing of it belongs in a search engine, its sitemap and feeds included.
        return "User-agent: *\nDisallow: /\n"
    # Disallow before Allow: robots that take the first matching line see it too, not only those that take the longest.
    rules = "".join(f"Disallow: {path}\n" for path in disallow)
    return f"User-agent: *\n{rules}Allow: /\n\nSitemap: {siteurl}/{sitemap_url}\n"
