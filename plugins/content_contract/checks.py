"""Checks that need more than one field: dates in order, the body, and the site as a whole."""

from __future__ import annotations

import datetime
import os
import re

from .formats import parse_date
from .problems import ERROR, WARNING

MIN_BODY_WORDS = 80
# Paths of the site that no story, page or alias may take.
RESERVED_SLUGS = {
    "geschichten", "akteure", "themen", "regionen", "suche", "feeds", "daten", "presse",
    "pagefind", "images", "theme", "seite", "static", "sitemap", "robots",
}
_FORBIDDEN_TAGS = re.compile(r"<\s*(script|iframe|style|object|embed|form)\b", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
_DANGEROUS_LINK = re.compile(r"\]\(\s*<?\s*(javascript|data|vbscript):|(?:href|src)\s*=\s*[\"']?\s*(javascript|data|vbscript):", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_WORD = re.compile(r"\w+", re.UNICODE)
_CODE_SPAN = re.compile(r"`[^`]*`")


def check_dates(data: dict, today: datetime.date):
    """(field, message, severity) for dates out of order or in the future."""
    published = parse_date(str(data.get("date", "")))
    modified = parse_date(str(data.get("modified", "")))
    if published and modified and modified < published:
        yield "modified", f"liegt vor dem Veröffentlichungsdatum ({published.isoformat()}). Bitte prüfen.", ERROR
    if published and published > today:
        yield "date", f"liegt in der Zukunft ({published.isoformat()}). Die Geschichte erscheint trotzdem sofort.", WARNING


def check_image_alt(image) -> list:
    """(field, message) when the alt text only repeats the file name."""
    if not isinstance(image, dict) or not isinstance(image.get("alt"), str) or not isinstance(image.get("src"), str):
        return []
    alt = image["alt"].strip().lower()
    name = os.path.basename(image["src"]).lower()
    if alt in (name, os.path.splitext(name)[0]):
        return [("image.alt", "wiederholt nur den Dateinamen. Beschreiben Sie, was auf dem Bild zu sehen ist.")]
    return []


def check_body(body: str, first_line: int, kind: str):
    """(line, field, message, severity) for unsafe HTML and a too short text."""
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        text = _CODE_SPAN.sub("", line)
        tag = _FORBIDDEN_TAGS.search(text)
        if tag:
            yield number, "Text", f"<{tag.group(1).lower()}> ist im Text nicht erlaubt. Videos und Karten bitte als Link angeben.", ERROR
        handler = _EVENT_HANDLER.search(text)
        if handler:
            yield number, "Text", f"Das HTML-Attribut {handler.group(1)}= ist nicht erlaubt (führt Skripte aus). Bitte entfernen.", ERROR
        link = _DANGEROUS_LINK.search(text)
        if link:
            scheme = (link.group(1) or link.group(2)).lower()
            yield number, "Text", f'Links mit "{scheme}:" sind nicht erlaubt (Sicherheitsrisiko).', ERROR
    if kind == "story":
        words = len(_WORD.findall(body))
        if words < MIN_BODY_WORDS:
            yield first_line, "Text", f"hat nur {words} Wörter; eine Geschichte sollte mindestens {MIN_BODY_WORDS} haben.", WARNING


def internal_links(body: str, first_line: int):
    """(line, target) for every link in the body that points inside the site."""
    for offset, line in enumerate(body.split("\n")):
        for match in _MARKDOWN_LINK.finditer(_CODE_SPAN.sub("", line)):
            target = match.group(1)
            if (target.startswith("/") and not target.startswith("//")) or target.startswith(("{filename}", "{static}")):
                yield first_line + offset, target


def check_slug(slug: str):
    """A message when a slug would take a fixed path of the site."""
    if slug in RESERVED_SLUGS:
        return f'"{slug}" ist eine feste Adresse der Website. Bitte einen anderen slug wählen.'
    return None


def normalise_path(path: str) -> str:
    """A URL path in one canonical form, for comparing aliases and links."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if not path.startswith("/"):
        path = "/" + path
    return path


__all__ = ["ERROR", "WARNING", "check_body", "check_dates", "check_image_alt", "check_slug", "internal_links", "normalise_path"]
