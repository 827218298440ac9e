"""What a screen reader makes of a text: image descriptions, link texts and the order of headings.

Judged on the published HTML (the allowlist's output, body.examine), so the checker sees exactly
the images, links and headings a reader gets; body.py finds each one's line in the Markdown. The
HTML is walked with the standard library's parser: nh3 has already made it well-formed, and only
tags and their text are needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from . import alt_text
from .problems import ERROR, WARNING

# Link texts that say nothing out of their sentence: screen readers list a page's links on their own, and
# "hier" five times tells no one where each leads. Compared folded (lower case, only letters and spaces). Not here:
# "Website" or "E-Mail", which name at least what kind of place the link leads to.
VAGUE_LINK_TEXTS = frozenset({
    "hier", "hier klicken", "klicken sie hier", "klick hier", "klicke hier", "bitte hier klicken", "hier entlang",
    "mehr", "mehr lesen", "weiterlesen", "weiter", "mehr erfahren", "mehr infos", "mehr informationen", "mehr dazu",
    "link", "dieser link", "diesen link", "zum link", "details", "click here", "here", "more", "read more", "this link",
})
HEADING_LEVELS = {"h2": 2, "h3": 3, "h4": 4}
_NOT_LETTERS = re.compile(r"[^\w\s]+|_")


@dataclass
class _Element:
    """An image, link or heading of the text, in order: what it is, its address or level, and its text."""

    kind: str
    target: str = ""
    level: int = 0
    text: str = ""
    images: list = field(default_factory=list)  # alt texts of images inside a link


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[_Element] = []
        self.open: list[_Element] = []  # the link and heading being read (a link may sit in a heading)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            image = _Element("image", attributes.get("src") or "", text=attributes.get("alt") or "")
            self.elements.append(image)
            for parent in self.open:
                parent.images.append(image.text)
                parent.text += image.text
        elif tag == "a" and attributes.get("href") is not None:
            self.open.append(_Element("link", attributes["href"]))
            self.elements.append(self.open[-1])
        elif tag in HEADING_LEVELS:
            self.open.append(_Element("heading", level=HEADING_LEVELS[tag]))
            self.elements.append(self.open[-1])

    def handle_endtag(self, tag):
        kind = "link" if tag == "a" else "heading" if tag in HEADING_LEVELS else None
        if kind and self.open and self.open[-1].kind == kind:
            self.open.pop()

    def handle_data(self, data):
        for parent in self.open:
            parent.text += data


def findings(cleaned: str, kind: str, title: str | None = None) -> list[tuple[str, list, str]]:
    """(message, needles for body._Lines, severity) for every image, link and heading a screen reader would stumble on."""
    walker = _Walker()
    walker.feed(cleaned)
    walker.close()
    found = []
    previous = 1 if kind in ("story", "page") else None  # the page's title is the <h1> above the text
    for element in walker.elements:
        if element.kind == "image":
            found += _image(element, title)
        elif element.kind == "link":
            found += _link(element)
        else:
            found += _heading(element, previous)
            previous = element.level
    return found


def _image(image: _Element, title: str | None) -> list:
    needles = [[f"![{image.text.lower()}]({image.target.lower()}"], [image.target.lower()]]
    if not image.text.strip():
        return [(f'Das Bild "{image.target}" hat keine Beschreibung. Schreiben Sie sie in die eckigen Klammern: '
                 f"![Was zu sehen ist]({image.target}). {alt_text.PHOTO_ADVICE}", needles, ERROR)]
    verdict = alt_text.judge(image.text, title=title, file_name=image.target)
    if verdict is None:
        return []
    message, severity = verdict
    return [(f'Bildbeschreibung von "{image.target}": {message}', needles, severity)]


def _link(link: _Element) -> list:
    needles = [[f"[{link.text.lower()}]({link.target.lower()}"], [link.target.lower()]]
    text = " ".join(link.text.split())
    if not text:
        what = "besteht nur aus einem Bild ohne Beschreibung" if link.images else "hat keinen Linktext"
        return [(f'Der Link auf "{link.target}" {what}: Screenreader lesen dann nur die Adresse oder gar nichts vor, und '
                 "sehende Leserinnen und Leser sehen nichts zum Anklicken. Schreiben Sie in die eckigen Klammern, wohin der "
                 f"Link führt, z. B. [Website des Projekts]({link.target}).", needles, ERROR)]
    if " ".join(_NOT_LETTERS.sub(" ", text.casefold()).split()) in VAGUE_LINK_TEXTS:
        return [(f'Der Linktext "{text}" sagt nicht, wohin der Link führt. Screenreader lesen die Links einer Seite auch als '
                 "Liste vor, ohne den Satz drumherum. Schreiben Sie das Ziel in den Linktext, z. B. "
                 f'"[Anmeldung zum Sprachcafé]({link.target})" statt "[{text}]({link.target})".', needles, WARNING)]
    return []


def _heading(heading: _Element, previous: int | None) -> list:
    if previous is None or heading.level <= previous + 1:
        return []
    text = " ".join(heading.text.split())
    marks = "#" * heading.level
    needles = [[re.compile(rf"^\s{{0,3}}{marks}\s+.*{re.escape(text[:30].lower())}")] if text else [],
               [re.compile(rf"^\s{{0,3}}{marks}(?:\s|$)"), re.compile(rf"<h{heading.level}\b")]]
    wanted = "#" * (previous + 1)
    before = "den Titel der Seite" if previous == 1 else f"eine Überschrift {'#' * previous}"
    return [(f'Die Überschrift "{marks} {text}" folgt auf {before}: eine Stufe fehlt dazwischen. Wer mit einem Screenreader '
             f'von Überschrift zu Überschrift springt, vermisst sie. Schreiben Sie "{wanted} {text}".',
             [tier for tier in needles if tier], WARNING)]


__all__ = ["VAGUE_LINK_TEXTS", "findings"]
