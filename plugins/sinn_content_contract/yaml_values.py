"""What is wrong in one line of YAML that PyYAML stopped at: its value, or a line that is no field at all.

Each hint returns the line as the editor should write it (or None where there is no safe guess);
yaml_hints keeps a hint only when the corrected text parses further.
"""

from __future__ import annotations

import re

from .yaml_findings import Finding, ParseError
from .yaml_lines import CLOSING_QUOTES, OPENING_QUOTES, anatomy, closing_quote, field_names, previous, quoted, special_start


def value_finding(lines, index, error: ParseError, skip, first_line) -> Finding | None:
    """The slip in the value of line `index` (quotes, colon, brackets, a YAML character first), or in a line without `name:`."""
    line = lines[index]
    parts = anatomy(line)
    value, lead = parts.value.rstrip(), parts.lead
    column = len(lead) + 1
    if "tab" in error.problem and "\t" in line:
        return Finding(index, "In der Zeile steht ein Tabulator, wo YAML keinen erlaubt. Nehmen Sie ein Leerzeichen.",
                       line.replace("\t", " "), line.index("\t") + 1)
    if parts.key is None and not parts.dash:
        return _not_a_field(lines, index, skip, first_line)
    if not value:
        return None
    first, last = value[0], value[-1]
    if len(value) > 1 and (first in OPENING_QUOTES or last in CLOSING_QUOTES) and first in OPENING_QUOTES + "\"'" \
            and last in CLOSING_QUOTES + "\"'" and (first in OPENING_QUOTES or closing_quote(value) is None):
        inner = value[1:-1]
        why = "; deshalb hält YAML den Doppelpunkt darin für einen neuen Feldnamen" if ": " in inner or inner.endswith(":") else ""
        return Finding(index, f"Der Wert steht in typografischen Anführungszeichen ({first}…{last}), die YAML nicht als "
                       f"Anführungszeichen erkennt{why}. Nehmen Sie gerade Anführungszeichen (\"…\").", lead + quoted(inner), column)
    if first in "\"'":
        return _straight_quotes(index, lead, value, error, column)
    if first in "|>" and ("block scalar" in error.context or "block scalar" in error.problem):
        return Finding(index, f"Nach {first} beginnt ein mehrzeiliger Text erst in der nächsten Zeile (eingerückt). Ein Text in "
                       "derselben Zeile gehört in Anführungszeichen.", lead + quoted(value[1:].strip()), column)
    if value.startswith("- ") and parts.key is not None:
        return Finding(index, "Ein Listeneintrag ('- …') steht in derselben Zeile wie der Feldname. Schreiben Sie die Liste in "
                       "eckigen Klammern oder jeden Eintrag in eine eigene, eingerückte Zeile '- …'.",
                       f"{lead}[{value[2:].strip()}]", column)
    if first in "[{":
        return _brackets(index, lead, value, column)
    if special_start(value) and first not in ",#":
        meaning = "einen Verweis" if first in "*&" else "eine besondere Bedeutung"
        return Finding(index, f"Der Wert beginnt mit {first}, das in YAML {meaning} hat. Setzen Sie den Wert in "
                       "Anführungszeichen.", lead + quoted(value), column)
    colon = value.find(": ")
    if colon >= 0 or value.endswith(":"):
        colon = colon if colon >= 0 else len(value) - 1
        return Finding(index, "Der Wert enthält einen Doppelpunkt mit Leerzeichen danach (oder am Zeilenende); YAML hält ihn "
                       "für den Beginn eines neuen Feldes. Setzen Sie so einen Wert in Anführungszeichen.",
                       lead + quoted(value), len(lead) + colon + 1)
    return None


def _straight_quotes(index, lead, value, error: ParseError, column) -> Finding | None:
    close = closing_quote(value)
    if close is None:
        return Finding(index, "In dieser Zeile wird ein Anführungszeichen geöffnet, aber nicht geschlossen.",
                       lead + quoted(value[1:]), column)
    rest = value[close + 1 :].strip()
    if rest and not rest.startswith("#"):
        text = value[1:-1] if value.endswith(value[0]) else value
        cause = ("Der Text enthält selbst Anführungszeichen; YAML hält das zweite für das Ende des Werts."
                 if value.endswith(value[0]) else "Nach dem Text in Anführungszeichen folgt noch etwas.")
        return Finding(index, f"{cause} Setzen Sie den ganzen Wert in Anführungszeichen der anderen Art.",
                       lead + ("'" + text.replace("'", "''") + "'" if '"' in text else quoted(text)), len(lead) + close + 1)
    if value[0] == '"' and ("escape" in error.problem or "hexdecimal" in error.problem):
        return Finding(index, 'In "doppelten Anführungszeichen" hat \\ eine besondere Bedeutung. Nehmen Sie einfache '
                       "Anführungszeichen.", lead + "'" + value[1:close].replace("'", "''") + "'", column)
    return None


