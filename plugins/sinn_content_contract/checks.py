"""Checks of one file that need more than one field: dates in order, image texts, unsafe values, slugs."""

from __future__ import annotations

import datetime
import html
import math
import os
import re

from sinn_core import addresses
from sinn_core.containment import control_characters, printable

from . import formats
from .formats import parse_date
from .frontmatter import ContentSyntaxError
from .problems import ERROR, WARNING

SLUG = re.compile(formats.SLUG_PATTERN)
# Paths of the site that no story, page, actor or alias may take: the first segments of the address map.
RESERVED_SLUGS = addresses.RESERVED_SLUGS
IMAGE_FIELDS = {"story": "image", "actor": "logo"}


# Dates a story can carry: social innovations on this platform start after reunification; press kits are
# ZIP files, whose timestamps end in 2107. More than a year ahead is a typing error, not a plan.
EARLIEST_YEAR = 1990
DATE_FIELDS = ("date", "modified", "reviewed")


def date_range_problems(data: dict, today: datetime.date):
    """(field, message) for each date field before 1990 or more than a year after today."""
    latest = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today.replace(year=today.year + 1, day=28)
    for name in DATE_FIELDS:
        value = parse_date(str(data.get(name, "")))
        if value is None:
            continue
        if value.year < EARLIEST_YEAR:
            yield name, (f"{value.isoformat()} liegt vor {EARLIEST_YEAR}. Bitte das Datum prüfen: gemeint ist der Tag der "
                         "Veröffentlichung, Änderung oder Prüfung dieser Seite, als JJJJ-MM-TT.")
        elif value > latest and name != "reviewed":  # a review date after today is refused by freshness.check_review
            yield name, (f"{value.isoformat()} liegt mehr als ein Jahr in der Zukunft. Ist das ein Tippfehler? "
                         f"Schreiben Sie ein Datum bis spätestens {latest.isoformat()}.")


def check_dates(data: dict, today: datetime.date):
    """(field, message, severity) for dates out of range, out of order or in the future."""
    refused = {name for name, _message in date_range_problems(data, today)}
    for name, message in date_range_problems(data, today):
        yield name, message, ERROR
    published = parse_date(str(data.get("date", ""))) if "date" not in refused else None
    modified = parse_date(str(data.get("modified", ""))) if "modified" not in refused else None
    if published and modified and modified < published:
        yield "modified", (
            f"liegt vor dem Veröffentlichungsdatum date ({published.isoformat()}). modified ist der Tag der "
            "letzten Änderung und kann nicht davor liegen. Bitte eines der beiden Daten korrigieren."
        ), ERROR
    if published and published > today:
        yield "date", (
            f"liegt in der Zukunft ({published.isoformat()}). Die Geschichte erscheint trotzdem sofort, "
            "mit diesem Datum. Ist das ein Tippfehler?"
        ), WARNING


# Leichte Sprache: one statement per sentence; longer sentences are a sign of subordinate clauses.
EASY_MAX_WORDS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def check_transfer(data: dict):
    """(field path, message) for a cost range upside down; the schema checks everything else."""
    transfer = data.get("transfer")
    costs = transfer.get("costs") if isinstance(transfer, dict) else None
    if not isinstance(costs, dict):
        return
    low, high = costs.get("min"), costs.get("max")
    if isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool) and not isinstance(high, bool) and high < low:
        yield ["transfer", "costs", "max"], (
            f"({high}) ist kleiner als min ({low}). Die Kosten sind eine Spanne von min bis max Euro pro Jahr: "
            "bitte die Zahlen tauschen oder korrigieren."
        )


def check_easy_summary(data: dict):
    """Messages for sentences of easy_summary that are too long for Leichte Sprache."""
    text = data.get("easy_summary")
    if not isinstance(text, str):
        return
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        if len(words) > EASY_MAX_WORDS:
            yield (
                f'Der Satz "{" ".join(words[:6])} …" hat {len(words)} Wörter. In Leichter Sprache sind Sätze kurz '
                f"(höchstens {EASY_MAX_WORDS} Wörter) und sagen nur eine Sache: bitte teilen."
            )


def check_image_alt(kind: str, data: dict) -> list:
    """(field, message) when an image's alt text is blank or only repeats the file name."""
    name = IMAGE_FIELDS.get(kind)
    image = data.get(name) if name else None
    if not isinstance(image, dict) or not isinstance(image.get("alt"), str) or not image["alt"]:
        return []
    alt = image["alt"].strip().lower()
    if not alt:
        return [(f"{name}.alt", "enthält nur Leerzeichen. Beschreiben Sie, was auf dem Bild zu sehen ist.")]
    if not isinstance(image.get("src"), str):
        return []
    file_name = os.path.basename(image["src"].strip()).lower()
    stem = os.path.splitext(file_name)[0]
    if alt in (file_name, stem, stem.replace("-", " "), stem.replace("_", " ")):
        return [(f"{name}.alt", (
            f'wiederholt nur den Dateinamen ("{image["alt"]}"). Beschreiben Sie in einem Satz, was auf dem Bild '
            "zu sehen ist, für Menschen, die es nicht sehen können."
        ))]
    return []


