"""`make docs`: CONTRIBUTING.md's field tables, written from the schemas' descriptions.

Each table stands between `<!-- felder:<kind>:start -->` and `<!-- felder:<kind>:end -->`; the text
around them is the editors' guide and stays as it is. `--check` changes nothing and exits 1 when
the file is out of date (tests/test_schema_docs.py runs it), so a description changed in schema/
reaches the guide in the same pull request. The descriptions are plain German sentences; this
module only marks what editors type (field names, paths, lists, addresses) as code.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys

from tools import ROOT
from tools.schema_fields import Field, fields, load_schema

logger = logging.getLogger(__name__)

CONTRIBUTING = os.path.join(ROOT, "CONTRIBUTING.md")
DOCUMENTED = ("story", "actor")
# Where the guide explains a field at length: a link after its description (the heading must exist).
SEE_ALSO = {
    "story": {
        "image": "Bilder",
        "easy_summary": "Leichte Sprache: `easy_summary`",
        "summaries": "In anderen Sprachen: `summaries`",
        "transfer": "Zum Nachmachen: `transfer` und `adapted_from`",
        "adapted_from": "Zum Nachmachen: `transfer` und `adapted_from`",
        "reviewed": "Aktualität: Prüfdatum und Redaktionsbericht",
    },
    "actor": {"logo": "Bilder"},
}
_CODE = re.compile(
    r"https?://[^\s,;)]*[^\s,;).]"  # an address
    r"|[\w.+-]+@[\w-]+\.[\w.]*[a-z]"  # an e-mail address
    r"|\b(?:content|images|files)/(?:[^\s,;)]*[^\s,;).:])?"  # a path in the content folder
    r"|/(?:geschichten|akteure)/[^\s,;)]*/"  # an address of the site
    r"|\[[^\]\s][^\]]*\]"  # a list as written in YAML
    r'|"[^"\n]+"'  # a value as written, in quotes
    r"|(?<=z\. B\. )[a-z][a-z0-9-]*(?=[.,;]| und|$)"  # an id given as example
    r"|\bmake [a-z]+\b|\*\*fett\*\*|JJJJ-MM-TT|\.md\b|\.yml\b|\btrue\b|\bdraft\b|\bpublished\b"
)


class DocsError(ValueError):
    """CONTRIBUTING.md lacks a marker the tables go between."""


def markers(kind: str) -> tuple[str, str]:
    """The comment lines the table of a kind stands between."""
    return f"<!-- felder:{kind}:start -->", f"<!-- felder:{kind}:end -->"


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, without punctuation, blanks as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return "#" + text.replace(" ", "-")


def table(kind: str, headings: set[str] | None = None) -> str:
    """The Markdown between a kind's markers: the required fields, the fields, and their sub-fields."""
    schema = load_schema(kind)
    top = fields(kind)
    names = sorted({entry.name for first in top for entry in first.walk()}, key=len, reverse=True)
    required = [f"`{entry.name}`" for entry in top if entry.required]
    lines = [
        f"<!-- Erzeugt aus schema/{kind}.schema.json mit `make docs`: Änderungen bitte dort in den Beschreibungen"
        " (description), nicht hier. -->",
        "",
        f"**Pflicht** sind {', '.join(required[:-1])} und {required[-1]}.",
        "",
        "| Feld | Pflicht? | Bedeutung |",
        "| --- | --- | --- |",
    ]
    for entry in top:
        lines.append(_row(kind, entry, None, names, headings))
    nested = [pair for first in top for pair in _below(first)]
    if nested:
        lines += [
            "",
            f"Unterfelder stehen eingerückt unter ihrem Feld: `{nested[0][1].label}` ist `{nested[0][1].name}:` unter "
            f"`{nested[0][0].label}:`"
            + next((f", `{child.label}` ist `{child.name}:` in jedem Eintrag der Liste `{parent.label}`"
                    for parent, child in nested if parent.nesting == "items"), "") + ".",
            "",
            "| Unterfeld | Pflicht? | Bedeutung |",
            "| --- | --- | --- |",
        ]
        lines += [_row(kind, entry, parent, names, headings) for parent, entry in nested]
    if schema.get("description"):
        lines[2:2] = [_markdown(schema["description"], names), ""]
    return "\n".join(lines)


def _below(parent: Field):
    """(parent, sub-field) for every field below parent, each followed by its own sub-fields."""
    for child in parent.children:
        yield parent, child
        yield from _below(child)


