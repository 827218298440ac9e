"""Reading past syntax errors, for the report only: every slip in a file, and the field checks on the rest.

One YAML error used to hide every other mistake of a file until the next round. Here each error
is explained (yaml_hints), its line corrected or left out, and the text parsed again, a bounded
number of times; lines keep their numbers, so later problems point into the editor's file.
The repaired fields are a guess: they are only ever checked, never built (the build reads files
with frontmatter.load_yaml, which refuses them).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from functools import partial

from sinn_core.containment import yaml_limit_problem

from .documents import Document
from .fences import find_frame
from .frontmatter import ContentSyntaxError, Source, parse_yaml, parses_further, read_text
from .problems import Problem
from .yaml_hints import ParseError, certain_findings, diagnose
from .yaml_lines import top_key

logger = logging.getLogger(__name__)

MAX_ROUNDS = 25  # a file with more slips than this gets the first ones; the next run shows the rest


@dataclass
class Recovered:
    """What could be read of a broken file: the syntax problems, and the fields as repaired (None if none)."""

    errors: list[ContentSyntaxError] = field(default_factory=list)
    source: Source | None = None
    data: dict | None = None
    unread: set[str] = field(default_factory=set)  # top-level fields left out in part or whole

    def hides(self, field_name: str | None) -> bool:
        """True for a field problem about a field that was left out: its real value was not read."""
        return bool(field_name) and re.split(r"[.\[]", field_name)[0] in self.unread


def recover(kind: str, text: str) -> Recovered | None:
    """Every syntax problem of a story, page or actor text and the fields read past them; None if nothing can be read."""
    lines = text.split("\n")
    recovered = Recovered()
    if kind == "actor":
        start, end, body_start = 0, len(lines), len(lines)
    else:
        frame, problems = find_frame(lines)
        recovered.errors += [ContentSyntaxError(message, line=line) for line, message in problems]
        if frame is None:
            return recovered
        start, end, body_start = frame.start, frame.end, frame.body_start
    yaml_lines = lines[start:end]
    limit = yaml_limit_problem("\n".join(yaml_lines))
    if limit:
        return None  # too large or too deep to parse again and again; the loader's own message says so
    first_line = start + 1
    data = _read_past_errors(yaml_lines, first_line, recovered)
    recovered.source = Source("\n".join(yaml_lines), first_line, "\n".join(lines[body_start:]), body_start + 1)
    if isinstance(data, tuple) and isinstance(data[0] or {}, dict):
        recovered.data = data[0] or {}
        recovered.source.duplicate_keys = [(k, first_line + line, first_line + first) for k, line, first in data[1]]
    return recovered


def _read_past_errors(lines: list[str], first_line: int, recovered: Recovered):
    """Correct or leave out line after line until the text parses; (data, repeated keys) or the last ParseError."""
    reported: set[int] = set()
    for finding in certain_findings(lines):
        recovered.errors.append(ContentSyntaxError(finding.message(), first_line + finding.index, finding.column))
        reported.add(finding.index)
        lines[finding.index] = finding.fixed
    parsed = parse_yaml("\n".join(lines))
    for _round in range(MAX_ROUNDS):
        if not isinstance(parsed, ParseError):
            return parsed
        finding = diagnose(lines, parsed, partial(parses_further, parsed), first_line)
        if finding.index not in reported:
            reported.add(finding.index)
            recovered.errors.append(ContentSyntaxError(finding.message(), first_line + finding.index, finding.column))
        if finding.fixed is not None and finding.fixed != lines[finding.index]:
            lines[finding.index] = finding.fixed
        else:
            _leave_out(lines, finding.index, recovered)
        parsed = parse_yaml("\n".join(lines))
    return parsed if not isinstance(parsed, ParseError) else None


def _leave_out(lines: list[str], index: int, recovered: Recovered) -> None:
    """Blank a line and the lines indented below it; the field it belongs to counts as unread."""
    key = top_key(lines, index)
    if key:
        recovered.unread.add(key)
    indent = len(lines[index]) - len(lines[index].lstrip(" "))
    lines[index] = ""
    for number in range(index + 1, len(lines)):
        line = lines[number]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            break
        lines[number] = ""


def unreadable_problems(kind: str, path: str, display: str, error: ContentSyntaxError, check) -> list[Problem]:
    """The syntax problems of a file that cannot be read, and `check(document)`'s field problems on what could be read."""
    first = [Problem(display, error.message, line=error.line, column=error.column)]
    try:
        recovered = recover(kind, read_text(path))
    except ContentSyntaxError:
        return first  # not UTF-8 or too large: nothing to read past
    except Exception:  # reporting more is a courtesy; the first error stands on its own
        logger.debug("reading past the errors of %s failed", display, exc_info=True)
        return first
    if recovered is None or not recovered.errors:
        return first
    problems = [Problem(display, e.message, line=e.line, column=e.column) for e in recovered.errors]
    if recovered.data is None:
        return problems
    base = os.path.splitext(os.path.basename(path))[0]
    slug = recovered.data.get("slug")
    doc_id = base if kind == "actor" or not isinstance(slug, str) or not slug.strip() else slug.strip()
    try:
        checked = check(Document(kind, path, display, recovered.source, recovered.data, doc_id))
    except Exception:
        logger.debug("checking the fields read past the errors of %s failed", display, exc_info=True)
        return problems
    return problems + [p for p in checked if not recovered.hides(p.field)]
