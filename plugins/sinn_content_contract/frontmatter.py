"""Reading editors' files: the YAML front matter of Markdown files and whole YAML files.

Dates stay strings here so the contract can explain a wrong date in the editor's own words;
the same loader serves the checker and the build, so both read a file the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from sinn_core.containment import MAX_TEXT_BYTES, yaml_limit_problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentLoader(_Base):
    """A safe YAML loader that leaves dates as text, notes repeated keys and refuses references."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int, int]] = []

    def construct_object(self, node, deep=False):
        """Build a value; a node seen before is a YAML reference (*name), which editors never need."""
        if node in self.constructed_objects:
            raise ContentSyntaxError(
                "Verweise mit & und * werden nicht unterstützt. Schreiben Sie den Wert aus, oder setzen Sie "
                "einen Text, der mit & oder * beginnt, in Anführungszeichen.",
                line=node.start_mark.line + 1,
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        """Build a mapping and remember every key that appears twice (YAML keeps the last silently)."""
        seen: dict = {}
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicate_keys.append((key_node.value, key_node.start_mark.line, seen[key_node.value]))
                else:
                    seen[key_node.value] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*[^\s,\[\]{}]+")
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s'"#:][^:#]*:\s+)?(["'])(.*)$""")
_UNREADABLE = "Die Felder können nicht gelesen werden"
_TAB = "Ein Tabulator steht in der Einrückung. Rücken Sie in YAML nur mit Leerzeichen ein."

# PyYAML's problems (by a part of its English text), said so that a non-programmer knows what to
# change; `True` marks problems found at the end of something left open, reported where it begins.
_YAML_HINTS = (
    ("mapping values are not allowed", False,
     "Ein Doppelpunkt steht, wo keiner erwartet wird. Enthält ein Wert einen Doppelpunkt, setzen Sie ihn in "
     'Anführungszeichen, z. B. title: "Pflege: neu gedacht". Oder die Zeile ist weiter eingerückt als die Felder davor.'),
    ("tab", False, _TAB),
    ("cannot start any token", False,
     "Ein Wert beginnt mit einem Zeichen, das hier eine besondere Bedeutung hat (z. B. @, `, % oder |). "
     "Setzen Sie den Wert in Anführungszeichen."),
    ("could not find expected ':'", False,
     "Hier fehlt ein Doppelpunkt nach dem Feldnamen, oder ein Text in Anführungszeichen ist nicht geschlossen."),
    ("found unexpected end of stream", True,
     "Ein Anführungszeichen oder eine Klammer wird hier geöffnet, aber nicht geschlossen."),
    ("did not find expected ',' or", True,
     "Eine Liste in [ ] oder eine Gruppe in { } wird hier geöffnet, aber nicht richtig geschlossen. "
     "Enthält ein Eintrag ein Komma, setzen Sie ihn in Anführungszeichen."),
    ("did not find expected key", False,
     "Die Zeile passt nicht zu den Feldern davor: Entweder stimmt die Einrückung nicht (Felder einer Ebene stehen "
     "genau untereinander), oder nach einem Text in Anführungszeichen folgt noch etwas. Enthält ein Text selbst "
     "Anführungszeichen, setzen Sie ihn in die jeweils anderen (' statt \")."),
    ("did not find expected '-' indicator", False,
     "Die Einrückung der Liste stimmt nicht: jeder Eintrag beginnt mit '- ' auf gleicher Höhe."),
    ("expected <block end>", False, "Ein Listeneintrag ist anders eingerückt als die Einträge davor."),
    ("found undefined alias", False,
     "Ein Wert beginnt mit '*'. Setzen Sie ihn in Anführungszeichen, z. B. \"*neu*\"."),
    ("escape", False,
     'In "doppelten Anführungszeichen" hat \\ eine besondere Bedeutung. Verwenden Sie \'einfache\' Anführungszeichen.'),
    ("hexdecimal", False,
     'In "doppelten Anführungszeichen" hat \\ eine besondere Bedeutung. Verwenden Sie \'einfache\' Anführungszeichen.'),
    ("unhashable key", False, "Ein Feldname darf keine Liste und keine Gruppe sein."),
    ("could not determine a constructor", False,
     'Ein Wert beginnt mit "!". Setzen Sie ihn in Anführungszeichen.'),
)
_DEFAULT_HINT = "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der Zeile davor."


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
    duplicate_keys: list[tuple[str, int, int]] = field(default_factory=list)
    _node: object = field(default=None, repr=False, compare=False)

    def node(self):
        """The YAML node tree, composed once and only when a line must be found (error paths)."""
        if self._node is None:
            try:
                self._node = yaml.compose(self.yaml_text, Loader=ContentLoader) or False
            except yaml.YAMLError:
                self._node = False
        return self._node or None


def read_text(path: str) -> str:
    """The file's text; raise ContentSyntaxError when it is not UTF-8."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_TEXT_BYTES + 1)
    if len(raw) > MAX_TEXT_BYTES:
        raise ContentSyntaxError(
            f"Die Datei ist größer als {MAX_TEXT_BYTES // 1024} KB. So lange Texte kann die Website nicht zeigen: "
            "bitte kürzen oder auf mehrere Geschichten aufteilen.",
            line=1,
        )
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
    for number, line in enumerate(source.yaml_text.split("\n") if "\t" in source.yaml_text else ()):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            column = indent.index("\t") + 1
            raise ContentSyntaxError(f"{_UNREADABLE} (Spalte {column}): {_TAB}", source.yaml_first_line + number, column)
    limit = yaml_limit_problem(source.yaml_text)
    if limit:
        raise ContentSyntaxError(f"{_UNREADABLE}: {limit[1]}", line=source.yaml_first_line + limit[0])
    loader = ContentLoader(source.yaml_text)
    try:
        data = loader.get_single_data()
    except ContentSyntaxError as error:
        # The error names the referenced value; the editor needs the line of the *reference.
        lines = source.yaml_text.split("\n")
        use = next((i for i in range((error.line or 1) - 1, len(lines)) if _ALIAS.search(lines[i])), (error.line or 1) - 1)
        error.line = source.yaml_first_line + use
        raise
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, source) from error
    except yaml.YAMLError as error:
        raise ContentSyntaxError(f"{_UNREADABLE}. {_DEFAULT_HINT}", line=source.yaml_first_line) from error
    finally:
        loader.dispose()
    source.duplicate_keys = [
        (key, source.yaml_first_line + line, source.yaml_first_line + first) for key, line, first in loader.duplicate_keys
    ]
    return data


