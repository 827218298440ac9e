"""Reads every file of a built site for tests/test_hostile_content.py: what is published, and SVG, XML, JSON, ZIP and Pagefind files.

HTML is read by hostile_scan.scan_html; this module walks the output folder, checks which files may be
published at all, finds secrets and files from outside content/ (also inside ZIP and Pagefind files),
and reads SVG, feeds, data, _redirects and images.
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

from hostile_scan import Finding, Scan, dangerous, foreign, json_or_none, own_path, scan_html, scan_json_value

DOCUMENT_EXTENSIONS = (".pdf", ".csv", ".txt", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")
# Code the site itself ships; anything of these types elsewhere came from content.
CODE_EXTENSIONS = (".js", ".mjs", ".wasm", ".css")
CODE_FOLDERS = ("theme/", "pagefind/")
NEVER_EXTENSIONS = (".php", ".phtml", ".phar", ".shtml", ".cgi", ".pl", ".exe", ".sh", ".bat", ".jsp", ".asp", ".aspx")

SVG_FORBIDDEN = {"script", "foreignobject", "handler", "iframe", "embed", "object", "listener"}
SVG_ANIMATION = {"animate", "set", "animatetransform", "animatemotion", "animatecolor"}
FRAGMENT_PREFIX = b"pagefind_dcd"


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
    value = json_or_none(data.decode("utf-8", "replace"))
    if value is None:
        scan.add(relative, "kein gültiges JSON (kaputt, oder NaN/Infinity, die Nachnutzer nicht lesen können)")
        return
    scan_json_value(value, relative, scan)


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
    record = json_or_none(unpacked[len(FRAGMENT_PREFIX):].decode("utf-8", "replace"))
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
