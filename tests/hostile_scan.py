"""Reads a built site as a browser, a feed reader or a re-user of the open data would: what could run or load from elsewhere.

Used by tests/test_hostile_content.py. Every HTML, SVG, XML and JSON file is parsed (BeautifulSoup with
html.parser, ElementTree, json), never grepped; ZIP members and Pagefind's gzipped records are opened too.
Attacks carry a marker (a unique lower-case word) so that a finding can be traced to the attack that caused it.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment
from bs4.exceptions import ParserRejectedMarkup

DOCUMENT_EXTENSIONS = (".pdf", ".csv", ".txt", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")
# Code the site itself ships; anything of these types elsewhere came from content.
CODE_EXTENSIONS = (".js", ".mjs", ".wasm", ".css")
CODE_FOLDERS = ("theme/", "pagefind/")
NEVER_EXTENSIONS = (".php", ".phtml", ".phar", ".shtml", ".cgi", ".pl", ".exe", ".sh", ".bat", ".jsp", ".asp", ".aspx")

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
SVG_FORBIDDEN = {"script", "foreignobject", "handler", "iframe", "embed", "object", "listener"}
SVG_ANIMATION = {"animate", "set", "animatetransform", "animatemotion", "animatecolor"}
FRAGMENT_PREFIX = b"pagefind_dcd"


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


def scan_site(output: str, scan: Scan) -> list[Finding]:
    """Every finding in a built output folder."""
    for directory, folders, names in os.walk(output):
        for name in folders + names:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, output).replace(os.sep, "/")
            if os.path.islink(path):
                scan.add(relative, "symbolische Verknüpfung veröffentlicht", os.readlink(path))
            elif name in names and os.path.isfile(path):
                _scan_file(path, relative, scan)
    return scan.findings


def _scan_file(path: str, relative: str, scan: Scan) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    lower = relative.lower()
    extension = os.path.splitext(lower)[1]
    if lower.startswith("files/") and extension not in DOCUMENT_EXTENSIONS:
        scan.add(relative, "files/ enthält etwas anderes als ein Dokument")
    if extension in NEVER_EXTENSIONS or os.path.basename(lower).startswith("."):
        scan.add(relative, "Datei dieser Art wird nie veröffentlicht")
    if extension in CODE_EXTENSIONS and not lower.startswith(CODE_FOLDERS):
        scan.add(relative, "Code außerhalb von theme/ und pagefind/")
    if extension == ".svg" and not lower.startswith(("theme/", "images/")):
        scan.add(relative, "SVG außerhalb von theme/ und images/")
    if extension in (".html", ".htm", ".xhtml") and lower.startswith(("images/", "files/")):
        scan.add(relative, "HTML-Seite aus dem Inhalt veröffentlicht")
    _forbidden(relative, data, scan)
    if extension in (".html", ".htm", ".xhtml"):
        scan_html(data.decode("utf-8", "replace"), relative, scan)
    elif extension == ".svg":
        scan_svg(data, relative, scan)
    elif extension in (".xml", ".atom", ".rss"):
        scan_xml(data, relative, scan)
    elif extension in (".json", ".geojson", ".jsonld"):
        _scan_json_file(data, relative, scan)
    elif extension == ".zip":
        _scan_zip(data, relative, scan)
    elif relative.startswith("pagefind/"):
        _scan_pagefind(data, relative, scan)
    elif relative == "_redirects":
        scan_redirects(data.decode("utf-8", "replace"), relative, scan)
    elif relative == "_headers":
        for marker in scan.markers:
            if marker in data.decode("utf-8", "replace").lower():
                scan.add(relative, "Inhalt in den Sicherheits-Headern", marker)
    if extension in IMAGE_EXTENSIONS:
        _scan_image(data, relative, scan)


def _forbidden(relative: str, data: bytes, scan: Scan) -> None:
    if hashlib.sha256(data).hexdigest() in scan.forbidden_blobs:
        scan.add(relative, "Datei von außerhalb des Inhalts (oder nicht erlaubte Datei) unverändert veröffentlicht")
    lowered = data.lower()
    for text in scan.forbidden_text:
        if text.lower() in lowered:
            scan.add(relative, "geheimer oder nicht zu veröffentlichender Text veröffentlicht", text.decode("utf-8", "replace"))


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
    if name == "script" and not _script_allowed(tag, scan):
        scan.add(relative, "Skript-Element", context)
    if name == "script" and (tag.get("type") or "").lower() == "application/ld+json":
        _scan_json_value(_json_or_none(tag.string or ""), relative, scan)
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
        return _json_or_none(tag.string or "") is not None and not tag.get("src")
    source = tag.get("src")
    if source is None or (tag.string or "").strip():
        return False
    path = own_path(source, scan)
    return path is not None and path.startswith(("/theme/", "/pagefind/")) and ".." not in path


def _short(tag) -> str:
    text = str(tag)
    return text if len(text) <= 4000 else text[:4000]


def _json_or_none(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


# --- SVG, XML, JSON, ZIP, Pagefind, _redirects, images -----------------------------------------------------------


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def scan_svg(data: bytes, relative: str, scan: Scan) -> None:
    """An SVG file: no DOCTYPE or entities, no script in any namespace, no handler, nothing loaded from elsewhere."""
    text = data.decode("utf-8", "replace")
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        scan.add(relative, "SVG mit DOCTYPE oder Entities", text[:400])
        return
    if re.search(r"<\?xml-stylesheet", text, re.IGNORECASE):
        scan.add(relative, "SVG lädt ein Stylesheet", text[:400])
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        scan.add(relative, f"SVG nicht lesbar ({error})", text[:400])
        return
    for element in root.iter():
        name = _local(element.tag) if isinstance(element.tag, str) else ""
        context = ET.tostring(element, encoding="unicode")[:2000]
        if name in SVG_FORBIDDEN:
            scan.add(relative, f"SVG-Element <{name}>", context)
        attributes = {_local(key): value for key, value in element.attrib.items()}
        for attribute, value in attributes.items():
            if attribute.startswith("on"):
                scan.add(relative, f"SVG-Ereignis-Attribut {attribute}=", context)
            if attribute in ("href", "src") and (dangerous(value, image=True) or foreign(value, scan)):
                scan.add(relative, "SVG verweist auf eine fremde oder ausführbare Adresse", context)
            if attribute == "style" and _css_loads(value):
                scan.add(relative, "SVG-Stil lädt von außen", context)
        if name in SVG_ANIMATION:
            target = attributes.get("attributename", "").lower()
            if target in ("href", "xlink:href", "src") or any(dangerous(attributes.get(a, "")) for a in ("values", "to", "from", "by")):
                scan.add(relative, "SVG-Animation setzt eine Adresse", context)
        if name == "style" and _css_loads(element.text or ""):
            scan.add(relative, "SVG-Stil lädt von außen", context)


def _css_loads(css: str) -> bool:
    lowered = css.lower()
    return "@import" in lowered or bool(re.search(r"url\(\s*['\"]?\s*(?:https?:|//|javascript:)", lowered))


def scan_xml(data: bytes, relative: str, scan: Scan) -> None:
    """A feed or the sitemap: no script, no handler; HTML inside (Atom type="html") is read as HTML."""
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.IGNORECASE):
        scan.add(relative, "XML mit DOCTYPE oder Entities")
        return
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        scan.add(relative, f"XML nicht lesbar ({error})")
        return
    for element in root.iter():
        name = _local(element.tag) if isinstance(element.tag, str) else ""
        if name == "script":
            scan.add(relative, "Skript-Element im XML", ET.tostring(element, encoding="unicode")[:2000])
        for key, value in element.attrib.items():
            attribute = _local(key)
            if attribute.startswith("on"):
                scan.add(relative, f"Ereignis-Attribut {attribute}= im XML", value)
            if attribute in ("href", "src", "url", "uri") and dangerous(value):
                scan.add(relative, "ausführbare Adresse im XML", value)
            if attribute == "url" and foreign(value, scan):
                scan.add(relative, "Medien von einem anderen Host im Feed", value)
        if name in ("logo", "icon", "loc", "uri") and element.text and (dangerous(element.text) or foreign(element.text, scan)):
            scan.add(relative, f"<{name}> auf einen anderen Host", element.text)
        if element.attrib.get("type") in ("html", "xhtml") and (element.text or len(element)):
            markup = element.text or "".join(ET.tostring(child, encoding="unicode") for child in element)
            scan_html(markup, relative, scan, fragment=True)


def _scan_json_file(data: bytes, relative: str, scan: Scan) -> None:
    value = _json_or_none(data.decode("utf-8", "replace"))
    if value is None:
        scan.add(relative, "JSON nicht lesbar")
        return
    _scan_json_value(value, relative, scan)


def _scan_json_value(value, relative: str, scan: Scan, key: str = "") -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _scan_json_value(item, relative, scan, str(name))
    elif isinstance(value, list):
        for item in value:
            _scan_json_value(item, relative, scan, key)
    elif isinstance(value, str):
        if key.endswith("_html"):
            scan_html(value, relative, scan, fragment=True)
        if dangerous(value, image=key in ("image", "logo", "thumbnailUrl", "contentUrl")):
            scan.add(relative, f"ausführbare Adresse im JSON ({key})", value)
        if key.lower() in ("email", "e-mail") and re.search(r"[?&\r\n]|%0[ad]", value, re.IGNORECASE):
            scan.add(relative, f"E-Mail-Adresse mit Kopfzeilen im JSON ({key})", value)


def _scan_zip(data: bytes, relative: str, scan: Scan) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        scan.add(relative, "ZIP nicht lesbar")
        return
    for member in archive.infolist():
        name = member.filename
        if name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name) or name.split("/")[-1].startswith("."):
            scan.add(relative, "ZIP-Eintrag mit gefährlichem Namen", name)
        _forbidden(f"{relative}!{name}", archive.read(member), scan)


def _scan_pagefind(data: bytes, relative: str, scan: Scan) -> None:
    try:
        unpacked = gzip.decompress(data)
    except (OSError, EOFError):
        return
    _forbidden(relative, unpacked, scan)
    if not relative.endswith(".pf_fragment") or not unpacked.startswith(FRAGMENT_PREFIX):
        return
    record = _json_or_none(unpacked[len(FRAGMENT_PREFIX):].decode("utf-8", "replace"))
    if not isinstance(record, dict):
        return
    meta = record.get("meta") or {}
    filters = record.get("filters") or {}
    image = str(meta.get("image", ""))
    if image and (dangerous(image, image=True) or foreign(image, scan)):
        scan.add(relative, "Suchergebnis-Bild von einem anderen Host", image)
    for marker in scan.markers:
        if any(marker in str(key).lower() for key in meta) or marker in json.dumps(filters, ensure_ascii=False).lower():
            scan.add(relative, "vom Inhalt gesetzte Such-Metadaten oder -Filter", json.dumps(record, ensure_ascii=False)[:2000])
        if marker in str(meta.get("title", "")).lower() and marker not in scan.title_markers:
            scan.add(relative, "vom Inhalt gesetzter Titel eines Suchergebnisses", json.dumps(meta, ensure_ascii=False))


def scan_redirects(text: str, relative: str, scan: Scan) -> None:
    """Each line of _redirects: a site path, a site path, 301. Nothing else, so an alias cannot add a rule."""
    for line in text.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(" ")
        ok = len(fields) == 3 and fields[2] in ("301", "302") and all(_site_path(f, scan) for f in fields[:2])
        if not ok or re.search(r"[\x00-\x1f\x7f]", line):
            scan.add(relative, "Zeile in _redirects, die keine einfache Weiterleitung ist", line)


def _site_path(value: str, scan: Scan) -> bool:
    path = own_path(value, scan)
    return bool(path) and path.startswith("/") and not path.startswith(("//", "/\\")) and ".." not in path.split("/") and "\\" not in value


def _scan_image(data: bytes, relative: str, scan: Scan) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            if exif and exif.get_ifd(0x8825):
                scan.add(relative, "Bild mit GPS-Position veröffentlicht")
            if scan.forbidden_colour is not None:
                pixel = image.convert("RGB").resize((1, 1)).getpixel((0, 0))
                if all(abs(a - b) <= 40 for a, b in zip(pixel, scan.forbidden_colour, strict=True)):
                    scan.add(relative, "Bild von außerhalb des Inhaltsordners veröffentlicht")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return
