"""Value formats of the contract: dates, links, e-mail addresses, image files, URL paths."""

from __future__ import annotations

import datetime
import difflib
import html
import os
import re
import unicodedata
from urllib.parse import urlsplit

from sinn_core.containment import ContentPathError, printable, resolve_content_path

from .image_checks import MAX_IMAGE_BYTES
from .image_references import inspect_reference
from .inventory import DOCUMENT_EXTENSIONS
from .problems import ERROR, WARNING

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})\s*$")
_LOOSE_ISO_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_MAYBE_UNSAFE = re.compile(r"[\x00-\x20\x7f]*[jvd&]", re.IGNORECASE)
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
    """YYYY-MM-DD for a date written otherwise, like 12.03.2024, 2024-3-12 or 2024-03-12 10:00."""
    match = _GERMAN_DATE.match(str(value))
    if match:
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0
    else:
        match = _LOOSE_ISO_DATE.match(str(value))
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
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


def unsafe_scheme(value: str) -> str | None:
    """'javascript', 'vbscript' or 'data' when a link would run code or hide content; else None."""
    if ":" not in value or not _MAYBE_UNSAFE.match(value):
        return None
    text = _IGNORED_IN_SCHEME.sub("", html.unescape(value[:200])).lower()
    return next((scheme for scheme in _UNSAFE_SCHEMES if text.startswith(scheme + ":")), None)


def unsafe_message(scheme: str) -> str:
    """The one message for a javascript:, vbscript: or data: address, wherever it stands."""
    return (
        f'Adressen, die mit "{scheme}:" beginnen, sind nicht erlaubt: sie können Schadcode enthalten. '
        "Bitte entfernen oder eine normale https-Adresse angeben."
    )


def _check_url(value, _content_path):
    scheme = unsafe_scheme(value)
    if scheme:
        yield unsafe_message(scheme), ERROR
        return
    text = value.strip()
    parts = urlsplit(text)
    if text.lower().startswith("www."):
        yield f'"{value}": vor der Adresse fehlt https://. Schreiben Sie "https://{text}".', ERROR
    elif parts.scheme not in ("http", "https") or not parts.netloc or "." not in parts.netloc or re.search(r"\s", text):
        yield f'"{value}" ist keine vollständige Web-Adresse. Beispiel: https://www.beispiel.de/seite', ERROR
    elif parts.scheme == "http":
        yield f'"{value}" beginnt mit http://. Bitte https:// verwenden, wenn die Seite das anbietet (sicherer für Besucher).', WARNING


def _check_email(value, _content_path):
    text = value.strip()
    if text.lower().startswith("mailto:") and _EMAIL.match(text[7:]):
        yield f'Schreiben Sie nur die Adresse, ohne "mailto:": {text[7:]}', ERROR
    elif not _EMAIL.match(text):
        yield f'"{value}" ist keine E-Mail-Adresse. Eine Adresse hat die Form name@beispiel.de, ohne Leerzeichen.', ERROR


def _check_path(value, _content_path):
    """What the schema's pattern cannot see: JSON Schema's `$` lets a final line break through."""
    from .validate import alias_pattern  # noqa: PLC0415 - validate imports this module

    pattern = alias_pattern()
    if pattern.search(value) and not pattern.fullmatch(value):
        yield f'"{printable(value)}" enthält einen Zeilenumbruch oder ein Steuerzeichen. {ALIAS_ADVICE}', ERROR


ALIAS_ADVICE = (
    "Eine frühere Adresse ist ein Pfad wie /geschichten/alter-name/ oder /alt.html: mit / am Anfang, nur Buchstaben, "
    "Ziffern, Bindestriche, Unterstriche und Punkte (nicht am Anfang eines Teils), ohne Leerzeichen und ohne Adresse einer anderen Website."
)


_image_cache: dict[tuple, list] = {}
IMAGE_FOLDER = "images/"


def _check_logo(value, content_path):
    return _check_image(value, content_path, allow_svg=True)


