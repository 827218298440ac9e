"""`make story TITLE="…"` and `make actor NAME="…"`: a new draft file with every field explained.

The slug comes from the title (ä→ae, ß→ss); an existing file is never overwritten. Required
fields are left empty, so `make check` names each one until it is filled in; optional fields
whose empty form is not valid are written as commented-out examples.
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

from sinn_content_contract.checks import RESERVED_SLUGS  # noqa: E402
from sinn_content_contract.formats import slugify  # noqa: E402

logger = logging.getLogger("sinn.scaffold")

STORY = """---
# Neue Geschichte, angelegt am {today}. Füllen Sie die Felder aus; `make check` sagt, was noch fehlt.
# Zeilen, die mit # beginnen, sind Erklärungen und erscheinen nicht auf der Website.
#
# Überschrift der Geschichte, höchstens 120 Zeichen.
title: {title}
# Tag der Veröffentlichung als JJJJ-MM-TT.
date: {today}
# Tag der letzten inhaltlichen Änderung (freiwillig), JJJJ-MM-TT, nicht vor date.
# Zum Verwenden das # am Zeilenanfang entfernen.
# modified: {today}
# Anreißer in einfachem Text: ein bis zwei Sätze, höchstens 300 Zeichen. Erscheint in Listen und Vorschauen.
summary: ""
# Adresse der Geschichte: /geschichten/{slug}/. Nur a–z, 0–9 und Bindestriche.
# Nach der Veröffentlichung nicht mehr ändern (sonst unter aliases die alte Adresse eintragen).
slug: {slug}
# Themenfelder, mindestens eines, z. B. [beratung]. Erlaubt: {themes}
themes: []
# Regionen, mindestens eine, z. B. [dresden]. Erlaubt: {regions}
regions: []
# Phase des Projekts, genau eine. Erlaubt: {stages}
stage: ""
# Beteiligte Akteure, mindestens einer: Dateinamen aus content/actors/ ohne .yml, z. B. [{actor}].
# Fehlt ein Akteur, legen Sie ihn mit make actor NAME="…" an.
actors: []
# Zielgruppen (freiwillig), z. B. [familien]. Erlaubt: {target_groups}
target_groups: []
# Titelbild. Alle vier Angaben sind Pflicht:
#   src: Pfad der Bilddatei in content/images/stories/ (JPEG, PNG oder WebP, höchstens 20 MB und 40 Megapixel)
#   alt: was auf dem Bild zu sehen ist, in einem Satz, für Menschen, die es nicht sehen können
#   credit: wer das Bild gemacht hat, z. B. "Foto: Anna Beispiel"
#   license: unter welcher Lizenz es gezeigt werden darf, z. B. "CC BY 4.0" oder "Alle Rechte beim Projekt"
image:
  src: images/stories/{slug}.jpg
  alt: ""
  credit: ""
  license: ""
