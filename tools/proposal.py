"""`make vorschlag`: a draft story from a proposal (the issue form "Soziale Innovation vorschlagen").

The workflow "Vorschlag übernehmen" (.github/workflows/vorschlag.yml) runs it when an editor labels a
proposal `vorschlag-angenommen`: the proposal's text arrives as a file, is read as data
(tools/proposal_text.py) and becomes a new file in content/stories/ made by the scaffold (`make story`),
with what the proposal answers filled in: title, summary, regions, themes, stage, the actors that
already have a profile, the website and (only with the contact person's consent) the contact. The
free texts (what is new, who is behind it, where the proposer knows it from) stay comments at the
top of the file, for the editor to write the story from: they are the proposer's words, not the
story. `make check` then checks the new file; an optional answer it refuses is left out and named,
and whatever is still missing (the image, actors without a profile) is listed for the pull request.

Writes into --out: `<slug>.md` (the draft), `titel.txt` and `beschreibung.md` for the pull request;
for a proposal it cannot use, only `kommentar.md`, the German reason for the proposal, and exits 1.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass, field

import yaml

from tools import scaffold
from tools.proposal_form import CONSENT_CONTACT, CONSENT_PUBLISH, QUESTIONS, choices, load_terms
from tools.proposal_pr import description
from tools.proposal_text import ProposalError, answers, checked, clean, list_lines, one_line, split_choices
from tools.scaffold_names import fold, split_legal_form
from tools.schema_fields import load_schema

logger = logging.getLogger("sinn.proposal")

COMMENT_LIMIT = 4000  # characters of each free text kept in the draft's comments (the proposal itself keeps all)
_VOCABULARY_FIELDS = {"wo": "regions", "themen": "themes", "phase": "stage"}
_OPTIONAL_FIELDS = {"website": ("links", "website"), "kontakt_name": ("contact", "name"),
                    "kontakt_email": ("contact", "email"), "kontakt_telefon": ("contact", "phone")}
_ISSUE_URL = re.compile(r"https://[A-Za-z0-9.-]+/[A-Za-z0-9._/-]+")


@dataclass
class Draft:
    """What the proposal gives the story, and what the editor should know about it."""

    title: str
    fields: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    unknown_actors: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def shorten(text: str, limit: int) -> str:
    """Text cut at a word to at most limit characters, "…" at the end; unchanged when short enough."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def _actor_names(content: str) -> dict[str, str]:
    """Each actor's name and short name, folded and without legal form, to its id."""
    folder = os.path.join(content, "actors")
    names = {}
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if not name.endswith(".yml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        for label in (data.get("name"), data.get("short_name")):
            if isinstance(label, str) and fold(split_legal_form(label)[0]):
                names.setdefault(fold(split_legal_form(label)[0]), name[:-4])
    return names


def _terms(question, value: str, vocabularies: dict, notes: list[str]) -> list[str]:
    """The ids a dropdown's answer names; a choice that is not the vocabulary's is noted, not guessed at."""
    vocabulary = vocabularies[question.vocabulary]
    options = choices(question, vocabularies)
    by_option = dict(zip(options, vocabulary.ids(), strict=True))
    picked = split_choices(value, options)
    if picked is not None:
        return [by_option[option] for option in picked]
    ids = []
    for part in (p for p in one_line(value).split(", ") if p):
        meant = vocabulary.meant(part.split(":", 1)[0])
        if meant and meant not in ids:
            ids.append(meant)
        elif not meant:
            notes.append(f"„{question.label}“: „{shorten(part, 100)}“ gibt es in content/data/ nicht; bitte selbst wählen.")
    return ids


def read_draft(body: str, content: str) -> Draft:
    """The draft's fields from a proposal's text; ProposalError when it cannot be used."""
    given = answers(body)
    ticked = checked(given["einverstanden"])
    if CONSENT_PUBLISH not in ticked:
        raise ProposalError("Im Vorschlag fehlt das Einverständnis mit der Veröffentlichung (das erste Kästchen unter "
                            "„Einverständnis“). Ohne es legt die Redaktion keinen Entwurf an. Bitte die Person fragen, ob sie es "
                            "im Vorschlag ankreuzt (Vorschlag bearbeiten), und das Label danach erneut setzen.")
    schema = load_schema("story")["properties"]
    title = one_line(given["titel"])
    if not title:
        raise ProposalError("Der Vorschlag nennt keinen Namen des Projekts (Frage „Wie heißt das Projekt?“).")
    draft = Draft(title=shorten(title, schema["title"]["maxLength"]))
    if draft.title != title:
        draft.notes.append(f"Der Titel war länger als {schema['title']['maxLength']} Zeichen und ist gekürzt.")
    summary = one_line(given["kurz"])
    if summary:
        draft.fields["summary"] = shorten(summary, schema["summary"]["maxLength"])
        if draft.fields["summary"] != summary:
            draft.notes.append(f"Der Anreißer war länger als {schema['summary']['maxLength']} Zeichen und ist gekürzt.")
    vocabularies = load_terms(content)
    for question in QUESTIONS:
        if question.id in _VOCABULARY_FIELDS and given[question.id]:
            ids = _terms(question, given[question.id], vocabularies, draft.notes)
            if ids:
                draft.fields[_VOCABULARY_FIELDS[question.id]] = ids[0] if question.id == "phase" else ids
    known = _actor_names(content)
    for name in list_lines(given["wer"])[:20]:
        actor = known.get(fold(split_legal_form(name)[0]))
        if actor and actor not in draft.fields.setdefault("actors", []):
            draft.fields["actors"].append(actor)
        elif not actor:
            draft.unknown_actors.append(shorten(name, 200))
    if not draft.fields.get("actors"):
        draft.fields.pop("actors", None)
    contact_consent = CONSENT_CONTACT in ticked
    for question_id, (parent, child) in _OPTIONAL_FIELDS.items():
        value = shorten(one_line(given[question_id]), 300)
        if value and (parent != "contact" or contact_consent):
            draft.fields.setdefault(parent, {})[child] = value
    if not contact_consent and any(given[q] for q in _OPTIONAL_FIELDS if q.startswith("kontakt")):
        draft.notes.append("Kontaktdaten stehen im Vorschlag, aber ohne Einverständnis der Ansprechperson mit der Veröffentlichung; "
                           "sie sind nicht übernommen. Bitte nachfragen.")
    draft.texts = {label: shorten(clean(given[key]).strip(), COMMENT_LIMIT) for key, label in (
        ("was", "Was das Projekt anders macht"), ("wer", "Wer dahintersteht"), ("quelle", "Woher die Person das Projekt kennt"))
        if given[key].strip()}
    return draft


def _comment_block(draft: Draft, number: str, url: str) -> str:
    """The proposal's free texts as YAML comments: never read as fields, never shown on the site."""
    source = f"#{number}" + (f" ({url})" if url else "") if number else "einem Vorschlag"
    lines = [f"# Aus dem Vorschlag {source}. Diese Zeilen löschen, sobald der Text der Geschichte steht."]
    for label, text in draft.texts.items():
        lines.append(f"# {label}:")
        lines += [f"#   {line}".rstrip() for line in text.split("\n")]
    return "\n".join(lines) + "\n#\n"


def _slug(draft: Draft, content: str, number: str) -> str:
    """The draft's file name: from the title as `make story` makes it, else (a title it refuses, a taken name) vorschlag-<number>."""
    try:
        slug, _form = scaffold.file_name("story", draft.title.replace("/", " ").replace("\\", " ").lstrip("."))
    except scaffold.ScaffoldError:
        slug = ""
    if not slug or os.path.exists(os.path.join(content, "stories", f"{slug}.md")):
        slug = f"vorschlag-{number}" if number else ""
    if not slug or os.path.exists(os.path.join(content, "stories", f"{slug}.md")):
        raise ProposalError("Für diesen Vorschlag gibt es schon eine Geschichte mit demselben Dateinamen in content/stories/. "
                            "Bitte dort weiterschreiben.")
    return slug


def write_draft(draft: Draft, content: str, number: str = "", url: str = "", today: datetime.date | None = None) -> tuple[str, list]:
    """Write the draft into content/stories/; its path and the problems `make check` still finds in it."""
    from sinn_content_contract.site import check_file  # noqa: PLC0415 - the plugins path comes with the tools package

    slug = _slug(draft, content, number)
    url = url if _ISSUE_URL.fullmatch(url or "") else ""
    while True:  # each round leaves out at least one refused answer, so it ends
        filled = {name: json.dumps(value, ensure_ascii=False) for name, value in draft.fields.items()}
        path = scaffold.create("story", draft.title, content, today, filled=filled, slug=slug)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace("---\n", "---\n" + _comment_block(draft, number, url), 1))
        problems = check_file(content, path, today=today).problems
        refused = _refused_optional(draft, problems)
        if not refused:
            return path, problems
        os.remove(path)


