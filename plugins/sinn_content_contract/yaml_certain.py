"""Slips in an editor's YAML that are wrong wherever they stand, each with the line as it should be written.

Tabs and odd spaces (no-break, zero-width: copied from Word, e-mails, web pages) in the indentation
or around a field name's colon, and `-beratung` for a list item. Some of them parse, into fields
named "\u00a0\u00a0alt" or a text "-beratung -bildung": no YAML error would ever point at them.
"""

from __future__ import annotations

import re

from .yaml_findings import TAB, Finding
from .yaml_lines import ODD_SPACES, ZERO_WIDTH, anatomy, block_content, field_names, is_odd, previous, space_names

# Lines worth a closer look; most files have none, and their check stays one search.
_SUSPECT = re.compile("[\t" + "".join(ODD_SPACES) + "]|^ *-[^\\s\\-0-9.]", re.MULTILINE)


def certain_findings(lines: list[str]) -> list[Finding]:
    """Slips that are wrong wherever they stand, one finding per line, each with its corrected line."""
    if not any(_SUSPECT.search(line) for line in lines):
        return []
    skip = block_content(lines)
    findings = []
    for index, line in enumerate(lines):
        if index in skip or (not line.strip() and not any(is_odd(c) or c == "\t" for c in line)):
            continue
        finding = _indentation_characters(line, index) or _key_characters(line, index) or _dash_without_space(lines, index, skip)
        if finding:
            findings.append(finding)
    return findings


def _indentation_characters(line: str, index: int) -> Finding | None:
    """Tabs and odd spaces before the first character of a line, or between a list dash and its entry."""
    end, after_dash = 0, False
    rebuilt = ""
    while end < len(line):
        char = line[end]
        if char == "-" and (end + 1 == len(line) or line[end + 1] in " \t" or is_odd(line[end + 1])):
            rebuilt, after_dash = rebuilt + "-", True
        elif char == "\t":
            rebuilt += " " if after_dash else "  "
        elif char == " " or is_odd(char):
            rebuilt += "" if char in ZERO_WIDTH else " "
        else:
            break
        end += 1
    prefix = line[:end]
    if prefix == rebuilt.replace("\t", "") and "\t" not in prefix:
        return None
    fixed = (rebuilt + line[end:]) if line[end:] else ""
    causes = []
    if "\t" in prefix:
        before_dash = "\t" in prefix.split("-")[0]
        causes.append(f"{TAB}" if before_dash else "Nach dem Strich eines Listeneintrags steht ein Tabulator. "
                      "Rücken Sie in YAML nur mit Leerzeichen ein: '- ' mit einem Leerzeichen.")
    names = space_names(prefix)
    if names:
        causes.append(f"Am Zeilenanfang steht {' und '.join(names)} statt eines normalen Leerzeichens. YAML erkennt es "
                      "nicht als Einrückung (das passiert oft beim Kopieren aus Word, E-Mails oder Webseiten).")
    if not fixed:
        causes.append("Die Zeile ist sonst leer: löschen Sie diese Zeichen.")
    column = next(i for i, c in enumerate(prefix) if c == "\t" or is_odd(c)) + 1
    return Finding(index, " ".join(causes), fixed, column)


def _key_characters(line: str, index: int) -> Finding | None:
    """Odd or invisible spaces in a field name, before its colon or right after it."""
    match = re.match(r"^( *(?:- +)*)([^\s:#\"'\[\]{}-][^:#]*?):(.*)$", line)
    if not match:
        return None
    lead, key, tail = match.groups()
    after = tail[:1] if tail[:1] and is_odd(tail[0]) and tail[0] != "\t" else ""
    in_key = any(is_odd(c) for c in key)
    if not in_key and not after:
        return None
    clean = "".join(" " if c in " " or (is_odd(c) and c not in ZERO_WIDTH) else "" if is_odd(c) else c for c in key).strip()
    if clean not in field_names():
        return None  # a text like "Note : …" (French spacing) in a longer value, or an unknown field the schema names
    value = tail[len(after):].strip(" ")
    names = space_names(key + after)
    where = "Im Feldnamen oder vor dem Doppelpunkt" if in_key else "Nach dem Doppelpunkt"
    column = len(lead) + (next(i for i, c in enumerate(key) if is_odd(c)) if in_key else len(key) + 1) + 1
    return Finding(index, f"{where} steht {' und '.join(names) or 'ein unsichtbares Zeichen'} statt eines "
                   "normalen Leerzeichens (oft beim Kopieren aus Word, E-Mails oder Webseiten).",
                   f"{lead}{clean}: {value}" if value else f"{lead}{clean}:", column)


def _dash_without_space(lines: list[str], index: int, skip: set[int]) -> Finding | None:
    """`-beratung` under `themes:` or below `- bildung`: meant as a list item, read as text."""
    match = re.match(r"^( *)-([^\s\-0-9.].*)$", lines[index])
    above = previous(lines, index, skip)
    if not match or above is None:
        return None
    parts = anatomy(lines[above])
    glued = re.match(r"^( *)-\S", lines[above])
    if not ((parts.opens and not parts.dash and parts.indent <= len(match.group(1)))
            or (parts.dash and parts.indent == len(match.group(1))) or (glued and len(glued.group(1)) == len(match.group(1)))):
        return None
    fixed = f"{match.group(1)}- {match.group(2)}"
    return Finding(index, "Nach dem Strich eines Listeneintrags fehlt das Leerzeichen: ohne es liest YAML "
                   f"„-{match.group(2)[:20]}“ als Text, nicht als Eintrag der Liste.", fixed, len(match.group(1)) + 1)
