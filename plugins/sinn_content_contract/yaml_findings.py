"""A slip found in an editor's YAML, and the German words for the PyYAML errors no line-level hint explains."""

from __future__ import annotations

from dataclasses import dataclass

UNREADABLE = "Die Felder können nicht gelesen werden"
TAB = "Ein Tabulator steht in der Einrückung. Rücken Sie in YAML nur mit Leerzeichen ein."
DEFAULT_HINT = "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile und der Zeile davor."


@dataclass
class ParseError:
    """Where PyYAML got stuck (0-based lines of the YAML text) and its English words; or a message of our own."""

    line: int
    column: int = 0
    problem: str = ""
    context: str = ""
    context_line: int | None = None
    message: str | None = None


@dataclass
class Finding:
    """One slip on one line: the cause in German and the line as it should be written (None: no safe guess)."""

    index: int
    cause: str
    fixed: str | None = None
    column: int | None = None
    technical: str = ""
    whole: bool = False  # the cause is a whole message of its own (references)

    def message(self) -> str:
        """The editor's message: what cannot be read, why, and the corrected line."""
        if self.whole:
            return self.cause
        where = f" (Spalte {self.column})" if self.column else ""
        text = f"{UNREADABLE}{where}: {self.cause}"
        if self.fixed and self.fixed.strip():
            spaces = len(self.fixed) - len(self.fixed.lstrip(" "))
            text += f" Schreiben Sie die Zeile so: `{self.fixed}`"
            text += f" ({spaces} Leerzeichen am Anfang)." if spaces else "."
        if self.technical:
            text += f" (Technische Meldung: {self.technical})"
        return text


# PyYAML's problems (by a part of its English text), said so that a non-programmer knows what to
# change; `True` marks problems found at the end of something left open, reported where it begins.
YAML_HINTS = (
    ("mapping values are not allowed", False,
     "Ein Doppelpunkt steht, wo keiner erwartet wird. Enthält ein Wert einen Doppelpunkt, setzen Sie ihn in "
     'Anführungszeichen, z. B. title: "Pflege: neu gedacht". Oder die Zeile ist weiter eingerückt als die Felder davor.'),
    ("tab", False, TAB),
    ("cannot start any token", False,
     "Ein Wert beginnt mit einem Zeichen, das hier eine besondere Bedeutung hat (z. B. @, `, % oder |). "
     "Setzen Sie den Wert in Anführungszeichen."),
    ("could not find expected ':'", False,
     "Hier fehlt ein Doppelpunkt nach dem Feldnamen, oder ein Text in Anführungszeichen ist nicht geschlossen."),
    ("found unexpected end of stream", True,
     "Ein Anführungszeichen oder eine Klammer wird hier geöffnet, aber nicht geschlossen."),
    ("did not find expected ',' or", True,
     "Eine Liste in [ ] oder eine Gruppe in { } wird hier geöffnet, aber nicht richtig geschlossen. "
     "Enthält ein Eintrag ein Komma, setzen Sie ihn in Anführungszeichen."),
    ("did not find expected key", False,
     "Die Zeile passt nicht zu den Feldern davor: Entweder stimmt die Einrückung nicht (Felder einer Ebene stehen "
     "genau untereinander), oder nach einem Text in Anführungszeichen folgt noch etwas. Enthält ein Text selbst "
     "Anführungszeichen, setzen Sie ihn in die jeweils anderen (' statt \")."),
    ("did not find expected '-' indicator", False,
     "Die Einrückung der Liste stimmt nicht: jeder Eintrag beginnt mit '- ' auf gleicher Höhe."),
    ("expected <block end>", False, "Ein Listeneintrag ist anders eingerückt als die Einträge davor."),
    ("found undefined alias", False,
     "Ein Wert beginnt mit '*'. Setzen Sie ihn in Anführungszeichen, z. B. \"*neu*\"."),
    ("escape", False,
     'In "doppelten Anführungszeichen" hat \\ eine besondere Bedeutung. Verwenden Sie \'einfache\' Anführungszeichen.'),
    ("hexdecimal", False,
     'In "doppelten Anführungszeichen" hat \\ eine besondere Bedeutung. Verwenden Sie \'einfache\' Anführungszeichen.'),
    ("unhashable key", False, "Ein Feldname darf keine Liste und keine Gruppe sein."),
    ("could not determine a constructor", False,
     'Ein Wert beginnt mit "!". Setzen Sie ihn in Anführungszeichen.'),
)


def fallback_hint(problem: str) -> tuple[str, bool]:
    """The German hint for one of PyYAML's problems, and whether it is reported where the open thing begins."""
    return next(((text, start) for part, start, text in YAML_HINTS if part in problem), (DEFAULT_HINT, False))