def _refused_optional(draft: Draft, problems) -> bool:
    """Leave out each optional answer the checker refuses (a website that is no address …); whether one was."""
    refused = False
    for problem in problems:
        parent, _, child = (problem.field or "").partition(".")
        if parent in ("links", "contact") and child in draft.fields.get(parent, {}) and problem.severity != "warning":
            del draft.fields[parent][child]
            if not draft.fields[parent]:
                del draft.fields[parent]
            draft.notes.append(f"{parent}.{child} aus dem Vorschlag ist nicht übernommen: {problem.message}")
            refused = True
    return refused


def main(argv=None) -> int:
    """Command line entry point: 0 with a draft, 1 for a proposal the tool cannot use (kommentar.md says why)."""
    parser = argparse.ArgumentParser(description="Legt aus einem Vorschlag (Text des GitHub-Formulars) eine Geschichte als Entwurf an.")
    parser.add_argument("proposal", help="Datei mit dem Text des Vorschlags")
    parser.add_argument("--number", default="", help="Nummer des Vorschlags auf GitHub")
    parser.add_argument("--url", default="", help="Adresse des Vorschlags")
    parser.add_argument("--content", default="content")
    parser.add_argument("--out", required=True, help="Ordner für Entwurf und Texte des Pull Requests")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    number = args.number if re.fullmatch(r"[0-9]{1,9}", args.number or "") else ""
    os.makedirs(args.out, exist_ok=True)
    with open(args.proposal, encoding="utf-8", errors="replace") as handle:
        body = handle.read()
    try:
        draft = read_draft(body, args.content)
        path, problems = write_draft(draft, args.content, number, args.url)
    except ProposalError as error:
        with open(os.path.join(args.out, "kommentar.md"), "w", encoding="utf-8") as handle:
            handle.write(f"Aus diesem Vorschlag wurde kein Entwurf angelegt.\n\n{error}\n")
        logger.error("%s", error)
        return 1
    shutil.copyfile(path, os.path.join(args.out, os.path.basename(path)))
    with open(os.path.join(args.out, "titel.txt"), "w", encoding="utf-8") as handle:
        handle.write(f"Entwurf: {draft.title}\n")
    with open(os.path.join(args.out, "beschreibung.md"), "w", encoding="utf-8") as handle:
        handle.write(description(draft, path, problems, number, args.content))
    logger.info("Entwurf angelegt: %s (%d Meldungen von make check).", os.path.relpath(path), len(problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