# Kennzahlen für den Faktenkasten (freiwillig): label = was, value = wie viel, source = woher.
# Beispiel:
#   - label: "Teilnehmende im ersten Jahr"
#     value: "120"
#     source: "Angabe des Projekts"
facts: []
# Freigegebene Zitate (freiwillig, höchstens 5) für die Seite und die Pressemappe: text = das Zitat
# ohne Anführungszeichen (höchstens 400 Zeichen), by = wer, role = Rolle (freiwillig).
# Nur Zitate, die die Person zur Veröffentlichung freigegeben hat. Beispiel:
#   - text: "Seit der Bus kommt, schaffen wir die Beratung zwischen Kita und Schicht."
#     by: Maria Beispiel
#     role: Mutter von zwei Kindern
quotes: []
# Links (freiwillig), jeweils eine vollständige https-Adresse. Zum Verwenden die # entfernen:
# links:
#   website: https://www.beispiel.de
#   crowdfunding: https://www.beispiel.de/spenden
#   video: https://www.beispiel.de/video
# Ansprechperson für Presse und Interessierte (freiwillig). Zum Verwenden die # entfernen:
# contact:
#   name: Vorname Nachname
#   email: kontakt@beispiel.de
#   phone: "+49 351 000000"
# true: auf der Startseite hervorheben (entscheidet die Redaktion).
featured: false
# true: erfundenes Beispiel; die Seite zeigt dann einen Hinweis.
illustrative: false
# Zuletzt geprüft: Tag (JJJJ-MM-TT) und wer (Name oder Rolle), immer beide. Die Seite zeigt „Zuletzt geprüft am …“;
# nach 12 Monaten warnt make check. Vor der Veröffentlichung prüfen, dann die # entfernen:
# reviewed: {today}
# reviewed_by: "Redaktion SINN"
# Das Wichtigste in Leichter Sprache (freiwillig), 80 bis 900 Zeichen: kurze Sätze, je Satz eine Aussage, jeder Satz
# in einer eigenen Zeile, eingerückt unter "easy_summary: |". Zum Verwenden die # entfernen:
# easy_summary: |
#   In Dresden gibt es eine neue Beratung.
#   Die Beratung ist kostenlos.
# Anleitung zum Nachmachen (freiwillig): was es braucht, das Projekt anderswo aufzubauen.
# Pflicht sind costs (Euro pro Jahr als Spanne), staff und duration; alles andere nach Bedarf.
# Dateien für materials legen Sie in content/files/ ab. Zum Verwenden die # entfernen:
# transfer:
#   costs:
#     min: 5000
#     max: 12000
#     note: "ohne Miete"
#   staff: "eine halbe Koordinationsstelle und acht Ehrenamtliche"
#   duration: "etwa sechs Monate"
#   partners_needed: [Kommune, Jobcenter]
#   legal_form: "eingetragener Verein (e.V.)"
#   funding_sources: [Landkreis, Spenden]
#   lessons:
#     - "Früh mit der Gemeinde sprechen."
#   materials:
#     - title: "Checkliste für den Start"
#       file: files/checkliste.pdf
#     - title: "Leitfaden des Projekts"
#       url: https://www.beispiel.de/leitfaden
# Ist das Projekt einer anderen Geschichte nachgemacht? Dann deren slug (freiwillig), z. B.:
# adapted_from: schuldnerberatung-per-video-erzgebirge
# Frühere Adressen dieser Geschichte, die weiter funktionieren sollen (freiwillig), z. B. [/geschichten/alter-name/].
aliases: []
# draft = Entwurf: nur in der Vorschau (make serve) sichtbar. Zum Veröffentlichen die Zeile löschen.
status: draft
---

Schreiben Sie hier den Text der Geschichte, mindestens 80 Wörter. Leere Zeilen trennen Absätze.

## Worum es geht

Welches Problem löst das Projekt, für wen, und was ist neu daran?

## Wie es funktioniert

