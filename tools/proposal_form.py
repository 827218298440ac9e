"""The GitHub issue form "Soziale Innovation vorschlagen", written from this module and content/data/ (`make docs`).

The form asks in plain words for what a story needs (name, summary, what is new, where, themes, stage,
who, website, contact) and for consent. Its questions are declared once, in QUESTIONS: the form is
written from them and tools/proposal.py reads a proposal's text by the same headings, so the two
cannot drift. The choices for region, theme and stage are the vocabularies' labels; a new region in
content/data/regions.yml reaches the form with `make docs`, and `--check` (tests/test_proposal.py)
fails while the committed form is out of date, like the field tables in CONTRIBUTING.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass

import yaml

from tools import ROOT

logger = logging.getLogger(__name__)

FORM_PATH = os.path.join(ROOT, ".github", "ISSUE_TEMPLATE", "soziale-innovation-vorschlagen.yml")
# The label every proposal gets, and the one an editor sets to turn it into a draft (.github/workflows/vorschlag.yml).
PROPOSAL_LABEL = "vorschlag"
ACCEPTED_LABEL = "vorschlag-angenommen"
CONSENT_PUBLISH = ("Ich darf diese Angaben weitergeben und bin einverstanden, dass die Redaktion daraus eine Geschichte "
                   "schreibt und sie veröffentlicht.")
CONSENT_CONTACT = ("Die Ansprechperson ist einverstanden, dass ihr Name, ihre E-Mail-Adresse und ihre Telefonnummer mit der "
                   "Geschichte auf der Website stehen.")


@dataclass(frozen=True)
class Question:
    """One question of the form: its id, kind (input, textarea, dropdown, checkboxes), heading, help and choices."""

    id: str
    kind: str
    label: str
    description: str
    required: bool = False
    vocabulary: str | None = None  # dropdowns: the vocabulary of content/data/ whose terms are the choices
    multiple: bool = False


QUESTIONS = (
    Question("titel", "input", "Wie heißt das Projekt?",
             "Der Name des Projekts oder eine kurze Überschrift, höchstens 120 Zeichen.", required=True),
    Question("kurz", "textarea", "Worum geht es, in zwei oder drei Sätzen?",
             "Einfache Worte, keine Fachbegriffe, höchstens 300 Zeichen. Daraus wird der Anreißer der Geschichte.", required=True),
    Question("was", "textarea", "Was macht das Projekt anders, und wie funktioniert es?",
             "Welches Problem löst es, für wen, und was ist neu daran? Was hat sich schon verändert?", required=True),
    Question("wo", "dropdown", "Wo wirkt das Projekt?",
             "Der Landkreis oder die kreisfreie Stadt, mehrere sind möglich; für ganz Sachsen „Sachsenweit“.",
             required=True, vocabulary="regions", multiple=True),
    Question("themen", "dropdown", "Zu welchen Themen gehört es?", "Eines oder mehrere.",
             required=True, vocabulary="themes", multiple=True),
    Question("phase", "dropdown", "Wie weit ist das Projekt?", "Was am ehesten passt.", required=True, vocabulary="stages"),
    Question("wer", "textarea", "Wer steht dahinter?",
             "Verein, Initiative, Unternehmen, Verwaltung: je Zeile eine Organisation, mit ihrem vollen Namen.", required=True),
    Question("website", "input", "Website des Projekts", "Die vollständige Adresse, beginnend mit https://"),
    Question("kontakt_name", "input", "Ansprechperson", "Vor- und Nachname der Person, die Fragen zum Projekt beantwortet."),
    Question("kontakt_email", "input", "E-Mail-Adresse der Ansprechperson", ""),
    Question("kontakt_telefon", "input", "Telefonnummer der Ansprechperson", "Zum Beispiel +49 351 000000"),
    Question("quelle", "textarea", "Woher kennen Sie das Projekt?",
             "Sind Sie selbst beteiligt? Wo kann die Redaktion mehr erfahren? Das steht nur im Vorschlag, nicht in der Geschichte."),
    Question("einverstanden", "checkboxes", "Einverständnis", "Die erste Zustimmung braucht die Redaktion, um den Vorschlag zu nutzen."),
)
INTRO = (
    "Kennen Sie ein Projekt in Sachsen, das ein soziales Problem auf neue Weise angeht? Schlagen Sie es hier vor. "
    "Die Redaktion liest jeden Vorschlag, fragt wenn nötig nach und schreibt daraus eine Geschichte.\n\n"
    "**Alles, was Sie hier eintragen, ist öffentlich sichtbar.** Nennen Sie Namen, E-Mail-Adressen und Telefonnummern "
    "nur, wenn die Menschen damit einverstanden sind."
)


def choices(question: Question, vocabularies: dict) -> list[str]:
    """The choices of a dropdown as the form shows them and a proposal's text repeats them."""
    terms = list(vocabularies[question.vocabulary])
    if question.vocabulary == "stages":
        return [f"{term.label}: {term.description}" for term in terms]
    return [term.label for term in terms]


