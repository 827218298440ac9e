"""Reading editors' files: the YAML front matter of Markdown files and whole YAML files.

Dates stay strings here so the contract can explain a wrong date in the editor's own words;
the same loader serves the checker and the build, so both read a file the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentLoader(_Base):
    """A safe YAML loader that leaves dates as text."""


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")

# PyYAML's problems, said so that a non-programmer knows what to change.
_YAML_HINTS = {
    "mapping values are not allowed here": (
        "Ein Doppelpunkt steht, wo YAML keinen erwartet. Enthält ein Wert einen Doppelpunkt, "
        'setzen Sie ihn in Anführungszeichen, z. B. title: "Pflege: neu gedacht".'
    ),
    "found character '\\t' that cannot start any token": (
        "Ein Tabulator steht in der Einrückung. Rücken Sie in YAML nur mit Leerzeichen ein."
    ),
    "could not find expected ':'": (
        "Hier fehlt ein Doppelpunkt nach dem Feldnamen, oder ein Text in Anführungszeichen ist nicht geschlossen."
    ),
    "found unexpected end of stream": "Ein Anführungszeichen oder eine Klammer wird nicht geschlossen.",
    "did not find expected key": "Die Einrückung stimmt nicht: Felder auf einer Ebene müssen genau untereinander stehen.",
    "did not find expected '-' indicator": "Die Einrückung der Liste stimmt nicht: jeder Eintrag beginnt mit '- ' auf gleicher Höhe.",
    "found undefined alias": "Ein '*' am Anfang eines Werts wird als YAML-Verweis gelesen: setzen Sie den Wert in Anführungszeichen.",
    "expected <block end>, but found '-'": "Ein Listeneintrag ist anders eingerückt als die Einträge davor.",
}


class ContentSyntaxError(Exception):
    """A file cannot be read as the contract asks; carries the line and column (1-based)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Source:
    """The parts of one editor's file: YAML text, its first line in the file, and the body."""

    yaml_text: str
    yaml_first_line: int
    body: str = ""
    body_first_line: int = 0


def read_text(path: str) -> str:
    """The file's text; raise ContentSyntaxError when it is not UTF-8."""
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentSyntaxError(
            "Die Datei ist nicht in UTF-8 gespeichert. Speichern Sie sie im Editor als „UTF-8“ "
            "(im GitHub-Web-Editor geschieht das von selbst).",
            line=line,
        ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> Source:
    """Split `---` YAML `---` and the Markdown body; raise ContentSyntaxError if the block is wrong."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].rstrip() != "---":
        raise ContentSyntaxError(
            "Der Kopfbereich fehlt: die Datei muss mit einer Zeile '---' beginnen, darauf folgen "
            "die Felder (title, date, …) und wieder eine Zeile '---'.",
            line=(first or 0) + 1,
        )
    for index in range(first + 1, len(lines)):
        if _FENCE.match(lines[index]):
            return Source(
                yaml_text="\n".join(lines[first + 1 : index]),
                yaml_first_line=first + 2,
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    raise ContentSyntaxError(
        "Der Kopfbereich wird nicht geschlossen: nach den Feldern fehlt eine Zeile '---'.",
        line=first + 1,
    )


def load_yaml(source: Source):
    """Parse the YAML of a source; raise ContentSyntaxError with the line in the file."""
    for number, line in enumerate(source.yaml_text.split("\n")):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise ContentSyntaxError(
                "Ein Tabulator steht in der Einrückung. Rücken Sie in YAML nur mit Leerzeichen ein.",
                line=source.yaml_first_line + number,
                column=indent.index("\t") + 1,
            )
    try:
        return yaml.load(source.yaml_text, Loader=ContentLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = str(error.problem or error.context or "unbekannter Fehler")
        hint = _YAML_HINTS.get(problem, "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen.")
        line = source.yaml_first_line + mark.line if mark else source.yaml_first_line
        column = mark.column + 1 if mark else None
        where = f" (Spalte {column})" if column else ""
        raise ContentSyntaxError(
            f"YAML kann nicht gelesen werden{where}: {hint} [YAML: {problem}]", line=line, column=column
        ) from error
    except yaml.YAMLError as error:
        raise ContentSyntaxError(f"YAML kann nicht gelesen werden: {error}", line=source.yaml_first_line) from error


def locate(source: Source, path) -> int:
    """The file line of the value at `path` (keys and list indexes); the nearest parent if missing."""
    try:
        node = yaml.compose(source.yaml_text, Loader=ContentLoader)
    except yaml.YAMLError:
        return source.yaml_first_line
    line = node.start_mark.line if node is not None else 0
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((pair for pair in node.value if pair[0].value == step), None)
            if match is None:
                break
            line = match[0].start_mark.line
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line
        else:
            break
    return source.yaml_first_line + line
