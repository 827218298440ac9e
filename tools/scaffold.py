"""`make story TITLE="…"` and `make actor NAME="…"`: a new draft file with every field explained.

The slug comes from the title (ä→ae, ß→ss); an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from content_contract.formats import slugify  # noqa: E402

logger = logging.getLogger("sinn.scaffold")

STORY = """---
# Überschrift, höchstens 120 Zeichen.
title: {title}
# Tag der Veröffentlichung (JJJJ-MM-TT).
date: {today}
# Anreißer in einfachem Text, höchstens 300 Zeichen. Erscheint in Listen und Vorschauen.
summary: "Worum geht es, in ein bis zwei Sätzen?"
# Themenfelder, mindestens eines. Erlaubt: {themes}
themes: [beratung]
# Regionen, mindestens eine. Erlaubt: {regions}
regions: [sachsenweit]
# Phase. Erlaubt: {stages}
stage: idee
# Beteiligte Akteure: Dateinamen aus content/actors/ ohne .yml, mindestens einer.
actors: [{actor}]
# Zielgruppen (freiwillig). Erlaubt: {target_groups}
target_groups: []
# Titelbild: Datei in content/images/, Beschreibung für Menschen, die das Bild nicht sehen,
# Urheber und Lizenz. Alle vier Angaben sind Pflicht.
image:
  src: images/stories/{slug}.jpg
  alt: "Was ist auf dem Bild zu sehen?"
  credit: "Foto: Vorname Nachname"
  license: "CC BY 4.0"
# Kennzahlen für den Faktenkasten (freiwillig), jeweils mit Quelle.
facts:
  - label: "Teilnehmende im ersten Jahr"
    value: "0"
    source: "Angabe des Projekts"
# Links (freiwillig, nur https-Adressen).
links:
  website: https://www.beispiel.de
# Ansprechperson (freiwillig).
contact:
  name: Vorname Nachname
  email: kontakt@beispiel.de
# draft = Entwurf, nur in der Vorschau sichtbar. Zum Veröffentlichen die Zeile löschen.
status: draft
---

## Worum es geht

Beschreiben Sie hier das Projekt: Welches Problem löst es, für wen, und was ist neu daran?

## Wie es funktioniert

## Was sich verändert hat
"""

ACTOR = """# Vollständiger Name.
name: {name}
# Kurzname (freiwillig), z. B. "DRK Sachsen".
short_name: ""
# Art des Akteurs. Erlaubt: {actor_types}
type: initiative
# Regionen, in denen der Akteur wirkt, mindestens eine. Erlaubt: {regions}
regions: [sachsenweit]
# Themenfelder (freiwillig). Erlaubt: {themes}
themes: []
# Beschreibung in Markdown: Wer ist das, was tut der Akteur?
description: |
  Beschreiben Sie hier den Akteur in einigen Sätzen.
# Website, E-Mail und Telefon (freiwillig).
website: https://www.beispiel.de
email: kontakt@beispiel.de
phone: "+49 351 000000"
# Anschrift (freiwillig).
address:
  street: Musterstraße 1
  postcode: "01067"
  city: Dresden
# Gründungsjahr (freiwillig).
founded: {year}
"""


def _vocabulary_ids(content: str) -> dict[str, str]:
    from vocabularies import load_vocabularies  # noqa: PLC0415

    return {name: ", ".join(v.ids()) for name, v in load_vocabularies(os.path.join(content, "data")).items()}


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def create(kind: str, label: str, content: str = "content") -> str:
    """Write the new file and return its path; raise FileExistsError if it exists."""
    slug = slugify(label)
    if not slug:
        raise ValueError("Bitte einen Titel bzw. Namen mit Buchstaben angeben.")
    ids = _vocabulary_ids(content)
    if kind == "story":
        actors = sorted(os.path.splitext(f)[0] for f in os.listdir(os.path.join(content, "actors")) if f.endswith(".yml"))
        text = STORY.format(title=_quote(label), today=datetime.date.today().isoformat(), slug=slug,
                            actor=actors[0] if actors else "akteur-id", **ids)
        path = os.path.join(content, "stories", f"{slug}.md")
    else:
        text = ACTOR.format(name=_quote(label), year=datetime.date.today().year, **ids)
        path = os.path.join(content, "actors", f"{slug}.yml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
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
    if not args.label.strip():
        logger.error('Bitte angeben, z. B.: make %s %s="…"', args.kind, "TITLE" if args.kind == "story" else "NAME")
        return 2
    try:
        path = create(args.kind, args.label.strip(), args.content)
    except FileExistsError as error:
        logger.error("%s gibt es schon; nichts wurde überschrieben. Wählen Sie einen anderen Titel.", error.filename)
        return 1
    except ValueError as error:
        logger.error("%s", error)
        return 2
    logger.info("Angelegt: %s (als Entwurf). Felder ausfüllen, dann `make check`.", os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