def _check_image(value, content_path, allow_svg=False):
    root = os.path.realpath(content_path)
    text = value.strip()
    if unsafe_scheme(text):
        yield unsafe_message(unsafe_scheme(text)), ERROR
        return
    if text.startswith(("http://", "https://")):
        yield (
            "Bilder müssen im Repository liegen. Laden Sie das Bild nach content/images/ hoch "
            "und geben Sie den Pfad an, z. B. images/stories/name.jpg."
        ), ERROR
        return
    hint = _path_hint(text)
    if hint:
        yield hint, ERROR
        return
    if not text.startswith(IMAGE_FOLDER) and ".." not in text.split("/"):
        yield f'"{value}" liegt nicht im Ordner content/{IMAGE_FOLDER} und würde nicht veröffentlicht. Legen Sie das Bild dort ab.', ERROR
        return
    try:
        target = resolve_content_path(root, text, IMAGE_FOLDER.rstrip("/"))
    except ContentPathError as error:
        yield str(error), ERROR
        return
    try:
        stat = os.stat(target)
    except OSError:
        yield _missing_image(value, text, root), ERROR
        return
    key = (target, stat.st_mtime_ns, stat.st_size, allow_svg)
    if key not in _image_cache:
        _image_cache[key] = list(inspect_reference(target, value, stat.st_size, allow_svg))
    yield from _image_cache[key]


def _path_hint(text: str) -> str | None:
    """How to write an image path that an editor wrote the way a browser or the repository shows it."""
    if text.startswith("/"):
        return f'Schreiben Sie den Pfad ohne "/" am Anfang, relativ zu content/: "{text.lstrip("/")}".'
    if text.startswith("content/"):
        return f'Schreiben Sie den Pfad ohne "content/" am Anfang: "{text[len("content/"):]}".'
    if "\\" in text:
        return f'Trennen Sie Ordner mit "/", nicht mit "\\": "{text.replace(chr(92), "/")}".'
    return None


def _missing_image(value: str, text: str, root: str) -> str:
    message = f"Die Bilddatei content/{text} gibt es nicht. Prüfen Sie Ordner, Dateiname und Endung (Groß-/Kleinschreibung zählt)."
    return message + _did_you_mean(text, root)


def _did_you_mean(text: str, root: str) -> str:
    """' Meinten Sie "…"?' naming the file beside content/<text> with the closest name, or ''."""
    folder = os.path.dirname(os.path.join(root, text))
    try:
        names = [n for n in os.listdir(folder) if not n.startswith(".")]
    except OSError:
        return ""
    lower = {n.lower(): n for n in names}
    close = [lower[os.path.basename(text).lower()]] if os.path.basename(text).lower() in lower else []
    close = close or difflib.get_close_matches(os.path.basename(text), names, n=1, cutoff=0.6)
    return f' Meinten Sie "{os.path.join(os.path.dirname(text), close[0])}"?' if close else ""


FILE_FOLDER = "files/"


def _check_file(value, content_path):
    """A download (transfer.materials[].file): a file in content/files/, which the site publishes as it is."""
    root = os.path.realpath(content_path)
    text = value.strip()
    if text.startswith(("http://", "https://")):
        yield f'"{value}" ist eine Web-Adresse. Schreiben Sie sie unter url statt unter file.', ERROR
        return
    hint = _path_hint(text)
    if hint:
        yield hint, ERROR
        return
    if not text.startswith(FILE_FOLDER) and ".." not in text.split("/"):
        yield (
            f'"{value}" liegt nicht im Ordner content/{FILE_FOLDER} und würde nicht veröffentlicht. '
            f"Legen Sie die Datei dort ab und schreiben Sie z. B. {FILE_FOLDER}checkliste.pdf."
        ), ERROR
        return
    try:
        target = resolve_content_path(root, text, FILE_FOLDER.rstrip("/"))
    except ContentPathError as error:
        yield str(error), ERROR
        return
    if os.path.splitext(text)[1].lower() not in DOCUMENT_EXTENSIONS:
        allowed = ", ".join(extension[1:] for extension in DOCUMENT_EXTENSIONS)
        yield f'"{value}" ist kein Dokument, das die Website veröffentlicht. Erlaubt sind {allowed}.', ERROR
        return
    if not os.path.isfile(target):
        message = f"Die Datei content/{text} gibt es nicht. Prüfen Sie Dateiname und Endung (Groß-/Kleinschreibung zählt)."
        yield message + _did_you_mean(text, root), ERROR
        return
    if os.path.getsize(target) > MAX_IMAGE_BYTES:
        yield f"Die Datei content/{text} ist größer als 20 MB. Bitte verkleinern oder als Link (url) angeben.", ERROR


_CHECKS = {
    "date": _check_date, "url": _check_url, "email": _check_email, "path": _check_path, "image": _check_image, "logo": _check_logo,
    "file": _check_file,
}


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
    if schema.get("x-format") == "path":
        return f'"{printable(value)}" ist keine gültige frühere Adresse. {ALIAS_ADVICE}'
    return f'"{value}" hat nicht die erwartete Form.'
