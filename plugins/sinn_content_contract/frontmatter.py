"""Reading editors' files: the YAML front matter of Markdown files and whole YAML files.

Dates stay strings here so the contract can explain a wrong date in the editor's own words;
the same loader serves the checker and the build, so both read a file the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

import yaml

from sinn_core.containment import MAX_TEXT_BYTES, yaml_limit_problem

from .fences import find_frame
from .yaml_findings import DEFAULT_HINT, UNREADABLE
from .yaml_hints import Finding, ParseError, certain_findings, diagnose

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

_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*[^\s,\[\]{}]+")


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
    frame, problems = find_frame(lines)
    if problems:
        line, message = problems[0]
        raise ContentSyntaxError(message, line=line)
    return Source(
        yaml_text="\n".join(lines[frame.start : frame.end]),
        yaml_first_line=frame.start + 1,
        body="\n".join(lines[frame.body_start :]),
        body_first_line=frame.body_start + 1,
    )


def load_yaml(source: Source):
    """Parse the YAML of a source; raise ContentSyntaxError with the line in the file and the corrected line."""
    lines = source.yaml_text.split("\n")
    certain = certain_findings(lines)
    if certain:
        raise _error(certain[0], source)
    limit = yaml_limit_problem(source.yaml_text)
    if limit:
        raise ContentSyntaxError(f"{UNREADABLE}: {limit[1]}", line=source.yaml_first_line + limit[0])
    parsed = parse_yaml(source.yaml_text)
    if isinstance(parsed, ParseError):
        raise _error(diagnose(lines, parsed, partial(parses_further, parsed), source.yaml_first_line), source)
    data, duplicates = parsed
    source.duplicate_keys = [(key, source.yaml_first_line + line, source.yaml_first_line + first) for key, line, first in duplicates]
    return data


def parse_yaml(text: str):
    """(data, repeated keys as (key, line, first line), 0-based) of a YAML text, or the ParseError where it got stuck."""
    loader = ContentLoader(text)
    try:
        return loader.get_single_data(), loader.duplicate_keys
    except ContentSyntaxError as error:
        # The error names the referenced value; the editor needs the line of the *reference.
        lines = text.split("\n")
        use = next((i for i in range((error.line or 1) - 1, len(lines)) if _ALIAS.search(lines[i])), (error.line or 1) - 1)
        return ParseError(use, message=error.message)
    except yaml.MarkedYAMLError as error:
        problem, context = error.problem_mark or error.context_mark, error.context_mark
        return ParseError(problem.line if problem else 0, problem.column if problem else 0, str(error.problem or ""),
                          str(error.context or ""), context.line if context else None)
    except yaml.YAMLError:
        return ParseError(0, problem="", message=f"{UNREADABLE}. {DEFAULT_HINT}")
    finally:
        loader.dispose()


def parses_further(error: ParseError, lines: list[str], changed: int) -> bool:
    """True when a change to line `changed` helps: the lines parse, or PyYAML stops later or elsewhere below that line."""
    after = parse_yaml("\n".join(lines))
    if not isinstance(after, ParseError):
        return True
    moved = (after.line, after.column) != (error.line, error.column)
    return after.message is None and moved and ((after.line, after.column) > (error.line, error.column) or after.line > changed)


def _error(finding: Finding, source: Source) -> ContentSyntaxError:
    """The ContentSyntaxError for a finding, at its line in the file."""
    return ContentSyntaxError(finding.message(), line=source.yaml_first_line + finding.index, column=finding.column)


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