def _syntax_error(error: yaml.MarkedYAMLError, source: Source) -> ContentSyntaxError:
    """A German ContentSyntaxError for PyYAML's error, at the line where the editor should look."""
    problem = str(error.problem or error.context or "")
    hint, at_start = next(((text, start) for part, start, text in _YAML_HINTS if part in problem), (_DEFAULT_HINT, False))
    mark = (error.context_mark if at_start else None) or error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    column = mark.column + 1 if mark else None
    unclosed = _unclosed_quote(source.yaml_text, line)
    if unclosed is not None:
        line, column = unclosed
        hint = "In dieser Zeile wird ein Anführungszeichen geöffnet, aber nicht geschlossen."
    line += source.yaml_first_line
    where = f" (Spalte {column})" if column else ""
    technical = f" (Technische Meldung: {problem})" if problem else ""
    return ContentSyntaxError(f"{_UNREADABLE}{where}: {hint}{technical}", line=line, column=column)


def _unclosed_quote(text: str, up_to: int) -> tuple[int, int] | None:
    """(line, column) of the first value up to line `up_to` (0-based) that opens a quote it never closes."""
    for number, line in enumerate(text.split("\n")[: up_to + 1]):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.group(1), match.group(2)
        closed = re.search(r'(?<!\\)"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
        if not closed:
            return number, match.start(1) + 1
    return None


def locate_node(source: Source, path):
    """(file line of the key or item at `path`, its value node); the nearest parent if missing."""
    node = source.node()
    line = node.start_mark.line if node is not None else 0
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((pair for pair in node.value if pair[0].value == step), None)
            if match is None:
                return source.yaml_first_line + line, None
            line = match[0].start_mark.line
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line
        else:
            return source.yaml_first_line + line, None
    return source.yaml_first_line + line, node


def locate(source: Source, path) -> int:
    """The file line of the value at `path` (keys and list indexes); the nearest parent if missing."""
    return locate_node(source, path)[0]


def value_line(source: Source, path) -> int:
    """The file line where the text at `path` starts; block texts (| or >) start below their key."""
    line, node = locate_node(source, path)
    return line + 1 if node is not None and getattr(node, "style", None) in ("|", ">") else line
