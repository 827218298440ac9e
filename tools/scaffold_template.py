"""The scaffold's templates (tools/scaffold_templates/): field lines from the template, every explanation from the schema.

A template holds a header (comment lines before the first field), then only field lines with their
values: `name: value` for a field the new file starts with, `# name: value` for an optional example
the editor switches on by removing the `#`; sub-fields and list entries are indented below them.
It holds no explanation of its own: the comment above each field is written from the schema's
description (required or not, what must go with it, the allowed ids of content/data/), so a
template cannot drift from the contract. A hand-written comment between the fields is an error.
"""

from __future__ import annotations

import logging
import os
import re
import textwrap
from dataclasses import dataclass, field

from tools import ROOT
from tools.schema_fields import Field, fields

logger = logging.getLogger(__name__)

TEMPLATE_DIR = os.path.join(ROOT, "tools", "scaffold_templates")
TEMPLATE_FILES = {"story": "story.md", "actor": "actor.yml"}
WIDTH = 110
# Optional fields a template leaves out on purpose (tests/test_scaffold.py holds every other field of the schema to
# appear in its template). The comment above the parent still names them, from the schema.
LEFT_OUT = {
    # Needed only when a crop cuts off what matters; nobody can choose it before seeing the pictures on the site.
    "story": {"image.focus"},
    "actor": set(),
}
_FIELD_LINE = re.compile(r"^(?P<commented># )?(?P<name>[a-z_]+):(?: |$)")
_ACTIVE_MORE = re.compile(r"^ {2,}\S")
_COMMENTED_MORE = re.compile(r"^# {3,}\S")


class TemplateError(ValueError):
    """A template line that is neither a field, a line below one, nor part of the header."""


@dataclass
class Block:
    """One top-level field of a template: its lines, and whether they are an example behind `#`."""

    name: str
    commented: bool
    lines: list[str] = field(default_factory=list)


@dataclass
class Template:
    """A template split into the parts the scaffold writes: header, fields, and (stories) the text below."""

    kind: str
    header: list[str]
    blocks: list[Block]
    # Stories: the `---` lines and the Markdown text around the fields; actors: empty.
    opening: str = ""
    closing: str = ""

    def block(self, name: str) -> Block | None:
        """The template's block for a field, or None."""
        return next((block for block in self.blocks if block.name == name), None)


def read_template(kind: str) -> Template:
    """The template of a kind of file, split into header and field blocks; TemplateError for a line that fits nowhere."""
    path = os.path.join(TEMPLATE_DIR, TEMPLATE_FILES[kind])
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    opening = closing = ""
    if kind == "story":
        _, front_matter, body = text.split("---\n", 2)
        opening, closing = "---\n", "---\n" + body
    else:
        front_matter = text
    header, blocks = [], []
    for number, line in enumerate(front_matter.splitlines(), 1):
        match = _FIELD_LINE.match(line)
        if match:
            blocks.append(Block(match["name"], bool(match["commented"]), [line]))
        elif blocks and (_COMMENTED_MORE if blocks[-1].commented else _ACTIVE_MORE).match(line):
            blocks[-1].lines.append(line)
        elif not blocks and line.startswith("#"):
            header.append(line)
        else:
            raise TemplateError(f"{path}:{number}: {line!r} is neither a field nor a line below one; explanations belong "
                                "into the schema's description, from which the scaffold writes them")
    return Template(kind, header, blocks, opening, closing)


def render(kind: str, values: dict[str, str], ids: dict[str, list[str]], filled: dict[str, str] | None = None) -> str:
    """The new file's text: the template with values filled in and the schema's explanation above every field.

    values: the template's {placeholders} (already quoted for YAML); ids: the allowed ids per vocabulary;
    filled: top-level fields to write switched on with this YAML value instead of the template's example.
    """
    template = read_template(kind)
    by_name = {entry.name: entry for entry in fields(kind)}
    lines = [line.format(**values) for line in template.header]
    for block in template.blocks:
        entry = by_name[block.name]
        if filled and block.name in filled:
            lines += explain(entry, ids, commented=False, block_text=False)
            lines.append(f"{block.name}: {filled[block.name]}")
            continue
        lines += explain(entry, ids, commented=block.commented, more_lines=len(block.lines) > 1, block_text=block.lines[0].endswith(": |"))
        lines += [line.format(**values) for line in block.lines]
    return template.opening + "\n".join(lines) + "\n" + template.closing.format(**values)


def explain(entry: Field, ids: dict[str, list[str]], *, commented: bool, more_lines: bool = False, block_text: bool = False) -> list[str]:
    """The comment lines above a field: Pflicht or freiwillig, the description, what goes with it, the allowed ids."""
    text = f"{'Pflicht' if entry.required else 'Freiwillig'}. {entry.explanation}"
    if entry.together_with:
        text += f" Nur zusammen mit {' und '.join(entry.together_with)}."
    if entry.vocabulary:
        text += allowed(entry.vocabulary, ids)
    lines = _wrap(text, "# ")
    if entry.children:
        lines += _wrap("Je Eintrag:" if entry.nesting == "items" else "Unterfelder:", "# ")
        lines += _children(entry, ids, 1)
    if block_text:
        lines += _wrap(f"Den Text in die Zeilen unter „{entry.name}: |“ schreiben, jede mit zwei Leerzeichen eingerückt.", "# ")
    if commented:
        lines += _wrap("Zum Verwenden die # am Anfang dieser Zeilen entfernen; die Leerzeichen danach bleiben stehen."
                       if more_lines else "Zum Verwenden das # am Zeilenanfang entfernen.", "# ")
    return lines


def allowed(vocabulary: str, ids: dict[str, list[str]]) -> str:
    """' Erlaubt: a, b, c.' from the current content (actors only when there are few), or ''."""
    known = ids.get(vocabulary, [])
    if not known or (vocabulary == "actors" and len(known) > 30):
        return ""
    return " Erlaubt: " + ", ".join(known) + "."


def _children(entry: Field, ids: dict[str, list[str]], depth: int) -> list[str]:
    lines = []
    indent = "# " + "  " * depth
    for child in entry.children:
        text = f"{child.name} ({'Pflicht' if child.required else 'freiwillig'}): {child.description}"
        if child.vocabulary:
            text += allowed(child.vocabulary, ids)
        lines += _wrap(text, indent, indent + "  ")
        lines += _children(child, ids, depth + 1)
    if entry.one_of:
        lines += _wrap(f"Genau eines von {' oder '.join(entry.one_of)}.", indent)
    return lines


def _wrap(text: str, first: str, rest: str | None = None) -> list[str]:
    rest = rest or first
    lines = textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False, break_long_words=False)
    merged = lines[:1]
    for line in lines[1:]:
        # A comment line starting "# https: …" or "# mastodon: …" would read as a field switched off: keep it on the line above.
        if re.match(r"[a-z_]+:", line[len(rest):]):
            merged[-1] += " " + line[len(rest):]
        else:
            merged.append(line)
    return merged
