"""What an editor got wrong in a line of YAML, in German, with the line as it should be written.

Two kinds of findings: `certain_findings` are slips that are wrong wherever they stand (tabs and
odd spaces in the indentation, `-beratung` for a list item); `diagnose` explains one PyYAML error
by trying the known slips on the lines around it and keeps a guess only if the corrected text
gets further. PyYAML says where it got stuck in English parser terms; no library turns that into
an editor's cause and fix, hence this module.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from .yaml_certain import certain_findings
from .yaml_findings import Finding, ParseError, fallback_hint
from .yaml_lines import anatomy, block_content, closing_quote, levels, meaningful, previous
from .yaml_values import value_finding

logger = logging.getLogger(__name__)

__all__ = ["Finding", "ParseError", "certain_findings", "diagnose"]


def diagnose(lines: list[str], error: ParseError, parses_further: Callable[[list[str], int], bool], first_line: int) -> Finding:
    """The likeliest slip behind one PyYAML error; a guessed correction is kept only if the text then parses further."""
    if error.message:
        return Finding(error.line, error.message, whole=True)
    skip = block_content(lines)
    near = [error.line]
    if error.context_line is not None and any(word in error.context for word in ("quoted", "flow", "simple key", "block scalar")):
        near.insert(0, error.context_line)
    earlier = [i for i in range(error.line - 1, max(error.line - 4, -1), -1)]
    if error.context_line is not None and error.context_line < error.line and "block" not in error.context:
        earlier = list(range(error.line - 1, error.context_line - 1, -1))
    # A quote left open swallows the lines below it: PyYAML stops far from where it opens.
    unclosed = [i for i in range(min(error.line, len(lines))) if _opens_quote(lines[i])][:1]
    for index in dict.fromkeys(i for i in near + unclosed + earlier if 0 <= i < len(lines)):
        finding = _line_finding(lines, index, error, skip, first_line)
        # Kept only if the corrected (or, without a guess, the left-out) line lets PyYAML get further.
        if finding is not None and parses_further([*lines[:index], finding.fixed or "", *lines[index + 1 :]], index):
            return finding
    hint, at_start = fallback_hint(error.problem or error.context)
    index = error.context_line if at_start and error.context_line is not None else error.line
    return Finding(min(index, max(len(lines) - 1, 0)), hint, None, error.column + 1 if index == error.line else None,
                   error.problem or error.context)


def _opens_quote(line: str) -> bool:
    value = anatomy(line).value.strip()
    return value[:1] in ("'", '"') and closing_quote(value) is None


def _line_finding(lines: list[str], index: int, error: ParseError, skip: set[int], first_line: int) -> Finding | None:
    """The known slips of one line: what is wrong in its value, then in its indentation."""
    line = lines[index]
    if not meaningful(lines, index, skip) and "\t" not in line:
        return None
    value = value_finding(lines, index, error, skip, first_line)
    fixed = value.fixed if value and value.fixed is not None else line
    indent = _indent_finding(lines, index, fixed, skip)
    if value and indent:
        return Finding(index, f"{value.cause} {indent.cause}", indent.fixed, value.column)
    return value or indent


def _indent_finding(lines, index, fixed_line: str, skip) -> Finding | None:
    """A field or list item indented like none of the fields and items above it."""
    parts = anatomy(fixed_line)
    if not parts.dash and (parts.key is None or not re.fullmatch(r"[a-z_][a-z0-9_]*", parts.key)):
        return None
    above = previous(lines, index, skip)
    if above is None:
        allowed = [0]
    else:
        upper = anatomy(lines[above])
        if upper.opens and parts.indent > upper.indent:
            return None
        allowed = levels(lines, index, skip) or [0]
    if parts.indent in allowed:
        return None
    target = min(allowed, key=lambda level: (abs(level - parts.indent), -level))
    where = "ganz links (ohne Einrückung)" if target == 0 else f"mit {target} Leerzeichen eingerückt"
    what = "Einträge" if parts.dash and parts.key is None else "Felder"
    return Finding(index, f"Die Zeile ist mit {parts.indent} Leerzeichen eingerückt; die {what} dieser Ebene darüber stehen "
                   f"{where}. Was zusammengehört, steht genau untereinander.", " " * target + fixed_line.lstrip(" "), 1)
