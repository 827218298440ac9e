"""Checks of one file that need more than one field: dates in order, sources of facts, unsafe values, slugs."""

from __future__ import annotations

import datetime
import html
import math
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


# Summaries in other languages are plain text everywhere (the page, /en/, the data): Markdown would show as typed.
_MARKDOWN = re.compile(r"\*\*|__|\[[^\]\n]+\]\([^)\n]*\)|^\s*(?:#{1,6}|[-*+]|\d+\.)\s", re.MULTILINE)


def check_summaries(data: dict):
    """(path, message) for a summary in another language that uses Markdown."""
    summaries = data.get("summaries")
    for language, text in summaries.items() if isinstance(summaries, dict) else ():
        mark = _MARKDOWN.search(text) if isinstance(text, str) else None
        if mark:
            yield ["summaries", language], (
                f'enthält Markdown ("{printable(mark.group(0).strip())[:30]}"). Zusammenfassungen in anderen Sprachen sind '
                "reiner Text: die Zeichen erschienen so auf der Seite. Bitte entfernen; Links und Hervorhebungen gehören in den Text der Geschichte.")


# A source that names none: what is left when an editor fills the field without knowing the source (folded to a–z, 0–9).
SOURCE_PLACEHOLDERS = frozenset({"", "ka", "keineangabe", "keineangaben", "unbekannt", "na", "todo", "tbd", "xxx", "quelle", "folgt",
                                 "offen", "siehe", "sieheoben", "intern", "diverse"})


def fact_source_problems(data: dict):
    """(path, message) for each key fact without a source: the page lists every fact under "Kennzahlen mit Quellen".

    The schema leaves `source` optional (a fact is still a fact there, and editors' tools say so); the contract
    asks for it, and the build refuses a fact without one (build_refusals), so none is published as sourced.
    """
    facts = data.get("facts") if isinstance(data, dict) else None
    for index, fact in enumerate(facts if isinstance(facts, list) else []):
        if not isinstance(fact, dict):
            continue  # the schema explains what a fact looks like
        source, shown = fact.get("source"), _fact_shown(fact)
        if "source" not in fact:
            yield ["facts", index, "source"], (
                f"Pflichtfeld fehlt. Die Kennzahl {shown} erscheint unter „Kennzahlen mit Quellen“ und braucht eine Quelle: "
                f"wer hat gezählt oder gemessen, und wann? {SOURCE_EXAMPLE}")
        elif source is None or (isinstance(source, str) and _folded(source) in SOURCE_PLACEHOLDERS):
            said = "ist leer" if not (source or "").strip() else f'"{source.strip()}" nennt keine Quelle'
            yield ["facts", index, "source"], (
                f"{said}. Die Kennzahl {shown} erscheint unter „Kennzahlen mit Quellen“: nennen Sie, wer gezählt oder "
                f"gemessen hat, und wann. {SOURCE_EXAMPLE}")


SOURCE_EXAMPLE = 'Schreiben Sie unter value z. B. "source: Jahresbericht 2024 des Vereins", eingerückt wie label und value.'


def _fact_shown(fact: dict) -> str:
    label, value = fact.get("label"), fact.get("value")
    text = f"{label}: {value}" if isinstance(label, str) and isinstance(value, (str, int, float)) else str(label or value or "")
    return f'"{printable(text[:60])}"' if text else "ohne Namen"


def _folded(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


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
MULTILINE_FIELDS = {"description", "easy_summary", "summaries", "text"}
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
    malformed e-mail addresses (a mailto: link with headers), dates a press kit cannot store and key
    facts without a source (the page would list them under "Kennzahlen mit Quellen").
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
        yield from fact_source_problems(data)


NOT_A_NUMBER = "ist keine Zahl (.nan oder .inf). Schreiben Sie eine Zahl, z. B. 51.05 oder 1200."


def refuse_unpublishable(data, display: str, today: datetime.date) -> None:
    """Raise ContentSyntaxError naming the file and field for the first of build_refusals: the build's own stop."""
    for path, message in build_refusals(data, today):
        raise ContentSyntaxError(f"{display}: {field_name(path)}: {message}")


def field_name(path) -> str:
    """A field's path as the checker names it to editors: facts[1].source (list entries count from 1)."""
    name = ""
    for step in path:
        name += f"[{step + 1}]" if isinstance(step, int) else f".{step}" if name else str(step)
    return name or "Feld"


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
    "ERROR", "WARNING", "check_dates", "check_easy_summary", "check_slug", "check_summaries", "check_transfer", "fact_source_problems", "is_slug",
    "leaves", "normalise_path", "unsafe_values",
]