def _brackets(index, lead, value, column) -> Finding | None:
    pairs, depth, quote = {"[": "]", "{": "}"}, 0, None
    for position, char in enumerate(value):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                rest = value[position + 1 :].strip()
                if rest and not rest.startswith("#"):
                    return Finding(index, f"Der Wert beginnt mit {value[0]} … {pairs[value[0]]}; YAML liest das als "
                                   f"{'Liste' if value[0] == '[' else 'Gruppe'}, danach folgt aber noch Text. Setzen Sie den "
                                   "ganzen Wert in Anführungszeichen.", lead + quoted(value), column)
                return None
    what = "Eine Liste in [ ]" if value[0] == "[" else "Eine Gruppe in { }"
    return Finding(index, f"{what} wird hier geöffnet, aber nicht geschlossen.", lead + value + pairs[value[0]] * max(depth, 1), column)


def _not_a_field(lines, index, skip, first_line) -> Finding | None:
    """A line without `name:`: a field whose colon or space is missing, or a text that continues the line above."""
    line = lines[index]
    known = field_names()
    glued = re.match(r"^( *)([a-z_][a-z0-9_]*):(?!//)(\S.*)$", line)
    if glued and glued.group(2) in known:
        fixed = f"{glued.group(1)}{glued.group(2)}: {glued.group(3)}"
        return _quote_if_needed(Finding(index, f"Nach dem Doppelpunkt hinter {glued.group(2)} fehlt ein Leerzeichen.", fixed,
                                        len(glued.group(1) + glued.group(2)) + 2))
    bare = re.match(r"^( *)([a-z_][a-z0-9_]*)( *= *| +)(\S.*)$", line)
    if bare and bare.group(2) in known:
        cause = (f"Zwischen {bare.group(2)} und dem Wert steht „=“; in YAML steht dort ein Doppelpunkt." if "=" in bare.group(3)
                 else f"Nach dem Feldnamen {bare.group(2)} fehlt der Doppelpunkt.")
        fixed = f"{bare.group(1)}{bare.group(2)}: {bare.group(4)}"
        return _quote_if_needed(Finding(index, cause, fixed, len(bare.group(1) + bare.group(2)) + 1))
    name = line.strip()
    if name in known:
        return Finding(index, f"Nach dem Feldnamen {name} fehlt der Doppelpunkt.", f"{line.rstrip()}:", len(line.rstrip()) + 1)
    indent = len(line) - len(line.lstrip(" "))
    if name.startswith(":"):
        return Finding(index, "Vor dem Doppelpunkt fehlt der Feldname.", None, indent + 1)
    above = previous(lines, index, skip)
    parts = anatomy(lines[above]) if above is not None else None
    if parts is None or parts.key is None or indent > parts.content_indent:
        parts = None
    elif not parts.value.strip() and not parts.dash:
        return Finding(index, f"Die Zeile ist kein Feld (name: wert). Ist sie der Wert von {parts.key} aus Zeile "
                       f"{first_line + above}, rücken Sie sie ein.", " " * (parts.content_indent + 2) + name, 1)
    elif parts.value.strip()[0] not in "\"'[{|>":
        return Finding(index, f"Die Zeile ist kein Feld (name: wert). Gehört sie zum Text von {parts.key} in Zeile "
                       f"{first_line + above}, rücken Sie sie ein; sonst löschen Sie sie.", " " * (parts.content_indent + 2) + name, 1)
    return Finding(index, "Die Zeile ist kein Feld im Format 'name: wert'. Schreiben Sie den Feldnamen mit Doppelpunkt davor "
                   "oder löschen Sie die Zeile.", None, indent + 1)


def _quote_if_needed(finding: Finding) -> Finding:
    """A corrected `name: wert` whose value still needs quotes gets them too."""
    parts = anatomy(finding.fixed)
    value = parts.value.rstrip()
    if ": " in value or value.endswith(":") or (special_start(value) and value[0] not in "\"'[{#"):
        finding.fixed = parts.lead + quoted(value)
        finding.cause += " Der Wert braucht außerdem Anführungszeichen."
    return finding
