"""The anatomy of one line of an editor's YAML: indentation, list dash, field name, value.

PyYAML reports where it got stuck, not what the editor typed; to say what went wrong and to show
the corrected line, the line itself must be read. YAML's grammar is not line-based, so these are
deliberately simple guesses that are only trusted after the corrected text parses (yaml_hints).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

logger = logging.getLogger(__name__)

# Spaces YAML does not take for spaces; copied in from Word, e-mails and web pages. None: no width.
ODD_SPACES = {
    "\u00a0": "ein geschütztes Leerzeichen (U+00A0)",
    "\u202f": "ein schmales geschütztes Leerzeichen (U+202F)",
    "\u2007": "ein Ziffern-Leerzeichen (U+2007)",
    "\u2009": "ein schmales Leerzeichen (U+2009)",
    "\u3000": "ein breites Leerzeichen (U+3000)",
    "\u200b": "ein unsichtbares Leerzeichen (U+200B)",
    "\u200c": "ein unsichtbares Zeichen (U+200C)",
    "\u200d": "ein unsichtbares Zeichen (U+200D)",
    "\u2060": "ein unsichtbarer Wortverbinder (U+2060)",
    "\ufeff": "ein unsichtbares Zeichen (U+FEFF)",
    "\u00ad": "ein unsichtbarer Trennstrich (U+00AD)",
    "\u200e": "ein unsichtbares Richtungszeichen (U+200E)",
    "\u200f": "ein unsichtbares Richtungszeichen (U+200F)",
}
ODD_SPACES.update({chr(code): f"ein besonderes Leerzeichen (U+{code:04X})" for code in range(0x2000, 0x200B)
                   if chr(code) not in ODD_SPACES})
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
OPENING_QUOTES = "„“”«»‚‘’‹›"
CLOSING_QUOTES = "“”«»‘’‹›"

_SPECIAL_FIRST = "\"'[]{}#&*!|>%@`,"
_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>(?:-(?: +|$))*)"
    r"(?:(?P<key>[^\s:#\"'\[\]{}&*!|>%@`,„“”«»‚‘’‹›-][^:#\n]*?|\"[^\"]*\"|'[^']*') *(?P<colon>:)(?: +|$))?"
    r"(?P<value>.*)$"
)
_BLOCK_INDICATOR = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")


@dataclass(frozen=True)
class Line:
    """One YAML line cut into its parts; `lead` is everything before the value, as written."""

    indent: int
    dash: str
    key: str | None
    value: str
    lead: str

    @property
    def opens(self) -> bool:
        """True when the next lines may be indented deeper: `name:` without a value, `-` alone, or `|`/`>`."""
        return (self.key is not None or bool(self.dash)) and (not self.value.strip() or bool(_BLOCK_INDICATOR.match(self.value)))

    @property
    def content_indent(self) -> int:
        """Where a field inside a list item starts (`- text: …` → after the dash)."""
        return self.indent + len(self.dash)


def anatomy(line: str) -> Line:
    """The parts of one line."""
    match = _LINE.match(line)
    key = match.group("key")
    return Line(len(match.group("indent")), match.group("dash"), key.strip() if key else None, match.group("value"),
                line[: match.start("value")])


def quoted(text: str) -> str:
    """The text as a YAML value in straight quotes, in the kind the editor can read most easily."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def closing_quote(value: str) -> int | None:
    """The index of the quote that closes a value opened with ' or "; None if it never closes."""
    quote, index = value[0], 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def special_start(value: str) -> bool:
    """True when a value begins with a character YAML reads as syntax, not as text."""
    return bool(value) and value[0] in _SPECIAL_FIRST


def space_names(text: str) -> list[str]:
    """The German names of the odd spaces in a text, each once, in order."""
    return list(dict.fromkeys(ODD_SPACES[char] for char in text if char in ODD_SPACES))


def is_odd(char: str) -> bool:
    """True for a space or invisible character YAML does not take for a space."""
    return char in ODD_SPACES or (unicodedata.category(char) in ("Zs", "Cf") and char != " ")


def block_content(lines: list[str]) -> set[int]:
    """The indexes of lines inside a `|` or `>` text: their content is the editor's text, not YAML."""
    inside: set[int] = set()
    owner = None
    for index, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if owner is not None:
            if not stripped or len(line) - len(stripped) > owner:
                inside.add(index)
                continue
            owner = None
        parts = anatomy(line)
        if (parts.key is not None or parts.dash) and _BLOCK_INDICATOR.match(parts.value):
            owner = parts.indent
    return inside


def meaningful(lines: list[str], index: int, skip: set[int]) -> bool:
    """True for a line that holds YAML: not blank, not a comment, not inside a `|` text."""
    stripped = lines[index].strip()
    return index not in skip and bool(stripped) and not stripped.startswith("#")


def previous(lines: list[str], index: int, skip: set[int]) -> int | None:
    """The index of the nearest line above that holds YAML."""
    return next((i for i in range(index - 1, -1, -1) if meaningful(lines, i, skip)), None)


def levels(lines: list[str], index: int, skip: set[int]) -> list[int]:
    """The indentations of the fields and list items still open at a line: where a line may start."""
    stack: list[int] = []
    for number in range(index):
        if not meaningful(lines, number, skip):
            continue
        parts = anatomy(lines[number])
        if parts.key is None and not parts.dash:
            continue  # a text continued from the line above
        while stack and stack[-1] > parts.indent:
            stack.pop()
        if not stack or stack[-1] < parts.indent:
            stack.append(parts.indent)
        if parts.dash and parts.key is not None:
            stack.append(parts.content_indent)
    return stack


def top_key(lines: list[str], index: int) -> str | None:
    """The top-level field a line belongs to (its own name when it is one)."""
    for number in range(index, -1, -1):
        line = lines[number]
        if line.strip() and not line[0].isspace() and not line.startswith("#"):
            parts = anatomy(line)
            return parts.key if parts.key is not None and not parts.dash else None
    return None


@lru_cache(maxsize=1)
def field_names() -> frozenset:
    """Every field name the contract knows, at any depth: a word before a missing colon is one of these."""
    from .validate import schema_for  # noqa: PLC0415 - validate needs this package loaded first

    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            names.update(node.get("properties", {}) if isinstance(node.get("properties"), dict) else ())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    try:
        for kind in ("story", "actor", "page"):
            walk(schema_for(kind))
    except Exception:  # without the schema, the hints that need names stay silent
        logger.debug("the schema's field names could not be read", exc_info=True)
    return frozenset(names)