def load_terms(content: str) -> dict:
    """The vocabularies of a content folder."""
    from sinn_vocabularies import load_vocabularies  # noqa: PLC0415 - plugins are on the path only once tools is imported

    return load_vocabularies(os.path.join(content, "data"))


def form(vocabularies: dict) -> dict:
    """The issue form as GitHub reads it."""
    body = [{"type": "markdown", "attributes": {"value": INTRO}}]
    for question in QUESTIONS:
        attributes = {"label": question.label}
        if question.description:
            attributes["description"] = question.description
        element = {"type": question.kind, "id": question.id, "attributes": attributes}
        if question.kind == "dropdown":
            attributes["multiple"] = question.multiple
            attributes["options"] = choices(question, vocabularies)
        if question.kind == "checkboxes":
            attributes["options"] = [{"label": CONSENT_PUBLISH, "required": True}, {"label": CONSENT_CONTACT, "required": False}]
        elif question.required:
            element["validations"] = {"required": True}
        body.append(element)
    return {
        "name": "Soziale Innovation vorschlagen",
        "description": "Ein Projekt aus Sachsen für die Plattform vorschlagen; die Redaktion macht daraus eine Geschichte.",
        "title": "Vorschlag: ",
        "labels": [PROPOSAL_LABEL],
        "body": body,
    }


def form_text(vocabularies: dict) -> str:
    """The form's YAML file, with a note that it is written, not edited."""
    note = ("# Geschrieben von tools/proposal_form.py (make docs) aus content/data/. Nicht von Hand ändern:\n"
            "# Fragen und Texte stehen in tools/proposal_form.py, die Auswahl in content/data/.\n")
    return note + yaml.safe_dump(form(vocabularies), allow_unicode=True, sort_keys=False, width=1000)


def main(argv=None) -> int:
    """Command line entry point: write the form, or with --check only compare."""
    parser = argparse.ArgumentParser(description="Schreibt das Formular „Soziale Innovation vorschlagen“ aus content/data/.")
    parser.add_argument("--check", action="store_true", help="nichts schreiben; Rückgabewert 1, wenn das Formular veraltet ist")
    parser.add_argument("--content", default=os.path.join(ROOT, "content"))
    parser.add_argument("--file", default=FORM_PATH)
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    wanted = form_text(load_terms(args.content))
    try:
        with open(args.file, encoding="utf-8") as handle:
            current = handle.read()
    except FileNotFoundError:
        current = None
    if wanted == current:
        logger.info("%s: Formular ist aktuell.", os.path.relpath(args.file))
        return 0
    if args.check:
        logger.error("%s passt nicht mehr zu content/data/ oder tools/proposal_form.py. Bitte `make docs` ausführen und "
                     "die Datei mit einchecken.", os.path.relpath(args.file))
        return 1
    os.makedirs(os.path.dirname(args.file), exist_ok=True)
    with open(args.file, "w", encoding="utf-8") as handle:
        handle.write(wanted)
    logger.info("%s: Formular aus content/data/ neu geschrieben.", os.path.relpath(args.file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
