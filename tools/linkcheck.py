"""`make linkcheck`: every internal link, image, stylesheet, script and #anchor of the built site must resolve.

Reads the output folder only (no network): links in every HTML page (href, src, srcset, form
action, meta refresh, Open Graph images), url(…) in stylesheets, addresses in sitemap and feeds,
and the targets of _redirects. Absolute addresses of the site itself (the canonical address of its
home page, SITEURL of publishconf.py, the preview address of pelicanconf.py, or --base) count as
internal and are looked up in the folder. A site built for an address with a path (a preview at
/vorschau/pr-1/) is checked as served there: an address on the same host outside that path (such
as /suche/ instead of /vorschau/pr-1/suche/) is broken, because it leaves the site. With
--external, links to other sites are requested too (short timeout; never in tests), through
tools.netguard: a link (or a redirect) to this machine, a private or link-local network or any
other non-public address is not requested but listed as not checked.
Exit 0 when everything resolves, 1 with broken links, 2 when there is no built site.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html
import http.client
import logging
import os
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from tools import netguard

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
logger = logging.getLogger(__name__)

# Attributes that point at something the browser loads or the reader follows, per element.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "iframe": ("src",), "embed": ("src",), "object": ("data",), "form": ("action",), "input": ("src",),
}
# <meta> whose content is an address: link previews.
META_URL_KEYS = {"og:image", "og:url", "twitter:image", "og:image:secure_url"}
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "blob:", "javascript:", "urn:", "tag:")
PAGE = "https://linkcheck.invalid/"  # stands for the site's own root while resolving relative links
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
XML_URLS = re.compile(r"""\b(?:href|url)="([^"]+)"|<(?:loc|logo|icon)>\s*([^<\s]+)\s*<""")
EXTERNAL_TIMEOUT = 5.0


@dataclass(frozen=True)
class Link:
    """One address found in one file of the output."""

    source: str  # path of the file inside the output, with /
    url: str  # as written
    kind: str  # "href", "src", … for the message


@dataclass(frozen=True)
class Broken:
    """A link that does not resolve, and why."""

    link: Link
    reason: str

    def format(self) -> str:
        """One line for the terminal: source file, address, reason."""
        return f"{self.link.source}: {self.link.kind} {self.link.url} – {self.reason}"


