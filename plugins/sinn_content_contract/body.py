"""The Markdown text of stories, pages and actor descriptions: the HTML allowlist, unsafe and broken links.

The text is rendered as the build renders it (rendering.py), and everything html_policy.clean()
would remove or change is an error at the line where the editor wrote it: the checker and the
build cannot disagree. Links are taken from the rendered HTML too, so code, reference definitions
and escapes count exactly as Markdown counts them. Python-Markdown keeps no source positions, so
the line is found by searching the source for what was removed (the tag, attribute or address),
from the last find on, so that repeated removals map to successive places.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from . import body_structure, formats, html_policy, html_review, rendering
from .problems import ERROR, WARNING

MIN_BODY_WORDS = 80
MAX_FINDINGS = 100  # per text: more helps no editor, and finding each line costs time
INTERNAL_PREFIXES = html_policy.PLACEHOLDERS
_WORD = re.compile(r"\w+")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_ALLOWED = (
    "Erlaubt sind Überschriften (##), Absätze, Listen, Tabellen, Zitate (>), **fett**, *kursiv*, Code, "
    "Fußnoten, Links und Bilder aus content/images/."
)
_LAYOUT = "Die Gestaltung kommt von der Website selbst"
_EMBEDDED = "Videos, Karten und andere eingebettete Inhalte bitte als normalen Link angeben (bei Geschichten im Feld links.video)."
_ELEMENT_ADVICE = {
    **dict.fromkeys(("script", "noscript", "template"), "Skripte sind aus Sicherheitsgründen gesperrt. Bitte entfernen."),
    **dict.fromkeys(("style", "link", "meta", "base", "font", "center", "marquee", "blink"), f"{_LAYOUT}. Bitte entfernen."),
    **dict.fromkeys(("iframe", "frame", "frameset", "embed", "object", "applet", "video", "audio", "source", "track",
                     "picture", "canvas", "portal", "param"), _EMBEDDED),
    **dict.fromkeys(("form", "input", "textarea", "button", "select", "option", "optgroup", "label", "fieldset", "legend",
                     "datalist", "output", "meter", "progress", "dialog"),
                    "Formulare gibt es im Text nicht. Verlinken Sie die Seite mit dem Formular: [Zum Formular](https://…)."),
    **dict.fromkeys(("svg", "math"), "Grafiken bitte als Bild nach content/images/ hochladen und mit ![Beschreibung](/images/name.png) einbinden."),
    **dict.fromkeys(("div", "span", "section", "article", "aside", "header", "footer", "nav", "main", "address", "hgroup", "search"),
                    "Die Gliederung kommt von der Website: schreiben Sie den Text ohne dieses Element "
                    "(Absätze trennt eine Leerzeile, Überschriften beginnen mit ##)."),
}
_HEADING_ADVICE = {
    "h1": "Überschriften im Text beginnen mit ## (zwei Rauten): die oberste Überschrift (# oder <h1>) ist der Titel der Seite. "
          "Schreiben Sie ## statt #.",
    "h5": "Im Text gibt es drei Stufen von Überschriften: ##, ### und ####. Schreiben Sie #### oder **fetten Text**.",
}
_HEADING_ADVICE["h6"] = _HEADING_ADVICE["h5"]
_HEADING_MARK = {"h1": r"#", "h5": r"#{5}", "h6": r"#{6}"}


@dataclass
class Verdict:
    """What the checker says about one text: problems (line, field, message, severity) and internal links (line, target)."""

    problems: list[tuple] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)
    cleaned: str = ""  # the HTML the build publishes for this text


def examine(text: str, first_line: int, kind: str, field: str = "Text", settings=None, title: str | None = None) -> Verdict:
    """Render text as the build does; every removal by the HTML allowlist, every bad link, image description and heading
    order (title: the page's, which an image description must not only repeat), and the internal links."""
    verdict = Verdict()
    review = html_review.review(rendering.render(text, settings))
    verdict.cleaned = review.cleaned
    lines = _Lines(text, first_line)
    findings = [finding for change in review.changes for finding in _change_messages(change)]
    for message, needles in findings[:MAX_FINDINGS]:
        verdict.problems.append((lines.find(needles), field, message, ERROR))
    if len(findings) > MAX_FINDINGS:
        verdict.problems.append((lines.fallback, field, (
            f"Dazu kommen {len(findings) - MAX_FINDINGS} weitere Stellen mit HTML, das die Website entfernen oder ändern würde. "
            "Bitte zuerst die genannten beheben und dann erneut prüfen."), ERROR))
    lines.rewind()
    for snippet in _inert_markup(review.cleaned):
        verdict.problems.append((lines.find([snippet.lower()[:40]]), field, (
            f'"{snippet[:60]}" sieht aus wie HTML mit Programmcode. Die Website zeigt es nur als Text, aber es gehört nicht '
            "in eine Geschichte: bitte entfernen. Wer Code zeigen will, setzt ihn in `Backticks`."), ERROR))
    lines.rewind()
    for tag, _attribute, target in review.links:
        line = lines.find([target.lower()])
        if tag == "a":
            verdict.problems += [(line, field, message, severity) for message, severity in _link_messages(target)]
        if (target.startswith("/") and not target.startswith("//")) or target.startswith(INTERNAL_PREFIXES):
            verdict.links.append((line, target))
    lines.rewind()
    for message, needles, severity in body_structure.findings(review.cleaned, kind, title)[:MAX_FINDINGS]:
        verdict.problems.append((lines.find(needles), field, message, severity))
    if kind == "story":
        words = len(_WORD.findall(text))
        if words < MIN_BODY_WORDS:
            counted = "1 Wort" if words == 1 else f"{words} Wörter"
            verdict.problems.append((first_line + len(text) - len(text.lstrip("\n")), field, (
                f"hat nur {counted}. Eine Geschichte sollte mindestens {MIN_BODY_WORDS} Wörter haben, "
                "damit Leserinnen und Leser verstehen, worum es geht."
            ), WARNING))
    return verdict


# Markup Markdown did not take as HTML (e.g. an unquoted value with a quote in it) is shown as text: harmless
# on the page, but never meant as text. Only what would run as code counts; code spans and blocks do not.
_CODE = re.compile(r"<(code|pre)\b[^>]*>.*?</\1>", re.DOTALL)
_INERT_SCRIPT = re.compile(r"&lt;\s*/?\s*[a-zA-Z][^<&]*?(?:\bon[a-zA-Z]+\s*=|javascript:|script\b)[^<]*?(?:&gt;|$)", re.IGNORECASE | re.MULTILINE)


def _inert_markup(rendered: str) -> list[str]:
    """Texts in the rendered HTML, outside code, that look like tags with script: as the editor wrote them."""
    return [html.unescape(match.group(0)) for match in _INERT_SCRIPT.finditer(_CODE.sub("", rendered))]


def check_body(text: str, first_line: int, kind: str, field: str = "Text", settings=None) -> list[tuple]:
    """(line, field, message, severity) for HTML the allowlist removes, unsafe or malformed links and a too short text."""
    return examine(text, first_line, kind, field, settings).problems


def _change_messages(change: html_review.Change) -> list[tuple[str, list]]:
    """What to tell the editor about one removal or change, in plain German, and what to look for to find its line."""
    if change.kind == "element":
        messages = [(_element_message(change.tag, dict(change.attributes)), _element_needles(change))]
        # The handlers of a removed element are named too (searched from the element on): they are what would run code.
        return messages + [(_attribute_message(change.tag, name, value), _attribute_needles(name, value))
                           for name, value in change.attributes if name.startswith("on")]
    if change.kind == "attribute":
        return [(_attribute_message(change.tag, change.name, change.value), _attribute_needles(change.name, change.value))]
    if change.kind == "end":
        return [(f"Das schließende </{change.tag}> gehört zu keinem erlaubten Element und würde die Seite verändern. Bitte entfernen.",
                 [_tag_needle("/" + change.tag)])]
    snippet = change.value if len(change.value) <= 60 else change.value[:57] + "…"
    return [(f'Dieses HTML ist unvollständig oder falsch verschachtelt: die Website würde den Text hier ändern ("{snippet}"). '
             "Bitte als einfachen Text mit Markdown schreiben.", [change.value[:20].lower()])]


def _element_message(tag: str, attributes: dict) -> str:
    if tag in html_policy.TAGS - {"div"} and (tag != "img" or html_policy.allowed_image(attributes.get("src", ""))):
        return (f"Das HTML-Element <{tag}> steht in einem Element, das entfernt wird, oder ist falsch verschachtelt: "
                "die Website würde es hier entfernen. Bitte als einfachen Text mit Markdown schreiben.")
    if tag == "img":
        return _image_message(attributes.get("src", ""))
    if tag in _HEADING_ADVICE:
        return _HEADING_ADVICE[tag]
    if ":" in tag:  # <javascript:…> or <ftp:…>: meant as a link, read as an element
        scheme = formats.unsafe_scheme(tag)
        return formats.unsafe_message(scheme) if scheme else f'"<{tag}>" ist kein Link. Schreiben Sie Links als [Text](https://…).'
    return f"Das HTML-Element <{tag}> ist im Text nicht erlaubt. " + _ELEMENT_ADVICE.get(tag, f"{_ALLOWED} Bitte entfernen.")


def _image_message(src: str) -> str:
    scheme = formats.unsafe_scheme(src)
    if scheme:
        return formats.unsafe_message(scheme)
    lower = src.strip().lower()
    if not lower:
        return "Ein Bild braucht eine Adresse, z. B. ![Beschreibung](/images/ordner/name.jpg)."
    if lower.startswith(("http://", "https://", "//")):
        return (
            f'Das Bild "{src}" liegt auf einer anderen Website und wird nicht angezeigt: es würde beim Lesen Daten an fremde '
            "Server schicken. Laden Sie das Bild nach content/images/ hoch und schreiben Sie ![Beschreibung](/images/name.jpg)."
        )
    path = lower.removeprefix("content/").removeprefix("{static}")
    if path.startswith("images/"):
        return f'Schreiben Sie die Bildadresse mit "/" am Anfang und ohne "content/": /{src.strip()[len(src.strip()) - len(path):]}.'
    return (
        f'Die Bildadresse "{src}" ist nicht erlaubt. Bilder im Text liegen in content/images/ und werden mit /images/… '
        'angegeben, ohne "..", "//", "?" und "#", z. B. ![Beschreibung](/images/ordner/name.jpg).'
    )


def _attribute_message(tag: str, name: str, value: str) -> str:
    if name.startswith("on"):
        return f"Das HTML-Attribut {name}= ist nicht erlaubt, weil es Programmcode ausführt. Bitte entfernen."
    if name == "href" and tag == "a":
        return _refused_link_message(value)
    if name == "id" and tag in ("li", "sup") and value.startswith(("fn:", "fnref")):
        return "Die Kennung einer Fußnote darf keine Leerzeichen enthalten. Schreiben Sie z. B. [^1] oder [^quelle]."
    if name in ("class", "style", "id") or name.startswith("data-"):
        return (f"Das HTML-Attribut {name}= ist im Text nicht erlaubt. {_LAYOUT}; bitte das Attribut entfernen "
                "(auch aus {: …} hinter Absätzen und Überschriften).")
    if name in ("srcset", "sizes"):
        return f"Bilder in mehreren Größen erzeugt die Website selbst; bitte {name}= entfernen."
    if name == "target":
        return "Links öffnen im selben Fenster, wie Besucherinnen und Besucher es erwarten; bitte target= entfernen."
    if (tag, name) in html_policy.VALUES:
        return f'Der Wert "{value}" ist für {name}= nicht erlaubt. Tabellen und Listen schreiben Sie am besten in Markdown.'
    return f"Das HTML-Attribut {name}= ist im Text nicht erlaubt und wird nicht veröffentlicht. Bitte entfernen."


def _refused_link_message(target: str) -> str:
    found = [message for message, severity in _link_messages(target) if severity == ERROR]
    if found:
        return found[0]
    stripped = target.strip()
    if stripped.startswith("//"):
        return f'Der Link "{target}" beginnt mit //. Links auf andere Websites beginnen mit https://, z. B. "https:{stripped}".'
    if stripped != target or re.search(r"[\x00-\x1f\x7f\\]", target):
        return (f'Der Link "{stripped}" enthält Leerzeichen am Rand, einen Zeilenumbruch, ein Steuerzeichen oder "\\". '
                'Bitte den Link in eine Zeile schreiben und Ordner mit "/" trennen.')
    if target.startswith(("{static}", "{attach}")):
        return f'Der Link "{target}" darf kein ".." enthalten. Schreiben Sie den Pfad ab dem Inhaltsordner, z. B. {{static}}/files/name.pdf.'
    if _SCHEME.match(target):
        return (f'Der Link "{target}" wird nicht veröffentlicht. Möglich sind Links auf Web-Adressen (https://…), '
                "E-Mail-Adressen (mailto:…), Telefonnummern (tel:…) und Seiten dieser Website (/…).")
    return (f'Der Link "{target}" ist unvollständig. Links auf Seiten dieser Website beginnen mit /, z. B. /geschichten/name/; '
            "Links auf andere Websites mit https://.")


def _link_messages(target: str) -> list[tuple[str, str]]:
    """Problems of a link target as an editor wrote it: unsafe scheme, malformed e-mail address or web address."""
    scheme = formats.unsafe_scheme(target)
    if scheme:
        return [(formats.unsafe_message(scheme), ERROR)]
    lower = target.lower()
    if lower.startswith("mailto:"):
        if formats.check("email", target[7:].split("?", 1)[0], ""):
            return [(f'Der Link "{target}" enthält keine gültige E-Mail-Adresse. Eine Adresse hat die Form name@beispiel.de.', ERROR)]
        return []
    if lower.startswith("www."):
        return [(f'Vor dem Link "{target}" fehlt https://, sonst führt er ins Leere. Schreiben Sie "https://{target}".', ERROR)]
    if "://" in lower or re.match(r"^ht+p", lower):
        return [(f"Link: {message}", severity) for message, severity in formats.check("url", target, "")]
    return []


def _tag_needle(tag: str) -> re.Pattern:
    return re.compile(rf"<{re.escape(tag)}(?![\w:-])")


def _element_needles(change: html_review.Change) -> list:
    """Where an element may stand in Markdown: its tag, a heading's #, or the address of an image or link."""
    needles: list = [_tag_needle(change.tag)]
    if change.tag in _HEADING_MARK:
        needles.append(re.compile(rf"^\s{{0,3}}{_HEADING_MARK[change.tag]}(?:\s|$)"))
        if change.tag == "h1":
            needles.append(re.compile(r"^\s{0,3}=+\s*$"))
    addresses = [value.strip().lower() for name, value in change.attributes if name in ("href", "src") and value.strip()]
    # A short address ("x") is found in any word: only if nothing better is.
    return [needles + [a for a in addresses if len(a) > 3], [a for a in addresses if len(a) <= 3]]


def _attribute_needles(name: str, value: str) -> list:
    """Where an attribute may stand: the address it holds, .class and #id in {: …}; failing those, name= in HTML or {: …}."""
    needles: list = []
    if name in ("href", "src") and value.strip():
        needles.append(value.strip().lower())
    elif name == "class" and value.split():
        needles.append("." + value.split(maxsplit=1)[0].lower())
    elif name == "id" and value:
        needles.append("#" + value.lower())
    return [needles, [re.compile(rf"(?<![\w-]){re.escape(name)}\s*=")]]


class _Lines:
    """Finds the file line of what an editor wrote, searching on from the last find, so repeated things map in order."""

    def __init__(self, text: str, first_line: int):
        self.lines = text.split("\n")
        self.first_line = first_line
        self._folded: list[tuple[str, ...]] | None = None
        self.cursor = (0, 0)
        blank = next((i for i, line in enumerate(self.lines) if line.strip()), 0)
        self.fallback = first_line + blank

    def rewind(self) -> None:
        """Search from the start of the text again."""
        self.cursor = (0, 0)

    def find(self, needles: list) -> int:
        """The file line of the first needle at or after the cursor (else anywhere); else the first line of the text.

        needles is a list of strings (lower case) and patterns, or a list of such lists: weaker ones tried only if none of
        the stronger ones is found anywhere.
        """
        if self._folded is None:
            self._folded = [(line.lower(), html.unescape(line).lower()) for line in self.lines]
        for tier in needles if needles and isinstance(needles[0], list) else [needles]:
            hit = self._search(tier, *self.cursor) or self._search(tier, 0, 0)
            if hit is not None:
                self.cursor = (hit[0], hit[1] + 1)
                return self.first_line + hit[0]
        return self.fallback

    def _search(self, needles: list, line: int, column: int):
        for index in range(line, len(self.lines)):
            start = column if index == line else 0
            found = []
            for variant in self._folded[index]:
                for needle in needles:
                    if isinstance(needle, re.Pattern):
                        match = needle.search(variant, start)
                        found += [match.start()] if match else []
                    elif needle and variant.find(needle, start) >= 0:
                        found.append(variant.find(needle, start))
            if found:
                return index, min(found)
        return None


__all__ = ["MIN_BODY_WORDS", "Verdict", "check_body", "examine"]
