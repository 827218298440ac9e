"""Reading a proposal: the text GitHub writes for a filled-in issue form, split into its answers, as data.

GitHub writes each answer under its question as a heading (`### <label>`), "_No response_" for an
empty one, the choices of a dropdown joined by ", " and checkboxes as `- [X] …`. Everything in it was
typed by someone on the internet: it is only ever split, compared and copied, never run or pasted
into a command. Own code rather than a library: the format is GitHub's, no maintained library reads it.
"""

from __future__ import annotations

import re
import unicodedata

from tools.proposal_form import QUESTIONS

NO_RESPONSE = "_No response_"
MAX_TEXT = 200_000  # GitHub keeps at most 65,536 characters of an issue; anything longer is not GitHub's text
# Every character that some reader takes for the end of a line: YAML 1.1 also ends lines at NEL, LS and PS.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CHECKED = re.compile(r"^- \[[xX]\] (.*)$")


class ProposalError(ValueError):
    """A proposal the tool cannot read; the German message goes to the editor as a comment on the proposal."""


def clean(text: str) -> str:
    """Text with line breaks as \\n only, tabs as spaces, and no other control or invisible format characters."""
    text = _LINE_BREAKS.sub("\n", text[:MAX_TEXT]).replace("\t", " ")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))


def one_line(text: str) -> str:
    """A value for a one-line field: every run of white space (line breaks too) as one space."""
    return " ".join(text.split())


def answers(body: str) -> dict[str, str]:
    """The answers by question id ("" when empty); ProposalError when a question's heading is missing or repeated."""
    labels = {f"### {question.label}": question.id for question in QUESTIONS}
    found: dict[str, list[str]] = {}
    current = None
    for line in clean(body or "").split("\n"):
        heading = labels.get(line.strip())
        if heading is not None:
            if heading in found:
                # Someone wrote a question's heading into an answer: which text belongs where is no longer certain.
                raise ProposalError(f"Die Überschrift „{line.strip()}“ steht mehrmals im Vorschlag, so ist nicht sicher, welche "
                                    "Antwort wozu gehört. Bitte die doppelte Überschrift aus dem Text des Vorschlags löschen "
                                    "und das Label erneut setzen.")
            found[heading] = []
            current = heading
        elif current is not None:
            found[current].append(line)
    missing = [question.label for question in QUESTIONS if question.required and question.id not in found]
    if missing:
        raise ProposalError("Dieser Vorschlag ist nicht mit dem Formular „Soziale Innovation vorschlagen“ geschrieben: es fehlen "
                            f"die Fragen {', '.join(f'„{label}“' for label in missing)}. Bitte die Angaben in einem neuen "
                            "Vorschlag mit dem Formular eintragen lassen.")
    result = {}
    for question in QUESTIONS:
        text = "\n".join(found.get(question.id, [])).strip()
        result[question.id] = "" if text == NO_RESPONSE else text
    return result


def checked(text: str) -> set[str]:
    """The labels of the ticked checkboxes."""
    return {match.group(1).strip() for line in text.split("\n") if (match := _CHECKED.match(line.strip()))}


def split_choices(value: str, options: list[str]) -> list[str] | None:
    """The options a dropdown's answer names, in its order; None when it is not made of the options alone.

    Options may hold ", " themselves ("Kinder, Jugend und Familie"), so the answer is matched against
    whole options, longest first, rather than split at every comma.
    """
    value = one_line(value)
    ordered = sorted(set(options), key=len, reverse=True)
    memo: dict[int, list[str] | None] = {}

    def from_position(start: int) -> list[str] | None:
        if start in memo:
            return memo[start]
        memo[start] = None
        for option in ordered:
            if value.startswith(option, start):
                end = start + len(option)
                if end == len(value):
                    memo[start] = [option]
                    break
                if value.startswith(", ", end) and (rest := from_position(end + 2)) is not None:
                    memo[start] = [option, *rest]
                    break
        return memo[start]

    return from_position(0) if value else []


def list_lines(text: str) -> list[str]:
    """The lines of an answer as entries: list markers ("- ", "* ", "1. ") removed, empty lines dropped."""
    entries = []
    for line in text.split("\n"):
        entry = one_line(re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line))
        if entry and entry not in entries:
            entries.append(entry)
    return entries