class _PageParser(HTMLParser):
    """Collects the ids (anchor targets) and the addresses of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag, attrs):
        values = {name: value for name, value in attrs if value is not None}
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(key):
                self.ids.add(values[key])
        for name in URL_ATTRIBUTES.get(tag, ()):
            if name not in values:
                continue
            if name == "srcset":
                self.urls.extend(("srcset", candidate) for candidate in srcset_urls(values[name]))
            else:
                self.urls.append((name, values[name]))
        if tag == "link" and "canonical" in values.get("rel", "").lower().split() and self.canonical is None:
            self.canonical = values.get("href")
        if tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key in META_URL_KEYS and values.get("content"):
                self.urls.append((key, values["content"]))
            if values.get("http-equiv", "").lower() == "refresh":
                match = re.search(r"url\s*=\s*(\S+)", values.get("content", ""), re.IGNORECASE)
                if match:
                    self.urls.append(("refresh", match.group(1).strip("'\"")))


def srcset_urls(srcset: str) -> list[str]:
    """The addresses of a srcset attribute ("a.avif 480w, b.avif 960w")."""
    return [part.split()[0] for part in re.split(r",\s+", srcset.strip()) if part.split()]


def page_url(relative: str) -> str:
    """The address a file of the output is served at, e.g. geschichten/x/index.html → /geschichten/x/."""
    url = "/" + relative
    return url[: -len("index.html")] if url.endswith("/index.html") else url


class Site:
    """A built output folder: which files exist and which anchors each page has.

    `prefix` is the path the folder is served under ("" at the host's root, "/vorschau/pr-1" for a preview).
    """

    def __init__(self, folder: str, bases: list[str], prefix: str = ""):
        self.folder = os.path.abspath(folder)
        self.bases = sorted({base.rstrip("/") for base in bases if base}, key=len, reverse=True)
        self.prefix = prefix.rstrip("/")
        self.files: set[str] = set()
        for directory, _dirs, names in os.walk(self.folder):
            for name in names:
                self.files.add(os.path.relpath(os.path.join(directory, name), self.folder).replace(os.sep, "/"))
        self.ids: dict[str, set[str]] = {}

    def local(self, url: str) -> str | None:
        """An address of this site as a path on its host (or relative to the page), or None for other sites."""
        for base in self.bases:
            if url == base or url.startswith((base + "/", base + "#", base + "?")):
                return self.prefix + "/" + url[len(base):].lstrip("/")
        parts = urlsplit(url)
        return None if parts.scheme or parts.netloc else url

    def inside(self, path: str) -> bool:
        """True for a path on the host that lies under the folder's prefix."""
        return not self.prefix or path == self.prefix or path.startswith(self.prefix + "/")

    def target(self, path: str) -> str | None:
        """The file served for a root-relative path, the way a static host finds it."""
        relative = unquote(path).lstrip("/")
        candidates = [relative + "index.html"] if relative.endswith("/") or not relative else [relative, relative + "/index.html"]
        return next((c for c in candidates if c in self.files), None)

    def anchors(self, relative: str) -> set[str]:
        """The ids of a page (read on first use)."""
        if relative not in self.ids:
            parser = _PageParser()
            parser.feed(_read(os.path.join(self.folder, relative)))
            self.ids[relative] = parser.ids
        return self.ids[relative]


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError as error:
        logger.warning("%s: nicht lesbar (%s)", path, error.strerror or error)
        return ""


def links_in(site: Site, relative: str) -> list[Link]:
    """Every address written in one output file."""
    path = os.path.join(site.folder, relative)
    if relative.endswith(".html"):
        parser = _PageParser()
        parser.feed(_read(path))
        site.ids[relative] = parser.ids
        return [Link(relative, url, kind) for kind, url in parser.urls]
    if relative.endswith(".css"):
        return [Link(relative, match.group(2), "url()") for match in CSS_URL.finditer(_read(path))]
    if relative.endswith(".xml"):
        return [Link(relative, html.unescape(m.group(1) or m.group(2)), "XML") for m in XML_URLS.finditer(_read(path))]
    if os.path.basename(relative) == "_redirects":
        lines = [line.split() for line in _read(path).splitlines() if line.strip() and not line.startswith("#")]
        return [Link(relative, parts[1], "Weiterleitung") for parts in lines if len(parts) >= 2]
    return []


def check_link(site: Site, link: Link) -> str | None:
    """Why an internal link is broken, or None when it resolves (or is not internal)."""
    url = link.url.strip()
    if not url or url.lower().startswith(SKIPPED_SCHEMES):
        return None
    local = site.local(url)
    if local is None:
        return None
    resolved = urlsplit(urljoin(PAGE + (site.prefix + "/" + link.source).lstrip("/"), local))
    if not site.inside(resolved.path):
        return f"führt aus der Website hinaus: {resolved.path} liegt nicht unter {site.prefix}/"
    target = site.target(resolved.path[len(site.prefix):])
    if target is None:
        return f"führt ins Leere: {resolved.path} gibt es nicht"
    fragment = unquote(resolved.fragment)
    if fragment and not fragment.startswith(":~:") and target.endswith(".html") and fragment not in site.anchors(target):
        return f"Anker #{fragment} gibt es auf {page_url(target)} nicht"
    return None


def check_site(folder: str, bases: list[str], prefix: str = "") -> tuple[list[Broken], list[Link], int]:
    """Broken internal links, all external links, and how many files were read (the folder served under prefix)."""
    site = Site(folder, bases, prefix)
    broken, external = [], []
    readable = sorted(f for f in site.files if f.endswith((".html", ".css", ".xml")) or os.path.basename(f) == "_redirects")
    for relative in readable:
        for link in links_in(site, relative):
            reason = check_link(site, link)
            if reason:
                broken.append(Broken(link, reason))
            elif link.url.startswith(("http://", "https://", "//")) and site.local(link.url.strip()) is None:
                external.append(link)
    return broken, external, len(readable)


def check_external(links: list[Link], timeout: float = EXTERNAL_TIMEOUT, workers: int = 8) -> tuple[list[Broken], list[Broken]]:
    """Request every distinct outgoing address once: links whose site answers with an error or not at all, and links not
    requested because they (or a redirect) lead to a non-public address."""
    by_url: dict[str, list[Link]] = {}
    for link in links:
        by_url.setdefault(link.url, []).append(link)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        verdicts = dict(zip(by_url, pool.map(lambda url: _request(url, timeout), by_url), strict=True))
    results: dict[str, list[Broken]] = {"ok": [], "broken": [], "refused": []}
    for url, found in by_url.items():
        kind, reason = verdicts[url]
        results[kind] += [Broken(link, reason or "") for link in found]
    return results["broken"], results["refused"]


def _request(url: str, timeout: float) -> tuple[str, str | None]:
    """("ok", None), ("broken", why) or ("refused", why not requested)."""
    reason = netguard.url_refusal(url)
    if reason:
        return "refused", f"nicht geprüft: die Adresse {reason}"
    headers = {"User-Agent": "sinn-linkcheck/1 (+https://www.sinn-sachsen.de)"}
    opener = netguard.opener()
    for method in ("HEAD", "GET"):
        try:
            with opener.open(urllib.request.Request(url, method=method, headers=headers), timeout=timeout):
                return "ok", None
        except netguard.RefusedAddress as refused:
            return "refused", f"nicht geprüft: die Adresse {refused}"
        except urllib.error.HTTPError as error:
            # Some servers refuse HEAD or robots; only a clear "gone" counts as broken.
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return ("ok", None) if error.code in (401, 403, 429) else ("broken", f"antwortet mit HTTP {error.code}")
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
            refused = netguard.refused_reason(error)
            if refused:
                return "refused", f"nicht geprüft: die Adresse {refused}"
            return "broken", f"nicht erreichbar ({getattr(error, 'reason', error)})"
    return "ok", None


def own_address(folder: str) -> str | None:
    """The address the site was built for: the canonical link of its home page (SITEURL/), if it has one."""
    parser = _PageParser()
    parser.feed(_read(os.path.join(folder, "index.html")))
    canonical = (parser.canonical or "").strip()
    return canonical if urlsplit(canonical).scheme in ("http", "https") else None


def default_bases() -> list[str]:
    """The site's own absolute addresses: SITEURL of publishconf.py and the preview address of pelicanconf.py."""
    from pelican.settings import read_settings  # noqa: PLC0415

    bases = []
    for name in ("pelicanconf.py", "publishconf.py"):
        settings = read_settings(os.path.join(ROOT, name))
        bases += [settings.get("SITEURL", ""), settings.get("FEED_DOMAIN", "")]
    return [base for base in bases if base.startswith(("http://", "https://"))]


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Prüft alle Links der gebauten Website.")
    parser.add_argument("output", nargs="?", default="output", help="gebaute Website (Standard: output)")
    parser.add_argument("--base", action="append", default=[], help="eigene Adresse der Website (mehrfach möglich)")
    parser.add_argument("--external", action="store_true", help="auch Links auf andere Websites abrufen")
    parser.add_argument("--timeout", type=float, default=EXTERNAL_TIMEOUT, help="Sekunden je externem Link")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    if not os.path.isfile(os.path.join(args.output, "index.html")):
        logger.error("%s: keine gebaute Website. Zuerst `make html` oder `make publish` ausführen.", args.output)
        return 2
    own = own_address(args.output)
    prefix = urlsplit(own).path.rstrip("/") if own else ""
    broken, external, count = check_site(args.output, args.base + default_bases() + ([own] if own else []), prefix)
    unchecked: list[Broken] = []
    if args.external:
        logger.info("Prüfe %d Links auf andere Websites …", len({link.url for link in external}))
        failed, unchecked = check_external(external, args.timeout)
        broken += failed
    for item in sorted(broken + unchecked, key=lambda b: (b.link.source, b.link.url)):
        sys.stdout.write(item.format() + "\n")
    if unchecked:
        logger.warning("%d Links nicht geprüft: sie führen auf diesen Rechner oder in ein nicht öffentliches Netz.", len(unchecked))
    pages = len({item.link.source for item in broken})
    if broken:
        logger.error("%d kaputte Links in %d Dateien (%d Dateien geprüft).", len(broken), pages, count)
        return 1
    logger.info("Alle Links in %d Dateien führen ans Ziel.", count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
