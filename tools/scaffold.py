"""`make story TITLE="…"` and `make actor NAME="…"`: a new draft file with every field explained.

The file name comes from the title (ä→ae, ß→ss) or, for an actor, from the name without its legal
form (tools/scaffold_names.py); an existing file is never overwritten. The fields come from the
templates in tools/scaffold_templates/, the explanation above each field from the schema
(tools/scaffold_template.py). Required fields are left empty, so `make check` names each one until
it is filled in; optional fields are commented-out examples. A title or name is what someone typed
on the command line: anything that is not a plain one-line name gets a German error, and the file
is only ever written inside the content folder's stories/ or actors/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys

from sinn_content_contract.checks import RESERVED_SLUGS
from sinn_core.containment import control_characters
from tools.scaffold_names import actor_id, story_slug
from tools.scaffold_template import render
from tools.schema_fields import load_schema

logger = logging.getLogger("sinn.scaffold")

FOLDERS = {"story": ("stories", ".md"), "actor": ("actors", ".yml")}
LABEL_FIELDS = {"story": "title", "actor": "name"}
EXAMPLES = {"story": 'make story TITLE="Familienbus: Beratung hält im Dorf"', "actor": 'make actor NAME="Familienwerk Vogtland e. V."'}
_FILE_ENDINGS = (".md", ".yml", ".yaml", ".txt", ".json", ".html")


class ScaffoldError(ValueError):
    """A title or name the scaffold cannot make a file of; the message is for the editor."""


def _what(kind: str) -> str:
    return "Der Titel" if kind == "story" else "Der Name"


def file_name(kind: str, label: str) -> tuple[str, str]:
    """(slug or id, legal form left out) for a title or name; ScaffoldError with a German message if there is none."""
    what = _what(kind)
    if not label.strip():
        raise ScaffoldError(f"Bitte {'einen Titel' if kind == 'story' else 'einen Namen'} angeben, z. B.: {EXAMPLES[kind]}")
    if control_characters(label):
        raise ScaffoldError(f"{what} enthält ein unsichtbares Steuerzeichen (z. B. einen Zeilenumbruch oder Tabulator). "
                            "Bitte in einer Zeile und ohne Sonderzeichen schreiben.")
    if "/" in label or "\\" in label:
        raise ScaffoldError(f'{what} enthält "/" oder "\\". Bitte nur den {"Titel" if kind == "story" else "Namen"} angeben, keinen Pfad: '
                            f"die Datei kommt von selbst nach content/{FOLDERS[kind][0]}/. Statt „Arbeit/Bildung“ z. B. „Arbeit und Bildung“; "
                            "in der neuen Datei können Sie den Schrägstrich danach eintragen.")
    if label.startswith(".") or label.lower().endswith(_FILE_ENDINGS):
        raise ScaffoldError(f"{what} sieht aus wie ein Dateiname. Bitte den {'Titel' if kind == 'story' else 'Namen'} selbst angeben, "
                            f"z. B.: {EXAMPLES[kind]}")
    limit = load_schema(kind)["properties"][LABEL_FIELDS[kind]]["maxLength"]
    if len(label) > limit:
        raise ScaffoldError(f"{what} ist {len(label)} Zeichen lang; erlaubt sind höchstens {limit}. Bitte kürzen.")
    slug, form = actor_id(label) if kind == "actor" else (story_slug(label), "")
    if not slug and form:
        raise ScaffoldError(f"{what} besteht nur aus der Rechtsform „{form}“. Bitte den ganzen Namen angeben, z. B.: {EXAMPLES[kind]}")
    if not slug:
        raise ScaffoldError(f"{what} enthält keine Buchstaben a–z oder Ziffern, aus denen sich ein Dateiname bilden lässt "
                            "(Umlaute gehen). Bitte mit lateinischen Buchstaben schreiben.")
    if slug in RESERVED_SLUGS:
        raise ScaffoldError(f'"{slug}" ist eine feste Adresse der Website. Bitte einen anderen Titel bzw. Namen wählen.')
    return slug, form


def _vocabulary_ids(content: str) -> dict[str, list[str]]:
    from sinn_vocabularies import load_vocabularies  # noqa: PLC0415

    ids = {name: vocabulary.ids() for name, vocabulary in load_vocabularies(os.path.join(content, "data")).items()}
    actors = os.path.join(content, "actors")
    ids["actors"] = sorted(name[:-4] for name in os.listdir(actors) if name.endswith(".yml")) if os.path.isdir(actors) else []
    return ids


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _target(content: str, kind: str, slug: str) -> str:
    """content/<folder>/<slug><ending>, refusing a folder that leads out of the content folder (a link to elsewhere)."""
    folder_name, ending = FOLDERS[kind]
    folder = os.path.join(content, folder_name)
    os.makedirs(folder, exist_ok=True)
    root, real = os.path.realpath(content), os.path.realpath(folder)
    if os.path.commonpath([root, real]) != root or real == root:
        raise ScaffoldError(f"content/{folder_name}/ ist eine Verknüpfung an einen Ort außerhalb von content/; dort wird nichts angelegt.")
    return os.path.join(folder, slug + ending)


def create(kind: str, label: str, content: str = "content", today: datetime.date | None = None,
           filled: dict[str, str] | None = None, slug: str | None = None) -> str:
    """Write the new file and return its path; raise FileExistsError if it exists, ScaffoldError for a bad label.

    filled: top-level fields to write switched on, as YAML values (tools/proposal.py fills a proposal's answers);
    slug: the file name to use instead of the one from the label (the caller has checked it).
    """
    label = label.strip()
    slug, form = (slug, "") if slug else file_name(kind, label)
    today_text = (today or datetime.date.today()).isoformat()
    values = {"today": today_text, "slug": slug, "title": _quote(label), "name": _quote(label), "logo_alt": _quote(f"Logo: Schriftzug {label}")}
    legal_form = form[1:-1] if form.startswith("(") and form.endswith(")") else form
    filled = {**({"legal_form": _quote(legal_form)} if legal_form else {}), **(filled or {})}
    text = render(kind, values, _vocabulary_ids(content), filled=filled or None)
    path = _target(content, kind, slug)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never replaces a file, nor writes through a link
        handle.write(text)
    return path


def main(argv=None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Legt eine neue Geschichte oder ein Akteursprofil als Entwurf an.")
    parser.add_argument("kind", choices=("story", "actor"))
    parser.add_argument("label", help="Titel der Geschichte bzw. Name des Akteurs")
    parser.add_argument("--content", default="content")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    try:
        path = create(args.kind, args.label, args.content)
    except FileExistsError as error:
        advice = ("Wählen Sie einen anderen Titel." if args.kind == "story" else
                  f"Gibt es den Akteur schon? Dann nennen Sie ihn in Geschichten unter actors: [{_stem(error.filename)}]. "
                  "Sonst wählen Sie einen anderen Namen.")
        logger.error("%s gibt es schon; nichts wurde überschrieben. %s", _display(error.filename), advice)
        return 1
    except ScaffoldError as error:
        logger.error("%s", error)
        return 2
    if args.kind == "story":
        logger.info("Angelegt: %s (als Entwurf). Felder ausfüllen, Bild ablegen, dann `make check`.", _display(path))
    else:
        logger.info("Angelegt: %s (Kennung %s). Felder ausfüllen, dann `make check`.", _display(path), _stem(path))
    return 0


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _display(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


if __name__ == "__main__":
    sys.exit(main())
