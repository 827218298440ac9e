"""The controlled vocabularies of the showcase, read from YAML files in content/data/."""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from sinn_core.containment import printable, yaml_limit_problem

logger = logging.getLogger(__name__)

# File name (without .yml) → what the vocabulary is called in messages to editors.
VOCABULARY_FILES = {
    "themes": "Themenfeld",
    "regions": "Region",
    "stages": "Phase",
    "actor_types": "Akteurstyp",
    "target_groups": "Zielgruppe",
    "languages": "Sprache",
}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class VocabularyError(Exception):
    """A vocabulary file is missing or malformed; the message names the file."""


MAP_SHORT_MAX = 14
MAP_GRID_MAX = 20
# Synonyms are untrusted content like every file in content/: a few dozen short words per term are plenty.
SYNONYMS_MAX = 40
SYNONYM_LENGTH_MAX = 60
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"})


def fold(text: str) -> str:
    """A word in the form in which the vocabularies compare words: lower case, ä→ae, ß→ss, only a–z and 0–9.

    So "e.V.", "E. V." and "ev" are one word, as are "Görlitz", "goerlitz" and "Landkreis Görlitz" without spaces.
    """
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "", text.lower())


@dataclass(frozen=True)
class MapTile:
    """Where a region sits on the schematic map: a cell of a grid (column 0 = west, row 0 = north) and a short name."""

    column: int
    row: int
    short: str


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a stable id, a German label and a short description."""

    id: str
    label: str
    description: str = ""
    kind: str | None = None
    plural: str | None = None
    position: int = 0
    # The schema.org type for this term in structured data (actor types: NGO, GovernmentOrganization …).
    schema_type: str | None = None
    # Regions only: the tile of the schematic map of Saxony (None: not on the map, e.g. "sachsenweit").
    map: MapTile | None = None
    # Other words editors write for this term ("Verein" for initiative, "Plauen" for vogtlandkreis): the checker's
    # "Meinten Sie …?" looks at them before it looks at spelling.
    synonyms: tuple[str, ...] = ()
    # Languages only: the language's name in itself, the heading of a summary in it, and its writing direction.
    native: str | None = None
    heading: str | None = None
    direction: str = "ltr"


@dataclass
class Vocabulary:
    """An ordered set of terms, looked up by id."""

    name: str
    noun: str
    terms: dict[str, Term] = field(default_factory=dict)
    # Every folded id, label and synonym → the id of its term (fold()); built by read_vocabulary.
    words: dict[str, str] = field(default_factory=dict)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def __getitem__(self, term_id: str) -> Term:
        return self.terms[term_id]

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def ids(self) -> list[str]:
        """All ids, in the order of the file."""
        return list(self.terms)

    def meant(self, value: str) -> str | None:
        """The id of the term an editor meant with value: its id, label or a synonym, as a whole or as one of its words."""
        whole = self.words.get(fold(value))
        if whole:
            return whole
        found = {self.words[word] for word in map(fold, re.split(r"[\s,;/()]+", value)) if word in self.words}
        return found.pop() if len(found) == 1 else None


def read_vocabulary(path: str, name: str) -> Vocabulary:
    """Read one vocabulary file; raise VocabularyError naming the file on any problem."""
    noun = VOCABULARY_FILES.get(name, name)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        limit = yaml_limit_problem(text)
        if limit:
            raise VocabularyError(f"{path}:{limit[0] + 1}: {limit[1]}")
        entries = yaml.load(text, Loader=_Loader)
    except FileNotFoundError as error:
        raise VocabularyError(f"{path}: Datei fehlt. Sie legt die erlaubten Werte für {noun} fest.") from error
    except UnicodeDecodeError as error:
        raise VocabularyError(f"{path}: Die Datei ist nicht in UTF-8 gespeichert. Bitte als UTF-8 speichern.") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"{mark.line + 1}:" if mark else ""
        raise VocabularyError(f"{path}:{line} YAML ist fehlerhaft: {getattr(error, 'problem', error)}") from error
    if not isinstance(entries, list):
        raise VocabularyError(f"{path}: erwartet wird eine Liste von Einträgen mit id und label.")
    vocabulary = Vocabulary(name=name, noun=noun)
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise VocabularyError(f"{path}: Eintrag {position + 1} braucht 'id' und 'label'.")
        term_id = str(entry["id"])
        if term_id in vocabulary.terms:
            raise VocabularyError(f"{path}: die id '{term_id}' steht doppelt in der Liste.")
        vocabulary.terms[term_id] = Term(
            id=term_id,
            label=str(entry["label"]),
            description=str(entry.get("description", "")),
            kind=entry.get("kind"),
            plural=entry.get("plural"),
            position=position,
            schema_type=entry.get("schema_type"),
            map=_map_tile(path, position, entry.get("map")),
            synonyms=_synonyms(path, position, term_id, entry.get("synonyms")),
            **(_language(path, position, term_id, entry) if name == "languages" else {}),
        )
    _check_map_cells(path, vocabulary)
    _index_words(path, vocabulary)
    return vocabulary


def _synonyms(path: str, position: int, term_id: str, value) -> tuple[str, ...]:
    """The `synonyms` of a term, checked: a list of at most SYNONYMS_MAX short texts, each with a letter or digit."""
    if value is None:
        return ()
    where = f"{path}: Eintrag {position + 1} ({term_id}), Feld synonyms"
    if not isinstance(value, list):
        raise VocabularyError(f"{where}: erwartet wird eine Liste kurzer Wörter, z. B. [Verein, e.V.], gefunden: {_shown(value)}.")
    if len(value) > SYNONYMS_MAX:
        raise VocabularyError(f"{where}: hat {len(value)} Einträge; erlaubt sind höchstens {SYNONYMS_MAX}. Bitte die seltenen streichen.")
    for number, word in enumerate(value, 1):
        if not isinstance(word, str) or not fold(word) or len(word) > SYNONYM_LENGTH_MAX or not word.isprintable():
            raise VocabularyError(f"{where}, Eintrag {number}: erwartet wird ein Wort oder kurzer Name (1 bis {SYNONYM_LENGTH_MAX} "
                                  f"Zeichen, mit Buchstaben oder Ziffern, ohne Zeilenumbruch), gefunden: {_shown(word)}.")
    return tuple(word.strip() for word in value)


# A language's id is what the page writes into lang="…": a BCP 47 primary language subtag.
_LANGUAGE_ID = re.compile(r"^[a-z]{2,3}$")
LANGUAGE_TEXT_MAX = 60


def _language(path: str, position: int, term_id: str, entry: dict) -> dict:
    """The fields only a language has, checked: native name and heading in the language itself, writing direction."""
    where = f"{path}: Eintrag {position + 1} ({term_id})"
    if not _LANGUAGE_ID.match(term_id):
        raise VocabularyError(f"{where}: die id ist der Sprachcode nach BCP 47, zwei oder drei Kleinbuchstaben, z. B. en, pl oder cs.")
    found = {}
    for name, example in (("native", "English"), ("heading", "In English")):
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > LANGUAGE_TEXT_MAX or not value.isprintable():
            raise VocabularyError(f"{where}, Feld {name}: erwartet wird ein kurzer Text in der Sprache selbst "
                                  f"(1 bis {LANGUAGE_TEXT_MAX} Zeichen), z. B. {example}.")
        found[name] = value.strip()
    direction = entry.get("direction", "ltr")
    if direction not in ("ltr", "rtl"):
        raise VocabularyError(f"{where}, Feld direction: erwartet wird ltr (von links nach rechts) oder rtl, gefunden: {_shown(direction)}.")
    return {**found, "direction": direction}


def _shown(value) -> str:
    """A value from the file, short and printable, for a message."""
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return printable(text if len(text) <= 60 else text[:60] + "…")


def _index_words(path: str, vocabulary: Vocabulary) -> None:
    """Fill vocabulary.words; a synonym that already means another term is an error (which one would be meant?)."""
    for term in vocabulary:
        for word in filter(None, (term.id, term.label, term.native)):
            vocabulary.words.setdefault(fold(word), term.id)
    for term in vocabulary:
        for synonym in term.synonyms:
            other = vocabulary.words.setdefault(fold(synonym), term.id)
            if other != term.id:
                raise VocabularyError(
                    f'{path}: "{synonym}" (synonyms von \'{term.id}\') bedeutet schon \'{other}\'. '
                    "Ein Wort darf nur zu einem Eintrag gehören: bitte bei einem der beiden streichen."
                )


def _map_tile(path: str, position: int, value) -> MapTile | None:
    """The `map` entry of a term, checked: column and row whole numbers from 0, a short name."""
    if value is None:
        return None
    where = f"{path}: Eintrag {position + 1}, Feld map"
    if not isinstance(value, dict) or set(value) != {"column", "row", "short"}:
        raise VocabularyError(f"{where}: erwartet werden genau column, row und short, z. B. {{column: 0, row: 1, short: Leipzig}}.")
    for name in ("column", "row"):
        number = value[name]
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAP_GRID_MAX:
            raise VocabularyError(f"{where}.{name}: erwartet wird eine ganze Zahl von 0 bis {MAP_GRID_MAX}, gefunden: {number!r}.")
    short = value["short"]
    if not isinstance(short, str) or not short.strip() or len(short) > MAP_SHORT_MAX:
        raise VocabularyError(f"{where}.short: erwartet wird ein kurzer Name mit 1 bis {MAP_SHORT_MAX} Zeichen, gefunden: {short!r}.")
    return MapTile(column=value["column"], row=value["row"], short=short.strip())


def _check_map_cells(path: str, vocabulary: Vocabulary) -> None:
    """No two terms on the same map cell."""
    cells: dict[tuple[int, int], str] = {}
    for term in vocabulary:
        if term.map is None:
            continue
        cell = (term.map.column, term.map.row)
        if cell in cells:
            raise VocabularyError(
                f"{path}: '{term.id}' und '{cells[cell]}' liegen auf demselben Kartenfeld "
                f"(column {cell[0]}, row {cell[1]}). Bitte einem der beiden ein freies Feld geben."
            )
        cells[cell] = term.id


_cache: dict[tuple, dict[str, Vocabulary]] = {}


def load_vocabularies(data_path: str) -> dict[str, Vocabulary]:
    """All vocabularies in data_path, cached until one of their files changes."""
    paths = {name: os.path.join(data_path, f"{name}.yml") for name in VOCABULARY_FILES}
    stamp = tuple((path, _mtime(path)) for path in paths.values())
    if stamp not in _cache:
        _cache.clear()
        _cache[stamp] = {name: read_vocabulary(path, name) for name, path in paths.items()}
    return _cache[stamp]


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None
