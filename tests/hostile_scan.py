"""Reads built HTML as a browser would, for tests/test_hostile_content.py: what could run or load from elsewhere.

Pages, and HTML inside feeds and open data, are parsed (BeautifulSoup with html.parser), never grepped;
hostile_scan_files.py walks the whole output folder. Attacks carry a marker (a unique lower-case word)
so that a finding can be traced to the attack that caused it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment
from bs4.exceptions import ParserRejectedMarkup

# Elements that never belong on the site's pages, wherever they are (the theme uses none of them).
FORBIDDEN_TAGS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "textarea", "plaintext", "xmp", "listing",
    "math", "base", "style", "template", "noscript", "video", "audio", "track", "marquee", "dialog", "canvas", "isindex",
}
# What an author's text may contain once rendered (issue 15's allowlist, plus what Markdown and the image plugin make).
REGION_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "blockquote", "em", "strong", "b", "i", "code", "pre", "abbr",
    "figure", "figcaption", "a", "img", "picture", "source", "sup", "sub", "div", "span", "del", "ins", "s", "small",
    "mark", "kbd", "samp", "var", "q", "cite", "dfn", "time",
}
# Where a browser fetches something on its own: element → attributes.
RESOURCE_ATTRIBUTES = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",), "script": ("src",), "link": ("href",),
    "input": ("src",), "use": ("href", "xlink:href"), "image": ("href", "xlink:href", "src"), "feimage": ("href", "xlink:href"),
    "body": ("background",), "table": ("background",), "td": ("background",), "a": ("ping",),
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "cite", "longdesc", "xlink:href",
                  "srcset", "ping", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "to", "from", "values"}
ESCAPE_ANCESTORS = {"textarea", "plaintext", "xmp", "listing", "noscript", "template", "title", "option", "select",
                    "iframe", "object", "script", "style", "button", "math", "svg"}
SAFE_DATA = re.compile(r"^data:image/(?:png|jpe?g|gif|webp|avif)[;,]")
DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|mocha|data):")


@dataclass(frozen=True)
class Finding:
    """Something in the output that could run, load from another host, or should not be there at all."""

    file: str
    what: str
    context: str = ""

    def mentions(self, marker: str) -> bool:
        """True when the offending text carries this attack's marker."""
        return marker.lower() in self.context.lower() or marker.lower() in self.file.lower()

    def __str__(self) -> str:
        return f"{self.file}: {self.what}: {self.context[:240]!r}"


@dataclass
class Scan:
    """What to look for: the attacks' markers and what must never be published."""

    own_origins: tuple[str, ...]
    markers: tuple[str, ...] = ()
    body_markers: tuple[str, ...] = ()  # markers written only into Markdown bodies: their text stays inside <main>
    title_markers: tuple[str, ...] = ()  # markers written into titles: they may become a search result's title
    forbidden_text: tuple[bytes, ...] = ()  # never published, in any file (secrets, hidden files' text)
    forbidden_blobs: frozenset = frozenset()  # sha256 of files that must never be published as they are
    forbidden_colour: tuple[int, int, int] | None = None  # an image outside content/ painted in this colour
    findings: list[Finding] = field(default_factory=list)

    def add(self, file: str, what: str, context="") -> None:
        self.findings.append(Finding(file, what, str(context)))


# --- URLs -----------------------------------------------------------------------------------------------------


def clean_url(value: str) -> str:
    """A URL as a browser reads it: tabs and line breaks removed anywhere, controls and spaces trimmed, backslashes as slashes."""
    value = re.sub(r"[\t\n\r]", "", value)
    return value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
                       "\x1a\x1b\x1c\x1d\x1e\x1f \x7f").replace("\\", "/")


def dangerous(value: str, image: bool = False) -> bool:
    """True for a javascript:, vbscript: or data: URL (data: images only where an image is expected)."""
    url = clean_url(value).lower()
    if not DANGEROUS_SCHEME.match(url):
        return False
    return not (image and SAFE_DATA.match(url))


