"""Value formats of the contract: dates, links, e-mail addresses, image files, URL paths."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from urllib.parse import urlsplit

from .problems import ERROR, WARNING

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})\s*$")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str) -> str:
    """A URL-safe slug in German manners: ä→ae, ß→ss, only a-z, 0-9 and hyphens."""
    text = text.translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def parse_date(value: str) -> datetime.date | None:
    """The date an editor wrote as YYYY-MM-DD, or None."""
    try:
        return datetime.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        return None


def suggest_date(value: str) -> str | None:
    """YYYY-MM-DD for a German-style date like 12.03.2024, if it is one."""
    match = _GERMAN_DATE.match(str(value))
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    year += 2000 if year < 100 else 0
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def check(name: str, value: str, content_path: str):
    """(message, severity) pairs for a value of the named format."""
    checker = _CHECKS.get(name)
    return list(checker(value, content_path)) if checker else []


def _check_date(value, _content_path):
    if re.match(DATE_PATTERN, value) and parse_date(value) is None:
        yield f'"{value}" ist kein gültiges Datum (diesen Tag gibt es nicht).', ERROR


def _check_url(value, _content_path):
    scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
    if scheme in ("javascript", "data", "vbscript"):
        yield f'Links mit "{scheme}:" sind nicht erlaubt (Sicherheitsrisiko). Geben Sie eine https-Adresse an.', ERROR
        return
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
        yield f'"{value}" ist keine vollständige Web-Adresse. Beispiel: https://www.beispiel.de/seite', ERROR
    elif parts.scheme == "http":
        yield f'"{value}" nutzt http. Bitte https:// verwenden, wenn die Seite das anbietet.', WARNING


def _check_email(value, _content_path):
    if not _EMAIL.match(value.strip()):
        yield f'"{value}" ist keine E-Mail-Adresse. Beispiel: kontakt@beispiel.de', ERROR


def _check_path(value, _content_path):
    if ".." in value.split("/") or not (value.endswith("/") or value.endswith(".html")):
        yield f'"{value}" ist kein gültiger Pfad. Beispiel: /geschichten/alter-name/', ERROR


_image_cache: dict[tuple, list] = {}


def _check_image(value, content_path):
    root = os.path.realpath(content_path)
    target = os.path.realpath(os.path.join(root, value))
    if os.path.isabs(value) or os.path.commonpath([root, target]) != root:
        yield f'"{value}" liegt außerhalb von content/. Legen Sie das Bild in content/images/ ab.', ERROR
        return
    try:
        stat = os.stat(target)
    except OSError:
        yield f'Die Bilddatei content/{value} gibt es nicht. Prüfen Sie Pfad und Schreibweise (Groß-/Kleinschreibung zählt).', ERROR
        return
    key = (target, stat.st_mtime_ns, stat.st_size)
    if key not in _image_cache:
        _image_cache[key] = list(_inspect_image(target, value, stat.st_size))
    yield from _image_cache[key]


def _inspect_image(target, value, size):
    if size > MAX_IMAGE_BYTES:
        yield f"Das Bild {value} ist {size / 1048576:.1f} MB groß; erlaubt sind 20 MB. Bitte verkleinern.", ERROR
        return
    if target.lower().endswith(".svg"):
        return
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    try:
        with Image.open(target) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        yield f"{value} ist kein lesbares Bild (erlaubt: JPEG, PNG, WebP, GIF, SVG).", ERROR
        return
    if width * height > MAX_IMAGE_PIXELS:
        yield (
            f"Das Bild {value} hat {width * height / 1e6:.0f} Megapixel; erlaubt sind 40. "
            "Bitte auf höchstens 8000 × 5000 Pixel verkleinern."
        ), ERROR


_CHECKS = {"date": _check_date, "url": _check_url, "email": _check_email, "path": _check_path, "image": _check_image}


def explain_pattern(schema: dict, value) -> str:
    """A German explanation for a value that does not match its schema's pattern."""
    pattern = schema.get("pattern")
    if pattern == DATE_PATTERN:
        suggestion = suggest_date(value)
        message = f'"{value}" ist kein Datum im Format JJJJ-MM-TT.'
        return message + (f' Schreiben Sie "{suggestion}".' if suggestion else " Beispiel: 2025-03-14.")
    if pattern == SLUG_PATTERN:
        return (
            f'"{value}" darf nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche enthalten. '
            f'Vorschlag: "{slugify(str(value))}".'
        )
    if pattern == "^[0-9]{5}$":
        return f'"{value}" ist keine fünfstellige Postleitzahl.'
    if pattern == "^/":
        return f'"{value}" muss ein Pfad sein, der mit / beginnt, z. B. /geschichten/alter-name/.'
    return f'"{value}" hat nicht die erwartete Form.'
