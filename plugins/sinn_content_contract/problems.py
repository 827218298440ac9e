"""Problems found in content, and the report that lists them for editors and for CI."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from sinn_core.containment import printable

ERROR = "error"
WARNING = "warning"
HELP = "Was die Meldungen bedeuten und wie Sie sie beheben: CONTRIBUTING.md, Abschnitt „Meldungen der Prüfung“."


def display_path(path: str) -> str:
    """A file's path as editors see it: relative to the working folder where possible."""
    relative = os.path.relpath(path)
    return printable(path if relative.startswith("..") else relative)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, in plain German, with where it is."""

    path: str
    message: str
    field: str | None = None
    line: int | None = None
    severity: str = ERROR
    column: int | None = None

    def format(self) -> str:
        """`datei:zeile: feld: meldung`, the form editors and editors' tools understand."""
        location = self.path + (f":{self.line}" if self.line else "")
        prefix = "Warnung: " if self.severity == WARNING else ""
        where = f"{self.field}: " if self.field else ""
        return printable(f"{location}: {prefix}{where}{self.message}")

    def as_dict(self) -> dict:
        """The problem for machines: file, line, column, field, severity, message and the text line."""
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
            "text": self.format(),
        }

    def sort_key(self):
        """Files in order, then lines, errors before warnings on the same line."""
        return (self.path, self.line or 0, self.severity != ERROR, self.field or "", self.message)


@dataclass
class Report:
    """All problems of one check run."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    _seen: set = field(default_factory=set, repr=False, compare=False)

    def add(self, problem: Problem) -> None:
        """Record a problem, once: the same message for the same place is not repeated."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def extend(self, problems) -> None:
        """Record several problems."""
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the build."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth fixing that do not stop the build."""
        return [p for p in self.problems if p.severity == WARNING]

    def sorted(self) -> list[Problem]:
        """Problems ordered by file and line."""
        return sorted(self.problems, key=Problem.sort_key)

    def summary(self) -> str:
        """One German line: how many errors and warnings in how many files."""
        if not self.problems:
            return f"Keine Fehler: {_files(self.files_checked)} geprüft."
        files = len({p.path for p in self.problems})
        errors = len(self.errors)
        warnings = len(self.warnings)
        return (
            f"{errors} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'} "
            f"in {_files(files)} ({_files(self.files_checked)} geprüft)."
        )

    def render(self, output_format: str = "text") -> str:
        """The whole report as text, JSON or GitHub Actions annotations."""
        problems = self.sorted()
        if output_format == "json":
            return json.dumps(
                {
                    "summary": self.summary(),
                    "errors": len(self.errors),
                    "warnings": len(self.warnings),
                    "files_checked": self.files_checked,
                    "files_with_problems": len({p.path for p in problems}),
                    "problems": [p.as_dict() for p in problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        if output_format == "github":
            lines = [_annotation(p) for p in problems]
            return "\n".join([*lines, self.summary()])
        lines = [*(p.format() for p in problems), self.summary()]
        if self.errors:
            lines.append(HELP)
        return "\n".join(lines)


def _files(count: int) -> str:
    return f"{count} {'Datei' if count == 1 else 'Dateien'}"


def _annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the line in the pull request."""
    kind = "error" if problem.severity == ERROR else "warning"
    props = f"file={_escape_property(os.path.normpath(problem.path))}"
    if problem.line:
        props += f",line={problem.line}"
        if problem.column:
            props += f",col={problem.column}"
    props += f",title={_escape_property(problem.field or 'Inhaltsprüfung')}"
    text = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{kind} {props}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