def foreign(value: str, scan: Scan) -> bool:
    """True when a URL points at another host than the site's own."""
    url = clean_url(value)
    lowered = url.lower()
    if lowered.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        if lowered.startswith(("mailto:", "tel:")):
            return False
        parts = urlsplit(url if not lowered.startswith("//") else "https:" + url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        return not any(origin == own.lower() for own in scan.own_origins)
    return False


def own_path(value: str, scan: Scan) -> str | None:
    """The site path of a URL on the site's own host, or None for another host."""
    if foreign(value, scan) or dangerous(value):
        return None
    url = clean_url(value)
    for own in scan.own_origins:
        if url.lower().startswith(own.lower()):
            return url[len(own):] or "/"
    return url


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


# --- HTML -----------------------------------------------------------------------------------------------------


def scan_html(text: str, relative: str, scan: Scan, fragment: bool = False) -> None:
    """A page (or, with fragment=True, a body's HTML from a feed or JSON, all of it the author's region)."""
    try:
        soup = BeautifulSoup(text, "html.parser")
    except ParserRejectedMarkup as error:
        scan.add(relative, f"HTML nicht lesbar ({str(error)[:200]})", text[:400])
        return
    regions = [soup] if fragment else [tag for tag in soup.find_all(class_="app-prose")]
    region_tags = {id(tag) for region in regions for tag in region.find_all(True)}
    for tag in soup.find_all(True):
        _check_tag(tag, relative, scan, in_region=id(tag) in region_tags, in_body=fragment or tag.find_parent("body") is not None)
    lowered = text.lower()
    present = [m for m in scan.markers if m in lowered]
    if present:
        _check_marker_text(soup, relative, scan, present, fragment)
    if not fragment and soup.find("html") is not None and len(soup.find_all("main")) > 1:
        scan.add(relative, "mehr als ein <main>: der Aufbau der Seite ist verändert")


def _check_tag(tag, relative: str, scan: Scan, in_region: bool, in_body: bool) -> None:
    name = tag.name.lower()
    context = _short(tag)
    linked_data = name == "script" and (tag.get("type") or "").lower() == "application/ld+json"
    if linked_data and json_or_none(tag.string or "") is None:
        scan.add(relative, "JSON-LD, das kein gültiges JSON ist (ein Wert bricht aus oder NaN/Infinity)", context)
    elif name == "script" and not _script_allowed(tag, scan):
        scan.add(relative, "Skript-Element", context)
    if linked_data:
        scan_json_value(json_or_none(tag.string or ""), relative, scan)
    if name in FORBIDDEN_TAGS:
        scan.add(relative, f"Element <{name}>", context)
    if name in ("meta", "link", "title") and in_body and not in_region and tag.find_parent("svg") is None:
        scan.add(relative, f"<{name}> im sichtbaren Teil der Seite", context)
    if name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
        target = re.sub(r"^\s*\d*\s*;?\s*(?:url\s*=\s*)?", "", tag.get("content") or "", flags=re.IGNORECASE).strip("'\" ")
        if dangerous(target) or foreign(target, scan):
            scan.add(relative, "Weiterleitung auf eine fremde oder ausführbare Adresse", context)
    for attribute, raw in tag.attrs.items():
        value = " ".join(raw) if isinstance(raw, list) else str(raw)
        _check_attribute(tag, name, attribute.lower(), value, relative, scan, context)
    for attribute in RESOURCE_ATTRIBUTES.get(name, ()):
        value = tag.get(attribute)
        if value is None:
            continue
        urls = _srcset_urls(value) if attribute == "srcset" else [value]
        if (name == "a" and attribute == "ping") or any(foreign(url, scan) for url in urls):
            scan.add(relative, f"<{name} {attribute}> lädt von einem anderen Host", context)
    if in_region:
        _check_region_tag(tag, name, relative, scan, context)


def _check_attribute(tag, name, attribute, value, relative, scan, context) -> None:
    if attribute.startswith("on"):
        scan.add(relative, f"Ereignis-Attribut {attribute}=", context)
    if attribute == "style":
        scan.add(relative, "style-Attribut", context)
    if attribute in URL_ATTRIBUTES:
        urls = _srcset_urls(value) if attribute == "srcset" else [value]
        if any(dangerous(url, image=name in ("img", "source")) for url in urls):
            scan.add(relative, f"ausführbare Adresse in {attribute}=", context)
    mailto = name == "a" and attribute == "href" and clean_url(value).lower().startswith("mailto:")
    if mailto and re.search(r"(?:^|[?&])(?:b?cc|to)=|%0[ad]|[\r\n]", value, re.IGNORECASE):
        scan.add(relative, "mailto-Link mit zusätzlichen Kopfzeilen", context)
    lowered = value.lower()
    for marker in scan.markers:
        if marker not in lowered:
            continue
        theme_teaser = attribute == "data-pagefind-meta" and lowered.startswith("teaser:")
        heading_anchor = attribute == "id" and name in ("h1", "h2", "h3", "h4", "h5", "h6")
        if (attribute in ("class", "style") or attribute.startswith(("on", "data-")) or attribute == "id") and not (theme_teaser or heading_anchor):
            scan.add(relative, f"vom Inhalt geschriebenes Attribut {attribute}=", context)


def _check_region_tag(tag, name, relative, scan, context) -> None:
    if name not in REGION_TAGS:
        scan.add(relative, f"Element <{name}> im Text", context)
    for attribute, raw in tag.attrs.items():
        value = " ".join(raw) if isinstance(raw, list) else str(raw)
        if attribute.lower().startswith("data-"):
            scan.add(relative, f"data-Attribut {attribute} im Text", context)
        if attribute.lower() == "class" and any(token.startswith("app-") for token in value.split()):
            scan.add(relative, "Klasse der Website im Text", context)
    if name in ("img", "source"):
        urls = [tag.get("src")] if tag.get("src") is not None else []
        urls += _srcset_urls(tag.get("srcset") or "")
        for url in urls:
            path = own_path(url, scan)
            if path is None or not path.startswith("/images/"):
                scan.add(relative, "Bild im Text, das nicht aus den Bildern der Website stammt", context)
    if name == "a" and tag.get("href") is not None:
        href = clean_url(tag["href"]).lower()
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", href)
        if scheme and scheme.group(1) not in ("http", "https", "mailto"):
            scan.add(relative, f"Link mit dem Schema {scheme.group(1)}:", context)


def _check_marker_text(soup, relative: str, scan: Scan, present: list[str], fragment: bool) -> None:
    pattern = re.compile("|".join(re.escape(m) for m in present), re.IGNORECASE)
    for node in soup.find_all(string=pattern):
        parent = node.parent
        if isinstance(node, Comment):
            scan.add(relative, "Inhalt in einem HTML-Kommentar (verschluckt die Seite)", str(node))
            continue
        if parent is None or (parent.name == "script" and (parent.get("type") or "").lower() == "application/ld+json"):
            continue
        ancestors = [parent, *parent.find_parents()]
        names = {a.name for a in ancestors}
        if fragment or "body" in names:
            escaped = names & ESCAPE_ANCESTORS
            if escaped:
                scan.add(relative, f"Text des Inhalts in <{sorted(escaped)[0]}>", _short(parent))
            body_marker = any(m in node.lower() for m in scan.body_markers)
            if body_marker and not fragment and "main" not in names:
                scan.add(relative, "Text des Inhalts außerhalb von <main>", _short(parent))


def _script_allowed(tag, scan: Scan) -> bool:
    kind = (tag.get("type") or "").lower()
    if kind == "application/ld+json":
        return json_or_none(tag.string or "") is not None and not tag.get("src")
    source = tag.get("src")
    if source is None or (tag.string or "").strip():
        return False
    path = own_path(source, scan)
    return path is not None and path.startswith(("/theme/", "/pagefind/")) and ".." not in path


def _short(tag) -> str:
    text = str(tag)
    return text if len(text) <= 4000 else text[:4000]


def json_or_none(text: str):
    """The parsed JSON, or None when it is not JSON as the standard says (NaN and Infinity are not)."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except ValueError:
        return None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def scan_json_value(value, relative: str, scan: Scan, key: str = "") -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            scan_json_value(item, relative, scan, str(name))
    elif isinstance(value, list):
        for item in value:
            scan_json_value(item, relative, scan, key)
    elif isinstance(value, str):
        if key.endswith("_html"):
            scan_html(value, relative, scan, fragment=True)
        if dangerous(value, image=key in ("image", "logo", "thumbnailUrl", "contentUrl")):
            scan.add(relative, f"ausführbare Adresse im JSON ({key})", value)
        if key.lower() in ("email", "e-mail") and re.search(r"[?&\r\n]|%0[ad]", value, re.IGNORECASE):
            scan.add(relative, f"E-Mail-Adresse mit Kopfzeilen im JSON ({key})", value)
