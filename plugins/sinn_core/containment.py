"""Keeping untrusted content contained: paths inside content/, YAML within limits, values safe to print.

Not a plugin itself; the checker, the readers, the image pipeline, the redirects and the build log
import it, so that every one of them judges a path, a YAML text or a printed value the same way.
Own code rather than a library: each rule is a few lines over the standard library (os.path,
unicodedata), and the YAML limits must run *before* libyaml sees the text, which no YAML library
offers (libyaml crashes on deeply nested input instead of raising).
"""

from __future__ import annotations

import os
import re
import unicodedata

MAX_YAML_BYTES = 64 * 1024
# A whole story, page or actor file; the longest real story is a few KB.
MAX_TEXT_BYTES = 1024 * 1024
MAX_YAML_DEPTH = 20

_SEGMENT_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\]")


class ContentError(Exception):
    """Content that cannot be published; the message is German and names the file. The build prints it as it is."""


class ContentPathError(ValueError):
    """A path from content that would leave its folder; the message says why, in German."""


def resolve_content_path(content_root: str, relative: str, folder: str) -> str:
    """The real path of content/<relative>, refused unless it lies inside content/<folder>/ with no link on the way.

    `relative` is what an editor wrote (front matter, a link, an image in the text), already without
    any URL prefix. Refused: `..` and `.` segments, empty segments (`//`), backslashes, control
    characters, percent-encoded dots and slashes, and any symbolic link between content/ and the file.
    """
    text = relative if isinstance(relative, str) else ""
    if not text or text.startswith("/") or _SEGMENT_FORBIDDEN.search(text):
        raise ContentPathError(f'"{printable(text)}" ist kein gültiger Pfad innerhalb von content/{folder}/. Beispiel: {folder}/datei-name.jpg')
    if re.search(r"%(?:2e|2f|5c|00)", text, re.IGNORECASE):
        raise ContentPathError(f'"{printable(text)}" enthält kodierte Punkte oder Schrägstriche (%2e, %2f). Schreiben Sie den Pfad ohne Kodierung.')
    segments = text.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        raise ContentPathError(
            f'"{printable(text)}" enthält ".." oder leere Ordner. Pfade führen nie aus content/ heraus: '
            f"geben Sie den Pfad ab content/ an, z. B. {folder}/datei-name.jpg."
        )
    if segments[0] != folder:
        raise ContentPathError(f'"{printable(text)}" liegt nicht im Ordner content/{folder}/. Legen Sie die Datei dort ab.')
    root = os.path.realpath(content_root)
    candidate = os.path.join(root, *segments)
    if os.path.realpath(candidate) != candidate:
        raise ContentPathError(
            f'"{printable(text)}" führt über eine Verknüpfung (symbolischer Link) aus dem Inhaltsordner. '
            "Legen Sie die Datei selbst in den Ordner."
        )
    return candidate


def inside(folder: str, path: str) -> bool:
    """True when path (made absolute, not resolved) lies inside folder: for where the build may write."""
    folder, path = os.path.abspath(folder), os.path.abspath(path)
    return os.path.commonpath([folder, path]) == folder and path != folder


def printable(text) -> str:
    """The text with every control and line-separator character shown as an escape, safe for one log line."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in text)


def _escape(char: str) -> str:
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04x}")


# Categories str.isprintable() counts as not printable (it also counts Zs, but not the space, so Zs is left out).
_NOT_PRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def control_characters(text: str, categories: tuple[str, ...] = ("Cc", "Cf", "Zl", "Zp")) -> list[str]:
    """The names of control (and by default invisible format) characters in a one-line value (empty if none)."""
    if text.isprintable() and _NOT_PRINTABLE.issuperset(categories):
        return []  # looked at in C: asking each character's category was 10 % of a cold check
    return sorted({unicodedata.name(c, f"U+{ord(c):04X}") for c in text if unicodedata.category(c) in categories})


def yaml_limit_problem(text: str) -> tuple[int, str] | None:
    """(0-based line, German message) when a YAML text is too large or too deeply nested to parse safely; else None.

    Counts nesting the way YAML builds it: indentation levels of block collections (a `- ` item
    opens one more) and open brackets of flow collections. Quotes are followed so that brackets
    inside texts do not count; the estimate errs towards more depth, never less.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        return 0, (
            f"Der Kopfbereich ist {size // 1024} KB groß; erlaubt sind {MAX_YAML_BYTES // 1024} KB. "
            "Lange Texte gehören in den Haupttext unter dem Kopfbereich."
        )
    indents: list[int] = []
    flow = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if flow == 0 and stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            # Each "- " at the start opens a sequence level inside the same line.
            rest = stripped
            while rest.startswith("- ") or rest == "-":
                indent += 2
                indents.append(indent)
                rest = rest[2:].lstrip(" ")
        flow, deepest = _flow_depth(line, flow)
        if len(indents) + deepest > MAX_YAML_DEPTH:
            return number, (
                f"Die Felder sind zu tief verschachtelt (mehr als {MAX_YAML_DEPTH} Ebenen). "
                "Ein Kopfbereich braucht höchstens drei oder vier Ebenen: prüfen Sie Einrückung und Klammern [ ] { }."
            )
    return None


_FLOW_CHARACTERS = re.compile(r"[\[\]{}\"'#]")


def _flow_depth(line: str, depth: int) -> tuple[int, int]:
    """The bracket depth after a line, and the deepest it reached within it."""
    if not _FLOW_CHARACTERS.search(line):
        return depth, depth  # most lines: nothing to follow
    quote = ""
    deepest = depth
    for char in line:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and depth:
            quote = char
        elif char == "#" and not depth:
            break
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return depth, deepest
