"""The pull request of a draft made from a proposal (tools/proposal.py): its description for the editors.

Texts from the proposal appear in the pull request only inside code blocks: GitHub shows them as
typed, and an @name or #number in them notifies nobody and links nothing.
"""

from __future__ import annotations

import os
import re


def fenced(text: str) -> str:
    """Text in a code block whose fence is longer than any run of backticks inside, so nothing in it ends the block."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def description(draft, path: str, problems, number: str, content: str) -> str:
    """The pull request's description: where the draft comes from, what was filled in, what is left to do."""
    relative = os.path.relpath(path, os.path.dirname(os.path.abspath(content))).replace(os.sep, "/")
    lines = [f"Entwurf einer Geschichte aus dem Vorschlag #{number}. Wird dieser Pull Request zusammengeführt, schließt "
             f"GitHub den Vorschlag (closes #{number}).", ""] if number else ["Entwurf einer Geschichte aus einem Vorschlag.", ""]
    lines += [f"Die Datei `{relative}` ist als Entwurf (`status: draft`) angelegt; die Antworten des Vorschlags stehen "
              "als Kommentare oben in der Datei. Übernommen sind:", ""]
    shown = {"summary": "Anreißer", "regions": "Regionen", "themes": "Themen", "stage": "Phase", "actors": "Akteure",
             "links": "Website", "contact": "Kontakt"}
    lines += [f"- {label}" for name, label in shown.items() if name in draft.fields] or ["- nur der Titel"]
    if draft.unknown_actors:
        lines += ["", "Für diese Organisationen gibt es noch kein Profil in `content/actors/`. Legen Sie es mit "
                  "`make actor NAME=\"…\"` an und tragen Sie die Kennung unter `actors:` ein:", "",
                  fenced("\n".join(draft.unknown_actors))]
    if draft.notes:
        lines += ["", "Hinweise:", "", fenced("\n".join(f"- {note}" for note in draft.notes))]
    errors = [problem.format() for problem in problems]
    lines += ["", "Noch offen laut `make check` (bis alles erledigt ist, bleibt die Prüfung rot):", "",
              fenced("\n".join(errors)) if errors else "Nichts: die Prüfung ist grün."]
    lines += ["", "Vor dem Veröffentlichen: Text der Geschichte schreiben, Titelbild mit Bildnachweis und Lizenz ablegen, "
              "Angaben beim Projekt bestätigen lassen, `status: draft` löschen."]
    return "\n".join(lines) + "\n"