## Was sich verändert hat
"""

ACTOR = """# Neues Akteursprofil, angelegt am {today}. Füllen Sie die Felder aus; `make check` sagt, was noch fehlt.
# Der Dateiname ({slug}.yml) ist die Kennung (id): Geschichten nennen den Akteur unter actors: [{slug}].
# Zeilen, die mit # beginnen, sind Erklärungen und erscheinen nicht auf der Website.
#
# Vollständiger Name, wie er auf der Seite stehen soll.
name: {name}
# Kurzname (freiwillig), z. B. "DRK Sachsen". Zum Verwenden das # entfernen.
# short_name: ""
# Art des Akteurs, genau eine. Erlaubt: {actor_types}
type: ""
# Regionen, in denen der Akteur wirkt, mindestens eine, z. B. [leipzig]. Erlaubt: {regions}
regions: []
# Themenfelder (freiwillig), z. B. [beratung]. Erlaubt: {themes}
themes: []
# Beschreibung: Wer ist das, was tut der Akteur? Einige Sätze; Markdown wie **fett** ist erlaubt.
# Schreiben Sie den Text in die Zeilen unter "description: |", jede Zeile mit zwei Leerzeichen eingerückt.
description: |
# Website, E-Mail und Telefon (freiwillig). Zum Verwenden das # entfernen.
# website: https://www.beispiel.de
# email: kontakt@beispiel.de
# phone: "+49 351 000000"
# Anschrift (freiwillig); die Postleitzahl in Anführungszeichen.
# address:
#   street: Musterstraße 1
#   postcode: "01067"
#   city: Dresden
# Lage für die Karte (freiwillig): Breite (lat) und Länge (lon), z. B. aus einer Online-Karte.
# geo:
#   lat: 51.05
#   lon: 13.74
# Logo (freiwillig): Datei in content/images/actors/ und was darauf zu sehen ist.
# logo:
#   src: images/actors/{slug}.png
#   alt: "Logo: Schriftzug {plain_name}"
# Gründungsjahr und Rechtsform (freiwillig), z. B. 2015 und "e.V.".
# founded: 2015
# legal_form: "e.V."
# Profile in sozialen Netzwerken (freiwillig), je Zeile name: https-Adresse.
# social:
#   mastodon: https://social.beispiel.de/@verein
# Frühere Adressen, die weiter funktionieren sollen (freiwillig), z. B. [/akteure/alter-name/].
aliases: []
# true: erfundenes Beispiel; die Seite zeigt dann einen Hinweis.
illustrative: false
# Zuletzt geprüft: Tag (JJJJ-MM-TT) und wer (Name oder Rolle), immer beide. Die Seite zeigt „Zuletzt geprüft am …“;
# nach 12 Monaten warnt make check. Vor der Veröffentlichung prüfen, dann die # entfernen:
# reviewed: {today}
# reviewed_by: "Redaktion SINN"
# Das Wichtigste in Leichter Sprache (freiwillig), 80 bis 900 Zeichen: kurze Sätze, je Satz eine Aussage, jeder Satz
# in einer eigenen Zeile, eingerückt unter "easy_summary: |". Zum Verwenden die # entfernen:
# easy_summary: |
#   In Dresden gibt es eine neue Beratung.
#   Die Beratung ist kostenlos.
# Anleitung zum Nachmachen (freiwillig): was es braucht, das Projekt anderswo aufzubauen.
# Pflicht sind costs (Euro pro Jahr als Spanne), staff und duration; alles andere nach Bedarf.
# Dateien für materials legen Sie in content/files/ ab. Zum Verwenden die # entfernen:
# transfer:
#   costs:
#     min: 5000
#     max: 12000
#     note: "ohne Miete"
#   staff: "eine halbe Koordinationsstelle und acht Ehrenamtliche"
#   duration: "etwa sechs Monate"
#   partners_needed: [Kommune, Jobcenter]
#   legal_form: "eingetragener Verein (e.V.)"
#   funding_sources: [Landkreis, Spenden]
#   lessons:
#     - "Früh mit der Gemeinde sprechen."
#   materials:
#     - title: "Checkliste für den Start"
#       file: files/checkliste.pdf
#     - title: "Leitfaden des Projekts"
#       url: https://www.beispiel.de/leitfaden
# Ist das Projekt einer anderen Geschichte nachgemacht? Dann deren slug (freiwillig), z. B.:
# adapted_from: schuldnerberatung-per-video-erzgebirge
"""


def _vocabulary_ids(content: str) -> dict[str, str]:
    from sinn_vocabularies import load_vocabularies  # noqa: PLC0415

    return {name: ", ".join(v.ids()) for name, v in load_vocabularies(os.path.join(content, "data")).items()}


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def create(kind: str, label: str, content: str = "content", today: datetime.date | None = None) -> str:
    """Write the new file and return its path; raise FileExistsError if it exists."""
    slug = slugify(label)
    if not slug:
        raise ValueError("Bitte einen Titel bzw. Namen mit Buchstaben oder Ziffern angeben.")
    if slug in RESERVED_SLUGS:
        raise ValueError(f'"{slug}" ist eine feste Adresse der Website. Bitte einen anderen Titel bzw. Namen wählen.')
    ids = _vocabulary_ids(content)
    today_text = (today or datetime.date.today()).isoformat()
    if kind == "story":
        actors_folder = os.path.join(content, "actors")
        actors = sorted(os.path.splitext(f)[0] for f in os.listdir(actors_folder) if f.endswith(".yml")) if os.path.isdir(actors_folder) else []
        text = STORY.format(title=_quote(label), today=today_text, slug=slug, actor=actors[0] if actors else "akteur-id", **ids)
        path = os.path.join(content, "stories", f"{slug}.md")
    else:
        text = ACTOR.format(name=_quote(label), plain_name=label.replace('"', "'"), today=today_text, slug=slug, **ids)
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
        logger.error("%s gibt es schon; nichts wurde überschrieben. Wählen Sie einen anderen %s.",
                     _display(error.filename), "Titel" if args.kind == "story" else "Namen")
        return 1
    except ValueError as error:
        logger.error("%s", error)
        return 2
    if args.kind == "story":
        logger.info("Angelegt: %s (als Entwurf). Felder ausfüllen, Bild ablegen, dann `make check`.", _display(path))
    else:
        logger.info("Angelegt: %s. Felder ausfüllen, dann `make check`.", _display(path))
    return 0


def _display(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


if __name__ == "__main__":
    sys.exit(main())