def leaves(data, path=()):
    """(path, value) for every value in nested fields that is not itself a group or a list."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    else:
        yield list(path), data


def unsafe_values(data):
    """(path, scheme) for every text in the fields that starts with javascript:, vbscript: or data:."""
    for path, value in leaves(data):
        scheme = formats.unsafe_scheme(value) if isinstance(value, str) else None
        if scheme:
            yield path, scheme


# Fields whose text may run over several lines; every other text is one line (titles, names, credits, ids …).
MULTILINE_FIELDS = {"description", "easy_summary", "text"}
# Markdown, judged with the body's HTML allowlist instead (body.py).
MARKDOWN_FIELDS = {"description"}
# Typography, not tricks: the soft hyphen and the joiner inside emoji.
ALLOWED_FORMAT_CHARACTERS = {"SOFT HYPHEN", "ZERO WIDTH JOINER"}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?\s*>|<\s*/?\s*(?:script|style|iframe|img|svg|a)\b", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(?:java|vb)script\s*:", re.IGNORECASE)


def text_problems(data):
    """(path, message) for texts in the fields that hold HTML, a script address or a line break where one line belongs.

    The build escapes every field, so none of this would run; but it is never meant, shows up as odd
    characters on the page, and a line break in a name or title could start a line of its own in a log.
    """
    for path, value in leaves(data):
        if isinstance(value, float) and not math.isfinite(value):
            yield path, NOT_A_NUMBER
        elif isinstance(value, str):
            yield from _text_problems(path, value)


def _text_problems(path: list, data: str):
    text = html.unescape(data)
    named = {step for step in path if isinstance(step, str)}
    tag = _TAG.search(text) if not named & MARKDOWN_FIELDS else None
    if tag:
        yield list(path), (f'enthält HTML ("{printable(tag.group(0))[:40]}"). Die Felder im Kopfbereich sind reiner Text: '
                           "bitte die spitzen Klammern und was dazwischen steht entfernen.")
    elif _SCRIPT_URL.search(text) and not formats.unsafe_scheme(data) and not named & MARKDOWN_FIELDS:
        yield list(path), "enthält eine javascript:-Adresse. Solche Adressen können Schadcode ausführen: bitte entfernen."
    controls = [name for name in control_characters(text.replace("\n", "").replace("\t", "")) if name not in ALLOWED_FORMAT_CHARACTERS]
    if controls:
        yield list(path), f"enthält unsichtbare Steuerzeichen ({', '.join(controls)}). Bitte den Text neu tippen statt ihn einzufügen."
    elif "\n" in data.strip() and not named & MULTILINE_FIELDS:
        yield list(path), "enthält einen Zeilenumbruch. Dieser Wert steht auf einer Zeile: bitte den Umbruch entfernen."


def build_refusals(data: dict, today: datetime.date):
    """(path, message) for values no page, feed or data file may carry; the build refuses them itself, the checker reports them too.

    A short list on purpose, cheap enough for every read: addresses that run code, control characters
    (a NUL breaks file functions, CR LF adds mail headers), numbers JSON cannot write (.nan, .inf),
    malformed e-mail addresses (a mailto: link with headers) and dates a press kit cannot store.
    """
    for path, value in leaves(data):
        if isinstance(value, str):
            scheme = formats.unsafe_scheme(value)
            if scheme:
                yield path, formats.unsafe_message(scheme)
            elif control_characters(value.replace("\n", "").replace("\t", ""), ("Cc", "Zl", "Zp")):
                yield path, "enthält unsichtbare Steuerzeichen. Bitte den Text neu tippen statt ihn einzufügen."
            elif path and path[-1] == "email":
                yield from ((path, message) for message, _severity in formats.check("email", value, ""))
        elif isinstance(value, float) and not math.isfinite(value):
            yield path, NOT_A_NUMBER
    if isinstance(data, dict):
        yield from (([name], message) for name, message in date_range_problems(data, today))


NOT_A_NUMBER = "ist keine Zahl (.nan oder .inf). Schreiben Sie eine Zahl, z. B. 51.05 oder 1200."


def refuse_unpublishable(data, display: str, today: datetime.date) -> None:
    """Raise ContentSyntaxError naming the file and field for the first of build_refusals: the build's own stop."""
    for path, message in build_refusals(data, today):
        name = ".".join(str(step) for step in path) or "Feld"
        raise ContentSyntaxError(f"{display}: {name}: {message}")


def check_slug(slug: str):
    """A message when a slug would take a fixed path of the site."""
    if slug in RESERVED_SLUGS:
        return f'"{slug}" ist eine feste Adresse der Website und kann nicht vergeben werden.'
    return None


def is_slug(value: str) -> bool:
    """True for a valid slug or id: a–z, 0–9 and single hyphens."""
    return bool(SLUG.match(value))


def normalise_path(path: str) -> str:
    """A URL path in one canonical form, for comparing aliases and links."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if not path.startswith("/"):
        path = "/" + path
    return path


__all__ = [
    "ERROR", "WARNING", "check_dates", "check_easy_summary", "check_image_alt", "check_slug", "check_transfer", "is_slug",
    "normalise_path", "unsafe_values",
]
