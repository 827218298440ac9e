"""Finding the front matter of a Markdown file: the `---` lines around it, and the usual slips with them.

Word and e-mail programs turn `---` into a dash (—); editors forget the closing line or the opening
one. `find_frame` says where the fields most likely are and what is wrong; the build refuses any
file with a finding, the checker reads the fields anyway to report their other mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_DASHES = "-–—―‒−‐‑"
_KEY = re.compile(r"^[a-z_][a-z0-9_]*[ \t]*:")
_HEADING = re.compile(r"^#{2,6}[ \t]+\S")
_MISSING = ("Der Kopfbereich fehlt: die Datei muss mit einer Zeile '---' beginnen, darauf folgen "
            "die Felder (title, date, …) und wieder eine Zeile '---'.")


@dataclass
class Frame:
    """Where the fields are (0-based line indexes; `end` is the closing line or where it is missing) and the slips found."""

    start: int
    end: int
    body_start: int
    problems: list[tuple[int, str]] = field(default_factory=list)  # (file line, German message)


def _dash_line(line: str) -> bool:
    """A line of dashes that is not `---`: a fence retyped by a word processor (—, –––, ----, - - -)."""
    text = line.strip()
    return bool(text) and not FENCE.match(text) and text != "-" and all(c in _DASHES + " " for c in text)


def _yaml_like(line: str) -> bool:
    """Could this line belong to the fields? (blank, indented, a list item, a comment, `name:` or a bracket)"""
    if not line.strip() or line[0] in " \t\u00a0-[{\"'}]":
        return True
    return bool(_KEY.match(line)) or (line.startswith("#") and not _HEADING.match(line))


def find_frame(lines: list[str]) -> tuple[Frame | None, list[tuple[int, str]]]:
    """The front matter's place and the slips with its `---` lines; no frame when no field can be found."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, [(1, _MISSING)]
    problems: list[tuple[int, str]] = []
    opening = lines[first]
    if opening.rstrip() == "---":
        start = first + 1
    elif _dash_line(opening):
        problems.append((first + 1, _dash_message(opening, "öffnen")))
        start = first + 1
    elif _KEY.match(opening):
        problems.append((first + 1, f"Der Kopfbereich fehlt: vor dem ersten Feld muss eine Zeile '---' stehen. Schreiben Sie "
                         f"über Zeile {first + 1} eine Zeile `---`."))
        start = first
    else:
        return None, [(first + 1, _MISSING)]
    body = next((i for i in range(start, len(lines)) if not _yaml_like(lines[i])), None)
    prose = 0  # lines that cannot be fields: a stray one is a slip in the fields, several are the text
    for index in range(start, len(lines)):
        if FENCE.match(lines[index]) and prose < 3 and not (body is not None and body < index and _HEADING.match(lines[body])):
            return Frame(start, index, index + 1, problems), problems
        if _dash_line(lines[index]) and prose == 0:
            problems.append((index + 1, _dash_message(lines[index], "schließen")))
            return Frame(start, index, index + 1, problems), problems
        prose += not _yaml_like(lines[index]) and not _dash_line(lines[index])
    if body is None:
        last = max((i for i in range(start, len(lines)) if lines[i].strip()), default=start)
        problems.append((last + 1, "Der Kopfbereich wird nicht geschlossen: nach den Feldern fehlt eine Zeile '---'. "
                         f"Schreiben Sie sie unter das letzte Feld (Zeile {last + 1})."))
        return Frame(start, len(lines), len(lines), problems), problems
    snippet = lines[body].strip()
    snippet = snippet if len(snippet) <= 40 else snippet[:40] + " …"
    problems.append((body + 1, f"Der Kopfbereich (ab Zeile {first + 1}) wird nicht geschlossen: nach den Feldern fehlt eine "
                     f"Zeile '---'. Der Text beginnt vermutlich in Zeile {body + 1} („{snippet}“): schreiben Sie davor eine "
                     "Zeile `---` und darunter eine leere Zeile."))
    return Frame(start, body, body, problems), problems


def _dash_message(line: str, verb: str) -> str:
    return (f"Die Zeile „{line.strip()}“ soll wohl den Kopfbereich {verb}, besteht aber nicht aus genau drei Bindestrichen "
            "(Textprogramme machen aus --- gern einen langen Strich —). Schreiben Sie die Zeile so: `---`.")