def _row(kind: str, entry: Field, parent: Field | None, names: list[str], headings: set[str] | None) -> str:
    text = _markdown(entry.explanation, names)
    if entry.one_of:
        text += f" Je Eintrag genau eines von {' oder '.join(f'`{name}`' for name in entry.one_of)}."
    if entry.schema.get("examples"):
        text += f" Beispiel: `{entry.name}: {_yaml(entry.schema['examples'][0])}`."
    heading = SEE_ALSO.get(kind, {}).get(entry.label)
    if heading:
        if headings is not None and heading not in headings:
            raise DocsError(f"CONTRIBUTING.md hat keinen Abschnitt „{heading}“ (tools/schema_docs.py, SEE_ALSO).")
        text += f" Siehe [{re.sub(r'[`:].*', '', heading).strip()}]({anchor(heading)})."
    return f"| `{entry.label}` | {_required(entry, parent)} | {text.replace('|', '&#124;')} |"


def _required(entry: Field, parent: Field | None) -> str:
    if not entry.required:
        together = " und ".join(f"`{name}`" for name in entry.together_with)
        return f"freiwillig, nur zusammen mit {together}" if together else "freiwillig"
    if parent is None or (parent.required and parent.nesting == "object" and "." not in parent.label):
        return "ja"
    return "ja, in jedem Eintrag" if parent.nesting == "items" else f"ja, wenn `{parent.label}` angegeben"


def _yaml(value) -> str:
    if isinstance(value, str) and re.fullmatch(r"[\w.@/-]+", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _markdown(text: str, names: list[str]) -> str:
    """A description as Markdown: what editors type as code, everything else with Markdown's own characters escaped."""
    field_names = re.compile(r"(?<![\w./@-])(?:" + "|".join(map(re.escape, names)) + r")(?::\s\d+)?(?![\w/@-])")
    out, position = [], 0
    for match in re.finditer(f"{_CODE.pattern}|{field_names.pattern}", text):
        out.append(_escape(text[position:match.start()]))
        out.append(f"`{match.group(0)}`")
        position = match.end()
    out.append(_escape(text[position:]))
    return "".join(out)


def _escape(text: str) -> str:
    return re.sub(r"([*_<>\\])", r"\\\1", text)


def headings_of(document: str) -> set[str]:
    """The texts of a Markdown document's headings (## …)."""
    return {line.lstrip("#").strip() for line in document.splitlines() if re.match(r"^#{1,6} ", line)}


def update(document: str, kinds=DOCUMENTED) -> str:
    """The document with each kind's table replaced between its markers; DocsError if a marker is missing."""
    headings = headings_of(document)
    for kind in kinds:
        start, end = markers(kind)
        found = re.search(f"^{re.escape(start)}$(.*?)^{re.escape(end)}$", document, re.MULTILINE | re.DOTALL)
        lines = document.splitlines()
        if not found or lines.count(start) != 1 or lines.count(end) != 1:
            raise DocsError(f"CONTRIBUTING.md braucht genau einmal eine Zeile {start} und danach eine Zeile {end}.")
        document = f"{document[:found.start(1)]}\n{table(kind, headings)}\n{document[found.end(1):]}"
    return document


def main(argv=None) -> int:
    """Command line entry point: write the tables into CONTRIBUTING.md, or with --check only compare."""
    parser = argparse.ArgumentParser(description="Schreibt die Feldtabellen in CONTRIBUTING.md aus den Beschreibungen in schema/.")
    parser.add_argument("--check", action="store_true", help="nichts schreiben; Rückgabewert 1, wenn die Tabellen veraltet sind")
    parser.add_argument("--file", default=CONTRIBUTING)
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    with open(args.file, encoding="utf-8") as handle:
        current = handle.read()
    try:
        wanted = update(current)
    except DocsError as error:
        logger.error("%s", error)
        return 2
    if wanted == current:
        logger.info("%s: Feldtabellen sind aktuell.", os.path.relpath(args.file))
        return 0
    if args.check:
        logger.error("%s: Die Feldtabellen passen nicht mehr zu schema/. Bitte `make docs` ausführen und die Datei mit einchecken.",
                     os.path.relpath(args.file))
        return 1
    with open(args.file, "w", encoding="utf-8") as handle:
        handle.write(wanted)
    logger.info("%s: Feldtabellen aus schema/ neu geschrieben.", os.path.relpath(args.file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
